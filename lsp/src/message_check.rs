//! Whether a message body is a JSON-RPC 2.0 message the server can take,
//! and the error response for one that is not.
//!
//! The check is stricter than a protocol library needs to be, so that
//! every body it passes is one the library reads: a body it refuses is
//! answered here, with the JSON-RPC code for what is wrong, and never
//! reaches the library. The body passed on is the parsed value written
//! out again, so escapes, numbers and repeated keys reach the library in
//! one plain form.

use serde_json::{Map, Value, json};

use crate::framing::framed;

/// JSON-RPC's code for a body that is not JSON (or not UTF-8).
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC's code for JSON that is not a request, notification or
/// response.
pub const INVALID_REQUEST: i64 = -32600;

/// Why a body was not passed on: the code and message of the error
/// response.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    /// [`PARSE_ERROR`] or [`INVALID_REQUEST`].
    pub code: i64,
    /// What is wrong, for the client's log.
    pub message: String,
}

/// The body to pass on, written out again and framed for the stream
/// ([`framed`]), or why it is refused. The body is freed once read, before
/// the message is written out again: a didOpen can be 200 MB.
pub fn check(body: Vec<u8>) -> Result<Vec<u8>, Refusal> {
    let value = parse(&body)?;
    drop(body);
    validate(&value)?;
    // Writing a `Value` to memory cannot fail.
    Ok(framed(|out| serde_json::to_writer(out, &value).unwrap_or_default()))
}

/// The body as JSON.
fn parse(body: &[u8]) -> Result<Value, Refusal> {
    let text = std::str::from_utf8(body).map_err(|error| Refusal {
        code: PARSE_ERROR,
        message: format!("Parse error: the message is not UTF-8 ({error})"),
    })?;
    serde_json::from_str(text).map_err(|error| Refusal { code: PARSE_ERROR, message: format!("Parse error: {error}") })
}

/// Whether `value` is a message tower-lsp reads.
fn validate(value: &Value) -> Result<(), Refusal> {
    let invalid = |why: &str| Refusal { code: INVALID_REQUEST, message: format!("Invalid request: {why}") };
    let message = match &value {
        Value::Object(message) => message,
        Value::Array(_) => return Err(invalid("batches are not supported")),
        _ => return Err(invalid("a message is a JSON object")),
    };
    if message.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(invalid("`jsonrpc` must be \"2.0\""));
    }
    if let Some(id) = message.get("id")
        && !is_id(id)
    {
        return Err(invalid("`id` must be an integer, a string or null"));
    }
    let (result, error) = (message.get("result"), message.get("error"));
    match message.get("method") {
        Some(Value::String(_)) if result.is_none() && error.is_none() => {}
        Some(Value::String(_)) => return Err(invalid("a request has no `result` or `error`")),
        Some(_) => return Err(invalid("`method` must be a string")),
        None => match (result, error) {
            _ if !message.contains_key("id") => return Err(invalid("a message has a `method` or an `id`")),
            (Some(_), None) => {}
            (None, Some(Value::Object(error))) if is_error(error) => {}
            (None, Some(_)) => return Err(invalid("`error` must be an object with `code`, `message` and `data`")),
            _ => return Err(invalid("a response has either a `result` or an `error`")),
        },
    }
    Ok(())
}

/// The body of the error response for `refusal`: no id, since the
/// message's own could not be read.
pub fn error_response(refusal: &Refusal) -> Vec<u8> {
    json!({ "jsonrpc": "2.0", "id": null, "error": { "code": refusal.code, "message": refusal.message } })
        .to_string()
        .into_bytes()
}

/// A request id: an integer (in 64 bits), a string or null.
fn is_id(id: &Value) -> bool {
    match id {
        Value::Number(number) => number.is_i64(),
        Value::String(_) | Value::Null => true,
        _ => false,
    }
}

/// A response's error object: an integer `code`, a string `message`, and
/// nothing but an optional `data`.
fn is_error(error: &Map<String, Value>) -> bool {
    error.get("code").is_some_and(Value::is_i64)
        && error.get("message").is_some_and(Value::is_string)
        && error.keys().all(|key| matches!(key.as_str(), "code" | "message" | "data"))
}

#[cfg(test)]
mod tests {
    use tower_lsp::jsonrpc::{Request, Response};

    use super::*;

    /// The body passed on, without its header (checked), or the refusal.
    fn passed(body: &[u8]) -> Result<String, Refusal> {
        let framed = String::from_utf8(check(body.to_vec())?).expect("UTF-8");
        let (header, passed) = framed.split_once("\r\n\r\n").expect("a header");
        assert_eq!(header, format!("Content-Length: {}", passed.len()), "framed");
        Ok(passed.to_owned())
    }

    fn code(body: &str) -> i64 {
        passed(body.as_bytes()).expect_err(body).code
    }

    #[test]
    fn requests_notifications_and_responses_pass_in_one_plain_form() {
        let passed_on =
            passed(br#"{ "jsonrpc" : "2.0", "id": 1, "method": "a", "method": "b", "params": {"x": "\u00e9"} }"#);
        assert_eq!(passed_on, Ok(r#"{"jsonrpc":"2.0","id":1,"method":"b","params":{"x":"é"}}"#.to_owned()));
        for body in [
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"a","method":"shutdown","params":null}"#,
            r#"{"jsonrpc":"2.0","id":null,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":7,"result":null}"#,
            r#"{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"no","data":[1]}}"#,
        ] {
            assert!(passed(body.as_bytes()).is_ok(), "{body}");
        }
    }

    #[test]
    fn what_is_not_json_is_a_parse_error() {
        for body in ["", "{bad}", r#"{"jsonrpc":"2.0","method":"x","params":"\ud800"}"#, "{\"a\":1e999}"] {
            assert_eq!(code(body), PARSE_ERROR, "{body}");
        }
        let not_utf8 = passed(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\"}").expect_err("not UTF-8");
        assert_eq!(not_utf8.code, PARSE_ERROR);
        assert!(not_utf8.message.contains("not UTF-8"), "{}", not_utf8.message);
        for surrogate in [r#"{"x":"\ud800"}"#, r#"{"x":"\ud800x"}"#, r#"{"x":"\udc00"}"#, r#"{"\ud800":1}"#] {
            assert_eq!(code(surrogate), PARSE_ERROR, "a lone surrogate: {surrogate}");
        }
    }

    #[test]
    fn json_that_is_not_a_message_is_an_invalid_request() {
        for body in [
            "[1,2]",
            "42",
            "null",
            "{}",
            r#"{"jsonrpc":"1.0","method":"x"}"#,
            r#"{"jsonrpc":"2.0"}"#,
            r#"{"jsonrpc":"2.0","method":7}"#,
            r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#,
            r#"{"jsonrpc":"2.0","id":1,"method":"x","result":1}"#,
            r#"{"jsonrpc":"2.0","id":1}"#,
            r#"{"jsonrpc":"2.0","result":1}"#,
            r#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m","extra":1}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":"1","message":"m"}}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":"no"}"#,
        ] {
            assert_eq!(code(body), INVALID_REQUEST, "{body}");
        }
    }

    /// The promise the server relies on: whatever passes is read by
    /// tower-lsp, whose reader stops for good at the first message it
    /// cannot read. Checked on messages built from every field value
    /// above, in every combination.
    #[test]
    fn every_body_that_passes_is_one_tower_lsp_reads() {
        let values = ["1", "-3", "1.5", "\"s\"", "null", "true", "[1]", "{\"code\":1,\"message\":\"m\"}", "{}"];
        let fields = ["id", "method", "params", "result", "error"];
        let mut passed = 0;
        for mask in 0..(1 << fields.len()) {
            let present: Vec<&str> =
                fields.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, f)| *f).collect();
            let mut choice = vec![0; present.len()];
            loop {
                let members: Vec<String> =
                    present.iter().zip(&choice).map(|(field, &v)| format!("\"{field}\":{}", values[v])).collect();
                let body = format!("{{\"jsonrpc\":\"2.0\",{}}}", members.join(","));
                if let Ok(text) = self::passed(body.as_bytes()) {
                    passed += 1;
                    let read = serde_json::from_str::<Response>(&text)
                        .map(|_| ())
                        .or_else(|_| serde_json::from_str::<Request>(&text).map(|_| ()));
                    assert!(read.is_ok(), "passed but tower-lsp cannot read it: {text}");
                }
                // The next combination of values, odometer-style.
                let Some(digit) = choice.iter().rposition(|&v| v + 1 < values.len()) else { break };
                choice[digit] += 1;
                choice[digit + 1..].iter_mut().for_each(|v| *v = 0);
            }
        }
        assert!(passed > 100, "the combinations include many valid messages: {passed}");
    }

    #[test]
    fn the_error_response_has_no_id() {
        let refusal = Refusal { code: PARSE_ERROR, message: "Parse error: x".to_owned() };
        let response: Value = serde_json::from_slice(&error_response(&refusal)).expect("JSON");
        assert_eq!(response, json!({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: x"}}));
    }
}
