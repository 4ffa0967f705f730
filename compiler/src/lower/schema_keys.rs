//! Every key lowering reads is a key of the schema ([`crate::schema`]),
//! so that no branch of lowering waits for a key the checker refuses.
//!
//! The test reads lowering's own source (not a list kept by hand, which
//! would rot): every string literal passed as the key to one of the
//! [`READERS`] (`.get("…")`, `field(event, "…")`, `setting(function, "…")`,
//! …) is a key lowering reads. Each must be
//! - a path the schema knows, from the service (`provider.iam.role`) or
//!   from one of its objects (`package.artifact` of a function); or
//! - a key of the template lowering writes itself (a key of a `json!`
//!   object, `insert("Key", …)`, `["Key"] = …` or
//!   `entry("Key").or_insert…`), such as `Properties` or `Fn::GetAtt`, read
//!   back from the template being built; or
//! - a key inside a free-form value of the service, listed in
//!   [`FREE_FORM`] with its whole path, which the schema must know.

use std::collections::BTreeSet;
use std::path::Path;

use crate::schema::lookup::SERVICE;
use crate::schema::{Object, Ty};
use crate::tree::{Path as TreePath, Segment};

/// The functions and methods lowering reads a key with; the key is their
/// first argument, or their second after a receiver (`field(event, "arn")`).
const READERS: &[&str] = &[
    "get",
    "get_mut",
    "at_address",
    "entry",
    "field",
    "setting",
    "own",
    "text",
    "events_of",
    "events",
    "short_or",
    "span_of",
];

/// Keys inside values the schema leaves free-form, with their whole path.
const FREE_FORM: &[&str] = &[
    // `restApiResources` as a list: `{ path, resourceId, name }` entries.
    "provider.apiGateway.restApiResources.0.resourceId",
    // A schedule's `input` is any JSON; a `body` given as JSON text is parsed.
    "functions.*.events.*.schedule.input.body",
];

/// One key read: the file and the literal.
#[derive(Debug)]
struct Read {
    file: String,
    key: String,
}

/// The non-test code of every file under `lower/`, without comments.
fn sources() -> Vec<(String, String)> {
    fn visit(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).expect("lower/ is readable").flatten().collect();
        entries.sort_by_key(std::fs::DirEntry::path);
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !matches!(path.file_name().and_then(|n| n.to_str()), Some("tests.rs" | "schema_keys.rs"))
            {
                let text = std::fs::read_to_string(&path).expect("source is readable");
                let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&path).display().to_string();
                out.push((name, code(without_tests(&text)).0));
            }
        }
    }
    let mut out = Vec::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lower"), &mut out);
    out
}

/// The source before its inline `mod tests { … }` (always last in a file).
fn without_tests(text: &str) -> &str {
    let inline = text
        .match_indices("#[cfg(test)]")
        .find(|(at, marker)| text[at + marker.len()..].trim_start().starts_with("mod tests {"));
    inline.map_or(text, |(at, _)| &text[..at])
}

/// `source` with its comments blanked, and where each string literal
/// ends (the byte after its closing quote) with its text as written.
fn code(source: &str) -> (String, Vec<(usize, String)>) {
    let bytes = source.as_bytes();
    let mut out = bytes.to_vec();
    let mut strings = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while at < bytes.len() && bytes[at] != b'\n' {
                    out[at] = b' ';
                    at += 1;
                }
            }
            b'\'' if bytes.get(at + 1) == Some(&b'\\') => {
                at += 3 + bytes[at + 3..].iter().position(|&b| b == b'\'').map_or(0, |p| p + 1);
            }
            b'\'' if bytes.get(at + 2) == Some(&b'\'') => at += 3,
            b'r' if bytes.get(at + 1).is_some_and(|&b| b == b'"' || b == b'#')
                && !bytes.get(at.wrapping_sub(1)).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') =>
            {
                let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
                let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                let start = at + 2 + hashes;
                let end = start + bytes[start..].windows(close.len()).position(|w| w == close).unwrap_or(0);
                strings.push((end + close.len(), source[start..end].to_owned()));
                at = end + close.len();
            }
            b'"' => {
                let start = at + 1;
                at = start;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                strings.push((at + 1, source[start..at].to_owned()));
                at += 1;
            }
            _ => at += 1,
        }
    }
    (String::from_utf8(out).expect("blanking keeps UTF-8"), strings)
}

/// The string literal at the start of `text` (after spaces), if any.
fn literal(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('"')?;
    rest.find('"').map(|end| &rest[..end]).filter(|key| !key.contains('\\'))
}

/// The literal keys passed to a reader in `source`.
fn reads(file: &str, source: &str) -> Vec<Read> {
    let mut reads = Vec::new();
    for reader in READERS {
        let call = format!("{reader}(");
        for (at, _) in source.match_indices(&call) {
            let before = source[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let arguments = &source[at + call.len()..];
            let second = || {
                let first = arguments.find([',', ')', '"', '('])?;
                (arguments.as_bytes()[first] == b',').then(|| literal(&arguments[first + 1..]))?
            };
            if let Some(key) = literal(arguments).or_else(second) {
                reads.push(Read { file: file.to_owned(), key: key.to_owned() });
            }
        }
    }
    reads
}

/// The keys lowering writes into the template: `"Key":` in `json!`,
/// `insert("Key", …)`, `["Key"] = …` and `entry("Key").or_insert…`.
fn written(sources: &[(String, String)]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (_, source) in sources {
        for (end, text) in code(source).1 {
            let after = source[end..].trim_start();
            if after.starts_with(':') && !after.starts_with("::") {
                keys.insert(text);
            }
        }
        for (at, call) in source.match_indices("insert(") {
            if let Some(key) = literal(&source[at + call.len()..]) {
                keys.insert(key.to_owned());
            }
        }
        for (at, open) in source.match_indices("[\"").chain(source.match_indices("entry(\"")) {
            let Some(key) = literal(&source[at + open.len() - 1..]) else { continue };
            let after = source[at + open.len() + key.len() + 1..].trim_start();
            let assigned = after.starts_with("] =") && !after.starts_with("] ==");
            if assigned || after.starts_with(").or_insert") {
                keys.insert(key.to_owned());
            }
        }
    }
    keys
}

/// Every object type of the schema.
fn objects() -> Vec<&'static Object> {
    fn visit(ty: &'static Ty, out: &mut Vec<&'static Object>) {
        match ty {
            Ty::Object(object) if !out.iter().any(|o| std::ptr::eq(*o, *object)) => {
                out.push(object);
                for key in object.keys {
                    visit(&key.ty, out);
                }
            }
            Ty::List(item) | Ty::Map(item) => visit(item, out),
            Ty::OneOf(choices) => choices.iter().for_each(|c| visit(c, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    visit(&SERVICE, &mut out);
    out
}

/// Whether the schema knows `path` from the service or from one of its objects.
fn known(path: &str, objects: &[&'static Object]) -> bool {
    let path = TreePath::from(path);
    along(&SERVICE, path.segments()) || objects.iter().any(|object| along_object(object, path.segments()))
}

/// Whether `steps` lead somewhere from an `object` value.
fn along_object(object: &'static Object, steps: &[Segment]) -> bool {
    match steps.split_first() {
        Some((Segment::Key(name), rest)) => object.key(name).is_some_and(|key| along(&key.ty, rest)),
        _ => false,
    }
}

/// Whether `steps` lead somewhere from a value of type `ty` (any segment
/// of a map, an index or `*` of a list is an entry). Unlike
/// [`crate::schema::lookup::walk`], which takes the first choice of a
/// [`Ty::OneOf`] that fits the next step, every choice is tried
/// (`restApiResources` is a map or a list of objects).
fn along(ty: &'static Ty, steps: &[Segment]) -> bool {
    let Some((step, rest)) = steps.split_first() else { return true };
    match (ty, step) {
        (Ty::Object(object), Segment::Key(name)) => object.key(name).is_some_and(|key| along(&key.ty, rest)),
        (Ty::Map(item), _) | (Ty::List(item), Segment::Index(_)) => along(item, rest),
        (Ty::List(item), Segment::Key(key)) if key == "*" => along(item, rest),
        (Ty::Any, _) => true,
        (Ty::OneOf(choices), _) => choices.iter().any(|choice| along(choice, steps)),
        _ => false,
    }
}

/// The reads the schema does not know, as `file: key`.
fn unknown(sources: &[(String, String)]) -> Vec<String> {
    let objects = objects();
    let written = written(sources);
    let free_form = |key: &str| FREE_FORM.iter().any(|path| path.rsplit('.').next() == Some(key));
    sources
        .iter()
        .flat_map(|(file, source)| reads(file, source))
        .filter(|read| !known(&read.key, &objects) && !written.contains(&read.key) && !free_form(&read.key))
        .map(|read| format!("{}: {}", read.file, read.key))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn every_key_lowering_reads_is_in_the_schema() {
    let sources = sources();
    let count: usize = sources.iter().map(|(file, source)| reads(file, source).len()).sum();
    assert!(count > 300, "the scan finds lowering's reads ({count} found)");
    assert_eq!(unknown(&sources), Vec::<String>::new(), "keys lowering reads that the schema lacks");
}

#[test]
fn free_form_paths_are_in_the_schema() {
    for path in FREE_FORM {
        assert!(along(&SERVICE, TreePath::from(*path).segments()), "{path} is not a path of the schema");
    }
}

#[test]
fn a_read_of_an_unknown_key_is_found() {
    let source = r#"fn f(event: &Value) { field(event, "batchSize"); field(event, "batchSise"); service.get("provider.iam.role.nam"); }"#;
    let sources = vec![("new.rs".to_owned(), source.to_owned())];
    assert_eq!(unknown(&sources), ["new.rs: batchSise", "new.rs: provider.iam.role.nam"]);
}
