//! Each variable source: where `${opt:…}`, `${self:…}`, `${file(…):…}`, …
//! take their value.

use std::path::{Path as FsPath, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::files::lexical;
use crate::settings;
use crate::span::Span;
use crate::syntax::{Name, Template, Variable};
use crate::tree::{Call, Node, NodeKind, Path, Segment};

use super::data::{from_json, parse_json, parse_svc, parse_yaml};
use super::{Found, Resolver};

/// How the note naming the file a diagnostic comes from begins; origins are
/// `file(path):address`.
const IN_FILE: &str = " (in `file(";

/// Why a `file(...)` has no value when the file does not exist.
const NOT_FOUND: &str = "no such file";

/// Every source svc knows, for "did you mean".
pub const SOURCES: &[&str] =
    &["opt", "self", "env", "file", "sls", "svc", "param", "strToBool", "aws", "ssm", "cf", "s3"];

impl Resolver<'_> {
    /// The value of the variable's own source (not its fallbacks). Records
    /// a source with no value in `tried`, for the message when nothing has
    /// a value.
    pub(super) fn source(&mut self, variable: &Variable, tried: &mut Vec<String>) -> Found {
        let Some(param) = self.part(variable.param.as_ref()) else { return Found::Failed };
        let Some(address) = self.part(variable.address.as_ref()) else { return Found::Failed };
        let (param, address) = (param.as_deref(), address.as_deref());
        let found = self.source_value(variable, param, address);
        if matches!(found, Found::Nothing) {
            tried.push(describe(&variable.source.text, param, address));
        }
        found
    }

    /// The value of `variable`'s source, its parameter and address resolved.
    fn source_value(&mut self, variable: &Variable, param: Option<&str>, address: Option<&str>) -> Found {
        let name = variable.source.text.as_str();
        let span = variable.span;
        let string = |s: &str| Found::Value(Node::new(NodeKind::String(s.into()), span));
        match (name, address) {
            ("opt" | "env" | "ssm" | "param", None | Some("")) => self.needs_address(variable),
            ("opt", Some(a)) => self.options.option(a).map_or(Found::Nothing, string),
            ("env", Some(a)) => self.options.env.get(a).map_or(Found::Nothing, |v| string(v)),
            ("self", a) => self.self_reference(a.unwrap_or("")),
            ("file", _) if param.is_none_or(|p| p.trim().is_empty()) => self.needs_address(variable),
            ("file", a) => self.file(param.unwrap_or(""), a, span),
            ("sls" | "svc", Some("stage")) => string(&self.stage()),
            ("param", Some(a)) => self.param(a),
            ("strToBool", _) => self.str_to_bool(param.or(address).unwrap_or(""), span),
            ("aws", Some("region")) => string(&self.region()),
            ("aws", Some("accountId")) => Found::Value(pseudo_parameter("AWS::AccountId", span)),
            ("ssm", Some(a)) if secret_name_missing(a) => self.needs_secret_name(variable),
            ("ssm", Some(a)) => string(&dynamic_reference(a)),
            ("cf" | "s3", _) => self.deferred(variable, param, address),
            ("sls" | "svc" | "aws", _) => self.unknown_address(variable, address.unwrap_or("")),
            _ => {
                self.diagnostics.push(unknown_source(&variable.source));
                Found::Failed
            }
        }
    }

    /// `${self:a.b}`; when there is nothing there, the address is kept
    /// for the message (see [`Self::did_you_mean`]).
    fn self_reference(&mut self, address: &str) -> Found {
        let path = Path::from(address);
        match self.lookup(&path) {
            Some(node) if !matches!(node.kind, NodeKind::Null) => return Found::Value(node),
            Some(_) => return Found::Nothing,
            None => {}
        }
        self.hints.push(super::Hint::SelfMissing(address.to_owned()));
        Found::Nothing
    }

    /// A likely right spelling of the `${self:…}` `address` that has no
    /// value: its last key misspelt, as in `custom.tablename` for
    /// `custom.tableName`. Only computed for a message.
    pub(super) fn did_you_mean(&self, address: &str) -> Option<String> {
        let path = Path::from(address);
        let (Some(Segment::Key(last)), Some(parent)) = (path.last(), path.parent()) else { return None };
        // The keys as written (not resolved: that could be a cycle).
        let keys = self.root.at(&parent)?.as_object()?.entries().iter().map(|e| e.key.as_str());
        let best = crate::suggest::closest(last, keys)?;
        Some(parent.key(best).to_string())
    }

    /// A variable's parameter or address as text (nested variables
    /// resolved); `Some(None)` when absent, `None` after an error.
    fn part(&mut self, template: Option<&Template>) -> Option<Option<String>> {
        match template {
            None => Some(None),
            Some(t) => self.text(&t.parts, t.span).map(Some),
        }
    }

    /// The stage: `--stage`, else `provider.stage`, else `dev`.
    pub(super) fn stage(&mut self) -> String {
        if let Some(stage) = self.options.stage.as_ref().or(self.stage.as_ref()) {
            return stage.clone();
        }
        let stage = settings::pick(None, self.string_at("provider.stage"), settings::DEFAULT_STAGE);
        self.stage = Some(stage.clone());
        stage
    }

    /// The region: `--region`, else `provider.region`, else `us-east-1`.
    pub(super) fn region(&mut self) -> String {
        if let Some(region) = self.options.region.as_ref().or(self.region.as_ref()) {
            return region.clone();
        }
        let region = settings::pick(None, self.string_at("provider.region"), settings::DEFAULT_REGION);
        self.region = Some(region.clone());
        region
    }

    fn string_at(&mut self, address: &str) -> Option<String> {
        self.lookup(&Path::from(address)).and_then(|n| n.as_str().map(str::to_owned))
    }

    /// `${param:name}`: `--param`, then `params.<stage>`, then `params.default`.
    fn param(&mut self, name: &str) -> Found {
        if let Some(value) = self.options.param(name) {
            return Found::Value(Node::new(NodeKind::String(value.into()), Span::default()));
        }
        let found = match self.params.get(name) {
            Some(found) => found.clone(),
            None => {
                let found = self.service_param(name);
                self.params.insert(name.to_owned(), found.clone());
                found
            }
        };
        found.map_or(Found::Nothing, Found::Value)
    }

    /// The value of `params.<stage>.<name>`, else of `params.default.<name>`.
    fn service_param(&mut self, name: &str) -> Option<Node> {
        let stage = self.stage();
        [stage.as_str(), "default"].into_iter().find_map(|scope| {
            let path = Path::keys(&["params", scope, name]);
            self.lookup(&path).filter(|n| !matches!(n.kind, NodeKind::Null))
        })
    }

    fn str_to_bool(&mut self, text: &str, span: Span) -> Found {
        let value = match text.trim().to_ascii_lowercase().as_str() {
            "true" | "1" => true,
            "false" | "0" => false,
            _ => {
                let other = text.trim();
                let message = if other.is_empty() {
                    "`strToBool` needs a value".to_owned()
                } else {
                    format!("`strToBool` of `{other}`")
                };
                self.diagnostics.push(
                    Diagnostic::error(Code::E0216, message, span, "not `true`, `false`, `1` or `0`")
                        .with_help("strToBool turns the text true, false, 1 or 0 into a boolean"),
                );
                return Found::Failed;
            }
        };
        Found::Value(Node::new(NodeKind::Bool(value), span))
    }

    /// `${file(path):address}`: JSON, YAML or svc, relative to the service.
    fn file(&mut self, path: &str, address: Option<&str>, span: Span) -> Found {
        let full = self.options.base_dir.join(path);
        if !self.file_cache.contains_key(&full) {
            let read = match self.options.file_root.as_deref() {
                None => self.files.read(&full),
                Some(root) => match self.inside_root(&full, root) {
                    Ok(read) => read,
                    Err(real) => {
                        self.diagnostics.push(outside_root(path, &real, root, span));
                        return Found::Failed;
                    }
                },
            };
            let data = read_data(read, &full);
            self.file_cache.insert(full.clone(), data);
        }
        let data = match self.file_cache.get(&full) {
            Some(Ok(data)) => data.clone(),
            // A missing file has no value: the fallbacks are tried.
            Some(Err((_, why))) if why == NOT_FOUND => {
                self.hints.push(super::Hint::MissingFile(path.to_owned()));
                return Found::Nothing;
            }
            Some(Err((code, why))) => {
                let label = if *code == Code::E0213 { "cannot read this file" } else { "this file is not valid" };
                self.diagnostics.push(Diagnostic::error(*code, format!("`{path}`: {why}"), span, label));
                return Found::Failed;
            }
            None => return Found::Failed,
        };
        match data.at(&Path::from(address.unwrap_or(""))) {
            Some(node) if !matches!(node.kind, NodeKind::Null) => {
                let origin = format!("file({path}):{}", address.unwrap_or(""));
                Found::Value(self.file_value(node, &origin, span))
            }
            _ => Found::Nothing,
        }
    }

    /// The text of the file at `full` when its real path is inside `root`
    /// (or why it cannot be read); else its real path, unread. A path
    /// whose real path cannot be found (no such file) is judged by its
    /// text, with the service's folder made real, so a missing file inside
    /// the project still tries the fallbacks.
    fn inside_root(&self, full: &FsPath, root: &FsPath) -> Result<std::io::Result<String>, PathBuf> {
        match self.files.canonical(full) {
            Ok(real) if real.starts_with(root) => Ok(self.files.read(&real)),
            Ok(real) => Err(real),
            Err(error) => {
                let base =
                    self.files.canonical(&self.options.base_dir).unwrap_or_else(|_| self.options.base_dir.clone());
                let relative = full.strip_prefix(&self.options.base_dir).unwrap_or(full);
                let real = lexical(&base.join(relative));
                if real.starts_with(root) { Ok(Err(error)) } else { Err(real) }
            }
        }
    }

    /// A value read from a file, with the variables in its strings resolved
    /// (as the Serverless Framework does; `self:` is the service). Problems
    /// inside are reported at the `${file(...)}` variable, with a note of
    /// the file they are in: the innermost one, when a file reads another.
    fn file_value(&mut self, node: &Node, origin: &str, span: Span) -> Node {
        let before = self.diagnostics.len();
        let node = self.templated(node, span);
        let mut out = self.node(&Path::keys(&[origin]), &node);
        out.respan(span);
        for diagnostic in &mut self.diagnostics[before..] {
            if !diagnostic.message.contains(IN_FILE) {
                diagnostic.message = format!("{} (in `{origin}`)", diagnostic.message);
            }
            diagnostic.primary.span = span;
            diagnostic.secondary.clear();
            diagnostic.fix = None;
        }
        out
    }

    /// `node` with every string that holds `${…}` turned into a variable
    /// (the whole string) or a string with variables.
    fn templated(&mut self, node: &Node, span: Span) -> Node {
        let kind = match &node.kind {
            NodeKind::String(text) => match crate::syntax::parse_raw_template(text) {
                Some((mut parts, diagnostics)) => {
                    self.diagnostics.extend(diagnostics);
                    match parts.as_mut_slice() {
                        [crate::syntax::StringPart::Variable(v)] => NodeKind::Variable(v.clone()),
                        _ => NodeKind::Template(parts),
                    }
                }
                None => return node.clone(),
            },
            NodeKind::List(items) => NodeKind::List(items.iter().map(|i| self.templated(i, span)).collect()),
            NodeKind::Object(object) => {
                let mut out = crate::tree::Object::default();
                for entry in object.entries() {
                    let value = self.templated(&entry.value, span);
                    out.push(entry.key.clone(), entry.key_span, value);
                }
                NodeKind::Object(out)
            }
            _ => return node.clone(),
        };
        Node::new(kind, span)
    }

    fn needs_address(&mut self, variable: &Variable) -> Found {
        let source = &variable.source.text;
        let diagnostic = if source == "file" {
            Diagnostic::error(
                Code::E0217,
                "`${file(…)}` needs a file path",
                variable.span,
                "no path in the parentheses",
            )
            .with_help("write the path relative to the service's folder: `${file(./config.json):key}`")
        } else {
            Diagnostic::error(
                Code::E0217,
                format!("`${{{source}:…}}` needs an address"),
                variable.span,
                "nothing after the `:`",
            )
            .with_help(format!("say what to read, for example `${{{source}:{}}}`", example_address(source)))
        };
        self.diagnostics.push(diagnostic);
        Found::Failed
    }

    /// `${ssm:/aws/reference/secretsmanager/}`: no secret named.
    fn needs_secret_name(&mut self, variable: &Variable) -> Found {
        self.diagnostics.push(
            Diagnostic::error(
                Code::E0217,
                "`${ssm:/aws/reference/secretsmanager/…}` needs the secret's name",
                variable.span,
                "no secret named after the prefix",
            )
            .with_help("name the Secrets Manager secret: `${ssm:/aws/reference/secretsmanager/my-app/db}`"),
        );
        Found::Failed
    }

    fn unknown_address(&mut self, variable: &Variable, address: &str) -> Found {
        let source = &variable.source.text;
        let known: &[&str] = if source == "aws" { &["region", "accountId"] } else { &["stage"] };
        let mut diagnostic = Diagnostic::error(
            Code::E0217,
            format!("`{source}` has no `{address}`"),
            variable.span,
            format!("`{source}:` reads {}", known.join(" or ")),
        );
        if let Some(best) = crate::suggest::closest(address, known.iter().copied()) {
            diagnostic = diagnostic.with_help(format!("did you mean `${{{source}:{best}}}`?"));
        }
        self.diagnostics.push(diagnostic);
        Found::Failed
    }
}

/// E0220: `${file(path)}` whose real path, `real`, is outside `root`.
fn outside_root(path: &str, real: &FsPath, root: &FsPath, span: Span) -> Diagnostic {
    let read = if FsPath::new(path) == real { " is".to_owned() } else { format!(" is `{}`,", real.display()) };
    Diagnostic::error(
        Code::E0220,
        format!("`{path}`{read} outside the project `{}`", root.display()),
        span,
        "svc reads files only inside the project",
    )
    .with_help(
        "the project is the nearest folder above the service holding `.git` (else the service's folder); \
         move the file into it, or allow the folder that holds it: `--file-root DIR` on svc's command \
         line, or the `fileRoot` setting of svc's language server in the editor",
    )
}

fn read_data(read: std::io::Result<String>, path: &FsPath) -> Result<Node, (Code, String)> {
    let text = read.map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => (Code::E0213, NOT_FOUND.to_owned()),
        _ => (Code::E0213, e.to_string()),
    })?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let json = match extension {
        "svc" => return parse_svc(&text).map_err(|e| (Code::E0214, format!("not valid svc: {e}"))),
        "json" => parse_json(&text).map_err(|e| format!("not valid JSON: {e}")),
        "yml" | "yaml" => parse_yaml(&text).map_err(|e| format!("not valid YAML: {e}")),
        _ => parse_json(&text).or_else(|_| parse_yaml(&text)).map_err(|e| format!("neither JSON nor YAML: {e}")),
    };
    json.map(|value| from_json(&value, Span::default())).map_err(|e| (Code::E0214, e))
}

/// Where Parameter Store shows Secrets Manager's secrets: the Serverless
/// Framework reads `${ssm:/aws/reference/secretsmanager/NAME}` through it.
const SECRETS_MANAGER_PREFIX: &str = "/aws/reference/secretsmanager/";

/// The start of the dynamic reference to an SSM SecureString, which
/// CloudFormation resolves only in some properties.
pub const SECURE_REFERENCE: &str = "{{resolve:ssm-secure:";

/// The CloudFormation dynamic reference for `${ssm:address}`:
/// `{{resolve:ssm:/path}}`; an address ending in `~true` (the Serverless
/// Framework's old decryption flag) is a SecureString: `ssm-secure`. A
/// Secrets Manager secret read through Parameter Store
/// ([`SECRETS_MANAGER_PREFIX`], with or without `~true`) is
/// `{{resolve:secretsmanager:NAME}}`, which CloudFormation resolves in any
/// property, where `ssm-secure` works in a few only (see
/// `crate::check::check_secure_strings`).
fn dynamic_reference(address: &str) -> String {
    let (path, secure) = match address.strip_suffix("~true") {
        Some(path) => (path, true),
        None => (address, false),
    };
    match path.strip_prefix(SECRETS_MANAGER_PREFIX) {
        Some(name) => format!("{{{{resolve:secretsmanager:{name}}}}}"),
        None if secure => format!("{SECURE_REFERENCE}{path}}}}}"),
        None => format!("{{{{resolve:ssm:{path}}}}}"),
    }
}

/// Whether `address` is the Secrets Manager prefix with no secret after it.
fn secret_name_missing(address: &str) -> bool {
    let path = address.strip_suffix("~true").unwrap_or(address);
    path.strip_prefix(SECRETS_MANAGER_PREFIX).is_some_and(|name| name.trim().is_empty())
}

/// `ref("AWS::AccountId")` as a call node.
fn pseudo_parameter(name: &str, span: Span) -> Node {
    let call = Call {
        name: Name { text: "ref".into(), span, quoted: false },
        args: vec![Node::new(NodeKind::String(name.into()), span)],
    };
    Node::new(NodeKind::Call(Box::new(call)), span)
}

fn describe(source: &str, param: Option<&str>, address: Option<&str>) -> String {
    let mut text = source.to_owned();
    if let Some(param) = param {
        text.push_str(&format!("({param})"));
    }
    if let Some(address) = address {
        text.push(':');
        text.push_str(address);
    }
    text
}

fn example_address(source: &str) -> &'static str {
    match source {
        "opt" => "stage",
        "env" => "HOME",
        "ssm" => "/my-app/db-password",
        _ => "name",
    }
}

fn unknown_source(source: &Name) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(
        Code::E0210,
        format!("unknown variable source `{}`", source.text),
        source.span,
        "not a variable source",
    );
    diagnostic.help = Some(match crate::suggest::closest(&source.text, SOURCES.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? sources are case-sensitive"),
        None => format!("the sources are {}", SOURCES.join(", ")),
    });
    if let Some(best) = crate::suggest::closest(&source.text, SOURCES.iter().copied()) {
        diagnostic = diagnostic.with_fix(format!("Replace with `{best}`"), source.span, best);
    }
    diagnostic
}
