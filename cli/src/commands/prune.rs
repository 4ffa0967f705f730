//! `svc prune`: deletes the function and layer versions and the recorded
//! deployments beyond the newest N, and the artifacts no kept deployment
//! uses ([`crate::aws::prune`]), after showing them and asking. Without a
//! terminal and without `--yes` it is a dry run.

use std::io::Write;
use std::sync::Mutex;

use crate::args::ServiceArgs;
use crate::aws::Aws;
use crate::aws::prune::{self, Applied, Unfinished};
use crate::error::Error;
use crate::interrupt::{Interrupt, on_aws};
use crate::loaded::Loaded;
use crate::present::confirm::ask;
use crate::style::{self, paint};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// How many of each `svc prune` keeps when not told.
const DEFAULT_KEEP: usize = 5;

/// Arguments of `svc prune`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// How many of the newest versions of each function and layer, and of
    /// the newest deployments, to keep (besides the live and aliased ones).
    #[arg(long, short = 'n', value_name = "N", default_value_t = DEFAULT_KEEP, value_parser = keep)]
    keep: usize,
    /// Delete without asking (needed to delete without a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
    /// Only show what would be deleted.
    #[arg(long)]
    dry_run: bool,
}

/// `--keep`: a whole number, 1 or more.
fn keep(text: &str) -> std::result::Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err(
            "svc prune keeps at least the newest deployment and version: 0 would delete what the stack runs; use 1 or more"
                .to_owned(),
        ),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a whole number: --keep counts the deployments and versions to keep")),
    }
}

/// Runs `svc prune`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let target = loaded.target(&args.service);
    runtime::block_on(prune(args, &target))
}

async fn prune(args: &Args, target: &Target) -> Result {
    let progress = Mutex::new(Applied::default());
    let work = async |aws: &Aws, interrupt: &Interrupt| {
        interrupt.doing(format!("working out what to prune in stack `{}`", target.stack));
        let Some(plan) = prune::plan(aws, target, args.keep).await.map_err(Error::Failed)? else {
            return Err(Error::Problem(format!(
                "stack `{}` does not exist in {}: there is nothing to prune",
                target.stack, target.region
            )));
        };
        let mut stdout = anstream::stdout();
        let _ = stdout.write_all(plan.render().as_bytes());
        let _ = stdout.flush();
        for note in &plan.notes {
            output::note(note);
        }
        if plan.is_empty() {
            return Ok(Outcome::Clean);
        }
        let keep = if args.keep == DEFAULT_KEEP { String::new() } else { format!(" --keep {}", args.keep) };
        let dry_run = || output::note(&format!("dry run: nothing deleted; run `svc prune{keep} --yes` to delete"));
        if args.dry_run {
            dry_run();
            return Ok(Outcome::Clean);
        }
        if !args.yes {
            interrupt.doing("waiting for a confirmation");
            let statement = paint(style::WARNING, format!("This deletes {} for good.", plan.total().describe()));
            match ask(&format!("{statement} Delete them?"), interrupt).await? {
                Some(true) => {}
                Some(false) => return Err(Error::Declined),
                // No terminal to ask on.
                None => {
                    dry_run();
                    return Ok(Outcome::Clean);
                }
            }
        }
        let remember = |done: &Applied| {
            if let Ok(mut progress) = progress.lock() {
                *progress = *done;
            }
        };
        let done = plan.apply(aws, interrupt, &remember).await?;
        let _ = writeln!(stdout, "{} Pruned stack `{}`: {}", paint(style::SUCCESS, "✔"), target.stack, done.describe());
        Ok(Outcome::Clean)
    };
    match on_aws(target, "stopped (Ctrl-C) before anything was deleted", work).await {
        // Ctrl-C dropped the work between two deletes, or during one.
        Err(Error::Interrupted(_)) => {
            let done = progress.lock().map(|p| *p).unwrap_or_default();
            Err(Unfinished::interrupted(done).into())
        }
        other => other,
    }
}
