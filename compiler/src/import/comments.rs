//! The comments of a serverless.yml carried over to the svc it imports
//! to: a YAML parser drops them, so they are found in the text (a `#` at
//! a line's start or after a space, outside every scalar) and put on the
//! svc line of the key or item they precede, or end.

use crate::span::Span;
use crate::tree::{Node, Path, Segment};

/// A YAML comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Its 1-based line.
    pub line: usize,
    /// The text after `#`.
    pub text: String,
    /// Whether it is alone on its line (else it ends a line of data).
    pub own_line: bool,
}

/// The comments of `text`; `scalars` are the character ranges of its
/// scalars, in order (a `#` inside one is text).
pub fn find(text: &str, scalars: &[(usize, usize)]) -> Vec<Comment> {
    let mut comments = Vec::new();
    let mut index = 0usize;
    for (number, line) in text.split('\n').enumerate() {
        let mut previous_blank = true;
        for (offset, c) in line.chars().enumerate() {
            let at = index + offset;
            if c == '#' && previous_blank && !inside(scalars, at) {
                let body: String = line.chars().skip(offset + 1).collect();
                let own_line = line.chars().take(offset).all(char::is_whitespace);
                comments.push(Comment { line: number + 1, text: body.trim_end_matches('\r').to_owned(), own_line });
                break;
            }
            previous_blank = c.is_whitespace();
        }
        index += line.chars().count() + 1;
    }
    comments
}

/// Whether character `at` is inside one of the sorted `ranges`.
fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let after = ranges.partition_point(|(start, _)| *start <= at);
    after > 0 && at < ranges[after - 1].1
}

/// `svc` with `comments` put in: each on the line of the svc it belongs
/// to, found through `lines` (the path and YAML line of every key and
/// item) and `tree` (the value tree of `svc`, with its spans). A comment
/// with no key after it ends the file.
pub fn place(svc: &str, tree: &Node, comments: &[Comment], lines: &[(Path, usize)]) -> String {
    let svc_lines: Vec<&str> = svc.lines().collect();
    let starts: Vec<usize> =
        std::iter::once(0).chain(svc.match_indices('\n').map(|(i, _)| i + 1)).take(svc_lines.len()).collect();
    let svc_line = |span: Span| starts.partition_point(|s| *s <= span.start as usize).saturating_sub(1);
    let mut above: Vec<Vec<String>> = vec![Vec::new(); svc_lines.len() + 1];
    let mut after: Vec<Vec<String>> = vec![Vec::new(); svc_lines.len()];
    for comment in comments {
        let target = if comment.own_line {
            lines.iter().filter(|(_, l)| *l > comment.line).min_by_key(|(_, l)| *l)
        } else {
            lines.iter().rfind(|(_, l)| *l == comment.line)
        };
        let at = target.and_then(|(path, _)| span_of(tree, path)).map(svc_line);
        match (at, comment.own_line) {
            (Some(line), true) => above[line].push(comment.text.clone()),
            (Some(line), false) => after[line].push(comment.text.clone()),
            (None, _) => above[svc_lines.len()].push(comment.text.clone()),
        }
    }
    let mut out = String::with_capacity(svc.len() + 64);
    for (number, line) in svc_lines.iter().enumerate() {
        let indent: String = line.chars().take_while(|c| *c == ' ').collect();
        // Several comments ending lines that became one go above it.
        let trailing = if after[number].len() == 1 { after[number].first() } else { None };
        let moved = if trailing.is_none() { after[number].as_slice() } else { &[] };
        for text in above[number].iter().chain(moved) {
            out.push_str(&format!("{indent}#{text}\n"));
        }
        out.push_str(line);
        if let Some(text) = trailing {
            out.push_str(&format!(" #{text}"));
        }
        out.push('\n');
    }
    for text in &above[svc_lines.len()] {
        out.push_str(&format!("#{text}\n"));
    }
    out
}

/// The span svc's tree gives the key or item at `path`, else that of the
/// nearest ancestor that has one.
fn span_of(tree: &Node, path: &Path) -> Option<Span> {
    let mut path = path.clone();
    loop {
        let found = match path.last()? {
            Segment::Key(key) => {
                let parent = path.parent().and_then(|p| tree.at(&p).and_then(Node::as_object).map(|o| o.entry(key)));
                parent.flatten().map(|entry| entry.key_span)
            }
            Segment::Index(_) => tree.at(&path).map(|n| n.span),
        };
        if let Some(span) = found.filter(|s| s.end > s.start) {
            return Some(span);
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_inside_a_value_is_no_comment() {
        let text = "# top\na: \"x # y\" # end\nb: c#d\n  # deep\n";
        let scalars = vec![(0, 0), (6, 7), (9, 16), (24, 25), (27, 30)];
        let found = find(text, &scalars);
        let got: Vec<(usize, &str, bool)> = found.iter().map(|c| (c.line, c.text.as_str(), c.own_line)).collect();
        assert_eq!(got, [(1, " top", true), (2, " end", false), (4, " deep", true)]);
    }
}
