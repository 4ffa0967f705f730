//! SDK errors as one sentence: what svc was doing, and what AWS said, with
//! the usual causes (expired or refused credentials, no permission,
//! throttling, an endpoint that does not answer) spelled out.

use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::config::http::HttpResponse;

use super::client;

/// AWS error codes for credentials that were valid once.
const EXPIRED: &[&str] = &["ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired"];
/// AWS error codes for credentials AWS does not accept.
const REFUSED: &[&str] = &[
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "InvalidAccessKeyId",
    "AuthFailure",
    "InvalidToken",
];
/// AWS error codes for too many requests (retried by the SDK first).
const THROTTLED: &[&str] =
    &["Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown"];

/// The one sentence for `error`, which happened while `doing` (such as
/// "cannot describe stack `x`").
pub fn describe<E>(error: &SdkError<E, HttpResponse>, doing: &str) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match error {
        SdkError::ServiceError(service) => {
            let status = service.raw().status().as_u16();
            let body = service.raw().body().bytes().map(String::from_utf8_lossy).unwrap_or_default();
            let code = service.err().code().map(str::to_owned).or_else(|| code_in_body(&body));
            let message = service.err().message().map(str::to_owned).or_else(|| body_start(&body));
            service_error(code.as_deref(), message.as_deref(), status, doing)
        }
        SdkError::DispatchFailure(failure) if failure.is_timeout() => no_answer(doing),
        SdkError::DispatchFailure(failure) if failure.is_io() => {
            format!("{doing}: cannot reach {} ({})", client::endpoint_name(), innermost(error))
        }
        SdkError::TimeoutError(_) => no_answer(doing),
        SdkError::ResponseError(_) => format!("{doing}: AWS sent a response svc cannot read ({})", innermost(error)),
        _ => format!("{doing}: {}", innermost(error)),
    }
}

/// Whether `error` is a call AWS did not answer in time.
pub fn is_timeout<E>(error: &SdkError<E, HttpResponse>) -> bool {
    match error {
        SdkError::TimeoutError(_) => true,
        SdkError::DispatchFailure(failure) => failure.is_timeout(),
        _ => false,
    }
}

/// The sentence for a call AWS did not answer in time.
fn no_answer(doing: &str) -> String {
    format!(
        "{doing}: {} did not answer in {} s, nor when asked again ({} s in all): check the network (a VPN, a proxy), or wait longer with {}=SECONDS",
        client::endpoint_name(),
        client::answer_limit().as_secs(),
        client::call_limit().as_secs(),
        client::TIMEOUT_VARIABLE
    )
}

/// The error code in a body the SDK could not parse: `<Code>X</Code>`
/// (XML), or `"__type"` / `"code"` (JSON, the part after a `#`).
fn code_in_body(body: &str) -> Option<String> {
    let xml = body.split_once("<Code>").and_then(|(_, rest)| rest.split_once("</Code>")).map(|(code, _)| code);
    let json = ["\"__type\"", "\"code\"", "\"Code\""].iter().find_map(|key| {
        let (_, rest) = body.split_once(key)?;
        let rest = rest.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
        rest.split_once('"').map(|(code, _)| code.rsplit('#').next().unwrap_or(code))
    });
    xml.or(json)
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.len() <= 100 && !c.contains(char::is_whitespace))
        .map(str::to_owned)
}

/// The first characters of a body, on one line (what a proxy or a broken
/// endpoint said instead of an AWS error).
fn body_start(body: &str) -> Option<String> {
    const SHOWN: usize = 200;
    let line = one_line(body);
    if line.is_empty() {
        return None;
    }
    let cut: String = line.chars().take(SHOWN).collect();
    Some(if cut.len() < line.len() { format!("AWS answered: {cut}…") } else { format!("AWS answered: {cut}") })
}

/// The sentence for an error AWS returned.
fn service_error(code: Option<&str>, message: Option<&str>, status: u16, doing: &str) -> String {
    let said = message.map(one_line).filter(|m| !m.is_empty());
    match code {
        Some(code) if EXPIRED.contains(&code) => {
            "the AWS credentials have expired: refresh them (for example with `aws sso login`) and run svc again"
                .to_owned()
        }
        Some(code) if REFUSED.contains(&code) => format!(
            "AWS refused the credentials ({code}): check the access key, or the profile given with --aws-profile"
        ),
        Some(code) if THROTTLED.contains(&code) => {
            format!("{doing}: AWS is still throttling requests after several retries; try again in a minute")
        }
        Some("AccessDenied" | "AccessDeniedException") => {
            format!("{doing}: access denied{}", said.map(|m| format!(" ({m})")).unwrap_or_default())
        }
        Some(code) => match said {
            Some(message) => format!("{doing}: {message} ({code})"),
            None => format!("{doing}: {code} (HTTP {status})"),
        },
        None if status == 403 => match said {
            Some(message) => format!("{doing}: access denied (HTTP 403): {message}"),
            None => format!("{doing}: access denied (HTTP 403)"),
        },
        None => match said {
            Some(message) => format!("{doing}: {message} (HTTP {status})"),
            None => format!("{doing}: AWS answered HTTP {status}"),
        },
    }
}

/// The AWS error code of a service error, if that is what `error` is.
pub fn code<E>(error: &SdkError<E, HttpResponse>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    match error {
        SdkError::ServiceError(service) => service.err().code(),
        _ => None,
    }
}

/// The AWS error message of a service error, if that is what `error` is.
pub fn message<E>(error: &SdkError<E, HttpResponse>) -> Option<&str>
where
    E: ProvideErrorMetadata,
{
    match error {
        SdkError::ServiceError(service) => service.err().message(),
        _ => None,
    }
}

/// The HTTP status of a service error.
pub fn status<E>(error: &SdkError<E, HttpResponse>) -> Option<u16> {
    match error {
        SdkError::ServiceError(service) => Some(service.raw().status().as_u16()),
        _ => None,
    }
}

/// The last error of the `source()` chain, which usually names the real
/// cause ("Connection refused"), on one line.
pub fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last: &(dyn std::error::Error + 'static) = error;
    while let Some(source) = last.source() {
        last = source;
    }
    one_line(&last.to_string())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::service_error;

    #[test]
    fn expired_credentials_are_one_sentence() {
        let text = service_error(
            Some("ExpiredToken"),
            Some("The security token included in the request is expired"),
            403,
            "x",
        );
        assert!(text.starts_with("the AWS credentials have expired"), "{text}");
    }

    #[test]
    fn other_errors_name_the_action_and_code() {
        let text =
            service_error(Some("ValidationError"), Some("Template format\n error"), 400, "cannot create stack `a`");
        assert_eq!(text, "cannot create stack `a`: Template format error (ValidationError)");
    }

    #[test]
    fn a_code_is_found_in_a_body_the_sdk_could_not_parse() {
        use super::code_in_body;
        assert_eq!(code_in_body("<Error><Code>InvalidClientTokenId</Code>").as_deref(), Some("InvalidClientTokenId"));
        assert_eq!(
            code_in_body(r#"{"__type":"com.amazon#UnrecognizedClientException","message":"x"}"#).as_deref(),
            Some("UnrecognizedClientException")
        );
        assert_eq!(code_in_body("<html>Bad Gateway</html>"), None);
    }
}
