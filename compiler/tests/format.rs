//! The canonical formatter: idempotence, no change of meaning, no lost or
//! moved comment, the example already canonical, and snapshots of messy
//! inputs made canonical.

use std::path::Path;

use proptest::prelude::*;
use svc_compiler::format::{FormatError, format_source};
use svc_compiler::syntax::{Attribute, File, Item, Name, StringPart, Template, Value, ValueKind, Variable};
use svc_compiler::{Span, parse};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// `file` without trivia: every span zeroed, comments dropped. Two sources
/// that mean the same thing parse to equal stripped files.
fn strip(file: &File) -> File {
    let mut file = file.clone();
    file.comments.clear();
    file.span = Span::default();
    file.items.iter_mut().for_each(strip_item);
    file
}

fn strip_item(item: &mut Item) {
    match item {
        Item::Attribute(attribute) => strip_attribute(attribute),
        Item::Block(block) => {
            strip_name(&mut block.kind);
            block.labels.iter_mut().for_each(strip_name);
            block.body.iter_mut().for_each(strip_item);
            block.span = Span::default();
        }
        Item::Error(span) => *span = Span::default(),
    }
}

fn strip_attribute(attribute: &mut Attribute) {
    strip_name(&mut attribute.key);
    strip_value(&mut attribute.value);
    attribute.span = Span::default();
}

fn strip_name(name: &mut Name) {
    name.span = Span::default();
}

fn strip_value(value: &mut Value) {
    value.span = Span::default();
    match &mut value.kind {
        ValueKind::String(lit) => strip_parts(&mut lit.parts),
        ValueKind::List(items) => items.iter_mut().for_each(strip_value),
        ValueKind::Object(entries) => entries.iter_mut().for_each(strip_attribute),
        ValueKind::Variable(variable) => strip_variable(std::sync::Arc::make_mut(variable)),
        ValueKind::Call(call) => {
            strip_name(&mut call.name);
            call.args.iter_mut().for_each(strip_value);
        }
        ValueKind::Path(names) => names.iter_mut().for_each(strip_name),
        ValueKind::Number(_) | ValueKind::Bool(_) | ValueKind::Null | ValueKind::Error => {}
    }
}

fn strip_parts(parts: &mut [StringPart]) {
    for part in parts {
        match part {
            StringPart::Text { span, .. } | StringPart::Sub { span, .. } => *span = Span::default(),
            StringPart::Variable(variable) => strip_variable(std::sync::Arc::make_mut(variable)),
        }
    }
}

fn strip_variable(variable: &mut Variable) {
    strip_name(&mut variable.source);
    variable.param.iter_mut().chain(variable.address.iter_mut()).for_each(strip_template);
    variable.fallbacks.iter_mut().for_each(strip_value);
    variable.span = Span::default();
}

fn strip_template(template: &mut Template) {
    strip_parts(&mut template.parts);
    template.span = Span::default();
}

/// Where each comment is relative to the items: the path of item indices
/// down to the body holding it, ending with the item it is inside (`true`)
/// or comes before (`false`; the index is the body's length at its end).
fn comment_anchors(file: &File) -> Vec<Vec<(usize, bool)>> {
    file.comments.iter().map(|c| anchor(&file.items, c.span.start)).collect()
}

fn anchor(items: &[Item], at: u32) -> Vec<(usize, bool)> {
    let i = items.iter().position(|item| item.span().end > at).unwrap_or(items.len());
    match items.get(i) {
        Some(item) if item.span().start < at => {
            let mut path = vec![(i, true)];
            if let Item::Block(block) = item {
                path.extend(anchor(&block.body, at));
            }
            path
        }
        _ => vec![(i, false)],
    }
}

fn comment_texts(file: &File) -> Vec<String> {
    file.comments.iter().map(|c| c.text.clone()).collect()
}

/// Formats `src` and checks every property of the formatter on it:
/// the output parses to the same tree minus trivia, keeps every comment
/// (same texts, same order, next to the same items), is in canonical
/// layout and formats to itself. Returns the output.
fn check(src: &str) -> String {
    let before = parse(src);
    assert!(!before.has_errors(), "test input has syntax errors: {:#?}\n{src}", before.diagnostics);
    let out = format_source(src).expect("a source without syntax errors formats");
    let after = parse(&out);
    assert!(
        !after.has_errors(),
        "the output has syntax errors: {:#?}\n--- source\n{src}\n--- output\n{out}",
        after.diagnostics
    );
    assert_eq!(strip(&after.file), strip(&before.file), "the meaning changed\n--- source\n{src}\n--- output\n{out}");
    let mut texts_before = comment_texts(&before.file);
    let mut texts_after = comment_texts(&after.file);
    assert_eq!(texts_after, texts_before, "comments changed or reordered\n--- output\n{out}");
    texts_before.sort();
    texts_after.sort();
    assert_eq!(texts_after, texts_before, "the multiset of comments changed");
    assert_eq!(
        comment_anchors(&after.file),
        comment_anchors(&before.file),
        "a comment moved to another item\n--- source\n{src}\n--- output\n{out}"
    );
    assert_canonical_layout(&out);
    let again = format_source(&out).expect("the output formats");
    assert_eq!(again, out, "not idempotent\n--- source\n{src}");
    out
}

/// Layout rules that hold for every output.
fn assert_canonical_layout(out: &str) {
    if out.is_empty() {
        return;
    }
    assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "must end with exactly one newline:\n{out}");
    assert!(!out.starts_with('\n'), "no blank line at the start:\n{out}");
    assert!(!out.contains('\r'), "no carriage return:\n{out}");
    // Block strings may hold any number of empty lines.
    if !out.contains("\"\"\"") {
        assert!(!out.contains("\n\n\n"), "at most one blank line in a row:\n{out}");
        assert!(!out.contains("{\n\n"), "no blank line after `{{`:\n{out}");
        assert!(!out.contains("\n\n}"), "no blank line before `}}`:\n{out}");
    }
    for line in out.lines() {
        assert_eq!(line, line.trim_end(), "trailing whitespace in:\n{out}");
    }
}

fn format(src: &str) -> String {
    format_source(src).expect("formats")
}

/// The snapshot of a formatting: the input (carriage returns shown as `␍`,
/// tabs as `⇥`, trailing spaces as `·`) and the output.
fn before_after(src: &str) -> String {
    let out = check(src);
    let mut shown = String::new();
    for line in src.split_inclusive('\n') {
        let line = line.replace('\r', "␍").replace('\t', "⇥");
        let (text, newline) = line.strip_suffix('\n').map_or((line.as_str(), ""), |t| (t, "\n"));
        let trimmed = text.trim_end_matches(' ');
        shown.push_str(trimmed);
        shown.push_str(&"·".repeat(text.len() - trimmed.len()));
        shown.push_str(newline);
    }
    if !src.ends_with('\n') {
        shown.push_str("\n(no newline at the end)\n");
    }
    format!("---- before ----\n{shown}---- after ----\n{out}")
}

/// Checks the formatting of `src` and compares input and output with the
/// snapshot `name` (in `tests/snapshots/format__<name>.snap`).
fn snapshot(name: &str, src: &str) {
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, before_after(src));
    });
}

// ---------------------------------------------------------------------------
// The example, refusal, API
// ---------------------------------------------------------------------------

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/aws-python-http-api/service.svc");
    std::fs::read_to_string(path).expect("the example exists")
}

#[test]
fn the_example_is_canonical() {
    let src = example();
    assert_eq!(check(&src), src);
}

#[test]
fn syntax_errors_are_refused() {
    let Err(FormatError::Syntax(errors)) = format_source("a = ") else {
        panic!("`a = ` must be refused");
    };
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|d| d.is_error()));
    assert_eq!(errors, parse("a = ").diagnostics);
    let message = FormatError::Syntax(errors.clone()).to_string();
    assert!(message.ends_with("before formatting"), "{message}");
}

#[test]
fn error_messages_count_the_errors() {
    let Err(one) = format_source("a = ") else { panic!("refused") };
    assert_eq!(one.to_string(), "1 syntax error; fix it before formatting");
    let Err(many) = format_source("a = \nb = [\nc : 1\n") else { panic!("refused") };
    let FormatError::Syntax(errors) = &many;
    assert!(errors.len() > 1);
    assert_eq!(many.to_string(), format!("{} syntax errors; fix them before formatting", errors.len()));
}

#[test]
fn empty_sources_format_to_nothing() {
    assert_eq!(check(""), "");
    assert_eq!(check("\n\n  \n"), "");
}

#[test]
fn a_lone_comment_is_kept() {
    assert_eq!(check("   # only this\n\n"), "# only this\n");
}

#[test]
fn format_file_prints_a_parsed_tree() {
    let src = "a=1\n";
    let parsed = parse(src);
    assert_eq!(svc_compiler::format::format_file(&parsed.file, src), "a = 1\n");
}

#[test]
fn lists_break_past_one_hundred_columns() {
    let short = format!("\"{}\"", "a".repeat(44));
    let long = format!("\"{}\"", "a".repeat(45));
    let fits = format!("x = [{short}, {short}]\n");
    assert_eq!(fits.trim_end().chars().count(), 100);
    assert_eq!(check(&fits), fits);
    let too_long = format!("x = [{short}, {long}]\n");
    assert_eq!(check(&too_long), format!("x = [\n  {short},\n  {long},\n]\n"));
}

#[test]
fn a_variable_that_reads_like_a_sub_reference_keeps_its_blank() {
    // `${AWS::Region}` is a CloudFormation reference, `${ AWS::Region}` an
    // svc variable with source `AWS` and address `:Region`.
    assert_eq!(check("x = \"${ AWS::Region}\"\n"), "x = \"${ AWS::Region}\"\n");
    assert_eq!(check("x = \"${AWS::Region}\"\n"), "x = \"${AWS::Region}\"\n");
}

#[test]
fn block_string_indentation_survives_without_a_final_newline() {
    // All lines indented beyond the common indentation and `"""` after the
    // text: the first blank is escaped so that it is not stripped.
    assert_eq!(check("x = \"\"\"\n    a\n    b\"\"\"\n"), "x = \"\"\"\n  a\n  b\"\"\"\n");
    let src = "x = \"\"\"\n\\u{20} indented\n  b\"\"\"\n";
    assert_eq!(check(src), "x = \"\"\"\n  \\u{20} indented\n    b\"\"\"\n");
}

#[test]
fn block_string_quotes_are_escaped_only_where_they_could_close_it() {
    let src = "x = \"\"\"\n  one \" two \"\" three \\\"\\\"\\\" end \\\"\"\"\"\n";
    assert_eq!(check(src), src);
}

// ---------------------------------------------------------------------------
// Idempotence and meaning on many handwritten inputs
// ---------------------------------------------------------------------------

const CORPUS: &[&str] = &[
    "a = 1",
    "a = 1\n",
    "a=1\nbb=2\nccc=3\n",
    "a = -1.5e3\nb = 0\nc = 2.5E-3\n",
    "a = true\nb = false\nc = null\n",
    "x = \"\"\ny = \"plain\"\n",
    "x = \"tab\\there\\nnew \\\"q\\\" \\\\ \\u{1F600} \\u{e9} \\r \\u{7f}\"\n",
    "x = \"\\${not a variable} $ {x} $x ${AWS::Region} ${Table.Arn} ${!Literal}\"\n",
    "x = \"${opt:stage}-${self:custom.${opt:stage, 'dev'}}-${env:A, 'b', 3, true, null, ${opt:c, 'd'}}\"\n",
    "x = ${opt:stage, 'dev'}\ny = ${self:custom.x, \"a\\\"b\"}\nz = ${file(./a.json):key}\n",
    "x = \"${opt:x, 'it\\'s \"quoted\"'}\"\n",
    "x = \"${ AWS::Region}\"\n",
    "x = [1, 2, 3]\ny = []\nz = {}\nw = [[], {}, [[1]]]\n",
    "x = [\n1,\n2,\n]\n",
    "x = {\na = 1\nb = 2\n}\n",
    "x = { a = 1, b = { c = [1, 2], d = { e = \"f\" } } }\n",
    "x = ref(Table)\ny = getAtt(Table.Arn)\nz = join(\",\", [ref(A), sub(\"${AWS::Region}\")])\nw = f()\n",
    "b {}\nc {\n}\nd label \"quoted label\" {\n  e = 1\n}\n",
    "\"Quoted-Key\" = 1\n\"with \\\"quotes\\\"\" = 2\nplain = 3\n",
    "a {\n  b {\n    c {\n      d = 1\n    }\n  }\n}\n",
    "# only a comment",
    "# c1\n\n# c2\n",
    "a = 1 # trailing\n// slash comment\nb = 2 // trailing slash\n",
    "a { # on the brace\n}\n",
    "a {\n  # inside an empty block\n}\n",
    "a { b = 1 } # after a one-line block\n",
    "x = [ # after the bracket\n  1, # one\n  # before two\n  2\n  # before the close\n] # after\n",
    "x = { # after the brace\n  a = 1 # one\n  # before b\n  bb = 2\n  # before the close\n}\n",
    "x = [1 # before the comma\n, 2]\n",
    "x = [ # only a comment\n]\ny = { # only a comment\n}\n",
    "x = f( # in a call\n  1, 2)\n",
    "x = f(# touching the paren\n1)\n",
    "x = [{ a = 1, # in an object in a list\n b = 2 }]\n",
    "x = \"\"\"\n  text\n  \"\"\"\n",
    "x = \"\"\"\n  text\"\"\"\n",
    "x = \"\"\"\n\"\"\"\n",
    "x = \"\"\"\n  \"\"\"\n",
    "x = \"\"\"\n\n\n  \"\"\"\n",
    "x = \"\"\"\n    deeper\n  less\n      most\n  \"\"\"\n",
    "x = \"\"\"\n    all deeper, no newline\"\"\"\n",
    "x = \"\"\"\n  trailing   \n  \n     \n  end\"\"\"\n",
    "x = \"\"\"\n  ends with blanks\n    \"\"\"\n",
    "x = \"\"\"\n  last line blank then close\n     \"\"\"\n",
    "x = \"\"\"\n  a\n      \"\"\"\n",
    "x = \"\"\"\n  quotes \" and \"\" and \\\"\\\"\\\" and \\\\ and \\${x} ${opt:s, \"dev\"} ${AWS::Region}\n  \"\"\"\n",
    "x = \"\"\"\n  ends with a quote\\\"\"\"\"\n",
    "x = \"\"\"\n  ends with two quotes\\\"\\\"\"\"\"\n",
    "x = \"\"\"\n\ttabbed\n\t\ttwice\n\t\"\"\"\n",
    "x = \"\"\"\n  cr\\r and \\u{1} control\n  \"\"\"\n",
    "x = [\"\"\"\n  in a list\n  \"\"\", 1]\n",
    "x = sub(\"\"\"\n  in a call\n  \"\"\")\n",
    "x = { a = \"\"\"\n  in an object\n  \"\"\" }\n",
    "a {\n  b = \"\"\"\n    deep\n    \"\"\" # after\n}\n",
    "x = [\"aaaaaaaaaaaaaaaaaaaa\", \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\", \"cccccccccccccccccccccccccccccccc\", \"dddd\"]\n",
    "x = { aaaaaaaaaaaaaaaaa = \"aaaaaaaaaaaaaaaaaaaa\", b = \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\", c = \"cccccccccccccccc\" }\n",
    "x = join(\",\", [\"aaaaaaaaaaaaaaaaaaaa\", \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\", \"cccccccccccccccccccccccccccccccc\"])\n",
    "x = [[\"aaaaaaaaaaaaaaaaaaaa\", \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"], [\"cccccccccccccccccccccccccccccccc\", \"dddddddddddddd\"]]\n",
    "hello = 1\nb = 2\n\"ünï\" = 3\n",
    "a = 1\r\nb = [1,\r\n 2]\r\n# c\r\n",
    "\ta = 1\n\tb {\n\t\tc = 2\n\t}\n",
    "a = 1\n\n\n\nb = 2\n\n\n# c\n\n\n\nc {\n\n  d = 1\n\n}\n\n\n",
    "AWS::Region = 1\nhello-world = 2\n",
    "r UsersTable \"AWS::DynamoDB::Table\" {\n  P = [{ A = \"id\", T = \"S\" }]\n}\n",
];

#[test]
fn the_corpus_formats_canonically() {
    for src in CORPUS {
        check(src);
    }
}

#[test]
fn the_corpus_formats_the_same_with_crlf_line_breaks() {
    for src in CORPUS {
        let crlf = src.replace("\r\n", "\n").replace('\n', "\r\n");
        assert_eq!(check(&crlf), format(src), "{src:?}");
    }
}

// ---------------------------------------------------------------------------
// Snapshots: messy inputs made canonical
// ---------------------------------------------------------------------------

#[test]
fn snapshot_misaligned_equals() {
    snapshot(
        "misaligned_equals",
        r#"service = "api"
frameworkVersion="4"
stage    =   ${opt:stage, "dev"}

provider aws {
  runtime="python3.12"
  memorySize =  256
  # a comment does not break the run
  timeout      = 10
  iam {
    role = "x"
  }
  region = "eu-west-1"
  "quoted-key" = 1
  "ünïcödé" = 2
}
"#,
    );
}

#[test]
fn snapshot_blank_lines() {
    snapshot(
        "blank_lines",
        "\n\n\na = 1\n\n\n\nb = 2\nc = 3\nblock {\n\n\n  d = 1\n\n\n  e = 2\n\n\n}\nnext {\n  f = 1\n}\n\n\n\n",
    );
}

#[test]
fn snapshot_comments_everywhere() {
    snapshot(
        "comments_everywhere",
        r#"# leading comment of the file

# about a
a = 1 # trailing a
// slash style
b = [ # after [
  1, # after one
  # before two
  2
  # before ]
] # after ]
c = { # after {
  x = 1 # after x
  # before y
  yy = 2
  # before }
}
block { # after the block's {
  d = 1

  # end of block
}   # after the block's }
empty {
  # alone in a block
}
call = f(1, # in a call
  2)

# end of file
"#,
    );
}

#[test]
fn snapshot_long_lists_break() {
    snapshot(
        "long_lists_break",
        r#"Action = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem", "dynamodb:Scan"]
nested {
  deeper {
    Resource = ["arn:aws:s3:::bench-assets/*", "arn:aws:s3:::bench-uploads/*", "arn:aws:s3:::bench-logs/*"]
  }
}
fits = ["arn:aws:s3:::bench-assets/*", "arn:aws:s3:::bench-uploads/*", "arn:aws:s3:::xx/*"]
objects = [{ AttributeName = "pk", AttributeType = "S" }, { AttributeName = "sk", AttributeType = "S" }]
Tags = { service = "bench-http-api", owner = "platform-team", cost-center = "engineering-1234" }
call = join(",", ["arn:aws:s3:::bench-assets/*", "arn:aws:s3:::bench-uploads/*", "arn:aws:s3:::x/*"])
"#,
    );
}

#[test]
fn snapshot_short_multi_line_lists_join() {
    snapshot(
        "short_multi_line_lists_join",
        r#"a = [
  1,
  2,
  3,
]
b = [
  "x"
]
c = {
  k = "v"
  other = 2
}
d = [
  {
    a = 1
  },
  {
    b = 2
  },
]
e = f(
  1,
  2
)
"#,
    );
}

#[test]
fn snapshot_nested_objects() {
    snapshot(
        "nested_objects",
        r#"small = { a = { b = { c = 1 } } }
big = { PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled = true }, SSESpecification = { SSEEnabled = true, KMSMasterKeyId = ref(Key) } }
commented = {
  outer = { # inner comment
    x = 1
  }
  y = 2
}
"#,
    );
}

#[test]
fn snapshot_block_strings() {
    snapshot(
        "block_strings",
        r#"top = """
      Deeper than needed.
        Keeps relative indentation.

      Ends with a newline.
      """
function f {
  description = """
not indented at all
  """
  inline_close = """
    no newline at the end"""
  quotes = """
    \"\"\" and "" and \\ and \${x} and ${opt:stage, "dev"}
    """
  list = ["""
    in a list
    """]
  empty = """
  """
}
"#,
    );
    snapshot("block_string_trailing_blanks", "a = \"\"\"\n    spaces at the end   \n    \n    \"\"\"\n");
}

#[test]
fn snapshot_strings_needing_escapes() {
    snapshot(
        "strings_needing_escapes",
        r#"quote = "say \"hi\""
backslash = "C:\\dir"
control = "a\tb\nc\rd\u{7}e"
unicode = "\u{e9}t\u{E9} 😀"
dollar = "\${literal} $ {x} cost $5"
sub = "${AWS::Region}:${AWS::AccountId}:${Table.Arn}:${!Literal}"
"#,
    );
    snapshot("raw_tab_in_string", "tab = \"a\tb\"\n");
}

#[test]
fn snapshot_variables() {
    snapshot(
        "variables",
        r#"whole = ${opt:stage, 'dev'}
spaced = ${ opt:stage ,  "dev" }
many = ${env:A, ${env:B, 'b'}, 3, true, null}
nested = ${self:custom.${opt:stage, "dev"}.size, 5}
file = ${file(./config.${opt:stage}.json):key}
in_string = "${opt:stage, "dev"}-${self:service}"
quotes = "${opt:x, 'it\'s'}"
whole_quotes = ${opt:x, 'say "hi"'}
"#,
    );
}

#[test]
fn snapshot_quoted_keys_and_labels() {
    snapshot(
        "quoted_keys_and_labels",
        r#"resource UsersTable "AWS::DynamoDB::Table" {
  "Fn::If" = 1
  "with \"quotes\"" = 2
  "tab\there" = 3
  plain = 4
}
"block kind" "label" {}
obj = { "a-b" = 1, "c d" = 2 }
"#,
    );
}

#[test]
fn snapshot_crlf_input() {
    snapshot(
        "crlf_input",
        "a=1\r\nlonger = 2 # trailing\r\n\r\n\r\nblock {\r\n  # comment\r\n  x = [1,\r\n    2]\r\n  y = \"\"\"\r\n    text\r\n    \"\"\"\r\n}\r\n",
    );
}

#[test]
fn snapshot_tab_indentation() {
    snapshot(
        "tab_indentation",
        "provider aws {\n\truntime = \"python3.12\"\n\tiam {\n\t\tstatement {\n\t\t\tEffect = \"Allow\"\n\t\t}\n\t}\n\tnotes = \"\"\"\n\t\tfirst\n\t\t  second\n\t\t\"\"\"\n}\n",
    );
}

#[test]
fn snapshot_no_trailing_newline() {
    snapshot("no_trailing_newline", "a = 1\nb {\n  c = 2\n}");
    snapshot("no_trailing_newline_comment", "a = 1 # last");
}

#[test]
fn snapshot_empty_blocks_lists_objects() {
    snapshot(
        "empty_blocks_lists_objects",
        r#"block {
}
labelled x "y" {    }
list = [ ]
list2 = [
]
object = {  }
object2 = {
}
call = f( )
nested = [[], {}, f()]
"#,
    );
}

// ---------------------------------------------------------------------------
// Generated inputs
// ---------------------------------------------------------------------------

/// Text for strings: quotes, backslashes, `$`, braces, blanks, non-ASCII
/// and control characters, so that every escape is needed somewhere.
fn string_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            4 => "[a-z]{1,4}",
            1 => Just("\"".to_owned()),
            1 => Just("\\".to_owned()),
            1 => Just("$".to_owned()),
            1 => Just("${".to_owned()),
            1 => Just("{}".to_owned()),
            1 => Just(" ".to_owned()),
            1 => Just("\t".to_owned()),
            1 => Just("\n".to_owned()),
            1 => Just("é😀".to_owned()),
            1 => Just("\u{1}".to_owned()),
            1 => Just("\r".to_owned()),
            1 => Just("'".to_owned()),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// `text` as a `"..."` string, escaped the way a person might.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' if chars.peek() == Some(&'{') => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A block string holding `lines` (raw text, each with extra indentation),
/// the body indented by `indent` blanks, closed on its own line or not.
fn block_string(lines: &[(String, String)], indent: &str, close_alone: bool) -> String {
    let mut out = String::from("\"\"\"\n");
    for (i, (extra, text)) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(extra);
        out.push_str(text);
    }
    if close_alone {
        out.push('\n');
        out.push_str(indent);
    }
    out.push_str("\"\"\"");
    out
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,2})?",
        Just("true".to_owned()),
        Just("null".to_owned()),
        string_text().prop_map(|text| quoted(&text)),
        (string_text(), string_text()).prop_map(|(a, b)| format!(
            "{}${{opt:stage, {}}}{}",
            &quoted(&a)[..quoted(&a).len() - 1],
            fallback(&b, '\''),
            &quoted(&b)[1..]
        )),
        string_text().prop_map(|text| format!("${{ self:custom.x , {} }}", fallback(&text, '"'))),
        Just("${file(./a.${opt:stage}.json):k, 5}".to_owned()),
        Just("ref(Table)".to_owned()),
        "[a-z]{20,70}".prop_map(|text| format!("\"{text} ${{AWS::Region}}\"")),
        Just("getAtt(Table.Arn)".to_owned()),
        (
            proptest::collection::vec(("[ \t]{0,3}", "[a-z' ]{0,8}(\"\"?[a-z' ]{1,3}){0,2}"), 1..4),
            "[ \t]{0,4}",
            any::<bool>(),
        )
            .prop_map(|(lines, indent, alone)| block_string(&lines, &indent, alone)),
    ]
}

/// A fallback literal in `quote`s (no line breaks: fallbacks are one line).
fn fallback(text: &str, quote: char) -> String {
    let mut out = String::from(quote);
    for c in text.chars().filter(|c| *c != '\n' && *c != '\r') {
        if c == quote || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push(quote);
    out
}

/// A value written with random layout: lists and objects sometimes over
/// several lines, with comments.
fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            (proptest::collection::vec((inner.clone(), layout()), 0..5), any::<bool>()).prop_map(
                |(items, trailing_comma)| {
                    let mut out = String::from("[");
                    for (i, (item, sep)) in items.iter().enumerate() {
                        out.push_str(sep);
                        out.push_str(item);
                        if i + 1 < items.len() || trailing_comma {
                            out.push(',');
                        }
                    }
                    out.push(']');
                    out
                }
            ),
            (proptest::collection::vec(("[a-z]{1,12}", inner.clone(), any::<bool>()), 0..4), any::<bool>()).prop_map(
                |(entries, multiline)| {
                    let mut out = String::from("{");
                    for (i, (key, value, comment)) in entries.iter().enumerate() {
                        out.push_str(if multiline {
                            "\n"
                        } else if i == 0 {
                            " "
                        } else {
                            ", "
                        });
                        out.push_str(&format!("{key} = {value}"));
                        if multiline && *comment {
                            out.push_str(" # entry");
                        }
                    }
                    out.push_str(if multiline { "\n}" } else { " }" });
                    out
                }
            ),
            proptest::collection::vec((inner, layout()), 0..3).prop_map(|args| {
                let args: Vec<String> = args.into_iter().map(|(arg, sep)| format!("{sep}{arg}")).collect();
                format!("join({})", args.join(","))
            }),
        ]
    })
}

/// What separates list elements: nothing, blanks, a line break, a comment.
fn layout() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\n  ".to_owned()),
        Just(" # c\n".to_owned()),
        Just("\n// d\n\n".to_owned()),
    ]
}

/// An item at `depth` (blocks nest).
fn item() -> impl Strategy<Value = String> {
    let attribute = ("[a-z][a-zA-Z0-9_-]{0,10}|\"[a-z :]{1,6}\"", "[ ]{0,3}", value())
        .prop_map(|(key, pad, value)| format!("{key}{pad}={pad}{value}"));
    attribute.prop_recursive(2, 12, 4, |inner| {
        (
            "[a-z]{1,6}",
            proptest::collection::vec("[a-z]{1,4}|\"[A-Z:]{1,8}\"", 0..2),
            proptest::collection::vec((inner, gap()), 0..4),
        )
            .prop_map(|(kind, labels, body)| {
                let mut out = format!("{kind} {} {{", labels.join(" "));
                for (item, gap) in &body {
                    out.push_str(gap);
                    out.push_str(item);
                }
                out.push_str("\n}");
                out
            })
    })
}

/// What separates items: one or more line breaks, indentation, comments.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_owned()),
        Just("\n\n\n  ".to_owned()),
        Just("\n\t".to_owned()),
        Just(" # trailing\n".to_owned()),
        Just("\n# standalone\n".to_owned()),
        Just("\n\n// after a blank\n\n".to_owned()),
    ]
}

fn file() -> impl Strategy<Value = String> {
    (proptest::collection::vec((item(), gap()), 0..6), any::<bool>()).prop_map(|(items, crlf)| {
        let src: String = items.iter().map(|(item, gap)| format!("{item}{gap}")).collect();
        if crlf { src.replace('\n', "\r\n") } else { src }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_files_format_canonically(src in file()) {
        let parsed = parse(&src);
        prop_assume!(!parsed.has_errors());
        check(&src);
    }
}

/// Found by the `format_roundtrip` fuzz target: a fallback literal holding
/// a decoded line break must be written back as an escape.
#[test]
fn control_characters_in_fallback_literals_are_escaped() {
    let formatted = format_source("n=\"${t:,\"\\n\"}\"\n").expect("formats");
    assert_eq!(formatted, "n = \"${t:, '\\n'}\"\n");
    assert!(parse(&formatted).diagnostics.is_empty());
}
