//! `provider.iam`: the role Lambda functions run with, and IAM policy
//! statements (also used by `provider.stackPolicy` and
//! `provider.apiGateway.resourcePolicy`).

use super::common::{ARN_OR_REF, REFS_OR_LIST, ROLE, TAGS};
use super::patterns as p;
use super::types::{Key, Object, Ty};

/// `provider.iam`.
pub static IAM: Object = Object {
    name: "iam",
    keys: &[
        Key::new(
            "role",
            Ty::OneOf(&[ROLE, Ty::Object(&ROLE_OBJECT)]),
            "The execution role of the service's functions. Either the name or ARN of an existing role (Serverless then creates none), or the settings of the role Serverless creates and shares among all functions. A function's own `role` overrides it.",
        ),
        Key::new(
            "deploymentRole",
            ARN_OR_REF,
            "ARN of a role CloudFormation assumes to create, update and delete the stack's resources (its service role), instead of the deploying user's credentials. The role must trust `cloudformation.amazonaws.com`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// The role Serverless creates for the functions.
static ROLE_OBJECT: Object = Object {
    name: "IAM role",
    keys: &[
        Key::new(
            "name",
            Ty::Pattern { expected: "an IAM role name", check: p::iam_role_name },
            "Name of the created role, 1–64 characters. Default: `SERVICE-STAGE-REGION-lambdaRole`. Role names are global to the account, so keep the stage and region in a custom name.",
        ),
        Key::new(
            "path",
            Ty::Pattern { expected: "an IAM path", check: p::iam_path },
            "IAM path of the created role, such as `/team/`; it must start and end with `/`. Default: `/`.",
        )
        .default("\"/\""),
        Key::new(
            "statements",
            STATEMENTS,
            "Permissions added to the role as an inline policy: one IAM statement per entry. Serverless already grants writing to the functions' log groups and, for stream and queue events, reading from their sources.",
        ),
        Key::new(
            "managedPolicies",
            Ty::List(&ARN_OR_REF),
            "ARNs of managed policies attached to the role, such as `arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess`. A role holds at most 10 managed policies by default (20 with a quota increase).",
        ),
        Key::new(
            "permissionsBoundary",
            ARN_OR_REF,
            "ARN of a managed policy used as the role's permissions boundary: the role can never do more than it allows. Often required by organizations that let developers create roles.",
        ),
        Key::new(
            "permissionBoundary",
            ARN_OR_REF,
            "Deprecated since Serverless v3: use `permissionsBoundary`, of which it is the older spelling. Read only when `permissionsBoundary` is not set.",
        ),
        Key::new("tags", TAGS, "Tags on the created role, as key → value."),
    ],
    open: false,
    exactly_one: false,
};

/// IAM policy statements.
pub const STATEMENTS: Ty = Ty::List(&Ty::Object(&STATEMENT));

/// An action, or a list of actions.
/// A list of actions; a single action is a list of one, as the Serverless
/// Framework coerces it (`serverless print` shows `Action: [s3:GetObject]`).
const ACTIONS: Ty = Ty::List(&Ty::OneOf(&[ACTION, Ty::Intrinsic]));
const ACTION: Ty = Ty::Pattern { expected: "an IAM action such as s3:GetObject", check: p::iam_action };

/// A principal: `*`, or principals by kind.
const PRINCIPAL: Ty = Ty::OneOf(&[Ty::Enum(&["*"]), Ty::Object(&PRINCIPAL_OBJECT)]);

/// One IAM policy statement.
pub static STATEMENT: Object = Object {
    name: "IAM statement",
    keys: &[
        Key::new(
            "Sid",
            Ty::String,
            "Optional identifier of the statement, unique within the policy (letters and digits). It has no effect on permissions.",
        ),
        Key::new(
            "Effect",
            Ty::Enum(&["Allow", "Deny"]),
            "Whether the statement allows or denies the actions. An explicit `Deny` always wins over any `Allow`.",
        )
        .required(),
        Key::new(
            "Action",
            ACTIONS,
            "The actions the statement covers, such as `s3:GetObject` or `dynamodb:*`. A statement has `Action` or `NotAction`, not both.",
        ),
        Key::new(
            "NotAction",
            ACTIONS,
            "Every action except these. Combined with `Allow` it grants a lot; prefer listing `Action` explicitly.",
        ),
        Key::new(
            "Resource",
            REFS_OR_LIST,
            "The resources the statement covers: ARNs (wildcards allowed, such as `arn:aws:s3:::my-bucket/*`), `*`, or references such as `getAtt(Table.Arn)`. A statement has `Resource` or `NotResource`, not both.",
        ),
        Key::new(
            "NotResource",
            REFS_OR_LIST,
            "Every resource except these ARNs. Use sparingly: with `Allow` it covers resources created later too.",
        ),
        Key::new(
            "Condition",
            Ty::Map(&Ty::Map(&Ty::Any)),
            "Conditions for the statement to apply: operator → condition key → value(s), such as `StringEquals { \"aws:PrincipalTag/team\" = \"core\" }`.",
        ),
        Key::new(
            "Principal",
            PRINCIPAL,
            "Who the statement applies to: `*` or principals by kind. Only for resource policies (`apiGateway.resourcePolicy`, `stackPolicy`); a role's own statements have no principal.",
        ),
        Key::new(
            "NotPrincipal",
            PRINCIPAL,
            "Every principal except these. Only for resource policies, and rarely the right tool; AWS recommends conditions instead.",
        ),
    ],
    open: false,
    exactly_one: false,
};

static PRINCIPAL_OBJECT: Object = Object {
    name: "IAM principal",
    keys: &[
        Key::new(
            "AWS",
            REFS_OR_LIST,
            "AWS accounts, users or roles: 12-digit account IDs or ARNs, or `*` for any AWS principal.",
        ),
        Key::new("Service", REFS_OR_LIST, "AWS services, such as `lambda.amazonaws.com`."),
        Key::new(
            "Federated",
            REFS_OR_LIST,
            "Identity providers for web identity or SAML federation, such as `cognito-identity.amazonaws.com`.",
        ),
        Key::new("CanonicalUser", REFS_OR_LIST, "Canonical user IDs (an obfuscated account ID used by S3)."),
    ],
    open: false,
    exactly_one: false,
};
