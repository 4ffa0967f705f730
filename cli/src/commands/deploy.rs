//! `svc deploy`: build, upload what the bucket lacks, show what changes,
//! change the stack, follow it to the end and print what was deployed.
//! Nothing changed → "No changes", and no stack update.

use std::path::PathBuf;
use std::time::Instant;

use aws_sdk_cloudformation::types::{Capability, ChangeSetType, OnFailure};
use clap::ValueEnum;
use serde_json::{Value, json};
use svc_compiler::naming;
use svc_compiler::tree::{NodeKind, Path};

use crate::args::ServiceArgs;
use crate::aws::changes::{self, Body, Created};
use crate::aws::events::{self, End};
use crate::aws::mode::Mode;
use crate::aws::stack::{self, StackInfo};
use crate::aws::{Aws, bucket, error, flow, history, prune, variables};
use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::journal::Journal;
use crate::loaded::Loaded;
use crate::plan::Plan;
use crate::present::confirm::{ask, confirm};
use crate::present::failure::{self, SourceMap};
use crate::present::table::{self, Risks};
use crate::present::{summary, template_diff};
use crate::style::{self, paint};
use crate::target::Target;
use crate::timing::Timings;
use crate::{Outcome, Result, output, runtime};

/// Arguments of `svc deploy`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    service: ServiceArgs,
    /// Deploy what `svc build` wrote into this folder instead of building.
    #[arg(long, value_name = "DIR")]
    package: Option<PathBuf>,
    /// Deploy without asking, even when resources are replaced or deleted
    /// or IAM permissions grow (needed for those without a terminal).
    #[arg(long, short = 'y')]
    yes: bool,
    /// How the stack is updated: through a change set (shown, then
    /// executed), or directly with UpdateStack (faster, shows the
    /// template's diff instead).
    #[arg(long, value_enum, default_value_t = Method::Changeset)]
    method: Method,
    /// Deploy in CloudFormation's express mode: done once each resource's
    /// configuration is applied, without waiting for resources to be
    /// ready, and without rolling back a failure (default: the service's
    /// `deploy { express }`).
    #[arg(long, overrides_with = "no_express")]
    express: bool,
    /// Deploy in the standard mode even if the service sets
    /// `deploy { express = true }`.
    #[arg(long)]
    no_express: bool,
    /// Keep what a failed deploy created or updated instead of rolling it
    /// back, so that the cause can be fixed and the deploy run again.
    #[arg(long)]
    no_rollback: bool,
}

/// What `svc deploy` does other than deploying.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the deployments recorded in the deployment bucket, newest
    /// first, marking the one the stack runs.
    List(ServiceArgs),
    /// Update one function's code (and with --update-config, its
    /// configuration) directly, without a stack update.
    Function(super::deploy_function::Args),
}

/// How the stack is updated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// A change set: CloudFormation's own list of changes, then executed.
    Changeset,
    /// UpdateStack: one call less, no change set.
    Direct,
}

/// Runs `svc deploy`.
pub fn run(args: &Args) -> Result {
    match &args.action {
        Some(Action::List(service)) => return super::deploy_list::run(service),
        Some(Action::Function(function)) => return super::deploy_function::run(function),
        None => {}
    }
    let source = match &args.package {
        Some(dir) => Source::Package(dir.clone()),
        None => Source::Service,
    };
    let express = if args.express {
        Some(true)
    } else if args.no_express {
        Some(false)
    } else {
        None
    };
    let how = How {
        source,
        yes: args.yes,
        method: args.method,
        command: "svc deploy",
        express,
        no_rollback: args.no_rollback,
    };
    deploy_with(&args.service, &how)
}

/// What a deploy sends and how: `svc deploy` and `svc rollback`.
#[derive(Debug)]
pub struct How {
    /// Where the template comes from.
    pub source: Source,
    /// `--yes`: no question before a risky change.
    pub yes: bool,
    /// How the stack is updated.
    pub method: Method,
    /// The command, for what an interrupted run says to run again.
    pub command: &'static str,
    /// `--express` / `--no-express`; `None`: the service's
    /// `deploy { express }`.
    pub express: Option<bool>,
    /// `--no-rollback`.
    pub no_rollback: bool,
}

/// Where the template a deploy sends comes from.
#[derive(Debug)]
pub enum Source {
    /// The service, built now.
    Service,
    /// What `svc build` wrote into this folder.
    Package(PathBuf),
    /// A deployment recorded in the deployment bucket: the one at this
    /// timestamp, else the one before the deployment the stack runs.
    Recorded(Option<i64>),
}

/// Deploys the service of `service` as `how` says.
pub fn deploy_with(service: &ServiceArgs, how: &How) -> Result {
    let mut timings = Timings::new();
    // A rollback sends a recorded template: the source only has to name
    // the stack (it may be what is being rolled back from).
    let loaded = Loaded::load(service, !matches!(how.source, Source::Recorded(_)))?;
    timings.mark("check");
    let target = loaded.target(service);
    runtime::block_on(deploy(how, &loaded, &target, &mut timings))
}

async fn deploy(how: &How, loaded: &Loaded, target: &Target, timings: &mut Timings) -> Result {
    let started = Instant::now();
    let interrupt = Interrupt::install();
    let journal = Journal::new(&target.stack, how.command, "nothing was executed");
    let aws = journal.connect(target, &interrupt).await?;
    timings.mark("sdk config and credentials");
    let steps = Steps { how, loaded, target, aws: &aws, interrupt: &interrupt, journal: &journal, started };
    let result = interrupt.race(steps.run(timings)).await;
    journal.finish(result, &aws, &interrupt).await
}

/// One deploy: what it works on, and where it records what it changed.
struct Steps<'a> {
    how: &'a How,
    loaded: &'a Loaded,
    target: &'a Target,
    aws: &'a Aws,
    interrupt: &'a Interrupt,
    journal: &'a Journal,
    started: Instant,
}

impl Steps<'_> {
    async fn run(&self, timings: &mut Timings) -> Result {
        let (how, loaded, target, aws, interrupt, journal) =
            (self.how, self.loaded, self.target, self.aws, self.interrupt, self.journal);
        let started = self.started;
        let mode = self.mode();
        interrupt.doing("resolving deploy-time variables and building");
        let plan = plan(how, loaded, target, aws).await?;
        timings.mark("package and lower");
        let new = &plan.template;
        interrupt.doing(format!("reading stack `{}`", target.stack));
        // What state the stack is in is said by `settle`, for a deploy.
        stack::quiet_stuck_warning();
        let existing = flow::settle(aws, target, interrupt, journal).await?;
        let (existing, created) = match existing {
            Some(info) => (Some(info), false),
            None if new.pointer(&format!("/Resources/{}", naming::DEPLOYMENT_BUCKET)).is_some() => {
                (Some(self.create_core(new).await?), true)
            }
            None => (None, true),
        };
        let bucket = flow::deployment_bucket(aws, target, existing.as_ref()).await?;
        timings.mark("describe (or create) the stack");
        let keys: Vec<String> = plan.uploads.iter().map(|u| u.key.clone()).collect();
        interrupt.doing(format!("reading the deployed template and looking for the artifacts in s3://{bucket}"));
        let (old, missing) = tokio::join!(
            async {
                match &existing {
                    Some(info) => stack::template(aws, &info.id).await.map(|t| t.unwrap_or(Value::Null)),
                    None => Ok(Value::Null),
                }
            },
            bucket::missing(aws, &bucket, &keys)
        );
        let (old, missing) = (old.map_err(Error::Failed)?, missing.map_err(Error::Failed)?);
        // A stack that holds only its deployment bucket (a first deploy
        // stopped after creating it) is deployed as a new one: no risks.
        let created = created || only_core(&old);
        timings.mark("deployed template, artifacts in the bucket");
        if !missing.is_empty() {
            interrupt.check()?;
            let uploads: Vec<&bucket::Upload> = plan.uploads.iter().filter(|u| missing.contains(&u.key)).collect();
            let uploading = format!("uploading {} to s3://{bucket}", output::plural(uploads.len(), "artifact"));
            interrupt.doing(uploading);
            journal.tally(Some(uploads.len()), "artifact", format!("uploaded to s3://{bucket}"));
            bucket::upload(aws, &bucket, &uploads, &|| journal.count(1)).await.map_err(Error::Failed)?;
            timings.mark("upload");
        }
        if !keys.is_empty() {
            output::step(&format!(
                "uploaded {} of {} to s3://{bucket}",
                missing.len(),
                output::plural(keys.len(), "artifact")
            ));
        }
        if old == *new {
            return Ok(no_changes(target, started));
        }
        let body = flow::template_body(aws, target, Some(&bucket), plan.body()).await?;
        let diff = template_diff::diff(&old, new);
        let map = SourceMap::new(&loaded.analysis.service);
        let source = (&map, loaded.file_name(), loaded.file.decoded.text.as_str());
        let end = match how.method {
            Method::Changeset => {
                let kind = if existing.is_some() { ChangeSetType::Update } else { ChangeSetType::Create };
                interrupt.check()?;
                interrupt.doing("asking CloudFormation for a change set");
                let id = match changes::create(aws, &target.stack, kind, &body, mode).await {
                    Ok(id) => id,
                    Err(why) if stack::is_busy(&why) => return Err(flow::busy(aws, target, how.command).await),
                    Err(why) => return Err(Error::Failed(why)),
                };
                journal.change_set(Some(&id));
                interrupt.doing("waiting for CloudFormation to make the change set");
                let change_set =
                    match changes::ready(aws, &target.stack, &id, interrupt).await.map_err(Error::Failed)? {
                        Created::Ready(change_set) => change_set,
                        Created::Nothing => {
                            journal.change_set(None);
                            return Ok(no_changes(target, started));
                        }
                        Created::Interrupted => return Err(interrupted()),
                    };
                let rows = table::rows(Some(&change_set.changes), &diff, &old);
                print_table(&rows);
                let risks = if created { Risks::default() } else { Risks::of(&rows, &old, new) };
                interrupt.doing("waiting for a confirmation");
                if let Err(refused) = go_on(how, &risks, interrupt).await {
                    if !matches!(refused, Error::Interrupted(_)) {
                        // Not executed either way; a leftover is harmless.
                        let _ = changes::delete(aws, &target.stack, &change_set.id).await;
                        journal.change_set(None);
                    }
                    return Err(refused);
                }
                timings.mark("change set");
                say_mode(mode);
                interrupt.doing(format!("reading the events of stack `{}`", target.stack));
                let after = newest_event(aws, existing.as_ref()).await?;
                interrupt.check()?;
                journal.change_set(None);
                journal.under_way(format!("the execution of the change set on stack `{}`", target.stack));
                if let Err(why) = changes::execute(aws, &target.stack, &change_set.id, mode, existing.is_none()).await {
                    let _ = changes::delete(aws, &target.stack, &change_set.id).await;
                    return Err(if stack::is_busy(&why) {
                        flow::busy(aws, target, how.command).await
                    } else {
                        Error::Failed(why)
                    });
                }
                let id = existing.as_ref().map_or(target.stack.as_str(), |s| s.id.as_str());
                interrupt.doing(format!("waiting for stack `{}` to be updated", target.stack));
                let end =
                    events::wait(aws, id, after.as_deref(), rows.len(), interrupt).await.map_err(Error::Failed)?;
                timings.mark("execute and wait");
                end
            }
            Method::Direct => {
                let rows = table::rows(None, &diff, &old);
                print_table(&rows);
                let risks = if created { Risks::default() } else { Risks::of(&rows, &old, new) };
                interrupt.doing("waiting for a confirmation");
                go_on(how, &risks, interrupt).await?;
                say_mode(mode);
                interrupt.doing(format!("reading the events of stack `{}`", target.stack));
                let after = newest_event(aws, existing.as_ref()).await?;
                interrupt.check()?;
                journal.under_way(format!("the update of stack `{}`", target.stack));
                let Some(id) = update(aws, target, existing.is_some(), &body, (mode, how.command)).await? else {
                    return Ok(no_changes(target, started));
                };
                interrupt.doing(format!("waiting for stack `{}` to be updated", target.stack));
                events::wait(aws, &id, after.as_deref(), rows.len(), interrupt).await.map_err(Error::Failed)?
            }
        };
        // A rollback deploys a deployment already recorded.
        let records = !matches!(how.source, Source::Recorded(_));
        if records && matches!(&end, End::Done(info, _) if stack::is_success(&info.status)) {
            journal.rested(format!("stack `{}` was deployed", target.stack));
            journal.leaves("the deployment was not recorded in its history, so `svc deploy list` does not show it");
            self.record(&bucket, &plan).await;
        }
        let done = if records { "Deployed" } else { "Rolled back" };
        let source = (source.0, source.1.as_str(), source.2);
        match end {
            End::Done(info, events) if !mode.rollback && stack::stuck(&info).is_some() => {
                failure::stack_error(&info, &events, Some(source), "the deploy failed").print();
                self.offer_rollback(&info).await
            }
            end => {
                let outcome = finish(end, (target, done, mode), loaded, &plan, started, source)?;
                if records && let Some(keep) = self.prune_setting() {
                    self.prune(keep).await?;
                }
                Ok(outcome)
            }
        }
    }

    /// `deploy { prune = N }`: how many versions and deployments a deploy
    /// keeps when it prunes after itself.
    fn prune_setting(&self) -> Option<usize> {
        let setting = self.loaded.analysis.service.at(&Path::from("deploy.prune"));
        match setting.map(|n| &n.kind) {
            Some(NodeKind::Number(n)) => n.parse().ok().filter(|n| *n > 0),
            _ => None,
        }
    }

    /// Prunes as `svc prune --keep N --yes` does, after a deploy that
    /// worked: a failure is a warning (the deploy is done either way), and
    /// Ctrl-C says how much was deleted and that `svc prune` finishes.
    async fn prune(&self, keep: usize) -> Result<()> {
        self.interrupt
            .doing(format!("pruning stack `{}` to its newest {keep} versions and deployments", self.target.stack));
        self.journal.leaves(format!("pruning stopped part way: `svc prune --keep {keep}` finishes it"));
        let plan = match prune::plan(self.aws, self.target, keep).await {
            Ok(Some(plan)) if !plan.is_empty() => plan,
            Ok(_) => return Ok(()),
            Err(why) => {
                output::warning(&format!(
                    "deployed, but not pruned (deploy {{ prune = {keep} }}): {why}; `svc prune --keep {keep}` tries again"
                ));
                return Ok(());
            }
        };
        match plan.apply(self.aws, self.interrupt, &|_| {}).await {
            Ok(done) => {
                output::step(&format!("pruned (deploy {{ prune = {keep} }}): deleted {}", done.describe()));
                Ok(())
            }
            Err(unfinished) => match Error::from(unfinished) {
                Error::Interrupted(why) => Err(Error::Interrupted(why)),
                other => {
                    output::warning(&format!("deployed, but pruning stopped: {other}"));
                    Ok(())
                }
            },
        }
    }

    /// The mode of this deploy: `--express` / `--no-express`, else the
    /// service's `deploy { express }`; `--no-rollback`.
    fn mode(&self) -> Mode {
        let setting = self.loaded.analysis.service.at(&Path::from("deploy.express"));
        let express = matches!(setting.map(|n| &n.kind), Some(NodeKind::Bool(true)));
        Mode::new(self.how.express.unwrap_or(express), self.how.no_rollback)
    }

    /// After a deploy with rollback off failed (the failure printed):
    /// offers to roll the stack back now; without a terminal, or on no,
    /// the stack stays as the failure left it (the note said what next).
    async fn offer_rollback(&self, info: &StackInfo) -> Result {
        let question = format!("Roll stack `{}` back to its last stable state now?", info.name);
        if ask(&question, self.interrupt).await? == Some(true) {
            super::recover::roll_back(info, self.aws, self.interrupt, self.journal).await?;
        }
        Err(Error::Reported)
    }

    /// Records the deployment in the bucket's history ([`history`]); a
    /// failure is a warning, as the stack is deployed either way.
    async fn record(&self, bucket: &str, plan: &Plan) {
        self.interrupt.doing(format!("recording the deployment in s3://{bucket}"));
        let now = jiff::Timestamp::now();
        let record = history::Record {
            svc_version: env!("CARGO_PKG_VERSION").to_owned(),
            time: history::iso_time(now),
            source_digest: history::digest(&self.loaded.file.decoded.text),
            template_digest: history::template_digest(&plan.template),
            artifacts: plan.uploads.iter().map(|u| u.key.clone()).collect(),
        };
        let folder = self.target.bucket_folder();
        if let Err(why) = history::record(self.aws, bucket, &folder, now, plan.body(), &record).await {
            output::warning(&format!("the deployment is deployed but not recorded in its history: {why}"));
        }
    }

    /// Creates the stack with only the deployment bucket, as the Serverless
    /// Framework does: the code needs somewhere to go before the functions.
    async fn create_core(&self, template: &Value) -> Result<StackInfo> {
        let (aws, target, loaded, interrupt) = (self.aws, self.target, self.loaded, self.interrupt);
        let resources = template.get("Resources").and_then(Value::as_object);
        let pick = |id: &str| resources.and_then(|r| r.get(id)).cloned().unwrap_or(Value::Null);
        let mut core = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": template.get("Description").cloned().unwrap_or(Value::Null),
            "Resources": { naming::DEPLOYMENT_BUCKET: pick(naming::DEPLOYMENT_BUCKET) },
            "Outputs": {
                "ServerlessDeploymentBucketName": template.pointer("/Outputs/ServerlessDeploymentBucketName").cloned().unwrap_or(Value::Null)
            }
        });
        if let Some(policy) = resources.and_then(|r| r.get(naming::DEPLOYMENT_BUCKET_POLICY)) {
            core["Resources"][naming::DEPLOYMENT_BUCKET_POLICY] = policy.clone();
        }
        interrupt.check()?;
        output::step(&format!("creating stack `{}` in {} with its deployment bucket", target.stack, aws.region));
        self.journal.under_way(format!("the creation of stack `{}` with its deployment bucket", target.stack));
        let created = aws
            .cfn
            .create_stack()
            .stack_name(&target.stack)
            .template_body(core.to_string())
            .on_failure(OnFailure::Delete)
            .capabilities(Capability::CapabilityIam)
            .capabilities(Capability::CapabilityNamedIam)
            .send()
            .await
            .map_err(|e| Error::Failed(error::describe(&e, &format!("cannot create stack `{}`", target.stack))))?;
        let id = created.stack_id().unwrap_or(&target.stack).to_owned();
        interrupt.doing(format!("waiting for stack `{}` to be created with its deployment bucket", target.stack));
        match events::wait(aws, &id, None, 2, interrupt).await.map_err(Error::Failed)? {
            End::Done(info, _) if stack::is_success(&info.status) => {
                self.journal.rested(format!("stack `{}` was created with its deployment bucket", target.stack));
                Ok(info)
            }
            End::Done(info, events) => Err(loaded.stack_error(&info, &events, "the stack could not be created")),
            End::Gone(events) => Err(failure::deleted(&target.stack, &events, None, "the stack could not be created")),
            End::Interrupted => Err(interrupted()),
        }
    }
}

/// Resolves deploy-time variables and builds, or reads `--package`, or
/// the recorded deployment to roll back to.
async fn plan(how: &How, loaded: &Loaded, target: &Target, aws: &Aws) -> Result<Plan> {
    match &how.source {
        Source::Package(dir) => Plan::read(dir).map_err(Error::Failed),
        Source::Recorded(timestamp) => super::rollback::plan(target, aws, *timestamp).await,
        Source::Service => built(loaded, aws).await,
    }
}

/// The service built now, its deploy-time variables resolved (`svc deploy`,
/// `svc deploy function`).
pub async fn built(loaded: &Loaded, aws: &Aws) -> Result<Plan> {
    let mut analysis = loaded.analysis.clone();
    let diagnostics = variables::resolve(&mut analysis.service, aws).await;
    if !diagnostics.is_empty() {
        loaded.report(&diagnostics);
        return Err(Error::Problem(format!("{} cannot be deployed: fix the errors above", loaded.file_name())));
    }
    Plan::build(loaded, &analysis, Some(&loaded.base.join(".svc")))
}

/// Whether `template` has no resource but the deployment bucket (and its
/// policy): what [`Steps::create_core`] makes.
fn only_core(template: &Value) -> bool {
    template.get("Resources").and_then(Value::as_object).is_some_and(|resources| {
        resources.keys().all(|id| id == naming::DEPLOYMENT_BUCKET || id == naming::DEPLOYMENT_BUCKET_POLICY)
    })
}

/// The newest event before the change, so that only later ones are shown.
async fn newest_event(aws: &Aws, existing: Option<&StackInfo>) -> Result<Option<String>> {
    match existing {
        Some(info) => events::newest(aws, &info.id).await.map_err(Error::Failed),
        None => Ok(None),
    }
}

/// `--method direct`: UpdateStack (or CreateStack) in `mode`; `None` when
/// CloudFormation finds nothing to update. `command` is what to run again
/// when another operation holds the stack.
async fn update(
    aws: &Aws,
    target: &Target,
    exists: bool,
    body: &Body,
    (mode, command): (Mode, &str),
) -> Result<Option<String>> {
    let stack = target.stack.as_str();
    let capabilities = [Capability::CapabilityIam, Capability::CapabilityNamedIam, Capability::CapabilityAutoExpand];
    let (inline, url) = match body {
        Body::Inline(text) => (Some(text.clone()), None),
        Body::Url(url) => (None, Some(url.clone())),
    };
    if !exists {
        let created = aws
            .cfn
            .create_stack()
            .stack_name(stack)
            .set_template_body(inline)
            .set_template_url(url)
            .set_capabilities(Some(capabilities.to_vec()))
            .on_failure(mode.on_failure())
            .set_deployment_config(mode.config())
            .send()
            .await
            .map_err(|e| Error::Failed(error::describe(&e, &format!("cannot create stack `{stack}`"))))?;
        return Ok(Some(created.stack_id().unwrap_or(stack).to_owned()));
    }
    match aws
        .cfn
        .update_stack()
        .stack_name(stack)
        .set_template_body(inline)
        .set_template_url(url)
        .set_capabilities(Some(capabilities.to_vec()))
        .set_disable_rollback(mode.disable_rollback())
        .set_deployment_config(mode.config())
        .send()
        .await
    {
        Ok(updated) => Ok(Some(updated.stack_id().unwrap_or(stack).to_owned())),
        Err(e) if error::message(&e).is_some_and(changes::is_no_change) => Ok(None),
        Err(e) if error::message(&e).is_some_and(stack::is_busy) => Err(flow::busy(aws, target, command).await),
        Err(e) => Err(Error::Failed(error::describe(&e, &format!("cannot update stack `{stack}`")))),
    }
}

/// Says how the stack operation runs, when it is not the standard way.
fn say_mode(mode: Mode) {
    if let Some(what) = mode.describe() {
        output::note(what);
    }
}

fn print_table(rows: &[table::Row]) {
    if rows.is_empty() {
        output::step("no resource changes (outputs or metadata only)");
        return;
    }
    let mut stdout = anstream::stdout();
    let _ = std::io::Write::write_all(&mut stdout, table::render(rows).as_bytes());
}

/// Goes on when nothing is risky or with `--yes`, else asks.
async fn go_on(how: &How, risks: &Risks, interrupt: &Interrupt) -> Result<()> {
    if risks.is_empty() || how.yes {
        return Ok(());
    }
    confirm(&risks.describe(), how.command, interrupt).await
}

fn no_changes(target: &Target, started: Instant) -> Outcome {
    let mut stdout = anstream::stdout();
    let _ = std::io::Write::write_all(
        &mut stdout,
        format!("No changes: stack `{}` is up to date ({:.2} s)\n", target.stack, started.elapsed().as_secs_f64())
            .as_bytes(),
    );
    Outcome::Clean
}

/// What a deploy that ended says; `done` is what it did (`Deployed`), in
/// `mode`.
fn finish(
    end: End,
    (target, done, mode): (&Target, &str, Mode),
    loaded: &Loaded,
    plan: &Plan,
    started: Instant,
    source: (&SourceMap, &str, &str),
) -> Result {
    match end {
        End::Done(info, _) if stack::is_success(&info.status) => {
            let mut stdout = anstream::stdout();
            let text = format!(
                "{} {done} stack `{}` ({:.1} s)\n\n{}",
                paint(style::SUCCESS, "✔"),
                info.name,
                started.elapsed().as_secs_f64(),
                summary::render(target, &info, &loaded.analysis.service, &plan.functions(&loaded.analysis.service))
            );
            let _ = std::io::Write::write_all(&mut stdout, text.as_bytes());
            if mode.express {
                output::note(
                    "deployed in express mode: CloudFormation did not wait for the resources to be ready to serve traffic, so the first requests may meet some still getting ready",
                );
            }
            Ok(Outcome::Clean)
        }
        End::Done(info, events) => Err(failure::stack_error(&info, &events, Some(source), "the deploy failed")),
        End::Gone(events) => Err(failure::deleted(&target.stack, &events, Some(source), "the deploy failed")),
        End::Interrupted => Err(interrupted()),
    }
}
