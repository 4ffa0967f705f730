//! Alignment of `=` in runs of attributes.
//!
//! A run is a sequence of consecutive attributes of one body with no block
//! and no blank line between them (comment lines do not break a run). The
//! keys of a run are padded to its longest key, counted in characters.

use crate::syntax::{Attribute, Item};

use super::comments::has_blank_line;
use super::text;

/// For each item of a body, the width its key is padded to (0 for blocks).
pub(super) fn key_widths(items: &[Item], src: &str) -> Vec<usize> {
    let mut widths = vec![0; items.len()];
    let mut start = 0;
    for end in 1..=items.len() {
        if end == items.len() || !same_run(&items[end - 1], &items[end], src) {
            let run = &items[start..end];
            let width = run.iter().map(item_key_width).max().unwrap_or(0);
            widths[start..end].fill(width);
            start = end;
        }
    }
    widths
}

/// The widest key of an object's entries, which are aligned as one run.
pub(super) fn entries_key_width(entries: &[Attribute]) -> usize {
    entries.iter().map(key_width).max().unwrap_or(0)
}

/// The width of a key as printed, in characters.
pub(super) fn key_width(attribute: &Attribute) -> usize {
    text::name(&attribute.key).chars().count()
}

/// The width of an item's key (0 for blocks, which have none).
fn item_key_width(item: &Item) -> usize {
    match item {
        Item::Attribute(attribute) => key_width(attribute),
        Item::Block(_) | Item::Error(_) => 0,
    }
}

/// True when `next` continues the run of `prev`.
fn same_run(prev: &Item, next: &Item, src: &str) -> bool {
    let both_attributes = matches!((prev, next), (Item::Attribute(_), Item::Attribute(_)));
    let gap = src.get(prev.span().end as usize..next.span().start as usize).unwrap_or_default();
    both_attributes && !has_blank_line(gap)
}
