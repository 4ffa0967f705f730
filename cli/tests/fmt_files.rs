//! `svc fmt` and the files it rewrites: a failed write leaves the file as
//! it was, permissions and line endings (LF, CRLF, CR) are kept.

use std::path::Path;
use std::process::Command;

fn svc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_svc"))
}

/// A service that is not formatted, `custom_keys` keys long.
fn unformatted(custom_keys: usize) -> String {
    let mut text = String::from("service=\"demo\"\nprovider aws {\nruntime=\"python3.12\"\n}\ncustom {\n");
    for i in 0..custom_keys {
        text.push_str(&format!("key{i}=\"value {i}\"\n"));
    }
    text.push_str("}\n");
    text
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("service.svc");
    std::fs::write(&path, text).expect("write");
    path
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_halfway_leaves_the_file_intact() {
    // A file size limit of one block: writing the formatted text (several
    // kilobytes) fails after the first block, as on a full disk. Writing
    // in place would already have emptied the file.
    let dir = tempfile::tempdir().expect("tmp");
    let text = unformatted(300);
    let path = write(dir.path(), &text);
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 1 && exec \"$0\" fmt \"$1\"")
        .arg(env!("CARGO_BIN_EXE_svc"))
        .arg(&path)
        .output()
        .expect("runs");
    assert!(!out.status.success(), "the write was expected to fail");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[cfg(unix)]
#[test]
fn fmt_keeps_the_permissions_of_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let path = write(dir.path(), &unformatted(2));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let out = svc().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&path).expect("read").starts_with("service = \"demo\""));
    assert_eq!(std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777, 0o640);
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, ["service.svc"], "no temporary file is left");
}

#[test]
fn a_crlf_file_is_formatted_with_crlf_and_then_passes_the_check() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = write(dir.path(), &unformatted(2).replace('\n', "\r\n"));
    let out = svc().args(["fmt", "--check"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "an unformatted CRLF file fails the check");
    let out = svc().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let formatted = std::fs::read_to_string(&path).expect("read");
    assert!(formatted.starts_with("service = \"demo\"\r\n"), "{formatted:?}");
    assert_eq!(formatted.matches('\n').count(), formatted.matches("\r\n").count(), "every line ends with CRLF");
    let out = svc().args(["fmt", "--check"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), formatted, "the check changes nothing");
}

#[test]
fn a_cr_only_file_is_checked_by_its_lines_and_formatted_with_cr() {
    let dir = tempfile::tempdir().expect("tmp");
    let text = unformatted(2).replace("key1=\"value 1\"", "key1=${self:nope}").replace('\n', "\r");
    let path = write(dir.path(), &text);
    let out = svc().arg("check").arg(&path).output().expect("runs");
    let shown = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("service.svc:7:6"), "the variable is on line 7: {shown}");
    let out = svc().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let formatted = std::fs::read_to_string(&path).expect("read");
    assert!(formatted.starts_with("service = \"demo\"\rprovider aws {\r  runtime"), "{formatted:?}");
    assert!(!formatted.contains('\n'), "every line ends with CR: {formatted:?}");
    let out = svc().args(["fmt", "--check"]).arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}
