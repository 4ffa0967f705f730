//! HTTP-facing events besides `http`: `httpApi` (API Gateway HTTP API),
//! `websocket` and `alb`.

use crate::schema::common::STRINGS;
use crate::schema::patterns as p;
use crate::schema::types::{Key, Object, Ty};

const HTTP_API_ROUTE: Ty = Ty::Pattern { expected: "`*` or `METHOD /path`", check: p::http_api_route };
const METHOD: Ty = Ty::Pattern { expected: "an HTTP method or `*`", check: p::http_method };

/// `httpApi`: a route on the service's API Gateway HTTP API.
pub const HTTP_API: Ty = Ty::OneOf(&[HTTP_API_ROUTE, Ty::Object(&HTTP_API_EVENT)]);

static HTTP_API_EVENT: Object = Object {
    name: "httpApi event",
    keys: &[
        Key::new(
            "method",
            METHOD,
            "HTTP method of the route (`GET`, `POST`, …), or `*` for any method. Without `method` the route matches every method.",
        ),
        Key::new(
            "path",
            Ty::Pattern { expected: "`*` or a path starting with `/`", check: p::http_api_path },
            "Path of the route, starting with `/`: `{id}` captures a segment, `{proxy+}` the rest of the path. `*` (with no method) catches every request no other route matches.",
        )
        .required(),
        Key::new(
            "authorizer",
            Ty::OneOf(&[Ty::String, Ty::Object(&HTTP_API_AUTHORIZER)]),
            "Authorizer protecting the route: the name of one in `provider.httpApi.authorizers`, or `{ name, scopes }`, `{ id }` for an existing one, or `{ type = \"aws_iam\" }` for IAM (SigV4) auth.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static HTTP_API_AUTHORIZER: Object = Object {
    name: "httpApi event authorizer",
    keys: &[
        Key::new("name", Ty::String, "Name of an authorizer defined in `provider.httpApi.authorizers`."),
        Key::new(
            "id",
            Ty::StringOrIntrinsic,
            "ID of an authorizer that already exists on an external HTTP API (with `provider.httpApi.id`).",
        ),
        Key::new(
            "type",
            Ty::Enum(&["request", "jwt", "aws_iam"]),
            "Kind of authorizer, needed with `id`; `aws_iam` alone makes callers sign requests with IAM credentials.",
        ),
        Key::new(
            "scopes",
            STRINGS,
            "OAuth scopes a JWT must carry (any one of them) to call the route, such as `user.email`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `websocket`: a route on the service's WebSocket API.
pub const WEBSOCKET: Ty = Ty::OneOf(&[WEBSOCKET_ROUTE, Ty::Object(&WEBSOCKET_EVENT)]);

const WEBSOCKET_ROUTE: Ty = Ty::Pattern { expected: "a WebSocket route key", check: p::websocket_route };

static WEBSOCKET_EVENT: Object = Object {
    name: "websocket event",
    keys: &[
        Key::new(
            "route",
            WEBSOCKET_ROUTE,
            "Route key: `$connect` (client connects), `$disconnect`, `$default` (no other route matches) or a custom key matched against `provider.websocketsApiRouteSelectionExpression`.",
        )
        .required(),
        Key::new(
            "routeResponseSelectionExpression",
            Ty::Enum(&["$default"]),
            "Set to `$default` to send the function's return value back to the client (two-way route).",
        ),
        Key::new(
            "authorizer",
            Ty::OneOf(&[Ty::String, Ty::Object(&WEBSOCKET_AUTHORIZER)]),
            "Authorizer for the `$connect` route: a function name in this service, a function ARN, or `{ name | arn, identitySource }`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static WEBSOCKET_AUTHORIZER: Object = Object {
    name: "websocket authorizer",
    keys: &[
        Key::new("name", Ty::String, "Name of the authorizer function in this service."),
        Key::new("arn", Ty::StringOrIntrinsic, "ARN of an authorizer function outside this service."),
        Key::new(
            "identitySource",
            STRINGS,
            "Where the identity is read, such as `route.request.header.Auth` or `route.request.querystring.token`. Default: `route.request.header.Auth`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `alb`: a listener rule on an existing Application Load Balancer.
pub const ALB: Ty = Ty::Object(&ALB_EVENT);

static ALB_EVENT: Object = Object {
    name: "alb event",
    keys: &[
        Key::new(
            "listenerArn",
            Ty::OneOf(&[Ty::Pattern { expected: "an ALB listener ARN", check: p::alb_listener_arn }, Ty::Intrinsic]),
            "ARN of the load balancer listener the rule is added to. The load balancer itself is not created by Serverless.",
        )
        .required(),
        Key::new(
            "priority",
            Ty::Integer { min: 1, max: 50000, unit: "" },
            "Rule priority on the listener, 1 to 50000; lower is evaluated first, and each rule on a listener needs its own.",
        )
        .required(),
        Key::new("conditions", Ty::Object(&ALB_CONDITIONS), "What requests the rule matches: path, host, method, headers, query, source IP.").required(),
        Key::new("authorizer", STRINGS, "Names of authorizers from `provider.alb.authorizers` run before the function."),
        Key::new(
            "healthCheck",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&ALB_HEALTH_CHECK)]),
            "Health checks of the function's target group: `true` for the defaults, or the settings. Default: off.",
        ),
        Key::new("multiValueHeaders", Ty::Bool, "Pass repeated headers and query parameters as lists (`multiValueHeaders` in the event). Default: `false`."),
        Key::new("targetGroupName", Ty::String, "Name of the created target group, at most 32 letters, digits and `-`."),
    ],
    open: false,
    exactly_one: false,
};

static ALB_CONDITIONS: Object = Object {
    name: "alb conditions",
    keys: &[
        Key::new("path", STRINGS, "Path patterns, such as `/users/*` (`*` and `?` wildcards, case-sensitive)."),
        Key::new("host", STRINGS, "Host headers, such as `api.example.com` or `*.example.com`."),
        Key::new("method", STRINGS, "HTTP methods, such as `GET`."),
        Key::new(
            "header",
            Ty::OneOf(&[Ty::Object(&ALB_HEADER), Ty::List(&Ty::Object(&ALB_HEADER))]),
            "HTTP header conditions: a header name and the values it may have.",
        ),
        Key::new("query", Ty::Map(&Ty::String), "Query string conditions: key → value."),
        Key::new("ip", STRINGS, "Source IP ranges in CIDR notation, such as `10.0.0.0/8`."),
    ],
    open: false,
    exactly_one: false,
};

static ALB_HEADER: Object = Object {
    name: "alb header condition",
    keys: &[
        Key::new("name", Ty::String, "Header name, at most 40 characters.").required(),
        Key::new("values", STRINGS, "Values the header may have (`*` and `?` wildcards).").required(),
    ],
    open: false,
    exactly_one: false,
};

static ALB_HEALTH_CHECK: Object = Object {
    name: "alb health check",
    keys: &[
        Key::new("path", Ty::String, "Path requested by health checks. Default: `/`.").default("\"/\""),
        Key::new(
            "intervalSeconds",
            Ty::Integer { min: 5, max: 300, unit: "seconds" },
            "Seconds between health checks, 5 to 300. Default: 35.",
        )
        .default("35"),
        Key::new(
            "timeoutSeconds",
            Ty::Integer { min: 2, max: 120, unit: "seconds" },
            "Seconds without an answer that fail a check, 2 to 120. Default: 30.",
        )
        .default("30"),
        Key::new(
            "healthyThresholdCount",
            Ty::Integer { min: 2, max: 10, unit: "" },
            "Consecutive successes before the target is healthy, 2 to 10. Default: 5.",
        )
        .default("5"),
        Key::new(
            "unhealthyThresholdCount",
            Ty::Integer { min: 2, max: 10, unit: "" },
            "Consecutive failures before the target is unhealthy, 2 to 10. Default: 2.",
        )
        .default("2"),
        Key::new("matcher", Ty::Object(&ALB_MATCHER), "Status codes that count as healthy."),
    ],
    open: false,
    exactly_one: false,
};

static ALB_MATCHER: Object = Object {
    name: "alb health check matcher",
    keys: &[Key::new(
        "httpCode",
        Ty::String,
        "Healthy status codes: `200`, `200,202` or a range `200-299`. Default: `200`.",
    )],
    open: false,
    exactly_one: false,
};
