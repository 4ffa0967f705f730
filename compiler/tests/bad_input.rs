//! Hostile input gets a sensible answer: diagnostics or a clean parse,
//! never a panic or a hang.

use svc_compiler::diagnostic::{RenderOptions, render};
use svc_compiler::source::decode;
use svc_compiler::syntax::{Item, StringPart, ValueKind};
use svc_compiler::{Code, parse};

fn codes(src: &str) -> Vec<Code> {
    parse(src).diagnostics.iter().map(|d| d.code).collect()
}

fn example() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/aws-python-http-api/service.svc");
    std::fs::read_to_string(path).expect("example exists")
}

#[test]
fn invalid_utf8_is_reported_once_and_the_rest_still_parses() {
    let decoded = decode(b"service = \"demo\"\nname = \"a\xff\xfeb\"\ntimeout = 3\n");
    assert_eq!(decoded.diagnostics.len(), 1);
    assert_eq!(decoded.diagnostics[0].code, Code::E0002);
    assert_eq!(decoded.diagnostics[0].primary.span.start, 26);
    let parsed = parse(&decoded.text);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.file.items.len(), 3);
}

#[test]
fn a_byte_order_mark_is_dropped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(example().as_bytes());
    let decoded = decode(&bytes);
    assert!(decoded.diagnostics.is_empty());
    assert_eq!(decoded.text, example());
}

#[test]
fn crlf_line_endings_parse_like_lf() {
    let crlf = example().replace('\n', "\r\n");
    let parsed = parse(&crlf);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.file.items.len(), parse(&example()).file.items.len());
    let with_block = parse("d = \"\"\"\r\n  one\r\n  two\r\n  \"\"\"\r\n");
    let Item::Attribute(attribute) = &with_block.file.items[0] else { panic!("attribute") };
    let ValueKind::String(lit) = &attribute.value.kind else { panic!("string") };
    assert_eq!(lit.as_plain().as_deref(), Some("one\ntwo\n"));
}

#[test]
fn cr_only_line_endings_parse_like_lf() {
    // A classic-Mac file: a lone `\r` ends a line, so the comment on the
    // first line does not swallow the rest.
    let cr = format!("# a comment\n{}", example()).replace('\n', "\r");
    let parsed = parse(&cr);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.file.items.len(), parse(&example()).file.items.len());
    let with_block = parse("d = \"\"\"\r  one\r  two\r  \"\"\"\r");
    let Item::Attribute(attribute) = &with_block.file.items[0] else { panic!("attribute") };
    let ValueKind::String(lit) = &attribute.value.kind else { panic!("string") };
    assert_eq!(lit.as_plain().as_deref(), Some("one\ntwo\n"));
}

#[test]
fn the_renderer_counts_the_lines_the_parser_counts() {
    // Line 3 by every line ending; a form feed is a blank, not a line break.
    for end in ["\n", "\r\n", "\r"] {
        let src = format!("a = 1{end}\x0Cb = 2{end}c = ;{end}");
        let parsed = parse(&src);
        assert_eq!(codes(&src).first(), Some(&Code::E0101), "{end:?}: {:?}", parsed.diagnostics);
        let options = RenderOptions { color: false, ascii: true };
        let shown = render(&parsed.diagnostics[0], "s.svc", &src, options);
        assert!(shown.contains("s.svc:3:5"), "{end:?}: {shown}");
        assert!(shown.contains(" 3 | c = ;"), "{end:?}: {shown}");
    }
}

#[test]
fn tabs_are_blanks() {
    let parsed = parse("provider aws {\n\truntime\t=\t\"python3.12\"\n}\n");
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
}

#[test]
fn a_one_megabyte_string_literal_is_one_string() {
    let big = "x".repeat(1 << 20);
    let parsed = parse(&format!("description = \"{big}\"\nafter = 1\n"));
    assert!(parsed.diagnostics.is_empty());
    let Item::Attribute(attribute) = &parsed.file.items[0] else { panic!("attribute") };
    let ValueKind::String(lit) = &attribute.value.kind else { panic!("string") };
    assert!(matches!(&lit.parts[..], [StringPart::Text { text, .. }] if text.len() == 1 << 20));
    assert_eq!(parsed.file.items.len(), 2);
}

#[test]
fn ten_thousand_nested_brackets_are_cut_at_the_depth_limit() {
    let n = 10_000;
    let src = format!("value = {}{}\nafter = 1\n", "[".repeat(n), "]".repeat(n));
    let parsed = parse(&src);
    assert_eq!(codes(&src), vec![Code::E0112]);
    assert_eq!(parsed.file.items.len(), 2, "the item after the deep value still parses");
}

#[test]
fn ten_thousand_unclosed_braces_give_a_bounded_answer() {
    let src = "a {".repeat(10_000);
    let diagnostics = parse(&src).diagnostics;
    assert!(diagnostics.iter().any(|d| d.code == Code::E0112));
    assert!(diagnostics.iter().all(|d| matches!(d.code, Code::E0104 | Code::E0112)));
    assert!(diagnostics.len() <= svc_compiler::syntax::MAX_DEPTH + 1);
}

#[test]
fn ten_thousand_nested_variables_are_cut_at_the_depth_limit() {
    let src = format!("value = {}{}\n", "${self:".repeat(10_000), "}".repeat(10_000));
    assert!(codes(&src).contains(&Code::E0112));
}

#[test]
fn ten_thousand_closers_are_each_unmatched_but_one_message_per_closer() {
    let src = "}".repeat(10_000);
    let diagnostics = parse(&src).diagnostics;
    assert_eq!(diagnostics.len(), 10_000);
    assert!(diagnostics.iter().all(|d| d.code == Code::E0114));
}

#[test]
fn an_empty_file_and_a_blank_file_are_clean() {
    for src in ["", "\n\n\n", "   \t  ", "# only a comment", "\r\n"] {
        let parsed = parse(src);
        assert!(parsed.diagnostics.is_empty(), "{src:?}: {:?}", parsed.diagnostics);
        assert!(parsed.file.items.is_empty());
    }
}

#[test]
fn nul_bytes_and_control_characters_are_unexpected_characters() {
    assert_eq!(codes("a = 1\0\u{7}\n"), vec![Code::E0101]);
}

#[test]
fn invisible_characters_are_named_by_their_code_point() {
    let messages = |src: &str| parse(src).diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
    assert_eq!(messages("a = 1\0\n"), ["unexpected character `U+0000`"]);
    assert_eq!(messages("a = 1\0\u{7}\n"), ["unexpected characters `U+0000U+0007`"]);
    assert_eq!(messages("a = 1\u{200B}\n"), ["unexpected character `U+200B`"]);
    assert_eq!(messages("a = 1;\n"), ["unexpected character `;`"]);
    let nul = parse("a = 1\0\n").diagnostics[0].help.clone().unwrap_or_default();
    assert!(nul.contains("NUL byte"), "{nul}");
}

#[test]
fn an_error_on_a_ten_megabyte_line_shows_a_window_of_it_at_its_true_place() {
    let long = "é".repeat(5 << 20);
    let src = format!("a = 1\nok = \"{long}\" ;\nb = 2\n");
    let parsed = parse(&src);
    assert_eq!(codes(&src), vec![Code::E0101]);
    let shown = render(&parsed.diagnostics[0], "s.svc", &src, RenderOptions { color: false, ascii: true });
    assert!(shown.len() < 2_000, "{} bytes shown", shown.len());
    // Line 2, column: `ok = "` (6) + 5 Mi characters + `" ` (2), then the `;`.
    let column = 6 + (5 << 20) + 2 + 1;
    assert!(shown.contains(&format!("s.svc:2:{column}")), "{shown}");
    assert!(shown.contains("é\" ;"), "the window ends with the error: {shown}");
    assert!(shown.contains(" 2 | …"), "the line is cut: {shown}");
    assert!(shown.contains("not part of svc syntax"), "{shown}");
}

#[test]
fn labels_at_both_ends_of_a_long_line_each_get_a_window() {
    let src = format!("x = [{}\n", "1, ".repeat(100_000));
    let parsed = parse(&src);
    let unclosed = parsed.diagnostics.iter().find(|d| d.code == Code::E0104).expect("E0104");
    let shown = render(unclosed, "s.svc", &src, RenderOptions { color: false, ascii: true });
    assert!(shown.len() < 2_000, "{} bytes shown: {shown}", shown.len());
    assert!(shown.contains(" 1 | x = [1, 1,"), "the start of the line is kept: {shown}");
    assert!(shown.matches('…').count() >= 1, "{shown}");
}

#[test]
fn an_error_past_line_200000_is_shown_without_an_excerpt_at_its_true_place() {
    let lines: String = (0..250_000).map(|i| format!("a{i} = 1\n")).collect();
    let src = format!("{lines}c = ;\n");
    let parsed = parse(&src);
    assert_eq!(parsed.diagnostics[0].code, Code::E0101);
    let shown = render(&parsed.diagnostics[0], "s.svc", &src, RenderOptions { color: false, ascii: true });
    assert!(shown.starts_with("[E0101] Error: unexpected character `;`\n"), "{shown}");
    assert!(shown.contains("at s.svc:250001:5: not part of svc syntax"), "{shown}");
    assert!(shown.contains("help: svc needs no `;`"), "{shown}");
}

#[test]
fn a_label_far_from_the_primary_one_is_named_in_a_note() {
    let far = "a = 1\n".repeat(1_000);
    let src = format!("x = [\n{far}y = ]\n");
    let mut diagnostic = parse("x = ;").diagnostics[0].clone();
    diagnostic.primary.span = svc_compiler::Span::new(4, 5);
    diagnostic.secondary = vec![svc_compiler::diagnostic::Label {
        span: svc_compiler::Span::new(src.len() - 2, src.len() - 1),
        message: "closed here".to_owned(),
    }];
    let shown = render(&diagnostic, "s.svc", &src, RenderOptions { color: false, ascii: true });
    assert!(shown.contains(" 1 | x = ["), "{shown}");
    assert!(!shown.contains(" 1002 |"), "the far line is not shown: {shown}");
    assert!(shown.contains("s.svc:1002:5: closed here"), "{shown}");
}
