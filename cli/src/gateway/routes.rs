//! The routes of a service, read from its template as `svc deploy` would
//! create it: each `AWS::ApiGatewayV2::Route` of the HTTP API and each
//! `AWS::ApiGateway::Method` of the REST API, with the function its
//! integration calls, its authorizer and whether it needs an API key. A
//! request takes the route API Gateway would give it: a literal segment
//! before a `{parameter}`, a parameter before a greedy `{name+}`, a
//! method before `ANY`, and the HTTP API's `$default` last.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::cors::Cors;
use super::response::Response;

/// Which API a route belongs to, and so which payload its function gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// An HTTP API (`httpApi` events).
    Http,
    /// A REST API (`http` events).
    Rest,
}

/// What a route calls.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A function of the service, by its name in the service, with the
    /// payload format version of the integration (`2.0` or `1.0`).
    Function { name: String, payload: Payload },
    /// A mock integration's fixed answer (the `OPTIONS` method of a REST
    /// API resource with CORS).
    Mock(Response),
}

/// The payload format of an integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// `2.0` (HTTP APIs' default).
    V2,
    /// `1.0` (REST APIs' proxy events).
    V1,
}

/// A route's authorizer.
#[derive(Clone, Debug, PartialEq)]
pub enum Authorizer {
    /// A JWT authorizer (HTTP API) or a Cognito user pool (REST API).
    Jwt {
        /// Its name.
        name: String,
        /// Where the token is: `$request.header.Authorization`, or
        /// `method.request.header.Authorization`.
        identity_source: String,
        /// The issuer the token must name (none for Cognito on REST).
        issuer: Option<String>,
        /// The audiences, one of which the token must name.
        audience: Vec<String>,
        /// The scopes of the route, one of which the token must have.
        scopes: Vec<String>,
    },
    /// A Lambda authorizer.
    Lambda {
        /// Its name.
        name: String,
        /// The function, by its name in the service.
        function: String,
        /// `TOKEN` (REST only) or `REQUEST`.
        token: bool,
        /// Where the identity is (checked present before the function runs).
        identity_source: Vec<String>,
        /// The payload format version of an HTTP API's authorizer.
        payload: Payload,
        /// An HTTP API authorizer that answers `{"isAuthorized": …}`.
        simple: bool,
    },
    /// IAM: passed through (signatures are not checked locally).
    Iam,
    /// A Lambda authorizer outside this service (an ARN): passed
    /// through, as it cannot run here.
    Outside {
        /// Its name or ARN.
        name: String,
    },
}

/// One route.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Its API.
    pub api: Api,
    /// `GET`, …, or `ANY`.
    pub method: String,
    /// The path as declared, `/users/{id}`, or `$default`.
    pub path: String,
    /// What it calls.
    pub target: Target,
    /// Its authorizer.
    pub authorizer: Option<Authorizer>,
    /// A REST method with `private = true`: an API key is needed.
    pub api_key: bool,
    segments: Vec<Segment>,
}

/// One segment of a declared path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter(String),
    Greedy(String),
}

impl Segment {
    /// How specific: a literal before a parameter before a greedy one.
    fn rank(&self) -> u8 {
        match self {
            Segment::Literal(_) => 2,
            Segment::Parameter(_) => 1,
            Segment::Greedy(_) => 0,
        }
    }
}

impl Route {
    /// The route key API Gateway gives it: `GET /users/{id}`, `$default`.
    pub fn key(&self) -> String {
        if self.path == "$default" { self.path.clone() } else { format!("{} {}", self.method, self.path) }
    }

    /// The function it calls, if any.
    pub fn function(&self) -> Option<&str> {
        match &self.target {
            Target::Function { name, .. } => Some(name),
            Target::Mock(_) => None,
        }
    }

    /// The path parameters of `path` (decoded) if it matches this route.
    fn matches(&self, path: &str) -> Option<Map<String, Value>> {
        if self.path == "$default" {
            return Some(Map::new());
        }
        let mut given = path.split('/').filter(|s| !s.is_empty()).peekable();
        let mut parameters = Map::new();
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => {
                    if given.next()? != text {
                        return None;
                    }
                }
                Segment::Parameter(name) => {
                    parameters.insert(name.clone(), Value::String(super::request::decode(given.next()?)));
                }
                Segment::Greedy(name) => {
                    let rest: Vec<&str> = given.by_ref().collect();
                    if rest.is_empty() {
                        return None;
                    }
                    parameters.insert(name.clone(), Value::String(super::request::decode(&rest.join("/"))));
                }
            }
        }
        given.peek().is_none().then_some(parameters)
    }

    /// Orders matching routes: the most specific is the greatest.
    fn precedence(&self) -> (bool, Vec<u8>, bool) {
        let ranks = self.segments.iter().map(Segment::rank).collect();
        (self.path != "$default", ranks, self.method != "ANY")
    }
}

/// The routes of a service, and what its APIs say of all of them.
#[derive(Clone, Debug, Default)]
pub struct Routes {
    /// Every route, HTTP API's then REST API's, in template order.
    pub routes: Vec<Route>,
    /// The HTTP API's `CorsConfiguration`, if it has one.
    pub cors: Option<Cors>,
    /// The REST API's `BinaryMediaTypes`.
    pub binary_media_types: Vec<String>,
    /// The REST API's keys with their values (`name`, `value`); a key
    /// without a value in the template gets one made up locally.
    pub api_keys: Vec<(String, String)>,
    /// What cannot be served, one sentence each.
    pub unserved: Vec<String>,
}

/// A request's route, and its path parameters.
#[derive(Clone, Debug)]
pub struct Found<'a> {
    /// The route.
    pub route: &'a Route,
    /// The path parameters, by name.
    pub parameters: Map<String, Value>,
}

impl Routes {
    /// The routes of `template`. `functions` maps the logical ID of each
    /// function's `AWS::Lambda::Function` to its name in the service.
    pub fn of(template: &Value, functions: &BTreeMap<String, String>) -> Routes {
        let empty = Map::new();
        let resources = template.get("Resources").and_then(Value::as_object).unwrap_or(&empty);
        let mut routes = Routes::default();
        let of_type = |kind: &'static str| resources.iter().filter(move |(_, r)| r["Type"] == kind);
        for (_, api) in of_type("AWS::ApiGatewayV2::Api") {
            routes.cors = api["Properties"].get("CorsConfiguration").map(Cors::of);
        }
        for (id, route) in of_type("AWS::ApiGatewayV2::Route") {
            // A WebSocket API's routes (`$connect`, …) are not HTTP routes.
            let api = referenced(&route["Properties"]["ApiId"]).and_then(|a| resources.get(a));
            if api.is_some_and(|a| a["Properties"]["ProtocolType"] != "HTTP") {
                continue;
            }
            routes.http_route(resources, functions, id, &route["Properties"]);
        }
        for (_, api) in of_type("AWS::ApiGateway::RestApi") {
            let types = api["Properties"]["BinaryMediaTypes"].as_array().into_iter().flatten();
            routes.binary_media_types = types.filter_map(Value::as_str).map(str::to_owned).collect();
        }
        for (id, method) in of_type("AWS::ApiGateway::Method") {
            routes.rest_method(resources, functions, id, &method["Properties"]);
        }
        for (id, key) in of_type("AWS::ApiGateway::ApiKey") {
            let name = key["Properties"]["Name"].as_str().unwrap_or(id).to_owned();
            let value = key["Properties"]["Value"].as_str().map_or_else(made_up_key, str::to_owned);
            routes.api_keys.push((name, value));
        }
        routes
    }

    /// The route `method path` takes on `api`, if any.
    pub fn find(&self, api: Api, method: &str, path: &str) -> Option<Found<'_>> {
        let candidates = self.routes.iter().filter(|r| r.api == api && (r.method == method || r.method == "ANY"));
        let matching = candidates.filter_map(|route| Some((route, route.matches(path)?)));
        let (route, parameters) = matching.max_by(|(a, _), (b, _)| a.precedence().cmp(&b.precedence()))?;
        Some(Found { route, parameters })
    }

    /// Whether any route is on `api`.
    pub fn has(&self, api: Api) -> bool {
        self.routes.iter().any(|r| r.api == api)
    }

    fn http_route(
        &mut self,
        resources: &Map<String, Value>,
        functions: &BTreeMap<String, String>,
        id: &str,
        properties: &Value,
    ) {
        let key = properties["RouteKey"].as_str().unwrap_or_default();
        let (method, path) = match key.split_once(' ') {
            Some((method, path)) => (method.to_ascii_uppercase(), path.to_owned()),
            None => ("ANY".to_owned(), key.to_owned()),
        };
        let integration = referenced(&properties["Target"]).and_then(|i| resources.get(i));
        let Some(integration) = integration.map(|i| &i["Properties"]) else {
            self.unserved.push(format!("route `{key}` ({id}) has no integration svc can find"));
            return;
        };
        let Some(function) = function_in(&integration["IntegrationUri"], functions) else {
            self.unserved.push(format!("route `{key}` ({id}) does not call a function of this service"));
            return;
        };
        let payload = if integration["PayloadFormatVersion"] == "1.0" { Payload::V1 } else { Payload::V2 };
        let authorizer = authorizer(Api::Http, properties, resources, functions);
        let target = Target::Function { name: function, payload };
        self.routes.push(Route {
            api: Api::Http,
            segments: segments(&path),
            method,
            path,
            target,
            authorizer,
            api_key: false,
        });
    }

    fn rest_method(
        &mut self,
        resources: &Map<String, Value>,
        functions: &BTreeMap<String, String>,
        id: &str,
        properties: &Value,
    ) {
        let method = properties["HttpMethod"].as_str().unwrap_or("ANY").to_ascii_uppercase();
        let path = rest_path(resources, &properties["ResourceId"]);
        let integration = &properties["Integration"];
        let target = match integration["Type"].as_str() {
            Some("AWS_PROXY") => match function_in(&integration["Uri"], functions) {
                Some(name) => Target::Function { name, payload: Payload::V1 },
                None => {
                    self.unserved.push(format!("`{method} {path}` ({id}) does not call a function of this service"));
                    return;
                }
            },
            Some("MOCK") => Target::Mock(mock(integration)),
            other => {
                let kind = other.unwrap_or("none");
                self.unserved.push(format!(
                    "`{method} {path}` ({id}) has a `{kind}` integration: svc offline serves Lambda proxy integrations"
                ));
                return;
            }
        };
        let authorizer = authorizer(Api::Rest, properties, resources, functions);
        let api_key = properties["ApiKeyRequired"] == true;
        self.routes.push(Route {
            api: Api::Rest,
            segments: segments(&path),
            method,
            path,
            target,
            authorizer,
            api_key,
        });
    }
}

/// The authorizer of a route (`AWS::ApiGatewayV2::Route`) or method
/// (`AWS::ApiGateway::Method`) with `properties`.
fn authorizer(
    api: Api,
    properties: &Value,
    resources: &Map<String, Value>,
    functions: &BTreeMap<String, String>,
) -> Option<Authorizer> {
    match properties["AuthorizationType"].as_str()? {
        "AWS_IAM" => Some(Authorizer::Iam),
        "JWT" | "CUSTOM" | "COGNITO_USER_POOLS" => {
            let found = &resources.get(referenced(&properties["AuthorizerId"])?)?["Properties"];
            match api {
                Api::Http => http_authorizer(found, properties, functions),
                Api::Rest => rest_authorizer(found, properties, functions),
            }
        }
        _ => None,
    }
}

/// The segments of a declared path.
fn segments(path: &str) -> Vec<Segment> {
    if path == "$default" {
        return Vec::new();
    }
    let parts = path.split('/').filter(|s| !s.is_empty());
    parts
        .map(|part| match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => match name.strip_suffix('+') {
                Some(name) => Segment::Greedy(name.to_owned()),
                None => Segment::Parameter(name.to_owned()),
            },
            None => Segment::Literal(part.to_owned()),
        })
        .collect()
}

/// The logical ID a value refers to: `{"Ref": X}`, or the `Ref` inside
/// `{"Fn::Join": ["/", ["integrations", {"Ref": X}]]}`.
fn referenced(value: &Value) -> Option<&str> {
    if let Some(id) = value.get("Ref").and_then(Value::as_str) {
        return Some(id);
    }
    match value {
        Value::Array(items) => items.iter().find_map(referenced),
        Value::Object(object) => object.values().find_map(referenced),
        _ => None,
    }
}

/// The function of the service an integration URI names (through
/// `Fn::GetAtt` or `Ref` of its logical ID).
pub fn function_in(value: &Value, functions: &BTreeMap<String, String>) -> Option<String> {
    match value {
        Value::Object(object) => {
            let id =
                object.get("Fn::GetAtt").and_then(|g| g.get(0)).or_else(|| object.get("Ref")).and_then(Value::as_str);
            if let Some(name) = id.and_then(|id| functions.get(id)) {
                return Some(name.clone());
            }
            object.values().find_map(|v| function_in(v, functions))
        }
        Value::Array(items) => items.iter().find_map(|v| function_in(v, functions)),
        _ => None,
    }
}

/// The full path of a REST API resource: `/things/{id}`.
fn rest_path(resources: &Map<String, Value>, resource: &Value) -> String {
    let mut parts = Vec::new();
    let mut at = resource;
    // A resource tree is at most as deep as there are resources.
    for _ in 0..=resources.len() {
        let Some(id) = at.get("Ref").and_then(Value::as_str) else { break };
        let Some(properties) = resources.get(id).map(|r| &r["Properties"]) else { break };
        parts.push(properties["PathPart"].as_str().unwrap_or_default().to_owned());
        at = &properties["ParentId"];
    }
    parts.reverse();
    format!("/{}", parts.join("/"))
}

/// The answer of a mock integration: its first integration response's
/// status and header values (`'*'` → `*`).
fn mock(integration: &Value) -> Response {
    let first = &integration["IntegrationResponses"][0];
    let status = first["StatusCode"].as_str().and_then(|s| s.parse().ok()).unwrap_or(200);
    let parameters = first["ResponseParameters"].as_object().into_iter().flatten();
    let headers = parameters
        .filter_map(|(name, value)| {
            let name = name.strip_prefix("method.response.header.")?;
            let value = value.as_str()?.trim_matches('\'');
            Some((name.to_owned(), value.to_owned()))
        })
        .collect();
    Response { status, headers, body: Vec::new() }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

fn http_authorizer(authorizer: &Value, route: &Value, functions: &BTreeMap<String, String>) -> Option<Authorizer> {
    let name = authorizer["Name"].as_str().unwrap_or_default().to_owned();
    let sources = strings(&authorizer["IdentitySource"]);
    match authorizer["AuthorizerType"].as_str()? {
        "JWT" => Some(Authorizer::Jwt {
            name,
            identity_source: sources.first().cloned().unwrap_or_else(|| "$request.header.Authorization".to_owned()),
            issuer: authorizer["JwtConfiguration"]["Issuer"].as_str().map(str::to_owned),
            audience: strings(&authorizer["JwtConfiguration"]["Audience"]),
            scopes: strings(&route["AuthorizationScopes"]),
        }),
        _ => Some(match function_in(&authorizer["AuthorizerUri"], functions) {
            None => Authorizer::Outside { name },
            Some(function) => Authorizer::Lambda {
                name,
                function,
                token: false,
                identity_source: sources,
                payload: if authorizer["AuthorizerPayloadFormatVersion"] == "1.0" { Payload::V1 } else { Payload::V2 },
                simple: authorizer["EnableSimpleResponses"] == true,
            },
        }),
    }
}

fn rest_authorizer(authorizer: &Value, method: &Value, functions: &BTreeMap<String, String>) -> Option<Authorizer> {
    let name = authorizer["Name"].as_str().unwrap_or_default().to_owned();
    let sources: Vec<String> = authorizer["IdentitySource"]
        .as_str()
        .map(|s| s.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    match authorizer["Type"].as_str()? {
        "COGNITO_USER_POOLS" => Some(Authorizer::Jwt {
            name,
            identity_source: sources
                .first()
                .cloned()
                .unwrap_or_else(|| "method.request.header.Authorization".to_owned()),
            issuer: None,
            audience: Vec::new(),
            scopes: strings(&method["AuthorizationScopes"]),
        }),
        kind => Some(match function_in(&authorizer["AuthorizerUri"], functions) {
            None => Authorizer::Outside { name },
            Some(function) => Authorizer::Lambda {
                name,
                function,
                token: kind == "TOKEN",
                identity_source: sources,
                payload: Payload::V1,
                simple: false,
            },
        }),
    }
}

/// A key for an API key whose value AWS would generate: 40 hex digits,
/// shown at start-up.
fn made_up_key() -> String {
    let random = crate::local::environment::random;
    let key = format!("{:016x}{:016x}{:016x}", random(), random(), random());
    key[..40].to_owned()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn route(api: Api, key: &str) -> Route {
        let (method, path) = key.split_once(' ').unwrap_or(("ANY", key));
        Route {
            api,
            method: method.to_owned(),
            path: path.to_owned(),
            segments: segments(path),
            target: Target::Function { name: key.to_owned(), payload: Payload::V2 },
            authorizer: None,
            api_key: false,
        }
    }

    fn taken(routes: &Routes, method: &str, path: &str) -> Option<(String, Value)> {
        let found = routes.find(Api::Http, method, path)?;
        Some((found.route.key(), Value::Object(found.parameters)))
    }

    #[test]
    fn a_request_takes_the_most_specific_route() {
        let keys = ["GET /users/me", "GET /users/{id}", "ANY /users/{id}", "GET /{proxy+}", "$default", "GET /"];
        let routes = Routes { routes: keys.iter().map(|k| route(Api::Http, k)).collect(), ..Routes::default() };
        assert_eq!(taken(&routes, "GET", "/users/me"), Some(("GET /users/me".to_owned(), json!({}))));
        assert_eq!(taken(&routes, "GET", "/users/a%20b"), Some(("GET /users/{id}".to_owned(), json!({"id": "a b"}))));
        assert_eq!(taken(&routes, "DELETE", "/users/7"), Some(("ANY /users/{id}".to_owned(), json!({"id": "7"}))));
        assert_eq!(taken(&routes, "GET", "/a/b/c"), Some(("GET /{proxy+}".to_owned(), json!({"proxy": "a/b/c"}))));
        assert_eq!(taken(&routes, "GET", "/"), Some(("GET /".to_owned(), json!({}))));
        assert_eq!(taken(&routes, "POST", "/a"), Some(("$default".to_owned(), json!({}))));
    }

    #[test]
    fn reads_rest_resources_mocks_and_keys_from_the_template() {
        let template = json!({"Resources": {
            "R": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Fn::GetAtt": ["Api", "RootResourceId"]}, "PathPart": "things"}},
            "RId": {"Type": "AWS::ApiGateway::Resource", "Properties": {"ParentId": {"Ref": "R"}, "PathPart": "{id}"}},
            "Get": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "GET", "ResourceId": {"Ref": "RId"}, "ApiKeyRequired": true,
                "Integration": {"Type": "AWS_PROXY", "Uri": {"Fn::Join": ["", ["arn:", {"Fn::GetAtt": ["BLambdaFunction", "Arn"]}]]}}}},
            "Options": {"Type": "AWS::ApiGateway::Method", "Properties": {"HttpMethod": "OPTIONS", "ResourceId": {"Ref": "RId"},
                "Integration": {"Type": "MOCK", "IntegrationResponses": [{"StatusCode": "200", "ResponseParameters": {"method.response.header.Access-Control-Allow-Origin": "'*'"}}]}}},
            "Key": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"Name": "k1", "Value": "secret-value-0123456789"}}
        }});
        let functions = BTreeMap::from([("BLambdaFunction".to_owned(), "b".to_owned())]);
        let routes = Routes::of(&template, &functions);
        let found = routes.find(Api::Rest, "GET", "/things/7").expect("GET route");
        assert_eq!((found.route.function(), found.route.api_key), (Some("b"), true));
        let options = routes.find(Api::Rest, "OPTIONS", "/things/7").expect("OPTIONS route");
        let Target::Mock(answer) = &options.route.target else { panic!("a mock") };
        assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
        assert_eq!(routes.api_keys, [("k1".to_owned(), "secret-value-0123456789".to_owned())]);
        assert!(routes.find(Api::Http, "GET", "/things/7").is_none());
    }
}
