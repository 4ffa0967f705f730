//! `svc metrics`: invocations, errors, throttles and duration (average
//! and maximum) of each function and of the whole service, from CloudWatch.

use std::io::Write;

use clap::ValueEnum;

use crate::args::ServiceArgs;
use crate::aws::Aws;
use crate::aws::metrics::{self, Figures};
use crate::deployed;
use crate::error::Error;
use crate::loaded::Loaded;
use crate::moment::{self, Moment};
use crate::present::metrics as present;
use crate::target::Target;
use crate::{Outcome, Result, runtime};

/// Arguments of `svc metrics`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this function [default: every function]
    #[arg(long, short = 'f', value_name = "NAME")]
    function: Option<String>,
    /// From when: `10m`, `2h`, `1d` ago, or an ISO-8601 date or date-time.
    #[arg(long = "start-time", visible_alias = "startTime", value_name = "WHEN", default_value = "1d", value_parser = Moment::parse)]
    start_time: Moment,
    /// Until when (same forms) [default: now]
    #[arg(long = "end-time", visible_alias = "endTime", value_name = "WHEN", value_parser = Moment::parse)]
    end_time: Option<Moment>,
    /// A table for people, or JSON for tools.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    service: ServiceArgs,
}

/// How the figures are shown.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Runs `svc metrics`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let names = deployed::pick(&loaded, args.function.as_deref())?;
    let now = moment::now();
    let (start, end) = (args.start_time.millis(now), args.end_time.map_or(now, |m| m.millis(now)));
    if start >= end {
        return Err(Error::Failed(format!(
            "the start time ({}) is not before the end time ({})",
            moment::format(start),
            moment::format(end)
        )));
    }
    let target = loaded.target(&args.service);
    runtime::block_on(show(args, &target, names, start, end))
}

async fn show(args: &Args, target: &Target, names: Vec<String>, start: i64, end: i64) -> Result {
    let aws = Aws::connect(target).await.map_err(Error::Failed)?;
    let functions = deployed::resolve(&aws, target, names, args.function.is_some()).await?;
    let aws_names: Vec<String> = functions.iter().map(|f| f.aws.clone()).collect();
    let figures = metrics::figures(&aws, &aws_names, start, end).await.map_err(Error::Failed)?;
    let mut total = Figures::default();
    figures.iter().for_each(|f| total.add(f));
    let rows: Vec<present::Row<'_>> =
        functions.iter().zip(&figures).map(|(f, figures)| (f.name.as_str(), f.aws.as_str(), figures)).collect();
    let text = match args.format {
        Format::Table => present::table(&rows, &total, start, end),
        Format::Json => {
            let value = present::json(&rows, &total, start, end);
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap_or_default())
        }
    };
    let _ = anstream::stdout().write_all(text.as_bytes());
    Ok(Outcome::Clean)
}
