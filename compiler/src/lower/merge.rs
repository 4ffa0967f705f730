//! lodash's `_.merge`, with which the Serverless Framework merges the
//! user's `resources` into the template it generated
//! (`lib/plugins/aws/package/lib/merge-custom-provider-resources.js` in
//! v3): objects merge key by key, lists item by item (the user's first
//! item over the generated first item, and so on), anything else replaces.

use serde_json::Value;

/// Merges `source` over `target`, as `_.merge(target, source)`.
pub fn merge(target: &mut Value, source: Value) {
    match (target, source) {
        (Value::Object(target), Value::Object(source)) => {
            for (key, value) in source {
                match target.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        target.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(target), Value::Array(source)) => {
            for (index, value) in source.into_iter().enumerate() {
                match target.get_mut(index) {
                    Some(existing) => merge(existing, value),
                    None => target.push(value),
                }
            }
        }
        (target, source) => *target = source,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::merge;

    #[test]
    fn objects_merge_deeply_and_keep_the_generated_order() {
        let mut generated =
            json!({ "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "A": 1 }, "B": 2 } });
        merge(&mut generated, json!({ "Properties": { "BucketEncryption": { "C": 3 }, "Tags": [] } }));
        assert_eq!(
            generated,
            json!({ "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "A": 1, "C": 3 }, "B": 2, "Tags": [] } })
        );
        let keys: Vec<&String> = generated["Properties"].as_object().expect("object").keys().collect();
        assert_eq!(keys, ["BucketEncryption", "B", "Tags"], "merged keys stay in place, new ones come last");
    }

    #[test]
    fn lists_merge_item_by_item_as_lodash_does() {
        let mut generated = json!({ "DependsOn": ["A", "B"] });
        merge(&mut generated, json!({ "DependsOn": ["C"] }));
        assert_eq!(generated, json!({ "DependsOn": ["C", "B"] }));
        merge(&mut generated, json!({ "DependsOn": ["D", "E", "F"] }));
        assert_eq!(generated, json!({ "DependsOn": ["D", "E", "F"] }));
    }

    #[test]
    fn values_of_another_kind_replace() {
        let mut generated = json!({ "DependsOn": "A", "Properties": { "Role": { "Fn::GetAtt": ["R", "Arn"] } } });
        merge(&mut generated, json!({ "DependsOn": ["B"], "Properties": { "Role": "arn:aws:iam::1:role/r" } }));
        assert_eq!(generated, json!({ "DependsOn": ["B"], "Properties": { "Role": "arn:aws:iam::1:role/r" } }));
    }
}
