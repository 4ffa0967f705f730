//! The alias on the function's version: `provisioned` with
//! `provisionedConcurrency` (the environments are kept warm on it), or
//! `snapstart` with `snapStart`. Events then invoke the alias.

use serde_json::json;

use crate::naming;
use crate::tree::Entry;

use super::setting;
use crate::lower::common::alias;
use crate::lower::template::Template;

/// Adds the alias of a function that has one, on `version`.
pub fn lower(function: &Entry, version: &str, template: &mut Template) {
    let Some((name, id)) = alias(function) else { return };
    let lambda = naming::lambda_function(&function.key);
    let mut properties = json!({
        "FunctionName": { "Ref": lambda },
        "FunctionVersion": { "Fn::GetAtt": [version, "Version"] },
        "Name": name
    });
    if name == "provisioned" {
        let count = setting(function, "provisionedConcurrency").unwrap_or_default();
        properties["ProvisionedConcurrencyConfig"] = json!({ "ProvisionedConcurrentExecutions": count });
    }
    // Serverless also writes `DependsOn` the function, which the `Ref`
    // implies (cfn-lint W3005).
    template.resource(id, json!({ "Type": "AWS::Lambda::Alias", "Properties": properties }));
}
