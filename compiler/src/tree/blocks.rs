//! How svc's blocks map onto the service model: the table
//! [`from_syntax`](super::from_syntax) follows.
//!
//! A block without labels, `kind { … }`, is the object at `kind`; labels
//! nest, `kind a b { … }` is the object at `kind.a.b`. The exceptions are
//! listed here.

/// Top-level blocks with one label that name an entry of a map:
/// `function hello { … }` is `functions.hello`.
pub const NAMED_BLOCKS: &[(&str, &str)] = &[("function", "functions"), ("layer", "layers")];

/// Top-level blocks that declare one thing by name, each with the form it
/// is written in: what "did you mean" offers for a misspelt top-level name
/// (the blocks are `function` and `resource`, not `functions` and
/// `resources`).
pub const DECLARATIONS: &[(&str, &str)] = &[
    ("function", "function NAME { … }"),
    ("layer", "layer NAME { … }"),
    ("resource", "resource NAME \"AWS::…\" { … }"),
    ("output", "output NAME { value = … }"),
];

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

/// Blocks that append to a list instead of naming an object: inside
/// `provider.iam`, each `statement { … }` is one more entry of
/// `provider.iam.role.statements`.
pub const LIST_BLOCKS: &[(&[&str], &str, &[&str])] = &[(&["provider", "iam"], "statement", &["role", "statements"])];
