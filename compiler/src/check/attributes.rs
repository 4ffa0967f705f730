//! The `getAtt` attributes of the resource types svc generates and of the
//! common AWS types (from the CloudFormation resource reference).

/// `(type, attributes)`; a type not listed is not checked.
const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("AWS::ApiGateway::RestApi", &["RestApiId", "RootResourceId"]),
    ("AWS::ApiGatewayV2::Api", &["ApiEndpoint", "ApiId"]),
    ("AWS::ApiGatewayV2::Stage", &[]),
    ("AWS::Cognito::UserPool", &["Arn", "ProviderName", "ProviderURL", "UserPoolId"]),
    ("AWS::DynamoDB::Table", &["Arn", "StreamArn"]),
    ("AWS::Events::EventBus", &["Arn", "Name", "Policy"]),
    ("AWS::Events::Rule", &["Arn"]),
    ("AWS::IAM::Role", &["Arn", "RoleId"]),
    ("AWS::Kinesis::Stream", &["Arn"]),
    ("AWS::KMS::Key", &["Arn", "KeyId"]),
    ("AWS::Lambda::Function", &["Arn", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"]),
    ("AWS::Lambda::LayerVersion", &["LayerVersionArn"]),
    ("AWS::Lambda::Permission", &[]),
    ("AWS::Lambda::Version", &["FunctionArn", "Version"]),
    ("AWS::Logs::LogGroup", &["Arn"]),
    ("AWS::S3::Bucket", &["Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"]),
    ("AWS::S3::BucketPolicy", &[]),
    ("AWS::SNS::Topic", &["TopicArn", "TopicName"]),
    ("AWS::SQS::Queue", &["Arn", "QueueName", "QueueUrl"]),
    ("AWS::SecretsManager::Secret", &["Id"]),
    ("AWS::SSM::Parameter", &["Type", "Value"]),
    ("AWS::StepFunctions::StateMachine", &["Arn", "Name", "StateMachineRevisionId"]),
];

/// The attributes of `type_name`, when svc knows them.
pub fn attributes(type_name: &str) -> Option<&'static [&'static str]> {
    ATTRIBUTES.iter().find(|(t, _)| *t == type_name).map(|(_, a)| *a)
}

/// CloudFormation's pseudo-parameters, for `ref("AWS::Region")`.
pub const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];
