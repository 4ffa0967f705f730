//! Find references: every place a function, layer, resource, output,
//! parameter or `${self:…}` key is used (and, when asked, declared).

use tower_lsp::lsp_types::{Location, Position, Url};

use super::names::Names;
use crate::convert::Encoding;
use crate::documents::Document;

/// The occurrences of the symbol at `position`.
pub fn references(
    doc: &Document,
    encoding: Encoding,
    uri: &Url,
    position: Position,
    include_declaration: bool,
) -> Option<Vec<Location>> {
    let text = doc.text(encoding);
    let names = Names::new(doc);
    let found = names.at(text.offset(position)?)?;
    let locations = names
        .occurrences(&found.symbol)
        .into_iter()
        .filter(|o| include_declaration || !o.declaration)
        .map(|o| Location::new(uri.clone(), text.range(o.span)))
        .collect();
    Some(locations)
}
