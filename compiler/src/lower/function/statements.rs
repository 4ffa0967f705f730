//! Statements function settings add to the shared role: `onError`
//! (`sns:Publish`), `kmsKeyArn` (`kms:Decrypt`), tracing (X-Ray),
//! `fileSystemConfig` (EFS) and `destinations`.
//!
//! Order as Serverless writes them: its functions compile concurrently,
//! and a versioned function adds its destinations only after hashing its
//! code, so those come after every function's other statements.

use serde_json::{Value, json};

use crate::tree::Entry;

use super::{destinations, has_version, setting};
use crate::lower::common::truthy;
use crate::lower::role::existing_role;
use crate::lower::service::Service;

/// Appends the statements of every function to `statements` (the role's
/// statements so far; the KMS and X-Ray statements are not repeated).
pub fn statements(service: &Service<'_>, statements: &mut Vec<Value>) {
    let provider = service.provider();
    let mut sent = Vec::new();
    for function in service.functions() {
        settings(function, provider, statements);
        if !has_version(service, function) {
            destinations(service, function, &mut sent, statements);
        }
    }
    for function in service.functions().iter().filter(|f| has_version(service, f)) {
        destinations(service, function, &mut sent, statements);
    }
}

/// `onError`, `kmsKeyArn`, tracing and `fileSystemConfig`.
fn settings(function: &Entry, provider: &Value, statements: &mut Vec<Value>) {
    let set = |value: Option<&Value>| value.filter(|v| truthy(Some(v))).cloned();
    if let Some(arn) = setting(function, "onError").filter(Value::is_string) {
        statements.push(json!({ "Effect": "Allow", "Action": ["sns:Publish"], "Resource": [arn] }));
    }
    let kms = set(setting(function, "kmsKeyArn").as_ref()).or_else(|| set(provider.get("kmsKeyArn")));
    if let Some(arn) = kms.filter(Value::is_string) {
        union(statements, json!({ "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [arn] }));
    }
    let tracing = set(setting(function, "tracing").as_ref())
        .or_else(|| set(provider.get("tracing").and_then(|t| t.get("lambda"))));
    if tracing.is_some() {
        let xray = json!({
            "Effect": "Allow",
            "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
            "Resource": ["*"]
        });
        union(statements, xray);
    }
    if let Some(file_system) = setting(function, "fileSystemConfig").filter(|f| truthy(Some(f))) {
        statements.push(json!({
            "Effect": "Allow",
            "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
            "Resource": [file_system.get("arn")]
        }));
    }
}

/// The destinations' statements, each destination named by text only once
/// in the service; none for a function with its own role.
fn destinations(service: &Service<'_>, function: &Entry, sent: &mut Vec<String>, statements: &mut Vec<Value>) {
    if setting(function, "role").is_some() || existing_role(service).is_some() {
        return;
    }
    let Some(destinations) = setting(function, "destinations") else { return };
    for key in ["onSuccess", "onFailure"] {
        let Some(destination) = destinations.get(key).filter(|d| truthy(Some(d))) else { continue };
        if let Some(text) = destination.as_str() {
            if sent.iter().any(|s| s == text) {
                continue;
            }
            sent.push(text.to_owned());
        }
        statements.extend(destinations::statement(service, destination));
    }
}

/// Adds `statement` unless an equal one is there.
fn union(statements: &mut Vec<Value>, statement: Value) {
    if !statements.contains(&statement) {
        statements.push(statement);
    }
}
