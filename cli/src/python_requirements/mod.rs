//! The service's Python requirements (`custom.pythonRequirements`),
//! installed for a Lambda platform: `svc build` zips them into the layer
//! `pythonRequirements` or into each Python function's zip, and
//! `svc invoke local` imports them.
//!
//! An install is cached per hash of the requirements (after `noDeploy`),
//! the platform and the options that change what is installed, so a second
//! build installs nothing. The cache folder holds the installed tree
//! (`python/`, as Lambda mounts a layer at `/opt/python`), the layer's zip
//! and a manifest; the zip's bytes depend only on the installed files.

mod pip;
mod platform;
mod requirements_file;
mod slim;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use svc_compiler::python_requirements::{LAYER, PythonRequirements};

pub use platform::Platform;

use crate::install_cache as cache;
use crate::package::{Files, UNZIPPED_LIMIT, everything, largest, megabytes, zip};
use crate::replace_file::replace_file;

/// What to do about requirements over Lambda's limit.
pub const NARROWER: &str = "leave some out with `noDeploy`, or set `slim = true`";

/// The file name of the layer's zip, in the cache and in the build.
pub const LAYER_ZIP: &str = "pythonRequirements.zip";

/// What the cache folder of an install records.
const MANIFEST: &str = "svc-install.json";

/// Bumped when svc changes how it installs, so older installs are not
/// taken for new ones.
const FORMAT: &[u8] = b"svc python requirements 1";

/// An install of the requirements for one platform.
pub type Installed = cache::Installed<Manifest>;

/// What was installed.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The platform, such as `python3.12 on arm64`.
    pub platform: String,
    /// Each package as `name version`, sorted.
    pub packages: Vec<String>,
    /// The size of the installed files, in bytes.
    pub unzipped: u64,
}

impl Installed {
    /// The installed packages: the folder Lambda's `/opt/python` is.
    pub fn site(&self) -> PathBuf {
        self.folder.join("python")
    }

    /// The layer's zip (entries under `python/`).
    pub fn layer_zip(&self) -> PathBuf {
        self.folder.join(LAYER_ZIP)
    }

    /// The installed files, named as in a function's zip (at its root).
    pub fn files(&self) -> Result<Files, String> {
        everything(&self.site())
    }

    /// One line for the build's output: what, for which platform, and
    /// whether it was installed or taken from the cache.
    pub fn summary(&self) -> String {
        let how = self.how();
        format!(
            "{LAYER}: {} for {}, {} ({how})",
            crate::output::plural(self.manifest.packages.len(), "package"),
            self.manifest.platform,
            crate::output::size(self.manifest.unzipped)
        )
    }
}

/// Installs the requirements of the service in `folder` for `platform`,
/// or takes the install from the cache; `Err` is why not, in a sentence.
pub fn install(requirements: &PythonRequirements, folder: &Path, platform: &Platform) -> Result<Installed, String> {
    let file = folder.join(&requirements.file_name);
    let text = requirements_file::prepare(
        &file,
        &requirements.no_deploy,
        requirements_file::Sources {
            pipenv: requirements.use_pipenv,
            poetry: requirements.use_poetry,
            uv: requirements.use_uv,
        },
    )?;
    let options =
        [requirements.slim_patterns.join("\n"), requirements.strip.to_string(), requirements.pip_args.join("\n")];
    let key = cache::key(&[
        FORMAT,
        text.as_bytes(),
        platform.python.as_bytes(),
        platform.architecture.as_bytes(),
        options[0].as_bytes(),
        options[1].as_bytes(),
        options[2].as_bytes(),
    ]);
    let root = cache::root(requirements.cache_location.as_deref(), folder, "python")?;
    let place = root.join(&key);
    if requirements.use_cache
        && let Some(manifest) = read_manifest(&place)
    {
        return Ok(Installed { folder: place, manifest, cached: true, seconds: 0.0 });
    }
    let started = Instant::now();
    let staging = cache::staging(&root)?;
    let made = make(requirements, folder, platform, &text, &staging);
    let manifest = match made {
        Ok(manifest) => manifest,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    cache::publish(&staging, &place, !requirements.use_cache)?;
    Ok(Installed { folder: place, manifest, cached: false, seconds: started.elapsed().as_secs_f64() })
}

/// Installs into `staging`: pip, `slim`, the layer's zip, the manifest.
fn make(
    requirements: &PythonRequirements,
    folder: &Path,
    platform: &Platform,
    text: &str,
    staging: &Path,
) -> Result<Manifest, String> {
    let listed = staging.join("requirements.txt");
    replace_file(&listed, text.as_bytes())?;
    let site = staging.join("python");
    pip::install(&pip::Install {
        python: requirements.python_bin.as_deref(),
        requirements: &listed,
        target: &site,
        platform,
        extra: &requirements.pip_args,
        download_cache: requirements.use_download_cache,
        folder,
    })?;
    std::fs::create_dir_all(&site).map_err(|e| format!("{}: {e}", site.display()))?;
    let packages = packages(&site);
    if requirements.slim {
        slim::remove(&site, &requirements.slim_patterns)?;
        if requirements.strip {
            slim::strip(&site);
        }
    }
    let files = everything(&site)?;
    if files.unzipped > UNZIPPED_LIMIT {
        return Err(format!(
            "the packages are {} unzipped, over Lambda's 250 MB limit; {}; {NARROWER}",
            megabytes(files.unzipped),
            largest(&files)
        ));
    }
    let files = files.prefix("python/");
    let layer = zip(&files, "", LAYER_ZIP)?;
    replace_file(&staging.join(LAYER_ZIP), &layer.bytes)?;
    let manifest = Manifest { platform: platform.to_string(), packages, unzipped: files.unzipped };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    replace_file(&staging.join(MANIFEST), &json)?;
    Ok(manifest)
}

/// The manifest of a finished install at `place`, if there is one.
fn read_manifest(place: &Path) -> Option<Manifest> {
    let bytes = svc_lsp::regular_file::read_regular(&place.join(MANIFEST), 1 << 20).ok()?;
    let manifest: Manifest = serde_json::from_slice(&bytes).ok()?;
    (place.join(LAYER_ZIP).is_file() && place.join("python").is_dir()).then_some(manifest)
}

/// The packages pip installed into `site`, from their `*.dist-info`
/// folders (`six-1.16.0.dist-info` → `six 1.16.0`), sorted.
fn packages(site: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(site)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".dist-info")?;
            let (package, version) = stem.rsplit_once('-')?;
            Some(format!("{package} {version}"))
        })
        .collect();
    found.sort();
    found
}
