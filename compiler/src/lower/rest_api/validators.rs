//! Request validation of `http` events: one request validator for the
//! service, used by methods with required parameters or body schemas, and
//! an `AWS::ApiGateway::Model` per schema.

use serde_json::{Value, json};

use crate::naming;
use crate::tree::Node;

use super::Api;
use super::endpoint::{self, Endpoint};
use super::resources::Tree;
use crate::lower::service::Service;

/// Adds the validator, the models, and their references in the methods.
pub fn lower(api: &mut Api<'_, '_>, tree: &Tree, endpoints: &[Endpoint<'_>]) {
    for endpoint in endpoints {
        let resource = tree.name(&endpoint.path);
        let method = naming::rest_api_method(&resource, &endpoint.method);
        if endpoint.parameters.iter().any(|(_, p)| endpoint::required(p)) {
            let validator = validator(api);
            set(api, &method, "RequestValidatorId", json!({ "Ref": validator }));
        }
        let Some(schemas) = endpoint.schemas else { continue };
        for entry in schemas.entries() {
            let validator = validator(api);
            let model = match provider_model(api, &entry.value) {
                Some(model) => model,
                None => endpoint_model(api, &resource, &endpoint.method, &entry.key, &entry.value),
            };
            set(api, &method, "RequestValidatorId", json!({ "Ref": validator }));
            if let Some(properties) = api.get_mut(&method).and_then(|m| m.get_mut("Properties")) {
                if properties.get("RequestModels").is_none() {
                    properties["RequestModels"] = json!({});
                }
                properties["RequestModels"][entry.key.as_str()] = json!({ "Ref": model });
            }
        }
    }
}

fn set(api: &mut Api<'_, '_>, method: &str, key: &str, value: Value) {
    if let Some(properties) = api.get_mut(method).and_then(|m| m.get_mut("Properties")) {
        properties[key] = value;
    }
}

/// The service's request validator, added on first use.
fn validator(api: &mut Api<'_, '_>) -> String {
    let id = naming::rest_api_request_validator(&api.service.name);
    if !api.has(&id) {
        let resource = json!({
            "Type": "AWS::ApiGateway::RequestValidator",
            "Properties": {
                "RestApiId": api.id(),
                "ValidateRequestBody": true,
                "ValidateRequestParameters": true,
                "Name": format!("{} | Validate request body and querystring parameters", api.service.prefix())
            }
        });
        api.add(&id, resource);
    }
    id
}

/// A schema given as the name of a model of
/// `provider.apiGateway.request.schemas`: that model (added on first use).
fn provider_model(api: &mut Api<'_, '_>, schema: &Node) -> Option<String> {
    let name = schema.as_str()?;
    let model = api.service.get("provider.apiGateway.request.schemas")?.as_object()?.get(name)?.as_object()?;
    let id = naming::rest_api_model(name);
    let definition = model.get("schema").map(Service::json);
    let mut properties = json!({ "RestApiId": api.id(), "Schema": definition, "ContentType": "application/json" });
    for (key, cfn) in [("name", "Name"), ("description", "Description")] {
        if let Some(value) = model.get(key) {
            properties[cfn] = Service::json(value);
        }
    }
    api.add(&id, json!({ "Type": "AWS::ApiGateway::Model", "Properties": properties }));
    Some(id)
}

/// A schema written in the event: `{ schema, name, description }`, or the
/// JSON schema itself.
fn endpoint_model(api: &mut Api<'_, '_>, resource: &str, method: &str, content_type: &str, schema: &Node) -> String {
    let id = naming::rest_api_endpoint_model(resource, method, content_type);
    let explicit = schema.as_object().filter(|o| o.get("schema").is_some());
    let mut properties = json!({ "RestApiId": api.id(), "ContentType": content_type });
    match explicit {
        Some(object) => {
            properties["Schema"] = object.get("schema").map_or(Value::Null, Service::json);
            for (key, cfn) in [("name", "Name"), ("description", "Description")] {
                if let Some(value) = object.get(key) {
                    properties[cfn] = Service::json(value);
                }
            }
        }
        None => properties["Schema"] = Service::json(schema),
    }
    api.add(&id, json!({ "Type": "AWS::ApiGateway::Model", "Properties": properties }));
    id
}
