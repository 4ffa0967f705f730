//! The warm workers of one function: runtime processes with its handler
//! loaded ([`crate::local::process`], as `svc invoke local` runs it),
//! kept between requests and reused.
//!
//! Each worker runs one invocation at a time, as a Lambda execution
//! environment does. A request goes to an idle worker, or starts a new
//! one while fewer than the limit run. When all are busy, it is queued
//! behind the invocation under way of a busy worker ([`DEPTH`]): its
//! event is already in the worker's input when the handler returns, so
//! the worker goes straight on to it without sleeping in between (under
//! load that halves what a request costs the runtime). Its timeout
//! starts when the worker starts on it; the `deadlineMs` of its context
//! is set when it is queued, so a queued invocation may see a little less
//! time remaining than it has.
//!
//! A worker that timed out or crashed is ended; the invocations queued
//! behind the one it was running never started, and go to another
//! worker. After a change to the code ([`Pool::reload`]), old workers
//! take no new invocations and end once their queue is done.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value};
use tokio::sync::{Notify, mpsc, oneshot};

use crate::local::context::context;
use crate::local::environment::Identity;
use crate::local::function::LocalFunction;
use crate::local::process::{Process, Started};
use crate::local::protocol::Answer;
use crate::output;

/// Invocations a worker holds at once: the one it runs and one queued.
pub const DEPTH: usize = 2;

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
    workers: Mutex<Workers>,
    /// Signalled when a worker takes less, ends or starts.
    freed: Arc<Notify>,
}

#[derive(Default)]
struct Workers {
    running: Vec<Worker>,
    /// Workers being started (counted against the limit).
    starting: usize,
}

/// The pool's side of a worker.
#[derive(Clone)]
struct Worker {
    jobs: mpsc::UnboundedSender<Job>,
    /// Invocations sent and not yet answered.
    holding: Arc<AtomicUsize>,
    /// Set when the worker has ended.
    ended: Arc<AtomicBool>,
    generation: u64,
}

/// One invocation, for a worker.
struct Job {
    event: Value,
    request_id: String,
    done: oneshot::Sender<Outcome>,
}

/// What a worker says of a job.
enum Outcome {
    /// It ran.
    Ran(Invoked),
    /// It never started (the worker ended before it): run it elsewhere.
    Again(Value),
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
            workers: Mutex::new(Workers::default()),
            freed: Arc::new(Notify::new()),
        }
    }

    /// Runs the handler on `event`, with `request_id` as the context's
    /// `awsRequestId`.
    pub async fn invoke(&self, event: &Value, request_id: &str) -> Invoked {
        let mut event = event.clone();
        loop {
            let worker = match self.worker().await {
                Ok(worker) => worker,
                Err(why) => return Invoked::Crashed(why),
            };
            let (done, outcome) = oneshot::channel();
            let job = Job { event, request_id: request_id.to_owned(), done };
            if let Err(mpsc::error::SendError(job)) = worker.jobs.send(job) {
                worker.holding.fetch_sub(1, Ordering::SeqCst);
                event = job.event;
                continue;
            }
            match outcome.await {
                Ok(Outcome::Ran(invoked)) => return invoked,
                Ok(Outcome::Again(returned)) => event = returned,
                Err(_) => return Invoked::Crashed("the worker was stopped".to_owned()),
            }
        }
    }

    /// Starts one worker now (at start-up, so the first request is warm);
    /// says why not when it cannot.
    pub async fn warm_up(&self) -> Result<(), String> {
        let worker = self.worker().await?;
        worker.holding.fetch_sub(1, Ordering::SeqCst);
        self.freed.notify_waiters();
        Ok(())
    }

    /// A worker that takes one more invocation (counted in `holding`): an
    /// idle one, else a new one within the limit, else a busy one with
    /// room in its queue, else the first that has room.
    async fn worker(&self) -> Result<Worker, String> {
        loop {
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            let current = self.generation.load(Ordering::SeqCst);
            let start = {
                let mut workers = self.workers.lock().map_err(|_| "the worker pool is broken".to_owned())?;
                // Old code, or ended: dropping the sender lets the worker finish its queue and end.
                workers.running.retain(|w| w.generation == current && !w.ended.load(Ordering::SeqCst));
                let least = workers.running.iter().min_by_key(|w| w.holding.load(Ordering::SeqCst)).cloned();
                let taken = least.as_ref().map_or(usize::MAX, |w| w.holding.load(Ordering::SeqCst));
                if (taken == 0 || (taken < DEPTH && workers.running.len() + workers.starting >= self.limit))
                    && let Some(worker) = least
                {
                    worker.holding.fetch_add(1, Ordering::SeqCst);
                    return Ok(worker);
                }
                let room = workers.running.len() + workers.starting < self.limit;
                if room {
                    workers.starting += 1;
                }
                room
            };
            if start {
                let started = self.start(current).await;
                let mut workers = self.workers.lock().map_err(|_| "the worker pool is broken".to_owned())?;
                workers.starting -= 1;
                let worker = started?;
                worker.holding.fetch_add(1, Ordering::SeqCst);
                workers.running.push(worker.clone());
                return Ok(worker);
            }
            freed.await;
        }
    }

    /// Starts a worker for the code of `generation`.
    async fn start(&self, generation: u64) -> Result<Worker, String> {
        let warn = |note: &str| {
            if !self.noted.swap(true, Ordering::SeqCst) {
                output::warning(note);
            }
        };
        let started = Process::start(&self.function, &self.environment, &warn).await;
        let process = match started {
            Ok(Started::Ready(process)) => process,
            Ok(Started::Failed { error, .. }) => {
                self.freed.notify_waiters();
                let kind = error.get("errorType").and_then(Value::as_str).unwrap_or("Error");
                let message = error.get("errorMessage").and_then(Value::as_str).unwrap_or_default();
                return Err(format!(
                    "the handler of function `{}` could not be loaded: {kind}: {message}",
                    self.function.name
                ));
            }
            Err(why) => {
                self.freed.notify_waiters();
                return Err(why);
            }
        };
        let (jobs, queue) = mpsc::unbounded_channel();
        let worker = Worker {
            jobs,
            holding: Arc::new(AtomicUsize::new(0)),
            ended: Arc::new(AtomicBool::new(false)),
            generation,
        };
        let run = Run {
            process,
            queue,
            holding: Arc::clone(&worker.holding),
            ended: Arc::clone(&worker.ended),
            freed: Arc::clone(&self.freed),
            function: self.function.clone(),
            region: self.region.clone(),
            identity: self.identity.clone(),
        };
        tokio::spawn(run.serve());
        Ok(worker)
    }

    /// Replaces the workers of old code: they take no new invocation, and
    /// end once those they hold are answered.
    pub fn reload(&self) {
        let current = self.generation.load(Ordering::SeqCst);
        if let Ok(mut workers) = self.workers.lock() {
            workers.running.retain(|w| w.generation == current);
        }
        self.freed.notify_waiters();
    }
}

/// A worker's own side: its process, and the invocations sent to it.
struct Run {
    process: Box<Process>,
    queue: mpsc::UnboundedReceiver<Job>,
    holding: Arc<AtomicUsize>,
    ended: Arc<AtomicBool>,
    freed: Arc<Notify>,
    function: LocalFunction,
    region: String,
    identity: Identity,
}

impl Run {
    /// Runs the invocations in order until the pool lets go of the
    /// worker, or it times out or crashes.
    async fn serve(mut self) {
        let timeout = Duration::from_secs(self.function.timeout);
        // Sent to the process and not yet answered, oldest first.
        let mut sent: VecDeque<Job> = VecDeque::new();
        let mut open = true;
        loop {
            if sent.is_empty() {
                match self.queue.recv().await {
                    Some(job) => {
                        if !self.send(job, &mut sent).await {
                            return self.end(sent, None).await;
                        }
                    }
                    None => break,
                }
            }
            // The oldest is running now: its timeout starts.
            let deadline = tokio::time::sleep(timeout);
            tokio::pin!(deadline);
            let answer = loop {
                tokio::select! {
                    biased;
                    answer = self.process.answer() => break Some(answer),
                    () = &mut deadline => break None,
                    job = self.queue.recv(), if open && sent.len() < DEPTH => match job {
                        Some(job) => {
                            if !self.send(job, &mut sent).await {
                                return self.end(sent, None).await;
                            }
                        }
                        None => open = false,
                    },
                }
            };
            let Some(job) = sent.pop_front() else { break };
            match answer {
                Some(Ok(answer)) => {
                    let invoked = match answer {
                        Answer::Ok(value) => Invoked::Returned(value),
                        Answer::Error(error) => Invoked::Raised(error),
                    };
                    self.reply(job, Outcome::Ran(invoked));
                }
                Some(Err(why)) => return self.end(sent, Some((job, Invoked::Crashed(why)))).await,
                None => {
                    self.process.kill().await;
                    return self.end(sent, Some((job, Invoked::TimedOut))).await;
                }
            }
            if !open && sent.is_empty() {
                break;
            }
        }
        self.ended.store(true, Ordering::SeqCst);
        self.process.stop().await;
        self.freed.notify_waiters();
    }

    /// Sends `job` to the process; `false` when it cannot take it (the job
    /// is then answered as never started).
    async fn send(&mut self, job: Job, sent: &mut VecDeque<Job>) -> bool {
        let overrides = Map::from_iter([("awsRequestId".to_owned(), Value::String(job.request_id.clone()))]);
        let context = context(&self.function, &self.region, &self.identity, &overrides);
        match self.process.send(&job.event, &context).await {
            Ok(()) => {
                sent.push_back(job);
                true
            }
            Err(_) => {
                let event = job.event.clone();
                self.reply(job, Outcome::Again(event));
                false
            }
        }
    }

    fn reply(&self, job: Job, outcome: Outcome) {
        self.holding.fetch_sub(1, Ordering::SeqCst);
        let _ = job.done.send(outcome);
        self.freed.notify_waiters();
    }

    /// The worker has ended: `failed` (the invocation it ran) is answered
    /// as it ended; the others, never started, go elsewhere, as do those
    /// still coming.
    async fn end(mut self, sent: VecDeque<Job>, failed: Option<(Job, Invoked)>) {
        self.ended.store(true, Ordering::SeqCst);
        if let Some((job, invoked)) = failed {
            self.reply(job, Outcome::Ran(invoked));
        }
        for job in sent {
            let event = job.event.clone();
            self.reply(job, Outcome::Again(event));
        }
        self.queue.close();
        while let Some(job) = self.queue.recv().await {
            let event = job.event.clone();
            self.reply(job, Outcome::Again(event));
        }
        self.process.kill().await;
        self.freed.notify_waiters();
    }
}
