//! Invariants of the schema tables, checked over every object reachable
//! from [`ROOT`].

use std::collections::HashSet;

use super::{DEPRECATED_RUNTIMES, Key, Object, REGIONS, ROOT, RUNTIMES, Ty};

/// Every object reachable from `ROOT`, each once, with the path it was first reached by.
fn objects() -> Vec<(String, &'static Object)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    walk_object("ROOT".into(), &ROOT, &mut seen, &mut out);
    out
}

fn walk_object(
    path: String,
    obj: &'static Object,
    seen: &mut HashSet<usize>,
    out: &mut Vec<(String, &'static Object)>,
) {
    if !seen.insert(obj as *const Object as usize) {
        return;
    }
    out.push((path.clone(), obj));
    for key in obj.keys {
        walk_ty(format!("{path}.{}", key.name), &key.ty, seen, out);
    }
}

fn walk_ty(path: String, ty: &Ty, seen: &mut HashSet<usize>, out: &mut Vec<(String, &'static Object)>) {
    match ty {
        Ty::Object(obj) => walk_object(path, obj, seen, out),
        Ty::List(inner) => walk_ty(format!("{path}[]"), inner, seen, out),
        Ty::Map(inner) => walk_ty(format!("{path}.*"), inner, seen, out),
        Ty::OneOf(alternatives) => {
            for alt in *alternatives {
                walk_ty(path.clone(), alt, seen, out);
            }
        }
        _ => {}
    }
}

/// Every key of every reachable object, with its path.
fn keys() -> Vec<(String, &'static Key)> {
    objects()
        .into_iter()
        .flat_map(|(path, obj)| obj.keys.iter().map(move |k| (format!("{path}.{}", k.name), k)))
        .collect()
}

/// Every type appearing in a key, nested ones included.
fn types_of(ty: &Ty, out: &mut Vec<Ty>) {
    out.push(*ty);
    match ty {
        Ty::List(inner) | Ty::Map(inner) => types_of(inner, out),
        Ty::OneOf(alternatives) => alternatives.iter().for_each(|alt| types_of(alt, out)),
        _ => {}
    }
}

#[test]
fn the_model_is_large() {
    // Guards the walk itself: if it stopped early every other test would pass vacuously.
    assert!(objects().len() > 80, "only {} objects reachable", objects().len());
    assert!(keys().len() > 400, "only {} keys reachable", keys().len());
}

#[test]
fn every_key_has_a_one_paragraph_doc_ending_with_a_period() {
    for (path, key) in keys() {
        let doc = key.doc.trim();
        assert!(!doc.is_empty(), "{path}: empty doc");
        assert!(doc.ends_with('.'), "{path}: doc does not end with a period: {doc:?}");
        assert!(!doc.contains('\n'), "{path}: doc is more than one paragraph");
        assert_eq!(doc, key.doc, "{path}: doc has surrounding blanks");
    }
}

#[test]
fn no_object_repeats_a_key() {
    for (path, obj) in objects() {
        let mut names = HashSet::new();
        for key in obj.keys {
            assert!(names.insert(key.name), "{path} ({}): key `{}` twice", obj.name, key.name);
        }
        assert!(!obj.name.is_empty(), "{path}: object without a name");
    }
}

#[test]
fn integer_ranges_and_enums_are_well_formed() {
    for (path, key) in keys() {
        let mut tys = Vec::new();
        types_of(&key.ty, &mut tys);
        for ty in tys {
            match ty {
                Ty::Integer { min, max, .. } => assert!(min <= max, "{path}: {min} > {max}"),
                Ty::Enum(values) => {
                    assert!(!values.is_empty(), "{path}: empty enum");
                    let distinct: HashSet<_> = values.iter().collect();
                    assert_eq!(distinct.len(), values.len(), "{path}: enum repeats a value");
                }
                Ty::IntEnum { values, .. } => {
                    assert!(!values.is_empty(), "{path}: empty enum");
                    assert!(values.windows(2).all(|w| w[0] < w[1]), "{path}: values not strictly increasing");
                }
                Ty::OneOf(alternatives) => assert!(alternatives.len() >= 2, "{path}: OneOf with fewer than two types"),
                _ => {}
            }
        }
    }
}

/// Whether `default` (svc source text) is a value of `ty`.
fn default_fits(default: &str, ty: &Ty) -> bool {
    let text = default.strip_prefix('"').and_then(|d| d.strip_suffix('"'));
    match ty {
        Ty::Enum(values) => text.is_some_and(|t| values.contains(&t)),
        Ty::IntEnum { values, .. } => default.parse().is_ok_and(|n: i64| values.contains(&n)),
        Ty::Integer { min, max, .. } => default.parse().is_ok_and(|n: i64| (*min..=*max).contains(&n)),
        Ty::Bool => default == "true" || default == "false",
        Ty::Pattern { check, .. } => text.is_some_and(|t| check(t).is_ok()),
        Ty::String | Ty::StringOrIntrinsic => text.is_some(),
        Ty::OneOf(alternatives) => alternatives.iter().any(|alt| default_fits(default, alt)),
        _ => false,
    }
}

#[test]
fn defaults_are_values_of_their_type() {
    // Covers "the default of an enum key is in the enum", and likewise for
    // integers, booleans and patterns.
    let mut checked = 0;
    for (path, key) in keys() {
        if let Some(default) = key.default {
            assert!(default_fits(default, &key.ty), "{path}: default {default} is not a {:?}", key.ty);
            assert!(!key.required, "{path}: a required key with a default");
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} defaults");
}

#[test]
fn every_event_kind_exists() {
    let function = ROOT.key("functions").map(|k| k.ty);
    let Some(Ty::Map(Ty::Object(function))) = function else { panic!("functions is not a map of objects") };
    let Some(Ty::List(Ty::Object(event))) = function.key("events").map(|k| k.ty) else {
        panic!("events is not a list of objects")
    };
    assert!(event.exactly_one, "an event has exactly one kind");
    for kind in [
        "httpApi",
        "http",
        "websocket",
        "schedule",
        "s3",
        "sqs",
        "sns",
        "stream",
        "eventBridge",
        "cloudwatchEvent",
        "cloudwatchLog",
        "cognitoUserPool",
        "alb",
        "iot",
        "alexaSkill",
    ] {
        assert!(event.key(kind).is_some(), "event kind `{kind}` missing");
    }
}

#[test]
fn short_forms_take_the_documented_examples() {
    let function = match ROOT.key("functions").map(|k| k.ty) {
        Some(Ty::Map(Ty::Object(f))) => f,
        _ => unreachable!(),
    };
    let Some(Ty::List(Ty::Object(event))) = function.key("events").map(|k| k.ty) else { unreachable!() };
    for (kind, short) in [
        ("httpApi", "GET /items/{id}"),
        ("httpApi", "*"),
        ("http", "GET users/{id}"),
        ("schedule", "rate(5 minutes)"),
        ("schedule", "cron(0 12 * * ? *)"),
        ("sqs", "arn:aws:sqs:us-east-1:123456789012:jobs"),
        ("sns", "orders"),
        ("sns", "arn:aws:sns:us-east-1:123456789012:orders"),
        ("stream", "arn:aws:kinesis:us-east-1:123456789012:stream/clicks"),
        ("websocket", "$connect"),
        ("s3", "photos"),
        ("cloudwatchLog", "/aws/lambda/hello"),
        ("alexaSkill", "amzn1.ask.skill.12345678-1234"),
    ] {
        let ty = event.key(kind).map(|k| k.ty);
        let Some(Ty::OneOf(alternatives)) = ty else { panic!("{kind}: no short form") };
        let fits = alternatives.iter().any(|alt| matches!(alt, Ty::Pattern { check, .. } if check(short).is_ok()));
        assert!(fits, "{kind}: short form {short:?} rejected");
    }
}

#[test]
fn runtime_and_region_lists_are_clean() {
    for list in [RUNTIMES, DEPRECATED_RUNTIMES, REGIONS] {
        let distinct: HashSet<_> = list.iter().collect();
        assert_eq!(distinct.len(), list.len(), "a list repeats a value");
    }
    assert!(RUNTIMES.iter().all(|r| !DEPRECATED_RUNTIMES.contains(r)), "a runtime is both supported and deprecated");
    for region in REGIONS {
        assert_eq!(super::patterns::commercial_region(region), Ok(()), "{region}");
    }
}
