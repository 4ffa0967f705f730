//! Variable resolution, as the Serverless Framework v3 resolves
//! `${source:address, fallback, …}`.
//!
//! - Sources are tried in order; a source with no value, or with `null`,
//!   moves on to the next. A literal fallback ends the chain.
//! - A whole-value variable keeps its value's type; variables inside a
//!   string make a string.
//! - `self:` reads the service itself, resolving what it reads; a value
//!   that depends on itself is a cycle, reported with its chain.
//! - `aws:accountId` becomes the `AWS::AccountId` pseudo-parameter, `ssm:`
//!   a CloudFormation dynamic reference: no AWS call, no secret in the
//!   output. `cf:` and `s3:` stay as deploy-time values.
//!
//! Every resolved node keeps a span in the service: a value produced by a
//! variable has the variable's span, so a later error points at it.

mod budget;
mod data;
mod deferred;
mod options;
mod sources;
mod template;

pub use budget::MAX_DEPTH;
pub use options::Options;
pub use sources::SECURE_REFERENCE;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::{Code, Diagnostic};
use crate::files::FileSystem;
use crate::span::Span;
use crate::syntax::{Value, ValueKind, Variable};
use crate::tree::{Node, NodeKind, Path, Segment};

/// Resolves every variable of `tree` (a value tree from
/// [`crate::tree::from_syntax`]). Nodes that cannot be resolved become
/// [`NodeKind::Error`], with a diagnostic.
///
/// The tree is resolved in place: each variable's value is worked out
/// reading the tree as written, then put where the variable was, so a
/// large service is never held twice. A caller that keeps the tree as
/// written passes a copy.
pub fn resolve(mut tree: Node, options: &Options, files: &dyn FileSystem) -> (Node, Vec<Diagnostic>) {
    let mut values = Vec::new();
    let mut resolver = Resolver::new(&tree, options, files);
    resolver.visit(&mut Path::default(), &tree, &mut values);
    let diagnostics = resolver.diagnostics;
    put(&mut tree, &mut values.into_iter());
    (tree, diagnostics)
}

/// Puts the `values` of the variables of `node`, in the order
/// [`Resolver::visit`] met them, where the variables are.
fn put(node: &mut Node, values: &mut std::vec::IntoIter<Node>) {
    match &mut node.kind {
        NodeKind::Variable(_) | NodeKind::Template(_) => {
            if let Some(value) = values.next() {
                *node = value;
            }
        }
        NodeKind::Object(object) => object.entries_mut().for_each(|(_, _, value)| put(value, values)),
        NodeKind::List(items) => items.iter_mut().for_each(|item| put(item, values)),
        NodeKind::Call(call) => call.args.iter_mut().for_each(|arg| put(arg, values)),
        _ => {}
    }
}

/// The path segment of an intrinsic call's arguments, `sub()`.
fn call_segment(call: &crate::tree::Call) -> Segment {
    Segment::Key(compact_str::format_compact!("{}()", call.name.text))
}

/// Why a source had no value, for the message when no source has one.
enum Hint {
    /// `${file(path)}` of a file that does not exist.
    MissingFile(String),
    /// `${self:…}` of an address with nothing there.
    SelfMissing(String),
}

/// The outcome of one source of a variable.
enum Found {
    /// A value (not null).
    Value(Node),
    /// No value, or null: the next source is tried.
    Nothing,
    /// An error, already reported: resolution of this variable stops.
    Failed,
}

struct Resolver<'a> {
    root: &'a Node,
    options: &'a Options,
    files: &'a dyn FileSystem,
    /// Resolved variables and strings, by the path where they are written
    /// (hashed with foldhash: the paths are ours, not an attacker's).
    done: foldhash::HashMap<Path, Node>,
    /// Variables being resolved, innermost last: a repeat is a cycle.
    active: Vec<(Path, Span)>,
    /// Files read by `${file(...)}`: their data, or why there is none.
    file_cache: HashMap<PathBuf, Result<Node, (Code, String)>>,
    /// Why the sources of the variable being resolved had no value.
    hints: Vec<Hint>,
    /// `${param:…}` values from the service's `params`, by name, once
    /// looked up (a service uses each of its params many times).
    params: foldhash::HashMap<String, Option<Node>>,
    /// The stage and region once known (`${sls:stage}` is everywhere).
    stage: Option<String>,
    region: Option<String>,
    /// The size of every value resolved so far, added up.
    built: budget::Size,
    /// Set once `built` is over its limit: nothing more is resolved.
    exhausted: bool,
    /// Set once a chain too deep is reported: later ones are not (they
    /// are usually the rest of the same chain).
    too_deep_reported: bool,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Resolver<'a> {
    fn new(root: &'a Node, options: &'a Options, files: &'a dyn FileSystem) -> Self {
        Resolver {
            root,
            options,
            files,
            done: foldhash::HashMap::default(),
            active: Vec::new(),
            file_cache: HashMap::new(),
            hints: Vec::new(),
            params: foldhash::HashMap::default(),
            stage: None,
            region: None,
            built: budget::Size::default(),
            exhausted: false,
            too_deep_reported: false,
            diagnostics: Vec::new(),
        }
    }

    /// The value of each variable and string with variables in `node`,
    /// written at `path`, in the order of the tree, into `values`.
    fn visit(&mut self, path: &mut Path, node: &Node, values: &mut Vec<Node>) {
        match &node.kind {
            NodeKind::Variable(_) | NodeKind::Template(_) => values.push(self.memoised(path, node)),
            NodeKind::Object(object) => {
                for entry in object.entries() {
                    path.push(Segment::Key(entry.key.clone()));
                    self.visit(path, &entry.value, values);
                    path.pop();
                }
            }
            NodeKind::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Segment::Index(i));
                    self.visit(path, item, values);
                    path.pop();
                }
            }
            NodeKind::Call(call) => {
                path.push(call_segment(call));
                for (i, arg) in call.args.iter().enumerate() {
                    path.push(Segment::Index(i));
                    self.visit(path, arg, values);
                    path.pop();
                }
                path.pop();
            }
            _ => {}
        }
    }

    /// `node`, written at `path`, with every variable in it resolved (a
    /// copy: `node` is part of the tree as written, or a value read).
    fn node(&mut self, path: &Path, node: &Node) -> Node {
        let mut values = Vec::new();
        self.visit(&mut path.clone(), node, &mut values);
        let mut out = node.clone();
        put(&mut out, &mut values.into_iter());
        out
    }

    /// A variable or string with variables, resolved once per path, with
    /// cycle detection and the limits of [`budget`].
    fn memoised(&mut self, path: &Path, node: &Node) -> Node {
        if let Some(done) = self.done.get(path) {
            return done.clone();
        }
        if let Some(start) = self.active.iter().position(|(p, _)| p == path) {
            self.cycle(start, path, node.span);
            return Node::new(NodeKind::Error, node.span);
        }
        if self.exhausted {
            return Node::new(NodeKind::Error, node.span);
        }
        if self.active.len() >= MAX_DEPTH {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                let start = self.active.first().map(|(p, _)| p.clone()).unwrap_or_default();
                self.diagnostics.push(budget::too_deep(path, node.span, &start));
            }
            return Node::new(NodeKind::Error, node.span);
        }
        self.active.push((path.clone(), node.span));
        let out = match &node.kind {
            NodeKind::Variable(variable) => self.variable(variable),
            NodeKind::Template(parts) => self.template(parts, node.span),
            _ => node.clone(),
        };
        let out = self.within_budget(path, out);
        if let Some((path, _)) = self.active.pop() {
            self.done.insert(path, out.clone());
        }
        out
    }

    /// `out`, the value just resolved at `path`, or an error (reported)
    /// when it is too large alone or with everything resolved before.
    fn within_budget(&mut self, path: &Path, out: Node) -> Node {
        if self.exhausted || matches!(out.kind, NodeKind::Error) {
            return out;
        }
        let size = budget::measure(&out);
        self.built.nodes += size.nodes;
        self.built.bytes += size.bytes;
        let whole_service = self.built.over_total_limit();
        if !size.over_value_limit() && !whole_service {
            return out;
        }
        self.exhausted = whole_service;
        self.diagnostics.push(budget::too_large(path, out.span, whole_service));
        Node::new(NodeKind::Error, out.span)
    }

    fn cycle(&mut self, start: usize, path: &Path, span: Span) {
        let chain: Vec<String> =
            self.active[start..].iter().map(|(p, _)| p.to_string()).chain(std::iter::once(path.to_string())).collect();
        let mut diagnostic = Diagnostic::error(
            Code::E0211,
            format!("variable cycle: {}", chain.join(" → ")),
            span,
            format!("`{path}` depends on itself"),
        );
        for (p, s) in &self.active[start + 1..] {
            diagnostic = diagnostic.with_secondary(*s, format!("`{p}` is needed here"));
        }
        let help = match path.to_string().as_str() {
            "provider.stage" => "`${sls:stage}` and `${param:…}` read `provider.stage` when no --stage is given; \
                 give `provider.stage` a value that does not use them, such as `${opt:stage, \"dev\"}`"
                .to_owned(),
            "provider.region" => "`${aws:region}` reads `provider.region` when no --region is given; give \
                 `provider.region` a value that does not use it, such as `${opt:region, \"us-east-1\"}`"
                .to_owned(),
            _ => "give one of these a value that does not depend on the others".to_owned(),
        };
        self.diagnostics.push(diagnostic.with_help(help));
    }

    /// The value of the service at `path`, resolved; `None` when there is
    /// nothing there.
    fn lookup(&mut self, path: &Path) -> Option<Node> {
        let mut node = std::borrow::Cow::Borrowed(self.root);
        let mut at = Path::default();
        for segment in path {
            if matches!(node.kind, NodeKind::Variable(_) | NodeKind::Template(_)) {
                node = std::borrow::Cow::Owned(self.memoised(&at, &node));
            }
            // Walking the written tree borrows; only a resolved value is copied.
            node = match node {
                std::borrow::Cow::Borrowed(written) => std::borrow::Cow::Borrowed(written.child(segment)?),
                std::borrow::Cow::Owned(resolved) => std::borrow::Cow::Owned(resolved.child(segment)?.clone()),
            };
            at.push(segment.clone());
        }
        Some(self.node(&at, &node))
    }

    /// A whole-value variable: its sources in order.
    fn variable(&mut self, variable: &Variable) -> Node {
        let outer = std::mem::take(&mut self.hints);
        let node = self.variable_value(variable);
        self.hints = outer;
        node
    }

    fn variable_value(&mut self, variable: &Variable) -> Node {
        let mut tried = Vec::new();
        match self.source(variable, &mut tried) {
            Found::Value(mut node) => {
                node.span = variable.span;
                return node;
            }
            Found::Failed => return Node::new(NodeKind::Error, variable.span),
            Found::Nothing => {}
        }
        match self.chain(&variable.fallbacks, &mut tried) {
            Found::Value(mut node) => {
                node.span = variable.span;
                return node;
            }
            Found::Failed => return Node::new(NodeKind::Error, variable.span),
            Found::Nothing => {}
        }
        let suggestion = self.hints.iter().find_map(|h| match h {
            Hint::SelfMissing(address) => {
                let right = self.did_you_mean(address)?;
                Some(format!("`{address}` does not exist; did you mean `{right}`?"))
            }
            Hint::MissingFile(_) => None,
        });
        self.diagnostics.push(no_value(variable, &tried, &self.hints, suggestion));
        Node::new(NodeKind::Error, variable.span)
    }

    /// One fallback: a literal ends the chain (a last `null` too); a
    /// variable is tried like the first source.
    fn fallback(&mut self, fallback: &Value, last: bool, tried: &mut Vec<String>) -> Found {
        match &fallback.kind {
            ValueKind::Variable(variable) => {
                if let found @ (Found::Value(_) | Found::Failed) = self.source(variable, tried) {
                    return found;
                }
                variable.fallbacks.iter().enumerate().fold(Found::Nothing, |found, (i, inner)| match found {
                    Found::Nothing => self.fallback(inner, last && i + 1 == variable.fallbacks.len(), tried),
                    done => done,
                })
            }
            ValueKind::String(lit) => match lit.as_plain() {
                Some(text) => Found::Value(Node::new(NodeKind::String(text.into()), fallback.span)),
                None => Found::Value(self.template(&lit.parts, fallback.span)),
            },
            ValueKind::Number(raw) => Found::Value(Node::new(NodeKind::Number(raw.as_str().into()), fallback.span)),
            ValueKind::Bool(b) => Found::Value(Node::new(NodeKind::Bool(*b), fallback.span)),
            ValueKind::Null if last => Found::Value(Node::new(NodeKind::Null, fallback.span)),
            ValueKind::Null => Found::Nothing,
            _ => Found::Failed,
        }
    }
}

/// The error for a variable none of whose sources had a value; the
/// `suggestion` is a did-you-mean for a misspelt `${self:…}`.
fn no_value(variable: &Variable, tried: &[String], hints: &[Hint], suggestion: Option<String>) -> Diagnostic {
    let source = variable.source.text.as_str();
    let what = tried.first().cloned().unwrap_or_else(|| source.to_owned());
    let example = format!("`${{{what}, …}}`");
    if let Some(path) = hints.iter().find_map(|h| match h {
        Hint::MissingFile(path) => Some(path),
        Hint::SelfMissing(_) => None,
    }) {
        return Diagnostic::error(Code::E0213, format!("`{path}` does not exist"), variable.span, "no such file")
            .with_help(format!(
                "paths are relative to the service's folder; create the file, or give a fallback: {example}"
            ));
    }
    let diagnostic = Diagnostic::error(
        Code::E0212,
        format!("`${{{what}}}` has no value"),
        variable.span,
        "no value and no fallback",
    );
    let help = match (suggestion, source) {
        (Some(suggestion), _) => suggestion,
        (None, "param") => format!(
            "set it with `--param {}=…`, in `params {{ default {{ … }} }}`, or give a fallback: {example}",
            tried.first().and_then(|t| t.strip_prefix("param:")).unwrap_or("name")
        ),
        (None, _) if tried.len() > 1 => {
            format!("tried {}; end with a literal fallback: {example}", tried.join(", then "))
        }
        (None, _) => format!("give it a fallback: {example}"),
    };
    diagnostic.with_help(help)
}
