//! `http` events: endpoints on the service's API Gateway REST API.

use crate::schema::common::{NO_MAX, STRINGS};
use crate::schema::patterns as p;
use crate::schema::types::{Key, Object, Ty};

const METHOD: Ty = Ty::Pattern { expected: "an HTTP method or `*`", check: p::http_method };

/// `http`: an endpoint on the service's API Gateway REST API.
pub const HTTP: Ty =
    Ty::OneOf(&[Ty::Pattern { expected: "`METHOD path`", check: p::http_route }, Ty::Object(&HTTP_EVENT)]);

/// Methods the REST API CORS settings accept.
const CORS_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "OPTIONS", "HEAD", "DELETE", "ANY"];

static HTTP_EVENT: Object = Object {
    name: "http event",
    keys: &[
        Key::new(
            "path",
            Ty::Pattern { expected: "a resource path", check: p::http_path },
            "Resource path of the endpoint, with or without the leading `/`: `users/{id}`, `{proxy+}`. Path parameters are whole segments.",
        )
        .required(),
        Key::new("method", METHOD, "HTTP method of the endpoint (`get`, `POST`, …, `any`); case does not matter.").required(),
        Key::new(
            "cors",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&HTTP_CORS)]),
            "CORS for the endpoint: `true` answers preflight (OPTIONS) requests for any origin, or an object to choose origins and headers. With the default proxy integration the function must still add the CORS headers to its own responses.",
        ),
        Key::new(
            "private",
            Ty::Bool,
            "Require an API key (header `x-api-key`) from `provider.apiGateway.apiKeys`. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "async",
            Ty::Bool,
            "Invoke the function asynchronously and answer 200 at once, without its result. Only with the `lambda` integration. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "integration",
            Ty::Enum(&[
                "lambda-proxy",
                "LAMBDA_PROXY",
                "lambda",
                "LAMBDA",
                "aws",
                "AWS",
                "aws-proxy",
                "AWS_PROXY",
                "http",
                "HTTP",
                "http-proxy",
                "HTTP_PROXY",
                "mock",
                "MOCK",
            ]),
            "How API Gateway calls the backend. `lambda-proxy` passes the whole request to the function and its return value is the response; `lambda` uses mapping templates; `http`/`http-proxy` forward to `request.uri`; `mock` answers without a backend. Default: `lambda-proxy`.",
        )
        .default("\"lambda-proxy\""),
        Key::new(
            "authorizer",
            Ty::OneOf(&[Ty::String, Ty::Object(&REST_AUTHORIZER)]),
            "Authorizer for the endpoint: the name of a function in this service, an ARN (Lambda function or Cognito user pool), `aws_iam`, or an object with the details.",
        ),
        Key::new(
            "request",
            Ty::Object(&REQUEST),
            "Method request and integration request settings: required parameters, validation schemas, mapping templates and, for HTTP integrations, the URI.",
        ),
        Key::new(
            "response",
            Ty::Object(&RESPONSE),
            "Integration response settings for non-proxy integrations: headers, templates and status codes.",
        ),
        Key::new(
            "connectionType",
            Ty::Enum(&["vpc-link", "VPC_LINK"]),
            "Reach an `http`/`http-proxy` backend through a VPC link (private network), set in `connectionId`.",
        ),
        Key::new("connectionId", Ty::StringOrIntrinsic, "ID of the VPC link used when `connectionType` is `vpc-link`."),
        Key::new("operationId", Ty::String, "Operation ID of the method, used by generated SDKs and OpenAPI exports."),
    ],
    open: false,
    exactly_one: false,
};

static HTTP_CORS: Object = Object {
    name: "http event cors",
    keys: &[
        Key::new("origin", Ty::String, "One allowed origin, such as `https://example.com`, or `*`. Default: `*`."),
        Key::new("origins", STRINGS, "Allowed origins; use instead of `origin` for several."),
        Key::new(
            "headers",
            STRINGS,
            "Request headers allowed in CORS requests. Default: Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent, X-Amzn-Trace-Id.",
        ),
        Key::new("methods", Ty::List(&Ty::Enum(CORS_METHODS)), "Methods allowed in CORS requests. Default: the endpoint's method and OPTIONS."),
        Key::new(
            "allowCredentials",
            Ty::Bool,
            "Send `Access-Control-Allow-Credentials: true`, letting browsers include cookies. Not allowed with origin `*`. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "maxAge",
            Ty::Integer { min: 1, max: NO_MAX, unit: "seconds" },
            "How long browsers may cache the preflight response (`Access-Control-Max-Age`).",
        ),
        Key::new("cacheControl", Ty::String, "`Cache-Control` header sent with the preflight response, such as `max-age=600`."),
    ],
    open: false,
    exactly_one: false,
};

static REST_AUTHORIZER: Object = Object {
    name: "http event authorizer",
    keys: &[
        Key::new(
            "name",
            Ty::String,
            "Name of the authorizer function in this service, or a name for the authorizer when `arn` is set.",
        ),
        Key::new(
            "arn",
            Ty::StringOrIntrinsic,
            "ARN of an authorizer Lambda function or a Cognito user pool outside this service.",
        ),
        Key::new("authorizerId", Ty::StringOrIntrinsic, "ID of an authorizer that already exists on the REST API."),
        Key::new(
            "type",
            Ty::Enum(&[
                "token",
                "TOKEN",
                "request",
                "REQUEST",
                "cognito_user_pools",
                "COGNITO_USER_POOLS",
                "aws_iam",
                "AWS_IAM",
                "custom",
                "CUSTOM",
            ]),
            "Kind of authorizer: `token` (the function gets one header), `request` (the function gets the whole request), `cognito_user_pools` or `aws_iam`. Default: `token` for functions.",
        ),
        Key::new(
            "resultTtlInSeconds",
            Ty::Integer { min: 0, max: 3600, unit: "seconds" },
            "How long API Gateway caches the authorizer's answer, 0 to 3600 seconds; 0 disables caching. Default: 300.",
        )
        .default("300"),
        Key::new(
            "identitySource",
            Ty::String,
            "Where the identity is read, such as `method.request.header.Authorization` (comma-separated for several sources of a `request` authorizer).",
        ),
        Key::new(
            "identityValidationExpression",
            Ty::String,
            "Regular expression a `token` must match before the authorizer is called.",
        ),
        Key::new(
            "claims",
            STRINGS,
            "Cognito claims passed to the function in the request context (`lambda` integration).",
        ),
        Key::new(
            "scopes",
            Ty::List(&Ty::StringOrIntrinsic),
            "OAuth scopes required with a Cognito user pool authorizer.",
        ),
        Key::new(
            "managedExternally",
            Ty::Bool,
            "Do not add permission for API Gateway to invoke the authorizer function (it is granted elsewhere).",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// A request parameter: `true`/`false` (required or not), or its settings.
const PARAMETERS: Ty = Ty::Map(&Ty::OneOf(&[Ty::Bool, Ty::Object(&PARAMETER)]));

static PARAMETER: Object = Object {
    name: "request parameter",
    keys: &[
        Key::new("required", Ty::Bool, "Whether the request must carry the parameter."),
        Key::new(
            "mappedValue",
            Ty::StringOrIntrinsic,
            "Value sent to the integration for this parameter, such as `context.requestId`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

const CONTENT_HANDLING: Ty = Ty::Enum(&["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]);

static REQUEST: Object = Object {
    name: "http event request",
    keys: &[
        Key::new(
            "parameters",
            Ty::Object(&REQUEST_PARAMETERS),
            "Query strings, headers and path parameters of the method request.",
        ),
        Key::new(
            "schemas",
            Ty::Map(&Ty::Any),
            "Request body validation: content type → JSON Schema (or a model name, or `{ schema, name, description }`). Invalid bodies are rejected with 400 before the function runs.",
        ),
        Key::new(
            "template",
            Ty::Map(&Ty::String),
            "Request mapping templates (content type → VTL template) for the `lambda` integration.",
        ),
        Key::new(
            "passThrough",
            Ty::Enum(&["NEVER", "WHEN_NO_MATCH", "WHEN_NO_TEMPLATES"]),
            "What to do with a body whose content type has no template: pass it through unchanged, or reject it (`NEVER`, 415).",
        ),
        Key::new(
            "contentHandling",
            CONTENT_HANDLING,
            "Convert the request body between binary and text before the integration.",
        ),
        Key::new(
            "uri",
            Ty::StringOrIntrinsic,
            "Backend URL of an `http` or `http-proxy` integration, such as `https://example.com/{id}`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static REQUEST_PARAMETERS: Object = Object {
    name: "request parameters",
    keys: &[
        Key::new("querystrings", PARAMETERS, "Query string parameters: name → required, or its settings."),
        Key::new("headers", PARAMETERS, "Headers: name → required, or its settings."),
        Key::new("paths", PARAMETERS, "Path parameters: name → required, or its settings."),
    ],
    open: false,
    exactly_one: false,
};

static RESPONSE: Object = Object {
    name: "http event response",
    keys: &[
        Key::new("headers", Ty::Map(&Ty::String), "Response headers: name → value or integration response mapping."),
        Key::new("template", Ty::String, "Response mapping template (VTL) for the default status code."),
        Key::new(
            "statusCodes",
            Ty::Map(&Ty::Object(&STATUS_CODE)),
            "Responses by status code (`\"200\"`, `\"404\"`): each with headers, a template, and the `pattern` that selects it.",
        ),
        Key::new("contentHandling", CONTENT_HANDLING, "Convert the response body between binary and text."),
    ],
    open: false,
    exactly_one: false,
};

static STATUS_CODE: Object = Object {
    name: "status code response",
    keys: &[
        Key::new(
            "pattern",
            Ty::String,
            "Regular expression on the function's error message that selects this status code.",
        ),
        Key::new("headers", Ty::Map(&Ty::String), "Response headers for this status code."),
        Key::new(
            "template",
            Ty::OneOf(&[Ty::String, Ty::Map(&Ty::String)]),
            "Response template for this status code, or templates by content type.",
        ),
    ],
    open: false,
    exactly_one: false,
};
