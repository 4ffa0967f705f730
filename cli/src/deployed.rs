//! The functions of a deployed service, as `svc invoke`, `svc logs` and
//! `svc metrics` name them: the function's name in the service, and its
//! name in AWS (the physical ID of `<Name>LambdaFunction` in the stack).

use std::collections::BTreeMap;

use svc_compiler::naming;

use crate::aws::{Aws, stack};
use crate::error::Error;
use crate::loaded::{self, Loaded};
use crate::output;
use crate::target::Target;

/// A function of the service and its deployed Lambda function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployed {
    /// The function's name in the service (`hello`).
    pub name: String,
    /// The Lambda function's name in AWS (`app-dev-hello`).
    pub aws: String,
}

/// The functions `-f NAME` picks: that one, or every function of the
/// service without `-f`. An unknown name is refused with the closest one
/// (exit 2), before anything is asked of AWS.
pub fn pick(loaded: &Loaded, function: Option<&str>) -> Result<Vec<String>, Error> {
    let names = loaded::function_names(&loaded.analysis.service);
    match function {
        Some(name) if names.iter().any(|n| n == name) => Ok(vec![name.to_owned()]),
        Some(name) => {
            let hint = match svc_compiler::suggest::closest(name, names.iter().map(String::as_str)) {
                Some(best) => format!("; did you mean `{best}`?"),
                None if names.is_empty() => "; it has no functions".to_owned(),
                None => format!("; its functions are {}", quoted(&names)),
            };
            Err(Error::Failed(format!("{} has no function `{name}`{hint}", loaded.file_name())))
        }
        None if names.is_empty() => Err(Error::Failed(format!("{} has no functions", loaded.file_name()))),
        None => Ok(names),
    }
}

/// The deployed names of `names`, read from the stack. A stack that does
/// not exist, or a function `-f` named that it does not have yet, is
/// refused (exit 2) saying that `svc deploy` creates it; without `-f`, the
/// functions not deployed yet are left out with a note.
pub async fn resolve(aws: &Aws, target: &Target, names: Vec<String>, chosen: bool) -> Result<Vec<Deployed>, Error> {
    let Some(info) = stack::describe(aws, &target.stack).await.map_err(Error::Failed)? else {
        return Err(Error::Failed(format!(
            "stack `{}` does not exist in {}: `svc deploy` creates it",
            target.stack, target.region
        )));
    };
    let physical: BTreeMap<String, String> = stack::resources(aws, &info.id)
        .await
        .map_err(Error::Failed)?
        .into_iter()
        .filter_map(|r| Some((r.logical, r.physical?)))
        .collect();
    let (deployed, missing): (Vec<_>, Vec<_>) = names
        .into_iter()
        .map(|name| {
            let aws = physical.get(&naming::lambda_function(&name)).cloned();
            (name, aws)
        })
        .partition(|(_, aws)| aws.is_some());
    let deployed: Vec<Deployed> =
        deployed.into_iter().filter_map(|(name, aws)| Some(Deployed { name, aws: aws? })).collect();
    let missing: Vec<String> = missing.into_iter().map(|(name, _)| name).collect();
    if !missing.is_empty() {
        let sentence = format!(
            "stack `{}` has no Lambda function for {} yet: `svc deploy` creates it",
            target.stack,
            quoted(&missing)
        );
        if chosen || deployed.is_empty() {
            return Err(Error::Failed(sentence));
        }
        output::note(&sentence);
    }
    Ok(deployed)
}

/// `` `a`, `b` ``
fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
