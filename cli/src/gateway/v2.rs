//! HTTP APIs' payload format 2.0: the event a function gets, and how
//! what it returns becomes the response.
//!
//! Shapes: <https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html>.
//! Headers are lower case, repeated ones joined by commas; cookies leave
//! the headers for `cookies`; repeated query parameters are joined by
//! commas; a body that is not text is base64-encoded. A function that
//! returns no `statusCode` gets 200 with its value as a JSON body.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::request::{Request, is_text};
use super::response::Response;

/// Where a request arrived: the API and the instant, as API Gateway
/// names them in `requestContext`.
#[derive(Clone, Debug)]
pub struct Arrival {
    /// The account (made up locally).
    pub account: String,
    /// The API's ID.
    pub api_id: String,
    /// The host the request named, or the API's domain.
    pub domain: String,
    /// The stage: `$default` for HTTP APIs, the service's for REST.
    pub stage: String,
    /// The request ID (also in the response's `apigw-requestid`).
    pub request_id: String,
    /// `12/Mar/2020:19:03:58 +0000`.
    pub time: String,
    /// Milliseconds since 1970.
    pub epoch: u64,
}

/// The event for `request` on the route `route_key` with `parameters`;
/// `authorizer` is what `requestContext.authorizer` holds, if anything.
pub fn event(
    request: &Request,
    arrival: &Arrival,
    route_key: &str,
    parameters: Map<String, Value>,
    authorizer: Option<Value>,
) -> Value {
    let mut headers = Map::new();
    for (name, value) in request.headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("cookie")) {
        let name = name.to_ascii_lowercase();
        match headers.get_mut(&name) {
            Some(Value::String(joined)) => {
                joined.push(',');
                joined.push_str(value);
            }
            _ => {
                headers.insert(name, json!(value));
            }
        }
    }
    let mut query = Map::new();
    for (name, value) in request.query() {
        match query.get_mut(&name) {
            Some(Value::String(joined)) => {
                joined.push(',');
                joined.push_str(&value);
            }
            _ => {
                query.insert(name, json!(value));
            }
        }
    }
    let domain_prefix = arrival.domain.split('.').next().unwrap_or_default();
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": request.raw_path,
        "rawQueryString": request.raw_query,
        "headers": headers,
        "requestContext": {
            "accountId": arrival.account,
            "apiId": arrival.api_id,
            "domainName": arrival.domain,
            "domainPrefix": domain_prefix,
            "http": {
                "method": request.method,
                "path": request.raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": request.user_agent()
            },
            "requestId": arrival.request_id,
            "routeKey": route_key,
            "stage": arrival.stage,
            "time": arrival.time,
            "timeEpoch": arrival.epoch
        },
        "isBase64Encoded": false
    });
    let cookies = request.cookies();
    if !cookies.is_empty() {
        event["cookies"] = json!(cookies);
    }
    if !query.is_empty() {
        event["queryStringParameters"] = Value::Object(query);
    }
    if !parameters.is_empty() {
        event["pathParameters"] = Value::Object(parameters);
    }
    if let Some(authorizer) = authorizer {
        event["requestContext"]["authorizer"] = authorizer;
    }
    let text = is_text(request.header("content-type")) && request.header("content-encoding").is_none();
    if let Some((body, base64)) = request.body(text) {
        event["body"] = json!(body);
        event["isBase64Encoded"] = json!(base64);
    }
    event
}

/// The response for what the function returned (`Err` with the reason
/// when API Gateway could not map it: a 502 then).
pub fn response(value: &Value) -> Result<Response, String> {
    let Some(object) = value.as_object().filter(|o| o.contains_key("statusCode")) else {
        // No statusCode: the value itself is the JSON body.
        let body = match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        return Ok(Response {
            status: 200,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: body.into_bytes(),
        });
    };
    let status = status(&object["statusCode"])?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for (name, value) in object.get("headers").and_then(Value::as_object).into_iter().flatten() {
        headers.push((name.clone(), scalar(value)));
    }
    for (name, values) in object.get("multiValueHeaders").and_then(Value::as_object).into_iter().flatten() {
        let joined: Vec<String> = values.as_array().into_iter().flatten().map(scalar).collect();
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        headers.push((name.clone(), joined.join(",")));
    }
    for cookie in object.get("cookies").and_then(Value::as_array).into_iter().flatten() {
        headers.push(("set-cookie".to_owned(), scalar(cookie)));
    }
    let body = body(object)?;
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    Ok(Response { status, headers, body })
}

/// A status code: a number or a numeric string, 100–599.
pub fn status(value: &Value) -> Result<u16, String> {
    let number = value.as_u64().or_else(|| value.as_str()?.trim().parse().ok());
    number
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| (100..600).contains(n))
        .ok_or_else(|| format!("the function returned statusCode {value}, which is not an HTTP status"))
}

/// A header value as API Gateway writes a JSON scalar.
pub fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The body of a response object: `body` as text, or decoded when
/// `isBase64Encoded`.
pub fn body(object: &Map<String, Value>) -> Result<Vec<u8>, String> {
    let text = match object.get("body") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    };
    if object.get("isBase64Encoded") == Some(&Value::Bool(true)) {
        STANDARD.decode(text.trim()).map_err(|e| format!("the function's body is marked base64 but is not ({e})"))
    } else {
        Ok(text.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrival() -> Arrival {
        Arrival {
            account: "123456789012".to_owned(),
            api_id: "api".to_owned(),
            domain: "localhost".to_owned(),
            stage: "$default".to_owned(),
            request_id: "id".to_owned(),
            time: "12/Mar/2020:19:03:58 +0000".to_owned(),
            epoch: 1_583_348_638_390,
        }
    }

    #[test]
    fn the_event_has_the_fields_of_aws_example() {
        let request = Request {
            method: "POST".to_owned(),
            raw_path: "/my/path".to_owned(),
            raw_query: "parameter1=value1&parameter1=value2&parameter2=value".to_owned(),
            headers: vec![
                ("Header1".to_owned(), "value1".to_owned()),
                ("Header2".to_owned(), "value1".to_owned()),
                ("Header2".to_owned(), "value2".to_owned()),
                ("Cookie".to_owned(), "cookie1; cookie2".to_owned()),
                ("Content-Type".to_owned(), "text/plain".to_owned()),
            ],
            body: b"Hello from Lambda".to_vec(),
            source_ip: "127.0.0.1".to_owned(),
        };
        let event = event(&request, &arrival(), "$default", Map::new(), None);
        assert_eq!(event["rawQueryString"], "parameter1=value1&parameter1=value2&parameter2=value");
        assert_eq!(event["cookies"], json!(["cookie1", "cookie2"]));
        assert_eq!(event["headers"]["header2"], "value1,value2");
        assert!(event["headers"].get("cookie").is_none());
        assert_eq!(event["queryStringParameters"], json!({"parameter1": "value1,value2", "parameter2": "value"}));
        assert_eq!(event["requestContext"]["http"]["method"], "POST");
        assert_eq!((&event["body"], &event["isBase64Encoded"]), (&json!("Hello from Lambda"), &json!(false)));
        assert!(event.get("pathParameters").is_none());
    }

    #[test]
    fn a_value_without_status_code_is_a_json_body() {
        let plain = response(&json!({"a": 1})).expect("mapped");
        assert_eq!((plain.status, plain.body.as_slice()), (200, br#"{"a":1}"#.as_slice()));
        let full = response(&json!({"statusCode": 201, "cookies": ["a=1"], "body": "aGk=", "isBase64Encoded": true}))
            .expect("mapped");
        assert_eq!(
            (full.status, full.body.as_slice(), full.header("set-cookie")),
            (201, b"hi".as_slice(), Some("a=1"))
        );
        assert!(response(&json!({"statusCode": "x"})).is_err());
    }
}
