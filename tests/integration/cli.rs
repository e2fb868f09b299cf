//! The command-line contract: exit codes, directories, formats.

use crate::lfw;

#[test]
fn the_bundled_frameworks_check_clean() {
    let run = lfw(&["check", "frameworks/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("lfw::"), "no diagnostics: {}", run.stderr);
    let json = lfw(&["check", "--format", "json", "frameworks/"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
    assert!(doc["frameworks"].as_array().expect("frameworks").iter().any(|f| f == "police-ew"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lfw(&[]).code, 2);
    assert_eq!(lfw(&["check"]).code, 2);
    assert_eq!(lfw(&["check", "--format", "yaml", "frameworks/"]).code, 2);
    assert_eq!(lfw(&["frobnicate"]).code, 2);
    let empty = lfw(&["check", "docs/"]);
    assert_eq!(empty.code, 2, "a directory with no .lfw files is a usage error");
    assert!(empty.stderr.contains("no .lfw files"), "{}", empty.stderr);
}

#[test]
fn a_missing_file_is_an_input_error() {
    let run = lfw(&["check", "no/such/file.lfw"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("lfw::unreadable-file"), "{}", run.stderr);
}

#[test]
fn warnings_fail_only_when_denied() {
    let file = "tests/fixtures/diagnostics/regression/main.lfw";
    assert_eq!(lfw(&["check", file]).code, 0);
    assert_eq!(lfw(&["check", "--deny-warnings", file]).code, 1);
}

#[test]
fn a_directory_is_searched_for_lfw_files() {
    let json = lfw(&["check", "--format", "json", "tests/fixtures/diagnostics/override-kind"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(2));
}

#[test]
fn no_colour_without_a_terminal() {
    let run = lfw(&["check", "tests/fixtures/diagnostics/many-errors/main.lfw"]);
    assert!(!run.stderr.contains('\u{1b}'), "no escape codes when not on a terminal");
}
