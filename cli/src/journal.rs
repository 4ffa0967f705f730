//! What an AWS command has changed so far, so that Ctrl-C can say exactly
//! what was and was not done, and undo the one thing that can be undone:
//! a change set svc made and did not execute. A stack operation already
//! asked of CloudFormation is left to finish there.

use std::sync::Mutex;
use std::time::Duration;

use crate::aws::{Aws, changes};
use crate::error::Error;
use crate::interrupt::Interrupt;
use crate::output;
use crate::target::Target;

/// The longest svc waits to delete its change set after Ctrl-C (a second
/// Ctrl-C exits at once anyway).
const CLEANUP: Duration = Duration::from_secs(15);

/// The record of one command's changes.
#[derive(Debug)]
pub struct Journal {
    stack: String,
    command: &'static str,
    not_done: &'static str,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    done: Vec<String>,
    tally: Option<Tally>,
    change_set: Option<String>,
    under_way: Option<String>,
    /// What an interrupted run leaves undone from now on, instead of the
    /// journal's `not_done`.
    left: Option<String>,
}

/// A count of objects put or deleted so far.
#[derive(Debug)]
struct Tally {
    done: usize,
    total: Option<usize>,
    noun: &'static str,
    verb: String,
}

impl Journal {
    /// The journal of `command` (`svc deploy`) on `stack`; `not_done` is
    /// what an interrupted run never did ("nothing was executed").
    pub fn new(stack: &str, command: &'static str, not_done: &'static str) -> Journal {
        Journal { stack: stack.to_owned(), command, not_done, state: Mutex::new(State::default()) }
    }

    fn with(&self, change: impl FnOnce(&mut State)) {
        if let Ok(mut state) = self.state.lock() {
            change(&mut state);
        }
    }

    /// Starts counting `total` (if known) objects, `noun` ("artifact"),
    /// that are `verb` ("uploaded to s3://b").
    pub fn tally(&self, total: Option<usize>, noun: &'static str, verb: impl Into<String>) {
        let verb = verb.into();
        self.with(|s| s.tally = Some(Tally { done: 0, total, noun, verb }));
    }

    /// Counts `n` more objects of the tally.
    pub fn count(&self, n: usize) {
        self.with(|s| {
            if let Some(tally) = &mut s.tally {
                tally.done += n;
            }
        });
    }

    /// The change set svc made (`Some`), or that it is gone or executed (`None`).
    pub fn change_set(&self, id: Option<&str>) {
        self.with(|s| s.change_set = id.map(str::to_owned));
    }

    /// A stack operation is about to be asked of CloudFormation ("the
    /// creation of stack `x`").
    pub fn under_way(&self, what: impl Into<String>) {
        let what = what.into();
        self.with(|s| s.under_way = Some(what));
    }

    /// The stack operation under way ended; `what` is done.
    pub fn rested(&self, what: impl Into<String>) {
        let what = what.into();
        self.with(|s| {
            s.under_way = None;
            s.done.push(what);
        });
    }

    /// From now on, an interrupted run leaves only `what` undone.
    pub fn leaves(&self, what: impl Into<String>) {
        let what = what.into();
        self.with(|s| s.left = Some(what));
    }

    /// Connects to AWS for the command, raced against Ctrl-C.
    pub async fn connect(&self, target: &Target, interrupt: &Interrupt) -> Result<Aws, Error> {
        interrupt.doing("loading the AWS configuration and credentials");
        match interrupt.race(Aws::connect(target)).await {
            Some(connected) => connected.map_err(Error::Failed),
            None => Err(self.stopped(None, interrupt).await),
        }
    }

    /// The command's result, where `None` or an interrupted error (Ctrl-C)
    /// becomes the report of what was and was not done, after deleting the
    /// change set left behind.
    pub async fn finish<T>(
        &self,
        result: Option<Result<T, Error>>,
        aws: &Aws,
        interrupt: &Interrupt,
    ) -> Result<T, Error> {
        match result {
            Some(Err(Error::Interrupted(_))) | None => Err(self.stopped(Some(aws), interrupt).await),
            Some(result) => result,
        }
    }

    /// Deletes the change set left behind (if any, bounded in time) and
    /// says what was and was not done.
    pub async fn stopped(&self, aws: Option<&Aws>, interrupt: &Interrupt) -> Error {
        let left = self.state.lock().ok().and_then(|mut s| s.change_set.take());
        let mut deleted = None;
        if let (Some(id), Some(aws)) = (left, aws) {
            interrupt.doing("deleting the change set svc made");
            output::step("deleting the change set svc made");
            deleted = Some(match tokio::time::timeout(CLEANUP, changes::delete(aws, &self.stack, &id)).await {
                Ok(Ok(())) => "the change set was deleted".to_owned(),
                Ok(Err(why)) => {
                    format!("the change set could not be deleted ({why}); it is harmless and never executed")
                }
                Err(_) => format!(
                    "the change set could not be deleted in {} s; it is harmless and never executed",
                    CLEANUP.as_secs()
                ),
            });
        }
        let Ok(state) = self.state.lock() else { return crate::error::interrupted() };
        let mut parts = state.done.clone();
        if let Some(tally) = &state.tally {
            let total = tally.total.map(|t| format!(" of {t}")).unwrap_or_default();
            // "1 of 1 artifact was", "0 of 1 artifacts were", "1 of 3 artifacts was".
            let one = tally.done == 1;
            let noun =
                if one && tally.total.unwrap_or(1) == 1 { tally.noun.to_owned() } else { format!("{}s", tally.noun) };
            let verb = if one { "was" } else { "were" };
            parts.push(format!("{}{total} {noun} {verb} {}", tally.done, tally.verb));
        }
        parts.extend(deleted);
        let Some(operation) = &state.under_way else {
            if parts.is_empty() {
                return crate::error::interrupted();
            }
            if let Some(left) = &state.left {
                return Error::Interrupted(format!("stopped (Ctrl-C): {}; {left}", parts.join("; ")));
            }
            return Error::Interrupted(format!(
                "stopped (Ctrl-C): {}; {}; run `{}` again to continue",
                parts.join("; "),
                self.not_done,
                self.command
            ));
        };
        parts.push(format!(
            "{operation} was asked of CloudFormation, which goes on with stack `{}` by itself: `svc info` shows its state, and `{}` continues from it once it rests",
            self.stack, self.command
        ));
        Error::Interrupted(format!("stopped waiting (Ctrl-C): {}", parts.join("; ")))
    }
}
