//! Any bytes → `decode` → `parse`: never panics, and every diagnostic
//! points inside the text, on UTF-8 character boundaries.

#![no_main]

#[path = "common/spans.rs"]
mod spans;

use libfuzzer_sys::fuzz_target;
use spans::check_spans;
use svc_compiler::parse;
use svc_compiler::source::decode;

fuzz_target!(|data: &[u8]| {
    let decoded = decode(data);
    let text = decoded.text.as_str();
    check_spans(text, "decode", &decoded.diagnostics);
    let parsed = parse(text);
    check_spans(text, "parse", &parsed.diagnostics);
});
