//! `svc metrics` as a table (a row per function and the service's total)
//! or as JSON for tools.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::aws::metrics::Figures;
use crate::moment;
use crate::style::{self, paint};

/// One row: the function's name in the service, its name in AWS, its figures.
pub type Row<'a> = (&'a str, &'a str, &'a Figures);

/// The table, the last row being the total of every function.
pub fn table(rows: &[Row<'_>], total: &Figures, start: i64, end: i64) -> String {
    let header = ["Function", "Invocations", "Errors", "Throttles", "Duration avg", "Duration max"];
    let cells = |name: &str, f: &Figures| {
        [
            name.to_owned(),
            count(f.invocations),
            count(f.errors),
            count(f.throttles),
            millis(f.duration_average()),
            millis(f.duration_max),
        ]
    };
    let mut lines: Vec<[String; 6]> = rows.iter().map(|(name, _, f)| cells(name, f)).collect();
    lines.push(cells("total", total));
    let widths: Vec<usize> = (0..header.len())
        .map(|c| lines.iter().map(|l| l[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let mut text = format!("{:<w$}", cells[0], w = widths[0]);
        for (cell, width) in cells.iter().zip(&widths).skip(1) {
            let _ = write!(text, "  {cell:>width$}");
        }
        text
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint(style::DIM, format!("{} to {}", moment::format(start), moment::format(end))));
    let _ = writeln!(out, "{}", paint(style::HEADER, line(&header.map(str::to_owned))));
    let (total, functions) = lines.split_last().unwrap_or((&lines[0], &[]));
    for cells in functions {
        let _ = writeln!(out, "{}", line(cells));
    }
    let _ = writeln!(out, "{}", paint(style::HEADER, line(total)));
    out
}

/// The same as JSON.
pub fn json(rows: &[Row<'_>], total: &Figures, start: i64, end: i64) -> Value {
    json!({
        "start": moment::format(start),
        "end": moment::format(end),
        "functions": rows.iter().map(|(name, aws, f)| {
            let mut value = figures(f);
            value["function"] = json!(name);
            value["deployedName"] = json!(aws);
            value
        }).collect::<Vec<_>>(),
        "total": figures(total),
    })
}

fn figures(f: &Figures) -> Value {
    json!({
        "invocations": f.invocations,
        "errors": f.errors,
        "throttles": f.throttles,
        "durationAverageMs": f.duration_average(),
        "durationMaximumMs": f.duration_max,
    })
}

/// A count: whole numbers without decimals.
fn count(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.0}") } else { format!("{value:.2}") }
}

/// A duration in milliseconds, or `-` when none was recorded.
fn millis(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.1} ms"))
}

#[cfg(test)]
mod tests {
    use super::{Figures, json, table};

    #[test]
    fn the_table_ends_with_the_total() {
        let hello = Figures {
            invocations: 3.0,
            errors: 1.0,
            duration_total: 30.0,
            duration_count: 3.0,
            duration_max: Some(15.0),
            ..Figures::default()
        };
        let quiet = Figures::default();
        let rows = [("hello", "app-dev-hello", &hello), ("quiet", "app-dev-quiet", &quiet)];
        let text = anstream::adapter::strip_str(&table(&rows, &hello, 0, 60_000)).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "1970-01-01T00:00:00.000Z to 1970-01-01T00:01:00.000Z");
        assert_eq!(lines[1], "Function  Invocations  Errors  Throttles  Duration avg  Duration max");
        assert_eq!(lines[2], "hello               3       1          0       10.0 ms       15.0 ms");
        assert_eq!(lines[3], "quiet               0       0          0             -             -");
        assert!(lines[4].starts_with("total"), "{text}");
        let value = json(&rows, &hello, 0, 60_000);
        assert_eq!(value["functions"][1]["durationAverageMs"], serde_json::Value::Null);
        assert_eq!(value["functions"][0]["deployedName"], "app-dev-hello");
    }
}
