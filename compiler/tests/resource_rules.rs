//! Rules on declared CloudFormation resources that AWS would refuse at
//! deploy time: E0418 (an SQS queue hiding a message for less time than
//! its consuming function may run), E0303 on an S3 bucket name, W0303 on
//! a raw Lambda function's deprecated runtime; each at its source text.

mod analysed;

use analysed::{found, under};
use svc_compiler::diagnostic::Code;

/// `body` in a service, and its diagnostics of `code`.
fn in_service(body: &str, code: Code) -> (String, Vec<svc_compiler::Diagnostic>) {
    let src = format!("service = \"rules\"\n\nprovider aws {{\n  runtime = \"python3.12\"\n}}\n\n{body}");
    let all = found(&src, code);
    (src, all)
}

const WORKER: &str =
    "function worker {\n  handler = \"handler.f\"\n  timeout = 60\n  sqs {\n    arn = getAtt(Jobs.Arn)\n  }\n}\n\n";

#[test]
fn a_queue_that_hides_a_message_for_less_than_its_consumer_runs() {
    let (src, errors) = in_service(&format!("{WORKER}resource Jobs \"AWS::SQS::Queue\" {{}}\n"), Code::E0418);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].message,
        "queue `Jobs` hides a message for 30 s, less than function `worker`'s timeout of 60 s"
    );
    assert_eq!(under(&src, &errors[0]), "Jobs");
    assert!(errors[0].help.as_deref().unwrap_or_default().contains("`VisibilityTimeout = 360`"));

    let (_, none) = in_service(
        &format!("{WORKER}resource Jobs \"AWS::SQS::Queue\" {{\n  VisibilityTimeout = 360\n}}\n"),
        Code::E0418,
    );
    assert!(none.is_empty(), "{none:#?}");
    // The provider's timeout counts when the function sets none.
    let body = "provider aws {\n  timeout = 45\n}\n\nfunction worker {\n  handler = \"handler.f\"\n  sqs = getAtt(Jobs.Arn)\n}\n\nresource Jobs \"AWS::SQS::Queue\" {\n  VisibilityTimeout = 40\n}\n";
    let src = format!(
        "service = \"rules\"\n\n{}",
        body.replacen("provider aws {\n", "provider aws {\n  runtime = \"python3.12\"\n", 1)
    );
    let errors = found(&src, Code::E0418);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.contains("40 s, less than function `worker`'s timeout of 45 s"), "{}", errors[0].message);
}

#[test]
fn a_bucket_name_s3_refuses_and_a_deprecated_raw_runtime() {
    let (src, errors) =
        in_service("resource Files \"AWS::S3::Bucket\" {\n  BucketName = \"My_Files\"\n}\n", Code::E0303);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].message.starts_with("`My_Files` is not an S3 bucket name"), "{}", errors[0].message);
    assert_eq!(under(&src, &errors[0]), "\"My_Files\"");
    let (_, none) = in_service("resource Files \"AWS::S3::Bucket\" {\n  BucketName = \"my-files\"\n}\n", Code::E0303);
    assert!(none.is_empty(), "{none:#?}");

    let (src, warnings) = in_service(
        "resource Legacy \"AWS::Lambda::Function\" {\n  Runtime = \"python3.9\"\n  Handler = \"index.handler\"\n  Role    = \"arn:aws:iam::123456789012:role/x\"\n  Code {\n    ZipFile = \"def handler(e, c): pass\"\n  }\n}\n",
        Code::W0303,
    );
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(under(&src, &warnings[0]), "\"python3.9\"");
}
