//! The open documents and what the compiler made of each.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use svc_compiler::analysis::{Analysis, Written, analyse_with};
use svc_compiler::check::{Known, KnownCache};
use svc_compiler::resolve::Options;
use svc_compiler::tree::{Node, Path};
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

use crate::Disk;
use crate::convert::{Encoding, Text};
use crate::lines::Lines;
use crate::published::{self, Hidden};

/// One open document, analysed.
pub struct Document {
    /// The client's version of the text.
    pub version: i32,
    /// The text, as the client has it.
    pub text: String,
    /// Its lines; a lone `\r` ends a line, as for the parser and the
    /// protocol (`svc_compiler::line_breaks`).
    pub lines: Lines,
    /// Its syntax tree and value tree as written.
    pub written: Written,
    /// The compiler's view of it, with the diagnostics that are published
    /// (see [`published`]).
    pub analysis: Analysis,
    /// The diagnostics not published, counted.
    pub hidden: Hidden,
    /// What its versions share: the resources svc generates, lowered
    /// again only when an edit can change them (see [`KnownCache`]).
    cache: Arc<KnownCache>,
}

impl Document {
    /// Every resource `ref`/`getAtt` may name, by logical ID, with its type.
    pub fn known_resources(&self) -> &Known {
        static NONE: Known = Known::new();
        // A document is analysed with `analyse_with`, which always has them.
        self.analysis.resources().unwrap_or(&NONE)
    }

    /// The type of the resource `id`, declared or generated.
    pub fn resource_type(&self, id: &str) -> Option<&str> {
        let declared = self.analysis.service.at(&Path::keys(&["resources", "Resources", id, "Type"]));
        match declared.and_then(Node::as_str) {
            Some(kind) => Some(kind),
            None => self.known_resources().get(id).map(String::as_str),
        }
    }

    /// The text with its index, for position conversions.
    pub fn text(&self, encoding: Encoding) -> Text<'_> {
        Text { text: &self.text, lines: &self.lines, encoding }
    }
}

/// Settings that change the analysis.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The stage to resolve variables for (`svc.stage`), like `--stage`.
    pub stage: Option<String>,
    /// The folder `${file(...)}` may read in (`svc.fileRoot`), like
    /// `--file-root`: relative to the service's folder; the project when
    /// not set (see [`crate::file_root`]).
    pub file_root: Option<PathBuf>,
}

/// Every open document.
#[derive(Default)]
pub struct Documents {
    documents: HashMap<Url, Document>,
    /// The client's position encoding.
    pub encoding: Encoding,
    /// The settings.
    pub settings: Settings,
}

impl Documents {
    /// Opens or replaces a document and analyses it.
    pub fn set(&mut self, uri: &Url, version: i32, text: String) -> &Document {
        // The old version goes first: freeing it before the analysis lets
        // the analysis reuse its memory (warm, and no new pages).
        let old = self.documents.remove(uri);
        let cache = old.as_ref().map(|old| Arc::clone(&old.cache)).unwrap_or_default();
        drop(old);
        let (written, mut analysis) = analyse_with(&text, &self.options(uri), &Disk, &cache);
        let hidden = published::keep_published(&mut analysis.diagnostics);
        let lines = Lines::new(&text);
        let document = Document { version, text, lines, written, analysis, hidden, cache };
        self.documents.entry(uri.clone()).insert_entry(document).into_mut()
    }

    /// Applies a client's changes to a document (the whole text, or a
    /// range of it; positions past the end are clamped) and analyses it.
    pub fn change(&mut self, uri: &Url, version: i32, changes: Vec<TextDocumentContentChangeEvent>) -> &Document {
        let mut text: Option<String> = None;
        for change in changes {
            let Some(range) = change.range else {
                text = Some(change.text);
                continue;
            };
            let mut current = match text.take() {
                Some(current) => current,
                None => self.documents.get(uri).map(|d| d.text.clone()).unwrap_or_default(),
            };
            let lines = Lines::new(&current);
            let at = Text { text: &current, lines: &lines, encoding: self.encoding };
            let (start, end) = (at.clamped_offset(range.start), at.clamped_offset(range.end));
            current.replace_range(start.min(end)..start.max(end), &change.text);
            text = Some(current);
        }
        let text = match text {
            Some(text) => text,
            None => self.documents.get(uri).map(|d| d.text.clone()).unwrap_or_default(),
        };
        self.set(uri, version, text)
    }

    /// Re-analyses every document (after a settings change).
    pub fn reanalyse(&mut self) -> Vec<Url> {
        let uris: Vec<Url> = self.documents.keys().cloned().collect();
        for uri in &uris {
            if let Some(doc) = self.documents.remove(uri) {
                self.set(uri, doc.version, doc.text);
            }
        }
        uris
    }

    /// Closes a document.
    pub fn close(&mut self, uri: &Url) {
        self.documents.remove(uri);
    }

    /// An open document.
    pub fn get(&self, uri: &Url) -> Option<&Document> {
        self.documents.get(uri)
    }

    fn options(&self, uri: &Url) -> Options {
        let path = uri.to_file_path().unwrap_or_else(|()| PathBuf::from(uri.path()));
        let base_dir = path.parent().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        let file_root = Some(crate::file_root(&base_dir, self.settings.file_root.as_deref()));
        Options {
            stage: self.settings.stage.clone(),
            env: std::env::vars().collect(),
            base_dir,
            file_root,
            ..Options::default()
        }
    }
}
