//! `svc logs`: the CloudWatch logs of one function (`-f`), or of every
//! function interleaved in time order; `--tail` follows them.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::time::Duration;

use tokio::task::JoinSet;

use crate::args::ServiceArgs;
use crate::aws::{Aws, logs};
use crate::deployed::{self, Deployed};
use crate::error::Error;
use crate::interrupt::Interrupt;
use crate::loaded::Loaded;
use crate::moment::{self, Moment};
use crate::present::log_line;
use crate::target::Target;
use crate::{Outcome, Result, output, runtime};

/// How far back each poll of `--tail` reads again: CloudWatch may take a
/// while to make an event searchable, and one that arrives late must not be
/// missed. Events seen already are known by their IDs.
const LOOKBACK_MS: i64 = 60_000;

/// Arguments of `svc logs`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The function whose logs to show [default: every function, interleaved]
    #[arg(long, short = 'f', value_name = "NAME")]
    function: Option<String>,
    /// Keep following the logs (Ctrl-C stops).
    #[arg(long, short = 't')]
    tail: bool,
    /// From when: `30s`, `10m`, `2h`, `1d` ago, or an ISO-8601 date or date-time.
    #[arg(long = "start-time", visible_alias = "startTime", value_name = "WHEN", default_value = "10m", value_parser = Moment::parse)]
    start_time: Moment,
    /// Only the events that match this CloudWatch Logs filter pattern.
    #[arg(long, value_name = "PATTERN")]
    filter: Option<String>,
    /// With `--tail`: milliseconds between two reads.
    #[arg(long, value_name = "MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    interval: u64,
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc logs`.
pub fn run(args: &Args) -> Result {
    let loaded = Loaded::load(&args.service, false)?;
    let names = deployed::pick(&loaded, args.function.as_deref())?;
    let target = loaded.target(&args.service);
    runtime::block_on(follow(args, &target, names))
}

/// The log events of one function, where it is in the list.
type Batch = (usize, Vec<logs::Event>);

async fn follow(args: &Args, target: &Target, names: Vec<String>) -> Result {
    let aws = Aws::connect(target).await.map_err(Error::Failed)?;
    let functions = deployed::resolve(&aws, target, names, args.function.is_some()).await?;
    let interrupt = Interrupt::install();
    let width = functions.iter().map(|f| f.name.chars().count()).max().unwrap_or(0);
    let prefixed = args.function.is_none();
    let start = args.start_time.millis(moment::now());
    // Per function: where the next read starts, and the events seen since.
    let mut since = vec![start; functions.len()];
    let mut seen: Vec<HashMap<String, i64>> = vec![HashMap::new(); functions.len()];
    let mut first = true;
    loop {
        let batches = tokio::select! {
            batches = read(&aws, &functions, &since, args.filter.as_deref()) => batches,
            () = interrupt.wait() => return stopped(args.tail),
        };
        let batches = match batches {
            Ok(batches) => batches,
            // Following: a read that fails (throttled, the network gone
            // for a moment) is tried again at the next poll.
            Err(error) if args.tail && !first => {
                output::warning(&format!("{error}; trying again"));
                Vec::new()
            }
            Err(error) => return Err(error),
        };
        first = false;
        let mut fresh: Vec<(i64, usize, logs::Event)> = Vec::new();
        for (index, events) in batches {
            for event in events {
                if seen[index].insert(event.id.clone(), event.timestamp).is_none() {
                    fresh.push((event.timestamp, index, event));
                }
            }
            let latest = seen[index].values().copied().max().unwrap_or(start);
            since[index] = start.max(latest - LOOKBACK_MS);
            let from = since[index];
            seen[index].retain(|_, at| *at >= from);
        }
        // Stable: the events of one function keep their order.
        fresh.sort_by_key(|(at, index, _)| (*at, *index));
        let mut text = String::new();
        for (at, index, event) in &fresh {
            let function = prefixed.then(|| (functions[*index].name.as_str(), width));
            log_line::push(&mut text, function, *at, &event.message);
        }
        if write(&text).is_err() {
            // The reader is gone (`svc logs | head`).
            return Ok(Outcome::Clean);
        }
        if !args.tail || !interrupt.sleep(Duration::from_millis(args.interval)).await {
            return Ok(Outcome::Clean);
        }
    }
}

/// Writes `text` to stdout in large writes (stdout alone flushes at each
/// line: 10,000 events would be 10,000 system calls), colours stripped
/// when stdout takes none.
fn write(text: &str) -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let plain = anstream::AutoStream::choice(&stdout) == anstream::ColorChoice::Never;
    let stripped;
    let text = if plain {
        stripped = anstream::adapter::strip_str(text).to_string();
        &stripped
    } else {
        text
    };
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Ctrl-C: the way `--tail` ends (exit 0); otherwise the read was cut short.
fn stopped(tail: bool) -> Result {
    if tail { Ok(Outcome::Clean) } else { Err(Error::Interrupted("stopped reading the logs (Ctrl-C)".to_owned())) }
}

/// Reads every function's events from its `since`, at the same time.
async fn read(aws: &Aws, functions: &[Deployed], since: &[i64], filter: Option<&str>) -> Result<Vec<Batch>> {
    let mut reads = JoinSet::new();
    for (index, function) in functions.iter().enumerate() {
        let (aws, group, start, filter) =
            (aws.clone(), logs::group(&function.aws), since[index], filter.map(str::to_owned));
        reads.spawn(async move { (index, logs::events(&aws, &group, start, None, filter.as_deref()).await) });
    }
    let mut batches = Vec::with_capacity(functions.len());
    while let Some(done) = reads.join_next().await {
        let (index, events) = done.map_err(|e| Error::Failed(format!("reading the logs stopped: {e}")))?;
        batches.push((index, events.map_err(Error::Failed)?));
    }
    Ok(batches)
}
