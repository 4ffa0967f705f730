//! The open documents and what the compiler made of each.

use std::collections::HashMap;
use std::path::PathBuf;

use line_index::LineIndex;
use svc_compiler::analysis::{Analysis, analyse};
use svc_compiler::files::Disk;
use svc_compiler::resolve::Options;
use tower_lsp::lsp_types::Url;

use crate::convert::{Encoding, Text};

/// One open document, analysed.
pub struct Document {
    /// The client's version of the text.
    pub version: i32,
    /// The text.
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
    /// The compiler's view of it.
    pub analysis: Analysis,
}

impl Document {
    /// The text with its index, for position conversions.
    pub fn text(&self, encoding: Encoding) -> Text<'_> {
        Text { text: &self.text, index: &self.index, encoding }
    }
}

/// Settings that change the analysis.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The stage to resolve variables for (`svc.stage`), like `--stage`.
    pub stage: Option<String>,
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
        let analysis = analyse(&text, &self.options(uri), &Disk);
        let index = LineIndex::new(&text);
        self.documents.insert(uri.clone(), Document { version, text, index, analysis });
        &self.documents[uri]
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
        Options { stage: self.settings.stage.clone(), env: std::env::vars().collect(), base_dir, ..Options::default() }
    }
}
