//! An editor that opens an untrusted service must not show files outside
//! its project: `${file(...)}` of a file outside (a path climbing out, or a
//! link inside pointing out) is E0220 in the published diagnostics, and the
//! file's content appears in no hover and no inlay hint, until the user
//! widens the root with the `fileRoot` setting (initialization options or
//! `workspace/didChangeConfiguration`). Real files in a temporary folder,
//! read by the real server.

#![cfg(unix)]

mod client;

use client::{Client, cursor};
use serde_json::{Value, json};

/// What the file outside the project holds.
const SECRET: &str = "hunter2-outside-the-project";

/// The service: one value from beside the project, one through a link.
const SERVICE: &str = r#"service = "shop"

provider aws {
  runtime = "python3.12"
  environment {
    CLIMBED = ${file(../outside-secret.json):password}
    LINKED  = ${file(./link.json):password}
  }
}
"#;

/// A folder holding `outside-secret.json` and the project `project/`
/// (no `.git`: the service's folder is the root), with `project/link.json`
/// a link to the secret. The document's URI is `project/service.svc`.
struct Layout {
    dir: tempfile::TempDir,
    uri: String,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().expect("tmp");
    let project = dir.path().join("project");
    std::fs::create_dir(&project).expect("project folder");
    std::fs::write(dir.path().join("outside-secret.json"), format!("{{\"password\": \"{SECRET}\"}}")).expect("write");
    std::os::unix::fs::symlink("../outside-secret.json", project.join("link.json")).expect("link");
    let uri = format!("file://{}", project.join("service.svc").display());
    Layout { dir, uri }
}

fn codes(diagnostics: &Value) -> Vec<&str> {
    diagnostics["diagnostics"].as_array().expect("list").iter().filter_map(|d| d["code"].as_str()).collect()
}

/// Every inlay hint's label, and the hover on the first variable.
async fn shown(client: &mut Client) -> String {
    let uri = client.uri.clone();
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 20, "character": 0 } });
    let hints =
        client.request("textDocument/inlayHint", json!({ "textDocument": { "uri": uri }, "range": range })).await;
    let marker = "CLIMBED = ${fi";
    let at = SERVICE.find(marker).expect("marker") + marker.len();
    let (_, position, _) = cursor(&format!("{}{}{}", &SERVICE[..at], client::CURSOR, &SERVICE[at..]));
    let hover = client.at("textDocument/hover", position).await;
    format!("{hints}\n{hover}")
}

#[tokio::test]
async fn a_file_outside_the_project_is_an_error_and_never_shown() {
    let layout = layout();
    let (mut client, _) = Client::start_with(&[], layout.uri.clone(), json!({})).await;
    let diagnostics = client.open(SERVICE).await;
    assert_eq!(codes(&diagnostics), ["E0220", "E0220"], "{diagnostics:#}");
    let message = diagnostics["diagnostics"][0]["message"].as_str().expect("message");
    let real = layout.dir.path().canonicalize().expect("real");
    assert!(message.contains(&real.join("outside-secret.json").display().to_string()), "names the file: {message}");
    assert!(message.contains(&real.join("project").display().to_string()), "names the root: {message}");
    assert!(!diagnostics.to_string().contains(SECRET), "{diagnostics:#}");
    let shown = shown(&mut client).await;
    assert!(!shown.contains(SECRET), "the editor shows the outside file: {shown}");
}

#[tokio::test]
async fn the_file_root_setting_allows_a_folder_outside() {
    let layout = layout();
    let root = layout.dir.path().display().to_string();
    // At initialization…
    let (mut client, _) = Client::start_with(&[], layout.uri.clone(), json!({ "fileRoot": root })).await;
    let diagnostics = client.open(SERVICE).await;
    assert_eq!(codes(&diagnostics), Vec::<&str>::new(), "{diagnostics:#}");
    assert!(shown(&mut client).await.contains(SECRET), "the value is resolved once allowed");
    // …and from the configuration, both ways.
    let (mut client, _) = Client::start_with(&[], layout.uri.clone(), json!({})).await;
    assert_eq!(codes(&client.open(SERVICE).await), ["E0220", "E0220"]);
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "svc": { "fileRoot": root } } })).await;
    assert_eq!(codes(&client.diagnostics().await), Vec::<&str>::new());
    assert!(shown(&mut client).await.contains(SECRET));
    client.notify("workspace/didChangeConfiguration", json!({ "settings": { "svc": {} } })).await;
    assert_eq!(codes(&client.diagnostics().await), ["E0220", "E0220"], "unset: the project again");
}
