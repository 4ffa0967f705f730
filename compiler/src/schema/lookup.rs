//! Walking the schema along a path of the service model: which key is at
//! `functions.<name>.events.<n>.httpApi`, and what type its value has. The
//! editor uses it for hover and completion.

use super::root::ROOT;
use super::types::{Key, Object, Ty};
use crate::tree::{Path, Segment};

/// The type of the whole service.
pub static SERVICE: Ty = Ty::Object(&ROOT);

/// What is at the end of a path: the last key passed (for its docs) and
/// the type of the value there.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    /// The key the last segment named, if the schema knows it (`None` for
    /// an entry of a map or a list).
    pub key: Option<&'static Key>,
    /// The type of the value at the end of the path.
    pub ty: &'static Ty,
}

/// Walks `path` from the service; `None` when the schema does not know it.
/// On an object a segment is a key; on a map any segment, on a list an
/// index, steps into the entry (`functions.hello`, `functions.hello.events.0`).
pub fn walk(path: &Path) -> Option<Found> {
    path.iter().try_fold(Found { key: None, ty: &SERVICE }, |found, segment| advance(found.ty, segment))
}

fn advance(ty: &'static Ty, segment: &Segment) -> Option<Found> {
    match (ty, segment) {
        (Ty::Object(object), Segment::Key(name)) => object.key(name).map(|key| Found { key: Some(key), ty: &key.ty }),
        (Ty::Map(item), _) | (Ty::List(item), Segment::Index(_)) => Some(Found { key: None, ty: item }),
        (Ty::Any, _) => Some(Found { key: None, ty: &Ty::Any }),
        (Ty::OneOf(choices), _) => choices.iter().find_map(|choice| advance(choice, segment)),
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
    use super::walk;
    use crate::tree::Path;

    fn found(path: &str) -> Option<&'static str> {
        walk(&Path::from(path)).expect("known").key.map(|k| k.name)
    }

    #[test]
    fn finds_nested_keys() {
        assert_eq!(found("functions.hello.memorySize"), Some("memorySize"));
        assert_eq!(found("functions.hello.events.0.httpApi"), Some("httpApi"));
        assert_eq!(found("provider.iam.role.statements.1.Effect"), Some("Effect"));
    }

    #[test]
    fn entries_of_maps_and_lists_have_no_key() {
        assert_eq!(found("functions.hello"), None);
        assert_eq!(found("functions.hello.events.2"), None);
        assert_eq!(found("functions.hello.events"), Some("events"));
    }

    #[test]
    fn unknown_keys_are_none() {
        assert!(walk(&Path::from("functions.hello.memorysize")).is_none());
        assert!(walk(&Path::from("provider.0")).is_none());
        assert!(walk(&Path::from("functions.hello.events.first")).is_none());
    }
}
