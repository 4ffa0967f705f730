//! The compiler is pure: outside its tests it reads no file, clock,
//! environment, network or process. The front ends bring those: the disk
//! (`svc_lsp::Disk`, through `files::FileSystem`), the build time
//! (`lower::Context::now`) and the environment (`resolve::Options::env`).
//! The test reads the compiler's source, so a new use anywhere is found.

use std::path::{Path, PathBuf};

/// What only an impure program writes.
const IMPURE: &[&str] =
    &["std::fs", "fs::read", "File::open", "SystemTime::now", "Instant::now", "std::env", "std::net", "std::process"];

/// The compiler's source files, except those only its tests compile
/// (declared as `#[cfg(test)] mod name;`), with inline test modules cut.
fn sources() -> Vec<(PathBuf, String)> {
    fn visit(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                visit(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let texts: Vec<(PathBuf, String)> =
        files.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).expect("readable"))).collect();
    let mut test_only = Vec::new();
    for (path, text) in &texts {
        let folder = match path.file_stem().and_then(|s| s.to_str()) {
            Some("mod" | "lib") => path.parent().expect("in src").to_path_buf(),
            _ => path.with_extension(""),
        };
        for (at, marker) in text.match_indices("#[cfg(test)]") {
            let declared = text[at + marker.len()..].trim_start().strip_prefix("mod ");
            if let Some(name) = declared.and_then(|rest| rest.split_once(';')).map(|(name, _)| name.trim())
                && !name.contains(char::is_whitespace)
            {
                test_only.push(folder.join(name));
            }
        }
    }
    texts
        .into_iter()
        .filter(|(path, _)| !test_only.iter().any(|t| path.with_extension("") == *t || path.starts_with(t)))
        .map(|(path, text)| (path, without_inline_tests(&text).to_owned()))
        .collect()
}

/// The text before an inline `#[cfg(test)] mod tests { … }`.
fn without_inline_tests(text: &str) -> &str {
    let inline = text
        .match_indices("#[cfg(test)]")
        .find(|(at, marker)| text[at + marker.len()..].trim_start().starts_with("mod tests {"));
    inline.map_or(text, |(at, _)| &text[..at])
}

/// The impure uses in `text`.
fn impure(text: &str) -> Vec<&'static str> {
    IMPURE.iter().copied().filter(|needle| text.contains(needle)).collect()
}

#[test]
fn the_compiler_reads_no_disk_clock_or_environment() {
    let sources = sources();
    assert!(sources.len() > 100, "the compiler's sources are read ({})", sources.len());
    let found: Vec<String> = sources
        .iter()
        .flat_map(|(path, text)| impure(text).into_iter().map(move |use_| format!("{}: {use_}", path.display())))
        .collect();
    assert!(found.is_empty(), "impure code in the compiler: {found:#?}");
}

#[test]
fn an_impure_use_is_found() {
    assert_eq!(impure("let now = std::time::SystemTime::now();"), ["SystemTime::now"]);
    assert_eq!(impure("std::fs::read_to_string(path)"), ["std::fs", "fs::read"]);
    assert!(impure("#[cfg(test)]\nmod tests { std::fs::read(p) }").len() == 2);
    assert!(impure(without_inline_tests("fn f() {}\n#[cfg(test)]\nmod tests { std::fs::read(p) }")).is_empty());
}
