//! `svc deploy function -f NAME`: one function's code (and with
//! `--update-config`, its configuration) updated in place through Lambda's
//! API, in seconds instead of a stack update. The stack's template does
//! not know of the change until the next `svc deploy`, which is said.

use std::time::{Duration, Instant};

use aws_sdk_lambda::operation::get_function_configuration::GetFunctionConfigurationOutput;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::{Environment, LastUpdateStatus, Runtime};
use base64::Engine as _;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use svc_compiler::naming;

use crate::args::ServiceArgs;
use crate::aws::error::describe as explain;
use crate::aws::{Aws, bucket, flow, stack};
use crate::deployed;
use crate::error::Error;
use crate::interrupt::{Interrupt, on_aws};
use crate::loaded::Loaded;
use crate::plan::Plan;
use crate::style::{self, paint};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// The largest zip Lambda takes in the request itself; a larger one goes
/// through the deployment bucket.
const DIRECT_LIMIT: usize = 50 * 1024 * 1024;

/// The longest svc waits for Lambda to finish an update.
const UPDATE_LIMIT: Duration = Duration::from_secs(300);

/// Arguments of `svc deploy function`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// The function, as the service names it.
    #[arg(long, short = 'f', value_name = "NAME")]
    function: String,
    /// Also update its configuration: handler, runtime, memory, timeout,
    /// environment and layers.
    #[arg(long)]
    update_config: bool,
}

/// Runs `svc deploy function`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, true)?;
    let name = deployed::pick(&loaded, Some(&args.function))?.remove(0);
    let target = loaded.target(&args.service);
    runtime::block_on(update(args, &loaded, &target, &name))
}

async fn update(args: &Args, loaded: &Loaded, target: &Target, name: &str) -> Result {
    let started = Instant::now();
    let stopped = "stopped (Ctrl-C): an update already sent to Lambda finishes there by itself; nothing more was sent";
    let steps = async |aws: &Aws, interrupt: &Interrupt| {
        interrupt.doing(format!("finding function `{name}` in stack `{}`", target.stack));
        let function = deployed::resolve(aws, target, vec![name.to_owned()], true).await?.remove(0).aws;
        interrupt.doing("resolving deploy-time variables and building");
        let plan = super::deploy::built(loaded, aws).await?;
        let resource = plan.template.pointer(&format!("/Resources/{}/Properties", naming::lambda_function(name)));
        let properties = resource.cloned().unwrap_or(Value::Null);
        let mut changed = Vec::new();
        interrupt.doing(format!("updating the code of `{function}`"));
        if code(aws, (target, &function), &plan, &properties, interrupt).await? {
            changed.push("code");
        }
        if args.update_config {
            interrupt.doing(format!("updating the configuration of `{function}`"));
            configuration(aws, target, &function, &properties, interrupt).await?;
            changed.push("configuration");
        }
        Ok::<_, Error>((function, changed))
    };
    let (function, changed) = on_aws(target, stopped, steps).await?;
    let elapsed = started.elapsed().as_secs_f64();
    let mut stdout = anstream::stdout();
    let text = match changed.as_slice() {
        [] => format!(
            "{} The code of `{name}` ({function}) is unchanged: nothing to update ({elapsed:.1} s)\n",
            paint(style::SUCCESS, "✔")
        ),
        what => format!(
            "{} Updated the {} of `{name}` ({function}) ({elapsed:.1} s)\n",
            paint(style::SUCCESS, "✔"),
            what.join(" and ")
        ),
    };
    let _ = std::io::Write::write_all(&mut stdout, text.as_bytes());
    if !changed.is_empty() {
        output::warning(&format!(
            "stack `{}` does not know of this change: the function differs from its template until the next `svc deploy`",
            target.stack
        ));
    }
    Ok(Outcome::Clean)
}

/// Updates the code when its SHA-256 differs from the deployed one (after
/// an update still under way ends); true when it did. A zip over 50 MB
/// goes through the deployment bucket of `target`.
async fn code(
    aws: &Aws,
    (target, function): (&Target, &str),
    plan: &Plan,
    properties: &Value,
    interrupt: &Interrupt,
) -> Result<bool> {
    let key = properties.pointer("/Code/S3Key").and_then(Value::as_str);
    let Some(zip) = key.and_then(|key| plan.uploads.iter().find(|u| u.key == key)) else {
        return Err(Error::Failed(format!(
            "`{function}` has no zip of its own in this build (its code is an image or an artifact given by key): `svc deploy` deploys it"
        )));
    };
    let local = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&zip.bytes));
    let mut deployed = current(aws, function).await?;
    if deployed.last_update_status() == Some(&LastUpdateStatus::InProgress) {
        // An earlier update (one stopped by Ctrl-C, or someone else's)
        // is still running: Lambda refuses another until it ends.
        output::note(&format!("Lambda is still updating `{function}` from an earlier update: waiting for it to end"));
        deployed = finished(aws, function, interrupt).await?;
    }
    if deployed.code_sha256() == Some(local.as_str()) {
        return Ok(false);
    }
    let request = aws.lambda.update_function_code().function_name(function);
    let request = if zip.bytes.len() > DIRECT_LIMIT {
        // Too big for the request: through the deployment bucket, under
        // the key `svc deploy` uses, as `svc deploy` sends it.
        let info = stack::describe(aws, &target.stack).await.map_err(Error::Failed)?;
        let bucket = flow::deployment_bucket(aws, target, info.as_ref()).await?;
        interrupt.doing(format!("uploading the zip of `{function}` to s3://{bucket}"));
        if !bucket::missing(aws, &bucket, std::slice::from_ref(&zip.key)).await.map_err(Error::Failed)?.is_empty() {
            bucket::upload(aws, &bucket, &[zip], &|| {}).await.map_err(Error::Failed)?;
        }
        output::step(&format!(
            "the zip is {} MB, over Lambda's 50 MB for code sent directly: sent through s3://{bucket}",
            zip.bytes.len() / 1_000_000
        ));
        request.s3_bucket(bucket).s3_key(&zip.key)
    } else {
        request.zip_file(Blob::new(zip.bytes.clone()))
    };
    interrupt.doing(format!("updating the code of `{function}`"));
    request.send().await.map_err(|e| Error::Failed(explain(&e, &format!("cannot update the code of `{function}`"))))?;
    settled(aws, function, interrupt).await?;
    Ok(true)
}

/// Updates the handler, runtime, memory, timeout, environment and layers
/// from the function's properties in the template; a value only
/// CloudFormation can work out (`getAtt`, `sub`, …) is refused.
async fn configuration(
    aws: &Aws,
    target: &Target,
    function: &str,
    properties: &Value,
    interrupt: &Interrupt,
) -> Result<()> {
    let info = stack::describe(aws, &target.stack).await.map_err(Error::Failed)?;
    let physical = match info {
        Some(info) => stack::resources(aws, &info.id).await.map_err(Error::Failed)?,
        None => Vec::new(),
    };
    let plain = |value: &Value, what: &str| -> Result<String> {
        match value {
            Value::String(text) => Ok(text.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Object(call) if call.len() == 1 && call.contains_key("Ref") => {
                let id = call["Ref"].as_str().unwrap_or_default();
                physical.iter().find(|r| r.logical == id).and_then(|r| r.physical.clone()).ok_or_else(|| {
                    Error::Failed(format!(
                        "{what} is a `ref({id})` the stack has no resource for: `svc deploy` deploys it"
                    ))
                })
            }
            _ => Err(Error::Failed(format!(
                "{what} is only worked out by CloudFormation ({value}): `svc deploy` deploys it"
            ))),
        }
    };
    let text = |key: &str| properties.get(key).map(|v| plain(v, &format!("`{key}`"))).transpose();
    let number = |key: &str| -> Result<Option<i32>> { Ok(text(key)?.and_then(|t| t.parse::<i32>().ok())) };
    let variables: Map<String, Value> =
        properties.pointer("/Environment/Variables").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut environment = Environment::builder();
    for (key, value) in &variables {
        environment = environment.variables(key, plain(value, &format!("environment variable `{key}`"))?);
    }
    let layers: Vec<String> = match properties.get("Layers").and_then(Value::as_array) {
        Some(layers) => layers.iter().map(|l| plain(l, "a layer")).collect::<Result<_>>()?,
        None => Vec::new(),
    };
    aws.lambda
        .update_function_configuration()
        .function_name(function)
        .set_handler(text("Handler")?)
        .set_runtime(text("Runtime")?.map(|r| Runtime::from(r.as_str())))
        .set_memory_size(number("MemorySize")?)
        .set_timeout(number("Timeout")?)
        .environment(environment.build())
        .set_layers(Some(layers))
        .send()
        .await
        .map_err(|e| Error::Failed(explain(&e, &format!("cannot update the configuration of `{function}`"))))?;
    settled(aws, function, interrupt).await
}

/// Waits until Lambda has finished updating `function` (its last update
/// succeeded, or failed: an error with Lambda's reason).
async fn settled(aws: &Aws, function: &str, interrupt: &Interrupt) -> Result<()> {
    let configuration = finished(aws, function, interrupt).await?;
    if configuration.last_update_status() == Some(&LastUpdateStatus::Failed) {
        return Err(Error::Failed(format!(
            "Lambda could not update `{function}`: {}",
            configuration.last_update_status_reason().unwrap_or("no reason given")
        )));
    }
    Ok(())
}

/// What Lambda says of `function` once no update of it is under way.
async fn finished(aws: &Aws, function: &str, interrupt: &Interrupt) -> Result<GetFunctionConfigurationOutput> {
    let started = Instant::now();
    interrupt.doing(format!("waiting for Lambda to finish updating `{function}`"));
    loop {
        let configuration = current(aws, function).await?;
        if configuration.last_update_status() != Some(&LastUpdateStatus::InProgress) {
            return Ok(configuration);
        }
        if started.elapsed() > UPDATE_LIMIT {
            return Err(Error::Failed(format!(
                "Lambda was still updating `{function}` after {} s: `svc info` shows it once it is done",
                UPDATE_LIMIT.as_secs()
            )));
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// What Lambda says of `function` now.
async fn current(aws: &Aws, function: &str) -> Result<GetFunctionConfigurationOutput> {
    let request = aws.lambda.get_function_configuration().function_name(function);
    request.send().await.map_err(|e| Error::Failed(explain(&e, &format!("cannot read function `{function}`"))))
}
