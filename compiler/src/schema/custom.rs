//! `custom`: free-form, except for the plugin settings svc does itself,
//! such as serverless-python-requirements' `pythonRequirements`.

use super::common::{ARCHITECTURE, RUNTIME, STRINGS};
use super::types::{Key, Object, Ty};

/// `custom`: any key, with the plugins' keys svc implements checked.
pub static CUSTOM: Object = Object {
    name: "custom",
    keys: &[
        Key::new(
            "pythonRequirements",
            Ty::Object(&PYTHON_REQUIREMENTS),
            "Third-party Python packages of the service, installed by `svc build` from `requirements.txt` for each function's Lambda platform (Python version and architecture), as the serverless-python-requirements plugin does, without Docker. With `layer`, into one layer `pythonRequirements` (`ref(PythonRequirementsLambdaLayer)`); otherwise into each Python function's zip.",
        ),
        Key::new(
            "esbuild",
            Ty::Object(&CUSTOM_ESBUILD),
            "Bundle each Node.js function with esbuild, as the serverless-esbuild plugin does: its handler (TypeScript or JavaScript) and what it imports become one file in the function's own zip. The same as `build { esbuild { … } }`.",
        ),
    ],
    open: true,
    exactly_one: false,
};

static PYTHON_REQUIREMENTS: Object = Object {
    name: "pythonRequirements",
    keys: &[
        Key::new(
            "layer",
            Ty::OneOf(&[Ty::Bool, Ty::Object(&REQUIREMENTS_LAYER)]),
            "Put the packages into a Lambda layer `pythonRequirements`, logical ID `PythonRequirementsLambdaLayer`, which functions use with `layers = [ref(PythonRequirementsLambdaLayer)]`; `true`, or the layer's settings. Without it the packages go into each Python function's zip. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "fileName",
            Ty::String,
            "The requirements file, relative to the service folder, in pip's format (`name==version` a line). Default: `requirements.txt`.",
        )
        .default("\"requirements.txt\""),
        Key::new(
            "slim",
            Ty::Bool,
            "Leave out what Lambda does not need: `*.pyc` and `*.pyo` files, `__pycache__`, `*.dist-info` and packages' `tests` folders, and strip the symbols of `*.so` files (see `strip`). Default: `false`.",
        )
        .default("false"),
        Key::new(
            "strip",
            Ty::Bool,
            "With `slim`, strip the symbols of native libraries (`*.so`) with `strip` when it is installed. Default: `true`.",
        )
        .default("true"),
        Key::new(
            "slimPatterns",
            STRINGS,
            "With `slim`, more glob patterns of installed files to leave out, such as `**/tests/**`.",
        ),
        Key::new(
            "slimPatternsAppendDefaults",
            Ty::Bool,
            "With `slimPatterns`, leave out the default slim patterns too; `false` uses only `slimPatterns`. Default: `true`.",
        )
        .default("true"),
        Key::new(
            "noDeploy",
            STRINGS,
            "Packages listed in the requirements file that are not installed, such as `boto3` (the Lambda runtime has it).",
        ),
        Key::new(
            "pipCmdExtraArgs",
            STRINGS,
            "More options for `pip install`, such as `[\"--index-url\", \"https://pypi.example.com/simple\"]`.",
        ),
        Key::new(
            "pythonBin",
            Ty::String,
            "The Python that runs pip. Default: `python3` on `PATH`, else `python3.X` of the runtime. Its own version does not matter: pip installs for the runtime's.",
        ),
        Key::new(
            "cacheLocation",
            Ty::String,
            "The folder installs are cached in. Default: `svc/python` in the user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`).",
        ),
        Key::new(
            "useStaticCache",
            Ty::Bool,
            "Reuse an install when the requirements, platform and options are unchanged: a second build installs nothing. Default: `true`.",
        )
        .default("true"),
        Key::new(
            "useDownloadCache",
            Ty::Bool,
            "Let pip keep its own download cache. Default: `true`.",
        )
        .default("true"),
        Key::new(
            "invalidateCaches",
            Ty::Bool,
            "Install again on every build, ignoring the cache. Default: `false`.",
        )
        .default("false"),
        Key::new(
            "dockerizePip",
            Ty::OneOf(&[Ty::Bool, Ty::Enum(&["non-linux"])]),
            "Install inside a Docker container (serverless-python-requirements). svc installs manylinux wheels for the Lambda platform without Docker, so it does not use Docker and refuses `true`.",
        ),
        Key::new(
            "useUv",
            Ty::Bool,
            "When there is no requirements file (and `fileName` is not set), install what `uv.lock` pins for `pyproject.toml`'s dependencies, without the dev ones (`uv export`; uv must be installed). Default: `true`.",
        )
        .default("true"),
        Key::new(
            "usePoetry",
            Ty::Bool,
            "Install the main group of `poetry.lock` (read with `poetry export`, so Poetry and poetry-plugin-export must be installed) instead of the requirements file, as serverless-python-requirements prefers Poetry's files (unless `fileName` is set). Default: `true`.",
        ),
        Key::new(
            "usePipenv",
            Ty::Bool,
            "Install the `default` packages of `Pipfile.lock` instead of the requirements file, as serverless-python-requirements prefers Pipenv's files (unless `fileName` is set). Default: `true`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `layer { … }` of `pythonRequirements`: the layer's settings, over the
/// plugin's defaults.
static REQUIREMENTS_LAYER: Object = Object {
    name: "pythonRequirements layer",
    keys: &[
        Key::new("name", Ty::String, "Name of the published layer. Default: `<service>-<stage>-python-requirements`."),
        Key::new(
            "description",
            Ty::String,
            "Description of the layer. Default: the plugin's (\"Python requirements generated by serverless-python-requirements.\"), kept so the template stays the same.",
        ),
        Key::new(
            "compatibleRuntimes",
            Ty::List(&RUNTIME),
            "Runtimes the layer works with. Default: the provider's runtime.",
        ),
        Key::new(
            "compatibleArchitectures",
            Ty::List(&ARCHITECTURE),
            "Architectures the layer works with; the packages are installed for the first one. Default: none listed, installed for the provider's architecture.",
        ),
        Key::new("licenseInfo", Ty::String, "License of the layer, such as `MIT` or a URL."),
        Key::new("allowedAccounts", STRINGS, "AWS account IDs allowed to use the layer, or `*` for every account."),
        Key::new("retain", Ty::Bool, "Keep old layer versions when a new one is published. Default: `false`.")
            .default("false"),
    ],
    open: false,
    exactly_one: false,
};

/// esbuild's settings, as `build.esbuild` (Serverless v4) and
/// serverless-esbuild's `custom.esbuild` both write them.
static ESBUILD_KEYS: [Key; 8] = [
    Key::new("bundle", Ty::Bool, "Bundle what the handler imports into its file. Default: `true`.").default("true"),
    Key::new("minify", Ty::Bool, "Minify the bundle. Default: `false`.").default("false"),
    Key::new(
        "sourcemap",
        Ty::OneOf(&[Ty::Bool, Ty::Enum(&["inline", "external", "linked", "both"]), Ty::Object(&SOURCEMAP)]),
        "Write a source map: `true` or `linked` (a `.js.map` file named in the bundle), `external` (the file, not named), `inline` (inside the bundle). Default: `false`.",
    )
    .default("false"),
    Key::new(
        "target",
        Ty::String,
        "The JavaScript the bundle may use, such as `node20`. Default: the function's runtime (`nodejs20.x` is `node20`).",
    ),
    Key::new(
        "external",
        STRINGS,
        "Packages left out of the bundle and imported at run time, such as `[\"sharp\"]`; `@aws-sdk/*` always is (the runtime has it). Their production install goes into the zip's `node_modules`.",
    ),
    Key::new(
        "exclude",
        STRINGS,
        "Packages left out of the bundle and of the zip, such as `[\"@aws-sdk/*\"]` (the runtime provides them).",
    ),
    Key::new(
        "format",
        Ty::Enum(&["cjs", "esm"]),
        "The bundle's module format: CommonJS (`cjs`) or ES modules (`esm`, written as `.mjs`). Default: `cjs`.",
    )
    .default("\"cjs\""),
    Key::new("keepNames", Ty::Bool, "Keep the names of functions and classes when minifying. Default: `false`.").default("false"),
];

static CUSTOM_ESBUILD: Object = Object { name: "esbuild", keys: &ESBUILD_KEYS, open: true, exactly_one: false };

/// `build { esbuild { … } }`.
pub static ESBUILD: Object = Object { name: "esbuild", keys: &ESBUILD_KEYS, open: false, exactly_one: false };

static SOURCEMAP: Object = Object {
    name: "sourcemap",
    keys: &[
        Key::new("type", Ty::Enum(&["inline", "linked", "external"]), "Where the source map goes. Default: `linked`.")
            .default("\"linked\""),
        Key::new(
            "setNodeOptions",
            Ty::Bool,
            "Set `NODE_OPTIONS=--enable-source-maps` on the functions, so stack traces show the source lines. Not done by svc: set it in `environment`.",
        ),
    ],
    open: false,
    exactly_one: false,
};

/// `build`: how Serverless v4 builds function code.
pub static BUILD: Object = Object {
    name: "build",
    keys: &[Key::new(
        "esbuild",
        Ty::OneOf(&[Ty::Bool, Ty::Object(&ESBUILD)]),
        "Bundle each Node.js function with esbuild (`true`, or its settings): its handler (TypeScript or JavaScript) and what it imports become one file in the function's own zip. Default: `false`.",
    )
    .default("false")],
    open: false,
    exactly_one: false,
};
