//! How svc's blocks and keys map onto the service model: the one table
//! that [`from_syntax`](super::from_syntax), the editor's locator
//! ([`crate::locate`]), `svc print --format svc` and the checker's
//! "did you mean" all read.
//!
//! A block without labels, `kind { … }`, is the object at `kind`; labels
//! nest, `kind a b { … }` is the object at `kind.a.b`. The exceptions are
//! listed here.

use crate::schema::is_event_kind;

/// A top-level block that declares one thing by name.
#[derive(Debug)]
pub struct Declaration {
    /// The block's keyword: `function`.
    pub keyword: &'static str,
    /// The map of the service model its entry goes into: `functions`,
    /// `resources.Resources`.
    pub section: &'static [&'static str],
    /// How it is written, for messages: `function NAME { … }`.
    pub form: &'static str,
}

/// Every top-level declaration block: `function hello { … }` is
/// `functions.hello`, `resource Orders "AWS::…" { … }` is
/// `resources.Resources.Orders`. What the tree, the editor's locator,
/// `svc print --format svc` and "did you mean" all read (the blocks are
/// `function` and `resource`, not `functions` and `resources`).
pub const DECLARATIONS: &[Declaration] = &[
    Declaration { keyword: "function", section: &["functions"], form: "function NAME { … }" },
    Declaration { keyword: "layer", section: &["layers"], form: "layer NAME { … }" },
    Declaration {
        keyword: "resource", section: &["resources", "Resources"], form: "resource NAME \"AWS::…\" { … }"
    },
    Declaration { keyword: "output", section: &["resources", "Outputs"], form: "output NAME { value = … }" },
];

/// Where a body is, which decides what its blocks and keys mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The file's top level.
    Root,
    /// `provider aws { … }`.
    Provider,
    /// `iam { … }` inside the provider.
    Iam,
    /// `function NAME { … }`.
    Function,
    /// Anywhere else.
    Other,
}

/// What a block means where it is written.
#[derive(Clone, Copy, Debug)]
pub enum Placement {
    /// `provider aws { … }`: the object at `provider`, its label the
    /// provider's `name`.
    Provider,
    /// A declaration: an entry of its section.
    Declaration(&'static Declaration),
    /// An event of a function: `httpApi { … }` is one more entry of
    /// `events`, `{ httpApi = { … } }`.
    Event,
    /// One more entry of the list at this path below the block's parent:
    /// inside `provider.iam`, each `statement { … }` is one more entry of
    /// `provider.iam.role.statements`.
    ListEntry(&'static [&'static str]),
    /// `kind label* { … }`: the object at `kind.label…`, its body read in
    /// this scope.
    Plain(Scope),
}

impl Placement {
    /// The scope of the block's body.
    pub fn inner(self) -> Scope {
        match self {
            Placement::Provider => Scope::Provider,
            Placement::Declaration(d) if d.keyword == "function" => Scope::Function,
            Placement::Plain(scope) => scope,
            Placement::Declaration(_) | Placement::Event | Placement::ListEntry(_) => Scope::Other,
        }
    }
}

/// What the block `kind` means in `scope`.
pub fn place_block(scope: Scope, kind: &str) -> Placement {
    match (scope, kind) {
        (Scope::Root, "provider") => Placement::Provider,
        (Scope::Root, _) if let Some(declared) = declaration(kind) => Placement::Declaration(declared),
        (Scope::Function, _) if is_event_kind(kind) => Placement::Event,
        (Scope::Provider, "iam") => Placement::Plain(Scope::Iam),
        (Scope::Iam, "statement") => Placement::ListEntry(&["role", "statements"]),
        _ => Placement::Plain(Scope::Other),
    }
}

/// Where an attribute `key = …` written in `scope` goes.
#[derive(Clone, Copy, Debug)]
pub enum KeyPlacement {
    /// An event of a function in its short form: `httpApi = "GET /"`.
    Event,
    /// Another path of the model: the top-level `stage` is `provider.stage`
    /// (Serverless v4's form).
    Moved(&'static [&'static str]),
    /// The key of the object the body fills.
    Plain,
}

/// Where the attribute `key` written in `scope` goes.
pub fn place_key(scope: Scope, key: &str) -> KeyPlacement {
    match scope {
        Scope::Function if is_event_kind(key) => KeyPlacement::Event,
        Scope::Root if key == "stage" => KeyPlacement::Moved(&["provider", "stage"]),
        _ => KeyPlacement::Plain,
    }
}

/// The declaration whose entries fill the map at `section`.
pub fn declared_in(section: &[&str]) -> Option<&'static Declaration> {
    DECLARATIONS.iter().find(|d| d.section == section)
}

/// The declaration whose keyword is `keyword`.
pub fn declaration(keyword: &str) -> Option<&'static Declaration> {
    DECLARATIONS.iter().find(|d| d.keyword == keyword)
}

/// Resource attributes written in lower camel case inside a `resource`
/// block, beside the resource's properties (which are PascalCase), and the
/// CloudFormation key each becomes.
pub const RESOURCE_ATTRIBUTES: &[(&str, &str)] = &[
    ("dependsOn", "DependsOn"),
    ("condition", "Condition"),
    ("deletionPolicy", "DeletionPolicy"),
    ("updateReplacePolicy", "UpdateReplacePolicy"),
    ("updatePolicy", "UpdatePolicy"),
    ("creationPolicy", "CreationPolicy"),
    ("metadata", "Metadata"),
];

/// The keys of an `output` block and the CloudFormation key each becomes.
pub const OUTPUT_KEYS: &[(&str, &str)] =
    &[("value", "Value"), ("description", "Description"), ("export", "Export"), ("condition", "Condition")];
