//! The whole service: the top level of `serverless.yml`.

use super::common::{ANY_MAP, ARCHITECTURE, NO_MAX, RUNTIME, STRING_OR_LIST, STRINGS};
use super::custom::{BUILD, CUSTOM};
use super::function::FUNCTION;
use super::patterns as p;
use super::provider::PROVIDER;
use super::types::{Key, Object, Ty};

const fn object(name: &'static str, keys: &'static [Key]) -> Object {
    Object { name, keys, open: false, exactly_one: false }
}

/// The whole service (`serverless.yml`).
pub static ROOT: Object = object(
    "service",
    &[
        Key::new(
            "service",
            Ty::Pattern { expected: "a service name", check: p::service_name },
            "Name of the service: a letter, then letters, digits and `-`. It prefixes the stack, function and API names, so renaming it deploys a new stack.",
        )
        .required(),
        Key::new(
            "stage",
            Ty::Pattern { expected: "a stage name", check: p::stage_name },
            "Stage (environment) of the deployment, such as `dev` or `prod` (Serverless v4's top-level form of `provider.stage`). The `--stage` option overrides it. Default: `dev`.",
        )
        .default("\"dev\""),
        Key::new(
            "frameworkVersion",
            Ty::String,
            "Serverless Framework versions the service works with, as a semver range such as `3` or `^3.38`; other versions refuse to deploy it.",
        ),
        Key::new("provider", Ty::Object(&PROVIDER), "The cloud provider (AWS) and the defaults every function shares: runtime, region, memory, IAM, APIs.")
            .required(),
        Key::new(
            "functions",
            Ty::Map(&Ty::Object(&FUNCTION)),
            "The Lambda functions of the service, by key (letters, digits, `-` and `_`). The key is part of the deployed name and of the CloudFormation logical IDs.",
        ),
        Key::new(
            "layers",
            Ty::Map(&Ty::Object(&LAYER)),
            "Lambda layers published with the service, by key. Functions use them with `ref(KeyLambdaLayer)` in `layers` (the key in PascalCase).",
        ),
        Key::new("resources", Ty::Object(&RESOURCES), "Raw CloudFormation merged into the stack: extra resources, outputs, conditions, and overrides of generated resources."),
        Key::new(
            "custom",
            Ty::Object(&CUSTOM),
            "Free-form settings, for plugins and for `${self:custom.…}` variables. svc checks only the plugin settings it implements itself: `pythonRequirements`.",
        ),
        Key::new(
            "params",
            Ty::Map(&ANY_MAP),
            "Parameters by stage (and `default` for every stage): stage → name → value, read with `${param:name}`.",
        ),
        Key::new("package", Ty::Object(&PACKAGE), "How function code is zipped: file patterns, one zip per function, or a prebuilt artifact."),
        Key::new(
            "plugins",
            Ty::OneOf(&[STRINGS, Ty::Object(&PLUGINS)]),
            "Serverless plugins to load, as npm package names or local paths, such as `serverless-python-requirements`. Plugins may add keys svc does not know.",
        ),
        Key::new(
            "useDotenv",
            Ty::Bool,
            "Load `.env.STAGE` (or, when there is none, `.env`) into the environment before `${env:…}` variables are resolved. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "variablesResolutionMode",
            Ty::Enum(&["20210219", "20210326"]),
            "Serverless v2 opt-in to the new variables resolver; v3 always uses it. Remove the key.",
        ),
        Key::new(
            "configValidationMode",
            Ty::Enum(&["error", "warn", "off"]),
            "What Serverless does when the configuration does not match its schema: fail (`error`), report (`warn`) or nothing (`off`). svc checks the file anyway. Default: `warn`.",
        )
        .default("\"warn\""),
        Key::new(
            "disabledDeprecations",
            Ty::OneOf(&[Ty::Enum(&["*"]), Ty::List(&Ty::Pattern { expected: "a deprecation code", check: p::deprecation_code })]),
            "Deprecation codes whose warnings Serverless should not print, such as `LAMBDA_HASHING_VERSION_V2`, or `*` for all.",
        ),
        Key::new(
            "deprecationNotificationMode",
            Ty::Enum(&["error", "warn", "warn:summary"]),
            "How Serverless reports deprecations: fail (`error`), print each as it happens (`warn`), or list them at the end (`warn:summary`). Default: `warn:summary`.",
        )
        .default("\"warn:summary\""),
        Key::new("org", Ty::String, "Serverless Dashboard organization the service belongs to (lowercase letters and digits)."),
        Key::new("app", Ty::String, "Serverless Dashboard application the service belongs to."),
        Key::new("console", Ty::OneOf(&[Ty::Bool, ANY_MAP]), "Serverless Console integration (observability); `true` turns it on with the defaults."),
        Key::new("dashboard", Ty::Object(&DASHBOARD), "Serverless Dashboard settings."),
        Key::new("build", Ty::Object(&BUILD), "How function code is built before it is zipped (Serverless v4): `esbuild` bundles Node.js functions."),
        Key::new("outputs", ANY_MAP, "Serverless Dashboard outputs: values other services read with `${output:…}`."),
        Key::new(
            "deploy",
            Ty::Object(&DEPLOY),
            "How `svc deploy` deploys this stage (an svc setting Serverless does not read): express mode, and pruning after each deploy. Use `${param:…}` to set it by stage.",
        ),
    ],
);

static DASHBOARD: Object = object(
    "dashboard",
    &[Key::new("disableMonitoring", Ty::Bool, "Do not instrument functions for Serverless Dashboard monitoring.")],
);

static PLUGINS: Object = object(
    "plugins",
    &[
        Key::new(
            "localPath",
            Ty::String,
            "Directory where local plugins are looked up. Default: `.serverless_plugins`.",
        ),
        Key::new("modules", STRINGS, "Plugins to load, as npm package names or paths.").required(),
    ],
);

/// `deploy`: how `svc deploy` deploys.
static DEPLOY: Object = object(
    "deploy",
    &[
        Key::new(
            "express",
            Ty::Bool,
            "Deploy in CloudFormation's express mode, as `svc deploy --express` does: the stack completes once each resource's configuration is applied, without waiting for resources to be ready to serve traffic, and a failure does not roll back. Suits a `dev` stage. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "prune",
            Ty::Integer { min: 1, max: NO_MAX, unit: "" },
            "After each successful deploy, prune as `svc prune --keep N` does: function and layer versions beyond the newest N (unless an alias points at them), and deployments and artifacts in the bucket beyond the newest N. Default: no pruning.",
        ),
    ],
);

/// `package` of the service.
static PACKAGE: Object = object(
    "package",
    &[
        Key::new(
            "patterns",
            STRINGS,
            "Glob patterns choosing the files zipped, applied in order after the defaults; `!` excludes, such as `[\"!node_modules/aws-sdk/**\", \"src/**\"]`.",
        ),
        Key::new(
            "individually",
            Ty::Bool,
            "Build one zip per function instead of one for the whole service: smaller packages, longer packaging. Default: `false`.",
        )
        .default("false"),
        Key::new("artifact", Ty::String, "Path (or S3 URL) of a prebuilt zip deployed as every function's code; skips packaging."),
        Key::new(
            "excludeDevDependencies",
            Ty::Bool,
            "Leave npm `devDependencies` out of the zip (Node.js): with a `package-lock.json` (or `pnpm-lock.yaml`, or yarn 1's `yarn.lock`), svc installs the `dependencies` of `package.json` alone (`npm ci --omit=dev`) for the function's platform and zips them as `node_modules`; `false` zips the folder's `node_modules` as it is. Default: `true`.",
        )
        .default("true"),
        Key::new(
            "artifactsS3KeyDirname",
            Ty::String,
            "The deployment-bucket folder of the code artifacts, `<deploymentPrefix>/<service>/<stage>/code-artifacts`. Set by the Serverless Framework (and shown by `svc print`); svc computes it and ignores a value given here.",
        ),
    ],
);

static LAYER: Object = object(
    "layer",
    &[
        Key::new(
            "path",
            Ty::String,
            "Directory holding the layer's contents, laid out as the runtime expects (`nodejs/node_modules`, `python/`, `bin/`). Required unless `package.artifact` is set.",
        ),
        Key::new("name", Ty::String, "Name of the published layer. Default: the key. At most 140 letters, digits, `-` and `_`."),
        Key::new("description", Ty::String, "Description of the layer, at most 256 characters."),
        Key::new("compatibleRuntimes", Ty::List(&RUNTIME), "Runtimes the layer works with (at most 15); informational, shown in the console."),
        Key::new("compatibleArchitectures", Ty::List(&ARCHITECTURE), "Architectures the layer works with: `x86_64`, `arm64` or both."),
        Key::new("licenseInfo", Ty::String, "License of the layer, such as `MIT` or a URL, at most 512 characters."),
        Key::new(
            "allowedAccounts",
            STRINGS,
            "AWS account IDs allowed to use the layer, or `*` for every account (a public layer).",
        ),
        Key::new(
            "retain",
            Ty::Bool,
            "Keep old layer versions when a new one is published, so functions elsewhere that use them keep working. Default: `false`.",
        )
        .default("false"),
        Key::new("package", Ty::Object(&LAYER_PACKAGE), "Packaging of the layer: patterns, or a prebuilt zip."),
    ],
);

static LAYER_PACKAGE: Object = object(
    "layer package",
    &[
        Key::new(
            "patterns",
            STRINGS,
            "Glob patterns choosing the files of `path` that go into the layer; `!` excludes.",
        ),
        Key::new("artifact", Ty::String, "Path (or S3 URL) of a prebuilt zip deployed as the layer."),
    ],
);

static RESOURCES: Object = object(
    "resources",
    &[
        Key::new(
            "Resources",
            Ty::Map(&Ty::Object(&RESOURCE)),
            "Extra CloudFormation resources, by logical ID (letters and digits). A logical ID equal to a generated one replaces it; to change only some properties use `extensions`.",
        ),
        Key::new(
            "Outputs",
            Ty::Map(&Ty::Object(&OUTPUT)),
            "Stack outputs, by name: values shown after deployment and, with `Export`, readable by other stacks.",
        ),
        Key::new(
            "Conditions",
            ANY_MAP,
            "CloudFormation conditions, by name, that resources and functions refer to in `Condition`.",
        ),
        Key::new("Mappings", ANY_MAP, "CloudFormation mappings (lookup tables for `findInMap`)."),
        Key::new(
            "Parameters",
            ANY_MAP,
            "CloudFormation parameters of the stack; set their values with `provider.stackParameters`.",
        ),
        Key::new("Metadata", ANY_MAP, "CloudFormation template metadata."),
        Key::new("Description", Ty::String, "Description of the stack, at most 1024 characters."),
        Key::new("AWSTemplateFormatVersion", Ty::String, "Template format version; the only one is `2010-09-09`."),
        Key::new(
            "Transform",
            STRING_OR_LIST,
            "CloudFormation macros applied to the template, such as `AWS::Serverless-2016-10-31`.",
        ),
        Key::new(
            "extensions",
            Ty::Map(&Ty::Object(&EXTENSION)),
            "Changes to resources Serverless generates, by logical ID: properties and attributes merged into them, such as a log group's `RetentionInDays`.",
        ),
    ],
);

const DELETION_POLICY: Ty = Ty::Enum(&["Delete", "Retain", "RetainExceptOnCreate", "Snapshot"]);
const REPLACE_POLICY: Ty = Ty::Enum(&["Delete", "Retain", "Snapshot"]);

static RESOURCE: Object = object(
    "resource",
    &[
        Key::new("Type", Ty::String, "Resource type, such as `AWS::DynamoDB::Table`.").required(),
        Key::new("Properties", ANY_MAP, "Properties of the resource, as documented for its type."),
        Key::new("DependsOn", STRING_OR_LIST, "Logical IDs of resources created before this one."),
        Key::new(
            "Condition",
            Ty::String,
            "Name of a condition in `Conditions`; the resource exists only when it holds.",
        ),
        Key::new(
            "DeletionPolicy",
            DELETION_POLICY,
            "What happens to the resource when it leaves the stack: `Delete`, `Retain` (keep it), `RetainExceptOnCreate` or `Snapshot`. Default: `Delete` for most types.",
        ),
        Key::new(
            "UpdateReplacePolicy",
            REPLACE_POLICY,
            "What happens to the old resource when an update replaces it: `Delete`, `Retain` or `Snapshot`.",
        ),
        Key::new("Metadata", ANY_MAP, "Metadata attached to the resource."),
        Key::new("CreationPolicy", ANY_MAP, "Wait for success signals before the resource counts as created."),
        Key::new(
            "UpdatePolicy",
            ANY_MAP,
            "How updates of some types (Auto Scaling groups, Lambda aliases, …) are rolled out.",
        ),
    ],
);

static EXTENSION: Object = object(
    "resource extension",
    &[
        Key::new("Properties", ANY_MAP, "Properties merged into the generated resource's properties."),
        Key::new("DependsOn", STRING_OR_LIST, "Logical IDs added to the resource's dependencies."),
        Key::new("Condition", Ty::String, "Condition set on the resource."),
        Key::new("DeletionPolicy", DELETION_POLICY, "Deletion policy set on the resource."),
        Key::new("UpdateReplacePolicy", REPLACE_POLICY, "Update-replace policy set on the resource."),
        Key::new("Metadata", ANY_MAP, "Metadata set on the resource."),
        Key::new("CreationPolicy", ANY_MAP, "Creation policy set on the resource."),
        Key::new("UpdatePolicy", ANY_MAP, "Update policy set on the resource."),
    ],
);

static OUTPUT: Object = object(
    "output",
    &[
        Key::new("Value", Ty::Any, "The value of the output: text, or a reference such as `getAtt(Table.Arn)`.")
            .required(),
        Key::new("Description", Ty::String, "Description of the output."),
        Key::new(
            "Export",
            Ty::Object(&EXPORT),
            "Export the value under a name other stacks import with `importValue`.",
        ),
        Key::new("Condition", Ty::String, "Name of a condition; the output exists only when it holds."),
    ],
);

static EXPORT: Object = object(
    "output export",
    &[Key::new(
        "Name",
        Ty::StringOrIntrinsic,
        "Export name, unique in the account and region, such as `sub(\"${AWS::StackName}-TableArn\")`. An exported value cannot change while another stack imports it.",
    )
    .required()],
);
