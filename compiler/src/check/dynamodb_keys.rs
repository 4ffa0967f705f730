//! A DynamoDB table's keys and its `AttributeDefinitions` must match:
//! every attribute a key schema names (the table's, its global and local
//! secondary indexes') is defined, and every defined attribute is a key
//! somewhere. CloudFormation refuses either mismatch when it creates the
//! table ("Property AttributeDefinitions is inconsistent with the
//! KeySchema"); svc says which attribute, at its line.

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::{Node, Object};

/// The key-attribute mismatches of the service's DynamoDB tables.
pub fn check_dynamodb_keys(service: &Node) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(resources) = service.at_address("resources.Resources").and_then(Node::as_object) else {
        return diagnostics;
    };
    for resource in resources.entries() {
        let Some(body) = resource.value.as_object() else { continue };
        let kind = body.get("Type").and_then(Node::as_str).unwrap_or_default();
        if !matches!(kind, "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable") {
            continue;
        }
        let Some(properties) = body.get("Properties").and_then(Node::as_object) else { continue };
        table(&resource.key, properties, &mut diagnostics);
    }
    diagnostics
}

fn table(name: &str, properties: &Object, diagnostics: &mut Vec<Diagnostic>) {
    // Only plain names can be compared: a variable or an intrinsic there
    // is left to CloudFormation.
    let Some(defined) = names(properties.get("AttributeDefinitions")) else { return };
    let mut keys = Vec::new();
    let Some(own) = names(properties.get("KeySchema")) else { return };
    keys.extend(own);
    for section in ["GlobalSecondaryIndexes", "LocalSecondaryIndexes"] {
        for index in properties.get(section).and_then(Node::as_list).unwrap_or_default() {
            let Some(index_keys) = names(index.as_object().and_then(|i| i.get("KeySchema"))) else { return };
            keys.extend(index_keys);
        }
    }
    for (key, node) in &keys {
        if !defined.iter().any(|(d, _)| d == key) {
            diagnostics.push(
                Diagnostic::error(
                    Code::E0417,
                    format!("`{key}` is a key of table `{name}` but not in its `AttributeDefinitions`"),
                    node.span,
                    "not defined",
                )
                .with_help(format!(
                    "add `{{ AttributeName = \"{key}\", AttributeType = \"S\" }}` (or `\"N\"`, `\"B\"`) to `AttributeDefinitions`"
                )),
            );
        }
    }
    for (attribute, node) in &defined {
        if !keys.iter().any(|(k, _)| k == attribute) {
            diagnostics.push(
                Diagnostic::error(
                    Code::E0417,
                    format!("`{attribute}` is defined in table `{name}`'s `AttributeDefinitions` but is no key"),
                    node.span,
                    "not a key of the table or an index",
                )
                .with_help(
                    "`AttributeDefinitions` lists only the attributes of key schemas (the table's and its indexes'): remove it, or use it in a `KeySchema`",
                ),
            );
        }
    }
}

/// The `AttributeName`s of a list of `{ AttributeName = … }` objects, with
/// their nodes; `None` when any is not plain text (or the list is not
/// there as a list).
fn names(list: Option<&Node>) -> Option<Vec<(String, &Node)>> {
    list?
        .as_list()?
        .iter()
        .map(|item| {
            let node = item.as_object()?.get("AttributeName")?;
            Some((node.as_str()?.to_owned(), node))
        })
        .collect()
}
