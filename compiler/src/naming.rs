//! CloudFormation logical IDs as the Serverless Framework v3 names them
//! (its `lib/plugins/aws/lib/naming.js`), so that an existing stack can be
//! taken over in place: `hello` → `HelloLambdaFunction`.

/// The first character in upper case: `hello` → `Hello`.
pub fn normalize_name(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A name made safe for a logical ID: `-` → `Dash`, `_` → `Underscore`,
/// first letter upper case: `my-func_1` → `MyDashfuncUnderscore1`.
pub fn normalize_function_name(name: &str) -> String {
    normalize_name(&name.replace('-', "Dash").replace('_', "Underscore"))
}

/// Only letters and digits, first letter upper case (paths, queue names).
pub fn normalize_alphanumeric(name: &str) -> String {
    normalize_name(&name.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
}

/// `HelloLambdaFunction`
pub fn lambda_function(function: &str) -> String {
    format!("{}LambdaFunction", normalize_function_name(function))
}

/// `HelloLogGroup`
pub fn log_group(function: &str) -> String {
    format!("{}LogGroup", normalize_function_name(function))
}

/// `PythonRequirementsLambdaLayer` for the layer `pythonRequirements`.
pub fn lambda_layer(layer: &str) -> String {
    format!("{}LambdaLayer", normalize_function_name(layer))
}

/// `HttpApiIntegrationHello`
pub fn http_api_integration(function: &str) -> String {
    format!("HttpApiIntegration{}", normalize_function_name(function))
}

/// `HelloLambdaPermissionHttpApi`
pub fn http_api_permission(function: &str) -> String {
    format!("{}LambdaPermissionHttpApi", normalize_function_name(function))
}

/// `HttpApiRouteGetItemsIdVar` for `GET /items/{id}`; `HttpApiRouteDefault`
/// for `*`.
pub fn http_api_route(method: &str, path: &str) -> String {
    if method == "*" && (path.is_empty() || path == "*") {
        return "HttpApiRouteDefault".to_owned();
    }
    let method = if method == "*" { "Any".to_owned() } else { normalize_name(&method.to_lowercase()) };
    let path: String = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(var) => format!("{}Var", normalize_alphanumeric(var.trim_end_matches('+'))),
            None => normalize_alphanumeric(segment),
        })
        .collect();
    format!("HttpApiRoute{method}{path}")
}

/// `HelloEventsRuleSchedule1` (1-based, counted per function).
pub fn schedule_rule(function: &str, index: usize) -> String {
    format!("{}EventsRuleSchedule{index}", normalize_function_name(function))
}

/// Resources every service with functions gets.
pub const IAM_ROLE: &str = "IamRoleLambdaExecution";
/// The deployment bucket, unless `provider.deploymentBucket` is set.
pub const DEPLOYMENT_BUCKET: &str = "ServerlessDeploymentBucket";
/// The deployment bucket's policy.
pub const DEPLOYMENT_BUCKET_POLICY: &str = "ServerlessDeploymentBucketPolicy";
/// The HTTP API of `httpApi` events.
pub const HTTP_API: &str = "HttpApi";
/// Its stage.
pub const HTTP_API_STAGE: &str = "HttpApiStage";
/// The REST API of `http` events.
pub const REST_API: &str = "ApiGatewayRestApi";
/// The WebSocket API of `websocket` events.
pub const WEBSOCKETS_API: &str = "WebsocketsApi";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_serverless_reference_template() {
        // Names from shared/reference/serverless-v3/minimal.
        assert_eq!(lambda_function("hello"), "HelloLambdaFunction");
        assert_eq!(log_group("hello"), "HelloLogGroup");
        assert_eq!(http_api_integration("hello"), "HttpApiIntegrationHello");
        assert_eq!(http_api_permission("hello"), "HelloLambdaPermissionHttpApi");
        assert_eq!(http_api_route("get", "/"), "HttpApiRouteGet");
    }

    #[test]
    fn escapes_dashes_and_underscores() {
        assert_eq!(lambda_function("my-func_1"), "MyDashfuncUnderscore1LambdaFunction");
        assert_eq!(lambda_layer("pythonRequirements"), "PythonRequirementsLambdaLayer");
        assert_eq!(http_api_route("GET", "/items/{id}"), "HttpApiRouteGetItemsIdVar");
        assert_eq!(http_api_route("*", "*"), "HttpApiRouteDefault");
    }
}
