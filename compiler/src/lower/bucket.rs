//! The deployment bucket: encrypted, and a policy that refuses plain HTTP.
//! Skipped when `provider.deploymentBucket` names an existing bucket; the
//! `ServerlessDeploymentBucketName` output then gives that name.

use serde_json::{Value, json};

use crate::naming::{DEPLOYMENT_BUCKET, DEPLOYMENT_BUCKET_POLICY};

use super::service::Service;
use super::template::Template;

/// Adds the bucket, its policy and the `ServerlessDeploymentBucketName` output.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    if let Some(name) = super::function::bucket_name(service) {
        template.output(
            "ServerlessDeploymentBucketName",
            json!({ "Value": name, "Export": { "Name": service.export("ServerlessDeploymentBucketName") } }),
        );
        return;
    }
    let settings = service.get("provider.deploymentBucket").map(Service::json).unwrap_or(Value::Null);
    let mut properties = json!({
        "BucketEncryption": {
            "ServerSideEncryptionConfiguration": [
                { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
            ]
        }
    });
    if let Some(Value::Object(tags)) = settings.get("tags").filter(|t| t.as_object().is_some_and(|t| !t.is_empty())) {
        let tags: Vec<Value> = tags.iter().map(|(k, v)| json!({ "Key": k, "Value": v })).collect();
        properties["Tags"] = Value::Array(tags);
    }
    if settings.get("blockPublicAccess") == Some(&Value::Bool(true)) {
        properties["PublicAccessBlockConfiguration"] = json!({
            "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true
        });
    }
    if settings.get("versioning") == Some(&Value::Bool(true)) {
        properties["VersioningConfiguration"] = json!({ "Status": "Enabled" });
    }
    template.resource(DEPLOYMENT_BUCKET, json!({ "Type": "AWS::S3::Bucket", "Properties": properties }));
    if settings.get("skipPolicySetup") != Some(&Value::Bool(true)) {
        policy(template);
    }
    template.output(
        "ServerlessDeploymentBucketName",
        json!({
            "Value": { "Ref": DEPLOYMENT_BUCKET },
            "Export": { "Name": service.export("ServerlessDeploymentBucketName") }
        }),
    );
}

/// Refuses every request to the bucket that does not use TLS.
fn policy(template: &mut Template) {
    let arn = |suffix: Option<&str>| {
        let mut parts = vec![
            json!("arn:"),
            json!({ "Ref": "AWS::Partition" }),
            json!(":s3:::"),
            json!({ "Ref": DEPLOYMENT_BUCKET }),
        ];
        parts.extend(suffix.map(|s| json!(s)));
        json!({ "Fn::Join": ["", parts] })
    };
    template.resource(
        DEPLOYMENT_BUCKET_POLICY,
        json!({
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": { "Ref": DEPLOYMENT_BUCKET },
                "PolicyDocument": {
                    "Statement": [{
                        "Action": "s3:*",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Resource": [arn(Some("/*")), arn(None)],
                        "Condition": { "Bool": { "aws:SecureTransport": false } }
                    }]
                }
            }
        }),
    );
}
