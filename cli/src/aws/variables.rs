//! Deploy-time variables: `${cf:stack.Output}`, `${cf(region):stack.Output}`
//! and `${s3:bucket/key}`. The compiler keeps them as
//! [`NodeKind::Deferred`] (their source text, inside any surrounding
//! text); here each is read from AWS and the node becomes a string. A value
//! that cannot be read is a diagnostic on the variable, unless it has a
//! fallback (`${cf:a.B, "x"}`).

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use svc_compiler::diagnostic::{Code, Diagnostic};
use svc_compiler::span::Span;
use svc_compiler::tree::{Node, NodeKind};

use super::Aws;
use super::error::{describe as explain, status};
use super::stack;

/// Resolves every deploy-time value of `service` in place.
pub async fn resolve(service: &mut Node, aws: &Aws) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    collect(service, &mut found);
    if found.is_empty() {
        return Vec::new();
    }
    let mut values: BTreeMap<String, Result<String, String>> = BTreeMap::new();
    for (text, _) in &found {
        for variable in variables(text) {
            if let std::collections::btree_map::Entry::Vacant(entry) = values.entry(variable) {
                let value = value_of(entry.key(), aws).await;
                entry.insert(value);
            }
        }
    }
    let mut diagnostics = Vec::new();
    for (text, span) in &found {
        for variable in variables(text) {
            if let Some(Err(message)) = values.get(&variable) {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0212,
                        format!("`{variable}` has no value: {message}"),
                        *span,
                        "read from AWS at deploy time",
                    )
                    .with_help(
                        "add a fallback, such as `${cf:stack.Output, \"default\"}`, or deploy what it reads first",
                    ),
                );
            }
        }
    }
    if diagnostics.is_empty() {
        replace(service, &values);
    }
    diagnostics.dedup();
    diagnostics
}

fn collect(node: &Node, found: &mut Vec<(String, Span)>) {
    match &node.kind {
        NodeKind::Deferred(text) => found.push((text.clone(), node.span)),
        NodeKind::List(items) => items.iter().for_each(|i| collect(i, found)),
        NodeKind::Object(object) => object.entries.iter().for_each(|e| collect(&e.value, found)),
        NodeKind::Call(call) => call.args.iter().for_each(|a| collect(a, found)),
        _ => {}
    }
}

fn replace(node: &mut Node, values: &BTreeMap<String, Result<String, String>>) {
    match &mut node.kind {
        NodeKind::Deferred(text) => {
            let mut resolved = text.clone();
            for variable in variables(text) {
                if let Some(Ok(value)) = values.get(&variable) {
                    resolved = resolved.replacen(&variable, value, 1);
                }
            }
            node.kind = NodeKind::String(resolved.into());
        }
        NodeKind::List(items) => items.iter_mut().for_each(|i| replace(i, values)),
        NodeKind::Object(object) => object.entries.iter_mut().for_each(|e| replace(&mut e.value, values)),
        NodeKind::Call(call) => call.args.iter_mut().for_each(|a| replace(a, values)),
        _ => {}
    }
}

/// The `${cf…}` and `${s3:…}` variables in `text`, each as written.
pub fn variables(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let Some(end) = closing(&rest[start..]) else { break };
        let variable = &rest[start..start + end];
        let inner = &variable[2..variable.len() - 1];
        if inner.starts_with("cf:") || inner.starts_with("cf(") || inner.starts_with("s3:") {
            found.push(variable.to_owned());
        }
        rest = &rest[start + end..];
    }
    found
}

/// The length of the `${…}` at the start of `text`, braces and quotes
/// nested.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits `a, "b", c` at the top-level commas.
fn split_fallbacks(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut escaped, mut start) = (0usize, None::<char>, false, 0);
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => {
                parts.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].trim());
    parts
}

/// The value of one variable (with its fallbacks), or why there is none.
fn value_of<'a>(variable: &'a str, aws: &'a Aws) -> Pin<Box<dyn Future<Output = Result<String, String>> + 'a>> {
    Box::pin(async move {
        let inner = &variable[2..variable.len() - 1];
        let parts = split_fallbacks(inner);
        let mut first_error = None;
        for (i, part) in parts.iter().enumerate() {
            let result = if i == 0 { source(part, aws).await } else { fallback(part, aws).await };
            match result {
                Ok(value) => return Ok(value),
                Err(message) => {
                    first_error.get_or_insert(message);
                }
            }
        }
        Err(first_error.unwrap_or_else(|| "nothing to read".to_owned()))
    })
}

/// A fallback: a quoted string, a number or boolean as written, or
/// another deploy-time variable.
async fn fallback(text: &str, aws: &Aws) -> Result<String, String> {
    if text.starts_with("${") {
        if variables(text).len() == 1 {
            return value_of(text, aws).await;
        }
        return Err(format!("the fallback `{text}` cannot be read at deploy time"));
    }
    match text.chars().next() {
        Some(q @ ('"' | '\'')) if text.len() >= 2 && text.ends_with(q) => {
            Ok(text[1..text.len() - 1].replace(&format!("\\{q}"), &q.to_string()).replace("\\\\", "\\"))
        }
        _ => Ok(text.to_owned()),
    }
}

/// `cf:stack.Output`, `cf(region):stack.Output` or `s3:bucket/key`.
async fn source(text: &str, aws: &Aws) -> Result<String, String> {
    if let Some(rest) = text.strip_prefix("s3:") {
        let (bucket, key) = rest.split_once('/').ok_or("expected `${s3:bucket/key}`")?;
        return object(aws, bucket, key).await;
    }
    let (region, address) = match text.strip_prefix("cf(") {
        Some(rest) => {
            let (region, address) = rest.split_once("):").ok_or("expected `${cf(region):stack.Output}`")?;
            (Some(region.trim()), address)
        }
        None => (None, text.strip_prefix("cf:").unwrap_or(text)),
    };
    let (name, output) = address.split_once('.').ok_or("expected `${cf:stack.Output}`")?;
    let aws = match region {
        Some(region) => aws.in_region(region),
        None => aws.clone(),
    };
    let stack =
        stack::describe(&aws, name).await?.ok_or_else(|| format!("stack `{name}` does not exist in {}", aws.region))?;
    stack.output(output).map(str::to_owned).ok_or_else(|| {
        let keys: Vec<&str> = stack.outputs.iter().map(|(k, _)| k.as_str()).collect();
        match svc_compiler::suggest::closest(output, keys.iter().copied()) {
            Some(best) => format!("stack `{name}` has no output `{output}` (did you mean `{best}`?)"),
            None => format!("stack `{name}` has no output `{output}`"),
        }
    })
}

async fn object(aws: &Aws, bucket: &str, key: &str) -> Result<String, String> {
    let output = match aws.s3.get_object().bucket(bucket).key(key).send().await {
        Ok(output) => output,
        Err(error) if super::error::code(&error) == Some("NoSuchBucket") => {
            return Err(format!("bucket `{bucket}` does not exist"));
        }
        Err(error) if status(&error) == Some(404) => {
            return Err(format!("there is no object `{key}` in bucket `{bucket}`"));
        }
        Err(error) => return Err(explain(&error, &format!("cannot read `{key}` from bucket `{bucket}`"))),
    };
    let bytes = output.body.collect().await.map_err(|e| format!("cannot read `{key}` from bucket `{bucket}`: {e}"))?;
    String::from_utf8(bytes.into_bytes().to_vec()).map_err(|_| format!("`{key}` in bucket `{bucket}` is not text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_deploy_time_variables_in_text() {
        assert_eq!(
            variables("arn-${cf:net-dev.VpcId}-${s3:b/k, \"x}\"}-${other}"),
            ["${cf:net-dev.VpcId}", "${s3:b/k, \"x}\"}"]
        );
        assert_eq!(variables("${cf(eu-west-1):a.B}"), ["${cf(eu-west-1):a.B}"]);
    }

    #[test]
    fn splits_fallbacks_at_top_level_commas() {
        assert_eq!(split_fallbacks("cf:a.B, \"x, y\", ${cf:c.D, 1}"), ["cf:a.B", "\"x, y\"", "${cf:c.D, 1}"]);
    }
}
