//! Paths into the value tree: `functions.hello.events.0.httpApi`.

use std::fmt;

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// A path from the root of the value tree, as in `${self:custom.a.0}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// Parses a dotted address, `custom.list.0`: a segment of digits is
    /// both a key and an index, and is taken as an index when the value
    /// there is a list. An empty address is the root.
    pub fn parse(address: &str) -> Path {
        if address.is_empty() {
            return Path::default();
        }
        Path(
            address
                .split('.')
                .map(|s| match s.parse::<usize>() {
                    Ok(i) if !s.starts_with('+') => Segment::Index(i),
                    _ => Segment::Key(s.to_owned()),
                })
                .collect(),
        )
    }

    /// This path with `key` appended.
    pub fn key(&self, key: &str) -> Path {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path with `index` appended.
    pub fn index(&self, index: usize) -> Path {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// True when `self` is `other` or lies below it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            match segment {
                Segment::Key(key) => f.write_str(key)?,
                Segment::Index(index) => write!(f, "{index}")?,
            }
        }
        Ok(())
    }
}
