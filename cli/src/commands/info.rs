//! `svc info`: the deployed service: stage, region, stack status,
//! functions (names in AWS, sizes), endpoints and outputs.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::Value;
use svc_compiler::naming;

use crate::args::ServiceArgs;
use crate::aws::{Aws, flow, stack};
use crate::error::Error;
use crate::interrupt::on_aws;
use crate::loaded::{self, Loaded};
use crate::present::summary::{self, Function};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// Arguments of `svc info`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc info`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let target = loaded.target(&args.service);
    runtime::block_on(info(&loaded, &target))
}

async fn info(loaded: &Loaded, target: &Target) -> Result {
    on_aws(target, "stopped (Ctrl-C)", async |aws, interrupt| {
        interrupt.doing(format!("reading stack `{}`", target.stack));
        show(loaded, target, aws).await
    })
    .await
}

async fn show(loaded: &Loaded, target: &Target, aws: &Aws) -> Result {
    let Some(info) = stack::describe(aws, &target.stack).await.map_err(Error::Failed)? else {
        return Err(Error::Problem(format!(
            "stack `{}` does not exist in {}: `svc deploy` creates it",
            target.stack, target.region
        )));
    };
    let (resources, template) = tokio::join!(stack::resources(aws, &info.id), stack::template(aws, &info.id));
    let physical: BTreeMap<String, Option<String>> =
        resources.map_err(Error::Failed)?.into_iter().map(|r| (r.logical, r.physical)).collect();
    let template = template.map_err(Error::Failed)?.unwrap_or(Value::Null);
    // Sizes are a nicety: without the bucket, they are left out.
    let bucket = flow::find_bucket(aws, target, Some(&info)).await.ok().flatten();
    let mut functions = Vec::new();
    for name in loaded::function_names(&loaded.analysis.service) {
        let logical = naming::lambda_function(&name);
        let key = template.pointer(&format!("/Resources/{logical}/Properties/Code/S3Key")).and_then(Value::as_str);
        let size = match (&bucket, key) {
            (Some(bucket), Some(key)) => size(aws, bucket, key).await,
            _ => None,
        };
        functions.push(Function { name, deployed: physical.get(&logical).cloned().flatten(), size });
    }
    let text = summary::render(target, &info, &loaded.analysis.service, &functions);
    let _ = anstream::stdout().write_all(text.as_bytes());
    if !stack::is_final(&info.status) {
        output::note(&format!("stack `{}` is {}: an operation is under way", info.name, info.status.as_str()));
    }
    Ok(Outcome::Clean)
}

/// The size of an object, when it can be read.
async fn size(aws: &Aws, bucket: &str, key: &str) -> Option<u64> {
    let head = aws.s3.head_object().bucket(bucket).key(key).send().await.ok()?;
    head.content_length().and_then(|n| u64::try_from(n).ok())
}
