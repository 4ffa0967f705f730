//! Logical IDs of the APIs of `http` events (API Gateway REST API) and
//! `websocket` events (API Gateway v2 WebSocket API), as
//! `lib/plugins/aws/lib/naming.js` of Serverless v3 writes them.

use super::{normalize_alphanumeric, normalize_function_name, normalize_name, normalize_path};

/// The stage of the WebSocket API.
pub const WEBSOCKETS_STAGE: &str = "WebsocketsDeploymentStage";

/// `ApiGatewayResourceUsersIdVar`: the REST API resource of the path
/// `users/{id}` (see [`normalize_path`]).
pub fn rest_api_resource(path: &str) -> String {
    format!("ApiGatewayResource{}", normalize_path(path))
}

/// `ApiGatewayMethodUsersIdVarGet`: the method `get` of the resource whose
/// normalised path is `resource` (empty for the root resource).
pub fn rest_api_method(resource: &str, method: &str) -> String {
    format!("ApiGatewayMethod{resource}{}", normalize_name(&method.to_lowercase()))
}

/// `HelloLambdaPermissionApiGateway`: lets the REST API invoke `hello` (as
/// an endpoint or as an authorizer).
pub fn rest_api_permission(function: &str) -> String {
    format!("{}LambdaPermissionApiGateway", normalize_function_name(function))
}

/// `AuthApiGatewayAuthorizer` for the REST API authorizer named `auth`.
pub fn rest_api_authorizer(name: &str) -> String {
    format!("{}ApiGatewayAuthorizer", normalize_function_name(name))
}

/// `ApiGatewayDeployment<suffix>`: the Serverless Framework puts a timestamp
/// there, svc a hash of the API.
pub fn rest_api_deployment(suffix: &str) -> String {
    format!("ApiGatewayDeployment{suffix}")
}

/// `ApiGatewayMyserviceRequestValidator`, the request validator of the
/// service `my-service`.
pub fn rest_api_request_validator(service: &str) -> String {
    format!("ApiGateway{}RequestValidator", normalize_alphanumeric(service))
}

/// `ApiGatewayCreateUserModel` for the model `create-user` of
/// `provider.apiGateway.request.schemas` (lodash `camelCase`, first letter
/// upper case).
pub fn rest_api_model(schema: &str) -> String {
    let camel: String = words(schema).iter().map(|w| normalize_name(&w.to_lowercase())).collect();
    format!("ApiGateway{camel}Model")
}

/// `ApiGatewayMethodUsersPostApplicationJsonModel`: the model of an
/// endpoint's inline request schema for a content type (lodash `startCase`
/// without its spaces).
pub fn rest_api_endpoint_model(resource: &str, method: &str, content_type: &str) -> String {
    let start_case: String = words(content_type).iter().map(|w| normalize_name(w)).collect();
    format!("{}{start_case}Model", rest_api_method(resource, method))
}

/// `ApiGatewayApiKey1`, or `ApiGatewayApiKeyFree1` for the first key of
/// the usage plan `free`.
pub fn api_key(number: usize, plan: Option<&str>) -> String {
    format!("ApiGatewayApiKey{}{number}", plan.map(normalize_name).unwrap_or_default())
}

/// `ApiGatewayUsagePlan`, or `ApiGatewayUsagePlanFree` for the plan `free`.
pub fn usage_plan(plan: Option<&str>) -> String {
    format!("ApiGatewayUsagePlan{}", plan.map(normalize_name).unwrap_or_default())
}

/// `ApiGatewayUsagePlanKey1`, or `ApiGatewayUsagePlanKeyFree1`.
pub fn usage_plan_key(number: usize, plan: Option<&str>) -> String {
    format!("ApiGatewayUsagePlanKey{}{number}", plan.map(normalize_name).unwrap_or_default())
}

/// The authorizer name the Serverless Framework reads from a function ARN:
/// after the last `:`, then after the last `-` (`…:function:svc-dev-auth`
/// → `auth`).
pub fn authorizer_name_from_arn(arn: &str) -> String {
    let function = arn.rsplit(':').next().unwrap_or(arn);
    function.rsplit('-').next().unwrap_or(function).to_owned()
}

/// `HelloWebsocketsIntegration`
pub fn websockets_integration(function: &str) -> String {
    format!("{}WebsocketsIntegration", normalize_function_name(function))
}

/// `HelloLambdaPermissionWebsockets`
pub fn websockets_permission(function: &str) -> String {
    format!("{}LambdaPermissionWebsockets", normalize_function_name(function))
}

/// A WebSocket route key in a logical ID, **case kept**: `$` → `S`, `/` →
/// `Slash`, `-` → `Dash`, `_` → `Underscore`, `.` → `Period`.
fn websockets_route_key(route: &str) -> String {
    route.replace('$', "S").replace('/', "Slash").replace('-', "Dash").replace('_', "Underscore").replace('.', "Period")
}

/// `SconnectWebsocketsRoute` for `$connect`, `sendMessageWebsocketsRoute`.
pub fn websockets_route(route: &str) -> String {
    format!("{}WebsocketsRoute", websockets_route_key(route))
}

/// `sendMessageWebsocketsRouteResponse`
pub fn websockets_route_response(route: &str) -> String {
    format!("{}Response", websockets_route(route))
}

/// `AuthWebsocketsAuthorizer` for the authorizer (function) `auth`.
pub fn websockets_authorizer(name: &str) -> String {
    format!("{}WebsocketsAuthorizer", normalize_function_name(name))
}

/// `WebsocketsDeployment<hash>`, letters and digits of the hash only.
pub fn websockets_deployment(hash: &str) -> String {
    format!("WebsocketsDeployment{}", hash.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
}

/// The words of `text` as lodash `words` splits ASCII text: at characters
/// other than letters and digits, between a lower-case and an upper-case
/// letter, before the last capital of a run followed by a lower-case letter
/// (`HTTPRequest` → `HTTP`, `Request`), and between letters and digits.
fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            continue;
        }
        if let Some(&previous) = word.chars().last().as_ref() {
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let split = (previous.is_ascii_lowercase() && c.is_ascii_uppercase())
                || (previous.is_ascii_uppercase() && c.is_ascii_uppercase() && next.is_ascii_lowercase())
                || (previous.is_ascii_digit() != c.is_ascii_digit());
            if split {
                words.push(std::mem::take(&mut word));
            }
        }
        word.push(c);
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_rest_and_websocket_apis() {
        // Names from tests/package/{rest-api,websocket,names}.
        assert_eq!(rest_api_resource("items/{id}/tags/{tag_name}"), "ApiGatewayResourceItemsIdVarTagsTagnameVar");
        assert_eq!(rest_api_resource("members-area"), "ApiGatewayResourceMembersDasharea");
        assert_eq!(rest_api_resource("rest-path_v2/{item_Id}"), "ApiGatewayResourceRestDashpathv2ItemidVar");
        assert_eq!(rest_api_resource("admin/{proxy+}"), "ApiGatewayResourceAdminProxyVar");
        assert_eq!(rest_api_method("AdminProxyVar", "any"), "ApiGatewayMethodAdminProxyVarAny");
        assert_eq!(rest_api_method("", "GET"), "ApiGatewayMethodGet");
        assert_eq!(rest_api_permission("list"), "ListLambdaPermissionApiGateway");
        assert_eq!(rest_api_authorizer("membersAuth"), "MembersAuthApiGatewayAuthorizer");
        assert_eq!(rest_api_request_validator("rest-api"), "ApiGatewayRestapiRequestValidator");
        assert_eq!(api_key(2, None), "ApiGatewayApiKey2");
        assert_eq!(api_key(1, Some("free")), "ApiGatewayApiKeyFree1");
        assert_eq!(usage_plan(None), "ApiGatewayUsagePlan");
        assert_eq!(usage_plan_key(1, Some("free")), "ApiGatewayUsagePlanKeyFree1");
        assert_eq!(rest_api_model("create-user"), "ApiGatewayCreateUserModel");
        assert_eq!(rest_api_model("HTTPRequest_v2"), "ApiGatewayHttpRequestV2Model");
        assert_eq!(
            rest_api_endpoint_model("Users", "post", "application/json"),
            "ApiGatewayMethodUsersPostApplicationJsonModel"
        );
        assert_eq!(authorizer_name_from_arn("arn:aws:lambda:us-east-1:1:function:svc-dev-auth"), "auth");
        assert_eq!(authorizer_name_from_arn("arn:aws:cognito-idp:us-east-1:1:userpool/us-east-1_Ab"), "1_Ab");
        assert_eq!(websockets_route("$connect"), "SconnectWebsocketsRoute");
        assert_eq!(websockets_route("my-route_v2"), "myDashrouteUnderscorev2WebsocketsRoute");
        assert_eq!(websockets_route("a/b.c"), "aSlashbPeriodcWebsocketsRoute");
        assert_eq!(websockets_route_response("sendMessage"), "sendMessageWebsocketsRouteResponse");
        assert_eq!(websockets_integration("send-message"), "SendDashmessageWebsocketsIntegration");
        assert_eq!(websockets_permission("connection"), "ConnectionLambdaPermissionWebsockets");
        assert_eq!(websockets_authorizer("auth"), "AuthWebsocketsAuthorizer");
        assert_eq!(websockets_deployment("rA+Gx/3="), "WebsocketsDeploymentrAGx3");
    }
}
