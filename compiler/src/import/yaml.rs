//! A serverless.yml read for import: YAML's data as the Serverless
//! Framework's loader (js-yaml) sees it — scalars typed by the core schema,
//! anchors and aliases expanded, merge keys (`<<`) applied — with the line
//! of every key and item and the CloudFormation tags (`!Ref`, …) kept.
//! Bounded: nesting depth, and the nodes aliases may expand to (a "billion
//! laughs" file is refused, not expanded).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};

/// The deepest lists and mappings may nest.
pub const MAX_DEPTH: usize = 128;

/// The most nodes a file may expand to, aliases included.
pub const MAX_NODES: usize = 2_000_000;

/// A YAML node and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Yaml {
    /// What it is.
    pub kind: YamlKind,
    /// Its 1-based line.
    pub line: usize,
}

/// The kinds of YAML node.
#[derive(Clone, Debug, PartialEq)]
pub enum YamlKind {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, in svc's notation.
    Number(String),
    /// Text.
    String(String),
    /// A sequence.
    List(Vec<Yaml>),
    /// A mapping, keys in order (merged keys after the file's own), each
    /// with the line it is on.
    Map(Vec<(String, usize, Yaml)>),
    /// A node with a local tag: `!Ref X` is `Tagged("Ref", X)`.
    Tagged(String, Box<Yaml>),
}

/// Why a file is not YAML svc can import, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// What reading gives: the root, and the character ranges of every scalar
/// (to tell a `#` inside a value from a comment).
#[derive(Debug)]
pub struct Read {
    /// The document's root.
    pub root: Yaml,
    /// `[start, end)` character offsets of the scalars, in order.
    pub scalars: Vec<(usize, usize)>,
}

/// A node being built: a list or a mapping waiting for its items.
enum Open {
    List { items: Vec<Yaml>, line: usize, anchor: usize, tag: Option<String>, size: usize },
    Map { entries: Vec<(Yaml, Yaml)>, key: Option<Yaml>, line: usize, anchor: usize, tag: Option<String>, size: usize },
}

/// Reads `text`, the first document of it.
pub fn read(text: &str) -> Result<Read, YamlError> {
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, (Yaml, usize)> = HashMap::new();
    let mut scalars = Vec::new();
    let mut nodes = 0usize;
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| YamlError {
            message: e.info().to_owned(),
            line: e.marker().line(),
            column: e.marker().col() + 1,
        })?;
        let at = |message: String| YamlError { message, line: span.start.line(), column: span.start.col() + 1 };
        let line = span.start.line();
        let done = match event {
            Event::Scalar(value, style, anchor, tag) => {
                scalars.push((span.start.index(), span.end.index()));
                let node = scalar(&value, style, tag.as_deref(), line).map_err(at)?;
                nodes += 1;
                Some((node, anchor, 1))
            }
            Event::Alias(id) => {
                let (node, size) =
                    anchors.get(&id).cloned().ok_or_else(|| at("an alias of an unknown anchor".into()))?;
                nodes += size;
                Some((node, 0, size))
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) if stack.len() >= MAX_DEPTH => {
                let _ = (anchor, tag);
                return Err(at(format!("lists and mappings nest more than {MAX_DEPTH} deep")));
            }
            Event::SequenceStart(anchor, tag) => {
                nodes += 1;
                stack.push(Open::List { items: Vec::new(), line, anchor, tag: local_tag(tag.as_deref()), size: 1 });
                None
            }
            Event::MappingStart(anchor, tag) => {
                nodes += 1;
                let tag = local_tag(tag.as_deref());
                stack.push(Open::Map { entries: Vec::new(), key: None, line, anchor, tag, size: 1 });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::List { items, line, anchor, tag, size }) => {
                    Some((tagged(Yaml { kind: YamlKind::List(items), line }, tag), anchor, size))
                }
                Some(Open::Map { entries, line, anchor, tag, size, .. }) => {
                    Some((tagged(mapping(entries, line).map_err(at)?, tag), anchor, size))
                }
                None => None,
            },
            Event::DocumentEnd if root.is_some() => break,
            _ => None,
        };
        if nodes > MAX_NODES {
            return Err(at(format!(
                "the file expands to more than {MAX_NODES} values (aliases of aliases?): it is not imported"
            )));
        }
        let Some((node, anchor, size)) = done else { continue };
        if anchor > 0 {
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            Some(Open::List { items, size: parent, .. }) => {
                *parent += size;
                items.push(node);
            }
            Some(Open::Map { entries, key, size: parent, .. }) => match key.take() {
                Some(k) => {
                    *parent += size;
                    entries.push((k, node));
                }
                None => *key = Some(node),
            },
            None => root = Some(node),
        }
    }
    Ok(Read { root: root.unwrap_or(Yaml { kind: YamlKind::Null, line: 1 }), scalars })
}

/// The name of a local tag (`!Ref` → `Ref`); `None` for none or a core
/// one (`!!str`, which only types the scalar).
fn local_tag(tag: Option<&Tag>) -> Option<String> {
    tag.filter(|t| t.handle == "!").map(|t| t.suffix.clone())
}

fn tagged(node: Yaml, tag: Option<String>) -> Yaml {
    match tag {
        Some(tag) => {
            let line = node.line;
            Yaml { kind: YamlKind::Tagged(tag, Box::new(node)), line }
        }
        None => node,
    }
}

/// A scalar typed as js-yaml's default schema types it: a plain one may
/// be null, a boolean or a number; a quoted one is text.
fn scalar(value: &str, style: ScalarStyle, tag: Option<&Tag>, line: usize) -> Result<Yaml, String> {
    let core = tag.filter(|t| t.handle == "!!").map(|t| t.suffix.as_str());
    let kind = match (style, core) {
        (_, Some("str")) => YamlKind::String(value.to_owned()),
        (ScalarStyle::Plain, None | Some("int" | "float" | "bool" | "null")) => plain(value),
        (_, Some(other)) if !matches!(other, "int" | "float" | "bool" | "null") => {
            return Err(format!("the tag `!!{other}` is not one svc imports"));
        }
        _ => YamlKind::String(value.to_owned()),
    };
    let node = Yaml { kind, line };
    Ok(match local_tag(tag) {
        Some(tag) => Yaml { kind: YamlKind::Tagged(tag, Box::new(node)), line },
        None => node,
    })
}

/// A plain scalar: YAML 1.2's core schema, as js-yaml reads it.
fn plain(value: &str) -> YamlKind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return YamlKind::Null,
        "true" | "True" | "TRUE" => return YamlKind::Bool(true),
        "false" | "False" | "FALSE" => return YamlKind::Bool(false),
        _ => {}
    }
    number(value).map_or_else(|| YamlKind::String(value.to_owned()), YamlKind::Number)
}

/// A plain scalar that is a number, in svc's notation: decimal integers
/// and floats as written (less a `+`), hex, octal and binary integers in
/// decimal. `.inf` and `.nan` stay text (svc has no such numbers).
fn number(value: &str) -> Option<String> {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let negative = value.starts_with('-');
    let sign = if negative { "-" } else { "" };
    let clean = unsigned.replace('_', "");
    if unsigned.contains('_') && !unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = clean.strip_prefix(prefix) {
            return i128::from_str_radix(digits, radix).ok().map(|n| format!("{sign}{n}"));
        }
    }
    let decimal = !clean.is_empty()
        && clean.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && clean.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && clean.parse::<f64>().is_ok_and(f64::is_finite);
    if !decimal {
        return None;
    }
    // svc writes `0.5`, not `.5`, and no `+`.
    let text = if clean.starts_with('.') { format!("0{clean}") } else { clean };
    Some(format!("{sign}{text}"))
}

/// A mapping from its entries: keys are text, merge keys (`<<`) are
/// applied (the mapping's own keys win, then earlier merged ones), and a
/// key given twice is refused as js-yaml refuses it.
fn mapping(entries: Vec<(Yaml, Yaml)>, line: usize) -> Result<Yaml, String> {
    let mut own: Vec<(String, usize, Yaml)> = Vec::with_capacity(entries.len());
    let mut merged: Vec<(String, usize, Yaml)> = Vec::new();
    for (key, value) in entries {
        let key_line = key.line;
        let name = match key.kind {
            YamlKind::String(text) | YamlKind::Number(text) => text,
            YamlKind::Bool(b) => b.to_string(),
            YamlKind::Null => "null".to_owned(),
            _ => return Err(format!("a key on line {key_line} is not text: svc keys are text")),
        };
        if name == "<<" {
            let sources = match value.kind {
                YamlKind::List(items) => items,
                _ => vec![value],
            };
            for source in sources {
                let YamlKind::Map(pairs) = source.kind else {
                    return Err(format!("the merge key `<<` on line {key_line} needs a mapping or a list of them"));
                };
                for (k, l, v) in pairs {
                    if !merged.iter().any(|(m, ..)| *m == k) {
                        merged.push((k, l, v));
                    }
                }
            }
            continue;
        }
        if own.iter().any(|(k, ..)| *k == name) {
            return Err(format!("the key `{name}` is given twice in one mapping (line {key_line})"));
        }
        own.push((name, key_line, value));
    }
    for (k, l, v) in merged {
        if !own.iter().any(|(o, ..)| *o == k) {
            own.push((k, l, v));
        }
    }
    Ok(Yaml { kind: YamlKind::Map(own), line })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> YamlKind {
        read(text).expect("YAML").root.kind
    }

    fn string(text: &str) -> YamlKind {
        YamlKind::String(text.to_owned())
    }

    #[test]
    fn scalars_are_typed_as_js_yaml_types_them() {
        let YamlKind::Map(entries) =
            root("a: 1\nb: 0x1F\nc: .5\nd: yes\ne: ~\nf: '1'\ng: True\nh: 1e3\ni: -2\nj: .inf\nk: 2001-12-14\n")
        else {
            panic!("a mapping")
        };
        let kinds: Vec<YamlKind> = entries.into_iter().map(|(_, _, v)| v.kind).collect();
        assert_eq!(
            kinds,
            [
                YamlKind::Number("1".into()),
                YamlKind::Number("31".into()),
                YamlKind::Number("0.5".into()),
                string("yes"),
                YamlKind::Null,
                string("1"),
                YamlKind::Bool(true),
                YamlKind::Number("1e3".into()),
                YamlKind::Number("-2".into()),
                string(".inf"),
                string("2001-12-14"),
            ]
        );
    }

    #[test]
    fn anchors_aliases_and_merge_keys_are_applied() {
        let text = "base: &base\n  a: 1\n  b: 2\nother:\n  <<: *base\n  b: 3\nlist: [*base]\n";
        let YamlKind::Map(entries) = root(text) else { panic!("a mapping") };
        let other = &entries[1].2;
        let YamlKind::Map(other) = &other.kind else { panic!("a mapping") };
        let keys: Vec<(&str, &YamlKind)> = other.iter().map(|(k, _, v)| (k.as_str(), &v.kind)).collect();
        assert_eq!(keys, [("b", &YamlKind::Number("3".into())), ("a", &YamlKind::Number("1".into()))]);
        assert!(matches!(&entries[2].2.kind, YamlKind::List(items) if items.len() == 1));
    }

    #[test]
    fn tags_are_kept() {
        let YamlKind::Map(entries) = root("a: !Ref Table\nb: !GetAtt [T, Arn]\n") else { panic!("a mapping") };
        assert!(
            matches!(&entries[0].2.kind, YamlKind::Tagged(tag, inner) if tag == "Ref" && inner.kind == string("Table"))
        );
        assert!(
            matches!(&entries[1].2.kind, YamlKind::Tagged(tag, inner) if tag == "GetAtt" && matches!(inner.kind, YamlKind::List(_)))
        );
    }

    #[test]
    fn a_billion_laughs_is_refused_and_bad_yaml_says_where() {
        let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let error = read(&text).expect_err("refused");
        assert!(error.message.contains("expands to more than"), "{error:?}");
        let error = read("a: [1, 2\nb: 3\n").expect_err("bad YAML");
        assert!(error.line >= 1 && error.column >= 1, "{error:?}");
        let error = read("a: 1\na: 2\n").expect_err("duplicate");
        assert!(error.message.contains("given twice"), "{error:?}");
    }
}
