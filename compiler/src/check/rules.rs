//! Checks that involve more than one key: what a table of keys cannot say.

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::{Entry, Node, NodeKind, Object};

/// AWS's limit on a function's environment variables: 4 KB in total.
const ENVIRONMENT_LIMIT: usize = 4 * 1024;

/// The most an HTTP API waits for its integration.
const HTTP_API_TIMEOUT: i64 = 30;

/// The cross-key rules for the whole service.
pub fn check_rules(service: &Node) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(root) = service.as_object() else { return diagnostics };
    let provider = root.get("provider").and_then(Node::as_object);
    deprecated_runtime(provider.and_then(|p| p.entry("runtime")), &mut diagnostics);
    let provider_env = provider.and_then(|p| p.get("environment")).and_then(Node::as_object);
    for layer in root.get("layers").and_then(Node::as_object).map(|l| l.entries()).unwrap_or_default() {
        allowed_accounts(layer, &mut diagnostics);
    }
    if let Some(functions) = root.get("functions").and_then(Node::as_object) {
        for entry in functions.entries() {
            if let Some(function) = entry.value.as_object() {
                handler_or_image(&entry.key, entry.key_span, function, &mut diagnostics);
                environment_size(&entry.key, function, provider_env, &mut diagnostics);
                http_api_timeout(function, provider, &mut diagnostics);
                edge_limits(entry, function, &mut diagnostics);
                deprecated_runtime(function.entry("runtime"), &mut diagnostics);
            }
        }
    }
    diagnostics
}

/// Each of a layer's `allowedAccounts` is a 12-digit account ID or `*`.
fn allowed_accounts(layer: &Entry, diagnostics: &mut Vec<Diagnostic>) {
    let accounts = layer.value.as_object().and_then(|l| l.get("allowedAccounts")).and_then(Node::as_list);
    for account in accounts.unwrap_or_default() {
        let Some(text) = account.as_str() else { continue };
        if text == "*" || (text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        diagnostics.push(
            Diagnostic::error(
                Code::E0312,
                format!("`{text}` is not an AWS account ID"),
                account.span,
                format!("layer `{}` cannot be shared with this", layer.key),
            )
            .with_help("write the 12-digit account ID, such as \"123456789012\", or \"*\" for every account"),
        );
    }
}

fn handler_or_image(name: &str, at: crate::span::Span, function: &Object, diagnostics: &mut Vec<Diagnostic>) {
    // A misspelt `handler` is already reported as an unknown key.
    let misspelt =
        || function.entries().iter().any(|e| crate::suggest::closest(&e.key, ["handler", "image"]).is_some());
    match (function.entry("handler"), function.entry("image")) {
        (None, None) if misspelt() => {}
        (None, None) => diagnostics.push(
            Diagnostic::error(
                Code::E0306,
                format!("function `{name}` has no `handler`"),
                at,
                "no `handler` (or `image`) here",
            )
            .with_help("add `handler = \"file.function\"`, such as `handler = \"handler.hello\"`"),
        ),
        (Some(handler), Some(image)) => diagnostics.push(
            Diagnostic::error(
                Code::E0310,
                format!("function `{name}` has both `handler` and `image`"),
                image.key_span,
                "an image function has no handler",
            )
            .with_secondary(handler.key_span, "handler set here")
            .with_help("keep `handler` for a zip package, or `image` for a container image"),
        ),
        _ => {}
    }
}

/// Provider and function variables together must fit in 4 KB.
fn environment_size(name: &str, function: &Object, provider: Option<&Object>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(own) = function.entry("environment") else { return };
    let Some(variables) = own.value.as_object() else { return };
    let size = |object: &Object, skip: Option<&Object>| -> usize {
        object
            .entries()
            .iter()
            .filter(|e| skip.is_none_or(|s| s.get(&e.key).is_none()))
            .map(|e| e.key.len() + e.value.as_str().map_or(0, str::len))
            .sum()
    };
    let total = size(variables, None) + provider.map_or(0, |p| size(p, Some(variables)));
    if total > ENVIRONMENT_LIMIT {
        diagnostics.push(
            Diagnostic::error(
                Code::E0311,
                format!("function `{name}` has {total} bytes of environment variables"),
                own.key_span,
                format!("over AWS's limit of {ENVIRONMENT_LIMIT} bytes"),
            )
            .with_help("move large values to SSM parameters or a file in the package, and read them at start-up"),
        );
    }
}

/// A function behind an HTTP API that may run longer than the API waits.
fn http_api_timeout(function: &Object, provider: Option<&Object>, diagnostics: &mut Vec<Diagnostic>) {
    let timeout = function.entry("timeout").or_else(|| provider.and_then(|p| p.entry("timeout")));
    let Some(timeout) = timeout else { return };
    let Some(seconds) = number(&timeout.value) else { return };
    let http_api = match function.get("events").map(|e| &e.kind) {
        Some(NodeKind::List(events)) => events.iter().find_map(|e| e.as_object()?.entry("httpApi")),
        _ => None,
    };
    if let Some(event) = http_api.filter(|_| seconds > HTTP_API_TIMEOUT) {
        diagnostics.push(
            Diagnostic::warning(
                Code::W0302,
                format!("timeout of {seconds} s behind an HTTP API"),
                timeout.value.span,
                format!("HTTP APIs stop waiting after {HTTP_API_TIMEOUT} s"),
            )
            .with_secondary(event.key_span, "the HTTP API event")
            .with_help(format!(
                "requests still get a 503 after {HTTP_API_TIMEOUT} s; lower the timeout, or answer early and continue asynchronously"
            )),
        );
    }
}

/// Lambda@Edge's limits on a function's own `memorySize` and `timeout`,
/// by the type of each of its `cloudFront` events: 128 MB and 5 s for
/// viewer events, 10,240 MB and 30 s for origin events.
fn edge_limits(entry: &Entry, function: &Object, diagnostics: &mut Vec<Diagnostic>) {
    let Some(NodeKind::List(events)) = function.get("events").map(|e| &e.kind) else { return };
    let edge = events.iter().filter_map(|e| e.as_object()?.get("cloudFront")?.as_object());
    for event in edge {
        let kind = event.get("eventType").and_then(Node::as_str).unwrap_or("viewer-request");
        let (memory, timeout) = match kind {
            "origin-request" | "origin-response" => (10240, 30),
            _ => (128, 5),
        };
        let limits = [("memorySize", memory, "MB"), ("timeout", timeout, "seconds")];
        let over = limits.into_iter().find(|(key, limit, _)| function.get(key).and_then(number) > Some(*limit));
        if let Some((key, limit, unit)) = over {
            diagnostics.push(
                Diagnostic::error(
                    Code::E0407,
                    format!(
                        "function `{}` has a `{key}` over the {limit} {unit} of Lambda@Edge `{kind}` functions",
                        entry.key
                    ),
                    entry.key_span,
                    "too much for Lambda@Edge",
                )
                .with_help(format!("set `{key}` to at most {limit}")),
            );
        }
    }
}

/// A runtime AWS has deprecated: still accepted, with a warning naming the
/// newest runtime of the same language.
pub(super) fn deprecated_runtime(runtime: Option<&Entry>, diagnostics: &mut Vec<Diagnostic>) {
    let Some(entry) = runtime else { return };
    let Some(name) = entry.value.as_str() else { return };
    if !crate::schema::DEPRECATED_RUNTIMES.contains(&name) {
        return;
    }
    let family: String = name.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let newest = crate::schema::RUNTIMES.iter().find(|r| r.starts_with(&family));
    let mut diagnostic = Diagnostic::warning(
        Code::W0303,
        format!("runtime `{name}` is deprecated by AWS"),
        entry.value.span,
        "deprecated runtime",
    );
    diagnostic = match newest {
        Some(newest) => diagnostic
            .with_help(format!(
                "AWS stops security updates and then blocks updates of such functions; move to `{newest}`"
            ))
            .with_fix(format!("Use `{newest}`"), entry.value.span, format!("\"{newest}\"")),
        None => diagnostic.with_help("AWS stops security updates and then blocks updates of such functions"),
    };
    diagnostics.push(diagnostic);
}

/// A whole number, when `node` is one.
pub(super) fn number(node: &Node) -> Option<i64> {
    match &node.kind {
        NodeKind::Number(raw) => raw.parse().ok(),
        _ => None,
    }
}
