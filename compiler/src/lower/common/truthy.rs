//! JavaScript truthiness, as the Serverless Framework tests its settings.

use serde_json::Value;

/// Whether a value counts as set in JavaScript (`if (value)`): not absent,
/// `null`, `false`, `0` or `""`.
pub fn truthy(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(_) | Value::Object(_)) => true,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::truthy;

    #[test]
    fn follows_javascript() {
        for falsy in [json!(0), json!(null), json!(""), json!(false), json!(0.0)] {
            assert!(!truthy(Some(&falsy)), "{falsy} is falsy");
        }
        for set in [json!(5), json!({ "Ref": "X" }), json!([]), json!("0"), json!(true)] {
            assert!(truthy(Some(&set)), "{set} is truthy");
        }
        assert!(!truthy(None));
    }
}
