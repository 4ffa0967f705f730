//! Values on one line: the inline form of scalars, lists, objects and
//! calls, when they have one.

use crate::syntax::{Attribute, Call, StringStyle, Value, ValueKind};

use super::comments::Comments;
use super::text;
use super::variable::{Quoting, variable};

/// The one-line form of `value`, or `None` when it must span several
/// lines: it is or holds a block string, or a comment lies inside it.
/// `src` is the source the tree was parsed from (for error nodes).
pub(super) fn inline(value: &Value, src: &str, comments: &Comments<'_>) -> Option<String> {
    let holds_comment = || comments.any_inside(value.span);
    match &value.kind {
        ValueKind::String(lit) => (lit.style == StringStyle::Quoted).then(|| text::quoted(lit)),
        ValueKind::Number(raw) => Some(raw.clone()),
        ValueKind::Bool(b) => Some(b.to_string()),
        ValueKind::Null => Some("null".to_owned()),
        ValueKind::Variable(var) => Some(variable(var, Quoting::Value)),
        ValueKind::Path(names) => Some(names.iter().map(text::name).collect::<Vec<_>>().join(".")),
        ValueKind::List(items) if !holds_comment() => Some(format!("[{}]", values(items, src, comments)?)),
        ValueKind::Object(entries) if !holds_comment() => object(entries, src, comments),
        ValueKind::Call(call) if !holds_comment() => self::call(call, src, comments),
        ValueKind::List(_) | ValueKind::Object(_) | ValueKind::Call(_) => None,
        ValueKind::Error => Some(src.get(value.span.range()).unwrap_or_default().to_owned()),
    }
}

/// `a, b, c`
fn values(values: &[Value], src: &str, comments: &Comments<'_>) -> Option<String> {
    let items = values.iter().map(|v| inline(v, src, comments)).collect::<Option<Vec<_>>>()?;
    Some(items.join(", "))
}

/// `{ k = v, k2 = v2 }`, or `{}`.
fn object(entries: &[Attribute], src: &str, comments: &Comments<'_>) -> Option<String> {
    if entries.is_empty() {
        return Some("{}".to_owned());
    }
    let entries = entries
        .iter()
        .map(|entry| Some(format!("{} = {}", text::name(&entry.key), inline(&entry.value, src, comments)?)))
        .collect::<Option<Vec<_>>>()?;
    Some(format!("{{ {} }}", entries.join(", ")))
}

/// `name(a, b)`
fn call(call: &Call, src: &str, comments: &Comments<'_>) -> Option<String> {
    Some(format!("{}({})", text::name(&call.name), values(&call.args, src, comments)?))
}
