//! Secrets become CloudFormation dynamic references that CloudFormation
//! accepts where they end up: `${ssm:/aws/reference/secretsmanager/NAME}`
//! is a `secretsmanager` reference (resolved in any property, a Lambda
//! environment included); `${ssm:/p~true}` is `ssm-secure`, which the check
//! refuses (E0313, at the variable) outside the few properties that
//! support it, and lets through in them.

use serde_json::Value;
use svc_compiler::analysis::analyse;
use svc_compiler::files::MemoryFiles;
use svc_compiler::lower::{Context, lower};
use svc_compiler::resolve::Options;
use svc_compiler::{Code, Diagnostic, Severity};

/// The analysis's errors, and the template (lowered only when there are
/// none, as `svc build` does).
fn build(src: &str) -> (Vec<Diagnostic>, Option<Value>) {
    let analysis = analyse(src, &Options::default(), &MemoryFiles::default());
    let errors: Vec<Diagnostic> =
        analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned().collect();
    if !errors.is_empty() {
        return (errors, None);
    }
    let context = Context { settings: analysis.settings.clone(), ..Context::default() };
    let (template, diagnostics) = lower(&analysis.service, &context);
    assert!(diagnostics.iter().all(|d| d.severity != Severity::Error), "lowering refused: {diagnostics:?}");
    (errors, Some(template.to_json()))
}

/// The text the diagnostic's primary label marks.
fn marked<'a>(src: &'a str, diagnostic: &Diagnostic) -> &'a str {
    &src[diagnostic.primary.span.range()]
}

#[test]
fn a_secrets_manager_secret_read_through_ssm_is_a_secretsmanager_reference_in_the_environment() {
    let src = r#"service = "billing"
provider aws {
  runtime = "python3.12"
  environment {
    API_KEY = ${ssm:/aws/reference/secretsmanager/billing/api-key}
    TOKEN   = ${ssm:/aws/reference/secretsmanager/billing/token~true}
    PLAIN   = ${ssm:/billing/plain}
  }
}
function charge {
  handler = "handler.charge"
}
"#;
    let (errors, template) = build(src);
    assert!(errors.is_empty(), "{errors:?}");
    let template = template.expect("a template");
    let variables = &template["Resources"]["ChargeLambdaFunction"]["Properties"]["Environment"]["Variables"];
    assert_eq!(variables["API_KEY"], "{{resolve:secretsmanager:billing/api-key}}");
    assert_eq!(variables["TOKEN"], "{{resolve:secretsmanager:billing/token}}", "`~true` changes nothing");
    assert_eq!(variables["PLAIN"], "{{resolve:ssm:/billing/plain}}");
}

#[test]
fn a_secure_string_in_a_lambda_environment_is_refused_at_its_variable() {
    let src = r#"service = "billing"
custom {
  key = ${ssm:/billing/key~true}
}
provider aws {
  runtime = "python3.12"
  environment {
    KEY = ${self:custom.key}
  }
}
function charge {
  handler = "handler.charge"
  environment {
    DB_URL = "postgres://app:${ssm:/billing/db~true}@db.internal/billing"
  }
}
"#;
    let (errors, template) = build(src);
    assert!(template.is_none());
    let codes: Vec<Code> = errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0313, Code::E0313], "{errors:#?}");
    assert_eq!(marked(src, &errors[0]), "${self:custom.key}", "the variable written in the environment");
    assert!(errors[0].message.contains("provider.environment.KEY"), "{}", errors[0].message);
    assert_eq!(marked(src, &errors[1]), "${ssm:/billing/db~true}", "the variable inside the string");
    assert!(errors[1].message.contains("functions.charge.environment.DB_URL"), "{}", errors[1].message);
    let help = errors[0].help.as_deref().unwrap_or_default();
    assert!(help.contains("${ssm:/aws/reference/secretsmanager/NAME}"), "{help}");
    assert!(help.contains("ssm:GetParameter"), "{help}");
}

#[test]
fn a_secure_string_builds_in_the_properties_that_support_it() {
    let src = r#"service = "billing"
provider aws {
  runtime = "python3.12"
}
function charge {
  handler = "handler.charge"
}
resource Database "AWS::RDS::DBInstance" {
  Engine             = "postgres"
  DBInstanceClass    = "db.t4g.micro"
  AllocatedStorage   = "20"
  MasterUsername     = "app"
  MasterUserPassword = ${ssm:/billing/db-password~true}
}
resource Cache "AWS::ElastiCache::ReplicationGroup" {
  ReplicationGroupDescription = "sessions"
  AuthToken                   = ${ssm:/billing/cache-token~true}
}
resource Stack "AWS::OpsWorks::Stack" {
  Name           = "ops"
  RdsDbInstances = [{ DbPassword = ${ssm:/billing/ops~true}, DbUser = "ops", RdsDbInstanceArn = "arn:aws:rds:us-east-1:123456789012:db:ops" }]
}
"#;
    let (errors, template) = build(src);
    assert!(errors.is_empty(), "{errors:#?}");
    let resources = &template.expect("a template")["Resources"];
    assert_eq!(
        resources["Database"]["Properties"]["MasterUserPassword"],
        "{{resolve:ssm-secure:/billing/db-password}}"
    );
    assert_eq!(resources["Cache"]["Properties"]["AuthToken"], "{{resolve:ssm-secure:/billing/cache-token}}");
    assert_eq!(
        resources["Stack"]["Properties"]["RdsDbInstances"][0]["DbPassword"],
        "{{resolve:ssm-secure:/billing/ops}}"
    );
}

#[test]
fn a_secure_string_in_another_property_of_a_supporting_type_is_refused() {
    let src = r#"service = "billing"
provider aws {
  runtime = "python3.12"
}
resource Database "AWS::RDS::DBInstance" {
  Engine          = "postgres"
  DBInstanceClass = "db.t4g.micro"
  MasterUsername  = ${ssm:/billing/user~true}
}
output Password {
  value = ${ssm:/billing/db-password~true}
}
"#;
    let (errors, _) = build(src);
    let marks: Vec<(Code, &str)> = errors.iter().map(|d| (d.code, marked(src, d))).collect();
    assert_eq!(
        marks,
        [(Code::E0313, "${ssm:/billing/user~true}"), (Code::E0313, "${ssm:/billing/db-password~true}")],
        "{errors:#?}"
    );
}
