//! `svc offline`: serves the service's HTTP API and REST API routes on
//! this machine, each function in warm local workers, and Lambda's Invoke
//! API on a second port, reloading on changes, until Ctrl-C.

use std::io::Write;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;

use crate::args::ServiceArgs;
use crate::error::Error;
use crate::gateway::routes::{Api, Authorizer, Routes};
use crate::offline::dispatch::Gateway;
use crate::offline::schedules;
use crate::offline::served::Served;
use crate::offline::watch::{self, Change};
use crate::offline::{http, lambda_api};
use crate::style::{self, paint};
use crate::{Outcome, Result, input, output};

/// At most this many functions get a worker before the first request
/// (the others start on theirs).
const WARMED: usize = 16;

/// Arguments of `svc offline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port of the HTTP and REST APIs.
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port of Lambda's Invoke API (`POST /2015-03-31/functions/NAME/invocations`).
    #[arg(long, default_value_t = 3002)]
    lambda_port: u16,
    /// Serve REST API routes at the root, not under `/<stage>`.
    #[arg(long)]
    no_stage_prefix: bool,
    /// Warm workers per function at most [default: three per core].
    #[arg(long, value_name = "N")]
    workers: Option<usize>,
    /// Run each enabled `schedule` at its rate or cron (UTC).
    #[arg(long)]
    schedules: bool,
    /// With `--schedules`, also run every schedule once at start.
    #[arg(long, requires = "schedules")]
    run_schedules_on_start: bool,
    /// An environment variable for the handlers, over the functions'; repeatable.
    #[arg(long = "env", short = 'e', value_name = "NAME=VALUE", value_parser = crate::args::name_value)]
    env: Vec<(String, String)>,
    #[command(flatten)]
    service: ServiceArgs,
}

/// Runs `svc offline` until Ctrl-C.
pub fn run(args: &Args) -> Result {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| Error::Failed(format!("cannot start the async runtime: {error}")))?;
    let result = runtime.block_on(serve(args));
    runtime.shutdown_timeout(Duration::from_millis(200));
    result
}

async fn serve(args: &Args) -> Result {
    // A worker waits for svc between requests: more workers than cores
    // keep the cores busy (measured with bench/offline.sh).
    let workers = args.workers.unwrap_or_else(|| 3 * std::thread::available_parallelism().map_or(2, |n| n.get()));
    let generation = Arc::new(AtomicU64::new(0));
    let served = Served::load(&args.service, &args.env, workers, &generation).await?;
    let api = bind(&args.host, args.port, "--port").await?;
    let lambda = bind(&args.host, args.lambda_port, "--lambda-port").await?;
    let base = format!("http://{}", api.local_addr().map_err(|e| Error::Failed(e.to_string()))?);
    let lambda_base = format!("http://{}", lambda.local_addr().map_err(|e| Error::Failed(e.to_string()))?);
    show(&served, &base, !args.no_stage_prefix, args.schedules);
    warm_up(&served).await;
    let gateway = Arc::new(Gateway::new(served, !args.no_stage_prefix));
    let timers = Arc::new(Timers { on: args.schedules, running: Mutex::new(Vec::new()) });
    timers.restart(&gateway.served(), args.run_schedules_on_start);
    follow_changes(args, &gateway, &generation, workers, &timers);
    let api_gateway = Arc::clone(&gateway);
    tokio::spawn(http::serve(
        api,
        Arc::new(move |request| {
            let gateway = Arc::clone(&api_gateway);
            async move { gateway.handle(request).await }
        }),
    ));
    let lambda_gateway = Arc::clone(&gateway);
    tokio::spawn(http::serve(
        lambda,
        Arc::new(move |request| {
            let gateway = Arc::clone(&lambda_gateway);
            async move { lambda_api::handle(&gateway, request).await }
        }),
    ));
    output::step(&format!("Lambda's Invoke API: {lambda_base}/2015-03-31/functions/NAME/invocations"));
    output::step(&format!("listening on {base} (Ctrl-C stops)"));
    stopped().await;
    output::step("stopped");
    Ok(Outcome::Clean)
}

/// Listens on `host:port`, or says why not (`flag` names the option).
async fn bind(host: &str, port: u16, flag: &str) -> Result<TcpListener> {
    TcpListener::bind((host, port)).await.map_err(|error| {
        let why = match error.kind() {
            std::io::ErrorKind::AddrInUse => "the port is in use (another server?)".to_owned(),
            _ => error.to_string(),
        };
        Error::Failed(format!("cannot listen on {host}:{port}: {why}; choose another with {flag}"))
    })
}

/// Prints the routes, and what will not be as in AWS.
fn show(served: &Served, base: &str, stage_prefix: bool, schedules: bool) {
    let routes = &served.routes;
    let stage = &served.target.stage;
    output::step(&format!("serving {} (stage {stage}, {}):", served.target.service, served.target.region));
    for route in &routes.routes {
        let url = match route.api {
            Api::Http if route.path == "$default" => format!("{base}/*"),
            Api::Http => format!("{base}{}", route.path),
            Api::Rest if stage_prefix => format!("{base}/{stage}{}", route.path.trim_end_matches('/')),
            Api::Rest => format!("{base}{}", route.path),
        };
        let target = route.function().map_or_else(|| "(mock)".to_owned(), |f| format!("→ {f}"));
        let api = match route.api {
            Api::Http => "",
            Api::Rest => " (REST)",
        };
        let _ = writeln!(anstream::stderr(), "  {:<7} {url} {}{api}", route.method, paint(style::DIM, target));
    }
    if routes.routes.is_empty() {
        output::warning("the service has no httpApi or http events: only Lambda's Invoke API is served");
    }
    for why in &routes.unserved {
        output::warning(&format!("not served: {why}"));
    }
    for (name, why) in &served.unavailable {
        if routes.routes.iter().any(|r| r.function() == Some(name)) {
            output::warning(&format!("function `{name}` cannot run here, its routes answer 502: {why}"));
        }
    }
    warn_authorizers(routes);
    if !schedules && !served.schedules.is_empty() {
        let count = output::plural(served.schedules.len(), "schedule");
        output::note(&format!("{count} not run: --schedules runs them at their rate or cron"));
    }
    for schedule in served.schedules.iter().filter(|_| schedules) {
        let target = paint(style::DIM, format!("→ {}", schedule.function));
        let _ = writeln!(anstream::stderr(), "  {:<7} {} {target}", "at", schedule.written);
    }
    for (name, key) in &routes.api_keys {
        output::note(&format!("API key `{name}`: send `x-api-key: {key}` to the private routes"));
    }
}

/// Says what the authorizers do locally that they would not in AWS.
fn warn_authorizers(routes: &Routes) {
    let authorizers: Vec<&Authorizer> = routes.routes.iter().filter_map(|r| r.authorizer.as_ref()).collect();
    if authorizers.iter().any(|a| matches!(a, Authorizer::Jwt { .. })) {
        output::warning(
            "JWT authorizers check a token's issuer, audience, expiry and scopes, not its signature: any well-formed token with the right claims passes",
        );
    }
    if authorizers.iter().any(|a| matches!(a, Authorizer::Iam)) {
        output::warning("IAM authorization is not checked locally: every request passes");
    }
    for route in &routes.routes {
        if let Some(Authorizer::Outside { name }) = &route.authorizer {
            output::warning(&format!(
                "the authorizer of `{}` ({name}) is a function outside this service: not run locally, every request passes",
                route.key()
            ));
        }
    }
}

/// Starts a worker for each function with a route (at most [`WARMED`]),
/// so that the first requests do not wait for a runtime to start.
async fn warm_up(served: &Served) {
    let mut names: Vec<&str> = served.routes.routes.iter().filter_map(|r| r.function()).collect();
    names.dedup();
    let starts = names.iter().filter_map(|name| served.pools.get(*name)).take(WARMED).map(|pool| {
        let pool = Arc::clone(pool);
        tokio::spawn(async move { pool.warm_up().await })
    });
    for started in starts.collect::<Vec<_>>() {
        if let Ok(Err(why)) = started.await {
            output::warning(&why);
        }
    }
}

/// Reloads on changes to the service file (analysed again) or its code
/// (new workers), from a watcher thread.
fn follow_changes(
    args: &Args,
    gateway: &Arc<Gateway>,
    generation: &Arc<AtomicU64>,
    workers: usize,
    timers: &Arc<Timers>,
) {
    let timers = Arc::clone(timers);
    let path = input::service_path(args.service.path.as_deref());
    let folder = input::service_dir(&path);
    let (gateway, generation) = (Arc::clone(gateway), Arc::clone(generation));
    let (service, env) = (args.service.clone(), args.env.clone());
    let runtime = tokio::runtime::Handle::current();
    let changed = move |change: Change| match change {
        // A bundled function's code is its bundle: made again with the rest.
        Change::Code if !gateway.served().bundles() => {
            watch::next_generation(&generation);
            gateway.served().reload();
        }
        Change::Code | Change::Service => match runtime.block_on(Served::load(&service, &env, workers, &generation)) {
            Ok(served) => {
                output::note(&format!(
                    "{} changed: now serving {}",
                    path.display(),
                    output::plural(served.routes.routes.len(), "route")
                ));
                gateway.replace(served);
                let _inside = runtime.enter();
                timers.restart(&gateway.served(), false);
            }
            Err(error) => {
                error.print();
                output::warning("the routes from before are still served");
            }
        },
    };
    let service_file = input::service_path(args.service.path.as_deref());
    if let Err(why) = watch::watch(&folder, &service_file, changed) {
        output::warning(&format!("{why}: changes are not reloaded"));
    }
}

/// The running schedules (with `--schedules`): restarted with each
/// analysis of the service.
struct Timers {
    on: bool,
    running: Mutex<Vec<tokio::task::AbortHandle>>,
}

impl Timers {
    /// Stops the schedules of the service as served before, and starts
    /// those of `served` (each run once first, with `now`). Inside the
    /// runtime.
    fn restart(&self, served: &Arc<Served>, now: bool) {
        if !self.on {
            return;
        }
        let Ok(mut running) = self.running.lock() else { return };
        running.drain(..).for_each(|task| task.abort());
        for schedule in &served.schedules {
            running.push(tokio::spawn(schedules::run(schedule.clone(), Arc::clone(served), now)).abort_handle());
        }
    }
}

/// Waits for Ctrl-C or SIGTERM.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut interrupt), Ok(mut terminate)) = (signal(SignalKind::interrupt()), signal(SignalKind::terminate()))
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
