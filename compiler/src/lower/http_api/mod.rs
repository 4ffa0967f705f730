//! `httpApi` events: one HTTP API for the service (or routes on an
//! existing one, `provider.httpApi.id`), its `$default` stage, access logs,
//! authorizers, and per function an integration and a permission, and a
//! route per event.

mod authorizers;
mod cors;
mod routes;

use serde_json::{Map, Value, json};

use crate::diagnostic::Diagnostic;
use crate::naming;

use super::service::Service;
use super::template::Template;
use crate::lower::common::truthy;

use routes::Route;

/// The access log format when `provider.logs.httpApi` gives none.
const DEFAULT_LOG_FORMAT: &str = concat!(
    r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","#,
    r#""requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","#,
    r#""routeKey":"$context.routeKey","status":"$context.status","#,
    r#""protocol":"$context.protocol","responseLength":"$context.responseLength"}"#
);

/// Adds the HTTP API resources when a function has an `httpApi` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let config = Config::of(service);
    let routes = routes::resolve(service, &config, diagnostics);
    if routes.is_empty() {
        return;
    }
    if config.external.is_none() {
        api(service, &config, &routes, template);
        log_group(service, &config, template);
        stage(service, &config, template);
    }
    authorizers::lower(service, &config, template, diagnostics);
    routes::lower(&config, &routes, template);
}

/// `provider.httpApi` (and `provider.logs.httpApi`) as Serverless reads them.
pub struct Config {
    /// `provider.httpApi`, an empty object when not set.
    settings: Map<String, Value>,
    /// `id`: the routes go on this existing API.
    external: Option<Value>,
    /// The provider's settings.
    provider: Value,
    /// The access log format, when access logs are on.
    log_format: Option<Value>,
    /// Whether only the resources' names and types matter.
    names_only: bool,
}

impl Config {
    fn of(service: &Service<'_>) -> Config {
        let provider = service.provider().clone();
        let settings = provider.get("httpApi").and_then(Value::as_object).cloned().unwrap_or_default();
        let external = settings.get("id").filter(|id| truthy(Some(id))).cloned();
        let logs = provider.get("logs").and_then(|l| l.get("httpApi")).filter(|l| truthy(Some(l)));
        let log_format = logs
            .map(|l| l.get("format").filter(|f| truthy(Some(f))).cloned().unwrap_or_else(|| json!(DEFAULT_LOG_FORMAT)));
        Config { settings, external, provider, log_format, names_only: service.names_only() }
    }

    /// `ApiId` of every resource: the existing API, else `Ref HttpApi`.
    fn api_id(&self) -> Value {
        self.external.clone().unwrap_or_else(|| json!({ "Ref": naming::HTTP_API }))
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.settings.get(key).filter(|v| !v.is_null())
    }

    /// `provider.tags`, when set.
    fn tags(&self) -> Option<&Value> {
        self.provider.get("tags").filter(|t| truthy(Some(t)))
    }
}

fn api(service: &Service<'_>, config: &Config, routes: &[Route], template: &mut Template) {
    let name = match config.get("name").filter(|n| truthy(Some(n))) {
        Some(Value::String(name)) => json!(name),
        Some(other) => json!(other.to_string()),
        None if config.get("shouldStartNameWithService") == Some(&Value::Bool(true)) => json!(service.prefix()),
        None => json!(format!("{}-{}", service.stage, service.name)),
    };
    let mut properties = json!({ "Name": name, "ProtocolType": "HTTP" });
    if let Some(disabled) = config.get("disableDefaultEndpoint") {
        properties["DisableExecuteApiEndpoint"] = disabled.clone();
    }
    if let Some(tags) = config.tags() {
        properties["Tags"] = tags.clone();
    }
    if let Some(cors) = config.get("cors").filter(|c| truthy(Some(c))) {
        properties["CorsConfiguration"] = cors::configuration(cors, routes);
    }
    template.resource(naming::HTTP_API, json!({ "Type": "AWS::ApiGatewayV2::Api", "Properties": properties }));
}

/// `HttpApiLogGroup`, with access logs.
fn log_group(service: &Service<'_>, config: &Config, template: &mut Template) {
    if config.log_format.is_none() {
        return;
    }
    let stack = match config.provider.get("stackName") {
        Some(Value::String(name)) if !name.is_empty() => name.clone(),
        _ => service.prefix(),
    };
    let mut properties = json!({ "LogGroupName": format!("/aws/http-api/{stack}") });
    for (key, cfn) in [("logRetentionInDays", "RetentionInDays"), ("logDataProtectionPolicy", "DataProtectionPolicy")] {
        if let Some(value) = config.provider.get(key).filter(|v| truthy(Some(v))) {
            properties[cfn] = value.clone();
        }
    }
    template.resource("HttpApiLogGroup", json!({ "Type": "AWS::Logs::LogGroup", "Properties": properties }));
}

fn stage(service: &Service<'_>, config: &Config, template: &mut Template) {
    let metrics = config.get("metrics").cloned().filter(|m| truthy(Some(m))).unwrap_or(json!(false));
    let mut properties = json!({
        "ApiId": { "Ref": naming::HTTP_API },
        "StageName": "$default",
        "AutoDeploy": true,
        "DefaultRouteSettings": { "DetailedMetricsEnabled": metrics }
    });
    if let Some(tags) = config.tags() {
        properties["Tags"] = tags.clone();
    }
    let mut resource = json!({ "Type": "AWS::ApiGatewayV2::Stage", "Properties": properties });
    // Serverless also writes `DependsOn` the log group, which the `GetAtt`
    // implies (cfn-lint W3005).
    if let Some(format) = &config.log_format {
        resource["Properties"]["AccessLogSettings"] =
            json!({ "DestinationArn": { "Fn::GetAtt": ["HttpApiLogGroup", "Arn"] }, "Format": format });
    }
    template.resource(naming::HTTP_API_STAGE, resource);
    outputs(service, template);
}

fn outputs(service: &Service<'_>, template: &mut Template) {
    template.output(
        "HttpApiId",
        json!({ "Description": "Id of the HTTP API", "Value": { "Ref": naming::HTTP_API }, "Export": { "Name": service.export("HttpApiId") } }),
    );
    template.output(
        "HttpApiUrl",
        json!({
            "Description": "URL of the HTTP API",
            "Value": { "Fn::Join": ["", [
                "https://", { "Ref": naming::HTTP_API }, ".execute-api.", { "Ref": "AWS::Region" }, ".", { "Ref": "AWS::URLSuffix" }
            ]] },
            "Export": { "Name": service.export("HttpApiUrl") }
        }),
    );
}
