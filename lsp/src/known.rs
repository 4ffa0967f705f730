//! The resources `ref`/`getAtt` may name: logical ID → type, for every
//! resource a service declares or svc generates. The compiler finds them by
//! lowering the whole service (tens of milliseconds for thousands of
//! lines), so each analysis computes them once: on a background thread
//! once edits pause for [`PAUSE`] (so that it never competes with the
//! analysis of the next keystroke), or in the first request that needs
//! them if that comes first (it then waits for the thread's result rather
//! than lowering twice). Completion and hover may answer from
//! the previous version's resources while the new ones are computed: they
//! rarely change between two keystrokes.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use svc_compiler::analysis::Analysis;

/// How long edits must pause before the background thread lowers the
/// newest version.
pub const PAUSE: Duration = Duration::from_millis(100);

/// Logical ID → resource type.
pub type Known = BTreeMap<String, String>;

/// The known resources of one analysis, computed at most once.
#[derive(Clone, Default)]
pub struct KnownCell(Arc<OnceLock<Known>>);

impl KnownCell {
    /// The resources of `analysis` (computed now unless they already are,
    /// or waited for if the background thread is computing them).
    pub fn get(&self, analysis: &Analysis) -> &Known {
        self.0.get_or_init(|| svc_compiler::check::known_resources(&analysis.service))
    }

    /// The resources, if they are computed already.
    pub fn ready(&self) -> Option<&Known> {
        self.0.get()
    }
}

/// One analysis to compute the known resources of.
struct Job {
    analysis: Arc<Analysis>,
    cell: KnownCell,
}

#[derive(Default)]
struct Slot {
    /// The newest job; older ones are dropped unstarted.
    job: Option<Job>,
    /// Set when the owner is gone: the thread ends.
    closed: bool,
}

#[derive(Default)]
struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// A background thread that computes the known resources of the newest
/// analysis it is given, once no newer one came for [`PAUSE`] (started on
/// first use, ended on drop).
#[derive(Default)]
pub struct Warmer {
    shared: Arc<Shared>,
    started: bool,
}

impl Warmer {
    /// Computes `cell` for `analysis` in the background, in place of any
    /// job not yet started.
    pub fn warm(&mut self, analysis: Arc<Analysis>, cell: KnownCell) {
        if !self.started {
            let shared = Arc::clone(&self.shared);
            self.started =
                std::thread::Builder::new().name("svc-lsp-known".to_owned()).spawn(move || run(&shared)).is_ok();
        }
        lock(&self.shared.slot).job = Some(Job { analysis, cell });
        self.shared.wake.notify_one();
    }
}

impl Drop for Warmer {
    fn drop(&mut self) {
        lock(&self.shared.slot).closed = true;
        self.shared.wake.notify_one();
    }
}

fn lock(slot: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    slot.lock().unwrap_or_else(PoisonError::into_inner)
}

fn run(shared: &Shared) {
    while let Some(job) = next_job(shared) {
        job.cell.get(&job.analysis);
    }
}

/// The newest job once edits have paused; `None` when the owner is gone.
fn next_job(shared: &Shared) -> Option<Job> {
    let mut slot = lock(&shared.slot);
    let mut job = loop {
        if slot.closed {
            return None;
        }
        if let Some(job) = slot.job.take() {
            break job;
        }
        slot = shared.wake.wait(slot).unwrap_or_else(PoisonError::into_inner);
    };
    loop {
        let (guard, waited) = shared.wake.wait_timeout(slot, PAUSE).unwrap_or_else(PoisonError::into_inner);
        slot = guard;
        if slot.closed {
            return None;
        }
        match slot.job.take() {
            Some(newer) => job = newer,
            None if waited.timed_out() => return Some(job),
            None => {}
        }
    }
}
