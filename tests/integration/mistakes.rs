//! One mistake, one error, with the fix. Each folder of
//! `tests/fixtures/mistakes/` is a framework with one common mistake in it
//! and an `expected.json` naming the code of its one error and, where the
//! mistake has a sure fix, text its help must show. The text and JSON
//! output are snapshotted, and making the fixes the diagnostic carries as
//! data must give a framework with no diagnostics at all.

use crate::{lfw, relative};

/// `text` with the diagnostic's fixes made.
fn apply_fixes(text: &str, fixes: &[serde_json::Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = fixes
        .iter()
        .map(|f| {
            (
                f["start"].as_u64().expect("start") as usize,
                f["end"].as_u64().expect("end") as usize,
                f["replacement"].as_str().expect("replacement"),
            )
        })
        .collect();
    edits.sort();
    let mut out = String::new();
    let mut at = 0;
    for (start, end, replacement) in edits {
        out.push_str(&text[at..start]);
        out.push_str(replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[test]
fn each_mistake_gives_one_error_with_its_fix() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mistakes"),
        "*/main.lfw",
        |path| {
            let file = relative(path);
            let expected: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(path.with_file_name("expected.json")).expect("expected.json"))
                    .expect("expected.json is JSON");
            let text = lfw(&["check", &file]);
            let json = lfw(&["check", "--format", "json", &file]);
            assert_eq!(text.code, 1, "{file}: a mistake is an error");
            let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
            let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
            assert_eq!(diagnostics.len(), 1, "{file}: one mistake, one error:\n{}", text.stderr);
            let d = &diagnostics[0];
            assert_eq!(d["code"], expected["code"], "{file}");
            assert!(d["start"].as_u64().is_some() && d["label"].is_string(), "{file}: a labelled span");
            if let Some(help) = expected["help_contains"].as_str() {
                let got = d["help"].as_str().expect("help");
                assert!(got.contains(help), "{file}: the help shows the fix `{help}`; it says: {got}");
                // The fix as data: making it leaves nothing to report.
                let fixes = d["fixes"].as_array().expect("a fix as data");
                let source = std::fs::read_to_string(path).expect("source");
                let fixed = apply_fixes(&source, fixes);
                let c = lfw_model::compile_str("fixed.lfw", &fixed);
                let left: Vec<String> = c.diagnostics.iter().map(|d| d.message.clone()).collect();
                assert!(left.is_empty(), "{file}: after its fix: {left:?}\n{fixed}");
            }
            insta::assert_snapshot!("text", format!("exit code: {}\n\n{}", text.code, text.stderr));
            insta::assert_snapshot!("json", json.stdout);
        }
    );
}
