//! The event an invocation sends: `--data JSON`, `--path FILE` (JSON, or
//! YAML for `.yml`/`.yaml`), or standard input when it is not a terminal.
//! Bad JSON is one line with its position.

use std::io::{IsTerminal, Read};
use std::path::Path;

use serde_json::Value;
use svc_lsp::regular_file::read_regular;

/// The largest event read (Lambda takes 6 MB for a synchronous call): a
/// bound on what a wrong path or an endless pipe can take.
pub const LIMIT: u64 = 6 * 1024 * 1024;

/// The event from `data`, else the file at `path`, else standard input
/// (nothing when it is a terminal or empty: the function gets `{}`).
pub fn read(data: Option<&str>, path: Option<&Path>) -> Result<Option<Value>, String> {
    if let Some(data) = data {
        return parse_json(data, "--data").map(Some);
    }
    if let Some(path) = path {
        let bytes = read_regular(path, LIMIT).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))?;
        let name = path.display().to_string();
        let yaml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml"));
        return if yaml { parse_yaml(&text, &name) } else { parse_json(&text, &name) }.map(Some);
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(None);
    }
    let mut text = String::new();
    stdin
        .lock()
        .take(LIMIT + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the event from standard input: {e}"))?;
    if text.len() as u64 > LIMIT {
        return Err(format!("the event on standard input is over {} MB", LIMIT / 1024 / 1024));
    }
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_json(&text, "standard input").map(Some)
}

/// `text` as JSON; an error names `source`, the line and the column.
pub fn parse_json(text: &str, source: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
        format!("{source} is not valid JSON: {what} at line {}, column {}", e.line(), e.column())
    })
}

fn parse_yaml(text: &str, source: &str) -> Result<Value, String> {
    serde_norway::from_str(text).map_err(|e| match e.location() {
        Some(at) => format!("{source} is not valid YAML: {e} (line {}, column {})", at.line(), at.column()),
        None => format!("{source} is not valid YAML: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_json, parse_yaml};

    #[test]
    fn bad_json_names_its_line_and_column() {
        let error = parse_json("{\n  \"a\": 1,\n  oops\n}", "--data").expect_err("bad JSON");
        assert_eq!(error, "--data is not valid JSON: key must be a string at line 3, column 3");
        assert_eq!(parse_json("\"text\"", "--data"), Ok(serde_json::json!("text")));
    }

    #[test]
    fn yaml_events_become_json() {
        assert_eq!(parse_yaml("a: 1\nb: [x]\n", "e.yml"), Ok(serde_json::json!({ "a": 1, "b": ["x"] })));
        assert!(parse_yaml("a: [\n", "e.yml").expect_err("bad YAML").starts_with("e.yml is not valid YAML"));
    }
}
