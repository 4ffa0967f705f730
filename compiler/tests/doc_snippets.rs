//! Every svc snippet of the documentation (`README.md`, `docs/*.md`) is
//! checked, so that what a newcomer copies works.
//!
//! Every fenced code block carries a language tag (an untagged block could
//! be svc that escapes the check). A ```` ```svc ```` block is one of:
//!
//! - a whole service: [`analyse`] must report nothing, not even a warning;
//! - `# expect: E0106 E0107` on its first line: a service that shows
//!   problems; exactly these codes (sorted, warnings included);
//! - `# fragment: CONTEXT` on its first line: part of a service, analysed
//!   where CONTEXT says in the minimal service of [`CONTEXTS`] (`service`:
//!   at the top level; `provider`, `function`, `custom`: inside that
//!   block); it must report nothing;
//! - `# from PATH` on its first line: an excerpt of the repository's file
//!   PATH: its lines (blank ones aside) are lines of that file, in order,
//!   and the file, analysed whole, reports nothing.
//!
//! Snippets are analysed with no options, no environment and no files.

use std::path::{Path, PathBuf};

use svc_compiler::analysis::analyse;
use svc_compiler::files::MemoryFiles;
use svc_compiler::resolve::Options;

/// The minimal services a fragment is checked in: `{}` is where its lines
/// go.
const CONTEXTS: &[(&str, &str)] = &[
    ("service", "service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\n{}\n"),
    ("provider", "service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n{}\n}\n"),
    (
        "function",
        "service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\nfunction demo {\n  handler = \"handler.main\"\n{}\n}\n",
    ),
    ("custom", "service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\ncustom {\n{}\n}\n"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The documents whose snippets are checked, sorted.
fn documents() -> Vec<PathBuf> {
    let mut documents = vec![root().join("README.md")];
    let docs = std::fs::read_dir(root().join("docs")).expect("docs/ exists");
    documents.extend(docs.map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|x| x == "md")));
    documents.sort();
    documents
}

/// A fenced code block.
struct Block {
    /// `README.md:12`, where its opening fence is.
    place: String,
    /// The fence's language tag (`svc`, `sh`, …; empty when untagged).
    tag: String,
    /// Its lines, without the fence's indentation.
    text: String,
}

/// The fenced code blocks of a Markdown document.
fn blocks(document: &Path) -> Vec<Block> {
    let name = document.strip_prefix(root()).unwrap_or(document).display().to_string();
    let text = std::fs::read_to_string(document).expect("readable document");
    let mut blocks = Vec::new();
    let mut open: Option<(Block, usize)> = None;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match open.take() {
            None => {
                if let Some(tag) = trimmed.strip_prefix("```") {
                    let place = format!("{name}:{}", number + 1);
                    let indent = line.len() - trimmed.len();
                    open = Some((Block { place, tag: tag.trim().to_owned(), text: String::new() }, indent));
                }
            }
            Some((block, _)) if trimmed == "```" => blocks.push(block),
            Some((mut block, indent)) => {
                block.text.push_str(line.get(indent..).unwrap_or(line.trim_start()));
                block.text.push('\n');
                open = Some((block, indent));
            }
        }
    }
    assert!(open.is_none(), "{name}: a code block is not closed");
    blocks
}

/// The codes the analysis of `src` reports, sorted.
fn codes(src: &str) -> Vec<String> {
    let analysis = analyse(src, &Options::default(), &MemoryFiles::default());
    let mut codes: Vec<String> = analysis.diagnostics.iter().map(|d| d.code.to_string()).collect();
    codes.sort();
    codes
}

/// Checks one svc snippet; `Err` with what is wrong.
fn check(block: &Block) -> Result<(), String> {
    let first = block.text.lines().next().unwrap_or_default();
    if let Some(expected) = first.strip_prefix("# expect:") {
        let expected: Vec<String> = expected.split_whitespace().map(str::to_owned).collect();
        let got = codes(&block.text);
        return if got == expected { Ok(()) } else { Err(format!("expected {expected:?}, got {got:?}")) };
    }
    if let Some(context) = first.strip_prefix("# fragment:") {
        let context = context.trim();
        let (_, service) =
            CONTEXTS.iter().find(|(name, _)| *name == context).ok_or(format!("no fragment context `{context}`"))?;
        let got = codes(&service.replace("{}", block.text.trim_end()));
        return if got.is_empty() { Ok(()) } else { Err(format!("in a {context}, reports {got:?}")) };
    }
    if let Some(path) = first.strip_prefix("# from ") {
        let file = std::fs::read_to_string(root().join(path.trim())).map_err(|e| format!("{path}: {e}"))?;
        let mut lines = file.lines();
        for wanted in block.text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            if !lines.any(|line| line.trim_end() == wanted.trim_end()) {
                return Err(format!("`{wanted}` is not in {path} (or not in this order)"));
            }
        }
        let got = codes(&file);
        return if got.is_empty() { Ok(()) } else { Err(format!("{path} reports {got:?}")) };
    }
    let got = codes(&block.text);
    if got.is_empty() {
        Ok(())
    } else {
        Err(format!("reports {got:?}; a snippet that shows an error says `# expect:`"))
    }
}

#[test]
fn every_svc_snippet_of_the_docs_analyses_as_it_says() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for document in documents() {
        for block in blocks(&document) {
            if block.tag.is_empty() {
                failures
                    .push(format!("{}: the code block has no language tag (```svc, ```sh, ```text, …)", block.place));
            } else if block.tag == "svc" {
                checked += 1;
                if let Err(why) = check(&block) {
                    failures.push(format!("{}: {why}\n{}", block.place, block.text));
                }
            }
        }
    }
    assert!(checked >= 20, "expected the snippets of README.md and docs/, found {checked}");
    assert!(failures.is_empty(), "{} snippets fail:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn a_wrong_snippet_fails_its_check() {
    let block = |text: &str| Block { place: "test".to_owned(), tag: "svc".to_owned(), text: text.to_owned() };
    let whole = "service = \"demo\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n";
    assert_eq!(check(&block(whole)).map_err(|_| ()), Ok(()));
    assert!(check(&block("service = \"demo\"\n")).is_err(), "no provider");
    assert!(check(&block(&format!("# expect: E0107\n{whole}"))).is_err(), "a missing expected code");
    assert!(check(&block("# fragment: function\n  memorySize = \"big\"\n")).is_err(), "a wrong type in a fragment");
    assert!(check(&block("# fragment: cellar\n  a = 1\n")).is_err(), "an unknown context");
    let excerpt = "# from examples/aws-python-http-api/service.svc\nfunction hello {\n  memorySize = 9\n}\n";
    assert!(check(&block(excerpt)).is_err(), "a line the example does not have");
}
