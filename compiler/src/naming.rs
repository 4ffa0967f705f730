//! CloudFormation logical IDs as the Serverless Framework v3 names them
//! (its `lib/plugins/aws/lib/naming.js`), so that an existing stack can be
//! taken over in place: `hello` → `HelloLambdaFunction`.

mod apis;
mod integrations;

pub use apis::*;
pub use integrations::*;

/// The first character in upper case: `hello` → `Hello`.
pub fn normalize_name(name: &str) -> String {
    let mut chars = name.chars();
    let mut out = String::with_capacity(name.len());
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

/// A name made safe for a logical ID: `-` → `Dash`, `_` → `Underscore`,
/// first letter upper case: `my-func_1` → `MyDashfuncUnderscore1`.
pub fn normalize_function_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 10);
    for (i, c) in name.char_indices() {
        match c {
            '-' => out.push_str("Dash"),
            '_' => out.push_str("Underscore"),
            c if i == 0 => out.extend(c.to_uppercase()),
            c => out.push(c),
        }
    }
    out
}

/// Only letters and digits, first letter upper case (paths, queue names).
pub fn normalize_alphanumeric(name: &str) -> String {
    normalize_name(&name.chars().filter(char::is_ascii_alphanumeric).collect::<String>())
}

/// `HelloLambdaFunction`
pub fn lambda_function(function: &str) -> String {
    format!("{}LambdaFunction", normalize_function_name(function))
}

/// `HelloLogGroup`
pub fn log_group(function: &str) -> String {
    format!("{}LogGroup", normalize_function_name(function))
}

/// `PythonRequirementsLambdaLayer` for the layer `pythonRequirements`.
pub fn lambda_layer(layer: &str) -> String {
    format!("{}LambdaLayer", normalize_function_name(layer))
}

/// `HttpApiIntegrationHello`
pub fn http_api_integration(function: &str) -> String {
    format!("HttpApiIntegration{}", normalize_function_name(function))
}

/// `HelloLambdaPermissionHttpApi`
pub fn http_api_permission(function: &str) -> String {
    format!("{}LambdaPermissionHttpApi", normalize_function_name(function))
}

/// One segment of a path as the Serverless Framework's `normalizePathPart`
/// writes it: lodash `capitalize` (first letter upper case, **the rest lower
/// case**), `-` → `Dash`, `{x}` → `xVar`, other characters dropped:
/// `users-v2` → `UsersDashv2`, `{userId}` → `UseridVar`, `me_too` → `Metoo`.
pub fn normalize_path_part(part: &str) -> String {
    let lower = part.to_lowercase();
    let mut rest = lower.chars();
    // Lower case, then the first letter upper case (which may make more
    // than one letter: `ß` → `SS`).
    let chars: Vec<char> = rest.next().into_iter().flat_map(char::to_uppercase).chain(rest).collect();
    let open = chars.iter().position(|&c| c == '{');
    let close = chars.iter().rposition(|&c| c == '}');
    let braces = open.zip(close).filter(|(open, close)| open < close);
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        match braces {
            Some((open, _)) if i == open => {}
            Some((_, close)) if i == close => out.push_str("Var"),
            _ if c == '-' => out.push_str("Dash"),
            _ if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    normalize_name(&out)
}

/// A path as `normalizePath` writes it: every `/`-separated part through
/// [`normalize_path_part`], joined: `/users/{userId}` → `UsersUseridVar`.
pub fn normalize_path(path: &str) -> String {
    path.split('/').map(normalize_path_part).collect()
}

/// The route key of an HTTP API route: the method upper-cased (`*` is
/// `ANY`), a space, the path; `*` for the catch-all route (any method,
/// path `*`).
pub fn http_api_route_key(method: &str, path: &str) -> String {
    let method = method.to_uppercase();
    if path == "*" && (method == "*" || method == "ANY" || method.is_empty()) {
        return "*".to_owned();
    }
    let method = if method == "*" { "ANY" } else { method.as_str() };
    format!("{method} {path}")
}

/// `HttpApiRouteGetItemsIdVar` for `GET /items/{id}`: the route key
/// through [`normalize_path`] (so the method is capitalised as the first
/// part: `ANY` → `Any`); `HttpApiRouteDefault` for `*`.
pub fn http_api_route(method: &str, path: &str) -> String {
    http_api_route_of_key(&http_api_route_key(method, path))
}

/// The logical ID of the route with the key `key` (see
/// [`http_api_route_key`]): `HttpApiRoute` and the key through
/// [`normalize_path`], or `HttpApiRouteDefault` for `*`.
pub fn http_api_route_of_key(key: &str) -> String {
    if key == "*" {
        return "HttpApiRouteDefault".to_owned();
    }
    format!("HttpApiRoute{}", normalize_path(key))
}

/// `HttpApiAuthorizerJwtAuth` for the authorizer named `jwtAuth`.
pub fn http_api_authorizer(name: &str) -> String {
    format!("HttpApiAuthorizer{}", normalize_function_name(name))
}

/// `AuthLambdaAuthorizerPermissionHttpApi`: lets the HTTP API invoke the
/// function of the request authorizer named `auth`.
pub fn http_api_authorizer_permission(name: &str) -> String {
    format!("{}LambdaAuthorizerPermissionHttpApi", normalize_function_name(name))
}

/// `PublicWildLambdaLayerPermission` for the layer `public` and the account
/// `*` (`*` is `Wild`), `Shared123456789012LambdaLayerPermission` for an
/// account ID.
pub fn lambda_layer_permission(layer: &str, account: &str) -> String {
    format!("{}{}LambdaLayerPermission", normalize_function_name(layer), account.replacen('*', "Wild", 1))
}

/// `HelloLambdaVersion<hash>`: the hash with everything but ASCII letters
/// and digits removed.
pub fn lambda_version(function: &str, hash: &str) -> String {
    let hash: String = hash.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{}LambdaVersion{hash}", normalize_function_name(function))
}

/// What stands for a version's hash where it is not worked out
/// ([`crate::lower::Purpose::Names`]): not a letter or digit, so no
/// reference can name such a version.
pub const UNHASHED: &str = "*";

/// `HelloLambdaVersion*`: the version's logical ID with [`UNHASHED`] for
/// its hash.
pub fn unhashed_lambda_version(function: &str) -> String {
    format!("{}LambdaVersion{UNHASHED}", normalize_function_name(function))
}

/// For the logical ID of a version with its hash, `HelloLambdaVersion<hash>`,
/// the part before the hash (`HelloLambdaVersion`); `None` for any other
/// name, including one with no hash.
pub fn lambda_version_prefix(id: &str) -> Option<&str> {
    let end = id.find("LambdaVersion")? + "LambdaVersion".len();
    (end < id.len()).then(|| &id[..end])
}

/// `HelloLambdaFunctionQualifiedArn`, the output of a function's version.
pub fn lambda_version_output(function: &str) -> String {
    format!("{}QualifiedArn", lambda_function(function))
}

/// `HelloLambdaFunctionUrl`: the function URL and its output.
pub fn lambda_url(function: &str) -> String {
    format!("{}LambdaFunctionUrl", normalize_function_name(function))
}

/// `HelloLambdaPermissionFnUrl`: lets anyone call a public function URL.
pub fn lambda_url_permission(function: &str) -> String {
    format!("{}LambdaPermissionFnUrl", normalize_function_name(function))
}

/// `HelloLambdaEvConf`: the asynchronous invocation settings
/// (`destinations`, `maximumEventAge`, `maximumRetryAttempts`).
pub fn lambda_event_invoke_config(function: &str) -> String {
    format!("{}LambdaEvConf", normalize_function_name(function))
}

/// `HelloEventsRuleSchedule1` (1-based, counted per function).
pub fn schedule_rule(function: &str, index: usize) -> String {
    format!("{}EventsRuleSchedule{index}", normalize_function_name(function))
}

/// `HelloLambdaPermissionEventsRuleSchedule1`, the permission of
/// [`schedule_rule`].
pub fn schedule_permission(function: &str, index: usize) -> String {
    format!("{}LambdaPermissionEventsRuleSchedule{index}", normalize_function_name(function))
}

/// `HelloSchedulerSchedule2`: a `method: scheduler` schedule, counted with
/// the function's other schedules.
pub fn scheduler_schedule(function: &str, index: usize) -> String {
    format!("{}SchedulerSchedule{index}", normalize_function_name(function))
}

/// `HelloProvConcLambdaAlias`, the `provisioned` alias of a function with
/// `provisionedConcurrency`.
pub fn provisioned_concurrency_alias(function: &str) -> String {
    format!("{}ProvConcLambdaAlias", normalize_function_name(function))
}

/// `HelloSnapStartLambdaAlias`, the `snapstart` alias of a function with
/// `snapStart`.
pub fn snap_start_alias(function: &str) -> String {
    format!("{}SnapStartLambdaAlias", normalize_function_name(function))
}

/// At most `max` characters of `name` made alphanumeric (the Serverless
/// Framework trims broker names to keep IDs under 255 characters).
fn alphanumeric_prefix(name: &str, max: usize) -> String {
    normalize_alphanumeric(name).chars().take(max).collect()
}

/// `HelloEventSourceMappingSQSJobsqueue` for the queue `jobs-queue`.
pub fn sqs_mapping(function: &str, queue: &str) -> String {
    format!("{}EventSourceMappingSQS{}", normalize_function_name(function), normalize_alphanumeric(queue))
}

/// `HelloEventSourceMappingDynamodbUsersTable`: the stream type
/// (`dynamodb`, `kinesis`) with its first letter upper-cased, then the
/// stream's name.
pub fn stream_mapping(function: &str, kind: &str, stream: &str) -> String {
    format!(
        "{}EventSourceMapping{}{}",
        normalize_function_name(function),
        normalize_name(kind),
        normalize_alphanumeric(stream)
    )
}

/// `HelloClicksStreamConsumer` for the consumer named `helloClicksConsumer`
/// (see [`stream_consumer_name`]).
pub fn stream_consumer(consumer_name: &str) -> String {
    format!("{}StreamConsumer", normalize_function_name(consumer_name))
}

/// The name of the consumer a `stream` event with `consumer: true` creates:
/// `<function><stream>Consumer`, or with `<service><stage>` before
/// `Consumer` when `provider.kinesis.consumerNamingMode` is set.
pub fn stream_consumer_name(function: &str, stream: &str, service_stage: Option<(&str, &str)>) -> String {
    match service_stage {
        Some((service, stage)) => format!("{function}{stream}{service}{stage}Consumer"),
        None => format!("{function}{stream}Consumer"),
    }
}

/// `HelloEventSourceMappingMSKClusterTopic` (cluster and topic trimmed to
/// 79 characters each).
pub fn msk_mapping(function: &str, cluster: &str, topic: &str) -> String {
    format!(
        "{}EventSourceMappingMSK{}{}",
        normalize_function_name(function),
        alphanumeric_prefix(cluster, 79),
        alphanumeric_prefix(topic, 79)
    )
}

/// `HelloEventSourceMappingKafkaTopic` (topic trimmed to 158 characters).
pub fn kafka_mapping(function: &str, topic: &str) -> String {
    format!("{}EventSourceMappingKafka{}", normalize_function_name(function), alphanumeric_prefix(topic, 158))
}

/// `HelloEventSourceMappingActiveMQQueue` (queue trimmed to 150 characters).
pub fn activemq_mapping(function: &str, queue: &str) -> String {
    format!("{}EventSourceMappingActiveMQ{}", normalize_function_name(function), alphanumeric_prefix(queue, 150))
}

/// `HelloEventSourceMappingRabbitMQQueue` (queue trimmed to 150 characters).
pub fn rabbitmq_mapping(function: &str, queue: &str) -> String {
    format!("{}EventSourceMappingRabbitMQ{}", normalize_function_name(function), alphanumeric_prefix(queue, 150))
}

/// `SNSTopicOrderevents`, the topic an `sns` event creates.
pub fn sns_topic(topic: &str) -> String {
    format!("SNSTopic{}", normalize_alphanumeric(topic))
}

/// `HelloSnsSubscriptionOrderevents`
pub fn sns_subscription(function: &str, topic: &str) -> String {
    format!("{}SnsSubscription{}", normalize_function_name(function), normalize_alphanumeric(topic))
}

/// `HelloLambdaPermissionOrdereventsSNS`
pub fn sns_permission(function: &str, topic: &str) -> String {
    format!("{}LambdaPermission{}SNS", normalize_function_name(function), normalize_alphanumeric(topic))
}

/// `OrdereventsToHelloDLQPolicy`, the queue policy letting a topic send
/// undeliverable messages to the dead-letter queue of `redrivePolicy`.
pub fn sns_dead_letter_policy(function: &str, topic: &str) -> String {
    format!("{}To{}DLQPolicy", normalize_alphanumeric(topic), normalize_function_name(function))
}

/// Resources every service with functions gets.
pub const IAM_ROLE: &str = "IamRoleLambdaExecution";
/// The deployment bucket, unless `provider.deploymentBucket` is set.
pub const DEPLOYMENT_BUCKET: &str = "ServerlessDeploymentBucket";
/// The deployment bucket's policy.
pub const DEPLOYMENT_BUCKET_POLICY: &str = "ServerlessDeploymentBucketPolicy";
/// The HTTP API of `httpApi` events.
pub const HTTP_API: &str = "HttpApi";
/// Its stage.
pub const HTTP_API_STAGE: &str = "HttpApiStage";
/// The REST API of `http` events.
pub const REST_API: &str = "ApiGatewayRestApi";
/// The WebSocket API of `websocket` events.
pub const WEBSOCKETS_API: &str = "WebsocketsApi";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_serverless_reference_template() {
        // Names from shared/reference/serverless-v3/minimal.
        assert_eq!(lambda_function("hello"), "HelloLambdaFunction");
        assert_eq!(log_group("hello"), "HelloLogGroup");
        assert_eq!(http_api_integration("hello"), "HttpApiIntegrationHello");
        assert_eq!(http_api_permission("hello"), "HelloLambdaPermissionHttpApi");
        assert_eq!(http_api_route("get", "/"), "HttpApiRouteGet");
    }

    #[test]
    fn escapes_dashes_and_underscores() {
        assert_eq!(lambda_function("my-func_1"), "MyDashfuncUnderscore1LambdaFunction");
        assert_eq!(lambda_layer("pythonRequirements"), "PythonRequirementsLambdaLayer");
        assert_eq!(http_api_route("GET", "/items/{id}"), "HttpApiRouteGetItemsIdVar");
        assert_eq!(http_api_route("*", "*"), "HttpApiRouteDefault");
    }

    #[test]
    fn normalises_http_api_routes_as_serverless_does() {
        // Names from tests/package/{http-api,names}.
        assert_eq!(http_api_route("ANY", "/{proxy+}"), "HttpApiRouteAnyProxyVar");
        assert_eq!(
            http_api_route("*", "/users/{userId}/orders/{orderId}"),
            "HttpApiRouteAnyUsersUseridVarOrdersOrderidVar"
        );
        assert_eq!(http_api_route("PATCH", "/users-v2/me_too"), "HttpApiRoutePatchUsersDashv2Metoo");
        assert_eq!(http_api_route("delete", "/items/{id}"), "HttpApiRouteDeleteItemsIdVar");
        assert_eq!(http_api_route("POST", "/ALLCAPS/Mixed-Case"), "HttpApiRoutePostAllcapsMixedDashcase");
        assert_eq!(http_api_route("GET", "/my-path_v2/{item_Id}"), "HttpApiRouteGetMyDashpathv2ItemidVar");
        assert_eq!(http_api_route("ANY", "*"), "HttpApiRouteDefault");
        assert_eq!(http_api_route_key("*", "/x"), "ANY /x");
        assert_eq!(http_api_route_key("get", "/x"), "GET /x");
        assert_eq!(normalize_path_part("{tag_name}"), "TagnameVar");
        assert_eq!(normalize_path_part("_x"), "X");
        assert_eq!(normalize_path_part("ßx"), "SSx");
        assert_eq!(http_api_authorizer("jwtAuth"), "HttpApiAuthorizerJwtAuth");
        assert_eq!(http_api_authorizer_permission("my-auth"), "MyDashauthLambdaAuthorizerPermissionHttpApi");
    }

    #[test]
    fn names_function_options() {
        // Names from tests/package/{function-options,no-versions,schedule}.
        assert_eq!(lambda_url("api"), "ApiLambdaFunctionUrl");
        assert_eq!(lambda_url_permission("api"), "ApiLambdaPermissionFnUrl");
        assert_eq!(lambda_event_invoke_config("worker"), "WorkerLambdaEvConf");
        assert_eq!(lambda_version_output("deadLetters"), "DeadLettersLambdaFunctionQualifiedArn");
        assert_eq!(lambda_version("warm", "Nn7g2+bk/VdjD="), "WarmLambdaVersionNn7g2bkVdjD");
        assert_eq!(scheduler_schedule("nightly_report", 2), "NightlyUnderscorereportSchedulerSchedule2");
        assert_eq!(schedule_permission("cron", 1), "CronLambdaPermissionEventsRuleSchedule1");
    }

    #[test]
    fn names_queues_topics_and_streams() {
        // Names from tests/package/{sqs-sns,streams,brokers,names}.
        assert_eq!(sqs_mapping("worker", "jobs-queue"), "WorkerEventSourceMappingSQSJobsqueue");
        assert_eq!(
            sqs_mapping("my-func_v2", "my-queue_v2.fifo"),
            "MyDashfuncUnderscorev2EventSourceMappingSQSMyqueuev2fifo"
        );
        assert_eq!(
            stream_mapping("changes", "dynamodb", "legacy-orders"),
            "ChangesEventSourceMappingDynamodbLegacyorders"
        );
        assert_eq!(stream_mapping("clicks", "kinesis", "page_views"), "ClicksEventSourceMappingKinesisPageviews");
        assert_eq!(
            msk_mapping("managedKafka", "orders-cluster", "orders"),
            "ManagedKafkaEventSourceMappingMSKOrdersclusterOrders"
        );
        assert_eq!(kafka_mapping("selfKafka", "clicks.v1"), "SelfKafkaEventSourceMappingKafkaClicksv1");
        assert_eq!(activemq_mapping("active", "invoices"), "ActiveEventSourceMappingActiveMQInvoices");
        assert_eq!(rabbitmq_mapping("rabbit", "emails"), "RabbitEventSourceMappingRabbitMQEmails");
        assert_eq!(sns_topic("ALLCAPS-TOPIC"), "SNSTopicALLCAPSTOPIC");
        assert_eq!(sns_subscription("notifier", "audit_log"), "NotifierSnsSubscriptionAuditlog");
        assert_eq!(sns_permission("my-func_v2", "my-topic_v2"), "MyDashfuncUnderscorev2LambdaPermissionMytopicv2SNS");
        assert_eq!(sns_dead_letter_policy("notifier", "audit_log"), "AuditlogToNotifierDLQPolicy");
        assert_eq!(
            stream_consumer(&stream_consumer_name("clicks", "click-stream", None)),
            "ClicksclickDashstreamConsumerStreamConsumer"
        );
        assert_eq!(provisioned_concurrency_alias("hello"), "HelloProvConcLambdaAlias");
        assert_eq!(kafka_mapping("f", &"t".repeat(200)).len(), "FEventSourceMappingKafka".len() + 158);
    }
}
