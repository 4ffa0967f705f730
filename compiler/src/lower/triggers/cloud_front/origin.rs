//! Origins of the CloudFront distribution: from a URL (`s3://…` for an S3
//! origin, anything else for a custom one) or a CloudFront origin object,
//! with the ID the Serverless Framework gives them (`s3/<host><path>`).

use serde_json::{Map, Value, json};

use crate::naming;

/// The origin of an event's `origin`, with its `Id`.
pub fn origin(given: Option<&Value>) -> Value {
    let mut origin = match given {
        Some(Value::String(url)) => from_url(url),
        Some(Value::Object(object)) => object.clone(),
        _ => Map::new(),
    };
    let id = id(&origin);
    origin.insert("Id".into(), json!(id));
    Value::Object(origin)
}

/// `DomainName`, `OriginPath` (when the path is more than `/`) and the
/// origin config of a URL, read as Node's `url.parse` reads it.
fn from_url(url: &str) -> Map<String, Value> {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = host.split_once(':').map_or(host, |(host, _)| host).to_lowercase();
    let path = tail.split(['?', '#']).next().unwrap_or_default();
    let mut origin = Map::new();
    origin.insert("DomainName".into(), json!(host));
    if path.len() > 1 {
        origin.insert("OriginPath".into(), json!(path));
    }
    if scheme.eq_ignore_ascii_case("s3") {
        origin.insert("S3OriginConfig".into(), json!({}));
    } else {
        origin.insert("CustomOriginConfig".into(), json!({ "OriginProtocolPolicy": "match-viewer" }));
    }
    origin
}

/// `s3/<domain><path>` or `custom/<domain><path>`; a domain given as a
/// reference is its JSON, letters and digits only.
fn id(origin: &Map<String, Value>) -> String {
    let kind = if origin.get("S3OriginConfig").is_some_and(|c| !c.is_null()) { "s3" } else { "custom" };
    let domain = match origin.get("DomainName") {
        Some(Value::String(domain)) => domain.clone(),
        Some(other) => naming::normalize_alphanumeric(&other.to_string()),
        None => String::new(),
    };
    let path = match origin.get("OriginPath") {
        Some(Value::String(path)) => path.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    format!("{kind}/{domain}{path}")
}

/// Merges `from` into `into` as the Serverless Framework joins origins and
/// behaviors: lists are joined without repeats, objects merged, and a value
/// already set stays.
pub fn extend(into: &mut Value, from: &Value) {
    let (Value::Object(into), Value::Object(from)) = (into, from) else { return };
    for (key, value) in from {
        match into.get_mut(key) {
            None => {
                into.insert(key.clone(), value.clone());
            }
            Some(Value::Array(items)) => {
                for item in value.as_array().map_or_else(|| vec![value.clone()], Clone::clone) {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
            }
            Some(existing @ Value::Object(_)) => extend(existing, value),
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls_as_node_does() {
        let s3 = origin(Some(&json!("s3://assets-bucket.s3.amazonaws.com/files")));
        assert_eq!(s3["Id"], "s3/assets-bucket.s3.amazonaws.com/files");
        assert_eq!(s3["OriginPath"], "/files");
        let custom = origin(Some(&json!("https://User@Example.com:8443/?q=1")));
        assert_eq!(custom["Id"], "custom/example.com");
        assert!(custom.get("OriginPath").is_none());
    }

    #[test]
    fn extends_lists_without_repeats() {
        let mut into = json!({ "A": [1], "B": "kept", "C": { "D": 1 } });
        extend(&mut into, &json!({ "A": [1, 2], "B": "new", "C": { "E": 2 }, "F": 3 }));
        assert_eq!(into, json!({ "A": [1, 2], "B": "kept", "C": { "D": 1, "E": 2 }, "F": 3 }));
    }
}
