//! svc's intrinsic calls as CloudFormation intrinsic functions:
//! `ref(X)` → `{ "Ref": "X" }`, `getAtt(X.Arn)` → `{ "Fn::GetAtt": ["X", "Arn"] }`, …

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::{Call, Node, NodeKind, Object};

/// One intrinsic: svc name, CloudFormation name, and how many arguments.
struct Intrinsic {
    name: &'static str,
    cfn: &'static str,
    min: usize,
    max: usize,
    usage: &'static str,
}

const fn intrinsic(name: &'static str, cfn: &'static str, min: usize, max: usize, usage: &'static str) -> Intrinsic {
    Intrinsic { name, cfn, min, max, usage }
}

/// Every intrinsic svc knows, in the order of the CloudFormation docs.
const INTRINSICS: &[Intrinsic] = &[
    intrinsic("ref", "Ref", 1, 1, "ref(LogicalId) or ref(\"AWS::Region\")"),
    intrinsic("getAtt", "Fn::GetAtt", 1, 2, "getAtt(LogicalId.Attribute)"),
    intrinsic("sub", "Fn::Sub", 1, 2, "sub(\"text ${Name}\") or sub(\"text ${x}\", { x = … })"),
    intrinsic("join", "Fn::Join", 2, 2, "join(\",\", [a, b])"),
    intrinsic("select", "Fn::Select", 2, 2, "select(0, list)"),
    intrinsic("split", "Fn::Split", 2, 2, "split(\",\", text)"),
    intrinsic("importValue", "Fn::ImportValue", 1, 1, "importValue(\"export-name\")"),
    intrinsic("base64", "Fn::Base64", 1, 1, "base64(text)"),
    intrinsic("getAZs", "Fn::GetAZs", 0, 1, "getAZs() or getAZs(region)"),
    intrinsic("cidr", "Fn::Cidr", 3, 3, "cidr(ipBlock, count, cidrBits)"),
    intrinsic("findInMap", "Fn::FindInMap", 3, 3, "findInMap(MapName, topKey, secondKey)"),
    intrinsic("if", "Fn::If", 3, 3, "if(ConditionName, valueIfTrue, valueIfFalse)"),
    intrinsic("equals", "Fn::Equals", 2, 2, "equals(a, b)"),
    intrinsic("and", "Fn::And", 2, 10, "and(c1, c2, …)"),
    intrinsic("or", "Fn::Or", 2, 10, "or(c1, c2, …)"),
    intrinsic("not", "Fn::Not", 1, 1, "not(condition)"),
    intrinsic("condition", "Condition", 1, 1, "condition(ConditionName)"),
];

/// The names of the intrinsics, for completion and "did you mean".
pub fn intrinsic_names() -> impl Iterator<Item = &'static str> {
    INTRINSICS.iter().map(|i| i.name)
}

/// `node` with every intrinsic call replaced by its CloudFormation form.
/// A call that is unknown or has the wrong arguments is reported and
/// becomes an error node.
pub fn to_cloudformation(node: &Node, diagnostics: &mut Vec<Diagnostic>) -> Node {
    let kind = match &node.kind {
        NodeKind::Call(call) => return lower_call(call, node.span, diagnostics),
        NodeKind::List(items) => NodeKind::List(items.iter().map(|n| to_cloudformation(n, diagnostics)).collect()),
        NodeKind::Object(object) => {
            let mut out = Object::default();
            for entry in object.entries() {
                out.push(entry.key.clone(), entry.key_span, to_cloudformation(&entry.value, diagnostics));
            }
            NodeKind::Object(out)
        }
        NodeKind::Path(names) => NodeKind::String(path_text(names).into()),
        other => other.clone(),
    };
    Node::new(kind, node.span)
}

fn lower_call(call: &Call, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Node {
    let Some(intrinsic) = INTRINSICS.iter().find(|i| i.name == call.name.text) else {
        diagnostics.push(unknown(call));
        return Node::new(NodeKind::Error, span);
    };
    let count = call.args.len();
    if count < intrinsic.min || count > intrinsic.max {
        diagnostics.push(
            Diagnostic::error(
                Code::E0205,
                format!("`{}` takes {}, not {count}", intrinsic.name, arity(intrinsic)),
                span,
                "wrong number of arguments",
            )
            .with_help(format!("write {}", intrinsic.usage)),
        );
        return Node::new(NodeKind::Error, span);
    }
    let args: Vec<Node> = call.args.iter().map(|a| to_cloudformation(a, diagnostics)).collect();
    let value = match (intrinsic.name, args.as_slice()) {
        ("getAtt", [one]) => match &call.args[0].kind {
            NodeKind::Path(names) if names.len() >= 2 => {
                let attribute = names[1..].iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(".");
                let parts = vec![
                    Node::new(NodeKind::String(names[0].text.as_str().into()), names[0].span),
                    Node::new(NodeKind::String(attribute.into()), names[1].span.cover(names[names.len() - 1].span)),
                ];
                Node::new(NodeKind::List(parts), one.span)
            }
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::E0205,
                        "`getAtt` needs a resource and an attribute",
                        one.span,
                        "no attribute",
                    )
                    .with_help("write getAtt(LogicalId.Attribute), such as getAtt(UsersTable.Arn)"),
                );
                return Node::new(NodeKind::Error, span);
            }
        },
        ("getAZs", []) => Node::new(NodeKind::String(Default::default()), span),
        (_, [one]) if intrinsic.max == 1 || intrinsic.name == "sub" => one.clone(),
        _ => Node::new(NodeKind::List(args), span),
    };
    let mut object = Object::default();
    object.push(intrinsic.cfn, call.name.span, value);
    Node::new(NodeKind::Object(object), span)
}

fn arity(intrinsic: &Intrinsic) -> String {
    let plural = |n: usize| if n == 1 { format!("{n} argument") } else { format!("{n} arguments") };
    match (intrinsic.min, intrinsic.max) {
        (min, max) if min == max => plural(min),
        (min, 10) => format!("{min} or more arguments"),
        (min, max) => format!("{min} to {}", plural(max)),
    }
}

fn path_text(names: &[crate::syntax::Name]) -> String {
    names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(".")
}

fn unknown(call: &Call) -> Diagnostic {
    let name = &call.name.text;
    let mut diagnostic = Diagnostic::error(
        Code::E0206,
        format!("unknown function `{name}`"),
        call.name.span,
        "not a CloudFormation intrinsic svc knows",
    );
    diagnostic.help = Some(match crate::suggest::closest(name, intrinsic_names()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("the functions are {}", intrinsic_names().collect::<Vec<_>>().join(", ")),
    });
    diagnostic
}
