//! `lfw path` and `lfw cohort`.

use crate::lfw;

const SERVICES: &str = "tests/fixtures/ready/services.lfw";

/// A cohort run with one JSON document holding every person's row.
const COHORT_JSON: [&str; 10] = [
    "cohort",
    "--framework",
    SERVICES,
    "--role",
    "assistant-director",
    "--as-of",
    "2026-06-01",
    "--format",
    "json",
    "--per-person",
];

#[test]
fn the_shortest_route_and_its_least_time() {
    let run = lfw(&[
        "path",
        "--framework",
        SERVICES,
        "--from",
        "head-of-service",
        "--to",
        "dcs",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let steps: Vec<&str> = doc["routes"][0]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| s["role"].as_str().expect("role"))
        .collect();
    assert_eq!(steps, ["head-of-service", "assistant-director", "dcs"]);
    assert_eq!(doc["routes"][0]["min_months"], 60);
    let text = lfw(&["path", "--framework", "police-ew", "--from", "constable", "--to", "chief-constable"]);
    insta::assert_snapshot!("path-police", text.stdout);
}

#[test]
fn a_route_with_a_profile_says_what_is_missing_at_each_step() {
    let run = lfw(&[
        "path",
        "--framework",
        SERVICES,
        "--from",
        "head-of-service",
        "--to",
        "dcs",
        "--as-of",
        "2026-06-01",
        "tests/fixtures/ready/head-one-gap.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("missing: council-wide-finance at proficient"), "{}", run.stdout);
    insta::assert_snapshot!("path-with-profile", run.stdout);
}

#[test]
fn no_route_exits_1() {
    let run = lfw(&["path", "--framework", SERVICES, "--from", "dcs", "--to", "head-of-service"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("no route"), "{}", run.stdout);
}

#[test]
fn every_route_with_all() {
    let run = lfw(&[
        "path",
        "--framework",
        "tests/fixtures/ready/alternatives.lfw",
        "--from",
        "a",
        "--to",
        "d",
        "--all",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let routes: Vec<String> = doc["routes"]
        .as_array()
        .expect("routes")
        .iter()
        .map(|r| {
            r["steps"]
                .as_array()
                .expect("steps")
                .iter()
                .map(|s| s["role"].as_str().expect("role"))
                .collect::<Vec<_>>()
                .join(">")
        })
        .collect();
    assert_eq!(routes, ["a>d", "a>b>d", "a>c>d"]);
}

#[test]
fn a_cohort_csv_with_a_malformed_row() {
    let args = [
        "cohort",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        "2026-06-01",
    ];
    let csv = "tests/fixtures/ready/cohort.csv";
    let run = lfw(&[&args[..], &["--format", "json", csv]].concat());
    assert_eq!(run.code, 1, "an invalid row is an input error");
    assert!(run.stderr.contains("line 8"), "the bad row is named by its line: {}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["people"], 5, "the rest of the cohort still runs");
    assert_eq!(doc["ready"], 2);
    assert_eq!(doc["invalid"], 2);
    assert_eq!(doc["common_gaps"][0]["requirement"], "council-wide-finance at proficient");
    assert_eq!(doc["common_gaps"][0]["people"], 3);
    assert_eq!(doc["unblocks"][0]["people"], 1);
    let strict = lfw(&[&args[..], &["--strict", csv]].concat());
    assert_eq!(strict.code, 1);
    assert!(strict.stdout.is_empty(), "--strict stops before any summary");
    for format in ["text", "markdown"] {
        let run = lfw(&[&args[..], &["--per-person", "--format", format, csv]].concat());
        insta::assert_snapshot!(
            format!("cohort-csv.{format}"),
            format!("{}\n--- stderr ---\n{}", run.stdout, run.stderr)
        );
    }
}

#[test]
fn json_lines_and_csv_cohorts_agree() {
    let args = COHORT_JSON;
    let jsonl = lfw(&[&args[..], &["tests/fixtures/ready/cohort.jsonl"]].concat());
    assert_eq!(jsonl.code, 0, "{}", jsonl.stderr);
    let doc: serde_json::Value = serde_json::from_str(&jsonl.stdout).expect("JSON");
    assert_eq!(doc["summary"]["people"], 4);
    let rows: Vec<(&str, bool)> = doc["people"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| (r["person"].as_str().expect("id"), r["ready"].as_bool().expect("ready")))
        .collect();
    assert_eq!(rows, [("hos-001", false), ("hos-002", true), ("hos-003", false), ("hos-004", true)]);
}

#[test]
fn one_thread_and_many_give_the_same_summary() {
    let base = COHORT_JSON;
    let one = lfw(&[&base[..], &["--threads", "1", "tests/fixtures/ready/cohort.jsonl"]].concat());
    let four = lfw(&[&base[..], &["--threads", "4", "tests/fixtures/ready/cohort.jsonl"]].concat());
    assert_eq!(one.stdout, four.stdout);
}
