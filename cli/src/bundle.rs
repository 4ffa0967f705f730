//! esbuild bundles of Node.js functions (`build.esbuild`,
//! `custom.esbuild`): the handler's source (TypeScript or JavaScript) and
//! what it imports become one file, `<handler module>.js`, for the
//! function's own zip. esbuild is the pinned [`ESBUILD_VERSION`], installed
//! from npm once into the user's cache folder (or `SVC_ESBUILD` names a
//! binary).
//!
//! Bundles are the same bytes every time: esbuild's output is
//! deterministic, and svc writes the source map itself (from esbuild's
//! external map, its `sources` made relative to the service folder), so a
//! map never names the temporary folder the bundle was written in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde_json::Value;
use svc_compiler::esbuild::{Esbuild, SourceMap};
use svc_lsp::regular_file::read_regular;

use crate::install_cache;
use crate::installer;
use crate::package::Files;
use crate::replace_file::replace_file;

/// The esbuild svc installs, pinned so that a bundle does not change with
/// the machine.
pub const ESBUILD_VERSION: &str = "0.28.2";

/// The largest bundle or source map read back (Lambda's unzipped limit).
const LIMIT: u64 = 250 * 1024 * 1024;

/// One handler to bundle: `src/api.handler` on `nodejs22.x`.
pub struct Handler<'a> {
    /// The function's `handler`.
    pub handler: &'a str,
    /// The function's runtime.
    pub runtime: &'a str,
}

/// Bundles `handlers` of the service in `folder` into `out`, with one
/// esbuild run per target (esbuild builds many entry points at once, each
/// its own bundle); for each handler, in order, the files of its zip (the
/// bundle, and its map when kept as a file), or what went wrong with
/// esbuild's own message. When a run fails, each of its handlers is
/// bundled alone, so each error is its own handler's.
pub fn bundle(settings: &Esbuild, folder: &Path, handlers: &[Handler<'_>], out: &Path) -> Vec<Result<Bundle, String>> {
    let mut results: Vec<Option<Result<Bundle, String>>> = handlers.iter().map(|_| None).collect();
    let mut runs: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (index, handler) in handlers.iter().enumerate() {
        match source(folder, handler.handler) {
            Some(source) => {
                let target = settings.target.clone().unwrap_or_else(|| target(handler.runtime));
                runs.entry(target).or_default().push((index, source));
            }
            None => {
                results[index] = Some(Err(format!(
                    "no source for `{}`: no .ts, .js (or .tsx, .jsx, .mts, .mjs, .cts, .cjs) file of its module exists",
                    handler.handler
                )))
            }
        }
    }
    for (target, entries) in runs {
        let mut sources: Vec<&str> = entries.iter().map(|(_, s)| s.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        let whole = run(settings, folder, &target, &sources, out);
        for (index, source) in &entries {
            let outcome = match &whole {
                Ok(()) => files(settings, folder, source, out),
                Err(_) if entries.len() > 1 => {
                    run(settings, folder, &target, &[source], out).and_then(|()| files(settings, folder, source, out))
                }
                Err(why) => Err(why.clone()),
            };
            results[*index] = Some(outcome);
        }
    }
    results.into_iter().map(|r| r.unwrap_or_else(|| Err("not bundled".to_owned()))).collect()
}

/// A function's bundle.
pub struct Bundle {
    /// The files of its zip: the bundle, and its map when kept as a file.
    pub files: Files,
    /// The handler's source, relative to the service folder (`src/api.ts`).
    pub source: String,
    /// What the bundle exports, when esbuild says: an ES module's exports
    /// (its metafile), or the names esbuild annotates at the end of a
    /// CommonJS bundle made from ES exports; `None` for a CommonJS
    /// source, whose exports are only known when it runs.
    pub exports: Option<Vec<String>>,
}

/// esbuild's metafile of a run, in the output folder (not zipped).
const METAFILE: &str = ".esbuild-meta.json";

/// One esbuild run: `sources` (relative to `folder`) bundled into `out`,
/// each at its own path with the extension `.js` (`.mjs` for ES modules).
fn run(settings: &Esbuild, folder: &Path, target: &str, sources: &[&str], out: &Path) -> Result<(), String> {
    let mut command = std::process::Command::new(esbuild(folder)?);
    command
        .args(sources)
        .args(["--platform=node", "--log-level=error", "--color=false", "--charset=utf8", "--outbase=."])
        .arg(format!("--format={}", if settings.esm { "esm" } else { "cjs" }))
        .arg(format!("--target={target}"))
        .arg(format!("--outdir={}", out.display()))
        .arg(format!("--out-extension:.js={}", extension(settings)))
        .arg("--external:@aws-sdk/*")
        .arg(format!("--metafile={}", out.join(METAFILE).display()))
        .current_dir(folder);
    if settings.bundle {
        command.arg("--bundle");
    }
    if settings.minify {
        command.arg("--minify");
    }
    if settings.keep_names {
        command.arg("--keep-names");
    }
    for package in settings.external.iter().chain(&settings.exclude) {
        command.arg(format!("--external:{package}"));
    }
    if settings.sourcemap.is_some() {
        command.arg("--sourcemap=external");
    }
    let what = if sources.len() == 1 {
        format!("bundling {}", sources[0])
    } else {
        format!("bundling {} handlers", sources.len())
    };
    let ended = installer::run(&mut command, &what, "set SVC_ESBUILD to an esbuild binary")?;
    if ended.success { Ok(()) } else { Err(esbuild_error(&ended.stderr)) }
}

/// `.js`, or `.mjs` for ES modules.
fn extension(settings: &Esbuild) -> &'static str {
    if settings.esm { ".mjs" } else { ".js" }
}

/// The bundle of `source` in `out`: the bundle (`src/api.ts` →
/// `src/api.js`) and, when kept, its map, and what it exports.
fn files(settings: &Esbuild, folder: &Path, source: &str, out: &Path) -> Result<Bundle, String> {
    let stem = source.rsplit_once('.').map_or(source, |(stem, _)| stem);
    let name = format!("{stem}{}", extension(settings));
    let outfile = out.join(&name);
    let mut files = vec![(name.clone(), outfile.clone())];
    if let Some(kind) = settings.sourcemap {
        files.extend(source_map(kind, folder, &outfile, &format!("{name}.map"))?);
    }
    let unzipped = files.iter().map(|(_, path)| std::fs::metadata(path).map_or(0, |m| m.len())).sum();
    files.sort();
    let exports = if settings.esm { Some(metafile_exports(out, source)?) } else { annotated_exports(&outfile)? };
    Ok(Bundle { files: Files { list: files, unzipped }, source: source.to_owned(), exports })
}

/// What the ES module bundle of the entry point `source` exports, from the
/// metafile of the run that made it.
fn metafile_exports(out: &Path, source: &str) -> Result<Vec<String>, String> {
    let meta: Value =
        serde_json::from_slice(&read(&out.join(METAFILE))?).map_err(|e| format!("esbuild's metafile: {e}"))?;
    let outputs = meta.get("outputs").and_then(Value::as_object).into_iter().flatten();
    let entry = outputs.map(|(_, output)| output).find(|o| o.get("entryPoint").and_then(Value::as_str) == Some(source));
    let names = entry.and_then(|o| o.get("exports")).and_then(Value::as_array).into_iter().flatten();
    Ok(names.filter_map(Value::as_str).map(str::to_owned).collect())
}

/// The export names esbuild annotates at the end of a CommonJS bundle of
/// ES exports (`0 && (module.exports = { handler, other });`, minified
/// or not); `None` when there is no such line (a CommonJS source).
fn annotated_exports(bundle: &Path) -> Result<Option<Vec<String>>, String> {
    let text = String::from_utf8_lossy(&read(bundle)?).into_owned();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let Some((_, after)) = compact.rsplit_once("0&&(module.exports={") else { return Ok(None) };
    let Some((names, _)) = after.split_once("});") else { return Ok(None) };
    Ok(Some(names.split(',').filter(|n| !n.is_empty()).map(str::to_owned).collect()))
}

/// The source file of the handler's module, relative to `folder`, looked
/// up as serverless-esbuild does: for each extension in [`EXTENSIONS`]
/// order, `<module><ext>`, then `<module>/index<ext>`.
fn source(folder: &Path, handler: &str) -> Option<String> {
    let module = svc_compiler::handler::node_module(handler)?;
    EXTENSIONS
        .iter()
        .flat_map(|ext| [format!("{module}{ext}"), format!("{module}/index{ext}")])
        .find(|candidate| folder.join(candidate).is_file())
}

/// The extensions of a handler's source, TypeScript first (so a `.ts`
/// source wins over a `.js` file compiled beside it, as in
/// serverless-esbuild).
const EXTENSIONS: [&str; 8] = [".ts", ".js", ".jsx", ".tsx", ".mts", ".mjs", ".cts", ".cjs"];

/// esbuild's target for a runtime: `nodejs20.x` → `node20`.
fn target(runtime: &str) -> String {
    let major = runtime.trim_start_matches("nodejs").trim_end_matches(".x");
    format!("node{major}")
}

/// Writes the source map of the bundle at `outfile` as `kind` asks, from
/// esbuild's external map beside it (its `sources` made relative to
/// `folder`); the map file for the zip, when kept.
fn source_map(
    kind: SourceMap,
    folder: &Path,
    outfile: &Path,
    map_name: &str,
) -> Result<Option<(String, PathBuf)>, String> {
    let map_path = outfile.with_file_name(format!("{}.map", file_name(outfile)));
    let mut map: Value = serde_json::from_slice(&read(&map_path)?).map_err(|e| format!("source map: {e}"))?;
    let base = outfile.parent().unwrap_or(Path::new("."));
    let folder = folder.canonicalize().map_err(|e| format!("{}: {e}", folder.display()))?;
    if let Some(sources) = map.get_mut("sources").and_then(Value::as_array_mut) {
        for source in sources.iter_mut() {
            let Some(relative) = source.as_str() else { continue };
            let resolved = base.join(relative).canonicalize().ok();
            if let Some(inside) = resolved.as_deref().and_then(|p| p.strip_prefix(&folder).ok()) {
                *source = Value::String(inside.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let text = serde_json::to_vec(&map).map_err(|e| e.to_string())?;
    let mut bundle = read(outfile)?;
    if matches!(kind, SourceMap::Inline | SourceMap::Both) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(&text);
        bundle.extend_from_slice(format!("//# sourceMappingURL=data:application/json;base64,{encoded}\n").as_bytes());
    } else if kind == SourceMap::Linked {
        bundle.extend_from_slice(format!("//# sourceMappingURL={}\n", file_name(&map_path)).as_bytes());
    }
    replace_file(outfile, &bundle)?;
    if kind == SourceMap::Inline {
        return Ok(None);
    }
    replace_file(&map_path, &text)?;
    let name = map_name.to_owned();
    Ok(Some((name, map_path)))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    read_regular(path, LIMIT).map_err(|e| format!("{}: {e}", path.display()))
}

/// esbuild's complaint: its first lines (`✘ [ERROR] …` and where).
fn esbuild_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).take(6).collect();
    if lines.is_empty() {
        "esbuild failed and said nothing".to_owned()
    } else {
        format!("esbuild: {}", lines.join(" / "))
    }
}

/// The esbuild binary: `SVC_ESBUILD`, else svc's pinned esbuild, installed
/// from npm into the cache the first time.
fn esbuild(folder: &Path) -> Result<PathBuf, String> {
    if let Some(binary) = std::env::var_os("SVC_ESBUILD").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(binary));
    }
    let root = install_cache::root(None, folder, "esbuild")?;
    let place = root.join(ESBUILD_VERSION);
    if let Some(binary) = binary_in(&place) {
        return Ok(binary);
    }
    let staging = install_cache::staging(&root)?;
    let installed = install_esbuild(&staging);
    if let Err(e) = installed {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    install_cache::publish(&staging, &place, false)?;
    binary_in(&place).ok_or_else(|| format!("esbuild@{ESBUILD_VERSION} has no binary for this machine"))
}

/// `npm install esbuild@VERSION` into `staging`.
fn install_esbuild(staging: &Path) -> Result<(), String> {
    replace_file(&staging.join("package.json"), b"{\"private\":true}\n")?;
    let npm = installer::on_path(&["npm"])
        .ok_or("esbuild is installed with npm, which is not on PATH: install Node.js with npm, or set SVC_ESBUILD")?;
    let mut command = std::process::Command::new(npm);
    command
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"])
        .arg(format!("esbuild@{ESBUILD_VERSION}"))
        .current_dir(staging);
    let ended =
        installer::run(&mut command, &format!("installing esbuild@{ESBUILD_VERSION}"), "install Node.js with npm")?;
    if ended.success {
        Ok(())
    } else {
        let last = ended.stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        Err(format!("esbuild@{ESBUILD_VERSION} could not be installed from npm: {}", last.trim()))
    }
}

/// The native esbuild binary of this machine in an install at `place`.
fn binary_in(place: &Path) -> Option<PathBuf> {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let binary = place.join("node_modules/@esbuild").join(format!("{os}-{arch}")).join("bin/esbuild");
    binary.is_file().then_some(binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_follows_the_runtime() {
        assert_eq!(target("nodejs20.x"), "node20");
        assert_eq!(target("nodejs22.x"), "node22");
    }

    #[test]
    fn esbuild_errors_keep_their_first_lines() {
        let stderr = "✘ [ERROR] Expected \";\" but found \"x\"\n\n    src/api.ts:3:8:\n      3 │ const a x = 1;\n        ╵         ^\n\n1 error\n";
        let said = esbuild_error(stderr);
        assert!(said.starts_with("esbuild: ✘ [ERROR] Expected") && said.contains("src/api.ts:3:8"), "{said}");
    }
}
