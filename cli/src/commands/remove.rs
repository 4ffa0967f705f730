//! `svc remove`: empty the deployment bucket (every object version), then
//! delete the stack and wait until it is gone.

use std::io::Write;
use std::time::Instant;

use svc_compiler::naming;

use crate::args::ServiceArgs;
use crate::aws::events::{self, End};
use crate::aws::{Aws, bucket, stack};
use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::journal::Journal;
use crate::loaded::Loaded;
use crate::style::{self, paint};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// Arguments of `svc remove`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc remove`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let target = loaded.target(&args.service);
    runtime::block_on(remove(&loaded, &target))
}

async fn remove(loaded: &Loaded, target: &Target) -> Result {
    let interrupt = Interrupt::install();
    let journal = Journal::new(&target.stack, "svc remove", "the stack was not deleted");
    let aws = journal.connect(target, &interrupt).await?;
    let result = interrupt.race(steps(loaded, target, &aws, &interrupt, &journal)).await;
    journal.finish(result, &aws, &interrupt).await
}

async fn steps(loaded: &Loaded, target: &Target, aws: &Aws, interrupt: &Interrupt, journal: &Journal) -> Result {
    let started = Instant::now();
    interrupt.doing(format!("reading stack `{}`", target.stack));
    let Some(info) = stack::describe(aws, &target.stack).await.map_err(Error::Failed)? else {
        return Err(Error::Problem(format!(
            "stack `{}` does not exist in {}: nothing to remove",
            target.stack, target.region
        )));
    };
    // The stack's own bucket is emptied whole; a bucket of the user's
    // only of this service and stage.
    let (name, prefix) = match &target.bucket {
        Some(name) => (Some(name.clone()), format!("{}/", target.bucket_folder())),
        None => {
            (stack::physical_id(aws, &info.id, naming::DEPLOYMENT_BUCKET).await.map_err(Error::Failed)?, String::new())
        }
    };
    if let Some(name) = &name {
        interrupt.check()?;
        interrupt.doing(format!("emptying s3://{name}/{prefix}"));
        journal.tally(None, "object", format!("deleted from s3://{name}/{prefix}"));
        let deleted = bucket::empty(aws, name, &prefix, &|n| journal.count(n)).await.map_err(Error::Failed)?;
        output::step(&format!("emptied s3://{name}/{prefix} ({})", output::plural(deleted, "object")));
    }
    interrupt.doing(format!("reading the events of stack `{}`", target.stack));
    let after = events::newest(aws, &info.id).await.map_err(Error::Failed)?;
    interrupt.check()?;
    output::step(&format!("deleting stack `{}`", target.stack));
    journal.under_way(format!("the deletion of stack `{}`", target.stack));
    stack::delete(aws, &info.id).await.map_err(Error::Failed)?;
    let total = stack::resources(aws, &info.id).await.map_or(0, |r| r.len());
    interrupt.doing(format!("waiting for stack `{}` to be deleted", target.stack));
    match events::wait(aws, &info.id, after.as_deref(), total, interrupt).await.map_err(Error::Failed)? {
        End::Gone(_) => {
            let _ = writeln!(
                anstream::stdout(),
                "{} Removed stack `{}` from {} ({:.1} s)",
                paint(style::SUCCESS, "✔"),
                target.stack,
                target.region,
                started.elapsed().as_secs_f64()
            );
            Ok(Outcome::Clean)
        }
        End::Done(info, events) => Err(loaded.stack_error(&info, &events, "the stack could not be deleted")),
        End::Interrupted => Err(interrupted()),
    }
}
