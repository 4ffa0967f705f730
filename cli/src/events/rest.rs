//! `--event rest`: a REST API proxy request (payload format 1.0) to the
//! function's `http` endpoint, on the stage API Gateway deploys it to
//! (the service's stage).
//!
//! Shape: the "API Gateway proxy event (REST API)" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html>
//! (`sample-apps/nodejs-apig/event.json`).

use serde_json::{Value, json};

use super::Context;
use super::http::{SAMPLE_BODY, SOURCE_IP, USER_AGENT, multi_values, single_values, trace_id};
use super::route::Route;

/// The request.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let route = Route::of(declaration);
    let api = context.token("api", 10);
    let domain = format!("{api}.execute-api.{}.amazonaws.com", context.region());
    let stage = &context.settings.stage;
    let path = route.request_path();
    let mut headers = vec![
        ("accept".to_owned(), "*/*".to_owned()),
        ("Host".to_owned(), domain.clone()),
        ("User-Agent".to_owned(), USER_AGENT.to_owned()),
        ("X-Amzn-Trace-Id".to_owned(), trace_id(context)),
        ("X-Forwarded-For".to_owned(), SOURCE_IP.to_owned()),
        ("X-Forwarded-Port".to_owned(), "443".to_owned()),
        ("X-Forwarded-Proto".to_owned(), "https".to_owned()),
    ];
    if route.has_body() {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    let parameters = route.parameters();
    json!({
        "resource": route.path,
        "path": path,
        "httpMethod": route.request_method(),
        "headers": single_values(&headers),
        "multiValueHeaders": multi_values(&headers),
        "queryStringParameters": null,
        "multiValueQueryStringParameters": null,
        "pathParameters": if parameters.is_empty() { Value::Null } else { Value::Object(parameters) },
        "stageVariables": null,
        "requestContext": {
            "resourceId": context.token("resource", 6),
            "resourcePath": route.path,
            "httpMethod": route.request_method(),
            "extendedRequestId": context.token("extended", 16),
            "requestTime": context.clock.common_log(),
            "path": format!("/{stage}{path}"),
            "accountId": context.account(),
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": api,
            "requestTimeEpoch": context.clock.millis(),
            "requestId": context.uuid("request"),
            "identity": {
                "cognitoIdentityPoolId": null,
                "accountId": null,
                "cognitoIdentityId": null,
                "caller": null,
                "sourceIp": SOURCE_IP,
                "principalOrgId": null,
                "accessKey": null,
                "cognitoAuthenticationType": null,
                "cognitoAuthenticationProvider": null,
                "userArn": null,
                "userAgent": USER_AGENT,
                "user": null
            },
            "domainName": domain,
            "apiId": api
        },
        "body": if route.has_body() { json!(SAMPLE_BODY) } else { Value::Null },
        "isBase64Encoded": false
    })
}
