//! `provider.httpApi.authorizers`: JWT authorizers, and Lambda `request`
//! authorizers with the permission letting the API invoke their function.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::Path;

use super::Config;
use super::routes::source_arn;
use crate::lower::common::{alias_id, target};
use crate::lower::function::find;
use crate::lower::service::Service;
use crate::lower::template::Template;

/// Adds every authorizer, in the order written.
pub fn lower(service: &Service<'_>, config: &Config, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let Some(Value::Object(authorizers)) = config.get("authorizers") else { return };
    for (key, settings) in authorizers {
        let name = settings.get("name").and_then(Value::as_str).unwrap_or(key);
        let field = |key: &str| settings.get(key).filter(|v| !v.is_null()).cloned();
        let identity = match field("identitySource") {
            Some(Value::Array(items)) => Value::Array(items),
            Some(one) => json!([one]),
            None => json!([]),
        };
        let mut properties = Map::new();
        properties.insert("ApiId".into(), config.api_id());
        properties.insert("Name".into(), json!(name));
        properties.insert("IdentitySource".into(), identity);
        let mut resource = json!({ "Type": "AWS::ApiGatewayV2::Authorizer" });
        if settings.get("type").and_then(Value::as_str) == Some("request") {
            let function_name = settings.get("functionName").and_then(Value::as_str);
            let function = function_name.and_then(|f| find(service, f));
            if let (Some(missing), None) = (function_name, function) {
                diagnostics.push(unknown_function(service, key, missing));
            }
            let uri = field("functionArn").or_else(|| function.map(target)).unwrap_or_default();
            properties.insert("AuthorizerType".into(), json!("REQUEST"));
            for (key, cfn) in [
                ("enableSimpleResponses", "EnableSimpleResponses"),
                ("resultTtlInSeconds", "AuthorizerResultTtlInSeconds"),
            ] {
                if let Some(value) = field(key) {
                    properties.insert(cfn.into(), value);
                }
            }
            let payload = field("payloadVersion").unwrap_or(json!("2.0"));
            properties.insert("AuthorizerPayloadFormatVersion".into(), payload);
            properties.insert("AuthorizerUri".into(), authorizer_uri(&uri));
            if let Some(alias) = function.and_then(alias_id) {
                resource["DependsOn"] = json!(alias);
            }
            if settings.get("managedExternally") != Some(&Value::Bool(true)) {
                permission(config, name, &uri, function.and_then(alias_id), template);
            }
        } else {
            properties.insert("AuthorizerType".into(), json!("JWT"));
            let mut jwt = Map::new();
            match field("audience") {
                Some(Value::Array(items)) => jwt.insert("Audience".into(), unique(items)),
                Some(one) => jwt.insert("Audience".into(), json!([one])),
                None => None,
            };
            jwt.insert("Issuer".into(), field("issuerUrl").unwrap_or_default());
            properties.insert("JwtConfiguration".into(), Value::Object(jwt));
        }
        resource["Properties"] = Value::Object(properties);
        template.resource(naming::http_api_authorizer(name), resource);
    }
}

/// `arn:…:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations`
fn authorizer_uri(function: &Value) -> Value {
    json!({ "Fn::Join": ["", [
        "arn:", { "Ref": "AWS::Partition" }, ":apigateway:", { "Ref": "AWS::Region" },
        ":lambda:path/2015-03-31/functions/", function, "/invocations"
    ]] })
}

/// Lets the API invoke the authorizer's function.
fn permission(config: &Config, name: &str, function: &Value, alias: Option<String>, template: &mut Template) {
    let mut resource = json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": function,
            "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": source_arn(config)
        }
    });
    if let Some(alias) = alias {
        resource["DependsOn"] = json!(alias);
    }
    template.resource(naming::http_api_authorizer_permission(name), resource);
}

fn unique(items: Vec<Value>) -> Value {
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    Value::Array(out)
}

fn unknown_function(service: &Service<'_>, key: &str, function: &str) -> Diagnostic {
    let span =
        service.root().at(&Path::keys(&["provider", "httpApi", "authorizers", key, "functionName"])).map(|n| n.span);
    Diagnostic::error(
        Code::E0406,
        format!("authorizer `{key}` names `{function}`, which is not a function of this service"),
        span.unwrap_or_default(),
        "no function with this name",
    )
    .with_help("name a function of this service, or give `functionArn` for a function outside it")
}
