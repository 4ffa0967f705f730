//! Any bytes → `decode`; when the text parses without errors, the
//! formatter must accept it, its output must parse without errors, and
//! formatting is idempotent: `format(format(x)) == format(x)`.
//!
//! Written against the public API only (`parse`, `format_source`), so it
//! needs no change when the real formatter replaces the placeholder.

#![no_main]

use libfuzzer_sys::fuzz_target;
use svc_compiler::format::format_source;
use svc_compiler::parse;
use svc_compiler::source::decode;

fuzz_target!(|data: &[u8]| {
    let text = decode(data).text;
    if parse(&text).has_errors() {
        // The formatter refuses such sources by design.
        return;
    }
    let once = match format_source(&text) {
        Ok(formatted) => formatted,
        Err(error) => {
            panic!("format_source refused a source that parses without errors: {error:?}\n--- source ---\n{text}")
        }
    };
    let reparsed = parse(&once);
    assert!(
        !reparsed.has_errors(),
        "the formatted text has syntax errors: {:#?}\n--- source ---\n{text}\n--- formatted ---\n{once}",
        reparsed.diagnostics
    );
    let twice = match format_source(&once) {
        Ok(formatted) => formatted,
        Err(error) => panic!("format_source refused its own output: {error:?}\n--- formatted ---\n{once}"),
    };
    assert!(once == twice, "formatting is not idempotent\n--- once ---\n{once}\n--- twice ---\n{twice}");
});
