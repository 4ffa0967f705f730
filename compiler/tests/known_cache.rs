//! The editor's cache of generated resources ([`KnownCache`]) is keyed by
//! [`names_digest`], which leaves out a few function and provider values.
//! Over every bundled service: changing or removing any of those values
//! keeps the digest and the resources; a change elsewhere (a function's
//! name, an event, the stage) changes the digest; and the cache answers
//! as [`lower_for_names`] does.

mod common;

use common::{Disk, bundled_services, options};
use svc_compiler::Settings;
use svc_compiler::analysis::{analyse, lower_for_names};
use svc_compiler::check::{FUNCTION_VALUES, KnownCache, PROVIDER_VALUES, names_digest};
use svc_compiler::span::Span;
use svc_compiler::tree::{Node, NodeKind, Object};

fn checked_services() -> Vec<(String, Node, Settings)> {
    let services = bundled_services().into_iter().map(|path| {
        let src = std::fs::read_to_string(&path).expect("readable");
        let analysis = analyse(&src, &options(&path), &Disk);
        (path.display().to_string(), analysis.service, analysis.settings)
    });
    services.collect()
}

fn node(kind: NodeKind) -> Node {
    Node::new(kind, Span::empty(0))
}

/// Other values a setting could have: text, a number, an object.
fn replacements() -> Vec<Node> {
    let mut object = Object::default();
    object.push("CHANGED", Span::empty(0), node(NodeKind::String("yes".into())));
    vec![
        node(NodeKind::String("changed".into())),
        node(NodeKind::Number("4096".into())),
        node(NodeKind::Object(object)),
    ]
}

fn object_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Object> {
    match &mut node.as_object_mut()?.get_mut(key)?.kind {
        NodeKind::Object(object) => Some(object),
        _ => None,
    }
}

/// The settings of `function`.
fn settings_mut<'a>(service: &'a mut Node, function: &str) -> Option<&'a mut Object> {
    match &mut object_mut(service, "functions")?.get_mut(function)?.kind {
        NodeKind::Object(settings) => Some(settings),
        _ => None,
    }
}

/// Every variant of `service` with one value of `keys` in the object at
/// `path` (a function's settings, or `provider`) changed or removed.
fn variants(service: &Node, at: &dyn Fn(&mut Node) -> Option<&mut Object>, keys: &[&str]) -> Vec<Node> {
    let mut out = Vec::new();
    for key in keys {
        for replacement in replacements().into_iter().map(Some).chain([None]) {
            let mut changed = service.clone();
            let Some(object) = at(&mut changed) else { return out };
            match replacement {
                Some(value) => match object.get_mut(key) {
                    Some(existing) => *existing = value,
                    None => object.push(*key, Span::empty(0), value),
                },
                None => {
                    object.remove(key);
                }
            }
            out.push(changed);
        }
    }
    out
}

#[test]
fn values_left_out_of_the_digest_never_change_the_resources() {
    let mut variants_checked = 0;
    for (name, service, settings) in checked_services() {
        let (digest, known) = (names_digest(&service, &settings), lower_for_names(&service, &settings));
        let functions: Vec<String> = match service.as_object().and_then(|r| r.get("functions")).map(|f| &f.kind) {
            Some(NodeKind::Object(functions)) => {
                functions.entries().iter().map(|f| f.key.as_str().to_owned()).collect()
            }
            _ => Vec::new(),
        };
        let mut all = variants(&service, &|s| object_mut(s, "provider"), &PROVIDER_VALUES);
        for function in &functions {
            all.extend(variants(&service, &|s| settings_mut(s, function), &FUNCTION_VALUES));
        }
        for variant in all {
            assert_eq!(names_digest(&variant, &settings), digest, "{name}: the digest changed");
            assert_eq!(lower_for_names(&variant, &settings), known, "{name}: the resources changed");
            variants_checked += 1;
        }
    }
    assert!(variants_checked >= 1_000, "only {variants_checked} variants checked");
}

#[test]
fn a_new_function_name_event_or_stage_changes_the_digest() {
    let mut compared = 0;
    for (name, service, settings) in checked_services() {
        let Some(first) = service.as_object().and_then(|r| r.get("functions")).and_then(Node::as_object) else {
            continue;
        };
        let Some(function) = first.entries().first().map(|f| f.key.clone()) else { continue };
        let mut renamed = service.clone();
        if let Some(functions) = object_mut(&mut renamed, "functions")
            && let Some(entry) = functions.remove(&function)
        {
            functions.insert_first(format!("{function}Renamed"), entry.key_span, entry.value);
        }
        let digest = names_digest(&service, &settings);
        assert_ne!(names_digest(&renamed, &settings), digest, "{name}: renaming `{function}`");
        let mut with_event = service.clone();
        if let Some(settings) = settings_mut(&mut with_event, &function) {
            settings.push("url", Span::empty(0), node(NodeKind::Bool(true)));
        }
        assert_ne!(names_digest(&with_event, &settings), digest, "{name}: adding `url` to `{function}`");
        let other_stage = Settings { stage: format!("{}x", settings.stage), ..settings.clone() };
        assert_ne!(names_digest(&service, &other_stage), digest, "{name}: another stage");
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} services compared");
}

/// The cache answers as a lowering does; it reuses an answer without
/// diagnostics, and lowers again when the answer had some (their spans
/// belong to the text they were found in).
#[test]
fn the_cache_answers_as_a_lowering_does() {
    let cache = KnownCache::default();
    let (mut reused, mut lowered_again) = (0, 0);
    for (name, service, settings) in checked_services() {
        let lowered = || lower_for_names(&service, &settings);
        let first = cache.get_or(&service, &settings, lowered);
        assert_eq!(*first, lowered(), "{name}");
        let mut again = false;
        let second = cache.get_or(&service, &settings, || {
            again = true;
            lowered()
        });
        assert_eq!(*second, lowered(), "{name}, asked again");
        assert_eq!(again, !first.diagnostics.is_empty(), "{name}: lowered again only for diagnostics");
        if again { lowered_again += 1 } else { reused += 1 }
    }
    assert!(reused >= 40 && lowered_again >= 1, "{reused} answers reused, {lowered_again} lowered again");
}
