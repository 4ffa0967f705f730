//! Read access to a checked service, with the values lowering needs
//! (stage, names, defaults) computed once.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::settings::Settings;
use crate::tree::{Entry, Node};

use super::common::all_events;

/// What lowering needs besides the service: its settings and where the
/// code went.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// What the service resolved to: stage, region, deployment prefix, …
    pub settings: Settings,
    /// The service's code package, when built.
    pub package: Option<Artifact>,
    /// Per-function packages (`package.individually`), by function name.
    pub functions: BTreeMap<String, Artifact>,
    /// Layer packages, by layer name.
    pub layers: BTreeMap<String, Artifact>,
    /// What the template is for.
    pub purpose: Purpose,
    /// When the template is built, for `forceDeploy` (its custom resource
    /// carries the build time, so CloudFormation runs it again at every
    /// deploy). The caller reads the clock, so lowering stays a pure
    /// function of its input: the CLI passes the current time, and `None`
    /// (the default: `svc check`, the language server, tests) writes 0.
    pub now: Option<SystemTime>,
}

/// What a lowering is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Purpose {
    /// A template to write and deploy (`svc build`, `svc deploy`).
    #[default]
    Deploy,
    /// Only which resources the template has, and their types (`svc
    /// check`, the language server). The same resources are made, but a
    /// function's version is not hashed (its ID ends in
    /// [`crate::naming::UNHASHED`]), and resources are kept as built rather
    /// than compacted, since the template is dropped at once.
    Names,
}

/// A code artifact uploaded to the deployment bucket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Its key in the deployment bucket; derived from the content hash.
    pub s3_key: String,
    /// SHA-256 of the zip, base64, as Lambda reports `CodeSha256`.
    pub sha256: String,
}

/// A checked service seen by lowering.
pub struct Service<'a> {
    root: &'a Node,
    /// The context.
    pub context: &'a Context,
    /// `service`
    pub name: String,
    /// The stage.
    pub stage: String,
    /// `provider` as template JSON (`null` when absent), converted once.
    provider: Value,
    /// The kinds of event any function has (`httpApi`, `sqs`, …).
    event_kinds: foldhash::HashSet<&'a str>,
}

impl<'a> Service<'a> {
    /// Views `root`.
    pub fn new(root: &'a Node, context: &'a Context) -> Self {
        let provider = root.at_address("provider").map_or(Value::Null, Service::json);
        let settings = &context.settings;
        let mut service = Service {
            root,
            context,
            name: settings.service.clone(),
            stage: settings.stage.clone(),
            provider,
            event_kinds: foldhash::HashSet::default(),
        };
        service.event_kinds = service.functions().iter().flat_map(|f| kinds_of(&f.value)).collect();
        service
    }

    /// Whether only the resources' names and types matter
    /// ([`Purpose::Names`]): a resource whose body nothing else reads may
    /// then be added as [`super::template::Template::named`].
    pub fn names_only(&self) -> bool {
        self.context.purpose == Purpose::Names
    }

    /// The whole service.
    pub fn root(&self) -> &'a Node {
        self.root
    }

    /// The node at a dotted path.
    pub fn get(&self, path: &str) -> Option<&'a Node> {
        self.root.at_address(path)
    }

    /// `provider` as template JSON (`null` when absent).
    pub fn provider(&self) -> &Value {
        &self.provider
    }

    /// The functions, in order.
    pub fn functions(&self) -> &'a [Entry] {
        self.get("functions").and_then(Node::as_object).map_or(&[], |o| o.entries())
    }

    /// The functions when any has an event of `kind`, else none: each kind
    /// of event is lowered by a pass over the functions, and a service
    /// without it is skipped in one lookup rather than a walk through
    /// every function's events.
    pub fn functions_with(&self, kind: &str) -> &'a [Entry] {
        if self.event_kinds.contains(kind) { self.functions() } else { &[] }
    }

    /// `<service>-<stage>`, the prefix of generated names.
    pub fn prefix(&self) -> String {
        self.context.settings.name_prefix()
    }

    /// The region the stack is deployed in.
    pub fn region(&self) -> &str {
        &self.context.settings.region
    }

    /// A value as template JSON (intrinsics in CloudFormation form).
    pub fn json(node: &Node) -> Value {
        crate::tree::to_json(node)
    }

    /// [`Context::now`] in milliseconds since 1970 (0 when not given).
    pub fn now_millis(&self) -> u64 {
        let since = self.context.now.and_then(|now| now.duration_since(UNIX_EPOCH).ok());
        since.map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    /// The export name of an output: `sls-<service>-<stage>-<Key>`.
    pub fn export(&self, key: &str) -> String {
        format!("sls-{}-{key}", self.prefix())
    }
}

/// The kinds of a function's events, as written (`httpApi = …` is one of
/// kind `httpApi`).
fn kinds_of(function: &Node) -> impl Iterator<Item = &str> {
    all_events(function)
        .iter()
        .filter_map(Node::as_object)
        .flat_map(|event| event.entries().iter().map(|e| e.key.as_str()))
}
