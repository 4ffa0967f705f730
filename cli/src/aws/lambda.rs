//! Lambda Invoke (`svc invoke`): the payload, the function error and the
//! log tail of one invocation.

use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{InvocationType, LogType};
use base64::Engine as _;

use super::Aws;
use super::error::describe as explain;

/// What one invocation returned.
#[derive(Clone, Debug, Default)]
pub struct Invocation {
    /// The HTTP status: 200 for `RequestResponse`, 202 for `Event`, 204
    /// for `DryRun`.
    pub status: i32,
    /// The function's answer (or its error document).
    pub payload: Vec<u8>,
    /// `Unhandled` or `Handled` when the function failed.
    pub function_error: Option<String>,
    /// The last 4 KB of the log, decoded, when `--log` asked for it.
    pub log: Option<String>,
}

/// Invokes `function` with `payload`; `log` asks for the log tail.
pub async fn invoke(
    aws: &Aws,
    function: &str,
    payload: Vec<u8>,
    kind: InvocationType,
    qualifier: Option<&str>,
    log: bool,
) -> Result<Invocation, String> {
    let mut request = aws
        .lambda
        .invoke()
        .function_name(function)
        .payload(Blob::new(payload))
        .invocation_type(kind)
        .set_qualifier(qualifier.map(str::to_owned));
    if log {
        request = request.log_type(LogType::Tail);
    }
    let output = request.send().await.map_err(|e| explain(&e, &format!("cannot invoke `{function}`")))?;
    Ok(Invocation {
        status: output.status_code(),
        payload: output.payload().map(|b| b.as_ref().to_vec()).unwrap_or_default(),
        function_error: output.function_error().map(str::to_owned),
        log: output.log_result().map(decode_log),
    })
}

/// The log tail as Lambda sends it: base64 of the last 4 KB of the log
/// (which may cut a UTF-8 character in two: shown with U+FFFD).
pub fn decode_log(encoded: &str) -> String {
    match base64::engine::general_purpose::STANDARD.decode(encoded.trim()) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => encoded.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::decode_log;

    #[test]
    fn the_log_tail_is_decoded() {
        let encoded = "U1RBUlQgUmVxdWVzdElkOiAxCmhlbGxvCkVORCBSZXF1ZXN0SWQ6IDEK";
        assert_eq!(decode_log(encoded), "START RequestId: 1\nhello\nEND RequestId: 1\n");
        assert_eq!(decode_log("not base64!"), "not base64!");
    }
}
