//! `svc`: check, format, build and deploy services written in svc, and
//! invoke, watch and measure them once deployed.

mod args;
mod aws;
mod bundle;
mod commands;
mod compile;
mod deployed;
#[cfg(test)]
mod documented_commands;
mod error;
mod events;
mod gateway;
mod input;
mod install_cache;
mod installer;
mod interrupt;
mod journal;
mod line_ending;
mod loaded;
mod local;
mod moment;
mod node_dependencies;
mod offline;
mod output;
mod package;
mod payload;
mod plan;
mod present;
mod python_requirements;
mod replace_file;
mod runtime;
mod style;
mod target;
mod timing;

use std::process::ExitCode;

/// mimalloc: the syntax tree is many small allocations, and on large files
/// glibc's allocator costs more than the parser (see `compiler/benches`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

/// A typed language for serverless services on AWS.
#[derive(Debug, Parser)]
#[command(name = "svc", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a service, package its code and write the CloudFormation template.
    Build(commands::build::Args),
    /// Check a service and print every problem found.
    Check(commands::check::Args),
    /// Build and deploy a service to AWS with CloudFormation.
    Deploy(commands::deploy::Args),
    /// Show what `svc deploy` would change, without changing it (exit 1 if anything would).
    Diff(commands::diff::Args),
    /// Format services in the canonical layout.
    Fmt(commands::fmt::Args),
    /// Write a Serverless Framework service (serverless.yml) as svc; `--check` compiles both and compares.
    Import(commands::import::Args),
    /// Show a deployed service: stack status, functions, endpoints, outputs.
    Info(commands::info::Args),
    /// Run a function: `svc invoke local -f NAME` runs its handler on this machine.
    Invoke(Box<commands::invoke::Args>),
    /// Show the CloudWatch logs of a function, or of every function interleaved.
    Logs(commands::logs::Args),
    /// Run the language server (for editors) on stdin/stdout.
    Lsp(commands::lsp::Args),
    /// Show invocations, errors, throttles and durations from CloudWatch.
    Metrics(commands::metrics::Args),
    /// Serve the service's HTTP APIs and functions on this machine, as API Gateway and Lambda would.
    Offline(commands::offline::Args),
    /// Print the fully resolved service (variables resolved, defaults filled in).
    Print(commands::print::Args),
    /// Delete old function and layer versions and deployments beyond the newest N, and artifacts nothing kept uses.
    Prune(commands::prune::Args),
    /// Move a stuck stack on: finish a rollback that failed, or roll back a deploy that failed with rollback off.
    Recover(commands::recover::Args),
    /// Empty the deployment bucket and delete the service's stack.
    Remove(commands::remove::Args),
    /// Deploy a recorded deployment again: the one before the live one, or `--timestamp`'s.
    Rollback(commands::rollback::Args),
    /// Explain a diagnostic code, such as E0105.
    Explain(commands::explain::Args),
}

/// How a command that ran to its end ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong: exit 0.
    Clean,
    /// The input has problems (errors, unformatted files), or `svc diff`
    /// found changes: exit 1.
    Problems,
}

/// What a command returns: how it ended, or why it stopped.
pub type Result<T = Outcome, E = error::Error> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => commands::build::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::Deploy(args) => commands::deploy::run(&args),
        Command::Diff(args) => commands::diff::run(&args),
        Command::Fmt(args) => commands::fmt::run(&args),
        Command::Import(args) => commands::import::run(&args),
        Command::Info(args) => commands::info::run(&args),
        Command::Invoke(args) => commands::invoke::run(&args),
        Command::Logs(args) => commands::logs::run(&args),
        Command::Lsp(args) => commands::lsp::run(&args),
        Command::Metrics(args) => commands::metrics::run(&args),
        Command::Offline(args) => commands::offline::run(&args),
        Command::Print(args) => commands::print::run(&args),
        Command::Prune(args) => commands::prune::run(&args),
        Command::Recover(args) => commands::recover::run(&args),
        Command::Remove(args) => commands::remove::run(&args),
        Command::Rollback(args) => commands::rollback::run(&args),
        Command::Explain(args) => commands::explain::run(&args),
    };
    ExitCode::from(match result {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Problems) => 1,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of every command and argument (unique names and
    /// groups, valid defaults…), which otherwise fail only when a debug
    /// build first parses the command in question.
    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
