//! One fixture directory per diagnostic kind: `tests/fixtures/diagnostics/
//! <kind>/main.lfw` (and the files it imports). Each is checked by the
//! binary and snapshotted twice: as a person sees it and as JSON.

use crate::{lfw, relative};

#[test]
fn every_diagnostic_kind() {
    insta::glob!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnostics"),
        "*/main.lfw",
        |path| {
            let file = relative(path);
            let text = lfw(&["check", &file]);
            let json = lfw(&["check", "--format", "json", &file]);
            assert_eq!(text.code, json.code, "both formats agree on the exit code");
            let kind = path
                .parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str())
                .expect("fixture dir");
            let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("check --format json prints JSON");
            let codes: Vec<&str> = doc["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(|d| d["code"].as_str().expect("code"))
                .collect();
            match kind {
                "clean" => {
                    assert!(codes.is_empty(), "{codes:?}");
                    assert_eq!(text.code, 0);
                }
                "many-errors" => assert!(codes.len() >= 5, "every error is reported, not the first: {codes:?}"),
                _ => {
                    // The fixture named after a kind produces that kind.
                    let code = format!("lfw::{}", kind.trim_end_matches("-incomplete"));
                    assert!(codes.contains(&code.as_str()), "{kind}: {codes:?}");
                    let warning_only = doc["errors"] == 0;
                    assert_eq!(text.code, if warning_only { 0 } else { 1 });
                }
            }
            insta::assert_snapshot!("text", format!("exit code: {}\n\n{}", text.code, text.stderr));
            insta::assert_snapshot!("json", json.stdout);
        }
    );
}
