//! A walk over the syntax tree that finds every place a name is used:
//! variables (with the ones nested in addresses and fallbacks), intrinsic
//! calls, the text of `sub(…)` strings and `dependsOn` strings.

use svc_compiler::syntax::{Call, File, Item, StringLit, StringPart, Value, ValueKind, Variable};

/// A place that may name something.
#[derive(Clone, Copy, Debug)]
pub enum Use<'a> {
    /// A `${source:address}` variable.
    Variable(&'a Variable),
    /// An intrinsic call, `ref(X)`, `getAtt(X.A)`, …
    Call(&'a Call),
    /// A string that is an argument of `sub(…)`: its `${X}` parts name
    /// resources.
    SubText(&'a StringLit),
    /// A string in a resource's `dependsOn`: a resource name.
    DependsOn(&'a Value),
}

/// Calls `found` with every use in `file`, in source order.
pub fn uses<'a>(file: &'a File, found: &mut impl FnMut(Use<'a>)) {
    items(&file.items, false, found);
}

fn items<'a>(items: &'a [Item], in_resource: bool, found: &mut impl FnMut(Use<'a>)) {
    for item in items {
        match item {
            Item::Attribute(attribute) => {
                if in_resource && attribute.key.text == "dependsOn" {
                    depends_on(&attribute.value, found);
                }
                value(&attribute.value, found);
            }
            Item::Block(block) => self::items(&block.body, block.kind.text == "resource", found),
            Item::Error(_) => {}
        }
    }
}

fn depends_on<'a>(value: &'a Value, found: &mut impl FnMut(Use<'a>)) {
    match &value.kind {
        ValueKind::String(_) => found(Use::DependsOn(value)),
        ValueKind::List(values) => values.iter().for_each(|v| depends_on(v, found)),
        _ => {}
    }
}

fn value<'a>(value: &'a Value, found: &mut impl FnMut(Use<'a>)) {
    match &value.kind {
        ValueKind::String(lit) => parts(&lit.parts, found),
        ValueKind::Variable(v) => variable(v, found),
        ValueKind::List(values) => values.iter().for_each(|v| self::value(v, found)),
        ValueKind::Object(attributes) => attributes.iter().for_each(|a| self::value(&a.value, found)),
        ValueKind::Call(call) => {
            found(Use::Call(call));
            for arg in &call.args {
                if let (true, ValueKind::String(lit)) = (call.name.text == "sub", &arg.kind) {
                    found(Use::SubText(lit));
                }
                self::value(arg, found);
            }
        }
        ValueKind::Number(_) | ValueKind::Bool(_) | ValueKind::Null | ValueKind::Path(_) | ValueKind::Error => {}
    }
}

fn parts<'a>(parts: &'a [StringPart], found: &mut impl FnMut(Use<'a>)) {
    for part in parts {
        if let StringPart::Variable(v) = part {
            variable(v, found);
        }
    }
}

fn variable<'a>(v: &'a Variable, found: &mut impl FnMut(Use<'a>)) {
    found(Use::Variable(v));
    for template in v.param.iter().chain(v.address.iter()) {
        parts(&template.parts, found);
    }
    v.fallbacks.iter().for_each(|f| value(f, found));
}
