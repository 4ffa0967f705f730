//! A lowering for names only ([`Purpose::Names`], what `check` and the
//! language server use to learn which resources svc generates) makes the
//! same resources, of the same types and in the same order, as the
//! lowering that builds the template; only a version's hash is left out.

mod common;

use common::{Disk, bundled_services, options};
use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::lower::{Context, Purpose, lower};
use svc_compiler::{Diagnostic, naming};

/// Each resource's logical ID and type, a version's hash replaced by
/// [`naming::UNHASHED`].
fn resources(analysis: &Analysis, purpose: Purpose) -> (Vec<(String, String)>, Vec<Diagnostic>) {
    let context = Context { settings: analysis.settings.clone(), purpose, ..Context::default() };
    let (template, diagnostics) = lower(&analysis.service, &context);
    let unhashed = |id: &str, kind: &str| match naming::lambda_version_prefix(id) {
        Some(prefix) if kind == "AWS::Lambda::Version" => format!("{prefix}{}", naming::UNHASHED),
        _ => id.to_owned(),
    };
    (template.resource_types().map(|(id, kind)| (unhashed(id, kind), kind.to_owned())).collect(), diagnostics)
}

#[test]
fn names_only_lowering_makes_the_same_resources() {
    let mut compared = 0;
    let mut versions = 0;
    for service in bundled_services() {
        let src = std::fs::read_to_string(&service).expect("readable");
        let analysis = analyse(&src, &options(&service), &Disk);
        let (built, build_diagnostics) = resources(&analysis, Purpose::Deploy);
        let (named, names_diagnostics) = resources(&analysis, Purpose::Names);
        assert_eq!(named, built, "{}", service.display());
        // What `svc check` reports of lowering is what `svc build` finds.
        assert_eq!(names_diagnostics, build_diagnostics, "{}", service.display());
        versions += named.iter().filter(|(id, _)| id.ends_with(naming::UNHASHED)).count();
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} services compared");
    assert!(versions >= 20, "only {versions} function versions compared");
}
