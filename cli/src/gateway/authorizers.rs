//! Authorizers and API keys, as API Gateway applies them before a
//! function runs.
//!
//! - JWT (HTTP APIs) and Cognito user pools (REST APIs): the bearer
//!   token's claims are read and its issuer, audience, expiry and scopes
//!   checked, as API Gateway would; its signature is not (the keys are the
//!   issuer's), and `svc offline` says so when it starts.
//! - Lambda authorizers: the authorizer function gets API Gateway's
//!   authorizer event (`TOKEN`, or `REQUEST` in payload 1.0 or 2.0), and
//!   its IAM policy or simple response decides; its `context` reaches the
//!   function in `requestContext.authorizer`.
//! - IAM: passed through (nothing can check a signature locally).
//! - API keys: a REST method with `private = true` needs one of the API's
//!   keys in `x-api-key`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};

use super::request::Request;
use super::response::Response;
use super::routes::{Payload, Route};

/// The values of an authorizer's identity sources
/// (`$request.header.Authorization`, `method.request.querystring.token`,
/// …), or `None` when one is missing (API Gateway then answers 401
/// without calling the authorizer).
pub fn identity(sources: &[String], request: &Request) -> Option<Vec<String>> {
    let query = request.query();
    sources
        .iter()
        .map(|source| {
            let source = source.trim();
            let header =
                source.strip_prefix("$request.header.").or_else(|| source.strip_prefix("method.request.header."));
            let parameter = source
                .strip_prefix("$request.querystring.")
                .or_else(|| source.strip_prefix("method.request.querystring."));
            match (header, parameter) {
                (Some(name), _) => request.header(name).map(str::to_owned),
                (_, Some(name)) => query.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()),
                // Context and stage variables: not known locally, taken as given.
                _ => Some(String::new()),
            }
        })
        .collect()
}

/// What a JWT authorizer checks of a token, besides its claims' shape.
pub struct Expected<'a> {
    /// The issuer the token must name (`iss`).
    pub issuer: Option<&'a str>,
    /// The audiences, one of which `aud` (or `client_id`) must name.
    pub audience: &'a [String],
    /// The route's scopes, one of which the token must have.
    pub scopes: &'a [String],
    /// Now, in seconds since 1970 (`exp` must be later, `nbf` earlier).
    pub now: u64,
}

/// The claims of the token in `header` (`Bearer x.y.z`, or the token
/// alone) when `expected` accepts it: 401 when it is not a JWT, has
/// expired or names another issuer or audience; 403 when it lacks the
/// route's scopes.
pub fn jwt(header: &str, expected: &Expected<'_>) -> Result<Map<String, Value>, Response> {
    let token = header.trim();
    let token = token.strip_prefix("Bearer ").or_else(|| token.strip_prefix("bearer ")).unwrap_or(token).trim();
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Response::unauthorized());
    };
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).map_err(|_| Response::unauthorized())?;
    let Ok(Value::Object(claims)) = serde_json::from_slice::<Value>(&bytes) else {
        return Err(Response::unauthorized());
    };
    let number = |key: &str| claims.get(key).and_then(Value::as_u64);
    if number("exp").is_some_and(|exp| exp <= expected.now) || number("nbf").is_some_and(|nbf| nbf > expected.now) {
        return Err(Response::unauthorized());
    }
    if let Some(issuer) = expected.issuer
        && claims.get("iss").and_then(Value::as_str) != Some(issuer)
    {
        return Err(Response::unauthorized());
    }
    if !expected.audience.is_empty() {
        let named = |value: Option<&Value>| match value {
            Some(Value::String(one)) => expected.audience.contains(one),
            Some(Value::Array(many)) => {
                many.iter().any(|a| a.as_str().is_some_and(|a| expected.audience.iter().any(|e| e == a)))
            }
            _ => false,
        };
        if !named(claims.get("aud")) && !named(claims.get("client_id")) {
            return Err(Response::unauthorized());
        }
    }
    if !expected.scopes.is_empty() {
        let granted = scopes(&claims);
        if !expected.scopes.iter().any(|s| granted.contains(s)) {
            return Err(Response::forbidden());
        }
    }
    Ok(claims)
}

/// The scopes a token grants: `scope` (space-separated) or `scp`.
fn scopes(claims: &Map<String, Value>) -> Vec<String> {
    match claims.get("scope").or_else(|| claims.get("scp")) {
        Some(Value::String(text)) => text.split_whitespace().map(str::to_owned).collect(),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

/// `requestContext.authorizer` for a JWT's `claims`: HTTP APIs give
/// `{"jwt": {"claims", "scopes"}}` with every claim as text, REST APIs
/// (Cognito) `{"claims"}`.
pub fn jwt_context(claims: &Map<String, Value>, payload: Payload) -> Value {
    let text: Map<String, Value> = claims
        .iter()
        .map(|(name, value)| {
            let text = match value {
                Value::String(text) => text.clone(),
                Value::Array(items) => {
                    let items: Vec<String> = items.iter().map(super::v2::scalar).collect();
                    format!("[{}]", items.join(" "))
                }
                other => other.to_string(),
            };
            (name.clone(), json!(text))
        })
        .collect();
    match payload {
        Payload::V2 => {
            let granted = scopes(claims);
            json!({ "jwt": { "claims": text, "scopes": if granted.is_empty() { Value::Null } else { json!(granted) } } })
        }
        Payload::V1 => json!({ "claims": text }),
    }
}

/// The ARN of a route or method, as an authorizer's event names it.
pub fn arn(region: &str, account: &str, api_id: &str, stage: &str, route: &Route, path: &str) -> String {
    format!("arn:aws:execute-api:{region}:{account}:{api_id}/{stage}/{}{path}", route.method)
}

/// The event a Lambda authorizer gets. `request_event` is the event the
/// route's function would get (payload 1.0 or 2.0, as the authorizer's).
pub fn lambda_event(
    token: Option<&str>,
    arn: &str,
    identity: &[String],
    request_event: &Value,
    payload: Payload,
) -> Value {
    if let Some(token) = token {
        return json!({ "type": "TOKEN", "authorizationToken": token, "methodArn": arn });
    }
    let mut event = request_event.clone();
    event["type"] = json!("REQUEST");
    match payload {
        Payload::V2 => {
            event["routeArn"] = json!(arn);
            event["identitySource"] = json!(identity);
        }
        Payload::V1 => event["methodArn"] = json!(arn),
    }
    event
}

/// What a Lambda authorizer's answer decides: `Ok` with what
/// `requestContext.authorizer` holds, or API Gateway's refusal (403 for a
/// deny, 401 for an answer it cannot read).
pub fn lambda_decision(answer: &Value, simple: bool, payload: Payload) -> Result<Value, Response> {
    let context = answer.get("context").filter(|c| c.is_object()).cloned().unwrap_or_else(|| json!({}));
    let allowed = if simple {
        answer.get("isAuthorized").and_then(Value::as_bool).ok_or_else(Response::unauthorized)?
    } else {
        let statements = answer.pointer("/policyDocument/Statement").ok_or_else(Response::unauthorized)?;
        let statements = statements.as_array().map_or_else(|| vec![statements.clone()], Clone::clone);
        let effects: Vec<&str> = statements.iter().filter_map(|s| s.get("Effect")?.as_str()).collect();
        effects.iter().any(|e| e.eq_ignore_ascii_case("allow"))
            && !effects.iter().any(|e| e.eq_ignore_ascii_case("deny"))
    };
    if !allowed {
        return Err(Response::forbidden());
    }
    Ok(match payload {
        Payload::V2 => json!({ "lambda": context }),
        Payload::V1 => {
            let mut fields = context.as_object().cloned().unwrap_or_default();
            if let Some(principal) = answer.get("principalId") {
                fields.insert("principalId".to_owned(), principal.clone());
            }
            Value::Object(fields)
        }
    })
}

/// `requestContext.authorizer` of an IAM route on an HTTP API (the caller
/// cannot be known locally).
pub fn iam_context(account: &str) -> Value {
    json!({ "iam": {
        "accessKey": null,
        "accountId": account,
        "callerId": null,
        "cognitoIdentity": null,
        "principalOrgId": null,
        "userArn": null,
        "userId": null
    }})
}

/// Whether `request` carries one of `keys` (by value) in `x-api-key`:
/// 403 otherwise.
pub fn api_key(request: &Request, keys: &[(String, String)]) -> Result<(), Response> {
    let given = request.header("x-api-key").ok_or_else(Response::forbidden)?;
    keys.iter().any(|(_, value)| value == given).then_some(()).ok_or_else(Response::forbidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(claims: &Value) -> String {
        format!("Bearer e30.{}.sig", URL_SAFE_NO_PAD.encode(claims.to_string()))
    }

    #[test]
    fn a_jwt_is_checked_as_api_gateway_checks_it() {
        let audience = ["aud1".to_owned()];
        let scopes = ["read".to_owned()];
        let expected = Expected { issuer: Some("https://i"), audience: &audience, scopes: &scopes, now: 100 };
        let good = json!({"iss": "https://i", "aud": "aud1", "exp": 200, "scope": "read write", "n": 1});
        let claims = jwt(&token(&good), &expected).expect("accepted");
        let context = jwt_context(&claims, Payload::V2);
        assert_eq!(context["jwt"]["claims"]["n"], "1");
        assert_eq!(context["jwt"]["scopes"], json!(["read", "write"]));
        let status = |claims: Value| jwt(&token(&claims), &expected).err().map(|r| r.status);
        assert_eq!(status(json!({"iss": "https://i", "aud": "aud1", "exp": 50, "scope": "read"})), Some(401));
        assert_eq!(status(json!({"iss": "https://other", "aud": "aud1", "scope": "read"})), Some(401));
        assert_eq!(status(json!({"iss": "https://i", "aud": "aud2", "scope": "read"})), Some(401));
        assert_eq!(status(json!({"iss": "https://i", "aud": "aud1", "scope": "write"})), Some(403));
        assert_eq!(jwt("Bearer not-a-jwt", &expected).err().map(|r| r.status), Some(401));
    }

    #[test]
    fn a_lambda_authorizer_decides_by_policy_or_simple_answer() {
        let allow = json!({"principalId": "u", "policyDocument": {"Statement": [{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "*"}]}, "context": {"k": "v"}});
        assert_eq!(lambda_decision(&allow, false, Payload::V1).ok(), Some(json!({"k": "v", "principalId": "u"})));
        let deny = json!({"policyDocument": {"Statement": [{"Effect": "Deny"}]}});
        assert_eq!(lambda_decision(&deny, false, Payload::V1).err().map(|r| r.status), Some(403));
        let simple = json!({"isAuthorized": true, "context": {"a": 1}});
        assert_eq!(lambda_decision(&simple, true, Payload::V2).ok(), Some(json!({"lambda": {"a": 1}})));
        assert_eq!(lambda_decision(&json!({}), true, Payload::V2).err().map(|r| r.status), Some(401));
    }
}
