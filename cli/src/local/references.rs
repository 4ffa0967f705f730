//! Environment values that are CloudFormation references (`ref(X)`,
//! `getAtt(X.Arn)`, `sub("…")`, `join(…)`), read from the deployed stack:
//! a resource's physical ID, an attribute built from it for the common
//! types, the stack's pseudo parameters; and deploy-time values
//! (`${cf:stack.Output}`, `${s3:bucket/key}`), read as `svc deploy` reads
//! them. AWS is only asked when a value needs it, and each lookup is
//! bounded by [`LOOKUP_TIMEOUT`].

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use svc_compiler::tree::Node;

use crate::aws::{Aws, stack, variables};
use crate::target::Target;

/// How long the stack lookup may take before the values are left unset.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_secs(10);

/// What the deployed stack knows.
#[derive(Debug, Default)]
pub struct Deployed {
    /// The region.
    pub region: String,
    /// The account, from the stack's ID.
    pub account: String,
    /// The partition, from the stack's ID (`aws`).
    pub partition: String,
    /// The stack name.
    pub stack: String,
    /// Physical ID and type by logical ID.
    pub resources: BTreeMap<String, (String, String)>,
}

/// The deployed stack of `target`, or why it cannot be read (a clause,
/// such as "stack `x` is not deployed (`svc deploy` creates it)").
pub async fn deployed(target: &Target) -> Result<Deployed, String> {
    let lookup = async {
        let aws = Aws::connect(target).await?.with_attempts(1);
        let Some(info) = stack::describe(&aws, &target.stack).await? else {
            return Err(format!(
                "stack `{}` is not deployed in {} (`svc deploy` creates it)",
                target.stack, target.region
            ));
        };
        let resources = stack::resources(&aws, &info.id).await?;
        let arn: Vec<&str> = info.id.split(':').collect();
        Ok(Deployed {
            region: target.region.clone(),
            account: arn.get(4).copied().unwrap_or_default().to_owned(),
            partition: arn.get(1).copied().unwrap_or("aws").to_owned(),
            stack: info.name.clone(),
            resources: resources.into_iter().filter_map(|r| Some((r.logical, (r.physical?, r.kind)))).collect(),
        })
    };
    match tokio::time::timeout(LOOKUP_TIMEOUT, lookup).await {
        Ok(result) => result,
        Err(_) => Err(format!("AWS did not answer within {} s", LOOKUP_TIMEOUT.as_secs())),
    }
}

/// The deploy-time values (`${cf:…}`, `${s3:…}`) of `values`, read from
/// AWS as `svc deploy` reads them: each its text, or why it has none; or
/// why AWS could not be asked.
pub async fn deploy_time(target: &Target, values: &[(String, Node)]) -> Result<Vec<Result<String, String>>, String> {
    let lookup = async {
        let aws = Aws::connect(target).await?.with_attempts(1);
        let mut texts = Vec::with_capacity(values.len());
        for (_, value) in values {
            let mut value = value.clone();
            let problems = variables::resolve(&mut value, &aws).await;
            texts.push(match (problems.first(), value.as_str()) {
                (None, Some(text)) => Ok(text.to_owned()),
                (Some(problem), _) => Err(problem.message.clone()),
                (None, None) => Err("it is not text".to_owned()),
            });
        }
        Ok(texts)
    };
    match tokio::time::timeout(LOOKUP_TIMEOUT, lookup).await {
        Ok(result) => result,
        Err(_) => Err(format!("AWS did not answer within {} s", LOOKUP_TIMEOUT.as_secs())),
    }
}

/// Whether `value` is text as it is (no reference to read).
pub fn plain(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `value` with its references read from `stack`, or why it cannot be.
pub fn evaluate(value: &Value, stack: &Deployed) -> Result<String, String> {
    if let Some(text) = plain(value) {
        return Ok(text);
    }
    let object = value.as_object().filter(|o| o.len() == 1).ok_or("it is not a value svc can read")?;
    let (function, argument) = object.iter().next().ok_or("it is empty")?;
    match function.as_str() {
        "Ref" => reference(argument.as_str().ok_or("`Ref` names no resource")?, stack),
        "Fn::GetAtt" => {
            let (resource, attribute) = match argument {
                Value::Array(parts) => (parts.first().and_then(Value::as_str), parts.get(1).and_then(Value::as_str)),
                Value::String(text) => text.split_once('.').map_or((None, None), |(r, a)| (Some(r), Some(a))),
                _ => (None, None),
            };
            match (resource, attribute) {
                (Some(resource), Some(attribute)) => attribute_of(resource, attribute, stack),
                _ => Err("`Fn::GetAtt` names no attribute".to_owned()),
            }
        }
        "Fn::Sub" => {
            let (text, variables) = match argument {
                Value::Array(parts) => (parts.first().and_then(Value::as_str), parts.get(1).and_then(Value::as_object)),
                Value::String(text) => (Some(text.as_str()), None),
                _ => (None, None),
            };
            substitute(text.ok_or("`Fn::Sub` has no text")?, variables, stack)
        }
        "Fn::Join" => {
            let separator = argument.get(0).and_then(Value::as_str).ok_or("`Fn::Join` has no separator")?;
            let items = argument.get(1).and_then(Value::as_array).ok_or("`Fn::Join` has no list")?;
            let parts: Result<Vec<String>, String> = items.iter().map(|item| evaluate(item, stack)).collect();
            Ok(parts?.join(separator))
        }
        other => Err(format!("svc does not read `{other}` locally")),
    }
}

/// `Ref`: a pseudo parameter, or a resource's physical ID.
fn reference(name: &str, stack: &Deployed) -> Result<String, String> {
    match name {
        "AWS::Region" => Ok(stack.region.clone()),
        "AWS::AccountId" => Ok(stack.account.clone()),
        "AWS::Partition" => Ok(stack.partition.clone()),
        "AWS::StackName" => Ok(stack.stack.clone()),
        "AWS::URLSuffix" => Ok("amazonaws.com".to_owned()),
        _ => stack
            .resources
            .get(name)
            .map(|(physical, _)| physical.clone())
            .ok_or_else(|| format!("stack `{}` has no resource `{name}`", stack.stack)),
    }
}

/// `Fn::GetAtt`: the attributes that follow from the physical ID.
fn attribute_of(name: &str, attribute: &str, stack: &Deployed) -> Result<String, String> {
    let (physical, kind) =
        stack.resources.get(name).ok_or_else(|| format!("stack `{}` has no resource `{name}`", stack.stack))?;
    let (p, r, a) = (&stack.partition, &stack.region, &stack.account);
    let last = |separator: char| physical.rsplit(separator).next().unwrap_or(physical).to_owned();
    let built = match (kind.as_str(), attribute) {
        (_, "Arn") if physical.starts_with("arn:") => Some(physical.clone()),
        ("AWS::DynamoDB::Table", "Arn") => Some(format!("arn:{p}:dynamodb:{r}:{a}:table/{physical}")),
        ("AWS::S3::Bucket", "Arn") => Some(format!("arn:{p}:s3:::{physical}")),
        ("AWS::S3::Bucket", "DomainName") => Some(format!("{physical}.s3.amazonaws.com")),
        ("AWS::Lambda::Function", "Arn") => Some(format!("arn:{p}:lambda:{r}:{a}:function:{physical}")),
        ("AWS::SQS::Queue", "Arn") => Some(format!("arn:{p}:sqs:{r}:{a}:{}", last('/'))),
        ("AWS::SQS::Queue", "QueueName") => Some(last('/')),
        ("AWS::SQS::Queue", "QueueUrl") => Some(physical.clone()),
        ("AWS::SNS::Topic", "TopicArn") => Some(physical.clone()),
        ("AWS::SNS::Topic", "TopicName") => Some(last(':')),
        ("AWS::IAM::Role", "Arn") => Some(format!("arn:{p}:iam::{a}:role/{physical}")),
        ("AWS::Kinesis::Stream", "Arn") => Some(format!("arn:{p}:kinesis:{r}:{a}:stream/{physical}")),
        ("AWS::Events::EventBus", "Arn") => Some(format!("arn:{p}:events:{r}:{a}:event-bus/{physical}")),
        ("AWS::Events::EventBus", "Name") => Some(physical.clone()),
        ("AWS::StepFunctions::StateMachine", "Name") => Some(last(':')),
        _ => None,
    };
    built.ok_or_else(|| format!("svc cannot read attribute `{attribute}` of a `{kind}` locally"))
}

/// `Fn::Sub`: `${X}`, `${X.Attr}` and `${AWS::…}` replaced, `${!X}` kept
/// as `${X}`.
fn substitute(
    text: &str,
    variables: Option<&serde_json::Map<String, Value>>,
    stack: &Deployed,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or("`Fn::Sub` has an unclosed `${`")?;
        let name = &after[..end];
        if let Some(literal) = name.strip_prefix('!') {
            out.push_str("${");
            out.push_str(literal);
            out.push('}');
        } else if let Some(value) = variables.and_then(|v| v.get(name)) {
            out.push_str(&evaluate(value, stack)?);
        } else if let Some((resource, attribute)) = name.split_once('.') {
            out.push_str(&attribute_of(resource, attribute, stack)?);
        } else {
            out.push_str(&reference(name, stack)?);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A reference as svc writes it, for warnings: `ref(UsersTable)`.
pub fn written(value: &Value) -> String {
    let Some((function, argument)) = value.as_object().and_then(|o| o.iter().next()) else {
        return value.to_string();
    };
    match (function.as_str(), argument) {
        ("Ref", Value::String(name)) => format!("ref({name})"),
        ("Fn::GetAtt", Value::Array(parts)) => {
            let parts: Vec<&str> = parts.iter().filter_map(Value::as_str).collect();
            format!("getAtt({})", parts.join("."))
        }
        ("Fn::Sub", _) => "sub(…)".to_owned(),
        ("Fn::Join", _) => "join(…)".to_owned(),
        (other, _) => format!("{other}(…)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stack() -> Deployed {
        let mut resources = BTreeMap::new();
        resources.insert("UsersTable".to_owned(), ("users-abc".to_owned(), "AWS::DynamoDB::Table".to_owned()));
        Deployed {
            region: "eu-west-1".into(),
            account: "123456789012".into(),
            partition: "aws".into(),
            stack: "svc-dev".into(),
            resources,
        }
    }

    #[test]
    fn references_read_physical_ids_and_build_arns() {
        let stack = stack();
        assert_eq!(evaluate(&json!({"Ref": "UsersTable"}), &stack), Ok("users-abc".to_owned()));
        assert_eq!(
            evaluate(&json!({"Fn::GetAtt": ["UsersTable", "Arn"]}), &stack),
            Ok("arn:aws:dynamodb:eu-west-1:123456789012:table/users-abc".to_owned())
        );
        let sub = json!({"Fn::Sub": "${UsersTable}@${AWS::Region}/${!Literal}"});
        assert_eq!(evaluate(&sub, &stack), Ok("users-abc@eu-west-1/${Literal}".to_owned()));
        let join = json!({"Fn::Join": ["-", ["a", {"Ref": "AWS::AccountId"}]]});
        assert_eq!(evaluate(&join, &stack), Ok("a-123456789012".to_owned()));
    }

    #[test]
    fn what_cannot_be_read_says_why() {
        let error = evaluate(&json!({"Ref": "Missing"}), &stack()).expect_err("no such resource");
        assert!(error.contains("no resource `Missing`"), "{error}");
        assert_eq!(written(&json!({"Ref": "UsersTable"})), "ref(UsersTable)");
    }
}
