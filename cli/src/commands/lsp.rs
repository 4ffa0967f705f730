//! `svc lsp`: the language server, over stdin/stdout.

use crate::error::Error;
use crate::{Outcome, Result};

/// Arguments of `svc lsp`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accepted for clients that pass it (VS Code's language client does);
    /// stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// Runs the server until the client exits: exit code 0 after `shutdown`
/// then `exit`, 1 after `exit` alone or when the input ends without it
/// (as the protocol asks).
pub fn run(_args: &Args) -> Result {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::Failed(format!("cannot start the language server: {error}")))?;
    match runtime.block_on(svc_lsp::run_stdio()) {
        svc_lsp::Ending::Clean => Ok(Outcome::Clean),
        svc_lsp::Ending::ExitWithoutShutdown => {
            Err(Error::Problem("the client sent `exit` without `shutdown` first".to_owned()))
        }
        svc_lsp::Ending::InputClosed => Err(Error::Problem("the input ended without `exit`".to_owned())),
    }
}
