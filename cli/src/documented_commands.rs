//! Every `svc …` command line shown in a shell block of the README and the
//! docs parses with svc's own argument parser: a renamed flag or command
//! cannot leave the documentation behind.

use std::path::Path;

use clap::Parser;

use crate::Cli;

/// The documents a user reads, from the repository root.
const DOCUMENTS: &[&str] = &["README.md", "editors/README.md", "bench/README.md"];

/// The `svc` command lines of the shell blocks (```sh, ```bash, ```console)
/// of `markdown`: the part of each line from `svc` (or `cargo run -p svc
/// --`) up to a `|`, `&&`, `;` or `#` comment, as words.
fn command_lines(markdown: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut in_shell = false;
    for line in markdown.lines() {
        let trimmed = line.trim();
        if let Some(fence) = trimmed.strip_prefix("```") {
            in_shell = !in_shell && matches!(fence, "sh" | "bash" | "console" | "shell");
            continue;
        }
        if !in_shell {
            continue;
        }
        let line = trimmed.strip_prefix("$ ").unwrap_or(trimmed);
        for part in line.split(['|', ';']).flat_map(|p| p.split("&&")) {
            let part = part.split(" #").next().unwrap_or_default().trim();
            let part = part.strip_prefix("cargo run -p svc --").map_or(part.to_owned(), |rest| format!("svc{rest}"));
            let Some(words) = shlex::split(&part) else { continue };
            // Leading `NAME=value` assignments set the environment.
            let words: Vec<String> = words.into_iter().skip_while(|w| w.contains('=') && !w.starts_with('-')).collect();
            if words.first().is_some_and(|w| w == "svc") {
                out.push(words);
            }
        }
    }
    out
}

/// README.md, editors/README.md, bench/README.md and every docs/*.md.
fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths: Vec<_> = DOCUMENTS.iter().map(|d| root.join(d)).collect();
    let docs = std::fs::read_dir(root.join("docs")).expect("docs/ exists");
    paths.extend(docs.map(|e| e.expect("docs entry").path()).filter(|p| p.extension().is_some_and(|x| x == "md")));
    paths.sort();
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("a readable document")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_svc_command_parses() {
        let mut checked = 0;
        for (path, text) in documents() {
            for words in command_lines(&text) {
                if let Err(error) = Cli::try_parse_from(&words) {
                    panic!("{path}: `{}` does not parse:\n{error}", words.join(" "));
                }
                checked += 1;
            }
        }
        assert!(checked >= 25, "only {checked} documented commands found");
    }

    #[test]
    fn a_misspelt_flag_in_a_shell_block_is_caught() {
        let words = command_lines("```sh\nFOO=1 svc logs -f hello --tial  # follow\n```\n");
        assert_eq!(words, vec![vec!["svc", "logs", "-f", "hello", "--tial"]]);
        assert!(Cli::try_parse_from(&words[0]).is_err());
        let piped = command_lines("```bash\necho '{}' | svc invoke local -f hello && svc logs\n```\n");
        assert_eq!(piped.len(), 2);
        assert!(piped.iter().all(|w| Cli::try_parse_from(w).is_ok()));
    }
}
