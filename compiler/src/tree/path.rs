//! Paths into the value tree: `functions.hello.events.0.httpApi`.

use std::convert::Infallible;
use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object key (inline up to 24 bytes, as keys are: a path costs no
    /// allocation per key).
    Key(CompactString),
    /// A list index.
    Index(usize),
}

/// A [`Segment`] borrowed from the address it is written in: what
/// [`Path`]'s `FromStr` reads, and what lookups by a dotted address read
/// without building a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written<'a> {
    /// An object key.
    Key(&'a str),
    /// A list index.
    Index(usize),
}

impl<'a> Written<'a> {
    /// Reads one segment: a segment of digits is an index (and, in an
    /// object, the key of those digits); anything else is a key.
    pub fn read(text: &'a str) -> Written<'a> {
        match text.parse::<usize>() {
            Ok(i) if !text.starts_with('+') => Written::Index(i),
            _ => Written::Key(text),
        }
    }

    /// The segments of a dotted address, `custom.list.0`; none for the
    /// empty address (the root).
    pub fn split(address: &'a str) -> impl Iterator<Item = Written<'a>> {
        address.split('.').filter(|_| !address.is_empty()).map(Written::read)
    }
}

impl From<Written<'_>> for Segment {
    fn from(written: Written<'_>) -> Segment {
        match written {
            Written::Key(key) => Segment::key(key),
            Written::Index(index) => Segment::Index(index),
        }
    }
}

impl Segment {
    /// This segment, borrowed.
    pub fn as_written(&self) -> Written<'_> {
        match self {
            Segment::Key(key) => Written::Key(key),
            Segment::Index(index) => Written::Index(*index),
        }
    }

    /// The key `key`.
    pub fn key(key: &str) -> Segment {
        Segment::Key(key.into())
    }

    /// True when this segment is written `text` (`Index(0)` is written `0`,
    /// as is the key `"0"`).
    pub fn is(&self, text: &str) -> bool {
        match self {
            Segment::Key(key) => key == text,
            Segment::Index(index) => text.parse::<usize>().is_ok_and(|i| i == *index) && !text.starts_with('+'),
        }
    }
}

impl FromStr for Segment {
    type Err = Infallible;

    /// As [`Written::read`] reads it.
    fn from_str(text: &str) -> Result<Segment, Infallible> {
        Ok(Segment::from(text))
    }
}

impl From<&str> for Segment {
    /// As [`Written::read`] reads it.
    fn from(text: &str) -> Segment {
        Written::read(text).into()
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Key(key) => f.write_str(key),
            Segment::Index(index) => write!(f, "{index}"),
        }
    }
}

/// A path from the root of the value tree, as in `${self:custom.a.0}`.
/// Written and read dotted (`"custom.a.0".parse::<Path>()`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The path of these keys: `Path::keys(&["resources", "Resources"])`.
    pub fn keys(keys: &[&str]) -> Path {
        Path(keys.iter().map(|key| Segment::key(key)).collect())
    }

    /// The segments, from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// The number of segments.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True for the root.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The last segment; `None` at the root.
    pub fn last(&self) -> Option<&Segment> {
        self.0.last()
    }

    /// The path one segment up; `None` at the root.
    pub fn parent(&self) -> Option<Path> {
        self.0.split_last().map(|(_, parent)| Path(parent.to_vec()))
    }

    /// Iterates over the segments from the root.
    pub fn iter(&self) -> std::slice::Iter<'_, Segment> {
        self.0.iter()
    }

    /// Appends `segment`.
    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// Removes and returns the last segment.
    pub fn pop(&mut self) -> Option<Segment> {
        self.0.pop()
    }

    /// This path with `key` appended.
    pub fn key(&self, key: &str) -> Path {
        let mut path = self.clone();
        path.push(Segment::key(key));
        path
    }

    /// This path with `index` appended.
    pub fn index(&self, index: usize) -> Path {
        let mut path = self.clone();
        path.push(Segment::Index(index));
        path
    }

    /// True when `self` is `other` or lies below it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl FromStr for Path {
    type Err = Infallible;

    /// Reads a dotted address, `custom.list.0`: a segment of digits is
    /// both a key and an index, and is taken as an index when the value
    /// there is a list. An empty address is the root.
    fn from_str(address: &str) -> Result<Path, Infallible> {
        Ok(Written::split(address).map(Segment::from).collect())
    }
}

impl From<&str> for Path {
    /// As [`Path::from_str`] reads it.
    fn from(address: &str) -> Path {
        match address.parse() {
            Ok(path) => path,
            Err(never) => match never {},
        }
    }
}

impl FromIterator<Segment> for Path {
    fn from_iter<I: IntoIterator<Item = Segment>>(segments: I) -> Path {
        Path(segments.into_iter().collect())
    }
}

impl Extend<Segment> for Path {
    fn extend<I: IntoIterator<Item = Segment>>(&mut self, segments: I) {
        self.0.extend(segments);
    }
}

impl<'a> IntoIterator for &'a Path {
    type Item = &'a Segment;
    type IntoIter = std::slice::Iter<'a, Segment>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{segment}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Path, Segment, Written};

    #[test]
    fn reads_and_writes_dotted_addresses() {
        let path: Path = "functions.hello.events.0.httpApi".parse().unwrap();
        assert_eq!(path.segments()[3], Segment::Index(0));
        assert_eq!(path.segments()[1], Segment::key("hello"));
        assert_eq!(path.to_string(), "functions.hello.events.0.httpApi");
        assert_eq!("+1".parse::<Path>().unwrap().segments(), [Segment::key("+1")]);
        assert!("".parse::<Path>().unwrap().is_empty());
    }

    #[test]
    fn a_segment_is_compared_as_written() {
        assert!(Segment::Index(3).is("3") && Segment::key("3").is("3"));
        assert!(!Segment::Index(3).is("+3") && !Segment::key("a").is("b"));
        let written: Vec<Written<'_>> = Written::split("custom.list.0").collect();
        assert_eq!(written, [Written::Key("custom"), Written::Key("list"), Written::Index(0)]);
        assert_eq!(Written::split("").count(), 0);
    }

    #[test]
    fn parent_and_last() {
        let path = Path::keys(&["resources", "Resources"]).key("Orders");
        assert_eq!(path.last(), Some(&Segment::key("Orders")));
        assert_eq!(path.parent(), Some(Path::keys(&["resources", "Resources"])));
        assert_eq!(Path::default().parent(), None);
    }
}
