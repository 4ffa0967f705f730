//! Variables in canonical form: `${source(param):address, fallback, ...}`.

use crate::syntax::{StringPart, Template, Value, ValueKind, Variable};

/// Where a variable stands, which decides how its string fallbacks are
/// quoted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Quoting {
    /// A whole value, `key = ${opt:stage, "dev"}`: fallbacks in `"..."`.
    Value,
    /// Inside a string, `"${opt:stage, 'dev'}"`: fallbacks in `'...'`.
    String,
}

/// A variable inside a string literal. Same as [`variable`], except that a
/// variable that would read as a `CloudFormation` `Fn::Sub` reference
/// (`${AWS::Region}` written `${ AWS::Region}`) keeps a blank after `${`.
pub(super) fn variable_in_string(var: &Variable, quoting: Quoting) -> String {
    let text = variable(var, quoting);
    let inner = &text[2..text.len() - 1];
    if reads_as_sub(inner) { format!("${{ {inner}}}") } else { text }
}

/// `${source(param):address, fallback, ...}`.
pub(super) fn variable(var: &Variable, quoting: Quoting) -> String {
    let mut out = String::from("${");
    out.push_str(&var.source.text);
    if let Some(param) = &var.param {
        out.push('(');
        push_template(&mut out, param, quoting);
        out.push(')');
    }
    if let Some(address) = &var.address {
        out.push(':');
        push_template(&mut out, address, quoting);
    }
    for fallback in &var.fallbacks {
        out.push_str(", ");
        push_fallback(&mut out, fallback, quoting);
    }
    out.push('}');
    out
}

/// Text parts as written, nested variables in canonical form.
fn push_template(out: &mut String, template: &Template, quoting: Quoting) {
    for part in &template.parts {
        match part {
            StringPart::Text { text, .. } | StringPart::Sub { text, .. } => out.push_str(text),
            StringPart::Variable(var) => out.push_str(&variable(var, quoting)),
        }
    }
}

/// One fallback: a quoted literal, number, boolean, `null` or variable.
fn push_fallback(out: &mut String, fallback: &Value, quoting: Quoting) {
    match &fallback.kind {
        ValueKind::String(lit) => {
            let text = lit.as_plain().unwrap_or_default();
            push_literal(out, &text, quoting);
        }
        ValueKind::Number(raw) => out.push_str(raw),
        ValueKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ValueKind::Null => out.push_str("null"),
        // A plain reference is written as the Serverless Framework writes
        // it (and as v3 requires): `${opt:stage, self:provider.stage}`.
        ValueKind::Variable(var) if var.fallbacks.is_empty() => {
            let text = variable(var, quoting);
            out.push_str(&text[2..text.len() - 1]);
        }
        ValueKind::Variable(var) => out.push_str(&variable(var, quoting)),
        // Not a fallback the scanner produces without an error.
        _ => {}
    }
}

/// A literal fallback. Inside a string it is single-quoted, and `"` is
/// escaped too, so that no `"` or `"""` inside can look like the end of the
/// string to a reader (or, in a block string, to the scanner). Fallbacks
/// only know `\` + character escapes, so other characters stay as they are.
fn push_literal(out: &mut String, text: &str, quoting: Quoting) {
    let quote = match quoting {
        Quoting::Value => '"',
        Quoting::String => '\'',
    };
    out.push(quote);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => super::text::push_unicode_escape(out, c),
            c if c == quote || c == '\\' || c == '"' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// True for the inside of `${...}` that the scanner would keep as a
/// `CloudFormation` `Fn::Sub` reference rather than an svc variable.
fn reads_as_sub(inner: &str) -> bool {
    let sub_chars = inner.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '.' | '!'));
    sub_chars && !inner.is_empty() && (inner.starts_with('!') || !inner.replace("::", "").contains(':'))
}
