//! Every place a symbol is declared or used.

use svc_compiler::span::Span;
use svc_compiler::syntax::{StringPart, ValueKind};
use svc_compiler::tree::{Node, Path};

use super::visit::{Use, uses};
use super::{GENERATED, Names, Symbol, param_name, plain_string, self_segments, sub_name, unquoted};

/// How a rename rewrites an occurrence.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    /// The name itself.
    Name,
    /// A logical ID svc makes from the name (`HelloLambdaFunction` from
    /// `hello`).
    Generated(fn(&str) -> String),
}

/// A place where a symbol is declared or used.
#[derive(Clone, Copy, Debug)]
pub struct Occurrence {
    /// The written name.
    pub span: Span,
    /// True where it is declared (a label, a key).
    pub declaration: bool,
    /// How a rename rewrites it.
    pub form: Form,
}

impl Names<'_> {
    /// Every occurrence of `symbol`, in source order.
    pub fn occurrences(&self, symbol: &Symbol) -> Vec<Occurrence> {
        let mut out = Vec::new();
        match symbol {
            Symbol::Path(path) => {
                if let Some(span) = self.key_span(path) {
                    out.push(Occurrence { span: unquoted(self.text, span), declaration: true, form: Form::Name });
                }
                self.self_uses(path, &mut out);
                self.id_uses(&ids_of(path), &mut out);
            }
            Symbol::Param(name) => self.param_occurrences(name, &mut out),
            Symbol::Generated(id) => self.id_uses(&[(id.clone(), Form::Name)], &mut out),
        }
        out.sort_by_key(|o| (o.span.start, o.span.end, !o.declaration));
        out.dedup_by_key(|o| o.span);
        out
    }

    /// `${self:…}` addresses that pass through the key at `path`.
    fn self_uses(&self, path: &Path, out: &mut Vec<Occurrence>) {
        uses(self.file, &mut |found| {
            let Use::Variable(variable) = found else { return };
            let segments = self_segments(variable);
            let passes = segments.len() >= path.len() && segments.iter().zip(path).all(|((s, _), p)| p.is(s));
            if let (true, Some((_, span))) = (passes, path.len().checked_sub(1).and_then(|i| segments.get(i))) {
                out.push(Occurrence { span: *span, declaration: false, form: Form::Name });
            }
        });
    }

    /// Where the logical IDs `ids` are
    /// written: `ref`, `getAtt`, `sub` texts, `dependsOn`, and the keys of
    /// `resources.extensions`.
    fn id_uses(&self, ids: &[(String, Form)], out: &mut Vec<Occurrence>) {
        if ids.is_empty() {
            return;
        }
        let mut add = |id: &str, span: Span| {
            if let Some((_, form)) = ids.iter().find(|(i, _)| i == id) {
                out.push(Occurrence { span, declaration: false, form: *form });
            }
        };
        uses(self.file, &mut |found| match found {
            Use::Call(call) if matches!(call.name.text.as_str(), "ref" | "getAtt") => {
                match call.args.first().map(|a| &a.kind) {
                    Some(ValueKind::Path(names)) => names.first().into_iter().for_each(|n| add(&n.text, n.span)),
                    Some(ValueKind::String(lit)) => {
                        if let Some((text, span)) = plain_string(lit) {
                            let name = text.split('.').next().unwrap_or_default();
                            add(name, Span::new(span.start as usize, span.start as usize + name.len()));
                        }
                    }
                    _ => {}
                }
            }
            Use::SubText(lit) => {
                for part in &lit.parts {
                    if let StringPart::Sub { text, span } = part
                        && let Some((name, span)) = sub_name(text, *span)
                    {
                        add(&name, span);
                    }
                }
            }
            Use::DependsOn(value) => {
                if let ValueKind::String(lit) = &value.kind
                    && let Some((text, span)) = plain_string(lit)
                {
                    add(&text, span);
                }
            }
            _ => {}
        });
        let extensions = self.node(&Path::keys(&["resources", "extensions"])).and_then(Node::as_object);
        for entry in extensions.map(|e| e.entries()).unwrap_or_default() {
            add(&entry.key, unquoted(self.text, entry.key_span));
        }
    }

    /// A parameter's keys in every stage of `params`, and its `${param:…}`s.
    fn param_occurrences(&self, name: &str, out: &mut Vec<Occurrence>) {
        let stages = self.node(&Path::keys(&["params"])).and_then(Node::as_object);
        for stage in stages.map(|s| s.entries()).unwrap_or_default() {
            if let Some(entry) = stage.value.as_object().and_then(|o| o.entry(name)) {
                out.push(Occurrence { span: unquoted(self.text, entry.key_span), declaration: true, form: Form::Name });
            }
        }
        uses(self.file, &mut |found| {
            if let Use::Variable(variable) = found
                && let Some((written, span)) = param_name(variable)
                && written == name
            {
                out.push(Occurrence { span, declaration: false, form: Form::Name });
            }
        });
    }
}

/// The logical IDs of the resource, function or layer at `path`, and how
/// each follows a new name.
fn ids_of(path: &Path) -> Vec<(String, Form)> {
    match path.segments() {
        [resources, kind, name] if resources.is("resources") && kind.is("Resources") => {
            vec![(name.to_string(), Form::Name)]
        }
        [map, name] => GENERATED
            .iter()
            .filter(|(m, _)| map.is(m))
            .flat_map(|(_, forms)| forms.iter().map(|f| (f(&name.to_string()), Form::Generated(*f))))
            .collect(),
        _ => Vec::new(),
    }
}
