//! Finding whether a key is already set in the object being built without
//! comparing it with every entry: a file may set 100,000 keys in one
//! `custom` block, and a scan per key would take time quadratic in them.
//!
//! Small objects are scanned (that is faster than hashing). A large one is
//! indexed once in a hash map, which is then kept up to date as long as
//! keys are added to that same object; an insert into another object, or a
//! change made elsewhere, is noticed (the object's address, its number of
//! entries and the span of its last key no longer match) and the index is
//! rebuilt.

use compact_str::CompactString;

use crate::span::Span;

use super::{Entry, Object};

/// Objects with at most this many entries are scanned, not indexed.
const SCANNED: usize = 16;

/// An index of the keys of the last large object a key was looked up in.
#[derive(Default)]
pub(super) struct KeyIndex {
    /// The address of the object indexed.
    object: usize,
    /// How many of its entries are indexed, and the span of the last one.
    indexed: usize,
    last: Option<Span>,
    /// Each key and the position of its first entry.
    keys: foldhash::HashMap<CompactString, usize>,
}

impl KeyIndex {
    /// The first entry of `object` whose key is `key`.
    pub(super) fn find<'o>(&mut self, object: &'o Object, key: &str) -> Option<&'o Entry> {
        if object.entries.len() <= SCANNED {
            return object.entry(key);
        }
        if !self.covers(object, object.entries.len()) {
            self.rebuild(object);
        }
        self.keys.get(key).map(|&at| &object.entries[at])
    }

    /// Notes that an entry was just appended to `object`.
    pub(super) fn pushed(&mut self, object: &Object) {
        let count = object.entries.len();
        if count > 1 && self.covers(object, count - 1) {
            let last = &object.entries[count - 1];
            self.keys.entry(last.key.clone()).or_insert(count - 1);
            self.indexed = count;
            self.last = Some(last.key_span);
        }
    }

    /// Whether the index holds exactly the first `count` entries of `object`.
    fn covers(&self, object: &Object, count: usize) -> bool {
        self.object == std::ptr::from_ref(object) as usize
            && self.indexed == count
            && self.last == object.entries.get(count.wrapping_sub(1)).map(|e| e.key_span)
    }

    fn rebuild(&mut self, object: &Object) {
        self.keys.clear();
        for (at, entry) in object.entries.iter().enumerate() {
            self.keys.entry(entry.key.clone()).or_insert(at);
        }
        self.object = std::ptr::from_ref(object) as usize;
        self.indexed = object.entries.len();
        self.last = object.entries.last().map(|e| e.key_span);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Node, NodeKind};
    use super::*;

    /// Appends `key` as the parser's builder does, noting it in `index`.
    fn push(index: &mut KeyIndex, object: &mut Object, key: &str, at: usize) {
        object.push(key, Span::new(at, at + 1), Node::new(NodeKind::Null, Span::new(at, at + 1)));
        index.pushed(object);
    }

    fn found(index: &mut KeyIndex, object: &Object, key: &str) -> Option<Span> {
        index.find(object, key).map(|e| e.key_span)
    }

    #[test]
    fn a_large_object_finds_old_and_new_keys_and_not_absent_ones() {
        let mut index = KeyIndex::default();
        let mut object = Object::default();
        for i in 0..100 {
            assert_eq!(found(&mut index, &object, &format!("k{i}")), None);
            push(&mut index, &mut object, &format!("k{i}"), i * 10);
        }
        assert_eq!(found(&mut index, &object, "k0"), Some(Span::new(0, 1)));
        assert_eq!(found(&mut index, &object, "k99"), Some(Span::new(990, 991)));
        assert_eq!(found(&mut index, &object, "k100"), None);
    }

    #[test]
    fn changes_made_without_the_index_and_other_objects_are_noticed() {
        let mut index = KeyIndex::default();
        let mut first = Object::default();
        let mut second = Object::default();
        for i in 0..40 {
            push(&mut index, &mut first, &format!("a{i}"), i);
            push(&mut index, &mut second, &format!("b{i}"), 100 + i);
        }
        assert_eq!(found(&mut index, &first, "b3"), None);
        assert_eq!(found(&mut index, &second, "b3"), Some(Span::new(103, 104)));
        // Appended directly, not through `pushed`.
        first.push("late", Span::new(500, 504), Node::new(NodeKind::Null, Span::new(500, 504)));
        assert_eq!(found(&mut index, &first, "late"), Some(Span::new(500, 504)));
        first.entries.remove(0);
        assert_eq!(found(&mut index, &first, "a0"), None);
        assert_eq!(found(&mut index, &first, "a1"), Some(Span::new(1, 2)));
    }
}
