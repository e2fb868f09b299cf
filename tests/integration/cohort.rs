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

#[path = "../../examples/support/cohort_gen.rs"]
mod cohort_gen;

/// A cohort of many blocks, with bad lines among them: the workers judge
/// blocks in whatever order they finish, and every row and every problem
/// must still come out in the order of the file, the same whatever the
/// number of threads.
#[test]
fn many_blocks_come_out_in_file_order_whatever_the_threads() {
    let mut text = Vec::new();
    cohort_gen::write(12_000, cohort_gen::Format::Jsonl, &mut text).expect("generate");
    let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').filter(|l| !l.is_empty()).collect();
    assert!(text.len() > 6 << 20, "several blocks of 1 MiB: {} bytes", text.len());
    // A bad line every 2,500, so that problems fall in different blocks.
    let bad: &[u8] = b"{\"id\": \"broken\", ";
    for at in (0..lines.len()).step_by(2_500).rev() {
        lines.insert(at, bad);
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("cohort.jsonl");
    std::fs::write(&path, lines.join(&b'\n')).expect("write the cohort");
    let path = path.to_string_lossy().into_owned();
    let run = |threads: &str| {
        lfw(&[
            "cohort",
            "--framework",
            "cscf-2012",
            "--role",
            "g7",
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
            "--per-person",
            "--threads",
            threads,
            &path,
        ])
    };
    let one = run("1");
    assert_eq!(one.code, 1, "invalid lines make exit 1: {}", one.stderr);
    let doc: serde_json::Value = serde_json::from_str(&one.stdout).expect("JSON");
    assert_eq!(doc["summary"]["people"], 12_000);
    assert_eq!(doc["summary"]["invalid"], 5);
    let people: Vec<u64> = doc["people"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            r["person"]
                .as_str()
                .and_then(|id| id.strip_prefix('p')?.parse().ok())
                .expect("p and a number")
        })
        .collect();
    assert_eq!(people, (0..12_000).collect::<Vec<u64>>(), "rows in the order of the file");
    // Each bad line is reported by its own number, in order.
    let numbers: Vec<u64> = one
        .stderr
        .split("cohort.jsonl` line ")
        .skip(1)
        .map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().expect("a line number")
        })
        .collect();
    assert_eq!(numbers, [1, 2502, 5003, 7504, 10005], "{}", one.stderr);
    // One line number each: the JSON reader's own "at line 1 column 17" is
    // a column of the line, not a second line.
    assert!(!one.stderr.contains(" at line "), "{}", one.stderr);
    assert!(
        one.stderr.contains("line 2502, column 18 is not well-formed JSON"),
        "{}",
        one.stderr
    );
    for threads in ["2", "4", "7"] {
        let many = run(threads);
        assert_eq!(
            (many.code, &many.stdout, &many.stderr),
            (one.code, &one.stdout, &one.stderr),
            "--threads {threads}"
        );
    }
}

/// A cohort summary tells apart why people are not ready: already in the
/// role, in a role that does not lead to it, further down the ladder, short
/// of time served, short of other requirements. The fixture's ids say where
/// each person stands by construction; the progression rule's gap is kept
/// apart by reason, never lumped into one "after" line.
#[test]
fn a_summary_keeps_reasons_apart() {
    let run = lfw(&[
        "cohort",
        "--framework",
        "tests/fixtures/ready/fire.lfw",
        "--role",
        "station-manager",
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
        "tests/fixtures/ready/fire-cohort.jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let standing: Vec<(&str, u64)> = doc["standing"]
        .as_array()
        .expect("standing")
        .iter()
        .map(|s| (s["standing"].as_str().expect("key"), s["people"].as_u64().expect("count")))
        .collect();
    assert_eq!(
        standing,
        [
            ("holds", 1),
            ("ready", 1),
            ("role-elsewhere", 1),
            ("role-below", 2),
            ("time-served", 2),
            ("requirements", 1),
        ]
    );
    assert_eq!(
        standing.iter().map(|(_, n)| n).sum::<u64>(),
        doc["people"].as_u64().expect("people")
    );
    let gaps: Vec<(&str, u64)> = doc["common_gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| (g["requirement"].as_str().expect("words"), g["people"].as_u64().expect("count")))
        .collect();
    assert_eq!(
        gaps,
        [
            ("people at leading-others", 5),
            ("after watch-manager for 2 years: in a role further down", 2),
            ("after watch-manager for 2 years: time still to serve", 2),
            ("after watch-manager for 2 years: in a role that does not lead to it", 1),
        ]
    );
    let text = lfw(&[
        "cohort",
        "--framework",
        "tests/fixtures/ready/fire.lfw",
        "--role",
        "station-manager",
        "--as-of",
        "2026-06-01",
        "tests/fixtures/ready/fire-cohort.jsonl",
    ]);
    insta::assert_snapshot!("fire-cohort-standing", text.stdout);
}
