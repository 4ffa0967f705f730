//! The registry of diagnostic codes. Every code has a title (one line) and
//! an explanation (`svc explain CODE`). Codes are never reused: a retired
//! code stays in the table.

use serde::{Serialize, Serializer};

/// What the registry knows about one code.
#[derive(Clone, Copy, Debug)]
pub struct CodeInfo {
    /// The code, such as `E0105`.
    pub code: Code,
    /// One line: what kind of problem this is.
    pub title: &'static str,
    /// A paragraph: why it is a problem and how to fix it, with an example.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $name:ident => $title:literal, $explanation:literal; )*) => {
        /// A diagnostic code. `E` codes are errors, `W` codes warnings.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            /// The code as written, such as `"E0105"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => stringify!($name),)* }
            }

            /// The registry entry for this code.
            pub fn info(self) -> CodeInfo {
                match self {
                    $(Code::$name => CodeInfo { code: self, title: $title, explanation: $explanation },)*
                }
            }
        }
    };
}

codes! {
    /// The file is not UTF-8.
    E0002 => "file is not valid UTF-8",
        "svc sources are UTF-8 text. The bytes at the marked place are not valid UTF-8; \
         they were replaced by U+FFFD so the rest of the file could still be checked. \
         Re-save the file as UTF-8.";
    /// A character that starts no token.
    E0101 => "unexpected character",
        "The character cannot start anything in svc: not a key, a value, a comment or punctuation. \
         Remove it, or put it inside a string: `name = \"a;b\"`.";
    /// A string with no closing quote on its line.
    E0102 => "unterminated string",
        "A `\"` string must close on the line it opens. For text over several lines use the \
         block form:\n\n    description = \"\"\"\n      first line\n      second line\n      \"\"\"";
    /// A backslash escape svc does not know.
    E0103 => "unknown escape sequence",
        "Inside a string a backslash starts an escape: `\\\"`, `\\'`, `\\$`, `\\\\`, `\\n`, `\\r`, `\\t`, \
         `\\u{1F600}` or `\\${` (a literal `${`). Any other character after a backslash is an error; \
         write `\\\\` for a backslash.";
    /// An opening delimiter that is never closed.
    E0104 => "unclosed delimiter",
        "A `{`, `[` or `(` has no matching closing delimiter. The label shows where it was opened; \
         add the closing delimiter where the block, list or call ends.";
    /// A token where the grammar expects something else.
    E0105 => "unexpected token",
        "The parser found a token that cannot stand here. The message says what it expected: \
         an attribute is `key = value`, a block is `kind label { ... }`, list items are \
         separated by commas.";
    /// `key value` with the `=` left out.
    E0106 => "missing `=`",
        "An attribute is written `key = value`. Add `=` between the key and its value: \
         `memorySize = 256`.";
    /// `key: value`, YAML style.
    E0107 => "`:` instead of `=`",
        "svc is not YAML: attributes and object entries use `=`, as in `runtime = \"python3.12\"`. \
         The fix replaces the `:` with `=`, spaced as `svc fmt` spaces it. A `key:` that ends its line over \
         indented YAML (`provider:`, then `  runtime: python3.12`) is one error for all of it, and the fix \
         writes what `svc import` makes of it: `provider aws {`, `runtime = \"python3.12\"`, `}`.";
    /// `'text'`.
    E0108 => "single-quoted string",
        "Strings are written with double quotes: `\"dev\"`. Single quotes are only allowed for \
         literals inside a variable, as in the Serverless Framework: `${opt:stage, 'dev'}`.";
    /// A bare word where a value is expected.
    E0109 => "unquoted text",
        "A value is a string, number, `true`, `false`, `null`, a list, an object, a variable \
         `${...}` or a call such as `ref(Table)`. Bare words are not values; quote text: \
         `runtime = \"python3.12\"`.";
    /// A `${...}` whose inside is not a valid variable.
    E0110 => "invalid variable",
        "A variable is `${source:address, fallback, ...}`: a source (`opt`, `self`, `env`, \
         `file(path)`, `param`, `sls`, `ssm`, `cf`, `s3`, `aws`, `strToBool(...)`), an address, and \
         fallbacks that are quoted literals, numbers, booleans, `null` or other variables. \
         Example: `${opt:stage, 'dev'}`.";
    /// `${` without its `}`.
    E0111 => "unterminated variable",
        "A `${` opens a variable that must be closed by `}`. Add the `}`, or write `\\${` in a \
         string for a literal `${`.";
    /// Brackets nested deeper than svc accepts.
    E0112 => "nesting too deep",
        "Blocks, lists, objects and calls may nest at most 128 levels deep. The deeper part was \
         skipped. Flatten the value, or move it into a file read with `${file(...)}`.";
    /// A malformed number.
    E0113 => "invalid number",
        "Numbers are decimal: `256`, `-1`, `0.5`, `1e3`. Leading zeros, a trailing `.` and \
         digits glued to letters are errors; quote the value if it is text.";
    /// A closing delimiter with no opening one.
    E0114 => "unmatched closing delimiter",
        "A `}`, `]` or `)` closes nothing. Remove it, or add the opening delimiter it belongs to.";
    /// A `\"\"\"` block string with no closing `\"\"\"`.
    E0115 => "unterminated block string",
        "A block string opened with `\"\"\"` runs to a closing `\"\"\"`. None was found before the \
         end of the file.";
    /// A fallback that is a bare word.
    E0116 => "bare-word fallback",
        "A variable's fallback must be a quoted literal (`'dev'` or `\"dev\"`), a number, a \
         boolean, `null`, or another source (`self:custom.stage`, as the Serverless Framework writes it, \
         or `${self:custom.stage}`). A bare word is an error, not text, so a typo is never used as a value.";
    /// Two items on one line, or list/object elements without a comma.
    E0117 => "missing separator",
        "Each attribute and block starts on its own line. Elements of a list `[a, b]` and entries \
         of an object `{ a = 1, b = 2 }` are separated by commas (or, in an object, line breaks).";
    /// `kind label` and its `{` on different lines.
    E0118 => "`{` on its own line",
        "The `{` that opens a block's body stands on the same line as the block's kind and labels: \
         `function hello {`. On a line of its own it would end the item early.";
    /// Text on the opening line of a `"""` block string.
    E0119 => "block string layout",
        "A block string's text starts on the line after the opening `\"\"\"`, and the common \
         indentation of its lines is removed:\n\n    description = \"\"\"\n      first line\n      second line\n      \"\"\"";
    /// So many syntax errors that the rest of the file was not read.
    E0120 => "too many syntax errors",
        "svc reports at most 1,000 syntax errors per file. A file of that many is usually not svc \
         source at all (a binary, random bytes, another format): when the characters themselves are \
         wrong, svc stops reading the file there and the rest is not checked; when they are svc's but \
         misplaced, the rest of the file is still checked and only later syntax errors go unreported. \
         Fix the errors shown and check again.";
    /// A CloudFormation YAML short tag, `!Ref X`.
    E0121 => "YAML tag",
        "svc has no YAML tags: CloudFormation's short forms are calls, named as the tag with a small first \
         letter. `!Ref UsersTable` is `ref(UsersTable)`, `!GetAtt UsersTable.Arn` is \
         `getAtt(UsersTable.Arn)`, `!Sub \"arn:${AWS::Partition}:s3:::b\"` is `sub(\"…\")`, and a tag \
         whose argument is a list takes its elements as arguments: `!Join [\"-\", [\"a\", \"b\"]]` is \
         `join(\"-\", [\"a\", \"b\"])`. The calls are ref, getAtt, sub, join, select, split, \
         importValue, base64, getAZs, cidr, findInMap, if, equals, and, or, not and condition. The fix \
         writes the call, and quotes what YAML reads as text: the bare words of its argument, and the \
         unquoted text after `!Sub`, `!ImportValue` or `!Base64` (`!Sub arn:aws:s3:::${Bucket}` is \
         `sub(\"arn:aws:s3:::${Bucket}\")`).";
    /// `events` inside a function, as serverless.yml nests them.
    E0122 => "`events` wrapper",
        "In svc the events of a function go directly in its block, in order, with no `events` key and no \
         `- ` items:\n\n    function hello {\n      handler = \"handler.hello\"\n      httpApi {\n        \
         method = \"GET\"\n        path   = \"/\"\n      }\n      schedule = \"rate(1 hour)\"\n    }\n\n\
         For an `events { … }` block the fix takes its body out into the function; for a YAML list of \
         events (`events:` then `- http:`) it writes the events as `svc import` does.";
    /// `rate(…)` or `cron(…)` without quotes.
    E0123 => "unquoted schedule expression",
        "A schedule expression is text, so it is quoted: `schedule = \"rate(5 minutes)\"`, \
         `rate = \"cron(0 3 * * ? *)\"`. YAML reads it as text without quotes; svc does not (it would \
         be a call). The fix adds the quotes.";
    /// A YAML list, lines starting with `- `.
    E0124 => "YAML `-` list",
        "svc writes a list in brackets, its elements separated by commas: `layers = [\"arn:a\", \"arn:b\"]`, \
         over several lines if you like. For a YAML list of plain values the fix writes the brackets, and \
         for a list of mappings what `svc import` writes for it. An item made of `key: value` pairs is an \
         object in svc, `[{ Key = \"team\", Value = \"core\" }]`, \
         and for IAM statements and events, blocks: `statement { … }` in `iam { … }`, `httpApi { … }` in \
         a function.";
    /// A key, function, resource or output given twice.
    E0201 => "declared twice",
        "Each key of an object, and each function, layer, resource and output name, can be given once. \
         The second label shows the first one: keep one, or rename.";
    /// A block adds to a key that holds another kind of value.
    E0202 => "block conflicts with a value",
        "Blocks such as `function hello { … }` add entries to a map (`functions`) or a list (`events`). \
         The key already holds a value of another kind, for example `functions = \"x\"`; remove that value.";
    /// A block with the wrong number of labels.
    E0203 => "wrong number of block labels",
        "Some blocks take labels: `provider aws { … }`, `function hello { … }`, \
         `resource Table \"AWS::DynamoDB::Table\" { … }`, `output TableArn { … }`. \
         Event blocks (`httpApi { … }`) and plain objects (`custom { … }`) take none.";
    /// An `output` block key that is not an output key.
    E0204 => "unknown output key",
        "An output block has `value` (required), `description`, `export` (the export name) and `condition`:\n\n    \
         output TableArn {\n      value  = getAtt(UsersTable.Arn)\n      export = \"users-table-arn\"\n    }";
    /// An intrinsic called with the wrong arguments.
    E0205 => "wrong arguments to an intrinsic",
        "Each intrinsic takes a fixed number of arguments: `ref(X)`, `getAtt(X.Attribute)`, `sub(\"…\")`, \
         `join(sep, list)`, `select(i, list)`, `split(sep, text)`, `if(Condition, a, b)`, …";
    /// An intrinsic svc does not know.
    E0206 => "unknown intrinsic function",
        "svc knows CloudFormation's intrinsic functions by their short names: ref, getAtt, sub, join, select, \
         split, importValue, base64, getAZs, cidr, findInMap, if, equals, and, or, not, condition.";
    /// A variable source svc does not know.
    E0210 => "unknown variable source",
        "A variable is `${source:address}`. The sources are opt, self, env, file(path), sls, svc, param, \
         strToBool(value), aws, ssm, cf and s3, written in that case: `${opt:stage}`, not `${Opt:stage}`.";
    /// Variables that depend on each other in a circle.
    E0211 => "variable cycle",
        "A variable's value depends, through other variables, on itself, so it has no value. \
         The message lists the chain; break it by giving one of them a literal value.";
    /// A variable with no value and no fallback.
    E0212 => "variable has no value",
        "The variable's source has no value for the address (an option not given, an environment variable \
         not set, a key not in the file), and it has no fallback. Give it one: `${opt:stage, \"dev\"}`.";
    /// A `file(...)` that cannot be read.
    E0213 => "cannot read file",
        "`${file(path)}` reads a file relative to the service's folder. The file does not exist or cannot be read.";
    /// A `file(...)` whose content is not valid JSON, YAML or svc.
    E0214 => "cannot parse file",
        "`${file(path)}` reads JSON (`.json`), YAML (`.yml`, `.yaml`) or svc (`.svc`), chosen by the extension. \
         The file's content is not valid in its format.";
    /// A list or object inside a string.
    E0215 => "value cannot be part of a string",
        "A variable inside a string (`\"x-${self:custom.a}\"`) must give text, a number or a boolean. \
         A list or an object can only be a whole value: `key = ${self:custom.a}`.";
    /// `strToBool` of something that is not `true`, `false`, `0` or `1`.
    E0216 => "not a boolean string",
        "`${strToBool(value)}` turns the text `true`, `false`, `1` or `0` into a boolean. Any other text is an error.";
    /// A variable without an address where its source needs one.
    E0217 => "variable needs an address",
        "Most sources need to know what to read: `${opt:stage}`, `${env:HOME}`, `${self:custom.x}`, \
         `${ssm:/path/to/param}`. Add the address after the colon.";
    /// Variables nested deeper than the resolver allows.
    E0218 => "variables nested too deep",
        "A variable may read one that reads another, and so on, at most 128 in a row \
         (`a = ${self:custom.b}`, `b = ${self:custom.c}`, …). A longer chain is refused rather than \
         exhausting the stack; real services stay far below it, so the chain is most likely generated \
         or closes into a cycle. The message names where the chain starts; give one of its variables \
         a literal value.";
    /// A resolved value too large.
    E0219 => "resolved value too large",
        "Resolving the variable would build a value too large: more than 500,000 nodes or 16 MiB of text \
         for one variable, or 10,000,000 nodes or 64 MiB of text for all the service's variables together. \
         Values that each repeat the one before twice (`l1 = \"${self:custom.l0}${self:custom.l0}\"`, \
         `l2 = [${self:custom.l1}, ${self:custom.l1}]`) double at every step; refer to a value once, or \
         write the large value out.";
    /// A `file(...)` outside the project.
    E0220 => "file outside the project",
        "`${file(path)}` reads files inside the project only: the nearest folder above the service file that \
         holds `.git` (a folder, or a file in a worktree), else the service's own folder. The path is judged \
         after `..` and symbolic links are resolved, so `../../etc/passwd`, `/etc/passwd` and a link inside \
         the project to a file outside are all refused, before the file is read. A service file can come \
         from a pull request or an untrusted repository, and an editor shows what `${file()}` reads. To \
         read a file outside on purpose, widen the root: `svc check --file-root ../common` (any command \
         that resolves variables), or the `fileRoot` setting of svc's language server.";
    /// A key the schema does not have.
    E0301 => "unknown key",
        "The key is not part of the service model at this place. Check its spelling (keys are case-sensitive, \
         as in serverless.yml): the help names the closest known key. Free-form data belongs under `custom`.";
    /// A value of the wrong type.
    E0302 => "wrong type",
        "The key takes another kind of value: text, a whole number, true/false, a list or an object. \
         Hover the key in an editor, or read its documentation, for the type.";
    /// Text that does not have the required form.
    E0303 => "invalid value",
        "The text does not have the form the key needs, such as an ARN (`arn:aws:sqs:us-east-1:123456789012:q`), \
         a schedule (`rate(5 minutes)`, `cron(0 12 * * ? *)`) or a route (`GET /items/{id}`).";
    /// A number outside the allowed range.
    E0304 => "value out of range",
        "AWS limits this number: for example memorySize is 128 to 10240 MB, timeout 1 to 900 seconds, \
         ephemeralStorageSize 512 to 10240 MB. The label gives the allowed range.";
    /// Text that is not one of the allowed values.
    E0305 => "not an allowed value",
        "The key takes one of a fixed set of values (a runtime, an architecture, a region, …), spelled exactly.";
    /// A required key that is missing.
    E0306 => "missing required key",
        "The object needs this key: for example every function needs `handler` (or `image`), and every \
         resource a type.";
    /// An event entry with no kind or several.
    E0307 => "one event kind per entry",
        "Each entry of a function's `events` is one event: `{ httpApi = … }` or `{ schedule = … }`. \
         In svc write each event as its own block or attribute inside the function.";
    /// `ref`, `getAtt` or `sub` naming a resource that does not exist.
    E0308 => "unknown resource",
        "`ref(X)`, `getAtt(X.Attribute)` and `${X}` in `sub(…)` must name a resource declared with \
         `resource X \"AWS::…\" { … }`, a resource svc generates (`HelloLambdaFunction`, `HelloLogGroup`, \
         `IamRoleLambdaExecution`, `HttpApi`, `ServerlessDeploymentBucket`, `<Layer>LambdaLayer`, …), a template \
         parameter, or a pseudo-parameter such as `AWS::Region`.";
    /// `getAtt` of an attribute the resource type does not have.
    E0309 => "unknown attribute",
        "The resource type has no such attribute for `getAtt`. The help lists the attributes of the type, \
         as the CloudFormation resource reference gives them (`AWS::DynamoDB::Table` has `Arn` and `StreamArn`).";
    /// A function with both `handler` and `image`.
    E0310 => "handler and image together",
        "A function runs either code from a zip package (`handler`, `runtime`) or a container image (`image`), \
         never both. Remove one of them.";
    /// Too many bytes of environment variables.
    E0311 => "environment too large",
        "AWS Lambda allows 4 KB of environment variables per function, counting the provider's variables \
         the function inherits. Move large values to SSM parameters or a file in the package.";
    /// An entry of a layer's `allowedAccounts` that is not an account.
    E0312 => "not an AWS account",
        "A layer's `allowedAccounts` lists who may use it: 12-digit AWS account IDs, or `*` for every \
         account. Anything else (an ARN, an alias) makes an `AWS::Lambda::LayerVersionPermission` that \
         CloudFormation refuses at deploy time, and a logical ID it cannot take.";
    /// An SSM SecureString where CloudFormation does not resolve one.
    E0313 => "SecureString not supported here",
        "`${ssm:/path~true}` becomes `{{resolve:ssm-secure:/path}}`, a CloudFormation dynamic reference to an \
         SSM SecureString. CloudFormation resolves those only in a few resource properties (an \
         `AWS::RDS::DBInstance`'s or `AWS::RDS::DBCluster`'s `MasterUserPassword`, an `AWS::IAM::User`'s \
         `LoginProfile.Password`, an `AWS::ElastiCache::ReplicationGroup`'s `AuthToken`, a Redshift cluster's \
         `MasterUserPassword`, Directory Service and OpsWorks passwords); anywhere else, such as a function's \
         `environment`, the deploy fails. Store the value in Secrets Manager and write \
         `${ssm:/aws/reference/secretsmanager/NAME}`, which becomes `{{resolve:secretsmanager:NAME}}` and \
         works in any property, or read the parameter when the function runs (with `ssm:GetParameter` \
         allowed on it).";
    /// CloudFormation `${…}` text outside `sub`.
    W0301 => "sub syntax outside sub",
        "In a string, `${AWS::Region}` and `${Resource.Attribute}` are CloudFormation `Fn::Sub` syntax. \
         Outside `sub(…)` CloudFormation leaves them as text. Wrap the string: `sub(\"arn:aws:s3:::${AWS::Region}\")`.";
    /// A function with no runtime.
    E0401 => "function has no runtime",
        "A function packaged as a zip needs a runtime: set `runtime` in `provider aws { … }` (for every \
         function) or in the function, such as `runtime = \"python3.12\"`.";
    /// Two functions with the same logical ID.
    E0402 => "functions collide",
        "CloudFormation logical IDs are made from function names as the Serverless Framework makes them: the \
         first letter upper-cased, `-` as `Dash`, `_` as `Underscore`. Two names that give the same ID \
         (`hello` and `Hello`) cannot both be deployed: rename one.";
    /// Retired: a user resource or output with a generated logical ID.
    E0403 => "logical ID taken by svc (retired)",
        "No longer reported. A `resource` or `output` with the logical ID of one svc generates (such as \
         `ServerlessDeploymentBucket` or `HelloLambdaFunction`) is merged over the generated one, as the \
         Serverless Framework merges `resources` into its template (lodash's `_.merge`): its properties are \
         added to the generated ones, and replace those of the same name.";
    /// A runtime AWS has deprecated.
    W0303 => "deprecated runtime",
        "AWS deprecates a Lambda runtime when its language version reaches end of life: it stops security \
         patches, then blocks creating and finally updating functions that use it. Move to the newest runtime \
         of the language (the fix names it).";
    /// An event kind lowering does not build yet.
    E0404 => "event kind not built yet",
        "svc checks every event kind of the Serverless Framework, but `svc build` does not generate the \
         resources of this one yet. It is an error rather than a function deployed without its trigger.";
    /// An event source whose type or name lowering cannot know.
    E0405 => "event source needs its type or name",
        "Logical IDs and permissions of some events come from the source's ARN, as the Serverless Framework \
         reads it: a `stream` event's type (`dynamodb` or `kinesis`) from `arn:aws:dynamodb:…`, an `sns` \
         event's topic name from the end of the topic ARN. When the ARN is a reference svc cannot read \
         (an import, a `sub`), say it: `type = \"kinesis\"` in the `stream` event, `topicName = \"alerts\"` \
         beside the `sns` event's `arn`. An `alb` event's `listenerArn` must be a listener ARN or a `ref` \
         (the target group's logical ID holds the load balancer's ID).";
    /// A name that nothing in the service defines.
    E0406 => "name not defined in the service",
        "Some settings name another part of the service, which lowering must find to build the template: \
         `destinations.onSuccess`/`onFailure` a function of this service (or an ARN), an `httpApi` event's \
         `authorizer` an entry of `provider.httpApi.authorizers`, a `request` authorizer's `functionName` a \
         function, an `alb` event's `authorizer` an entry of `provider.alb.authorizers`, a `cloudFront` \
         event's `cachePolicy.name` an entry of `provider.cloudFront.cachePolicies`, and \
         `resources.extensions` a resource the template has, a `ref`/`getAtt` of a function's version \
         (`<Function>LambdaVersion<hash>`) the version this build made (the hash changes with the code and \
         settings). Fix the name, or define what it names.";
    /// Settings that cannot be used together.
    E0407 => "settings that exclude each other",
        "The Serverless Framework refuses some combinations, and so does `svc build`: `provisionedConcurrency` \
         with `snapStart`, `fileSystemConfig` without a `vpc`, `inputPath` or `inputTransformer` on a \
         `method = \"scheduler\"` schedule, `timezone` without it, a schedule `name` with several rates \
         (each rate is its own rule, and names are unique), and two `httpApi` routes with the same method \
         and path. Among events: more than one of `input`, `inputPath` and `inputTransformer` on an \
         `eventBridge` or `cloudwatchEvent` event, two `alb` rules with one priority on a listener (or from one function on \
         two listeners), `targetGroupName` with `provider.alb.targetGroupPrefix`, an `s3` bucket given as a reference \
         without `existing`, `existing` `s3` or \
         `cognitoUserPool` events of one function on several buckets or pools, several \
         `iotFleetProvisioning` events on one function, more than two `cloudwatchLog` filters on a log \
         group, and `cloudFront` events outside us-east-1, over Lambda@Edge's memory and timeout limits, \
         on a function without a version, or with clashing origins, path patterns or event types. Remove \
         one of the settings.";
    /// A handler whose file is not in the service folder or the function's package.
    E0408 => "handler file missing",
        "`svc check` (and the language server, as you type) looks for the file a function's `handler` names \
         in the service folder, and `svc build` in the zip the function runs, as the runtime will: `handler = \
         \"src/app.main\"` is `src/app.py` for Python (or `src/app/__init__.py`; dots before the function are \
         folders: `src.app.main`), `src/app.js`, `.mjs` or `.cjs` for Node.js (or `src/app/index.js`, or a \
         package in `node_modules`), `src/app.rb` for Ruby. Java, .NET, Go and `provided` runtimes name \
         classes or binaries, not files, and are not checked. A missing file is usually a typo in `handler`, \
         or `package.patterns` that exclude it: fix the handler, or add a pattern that includes the file \
         (`\"src/**\"`). For a `package.artifact`, the zip's entries are checked. A function with layers is \
         checked only once built, since the file may come from a layer. For a function esbuild bundles \
         (`build.esbuild`, `custom.esbuild`), the TypeScript source counts (`src/app.ts`), and `svc build` also \
         checks that the bundle exports the function the handler names.";
    /// A package over Lambda's size limit.
    E0409 => "package over Lambda's size limit",
        "AWS Lambda refuses a function whose code, unzipped, is over 250 MB, counting the layers of this \
         service it uses (the limit is for the function and all its layers together). svc adds up the file \
         sizes before zipping. Leave out what the function does not need with `package.patterns` \
         (`\"!node_modules/aws-sdk/**\"`, `\"!tests/**\"`), move large dependencies to a container \
         `image` (up to 10 GB), or package functions individually so each zip holds only its own code.";
    /// A `package.artifact` that cannot be used.
    E0410 => "package artifact cannot be used",
        "`package.artifact` names a prebuilt zip, relative to the service folder, which `svc build` \
         uploads as is. The file must exist and be a zip archive. An artifact in S3 (`s3://bucket/key` or \
         an S3 URL) is not supported yet: the Serverless Framework downloads it and uploads it again, which \
         `svc build` cannot do without AWS. Download it and name the local file instead.";
    /// Python requirements asked for but not there.
    E0411 => "requirements file missing",
        "`custom.pythonRequirements` (or `serverless-python-requirements` in `plugins`) asks `svc build` to \
         install the packages a requirements file lists: `requirements.txt` next to the service, or the file \
         `fileName` names, in pip's format (`requests==2.32.3`, one a line). The file is not there: create \
         it, fix `fileName`, or remove the setting.";
    /// Python requirements that could not be installed.
    E0412 => "Python requirements cannot be installed",
        "`svc build` installs the requirements with pip for the function's Lambda platform: its Python \
         version and architecture, from manylinux wheels (`--platform … --only-binary=:all:`), so no Docker \
         is needed, even for arm64 on an x86 machine. It fails when a line of the file is not a \
         requirement pip reads, when the package index cannot be reached, when a package publishes no \
         wheel for the platform (pin a version that does: the index lists each version's files), when the \
         packages are over Lambda's 250 MB limit (the largest are listed: leave some out with `noDeploy`, or \
         `slim = true`), or when no Python with pip is installed (`pythonBin` names one).";
    /// Node.js dependencies that could not be installed.
    E0413 => "Node.js dependencies cannot be installed",
        "When `package.json` next to the service has `dependencies` and a lock file (`package-lock.json`, \
         `npm-shrinkwrap.json`, `pnpm-lock.yaml` or yarn 1's `yarn.lock`), `svc build` installs them with \
         `npm ci --omit=dev` (or pnpm's `install --prod --frozen-lockfile`, hoisted, or yarn's `install \
         --production --frozen-lockfile`) for the function's Lambda \
         platform (`--os linux --cpu x64|arm64`, so optional native packages are Lambda's) and zips them as \
         the function's `node_modules`, without the dev dependencies of the folder's own. It fails when npm \
         (or pnpm 10 or later, or yarn 1) is not installed, the `yarn.lock` is yarn 2's (not read), the registry cannot be reached, or `package.json` and the lock file disagree \
         (run `npm install`). `excludeDevDependencies = false` in `package` zips the folder's \
         `node_modules` as it is instead.";
    /// A Node.js function esbuild could not bundle.
    E0414 => "function cannot be bundled",
        "With `build { esbuild = … }` or `custom.esbuild`, `svc build` bundles each Node.js function's handler \
         (`src/api.handler` is `src/api.ts`, `.js`, `.mts`, …) and what it imports into one file, \
         `src/api.js`, with a pinned esbuild that it installs from npm into the user's cache folder (or \
         `SVC_ESBUILD` names a binary). It fails when no source file exists for the handler, when esbuild \
         reports an error in the code (a syntax error, an import it cannot resolve: the message names the \
         file and line), or when esbuild cannot be installed (npm missing, the registry unreachable). \
         esbuild does not type-check TypeScript: run `tsc --noEmit` for that.";
    /// A stack over one of CloudFormation's limits.
    E0415 => "stack over a CloudFormation limit",
        "CloudFormation refuses a stack with more than 500 resources, 200 outputs or 200 parameters, or a \
         logical ID longer than 255 characters, and only says so when the deploy starts. svc counts the \
         template it makes — the resources you declare and the ones it generates for functions and their \
         events (a function with an HTTP route and a schedule is eight) — and reports it at the service, \
         naming what makes the most. Split the service into several services (stacks), each with its own \
         functions, or move functions that share nothing into one of their own.";
    /// A resource that needs itself.
    E0416 => "circular dependency",
        "CloudFormation creates a resource only after every resource it refers to (`ref`, `getAtt`, a \
         `${Name}` in `sub`, `DependsOn`). A function or resource that refers to itself, or a ring of them, \
         can never be created, and CloudFormation refuses the whole template. A common ring: a statement in \
         `provider.iam.role.statements` whose `Resource` is `getAtt(HelloLambdaFunction.Arn)` — the function \
         needs the role svc makes from those statements, and the role needs the function. Build the value \
         from names instead: `sub(\"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:\
         ${self:service}-${sls:stage}-hello\")`.";
    /// A DynamoDB table whose keys and attribute definitions disagree.
    E0417 => "DynamoDB keys and attribute definitions disagree",
        "A DynamoDB table's `AttributeDefinitions` lists exactly the attributes its key schemas name: the \
         table's `KeySchema` and those of its `GlobalSecondaryIndexes` and `LocalSecondaryIndexes`, each \
         with its type (`S`, `N` or `B`). A key attribute that is not defined, or a defined attribute that \
         is no key, makes CloudFormation refuse the table. Other attributes of the items need no \
         definition: DynamoDB is schemaless beyond its keys.";
    /// An SQS queue that hides a message for less time than its consumer runs.
    E0418 => "queue visibility timeout shorter than the function's timeout",
        "When Lambda reads a message from an SQS queue, the queue hides it from other readers for the \
         queue's `VisibilityTimeout` (30 seconds unless set). If the function may run longer, the message \
         comes back while it is still being handled, and AWS refuses to create such an event source \
         mapping. Set the queue's `VisibilityTimeout` to at least the function's `timeout` (AWS advises six \
         times it), or shorten the function's timeout.";
    /// A plugin setting svc does not use.
    W0403 => "plugin setting not used",
        "svc does the work of some Serverless plugins itself, reading their settings as the plugin would. A \
         few settings choose how the plugin works rather than what it builds, and svc does that its own way: \
         `dockerizePip` (svc installs wheels for the Lambda platform without Docker) is ignored.";
    /// Function-level patterns that do nothing.
    W0401 => "function patterns ignored",
        "A function's `package.patterns` only apply when the function gets its own zip: with \
         `individually = true` in the function's `package` block or the service's. Without it the \
         function runs the service zip, built from the service's patterns alone, and the function's \
         patterns are ignored, as the Serverless Framework ignores them (with the same warning).";
    /// A zip over the 50 MB limit of direct uploads.
    W0402 => "zip over 50 MB",
        "AWS Lambda accepts at most 50 MB of zipped code uploaded directly (the console, \
         `aws lambda update-function-code --zip-file`). svc uploads every zip to the deployment bucket, \
         where only the 250 MB unzipped limit applies, so the deploy works; but such a function cannot be \
         updated directly, and a large zip slows every deploy and cold start. It is a warning, not an error. \
         Leave out what the function does not need with `package.patterns`.";
    /// A function timeout longer than its HTTP API waits.
    W0302 => "timeout longer than the HTTP API waits",
        "An HTTP API waits at most 30 seconds for a Lambda integration. A function behind one with a longer \
         timeout keeps running after the caller got an error.";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    /// Parses `E0105` or `e0105`.
    fn from_str(text: &str) -> Result<Self, ()> {
        Code::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(text.trim())).ok_or(())
    }
}
