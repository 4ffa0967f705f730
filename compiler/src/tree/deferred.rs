//! Values only known at deploy time: `${cf:stack.Output}`,
//! `${cf(region):stack.Output}` and `${s3:bucket/key}`, parsed once by the
//! resolver so that the command that deploys only has to fetch them.

use std::fmt;

use super::Node;

/// A deploy-time value: text with deploy-time lookups inside, such as
/// `arn-${cf:net-dev.VpcId}`, or one lookup as the whole value.
#[derive(Clone, Debug, PartialEq)]
pub struct Deferred {
    /// The pieces in order; never two text pieces in a row.
    pub parts: Vec<DeferredPart>,
}

/// One piece of a [`Deferred`].
#[derive(Clone, Debug, PartialEq)]
pub enum DeferredPart {
    /// Text known now (a literal `${` in it is text).
    Text(String),
    /// A value read from AWS at deploy time.
    Lookup(Lookup),
}

/// One deploy-time variable: where to read, and what to use when it cannot
/// be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    /// What to read.
    pub source: Source,
    /// The rest of the variable's fallback chain, resolved: a literal, or
    /// another deploy-time value (with its own fallback). `None` when the
    /// variable has no fallback with a value.
    pub fallback: Option<Box<Node>>,
    /// The variable as written (`${cf:a.B, "x"}`), for messages and `svc print`.
    pub written: String,
}

/// Where a deploy-time value is read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// `${cf:stack.Output}` or `${cf(region):stack.Output}`: a stack's output.
    Cf {
        /// The region in parentheses, when given; else the service's.
        region: Option<String>,
        /// The stack's name.
        stack: String,
        /// The output's key.
        output: String,
    },
    /// `${s3:bucket/key}`: an object's content, as text.
    S3 {
        /// The bucket.
        bucket: String,
        /// The object's key.
        key: String,
    },
}

impl Source {
    /// The source of `${cf(param):address}`, `None` when the address is
    /// not `stack.Output`.
    pub fn cf(region: Option<&str>, address: &str) -> Option<Source> {
        let (stack, output) = address.split_once('.')?;
        let region = region.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        (!stack.is_empty() && !output.is_empty()).then(|| Source::Cf {
            region,
            stack: stack.to_owned(),
            output: output.to_owned(),
        })
    }

    /// The source of `${s3:address}`, `None` when the address is not
    /// `bucket/key`.
    pub fn s3(address: &str) -> Option<Source> {
        let (bucket, key) = address.split_once('/')?;
        (!bucket.is_empty() && !key.is_empty()).then(|| Source::S3 { bucket: bucket.to_owned(), key: key.to_owned() })
    }
}

impl Deferred {
    /// The lookup when it is the whole value (no text around it).
    pub fn whole(&self) -> Option<&Lookup> {
        match self.parts.as_slice() {
            [DeferredPart::Lookup(lookup)] => Some(lookup),
            _ => None,
        }
    }

    /// Every lookup, in order (not those of fallbacks).
    pub fn lookups(&self) -> impl Iterator<Item = &Lookup> {
        self.parts.iter().filter_map(|p| match p {
            DeferredPart::Lookup(lookup) => Some(lookup),
            DeferredPart::Text(_) => None,
        })
    }
}

/// The value as written: its text with each lookup as written.
impl fmt::Display for Deferred {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                DeferredPart::Text(text) => f.write_str(text)?,
                DeferredPart::Lookup(lookup) => f.write_str(&lookup.written)?,
            }
        }
        Ok(())
    }
}
