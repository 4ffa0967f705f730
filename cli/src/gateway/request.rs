//! An HTTP request as API Gateway reads it: the method, the raw path and
//! query, the headers in order, the body, and where it came from.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// One request.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `GET`, `POST`, … (upper case).
    pub method: String,
    /// The path as sent, still percent-encoded: `/users/a%20b`.
    pub raw_path: String,
    /// The query as sent, without `?`: `a=1&a=2&b=x`.
    pub raw_query: String,
    /// The headers in the order sent, names as sent.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The client's address.
    pub source_ip: String,
}

impl Request {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The path, percent-decoded.
    pub fn path(&self) -> String {
        decode(&self.raw_path)
    }

    /// The query's pairs, decoded (`+` is a space), in order.
    pub fn query(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.raw_query.as_bytes()).map(|(n, v)| (n.into_owned(), v.into_owned())).collect()
    }

    /// The cookies of the `Cookie` headers, each `name=value`.
    pub fn cookies(&self) -> Vec<String> {
        let headers = self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("cookie"));
        headers.flat_map(|(_, v)| v.split(';').map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned)).collect()
    }

    /// The `User-Agent` header, or empty.
    pub fn user_agent(&self) -> &str {
        self.header("user-agent").unwrap_or_default()
    }

    /// The body as the event carries it: text when `as_text` and it is
    /// UTF-8, else base64 (and `true`). `None` for no body.
    pub fn body(&self, as_text: bool) -> Option<(String, bool)> {
        if self.body.is_empty() {
            return None;
        }
        match std::str::from_utf8(&self.body) {
            Ok(text) if as_text => Some((text.to_owned(), false)),
            _ => Some((STANDARD.encode(&self.body), true)),
        }
    }
}

/// `text` with each `%XX` decoded (bytes that are not UTF-8 are replaced).
pub fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Whether a body of `content_type` is text to API Gateway's HTTP APIs
/// (else it is passed base64-encoded).
pub fn is_text(content_type: Option<&str>) -> bool {
    let Some(kind) = content_type.map(|c| c.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()) else {
        return true;
    };
    kind.starts_with("text/")
        || kind.ends_with("+json")
        || kind.ends_with("+xml")
        || matches!(
            kind.as_str(),
            "application/json" | "application/javascript" | "application/xml" | "application/x-www-form-urlencoded"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query_cookies_and_path_as_api_gateway_does() {
        let request = Request {
            raw_path: "/a%20b/c".to_owned(),
            raw_query: "x=1&x=2&y=a+b&z".to_owned(),
            headers: vec![("Cookie".to_owned(), "s=1; t=2".to_owned())],
            ..Request::default()
        };
        assert_eq!(request.path(), "/a b/c");
        let pairs = [("x", "1"), ("x", "2"), ("y", "a b"), ("z", "")];
        assert_eq!(request.query(), pairs.map(|(a, b)| (a.to_owned(), b.to_owned())));
        assert_eq!(request.cookies(), ["s=1", "t=2"]);
        assert!(is_text(Some("application/json; charset=utf-8")) && !is_text(Some("image/png")));
    }
}
