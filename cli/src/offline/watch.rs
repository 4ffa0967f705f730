//! Reloading while serving: a change to the service file analyses it
//! again (its problems shown as `svc check` shows them; with errors the
//! old routes keep serving), and a change to any other file of the
//! service folder — a handler, a module it imports — replaces the warm
//! workers, so the next request runs the new code. Changes are taken
//! together when they come within [`SETTLE`] of each other (an editor's
//! save is several events).

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use crate::output;

/// How long changes settle before they are acted on.
pub const SETTLE: Duration = Duration::from_millis(100);

/// Folders whose changes are not the service's code: svc's output,
/// version control, caches the runtimes write while they run.
const IGNORED: [&str; 6] = [".svc", ".git", "__pycache__", ".pytest_cache", ".serverless", ".mypy_cache"];

/// The files that say what is installed: a change reinstalls (Python
/// requirements, Node.js dependencies).
const MANIFESTS: [&str; 9] = [
    "requirements.txt",
    "Pipfile.lock",
    "poetry.lock",
    "uv.lock",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
    "pnpm-lock.yaml",
    "yarn.lock",
];

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Code: start new workers (bundles are made again).
    Code,
    /// The service file or a dependency manifest: prepare everything again.
    Service,
}

/// Watches `folder` (recursively) and calls `changed` after each settled
/// change, until the process ends. `service` is the service file.
pub fn watch(folder: &Path, service: &Path, changed: impl Fn(Change) + Send + 'static) -> Result<(), String> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })
    .map_err(|e| format!("cannot watch {} for changes: {e}", folder.display()))?;
    watcher
        .watch(folder, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {} for changes: {e}", folder.display()))?;
    let service = std::path::absolute(service).unwrap_or_else(|_| service.to_owned());
    let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
    let own = own_output();
    std::thread::spawn(move || {
        // The watcher lives as long as this thread.
        let _watcher = watcher;
        while let Ok(first) = events.recv() {
            let mut seen = vec![first];
            while let Ok(more) = events.recv_timeout(SETTLE) {
                seen.push(more);
            }
            let paths = seen.iter().filter(|e| counts(&e.kind)).flat_map(|e| &e.paths);
            let mine = |path: &&PathBuf| own.iter().any(|o| o == *path);
            if let Some(change) = paths.filter(|p| !mine(p)).filter_map(|p| classify(&folder, &service, p)).max() {
                changed(change);
            }
        }
    });
    Ok(())
}

/// Whether an event changes content (not a read).
fn counts(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
        && !matches!(kind, EventKind::Modify(notify::event::ModifyKind::Metadata(_)))
}

/// What a change to `path` is, or `None` for a file that is not code.
fn classify(folder: &Path, service: &Path, path: &Path) -> Option<Change> {
    if path == service {
        return Some(Change::Service);
    }
    let inside: PathBuf = path.strip_prefix(folder).ok()?.to_owned();
    let ignored = inside.components().any(|c| matches!(c, Component::Normal(n) if IGNORED.iter().any(|i| n == *i)));
    let name = inside.file_name()?.to_string_lossy();
    let scratch = [".pyc", "~", ".swp", ".log", ".tmp"].iter().any(|end| name.ends_with(end)) || name.starts_with(".#");
    if ignored || scratch {
        return None;
    }
    let top = inside.components().count() == 1;
    Some(if top && MANIFESTS.contains(&name.as_ref()) { Change::Service } else { Change::Code })
}

/// The files svc's own standard output and error go to (a log in the
/// service folder must not count as a change), where the system says.
fn own_output() -> Vec<PathBuf> {
    ["/proc/self/fd/1", "/proc/self/fd/2"].iter().filter_map(|fd| std::fs::read_link(fd).ok()).collect()
}

/// Bumps the code generation (workers of older code are replaced).
pub fn next_generation(generation: &Arc<AtomicU64>) {
    generation.fetch_add(1, Ordering::SeqCst);
    output::note("code changed: the next request runs it in a new worker");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_file_and_code_are_told_apart_from_caches() {
        let (folder, service) = (Path::new("/s"), Path::new("/s/service.svc"));
        assert_eq!(classify(folder, service, Path::new("/s/service.svc")), Some(Change::Service));
        assert_eq!(classify(folder, service, Path::new("/s/handler.py")), Some(Change::Code));
        assert_eq!(classify(folder, service, Path::new("/s/lib/util.mjs")), Some(Change::Code));
        assert_eq!(classify(folder, service, Path::new("/s/__pycache__/handler.cpython-312.pyc")), None);
        assert_eq!(classify(folder, service, Path::new("/s/.svc/template.json")), None);
        assert_eq!(classify(folder, service, Path::new("/s/handler.py~")), None);
        assert_eq!(classify(folder, service, Path::new("/s/offline.log")), None);
        assert_eq!(classify(folder, service, Path::new("/s/requirements.txt")), Some(Change::Service));
        assert_eq!(classify(folder, service, Path::new("/s/lib/requirements.txt")), Some(Change::Code));
    }
}
