//! Hostile variables get an error, never an abort or a runaway: a
//! `${self:…}` chain of thousands of links (E0218), values that each
//! repeat the one before twice (E0219), and files read by `${file()}` that
//! nest 100,000 deep (E0214).
//!
//! Each analysis runs on a thread with a 2 MiB stack, the size of the
//! language server's worker threads, under a watchdog that fails the test
//! when it has not finished after 20 s.

use std::sync::mpsc;
use std::time::Duration;

use svc_compiler::Code;
use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::diagnostic::Diagnostic;
use svc_compiler::files::MemoryFiles;
use svc_compiler::resolve::{MAX_DEPTH, Options};
use svc_compiler::tree::{Node, NodeKind, Path};

const HEADER: &str = "service = \"hostile\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\ncustom {\n";

/// A service whose `custom` block has `lines`.
fn service(lines: impl IntoIterator<Item = String>) -> String {
    let mut src = HEADER.to_owned();
    for line in lines {
        src.push_str("  ");
        src.push_str(&line);
        src.push('\n');
    }
    src.push_str("}\n");
    src
}

/// `analyse(src)` on a 2 MiB stack; fails after 20 s.
fn analysed(src: &str) -> Analysis {
    analysed_with(src, MemoryFiles::default())
}

/// Where the files of [`analysed_with`] are.
const BASE_DIR: &str = "/service";

/// `analyse(src)` with `files` (in [`BASE_DIR`]) on a 2 MiB stack; fails
/// after 20 s.
fn analysed_with(src: &str, files: MemoryFiles) -> Analysis {
    let src = src.to_owned();
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let options = Options { base_dir: BASE_DIR.into(), ..Options::default() };
            let analysis = analyse(&src, &options, &files);
            sender.send(analysis).expect("the test waits");
        })
        .expect("spawn");
    receiver.recv_timeout(Duration::from_secs(20)).expect("analysis finished within 20 s")
}

fn codes(analysis: &Analysis) -> Vec<Code> {
    analysis.diagnostics.iter().map(|d| d.code).collect()
}

/// The offset of the value of `key = …` in `src`.
fn value_of(src: &str, key: &str) -> u32 {
    let at = src.find(&format!("\n  {key} = ")).unwrap_or_else(|| panic!("{key} in the service"));
    (at + 3 + key.len() + 3) as u32
}

/// The `custom` key whose value the diagnostic points at.
fn key_at(src: &str, diagnostic: &Diagnostic) -> String {
    let start = diagnostic.primary.span.start as usize;
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[line_start..start];
    let (key, _) = line.split_once(" = ").unwrap_or_else(|| panic!("the span is in a value: {line:?}"));
    key.trim().to_owned()
}

/// `v0 = ${self:custom.v1}`, …, `v{n-1} = last`.
fn chain(n: usize, last: &str) -> String {
    service(
        (0..n).map(
            |i| {
                if i + 1 == n { format!("v{i} = {last}") } else { format!("v{i} = ${{self:custom.v{}}}", i + 1) }
            },
        ),
    )
}

fn resolved_str(analysis: &Analysis, address: &str) -> Option<String> {
    analysis.service.at(&Path::from(address)).and_then(|n| n.as_str().map(str::to_owned))
}

#[test]
fn a_chain_of_3500_links_is_too_deep_at_the_variable_past_the_limit() {
    let src = chain(3500, "\"end\"");
    let analysis = analysed(&src);
    assert_eq!(codes(&analysis), [Code::E0218], "{:?}", analysis.diagnostics);
    let diagnostic = &analysis.diagnostics[0];
    let past = format!("v{MAX_DEPTH}");
    assert_eq!(diagnostic.primary.span.start, value_of(&src, &past));
    assert!(diagnostic.message.contains(&MAX_DEPTH.to_string()), "{}", diagnostic.message);
    assert!(diagnostic.message.contains("`custom.v0`"), "names the start: {}", diagnostic.message);
    assert!(matches!(analysis.service.at(&Path::from("custom.v0")).map(|n| &n.kind), Some(NodeKind::Error)));
}

#[test]
fn a_chain_of_3500_links_through_strings_is_too_deep() {
    let src = service((0..3500).map(|i| {
        if i == 3499 { format!("v{i} = \"end\"") } else { format!("v{i} = \"${{self:custom.v{}}}\"", i + 1) }
    }));
    let analysis = analysed(&src);
    assert_eq!(codes(&analysis), [Code::E0218], "{:?}", analysis.diagnostics);
    assert_eq!(key_at(&src, &analysis.diagnostics[0]), format!("v{MAX_DEPTH}"));
}

#[test]
fn a_chain_of_3500_links_through_fallbacks_and_addresses_is_too_deep() {
    // Each link costs more stack: a fallback inside a string, whose
    // address is itself a variable.
    let src = service((0..3500).map(|i| {
        if i == 3499 {
            format!("v{i} = \"end\"")
        } else {
            format!("v{i} = \"${{opt:none, ${{self:custom.${{self:custom.n{i}}}}}}}\"\n  n{i} = \"v{}\"", i + 1)
        }
    }));
    let analysis = analysed(&src);
    assert_eq!(codes(&analysis), [Code::E0218], "{:?}", analysis.diagnostics);
    assert!(analysis.diagnostics[0].message.contains("`custom.v0`"), "{}", analysis.diagnostics[0].message);
}

#[test]
fn a_cycle_of_3500_links_is_reported_not_an_abort() {
    let src = chain(3500, "${self:custom.v0}");
    let analysis = analysed(&src);
    assert_eq!(codes(&analysis), [Code::E0218], "{:?}", analysis.diagnostics);
    assert_eq!(analysis.diagnostics[0].primary.span.start, value_of(&src, &format!("v{MAX_DEPTH}")));
}

#[test]
fn a_chain_as_long_as_the_limit_resolves() {
    let analysis = analysed(&chain(MAX_DEPTH, "\"end\""));
    assert!(analysis.diagnostics.is_empty(), "{:?}", analysis.diagnostics);
    assert_eq!(resolved_str(&analysis, "custom.v0").as_deref(), Some("end"));
}

#[test]
fn a_chain_of_50_links_resolves_every_link() {
    let analysis = analysed(&chain(50, "\"end\""));
    assert!(analysis.diagnostics.is_empty(), "{:?}", analysis.diagnostics);
    for i in 0..50 {
        assert_eq!(resolved_str(&analysis, &format!("custom.v{i}")).as_deref(), Some("end"), "v{i}");
    }
}

/// `l0 = first`, and each of `l1`…`l30` made by `double` of the one before.
fn bomb(first: &str, double: impl Fn(&str) -> String) -> String {
    service(std::iter::once(format!("l0 = {first}")).chain((1..=30).map(|i| {
        let before = format!("${{self:custom.l{}}}", i - 1);
        format!("l{i} = {}", double(&before))
    })))
}

/// The nodes of `node`, and how many of them are errors.
fn count(node: &Node) -> (usize, usize) {
    let (mut nodes, mut errors) = (0, 0);
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        nodes += 1;
        match &node.kind {
            NodeKind::Error => errors += 1,
            NodeKind::List(items) => stack.extend(items),
            NodeKind::Object(object) => stack.extend(object.entries().iter().map(|e| &e.value)),
            _ => {}
        }
    }
    (nodes, errors)
}

/// Every diagnostic is E0219 at one of the `l` values, naming it; there is
/// at least one, and the last values are errors.
fn assert_too_large(src: &str) {
    assert!(src.len() < 2000, "the bomb is small: {} bytes", src.len());
    let analysis = analysed(src);
    assert!(!analysis.diagnostics.is_empty());
    for diagnostic in &analysis.diagnostics {
        assert_eq!(diagnostic.code, Code::E0219, "{diagnostic:?}");
        let key = key_at(src, diagnostic);
        assert!(diagnostic.message.contains(&format!("`custom.{key}")), "{key}: {}", diagnostic.message);
    }
    let last = analysis.service.at(&Path::from("custom.l30")).expect("l30 is there");
    let (nodes, errors) = count(last);
    assert!(nodes < 1 << 20 && errors > 0, "l30 stopped growing: {nodes} nodes, {errors} errors");
}

#[test]
fn strings_that_double_30_times_are_too_large() {
    assert_too_large(&bomb("\"0123456789\"", |before| format!("\"{before}{before}\"")));
}

#[test]
fn lists_that_double_30_times_are_too_large() {
    assert_too_large(&bomb("[1, 2]", |before| format!("[{before}, {before}]")));
}

#[test]
fn objects_that_double_30_times_are_too_large() {
    assert_too_large(&bomb("{ a = 1 }", |before| format!("{{ a = {before}, b = {before} }}")));
}

#[test]
fn doubling_below_the_limit_resolves() {
    let analysis = analysed(&bomb("\"x\"", |before| format!("\"{before}{before}\"")).replace("l30 =", "l30x ="));
    let mut codes = codes(&analysis);
    codes.dedup();
    assert_eq!(codes, [Code::E0219]);
    let l10 = resolved_str(&analysis, "custom.l10").expect("l10 resolves");
    assert_eq!(l10, "x".repeat(1024));
}

/// The one diagnostic of `custom { v = "${file(./<name>)}" }` with `name`
/// holding `text`.
fn file_diagnostic(name: &str, text: String) -> Diagnostic {
    let src = service([format!("v = \"${{file(./{name})}}\"")]);
    let mut files = MemoryFiles::default();
    files.insert(format!("{BASE_DIR}/{name}"), text);
    let analysis = analysed_with(&src, files);
    assert_eq!(codes(&analysis), [Code::E0214], "{name}: {:?}", analysis.diagnostics);
    let diagnostic = analysis.diagnostics.into_iter().next().expect("one");
    assert_eq!(key_at(&src, &diagnostic), "v", "{name}: at the variable");
    assert!(diagnostic.message.contains(name), "{name}: names the file: {}", diagnostic.message);
    diagnostic
}

const DEEP: usize = 100_000;

#[test]
fn a_yaml_file_100000_deep_in_block_style_is_refused() {
    let diagnostic = file_diagnostic("deep.yml", format!("{}x\n", "- ".repeat(DEEP)));
    assert!(diagnostic.message.contains("nest more than 128 deep"), "{}", diagnostic.message);
}

#[test]
fn a_yaml_file_100000_deep_in_flow_style_is_refused() {
    file_diagnostic("deep.yml", format!("{}x{}\n", "{a: ".repeat(DEEP), "}".repeat(DEEP)));
    file_diagnostic("deep.yaml", format!("{}{}\n", "[".repeat(DEEP), "]".repeat(DEEP)));
}

#[test]
fn a_json_file_100000_deep_is_refused() {
    file_diagnostic("deep.json", format!("{}1{}", "{\"a\": ".repeat(DEEP), "}".repeat(DEEP)));
    // Without an extension, read as JSON, then as YAML.
    file_diagnostic("deep", format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP)));
}

#[test]
fn an_svc_file_100000_deep_is_refused() {
    file_diagnostic("deep.svc", format!("x = {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP)));
}

#[test]
fn yaml_as_deep_as_the_limit_is_read() {
    let src = service(["v = ${file(./ok.yml)}".to_owned()]);
    let mut files = MemoryFiles::default();
    files.insert(format!("{BASE_DIR}/ok.yml"), format!("{}x\n", "- ".repeat(100)));
    let analysis = analysed_with(&src, files);
    assert!(analysis.diagnostics.is_empty(), "{:?}", analysis.diagnostics);
    let mut node = analysis.service.at(&Path::from("custom.v")).expect("v");
    let mut depth = 0;
    while let NodeKind::List(items) = &node.kind {
        node = &items[0];
        depth += 1;
    }
    assert_eq!((depth, node.as_str()), (100, Some("x")));
}

#[test]
fn a_cycle_through_two_files_notes_its_file_once() {
    let src = service(["v = \"${file(./a.yml):x}\"".to_owned()]);
    let mut files = MemoryFiles::default();
    files.insert(format!("{BASE_DIR}/a.yml"), "x: ${file(./b.yml):y}\n");
    files.insert(format!("{BASE_DIR}/b.yml"), "y: ${file(./a.yml):x}\n");
    let analysis = analysed_with(&src, files);
    assert_eq!(codes(&analysis), [Code::E0211], "{:?}", analysis.diagnostics);
    let message = &analysis.diagnostics[0].message;
    assert_eq!(message.matches("(in `").count(), 1, "{message}");
    assert!(message.ends_with("(in `file(./a.yml):x`)"), "{message}");
}

/// `n` bytes of deterministic noise (xorshift), as a file of random bytes
/// reads: lossily decoded, as the CLI and the language server decode it.
fn noise(n: usize) -> String {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn random_bytes_stop_the_lexer_after_1000_errors() {
    let src = noise(5 << 20);
    let analysis = analysed(&src);
    let syntax: Vec<&Diagnostic> = analysis.diagnostics.iter().filter(|d| d.code.as_str().starts_with("E01")).collect();
    let stop = syntax.iter().find(|d| d.code == Code::E0120).expect("E0120: the lexer stopped");
    assert!(stop.message.contains("stopped reading"), "{}", stop.message);
    let before =
        syntax.iter().filter(|d| d.code != Code::E0120 && d.primary.span.start <= stop.primary.span.start).count();
    assert!((1_000..=1_100).contains(&before), "{before} syntax errors before E0120");
    assert!(analysis.diagnostics.len() < 2_000, "{} diagnostics in all", analysis.diagnostics.len());
    assert!((stop.primary.span.start as usize) < src.len() / 10, "stopped at byte {}", stop.primary.span.start);
}

#[test]
fn a_file_with_fewer_errors_than_the_limit_is_read_to_the_end() {
    let src = service((0..900).map(|i| format!("k{i} = 1 ;")));
    let analysis = analysed(&src);
    assert!(!codes(&analysis).contains(&Code::E0120));
    assert_eq!(codes(&analysis).iter().filter(|c| **c == Code::E0101).count(), 900);
}

#[test]
fn a_hundred_thousand_values_each_read_by_a_reference_resolve() {
    let lines =
        (0..100_000).flat_map(|i| [format!("v{i} = \"value {i}\""), format!("r{i} = \"${{self:custom.v{i}}}!\"")]);
    let analysis = analysed(&service(lines));
    assert_eq!(codes(&analysis), Vec::<Code>::new());
    assert_eq!(resolved_str(&analysis, "custom.r0").as_deref(), Some("value 0!"));
    assert_eq!(resolved_str(&analysis, "custom.r99999").as_deref(), Some("value 99999!"));
}

#[test]
fn past_1000_syntax_errors_the_file_is_read_no_further() {
    let src = format!("{}\nprovider {{\n  memorySize = 2048\n}}\n", broken_lines(200_000, false));
    let analysis = analysed(&src);
    let stop = analysis.diagnostics.iter().find(|d| d.code == Code::E0120).expect("E0120");
    let read_to = stop.secondary.iter().find(|l| l.message.contains("read no further")).expect("where reading stopped");
    assert!(read_to.span.start > stop.primary.span.start && (read_to.span.start as usize) < src.len() / 10);
    // What comes after is not read: a memory size svc did not see is not
    // in the service.
    assert!(analysis.service.at(&Path::from("provider.memorySize")).is_none());
    assert_eq!(resolved_str(&analysis, "custom.after").as_deref(), Some("seen"));
}

/// `lines` broken lines (`= 1`: svc's characters, misplaced), in a block
/// or at the top, then a value the rest of the analysis must still see.
fn broken_lines(lines: usize, in_block: bool) -> String {
    let broken = "= 1\n".repeat(lines);
    let broken = if in_block { format!("custom {{\n{broken}}}\n") } else { broken };
    format!("{HEADER}  after = \"seen\"\n}}\n\n{broken}")
}

#[test]
fn a_flood_of_broken_lines_reports_1000_errors_then_e0120_and_checks_the_rest() {
    for in_block in [false, true] {
        let src = broken_lines(200_000, in_block);
        let analysis = analysed(&src);
        let syntax = analysis.diagnostics.iter().filter(|d| d.code.as_str().starts_with("E01")).count();
        assert_eq!(syntax, 1_001, "1,000 syntax errors and E0120 (in a block: {in_block})");
        let stop = analysis.diagnostics.iter().find(|d| d.code == Code::E0120).expect("E0120");
        assert!(stop.message.contains("stopped reporting"), "{}", stop.message);
        assert_eq!(resolved_str(&analysis, "custom.after").as_deref(), Some("seen"));
        if !in_block {
            // The 200,000 broken lines are one error item, not one each.
            let items = svc_compiler::parse(&src).file.items.len();
            assert!(items < 10, "{items} items");
        }
    }
}
