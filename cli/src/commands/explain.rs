//! `svc explain E0105`: what a diagnostic code means and how to fix it.

use std::io::Write;

use svc_compiler::Code;

use crate::error::Error;
use crate::{Outcome, Result};

/// Arguments of `svc explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code, such as E0105; without one, every code is listed.
    code: Option<String>,
}

/// Runs `svc explain`.
pub fn run(args: &Args) -> Result {
    let mut stdout = anstream::stdout();
    let Some(text) = &args.code else {
        for code in Code::ALL {
            let _ = writeln!(stdout, "{code}  {}", code.info().title);
        }
        return Ok(Outcome::Clean);
    };
    match text.parse::<Code>() {
        Ok(code) => {
            let info = code.info();
            let _ = writeln!(stdout, "{code}: {}\n\n{}", info.title, info.explanation);
            Ok(Outcome::Clean)
        }
        Err(()) => Err(Error::Failed(format!("unknown code `{text}` (run `svc explain` for the list)"))),
    }
}
