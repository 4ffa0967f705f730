//! A service built from an `arbitrary` description, not from raw bytes, so
//! that the fuzzer reaches what byte mutations rarely write: `custom`
//! values that refer to each other in chains thousands of links long,
//! chains closed into cycles, values that each repeat another twice
//! (strings, lists, objects), blocks nested deep, fallbacks, and
//! `${file()}` of YAML and JSON files (in memory) that refer back to the
//! service, to each other and nest deep.
//!
//! `analysis::analyse` must not panic, every span of every diagnostic lies
//! inside the text, and it finishes (libFuzzer's `-timeout`).

#![no_main]

#[path = "common/spans.rs"]
mod spans;

use std::fmt::Write;
use std::path::PathBuf;

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use spans::check_spans;
use svc_compiler::analysis::analyse;
use svc_compiler::files::MemoryFiles;
use svc_compiler::resolve::Options;

/// The service's folder, where `${file(./x)}` looks.
const BASE: &str = "/service";
/// The longest generated chain or nesting: past the resolver's and the
/// parser's limits (128), short enough for many runs a second.
const LONGEST: u16 = 5000;

#[derive(Arbitrary, Debug)]
struct Service {
    values: Vec<Value>,
    files: Vec<DataFile>,
}

/// One `custom` value, `v{index}`; numbers that name another value are
/// taken modulo the number of values.
#[derive(Arbitrary, Debug)]
enum Value {
    Literal(u8),
    Ref(u16),
    /// `"${self:custom.v{a}}${self:custom.v{b}}"`
    Concat(u16, u16),
    /// `[${…a}, ${…b}]`
    List(u16, u16),
    /// `{ a = ${…a}, b = ${…b} }`
    Object(u16, u16),
    /// `${self:custom.missing, ${…}}`
    Fallback(u16),
    /// A chain of `len` extra values ending at value `to` (a cycle when
    /// that leads back here) or at a literal.
    Chain {
        len: u16,
        to: Option<u16>,
    },
    /// A value nested `depth` lists or objects deep around a reference.
    Nested {
        depth: u16,
        object: bool,
        to: u16,
    },
    /// `${file(./f{file}.{ext}):k{key}}`, or the whole file.
    File {
        file: u8,
        key: Option<u8>,
    },
}

/// `f{index}.yml` or `.json`: keys `k0`, `k1`, ….
#[derive(Arbitrary, Debug)]
struct DataFile {
    json: bool,
    entries: Vec<FileValue>,
}

#[derive(Arbitrary, Debug)]
enum FileValue {
    Scalar(u8),
    /// `${self:custom.v{n}}`
    SelfRef(u16),
    /// `${file(./f{file}…):k{key}}`
    FileRef {
        file: u8,
        key: u8,
    },
    /// Lists or mappings `depth` deep; flow style or block style.
    Deep {
        depth: u16,
        flow: bool,
    },
    List(Vec<u8>),
}

fn ext(json: bool) -> &'static str {
    if json { "json" } else { "yml" }
}

impl Service {
    fn file_name(&self, file: u8) -> String {
        let n = self.files.len().max(1);
        let index = usize::from(file) % n;
        let json = self.files.get(index).is_some_and(|f| f.json);
        format!("f{index}.{}", ext(json))
    }

    fn text(&self) -> String {
        let count = self.values.len().max(1);
        let at = |n: u16| format!("${{self:custom.v{}}}", usize::from(n) % count);
        let mut out =
            String::from("service = \"structured\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\ncustom {\n");
        let mut extra = String::new();
        for (i, value) in self.values.iter().enumerate() {
            let text = match value {
                Value::Literal(n) => format!("\"lit{n}\""),
                Value::Ref(n) => at(*n),
                Value::Concat(a, b) => format!("\"{}{}\"", at(*a), at(*b)),
                Value::List(a, b) => format!("[{}, {}]", at(*a), at(*b)),
                Value::Object(a, b) => format!("{{ a = {}, b = {} }}", at(*a), at(*b)),
                Value::Fallback(n) => format!("${{self:custom.missing{i}, {}}}", at(*n)),
                Value::Chain { len, to } => {
                    let len = len % LONGEST;
                    for k in 0..len {
                        let next = if k + 1 == len {
                            to.map_or_else(|| "\"end\"".to_owned(), |to| at(to))
                        } else {
                            format!("${{self:custom.c{i}_{}}}", k + 1)
                        };
                        let _ = writeln!(extra, "  c{i}_{k} = {next}");
                    }
                    if len == 0 { "\"empty\"".to_owned() } else { format!("${{self:custom.c{i}_0}}") }
                }
                Value::Nested { depth, object, to } => {
                    let depth = usize::from(depth % LONGEST);
                    let (open, close) = if *object { ("{ a = ", " }") } else { ("[", "]") };
                    format!("{}{}{}", open.repeat(depth), at(*to), close.repeat(depth))
                }
                Value::File { file, key } => match key {
                    Some(key) => format!("${{file(./{}):k{key}}}", self.file_name(*file)),
                    None => format!("${{file(./{})}}", self.file_name(*file)),
                },
            };
            let _ = writeln!(out, "  v{i} = {text}");
        }
        out.push_str(&extra);
        out.push_str("}\n");
        out
    }

    fn files(&self) -> MemoryFiles {
        let count = self.values.len().max(1);
        let mut files = MemoryFiles::default();
        for (index, file) in self.files.iter().enumerate() {
            let mut text = String::new();
            for (k, entry) in file.entries.iter().enumerate() {
                let value = match entry {
                    FileValue::Scalar(n) => format!("\"s{n}\""),
                    FileValue::SelfRef(n) => format!("\"${{self:custom.v{}}}\"", usize::from(*n) % count),
                    FileValue::FileRef { file, key } => format!("\"${{file(./{}):k{key}}}\"", self.file_name(*file)),
                    FileValue::Deep { depth, flow } => {
                        let depth = usize::from(depth % LONGEST);
                        if *flow || file.json {
                            format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
                        } else {
                            format!("{}x", "- ".repeat(depth))
                        }
                    }
                    FileValue::List(items) => {
                        let items: Vec<String> = items.iter().map(|n| format!("\"i{n}\"")).collect();
                        format!("[{}]", items.join(", "))
                    }
                };
                if file.json {
                    let _ = write!(text, "{}\"k{k}\": {value}", if k == 0 { "" } else { ", " });
                } else {
                    let _ = writeln!(text, "k{k}: {value}");
                }
            }
            if file.json {
                text = format!("{{{text}}}");
            }
            files.insert(PathBuf::from(BASE).join(format!("f{index}.{}", ext(file.json))), text);
        }
        files
    }
}

fuzz_target!(|service: Service| {
    let text = service.text();
    let files = service.files();
    let options = Options { base_dir: PathBuf::from(BASE), ..Options::default() };
    let analysis = analyse(&text, &options, &files);
    check_spans(&text, "analyse", &analysis.diagnostics);
});
