//! A lowering for names only ([`Purpose::Names`], what `check` and the
//! language server use to learn which resources svc generates) makes the
//! same resources, of the same types and in the same order, as the
//! lowering that builds the template; only a version's hash is left out.

mod common;

use common::{Disk, bundled_services, options};
use svc_compiler::analysis::analyse;
use svc_compiler::lower::{Context, Purpose, lower};
use svc_compiler::naming;

/// Each resource's logical ID and type, a version's hash replaced by
/// [`naming::UNHASHED`].
fn resources(service: &svc_compiler::tree::Node, purpose: Purpose) -> Vec<(String, String)> {
    let context = Context { stage: "dev".to_owned(), purpose, ..Context::default() };
    let (template, _) = lower(service, &context);
    let unhashed = |id: &str, kind: &str| match naming::lambda_version_prefix(id) {
        Some(prefix) if kind == "AWS::Lambda::Version" => format!("{prefix}{}", naming::UNHASHED),
        _ => id.to_owned(),
    };
    template.resource_types().map(|(id, kind)| (unhashed(id, kind), kind.to_owned())).collect()
}

#[test]
fn names_only_lowering_makes_the_same_resources() {
    let mut compared = 0;
    let mut versions = 0;
    for service in bundled_services() {
        let src = std::fs::read_to_string(&service).expect("readable");
        let analysis = analyse(&src, &options(&service), &Disk);
        let built = resources(&analysis.service, Purpose::Deploy);
        let named = resources(&analysis.service, Purpose::Names);
        assert_eq!(named, built, "{}", service.display());
        versions += named.iter().filter(|(id, _)| id.ends_with(naming::UNHASHED)).count();
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} services compared");
    assert!(versions >= 20, "only {versions} function versions compared");
}
