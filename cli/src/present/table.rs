//! The change table (Add / Modify / Remove, logical ID, type, replacement,
//! changing properties), the template-level diff, and the changes that
//! need a confirmation.

use std::fmt::Write as _;

use aws_sdk_cloudformation::types::{ChangeAction, Replacement};
use serde_json::Value;

use super::template_diff::{self, Action, TemplateDiff};
use crate::aws::changes::Change;
use crate::style::{self, paint};

/// One line of the change table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// `Add`, `Modify`, `Remove`, …
    pub action: ChangeAction,
    /// The logical ID.
    pub logical: String,
    /// The resource type.
    pub kind: String,
    /// `True`, `False` or `Conditional` for a modification whose
    /// replacement CloudFormation tells; `None` otherwise (shown as `-`).
    pub replacement: Option<Replacement>,
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
    let row = |action: &ChangeAction,
               logical: &str,
               kind: &str,
               replacement: Option<&Replacement>,
               properties: String| {
        let retained = *action == ChangeAction::Remove && template_diff::is_retained(old, logical);
        Row {
            action: action.clone(),
            logical: logical.to_owned(),
            kind: kind.to_owned(),
            replacement: replacement.filter(|_| *action == ChangeAction::Modify).cloned(),
            properties: if retained { "(kept in the account: DeletionPolicy Retain)".to_owned() } else { properties },
            retained,
        }
    };
    match changes {
        Some(changes) => changes
            .iter()
            .map(|c| row(&c.action, &c.logical, &c.kind, c.replacement.as_ref(), paths(&c.logical, &c.properties)))
            .collect(),
        None => diff.resources.iter().map(|r| row(&r.action.into(), &r.id, &r.kind, None, paths(&r.id, &[]))).collect(),
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

impl Row {
    /// The replacement column: `True`, `False`, `Conditional` or `-`.
    fn replacement_text(&self) -> &str {
        self.replacement.as_ref().map_or("-", Replacement::as_str)
    }

    /// Whether this row replaces its resource (maybe): a new physical
    /// resource, and the data of the old one may be lost.
    fn replaces(&self) -> bool {
        self.action == ChangeAction::Modify
            && matches!(self.replacement, Some(Replacement::True | Replacement::Conditional))
    }
}

/// The table as text (with colour codes, for anstream).
pub fn render(rows: &[Row]) -> String {
    let header = ["Action", "Logical ID", "Type", "Replacement", "Changes"];
    let width = |pick: fn(&Row) -> &str, title: &str| {
        rows.iter().map(|r| pick(r).chars().count()).chain([title.chars().count()]).max().unwrap_or(0)
    };
    let widths = [
        width(|r| r.action.as_str(), header[0]),
        width(|r| &r.logical, header[1]),
        width(|r| &r.kind, header[2]),
        width(Row::replacement_text, header[3]),
    ];
    let mut out = String::new();
    let title = format!(
        "{:<a$}  {:<b$}  {:<c$}  {:<d$}  {}",
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
    let _ = writeln!(out, "  {}", paint(style::HEADER, title));
    for row in rows {
        let colour = match row.action {
            ChangeAction::Add => style::ADDED,
            ChangeAction::Remove if !row.retained => style::REMOVED,
            ChangeAction::Modify if row.replacement.as_ref().is_some_and(|r| *r != Replacement::False) => {
                style::REMOVED
            }
            ChangeAction::Modify => style::CHANGED,
            _ => anstyle::Style::new(),
        };
        let line = format!(
            "  {}  {:<b$}  {:<c$}  {:<d$}  {}",
            paint(colour, format!("{:<a$}", row.action.as_str(), a = widths[0])),
            row.logical,
            row.kind,
            row.replacement_text(),
            row.properties,
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
        Action::Add => (style::ADDED, "+"),
        Action::Modify => (style::CHANGED, "~"),
        Action::Remove => (style::REMOVED, "-"),
    };
    for entry in &diff.resources {
        let (colour, sign) = sign(entry.action);
        let _ = writeln!(out, "  {} ({})", paint(colour, format!("{sign} {}", entry.id)), entry.kind);
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
        let (colour, sign) = sign(entry.action);
        let _ = writeln!(out, "  {}", paint(colour, format!("{sign} output {}", entry.id)));
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
            replaced: rows.iter().filter(|r| r.replaces()).map(|r| r.logical.clone()).collect(),
            removed: rows
                .iter()
                .filter(|r| r.action == ChangeAction::Remove && !r.retained)
                .map(|r| r.logical.clone())
                .collect(),
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn change(action: ChangeAction, logical: &str, replacement: Option<Replacement>) -> Change {
        Change {
            action,
            logical: logical.to_owned(),
            kind: "AWS::SQS::Queue".to_owned(),
            replacement,
            properties: vec!["QueueName".to_owned()],
        }
    }

    #[test]
    fn replacements_and_deletions_need_a_confirmation_but_retained_removals_do_not() {
        let old = json!({ "Resources": {
            "Kept": { "Type": "AWS::SQS::Queue", "DeletionPolicy": "Retain" },
            "Gone": { "Type": "AWS::SQS::Queue" },
        }});
        let changes = [
            change(ChangeAction::Modify, "Replaced", Some(Replacement::True)),
            change(ChangeAction::Modify, "Maybe", Some(Replacement::Conditional)),
            change(ChangeAction::Modify, "InPlace", Some(Replacement::False)),
            change(ChangeAction::Add, "New", Some(Replacement::True)),
            change(ChangeAction::Remove, "Kept", None),
            change(ChangeAction::Remove, "Gone", None),
        ];
        let rows = rows(Some(&changes), &TemplateDiff::default(), &old);
        let risks = Risks::of(&rows, &old, &old);
        assert_eq!(risks.replaced, ["Replaced", "Maybe"]);
        assert_eq!(risks.removed, ["Gone"]);
        let table = anstream::adapter::strip_str(&render(&rows)).to_string();
        assert!(table.lines().any(|l| l.contains("Add") && l.contains("New") && l.contains(" - ")), "{table}");
        assert!(table.lines().any(|l| l.contains("InPlace") && l.contains("False")), "{table}");
        assert!(table.contains("(kept in the account: DeletionPolicy Retain)"), "{table}");
    }
}
