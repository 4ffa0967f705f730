//! `events` written inside a function, as serverless.yml nests them. In
//! svc each event is a block (or a short attribute) of the function
//! itself: `httpApi { … }`, `schedule = "rate(1 hour)"`.
//!
//! An `events { … }` block is reported (E0122) with a fix that unwraps
//! it, and its body is read as if written in the function, so nothing
//! more is reported. A YAML list of events (`events:` then `- http:`) is
//! found by [`super::yaml_list`], which reports it with [`yaml_events`]:
//! its fix is the events as `svc import` writes them.

use crate::diagnostic::{Code, Diagnostic, Edit};
use crate::span::Span;

use super::ast::{Block, Item};
use super::yaml_import;
use super::yaml_list::line_start;

/// E0122 at `span`, without a fix.
fn events_go_in_the_function(span: Span) -> Diagnostic {
    Diagnostic::error(Code::E0122, "events go directly in the function block", span, "no `events` wrapper in svc")
        .with_help(
            "write each event in the function itself: as a block, `httpApi {` with one setting a line and \
             `}`, or in its short form, `httpApi = \"GET /\"`",
        )
}

/// E0122 for the YAML list of events at `span` (from `events:`, or the
/// first `-`, to the end of the last item), whose items start on the line
/// at `items_from`. The fix is what `svc import` makes of the items, in
/// place of the list, when it imports them without a warning.
pub(crate) fn yaml_events(src: &str, span: Span, items_from: usize) -> Diagnostic {
    let diagnostic = events_go_in_the_function(span);
    let items = yaml_import::lines(src, items_from, span.end as usize, 4);
    let yaml = format!("functions:\n  f:\n    events:\n{items}");
    match yaml_import::replace(src, span, &yaml, Some("function f {")) {
        Some(edit) => diagnostic.with_edits("Write the events in the function", vec![edit]),
        None => diagnostic,
    }
}

/// Reports every `events { … }` block of a top-level `function` and
/// splices its body into the function.
pub(crate) fn unwrap(src: &str, items: &mut [Item], diagnostics: &mut Vec<Diagnostic>) {
    for item in items {
        let Item::Block(function) = item else { continue };
        let has_wrapper = function.body.iter().any(|item| matches!(item, Item::Block(b) if is_wrapper(b)));
        if function.kind.text != "function" || !has_wrapper {
            continue;
        }
        let body = std::mem::take(&mut function.body);
        for inner in body {
            match inner {
                Item::Block(events) if is_wrapper(&events) => {
                    diagnostics.push(report(src, &events));
                    function.body.extend(events.body);
                }
                other => function.body.push(other),
            }
        }
    }
}

/// Whether `block` is `events { … }`.
fn is_wrapper(block: &Block) -> bool {
    block.kind.text == "events" && block.labels.is_empty()
}

/// E0122 for the block `events`, with a fix that removes its first and
/// last lines and takes its body out by one level of indentation.
fn report(src: &str, events: &Block) -> Diagnostic {
    let diagnostic = events_go_in_the_function(events.kind.span);
    match unwrap_edits(src, events) {
        Some(edits) => diagnostic.with_edits("Move the events into the function", edits),
        None => diagnostic,
    }
}

/// The edits that unwrap `events { … }`: on one line, the block becomes
/// what it holds; on several, its `{` must end its first line and its `}`
/// stand alone on its last.
fn unwrap_edits(src: &str, events: &Block) -> Option<Vec<Edit>> {
    let start = events.span.start as usize;
    let end = events.span.end as usize;
    let written = &src[start..end];
    if !written.contains('\n') {
        let inner = written.split_once('{')?.1.strip_suffix('}')?.trim();
        let replacement = inner.to_owned();
        return (!inner.is_empty()).then(|| vec![Edit { span: events.span, replacement }]);
    }
    let first_line_start = line_start(src, start);
    let open_line_end = start + src[start..].find('\n')?;
    let close_line_start = src[..end].rfind('\n')? + 1;
    let close_line_end = src[end..].find('\n').map_or(src.len(), |n| end + n + 1);
    let layout = |from: usize, to: usize| src[from..to].trim().is_empty();
    let opens = src[start..open_line_end].trim_end().ends_with('{');
    let closes = src[..end].ends_with('}') && close_line_start < end;
    if !opens || !closes || open_line_end >= close_line_start {
        return None;
    }
    if !layout(close_line_start, end - 1) || !layout(end, close_line_end) {
        return None;
    }
    let blanks = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let body = &src[open_line_end + 1..close_line_start];
    let outer = start - first_line_start;
    let level = body.lines().find(|l| !l.trim().is_empty()).map_or(0, |l| blanks(l).saturating_sub(outer));
    let mut edits = vec![Edit { span: Span::new(first_line_start, open_line_end + 1), replacement: String::new() }];
    let mut line = open_line_end + 1;
    while line < close_line_start {
        let next = src[line..].find('\n').map_or(src.len(), |n| line + n + 1);
        let take = level.min(blanks(&src[line..next]).saturating_sub(outer));
        if take > 0 && !src[line..next].trim().is_empty() {
            edits.push(Edit { span: Span::new(line + outer, line + outer + take), replacement: String::new() });
        }
        line = next;
    }
    edits.push(Edit { span: Span::new(close_line_start, close_line_end), replacement: String::new() });
    Some(edits)
}
