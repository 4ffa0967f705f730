//! Logical IDs of the events that attach a function to another AWS
//! service: S3, EventBridge and CloudWatch, Cognito, load balancers, IoT,
//! Alexa and CloudFront (`lib/plugins/aws/lib/naming.js` of Serverless v3).

use super::{lambda_function, normalize_alphanumeric, normalize_function_name};

/// `S3BucketPhotosbucket` for the bucket `photos-bucket` (created by `s3`
/// events; with `provider.s3`, the key of the bucket there).
pub fn s3_bucket(bucket: &str) -> String {
    format!("S3Bucket{}", normalize_alphanumeric(bucket))
}

/// `HelloLambdaPermissionPhotosbucketS3`
pub fn s3_permission(function: &str, bucket: &str) -> String {
    format!("{}LambdaPermission{}S3", normalize_function_name(function), normalize_alphanumeric(bucket))
}

/// `HelloCustomS31`: the custom resource of a function's `existing` bucket
/// (one per function; the `1` is historical).
pub fn custom_s3(function: &str) -> String {
    format!("{}CustomS31", normalize_function_name(function))
}

/// `HelloCustomCognitoUserPool1`: the custom resource of a function's
/// `existing` user pool.
pub fn custom_cognito_user_pool(function: &str) -> String {
    format!("{}CustomCognitoUserPool1", normalize_function_name(function))
}

/// The role of the custom resource functions.
pub const CUSTOM_RESOURCES_ROLE: &str = "IamRoleCustomResourcesLambdaExecution";

/// `CustomDashresourceDashexistingDashs3LambdaFunction` for the custom
/// resource function `custom-resource-existing-s3`.
pub fn custom_resource_function(name: &str) -> String {
    lambda_function(&normalize_function_name(name))
}

/// `HelloEventsRuleCloudWatchEvent1` (counted per function).
pub fn cloudwatch_event_rule(function: &str, index: usize) -> String {
    format!("{}EventsRuleCloudWatchEvent{index}", normalize_function_name(function))
}

/// `HelloLambdaPermissionEventsRuleCloudWatchEvent1`
pub fn cloudwatch_event_permission(function: &str, index: usize) -> String {
    format!("{}LambdaPermissionEventsRuleCloudWatchEvent{index}", normalize_function_name(function))
}

/// `HelloLogsSubscriptionFilterCloudWatchLog1` (counted per function).
pub fn cloudwatch_log_filter(function: &str, index: usize) -> String {
    format!("{}LogsSubscriptionFilterCloudWatchLog{index}", normalize_function_name(function))
}

/// `HelloLambdaPermissionLogsSubscriptionFilterCloudWatchLog`: one per
/// function, for all its log groups.
pub fn cloudwatch_log_permission(function: &str) -> String {
    format!("{}LambdaPermissionLogsSubscriptionFilterCloudWatchLog", normalize_function_name(function))
}

/// `OrdersDashbusEventBridgeEventBus` for the bus `orders-bus`.
pub fn event_bridge_bus(bus: &str) -> String {
    format!("{}EventBridgeEventBus", normalize_function_name(bus))
}

/// `Myservicedevhellorule1EventBridgeRule` from the default rule name
/// `my-service-dev-hello-rule-1`, even when the rule has its own name.
pub fn event_bridge_rule(default_rule_name: &str) -> String {
    format!("{}EventBridgeRule", normalize_alphanumeric(default_rule_name))
}

/// `HelloEventBridgeLambdaPermission3`: numbered by the event's position
/// in the function's `events`.
pub fn event_bridge_permission(function: &str, position: usize) -> String {
    format!("{}EventBridgeLambdaPermission{position}", normalize_function_name(function))
}

/// `CognitoUserPoolMyPoolv2` for the pool `My_Pool-v2`.
pub fn cognito_user_pool(pool: &str) -> String {
    format!("CognitoUserPool{}", normalize_alphanumeric(pool))
}

/// `HelloLambdaPermissionCognitoUserPoolMyPoolTriggerSourcePreSignUp`
pub fn cognito_permission(function: &str, pool: &str, trigger: &str) -> String {
    format!(
        "{}LambdaPermissionCognitoUserPool{}TriggerSource{}",
        normalize_function_name(function),
        normalize_alphanumeric(pool),
        normalize_alphanumeric(trigger)
    )
}

/// `HelloAlbTargetGroup50dc6c495c0c9188`, or
/// `HelloAlbMultiValueTargetGroup…` with `multiValueHeaders`; `alb` is the
/// load balancer ID from the listener ARN (or the `Ref` of the listener).
pub fn alb_target_group(function: &str, alb: &str, multi_value: bool) -> String {
    let multi = if multi_value { "MultiValue" } else { "" };
    format!("{}Alb{multi}TargetGroup{alb}", normalize_function_name(function))
}

/// `HelloAlbListenerRule10`, numbered by the rule's `priority`.
pub fn alb_listener_rule(function: &str, priority: &str) -> String {
    format!("{}AlbListenerRule{priority}", normalize_function_name(function))
}

/// `HelloLambdaPermissionAlb`
pub fn alb_permission(function: &str) -> String {
    format!("{}LambdaPermissionAlb", normalize_function_name(function))
}

/// `HelloLambdaPermissionRegisterTarget`
pub fn alb_register_target_permission(function: &str) -> String {
    format!("{}LambdaPermissionRegisterTarget", normalize_function_name(function))
}

/// `HelloIotTopicRule1` (counted per function).
pub fn iot_topic_rule(function: &str, index: usize) -> String {
    format!("{}IotTopicRule{index}", normalize_function_name(function))
}

/// `HelloLambdaPermissionIotTopicRule1`
pub fn iot_permission(function: &str, index: usize) -> String {
    format!("{}LambdaPermissionIotTopicRule{index}", normalize_function_name(function))
}

/// `HelloIotProvisioningTemplate`
pub fn iot_provisioning_template(function: &str) -> String {
    format!("{}IotProvisioningTemplate", normalize_function_name(function))
}

/// `HelloLambdaPermissionIotProvisioningTemplate`
pub fn iot_provisioning_permission(function: &str) -> String {
    format!("{}LambdaPermissionIotProvisioningTemplate", normalize_function_name(function))
}

/// `HelloLambdaPermissionAlexaSkill1` (counted per function).
pub fn alexa_skill_permission(function: &str, index: usize) -> String {
    format!("{}LambdaPermissionAlexaSkill{index}", normalize_function_name(function))
}

/// `HelloLambdaPermissionAlexaSmartHome1` (counted per function).
pub fn alexa_smart_home_permission(function: &str, index: usize) -> String {
    format!("{}LambdaPermissionAlexaSmartHome{index}", normalize_function_name(function))
}

/// The distribution of `cloudFront` events.
pub const CLOUD_FRONT_DISTRIBUTION: &str = "CloudFrontDistribution";
/// The output with the distribution's domain name.
pub const CLOUD_FRONT_DISTRIBUTION_DOMAIN_NAME: &str = "CloudFrontDistributionDomainName";

/// `HelloLambdaFunctionInvokePermission`: CloudFront may invoke the
/// Lambda@Edge function's version.
pub fn edge_permission(function: &str) -> String {
    format!("{}InvokePermission", lambda_function(function))
}

/// `CloudFrontCachePolicyMyPolicy` for `provider.cloudFront.cachePolicies.myPolicy`.
pub fn cloud_front_cache_policy(name: &str) -> String {
    format!("CloudFrontCachePolicy{}", normalize_function_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_templates() {
        // Names from tests/package/{s3,event-rules,cognito-user-pool,alb,iot-alexa,cloudfront,names}.
        assert_eq!(s3_bucket("uploads.example-bucket"), "S3BucketUploadsexamplebucket");
        assert_eq!(s3_permission("my-func_v2", "my-bucket.v2"), "MyDashfuncUnderscorev2LambdaPermissionMybucketv2S3");
        assert_eq!(custom_s3("importer"), "ImporterCustomS31");
        assert_eq!(custom_cognito_user_pool("migrate"), "MigrateCustomCognitoUserPool1");
        assert_eq!(
            custom_resource_function("custom-resource-existing-s3"),
            "CustomDashresourceDashexistingDashs3LambdaFunction"
        );
        assert_eq!(cloudwatch_event_rule("legacy", 2), "LegacyEventsRuleCloudWatchEvent2");
        assert_eq!(cloudwatch_event_permission("legacy", 1), "LegacyLambdaPermissionEventsRuleCloudWatchEvent1");
        assert_eq!(cloudwatch_log_filter("logs", 1), "LogsLogsSubscriptionFilterCloudWatchLog1");
        assert_eq!(cloudwatch_log_permission("logs"), "LogsLambdaPermissionLogsSubscriptionFilterCloudWatchLog");
        assert_eq!(event_bridge_bus("orders-bus"), "OrdersDashbusEventBridgeEventBus");
        assert_eq!(event_bridge_rule("name-rules-dev-my-func_v2-rule-8"), "Namerulesdevmyfuncv2rule8EventBridgeRule");
        assert_eq!(event_bridge_permission("bus", 3), "BusEventBridgeLambdaPermission3");
        assert_eq!(cognito_user_pool("My_Pool-v2"), "CognitoUserPoolMyPoolv2");
        assert_eq!(
            cognito_permission("preSignUp", "customer-pool", "PreSignUp"),
            "PreSignUpLambdaPermissionCognitoUserPoolCustomerpoolTriggerSourcePreSignUp"
        );
        assert_eq!(
            alb_target_group("users", "50dc6c495c0c9188", true),
            "UsersAlbMultiValueTargetGroup50dc6c495c0c9188"
        );
        assert_eq!(alb_target_group("health-check", "x", false), "HealthDashcheckAlbTargetGroupx");
        assert_eq!(alb_listener_rule("health-check", "10"), "HealthDashcheckAlbListenerRule10");
        assert_eq!(alb_permission("users"), "UsersLambdaPermissionAlb");
        assert_eq!(alb_register_target_permission("users"), "UsersLambdaPermissionRegisterTarget");
        assert_eq!(iot_topic_rule("sensors", 2), "SensorsIotTopicRule2");
        assert_eq!(iot_permission("sensors", 1), "SensorsLambdaPermissionIotTopicRule1");
        assert_eq!(iot_provisioning_template("provisioning"), "ProvisioningIotProvisioningTemplate");
        assert_eq!(iot_provisioning_permission("provisioning"), "ProvisioningLambdaPermissionIotProvisioningTemplate");
        assert_eq!(alexa_skill_permission("skill", 2), "SkillLambdaPermissionAlexaSkill2");
        assert_eq!(alexa_smart_home_permission("smartHome", 1), "SmartHomeLambdaPermissionAlexaSmartHome1");
        assert_eq!(edge_permission("rewrite"), "RewriteLambdaFunctionInvokePermission");
        assert_eq!(cloud_front_cache_policy("my-policy"), "CloudFrontCachePolicyMyDashpolicy");
    }
}
