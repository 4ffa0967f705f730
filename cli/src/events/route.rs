//! The route of an `httpApi` or `http` event: its method and path, and
//! the path with its parameters filled in (`/users/{id}` →
//! `/users/id-1`), as a request to it would have them.

use serde_json::{Map, Value};

/// A route as declared.
pub struct Route {
    /// `GET`, `POST`, …, or `ANY` for `*`/`any`.
    pub method: String,
    /// The path template, with a leading `/`: `/users/{id}`.
    pub path: String,
    /// `httpApi = "*"`: the catch-all route.
    pub catch_all: bool,
}

impl Route {
    /// The route of `declaration`: `"METHOD path"`, `"*"`, or a block with
    /// `method` and `path`. `GET /` when there is none.
    pub fn of(declaration: &Value) -> Route {
        let (method, path) = match declaration {
            Value::String(text) if text.trim() == "*" => ("*", "/"),
            Value::String(text) => text.trim().split_once(' ').unwrap_or(("GET", text.trim())),
            Value::Object(block) => (
                block.get("method").and_then(Value::as_str).unwrap_or("*"),
                block.get("path").and_then(Value::as_str).unwrap_or("/"),
            ),
            _ => ("GET", "/"),
        };
        let method = if method == "*" { "ANY".to_owned() } else { method.trim().to_uppercase() };
        let path = path.trim();
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        let catch_all = matches!(declaration, Value::String(text) if text.trim() == "*");
        Route { method, path, catch_all }
    }

    /// The method of a request to the route: `GET` for `ANY`.
    pub fn request_method(&self) -> &str {
        if self.method == "ANY" { "GET" } else { &self.method }
    }

    /// Whether a request to the route carries a body.
    pub fn has_body(&self) -> bool {
        matches!(self.request_method(), "POST" | "PUT" | "PATCH")
    }

    /// The path of a request: each `{name}` filled with `name-1`, a greedy
    /// `{name+}` with `name-1/name-2`.
    pub fn request_path(&self) -> String {
        let filled: Vec<String> = self
            .path
            .split('/')
            .map(|segment| match parameter(segment) {
                Some((name, true)) => format!("{name}-1/{name}-2"),
                Some((name, false)) => format!("{name}-1"),
                None => segment.to_owned(),
            })
            .collect();
        filled.join("/")
    }

    /// The path parameters of that request, by name (empty when none).
    pub fn parameters(&self) -> Map<String, Value> {
        let path = self.request_path();
        let mut values = path.split('/');
        let mut parameters = Map::new();
        for segment in self.path.split('/') {
            match parameter(segment) {
                Some((name, true)) => {
                    let rest: Vec<&str> = values.by_ref().collect();
                    parameters.insert(name.to_owned(), Value::String(rest.join("/")));
                }
                Some((name, false)) => {
                    parameters.insert(name.to_owned(), Value::String(values.next().unwrap_or_default().to_owned()));
                }
                None => {
                    values.next();
                }
            }
        }
        parameters
    }
}

/// `{name}` → (`name`, false); `{name+}` → (`name`, true).
fn parameter(segment: &str) -> Option<(&str, bool)> {
    let inner = segment.strip_prefix('{')?.strip_suffix('}')?;
    Some(match inner.strip_suffix('+') {
        Some(name) => (name, true),
        None => (inner, false),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Route;

    #[test]
    fn fills_the_parameters_of_the_path() {
        let route = Route::of(&json!("get users/{id}/files/{path+}"));
        assert_eq!((route.method.as_str(), route.path.as_str()), ("GET", "/users/{id}/files/{path+}"));
        assert_eq!(route.request_path(), "/users/id-1/files/path-1/path-2");
        assert_eq!(json!(route.parameters()), json!({ "id": "id-1", "path": "path-1/path-2" }));
        let any = Route::of(&json!({ "method": "*", "path": "/items" }));
        assert_eq!((any.method.as_str(), any.request_method(), any.has_body()), ("ANY", "GET", false));
        assert!(Route::of(&json!("*")).catch_all);
    }
}
