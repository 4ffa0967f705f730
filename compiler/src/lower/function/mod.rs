//! Per function: the log group, the `AWS::Lambda::Function`, and what the
//! Serverless Framework attaches to it — the version (its logical ID
//! carries a hash of code and configuration), the provisioned-concurrency
//! or SnapStart alias, the function URL and the asynchronous invocation
//! settings (`…EvConf`).
//!
//! Serverless compiles the functions concurrently: every function resource
//! is written first, then (after hashing the code) each versioned
//! function's version, alias, URL and invocation settings. An unversioned
//! function has nothing to wait for, so its URL and settings come right
//! after its resource. The template keeps that order.

mod code;
mod collate;
mod concurrency;
mod destinations;
mod logs;
mod properties;
mod statements;
mod url;
mod version;

pub use code::{bucket, bucket_name, code_key};
pub use logs::log_groups;
pub use statements::statements;

use serde_json::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::lower::common::{alias, truthy};
use crate::naming;
use crate::span::Span;
use crate::tree::{Entry, Node};

use super::service::Service;
use super::template::Template;

/// Every function, with its version, alias, URL and invocation settings.
pub fn functions(service: &Service<'_>, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    let mut versioned = Vec::new();
    for function in service.functions() {
        let id = naming::lambda_function(&function.key);
        if template.has_resource(&id) {
            diagnostics.push(same_id(function, &id));
            continue;
        }
        if truthy(setting(function, "provisionedConcurrency").as_ref())
            && truthy(setting(function, "snapStart").as_ref())
        {
            diagnostics.push(snap_start_with_concurrency(function));
            continue;
        }
        diagnostics.extend(super::packaging::ignored_patterns(service.root(), function));
        let Some(mut resource) = properties::resource(service, function, diagnostics) else { continue };
        if has_version(service, function) {
            let version = version::version(service, function, &mut resource, template);
            template.resource(&id, resource);
            versioned.push((function, version));
        } else {
            template.resource(&id, resource);
            attachments(service, function, template, diagnostics);
        }
    }
    for (function, version) in versioned {
        let version = version.add(template);
        concurrency::lower(function, &version, template);
        attachments(service, function, template, diagnostics);
    }
}

/// The URL and the invocation settings.
fn attachments(service: &Service<'_>, function: &Entry, template: &mut Template, diagnostics: &mut Vec<Diagnostic>) {
    url::lower(service, function, template);
    destinations::lower(service, function, template, diagnostics);
}

/// Whether Serverless publishes a version of the function: by
/// `versionFunction`, else `provider.versionFunctions` (default `true`),
/// and always with provisioned concurrency or SnapStart.
pub fn has_version(service: &Service<'_>, function: &Entry) -> bool {
    versioned_by_setting(service, function) || alias(function).is_some()
}

/// `versionFunction`, else `provider.versionFunctions`, else `true`.
fn versioned_by_setting(service: &Service<'_>, function: &Entry) -> bool {
    let own = setting(function, "versionFunction").filter(|v| !v.is_null());
    let setting = own.or_else(|| service.provider().get("versionFunctions").cloned());
    setting.is_none_or(|v| truthy(Some(&v)))
}

/// `<service>-<stage>-<function>`, or the function's own `name`.
pub fn function_name(service: &Service<'_>, function: &Entry) -> String {
    match function.value.as_object().and_then(|f| f.get("name")).and_then(Node::as_str) {
        Some(name) => name.to_owned(),
        None => format!("{}-{}", service.prefix(), function.key),
    }
}

/// The function's settings as JSON (intrinsics in CloudFormation form).
/// For a few settings, [`setting`] is cheaper: it converts only those.
pub fn config(function: &Entry) -> Value {
    Service::json(&function.value)
}

/// The function's settings as JSON without its `events`, which can be most
/// of it and which its own resource does not read.
pub fn settings(function: &Entry) -> Value {
    match function.value.as_object() {
        Some(object) => Value::Object(
            object
                .entries()
                .iter()
                .filter(|e| e.key != "events")
                .map(|e| (e.key.as_str().to_owned(), Service::json(&e.value)))
                .collect(),
        ),
        None => config(function),
    }
}

/// One setting of the function as JSON, `None` when not written: what
/// `config(function).get(key)` gives, without converting the rest.
pub fn setting(function: &Entry, key: &str) -> Option<Value> {
    function.value.as_object()?.get(key).map(Service::json)
}

/// Where the function's `key` is written (else the function's name), for
/// diagnostics.
pub fn span_of(function: &Entry, key: &str) -> Span {
    function.value.as_object().and_then(|f| f.entry(key)).map_or(function.key_span, |e| e.key_span)
}

/// The function of this service named `name`.
pub fn find<'a>(service: &Service<'a>, name: &str) -> Option<&'a Entry> {
    service.functions().iter().find(|f| f.key == name)
}

fn snap_start_with_concurrency(function: &Entry) -> Diagnostic {
    Diagnostic::error(
        Code::E0407,
        format!("function `{}` has both `snapStart` and `provisionedConcurrency`", function.key),
        span_of(function, "snapStart"),
        "SnapStart functions cannot have provisioned concurrency",
    )
    .with_help("remove one of the two settings")
}

fn same_id(function: &Entry, id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::E0402,
        format!("function `{}` has the logical ID `{id}` of another function", function.key),
        function.key_span,
        format!("also named `{id}`"),
    )
    .with_help("function names that differ only in case or in the first letter's case collide; rename one")
}
