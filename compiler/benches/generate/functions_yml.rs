//! The service of `functions.rs`, written as a Serverless Framework v3
//! serverless.yml (same keys, variables and events), for
//! `bench/build-vs-serverless.sh` through the `generate-service` example.
//! Change it along with `functions.rs`.

use std::fmt::Write as _;

/// The service of `functions` functions, as serverless.yml.
pub fn serverless_yml(functions: usize) -> String {
    crate::functions::assemble(functions, header, function)
}

fn header(out: &mut String) {
    out.push_str(
        r#"# Generated for bench/build-vs-serverless.sh: the svc service of
# compiler/benches/generate/functions.rs, written as serverless.yml.
service: bench-service
frameworkVersion: '3'

provider:
  name: aws
  runtime: python3.12
  stage: ${opt:stage, 'dev'}
  region: ${opt:region, 'us-east-1'}
  profile: ${opt:aws-profile, 'default'}
  timeout: 29
  environment:
    STAGE: ${sls:stage}
    LOG_LEVEL: ${env:LOG_LEVEL, 'info'}
    SERVICE: ${self:service}-${sls:stage}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:GetItem, dynamodb:PutItem, dynamodb:Query]
          Resource: arn:aws:dynamodb:${aws:region}:*:table/${self:service}-${sls:stage}-*

params:
  default:
    domain: dev.example.com
    tableName: bench-items
    logLevel: debug
    retries: 2
  prod:
    domain: example.com
    logLevel: warn
    retries: 5

custom:
  prefix: ${self:service}-${sls:stage}
  memory:
    dev: 1024
    prod: 2048
  timeout:
    dev: 10
    prod: 20
  alarms: [{ name: errors, threshold: 1 }, { name: throttles, threshold: 0.5 }]
  tags:
    team: bench
    owner: ${param:domain}

functions:
"#,
    );
}

fn function(out: &mut String, i: usize) {
    let method = ["GET", "POST", "PUT", "DELETE", "PATCH"][i % 5];
    let _ = write!(
        out,
        r#"  # Function {i}: {method} /items{i}/{{id}}.
  f{i}:
    handler: src/f{i}/handler.main
    name: ${{self:service}}-${{sls:stage}}-f{i}
    description: Route {i} of ${{self:custom.prefix}} on ${{param:domain}}
    memorySize: ${{self:custom.memory.${{sls:stage}}, 512}}
    timeout: ${{self:custom.timeout.${{sls:stage}}, 6}}
    environment:
      DOMAIN: ${{param:domain}}
      TABLE: ${{param:tableName}}-{i}
      LOG_LEVEL: ${{param:logLevel, 'info'}}
      RETRIES: ${{param:retries}}
      REGION: ${{env:BENCH_REGION_{i}, 'x'}}
      FEATURE: ${{env:BENCH_FEATURE, 'off'}}
      URL: https://${{param:domain}}/items{i}
    events:
      - httpApi:
          method: {method}
          path: /items{i}/{{id}}
"#
    );
}
