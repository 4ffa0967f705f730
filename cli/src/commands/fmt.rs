//! `svc fmt`: rewrite files in the canonical layout, or `--check` them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use similar::TextDiff;
use svc_compiler::format::{FormatError, format_source};

use crate::error::Error;
use crate::line_ending::LineEnding;
use crate::replace_file::replace_file;
use crate::{Outcome, Result, input, output};

/// Arguments of `svc fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (searched for `*.svc`) [default: ./service.svc]
    paths: Vec<PathBuf>,
    /// Change nothing: list the files that are not formatted, with a diff,
    /// and exit 1 if there are any.
    #[arg(long)]
    check: bool,
}

/// What happened to one file.
enum FileResult {
    Unchanged,
    Changed,
    Refused,
    /// Not read or not written, and why.
    Unreadable(String),
}

/// Runs `svc fmt`.
pub fn run(args: &Args) -> Result {
    let files = collect(&args.paths).map_err(Error::Failed)?;
    let results: Vec<FileResult> = files.iter().map(|path| format_one(path, args.check)).collect();
    let count = |f: fn(&FileResult) -> bool| results.iter().filter(|r| f(r)).count();
    let changed = count(|r| matches!(r, FileResult::Changed));
    let refused = count(|r| matches!(r, FileResult::Refused));
    let unreadable: Vec<&str> = results
        .iter()
        .filter_map(|r| match r {
            FileResult::Unreadable(message) => Some(message.as_str()),
            _ => None,
        })
        .collect();
    if !unreadable.is_empty() {
        return Err(Error::Failed(unreadable.join("; ")));
    }
    if args.check && changed > 0 {
        return Err(Error::Problem(format!("{} not formatted (run `svc fmt`)", output::plural(changed, "file"))));
    }
    Ok(if refused > 0 { Outcome::Problems } else { Outcome::Clean })
}

/// The files named, with folders expanded to their `*.svc` files.
fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    if paths.is_empty() {
        return Ok(vec![PathBuf::from(input::DEFAULT_FILE)]);
    }
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let walker =
            walkdir::WalkDir::new(path).sort_by_file_name().into_iter().filter_entry(|e| !is_skipped(e.path(), path));
        for entry in walker {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", path.display()))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "svc") {
                files.push(entry.into_path());
            }
        }
    }
    Ok(files)
}

/// Hidden folders, build output and dependencies are not searched.
fn is_skipped(path: &Path, root: &Path) -> bool {
    path != root
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
}

fn format_one(path: &Path, check: bool) -> FileResult {
    let file = match input::read(path) {
        Ok(file) => file,
        Err(message) => return FileResult::Unreadable(message),
    };
    let text = &file.decoded.text;
    if !file.decoded.diagnostics.is_empty() {
        output::human(path, text, &file.decoded.diagnostics);
        output::error(&format!("not formatted: {} is not valid UTF-8", path.display()));
        return FileResult::Refused;
    }
    let line_ending = LineEnding::of(text);
    match format_source(text).map(|formatted| line_ending.apply(formatted)) {
        Err(FormatError::Syntax(diagnostics)) => {
            output::human(path, text, &diagnostics);
            let n = output::plural(diagnostics.len(), "syntax error");
            output::error(&format!("not formatted: {} has {n}; fix them first", path.display()));
            FileResult::Refused
        }
        Ok(formatted) if formatted == *text => FileResult::Unchanged,
        Ok(formatted) if check => {
            print_diff(path, text, &formatted);
            FileResult::Changed
        }
        Ok(formatted) => write(path, &formatted),
    }
}

fn write(path: &Path, formatted: &str) -> FileResult {
    match replace_file(path, formatted.as_bytes()) {
        Ok(()) => {
            let _ = writeln!(anstream::stderr(), "formatted {}", path.display());
            FileResult::Changed
        }
        Err(error) => FileResult::Unreadable(format!("cannot write {error}")),
    }
}

/// How long the diff of one file may take: past it, the diff is coarser
/// (larger changed blocks) but still correct, so that `--check` on a
/// large file with thousands of changes finishes at once.
const DIFF_DEADLINE: Duration = Duration::from_millis(200);

fn print_diff(path: &Path, old: &str, new: &str) {
    let name = path.display().to_string();
    let diff = TextDiff::configure().timeout(DIFF_DEADLINE).diff_lines(old, new);
    let mut stdout = anstream::stdout();
    let _ = write!(stdout, "{}", diff.unified_diff().context_radius(2).header(&name, &format!("{name} (formatted)")));
}
