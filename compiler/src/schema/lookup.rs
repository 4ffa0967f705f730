//! Walking the schema along a path of the service model: which key is at
//! `functions.<name>.events.<n>.httpApi`, and what type its value has. The
//! editor uses it for hover and completion.

use super::root::ROOT;
use super::types::{Key, Object, Ty};

/// The type of the whole service.
pub static SERVICE: Ty = Ty::Object(&ROOT);

/// One step of a path through the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An object key.
    Key(String),
    /// An entry of a map (a function, a resource) or of a list (an event).
    Entry,
}

/// What is at the end of a path: the last key passed (for its docs) and
/// the type of the value there.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    /// The key the last `Step::Key` named, if the schema knows it.
    pub key: Option<&'static Key>,
    /// The type of the value at the end of the path.
    pub ty: &'static Ty,
}

/// Walks `path` from the service; `None` when the schema does not know it.
pub fn walk(path: &[Step]) -> Option<Found> {
    path.iter().try_fold(Found { key: None, ty: &SERVICE }, |found, step| advance(found.ty, step))
}

fn advance(ty: &'static Ty, step: &Step) -> Option<Found> {
    match (ty, step) {
        (Ty::Object(object), Step::Key(name)) => object.key(name).map(|key| Found { key: Some(key), ty: &key.ty }),
        (Ty::Map(item), _) | (Ty::List(item), Step::Entry) => Some(Found { key: None, ty: item }),
        (Ty::Any, _) => Some(Found { key: None, ty: &Ty::Any }),
        (Ty::OneOf(choices), _) => choices.iter().find_map(|choice| advance(choice, step)),
        _ => None,
    }
}

/// The object types a value of type `ty` may be (for completing its keys).
pub fn objects(ty: &'static Ty) -> Vec<&'static Object> {
    match ty {
        Ty::Object(object) => vec![object],
        Ty::OneOf(choices) => choices.iter().flat_map(objects).collect(),
        _ => Vec::new(),
    }
}

/// The strings a value of type `ty` may be (for completing values).
pub fn values(ty: &'static Ty) -> Vec<&'static str> {
    match ty {
        Ty::Enum(values) => values.to_vec(),
        Ty::Bool => vec!["true", "false"],
        Ty::OneOf(choices) => choices.iter().flat_map(values).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Step, walk};

    fn path(steps: &[&str]) -> Vec<Step> {
        steps.iter().map(|s| if *s == "*" { Step::Entry } else { Step::Key((*s).to_owned()) }).collect()
    }

    #[test]
    fn finds_nested_keys() {
        let found = walk(&path(&["functions", "*", "memorySize"])).expect("known");
        assert_eq!(found.key.map(|k| k.name), Some("memorySize"));
        let found = walk(&path(&["functions", "*", "events", "*", "httpApi"])).expect("known");
        assert_eq!(found.key.map(|k| k.name), Some("httpApi"));
        let found = walk(&path(&["provider", "iam", "role", "statements", "*", "Effect"])).expect("known");
        assert_eq!(found.key.map(|k| k.name), Some("Effect"));
    }

    #[test]
    fn unknown_keys_are_none() {
        assert!(walk(&path(&["functions", "*", "memorysize"])).is_none());
    }
}
