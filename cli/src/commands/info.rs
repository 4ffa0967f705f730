//! `svc info`: the deployed service: stage, region, stack status,
//! functions (names in AWS, sizes), endpoints and outputs.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::Value;
use svc_compiler::naming;

use crate::aws::flow::{self, failed};
use crate::aws::summary::{self, Function};
use crate::aws::{Aws, Target, stack};
use crate::loaded::{self, Loaded, ServiceArgs};
use crate::{Outcome, output};

/// Arguments of `svc info`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc info`.
pub fn run(args: &Args) -> Outcome {
    let loaded = match Loaded::load(&args.service, false) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let target = loaded.target(&args.service);
    flow::run(info(&loaded, &target))
}

async fn info(loaded: &Loaded, target: &Target) -> Result<Outcome, Outcome> {
    let aws = Aws::connect(target).await.map_err(failed)?;
    let Some(info) = stack::describe(&aws, &target.stack).await.map_err(failed)? else {
        output::error(&format!(
            "stack `{}` does not exist in {}: `svc deploy` creates it",
            target.stack, target.region
        ));
        return Ok(Outcome::Problems);
    };
    let (resources, template) = tokio::join!(stack::resources(&aws, &info.id), stack::template(&aws, &info.id));
    let physical: BTreeMap<String, Option<String>> =
        resources.map_err(failed)?.into_iter().map(|r| (r.logical, r.physical)).collect();
    let template = template.map_err(failed)?.unwrap_or(Value::Null);
    // Sizes are a nicety: without the bucket, they are left out.
    let bucket = flow::find_bucket(&aws, target, Some(&info)).await.ok().flatten();
    let mut functions = Vec::new();
    for name in loaded::function_names(&loaded.analysis.service) {
        let logical = naming::lambda_function(&name);
        let key = template.pointer(&format!("/Resources/{logical}/Properties/Code/S3Key")).and_then(Value::as_str);
        let size = match (&bucket, key) {
            (Some(bucket), Some(key)) => size(&aws, bucket, key).await,
            _ => None,
        };
        functions.push(Function { name, deployed: physical.get(&logical).cloned().flatten(), size });
    }
    let text = summary::render(target, &info, &loaded.analysis.service, &functions);
    let _ = anstream::stdout().write_all(text.as_bytes());
    if !stack::is_final(&info.status) {
        output::note(&format!("stack `{}` is {}: an operation is under way", info.name, info.status));
    }
    Ok(Outcome::Clean)
}

/// The size of an object, when it can be read.
async fn size(aws: &Aws, bucket: &str, key: &str) -> Option<u64> {
    let head = aws.s3.head_object().bucket(bucket).key(key).send().await.ok()?;
    head.content_length().and_then(|n| u64::try_from(n).ok())
}
