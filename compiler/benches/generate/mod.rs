//! Generates realistic, valid svc services of a chosen size for the
//! benchmarks: a service/provider header, then functions, DynamoDB tables
//! and outputs in turn, with comments, block strings, variables nested in
//! strings, lists of objects and intrinsic calls.
//!
//! The output is deterministic (no randomness), so figures are comparable
//! from run to run.

use std::fmt::Write as _;

/// A service of at least `lines` lines (it stops at the first unit that
/// reaches the count, so it overshoots by less than one unit, ~40 lines).
pub fn service(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 40);
    header(&mut out);
    let mut i = 0;
    let mut counted = 0;
    let mut count = 0;
    while count < lines {
        match i % 4 {
            0 | 1 => function(&mut out, i),
            2 => table(&mut out, i),
            _ => outputs(&mut out, i),
        }
        count += out[counted..].bytes().filter(|&b| b == b'\n').count();
        counted = out.len();
        i += 1;
    }
    out
}

fn header(out: &mut String) {
    out.push_str(
        r#"# Generated for the benchmarks: a large HTTP API on AWS Lambda.
# Every construct of the language appears somewhere below.
service          = "bench-http-api"
frameworkVersion = "4"
stage            = ${opt:stage, "dev"}

provider aws {
  runtime    = "python3.12"
  region     = ${opt:region, "us-east-1"}
  profile    = ${opt:aws-profile, "default"}
  memorySize = 512
  timeout    = 29
  tracing {
    lambda  = true
    apiGateway = true
  }
  environment {
    STAGE     = "${opt:stage, 'dev'}"
    LOG_LEVEL = ${env:LOG_LEVEL, "info"}
    SERVICE   = "${self:service}-${opt:stage, 'dev'}"
  }
  iam {
    statement {
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"]
      Resource = "arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"
    }
    statement {
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::bench-assets/*", "arn:aws:s3:::bench-uploads/*"]
    }
  }
}

custom {
  tableThroughput = ${self:custom.throughput.${opt:stage, "dev"}, 5}
  alarms          = [{ name = "errors", threshold = 1 }, { name = "throttles", threshold = 0.5 }]
}

"#,
    );
}

fn function(out: &mut String, i: usize) {
    let table = i / 4 * 4 + 2;
    let method = ["GET", "POST", "PUT", "DELETE"][i % 4];
    let _ = write!(
        out,
        r#"// Function {i}: {method} handler for the items{i} routes.
function items-{i} {{
  handler     = "src/items_{i}/handler.main"
  description = """
    Reads and writes the items of route {i}.
      Uses the table of ${{self:service}} in stage ${{opt:stage, "dev"}}.
    Backslashes \\ and quotes \" are escaped; "quotes" alone are fine.
    """
  memorySize  = 256
  timeout     = 10
  retries     = -1
  layers      = [ref(CommonLayer), ref(DepsLayer{i}), "arn:aws:lambda:${{AWS::Region}}:123456789012:layer:x:{i}"]
  environment {{ TABLE = ref(Table{table}) }}
  environment {{
    TABLE_ARN = getAtt(Table{table}.Arn)
    STAGE     = "${{opt:stage, 'dev'}}-x"
    REGION    = "${{AWS::Region}}"
    CONFIG    = ${{file(./config/${{opt:stage, "dev"}}.json):items{i}, null}}
    DEBUG     = false
  }}

  httpApi {{
    method = "{method}"
    path   = "/items{i}/{{id}}"
  }}
  httpApi {{
    method = "POST"
    path   = "/items{i}"
  }}
  schedule {{
    rate    = "rate({i} minutes)"
    enabled = true
    input   = {{ source = "schedule", route = {i}, tags = ["a", "b"] }}
  }}
}}

"#
    );
}

fn table(out: &mut String, i: usize) {
    let _ = write!(
        out,
        r#"# Table {i}: one per pair of routes.
resource Table{i} "AWS::DynamoDB::Table" {{
  DeletionPolicy = "Retain"
  Properties {{
    TableName   = "${{self:service}}-items{i}-${{opt:stage, 'dev'}}"
    BillingMode = "PAY_PER_REQUEST"
    AttributeDefinitions = [
      {{ AttributeName = "pk", AttributeType = "S" }},
      {{ AttributeName = "sk", AttributeType = "S" }},
    ]
    KeySchema = [
      {{ AttributeName = "pk", KeyType = "HASH" }},
      {{ AttributeName = "sk", KeyType = "RANGE" }},
    ]
    StreamSpecification = {{ StreamViewType = "NEW_AND_OLD_IMAGES" }}
    PointInTimeRecoverySpecification = {{
      PointInTimeRecoveryEnabled = true
    }}
    SSESpecification = {{ SSEEnabled = true, KMSMasterKeyId = ref(Key{i}) }}
    Tags = [{{ Key = "service", Value = "${{self:service}}" }}, {{ Key = "index", Value = "{i}" }}]
  }}
}}

"#
    );
}

fn outputs(out: &mut String, i: usize) {
    let table = i / 4 * 4 + 2;
    let _ = write!(
        out,
        r#"output Table{table}Arn {{
  description = "ARN of table {table}, for other stacks"
  value       = getAtt(Table{table}.Arn)
  export      = sub("${{AWS::StackName}}-Table{table}Arn")
}}

output Table{table}Stream {{
  value = getAtt(Table{table}.StreamArn)
  join  = join(":", [ref(AWS::Region), ref(AWS::AccountId), "x"])
}}

"#
    );
}
