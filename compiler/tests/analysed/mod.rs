//! What the tests of the checks on the template svc makes share: a
//! service analysed in a folder holding its handler, its diagnostics of
//! one code, and the source text a diagnostic points at.

use std::path::PathBuf;

use svc_compiler::Diagnostic;
use svc_compiler::analysis::analyse;
use svc_compiler::diagnostic::Code;
use svc_compiler::files::MemoryFiles;
use svc_compiler::resolve::Options;

/// The diagnostics of `code` that the analysis of `src` (in `/s`, beside
/// a `handler.py`) reports.
pub fn found(src: &str, code: Code) -> Vec<Diagnostic> {
    let options = Options { base_dir: PathBuf::from("/s"), ..Options::default() };
    let mut files = MemoryFiles::default();
    files.insert("/s/handler.py", "def f(e, c):\n    return 1\n");
    analyse(src, &options, &files).diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// The source text under the primary span of `diagnostic`.
pub fn under<'a>(src: &'a str, diagnostic: &Diagnostic) -> &'a str {
    &src[diagnostic.primary.span.start as usize..diagnostic.primary.span.end as usize]
}
