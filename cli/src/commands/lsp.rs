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

/// Runs the server until the client exits.
pub fn run(_args: &Args) -> Result {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::Failed(format!("cannot start the language server: {error}")))?;
    runtime.block_on(svc_lsp::run_stdio());
    Ok(Outcome::Clean)
}
