//! The production dependencies of a Node.js service: `dependencies` of
//! `package.json`, pinned by `package-lock.json` (or
//! `npm-shrinkwrap.json`, pnpm's `pnpm-lock.yaml` or yarn 1's
//! `yarn.lock`), installed with `npm ci --omit=dev` (or `pnpm install
//! --prod --frozen-lockfile` with a flat `node_modules`, or `yarn install
//! --production --frozen-lockfile`) for the function's Lambda platform
//! (`--os linux --cpu x64|arm64 --libc glibc`, so optional native packages
//! are Lambda's; for yarn, which cannot choose, every platform's are
//! installed and the others removed). `svc build` zips them as the
//! function's `node_modules` instead of the service folder's own, which
//! holds the dev dependencies too (the Serverless Framework leaves those
//! out as well: `package.excludeDevDependencies`).
//!
//! An install is cached per hash of `package.json`, the lock file and the
//! platform, in `svc/node` of the user's cache folder, so a second build
//! runs no npm.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use svc_lsp::regular_file::read_regular;

use crate::install_cache;
use crate::installer;
use crate::package::{Files, everything};
use crate::replace_file::replace_file;

/// The lock files svc installs from, in the order it prefers them, and the
/// tool that reads each.
const LOCKS: [(&str, Tool); 4] = [
    ("npm-shrinkwrap.json", Tool::Npm),
    ("package-lock.json", Tool::Npm),
    ("pnpm-lock.yaml", Tool::Pnpm),
    ("yarn.lock", Tool::Yarn),
];

/// The package manager a lock file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// `npm ci --omit=dev`.
    Npm,
    /// `pnpm install --prod --frozen-lockfile`, with a flat (`hoisted`)
    /// `node_modules` as Lambda needs (pnpm 10 or later, for `--cpu`).
    Pnpm,
    /// `yarn install --production --frozen-lockfile` (yarn 1, whose lock
    /// file has no `__metadata`). yarn 1 cannot choose another machine's
    /// optional packages, so it installs every platform's
    /// (`--ignore-platform`) and svc removes those whose `os`, `cpu` or
    /// `libc` is not Lambda's.
    Yarn,
}

/// A lock file and the tool that installs from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    /// The lock file.
    pub path: PathBuf,
    /// Its package manager.
    pub tool: Tool,
}

/// What the cache folder of an install records.
const MANIFEST: &str = "svc-install.json";

/// Bumped when svc changes how it installs.
const FORMAT: &[u8] = b"svc node dependencies 1";

/// The largest `package.json` or lock file read.
const LIMIT: u64 = 64 * 1024 * 1024;

/// A Lambda Node.js platform: the runtime and the architecture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    /// The runtime, such as `nodejs20.x`.
    pub runtime: String,
    /// `x86_64` or `arm64`, as Lambda names them.
    pub architecture: &'static str,
}

impl Platform {
    /// The platform of `runtime` on `architecture` (`None` is `x86_64`);
    /// `None` for a runtime that is not Node.js.
    pub fn of(runtime: &str, architecture: Option<&str>) -> Option<Platform> {
        runtime.starts_with("nodejs").then(|| Platform {
            runtime: runtime.to_owned(),
            architecture: if architecture == Some("arm64") { "arm64" } else { "x86_64" },
        })
    }

    /// npm's options that choose optional packages for this platform.
    fn npm_options(&self) -> [String; 3] {
        let cpu = if self.architecture == "arm64" { "arm64" } else { "x64" };
        [format!("--cpu={cpu}"), "--os=linux".to_owned(), "--libc=glibc".to_owned()]
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} on {}", self.runtime, self.architecture)
    }
}

/// An install of the production dependencies for one platform.
pub type Installed = install_cache::Installed<Manifest>;

/// What was installed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The platform, such as `nodejs20.x on arm64`.
    pub platform: String,
    /// How many packages (folders with a `package.json` in `node_modules`).
    pub packages: usize,
    /// The size of the installed files, in bytes.
    pub unzipped: u64,
}

impl Installed {
    /// The installed files, named as in a function's zip
    /// (`node_modules/…`).
    pub fn files(&self) -> Result<Files, String> {
        let mut files = everything(&self.folder.join("node_modules"))?;
        // pnpm's and yarn's own records of the install (pnpm's hold the
        // time it ran).
        files.retain(|name| !(name.starts_with(".pnpm") || name == ".modules.yaml" || name == ".yarn-integrity"));
        Ok(files.prefix("node_modules/"))
    }

    /// One line for the build's output.
    pub fn summary(&self) -> String {
        let how = self.how();
        format!(
            "node_modules: {} for {}, {} ({how})",
            crate::output::plural(self.manifest.packages, "production package"),
            self.manifest.platform,
            crate::output::size(self.manifest.unzipped)
        )
    }
}

/// The lock file of the Node.js project in `folder`, when its
/// `package.json` has `dependencies` to install.
pub fn lock_file(folder: &Path) -> Option<Lock> {
    let manifest = read_json(&folder.join("package.json")).ok()?;
    let dependencies = manifest.get("dependencies").and_then(Value::as_object)?;
    if dependencies.is_empty() {
        return None;
    }
    LOCKS.iter().map(|(name, tool)| Lock { path: folder.join(name), tool: *tool }).find(|lock| lock.path.is_file())
}

/// Installs the production dependencies of the project in `folder` (whose
/// lock file is `lock`) for `platform`, or takes them from the cache;
/// `Err` is why not, in a sentence.
pub fn install(folder: &Path, lock: &Lock, platform: &Platform) -> Result<Installed, String> {
    let package = read_regular(&folder.join("package.json"), LIMIT).map_err(|e| format!("package.json: {e}"))?;
    let locked = read_regular(&lock.path, LIMIT).map_err(|e| format!("{}: {e}", lock.path.display()))?;
    let key =
        install_cache::key(&[FORMAT, &package, &locked, platform.runtime.as_bytes(), platform.architecture.as_bytes()]);
    let root = install_cache::root(None, folder, "node")?;
    let place = root.join(&key);
    if let Some(manifest) = read_manifest(&place) {
        return Ok(Installed { folder: place, manifest, cached: true, seconds: 0.0 });
    }
    let started = Instant::now();
    let staging = install_cache::staging(&root)?;
    let made = make(folder, lock, &package, &locked, platform, &staging);
    let manifest = match made {
        Ok(manifest) => manifest,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    install_cache::publish(&staging, &place, false)?;
    Ok(Installed { folder: place, manifest, cached: false, seconds: started.elapsed().as_secs_f64() })
}

/// Installs into `staging`: the project's manifest, lock file, `.npmrc`
/// (and pnpm's workspace file) and local (`file:`) dependencies copied
/// there, then the lock file's tool.
fn make(
    folder: &Path,
    lock: &Lock,
    package: &[u8],
    locked: &[u8],
    platform: &Platform,
    staging: &Path,
) -> Result<Manifest, String> {
    replace_file(&staging.join("package.json"), package)?;
    replace_file(&staging.join(lock.path.file_name().unwrap_or_default()), locked)?;
    for config in [".npmrc", "pnpm-workspace.yaml"] {
        if let Ok(bytes) = read_regular(&folder.join(config), 1 << 20) {
            replace_file(&staging.join(config), &bytes)?;
        }
    }
    link_local_dependencies(folder, package, staging)?;
    if lock.tool == Tool::Yarn && String::from_utf8_lossy(locked).lines().any(|l| l.starts_with("__metadata:")) {
        return Err("yarn.lock is yarn 2 or later's, which svc does not read: use yarn 1, npm or pnpm, or set `package.excludeDevDependencies = false` to zip node_modules as it is".to_owned());
    }
    let (program, arguments, missing): (&str, &[&str], &str) = match lock.tool {
        Tool::Npm => {
            ("npm", &["ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"], "install Node.js with npm")
        }
        Tool::Yarn => (
            "yarn",
            &["install", "--production", "--frozen-lockfile", "--non-interactive", "--silent", "--ignore-platform"],
            "install yarn 1 (npm install -g yarn)",
        ),
        Tool::Pnpm => (
            "pnpm",
            &["install", "--prod", "--frozen-lockfile", "--config.node-linker=hoisted", "--reporter=silent"],
            "install pnpm 10 or later (npm install -g pnpm)",
        ),
    };
    let tool = installer::on_path(&[program]).ok_or_else(|| format!("{program} is not on PATH: {missing}"))?;
    let mut command = std::process::Command::new(tool);
    command.args(arguments).current_dir(staging);
    if lock.tool != Tool::Yarn {
        command.args(platform.npm_options());
    }
    let ended = installer::run(&mut command, &format!("installing node_modules for {platform}"), missing)?;
    if !ended.success {
        return Err(explain(&ended.stderr, program));
    }
    let installed = staging.join("node_modules");
    std::fs::create_dir_all(&installed).map_err(|e| format!("{}: {e}", installed.display()))?;
    if lock.tool == Tool::Yarn {
        remove_other_platforms(&installed, platform)?;
    }
    let files = everything(&installed)?;
    let packages = files.list.iter().filter(|(name, _)| is_package_manifest(name)).count();
    let manifest = Manifest { platform: platform.to_string(), packages, unzipped: files.unzipped };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    replace_file(&staging.join(MANIFEST), &json)?;
    Ok(manifest)
}

/// Removes from `node_modules` the packages made for another platform than
/// Lambda's: those whose `package.json` lists `os`, `cpu` or `libc` without
/// `linux`, the function's CPU (`x64`, `arm64`) or `glibc` (a `!value`
/// excludes one).
fn remove_other_platforms(node_modules: &Path, platform: &Platform) -> Result<(), String> {
    let cpu = if platform.architecture == "arm64" { "arm64" } else { "x64" };
    let wanted = [("os", "linux"), ("cpu", cpu), ("libc", "glibc")];
    let mut walk = walkdir::WalkDir::new(node_modules).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.file_type().is_dir() || !entry.path().join("package.json").is_file() {
            continue;
        }
        let Ok(manifest) = read_json(&entry.path().join("package.json")) else { continue };
        let fits = wanted.iter().all(|(field, value)| match manifest.get(*field).and_then(Value::as_array) {
            None => true,
            Some(allowed) => {
                let names: Vec<&str> = allowed.iter().filter_map(Value::as_str).collect();
                let negated = names.iter().any(|n| n.starts_with('!'));
                if negated { !names.contains(&format!("!{value}").as_str()) } else { names.contains(value) }
            }
        });
        if !fits {
            walk.skip_current_dir();
            std::fs::remove_dir_all(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Whether `name` (relative to `node_modules`) is a package's own
/// `package.json`: `x/package.json` or `@scope/x/package.json`, also
/// nested under another package's `node_modules`.
fn is_package_manifest(name: &str) -> bool {
    let Some(folder) = name.strip_suffix("/package.json") else { return false };
    let last = folder.rsplit("node_modules/").next().unwrap_or(folder);
    let parts: Vec<&str> = last.split('/').collect();
    matches!(parts.as_slice(), [one] if !one.starts_with('@'))
        || matches!(parts.as_slice(), [scope, _] if scope.starts_with('@'))
}

/// The dependencies of every kind written as local paths
/// (`file:vendor/x.tgz`, `file:../lib`), linked into `staging` at the same
/// relative place, so that the package manager finds them there (yarn
/// checks even the dev ones against its lock file).
fn link_local_dependencies(folder: &Path, package: &[u8], staging: &Path) -> Result<(), String> {
    let manifest: Value = serde_json::from_slice(package).map_err(|e| format!("package.json: {e}"))?;
    let kinds = ["dependencies", "optionalDependencies", "devDependencies", "peerDependencies"];
    let specs = kinds.iter().filter_map(|kind| manifest.get(kind).and_then(Value::as_object)).flat_map(|d| d.values());
    for spec in specs.filter_map(Value::as_str) {
        let Some(path) = spec.strip_prefix("file:") else { continue };
        let (from, to) = (folder.join(path), staging.join(path));
        if !to.starts_with(staging) || to.exists() {
            continue;
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        symlink(&from, &to).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    Ok(())
}

#[cfg(unix)]
fn symlink(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(std::path::absolute(from)?, to)
}

#[cfg(not(unix))]
fn symlink(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::copy(from, to).map(|_| ())
}

/// One sentence for what the package manager `program` said went wrong
/// on `stderr`.
fn explain(stderr: &str, program: &str) -> String {
    let errors: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("npm error ").or_else(|| l.strip_prefix("npm ERR! ")).or(Some(l)))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("A complete log") && !l.starts_with('│') && !l.starts_with('╭'))
        .collect();
    let unreachable = ["ENOTFOUND", "ECONNREFUSED", "ETIMEDOUT", "EAI_AGAIN", "network request"];
    if unreachable.iter().any(|u| stderr.contains(u)) {
        return format!("the npm registry cannot be reached ({})", errors.first().unwrap_or(&"no answer"));
    }
    if stderr.contains("EUSAGE") || stderr.contains("in sync") || stderr.contains("ERR_PNPM_OUTDATED_LOCKFILE") {
        return format!("package.json and the lock file disagree: run `{program} install` to update the lock file");
    }
    format!("{program} failed: {}", errors.iter().take(3).copied().collect::<Vec<_>>().join(" / "))
}

/// The manifest of a finished install at `place`, if there is one.
fn read_manifest(place: &Path) -> Option<Manifest> {
    let bytes = read_regular(&place.join(MANIFEST), 1 << 20).ok()?;
    let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
    place.join("node_modules").is_dir().then_some(manifest)
}

fn read_json(path: &Path) -> Result<Value, String> {
    let bytes = read_regular(path, LIMIT).map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_manifests_are_counted_once_per_package() {
        assert!(is_package_manifest("left-pad/package.json"));
        assert!(is_package_manifest("@aws/sdk/package.json"));
        assert!(is_package_manifest("a/node_modules/b/package.json"));
        assert!(!is_package_manifest("left-pad/lib/package.json"));
        assert!(!is_package_manifest("@aws/package.json"));
    }

    #[test]
    fn platforms_choose_npm_cpu_names() {
        let arm = Platform::of("nodejs20.x", Some("arm64")).expect("node");
        assert_eq!(arm.npm_options()[0], "--cpu=arm64");
        assert_eq!(Platform::of("nodejs22.x", None).expect("node").npm_options()[0], "--cpu=x64");
        assert_eq!(Platform::of("python3.12", None), None);
    }
}
