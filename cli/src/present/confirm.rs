//! Asking on the terminal: before a risky deploy, or whether to go on.

use std::io::{IsTerminal, Write};

use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::style::{self, paint};

/// Asks on the terminal whether to deploy what `lines` describe. Without
/// a terminal the answer is no, with what would need `--yes` added to
/// `command` (`svc deploy`, `svc rollback`).
pub async fn confirm(lines: &[String], command: &str, interrupt: &Interrupt) -> Result<(), Error> {
    let text = lines.join("; ");
    let question = format!("{} Deploy it?", paint(style::WARNING, format!("This deploy {text}.")));
    match ask(&question, interrupt).await? {
        Some(true) => Ok(()),
        Some(false) => Err(Error::Declined),
        None => Err(Error::Problem(format!("this deploy {text}: run `{command} --yes` to deploy it anyway"))),
    }
}

/// Asks `question` on the terminal, `[y/N]`: `None` without a terminal
/// (stdin and stderr), else whether the answer was yes.
pub async fn ask(question: &str, interrupt: &Interrupt) -> Result<Option<bool>, Error> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(None);
    }
    let mut stderr = anstream::stderr();
    let _ = write!(stderr, "{question} [y/N] ");
    let _ = stderr.flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    });
    tokio::select! {
        answer = answer => {
            Ok(Some(answer.ok().and_then(Result::ok).is_some_and(|a| matches!(a.trim().to_lowercase().as_str(), "y" | "yes"))))
        }
        () = interrupt.wait() => Err(interrupted()),
    }
}
