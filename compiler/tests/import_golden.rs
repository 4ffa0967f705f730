//! Golden snapshots of what `svc import` writes for ten varied
//! serverless.yml files of the reference suites (`tests/package/`,
//! `tests/print/`): reviewed by hand for readability — events in their
//! shortest form where the YAML gives it, blocks where clearer, CloudFormation
//! as svc's calls, variables and comments kept. A change of the importer's
//! output shows here as a diff to review.

use std::path::Path;

/// The cases: a mix of events, resources, variables, parameters and IAM.
const CASES: &[&str] = &[
    "package/http-api",
    "package/rest-api",
    "package/sqs-sns",
    "package/layers",
    "package/resources-outputs",
    "package/iam",
    "print/resources-short-tags",
    "print/fallback-chain",
    "print/params-stage",
    "print/custom-deep",
];

#[test]
fn imported_services_read_well() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests");
    for case in CASES {
        let yaml = std::fs::read_to_string(root.join(case).join("serverless.yml")).expect("serverless.yml");
        let imported = svc_compiler::import::import(&yaml).expect("imports");
        let name = case.replace('/', "__");
        insta::with_settings!({ snapshot_path => "snapshots/import", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, imported.svc);
        });
    }
}
