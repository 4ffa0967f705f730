//! The resources `ref`/`getAtt` may name: logical ID → type, for every
//! resource a service declares or svc generates. The compiler finds them by
//! lowering the whole service (tens of milliseconds for thousands of
//! lines), so each analysis computes them at most once: when edits have
//! paused for [`PAUSE`] (see [`crate::Backend`]; never in the way of the
//! next keystroke's diagnostics), or in the first request that needs them
//! if that comes first. Completion and hover may answer from the previous
//! version's resources while the new ones are not computed: they rarely
//! change between two keystrokes.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use svc_compiler::analysis::Analysis;

/// How long edits must pause before the newest version's resources are
/// computed ahead of any request.
pub const PAUSE: Duration = Duration::from_millis(100);

/// Logical ID → resource type.
pub type Known = BTreeMap<String, String>;

/// The known resources of one analysis, computed at most once.
#[derive(Clone, Default)]
pub struct KnownCell(Arc<OnceLock<Known>>);

impl KnownCell {
    /// The resources of `analysis` (computed now unless they already are).
    pub fn get(&self, analysis: &Analysis) -> &Known {
        self.0.get_or_init(|| svc_compiler::check::known_resources(&analysis.service))
    }

    /// The resources, if they are computed already.
    pub fn ready(&self) -> Option<&Known> {
        self.0.get()
    }
}
