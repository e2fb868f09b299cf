//! `lfw succession`: cohorts whose answers are known by construction, on
//! the fictional fire and rescue service of `tests/fixtures/ready/fire.lfw`
//! (station manager comes after watch manager for 2 years and requires
//! `people` at `leading-others`), judged on 2026-06-01.

use crate::lfw;
use serde_json::{json, Value};

const FIRE: &str = "tests/fixtures/ready/fire.lfw";

/// One watch or station manager of the constructed cohort.
fn person(id: &str, role: &str, since: &str, people_level: Option<&str>, org: &str, gender: &str) -> String {
    let assessments = match people_level {
        Some(level) => format!(r#"[{{"competency":"people","level":"{level}","source":"manager","date":"2026-01-01"}}]"#),
        None => "[]".to_string(),
    };
    format!(
        r#"{{"id":"{id}","framework":"fire","role":"{role}","role_since":"{since}","assessments":{assessments},"attributes":{{"organisation":"{org}","gender":"{gender}"}}}}"#
    )
}

/// The cohort, where each person's place for station manager is known:
/// in North, 6 ready now and 5 who lack only 3 months of their 2 years; in
/// South, 7 with the time but not the competency (one step), 5 with
/// neither (blocked), and 2 station managers.
fn cohort() -> String {
    let mut lines = Vec::new();
    for i in 0..6 {
        lines.push(person(
            &format!("ready-{i}"),
            "watch-manager",
            "2023-01-01",
            Some("leading-others"),
            "North",
            "woman",
        ));
    }
    for i in 0..5 {
        // 21 months by 2026-06-01: 3 to go, done on 2026-09-01.
        lines.push(person(
            &format!("soon-{i}"),
            "watch-manager",
            "2024-09-01",
            Some("leading-others"),
            "North",
            "man",
        ));
    }
    for i in 0..7 {
        lines.push(person(
            &format!("step-{i}"),
            "watch-manager",
            "2022-01-01",
            Some("leading-myself"),
            "South",
            "woman",
        ));
    }
    for i in 0..5 {
        lines.push(person(&format!("blocked-{i}"), "watch-manager", "2026-01-01", None, "South", "man"));
    }
    for i in 0..2 {
        lines.push(person(
            &format!("holder-{i}"),
            "station-manager",
            "2024-01-01",
            Some("leading-others"),
            "South",
            "woman",
        ));
    }
    lines.join("\n") + "\n"
}

fn succession(extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("cohort.jsonl");
    std::fs::write(&path, cohort()).expect("write the cohort");
    let path = path.to_string_lossy().into_owned();
    let mut args = vec!["succession", "--framework", FIRE, "--as-of", "2026-06-01", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(&path);
    let run = lfw(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn role<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .find(|r| r["role"] == id)
        .unwrap_or_else(|| panic!("no role {id}"))
}

#[test]
fn every_figure_is_known_by_construction() {
    let doc = succession(&["--min-group", "1"]);
    insta::assert_json_snapshot!("fire-succession.json", doc);
    assert_eq!(doc["people"], 25);
    let station = role(&doc, "station-manager");
    assert_eq!(
        station["all"],
        json!({"holders": 2, "ready_now": 6, "within_horizon": 5, "one_step": 7, "blocked": 5})
    );
    // The 5 who lack 3 months are counted in month 3.
    let months = station["within_by_month"].as_array().expect("months");
    assert_eq!(months.len(), 24);
    assert_eq!(months[2], 5);
    assert_eq!(months.iter().filter(|m| **m != 0).count(), 1);
    // Bench strength: ready successors per holder.
    assert_eq!(station["bench_strength"], 3.0);
    assert_eq!(station["no_ready_successor"], false);
    // The gap that alone holds most back: the competency (7), then time (5).
    assert_eq!(
        station["unblocks"],
        json!([
            {"requirement": "people at leading-others", "people": 7},
            {"requirement": "after watch-manager for 2 years: time still to serve", "people": 5},
        ])
    );
    // Watch managers come from crew managers, of whom there are none.
    let watch = role(&doc, "watch-manager");
    assert_eq!(watch["all"]["holders"], 23);
    assert_eq!(watch["no_ready_successor"], true);
    assert_eq!(role(&doc, "firefighter")["entry"], true);
    // Top of the ladder first.
    let order: Vec<&str> = doc["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|r| r["role"].as_str().expect("id"))
        .collect();
    assert_eq!(
        order,
        [
            "brigade-manager",
            "area-manager",
            "group-manager",
            "station-manager",
            "watch-manager",
            "crew-manager",
            "firefighter"
        ]
    );
}

#[test]
fn a_horizon_too_short_makes_time_one_step() {
    let doc = succession(&["--min-group", "1", "--horizon", "2m"]);
    let station = role(&doc, "station-manager");
    assert_eq!(station["all"]["within_horizon"], 0);
    assert_eq!(station["all"]["one_step"], 12);
}

#[test]
fn groups_break_every_figure_down() {
    let doc = succession(&["--min-group", "1", "--by", "organisation"]);
    let station = role(&doc, "station-manager");
    let groups = station["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["group"], json!({"organisation": "North"}));
    assert_eq!(
        groups[0]["figures"],
        json!({"holders": 0, "ready_now": 6, "within_horizon": 5, "one_step": 0, "blocked": 0})
    );
    assert_eq!(groups[1]["group"], json!({"organisation": "South"}));
    assert_eq!(
        groups[1]["figures"],
        json!({"holders": 2, "ready_now": 0, "within_horizon": 0, "one_step": 7, "blocked": 5})
    );
    // Combinations of attributes.
    let doc = succession(&["--min-group", "1", "--by", "organisation,gender"]);
    let groups = role(&doc, "station-manager")["groups"].as_array().expect("groups").clone();
    let keys: Vec<&Value> = groups.iter().map(|g| &g["group"]).collect();
    assert_eq!(
        keys,
        [
            &json!({"organisation": "North", "gender": "man"}),
            &json!({"organisation": "North", "gender": "woman"}),
            &json!({"organisation": "South", "gender": "man"}),
            &json!({"organisation": "South", "gender": "woman"}),
        ]
    );
    assert_eq!(groups[3]["figures"]["holders"], 2);
    assert_eq!(groups[3]["figures"]["one_step"], 7);
}

/// The roles each role of `fire.lfw` comes after.
const FEEDERS: [(&str, &str); 6] = [
    ("crew-manager", "firefighter"),
    ("watch-manager", "crew-manager"),
    ("station-manager", "watch-manager"),
    ("group-manager", "station-manager"),
    ("area-manager", "group-manager"),
    ("brigade-manager", "area-manager"),
];

/// A reader's attempt to uncover small counts: every sum the document
/// implies, as an equation over its figures (a number, or unknown where
/// suppressed); solve every equation with one unknown, again and again;
/// then each solved figure, and each sum of unknowns that lie all on one
/// side of an equation, must be 0 or at least `min`.
fn assert_nothing_small_can_be_worked_out(doc: &Value, min: u64) {
    let figures = ["holders", "ready_now", "within_horizon", "one_step", "blocked"];
    let places = ["ready_now", "within_horizon", "one_step", "blocked"];
    // Each equation: (left, right) as lists of (figure's path, value).
    type Side = Vec<(String, Option<u64>)>;
    let value = |v: &Value| v.as_u64();
    let mut equations: Vec<(Side, Side)> = Vec::new();
    let roles = doc["roles"].as_array().expect("roles");
    let role = |id: &str| roles.iter().find(|r| r["role"] == id);
    let by_group = |r: &Value| r["groups"].as_array().cloned().unwrap_or_default();
    for r in roles {
        let id = r["role"].as_str().expect("id");
        let groups = by_group(r);
        for f in figures {
            if !groups.is_empty() {
                let parts: Side = groups
                    .iter()
                    .enumerate()
                    .map(|(i, g)| (format!("{id}/{i}/{f}"), value(&g["figures"][f])))
                    .collect();
                equations.push((parts, vec![(format!("{id}/all/{f}"), value(&r["all"][f]))]));
            }
        }
        if let Some((_, feeder)) = FEEDERS.iter().find(|(to, _)| *to == id) {
            let feeder = role(feeder).expect("feeder reported");
            let side = |row: &Value, name: &str| -> Side { places.iter().map(|f| (format!("{id}/{name}/{f}"), value(&row[f]))).collect() };
            equations.push((
                side(&r["all"], "all"),
                vec![(format!("{}/all/holders", feeder["role"]), value(&feeder["all"]["holders"]))],
            ));
            for (i, g) in groups.iter().enumerate() {
                let fg = &by_group(feeder)[i]["figures"]["holders"];
                equations.push((
                    side(&g["figures"], &i.to_string()),
                    vec![(format!("{}/{i}/holders", feeder["role"]), value(fg))],
                ));
            }
        }
        let months: Side = r["within_by_month"]
            .as_array()
            .expect("months")
            .iter()
            .enumerate()
            .map(|(m, v)| (format!("{id}/month/{m}"), value(v)))
            .collect();
        equations.push((
            months,
            vec![(format!("{id}/all/within_horizon"), value(&r["all"]["within_horizon"]))],
        ));
        let unblocks: Side = r["unblocks"]
            .as_array()
            .expect("unblocks")
            .iter()
            .map(|u| (format!("{id}/unblocks/{}", u["requirement"]), value(&u["people"])))
            .collect();
        equations.push((
            unblocks,
            vec![
                (format!("{id}/all/within_horizon"), value(&r["all"]["within_horizon"])),
                (format!("{id}/all/one_step"), value(&r["all"]["one_step"])),
            ],
        ));
    }
    let people = vec![("people".to_string(), value(&doc["people"]))];
    equations.push((
        roles
            .iter()
            .map(|r| {
                (
                    format!("{}/all/holders", r["role"].as_str().expect("id")),
                    value(&r["all"]["holders"]),
                )
            })
            .collect(),
        people.clone(),
    ));
    if roles.iter().all(|r| !by_group(r).is_empty()) {
        let mut all: Side = Vec::new();
        for r in roles {
            for (i, g) in by_group(r).iter().enumerate() {
                all.push((
                    format!("{}/{i}/holders", r["role"].as_str().expect("id")),
                    value(&g["figures"]["holders"]),
                ));
            }
        }
        equations.push((all, people));
    }
    let mut solved: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let known =
        |solved: &std::collections::HashMap<String, u64>, (name, v): &(String, Option<u64>)| v.or_else(|| solved.get(name).copied());
    loop {
        let mut more = false;
        for (left, right) in &equations {
            let unknown: Vec<&(String, Option<u64>)> = left.iter().chain(right).filter(|x| known(&solved, x).is_none()).collect();
            if let [one] = unknown[..] {
                let sum = |side: &Side| side.iter().filter_map(|x| known(&solved, x)).sum::<u64>();
                let (l, r) = (sum(left), sum(right));
                let found = if left.iter().any(|x| x.0 == one.0) { r - l } else { l - r };
                assert!(found == 0 || found >= min, "{} works out at {found}", one.0);
                solved.insert(one.0.clone(), found);
                more = true;
            }
        }
        if !more {
            break;
        }
    }
    for (left, right) in &equations {
        let unknown = |side: &Side| side.iter().filter(|x| known(&solved, x).is_none()).count();
        let sum = |side: &Side| side.iter().filter_map(|x| known(&solved, x)).sum::<u64>();
        if unknown(left) > 0 && unknown(right) == 0 {
            let rest = sum(right) - sum(left);
            assert!(rest == 0 || rest >= min, "suppressed figures of {left:?} add up to {rest}");
        }
        if unknown(right) > 0 && unknown(left) == 0 {
            let rest = sum(left) - sum(right);
            assert!(rest == 0 || rest >= min, "suppressed figures of {right:?} add up to {rest}");
        }
    }
}

/// Every published number is 0 or at least the minimum group; small ones
/// are suppressed, and so is whatever would give one back by subtraction.
#[test]
fn small_groups_are_suppressed_and_cannot_be_recovered() {
    for by in [&[][..], &["--by", "organisation"][..], &["--by", "organisation,gender"][..]] {
        let doc = succession(by);
        assert_eq!(doc["min_group"], 5);
        let station = role(&doc, "station-manager");
        // 2 station managers: suppressed.
        assert_eq!(station["all"]["holders"], "suppressed", "{by:?}");
        // The law over the whole document: no number between 1 and 4.
        fn walk(v: &Value, found: &mut Vec<u64>) {
            match v {
                Value::Number(n) => found.extend(n.as_u64()),
                Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
                Value::Object(o) => o
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "horizon_months" | "min_group" | "bench_strength" | "format" | "invalid"))
                    .for_each(|(_, x)| walk(x, found)),
                _ => {}
            }
        }
        let mut numbers = Vec::new();
        walk(&doc, &mut numbers);
        assert!(numbers.iter().all(|&n| n == 0 || n >= 5), "{by:?}: {numbers:?}");
        assert_nothing_small_can_be_worked_out(&doc, 5);
    }
}

/// The reader's check is no formality: on the figures before suppression
/// (`--min-group 1` publishes them all) it finds the 2 station managers.
#[test]
fn the_readers_check_finds_small_counts_when_nothing_is_suppressed() {
    let doc = succession(&["--min-group", "1", "--by", "organisation"]);
    let found = std::panic::catch_unwind(|| assert_nothing_small_can_be_worked_out(&doc, 5));
    assert!(found.is_ok(), "with everything shown nothing is worked out, only read");
    let mut doc = doc;
    // Suppress only the small figure, as a naive report would: the total
    // minus the other group gives it back.
    let station = doc["roles"]
        .as_array_mut()
        .expect("roles")
        .iter_mut()
        .find(|r| r["role"] == "station-manager")
        .expect("role");
    station["groups"][1]["figures"]["holders"] = json!("suppressed");
    let found = std::panic::catch_unwind(|| assert_nothing_small_can_be_worked_out(&doc, 5));
    assert!(found.is_err(), "a lone suppressed figure is worked out from its total");
}

#[test]
fn text_and_markdown_as_a_user_sees_them() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("cohort.jsonl");
    std::fs::write(&path, cohort()).expect("write the cohort");
    let path = path.to_string_lossy().into_owned();
    for format in ["text", "markdown"] {
        let run = lfw(&[
            "succession",
            "--framework",
            FIRE,
            "--as-of",
            "2026-06-01",
            "--by",
            "organisation",
            "--format",
            format,
            &path,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("fire-succession.{format}"), run.stdout);
    }
}

#[test]
fn usage_errors() {
    for (args, says) in [
        (vec!["--horizon", "0m"], "--horizon"),
        (vec!["--horizon", "11y"], "--horizon"),
        (vec!["--horizon", "soon"], "--horizon"),
        (vec!["--min-group", "0"], "--min-group"),
        (vec!["--roles", "station-manger"], "did you mean `station-manager`"),
    ] {
        let mut all = vec!["succession", "--framework", FIRE];
        all.extend(args);
        all.push("tests/fixtures/ready/fire-cohort.jsonl");
        let run = lfw(&all);
        assert_eq!(run.code, 2, "{all:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{all:?}: {}", run.stderr);
    }
}

#[path = "../../examples/support/region_gen.rs"]
mod region_gen;

/// The fictional regional cohorts under `frameworks/*/examples/` are what
/// the example generator writes (regenerate them with the commands in the
/// examples' READMEs when a framework changes), and a succession run on
/// each is as the README's tour shows it.
#[test]
fn the_example_cohorts_are_the_generators_and_run() {
    for (id, people, path) in [
        ("childrens-services", 300, "frameworks/local-government/examples/region.jsonl"),
        ("police-ew", 600, "frameworks/police/examples/force.jsonl"),
    ] {
        let c = lfw_library::compile_one(id).expect("bundled");
        let fw = c.frameworks.iter().find(|f| f.id == id).expect("the framework");
        let mut expected = Vec::new();
        region_gen::write(fw, people, 2026, &mut expected).expect("generate");
        let on_disk = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + path).expect("the example cohort");
        assert!(
            on_disk == expected,
            "{path} is not what the generator writes: run `cargo run --example generate_region -- {id} {people} 2026 {path}`"
        );
        let run = lfw(&[
            "succession",
            "--framework",
            id,
            "--as-of",
            "2026-06-01",
            "--by",
            "organisation",
            path,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("example-{id}"), run.stdout);
    }
}

/// Long CSV carries attributes as `attribute` rows (item the name, value
/// the value), and gives the same pipeline as the same people in JSON Lines.
#[test]
fn csv_attributes_group_as_json_ones_do() {
    let mut csv = String::from("person,role,role_since,record,item,level,source,date,value\n");
    let mut jsonl = String::new();
    for i in 0..12 {
        let (org, level) = if i % 2 == 0 {
            ("North", "leading-others")
        } else {
            ("South", "leading-myself")
        };
        csv.push_str(&format!(
            "w{i},watch-manager,2023-01-01,assessment,people,{level},manager,2026-01-01,\n"
        ));
        csv.push_str(&format!("w{i},,,attribute,organisation,,,,{org}\n"));
        jsonl.push_str(&person(&format!("w{i}"), "watch-manager", "2023-01-01", Some(level), org, "woman"));
        jsonl.push('\n');
    }
    let dir = tempfile::tempdir().expect("temporary directory");
    let (c, j) = (dir.path().join("people.csv"), dir.path().join("people.jsonl"));
    std::fs::write(&c, csv).expect("write");
    std::fs::write(&j, jsonl).expect("write");
    let run = |path: &std::path::Path| {
        let path = path.to_string_lossy().into_owned();
        let run = lfw(&[
            "succession",
            "--framework",
            FIRE,
            "--as-of",
            "2026-06-01",
            "--by",
            "organisation",
            "--format",
            "json",
            "--roles",
            "station-manager",
            &path,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<Value>(&run.stdout).expect("JSON")
    };
    let (from_csv, from_json) = (run(&c), run(&j));
    assert_eq!(from_csv["roles"], from_json["roles"]);
    let groups = from_csv["roles"][0]["groups"].as_array().expect("groups");
    assert_eq!(groups[0]["group"], json!({"organisation": "North"}));
    assert_eq!(groups[0]["figures"]["ready_now"], 6);
    assert_eq!(groups[1]["figures"]["one_step"], 6);
}

/// Runs `succession` on `lines` written to a temporary cohort.
fn succession_of(lines: &str, extra: &[&str]) -> crate::Run {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("cohort.jsonl");
    std::fs::write(&path, lines).expect("write the cohort");
    let path = path.to_string_lossy().into_owned();
    let mut args = vec!["succession", "--framework", FIRE, "--as-of", "2026-06-01"];
    args.extend_from_slice(extra);
    args.push(&path);
    lfw(&args)
}

/// A group name of 65,536 characters panicked the text layout (a padding
/// width over 65,535), and names of a megabyte each made memory grow with
/// their length: a value past the bound stops the run with a message, in
/// every format, and one at the bound is laid out.
#[test]
fn a_group_name_is_bounded_and_never_panics() {
    let long = "N".repeat(65_536);
    let lines = person("a", "watch-manager", "2023-01-01", None, &long, "woman") + "\n";
    for format in ["text", "html", "json", "markdown"] {
        let run = succession_of(&lines, &["--by", "organisation", "--format", format]);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{format}: {}", run.stderr);
        assert!(run.stderr.contains("longer than 200 characters"), "{format}: {}", run.stderr);
    }
    let at_bound = "N".repeat(lfw_assess::succession::MAX_GROUP_VALUE);
    let lines = person("a", "watch-manager", "2023-01-01", None, &at_bound, "woman") + "\n";
    let run = succession_of(&lines, &["--by", "organisation"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(&at_bound), "{}", run.stdout);
}

/// Memory grew with roles × groups (1,000 roles and 2,000 groups took
/// 8.3 GB): the groups a run may count shrink as each holds more counters,
/// so 5,000 groups of a 7-role ladder (under the 10,000 groups allowed
/// before) are refused before memory grows.
#[test]
fn groups_times_counters_is_bounded() {
    let people = |n: usize| -> String {
        (0..n)
            .map(|i| person(&format!("p{i}"), "watch-manager", "2023-01-01", None, &format!("org-{i}"), "woman") + "\n")
            .collect()
    };
    let lines = people(5_000);
    let started = std::time::Instant::now();
    let run = succession_of(&lines, &["--by", "organisation"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("groups for 7 roles"), "{}", run.stderr);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    // Fewer groups, each of the same size, fit.
    let run = succession_of(&people(1_000), &["--by", "organisation"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
