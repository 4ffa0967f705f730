//! Rename: a function, layer, resource, output, parameter or `${self:…}`
//! key everywhere it is declared and used (generated logical IDs such as
//! `HelloLambdaFunction` follow a function's new name). Invalid names and
//! names already taken are refused with the reason.

use std::collections::HashMap;

use tower_lsp::jsonrpc::Error;
use tower_lsp::lsp_types::{Position, PrepareRenameResponse, TextEdit, Url, WorkspaceEdit};

use super::names::{AtCursor, Form, Names, valid};
use crate::convert::{Encoding, Text};
use crate::documents::Document;

/// The range and current name of what would be renamed at `position`;
/// `Ok(None)` where nothing nameable is, an error (with the reason) where
/// something is that cannot be renamed.
pub fn prepare(doc: &Document, encoding: Encoding, position: Position) -> Result<Option<PrepareRenameResponse>, Error> {
    let text = doc.text(encoding);
    let names = Names::new(doc);
    let Some(found) = text.offset(position).and_then(|offset| names.at(offset)) else { return Ok(None) };
    valid::renamable(&names, &found.symbol, written(&text, &found)).map_err(refused)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder { range: text.range(found.span), placeholder: found.name }))
}

/// The edits that rename the symbol at `position` to `new_name`.
pub fn rename(
    doc: &Document,
    encoding: Encoding,
    uri: &Url,
    position: Position,
    new_name: &str,
) -> Result<Option<WorkspaceEdit>, Error> {
    let text = doc.text(encoding);
    let names = Names::new(doc);
    let Some(found) = text.offset(position).and_then(|offset| names.at(offset)) else { return Ok(None) };
    let new_name = new_name.trim();
    valid::check(&names, &found.symbol, written(&text, &found), new_name).map_err(refused)?;
    let edits: Vec<TextEdit> = names
        .occurrences(&found.symbol)
        .into_iter()
        .map(|o| {
            let written = match o.form {
                Form::Name => new_name.to_owned(),
                Form::Generated(make) => make(new_name),
            };
            TextEdit::new(text.range(o.span), written)
        })
        .collect();
    Ok(Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), edits)])), ..WorkspaceEdit::default() }))
}

/// The name as written at the cursor.
fn written<'t>(text: &Text<'t>, found: &AtCursor) -> &'t str {
    text.text.get(found.span.range()).unwrap_or_default()
}

/// A refusal the client shows to the user.
fn refused(reason: String) -> Error {
    Error::invalid_params(format!("cannot rename: {reason}"))
}
