//! A warning for CloudFormation `${…}` text (`${AWS::Region}`,
//! `${Table.Arn}`) in a string that is not inside `sub(…)`: CloudFormation
//! would leave it as text, which is rarely what was meant.

use crate::diagnostic::{Code, Diagnostic};
use crate::syntax::{File, Item, StringLit, StringPart, Value, ValueKind};

/// Every `${…}` CloudFormation text outside `sub(…)` in `file`.
pub fn check_sub_text(file: &File) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    items(&file.items, &mut diagnostics);
    diagnostics
}

fn items(items: &[Item], diagnostics: &mut Vec<Diagnostic>) {
    for item in items {
        match item {
            Item::Attribute(attribute) => value(&attribute.value, diagnostics),
            Item::Block(block) => self::items(&block.body, diagnostics),
            Item::Error(_) => {}
        }
    }
}

fn value(value: &Value, diagnostics: &mut Vec<Diagnostic>) {
    match &value.kind {
        ValueKind::String(lit) => string(lit, value, diagnostics),
        ValueKind::List(values) => values.iter().for_each(|v| self::value(v, diagnostics)),
        ValueKind::Object(attributes) => attributes.iter().for_each(|a| self::value(&a.value, diagnostics)),
        ValueKind::Call(call) => {
            let skip = usize::from(call.name.text == "sub");
            call.args.iter().skip(skip).for_each(|v| self::value(v, diagnostics));
        }
        _ => {}
    }
}

fn string(lit: &StringLit, value: &Value, diagnostics: &mut Vec<Diagnostic>) {
    let Some((text, span)) = lit.parts.iter().find_map(|p| match p {
        StringPart::Sub { text, span } if !text.starts_with("${!") => Some((text, *span)),
        _ => None,
    }) else {
        return;
    };
    let mut diagnostic = Diagnostic::warning(
        Code::W0301,
        format!("`{text}` is CloudFormation `sub` syntax, but this string is not in `sub(…)`"),
        span,
        "stays as literal text",
    )
    .with_help("wrap the string in sub(…) to have CloudFormation fill it in");
    diagnostic =
        diagnostic.with_fix("Wrap in sub(…)", value.span, format!("sub({})", crate::format::string_literal_of(lit)));
    diagnostics.push(diagnostic);
}
