//! Why a command stopped: one value, printed once by `main` and mapped to
//! the exit code there.

use std::fmt;

use crate::output;

/// Why a command stopped before its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The command could not run (usage, I/O, AWS unreachable or
    /// refusing): exit 2.
    Failed(String),
    /// The service or the stack has a problem (the diagnostics printed
    /// before say which), or a deploy needs a confirmation it did not get:
    /// exit 1.
    Problem(String),
    /// A stack operation failed: exit 1, with the state the stack is left in.
    Stack {
        /// What failed, and why.
        message: String,
        /// The stack's state now, and what to do next.
        note: String,
    },
    /// The person at the terminal answered no: exit 1, nothing to add.
    Declined,
    /// A failure already printed on the way, with what followed it (a
    /// deploy with rollback off that failed, then the offer to roll it
    /// back): exit 1, nothing to add.
    Reported,
    /// Ctrl-C: exit 130, as a shell reports SIGINT, with how to go on.
    Interrupted(String),
}

impl Error {
    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Failed(_) => 2,
            Error::Problem(_) | Error::Stack { .. } | Error::Declined | Error::Reported => 1,
            Error::Interrupted(_) => 130,
        }
    }

    /// Prints the error on stderr (`error:`, or `warning:` for Ctrl-C).
    pub fn print(&self) {
        match self {
            Error::Failed(message) | Error::Problem(message) => output::error(message),
            Error::Stack { message, note } => {
                output::error(message);
                output::note(note);
            }
            Error::Declined | Error::Reported => {}
            Error::Interrupted(message) => output::warning(message),
        }
    }

    /// The same error as one that stopped the command from running (exit
    /// 2): for `svc diff`, whose exit 1 means "changes".
    pub fn into_failed(self) -> Error {
        match self {
            Error::Problem(message) => Error::Failed(message),
            failed @ (Error::Stack { .. } | Error::Declined | Error::Reported) => Error::Failed(failed.to_string()),
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Failed(message) | Error::Problem(message) | Error::Interrupted(message) => f.write_str(message),
            Error::Stack { message, note } => write!(f, "{message} ({note})"),
            Error::Declined => f.write_str("not confirmed"),
            Error::Reported => f.write_str("failed, as reported above"),
        }
    }
}

impl std::error::Error for Error {}

/// Ctrl-C, before the command says what was done: the command's
/// [`crate::journal::Journal`] turns it into the full report.
pub fn interrupted() -> Error {
    Error::Interrupted("stopped (Ctrl-C) before anything was changed".to_owned())
}
