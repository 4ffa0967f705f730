//! CloudFormation's per-stack limits, counted on what svc generates: a
//! service over one gets E0415 from `svc check` (the analysis), at the
//! service's name, with the count and who makes the most.

mod analysed;

use analysed::{found, under};
use svc_compiler::diagnostic::Code;

/// A service of `functions` functions, each with an HTTP route and a
/// schedule, and `more` as written at its end.
fn service(functions: usize, more: &str) -> String {
    let mut src = String::from("service = \"limits\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\n");
    for i in 0..functions {
        src.push_str(&format!(
            "function f{i} {{\n  handler  = \"handler.f{i}\"\n  httpApi  = \"GET /f{i}\"\n  schedule = \"rate(1 hour)\"\n}}\n\n"
        ));
    }
    src.push_str(more);
    src
}

fn e0415(src: &str) -> Vec<svc_compiler::Diagnostic> {
    found(src, Code::E0415)
}

#[test]
fn a_hundred_functions_with_a_route_and_a_schedule_are_over_500_resources() {
    let src = service(100, "");
    let found = e0415(&src);
    assert_eq!(found.len(), 1, "{found:#?}");
    let error = &found[0];
    assert!(
        error.message.starts_with("the stack would have ")
            && error.message.ends_with(" resources, over CloudFormation's 500"),
        "{}",
        error.message
    );
    let count: usize =
        error.message["the stack would have ".len()..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count");
    assert!(count > 700, "{count}");
    assert_eq!(under(&src, error), "\"limits\"");
    let help = error.help.as_deref().unwrap_or_default();
    assert!(help.starts_with("100 functions make 600 (the most: `f0` 6, `f1` 6, `f10` 6), their APIs, routes, rules, roles and the bucket "), "{help}");
    assert!(
        help.ends_with(
            "split the service into several services (stacks), or move functions that share nothing into their own"
        ),
        "{help}"
    );

    // Fifty of them are within the limit.
    assert!(e0415(&service(50, "")).is_empty());
}

#[test]
fn outputs_and_long_logical_ids_are_counted_too() {
    let outputs: String = (0..201).map(|i| format!("output Out{i} {{\n  value = \"v\"\n}}\n\n")).collect();
    let found = e0415(&service(1, &outputs));
    assert!(found.iter().any(|d| d.message.contains("outputs, over CloudFormation's 200")), "{found:#?}");

    let long = "Q".repeat(256);
    let src = service(1, &format!("resource {long} \"AWS::SQS::Queue\" {{}}\n"));
    let found = e0415(&src);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("is 256 characters, over CloudFormation's 255"), "{}", found[0].message);
    assert_eq!(under(&src, &found[0]), long);
}
