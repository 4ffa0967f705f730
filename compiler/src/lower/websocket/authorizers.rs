//! Lambda authorizers of the `$connect` route: a function of this service
//! or one given by ARN, each an `AWS::ApiGatewayV2::Authorizer` with the
//! permission for the API to invoke it.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Node, NodeKind};

use super::Route;
use super::deployment::Part;
use crate::lower::common::{Target, invocation_uri};
use crate::lower::service::Service;

/// Default identity source of a WebSocket authorizer.
const IDENTITY_SOURCE: &str = "route.request.header.Auth";

/// A Lambda authorizer of the `$connect` route.
pub struct Authorizer {
    /// Its name: the function's, or the last part of its ARN.
    pub name: String,
    uri: Value,
    identity_source: Value,
    function: Permit,
}

/// The function an authorizer's permission is for.
enum Permit {
    /// Given by ARN.
    Arn(Value),
    /// A function of this service: its logical ID and target.
    Function(String, Target),
}

/// Reads `authorizer = "function"`, `"arn:…"` or `{ name | arn, identitySource }`.
pub fn parse(service: &Service<'_>, node: &Node, diagnostics: &mut Vec<Diagnostic>) -> Option<Authorizer> {
    let object = node.as_object();
    let identity_source = object.and_then(|o| o.get("identitySource")).map_or(json!([IDENTITY_SOURCE]), Service::json);
    let arn = match (&node.kind, object.and_then(|o| o.get("arn"))) {
        (NodeKind::String(text), _) if text.contains(':') => {
            Some((text.rsplit(':').next().map(str::to_owned), json!(text)))
        }
        (_, Some(arn)) => {
            let name = arn.as_str().and_then(|a| a.rsplit(':').next()).map(str::to_owned);
            Some((name.or_else(|| object.and_then(|o| o.get("name")?.as_str().map(str::to_owned))), Service::json(arn)))
        }
        _ => None,
    };
    if let Some((name, arn)) = arn {
        let Some(name) = name else {
            diagnostics.push(
                Diagnostic::error(Code::E0306, "this authorizer needs a `name`", node.span, "no `name`")
                    .with_help("an `arn` that is not text needs a `name` for the authorizer"),
            );
            return None;
        };
        let uri = invocation_uri([arn.clone()]);
        return Some(Authorizer { name, uri, identity_source, function: Permit::Arn(arn) });
    }
    let name = node.as_str().or_else(|| object.and_then(|o| o.get("name")?.as_str()));
    let Some(function) = name.and_then(|name| service.functions().iter().find(|f| f.key == name)) else {
        let what = name.map_or_else(
            || "this authorizer names no function".to_owned(),
            |n| format!("the authorizer `{n}` is not a function of this service"),
        );
        diagnostics.push(
            Diagnostic::error(Code::E0303, what, node.span, "no such function")
                .with_help("name a function of this service, or give the ARN of one in `arn`"),
        );
        return None;
    };
    let target = Target::of(function);
    let uri = invocation_uri([target.arn()]);
    let lambda = naming::lambda_function(&function.key);
    Some(Authorizer {
        name: function.key.as_str().to_owned(),
        uri,
        identity_source,
        function: Permit::Function(lambda, target),
    })
}

/// Adds the `AWS::ApiGatewayV2::Authorizer` of every authorizer.
pub fn resources(routes: &[Route<'_>], api: &Value, part: &mut Part) {
    for authorizer in routes.iter().filter_map(|r| r.authorizer.as_ref()) {
        let mut resource = json!({ "Type": "AWS::ApiGatewayV2::Authorizer" });
        if let Permit::Function(_, target) = &authorizer.function
            && let Some(alias) = target.alias_id()
        {
            resource["DependsOn"] = json!(alias);
        }
        resource["Properties"] = json!({
            "ApiId": api,
            "Name": authorizer.name,
            "AuthorizerType": "REQUEST",
            "AuthorizerUri": authorizer.uri,
            "IdentitySource": authorizer.identity_source
        });
        part.add(naming::websockets_authorizer(&authorizer.name), resource);
    }
}

/// Permission for the API to invoke the authorizer's function; `api_ref`
/// is the API's logical ID, unless it is an existing API.
pub fn permission(authorizer: &Authorizer, api_ref: Option<&Value>, part: &mut Part) {
    let mut depends_on: Vec<Value> = api_ref.into_iter().cloned().collect();
    let mut properties = json!({ "Action": "lambda:InvokeFunction", "Principal": "apigateway.amazonaws.com" });
    match &authorizer.function {
        Permit::Arn(arn) => properties["FunctionName"] = arn.clone(),
        Permit::Function(lambda, target) => {
            properties["FunctionName"] = target.arn();
            depends_on.push(json!(lambda));
            depends_on.extend(target.alias_id().map(|a| json!(a)));
        }
    }
    let resource = json!({ "Type": "AWS::Lambda::Permission", "DependsOn": depends_on, "Properties": properties });
    part.add(naming::websockets_permission(&authorizer.name), resource);
}
