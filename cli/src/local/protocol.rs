//! What svc and a local runtime process say to each other.
//!
//! The process (`bootstrap/python.py`, `bootstrap/node.mjs`) first loads
//! the handler and says so in one line: `{"ready": true}`, or
//! `{"init": error, "missing": "module" | "handler" | null}`. Then, for each
//! line svc writes to its standard input — `{"event": …, "context": {…}}` —
//! it answers one line: `{"ok": value}` or `{"error": error}`, where `error`
//! is the object Lambda's runtime returns for that language (`errorType`,
//! `errorMessage`, and `stackTrace` for Python, `trace` for Node.js).
//!
//! Answers go to the process's original standard output, each line
//! starting with [`MARK`]; the handler's own output goes to standard error
//! (any unmarked line on standard output is passed on there too).

use serde_json::{Map, Value};

/// The start of every protocol line (an ASCII record separator, then
/// `svc:`): what a handler prints cannot be taken for an answer.
pub const MARK: &str = "\u{1e}svc:";

/// What the process said after loading the handler.
#[derive(Debug, PartialEq)]
pub enum Init {
    /// The handler is loaded; invocations may be sent.
    Ready,
    /// Loading failed: Lambda's error object, and what was missing, if that
    /// was the cause (the handler's module, or its function).
    Failed { error: Value, missing: Option<Missing> },
}

/// What a handler that could not be loaded lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No file (or package) for the handler's module.
    Module,
    /// The module has no function of the handler's name.
    Handler,
}

/// What one invocation returned.
#[derive(Debug, PartialEq)]
pub enum Answer {
    /// The handler's return value.
    Ok(Value),
    /// The error Lambda reports for it.
    Error(Value),
}

/// The line that asks for one invocation (without its newline):
/// `{"event": …, "context": …}`, written without copying the event.
pub fn request(event: &Value, context: &Map<String, Value>) -> String {
    let mut line = String::from("{\"event\":");
    line.push_str(&event.to_string());
    line.push_str(",\"context\":");
    line.push_str(&serde_json::to_string(context).unwrap_or_else(|_| "{}".to_owned()));
    line.push('}');
    line
}

/// The message of a protocol line, `None` for a line that is not one (the
/// handler's own output).
pub fn message(line: &[u8]) -> Option<Result<Value, String>> {
    let text = line.strip_prefix(MARK.as_bytes())?;
    Some(serde_json::from_slice(text).map_err(|e| format!("the runtime sent a line svc cannot read ({e})")))
}

/// The first message: ready, or why not.
pub fn init(message: &Value) -> Result<Init, String> {
    if message.get("ready").and_then(Value::as_bool) == Some(true) {
        return Ok(Init::Ready);
    }
    let error = message.get("init").ok_or("the runtime sent an unexpected first message")?;
    let missing = match message.get("missing").and_then(Value::as_str) {
        Some("module") => Some(Missing::Module),
        Some("handler") => Some(Missing::Handler),
        _ => None,
    };
    Ok(Init::Failed { error: error.clone(), missing })
}

/// The answer to an invocation.
pub fn answer(message: Value) -> Result<Answer, String> {
    match message {
        Value::Object(mut object) => {
            if let Some(value) = object.remove("ok") {
                Ok(Answer::Ok(value))
            } else if let Some(error) = object.remove("error") {
                Ok(Answer::Error(error))
            } else {
                Err("the runtime sent an answer without `ok` or `error`".to_owned())
            }
        }
        _ => Err("the runtime sent an answer that is not an object".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_request_is_one_json_line_of_the_event_and_the_context() {
        let context = Map::from_iter([("awsRequestId".to_owned(), json!("r\n1"))]);
        let line = request(&json!({"a": [1, "x\ny"]}), &context);
        assert!(!line.contains('\n'), "{line}");
        let parsed: Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(parsed, json!({"event": {"a": [1, "x\ny"]}, "context": {"awsRequestId": "r\n1"}}));
    }

    #[test]
    fn only_marked_lines_are_messages() {
        assert!(message(b"print from the handler").is_none());
        let line = format!("{MARK}{{\"ok\": 1}}\n");
        let value = message(line.as_bytes()).expect("marked").expect("json");
        assert_eq!(answer(value), Ok(Answer::Ok(json!(1))));
    }

    #[test]
    fn an_init_failure_says_what_is_missing() {
        let value = json!({"init": {"errorType": "Runtime.HandlerNotFound"}, "missing": "handler"});
        assert!(matches!(init(&value), Ok(Init::Failed { missing: Some(Missing::Handler), .. })));
        assert_eq!(init(&json!({"ready": true})), Ok(Init::Ready));
    }
}
