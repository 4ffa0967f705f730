//! Checking and coercing one value against a scalar type.

use compact_str::ToCompactString;

use crate::diagnostic::{Code, Diagnostic};
use crate::schema::{Ty, quoted};
use crate::tree::{Node, NodeKind};

/// `node` checked against `ty` (a scalar type), coerced as the Serverless
/// Framework coerces it.
pub fn check(node: &Node, ty: &Ty) -> Result<Node, Box<Diagnostic>> {
    let call = matches!(node.kind, NodeKind::Call(_));
    if is_dynamic_reference(node) {
        // `${ssm:…}` becomes `{{resolve:ssm:…}}`: its value is only known
        // to CloudFormation, at deploy time.
        return Ok(node.clone());
    }
    match ty {
        Ty::String | Ty::StringOrIntrinsic if call => Ok(node.clone()),
        Ty::Intrinsic | Ty::Pattern { .. } if call => Ok(node.clone()),
        Ty::Intrinsic => Err(Box::new(mismatch(node, "an intrinsic function such as ref(…)"))),
        Ty::String | Ty::StringOrIntrinsic => text(node).map(|t| with(node, NodeKind::String(t.into()))),
        Ty::Pattern { expected, check } => {
            let t = text(node)?;
            check(&t).map_err(|why| Box::new(invalid(node, expected, &why)))?;
            Ok(with(node, NodeKind::String(t.into())))
        }
        Ty::Enum(values) => enumerated(node, values),
        Ty::Bool => boolean(node),
        Ty::Integer { min, max, unit } => {
            let n = integer(node)?;
            if n < *min || n > *max {
                // An upper limit of i64::MAX means there is none.
                let allowed = if *max == i64::MAX {
                    format!("at least {min}{}", suffix(unit))
                } else {
                    format!("between {min} and {max}{}", suffix(unit))
                };
                return Err(Box::new(out_of_range(node, n, &allowed)));
            }
            Ok(with(node, NodeKind::Number(n.to_compact_string())))
        }
        Ty::IntEnum { values, unit } => {
            let n = integer(node)?;
            if !values.contains(&n) {
                let list: Vec<String> = values.iter().map(i64::to_string).collect();
                let diagnostic = out_of_range(node, n, &format!("one of {}{}", list.join(", "), suffix(unit)));
                let below = values.iter().rev().find(|v| **v < n);
                let above = values.iter().find(|v| **v > n);
                let help = match (below, above) {
                    (Some(b), Some(a)) => format!("the nearest allowed values are {b} and {a}"),
                    (Some(v), None) | (None, Some(v)) => format!("the nearest allowed value is {v}"),
                    (None, None) => return Err(Box::new(diagnostic)),
                };
                return Err(Box::new(diagnostic.with_help(help)));
            }
            Ok(with(node, NodeKind::Number(n.to_compact_string())))
        }
        _ => Ok(node.clone()),
    }
}

/// Text holding a CloudFormation dynamic reference, `{{resolve:ssm:/x}}`.
fn is_dynamic_reference(node: &Node) -> bool {
    matches!(&node.kind, NodeKind::String(t) if t.contains("{{resolve:"))
}

/// "expected X, found Y" at the node. A short scalar is quoted, since a
/// value produced by a variable is not visible in the source.
pub fn mismatch(node: &Node, expected: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0302,
        format!("expected {expected}, found {}", found(node)),
        node.span,
        format!("this is {}", node.describe()),
    )
}

/// "the string `big`", "the boolean `true`", "a list".
fn found(node: &Node) -> String {
    let (what, value) = match &node.kind {
        NodeKind::String(text) => ("string", text.to_string()),
        NodeKind::Number(raw) => ("number", raw.to_string()),
        NodeKind::Bool(b) => ("boolean", b.to_string()),
        _ => return node.describe().to_owned(),
    };
    if value.chars().count() > 40 || value.contains(['\n', '`']) {
        return node.describe().to_owned();
    }
    format!("the {what} `{value}`")
}

fn with(node: &Node, kind: NodeKind) -> Node {
    Node::new(kind, node.span)
}

/// Text, from a string, number or boolean.
fn text(node: &Node) -> Result<String, Box<Diagnostic>> {
    match &node.kind {
        NodeKind::String(t) | NodeKind::Number(t) => Ok(t.to_string()),
        NodeKind::Bool(b) => Ok(b.to_string()),
        _ => Err(Box::new(mismatch(node, "a string"))),
    }
}

/// A whole number, from a number or numeric text.
fn integer(node: &Node) -> Result<i64, Box<Diagnostic>> {
    let raw = match &node.kind {
        NodeKind::Number(raw) => raw.as_str(),
        NodeKind::String(t) if t.trim().parse::<f64>().is_ok() => t.trim(),
        _ => return Err(Box::new(mismatch(node, "a whole number"))),
    };
    if let Ok(n) = raw.parse::<i64>() {
        return Ok(n);
    }
    match raw.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        _ => Err(Box::new(
            Diagnostic::error(
                Code::E0302,
                format!("expected a whole number, found `{raw}`"),
                node.span,
                "not a whole number",
            )
            .with_help("use a whole number here"),
        )),
    }
}

fn boolean(node: &Node) -> Result<Node, Box<Diagnostic>> {
    match &node.kind {
        NodeKind::Bool(_) => Ok(node.clone()),
        NodeKind::String(t) if t == "true" || t == "false" => Ok(with(node, NodeKind::Bool(t == "true"))),
        _ => Err(Box::new(mismatch(node, "true or false"))),
    }
}

fn enumerated(node: &Node, values: &[&str]) -> Result<Node, Box<Diagnostic>> {
    let t = text(node)?;
    if values.contains(&t.as_str()) {
        return Ok(with(node, NodeKind::String(t.into())));
    }
    // Long lists are cut in the label, and say so.
    let label = match values.len() {
        n if n > 8 => format!("expected one of {} or {} more", quoted(&values[..8]), n - 8),
        _ => format!("expected one of {}", quoted(values)),
    };
    let mut diagnostic =
        Diagnostic::error(Code::E0305, format!("`{t}` is not one of the allowed values"), node.span, label);
    if let Some(best) = crate::suggest::closest(&t, values.iter().copied()).or_else(|| extension(&t, values)) {
        diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
    } else if values.len() > 8 {
        diagnostic = diagnostic.with_help(format!("the allowed values are {}", quoted(values)));
    }
    Err(Box::new(diagnostic))
}

/// The one allowed value that `text` is the start of, as `x86` of `x86_64`.
fn extension<'a>(text: &str, values: &[&'a str]) -> Option<&'a str> {
    let text = text.to_lowercase();
    let mut longer = values.iter().filter(|v| text.len() >= 2 && v.to_lowercase().starts_with(&text));
    match (longer.next(), longer.next()) {
        (Some(only), None) => Some(*only),
        _ => None,
    }
}

fn invalid(node: &Node, expected: &str, why: &str) -> Diagnostic {
    Diagnostic::error(Code::E0303, format!("expected {expected}"), node.span, why.to_owned())
}

fn out_of_range(node: &Node, n: i64, allowed: &str) -> Diagnostic {
    Diagnostic::error(Code::E0304, format!("{n} is out of range"), node.span, format!("must be {allowed}"))
}

fn suffix(unit: &str) -> String {
    if unit.is_empty() { String::new() } else { format!(" {unit}") }
}
