//! `svc print`'s canonical svc ([`print::to_svc`]) of every bundled service
//! (the examples and the `svc print` reference cases) is already formatted,
//! parses without error, and describes the same service: printing it again
//! gives the same JSON.

mod common;

use common::{Disk, bundled_services, options};
use svc_compiler::analysis::analyse_configuration;
use svc_compiler::format::format_source;
use svc_compiler::print;

#[test]
fn printed_svc_is_formatted_and_prints_the_same_service() {
    let mut checked = 0;
    for service in bundled_services() {
        let src = std::fs::read_to_string(&service).expect("readable");
        let options = options(&service);
        let printed = print::service(analyse_configuration(&src, &options, &Disk));
        if printed.diagnostics.iter().any(|d| d.is_error()) {
            // Cases that need command-line options (see their `args`).
            continue;
        }
        let text = print::to_svc(&printed.tree);
        let formatted = format_source(&text).unwrap_or_else(|e| panic!("{}: {e:?}\n{text}", service.display()));
        assert_eq!(formatted, text, "{}: to_svc output is not in canonical layout", service.display());
        let again = print::service(analyse_configuration(&text, &options, &Disk));
        let errors: Vec<_> = again.diagnostics.iter().filter(|d| d.is_error()).map(|d| &d.message).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}\n{text}", service.display());
        assert_eq!(print::to_json(&again.tree), print::to_json(&printed.tree), "{}:\n{text}", service.display());
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} services printed without errors");
}
