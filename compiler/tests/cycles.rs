//! E0416: a function or resource that needs itself, directly or through
//! a ring, which CloudFormation refuses ("Circular dependency between
//! resources"), reported by the analysis at the reference, with the ring.

mod analysed;

use analysed::{found, under};
use svc_compiler::diagnostic::Code;

const HEAD: &str = "service = \"rings\"\n\nprovider aws {\n  runtime = \"python3.12\"\n}\n\n";

fn e0416(body: &str) -> (String, Vec<svc_compiler::Diagnostic>) {
    let src = format!("{HEAD}{body}");
    let errors = found(&src, Code::E0416);
    (src, errors)
}

#[test]
fn a_function_that_refers_to_itself() {
    let (src, found) = e0416(
        "function hello {\n  handler = \"handler.f\"\n  environment {\n    SELF = getAtt(HelloLambdaFunction.Arn)\n  }\n}\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "function `hello` refers to itself, which CloudFormation cannot create");
    assert_eq!(under(&src, &found[0]), "HelloLambdaFunction");
}

#[test]
fn a_role_statement_on_the_function_it_serves_is_a_ring() {
    let body = "provider aws {\n  iam {\n    role {\n      statements = [{ Effect = \"Allow\", Action = \"lambda:InvokeFunction\", Resource = getAtt(HelloLambdaFunction.Arn) }]\n    }\n  }\n}\n\nfunction hello {\n  handler = \"handler.f\"\n}\n";
    let src = format!(
        "service = \"rings\"\n\n{}",
        body.replacen("provider aws {\n", "provider aws {\n  runtime = \"python3.12\"\n", 1)
    );
    let found = found(&src, Code::E0416);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "circular dependency: function `hello` → the role svc makes (`provider.iam.role.statements`) → function `hello`"
    );
}

#[test]
fn two_resources_that_need_each_other_and_none_that_do_not() {
    let (src, found) = e0416(
        "resource A \"AWS::SNS::Topic\" {\n  TopicName = getAtt(B.QueueName)\n}\n\nresource B \"AWS::SQS::Queue\" {\n  dependsOn = [\"A\"]\n}\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "circular dependency: resource `A` → resource `B` → resource `A`");
    assert_eq!(under(&src, &found[0]), "B");
    let (_, none) = e0416(
        "function hello {\n  handler = \"handler.f\"\n  environment {\n    TOPIC = ref(A)\n  }\n}\n\nresource A \"AWS::SNS::Topic\" {\n  TopicName = sub(\"${AWS::StackName}-a\")\n}\n",
    );
    assert!(none.is_empty(), "{none:#?}");
}

#[test]
fn a_long_ring_is_named_by_its_ends_and_counted() {
    let body: String = (0..50)
        .map(|i| format!("resource R{i} \"AWS::SNS::Topic\" {{\n  dependsOn = [\"R{}\"]\n}}\n\n", (i + 1) % 50))
        .collect();
    let (_, found) = e0416(&body);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &found[0].message;
    assert!(message.starts_with("circular dependency of 50 resources: resource `R0` → resource `R1`"), "{message}");
    assert!(message.ends_with("… → resource `R49` → resource `R0`") && message.len() < 300, "{message}");
}
