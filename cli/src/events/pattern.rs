//! A value that an EventBridge-style filter pattern matches: what the
//! `pattern` of an `eventBridge` event, the `filterPolicy` of an `sns`
//! event and the `filterPatterns` of `sqs` and `stream` events are
//! written in (`{"detail": {"state": ["running"]}}`).

use serde_json::{Map, Value};

/// An object matching the object `pattern`: each key takes the first value
/// its list allows (`["running", "stopped"]` → `"running"`; a `prefix`,
/// `suffix`, `wildcard` or `equals-ignore-case` filter gives text it
/// matches); nested objects are matched in turn. A key whose filters give
/// no value (`anything-but`, `numeric`, `exists`) is left out.
pub fn matching(pattern: &Value) -> Map<String, Value> {
    let mut sample = Map::new();
    for (key, allowed) in pattern.as_object().into_iter().flatten() {
        let value = match allowed {
            Value::Object(_) => Some(Value::Object(matching(allowed))),
            Value::Array(items) => items.iter().find_map(allowed_value),
            _ => None,
        };
        if let Some(value) = value {
            sample.insert(key.clone(), value);
        }
    }
    sample
}

/// JSON text the `key` pattern of the event's first `filterPatterns` item
/// that has one matches (`filterPatterns = [{ body = { … } }]`), else
/// `default`.
pub fn filtered_text(declaration: &Value, key: &str, default: &str) -> String {
    let patterns = declaration.get("filterPatterns").and_then(Value::as_array).into_iter().flatten();
    match patterns.filter_map(|p| p.get(key)).next() {
        Some(pattern) => Value::Object(matching(pattern)).to_string(),
        None => default.to_owned(),
    }
}

/// The first value a pattern's list allows, when it names one.
pub fn first_text(allowed: Option<&Value>) -> Option<String> {
    allowed?.as_array()?.iter().find_map(allowed_value)?.as_str().map(str::to_owned)
}

fn allowed_value(item: &Value) -> Option<Value> {
    match item {
        Value::Object(filter) => {
            let (name, operand) = filter.iter().next()?;
            let operand = operand.as_str()?;
            match name.as_str() {
                "prefix" => Some(Value::String(format!("{operand}sample"))),
                "suffix" => Some(Value::String(format!("sample{operand}"))),
                "wildcard" => Some(Value::String(operand.replace('*', "sample"))),
                "equals-ignore-case" => Some(Value::String(operand.to_owned())),
                _ => None,
            }
        }
        Value::Array(_) => None,
        scalar => Some(scalar.clone()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{first_text, matching};

    #[test]
    fn a_sample_matches_the_pattern() {
        let pattern = json!({
            "state": ["running", "stopped"],
            "size": [{ "numeric": [">", 10] }, 3],
            "name": [{ "prefix": "img-" }],
            "file": [{ "suffix": ".png" }],
            "owner": [{ "anything-but": "root" }],
            "nested": { "ok": [true] }
        });
        assert_eq!(
            serde_json::Value::Object(matching(&pattern)),
            json!({ "state": "running", "size": 3, "name": "img-sample", "file": "sample.png", "nested": { "ok": true } })
        );
        assert_eq!(first_text(Some(&json!(["aws.ec2"]))), Some("aws.ec2".to_owned()));
        assert_eq!(first_text(Some(&json!([{ "anything-but": "x" }]))), None);
    }
}
