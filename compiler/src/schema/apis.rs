//! Provider settings of the APIs and load balancers Serverless creates:
//! `provider.httpApi`, `provider.apiGateway`, `provider.alb`, `provider.cloudFront`.

use super::common::{ANY_MAP, ARN_OR_REF, NON_NEGATIVE, PAYLOAD, STRINGS};
use super::iam::STATEMENTS;
use super::patterns as p;
use super::types::{Key, Object, Ty};

const fn object(name: &'static str, keys: &'static [Key]) -> Object {
    Object { name, keys, open: false, exactly_one: false }
}

/// `provider.httpApi`: the API Gateway HTTP API shared by `httpApi` events.
pub static HTTP_API: Object = object(
    "provider httpApi",
    &[
        Key::new("id", Ty::StringOrIntrinsic, "ID of an existing HTTP API to attach the routes to instead of creating one; settings of the API itself, such as `cors` or `name`, then belong to its owner."),
        Key::new("name", Ty::String, "Name of the created API. Default: `STAGE-SERVICE`."),
        Key::new(
            "payload",
            PAYLOAD,
            "Format of the event the functions receive and the response they return, `2.0` (simpler) or `1.0` (like REST API proxy events). Default: `2.0`.",
        )
        .default("\"2.0\""),
        Key::new(
            "cors",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&HTTP_API_CORS)]),
            "CORS handled by API Gateway for every route: `true` for permissive defaults (any origin), or the settings. When set, API Gateway answers preflight requests itself.",
        ),
        Key::new(
            "authorizers",
            Ty::Map(&Ty::Object(&HTTP_API_AUTHORIZER)),
            "Authorizers that `httpApi` events name: JWT authorizers (Cognito, Auth0, …) or Lambda `request` authorizers, by name.",
        ),
        Key::new(
            "disableDefaultEndpoint",
            Ty::Bool,
            "Turn off the default `execute-api` URL, so clients must use a custom domain. Default: `false`.",
        )
        .default("false"),
        Key::new("metrics", Ty::Bool, "Detailed CloudWatch metrics per route (billed). Default: `false`.").default("false"),
        Key::new(
            "shouldStartNameWithService",
            Ty::Bool,
            "Name the API `SERVICE-STAGE` instead of `STAGE-SERVICE`. Default: `false`.",
        )
        .default("false"),
        Key::new("useProviderTags", Ty::Bool, "Apply `provider.tags` to the HTTP API as well."),
    ],
);

static HTTP_API_CORS: Object = object(
    "httpApi cors",
    &[
        Key::new("allowedOrigins", STRINGS, "Allowed origins, such as `https://example.com`. Default: `*`."),
        Key::new(
            "allowedHeaders",
            STRINGS,
            "Request headers allowed. Default: Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent, X-Amzn-Trace-Id.",
        ),
        Key::new(
            "allowedMethods",
            STRINGS,
            "Methods allowed, such as `GET`. Default: every method of the routes, and OPTIONS.",
        ),
        Key::new(
            "allowCredentials",
            Ty::Bool,
            "Allow cookies and credentials; needs explicit `allowedOrigins` (not `*`).",
        ),
        Key::new("exposedResponseHeaders", STRINGS, "Response headers browsers may read."),
        Key::new(
            "maxAge",
            Ty::Integer { min: 0, max: 86400, unit: "seconds" },
            "Seconds browsers may cache the preflight answer, 0 to 86400.",
        ),
    ],
);

static HTTP_API_AUTHORIZER: Object = object(
    "httpApi authorizer",
    &[
        Key::new(
            "type",
            Ty::Enum(&["jwt", "request"]),
            "`jwt` checks a JSON Web Token; `request` calls a Lambda function. Default: `jwt`.",
        )
        .default("\"jwt\""),
        Key::new("name", Ty::String, "Name of the created authorizer. Default: the key."),
        Key::new(
            "identitySource",
            Ty::OneOf(&[Ty::StringOrIntrinsic, Ty::List(&Ty::StringOrIntrinsic)]),
            "Where the identity is read, such as `$request.header.Authorization`. Required for `jwt`, and for `request` with caching.",
        ),
        Key::new(
            "issuerUrl",
            Ty::StringOrIntrinsic,
            "`jwt`: URL of the token issuer, such as `https://cognito-idp.REGION.amazonaws.com/POOL_ID`.",
        ),
        Key::new(
            "audience",
            Ty::OneOf(&[Ty::StringOrIntrinsic, Ty::List(&Ty::StringOrIntrinsic)]),
            "`jwt`: accepted audiences (`aud` claim), such as the Cognito app client ID.",
        ),
        Key::new("functionName", Ty::String, "`request`: name of the authorizer function in this service."),
        Key::new(
            "functionArn",
            Ty::StringOrIntrinsic,
            "`request`: ARN of an authorizer function outside this service.",
        ),
        Key::new(
            "resultTtlInSeconds",
            Ty::Integer { min: 0, max: 3600, unit: "seconds" },
            "`request`: seconds API Gateway caches the answer, 0 to 3600 (0: no caching). Caching needs `identitySource`.",
        ),
        Key::new(
            "enableSimpleResponses",
            Ty::Bool,
            "`request`: the function answers `{ isAuthorized }` instead of an IAM policy. Default: `false`.",
        ),
        Key::new("payloadVersion", PAYLOAD, "`request`: format of the event the authorizer receives. Default: `2.0`."),
        Key::new(
            "managedExternally",
            Ty::Bool,
            "`request`: do not grant API Gateway permission to invoke the function.",
        ),
    ],
);

/// `provider.apiGateway`: the REST API shared by `http` events (and the WebSocket API).
pub static API_GATEWAY: Object = object(
    "provider apiGateway",
    &[
        Key::new(
            "restApiId",
            Ty::StringOrIntrinsic,
            "ID of an existing REST API to add the endpoints to instead of creating one.",
        ),
        Key::new(
            "restApiRootResourceId",
            Ty::StringOrIntrinsic,
            "Root resource (`/`) ID of the existing REST API in `restApiId`.",
        ),
        Key::new(
            "restApiResources",
            Ty::OneOf(&[Ty::Map(&Ty::String), Ty::List(&ANY_MAP)]),
            "Resources that already exist on the shared REST API, path → resource ID, so Serverless does not create them again.",
        ),
        Key::new(
            "websocketApiId",
            Ty::StringOrIntrinsic,
            "ID of an existing WebSocket API to add the `websocket` routes to.",
        ),
        Key::new(
            "apiKeys",
            Ty::List(&Ty::OneOf(&[
                Ty::String,
                Ty::Object(&API_KEY),
                Ty::Map(&Ty::List(&Ty::OneOf(&[Ty::String, Ty::Object(&API_KEY)]))),
            ])),
            "API keys to create: names, `{ name, value, … }`, or keys grouped by usage plan name. Endpoints with `private = true` require one.",
        ),
        Key::new(
            "apiKeySourceType",
            Ty::Enum(&["HEADER", "AUTHORIZER"]),
            "Where API keys are read: the `x-api-key` header, or the usage identifier a Lambda authorizer returns. Default: `HEADER`.",
        ),
        Key::new(
            "usagePlan",
            Ty::OneOf(&[Ty::Object(&USAGE_PLAN), Ty::List(&Ty::Map(&Ty::Object(&USAGE_PLAN)))]),
            "Quota and throttling for API keys: one plan, or several plans by name.",
        ),
        Key::new(
            "minimumCompressionSize",
            Ty::Integer { min: 0, max: 10485760, unit: "bytes" },
            "Compress responses larger than this many bytes, 0 to 10485760, when the client accepts it. Default: no compression.",
        ),
        Key::new(
            "binaryMediaTypes",
            Ty::List(&Ty::Pattern { expected: "a media type such as image/png", check: p::media_type }),
            "Media types treated as binary, such as `image/png` or `*/*`; the function returns them base64-encoded.",
        ),
        Key::new("description", Ty::String, "Description of the REST API deployment."),
        Key::new("disableDefaultEndpoint", Ty::Bool, "Turn off the default `execute-api` URL. Default: `false`.")
            .default("false"),
        Key::new("metrics", Ty::Bool, "Detailed CloudWatch metrics per method (billed). Default: `false`.")
            .default("false"),
        Key::new(
            "shouldStartNameWithService",
            Ty::Bool,
            "Name the REST API `SERVICE-STAGE` instead of `STAGE-SERVICE`. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "resourcePolicy",
            STATEMENTS,
            "Resource policy of the REST API, such as allowing only some source IPs or a VPC endpoint (for `PRIVATE` endpoints).",
        ),
        Key::new("request", Ty::Object(&API_REQUEST), "Request validation models shared by `http` events."),
        Key::new("stage", Ty::String, "Name of the REST API stage. Default: the service's stage."),
    ],
);

static API_KEY: Object = object(
    "API key",
    &[
        Key::new("name", Ty::String, "Name of the key."),
        Key::new("value", Ty::String, "Value of the key, at least 20 characters. Default: generated by API Gateway."),
        Key::new("description", Ty::String, "Description of the key."),
        Key::new("customerId", Ty::String, "AWS Marketplace customer ID of the key's owner."),
        Key::new("enabled", Ty::Bool, "Whether the key can be used. Default: `true`.").default("true"),
    ],
);

static USAGE_PLAN: Object = object(
    "usage plan",
    &[
        Key::new("quota", Ty::Object(&QUOTA), "Most requests per key in a period."),
        Key::new("throttle", Ty::Object(&THROTTLE), "Steady rate and burst of requests per key."),
    ],
);

static QUOTA: Object = object(
    "usage plan quota",
    &[
        Key::new("limit", NON_NEGATIVE, "Requests allowed in the period."),
        Key::new("offset", NON_NEGATIVE, "Requests subtracted from the first period's limit."),
        Key::new("period", Ty::Enum(&["DAY", "WEEK", "MONTH"]), "Length of the period."),
    ],
);

static THROTTLE: Object = object(
    "usage plan throttle",
    &[
        Key::new("burstLimit", NON_NEGATIVE, "Most requests at once (token bucket size)."),
        Key::new("rateLimit", NON_NEGATIVE, "Steady requests per second."),
    ],
);

static API_REQUEST: Object = object(
    "apiGateway request",
    &[Key::new(
        "schemas",
        Ty::Map(&Ty::Object(&API_MODEL)),
        "Models by key, each `{ schema, name, description }`, that `http` events refer to in `request.schemas`.",
    )],
);

static API_MODEL: Object = object(
    "request model",
    &[
        Key::new("schema", Ty::Any, "The JSON Schema (draft 4) of the request body.").required(),
        Key::new("name", Ty::String, "Name of the API Gateway model."),
        Key::new("description", Ty::String, "Description of the model."),
    ],
);

/// `provider.alb`.
pub static ALB: Object = object(
    "provider alb",
    &[
        Key::new("targetGroupPrefix", Ty::String, "Prefix of generated target group names, at most 16 characters."),
        Key::new(
            "authorizers",
            Ty::Map(&Ty::OneOf(&[Ty::Object(&COGNITO_AUTHORIZER), Ty::Object(&OIDC_AUTHORIZER)])),
            "Authentication that `alb` events name: Cognito user pools or OpenID Connect providers, by name.",
        ),
    ],
);

const UNAUTHENTICATED: Key = Key::new(
    "onUnauthenticatedRequest",
    Ty::Enum(&["allow", "authenticate", "deny"]),
    "What to do with a request from a user who is not signed in: `deny` (401), `authenticate` (redirect to sign in) or `allow`. Default: `deny`.",
)
.default("\"deny\"");
const EXTRA_PARAMS: Key = Key::new(
    "requestExtraParams",
    Ty::Map(&Ty::String),
    "Query parameters added to the redirect to the sign-in endpoint, at most 10.",
);
const SCOPE: Key = Key::new("scope", Ty::String, "Scopes requested from the identity provider. Default: `openid`.");
const COOKIE: Key =
    Key::new("sessionCookieName", Ty::String, "Name of the session cookie. Default: `AWSELBAuthSessionCookie`.");
const SESSION: Key = Key::new(
    "sessionTimeout",
    Ty::Integer { min: 1, max: 604800, unit: "seconds" },
    "Longest authenticated session, in seconds, at most 604800 (7 days). Default: 604800.",
);

static COGNITO_AUTHORIZER: Object = object(
    "alb cognito authorizer",
    &[
        Key::new("type", Ty::Enum(&["cognito"]), "Authenticate with an Amazon Cognito user pool.").required(),
        Key::new("userPoolArn", ARN_OR_REF, "ARN of the user pool.").required(),
        Key::new("userPoolClientId", Ty::String, "ID of the user pool app client.").required(),
        Key::new("userPoolDomain", Ty::String, "Domain prefix of the user pool's hosted UI.").required(),
        UNAUTHENTICATED,
        EXTRA_PARAMS,
        SCOPE,
        COOKIE,
        SESSION,
    ],
);

static OIDC_AUTHORIZER: Object = object(
    "alb oidc authorizer",
    &[
        Key::new("type", Ty::Enum(&["oidc"]), "Authenticate with an OpenID Connect identity provider.").required(),
        Key::new("authorizationEndpoint", Ty::String, "HTTPS URL of the provider's authorization endpoint.").required(),
        Key::new("clientId", Ty::String, "OAuth client ID.").required(),
        Key::new(
            "clientSecret",
            Ty::String,
            "OAuth client secret; keep it out of the file with a variable such as `${ssm:…}`.",
        ),
        Key::new("issuer", Ty::String, "HTTPS URL identifying the provider (`iss`).").required(),
        Key::new("tokenEndpoint", Ty::String, "HTTPS URL of the provider's token endpoint.").required(),
        Key::new("userInfoEndpoint", Ty::String, "HTTPS URL of the provider's user info endpoint.").required(),
        UNAUTHENTICATED,
        EXTRA_PARAMS,
        SCOPE,
        COOKIE,
        SESSION,
    ],
);

/// `provider.cloudFront`: settings of the distribution `cloudFront` events use.
pub static CLOUD_FRONT: Object = object(
    "provider cloudFront",
    &[Key::new(
        "cachePolicies",
        Ty::Map(&ANY_MAP),
        "Cache policies by name, each with `DefaultTTL`, `MinTTL`, `MaxTTL` and `ParametersInCacheKeyAndForwardedToOrigin` as in CloudFormation; `cloudFront` events refer to them by name.",
    )],
);
