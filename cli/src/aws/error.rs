//! SDK errors as one sentence: what svc was doing, and what AWS said, with
//! the usual causes (expired or refused credentials, no permission,
//! throttling, an endpoint that does not answer) spelled out.

use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::config::http::HttpResponse;

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
            service_error(service.err().code(), service.err().message(), status, doing)
        }
        SdkError::DispatchFailure(failure) if failure.is_timeout() => {
            format!("{doing}: AWS did not answer in time ({})", innermost(error))
        }
        SdkError::DispatchFailure(failure) if failure.is_io() => {
            format!("{doing}: cannot reach AWS ({})", innermost(error))
        }
        SdkError::TimeoutError(_) => format!("{doing}: AWS did not answer in time"),
        SdkError::ResponseError(_) => format!("{doing}: AWS sent a response svc cannot read ({})", innermost(error)),
        _ => format!("{doing}: {}", innermost(error)),
    }
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
        _ if status == 403 => format!("{doing}: access denied (HTTP 403)"),
        Some(code) => match said {
            Some(message) => format!("{doing}: {message} ({code})"),
            None => format!("{doing}: {code}"),
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
}
