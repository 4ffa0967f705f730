//! Valid services of a chosen size for the latency benchmark: a header
//! (provider, params, custom, and outputs naming two resources svc
//! generates, `IamRoleLambdaExecution` and `HttpApi`, as real services
//! do: checking those takes the resources svc generates), then units of a DynamoDB table, a function
//! that reads it and several variables, and an output, until the line
//! count is reached. Deterministic, so figures compare from run to run.

use std::fmt::Write as _;

/// A service of at least `lines` lines (it overshoots by less than one
/// unit, 30 lines).
pub fn service(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 40);
    out.push_str(HEADER);
    let mut i = 0;
    while out.lines().count() < lines {
        unit(&mut out, i);
        i += 1;
    }
    out
}

const HEADER: &str = r#"# Generated for the language server benchmark.
service = "bench-lsp"
stage   = ${opt:stage, "dev"}

provider aws {
  runtime = "python3.12"
  region  = ${opt:region, "us-east-1"}
  environment {
    STAGE   = "${sls:stage}"
    SERVICE = "${self:service}-${sls:stage}"
  }
}

params {
  default {
    domain  = "dev.example.com"
    timeout = 10
  }
  prod {
    domain  = "example.com"
    timeout = 20
  }
}

custom {
  memory {
    dev  = 512
    prod = 1024
  }
}

output RoleArn {
  value = getAtt(IamRoleLambdaExecution.Arn)
}

output ApiId {
  value = ref(HttpApi)
}

"#;

fn unit(out: &mut String, i: usize) {
    let _ = write!(
        out,
        r#"# Unit {i}: a table, the function that reads it, its output.
resource Table{i} "AWS::DynamoDB::Table" {{
  BillingMode          = "PAY_PER_REQUEST"
  TableName            = "${{self:service}}-table{i}-${{sls:stage}}"
  AttributeDefinitions = [{{ AttributeName = "pk", AttributeType = "S" }}]
  KeySchema            = [{{ AttributeName = "pk", KeyType = "HASH" }}]
}}

function items{i} {{
  handler     = "src/items_{i}.main"
  memorySize  = ${{self:custom.memory.${{sls:stage}}, 512}}
  timeout     = ${{param:timeout}}
  description = "Items {i} of ${{self:service}} in ${{sls:stage}}"
  environment {{
    TABLE     = ref(Table{i})
    TABLE_ARN = getAtt(Table{i}.Arn)
    DOMAIN    = ${{param:domain}}
    LOG_LEVEL = ${{env:BENCH_LOG_LEVEL, "info"}}
  }}
  httpApi {{
    method = "GET"
    path   = "/items{i}/{{id}}"
  }}
}}

output Table{i}Arn {{
  value = getAtt(Table{i}.Arn)
}}

"#
    );
}
