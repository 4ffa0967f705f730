//! Ctrl-C while svc talks to AWS. The first Ctrl-C says what svc was doing
//! and makes every AWS await return at once ([`Interrupt::race`]): the
//! command then undoes what it can (a change set it made) and says what
//! was and was not done. A stack operation under way is left to
//! CloudFormation. A second Ctrl-C exits at once (130), whatever svc is
//! doing.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use crate::aws::Aws;
use crate::error::{Error, interrupted};
use crate::output;
use crate::target::Target;

/// Whether Ctrl-C was pressed since [`Interrupt::install`], and what svc
/// is doing (for the message the first Ctrl-C prints).
#[derive(Clone, Debug)]
pub struct Interrupt {
    pressed: watch::Receiver<bool>,
    doing: Arc<Mutex<String>>,
}

impl Interrupt {
    /// Catches Ctrl-C from now on (inside a Tokio runtime). The handler
    /// runs on the runtime's worker thread, so a second Ctrl-C exits even
    /// while the command's own thread is busy.
    pub fn install() -> Interrupt {
        let (sender, pressed) = watch::channel(false);
        let doing = Arc::new(Mutex::new(String::from("starting")));
        let shown = doing.clone();
        // One listener for both presses, registered now, so that none is missed.
        #[cfg(unix)]
        let presses = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
        #[cfg(windows)]
        let presses = tokio::signal::windows::ctrl_c();
        tokio::spawn(async move {
            let Ok(mut presses) = presses else { return };
            if presses.recv().await.is_none() {
                return;
            }
            let what = shown.lock().map(|d| d.clone()).unwrap_or_default();
            output::warning(&format!("Ctrl-C while {what}: stopping; press Ctrl-C again to exit at once"));
            let _ = sender.send(true);
            if presses.recv().await.is_some() {
                output::warning("second Ctrl-C: exiting now; AWS is left as it is");
                std::process::exit(130);
            }
        });
        Interrupt { pressed, doing }
    }

    /// Records what svc is doing now ("uploading 3 artifacts"), for the
    /// message of the first Ctrl-C.
    pub fn doing(&self, what: impl Into<String>) {
        if let Ok(mut doing) = self.doing.lock() {
            *doing = what.into();
        }
    }

    /// Whether Ctrl-C was pressed.
    pub fn pressed(&self) -> bool {
        *self.pressed.borrow()
    }

    /// An interrupted error when Ctrl-C was pressed: called before each
    /// step that changes something.
    pub fn check(&self) -> Result<(), Error> {
        if self.pressed() { Err(interrupted()) } else { Ok(()) }
    }

    /// Returns when Ctrl-C is pressed.
    pub async fn wait(&self) {
        let mut pressed = self.pressed.clone();
        if pressed.wait_for(|p| *p).await.is_err() {
            // No Ctrl-C handler (it could not be installed): never.
            std::future::pending::<()>().await;
        }
    }

    /// Runs `work` unless Ctrl-C comes first; `None` then (the work, such
    /// as an AWS call in flight, is dropped).
    pub async fn race<T>(&self, work: impl Future<Output = T>) -> Option<T> {
        if self.pressed() {
            return None;
        }
        tokio::select! {
            biased;
            () = self.wait() => None,
            done = work => Some(done),
        }
    }

    /// Sleeps for `duration`; false when Ctrl-C cut it short.
    pub async fn sleep(&self, duration: Duration) -> bool {
        self.race(tokio::time::sleep(duration)).await.is_some()
    }
}

/// The growing pause between two polls: the first poll at once (a local
/// endpoint is often done already), then 0.1 s doubling up to `max`.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    /// A backoff that settles at `max`.
    pub fn new(max: Duration) -> Backoff {
        Backoff { next: Duration::ZERO, max }
    }

    /// The pause before the next poll.
    pub fn next_pause(&mut self) -> Duration {
        let pause = self.next;
        self.next = if pause.is_zero() { Duration::from_millis(100) } else { (pause * 2).min(self.max) };
        pause
    }
}

/// Connects to AWS for `target` and runs `work` with the clients and the
/// interrupt, both raced against Ctrl-C, which ends the command with the
/// message `stopped`: for a command with nothing of its own to undo.
pub async fn on_aws<T>(
    target: &Target,
    stopped: &str,
    work: impl AsyncFnOnce(&Aws, &Interrupt) -> Result<T, Error>,
) -> Result<T, Error> {
    let interrupt = Interrupt::install();
    interrupt.doing("loading the AWS configuration and credentials");
    let stopped = || Error::Interrupted(stopped.to_owned());
    let aws = interrupt.race(Aws::connect(target)).await.ok_or_else(stopped)?.map_err(Error::Failed)?;
    interrupt.race(work(&aws, &interrupt)).await.ok_or_else(stopped)?
}
