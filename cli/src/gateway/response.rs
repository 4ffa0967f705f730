//! An HTTP response, and the answers API Gateway gives itself (a route
//! that is not there, an authorizer that refuses, a function that failed
//! or timed out), with the bodies it sends.

/// A response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers, in order; a name may repeat (`Set-Cookie`).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON `{"message": …}` answer, as API Gateway sends its own errors.
    pub fn message(status: u16, message: &str) -> Response {
        let body = serde_json::json!({ "message": message }).to_string().into_bytes();
        Response { status, headers: vec![("content-type".to_owned(), "application/json".to_owned())], body }
    }

    /// No route for the request: 404 `Not Found`.
    pub fn not_found() -> Response {
        Response::message(404, "Not Found")
    }

    /// No or an invalid token: 401 `Unauthorized`.
    pub fn unauthorized() -> Response {
        Response::message(401, "Unauthorized")
    }

    /// Refused (an authorizer's deny, a missing API key): 403 `Forbidden`.
    pub fn forbidden() -> Response {
        Response::message(403, "Forbidden")
    }

    /// The function failed, crashed or answered what API Gateway cannot
    /// map: 502 (HTTP APIs say `Internal Server Error`, REST APIs
    /// `Internal server error`).
    pub fn bad_gateway(message: &str) -> Response {
        Response::message(502, message)
    }

    /// The function did not answer within its timeout: 504.
    pub fn timed_out() -> Response {
        Response::message(504, "Endpoint request timed out")
    }

    /// A body too large for Lambda: 413.
    pub fn too_large() -> Response {
        Response::message(413, "Request Entity Too Large")
    }

    /// The value of header `name` (any case).
    #[cfg(test)]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}
