//! Asking before a risky deploy.

use std::io::{IsTerminal, Write};

use crate::error::{Error, interrupted};
use crate::interrupt::Interrupt;
use crate::style::{self, paint};

/// Asks on the terminal whether to deploy what `lines` describe. Without a terminal the answer is no, with what would
/// need `--yes`.
pub async fn confirm(lines: &[String], interrupt: &Interrupt) -> Result<(), Error> {
    let text = lines.join("; ");
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::Problem(format!("this deploy {text}: run `svc deploy --yes` to deploy it anyway")));
    }
    let mut stderr = anstream::stderr();
    let _ = write!(stderr, "{} Deploy it? [y/N] ", paint(style::WARNING, format!("This deploy {text}.")));
    let _ = stderr.flush();
    let answer = tokio::task::spawn_blocking(|| {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line)
    });
    tokio::select! {
        answer = answer => {
            let yes = answer.ok().and_then(Result::ok).is_some_and(|a| matches!(a.trim().to_lowercase().as_str(), "y" | "yes"));
            if yes { Ok(()) } else { Err(Error::Declined) }
        }
        () = interrupt.wait() => Err(interrupted()),
    }
}
