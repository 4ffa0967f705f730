//! E0417: a DynamoDB table whose key schemas and `AttributeDefinitions`
//! disagree, at the attribute, from the analysis.

mod analysed;

use analysed::{found, under};
use svc_compiler::diagnostic::Code;

fn e0417(table: &str) -> (String, Vec<svc_compiler::Diagnostic>) {
    let src = format!("service = \"tables\"\n\nprovider aws {{\n  runtime = \"python3.12\"\n}}\n\n{table}");
    let errors = found(&src, Code::E0417);
    (src, errors)
}

#[test]
fn a_key_missing_from_the_attribute_definitions_is_an_error_at_it() {
    let (src, found) = e0417(
        "resource Users \"AWS::DynamoDB::Table\" {\n  BillingMode          = \"PAY_PER_REQUEST\"\n  AttributeDefinitions = [{ AttributeName = \"id\", AttributeType = \"S\" }]\n  KeySchema            = [{ AttributeName = \"id\", KeyType = \"HASH\" }, { AttributeName = \"sk\", KeyType = \"RANGE\" }]\n}\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "`sk` is a key of table `Users` but not in its `AttributeDefinitions`");
    assert_eq!(under(&src, &found[0]), "\"sk\"");
}

#[test]
fn a_defined_attribute_no_key_uses_and_index_keys_count() {
    let (_, found) = e0417(
        "resource Users \"AWS::DynamoDB::Table\" {\n  BillingMode          = \"PAY_PER_REQUEST\"\n  AttributeDefinitions = [{ AttributeName = \"id\", AttributeType = \"S\" }, { AttributeName = \"email\", AttributeType = \"S\" }, { AttributeName = \"age\", AttributeType = \"N\" }]\n  KeySchema            = [{ AttributeName = \"id\", KeyType = \"HASH\" }]\n  GlobalSecondaryIndexes = [{ IndexName = \"byEmail\", KeySchema = [{ AttributeName = \"email\", KeyType = \"HASH\" }], Projection = { ProjectionType = \"ALL\" } }]\n}\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "`age` is defined in table `Users`'s `AttributeDefinitions` but is no key");
}

#[test]
fn matching_keys_and_keys_svc_cannot_read_are_left_alone() {
    let (_, found) = e0417(
        "resource Users \"AWS::DynamoDB::Table\" {\n  BillingMode          = \"PAY_PER_REQUEST\"\n  AttributeDefinitions = [{ AttributeName = \"id\", AttributeType = \"S\" }]\n  KeySchema            = [{ AttributeName = \"id\", KeyType = \"HASH\" }]\n}\n\nresource Other \"AWS::DynamoDB::Table\" {\n  BillingMode          = \"PAY_PER_REQUEST\"\n  AttributeDefinitions = [{ AttributeName = ref(Name), AttributeType = \"S\" }]\n  KeySchema            = [{ AttributeName = \"pk\", KeyType = \"HASH\" }]\n}\n\nresources {\n  Parameters {\n    Name {\n      Type = \"String\"\n    }\n  }\n}\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}
