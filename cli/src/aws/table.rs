//! The change table (Add / Modify / Remove, logical ID, type, replacement,
//! changing properties), the template-level diff, and the changes that
//! need a confirmation.

use std::fmt::Write as _;

use serde_json::Value;

use super::changes::Change;
use super::template_diff::{self, Action, TemplateDiff};

/// One line of the change table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `Add`, `Modify`, `Remove`, …
    pub action: String,
    /// The logical ID.
    pub logical: String,
    /// The resource type.
    pub kind: String,
    /// `True`, `False`, `Conditional`, or `-` when not known or not relevant.
    pub replacement: String,
    /// The property paths that change, or a note.
    pub properties: String,
    /// A removal CloudFormation only detaches (`DeletionPolicy: Retain`).
    pub retained: bool,
}

/// The rows: from the change set when there is one (CloudFormation's word
/// on replacement), else from the template diff; property paths from the
/// template diff when it has them.
pub fn rows(changes: Option<&[Change]>, diff: &TemplateDiff, old: &Value) -> Vec<Row> {
    let paths = |id: &str, fallback: &[String]| {
        let local: Vec<String> =
            diff.resource(id).map(|r| r.paths.iter().map(|p| p.path.clone()).collect()).unwrap_or_default();
        list(if local.is_empty() { fallback } else { &local })
    };
    let row = |action: &str, logical: &str, kind: &str, replacement: Option<&str>, properties: String| {
        let retained = action == "Remove" && template_diff::is_retained(old, logical);
        Row {
            action: action.to_owned(),
            logical: logical.to_owned(),
            kind: kind.to_owned(),
            replacement: replacement.filter(|_| action == "Modify").unwrap_or("-").to_owned(),
            properties: if retained { "(kept in the account: DeletionPolicy Retain)".to_owned() } else { properties },
            retained,
        }
    };
    match changes {
        Some(changes) => changes
            .iter()
            .map(|c| row(&c.action, &c.logical, &c.kind, c.replacement.as_deref(), paths(&c.logical, &c.properties)))
            .collect(),
        None => {
            diff.resources.iter().map(|r| row(r.action.as_str(), &r.id, &r.kind, None, paths(&r.id, &[]))).collect()
        }
    }
}

fn list(paths: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut text = paths.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if paths.len() > SHOWN {
        let _ = write!(text, ", +{} more", paths.len() - SHOWN);
    }
    text
}

/// The table as text (with colour codes, for anstream).
pub fn render(rows: &[Row]) -> String {
    let header = ["Action", "Logical ID", "Type", "Replacement", "Changes"];
    let width = |pick: fn(&Row) -> &str, title: &str| {
        rows.iter().map(|r| pick(r).chars().count()).chain([title.chars().count()]).max().unwrap_or(0)
    };
    let widths = [
        width(|r| &r.action, header[0]),
        width(|r| &r.logical, header[1]),
        width(|r| &r.kind, header[2]),
        width(|r| &r.replacement, header[3]),
    ];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "  \x1b[1m{:<a$}  {:<b$}  {:<c$}  {:<d$}  {}\x1b[0m",
        header[0],
        header[1],
        header[2],
        header[3],
        header[4],
        a = widths[0],
        b = widths[1],
        c = widths[2],
        d = widths[3]
    );
    for row in rows {
        let colour = match row.action.as_str() {
            "Add" => "\x1b[32m",
            "Remove" if !row.retained => "\x1b[31m",
            "Modify" if row.replacement != "False" && row.replacement != "-" => "\x1b[31m",
            "Modify" => "\x1b[33m",
            _ => "",
        };
        let line = format!(
            "  {colour}{:<a$}\x1b[0m  {:<b$}  {:<c$}  {:<d$}  {}",
            row.action,
            row.logical,
            row.kind,
            row.replacement,
            row.properties,
            a = widths[0],
            b = widths[1],
            c = widths[2],
            d = widths[3]
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

/// The template-level diff: each changed property with its old and new value.
pub fn render_diff(diff: &TemplateDiff) -> String {
    let mut out = String::new();
    let sign = |a: Action| match a {
        Action::Add => "\x1b[32m+",
        Action::Modify => "\x1b[33m~",
        Action::Remove => "\x1b[31m-",
    };
    for entry in &diff.resources {
        let _ = writeln!(out, "  {} {}\x1b[0m ({})", sign(entry.action), entry.id, entry.kind);
        for change in &entry.paths {
            let _ = writeln!(
                out,
                "      {}: {} → {}",
                if change.path.is_empty() { "(whole resource)" } else { &change.path },
                template_diff::short(change.before.as_ref()),
                template_diff::short(change.after.as_ref())
            );
        }
    }
    for entry in &diff.outputs {
        let _ = writeln!(out, "  {} output {}\x1b[0m", sign(entry.action), entry.id);
    }
    out
}

/// What in a deploy needs a confirmation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Risks {
    /// Resources replaced (a new physical resource; data may be lost).
    pub replaced: Vec<String>,
    /// Resources deleted.
    pub removed: Vec<String>,
    /// New IAM grants.
    pub iam: Vec<String>,
}

impl Risks {
    /// The risks of `rows`, plus the IAM grants `old` → `new` adds.
    pub fn of(rows: &[Row], old: &Value, new: &Value) -> Risks {
        Risks {
            replaced: rows
                .iter()
                .filter(|r| r.action == "Modify" && (r.replacement == "True" || r.replacement == "Conditional"))
                .map(|r| r.logical.clone())
                .collect(),
            removed: rows.iter().filter(|r| r.action == "Remove" && !r.retained).map(|r| r.logical.clone()).collect(),
            iam: template_diff::widened_iam(old, new),
        }
    }

    /// Whether nothing needs a confirmation.
    pub fn is_empty(&self) -> bool {
        self.replaced.is_empty() && self.removed.is_empty() && self.iam.is_empty()
    }

    /// One sentence per kind of risk.
    pub fn describe(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if !self.replaced.is_empty() {
            lines.push(format!("replaces {}", self.replaced.join(", ")));
        }
        if !self.removed.is_empty() {
            lines.push(format!("deletes {}", self.removed.join(", ")));
        }
        if !self.iam.is_empty() {
            lines.push(format!("widens IAM permissions ({})", self.iam.join("; ")));
        }
        lines
    }
}
