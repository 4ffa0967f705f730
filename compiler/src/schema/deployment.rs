//! Provider settings of the deployment itself: the deployment bucket, the
//! CloudFormation stack, container images and the S3 buckets of `s3` events.

use super::common::{ANY_MAP, ARN, BUCKET_NAME, NON_NEGATIVE, STRINGS, TAGS};
use super::types::{Key, Object, Ty};

const fn object(name: &'static str, keys: &'static [Key]) -> Object {
    Object { name, keys, open: false, exactly_one: false }
}

/// `provider.deploymentBucket`: a bucket name, or its settings.
pub const DEPLOYMENT_BUCKET: Ty = Ty::OneOf(&[BUCKET_NAME, Ty::Object(&DEPLOYMENT_BUCKET_OBJECT)]);

static DEPLOYMENT_BUCKET_OBJECT: Object = object(
    "deploymentBucket",
    &[
        Key::new(
            "name",
            BUCKET_NAME,
            "Name of an existing bucket, in the service's region, to upload deployment artifacts to. Default: a bucket created and managed by the stack.",
        ),
        Key::new(
            "maxPreviousDeploymentArtifacts",
            NON_NEGATIVE,
            "How many previous deployments' artifacts are kept in the bucket (for rollback). Default: 5.",
        )
        .default("5"),
        Key::new("blockPublicAccess", Ty::Bool, "Turn on S3 Block Public Access for the bucket. Default: `false`.")
            .default("false"),
        Key::new(
            "skipPolicySetup",
            Ty::Bool,
            "Do not add the default bucket policy (which denies requests without TLS). Default: `false`.",
        )
        .default("false"),
        Key::new("versioning", Ty::Bool, "Turn on versioning of the created bucket. Default: `false`.")
            .default("false"),
        Key::new(
            "serverSideEncryption",
            Ty::Enum(&["AES256", "aws:kms"]),
            "Encryption of uploaded artifacts: `AES256` (S3-managed keys) or `aws:kms` (with `sseKMSKeyId`).",
        ),
        Key::new("sseKMSKeyId", Ty::String, "KMS key ID or ARN used with `serverSideEncryption = \"aws:kms\"`."),
        Key::new(
            "sseCustomerAlgorithim",
            Ty::String,
            "Algorithm of customer-provided encryption keys, `AES256` (the key name keeps Serverless's spelling).",
        ),
        Key::new(
            "sseCustomerKey",
            Ty::String,
            "Customer-provided encryption key, base64-encoded; pass it through a variable, never in the file.",
        ),
        Key::new("sseCustomerKeyMD5", Ty::String, "MD5 digest of `sseCustomerKey`, base64-encoded."),
        Key::new("tags", TAGS, "Tags on the deployment bucket."),
    ],
);

/// `provider.stackParameters`: values of the stack's CloudFormation parameters.
pub const STACK_PARAMETERS: Ty = Ty::List(&Ty::Object(&STACK_PARAMETER));

static STACK_PARAMETER: Object = object(
    "stack parameter",
    &[
        Key::new("ParameterKey", Ty::String, "Name of a parameter declared in `resources.Parameters`."),
        Key::new("ParameterValue", Ty::String, "Value of the parameter for this deployment."),
        Key::new("UsePreviousValue", Ty::Bool, "Keep the value of the previous deployment."),
        Key::new("ResolvedValue", Ty::String, "Resolved value of an SSM parameter type (set by CloudFormation)."),
    ],
);

/// `provider.rollbackConfiguration`.
pub const ROLLBACK: Ty = Ty::Object(&ROLLBACK_OBJECT);

static ROLLBACK_OBJECT: Object = object(
    "rollbackConfiguration",
    &[
        Key::new(
            "RollbackTriggers",
            Ty::List(&Ty::Object(&ROLLBACK_TRIGGER)),
            "CloudWatch alarms that roll the deployment back when they fire during it (at most 5).",
        ),
        Key::new(
            "MonitoringTimeInMinutes",
            Ty::Integer { min: 0, max: 180, unit: "minutes" },
            "Minutes CloudFormation keeps watching the alarms after the last resource is deployed, 0 to 180.",
        ),
    ],
);

static ROLLBACK_TRIGGER: Object = object(
    "rollback trigger",
    &[
        Key::new("Arn", ARN, "ARN of the CloudWatch alarm (or composite alarm).").required(),
        Key::new(
            "Type",
            Ty::Enum(&["AWS::CloudWatch::Alarm"]),
            "Resource type of the trigger: `AWS::CloudWatch::Alarm`.",
        )
        .required(),
    ],
);

/// `provider.ecr`: container images built and pushed by Serverless.
pub const ECR: Ty = Ty::Object(&ECR_OBJECT);

static ECR_OBJECT: Object = object(
    "ecr",
    &[
        Key::new("scanOnPush", Ty::Bool, "Scan images for vulnerabilities when pushed to the ECR repository. Default: `false`.").default("false"),
        Key::new(
            "images",
            Ty::Map(&Ty::OneOf(&[Ty::String, Ty::Object(&ECR_IMAGE)])),
            "Images by name (lowercase, at most 32 characters), referenced by `functions.*.image`: an existing URI, or a Docker build (`path`, `file`, …) Serverless runs and pushes.",
        )
        .required(),
    ],
);

static ECR_IMAGE: Object = object(
    "ecr image",
    &[
        Key::new("uri", Ty::String, "URI of an existing image in ECR; nothing is built."),
        Key::new("path", Ty::String, "Docker build context directory. Default: `.`."),
        Key::new("file", Ty::String, "Dockerfile, relative to `path`. Default: `Dockerfile`."),
        Key::new("buildArgs", Ty::Map(&Ty::String), "Build arguments (`--build-arg`)."),
        Key::new("cacheFrom", STRINGS, "Images used as cache sources (`--cache-from`)."),
        Key::new("platform", Ty::String, "Target platform, such as `linux/arm64`; match the function's architecture."),
    ],
);

/// `provider.s3`: settings of the buckets `s3` events create, by bucket key.
pub const S3_BUCKETS: Ty = Ty::Map(&Ty::Object(&S3_BUCKET));

static S3_BUCKET: Object = Object {
    name: "s3 bucket",
    keys: &[
        Key::new("name", BUCKET_NAME, "Name of the bucket; `s3` events refer to the bucket by the key of this entry."),
        Key::new("bucketName", BUCKET_NAME, "Same as `name`."),
        Key::new("versioningConfiguration", ANY_MAP, "Versioning, such as `{ Status = \"Enabled\" }`."),
        Key::new("bucketEncryption", ANY_MAP, "Default encryption of the bucket, as in CloudFormation."),
        Key::new(
            "lifecycleConfiguration",
            ANY_MAP,
            "Lifecycle rules: expire or transition objects, as in CloudFormation.",
        ),
        Key::new("corsConfiguration", ANY_MAP, "CORS rules of the bucket, as in CloudFormation."),
        Key::new("publicAccessBlockConfiguration", ANY_MAP, "Block Public Access settings of the bucket."),
        Key::new("tags", Ty::List(&ANY_MAP), "Tags on the bucket, as `{ Key, Value }` entries."),
    ],
    // Every other AWS::S3::Bucket property, in camelCase, is passed through.
    open: true,
    exactly_one: false,
};
