//! The JSON Schemas of docs/schema/ against real input and output: every
//! valid profile of the fixtures and examples, and the documents `lfw`
//! writes for them, validate; a profile with a mistake does not.

use crate::lfw;
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/docs/schema/{name}.schema.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the schema");
    let schema: Value = serde_json::from_str(&text).expect("a schema is JSON");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name}: not a schema: {e}"))
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

fn json_of(args: &[&str]) -> Value {
    let run = lfw(args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", run.stdout))
}

#[test]
fn profiles_validate_and_mistakes_do_not() {
    let profile = schema("profile");
    let mut seen = 0;
    for dir in [
        "frameworks/civil-service/examples",
        "frameworks/education/examples",
        "frameworks/local-government/examples",
        "frameworks/police/examples",
        "tests/fixtures/ready",
    ] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&root).expect("the folder") {
            let path = entry.expect("an entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            // The fixtures named for a mistake are meant to be refused.
            let bad = ["bad-", "backwards", "conflict", "wrong-", "malformed"]
                .iter()
                .any(|b| name.contains(b));
            if name.ends_with(".json") && !bad {
                assert_valid(&profile, &serde_json::from_str(&text).expect("JSON"), &name);
                seen += 1;
            } else if name.ends_with(".jsonl") {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    assert_valid(&profile, &serde_json::from_str(line).expect("JSON"), &name);
                    seen += 1;
                }
            }
        }
    }
    assert!(seen > 900, "{seen} profiles validated");
    let misspelt: Value = serde_json::json!({"id": "p", "role": "r", "since": "2024-01-01"});
    assert!(!profile.is_valid(&misspelt), "a misspelt field is refused");
    let no_text: Value = serde_json::json!({"id": "p", "role": "r", "role_since": "2024-01-01", "attributes": {"organisation": 3}});
    assert!(!profile.is_valid(&no_text), "an attribute must be text");
}

#[test]
fn what_lfw_writes_validates() {
    let fire = "tests/fixtures/ready/fire.lfw";
    assert_valid(
        &schema("check"),
        &json_of(&["check", "--format", "json", "frameworks/"]),
        "check frameworks/",
    );
    assert_valid(
        &schema("check"),
        &json_of(&["check", "--format", "json", "tests/fixtures/diagnostics/credential-cycle/main.lfw"]),
        "check with errors",
    );
    let ready = schema("ready");
    for (role, profile) in [
        ("group-manager", "tests/fixtures/ready/firefighter.json"),
        ("group-manager", "tests/fixtures/ready/watch-manager.json"),
    ] {
        assert_valid(
            &ready,
            &json_of(&[
                "ready",
                "--framework",
                fire,
                "--role",
                role,
                "--as-of",
                "2026-06-01",
                "--format",
                "json",
                profile,
            ]),
            profile,
        );
    }
    assert_valid(
        &ready,
        &json_of(&[
            "ready",
            "--framework",
            "tests/fixtures/ready/services.lfw",
            "--role",
            "dcs",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
            "tests/fixtures/ready/head-one-gap.json",
        ]),
        "dcs",
    );
    assert_valid(
        &schema("path"),
        &json_of(&[
            "path",
            "--framework",
            fire,
            "--to",
            "group-manager",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
            "tests/fixtures/ready/watch-manager.json",
        ]),
        "path",
    );
    let cohort = schema("cohort");
    for extra in [&[][..], &["--per-person"][..]] {
        let mut args = vec![
            "cohort",
            "--framework",
            fire,
            "--role",
            "station-manager",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        args.push("tests/fixtures/ready/fire-cohort.jsonl");
        assert_valid(&cohort, &json_of(&args), &format!("cohort {extra:?}"));
    }
    let succession = schema("succession");
    for by in [&[][..], &["--by", "organisation,gender"][..]] {
        let mut args = vec![
            "succession",
            "--framework",
            "police-ew",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
        ];
        args.extend_from_slice(by);
        args.push("frameworks/police/examples/force.jsonl");
        assert_valid(&succession, &json_of(&args), &format!("succession {by:?}"));
    }
}
