//! `svc diff`: what `svc deploy` would change, without changing it. The
//! change set is made to ask CloudFormation, then deleted. Exit 0 when
//! nothing would change, 1 when something would (for CI gates), 2 when
//! the diff could not be made.

use std::io::Write;

use aws_sdk_cloudformation::types::ChangeSetType;
use serde_json::Value;

use crate::args::ServiceArgs;
use crate::aws::changes::{self, Created};
use crate::aws::mode::Mode;
use crate::aws::{Aws, bucket, flow, stack, variables};
use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::journal::Journal;
use crate::loaded::Loaded;
use crate::plan::Plan;
use crate::present::{table, template_diff};
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// Arguments of `svc diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc diff`.
pub fn run(args: &Args) -> Result {
    // Exit 2 for anything that stopped the diff: exit 1 means changes.
    let loaded = Loaded::load(&args.service, true).map_err(Error::into_failed)?;
    let target = loaded.target(&args.service);
    let changes = runtime::block_on(diff(&loaded, &target)).map_err(Error::into_failed)?;
    Ok(if changes { Outcome::Problems } else { Outcome::Clean })
}

/// Whether anything would change.
async fn diff(loaded: &Loaded, target: &Target) -> Result<bool> {
    let interrupt = Interrupt::install();
    let journal = Journal::new(&target.stack, "svc diff", "nothing was changed");
    let aws = journal.connect(target, &interrupt).await?;
    let result = interrupt.race(compare(loaded, target, &aws, &interrupt, &journal)).await;
    journal.finish(result, &aws, &interrupt).await
}

/// Whether anything would change, the change set svc makes to ask
/// CloudFormation recorded in `journal`.
async fn compare(
    loaded: &Loaded,
    target: &Target,
    aws: &Aws,
    interrupt: &Interrupt,
    journal: &Journal,
) -> Result<bool> {
    interrupt.doing("resolving deploy-time variables and building");
    let mut analysis = loaded.analysis.clone();
    let diagnostics = variables::resolve(&mut analysis.service, aws).await;
    if !diagnostics.is_empty() {
        loaded.report(&diagnostics);
        return Err(Error::Failed(format!("{}: fix the errors above first", loaded.file_name())));
    }
    let plan = Plan::build(loaded, &analysis, None)?;
    let new = &plan.template;
    let existing = match stack::describe(aws, &target.stack).await.map_err(Error::Failed)? {
        Some(info) if stack::is_stillborn(&info.status) => {
            output::note(&format!(
                "stack `{}` is {}: `svc deploy` deletes it and creates it again",
                target.stack,
                info.status.as_str()
            ));
            None
        }
        other => other,
    };
    let Some(existing) = existing else {
        let diff = template_diff::diff(&Value::Null, new);
        print(&table::render(&table::rows(None, &diff, &Value::Null)));
        output::note(&format!(
            "stack `{}` does not exist in {} yet: `svc deploy` creates it with all of the above",
            target.stack, target.region
        ));
        return Ok(true);
    };
    let old = stack::template(aws, &existing.id).await.map_err(Error::Failed)?.unwrap_or(Value::Null);
    let bucket = flow::deployment_bucket(aws, target, Some(&existing)).await?;
    let keys: Vec<String> = plan.uploads.iter().map(|u| u.key.clone()).collect();
    let missing = bucket::missing(aws, &bucket, &keys).await.map_err(Error::Failed)?;
    if !missing.is_empty() {
        output::note(&format!("{} to upload: {}", output::plural(missing.len(), "artifact"), missing.join(", ")));
    }
    if old == *new {
        print(&format!("No changes: stack `{}` is up to date\n", target.stack));
        return Ok(false);
    }
    let diff = template_diff::diff(&old, new);
    let body = flow::template_body(aws, target, Some(&bucket), plan.body()).await?;
    interrupt.doing("asking CloudFormation for a change set");
    let id = changes::create(aws, &target.stack, ChangeSetType::Update, &body, Mode::default())
        .await
        .map_err(Error::Failed)?;
    journal.change_set(Some(&id));
    interrupt.doing("waiting for CloudFormation to make the change set");
    let changes = match changes::ready(aws, &target.stack, &id, interrupt).await.map_err(Error::Failed)? {
        Created::Ready(change_set) => {
            // A change set left behind is harmless: it is never executed.
            let _ = changes::delete(aws, &target.stack, &change_set.id).await;
            journal.change_set(None);
            Some(change_set.changes)
        }
        Created::Nothing => {
            journal.change_set(None);
            None
        }
        Created::Interrupted => return Err(interrupted()),
    };
    let rows = table::rows(changes.as_deref(), &diff, &old);
    if rows.is_empty() {
        output::note("CloudFormation finds no resource to change; the template differs in outputs or metadata only");
    } else {
        print(&table::render(&rows));
    }
    print("\nTemplate changes:\n");
    print(&table::render_diff(&diff));
    let risks = table::Risks::of(&rows, &old, new);
    for line in risks.describe() {
        output::warning(&format!("this deploy {line}: `svc deploy` will ask for a confirmation (or --yes)"));
    }
    Ok(true)
}

fn print(text: &str) {
    let _ = anstream::stdout().write_all(text.as_bytes());
}
