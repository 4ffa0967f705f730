//! Ctrl-C while svc waits on AWS: stop waiting, leave AWS alone (a stack
//! operation under way goes on by itself), and say how to resume.

use std::time::Duration;

use tokio::sync::watch;

/// Whether Ctrl-C was pressed since [`Interrupt::install`].
#[derive(Clone, Debug)]
pub struct Interrupt {
    pressed: watch::Receiver<bool>,
}

impl Interrupt {
    /// Catches Ctrl-C from now on (inside a Tokio runtime).
    pub fn install() -> Interrupt {
        let (sender, pressed) = watch::channel(false);
        tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                let _ = sender.send(true);
            }
        });
        Interrupt { pressed }
    }

    /// Whether Ctrl-C was pressed.
    pub fn pressed(&self) -> bool {
        *self.pressed.borrow()
    }

    /// Returns when Ctrl-C is pressed.
    pub async fn wait(&self) {
        let mut pressed = self.pressed.clone();
        if pressed.wait_for(|p| *p).await.is_err() {
            // No Ctrl-C handler (it could not be installed): never.
            std::future::pending::<()>().await;
        }
    }

    /// Sleeps for `duration`; false when Ctrl-C cut it short.
    pub async fn sleep(&self, duration: Duration) -> bool {
        if self.pressed() {
            return false;
        }
        tokio::select! {
            () = tokio::time::sleep(duration) => !self.pressed(),
            () = self.wait() => false,
        }
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
