//! The protocol side: capabilities, document notifications, and requests
//! dispatched to [`crate::features`].

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

use crate::convert::Encoding;
use crate::documents::{Document, Documents, Settings};
use crate::{features, published};

/// The language server: the client to talk to, and the documents.
pub struct Backend {
    client: Client,
    documents: Arc<Mutex<Documents>>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Self {
        Backend { client, documents: Arc::new(Mutex::new(Documents::default())) }
    }

    /// Runs `f` on the documents (one owner, no await inside).
    fn with<T>(&self, f: impl FnOnce(&mut Documents) -> T) -> T {
        with(&self.documents, f)
    }

    /// Runs `f` on one document and the client's encoding.
    fn read<T>(&self, uri: &Url, f: impl FnOnce(&Document, Encoding) -> Option<T>) -> Option<T> {
        self.with(|docs| {
            let encoding = docs.encoding;
            docs.get(uri).and_then(|doc| f(doc, encoding))
        })
    }

    /// Runs `f` on one document and the client's encoding, for requests
    /// that may fail with a message (rename).
    fn try_read<T>(&self, uri: &Url, f: impl FnOnce(&Document, Encoding) -> Result<Option<T>>) -> Result<Option<T>> {
        self.with(|docs| {
            let encoding = docs.encoding;
            docs.get(uri).map_or(Ok(None), |doc| f(doc, encoding))
        })
    }

    /// Analyses a new text and publishes its diagnostics (see
    /// [`published`]; an empty list clears the old ones).
    async fn update(&self, uri: Url, version: i32, text: String) {
        let diagnostics = self.with(|docs| {
            let encoding = docs.encoding;
            let doc = docs.set(&uri, version, text);
            published::diagnostics(doc, encoding, &uri)
        });
        self.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
    }
}

/// Runs `f` on the documents behind `documents`.
fn with<T>(documents: &Mutex<Documents>, f: impl FnOnce(&mut Documents) -> T) -> T {
    let mut documents = match documents.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    f(&mut documents)
}

/// UTF-8 when the client offers it, else UTF-16.
fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params.capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The settings from the client's initialization options or
/// configuration: `{ "stage": … }` or `{ "svc": { "stage": … } }`.
fn settings(value: Option<&serde_json::Value>) -> Settings {
    Settings {
        stage: setting(value, "stage").map(str::to_owned),
        file_root: setting(value, "fileRoot").map(PathBuf::from),
    }
}

/// One setting, at the top or under `svc`; an empty text is no setting.
fn setting<'a>(value: Option<&'a serde_json::Value>, name: &str) -> Option<&'a str> {
    let value = value?;
    let found = value.get(name).or_else(|| value.get("svc").and_then(|s| s.get(name)))?;
    found.as_str().filter(|s| !s.is_empty())
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = negotiate(&params);
        let settings = settings(params.initialization_options.as_ref());
        self.with(|docs| {
            docs.encoding = encoding;
            docs.settings = settings;
        });
        let position_encoding =
            if encoding == Encoding::Utf8 { PositionEncodingKind::UTF8 } else { PositionEncodingKind::UTF16 };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(position_encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(["$", "{", ":", ".", "(", "=", " "].map(String::from).to_vec()),
                    ..CompletionOptions::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
                references_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: WorkDoneProgressOptions::default(),
                })),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                    SemanticTokensOptions {
                        legend: features::semantic_tokens::legend(),
                        full: Some(SemanticTokensFullOptions::Bool(true)),
                        range: Some(false),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "svc".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
        })
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.update(doc.uri, doc.version, doc.text).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Incremental sync: ranged changes (or a whole text) applied in order.
        let (uri, version) = (params.text_document.uri, params.text_document.version);
        let diagnostics = self.with(|docs| {
            let encoding = docs.encoding;
            let doc = docs.change(&uri, version, params.content_changes);
            published::diagnostics(doc, encoding, &uri)
        });
        self.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.with(|docs| docs.close(&uri));
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let settings = settings(Some(&params.settings));
        let published: Vec<(Url, Vec<Diagnostic>, i32)> = self.with(|docs| {
            docs.settings = settings;
            let encoding = docs.encoding;
            docs.reanalyse()
                .into_iter()
                .filter_map(|uri| {
                    let doc = docs.get(&uri)?;
                    Some((uri.clone(), published::diagnostics(doc, encoding, &uri), doc.version))
                })
                .collect()
        });
        for (uri, diagnostics, version) in published {
            self.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        Ok(self.read(&at.text_document.uri, |doc, enc| features::hover::hover(doc, enc, at.position)))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        Ok(self.read(&at.text_document.uri, |doc, enc| features::completion::complete(doc, enc, at.position)))
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let uri = at.text_document.uri.clone();
        Ok(self.read(&at.text_document.uri, |doc, enc| features::definition::definition(doc, enc, &uri, at.position)))
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        Ok(self.read(&params.text_document.uri, |doc, enc| Some(features::symbols::symbols(doc, enc))))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        Ok(self.read(&params.text_document.uri, features::formatting::format))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(self.read(&params.text_document.uri, |doc, enc| Some(features::inlay_hints::hints(doc, enc, params.range))))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        Ok(self.read(&params.text_document.uri, |doc, enc| {
            Some(features::code_actions::actions(doc, enc, &uri, params.range))
        }))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri.clone();
        let declaration = params.context.include_declaration;
        Ok(self.read(&at.text_document.uri, |doc, enc| {
            features::references::references(doc, enc, &uri, at.position, declaration)
        }))
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        self.try_read(&params.text_document.uri, |doc, enc| features::rename::prepare(doc, enc, params.position))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let uri = at.text_document.uri.clone();
        self.try_read(&at.text_document.uri, |doc, enc| {
            features::rename::rename(doc, enc, &uri, at.position, &params.new_name)
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        Ok(self.read(&params.text_document.uri, |doc, enc| Some(features::folding::ranges(doc, enc))))
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        Ok(self.read(&params.text_document.uri, |doc, enc| {
            Some(SemanticTokensResult::Tokens(features::semantic_tokens::tokens(doc, enc)))
        }))
    }
}
