//! The typechecker: a resolved service against the schema.
//!
//! Every key is looked up in [`crate::schema`]: unknown keys (with "did you
//! mean"), wrong types, values out of range or not in an enum, missing
//! required keys. Values are coerced the way the Serverless Framework's
//! config validation coerces them (it runs AJV with `coerceTypes: "array"`):
//! `"512"` where a number is expected is 512, `8080` where text is expected
//! is `"8080"`, and a single value where a list is expected is a list of
//! one. So `svc print` shows what `serverless print` shows.
//!
//! Checks run on resolved values; a value produced by a variable carries
//! the variable's span, so the error points at the variable.

mod attributes;
mod buildable;
mod cycles;
mod digest;
mod dynamodb_keys;
mod handler_files;
mod known;
mod references;
mod resource_rules;
mod rules;
mod scalar;
mod secure_strings;
mod stack_limits;
mod sub_text;

pub use attributes::{PSEUDO_PARAMETERS, attributes as resource_attributes};
pub use buildable::{check_buildable, function_problem};
pub use cycles::check_cycles;
pub use digest::{FUNCTION_VALUES, PROVIDER_VALUES, names_digest};
pub use dynamodb_keys::check_dynamodb_keys;
pub use known::{Generated, Known, KnownCache};
pub use references::check_references;
pub use resource_rules::check_resource_rules;
pub use rules::check_rules;
pub use secure_strings::check_secure_strings;
pub use stack_limits::check_stack_limits;
pub use sub_text::check_sub_text;

use crate::diagnostic::{Code, Diagnostic};
use crate::schema::{Object as Shape, ROOT, Ty, article};
use crate::span::Span;
use crate::tree::{DECLARATIONS, Node, NodeKind};

/// Checks `tree` against the schema (keys, types, intrinsic calls);
/// returns it coerced, with the problems. References and the rules that
/// span several keys are checked on its result: see
/// [`check_references`] and [`check_rules`].
///
/// The tree is coerced in place: a large service is never held twice.
pub fn check(mut tree: Node) -> (Node, Vec<Diagnostic>) {
    let mut checker = Checker::default();
    let at = service_start(&tree);
    checker.value(&mut tree, &Ty::Object(&ROOT), at);
    let mut diagnostics = checker.diagnostics;
    intrinsic_calls(&tree, &mut diagnostics);
    (tree, diagnostics)
}

/// Where a key missing from the whole service is reported: where its
/// first item starts (not on a comment above it).
fn service_start(tree: &Node) -> Span {
    let first = tree.as_object().and_then(|root| root.entries().iter().map(|e| e.key_span.start).min());
    Span::empty(first.unwrap_or(0) as usize)
}

/// Calls of intrinsics svc does not know, or with the wrong arguments:
/// each call is lowered (the rest of the tree is only walked).
fn intrinsic_calls(node: &Node, diagnostics: &mut Vec<Diagnostic>) {
    match &node.kind {
        NodeKind::Call(_) => {
            crate::tree::to_cloudformation(node, diagnostics);
        }
        NodeKind::List(items) => items.iter().for_each(|item| intrinsic_calls(item, diagnostics)),
        NodeKind::Object(object) => object.entries().iter().for_each(|e| intrinsic_calls(&e.value, diagnostics)),
        _ => {}
    }
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
}

impl Checker {
    /// Checks `node` against `ty`, coercing it in place; `at` is where its
    /// key is written (for "missing key" messages, which point at the key,
    /// not the whole block).
    fn value(&mut self, node: &mut Node, ty: &Ty, at: Span) {
        if matches!(node.kind, NodeKind::Error | NodeKind::Deferred(_)) {
            return;
        }
        match ty {
            Ty::Any => {}
            Ty::List(item) => self.list(node, item),
            Ty::Map(item) => self.map(node, item),
            Ty::Object(shape) => self.object(node, shape, at),
            Ty::OneOf(choices) => self.one_of(node, choices, at),
            _ => match scalar::check(node, ty) {
                Ok(coerced) => *node = coerced,
                Err(diagnostic) => self.diagnostics.push(*diagnostic),
            },
        }
    }

    fn list(&mut self, node: &mut Node, item: &Ty) {
        match &mut node.kind {
            NodeKind::List(items) => items.iter_mut().for_each(|i| {
                let span = i.span;
                self.value(i, item, span);
            }),
            NodeKind::Object(_) => self.diagnostics.push(scalar::mismatch(node, "a list")),
            // A single value where a list is expected is a list of one.
            NodeKind::Call(_) => {}
            _ => {
                let span = node.span;
                let mut one = std::mem::take(node);
                self.value(&mut one, item, span);
                *node = Node::new(NodeKind::List(vec![one]), span);
            }
        }
    }

    fn map(&mut self, node: &mut Node, item: &Ty) {
        let NodeKind::Object(object) = &mut node.kind else {
            self.diagnostics.push(scalar::mismatch(node, "an object"));
            return;
        };
        for (_, key_span, value) in object.entries_mut() {
            self.value(value, item, *key_span);
        }
    }

    fn object(&mut self, node: &mut Node, shape: &'static Shape, at: Span) {
        let NodeKind::Object(object) = &mut node.kind else {
            self.diagnostics.push(scalar::mismatch(node, &format!("{} object", article(shape.name))));
            return;
        };
        for (key, key_span, value) in object.entries_mut() {
            match shape.key(key) {
                Some(known) => self.value(value, &known.ty, *key_span),
                None if shape.open => {}
                None => self.diagnostics.push(unknown_key(key, *key_span, shape)),
            }
        }
        for key in shape.keys.iter().filter(|k| k.required && object.get(k.name).is_none()) {
            let root = std::ptr::eq(shape, &ROOT);
            let whole = if root { "the service".to_owned() } else { article(shape.name) };
            // An `output` block writes `value`, which becomes CloudFormation's `Value`.
            let (name, also) = match shape.name {
                "output" => (key.name.to_lowercase(), format!(" (`{}` under `resources.Outputs`)", key.name)),
                _ => (key.name.to_owned(), String::new()),
            };
            let label = if root { format!("no `{name}` in this file") } else { format!("no `{name}` here") };
            // The provider is written as a block.
            let written = if name == "provider" { "provider aws { … }".to_owned() } else { format!("{name} = …") };
            self.diagnostics.push(
                Diagnostic::error(Code::E0306, format!("{whole} is missing `{name}`"), at, label)
                    .with_help(format!("add `{written}`{also} — {}", first_sentence(key.doc))),
            );
        }
        if shape.exactly_one && object.entries().len() != 1 {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::E0307,
                    format!("{} needs exactly one kind, found {}", article(shape.name), object.entries().len()),
                    at,
                    "one kind per entry",
                )
                .with_help("write each event as its own block, such as `httpApi { … }` then `schedule { … }`"),
            );
        }
    }

    /// The first choice the value fits without a problem; otherwise the
    /// problems of the choice of the same shape (text or object).
    fn one_of(&mut self, node: &mut Node, choices: &[Ty], at: Span) {
        let mut best: Option<(Node, Vec<Diagnostic>)> = None;
        for choice in choices {
            let mut trial = Checker::default();
            let mut out = node.clone();
            trial.value(&mut out, choice, at);
            if trial.diagnostics.is_empty() {
                *node = out;
                return;
            }
            if best.is_none() && same_shape(node, choice) {
                best = Some((out, trial.diagnostics));
            }
        }
        match best {
            Some((out, diagnostics)) => {
                self.diagnostics.extend(diagnostics);
                *node = out;
            }
            None => {
                let expected: Vec<String> = choices.iter().map(Ty::describe).collect();
                self.diagnostics.push(scalar::mismatch(node, &expected.join(" or ")));
            }
        }
    }
}

/// Whether `node` is written in the form `ty` takes: text for text types,
/// an object for object types, and so on.
fn same_shape(node: &Node, ty: &Ty) -> bool {
    matches!(
        (&node.kind, ty),
        (NodeKind::Object(_), Ty::Object(_) | Ty::Map(_))
            | (NodeKind::List(_), Ty::List(_))
            | (NodeKind::String(_), Ty::String | Ty::Pattern { .. } | Ty::Enum(_) | Ty::StringOrIntrinsic)
            | (NodeKind::Number(_), Ty::Integer { .. } | Ty::IntEnum { .. })
            | (NodeKind::Bool(_), Ty::Bool)
            | (NodeKind::Call(_), Ty::Intrinsic | Ty::StringOrIntrinsic)
    )
}

fn unknown_key(key: &str, span: Span, shape: &Shape) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(
        Code::E0301,
        format!("unknown key `{key}` in {}", article(shape.name)),
        span,
        "not a key svc knows here",
    );
    let blocks = blocks(shape);
    let names = shape.keys.iter().map(|k| k.name).chain(blocks.iter().map(|(keyword, _)| *keyword));
    if let Some(best) = crate::suggest::closest(key, names) {
        let help = match blocks.iter().find(|(keyword, _)| *keyword == best) {
            Some((_, form)) => format!("did you mean `{best}`? (written `{form}`)"),
            None => format!("did you mean `{best}`?"),
        };
        diagnostic = diagnostic.with_help(help).with_fix(format!("Replace with `{best}`"), span, best);
    } else {
        let mut known: Vec<&str> = shape.keys.iter().map(|k| k.name).collect();
        let all = known.len() <= KEYS_LISTED;
        known.truncate(KEYS_LISTED);
        let verb = if all { "are" } else { "include" };
        let mut help = format!("the keys of {} {verb} {}", article(shape.name), in_words(&known));
        if !blocks.is_empty() {
            let mut forms: Vec<&str> = blocks.iter().map(|(_, form)| form.as_str()).collect();
            let verb = if forms.len() <= KEYS_LISTED { "are" } else { "include" };
            forms.truncate(KEYS_LISTED);
            let what = if std::ptr::eq(shape, &ROOT) { "blocks" } else { "event blocks" };
            help.push_str(&format!(", and its {what} {verb} {}", in_words(&forms)));
        }
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// The blocks written inside `shape` under a name that is not one of its
/// keys, each with the form it is written in: at the top level the blocks
/// that declare a function, layer, resource or output (`function`, not
/// `functions`); in a function its events (`sqs { … }`).
fn blocks(shape: &Shape) -> Vec<(&'static str, String)> {
    if std::ptr::eq(shape, &ROOT) {
        DECLARATIONS.iter().map(|d| (d.keyword, d.form.to_owned())).collect()
    } else if std::ptr::eq(shape, &crate::schema::FUNCTION) {
        crate::schema::event_kinds().map(|kind| (kind, format!("{kind} {{ … }}"))).collect()
    } else {
        Vec::new()
    }
}

/// How many keys the help of an unknown key lists at most.
const KEYS_LISTED: usize = 12;

/// `a`, `b` and `c`: names in backticks, as a sentence lists them.
fn in_words(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

fn first_sentence(doc: &str) -> &str {
    doc.split_once(". ").map_or(doc, |(first, _)| first).trim_end_matches('.')
}
