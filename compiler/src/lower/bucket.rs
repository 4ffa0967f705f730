//! The deployment bucket: encrypted, and a policy that refuses plain HTTP.
//! Skipped when `provider.deploymentBucket` names an existing bucket.

use serde_json::json;

use crate::naming::{DEPLOYMENT_BUCKET, DEPLOYMENT_BUCKET_POLICY};

use super::service::Service;
use super::template::Template;

/// Adds the bucket, its policy and the `ServerlessDeploymentBucketName` output.
pub fn lower(service: &Service<'_>, template: &mut Template) {
    if service.get("provider.deploymentBucket").is_some() {
        return;
    }
    template.resource(
        DEPLOYMENT_BUCKET,
        json!({
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "BucketEncryption": {
                    "ServerSideEncryptionConfiguration": [
                        { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } }
                    ]
                }
            }
        }),
    );
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
    template.output(
        "ServerlessDeploymentBucketName",
        json!({
            "Value": { "Ref": DEPLOYMENT_BUCKET },
            "Export": { "Name": service.export("ServerlessDeploymentBucketName") }
        }),
    );
}
