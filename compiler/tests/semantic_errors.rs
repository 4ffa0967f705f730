//! Golden tests for semantic diagnostics: the value tree, variable
//! resolution and the checker.
//!
//! Each file in `tests/semantic/` (at the repository root) is a small
//! service, free of syntax errors, whose header says what one
//! [`analyse`] call must report:
//!
//! ```text
//! # expect: E0301 E0304
//! # stage: prod
//! # param: domain=example.com
//! # env: TABLE=users
//! # option: memory=512
//! # file: config.json {"memory": 512}
//! # unreadable: secrets.json
//! # known-bug: E0202 E0302 — the value is reported twice
//! ```
//!
//! `expect` is the exact multiset of codes (warnings included), sorted:
//! what svc *should* report. `known-bug` records what it reports today when
//! that differs, with why; the test then checks those codes instead, and
//! fails once the bug is fixed so that the line is removed.
//! `stage`, `param`, `env` and `option` (`--name value`) become the
//! resolver's [`Options`], whose `file_root` is the service's folder;
//! `file` puts a one-line file in memory beside the service (a path with
//! `..` may put it outside); `unreadable` is a file that exists but cannot be read. The
//! rendered diagnostics are snapshots (no colour) in
//! `snapshots/semantic/`, each followed by its machine fix, if any.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::diagnostic::{Diagnostic, RenderOptions, render};
use svc_compiler::files::{FileSystem, MemoryFiles};
use svc_compiler::resolve::Options;

/// Where `${file(...)}` paths of the fixtures are relative to.
const BASE_DIR: &str = "/service";

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/semantic");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/semantic exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|x| x == "svc"))
        .collect();
    files.sort();
    files
}

/// What a fixture's header asks for.
#[derive(Default)]
struct Header {
    expect: Vec<String>,
    known_bug: Option<Vec<String>>,
    options: Options,
    files: Files,
}

/// In-memory files, and names that exist but cannot be read.
#[derive(Default)]
struct Files {
    memory: MemoryFiles,
    unreadable: BTreeSet<PathBuf>,
}

impl FileSystem for Files {
    fn read(&self, path: &Path) -> io::Result<String> {
        if self.unreadable.contains(path) {
            return Err(io::Error::new(io::ErrorKind::PermissionDenied, "permission denied"));
        }
        self.memory.read(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.unreadable.contains(path) || self.memory.is_file(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.memory.is_dir(path) || self.unreadable.iter().any(|file| file.starts_with(path))
    }

    fn canonical(&self, path: &Path) -> io::Result<PathBuf> {
        self.memory.canonical(path)
    }
}

fn pair<'a>(text: &'a str, what: &str, path: &Path) -> (&'a str, &'a str) {
    text.split_once('=').unwrap_or_else(|| panic!("{path:?}: `# {what}:` takes NAME=value"))
}

fn header(src: &str, path: &Path) -> Header {
    // `${file(...)}` reads only inside the service's folder, as the front
    // ends set it up for a service outside any repository.
    let options = Options { base_dir: BASE_DIR.into(), file_root: Some(BASE_DIR.into()), ..Options::default() };
    let mut header = Header { options, ..Header::default() };
    let mut lines = src.lines();
    let first = lines.next().unwrap_or_default();
    let codes = first.strip_prefix("# expect:").unwrap_or_else(|| panic!("{path:?}: first line is `# expect: CODES`"));
    header.expect = codes.split_whitespace().map(str::to_owned).collect();
    for line in lines {
        let Some(rest) = line.strip_prefix("# ") else { break };
        let Some((name, value)) = rest.split_once(':') else { break };
        let value = value.trim();
        match name {
            "stage" => header.options.stage = Some(value.to_owned()),
            "param" => {
                let (k, v) = pair(value, name, path);
                header.options.params.push((k.to_owned(), v.to_owned()));
            }
            "env" => {
                let (k, v) = pair(value, name, path);
                header.options.env.insert(k.to_owned(), v.to_owned());
            }
            "option" => {
                let (k, v) = pair(value, name, path);
                header.options.other.insert(k.to_owned(), v.to_owned());
            }
            "file" => {
                let (file, content) = value.split_once(' ').unwrap_or((value, ""));
                header.files.memory.insert(Path::new(BASE_DIR).join(file), content);
            }
            "known-bug" => {
                let codes = value.split_whitespace().take_while(|w| is_code(w)).map(str::to_owned).collect();
                header.known_bug = Some(codes);
            }
            "unreadable" => {
                header.files.unreadable.insert(Path::new(BASE_DIR).join(value));
            }
            // A comment such as `# Note: …`; a lower-case word is a mistyped header.
            _ if name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') => {
                panic!("{path:?}: unknown header `# {name}:`")
            }
            _ => break,
        }
    }
    header
}

/// `E0301`, `W0302`.
fn is_code(word: &str) -> bool {
    word.len() == 5 && (word.starts_with('E') || word.starts_with('W')) && word[1..].bytes().all(|b| b.is_ascii_digit())
}

struct Fixture {
    name: String,
    src: String,
    header: Header,
    analysis: Analysis,
}

fn analysed() -> Vec<Fixture> {
    fixtures()
        .into_iter()
        .map(|path| {
            let src = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            let name = path.file_stem().and_then(|s| s.to_str()).expect("file name").to_owned();
            let header = header(&src, &path);
            let analysis = analyse(&src, &header.options, &header.files);
            Fixture { name, src, header, analysis }
        })
        .collect()
}

/// The diagnostic as the terminal shows it, then its fix.
fn rendered(diagnostic: &Diagnostic, name: &str, src: &str) -> String {
    let options = RenderOptions { color: false, ascii: false };
    let mut out = render(diagnostic, &format!("{name}.svc"), src, options);
    if let Some(fix) = &diagnostic.fix {
        out.push_str(&format!("fix: {}\n", fix.message));
        for edit in &fix.edits {
            let old = &src[edit.span.range()];
            out.push_str(&format!(
                "  replace {old:?} at {}..{} with {:?}\n",
                edit.span.start, edit.span.end, edit.replacement
            ));
        }
    }
    out
}

#[test]
fn every_fixture_reports_exactly_its_codes_in_one_pass() {
    let fixtures = analysed();
    assert!(fixtures.len() >= 45, "at least 45 semantic fixtures, found {}", fixtures.len());
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let Fixture { name, src, header, analysis } = fixture;
        let mut sorted = header.expect.clone();
        sorted.sort();
        assert_eq!(header.expect, sorted, "{name}: list the expected codes sorted");
        let mut codes: Vec<String> = analysis.diagnostics.iter().map(|d| d.code.to_string()).collect();
        codes.sort();
        match &header.known_bug {
            None if codes != header.expect => {
                failures.push(format!("{name}: expected {:?}, got {codes:?}", header.expect));
            }
            Some(_) if codes == header.expect => {
                failures.push(format!("{name}: the known bug is fixed; remove its `# known-bug:` line"));
            }
            Some(today) if codes != *today => {
                failures.push(format!("{name}: expected {:?} (known bug: {today:?}), got {codes:?}", header.expect));
            }
            _ => {}
        }
        let rendered: String = analysis.diagnostics.iter().map(|d| rendered(d, name, src)).collect();
        insta::with_settings!({ snapshot_path => "snapshots/semantic", prepend_module_to_snapshot => false, description => src.clone(), omit_expression => true }, {
            insta::assert_snapshot!(name.as_str(), rendered);
        });
    }
    assert!(failures.is_empty(), "codes differ:\n{}", failures.join("\n"));
}

#[test]
fn fixtures_have_no_syntax_errors() {
    for fixture in analysed() {
        let syntax: Vec<String> =
            svc_compiler::parse(&fixture.src).diagnostics.iter().map(|d| d.code.to_string()).collect();
        assert!(syntax.is_empty(), "{}: syntax errors {syntax:?}; semantic fixtures must parse", fixture.name);
    }
}

#[test]
fn every_diagnostic_has_a_span_inside_the_source_and_a_message() {
    for Fixture { name, src, analysis, .. } in analysed() {
        for diagnostic in &analysis.diagnostics {
            let code = diagnostic.code;
            let labels = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary);
            for label in labels {
                let span = label.span;
                assert!(span.start <= span.end, "{name} {code}: span {span:?} runs backwards");
                assert!(span.end as usize <= src.len(), "{name} {code}: span {span:?} past the end");
                assert!(
                    src.is_char_boundary(span.start as usize) && src.is_char_boundary(span.end as usize),
                    "{name} {code}: span {span:?} splits a character"
                );
                assert!(!label.message.trim().is_empty(), "{name} {code}: a label without a message");
            }
            assert!(!diagnostic.message.trim().is_empty(), "{name} {code}: no message");
            assert!(!code.info().explanation.is_empty(), "{name} {code}: no explanation");
            if let Some(fix) = &diagnostic.fix {
                for edit in &fix.edits {
                    let range = edit.span.range();
                    assert!(
                        range.end <= src.len() && src.is_char_boundary(range.start) && src.is_char_boundary(range.end)
                    );
                }
            }
        }
    }
}

#[test]
fn no_problem_is_reported_twice_at_the_same_place() {
    for Fixture { name, analysis, .. } in analysed() {
        let mut seen = BTreeSet::new();
        for diagnostic in &analysis.diagnostics {
            let key = (diagnostic.code, diagnostic.primary.span);
            assert!(seen.insert(key), "{name}: {} twice at {:?}", diagnostic.code, diagnostic.primary.span);
        }
    }
}

#[test]
fn every_semantic_code_in_the_registry_is_exercised_by_a_fixture() {
    let seen: BTreeSet<String> = analysed().into_iter().flat_map(|f| f.header.expect).collect();
    let missing: Vec<&str> = svc_compiler::Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|code| ["E02", "E03", "W03"].iter().any(|p| code.starts_with(p)))
        .filter(|code| !seen.contains(*code))
        .collect();
    assert!(missing.is_empty(), "no fixture in tests/semantic/ for {missing:?}");
}
