//! The resources `ref`/`getAtt` may name: logical ID → type, for every
//! resource a service declares or svc generates. The compiler finds them by
//! lowering the whole service (tens of milliseconds for thousands of
//! lines), so each analysis computes them at most once: when edits have
//! paused for [`PAUSE`] (see [`crate::Backend`]; never in the way of the
//! next keystroke's diagnostics), or in the first request that needs them
//! if that comes first. Completion and hover may answer from the previous
//! version's resources while the new ones are not computed: they rarely
//! change between two keystrokes. Each document keeps a
//! [`KnownCache`](svc_compiler::check::KnownCache), which its analyses
//! share: the check fills it when the service names a generated resource,
//! and a change that cannot change the resources (most keystrokes) finds
//! them there without lowering again.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use svc_compiler::analysis::Analysis;
pub use svc_compiler::check::Known;
use svc_compiler::check::KnownCache;

/// How long edits must pause before the newest version's resources are
/// computed ahead of any request.
pub const PAUSE: Duration = Duration::from_millis(100);

/// The known resources of one analysis, computed at most once, through
/// the document's [`KnownCache`] (shared by its versions, and by the
/// check of each, which fills it when the service names a generated
/// resource).
#[derive(Clone, Default)]
pub struct KnownCell {
    value: Arc<OnceLock<Arc<Known>>>,
    cache: Arc<KnownCache>,
}

impl KnownCell {
    /// A cell that computes through `cache`, holding `known` already when
    /// the analysis's check learned them.
    pub fn new(cache: Arc<KnownCache>, known: Option<Arc<Known>>) -> Self {
        KnownCell { value: Arc::new(known.map(OnceLock::from).unwrap_or_default()), cache }
    }

    /// The cache this cell computes through.
    pub fn cache(&self) -> &Arc<KnownCache> {
        &self.cache
    }

    /// The resources of `analysis` (computed now unless they already are).
    pub fn get(&self, analysis: &Analysis) -> &Known {
        self.value.get_or_init(|| self.cache.known(&analysis.service))
    }

    /// The resources, if they are computed already.
    pub fn ready(&self) -> Option<&Known> {
        self.value.get().map(|known| &**known)
    }
}
