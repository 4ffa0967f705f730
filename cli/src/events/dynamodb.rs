//! `--event dynamodb`: stream records of the function's DynamoDB table —
//! an insert, then a change of the same item — with the keys of the
//! table's `KeySchema` and the images of its `StreamViewType` when the
//! table is a resource of the service.
//!
//! Shape: "Example DynamoDB Streams record event" of
//! <https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html>.

use serde_json::{Map, Value, json};

use super::arn::{self, Named};
use super::{Context, stream};

/// The records.
pub fn event(context: &Context<'_>, declaration: &Value) -> Value {
    let table = arn::logical_id(stream::written(declaration));
    let stream_arn = match stream::named(context, declaration, "TableName") {
        Named::Arn(arn) => arn,
        Named::Name(name) => format!(
            "arn:aws:dynamodb:{}:{}:table/{name}/stream/{}",
            context.region(),
            context.account(),
            context.clock.stream_label()
        ),
    };
    let view = table
        .as_deref()
        .and_then(|id| arn::property(context, id, "StreamSpecification")?.get("StreamViewType")?.as_str())
        .unwrap_or("NEW_AND_OLD_IMAGES");
    let keys = keys(context, table.as_deref());
    let image = |message: &str| {
        let mut image = keys.clone();
        image.insert("Message".to_owned(), json!({ "S": message }));
        Value::Object(image)
    };
    let new = view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES";
    let old = view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES";
    let changes = [
        ("INSERT", None, Some(image("New item!"))),
        ("MODIFY", Some(image("New item!")), Some(image("This item has changed"))),
    ];
    let records: Vec<Value> = changes
        .into_iter()
        .take(usize::try_from(super::batch_size(declaration)).unwrap_or(2))
        .enumerate()
        .map(|(index, (name, old_image, new_image))| {
            let mut record = Map::new();
            record.insert("Keys".to_owned(), Value::Object(keys.clone()));
            if let Some(image) = old_image.filter(|_| old) {
                record.insert("OldImage".to_owned(), image);
            }
            if let Some(image) = new_image.filter(|_| new) {
                record.insert("NewImage".to_owned(), image);
            }
            record.insert("StreamViewType".to_owned(), json!(view));
            record.insert("SequenceNumber".to_owned(), json!(format!("{}00", (index + 1) * 111)));
            record.insert("SizeBytes".to_owned(), json!(26 + 33 * index));
            json!({
                "eventID": context.token(&format!("record {index}"), 32),
                "eventVersion": "1.0",
                "dynamodb": record,
                "awsRegion": context.region(),
                "eventName": name,
                "eventSourceARN": stream_arn,
                "eventSource": "aws:dynamodb"
            })
        })
        .collect();
    json!({ "Records": records })
}

/// The item's key: each attribute of the table's `KeySchema` with a value
/// of its type in `AttributeDefinitions` (`S` → `"id-1"`, `N` → `"101"`,
/// `B` → base64); AWS's sample key `Id = 101` when the table is not known.
fn keys(context: &Context<'_>, table: Option<&str>) -> Map<String, Value> {
    let schema = table.and_then(|id| arn::property(context, id, "KeySchema")?.as_array());
    let definitions = table.and_then(|id| arn::property(context, id, "AttributeDefinitions")?.as_array());
    let type_of = |name: &str| {
        definitions
            .into_iter()
            .flatten()
            .find_map(|d| (d.get("AttributeName")?.as_str()? == name).then(|| d.get("AttributeType")?.as_str())?)
    };
    let keys: Map<String, Value> = schema
        .into_iter()
        .flatten()
        .filter_map(|key| key.get("AttributeName")?.as_str())
        .map(|name| {
            let value = match type_of(name).unwrap_or("S") {
                "N" => json!({ "N": "101" }),
                "B" => json!({ "B": "c2FtcGxl" }),
                _ => json!({ "S": format!("{name}-1") }),
            };
            (name.to_owned(), value)
        })
        .collect();
    if keys.is_empty() { json!({ "Id": { "N": "101" } }).as_object().cloned().unwrap_or_default() } else { keys }
}
