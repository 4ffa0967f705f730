//! `svc remove`: empty the deployment bucket (every object version), then
//! delete the stack and wait until it is gone.

use std::io::Write;
use std::time::Instant;

use svc_compiler::naming;

use crate::aws::events::{self, End};
use crate::aws::failure::SourceMap;
use crate::aws::flow::{self, failed, interrupted};
use crate::aws::interrupt::Interrupt;
use crate::aws::{Aws, Target, bucket, stack};
use crate::loaded::{Loaded, ServiceArgs};
use crate::{Outcome, output};

/// Arguments of `svc remove`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc remove`.
pub fn run(args: &Args) -> Outcome {
    let loaded = match Loaded::load(&args.service, false) {
        Ok(loaded) => loaded,
        Err(outcome) => return outcome,
    };
    let target = loaded.target(&args.service);
    flow::run(remove(&loaded, &target))
}

async fn remove(loaded: &Loaded, target: &Target) -> Result<Outcome, Outcome> {
    let started = Instant::now();
    let interrupt = Interrupt::install();
    let aws = Aws::connect(target).await.map_err(failed)?;
    let Some(info) = stack::describe(&aws, &target.stack).await.map_err(failed)? else {
        output::error(&format!("stack `{}` does not exist in {}: nothing to remove", target.stack, target.region));
        return Ok(Outcome::Problems);
    };
    // The stack's own bucket is emptied whole; a bucket of the user's
    // only of this service and stage.
    let (name, prefix) = match &target.bucket {
        Some(name) => (Some(name.clone()), format!("{}/", target.bucket_folder())),
        None => (stack::physical_id(&aws, &info.id, naming::DEPLOYMENT_BUCKET).await.map_err(failed)?, String::new()),
    };
    if let Some(name) = &name {
        let deleted = bucket::empty(&aws, name, &prefix).await.map_err(failed)?;
        output::step(&format!("emptied s3://{name}/{prefix} ({})", output::plural(deleted, "object")));
    }
    let after = events::newest(&aws, &info.id).await.map_err(failed)?;
    output::step(&format!("deleting stack `{}`", target.stack));
    stack::delete(&aws, &info.id).await.map_err(failed)?;
    let total = stack::resources(&aws, &info.id).await.map_or(0, |r| r.len());
    match events::wait(&aws, &info.id, after.as_deref(), total, &interrupt).await.map_err(failed)? {
        End::Gone => {
            let _ = writeln!(
                anstream::stdout(),
                "\x1b[1;32m✔\x1b[0m Removed stack `{}` from {} ({:.1} s)",
                target.stack,
                target.region,
                started.elapsed().as_secs_f64()
            );
            Ok(Outcome::Clean)
        }
        End::Done(info, events) => {
            let map = SourceMap::new(&loaded.analysis.service);
            let file = loaded.file_name();
            flow::report_failure(
                &info,
                &events,
                Some((&map, &file, &loaded.file.decoded.text)),
                "the stack could not be deleted",
            );
            Ok(Outcome::Problems)
        }
        End::Interrupted => Err(interrupted(&target.stack, true)),
    }
}
