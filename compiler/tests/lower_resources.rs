//! The user's resources and outputs in the template: one with the logical
//! ID of a generated resource or output is merged over it, as the
//! Serverless Framework v3 merges `resources` (lodash's `_.merge`, in
//! `merge-custom-provider-resources.js`), and any other is added after the
//! generated ones.

use serde_json::{Value, json};
use svc_compiler::analysis::analyse;
use svc_compiler::files::MemoryFiles;
use svc_compiler::lower::{Context, lower};
use svc_compiler::resolve::Options;
use svc_compiler::{Diagnostic, Severity};

const SERVICE: &str = r#"service = "greetings"

provider aws {
  runtime = "python3.12"
}

function hello {
  handler   = "handler.hello"
  dependsOn = ["First", "Second"]
}
"#;

/// `SERVICE` with `more`: its template, and every error of the analysis,
/// which must include every error of lowering.
fn build(more: &str) -> (Value, Vec<Diagnostic>) {
    let src = format!("{SERVICE}\n{more}");
    let analysis = analyse(&src, &Options::default(), &MemoryFiles::default());
    let context = Context { settings: analysis.settings.clone(), ..Context::default() };
    let (template, lowered) = lower(&analysis.service, &context);
    let errors: Vec<Diagnostic> = analysis.diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
    for error in lowered.iter().filter(|d| d.severity == Severity::Error) {
        assert!(errors.contains(error), "the check misses what lowering refuses: {error:?}");
    }
    (template.to_json(), errors)
}

fn ids(template: &Value) -> Vec<&str> {
    template["Resources"].as_object().expect("resources").keys().map(String::as_str).collect()
}

#[test]
fn the_deployment_bucket_takes_the_users_properties_over_its_own() {
    let (plain, _) = build("");
    let (template, errors) = build(
        r#"resource ServerlessDeploymentBucket "AWS::S3::Bucket" {
  BucketEncryption = {
    ServerSideEncryptionConfiguration = [{ ServerSideEncryptionByDefault = { SSEAlgorithm = "aws:kms" } }]
  }
  LoggingConfiguration = { DestinationBucketName = "logs" }
}
"#,
    );
    assert!(errors.is_empty(), "{errors:#?}");
    let bucket = &template["Resources"]["ServerlessDeploymentBucket"];
    assert_eq!(bucket["Type"], "AWS::S3::Bucket");
    assert_eq!(
        bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
            ["SSEAlgorithm"],
        "aws:kms"
    );
    assert_eq!(bucket["Properties"]["LoggingConfiguration"], json!({ "DestinationBucketName": "logs" }));
    assert_eq!(ids(&template), ids(&plain), "the bucket keeps its place; nothing is added");
    assert_eq!(
        template["Resources"]["ServerlessDeploymentBucketPolicy"],
        plain["Resources"]["ServerlessDeploymentBucketPolicy"],
        "the policy is untouched"
    );
}

#[test]
fn a_generated_function_keeps_what_the_user_does_not_set() {
    let (plain, _) = build("");
    let (template, errors) = build(
        r#"resource HelloLambdaFunction "AWS::Lambda::Function" {
  MemorySize = 2048
  dependsOn  = ["ServerlessDeploymentBucket"]
}
"#,
    );
    assert!(errors.is_empty(), "{errors:#?}");
    let (function, generated) =
        (&template["Resources"]["HelloLambdaFunction"], &plain["Resources"]["HelloLambdaFunction"]);
    assert_eq!(function["Properties"]["MemorySize"], 2048);
    assert_eq!(generated["Properties"]["MemorySize"], 1024);
    for key in ["Handler", "Runtime", "Role", "Code", "FunctionName"] {
        assert_eq!(function["Properties"][key], generated["Properties"][key], "{key} is the generated one");
    }
    // lodash merges lists item by item: the user's first item replaces the
    // generated first (the log group), the rest stay.
    let mut depends_on = generated["DependsOn"].as_array().expect("generated DependsOn").clone();
    assert_eq!(depends_on[0], "HelloLogGroup");
    depends_on[0] = json!("ServerlessDeploymentBucket");
    assert_eq!(function["DependsOn"], Value::Array(depends_on));
    assert_eq!(ids(&template), ids(&plain));
}

#[test]
fn generated_outputs_merge_and_new_resources_and_outputs_come_last() {
    let (plain, _) = build("");
    let (template, errors) = build(
        r#"resource Queue "AWS::SQS::Queue" {
  QueueName = "jobs"
}

output HelloLambdaFunctionQualifiedArn {
  value       = "overridden"
  description = "the current version"
}

output QueueUrl {
  value = ref(Queue)
}
"#,
    );
    assert!(errors.is_empty(), "{errors:#?}");
    let mut expected = ids(&plain);
    expected.push("Queue");
    assert_eq!(ids(&template), expected);
    let output = &template["Outputs"]["HelloLambdaFunctionQualifiedArn"];
    assert_eq!(output["Value"], "overridden");
    assert_eq!(output["Description"], "the current version");
    assert_eq!(output["Export"], plain["Outputs"]["HelloLambdaFunctionQualifiedArn"]["Export"], "the export stays");
    let outputs: Vec<&String> = template["Outputs"].as_object().expect("outputs").keys().collect();
    assert_eq!(outputs.last().map(|k| k.as_str()), Some("QueueUrl"));
}

#[test]
fn extensions_apply_to_the_merged_resource() {
    let (template, errors) = build(
        r#"resource HelloLogGroup "AWS::Logs::LogGroup" {
  RetentionInDays = 7
}

resources {
  extensions {
    HelloLogGroup {
      Properties = { KmsKeyId = "key" }
    }
  }
}
"#,
    );
    assert!(errors.is_empty(), "{errors:#?}");
    let group = &template["Resources"]["HelloLogGroup"]["Properties"];
    assert_eq!(group["RetentionInDays"], 7);
    assert_eq!(group["KmsKeyId"], "key");
    assert_eq!(group["LogGroupName"], "/aws/lambda/greetings-dev-hello");
}
