//! Property tests over the parser (and the formatter's round trip), and
//! the analysis and print behind `svc check` and `svc print`.
//!
//! - Any text gets a tree and diagnostics whose spans lie inside the text,
//!   on character boundaries: no panic, no out-of-range position.
//! - A generated *valid* service, laid out in random but legal ways, parses
//!   with no diagnostic into exactly the structure it was generated from
//!   (so recovery never changes how valid input parses), and formatting it
//!   is idempotent and keeps that structure and every comment.
//! - The same generated services, inside a service header and a `custom`
//!   block, go through `analysis::analyse` and `print::service` without a
//!   panic, with diagnostic spans inside the text, and the canonical svc
//!   `print::to_svc` writes parses without syntax errors.

use std::collections::HashMap;
use std::path::PathBuf;

use proptest::prelude::*;
use svc_compiler::analysis::{analyse, analyse_configuration};
use svc_compiler::files::MemoryFiles;
use svc_compiler::format::format_source;
use svc_compiler::resolve::Options;
use svc_compiler::syntax::{File, Item, StringPart, Value, ValueKind};
use svc_compiler::{Diagnostic, parse, print};

// ---------- a small model of a service, generated and compared ----------

#[derive(Clone, Debug, PartialEq)]
enum M {
    Str(String),
    Num(i64),
    Bool(bool),
    Null,
    List(Vec<M>),
    Obj(Vec<(String, M)>),
    Var(String, String, Option<String>),
    Call(String, Vec<String>),
}

#[derive(Clone, Debug, PartialEq)]
enum MItem {
    Attr(String, M),
    Block(String, Vec<String>, Vec<MItem>),
}

fn key() -> impl Strategy<Value = String> {
    "[a-z][a-zA-Z0-9_]{0,8}".prop_filter("not a keyword", |k| !matches!(k.as_str(), "true" | "false" | "null"))
}

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 _./é日😀\\-\\\\\"\t]{0,12}"
}

fn value() -> impl Strategy<Value = M> {
    let leaf = prop_oneof![
        text().prop_map(M::Str),
        any::<i32>().prop_map(|n| M::Num(i64::from(n))),
        any::<bool>().prop_map(M::Bool),
        Just(M::Null),
        (
            prop_oneof![Just("opt"), Just("self"), Just("env")],
            "[a-z][a-z.]{0,6}[a-z]",
            proptest::option::of("[a-z]{1,5}")
        )
            .prop_map(|(s, a, f)| M::Var(s.to_owned(), a, f)),
        (prop_oneof![Just("ref"), Just("getAtt")], proptest::collection::vec("[A-Z][a-zA-Z]{0,6}", 1..3))
            .prop_map(|(name, path)| M::Call(name.to_owned(), path)),
    ];
    leaf.prop_recursive(4, 32, 5, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(M::List),
            proptest::collection::vec((key(), inner), 0..4).prop_map(M::Obj),
        ]
    })
}

fn items() -> impl Strategy<Value = Vec<MItem>> {
    let attr = (key(), value()).prop_map(|(k, v)| MItem::Attr(k, v));
    let item = attr.prop_recursive(3, 24, 4, |inner| {
        (key(), proptest::collection::vec(key(), 0..3), proptest::collection::vec(inner, 0..4))
            .prop_map(|(k, labels, body)| MItem::Block(k, labels, body))
    });
    proptest::collection::vec(item, 0..8)
}

/// Layout choices, so the parser sees many legal spellings of one tree.
#[derive(Clone, Debug)]
struct Layout {
    spaces: usize,
    trailing_commas: bool,
    object_lines: bool,
    comments: bool,
    crlf: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (0..3usize, any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(spaces, trailing_commas, object_lines, comments, crlf)| Layout {
            spaces,
            trailing_commas,
            object_lines,
            comments,
            crlf,
        },
    )
}

fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out
}

fn render_value(v: &M, l: &Layout, depth: usize) -> String {
    let pad = " ".repeat(l.spaces);
    match v {
        M::Str(s) => format!("\"{}\"", escape(s)),
        M::Num(n) => n.to_string(),
        M::Bool(b) => b.to_string(),
        M::Null => "null".to_owned(),
        M::Var(s, a, f) => match f {
            Some(f) => format!("${{{s}:{a},{pad}'{f}'}}"),
            None => format!("${{{s}:{a}}}"),
        },
        M::Call(name, path) => format!("{name}({})", path.join(".")),
        M::List(items) => {
            let inner: Vec<String> = items.iter().map(|i| render_value(i, l, depth + 1)).collect();
            let trailing = if l.trailing_commas && !inner.is_empty() { "," } else { "" };
            format!("[{pad}{}{trailing}{pad}]", inner.join(&format!(",{pad}")))
        }
        M::Obj(entries) if l.object_lines && !entries.is_empty() => {
            let indent = "  ".repeat(depth + 1);
            let lines: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{indent}{k}{pad} ={pad} {}", render_value(v, l, depth + 1)))
                .collect();
            format!("{{\n{}\n{}}}", lines.join("\n"), "  ".repeat(depth))
        }
        M::Obj(entries) => {
            let inner: Vec<String> =
                entries.iter().map(|(k, v)| format!("{k} = {}", render_value(v, l, depth + 1))).collect();
            format!("{{{pad}{}{pad}}}", inner.join(", "))
        }
    }
}

fn render_items(items: &[MItem], l: &Layout, depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for (i, item) in items.iter().enumerate() {
        if l.comments && i % 2 == 0 {
            out.push_str(&format!("{indent}# comment {depth}.{i}\n"));
        }
        match item {
            MItem::Attr(k, v) => out.push_str(&format!("{indent}{k} = {}", render_value(v, l, depth))),
            MItem::Block(k, labels, body) => {
                out.push_str(&indent);
                out.push_str(k);
                for label in labels {
                    out.push(' ');
                    out.push_str(label);
                }
                out.push_str(" {\n");
                render_items(body, l, depth + 1, out);
                out.push_str(&format!("{indent}}}"));
            }
        }
        if l.comments {
            out.push_str(" // trailing");
        }
        out.push('\n');
    }
}

/// `items` as a whole service: a header, the items inside `custom` (which
/// takes any value, so `${self:custom...}` can read them), and again at the
/// top level (where the schema checks them).
fn render_service(items: &[MItem], l: &Layout) -> String {
    let mut out = String::from("service = \"prop\"\n\nprovider aws {\n  runtime = \"nodejs20.x\"\n}\n\ncustom {\n");
    render_items(items, l, 1, &mut out);
    out.push_str("}\n\n");
    render_items(items, l, 0, &mut out);
    if l.crlf { out.replace('\n', "\r\n") } else { out }
}

fn render(items: &[MItem], l: &Layout) -> String {
    let mut out = String::new();
    render_items(items, l, 0, &mut out);
    if l.crlf { out.replace('\n', "\r\n") } else { out }
}

// ---------- parsed tree back to the model ----------

fn to_model_value(v: &Value) -> M {
    match &v.kind {
        ValueKind::String(lit) => M::Str(lit.as_plain().expect("plain string")),
        ValueKind::Number(raw) => M::Num(raw.parse().expect("integer")),
        ValueKind::Bool(b) => M::Bool(*b),
        ValueKind::Null => M::Null,
        ValueKind::List(items) => M::List(items.iter().map(to_model_value).collect()),
        ValueKind::Object(entries) => {
            M::Obj(entries.iter().map(|a| (a.key.text.to_string(), to_model_value(&a.value))).collect())
        }
        ValueKind::Variable(var) => {
            let address = var.address.as_ref().map(|t| plain(&t.parts)).unwrap_or_default();
            let fallback = var.fallbacks.first().map(|f| match &f.kind {
                ValueKind::String(lit) => lit.as_plain().expect("plain"),
                other => panic!("unexpected fallback {other:?}"),
            });
            M::Var(var.source.text.to_string(), address, fallback)
        }
        ValueKind::Call(call) => M::Call(
            call.name.text.to_string(),
            match &call.args[..] {
                [Value { kind: ValueKind::Path(path), .. }] => path.iter().map(|n| n.text.to_string()).collect(),
                other => panic!("unexpected args {other:?}"),
            },
        ),
        other => panic!("unexpected value {other:?}"),
    }
}

fn plain(parts: &[StringPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            StringPart::Text { text, .. } | StringPart::Sub { text, .. } => text.clone(),
            StringPart::Variable(_) => panic!("nested variable"),
        })
        .collect()
}

fn to_model(items: &[Item]) -> Vec<MItem> {
    items
        .iter()
        .map(|item| match item {
            Item::Attribute(a) => MItem::Attr(a.key.text.to_string(), to_model_value(&a.value)),
            Item::Block(b) => MItem::Block(
                b.kind.text.to_string(),
                b.labels.iter().map(|l| l.text.to_string()).collect(),
                to_model(&b.body),
            ),
            Item::Error(span) => panic!("error node at {span:?}"),
        })
        .collect()
}

fn comment_texts(file: &File) -> Vec<String> {
    file.comments.iter().map(|c| c.text.clone()).collect()
}

// ---------- the properties ----------

fn fragment() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        "=",
        ",",
        ".",
        ":",
        "\n",
        " ",
        "\"",
        "'",
        "${",
        "\"\"\"",
        "\\",
        "#",
        "//",
        "a",
        "memorySize",
        "1",
        "-",
        "é",
        "😀",
        "opt:stage",
        "true",
        "\t",
        "\r\n",
        "ref",
        "$",
        "0x",
        "\\u{",
        "\u{0}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_fragments_parse_with_spans_inside_the_text(parts in proptest::collection::vec(fragment(), 0..120)) {
        check_spans(&parts.concat());
    }

    #[test]
    fn any_string_parses_with_spans_inside_the_text(src in any::<String>()) {
        check_spans(&src);
    }

    #[test]
    fn valid_services_parse_clean_into_their_structure(model in items(), layout in layout()) {
        let src = render(&model, &layout);
        let parsed = parse(&src);
        prop_assert!(parsed.diagnostics.is_empty(), "{src}\n{:?}", parsed.diagnostics);
        prop_assert_eq!(to_model(&parsed.file.items), model);
    }

    #[test]
    fn formatting_is_idempotent_and_keeps_structure_and_comments(model in items(), layout in layout()) {
        let src = render(&model, &layout);
        let formatted = format_source(&src).expect("valid source formats");
        let reparsed = parse(&formatted);
        prop_assert!(reparsed.diagnostics.is_empty(), "{formatted}\n{:?}", reparsed.diagnostics);
        prop_assert_eq!(to_model(&reparsed.file.items), model);
        prop_assert_eq!(comment_texts(&reparsed.file), comment_texts(&parse(&src).file));
        prop_assert_eq!(format_source(&formatted).expect("formats again"), formatted);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn valid_services_analyse_and_print_without_panic_into_parseable_svc(
        model in items(),
        layout in layout(),
        stage in proptest::option::of(prop_oneof![Just("dev"), Just("prod")]),
    ) {
        let src = render_service(&model, &layout);
        let (options, files) = surroundings(stage);

        let analysis = analyse(&src, &options, &files);
        let parsed = parse(&src);
        prop_assert!(!parsed.has_errors(), "{src}\n{:?}", parsed.diagnostics);
        check_diagnostic_spans(&src, &analysis.diagnostics);

        let printed = print::service(analyse_configuration(&src, &options, &files));
        check_diagnostic_spans(&src, &printed.diagnostics);
        let _json = print::to_json(&printed.tree);
        let svc = print::to_svc(&printed.tree);
        let reparsed = parse(&svc);
        prop_assert!(
            !reparsed.has_errors(),
            "to_svc printed svc with syntax errors\n--- source ---\n{src}\n--- to_svc ---\n{svc}\n{:#?}",
            reparsed.diagnostics
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// svc → YAML (as `svc print --format yaml` writes it) → `svc import`
    /// → the same `svc print`.
    #[test]
    fn a_printed_service_imported_back_prints_the_same(model in items(), layout in layout()) {
        let src = render_service(&model, &layout);
        let (options, files) = surroundings(None);
        let printed = print::service(analyse_configuration(&src, &options, &files));
        prop_assume!(!printed.diagnostics.iter().any(Diagnostic::is_error));
        let json = print::to_json(&printed.tree);
        let yaml = serde_norway::to_string(&json).expect("YAML");
        let imported = svc_compiler::import::import(&yaml).map_err(|e| TestCaseError::fail(format!("{e:?}\n{yaml}")))?;
        let again = print::service(analyse_configuration(&imported.svc, &options, &files));
        prop_assert_eq!(
            print::to_json(&again.tree),
            json,
            "--- source ---\n{}\n--- YAML ---\n{}\n--- imported ---\n{}",
            src,
            yaml,
            imported.svc
        );
    }
}

/// What the generated services read: options (`stage`, a param, an
/// environment variable) and the files their `${file()}` variables name.
fn surroundings(stage: Option<&str>) -> (Options, MemoryFiles) {
    let options = Options {
        stage: stage.map(str::to_owned),
        params: vec![("domain".to_owned(), "example.com".to_owned())],
        env: HashMap::from([("APP_NAME".to_owned(), "prop".to_owned())]),
        base_dir: PathBuf::from("/service"),
        ..Options::default()
    };
    let mut files = MemoryFiles::default();
    files.insert("/service/config.json", r#"{ "db": { "host": "db.internal", "port": 5432 } }"#);
    files.insert("/service/config.yml", "a:\n  b: nested\nflag: yes\n");
    (options, files)
}

/// Every span of `diagnostics` (labels and fix edits) is inside `src`, on
/// character boundaries.
fn check_diagnostic_spans(src: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let edits = d.fix.iter().flat_map(|fix| fix.edits.iter().map(|edit| edit.span));
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)).chain(edits) {
            assert!(span.start <= span.end && span.end as usize <= src.len(), "{}: {span:?} in {src:?}", d.code);
            assert!(
                src.is_char_boundary(span.start as usize) && src.is_char_boundary(span.end as usize),
                "{}: {span:?} in {src:?}",
                d.code
            );
        }
    }
}

fn check_spans(src: &str) {
    let parsed = parse(src);
    for d in &parsed.diagnostics {
        for span in std::iter::once(d.primary.span).chain(d.secondary.iter().map(|l| l.span)) {
            assert!(span.start <= span.end && span.end as usize <= src.len(), "{span:?} in {src:?}");
            assert!(
                src.is_char_boundary(span.start as usize) && src.is_char_boundary(span.end as usize),
                "{span:?} in {src:?}"
            );
        }
    }
    for item in &parsed.file.items {
        let span = item.span();
        assert!(span.end as usize <= src.len() && src.is_char_boundary(span.start as usize), "{span:?} in {src:?}");
    }
}
