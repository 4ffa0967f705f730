//! The warm workers of one function: runtime processes with its handler
//! loaded ([`crate::local::process`], as `svc invoke local` runs it),
//! kept between requests and reused. A request takes an idle worker, or
//! starts one while fewer than the limit run, or waits for one. A worker
//! that timed out or crashed is ended and not reused; after a change to
//! the code ([`Pool::reload`]) each worker is replaced as it comes back.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::sync::Semaphore;

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
    /// Bumped on every change to the code (shared by all pools).
    generation: Arc<AtomicU64>,
    /// Whether the runtime's notes (another Python version) were shown.
    noted: AtomicBool,
    /// Idle workers.
    idle: Mutex<Vec<Worker>>,
    /// One permit per worker that may run at once.
    running: Semaphore,
}

struct Worker {
    process: Box<Process>,
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
            generation,
            noted: AtomicBool::new(false),
            idle: Mutex::new(Vec::new()),
            running: Semaphore::new(limit.max(1)),
        }
    }

    /// Runs the handler on `event`, with `request_id` as the context's
    /// `awsRequestId`.
    pub async fn invoke(&self, event: &Value, request_id: &str) -> Invoked {
        let Ok(_permit) = self.running.acquire().await else {
            return Invoked::Crashed("the worker pool is closed".to_owned());
        };
        let mut worker = match self.take().await {
            Ok(worker) => worker,
            Err(why) => return Invoked::Crashed(why),
        };
        let overrides = Map::from_iter([("awsRequestId".to_owned(), Value::String(request_id.to_owned()))]);
        let context = context(&self.function, &self.region, &self.identity, &overrides);
        let timeout = Duration::from_secs(self.function.timeout);
        match worker.process.invoke(event, &context, timeout).await {
            Ok(Ended::Answered(answer)) => {
                self.give_back(worker);
                match answer {
                    Answer::Ok(value) => Invoked::Returned(value),
                    Answer::Error(error) => Invoked::Raised(error),
                }
            }
            Ok(Ended::TimedOut) => Invoked::TimedOut,
            Err(why) => Invoked::Crashed(why),
        }
    }

    /// Starts one worker now (at start-up, so the first request is warm);
    /// says why not when it cannot.
    pub async fn warm_up(&self) -> Result<(), String> {
        let _permit = self.running.acquire().await.map_err(|_| "the worker pool is closed".to_owned())?;
        let worker = self.take().await?;
        self.give_back(worker);
        Ok(())
    }

    /// An idle worker of the current code, or a new one.
    async fn take(&self) -> Result<Worker, String> {
        let current = self.generation.load(Ordering::SeqCst);
        loop {
            let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
            match idle {
                Some(worker) if worker.generation == current => return Ok(worker),
                Some(stale) => stale.process.end(),
                None => break,
            }
        }
        let warn = |note: &str| {
            if !self.noted.swap(true, Ordering::SeqCst) {
                output::warning(note);
            }
        };
        match Process::start(&self.function, &self.environment, &warn).await? {
            Started::Ready(process) => Ok(Worker { process, generation: current }),
            Started::Failed { error, .. } => {
                let kind = error.get("errorType").and_then(Value::as_str).unwrap_or("Error");
                let message = error.get("errorMessage").and_then(Value::as_str).unwrap_or_default();
                Err(format!("the handler of function `{}` could not be loaded: {kind}: {message}", self.function.name))
            }
        }
    }

    fn give_back(&self, worker: Worker) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(worker);
        }
    }

    /// Ends the idle workers of old code now (the others end as they come
    /// back).
    pub fn reload(&self) {
        let current = self.generation.load(Ordering::SeqCst);
        if let Ok(mut idle) = self.idle.lock() {
            let (keep, stale): (Vec<Worker>, Vec<Worker>) =
                std::mem::take(&mut *idle).into_iter().partition(|w| w.generation == current);
            *idle = keep;
            stale.into_iter().for_each(|w| w.process.end());
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Ok(idle) = self.idle.get_mut() {
            std::mem::take(idle).into_iter().for_each(|w| w.process.end());
        }
    }
}
