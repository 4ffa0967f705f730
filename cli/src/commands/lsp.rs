//! `svc lsp`: the language server, over stdin/stdout.

use crate::{Outcome, output};

/// Arguments of `svc lsp`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accepted for clients that pass it (VS Code's language client does);
    /// stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// Runs the server until the client exits.
pub fn run(_args: &Args) -> Outcome {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    match runtime {
        Ok(runtime) => {
            runtime.block_on(svc_lsp::run_stdio());
            Outcome::Clean
        }
        Err(error) => {
            output::error(&format!("cannot start the language server: {error}"));
            Outcome::Failed
        }
    }
}
