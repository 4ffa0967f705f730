//! An object of the value tree: its entries in source order and, once it
//! is large, an index of where each key is.
//!
//! A service may hold 100,000 values in one `custom` block, each read by a
//! `${self:custom.…}`, or 100,000 functions each looked up by name; a scan
//! per lookup would take time quadratic in them. Small objects are
//! scanned (faster than hashing); once an object has more entries,
//! [`Object::push`] keeps an index of them.

use compact_str::CompactString;

use crate::span::Span;

use super::Node;

/// Objects with at most this many entries are scanned, not indexed.
const SCANNED: usize = 16;

/// An object: entries in order, keys unique.
#[derive(Clone, Default)]
pub struct Object {
    /// The entries, in source order: changed only through the methods,
    /// which keep `index` true.
    entries: Vec<Entry>,
    /// Where each key is, for an object of more than [`SCANNED`] entries
    /// (boxed: most objects are small, and a node stays small).
    index: Option<Box<Positions>>,
}

/// One `key = value` of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The key (held inline up to 24 bytes: lookups compare keys without
    /// following a pointer, and most keys cost no allocation).
    pub key: CompactString,
    /// Where the key is written (for a block: its kind or label).
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// The position of the first entry of each key (hashed with foldhash,
/// randomly seeded per process).
type Positions = foldhash::HashMap<CompactString, usize>;

/// The index of `entries`, when there are more than [`SCANNED`].
fn index_of(entries: &[Entry]) -> Option<Box<Positions>> {
    (entries.len() > SCANNED).then(|| {
        let mut at = Positions::with_capacity_and_hasher(entries.len(), foldhash::fast::RandomState::default());
        for (i, entry) in entries.iter().enumerate() {
            at.entry(entry.key.clone()).or_insert(i);
        }
        Box::new(at)
    })
}

impl Object {
    /// An empty object with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Object {
        Object { entries: Vec::with_capacity(capacity), index: None }
    }

    /// The entries, in source order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Each entry's key, with its key's span and its value mutably.
    pub fn entries_mut(&mut self) -> impl Iterator<Item = (&str, &mut Span, &mut Node)> {
        self.entries.iter_mut().map(|e| (e.key.as_str(), &mut e.key_span, &mut e.value))
    }

    /// The entries, taken out.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// Puts an entry first; the caller has checked that `key` is new.
    pub fn insert_first(&mut self, key: impl Into<CompactString>, key_span: Span, value: Node) {
        self.entries.insert(0, Entry { key: key.into(), key_span, value });
        self.index = index_of(&self.entries);
    }

    /// Removes the entry of `key` and gives it back.
    pub fn remove(&mut self, key: &str) -> Option<Entry> {
        let at = self.position(key)?;
        let entry = self.entries.remove(at);
        self.index = index_of(&self.entries);
        Some(entry)
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The value of `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        let at = self.position(key)?;
        Some(&mut self.entries[at].value)
    }

    /// The entry for `key`.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.position(key).map(|at| &self.entries[at])
    }

    /// Appends an entry; the caller has checked that `key` is new.
    pub fn push(&mut self, key: impl Into<CompactString>, key_span: Span, value: Node) {
        let key = key.into();
        if let Some(index) = &mut self.index {
            index.entry(key.clone()).or_insert(self.entries.len());
        }
        self.entries.push(Entry { key, key_span, value });
        if self.index.is_none() {
            self.index = index_of(&self.entries);
        }
    }

    /// Where the first entry of `key` is.
    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.scan(key),
        }
    }

    fn scan(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.key == key)
    }
}

/// Objects are equal when their entries are.
impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.entries == other.entries
    }
}

/// The entries, as `#[derive(Debug)]` would show them.
impl std::fmt::Debug for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Object").field("entries", &self.entries).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::super::NodeKind;
    use super::*;

    fn null(at: usize) -> Node {
        Node::new(NodeKind::Null, Span::new(at, at + 1))
    }

    fn found(object: &Object, key: &str) -> Option<Span> {
        object.entry(key).map(|e| e.key_span)
    }

    #[test]
    fn a_large_object_finds_old_and_new_keys_and_not_absent_ones() {
        let mut object = Object::default();
        for i in 0..100 {
            assert_eq!(found(&object, &format!("k{i}")), None);
            object.push(format!("k{i}"), Span::new(i * 10, i * 10 + 1), null(i * 10));
        }
        assert_eq!(found(&object, "k0"), Some(Span::new(0, 1)));
        assert_eq!(found(&object, "k99"), Some(Span::new(990, 991)));
        assert_eq!(found(&object, "k100"), None);
        *object.get_mut("k50").expect("k50") = Node::new(NodeKind::Bool(true), Span::new(0, 1));
        assert_eq!(object.get("k50").map(|n| &n.kind), Some(&NodeKind::Bool(true)));
    }

    #[test]
    fn an_entry_put_first_is_found_and_moves_the_others() {
        let mut object = Object::default();
        for i in 0..40 {
            object.push(format!("a{i}"), Span::new(i, i + 1), null(i));
        }
        assert_eq!(found(&object, "a3"), Some(Span::new(3, 4)));
        object.insert_first("first", Span::new(500, 505), null(500));
        assert_eq!(found(&object, "first"), Some(Span::new(500, 505)));
        assert_eq!(object.entries()[4].key, "a3");
        assert_eq!(found(&object, "a3"), Some(Span::new(3, 4)));
        assert_eq!(object.remove("a3").map(|e| e.key_span), Some(Span::new(3, 4)));
        assert_eq!(found(&object, "a3"), None);
        assert_eq!(found(&object, "a4"), Some(Span::new(4, 5)));
        object.push("last", Span::new(600, 604), null(600));
        assert_eq!(found(&object, "last"), Some(Span::new(600, 604)));
        assert_eq!(object.entries().len(), 41);
    }

    #[test]
    fn a_clone_and_the_original_are_equal_and_each_finds_its_keys() {
        let mut object = Object::default();
        for i in 0..30 {
            object.push(format!("k{i}"), Span::new(i, i + 1), null(i));
        }
        assert!(object.get("k7").is_some());
        let mut copy = object.clone();
        assert_eq!(copy, object);
        copy.push("extra", Span::new(99, 100), null(99));
        assert!(copy.get("extra").is_some());
        assert!(object.get("extra").is_none());
        assert_ne!(copy, object);
    }
}
