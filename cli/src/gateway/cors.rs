//! An HTTP API's CORS configuration (`httpApi.cors`, the API's
//! `CorsConfiguration`), applied as API Gateway applies it: it answers a
//! preflight `OPTIONS` itself, whatever the routes, and puts its own
//! `Access-Control-*` headers on every response to an allowed origin,
//! over those the function returned.
//!
//! A REST API has no such setting: its `cors` makes an `OPTIONS` method
//! per resource with a mock integration, which [`super::routes`] serves
//! as written, and the function's own headers reach the client as they
//! are.

use serde_json::Value;

use super::request::Request;
use super::response::Response;

/// A CORS configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Cors {
    origins: Vec<String>,
    headers: Vec<String>,
    methods: Vec<String>,
    expose: Vec<String>,
    credentials: bool,
    max_age: Option<u64>,
}

impl Cors {
    /// The configuration of a `CorsConfiguration` object.
    pub fn of(configuration: &Value) -> Cors {
        let list = |key: &str| -> Vec<String> {
            let items = configuration[key].as_array().into_iter().flatten();
            items.filter_map(Value::as_str).map(str::to_owned).collect()
        };
        Cors {
            origins: list("AllowOrigins"),
            headers: list("AllowHeaders"),
            methods: list("AllowMethods"),
            expose: list("ExposeHeaders"),
            credentials: configuration["AllowCredentials"] == true,
            max_age: configuration["MaxAge"].as_u64(),
        }
    }

    /// The answer to a preflight request (an `OPTIONS` with `Origin` and
    /// `Access-Control-Request-Method`), or `None` for another request.
    pub fn preflight(&self, request: &Request) -> Option<Response> {
        if request.method != "OPTIONS" || request.header("access-control-request-method").is_none() {
            return None;
        }
        let origin = request.header("origin")?;
        let mut response = Response { status: 204, headers: Vec::new(), body: Vec::new() };
        let Some(allowed) = self.allowed(origin) else { return Some(response) };
        response.headers.push(("access-control-allow-origin".to_owned(), allowed));
        if !self.methods.is_empty() {
            response.headers.push(("access-control-allow-methods".to_owned(), self.methods.join(",")));
        }
        if !self.headers.is_empty() {
            response.headers.push(("access-control-allow-headers".to_owned(), self.headers.join(",").to_lowercase()));
        }
        if self.credentials {
            response.headers.push(("access-control-allow-credentials".to_owned(), "true".to_owned()));
        }
        if let Some(age) = self.max_age {
            response.headers.push(("access-control-max-age".to_owned(), age.to_string()));
        }
        Some(response)
    }

    /// Puts the CORS headers on a response to `request`, when its origin
    /// is allowed (replacing the function's own).
    pub fn apply(&self, request: &Request, response: &mut Response) {
        let Some(allowed) = request.header("origin").and_then(|o| self.allowed(o)) else { return };
        response.headers.retain(|(name, _)| !name.to_ascii_lowercase().starts_with("access-control-"));
        response.headers.push(("access-control-allow-origin".to_owned(), allowed));
        if !self.expose.is_empty() {
            response.headers.push(("access-control-expose-headers".to_owned(), self.expose.join(",")));
        }
        if self.credentials {
            response.headers.push(("access-control-allow-credentials".to_owned(), "true".to_owned()));
        }
    }

    /// What `Access-Control-Allow-Origin` says to `origin`, if allowed.
    fn allowed(&self, origin: &str) -> Option<String> {
        if self.origins.iter().any(|o| o == "*") {
            return Some("*".to_owned());
        }
        self.origins.iter().any(|o| o.eq_ignore_ascii_case(origin)).then(|| origin.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn request(method: &str, headers: &[(&str, &str)]) -> Request {
        Request {
            method: method.to_owned(),
            headers: headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
            ..Request::default()
        }
    }

    #[test]
    fn answers_preflights_and_marks_responses_for_allowed_origins_only() {
        let cors = Cors::of(&json!({"AllowOrigins": ["https://a.example"], "AllowMethods": ["GET"], "MaxAge": 60}));
        let preflight = [("Origin", "https://a.example"), ("Access-Control-Request-Method", "GET")];
        let answer = cors.preflight(&request("OPTIONS", &preflight)).expect("a preflight");
        assert_eq!((answer.status, answer.header("access-control-allow-origin")), (204, Some("https://a.example")));
        assert_eq!(answer.header("access-control-max-age"), Some("60"));
        let other = cors.preflight(&request("OPTIONS", &[("Origin", "https://b.example"), preflight[1]]));
        assert_eq!(other.and_then(|a| a.header("access-control-allow-origin").map(str::to_owned)), None);
        let mut response = Response::message(200, "ok");
        response.headers.push(("Access-Control-Allow-Origin".to_owned(), "*".to_owned()));
        cors.apply(&request("GET", &preflight[..1]), &mut response);
        assert_eq!(response.header("access-control-allow-origin"), Some("https://a.example"));
        assert!(cors.preflight(&request("GET", &preflight)).is_none());
    }
}
