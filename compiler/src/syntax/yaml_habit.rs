//! One error per pasted YAML habit. A YAML tag (E0121), an `events`
//! wrapper (E0122) or a `-` list (E0124) is reported once for all its
//! text; any other syntax diagnostic inside it is a consequence, not news:
//! it is dropped, and its fix (quoting a bare word inside `!Join [...]`,
//! rewriting a nested tag) joins the habit's fix when the habit has one.
//! The help of a tag or list with a fix then shows that whole fix applied:
//! `write \`join("-", ["a", ref(B)])\``.

use crate::diagnostic::{Code, Diagnostic, Edit};
use crate::span::Span;

/// The codes whose diagnostic stands for everything inside its span.
const HABITS: &[Code] = &[Code::E0107, Code::E0121, Code::E0122, Code::E0124];

/// The habits whose help shows their fix applied to their text, when it
/// fits on one line.
const SHOWN: &[Code] = &[Code::E0121, Code::E0124];

/// `diagnostics` with those inside a habit's span folded into it.
pub(crate) fn absorb(src: &str, diagnostics: &mut Vec<Diagnostic>) {
    if !diagnostics.iter().any(|d| HABITS.contains(&d.code)) {
        return;
    }
    // Innermost habits first, so an outer one takes the inner's whole fix.
    let mut order: Vec<usize> = (0..diagnostics.len()).filter(|&i| HABITS.contains(&diagnostics[i].code)).collect();
    order.sort_by_key(|&i| diagnostics[i].primary.span.len());
    let mut dropped = vec![false; diagnostics.len()];
    for habit in order {
        if dropped[habit] {
            continue;
        }
        let span = diagnostics[habit].primary.span;
        for inner in 0..diagnostics.len() {
            let inside = diagnostics[inner].primary.span;
            if inner == habit || dropped[inner] || inside.start < span.start || inside.end > span.end {
                continue;
            }
            dropped[inner] = true;
            let inner_edits = diagnostics[inner].fix.as_ref().map(|f| f.edits.clone()).unwrap_or_default();
            if let Some(fix) = diagnostics[habit].fix.as_mut() {
                let overlaps = inner_edits.iter().any(|e| {
                    let clash = |f: &Edit| e.span.start < f.span.end && f.span.start < e.span.end;
                    e.span.start < span.start || e.span.end > span.end || fix.edits.iter().any(clash)
                });
                if !overlaps {
                    // Inserted at one place, the inner text comes first: it
                    // closes (`)`, `"`) before the habit's own closer does.
                    let outer = std::mem::take(&mut fix.edits);
                    fix.edits = inner_edits.into_iter().chain(outer).collect();
                    fix.edits.sort_by_key(|e| (e.span.start, e.span.end));
                }
            }
        }
    }
    let mut keep = dropped.into_iter().map(|d| !d);
    diagnostics.retain(|_| keep.next().unwrap_or(true));
    for diagnostic in diagnostics.iter_mut().filter(|d| SHOWN.contains(&d.code)) {
        if let Some(fix) = &diagnostic.fix {
            let text = rewritten(src, diagnostic.primary.span, &fix.edits);
            if !text.contains('\n') {
                diagnostic.help = Some(format!("write `{text}`"));
            }
        }
    }
}

/// The text at `span` with `edits` (inside it, in order) applied.
fn rewritten(src: &str, span: Span, edits: &[Edit]) -> String {
    let mut text = String::new();
    let mut at = span.start as usize;
    for edit in edits {
        text.push_str(&src[at..edit.span.start as usize]);
        text.push_str(&edit.replacement);
        at = edit.span.end as usize;
    }
    text.push_str(&src[at..span.end as usize]);
    text
}
