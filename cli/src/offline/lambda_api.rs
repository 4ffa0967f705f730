//! Lambda's Invoke API on a second port: `POST
//! /2015-03-31/functions/NAME/invocations`, so code that calls
//! `lambda.invoke` (an AWS SDK with its endpoint set to this port) reaches
//! the service's functions, run by the same warm workers.
//!
//! `NAME` is the function's name in the service, its deployed name, or
//! an ARN ending in either. `X-Amz-Invocation-Type: Event` answers 202 at
//! once and runs the function after; `DryRun` answers 204. A function
//! that raised answers 200 with `X-Amz-Function-Error: Unhandled` and
//! Lambda's error object, as Lambda does.

use serde_json::{Value, json};

use crate::gateway::request::Request;
use crate::gateway::response::Response;
use crate::local::environment::request_id;

use super::dispatch::{ACCOUNT, Gateway};
use super::workers::Invoked;

/// The answer to a request on the Lambda port (logged as the API's are).
pub async fn handle(gateway: &Gateway, request: Request) -> Response {
    let started = std::time::Instant::now();
    let response = answer(gateway, &request).await;
    super::dispatch::log(&request, &response, started.elapsed());
    response
}

async fn answer(gateway: &Gateway, request: &Request) -> Response {
    let path = request.path();
    let name = path
        .strip_prefix("/2015-03-31/functions/")
        .and_then(|rest| rest.strip_suffix("/invocations"))
        .filter(|_| request.method == "POST");
    let Some(name) = name else {
        return error(
            404,
            "UnknownOperationException",
            "svc offline serves only Invoke (POST /2015-03-31/functions/NAME/invocations)",
        );
    };
    let served = gateway.served();
    let short = function_name(name);
    let pool = served
        .pools
        .iter()
        .find(|(service_name, pool)| *service_name == short || pool.function.deployed_name == short)
        .map(|(_, pool)| std::sync::Arc::clone(pool));
    if pool.is_none()
        && let Some(why) = served.unavailable.iter().find(|(n, _)| n.as_str() == short).map(|(_, why)| why)
    {
        let error =
            json!({ "errorType": "Runtime.InvalidRuntime", "errorMessage": format!("cannot run locally: {why}") });
        return Response {
            status: 200,
            headers: vec![
                ("content-type".to_owned(), "application/json".to_owned()),
                ("x-amz-function-error".to_owned(), "Unhandled".to_owned()),
            ],
            body: error.to_string().into_bytes(),
        };
    }
    let Some(pool) = pool else {
        let arn = format!("arn:aws:lambda:{}:{ACCOUNT}:function:{short}", served.target.region);
        return error(404, "ResourceNotFoundException", &format!("Function not found: {arn}"));
    };
    let event: Value = if request.body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(&request.body) {
            Ok(event) => event,
            Err(e) => {
                return error(
                    400,
                    "InvalidRequestContentException",
                    &format!("Could not parse request body into json: {e}"),
                );
            }
        }
    };
    let id = request_id();
    let kind = request.header("x-amz-invocation-type").unwrap_or("RequestResponse");
    match kind {
        "DryRun" => {
            return Response { status: 204, headers: vec![("x-amzn-RequestId".to_owned(), id)], body: Vec::new() };
        }
        "Event" => {
            let id_for_run = id.clone();
            tokio::spawn(async move {
                if let Invoked::Crashed(why) = pool.invoke(&event, &id_for_run).await {
                    crate::output::error(&format!("function `{}`: {why}", pool.function.name));
                }
            });
            return Response { status: 202, headers: vec![("x-amzn-RequestId".to_owned(), id)], body: Vec::new() };
        }
        _ => {}
    }
    let timeout = pool.function.timeout;
    let id_for_run = id.clone();
    let invoked = pool.invoke(&event, &id_for_run).await;
    let (body, failed) = match invoked {
        Invoked::Returned(value) => (value, false),
        Invoked::Raised(error) => (error, true),
        Invoked::TimedOut => (
            json!({
                "errorType": "Sandbox.Timedout",
                "errorMessage": format!("RequestId: {id} Error: Task timed out after {timeout}.00 seconds"),
            }),
            true,
        ),
        Invoked::Crashed(why) => (json!({ "errorType": "Runtime.ExitError", "errorMessage": why }), true),
    };
    let mut headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("x-amzn-RequestId".to_owned(), id),
        ("x-amz-executed-version".to_owned(), "$LATEST".to_owned()),
    ];
    if failed {
        headers.push(("x-amz-function-error".to_owned(), "Unhandled".to_owned()));
    }
    Response { status: 200, headers, body: body.to_string().into_bytes() }
}

/// The function a `FunctionName` names: `NAME`, `NAME:QUALIFIER`,
/// `ACCOUNT:function:NAME` or a function ARN, with or without a qualifier
/// (served as `$LATEST`).
fn function_name(given: &str) -> &str {
    let parts: Vec<&str> = given.split(':').collect();
    match parts.iter().position(|p| *p == "function") {
        Some(at) => parts.get(at + 1).copied().unwrap_or(given),
        None => parts.first().copied().unwrap_or(given),
    }
}

/// A Lambda API error: its type in `x-amzn-ErrorType` and the body.
fn error(status: u16, kind: &str, message: &str) -> Response {
    Response {
        status,
        headers: vec![
            ("content-type".to_owned(), "application/json".to_owned()),
            ("x-amzn-ErrorType".to_owned(), kind.to_owned()),
        ],
        body: json!({ "Type": "User", "message": message }).to_string().into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::function_name;

    #[test]
    fn a_function_is_named_by_name_arn_or_either_with_a_qualifier() {
        for given in [
            "hello",
            "hello:$LATEST",
            "123456789012:function:hello",
            "arn:aws:lambda:us-east-1:123456789012:function:hello",
            "arn:aws:lambda:us-east-1:123456789012:function:hello:prod",
        ] {
            assert_eq!(function_name(given), "hello", "{given}");
        }
    }
}
