//! Generates a valid service with `functions` functions for the `service`
//! and `lower` benchmarks and `bench/build-vs-serverless.sh` (through the
//! `generate-service` example, which also writes the same service as
//! serverless.yml: `functions_yml.rs`, to change along with this file):
//! every function reads variables (`${self:…}` with a nested
//! `${sls:stage}` and a fallback, `${param:…}`, `${env:…, "x"}`, names
//! built from `${self:service}` and `${sls:stage}`), and has an `httpApi`
//! event; a `params` block (per stage) and a `custom` block hold the values
//! they read.
//!
//! The output is deterministic (no randomness), so figures are comparable
//! from run to run, and it analyses with no diagnostic (the bench asserts
//! it).

use std::fmt::Write as _;

/// A service of `functions` functions.
pub fn service(functions: usize) -> String {
    assemble(functions, header, function)
}

/// `header`, then `function` for each function: the shape of both
/// formats of the service.
pub fn assemble(functions: usize, header: fn(&mut String), function: fn(&mut String, usize)) -> String {
    let mut out = String::with_capacity(functions * 700 + 2_000);
    header(&mut out);
    for i in 0..functions {
        function(&mut out, i);
    }
    out
}

fn header(out: &mut String) {
    out.push_str(
        r#"# Generated for the `service` benchmark: a large HTTP API on AWS Lambda,
# with variables on every function.
service = "bench-service"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  region  = ${opt:region, "us-east-1"}
  profile = ${opt:aws-profile, "default"}
  timeout = 29
  environment {
    STAGE     = "${sls:stage}"
    LOG_LEVEL = ${env:LOG_LEVEL, "info"}
    SERVICE   = "${self:service}-${sls:stage}"
  }
  iam {
    statement {
      Effect   = "Allow"
      Action   = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
      Resource = "arn:aws:dynamodb:${aws:region}:*:table/${self:service}-${sls:stage}-*"
    }
  }
}

params {
  default {
    domain    = "dev.example.com"
    tableName = "bench-items"
    logLevel  = "debug"
    retries   = 2
  }
  prod {
    domain   = "example.com"
    logLevel = "warn"
    retries  = 5
  }
}

custom {
  prefix = "${self:service}-${sls:stage}"
  memory {
    dev  = 1024
    prod = 2048
  }
  timeout {
    dev  = 10
    prod = 20
  }
  alarms = [{ name = "errors", threshold = 1 }, { name = "throttles", threshold = 0.5 }]
  tags {
    team  = "bench"
    owner = "${param:domain}"
  }
}

"#,
    );
}

fn function(out: &mut String, i: usize) {
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH"][i % 5];
    let _ = write!(
        out,
        r#"// Function {i}: {method} /items{i}/{{id}}.
function f{i} {{
  handler     = "src/f{i}/handler.main"
  name        = "${{self:service}}-${{sls:stage}}-f{i}"
  description = "Route {i} of ${{self:custom.prefix}} on ${{param:domain}}"
  memorySize  = ${{self:custom.memory.${{sls:stage}}, 512}}
  timeout     = ${{self:custom.timeout.${{sls:stage}}, 6}}
  environment {{
    DOMAIN    = ${{param:domain}}
    TABLE     = "${{param:tableName}}-{i}"
    LOG_LEVEL = ${{param:logLevel, "info"}}
    RETRIES   = "${{param:retries}}"
    REGION    = ${{env:BENCH_REGION_{i}, "x"}}
    FEATURE   = ${{env:BENCH_FEATURE, "off"}}
    URL       = "https://${{param:domain}}/items{i}"
  }}

  httpApi {{
    method = "{method}"
    path   = "/items{i}/{{id}}"
  }}
}}

"#
    );
}
