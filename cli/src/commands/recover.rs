//! `svc recover`: moves a stuck stack on. A stack in
//! `UPDATE_ROLLBACK_FAILED` has its rollback finished
//! (ContinueUpdateRollback), after naming the resources that block it and
//! offering to skip them; a stack a deploy with rollback off left in
//! `UPDATE_FAILED` or `CREATE_FAILED` is rolled back (RollbackStack).

use std::io::Write;

use aws_sdk_cloudformation::types::StackStatus;

use crate::args::ServiceArgs;
use crate::aws::events::{self, End, Event};
use crate::aws::stack::{self, StackInfo};
use crate::aws::{Aws, flow, recovery};
use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::journal::Journal;
use crate::loaded::Loaded;
use crate::present::confirm::ask;
use crate::present::failure;
use crate::style::{self, paint};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// Arguments of `svc recover`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
    /// Skip this resource (its logical ID) when finishing a rollback:
    /// CloudFormation marks it rolled back without changing it. Repeat for
    /// more.
    #[arg(long, value_name = "LOGICAL_ID")]
    skip: Vec<String>,
    /// Skip every resource that blocks the rollback, without asking.
    #[arg(long, short = 'y')]
    yes: bool,
}

/// Runs `svc recover`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let target = loaded.target(&args.service);
    runtime::block_on(recover(args, &target))
}

async fn recover(args: &Args, target: &Target) -> Result {
    stack::quiet_stuck_warning();
    let interrupt = Interrupt::install();
    let journal = Journal::new(&target.stack, "svc recover", "nothing was asked of CloudFormation");
    let aws = journal.connect(target, &interrupt).await?;
    let result = interrupt.race(steps(args, target, &aws, &interrupt, &journal)).await;
    journal.finish(result, &aws, &interrupt).await
}

async fn steps(args: &Args, target: &Target, aws: &Aws, interrupt: &Interrupt, journal: &Journal) -> Result {
    interrupt.doing(format!("reading stack `{}`", target.stack));
    let Some(info) = stack::describe(aws, &target.stack).await.map_err(Error::Failed)? else {
        return Err(Error::Problem(format!(
            "stack `{}` does not exist in {}: there is nothing to recover",
            target.stack, target.region
        )));
    };
    match info.status {
        StackStatus::UpdateRollbackFailed => finish_rollback(args, &info, aws, interrupt, journal).await,
        StackStatus::UpdateFailed | StackStatus::CreateFailed => {
            output::step(&format!(
                "stack `{}` is {}: a deploy with rollback off failed; rolling it back to its last stable state",
                info.name,
                info.status.as_str()
            ));
            roll_back(&info, aws, interrupt, journal).await
        }
        ref status if !stack::is_final(status) => Err(Error::Problem(format!(
            "{}; run `svc recover` again once it ends, if the stack still needs it",
            flow::busy_with(&info)
        ))),
        StackStatus::RollbackComplete => {
            output::note(&format!(
                "stack `{}` is ROLLBACK_COMPLETE: its creation failed, and such a stack can only be deleted; the next `svc deploy` deletes it and creates it again",
                info.name
            ));
            Ok(Outcome::Clean)
        }
        _ => {
            let _ =
                writeln!(anstream::stdout(), "Stack `{}` is {}: nothing to recover", info.name, info.status.as_str());
            Ok(Outcome::Clean)
        }
    }
}

/// UPDATE_ROLLBACK_FAILED: names what blocks the rollback, asks whether
/// to skip it (or takes `--skip` / `--yes`), then finishes the rollback.
async fn finish_rollback(args: &Args, info: &StackInfo, aws: &Aws, interrupt: &Interrupt, journal: &Journal) -> Result {
    interrupt.doing(format!("reading the events of stack `{}`", info.name));
    let blockers = recovery::blockers(aws, &info.id).await.map_err(Error::Failed)?;
    let mut text = format!(
        "Stack `{}` is UPDATE_ROLLBACK_FAILED: an update failed, and its rollback could not finish.\n",
        info.name
    );
    if !blockers.is_empty() {
        text.push_str("These resources block the rollback:\n");
        for event in &blockers {
            let reason = event.reason.as_deref().unwrap_or("no reason given");
            text.push_str(&format!("  {} ({}) {}: {reason}\n", event.logical, event.kind, event.status.as_str()));
        }
    }
    let _ = write!(anstream::stdout(), "{text}");
    let skip = chosen_skips(args, &blockers, interrupt).await?;
    if skip.is_empty() {
        output::step("continuing the rollback without skipping any resource");
    } else {
        output::step(&format!("continuing the rollback, skipping {}", skip.join(", ")));
    }
    let after = events::newest(aws, &info.id).await.map_err(Error::Failed)?;
    interrupt.check()?;
    journal.under_way(format!("the rollback of stack `{}`", info.name));
    recovery::continue_rollback(aws, &info.id, &skip).await.map_err(Error::Failed)?;
    interrupt.doing(format!("waiting for the rollback of stack `{}`", info.name));
    match events::wait(aws, &info.id, after.as_deref(), blockers.len(), interrupt).await.map_err(Error::Failed)? {
        End::Done(done, _) if done.status == StackStatus::UpdateRollbackComplete => {
            journal.rested(format!("the rollback of stack `{}` finished", info.name));
            let mut said = format!(
                "{} Recovered stack `{}`: its rollback finished (UPDATE_ROLLBACK_COMPLETE), and it runs the template it ran before the failed update; `svc deploy` deploys the service again\n",
                paint(style::SUCCESS, "✔"),
                info.name
            );
            if !skip.is_empty() {
                said.push_str(&format!(
                    "  skipped {}: CloudFormation did not change them, so they may differ from the template; check them, and the next `svc deploy` updates them\n",
                    skip.join(", ")
                ));
            }
            let _ = write!(anstream::stdout(), "{said}");
            Ok(Outcome::Clean)
        }
        End::Done(done, events) => Err(failure::stack_error(&done, &events, None, "the rollback failed again")),
        End::Gone(events) => Err(failure::deleted(&info.name, &events, None, "the rollback ended in a deletion")),
        End::Interrupted => Err(interrupted()),
    }
}

/// The resources to skip: `--skip` (each must block the rollback), all of
/// them with `--yes`, else what the person at the terminal answers (none
/// without a terminal).
async fn chosen_skips(args: &Args, blockers: &[Event], interrupt: &Interrupt) -> Result<Vec<String>> {
    let names: Vec<&str> = blockers.iter().map(|e| e.logical.as_str()).collect();
    if let Some(unknown) = args.skip.iter().find(|s| !names.contains(&s.as_str())) {
        let hint = match svc_compiler::suggest::closest(unknown, names.iter().copied()) {
            Some(best) => format!("; did you mean `{best}`?"),
            None if names.is_empty() => "; no resource blocks it".to_owned(),
            None => format!("; the resources that do are {}", names.join(", ")),
        };
        return Err(Error::Failed(format!("`{unknown}` does not block the rollback{hint}")));
    }
    if !args.skip.is_empty() {
        return Ok(args.skip.clone());
    }
    if blockers.is_empty() || args.yes {
        return Ok(names.iter().map(|n| (*n).to_owned()).collect());
    }
    let question = "Skip them? CloudFormation then marks them rolled back without changing them (no: the rollback is tried again as it is).";
    match ask(question, interrupt).await? {
        Some(true) => Ok(names.iter().map(|n| (*n).to_owned()).collect()),
        Some(false) => Ok(Vec::new()),
        None => {
            output::note(&format!(
                "without a terminal, svc does not skip them; `svc recover --skip {}` (or `--yes` for all) skips them",
                names.first().copied().unwrap_or_default()
            ));
            Ok(Vec::new())
        }
    }
}

/// Rolls back a stack a deploy with rollback off left in `UPDATE_FAILED`
/// or `CREATE_FAILED` (RollbackStack), and follows it to the end: for
/// `svc recover` and for the offer after such a deploy.
pub async fn roll_back(info: &StackInfo, aws: &Aws, interrupt: &Interrupt, journal: &Journal) -> Result {
    let after = events::newest(aws, &info.id).await.map_err(Error::Failed)?;
    interrupt.check()?;
    journal.under_way(format!("the rollback of stack `{}`", info.name));
    recovery::roll_back(aws, &info.id).await.map_err(Error::Failed)?;
    interrupt.doing(format!("waiting for stack `{}` to roll back", info.name));
    match events::wait(aws, &info.id, after.as_deref(), 0, interrupt).await.map_err(Error::Failed)? {
        End::Done(done, _)
            if matches!(done.status, StackStatus::UpdateRollbackComplete | StackStatus::RollbackComplete) =>
        {
            journal.rested(format!("stack `{}` was rolled back", info.name));
            let next = if done.status == StackStatus::RollbackComplete {
                "its creation is undone, and the next `svc deploy` deletes it and creates it again"
            } else {
                "it runs the template it ran before the failed deploy"
            };
            let _ = writeln!(
                anstream::stdout(),
                "{} Rolled back stack `{}` ({}): {next}",
                paint(style::SUCCESS, "✔"),
                info.name,
                done.status.as_str()
            );
            Ok(Outcome::Clean)
        }
        End::Done(done, events) => Err(failure::stack_error(&done, &events, None, "the rollback failed")),
        End::Gone(events) => Err(failure::deleted(&info.name, &events, None, "the rollback ended in a deletion")),
        End::Interrupted => Err(interrupted()),
    }
}
