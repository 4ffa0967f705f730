//! YAML pasted into svc, rewritten as `svc import` writes it: the fix of a
//! YAML mapping (E0107), of a YAML list of events (E0122) and of a `-`
//! list of mappings (E0124).

use crate::diagnostic::Edit;
use crate::span::Span;

use super::yaml_list::line_start;

/// The edit that puts, in place of `span`, the svc that `svc import`
/// writes for the serverless.yml `yaml`: all of it, or with `block`
/// (`function f {`) the body of that block, one level of indentation out;
/// each line after the first indented as `span`'s first line. `None` when
/// the import fails or warns, or when `span` does not start its line.
pub(crate) fn replace(src: &str, span: Span, yaml: &str, block: Option<&str>) -> Option<Edit> {
    let start = span.start as usize;
    let indent = &src[line_start(src, start)..start];
    let imported = crate::import::import(yaml).ok().filter(|i| i.warnings.is_empty() && indent.trim().is_empty())?;
    let lines = imported.svc.lines();
    let body: Vec<&str> = match block {
        Some(block) => lines
            .skip_while(|line| *line != block)
            .skip(1)
            .take_while(|line| *line != "}")
            .map(|line| line.strip_prefix("  ").unwrap_or(line))
            .collect(),
        None => lines.collect(),
    };
    (!body.is_empty()).then(|| Edit { span, replacement: body.join(&format!("\n{indent}")) })
}

/// The lines of `src` from `from` (a line start) to `to`, each moved right
/// by `by` blanks: items of a YAML list, under a key `svc import` reads.
pub(crate) fn lines(src: &str, from: usize, to: usize, by: usize) -> String {
    let prefix = " ".repeat(by);
    src[from..to].lines().map(|line| format!("{prefix}{line}\n")).collect()
}
