//! ARNs, and the ARN kinds events and settings take.

use super::region_name;

/// An ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`. Region and
/// account may be empty (S3 and IAM ARNs leave them out); the account may
/// also be `aws` (AWS-managed IAM policies).
pub fn arn(s: &str) -> Result<(), String> {
    arn_parts(s).map(|_| ())
}

/// The service and resource of a well-formed ARN.
fn arn_parts(s: &str) -> Result<(&str, &str), String> {
    let expected = || format!("`{s}` is not an ARN (arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)");
    let mut it = s.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(resource)) =
        (it.next(), it.next(), it.next(), it.next(), it.next(), it.next())
    else {
        return Err(expected());
    };
    if !(partition == "aws" || partition.starts_with("aws-")) {
        return Err(format!("`{partition}` is not an AWS partition (aws, aws-cn, aws-us-gov, …)"));
    }
    if service.is_empty() || !service.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(expected());
    }
    if !region.is_empty() {
        region_name(region)?;
    }
    if !(account.is_empty() || account == "aws" || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
    {
        return Err(format!("`{account}` is not a 12-digit account ID"));
    }
    if resource.is_empty() || resource.contains(char::is_whitespace) {
        return Err(expected());
    }
    Ok((service, resource))
}

fn arn_of(s: &str, services: &[&str], what: &str) -> Result<(), String> {
    let (service, _) = arn_parts(s)?;
    if services.contains(&service) { Ok(()) } else { Err(format!("`{s}` is not {what} ARN")) }
}

/// An SQS queue ARN.
pub fn sqs_arn(s: &str) -> Result<(), String> {
    arn_of(s, &["sqs"], "an SQS queue")
}

/// An SNS topic ARN.
pub fn sns_arn(s: &str) -> Result<(), String> {
    arn_of(s, &["sns"], "an SNS topic")
}
/// A Kinesis stream or DynamoDB stream ARN.
pub fn stream_arn(s: &str) -> Result<(), String> {
    let (service, resource) = arn_parts(s)?;
    match service {
        "kinesis" if resource.starts_with("stream/") => Ok(()),
        "dynamodb" if resource.contains("/stream/") => Ok(()),
        _ => Err(format!("`{s}` is not a Kinesis or DynamoDB stream ARN")),
    }
}

/// A KMS key or alias ARN.
pub fn kms_arn(s: &str) -> Result<(), String> {
    arn_of(s, &["kms"], "a KMS key")
}

/// A Lambda layer version ARN (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`).
pub fn layer_arn(s: &str) -> Result<(), String> {
    let (service, resource) = arn_parts(s)?;
    if service == "lambda" && resource.starts_with("layer:") {
        Ok(())
    } else {
        Err(format!("`{s}` is not a Lambda layer version ARN"))
    }
}

/// An Application Load Balancer listener ARN.
pub fn alb_listener_arn(s: &str) -> Result<(), String> {
    let (service, resource) = arn_parts(s)?;
    if service == "elasticloadbalancing" && resource.starts_with("listener/app/") {
        Ok(())
    } else {
        Err(format!("`{s}` is not an Application Load Balancer listener ARN"))
    }
}

/// An SNS topic: a topic name (letters, digits, `-`, `_`; at most 256) or a topic ARN.
pub fn sns_topic(s: &str) -> Result<(), String> {
    if s.starts_with("arn:") {
        return arn_of(s, &["sns"], "an SNS topic");
    }
    let ok = !s.is_empty() && s.len() <= 256 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok { Ok(()) } else { Err(format!("`{s}` is neither an SNS topic name nor a topic ARN")) }
}

#[cfg(test)]
mod tests {
    use super::super::{bad, ok};
    use super::*;

    #[test]
    fn arns() {
        ok(arn, &["arn:aws:sqs:us-east-1:123456789012:queue", "arn:aws:s3:::my-bucket/*"]);
        ok(arn, &["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-cn:sns:cn-north-1:123456789012:t"]);
        ok(arn, &["arn:aws:lambda:eu-west-1:123456789012:function:f:live"]);
        bad(arn, &["sqs:queue", "arn:aws:sqs:us-east-1:123:queue", "arn:gcp:sqs:us-east-1:123456789012:q"]);
        bad(arn, &["arn:aws:sqs:us-east-1:123456789012:", "arn:aws:sqs:useast1:123456789012:q", "arn:aws:SQS::1:q"]);
        ok(sqs_arn, &["arn:aws:sqs:us-east-1:123456789012:jobs"]);
        bad(sqs_arn, &["arn:aws:sns:us-east-1:123456789012:jobs"]);
        ok(stream_arn, &["arn:aws:kinesis:us-east-1:123456789012:stream/clicks"]);
        ok(stream_arn, &["arn:aws:dynamodb:us-east-1:123456789012:table/Users/stream/2024-01-01T00:00:00.000"]);
        bad(
            stream_arn,
            &["arn:aws:dynamodb:us-east-1:123456789012:table/Users", "arn:aws:sqs:us-east-1:123456789012:q"],
        );
        ok(kms_arn, &["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]);
        ok(layer_arn, &["arn:aws:lambda:us-east-1:123456789012:layer:deps:3"]);
        bad(layer_arn, &["arn:aws:lambda:us-east-1:123456789012:function:deps"]);
        ok(
            alb_listener_arn,
            &["arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/50dc6c495c0c9188/f2f7dc8efc522ab2"],
        );
        bad(alb_listener_arn, &["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lb/50dc"]);
        ok(sns_arn, &["arn:aws:sns:us-east-1:123456789012:alerts"]);
        bad(sns_arn, &["alerts", "arn:aws:sqs:us-east-1:123456789012:alerts"]);
        ok(sns_topic, &["orders", "order_events-v2", "arn:aws:sns:us-east-1:123456789012:orders"]);
        bad(sns_topic, &["orders topic", "", "arn:aws:sqs:us-east-1:123456789012:orders"]);
    }
}
