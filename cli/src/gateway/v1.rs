//! REST APIs' Lambda proxy integration (payload format 1.0): the event a
//! function gets, and how what it returns becomes the response.
//!
//! Shapes: <https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html>.
//! `headers` and `queryStringParameters` hold the last value of each name,
//! the `multiValue…` forms all of them; a body is base64-encoded when its
//! content type is one of the API's binary media types. The function must
//! return a `statusCode`: without one API Gateway answers 502.

use serde_json::{Map, Value, json};

use super::request::Request;
use super::response::Response;
use super::v2::{Arrival, body, scalar, status};

/// The event for `request` on the REST route `resource` (`/things/{id}`)
/// with `parameters`; `authorizer` is what `requestContext.authorizer`
/// holds; `binary` the API's binary media types.
pub fn event(
    request: &Request,
    arrival: &Arrival,
    resource: &str,
    parameters: Map<String, Value>,
    authorizer: Option<Value>,
    binary: &[String],
) -> Value {
    let query = request.query();
    let path = request.path();
    let single = |pairs: &[(String, String)]| {
        let object: Map<String, Value> = pairs.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        if object.is_empty() { Value::Null } else { Value::Object(object) }
    };
    let multi = |pairs: &[(String, String)]| {
        let mut object = Map::new();
        for (name, value) in pairs {
            let values = object.entry(name.clone()).or_insert_with(|| json!([]));
            if let Value::Array(values) = values {
                values.push(json!(value));
            }
        }
        if object.is_empty() { Value::Null } else { Value::Object(object) }
    };
    let base64 = request.header("content-type").is_some_and(|kind| is_binary(kind, binary));
    let (body, encoded) = request.body(!base64).map_or((Value::Null, false), |(b, e)| (json!(b), e));
    let mut event = json!({
        "resource": resource,
        "path": path,
        "httpMethod": request.method,
        "headers": single(&request.headers),
        "multiValueHeaders": multi(&request.headers),
        "queryStringParameters": single(&query),
        "multiValueQueryStringParameters": multi(&query),
        "pathParameters": if parameters.is_empty() { Value::Null } else { Value::Object(parameters) },
        "stageVariables": null,
        "requestContext": {
            "resourceId": arrival.api_id.chars().take(6).collect::<String>(),
            "resourcePath": resource,
            "httpMethod": request.method,
            "extendedRequestId": arrival.request_id,
            "requestTime": arrival.time,
            "path": format!("/{}{path}", arrival.stage),
            "accountId": arrival.account,
            "protocol": "HTTP/1.1",
            "stage": arrival.stage,
            "domainPrefix": arrival.domain.split('.').next().unwrap_or_default(),
            "requestTimeEpoch": arrival.epoch,
            "requestId": arrival.request_id,
            "identity": {
                "cognitoIdentityPoolId": null,
                "accountId": null,
                "cognitoIdentityId": null,
                "caller": null,
                "sourceIp": request.source_ip,
                "principalOrgId": null,
                "accessKey": null,
                "cognitoAuthenticationType": null,
                "cognitoAuthenticationProvider": null,
                "userArn": null,
                "userAgent": request.user_agent(),
                "user": null
            },
            "domainName": arrival.domain,
            "apiId": arrival.api_id
        },
        "body": body,
        "isBase64Encoded": encoded
    });
    if let Some(key) = request.header("x-api-key") {
        event["requestContext"]["identity"]["apiKey"] = json!(key);
    }
    if let Some(authorizer) = authorizer {
        event["requestContext"]["authorizer"] = authorizer;
    }
    event
}

/// Whether `content_type` is one of `binary` (`image/png`, `image/*`, `*/*`).
fn is_binary(content_type: &str, binary: &[String]) -> bool {
    let kind = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    binary.iter().any(|pattern| {
        let pattern = pattern.to_ascii_lowercase();
        match pattern.strip_suffix("/*") {
            Some("*") => true,
            Some(prefix) => kind.split('/').next() == Some(prefix),
            None => kind == pattern,
        }
    })
}

/// The response for what the function returned (`Err` with the reason
/// when API Gateway could not map it: a 502 then).
pub fn response(value: &Value) -> Result<Response, String> {
    let object = value
        .as_object()
        .filter(|o| o.contains_key("statusCode"))
        .ok_or("the function returned no statusCode, which a REST API needs (Lambda proxy integration)")?;
    let status = status(&object["statusCode"])?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in object.get("headers").and_then(Value::as_object).into_iter().flatten() {
        headers.push((name.clone(), scalar(value)));
    }
    for (name, values) in object.get("multiValueHeaders").and_then(Value::as_object).into_iter().flatten() {
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.extend(values.as_array().into_iter().flatten().map(|v| (name.clone(), scalar(v))));
    }
    Ok(Response { status, headers, body: body(object)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_keeps_the_last_and_every_value() {
        let request = Request {
            method: "GET".to_owned(),
            raw_path: "/things/7".to_owned(),
            raw_query: "a=1&a=2".to_owned(),
            headers: vec![("X".to_owned(), "1".to_owned()), ("X".to_owned(), "2".to_owned())],
            body: vec![0xff, 0x00],
            source_ip: "127.0.0.1".to_owned(),
        };
        let arrival = Arrival {
            account: "1".to_owned(),
            api_id: "api".to_owned(),
            domain: "localhost".to_owned(),
            stage: "dev".to_owned(),
            request_id: "r".to_owned(),
            time: String::new(),
            epoch: 0,
        };
        let parameters = Map::from_iter([("id".to_owned(), json!("7"))]);
        let event = event(&request, &arrival, "/things/{id}", parameters, None, &[]);
        assert_eq!((&event["headers"]["X"], &event["multiValueHeaders"]["X"]), (&json!("2"), &json!(["1", "2"])));
        assert_eq!(event["queryStringParameters"], json!({"a": "2"}));
        assert_eq!(event["multiValueQueryStringParameters"], json!({"a": ["1", "2"]}));
        assert_eq!(event["requestContext"]["path"], "/dev/things/7");
        assert_eq!((&event["body"], &event["isBase64Encoded"]), (&json!("/wA="), &json!(true)));
        assert!(is_binary("image/png", &["image/*".to_owned()]) && !is_binary("text/plain", &["image/*".to_owned()]));
    }

    #[test]
    fn a_response_needs_a_status_code() {
        assert!(response(&json!({"body": "x"})).is_err());
        let mapped =
            response(&json!({"statusCode": 200, "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]}})).expect("mapped");
        let cookies: Vec<&str> = mapped.headers.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(cookies, ["a=1", "b=2"]);
    }
}
