//! Authorizers of `http` events: `aws_iam`, an authorizer that already
//! exists on the API (`authorizerId`), a Cognito user pool (by ARN) or a
//! Lambda function (of this service, or by ARN). Each defined authorizer
//! is an `AWS::ApiGateway::Authorizer`; a Lambda one also gets permission
//! for API Gateway to invoke it.

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Node, NodeKind, Object};

use super::Api;
use super::endpoint::Endpoint;
use crate::lower::common::{Target, invocation_uri};
use crate::lower::service::Service;

/// Who may call an endpoint.
pub enum Authorizer {
    /// `aws_iam`: signed requests.
    Iam,
    /// `{ type, authorizerId }`: an authorizer defined elsewhere.
    Existing {
        /// The method's `AuthorizationType`.
        kind: String,
        /// `authorizerId`
        id: Value,
        /// OAuth scopes, for a Cognito user pool.
        scopes: Option<Value>,
    },
    /// An authorizer this template defines.
    Defined(Box<Defined>),
}

/// An authorizer this template defines.
pub struct Defined {
    /// Its name; its logical ID derives from it.
    name: String,
    /// The function's (or its alias's) ARN, or the user pool's.
    arn: Value,
    /// Whether it is a Cognito user pool.
    cognito: bool,
    /// `type` in upper case, when given.
    kind: Option<String>,
    /// The alias of a function of this service, for `DependsOn`.
    alias: Option<String>,
    /// `resultTtlInSeconds` (object form only, default 300).
    ttl: Option<Value>,
    identity_source: Option<String>,
    validation: Option<Value>,
    scopes: Option<Value>,
    managed_externally: bool,
}

/// Reads `authorizer = "…"` or `authorizer { … }`.
pub fn parse(service: &Service<'_>, node: &Node, diagnostics: &mut Vec<Diagnostic>) -> Option<Authorizer> {
    match &node.kind {
        NodeKind::String(text) if text.eq_ignore_ascii_case("aws_iam") => Some(Authorizer::Iam),
        NodeKind::String(text) if text.contains(':') => Some(Authorizer::Defined(Box::new(defined(
            naming::authorizer_name_from_arn(text),
            json!(text),
            None,
            None,
            None,
        )))),
        NodeKind::String(function) => {
            let (arn, alias) = function_arn(service, function, node, diagnostics)?;
            Some(Authorizer::Defined(Box::new(defined(function.to_string(), arn, alias, None, None))))
        }
        NodeKind::Object(object) => parse_object(service, object, node, diagnostics),
        _ => None,
    }
}

fn parse_object(
    service: &Service<'_>,
    object: &Object,
    node: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Authorizer> {
    let text = |key: &str| object.get(key).and_then(Node::as_str).map(str::to_owned);
    let kind = text("type").map(|t| t.to_uppercase());
    let scopes =
        object.get("scopes").filter(|s| matches!(&s.kind, NodeKind::List(l) if !l.is_empty())).map(Service::json);
    if let (Some(kind), Some(id)) = (&kind, object.get("authorizerId")) {
        let method_kind = if kind == "TOKEN" || kind == "REQUEST" { "CUSTOM".to_owned() } else { kind.clone() };
        let scopes = scopes.filter(|_| kind == "COGNITO_USER_POOLS");
        return Some(Authorizer::Existing { kind: method_kind, id: Service::json(id), scopes });
    }
    if kind.as_deref() == Some("AWS_IAM") {
        return Some(Authorizer::Iam);
    }
    let (name, arn, alias) = match (object.get("arn"), text("name")) {
        (Some(arn), Some(name)) => (name, Service::json(arn), None),
        (Some(arn), None) => match arn.as_str() {
            Some(arn) => (naming::authorizer_name_from_arn(arn), json!(arn), None),
            None => {
                diagnostics.push(needs_name(node));
                return None;
            }
        },
        (None, Some(function)) => {
            let (arn, alias) = function_arn(service, &function, node, diagnostics)?;
            (function, arn, alias)
        }
        (None, None) => {
            diagnostics.push(needs_name(node));
            return None;
        }
    };
    let mut authorizer = defined(name, arn, alias, kind, object.get("identitySource").and_then(Node::as_str));
    authorizer.ttl = Some(object.get("resultTtlInSeconds").map_or(json!(300), Service::json));
    authorizer.validation = object.get("identityValidationExpression").map(Service::json);
    authorizer.scopes = scopes;
    authorizer.managed_externally =
        object.get("managedExternally").is_some_and(|m| matches!(m.kind, NodeKind::Bool(true)));
    let zero_ttl_request = authorizer.kind.as_deref() == Some("REQUEST") && authorizer.ttl == Some(json!(0));
    if zero_ttl_request && object.get("identitySource").is_none() {
        authorizer.identity_source = None;
    }
    if authorizer.cognito && object.get("claims").is_some_and(|c| matches!(&c.kind, NodeKind::List(l) if !l.is_empty()))
    {
        diagnostics.push(claims_with_proxy(node));
    }
    Some(Authorizer::Defined(Box::new(authorizer)))
}

fn defined(name: String, arn: Value, alias: Option<String>, kind: Option<String>, source: Option<&str>) -> Defined {
    let cognito = kind.as_deref() == Some("COGNITO_USER_POOLS") || arn.as_str().is_some_and(is_cognito_arn);
    Defined {
        name,
        arn,
        cognito,
        kind,
        alias,
        ttl: None,
        identity_source: Some(source.unwrap_or("method.request.header.Authorization").to_owned()),
        validation: None,
        scopes: None,
        managed_externally: false,
    }
}

/// `arn:<partition>:cognito-idp…`
fn is_cognito_arn(arn: &str) -> bool {
    let mut parts = arn.splitn(3, ':');
    parts.next() == Some("arn")
        && parts.next().is_some_and(|p| p.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
        && parts.next().is_some_and(|rest| rest.starts_with("cognito-idp"))
}

/// The ARN of the authorizer function `name` of this service (or of its
/// alias), and the alias's logical ID.
fn function_arn(
    service: &Service<'_>,
    name: &str,
    node: &Node,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Value, Option<String>)> {
    let Some(function) = service.functions().iter().find(|f| f.key == name) else {
        diagnostics.push(
            Diagnostic::error(
                Code::E0303,
                format!("the authorizer `{name}` is not a function of this service"),
                node.span,
                "no such function",
            )
            .with_help("name a function of this service, give an ARN in `arn`, or write `aws_iam`"),
        );
        return None;
    };
    let target = Target::of(function);
    Some((target.arn(), target.alias_id().map(str::to_owned)))
}

/// Sets the method's `AuthorizationType` (and `AuthorizerId`,
/// `AuthorizationScopes`).
pub fn authorization(authorizer: Option<&Authorizer>, properties: &mut Value) {
    match authorizer {
        None => properties["AuthorizationType"] = json!("NONE"),
        Some(Authorizer::Iam) => properties["AuthorizationType"] = json!("AWS_IAM"),
        Some(Authorizer::Existing { kind, id, scopes }) => {
            properties["AuthorizationType"] = json!(kind);
            properties["AuthorizerId"] = id.clone();
            if let Some(scopes) = scopes {
                properties["AuthorizationScopes"] = scopes.clone();
            }
        }
        Some(Authorizer::Defined(defined)) => {
            properties["AuthorizationType"] = json!(if defined.cognito { "COGNITO_USER_POOLS" } else { "CUSTOM" });
            properties["AuthorizerId"] = json!({ "Ref": naming::rest_api_authorizer(&defined.name) });
            if let Some(scopes) = defined.scopes.as_ref().filter(|_| defined.cognito) {
                properties["AuthorizationScopes"] = scopes.clone();
            }
        }
    }
}

/// Adds the `AWS::ApiGateway::Authorizer` of every defined authorizer; the
/// settings of endpoints that share one are merged, the later winning.
pub fn lower(api: &mut Api<'_, '_>, endpoints: &[Endpoint<'_>]) {
    for endpoint in endpoints {
        let Some(Authorizer::Defined(authorizer)) = &endpoint.authorizer else { continue };
        let mut properties = json!({});
        if let Some(ttl) = &authorizer.ttl {
            properties["AuthorizerResultTtlInSeconds"] = ttl.clone();
        }
        if let Some(source) = &authorizer.identity_source {
            properties["IdentitySource"] = json!(source);
        }
        properties["Name"] = json!(authorizer.name);
        properties["RestApiId"] = api.id();
        if let Some(validation) = authorizer.validation.as_ref().filter(|v| v.is_string()) {
            properties["IdentityValidationExpression"] = validation.clone();
        }
        if authorizer.cognito {
            properties["Type"] = json!("COGNITO_USER_POOLS");
            properties["ProviderARNs"] = json!([authorizer.arn]);
        } else {
            properties["AuthorizerUri"] = invocation_uri([authorizer.arn.clone()]);
            properties["Type"] = json!(authorizer.kind.as_deref().unwrap_or("TOKEN"));
        }
        let mut resource = json!({ "Type": "AWS::ApiGateway::Authorizer", "Properties": properties });
        if let Some(alias) = &authorizer.alias {
            resource["DependsOn"] = json!(alias);
        }
        api.merge(&naming::rest_api_authorizer(&authorizer.name), resource);
    }
}

/// Permission for API Gateway to invoke a Lambda authorizer, unless it is
/// a user pool, managed externally, or the permission exists already.
pub fn permission(api: &mut Api<'_, '_>, authorizer: Option<&Authorizer>) {
    let Some(Authorizer::Defined(authorizer)) = authorizer else { return };
    let id = naming::rest_api_permission(&authorizer.name);
    if authorizer.cognito || authorizer.managed_externally || api.has(&id) {
        return;
    }
    let function = match &authorizer.alias {
        Some(alias) => json!({ "Ref": alias }),
        None => authorizer.arn.clone(),
    };
    let resource = json!({
        "Type": "AWS::Lambda::Permission",
        "Properties": {
            "FunctionName": function,
            "Action": "lambda:InvokeFunction",
            "Principal": "apigateway.amazonaws.com",
            "SourceArn": api.source_arn()
        }
    });
    api.add(&id, resource);
}

fn needs_name(node: &Node) -> Diagnostic {
    Diagnostic::error(Code::E0306, "this authorizer needs a `name`", node.span, "no `name`").with_help(
        "give the name of an authorizer function of this service, or an `arn` as text (its name is read from it) or with a `name`",
    )
}

fn claims_with_proxy(node: &Node) -> Diagnostic {
    Diagnostic::error(
        Code::E0303,
        "Cognito claims can only be filtered with the `lambda` integration",
        node.span,
        "`claims` with the proxy integration",
    )
    .with_help("remove `claims`: with the proxy integration the function receives every claim")
}
