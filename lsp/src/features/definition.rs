//! Go to definition: from `ref(X)`, `getAtt(X.A)`, a `${X}` of a `sub`
//! text or a `dependsOn` string to the `resource X` block (or the function
//! or layer a generated ID belongs to); from `${self:a.b}` to where the key
//! is written; from `${param:x}` to its keys in `params`.

use tower_lsp::lsp_types::{GotoDefinitionResponse, Location, Position, Url};

use super::names::Names;
use crate::convert::Encoding;
use crate::documents::Document;

/// Where the thing at `position` is declared.
pub fn definition(doc: &Document, encoding: Encoding, uri: &Url, position: Position) -> Option<GotoDefinitionResponse> {
    let text = doc.text(encoding);
    let names = Names::new(doc);
    let found = names.at(text.offset(position)?)?;
    let mut declared: Vec<Location> = names
        .occurrences(&found.symbol)
        .into_iter()
        .filter(|o| o.declaration)
        .map(|o| Location::new(uri.clone(), text.range(o.span)))
        .collect();
    match declared.len() {
        0 => None,
        1 => declared.pop().map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(declared)),
    }
}
