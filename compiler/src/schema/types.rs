//! The vocabulary the schema tables are written in.

/// The type of a value in the service model.
#[derive(Clone, Copy, Debug)]
pub enum Ty {
    /// Anything (free-form data such as `custom`, or CloudFormation properties).
    Any,
    /// Any string.
    String,
    /// A string that must match a rule; `check` returns `Err(what was expected)`.
    Pattern {
        /// How the rule reads in a message, such as "an ARN".
        expected: &'static str,
        /// The rule.
        check: fn(&str) -> Result<(), String>,
    },
    /// A whole number in `min..=max`, measured in `unit` (for messages: "MB", "seconds").
    Integer {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
        /// The unit, or "" when there is none.
        unit: &'static str,
    },
    /// A whole number that must be one of a fixed set, such as the
    /// retention periods CloudWatch Logs accepts.
    IntEnum {
        /// The allowed values, in increasing order.
        values: &'static [i64],
        /// The unit, or "" when there is none.
        unit: &'static str,
    },
    /// `true` or `false`.
    Bool,
    /// One of a fixed set of strings (compared exactly).
    Enum(&'static [&'static str]),
    /// A list whose elements all have this type.
    List(&'static Ty),
    /// A map from names the user chooses (function names, variable names)
    /// to values of this type.
    Map(&'static Ty),
    /// An object with known keys.
    Object(&'static Object),
    /// Any one of these types; the first that fits is taken. Used for
    /// short forms (`httpApi = "GET /"` or `httpApi { … }`).
    OneOf(&'static [Ty]),
    /// A CloudFormation intrinsic or a string: where CloudFormation accepts
    /// `Ref`, `Fn::GetAtt`, `Fn::Sub`, … as well as literal text (ARNs).
    StringOrIntrinsic,
    /// A CloudFormation intrinsic only (`ref(…)`, `getAtt(…)`, `sub(…)`, …).
    /// Paired with a stricter literal form in a [`Ty::OneOf`], such as an ARN
    /// [`Ty::Pattern`] or an [`Ty::Integer`], so that literal text is still
    /// checked while a reference is accepted.
    Intrinsic,
}

/// An object type: a named set of keys.
#[derive(Debug)]
pub struct Object {
    /// The type's name in messages and hover, such as "function" or "httpApi event".
    pub name: &'static str,
    /// The keys, in the order the documentation lists them.
    pub keys: &'static [Key],
    /// When true, keys not listed are allowed (and not checked).
    pub open: bool,
    /// When true, exactly one of the keys must be present (an event is
    /// `{ httpApi = … }` or `{ schedule = … }`, never both).
    pub exactly_one: bool,
}

impl Object {
    /// The key called `name`, if the object has one.
    pub fn key(&self, name: &str) -> Option<&'static Key> {
        let keys: &'static [Key] = self.keys;
        keys.iter().find(|k| k.name == name)
    }
}

/// One key of an object.
#[derive(Debug)]
pub struct Key {
    /// The key as written, such as `memorySize`.
    pub name: &'static str,
    /// Its type.
    pub ty: Ty,
    /// One paragraph for hover: what it does, its unit and its default.
    pub doc: &'static str,
    /// Whether the key must be present.
    pub required: bool,
    /// The default value as svc source text (`"1024"`, `"\"dev\""`), if any;
    /// shown on hover. `svc print` only fills in the defaults that
    /// `serverless print` fills in.
    pub default: Option<&'static str>,
}

impl Key {
    /// An optional key with no default: the common case in the tables.
    pub const fn new(name: &'static str, ty: Ty, doc: &'static str) -> Key {
        Key { name, ty, doc, required: false, default: None }
    }

    /// This key, required.
    pub const fn required(self) -> Key {
        Key { required: true, ..self }
    }

    /// This key, with a default shown on hover.
    pub const fn default(self, default: &'static str) -> Key {
        Key { default: Some(default), ..self }
    }
}

impl Ty {
    /// The type as a message names it: "a string", "a whole number", …
    pub fn describe(&self) -> String {
        match self {
            Ty::Any => "any value".to_owned(),
            Ty::String => "a string".to_owned(),
            Ty::Pattern { expected, .. } => (*expected).to_owned(),
            Ty::Integer { .. } | Ty::IntEnum { .. } => "a whole number".to_owned(),
            Ty::Bool => "true or false".to_owned(),
            Ty::Enum(values) => format!("one of {}", quoted(values)),
            Ty::List(_) => "a list".to_owned(),
            Ty::Map(_) => "an object".to_owned(),
            Ty::Object(shape) => format!("{} object", article(shape.name)),
            Ty::OneOf(choices) => choices.iter().map(Ty::describe).collect::<Vec<_>>().join(" or "),
            Ty::StringOrIntrinsic => "a string or an intrinsic function".to_owned(),
            Ty::Intrinsic => "an intrinsic function".to_owned(),
        }
    }
}

/// "a function", "an httpApi event", "an sqs event".
pub fn article(name: &str) -> String {
    // Initialisms read letter by letter: "an sqs event", "an s3 event".
    let spelt = ["sqs", "sns", "s3", "msk", "http"].iter().any(|p| name.starts_with(p));
    let vowel = spelt || name.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {name}", if vowel { "an" } else { "a" })
}

/// Values in backticks, joined by commas.
pub fn quoted(values: &[&str]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}
