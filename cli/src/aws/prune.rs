//! Pruning what deploys leave behind: the Lambda versions and layer
//! versions beyond the newest N of each (never one an alias or the stack
//! points at), the recorded deployments beyond the newest N (never the
//! live one), and the content-addressed artifacts and templates in the
//! deployment bucket that no kept deployment uses. [`plan`] works out what
//! would go, reading only; [`Plan::apply`] deletes it one call at a time,
//! so Ctrl-C stops between two deletes and running it again finishes.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use serde_json::Value;

use super::error::{code, describe as explain};
use super::history::{Deployment, History, TEMPLATE_FILE, digest};
use super::{Aws, bucket, stack};
use crate::error::Error;
use crate::interrupt::Interrupt;
use crate::output;
use crate::plan::s3_keys;
use crate::target::Target;

/// The folders of content-addressed objects in the service's folder:
/// code (`code-artifacts/<sha256>/<file>`) and templates too large to send
/// inline (`templates/<sha256>/compiled-cloudformation-template.json`).
const CONTENT_FOLDERS: [&str; 2] = ["code-artifacts", "templates"];

/// The most objects one DeleteObjects call takes (S3's limit).
const BATCH: usize = 1000;

/// How many deployments, and how many artifacts, the plan names one by
/// one; the others are counted.
const SHOWN: usize = 20;

/// The published versions of one function, or of one layer, to delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions {
    /// The function's name, or the layer's.
    pub name: String,
    /// The version numbers to delete, oldest first.
    pub doomed: Vec<i64>,
    /// How many published versions there are.
    pub total: usize,
    /// The bytes of code the doomed versions hold (Lambda does not list a
    /// layer version's size: 0 for layers).
    pub bytes: u64,
}

/// An object to delete from the deployment bucket, with every version of
/// it (a versioned bucket keeps the old ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// Its key.
    pub key: String,
    /// Its versions and delete markers, with their sizes (S3 names the one
    /// version of an unversioned bucket's object `null`).
    pub versions: Vec<(Option<String>, u64)>,
}

impl Object {
    /// The bytes its versions hold.
    pub fn bytes(&self) -> u64 {
        self.versions.iter().map(|(_, size)| size).sum()
    }
}

/// A recorded deployment to delete, with the objects of its folder.
#[derive(Clone, Debug)]
pub struct Folder {
    /// Its time, as its folder's name writes it.
    pub time: String,
    /// Its timestamp (`svc deploy list`, `svc rollback --timestamp`).
    pub timestamp: i64,
    /// The objects in its folder.
    pub objects: Vec<Object>,
}

/// What pruning would delete, and why some things that may look unused
/// are kept.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The stack.
    pub stack: String,
    /// How many of each are kept (besides what is live or aliased).
    pub keep: usize,
    /// Function versions, by function.
    pub functions: Vec<Versions>,
    /// Layer versions, by layer.
    pub layers: Vec<Versions>,
    /// The deployment bucket.
    pub bucket: String,
    /// The service's and stage's folder in it.
    pub folder: String,
    /// How many deployments are recorded.
    pub recorded: usize,
    /// The recorded deployments to delete, newest first.
    pub deployments: Vec<Folder>,
    /// The content-addressed artifacts and templates no kept deployment
    /// uses.
    pub artifacts: Vec<Object>,
    /// Why something was kept or left alone, one sentence each, for
    /// `output::note`.
    pub notes: Vec<String>,
}

/// What was deleted so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Function versions deleted.
    pub function_versions: usize,
    /// Layer versions deleted.
    pub layer_versions: usize,
    /// Objects deleted from the bucket (each with all its versions).
    pub objects: usize,
    /// The bytes those objects held.
    pub bytes: u64,
}

impl Applied {
    /// `3 function versions, 1 layer version, 12 objects (4.2 MB)`.
    pub fn describe(&self) -> String {
        format!(
            "{}, {}, {} ({})",
            output::plural(self.function_versions, "function version"),
            output::plural(self.layer_versions, "layer version"),
            output::plural(self.objects, "object"),
            output::size(self.bytes)
        )
    }

    fn is_nothing(&self) -> bool {
        *self == Applied::default()
    }
}

/// Why [`Plan::apply`] stopped before its end, with what it had deleted.
/// What is deleted stays deleted (a call under way when Ctrl-C came may
/// have finished too), and the rest is where it was: running `svc prune`
/// again plans from what is left and finishes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unfinished {
    /// What was deleted before it stopped.
    pub done: Applied,
    /// Why it stopped; `None` for Ctrl-C.
    pub failure: Option<String>,
}

impl Unfinished {
    /// Stopped by Ctrl-C after deleting `done`.
    pub fn interrupted(done: Applied) -> Unfinished {
        Unfinished { done, failure: None }
    }
}

impl From<Unfinished> for Error {
    fn from(unfinished: Unfinished) -> Error {
        let done = match unfinished.done.is_nothing() {
            true => "nothing was deleted".to_owned(),
            false => format!("deleted {} before it", unfinished.done.describe()),
        };
        match unfinished.failure {
            None => Error::Interrupted(format!(
                "pruning stopped (Ctrl-C): {done} (a delete under way may have finished as well); the rest is where it was: run `svc prune` again to delete it"
            )),
            Some(why) => Error::Failed(format!(
                "{why}: pruning stopped, {done}; run `svc prune` again to delete the rest once that is fixed"
            )),
        }
    }
}

/// What pruning `target`'s stack to the newest `keep` deployments and
/// versions would delete; `None` when there is no stack. Reads only.
pub async fn plan(aws: &Aws, target: &Target, keep: usize) -> Result<Option<Plan>, String> {
    let Some(history) = History::of(aws, target).await? else { return Ok(None) };
    let (resources, running) = tokio::join!(stack::resources(aws, &target.stack), stack::template(aws, &target.stack));
    let (resources, running) = (resources?, running?);
    let mut notes = Vec::new();
    let physical = |kind: &str| -> Vec<(String, String)> {
        resources
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| (r.logical.clone(), r.physical.clone().unwrap_or_default()))
            .collect()
    };
    // The versions the stack's `AWS::Lambda::Version` resources hold.
    let mut held: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for (_, arn) in physical("AWS::Lambda::Version") {
        let qualified = arn.split_once(":function:").and_then(|(_, rest)| rest.rsplit_once(':'));
        if let Some((function, Ok(number))) = qualified.map(|(f, n)| (f, n.parse::<i64>())) {
            held.entry(function.to_owned()).or_default().insert(number);
        }
    }
    let mut functions = Vec::new();
    let mut layers_in_use: BTreeSet<String> = BTreeSet::new();
    for (logical, function) in physical("AWS::Lambda::Function") {
        if function.is_empty() {
            continue;
        }
        let Some(published) = function_versions(aws, &function).await? else {
            notes.push(format!("function `{function}` ({logical}) is gone from Lambda: none of its versions to prune"));
            continue;
        };
        let mut protected = aliased(aws, &function).await?;
        protected.extend(held.get(&function).into_iter().flatten());
        let numbers: Vec<i64> = published.iter().filter_map(|p| p.number).collect();
        let doomed = beyond(&numbers, keep, &protected);
        // A layer version a function version that stays runs with is kept.
        for version in published.iter().filter(|p| !p.number.is_some_and(|n| doomed.contains(&n))) {
            layers_in_use.extend(version.layers.iter().cloned());
        }
        let bytes = published.iter().filter(|p| p.number.is_some_and(|n| doomed.contains(&n))).map(|p| p.bytes).sum();
        if !doomed.is_empty() {
            functions.push(Versions { name: function, doomed, total: numbers.len(), bytes });
        }
    }
    let mut layers = Vec::new();
    for (logical, arn) in physical("AWS::Lambda::LayerVersion") {
        let Some((name, number)) = layer_of(&arn) else {
            notes.push(format!(
                "layer `{logical}`: the stack does not give its version's ARN (`{arn}`), so its old versions are left alone"
            ));
            continue;
        };
        let mut protected: BTreeSet<i64> = BTreeSet::from([number]);
        protected.extend(layers_in_use.iter().filter_map(|a| layer_of(a)).filter(|(n, _)| *n == name).map(|(_, v)| v));
        let numbers = layer_versions(aws, &name).await?;
        let doomed = beyond(&numbers, keep, &protected);
        if !doomed.is_empty() {
            layers.push(Versions { name, doomed, total: numbers.len(), bytes: 0 });
        }
    }
    let (deployments, artifacts) = objects(aws, &history, keep, running.as_ref(), &mut notes).await?;
    Ok(Some(Plan {
        stack: target.stack.clone(),
        keep,
        functions,
        layers,
        bucket: history.bucket.clone(),
        folder: history.folder.clone(),
        recorded: history.deployments.len(),
        deployments,
        artifacts,
        notes,
    }))
}

/// The deployment folders beyond the newest `keep` (never the live one),
/// and the content-addressed objects that no kept deployment uses.
async fn objects(
    aws: &Aws,
    history: &History,
    keep: usize,
    running: Option<&Value>,
    notes: &mut Vec<String>,
) -> Result<(Vec<Folder>, Vec<Object>), String> {
    let prefix = format!("{}/", history.folder);
    let listed = versions(aws, &history.bucket, &prefix).await?;
    let kept = kept_deployments(history.deployments.len(), keep, history.live_at());
    let mut folders = Vec::new();
    let mut keys_used: BTreeSet<String> = BTreeSet::new();
    let mut templates_kept: Vec<&Deployment> = Vec::new();
    let mut unrecorded = Vec::new();
    for (deployment, kept) in history.deployments.iter().zip(kept) {
        if kept {
            match &deployment.record {
                Some(record) => keys_used.extend(record.artifacts.iter().cloned()),
                None => unrecorded.push(deployment.timestamp.to_string()),
            }
            templates_kept.push(deployment);
            continue;
        }
        let inside = format!("{}/", deployment.folder);
        let objects = listed.range(inside.clone()..).take_while(|(k, _)| k.starts_with(&inside));
        folders.push(Folder {
            time: deployment.time.clone(),
            timestamp: deployment.timestamp,
            objects: objects.map(|(_, o)| o.object.clone()).collect(),
        });
    }
    // What the stack runs now: CloudFormation needs its code again if an
    // update fails and rolls back.
    if let Some(running) = running {
        let mut keys = Vec::new();
        s3_keys(running, &mut keys);
        keys_used.extend(keys);
    }
    let content: Vec<&Listed> = listed
        .iter()
        .filter(|(key, _)| {
            let rest = key.strip_prefix(&prefix).unwrap_or_default();
            CONTENT_FOLDERS.iter().any(|f| rest.strip_prefix(f).is_some_and(|r| r.starts_with('/')))
        })
        .map(|(_, listed)| listed)
        .collect();
    if content.is_empty() {
        return Ok((folders, Vec::new()));
    }
    if !unrecorded.is_empty() {
        notes.push(format!(
            "no artifact in {}/{{code-artifacts,templates}} is deleted: the kept {} not recorded by svc ({}), so what {} uses is unknown",
            history.folder,
            if unrecorded.len() == 1 { "deployment is" } else { "deployments are" },
            unrecorded.join(", "),
            if unrecorded.len() == 1 { "it" } else { "they" }
        ));
        return Ok((folders, Vec::new()));
    }
    let Some(newest) = history.deployments.first().map(|d| d.timestamp) else {
        notes.push(format!(
            "no deployment is recorded in s3://{}/{prefix}, so no artifact is known to be unused: none is deleted",
            history.bucket
        ));
        return Ok((folders, Vec::new()));
    };
    // A large template is uploaded under the SHA-256 of the text sent,
    // which is the text recorded.
    let mut templates_used = BTreeSet::new();
    if content.iter().any(|l| l.object.key[prefix.len()..].starts_with("templates/")) {
        for deployment in templates_kept {
            let key = format!("{}/{TEMPLATE_FILE}", deployment.folder);
            if let Some(body) = bucket::get(aws, &history.bucket, &key).await? {
                templates_used.insert(format!("{prefix}templates/{}/", digest(&String::from_utf8_lossy(&body))));
            }
        }
    }
    let mut recent = 0;
    let mut unused = Vec::new();
    for listed in content {
        match artifact_fate(&listed.object.key, listed.modified, newest, &keys_used, &templates_used) {
            Fate::Used => {}
            Fate::Recent => recent += 1,
            Fate::Unused => unused.push(listed.object.clone()),
        }
    }
    if recent > 0 {
        notes.push(format!(
            "{} newer than the newest recorded deployment {} kept: a deploy under way may use {}",
            output::plural(recent, "artifact"),
            if recent == 1 { "is" } else { "are" },
            if recent == 1 { "it" } else { "them" }
        ));
    }
    Ok((folders, unused))
}

/// Whether a content-addressed object stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    /// A kept deployment, or the stack, uses it.
    Used,
    /// Put after the newest recorded deployment: a deploy under way may
    /// use it.
    Recent,
    /// Nothing kept uses it.
    Unused,
}

/// The fate of the content-addressed object `key`, last modified at
/// `modified` (milliseconds), when the newest deployment was recorded at
/// `newest`, kept deployments use `keys`, and the kept templates are
/// under the folders `templates`.
fn artifact_fate(key: &str, modified: i64, newest: i64, keys: &BTreeSet<String>, templates: &BTreeSet<String>) -> Fate {
    if keys.contains(key) || templates.iter().any(|folder| key.starts_with(folder.as_str())) {
        Fate::Used
    } else if modified >= newest {
        Fate::Recent
    } else {
        Fate::Unused
    }
}

/// Which of `count` deployments (newest first) are kept: the newest
/// `keep`, and the live one.
fn kept_deployments(count: usize, keep: usize, live_at: Option<usize>) -> Vec<bool> {
    (0..count).map(|i| i < keep || live_at == Some(i)).collect()
}

/// The version numbers to delete: all but the newest `keep` of `numbers`,
/// never one in `protected`; oldest first.
fn beyond(numbers: &[i64], keep: usize, protected: &BTreeSet<i64>) -> Vec<i64> {
    let mut newest_first = numbers.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut doomed: Vec<i64> = newest_first.into_iter().skip(keep).filter(|n| !protected.contains(n)).collect();
    doomed.reverse();
    doomed
}

/// The layer's name and version in a layer version's ARN
/// (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`).
fn layer_of(arn: &str) -> Option<(String, i64)> {
    let (_, rest) = arn.split_once(":layer:")?;
    let (name, version) = rest.rsplit_once(':')?;
    Some((name.to_owned(), version.parse().ok()?))
}

/// One of a function's versions as Lambda lists it.
#[derive(Clone, Debug)]
struct Published {
    /// Its number; `None` for `$LATEST`.
    number: Option<i64>,
    /// The size of its code.
    bytes: u64,
    /// The ARNs of the layer versions it runs with.
    layers: Vec<String>,
}

/// Every item of a Lambda listing, page after page: `page` is given the
/// marker of the page (`None` for the first) and gives its items and the
/// next page's marker.
async fn every<T>(
    mut page: impl AsyncFnMut(Option<String>) -> Result<(Vec<T>, Option<String>), String>,
) -> Result<Vec<T>, String> {
    let (mut all, mut marker) = (Vec::new(), None);
    loop {
        let (items, next) = page(marker).await?;
        all.extend(items);
        marker = next;
        if marker.is_none() {
            return Ok(all);
        }
    }
}

/// Every version of `function`, `$LATEST` too; `None` when Lambda has no
/// such function.
async fn function_versions(aws: &Aws, function: &str) -> Result<Option<Vec<Published>>, String> {
    let mut missing = false;
    let found = every(async |marker| {
        let page = match aws.lambda.list_versions_by_function().function_name(function).set_marker(marker).send().await
        {
            Ok(page) => page,
            Err(error) if code(&error) == Some("ResourceNotFoundException") => {
                missing = true;
                return Ok((Vec::new(), None));
            }
            Err(error) => return Err(explain(&error, &format!("cannot list the versions of function `{function}`"))),
        };
        let versions = page.versions().iter().map(|v| Published {
            number: v.version().and_then(|n| n.parse().ok()),
            bytes: v.code_size().max(0) as u64,
            layers: v.layers().iter().filter_map(|l| l.arn().map(str::to_owned)).collect(),
        });
        Ok((versions.collect(), page.next_marker().map(str::to_owned)))
    })
    .await?;
    Ok((!missing).then_some(found))
}

/// The versions an alias of `function` points at, with those it routes
/// part of the traffic to.
async fn aliased(aws: &Aws, function: &str) -> Result<BTreeSet<i64>, String> {
    let numbers = every(async |marker| {
        let request = aws.lambda.list_aliases().function_name(function).set_marker(marker);
        let page = request
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot list the aliases of function `{function}`")))?;
        let mut numbers: Vec<&str> = Vec::new();
        for alias in page.aliases() {
            numbers.extend(alias.function_version());
            let weights = alias.routing_config().and_then(|r| r.additional_version_weights());
            numbers.extend(weights.into_iter().flat_map(|w| w.keys()).map(String::as_str));
        }
        let numbers = numbers.into_iter().filter_map(|v| v.parse::<i64>().ok()).collect();
        Ok((numbers, page.next_marker().map(str::to_owned)))
    })
    .await?;
    Ok(numbers.into_iter().collect())
}

/// The version numbers of layer `name`.
async fn layer_versions(aws: &Aws, name: &str) -> Result<Vec<i64>, String> {
    every(async |marker| {
        let request = aws.lambda.list_layer_versions().layer_name(name).set_marker(marker);
        let page =
            request.send().await.map_err(|e| explain(&e, &format!("cannot list the versions of layer `{name}`")))?;
        let numbers = page.layer_versions().iter().map(|v| v.version()).collect();
        Ok((numbers, page.next_marker().map(str::to_owned)))
    })
    .await
}

/// An object in the bucket with every version of it, and when its newest
/// version was put.
#[derive(Clone, Debug)]
struct Listed {
    object: Object,
    /// Milliseconds since the epoch.
    modified: i64,
}

/// Every object under `prefix` that has a version (an object of which
/// only delete markers are left is not one), by key.
async fn versions(aws: &Aws, bucket: &str, prefix: &str) -> Result<BTreeMap<String, Listed>, String> {
    let mut found: BTreeMap<String, Listed> = BTreeMap::new();
    let mut markers: Vec<(String, Option<String>)> = Vec::new();
    let (mut key_marker, mut version_marker) = (None, None);
    loop {
        let page = aws
            .s3
            .list_object_versions()
            .bucket(bucket)
            .prefix(prefix)
            .set_key_marker(key_marker)
            .set_version_id_marker(version_marker)
            .send()
            .await
            .map_err(|e| explain(&e, &format!("cannot list the objects in s3://{bucket}/{prefix}")))?;
        for version in page.versions() {
            let Some(key) = version.key() else { continue };
            let modified = version.last_modified().and_then(|t| t.to_millis().ok()).unwrap_or(i64::MAX);
            let listed = found.entry(key.to_owned()).or_insert_with(|| Listed {
                object: Object { key: key.to_owned(), versions: Vec::new() },
                modified: i64::MIN,
            });
            let size = version.size().unwrap_or_default().max(0) as u64;
            listed.object.versions.push((version.version_id().map(str::to_owned), size));
            listed.modified = listed.modified.max(modified);
        }
        markers.extend(
            page.delete_markers().iter().filter_map(|m| Some((m.key()?.to_owned(), m.version_id().map(str::to_owned)))),
        );
        if page.is_truncated() != Some(true) {
            break;
        }
        key_marker = page.next_key_marker().map(str::to_owned);
        version_marker = page.next_version_id_marker().map(str::to_owned);
        if key_marker.is_none() {
            break;
        }
    }
    for (key, marker) in markers {
        if let Some(listed) = found.get_mut(&key) {
            listed.object.versions.push((marker, 0));
        }
    }
    Ok(found)
}

impl Plan {
    /// Whether there is nothing to delete.
    pub fn is_empty(&self) -> bool {
        self.functions.is_empty() && self.layers.is_empty() && self.deployments.is_empty() && self.artifacts.is_empty()
    }

    /// What deleting it all would delete, counted as [`Applied`] counts.
    pub fn total(&self) -> Applied {
        let objects = self.deployments.iter().flat_map(|d| &d.objects).chain(&self.artifacts);
        let (count, bytes) = objects.fold((0, 0), |(n, b), o| (n + 1, b + o.bytes()));
        Applied {
            function_versions: self.functions.iter().map(|f| f.doomed.len()).sum(),
            layer_versions: self.layers.iter().map(|l| l.doomed.len()).sum(),
            objects: count,
            bytes,
        }
    }

    /// The plan for people: a heading, then what goes, grouped (function
    /// versions, layer versions, deployments, artifacts), with counts and
    /// sizes. The notes are not in it.
    pub fn render(&self) -> String {
        let mut out = format!(
            "Pruning stack `{}`: keeping the newest {} of each, and what is live or aliased\n",
            self.stack, self.keep
        );
        if self.is_empty() {
            out.push_str("  nothing to delete\n");
            return out;
        }
        for (what, all) in [("function", &self.functions), ("layer", &self.layers)] {
            for versions in all {
                let size =
                    if versions.bytes > 0 { format!(", {}", output::size(versions.bytes)) } else { String::new() };
                out.push_str(&format!(
                    "  {what} `{}`: {} {} ({} of {}{size})\n",
                    versions.name,
                    if versions.doomed.len() == 1 { "version" } else { "versions" },
                    ranges(&versions.doomed),
                    versions.doomed.len(),
                    versions.total
                ));
            }
        }
        if !self.deployments.is_empty() {
            let objects: Vec<&Object> = self.deployments.iter().flat_map(|d| &d.objects).collect();
            out.push_str(&format!(
                "  deployments in s3://{}/{}/: {} of {} ({}, {})\n",
                self.bucket,
                self.folder,
                self.deployments.len(),
                self.recorded,
                output::plural(objects.len(), "object"),
                output::size(objects.iter().map(|o| o.bytes()).sum())
            ));
            for deployment in self.deployments.iter().take(SHOWN) {
                out.push_str(&format!("    {}  {}\n", deployment.time, deployment.timestamp));
            }
            more(&mut out, self.deployments.len());
        }
        if !self.artifacts.is_empty() {
            out.push_str(&format!(
                "  artifacts no kept deployment uses: {} ({})\n",
                self.artifacts.len(),
                output::size(self.artifacts.iter().map(Object::bytes).sum())
            ));
            for artifact in self.artifacts.iter().take(SHOWN) {
                out.push_str(&format!("    {}  {}\n", artifact.key, output::size(artifact.bytes())));
            }
            more(&mut out, self.artifacts.len());
        }
        out
    }

    /// Deletes what the plan lists: function versions (DeleteFunction with
    /// a qualifier), layer versions, then the deployments' folders and the
    /// artifacts (DeleteObjects, up to 1000 at a time), calling `on_each`
    /// with the running count after each call. Ctrl-C (`interrupt`) is
    /// looked at before each call: what is deleted stays deleted, and
    /// [`Unfinished`] says how much that was. One already gone counts as
    /// deleted.
    pub async fn apply(
        &self,
        aws: &Aws,
        interrupt: &Interrupt,
        on_each: &dyn Fn(&Applied),
    ) -> Result<Applied, Unfinished> {
        let mut done = Applied::default();
        let failed = |done: Applied, why: String| Unfinished { done, failure: Some(why) };
        for function in &self.functions {
            for number in &function.doomed {
                if interrupt.pressed() {
                    return Err(Unfinished::interrupted(done));
                }
                let name = &function.name;
                interrupt.doing(format!("deleting version {number} of function `{name}`"));
                let sent = aws.lambda.delete_function().function_name(name).qualifier(number.to_string()).send().await;
                match sent {
                    Err(error) if code(&error) != Some("ResourceNotFoundException") => {
                        return Err(failed(
                            done,
                            explain(&error, &format!("cannot delete version {number} of `{name}`")),
                        ));
                    }
                    _ => done.function_versions += 1,
                }
                on_each(&done);
            }
        }
        for layer in &self.layers {
            for number in &layer.doomed {
                if interrupt.pressed() {
                    return Err(Unfinished::interrupted(done));
                }
                let name = &layer.name;
                interrupt.doing(format!("deleting version {number} of layer `{name}`"));
                let sent = aws.lambda.delete_layer_version().layer_name(name).version_number(*number).send().await;
                match sent {
                    Err(error) if code(&error) != Some("ResourceNotFoundException") => {
                        let why = explain(&error, &format!("cannot delete version {number} of layer `{name}`"));
                        return Err(failed(done, why));
                    }
                    _ => done.layer_versions += 1,
                }
                on_each(&done);
            }
        }
        // Each object's versions, the last of them marking the object as done.
        let objects = self.deployments.iter().flat_map(|d| &d.objects).chain(&self.artifacts);
        let versions: Vec<(&str, &Option<String>, u64, bool)> = objects
            .flat_map(|o| {
                let last = o.versions.len().saturating_sub(1);
                o.versions.iter().enumerate().map(move |(i, (id, size))| (o.key.as_str(), id, *size, i == last))
            })
            .collect();
        for batch in versions.chunks(BATCH) {
            if interrupt.pressed() {
                return Err(Unfinished::interrupted(done));
            }
            interrupt.doing(format!("deleting {} from s3://{}", output::plural(batch.len(), "object"), self.bucket));
            let identifiers: Vec<ObjectIdentifier> = batch
                .iter()
                .filter_map(|(key, id, _, _)| {
                    ObjectIdentifier::builder().key(*key).set_version_id((*id).clone()).build().ok()
                })
                .collect();
            let delete = Delete::builder()
                .set_objects(Some(identifiers))
                .quiet(true)
                .build()
                .map_err(|e| failed(done, format!("cannot delete from bucket `{}`: {e}", self.bucket)))?;
            let result = aws
                .s3
                .delete_objects()
                .bucket(&self.bucket)
                .delete(delete)
                .send()
                .await
                .map_err(|e| failed(done, explain(&e, &format!("cannot delete from bucket `{}`", self.bucket))))?;
            if let Some(error) = result.errors().first() {
                let why = format!(
                    "cannot delete `{}` from bucket `{}`: {}",
                    error.key().unwrap_or_default(),
                    self.bucket,
                    error.message().or(error.code()).unwrap_or("unknown error")
                );
                return Err(failed(done, why));
            }
            for (_, _, size, last) in batch {
                done.bytes += size;
                done.objects += usize::from(*last);
            }
            on_each(&done);
        }
        Ok(done)
    }
}

/// `    … and 12 more` under a list of `count` of which [`SHOWN`] were
/// shown.
fn more(out: &mut String, count: usize) {
    if count > SHOWN {
        out.push_str(&format!("    … and {} more\n", count - SHOWN));
    }
}

/// Version numbers, ascending, with runs shortened: `1-4, 7, 9-10`.
fn ranges(numbers: &[i64]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < numbers.len() {
        let start = numbers[i];
        while i + 1 < numbers.len() && numbers[i + 1] == numbers[i] + 1 {
            i += 1;
        }
        parts.push(if numbers[i] == start { start.to_string() } else { format!("{start}-{}", numbers[i]) });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_beyond_the_newest_are_deleted_oldest_first_unless_protected() {
        let none = BTreeSet::new();
        assert_eq!(beyond(&[1, 2, 3, 4, 5], 2, &none), vec![1, 2, 3]);
        assert_eq!(beyond(&[5, 3, 4, 1, 2], 2, &none), vec![1, 2, 3], "in any order");
        assert_eq!(beyond(&[1, 2, 3], 3, &none), Vec::<i64>::new(), "exactly `keep`");
        assert_eq!(beyond(&[1, 2], 5, &none), Vec::<i64>::new(), "fewer than `keep`");
        assert_eq!(beyond(&[], 1, &none), Vec::<i64>::new());
        assert_eq!(beyond(&[1, 2, 3, 4, 5], 1, &BTreeSet::from([2, 5])), vec![1, 3, 4], "aliased or held");
        assert_eq!(beyond(&[1, 2, 2, 3], 1, &none), vec![1, 2], "a number listed twice counts once");
    }

    #[test]
    fn the_newest_deployments_and_the_live_one_are_kept() {
        assert_eq!(kept_deployments(4, 2, Some(0)), vec![true, true, false, false]);
        assert_eq!(kept_deployments(4, 2, Some(3)), vec![true, true, false, true], "rolled back to the oldest");
        assert_eq!(kept_deployments(4, 2, None), vec![true, true, false, false]);
        assert_eq!(kept_deployments(2, 5, Some(1)), vec![true, true]);
        assert_eq!(kept_deployments(3, 1, Some(1)), vec![true, true, false]);
    }

    #[test]
    fn an_artifact_is_deleted_only_when_nothing_kept_uses_it_and_it_is_older_than_the_newest_deployment() {
        let keys = BTreeSet::from(["s/code-artifacts/aa/s.zip".to_owned()]);
        let templates = BTreeSet::from(["s/templates/cc/".to_owned()]);
        let fate = |key: &str, modified: i64| artifact_fate(key, modified, 100, &keys, &templates);
        assert_eq!(fate("s/code-artifacts/aa/s.zip", 10), Fate::Used);
        assert_eq!(fate("s/code-artifacts/bb/s.zip", 10), Fate::Unused);
        assert_eq!(fate("s/code-artifacts/bb/s.zip", 100), Fate::Recent);
        assert_eq!(fate("s/templates/cc/compiled-cloudformation-template.json", 10), Fate::Used);
        assert_eq!(fate("s/templates/dd/compiled-cloudformation-template.json", 10), Fate::Unused);
    }

    #[test]
    fn layer_arns_name_the_layer_and_version() {
        assert_eq!(layer_of("arn:aws:lambda:us-east-1:123456789012:layer:deps:7"), Some(("deps".to_owned(), 7)));
        assert_eq!(layer_of("<moto LayerVersion>"), None);
        assert_eq!(layer_of("arn:aws:lambda:us-east-1:123456789012:layer:deps"), None);
    }

    #[test]
    fn a_long_plan_names_the_first_and_counts_the_others() {
        let artifact =
            |i: usize| Object { key: format!("s/code-artifacts/{i:02}/s.zip"), versions: vec![(None, 1024)] };
        let plan = Plan {
            stack: "s-dev".to_owned(),
            keep: 2,
            functions: vec![Versions { name: "s-dev-f".to_owned(), doomed: vec![1, 2, 4], total: 6, bytes: 3 << 20 }],
            layers: Vec::new(),
            bucket: "b".to_owned(),
            folder: "s".to_owned(),
            recorded: 3,
            deployments: Vec::new(),
            artifacts: (0..25).map(artifact).collect(),
            notes: Vec::new(),
        };
        let text = plan.render();
        assert!(text.contains("function `s-dev-f`: versions 1-2, 4 (3 of 6, 3.0 MB)"), "{text}");
        assert!(text.contains("artifacts no kept deployment uses: 25 (25 KB)"), "{text}");
        assert!(text.contains("s/code-artifacts/19/s.zip") && !text.contains("s/code-artifacts/20/s.zip"), "{text}");
        assert!(text.contains("… and 5 more"), "{text}");
        assert_eq!(plan.total().describe(), "3 function versions, 0 layer versions, 25 objects (25 KB)");
    }

    #[test]
    fn version_numbers_are_shown_as_runs() {
        assert_eq!(ranges(&[1, 2, 3, 4, 7, 9, 10]), "1-4, 7, 9-10");
        assert_eq!(ranges(&[5]), "5");
        assert_eq!(ranges(&[]), "");
    }

    #[test]
    fn an_unfinished_prune_says_what_was_deleted_and_how_to_finish() {
        let done = Applied { function_versions: 2, layer_versions: 0, objects: 3, bytes: 2048 };
        let stopped = Error::from(Unfinished::interrupted(done));
        assert_eq!(stopped.exit_code(), 130);
        let text = stopped.to_string();
        assert!(text.contains("deleted 2 function versions, 0 layer versions, 3 objects (2 KB)"), "{text}");
        assert!(text.contains("run `svc prune` again"), "{text}");
        let early = Error::from(Unfinished::interrupted(Applied::default())).to_string();
        assert!(early.contains("nothing was deleted"), "{early}");
    }
}
