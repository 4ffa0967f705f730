//! An SSM SecureString (`${ssm:/path~true}`, which becomes
//! `{{resolve:ssm-secure:/path}}`) where CloudFormation does not resolve
//! one. CloudFormation resolves `ssm-secure` dynamic references only in a
//! short list of resource properties, listed under "Resources that support
//! dynamic parameter patterns for secure strings" in
//! <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html#template-parameters-dynamic-patterns-resources>:
//! anywhere else (a function's environment, a tag, an output) the deploy
//! fails. `{{resolve:secretsmanager:…}}` works everywhere, so the help
//! points there.

use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::SECURE_REFERENCE;
use crate::tree::{DeferredPart, Node, NodeKind, Path, Segment};

/// The resource properties where CloudFormation resolves `ssm-secure`: the
/// resource type and the keys under its `Properties` (list items skipped),
/// as the page above lists them.
const SUPPORTED: &[(&str, &[&str])] = &[
    ("AWS::DirectoryService::MicrosoftAD", &["Password"]),
    ("AWS::DirectoryService::SimpleAD", &["Password"]),
    ("AWS::ElastiCache::ReplicationGroup", &["AuthToken"]),
    ("AWS::IAM::User", &["LoginProfile", "Password"]),
    ("AWS::KinesisFirehose::DeliveryStream", &["RedshiftDestinationConfiguration", "Password"]),
    ("AWS::OpsWorks::App", &["AppSource", "Password"]),
    ("AWS::OpsWorks::Stack", &["CustomCookbooksSource", "Password"]),
    ("AWS::OpsWorks::Stack", &["RdsDbInstances", "DbPassword"]),
    ("AWS::RDS::DBCluster", &["MasterUserPassword"]),
    ("AWS::RDS::DBInstance", &["MasterUserPassword"]),
    ("AWS::Redshift::Cluster", &["MasterUserPassword"]),
];

/// The top-level keys svc never puts in a template: a SecureString there
/// is only read by `${self:…}` elsewhere, where it is checked.
const NOT_IN_THE_TEMPLATE: &[&str] = &["custom", "params"];

/// Every `ssm-secure` reference in the resolved `service` outside the
/// properties that support one, at the variable that put it there.
pub fn check_secure_strings(service: &Node) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let Some(root) = service.as_object() else { return diagnostics };
    for entry in root.entries().iter().filter(|e| !NOT_IN_THE_TEMPLATE.contains(&e.key.as_str())) {
        let mut path = Path::keys(&[entry.key.as_str()]);
        walk(service, &entry.value, &mut path, &mut diagnostics);
    }
    diagnostics
}

fn walk(service: &Node, node: &Node, path: &mut Path, diagnostics: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::String(text) => secure(service, text, node, path, diagnostics),
        NodeKind::List(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::Index(i));
                walk(service, item, path, diagnostics);
                path.pop();
            }
        }
        NodeKind::Object(object) => {
            for entry in object.entries() {
                path.push(Segment::key(&entry.key));
                walk(service, &entry.value, path, diagnostics);
                path.pop();
            }
        }
        // An intrinsic's arguments end up in the property it is written in.
        NodeKind::Call(call) => call.args.iter().for_each(|arg| walk(service, arg, path, diagnostics)),
        NodeKind::Deferred(deferred) => {
            for part in &deferred.parts {
                if let DeferredPart::Text(text) = part {
                    secure(service, text, node, path, diagnostics);
                }
            }
        }
        _ => {}
    }
}

/// Reports `text` (the value of `node`, at `path`) when it holds a
/// SecureString and `path` does not support one.
fn secure(service: &Node, text: &str, node: &Node, path: &Path, diagnostics: &mut Vec<Diagnostic>) {
    if !text.contains(SECURE_REFERENCE) || supported(service, path) {
        return;
    }
    diagnostics.push(
        Diagnostic::error(
            Code::E0313,
            format!("CloudFormation does not resolve an SSM SecureString in `{path}`"),
            node.span,
            "a SecureString (`~true`, `ssm-secure`) is not supported here",
        )
        .with_help(
            "CloudFormation resolves SecureStrings only in a few resource properties, such as an \
             `AWS::RDS::DBInstance`'s `MasterUserPassword`; store the value in Secrets Manager and write \
             `${ssm:/aws/reference/secretsmanager/NAME}` (a `secretsmanager` reference works anywhere), or \
             read the parameter at run time in the handler (and allow `ssm:GetParameter` on it)",
        ),
    );
}

/// Whether `path` is `resources.Resources.<Id>.Properties.…` at a property
/// of the resource's type that supports `ssm-secure`.
fn supported(service: &Node, path: &Path) -> bool {
    let segments = path.segments();
    let [Segment::Key(resources), Segment::Key(section), Segment::Key(id), Segment::Key(properties), rest @ ..] =
        segments
    else {
        return false;
    };
    if resources != "resources" || section != "Resources" || properties != "Properties" {
        return false;
    }
    let kind = service.at(&Path::keys(&["resources", "Resources", id, "Type"])).and_then(Node::as_str);
    let keys: Vec<&str> = rest
        .iter()
        .filter_map(|s| match s {
            Segment::Key(key) => Some(key.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    SUPPORTED.iter().any(|(t, property)| Some(*t) == kind && keys == *property)
}
