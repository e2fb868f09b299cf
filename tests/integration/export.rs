//! `lfw export --to json`: the compiled framework's stable JSON shape.

use crate::lfw;

#[test]
fn police_ranks_export() {
    let run = lfw(&["export", "--to", "json", "frameworks/police/england-wales.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let ranks: Vec<&str> = doc["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ranks.first(), Some(&"constable"));
    assert_eq!(ranks.last(), Some(&"chief-constable"));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn export_of_every_construct() {
    let run = lfw(&["export", "--to", "json", "tests/fixtures/diagnostics/clean/main.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let kinds: Vec<&str> = doc["roles"][1]["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .map(|r| r["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["level", "credential", "all-in", "count-of"]);
    // Levels stay ids; their titles come beside them, by id.
    let scale = &doc["scales"][0];
    assert_eq!(scale["levels"][3], "exemplary");
    assert_eq!(
        scale["level_titles"],
        serde_json::json!({"exemplary": "Exemplary: a model for others"})
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn export_refuses_a_framework_with_errors() {
    let run = lfw(&["export", "--to", "json", "tests/fixtures/diagnostics/unknown-level/main.lfw"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("lfw::unknown-level"), "{}", run.stderr);
}
