//! Deploy-time variables: `${cf:stack.Output}`, `${cf(region):stack.Output}`
//! and `${s3:bucket/key}`. The compiler parses them into
//! [`NodeKind::Deferred`] values (text and [`Lookup`]s, each with its
//! fallback); here each lookup is read from AWS and every deferred node
//! becomes a string. A lookup that cannot be read takes its fallback; one
//! without a fallback is a diagnostic on the value.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use svc_compiler::diagnostic::{Code, Diagnostic};
use svc_compiler::span::Span;
use svc_compiler::tree::{Deferred, DeferredPart, Lookup, Node, NodeKind, Source};

use super::Aws;
use super::stack;

/// Where deploy-time values are read: AWS, or a table in tests.
pub trait Fetch {
    /// The value at `source`, or why there is none (one sentence).
    fn fetch(&self, source: &Source) -> impl Future<Output = Result<String, String>>;
}

impl Fetch for Aws {
    async fn fetch(&self, source: &Source) -> Result<String, String> {
        match source {
            Source::Cf { region, stack, output } => {
                let aws = region.as_deref().map_or_else(|| self.clone(), |r| self.in_region(r));
                stack_output(&aws, stack, output).await
            }
            Source::S3 { bucket, key } => object(self, bucket, key).await,
        }
    }
}

/// Resolves every deploy-time value of `service` in place; when one has
/// no value, changes nothing and returns why.
pub async fn resolve(service: &mut Node, fetch: &impl Fetch) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    collect(service, &mut found);
    if found.is_empty() {
        return Vec::new();
    }
    let mut reader = Reader { fetch, read: BTreeMap::new() };
    let mut texts = Vec::with_capacity(found.len());
    let mut diagnostics = Vec::new();
    for (deferred, span) in &found {
        match reader.text(deferred).await {
            Ok(text) => texts.push(text),
            Err(missing) => {
                diagnostics.extend(missing.into_iter().map(|(written, why)| no_value(&written, &why, *span)))
            }
        }
    }
    if diagnostics.is_empty() {
        replace(service, &mut texts.into_iter());
    }
    diagnostics.dedup();
    diagnostics
}

fn no_value(written: &str, why: &str, span: Span) -> Diagnostic {
    Diagnostic::error(Code::E0212, format!("`{written}` has no value: {why}"), span, "read from AWS at deploy time")
        .with_help("add a fallback, such as `${cf:stack.Output, \"default\"}`, or deploy what it reads first")
}

/// Every deploy-time value of `node`, with its span, in tree order.
fn collect(node: &Node, found: &mut Vec<(Deferred, Span)>) {
    match &node.kind {
        NodeKind::Deferred(deferred) => found.push((deferred.clone(), node.span)),
        NodeKind::List(items) => items.iter().for_each(|i| collect(i, found)),
        NodeKind::Object(object) => object.entries().iter().for_each(|e| collect(&e.value, found)),
        NodeKind::Call(call) => call.args.iter().for_each(|a| collect(a, found)),
        _ => {}
    }
}

/// Replaces each deploy-time value of `node`, in the order of [`collect`],
/// by the next of `texts`.
fn replace(node: &mut Node, texts: &mut impl Iterator<Item = String>) {
    match &mut node.kind {
        NodeKind::Deferred(_) => node.kind = NodeKind::String(texts.next().unwrap_or_default().into()),
        NodeKind::List(items) => items.iter_mut().for_each(|i| replace(i, texts)),
        NodeKind::Object(object) => object.entries_mut().for_each(|(_, _, value)| replace(value, texts)),
        NodeKind::Call(call) => call.args.iter_mut().for_each(|a| replace(a, texts)),
        _ => {}
    }
}

/// Reads lookups, each source once.
struct Reader<'a, F> {
    fetch: &'a F,
    read: BTreeMap<Source, Result<String, String>>,
}

/// A lookup that has no value: as written, and why.
type Missing = (String, String);

impl<F: Fetch> Reader<'_, F> {
    /// The text of `deferred`, or each of its lookups that has no value.
    async fn text(&mut self, deferred: &Deferred) -> Result<String, Vec<Missing>> {
        let mut text = String::new();
        let mut missing = Vec::new();
        for part in &deferred.parts {
            match part {
                DeferredPart::Text(plain) => text.push_str(plain),
                DeferredPart::Lookup(lookup) => match self.lookup(lookup).await {
                    Ok(value) => text.push_str(&value),
                    Err(why) => missing.push((lookup.written.clone(), why)),
                },
            }
        }
        if missing.is_empty() { Ok(text) } else { Err(missing) }
    }

    /// The value of one lookup, else of its fallback; else why the lookup
    /// itself has none.
    fn lookup<'b>(&'b mut self, lookup: &'b Lookup) -> Pin<Box<dyn Future<Output = Result<String, String>> + 'b>> {
        Box::pin(async move {
            let why = match self.source(&lookup.source).await {
                Ok(value) => return Ok(value),
                Err(why) => why,
            };
            let Some(fallback) = &lookup.fallback else { return Err(why) };
            match &fallback.kind {
                NodeKind::Deferred(deferred) => self.text(deferred).await.map_err(|_| why),
                NodeKind::String(text) | NodeKind::Number(text) => Ok(text.to_string()),
                NodeKind::Bool(b) => Ok(b.to_string()),
                NodeKind::Null => Ok("null".to_owned()),
                _ => Err(format!("{why}, and its fallback is {}, not text", fallback.describe())),
            }
        })
    }

    async fn source(&mut self, source: &Source) -> Result<String, String> {
        if let Some(read) = self.read.get(source) {
            return read.clone();
        }
        let read = self.fetch.fetch(source).await;
        self.read.insert(source.clone(), read.clone());
        read
    }
}

/// `${cf:stack.Output}`: the output of a stack in `aws`'s region.
async fn stack_output(aws: &Aws, name: &str, output: &str) -> Result<String, String> {
    let stack =
        stack::describe(aws, name).await?.ok_or_else(|| format!("stack `{name}` does not exist in {}", aws.region))?;
    stack.output(output).map(str::to_owned).ok_or_else(|| {
        let keys: Vec<&str> = stack.outputs.iter().map(|(k, _)| k.as_str()).collect();
        match svc_compiler::suggest::closest(output, keys.iter().copied()) {
            Some(best) => format!("stack `{name}` has no output `{output}` (did you mean `{best}`?)"),
            None => format!("stack `{name}` has no output `{output}`"),
        }
    })
}

/// `${s3:bucket/key}`: the object's content, as text.
async fn object(aws: &Aws, bucket: &str, key: &str) -> Result<String, String> {
    let bytes = super::bucket::get(aws, bucket, key)
        .await?
        .ok_or_else(|| format!("there is no object `{key}` in bucket `{bucket}`"))?;
    String::from_utf8(bytes).map_err(|_| format!("`{key}` in bucket `{bucket}` is not text"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use svc_compiler::analysis::analyse;
    use svc_compiler::files::MemoryFiles;
    use svc_compiler::resolve::Options;

    /// The values a test's AWS holds.
    struct Table(BTreeMap<Source, String>);

    impl Fetch for Table {
        async fn fetch(&self, source: &Source) -> Result<String, String> {
            self.0.get(source).cloned().ok_or_else(|| format!("nothing at {source:?}"))
        }
    }

    fn cf(stack: &str, output: &str) -> Source {
        Source::Cf { region: None, stack: stack.to_owned(), output: output.to_owned() }
    }

    /// The environment of function `f` after resolving against `values`,
    /// or the messages of the diagnostics.
    fn environment(values: &[(Source, &str)], environment: &str) -> Result<Vec<(String, String)>, Vec<String>> {
        let text = format!(
            "service = \"svc\"\n\nprovider aws {{\n  runtime = \"python3.12\"\n}}\n\nfunction f {{\n  handler = \"h.handle\"\n  environment {{\n{environment}\n  }}\n}}\n"
        );
        let analysis = analyse(&text, &Options::default(), &MemoryFiles::default());
        assert!(analysis.diagnostics.iter().all(|d| !d.is_error()), "{:?}", analysis.diagnostics);
        let mut service = analysis.service;
        let table = Table(values.iter().map(|(s, v)| (s.clone(), (*v).to_owned())).collect());
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let diagnostics = runtime.block_on(resolve(&mut service, &table));
        if !diagnostics.is_empty() {
            return Err(diagnostics.into_iter().map(|d| d.message).collect());
        }
        let variables = service.at_address("functions.f.environment").and_then(Node::as_object).expect("environment");
        Ok(variables
            .entries()
            .iter()
            .map(|e| (e.key.as_str().to_owned(), e.value.as_str().expect("a string").to_owned()))
            .collect())
    }

    fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_literal_dollar_brace_stays_text_beside_a_variable() {
        let found = environment(
            &[(cf("net", "VpcId"), "vpc-1")],
            r#"    A = "\${cf:net.VpcId}-${cf:net.VpcId}"
    B = "${cf:net.VpcId}\${x}""#,
        );
        assert_eq!(found, Ok(pairs(&[("A", "${cf:net.VpcId}-vpc-1"), ("B", "vpc-1${x}")])));
    }

    #[test]
    fn fallbacks_are_taken_in_order_when_a_value_is_missing() {
        let found = environment(
            &[(cf("net", "VpcId"), "vpc-1"), (Source::S3 { bucket: "b".into(), key: "k/v.txt".into() }, "blue")],
            r#"    HIT     = ${cf:net.VpcId, "unused"}
    LITERAL = "x-${cf:gone.Out, "fallback"}"
    CHAIN   = ${cf:gone.Out, ${cf:gone.Other}, ${s3:b/k/v.txt}}
    NUMBER  = ${cf:gone.Out, 256}
    OPTION  = ${opt:absent, ${cf:gone.Out}, "last"}"#,
        );
        assert_eq!(
            found,
            Ok(pairs(&[
                ("HIT", "vpc-1"),
                ("LITERAL", "x-fallback"),
                ("CHAIN", "blue"),
                ("NUMBER", "256"),
                ("OPTION", "last")
            ]))
        );
    }

    #[test]
    fn a_missing_value_without_fallback_names_the_variable_and_why() {
        let found = environment(&[], r#"    A = "${cf(eu-west-1):net.VpcId}""#);
        let source = Source::Cf { region: Some("eu-west-1".into()), stack: "net".into(), output: "VpcId".into() };
        assert_eq!(found, Err(vec![format!("`${{cf(eu-west-1):net.VpcId}}` has no value: nothing at {source:?}")]));
    }
}
