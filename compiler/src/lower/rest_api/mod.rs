//! `http` events: the service's API Gateway REST API (v1), built as the
//! Serverless Framework v3 builds it: the API, a resource per path part,
//! CORS preflight methods, a method per event, the request validator and
//! models, authorizers, the deployment (which creates the stage), API keys
//! and usage plans, the permissions to invoke the functions, and the
//! `ServiceEndpoint` output.

mod authorizers;
mod cors;
mod deployment;
mod endpoint;
mod keys;
mod methods;
mod resources;
#[cfg(test)]
mod tests;
mod validators;

use serde_json::{Value, json};

use crate::diagnostic::{Code, Diagnostic};
use crate::naming;
use crate::tree::{Node, NodeKind};

use super::service::Service;
use super::template::Template;

/// The event kinds this module builds.
pub const KINDS: &[&str] = &["http"];

/// Adds the REST API when a function has an `http` event.
pub fn lower(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let endpoints = endpoint::endpoints(service, diagnostics);
    if endpoints.is_empty() {
        return;
    }
    stage_settings(service, diagnostics);
    let mut api = Api { service, resources: Vec::new(), methods: Vec::new() };
    deployment::rest_api(&mut api);
    let tree = resources::lower(&mut api, &endpoints, diagnostics);
    cors::lower(&mut api, &tree, &endpoints);
    methods::lower(&mut api, &tree, &endpoints, diagnostics);
    validators::lower(&mut api, &tree, &endpoints);
    authorizers::lower(&mut api, &endpoints);
    let deployment = deployment::lower(&mut api);
    keys::lower(&mut api, &deployment, diagnostics);
    methods::permissions(&mut api, &endpoints);
    for (id, resource) in api.resources() {
        template.resource(id, resource.clone());
    }
    deployment::output(&api, template);
}

/// The REST API being built: its resources in order, and the methods the
/// deployment waits for.
struct Api<'s, 'a> {
    service: &'s Service<'a>,
    resources: Vec<(String, Value)>,
    methods: Vec<String>,
}

impl Api<'_, '_> {
    /// The API's ID: `provider.apiGateway.restApiId`, else a `Ref` to
    /// `ApiGatewayRestApi`.
    fn id(&self) -> Value {
        self.service
            .get("provider.apiGateway.restApiId")
            .map_or_else(|| json!({ "Ref": naming::REST_API }), Service::json)
    }

    /// The root resource (`/`) of the API.
    fn root(&self) -> Value {
        self.service
            .get("provider.apiGateway.restApiRootResourceId")
            .map_or_else(|| json!({ "Fn::GetAtt": [naming::REST_API, "RootResourceId"] }), Service::json)
    }

    /// `arn:…:execute-api:<region>:<account>:<api>/*/*`: any stage, method
    /// and path of the API.
    fn source_arn(&self) -> Value {
        json!({ "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":execute-api:", { "Ref": "AWS::Region" }, ":",
            { "Ref": "AWS::AccountId" }, ":", self.id(), "/*/*"
        ]] })
    }

    /// Adds a resource, or replaces the one with the same ID in place.
    fn add(&mut self, id: &str, resource: Value) {
        match self.resources.iter_mut().find(|(existing, _)| existing == id) {
            Some((_, slot)) => *slot = resource,
            None => self.resources.push((id.to_owned(), resource)),
        }
    }

    /// Merges a resource into the one with the same ID (lodash `merge`:
    /// objects key by key, the later value winning), or adds it.
    fn merge(&mut self, id: &str, resource: Value) {
        match self.get_mut(id) {
            Some(existing) => merge(existing, resource),
            None => self.resources.push((id.to_owned(), resource)),
        }
    }

    fn has(&self, id: &str) -> bool {
        self.resources.iter().any(|(existing, _)| existing == id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.resources.iter_mut().find(|(existing, _)| existing == id).map(|(_, r)| r)
    }

    fn resources(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.resources.iter().map(|(id, r)| (id.as_str(), r))
    }
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

/// Stage settings the Serverless Framework applies with API calls after
/// the deployment (logs with their account-wide role, X-Ray tracing): svc
/// does not build them yet, so they are errors rather than silently lost.
fn stage_settings(service: &Service<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let logs = service.get("provider.logs").and_then(Node::as_object).and_then(|l| l.entry("restApi"));
    let tracing = service.get("provider.tracing").and_then(Node::as_object).and_then(|t| t.entry("apiGateway"));
    for (entry, what) in [(logs, "REST API logs (`provider.logs.restApi`)"), (tracing, "X-Ray tracing of the REST API")]
    {
        let Some(entry) = entry.filter(|e| !matches!(e.value.kind, NodeKind::Bool(false) | NodeKind::Null)) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::error(Code::E0404, format!("svc cannot build {what} yet"), entry.key_span, "not built yet")
                .with_help("remove the setting, or configure the REST API stage outside svc"),
        );
    }
}
