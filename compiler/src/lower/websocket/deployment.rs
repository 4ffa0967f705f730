//! The stage and the deployment of the WebSocket API, and the
//! `ServiceEndpointWebsocket` output.
//!
//! The deployment's logical ID carries a hash of the API's resources
//! computed exactly as the Serverless Framework computes it, so the same
//! service gives the same ID with either tool.

use base64::Engine as _;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::naming;
use crate::tree::Node;

use super::{DESCRIPTION, Route};
use crate::lower::service::Service;
use crate::lower::template::Template;

/// The resources of the API, in order; a later one with the same ID is
/// merged into the first (the Serverless Framework's `_.merge`), which for
/// these resources means it is the same.
#[derive(Default)]
pub struct Part {
    /// The resources, in order.
    pub resources: Vec<(String, Value)>,
}

impl Part {
    /// Adds a resource, unless one with its ID is there.
    pub fn add(&mut self, id: String, resource: Value) {
        if !self.has(&id) {
            self.resources.push((id, resource));
        }
    }

    fn has(&self, id: &str) -> bool {
        self.resources.iter().any(|(existing, _)| existing == id)
    }

    /// The hash in the deployment's logical ID: base64 of the SHA-256 of
    /// the JSON of the API, every resource on it (`ApiId` a `Ref` to it)
    /// and every resource that depends on it, in order.
    pub fn hash(&self) -> String {
        let on_api = |id: &str, resource: &Value| {
            id == naming::WEBSOCKETS_API
                || resource["Properties"]["ApiId"] == json!({ "Ref": naming::WEBSOCKETS_API })
                || resource["DependsOn"].as_array().is_some_and(|d| d.contains(&json!(naming::WEBSOCKETS_API)))
        };
        let picked: Map<String, Value> =
            self.resources.iter().filter(|(id, r)| on_api(id, r)).map(|(id, r)| (id.clone(), r.clone())).collect();
        let digest = Sha256::digest(Value::Object(picked).to_string().as_bytes());
        base64::engine::general_purpose::STANDARD.encode(digest)
    }
}

/// The stage (unless the API is an existing one), then the deployment
/// whose ID hashes everything before it.
pub fn lower(service: &Service<'_>, routes: &[Route<'_>], api: &Value, external: bool, part: &mut Part) {
    let description = service.get("provider.websocketsDescription").and_then(Node::as_str).unwrap_or(DESCRIPTION);
    if !external {
        let properties = json!({ "ApiId": api, "StageName": service.stage, "Description": description });
        part.add(
            naming::WEBSOCKETS_STAGE.to_owned(),
            json!({ "Type": "AWS::ApiGatewayV2::Stage", "Properties": properties }),
        );
    }
    let id = naming::websockets_deployment(&part.hash());
    let mut depends_on: Vec<String> = Vec::new();
    for route in routes {
        if route.two_way {
            depends_on.push(naming::websockets_route_response(&route.key));
        }
        depends_on.push(naming::websockets_route(&route.key));
    }
    let mut properties = json!({ "ApiId": api, "Description": description });
    if external {
        properties["StageName"] = json!(service.stage);
    }
    if let Some((_, stage)) = part.resources.iter_mut().find(|(id, _)| id == naming::WEBSOCKETS_STAGE) {
        stage["Properties"]["DeploymentId"] = json!({ "Ref": id });
    }
    part.add(id, json!({ "Type": "AWS::ApiGatewayV2::Deployment", "DependsOn": depends_on, "Properties": properties }));
}

/// A permission's `DependsOn` without the function its `FunctionName`
/// already refers to (cfn-lint W3005). The hash is computed before, on
/// the resources as the Serverless Framework writes them.
pub fn without_implied_dependencies(mut resource: Value) -> Value {
    let implied = resource["Properties"]["FunctionName"]["Fn::GetAtt"][0].clone();
    if let Some(depends_on) = resource.get_mut("DependsOn").and_then(Value::as_array_mut) {
        depends_on.retain(|d| *d != implied);
    }
    resource
}

/// `ServiceEndpointWebsocket`: the `wss://` URL of the stage.
pub fn output(service: &Service<'_>, api: &Value, template: &mut Template) {
    let url = json!({ "Fn::Join": ["", [
        "wss://", api, ".execute-api.", { "Ref": "AWS::Region" }, ".", { "Ref": "AWS::URLSuffix" }, format!("/{}", service.stage)
    ]] });
    template.output(
        "ServiceEndpointWebsocket",
        json!({ "Description": "URL of the service endpoint", "Value": url, "Export": { "Name": service.export("ServiceEndpointWebsocket") } }),
    );
}
