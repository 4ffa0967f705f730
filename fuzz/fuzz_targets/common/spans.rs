//! The span checks shared by the targets.

use svc_compiler::{Diagnostic, Span};

/// Every span of every diagnostic (primary, secondary labels, fix edits)
/// is a well-formed range inside `text` whose ends are char boundaries.
pub fn check_spans(text: &str, stage: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let fix_spans = d.fix.iter().flat_map(|fix| fix.edits.iter().map(|edit| ("fix edit", edit.span)));
        let labels = std::iter::once(("primary label", d.primary.span))
            .chain(d.secondary.iter().map(|label| ("secondary label", label.span)))
            .chain(fix_spans);
        for (what, span) in labels {
            check_span(text, span, || format!("{stage} {} `{}`: {what}", d.code, d.message));
        }
    }
}

fn check_span(text: &str, span: Span, context: impl Fn() -> String) {
    let (start, end) = (span.start as usize, span.end as usize);
    assert!(start <= end, "{}: span {start}..{end} is reversed", context());
    assert!(end <= text.len(), "{}: span {start}..{end} ends past the text ({} bytes)", context(), text.len());
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{}: span {start}..{end} is not on char boundaries",
        context()
    );
}
