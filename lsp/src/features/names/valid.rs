//! What may be renamed, and to what: names must stay valid where they are
//! written (labels, CloudFormation logical IDs, `${self:…}` and
//! `${param:…}` addresses) and must not clash with another declaration.

use svc_compiler::schema::lookup::walk;
use svc_compiler::tree::{Node, NodeKind, Path};

use super::{GENERATED, Names, Symbol, unquoted};

/// The rules a new name must follow, by what is renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// A function or layer: a letter, then letters, digits, `-`, `_`.
    Function,
    /// A resource or output: a CloudFormation logical ID, letters and digits.
    LogicalId,
    /// A parameter or another key: a letter or `_`, then letters, digits,
    /// `-`, `_`.
    Key,
}

impl Rule {
    fn of(symbol: &Symbol) -> Rule {
        match symbol {
            Symbol::Path(path) => match path.segments() {
                [map, _] if GENERATED.iter().any(|(m, _)| map.is(m)) => Rule::Function,
                [resources, kind, _] if resources.is("resources") && (kind.is("Resources") || kind.is("Outputs")) => {
                    Rule::LogicalId
                }
                _ => Rule::Key,
            },
            Symbol::Param(_) => Rule::Key,
            Symbol::Generated(_) => Rule::LogicalId,
        }
    }

    fn accepts(self, name: &str) -> bool {
        let mut chars = name.chars();
        let Some(first) = chars.next() else { return false };
        match self {
            Rule::Function => {
                first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            }
            Rule::LogicalId => first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric()),
            Rule::Key => {
                (first.is_ascii_alphabetic() || first == '_')
                    && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            }
        }
    }

    fn explain(self) -> &'static str {
        match self {
            Rule::Function => "a function or layer name is a letter followed by letters, digits, `-` or `_`",
            Rule::LogicalId => {
                "a resource or output name is a CloudFormation logical ID: a letter followed by letters and digits"
            }
            Rule::Key => {
                "a name read by `${self:…}` or `${param:…}` is a letter or `_` followed by letters, digits, `-` or `_`"
            }
        }
    }
}

/// Whether `symbol`, written `written` at the cursor, may be renamed at
/// all; why not, if it may not.
pub fn renamable(names: &Names<'_>, symbol: &Symbol, written: &str) -> Result<(), String> {
    let path = match symbol {
        Symbol::Path(path) => path,
        Symbol::Param(_) => return Ok(()),
        Symbol::Generated(id) => {
            return Err(format!("`{id}` is a resource svc generates; it has no name of its own to rename"));
        }
    };
    let (Some(last), Some(parent)) = (path.last(), path.parent()) else {
        return Err("the service itself has no name to rename".to_owned());
    };
    let last = last.to_string();
    let Some(span) = names.key_span(path) else {
        return Err(format!("`{path}` is not declared in this file, so there is nothing to rename"));
    };
    if matches!(names.node(&parent).map(|n| &n.kind), Some(NodeKind::List(_))) {
        return Err(format!("`{path}` is a list item: it has no name to rename"));
    }
    if walk(path).is_some_and(|found| found.key.is_some()) {
        return Err(format!("`{written}` is `{path}`, a name svc defines; only names you choose can be renamed"));
    }
    if names.text.get(unquoted(names.text, span).range()) != Some(last.as_str()) {
        return Err(format!("`{written}` stands for `{last}`, a name svc defines; it cannot be renamed"));
    }
    Ok(())
}

/// Whether `symbol`, written `written` at the cursor, may be renamed to
/// `new`; why not, if it may not.
pub fn check(names: &Names<'_>, symbol: &Symbol, written: &str, new: &str) -> Result<(), String> {
    renamable(names, symbol, written)?;
    let rule = Rule::of(symbol);
    if new.is_empty() {
        return Err(format!("the new name is empty: {}", rule.explain()));
    }
    if !rule.accepts(new) {
        return Err(format!("`{new}` is not a valid name: {}", rule.explain()));
    }
    match symbol {
        Symbol::Generated(_) => {}
        Symbol::Param(old) => {
            let stages = names.node(&Path::keys(&["params"])).and_then(Node::as_object);
            let taken = stages
                .map(|s| s.entries())
                .unwrap_or_default()
                .iter()
                .any(|stage| old != new && stage.value.as_object().is_some_and(|o| o.get(new).is_some()));
            if taken {
                return Err(format!("a parameter `{new}` is already declared in `params`"));
            }
        }
        Symbol::Path(path) => {
            let (Some(last), Some(parent)) = (path.last(), path.parent()) else { return Ok(()) };
            if last.is(new) {
                return Ok(());
            }
            if names.node(&parent).and_then(Node::as_object).is_some_and(|o| o.get(new).is_some()) {
                return Err(format!("`{new}` is already declared beside `{last}`"));
            }
            let taken = match parent.segments() {
                [resources, kind] if resources.is("resources") && kind.is("Resources") => {
                    names.logical_id(new).map(|_| new.to_owned())
                }
                [map] => GENERATED
                    .iter()
                    .filter(|(m, _)| map.is(m))
                    .flat_map(|(_, forms)| forms.iter().map(|form| form(new)))
                    .find(|id| names.logical_id(id).is_some()),
                _ => None,
            };
            if let Some(id) = taken {
                return Err(format!("`{id}` is already the logical ID of a resource of this service"));
            }
        }
    }
    Ok(())
}
