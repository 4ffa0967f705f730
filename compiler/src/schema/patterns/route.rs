//! API Gateway routes, paths and methods, and WebSocket route keys.

/// Methods API Gateway routes accept (HTTP and REST APIs alike).
const METHODS: &[&str] = &["ANY", "GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE"];

fn is_method(s: &str) -> bool {
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(s))
}

/// An HTTP API route: `*`, or `METHOD /path` (`GET /items/{id}`).
pub fn http_api_route(s: &str) -> Result<(), String> {
    if s == "*" {
        return Ok(());
    }
    let (method, path) = s.split_once(' ').ok_or("`*` or `METHOD /path`, such as `GET /items/{id}`")?;
    http_method(method)?;
    http_api_path(path)
}

/// A REST API route: `METHOD path`, the path with or without its leading `/`
/// (`GET users/{id}`).
pub fn http_route(s: &str) -> Result<(), String> {
    let (method, path) = s.split_once(' ').ok_or("`METHOD path`, such as `GET users/{id}`")?;
    http_method(method)?;
    let path = path.strip_prefix('/').unwrap_or(path);
    route_path(path)
}

/// An HTTP method as events take it: `*` or one of GET, POST, …, ANY (any case).
pub fn http_method(s: &str) -> Result<(), String> {
    if s == "*" || is_method(s) {
        Ok(())
    } else {
        Err(format!("`{s}` is not an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY or *)"))
    }
}

/// An HTTP API path: `*` or a path starting with `/`.
pub fn http_api_path(s: &str) -> Result<(), String> {
    match s.strip_prefix('/') {
        _ if s == "*" => Ok(()),
        Some(rest) => route_path(rest),
        None => Err(format!("`{s}` must start with `/`")),
    }
}

/// A REST API path, with or without its leading `/`.
pub fn http_path(s: &str) -> Result<(), String> {
    route_path(s.strip_prefix('/').unwrap_or(s))
}

/// The part of a route path after its leading `/`: no blanks, and every
/// `{param}` closed, with a greedy `{param+}` only as the last segment.
fn route_path(rest: &str) -> Result<(), String> {
    if rest.contains(char::is_whitespace) {
        return Err("a path has no blanks".into());
    }
    let segments: Vec<&str> = rest.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let opens = seg.matches('{').count();
        let closes = seg.matches('}').count();
        if opens != closes || opens > 1 || (opens == 1 && !(seg.starts_with('{') && seg.ends_with('}'))) {
            return Err(format!("`{seg}`: a path parameter is a whole segment, such as `{{id}}`"));
        }
        if seg.ends_with("+}") && i + 1 != segments.len() {
            return Err(format!("`{seg}`: a greedy parameter must be the last segment"));
        }
    }
    Ok(())
}

/// A WebSocket route key: `$connect`, `$disconnect`, `$default`, or a custom
/// key that does not start with `$`.
pub fn websocket_route(s: &str) -> Result<(), String> {
    match s {
        "$connect" | "$disconnect" | "$default" => Ok(()),
        _ if s.starts_with('$') => Err(format!("`{s}`: the reserved routes are $connect, $disconnect and $default")),
        _ if s.is_empty() || s.contains(char::is_whitespace) => Err("a route key without blanks".into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{bad, ok};
    use super::*;

    #[test]
    fn routes() {
        ok(http_api_route, &["*", "GET /items/{id}", "post /", "ANY /{proxy+}", "GET /users/{id}/posts"]);
        bad(http_api_route, &["GET", "GET items", "FETCH /items", "GET /items/{id", "GET /{proxy+}/x", "GET /a b"]);
        bad(http_api_route, &["GET /items/x{id}", ""]);
        ok(http_route, &["GET users/{id}", "post /users", "ANY {proxy+}"]);
        bad(http_route, &["users/{id}", "GIT users", "GET users/{id"]);
        ok(http_method, &["get", "DELETE", "*", "any"]);
        bad(http_method, &["FETCH", ""]);
        ok(http_api_path, &["*", "/", "/a/{b}"]);
        bad(http_api_path, &["a/b", ""]);
        ok(http_path, &["users/create", "/users/{id}"]);
        ok(websocket_route, &["$connect", "$disconnect", "$default", "sendMessage"]);
        bad(websocket_route, &["$connected", "", "send message"]);
    }
}
