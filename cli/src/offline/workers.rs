//! The warm workers of one function: runtime processes with its handler
//! loaded ([`crate::local::process`], as `svc invoke local` runs it),
//! kept between requests and reused. A request takes an idle worker, or
//! starts one while fewer than the limit run, or waits for one. A worker
//! that timed out or crashed is ended and not reused; after a change to
//! the code ([`Pool::reload`]) each worker is replaced as it comes back.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde_json::{Map, Value};

use crate::local::context::context;
use crate::local::environment::Identity;
use crate::local::function::LocalFunction;
use crate::local::process::{Ended, Process, Started};
use crate::local::protocol::Answer;
use crate::output;

/// How one invocation ended.
#[derive(Debug)]
pub enum Invoked {
    /// The handler returned this value.
    Returned(Value),
    /// The handler raised or threw: Lambda's error object.
    Raised(Value),
    /// The function's timeout passed; the worker was ended.
    TimedOut,
    /// The worker could not start, crashed or said what svc cannot read.
    Crashed(String),
}

/// The workers of one function.
pub struct Pool {
    /// The function.
    pub function: LocalFunction,
    environment: BTreeMap<String, String>,
    region: String,
    identity: Identity,
    limit: usize,
    /// Bumped on every change to the code (shared by all pools).
    generation: Arc<AtomicU64>,
    /// Whether the runtime's notes (another Python version) were shown.
    noted: AtomicBool,
    state: Mutex<State>,
    returned: Condvar,
}

struct State {
    idle: Vec<Worker>,
    running: usize,
}

struct Worker {
    process: Process,
    generation: u64,
}

impl Pool {
    /// The pool of `function`, its workers started with `environment`, at
    /// most `limit` at once.
    pub fn new(
        function: LocalFunction,
        environment: BTreeMap<String, String>,
        region: String,
        identity: Identity,
        limit: usize,
        generation: Arc<AtomicU64>,
    ) -> Pool {
        Pool {
            function,
            environment,
            region,
            identity,
            limit: limit.max(1),
            generation,
            noted: AtomicBool::new(false),
            state: Mutex::new(State { idle: Vec::new(), running: 0 }),
            returned: Condvar::new(),
        }
    }

    /// Runs the handler on `event` (blocking), with `request_id` as the
    /// context's `awsRequestId`.
    pub fn invoke(&self, event: &Value, request_id: &str) -> Invoked {
        let mut worker = match self.take() {
            Ok(worker) => worker,
            Err(why) => return Invoked::Crashed(why),
        };
        let overrides = Map::from_iter([("awsRequestId".to_owned(), Value::String(request_id.to_owned()))]);
        let context = context(&self.function, &self.region, &self.identity, &overrides);
        let timeout = Duration::from_secs(self.function.timeout);
        let ended = worker.process.invoke(event, &context, timeout);
        match ended {
            Ok(Ended::Answered(answer)) => {
                self.give_back(worker);
                match answer {
                    Answer::Ok(value) => Invoked::Returned(value),
                    Answer::Error(error) => Invoked::Raised(error),
                }
            }
            Ok(Ended::TimedOut) => {
                self.ended();
                Invoked::TimedOut
            }
            Err(why) => {
                self.ended();
                Invoked::Crashed(why)
            }
        }
    }

    /// Starts one worker now (at start-up, so the first request is warm);
    /// says why not when it cannot.
    pub fn warm_up(&self) -> Result<(), String> {
        let worker = self.take()?;
        self.give_back(worker);
        Ok(())
    }

    /// An idle worker of the current code, or a new one.
    fn take(&self) -> Result<Worker, String> {
        let current = self.generation.load(Ordering::SeqCst);
        let mut state = self.state.lock().map_err(|_| "the worker pool is broken".to_owned())?;
        loop {
            while let Some(worker) = state.idle.pop() {
                if worker.generation == current {
                    return Ok(worker);
                }
                state.running -= 1;
                worker.process.stop();
            }
            if state.running < self.limit {
                break;
            }
            state = self.returned.wait(state).map_err(|_| "the worker pool is broken".to_owned())?;
        }
        state.running += 1;
        drop(state);
        let warn = |note: &str| {
            if !self.noted.swap(true, Ordering::SeqCst) {
                output::warning(note);
            }
        };
        let started = Process::start(&self.function, &self.environment, &warn);
        match started {
            Ok(Started::Ready(process)) => Ok(Worker { process, generation: current }),
            Ok(Started::Failed { error, .. }) => {
                self.ended();
                let kind = error.get("errorType").and_then(Value::as_str).unwrap_or("Error");
                let message = error.get("errorMessage").and_then(Value::as_str).unwrap_or_default();
                Err(format!("the handler of function `{}` could not be loaded: {kind}: {message}", self.function.name))
            }
            Err(why) => {
                self.ended();
                Err(why)
            }
        }
    }

    fn give_back(&self, worker: Worker) {
        if let Ok(mut state) = self.state.lock() {
            state.idle.push(worker);
        }
        self.returned.notify_one();
    }

    /// A worker ended (timed out, crashed, or never started).
    fn ended(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.running = state.running.saturating_sub(1);
        }
        self.returned.notify_one();
    }

    /// Ends the idle workers of old code now (the others end as they come
    /// back).
    pub fn reload(&self) {
        let current = self.generation.load(Ordering::SeqCst);
        let stale: Vec<Worker> = match self.state.lock() {
            Ok(mut state) => {
                let (keep, stale) = std::mem::take(&mut state.idle).into_iter().partition(|w| w.generation == current);
                state.idle = keep;
                state.running -= stale.len();
                stale
            }
            Err(_) => Vec::new(),
        };
        stale.into_iter().for_each(|w| w.process.stop());
        self.returned.notify_all();
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(state) = self.state.get_mut() {
            std::mem::take(&mut state.idle).into_iter().for_each(|w| w.process.end());
        }
    }
}
