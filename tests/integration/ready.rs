//! `lfw ready`: the assessor's scenarios, checked by assertion and snapshot.
//! Fixtures are in tests/fixtures/ready/; every run is fixed with `--as-of`.

use crate::lfw;

const SERVICES: &str = "tests/fixtures/ready/services.lfw";
const AS_OF: &str = "2026-06-01";

fn ready_json(framework: &str, role: &str, profile: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "ready",
        "--framework",
        framework,
        "--role",
        role,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        profile,
    ];
    args.extend_from_slice(extra);
    let run = lfw(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

fn snapshot_all_formats(name: &str, framework: &str, role: &str, profile: &str) {
    for format in ["text", "markdown", "json"] {
        let run = lfw(&[
            "ready",
            "--framework",
            framework,
            "--role",
            role,
            "--as-of",
            AS_OF,
            "--format",
            format,
            profile,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        insta::assert_snapshot!(format!("{name}.{format}"), run.stdout);
    }
}

fn requirement<'a>(r: &'a serde_json::Value, text: &str) -> &'a serde_json::Value {
    r["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .find(|c| c["requirement"] == text)
        .unwrap_or_else(|| panic!("no requirement {text}"))
}

#[test]
fn constable_without_the_sergeants_exam() {
    let profile = "tests/fixtures/ready/constable-no-exam.json";
    let r = ready_json("police-ew", "sergeant", profile, &[]);
    assert_eq!(r["ready"], false);
    assert_eq!(requirement(&r, "sergeants-exam")["met"], false);
    assert_eq!(r["plan"][0]["kind"], "obtain");
    assert_eq!(r["plan"][0]["item"], "sergeants-exam");
    snapshot_all_formats("constable-no-exam", "police-ew", "sergeant", profile);
}

#[test]
fn constable_with_the_exam_but_short_of_time_served() {
    let profile = "tests/fixtures/ready/constable-short-time.json";
    let r = ready_json("tests/fixtures/ready/ranks.lfw", "sergeant", profile, &[]);
    assert_eq!(r["ready"], false);
    assert_eq!(requirement(&r, "sergeants-exam")["met"], true);
    let time = requirement(&r, "after constable for 2 years");
    assert_eq!(time["met"], false);
    assert_eq!(time["has"], "constable for 1 year 2 months");
    snapshot_all_formats("constable-short-time", "tests/fixtures/ready/ranks.lfw", "sergeant", profile);
}

/// A scale whose levels have titles: reports show a level with its title,
/// and the JSON keeps the level's id and gives the title beside it.
#[test]
fn levels_are_shown_with_their_titles() {
    let profile = "tests/fixtures/ready/constable-cvf.json";
    let r = ready_json("police-cvf", "sergeant", profile, &[]);
    let enabling = requirement(&r, "all in inclusive-enabling-visionary at 2");
    assert_eq!(enabling["needs"], "all 2 at 2");
    assert_eq!(enabling["needs_title"], "Supervisor/middle manager");
    let member = &enabling["members"][1];
    assert_eq!(member["requirement"], "deliver-support-inspire at 2");
    assert_eq!(
        (&member["has"], &member["has_title"]),
        (&serde_json::json!("1"), &serde_json::json!("Practitioner"))
    );
    assert_eq!(member["needs"], "2");
    assert_eq!(member["needs_title"], "Supervisor/middle manager");
    assert_eq!(member["evidence"][0]["level_title"], "Practitioner");
    let step = &r["plan"][0];
    assert_eq!((&step["from"], &step["to"]), (&serde_json::json!("1"), &serde_json::json!("2")));
    assert_eq!(step["to_title"], "Supervisor/middle manager");
    snapshot_all_formats("constable-cvf", "police-cvf", "sergeant", profile);
}

#[test]
fn head_of_service_ready_for_ad_except_one_competency() {
    let profile = "tests/fixtures/ready/head-one-gap.json";
    let r = ready_json(SERVICES, "assistant-director", profile, &[]);
    assert_eq!(r["ready"], false);
    assert_eq!(r["essential"]["met"], 3);
    assert_eq!(r["essential"]["total"], 4);
    let finance = requirement(&r, "council-wide-finance at proficient");
    assert_eq!(finance["gap"], 1);
    assert_eq!(finance["has"], "essential");
    assert_eq!(r["plan"].as_array().map(Vec::len), Some(1));
    snapshot_all_formats("head-one-gap", SERVICES, "assistant-director", profile);
}

#[test]
fn a_ready_person_is_ready() {
    let r = ready_json(SERVICES, "assistant-director", "tests/fixtures/ready/head-ready.json", &[]);
    assert_eq!(r["ready"], true);
    assert_eq!(r["score"], 100.0);
    assert_eq!(r["desirable"]["met"], 0, "desirable requirements are kept apart");
    assert_eq!(r["plan"].as_array().map(Vec::len), Some(0));
}

#[test]
fn stale_evidence_is_reported_and_not_counted() {
    let profile = "tests/fixtures/ready/head-stale.json";
    let r = ready_json(SERVICES, "assistant-director", profile, &[]);
    let politics = requirement(&r, "working-with-politicians at strong");
    assert_eq!(politics["met"], false);
    assert_eq!(politics["stale"], true);
    assert_eq!(politics["evidence"][0]["stale"], true);
    // Longer validity makes the same evidence count.
    let r = ready_json(SERVICES, "assistant-director", profile, &["--valid-for", "6y"]);
    assert_eq!(requirement(&r, "working-with-politicians at strong")["met"], true);
    let r = ready_json(SERVICES, "assistant-director", profile, &["--valid-for", "never"]);
    assert_eq!(r["ready"], true);
    snapshot_all_formats("head-stale", SERVICES, "assistant-director", profile);
}

#[test]
fn conflicting_assessments_under_each_evidence_policy() {
    let profile = "tests/fixtures/ready/conflicting.json";
    // self exemplary (latest), manager proficient, assessment-centre strong, 360 essential.
    for (policy, level) in [
        ("latest", "exemplary"),
        ("highest", "exemplary"),
        ("lowest", "essential"),
        ("median", "proficient"),
        ("ranked:assessment-centre>360>manager>self", "strong"),
        ("ranked:manager>self", "proficient"),
        ("ranked:360", "essential"),
    ] {
        let r = ready_json(SERVICES, "assistant-director", profile, &["--evidence", policy]);
        assert_eq!(requirement(&r, "working-with-politicians at strong")["has"], level, "{policy}");
    }
    // The framework's own policy is ranked assessment-centre first.
    let r = ready_json(SERVICES, "assistant-director", profile, &[]);
    assert_eq!(requirement(&r, "working-with-politicians at strong")["has"], "strong");
}

#[test]
fn the_plan_pulls_in_prerequisites_in_order() {
    // Council-wide finance at strong needs managing risk at strong first.
    let r = ready_json(SERVICES, "dcs", "tests/fixtures/ready/head-one-gap.json", &[]);
    let steps: Vec<String> = r["plan"]
        .as_array()
        .expect("plan")
        .iter()
        .map(|s| format!("{} {} {}", s["kind"], s["item"], s["to"]))
        .collect();
    let pos = |needle: &str| {
        steps
            .iter()
            .position(|s| s.contains(needle))
            .unwrap_or_else(|| panic!("{needle} in {steps:?}"))
    };
    assert!(pos("\"managing-risk\"") < pos("\"council-wide-finance\""), "{steps:?}");
    insta::assert_json_snapshot!("dcs-plan", r["plan"]);
}

#[test]
fn every_bad_reference_in_a_profile_is_reported() {
    let run = lfw(&[
        "ready",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        AS_OF,
        "tests/fixtures/ready/bad-references.json",
    ]);
    assert_eq!(run.code, 1);
    for expected in [
        "did you mean `head-of-service`?",
        "`2022-13-01`",
        "did you mean `managing-risk`?",
        "`excelent`",
        "did you mean `ad-programme`?",
    ] {
        assert!(run.stderr.contains(expected), "{expected} in {}", run.stderr);
    }
    insta::assert_snapshot!("bad-references", run.stderr);
}

/// What the messages above say in words, the payloads say as data.
#[test]
fn a_profile_problem_carries_what_it_is_about() {
    use lfw_assess::problem::{Element, ProfileProblem};
    let c = lfw_model::compile(&[SERVICES.into()], &|p: &std::path::Path| Ok(std::fs::read(p)?));
    let mut sources = c.sources.clone();
    let name = "tests/fixtures/ready/bad-references.json";
    let input = lfw_assess::read::Input {
        name: name.to_string(),
        format: lfw_assess::read::ProfileFormat::Json,
        reader: Box::new(std::fs::File::open(name).expect("fixture")),
        len: None,
    };
    let (input, origin) = lfw_assess::read::read_one(input, None, &mut sources).expect("readable");
    let problems = lfw_assess::bind(&input, &c.frameworks[0], &origin, Some(&sources)).expect_err("bad references");
    let suggested: Vec<(Element, &str, Option<&str>)> = problems
        .iter()
        .filter_map(|d| match &d.problem {
            ProfileProblem::UnknownElement {
                kind, name, suggestion, ..
            } => Some((*kind, name.as_str(), suggestion.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        suggested,
        [
            (Element::Role, "head-of-servise", Some("head-of-service")),
            (Element::Competency, "managing-risks", Some("managing-risk")),
            (Element::Credential, "ad-programe", Some("ad-programme")),
        ]
    );
    for d in &problems {
        assert_eq!(d.code, lfw_model::Payload::code(&d.problem), "the code is the payload's");
    }
}

#[test]
fn usage_errors() {
    let profile = "tests/fixtures/ready/head-one-gap.json";
    let bad_role = lfw(&["ready", "--framework", SERVICES, "--role", "assistant-directr", profile]);
    assert_eq!(bad_role.code, 2);
    assert!(
        bad_role.stderr.contains("did you mean `assistant-director`?"),
        "{}",
        bad_role.stderr
    );
    assert_eq!(
        lfw(&["ready", "--framework", SERVICES, "--role", "dcs", "--as-of", "June", profile]).code,
        2
    );
    assert_eq!(
        lfw(&["ready", "--framework", SERVICES, "--role", "dcs", "--evidence", "loudest", profile]).code,
        2
    );
}

#[test]
fn profile_problems_each_have_a_diagnostic() {
    let run = |profile: &str, extra: &[&str]| {
        let mut args = vec![
            "ready",
            "--framework",
            SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            AS_OF,
            profile,
        ];
        args.extend_from_slice(extra);
        lfw(&args)
    };
    let conflict = run("tests/fixtures/ready/conflict.csv", &[]);
    assert_eq!(conflict.code, 1);
    assert!(conflict.stderr.contains("lfw::profile-conflict"), "{}", conflict.stderr);
    let two = run("tests/fixtures/ready/two-people.jsonl", &[]);
    assert_eq!(two.code, 1);
    assert!(two.stderr.contains("lfw::profile-ambiguous"), "{}", two.stderr);
    let chosen = run("tests/fixtures/ready/two-people.jsonl", &["--person", "hos-302"]);
    assert_eq!(chosen.code, 0, "{}", chosen.stderr);
    let unknown = run("tests/fixtures/ready/two-people.jsonl", &["--person", "hos-303"]);
    assert!(unknown.stderr.contains("did you mean `hos-30"), "{}", unknown.stderr);
    let wrong = run("tests/fixtures/ready/wrong-framework.json", &[]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("lfw::profile-framework"), "{}", wrong.stderr);
    insta::assert_snapshot!("profile-problems", format!("{}\n{}\n{}", conflict.stderr, two.stderr, wrong.stderr));
}

mod dates {
    use lfw_assess::profile::{Person, Stint};
    use lfw_assess::{readiness, Date, Question};
    use lfw_model::{CredentialId, RoleId};

    fn framework() -> lfw_model::Framework {
        let c = lfw_model::compile_str(
            "t.lfw",
            "framework t \"T\"\ncredential exam \"Exam\"\nrole a \"A\"\n  entry\nrole b \"B\"\n  after a\n  requires exam\n  requires 2 years as a\n",
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        c.frameworks.into_iter().next().expect("framework")
    }

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn a_credential_dated_after_the_question_is_not_yet_held() {
        let fw = framework();
        let person = Person {
            id: "p".into(),
            name: None,
            role: RoleId(0),
            role_since: d("2020-01-01"),
            assessments: Vec::new(),
            credentials: vec![(CredentialId(0), Some(d("2026-09-01")))],
            history: Vec::new(),
        };
        let q = |as_of| Question {
            as_of: d(as_of),
            combine: None,
            valid_months: None,
        };
        assert!(!readiness(&fw, &person, RoleId(1), &q("2026-06-01")).ready);
        assert!(readiness(&fw, &person, RoleId(1), &q("2026-10-01")).ready);
    }

    #[test]
    fn time_in_the_current_role_is_not_counted_twice() {
        let fw = framework();
        // A history entry that overlaps the current role adds nothing.
        let person = Person {
            id: "p".into(),
            name: None,
            role: RoleId(0),
            role_since: d("2025-06-01"),
            assessments: Vec::new(),
            credentials: vec![(CredentialId(0), None)],
            history: vec![Stint {
                role: RoleId(0),
                from: d("2025-06-01"),
                to: None,
            }],
        };
        let q = Question {
            as_of: d("2026-06-01"),
            combine: None,
            valid_months: None,
        };
        assert_eq!(lfw_assess::readiness::months_in(&person, RoleId(0), q.as_of), 12);
        assert!(!readiness(&fw, &person, RoleId(1), &q).ready);
    }
}

/// An earlier role that ends before it starts used to count as no time in
/// it; it is a mistake in one of its dates, and says so.
#[test]
fn a_stint_that_ends_before_it_starts_is_reported() {
    let run = lfw(&[
        "ready",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        AS_OF,
        "tests/fixtures/ready/backwards-history.json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("lfw::ends-before-start"), "{}", run.stderr);
    insta::assert_snapshot!("backwards-history", run.stderr);

    // A cohort reports it too, and judges the others.
    let profile: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/ready/backwards-history.json").expect("fixture")).expect("JSON");
    let good = std::fs::read_to_string("tests/fixtures/ready/cohort.jsonl").expect("fixture");
    let dir = tempfile::tempdir().expect("temporary folder");
    let cohort = dir.path().join("cohort.jsonl");
    std::fs::write(&cohort, format!("{}\n{good}", serde_json::to_string(&profile).expect("JSON"))).expect("write");
    let run = lfw(&[
        "cohort",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        AS_OF,
        "--format",
        "json",
        cohort.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("lfw::ends-before-start").count(), 1, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["people"], good.lines().count(), "{doc}");
    assert_eq!(doc["invalid"], 1, "{doc}");
}

const FIRE: &str = "tests/fixtures/ready/fire.lfw";

/// A firefighter aiming at group manager with no credentials: the plan
/// follows every chain. The credentials that `ic-level-3` requires come
/// before it, in order; the ranks between firefighter and station manager
/// are climbed one by one, each after its time in the rank below and its
/// credential; the competency level a credential requires comes first.
#[test]
fn a_plan_follows_every_chain() {
    let r = ready_json(FIRE, "group-manager", "tests/fixtures/ready/firefighter.json", &[]);
    let plan = r["plan"].as_array().expect("plan");
    let steps: Vec<String> = plan
        .iter()
        .map(|s| format!("{} {}", s["kind"].as_str().expect("kind"), s["item"].as_str().expect("item")))
        .collect();
    let pos = |step: &str| {
        steps
            .iter()
            .position(|s| s == step)
            .unwrap_or_else(|| panic!("no `{step}` in {steps:?}"))
    };
    // Credentials, each after what it requires.
    assert!(pos("obtain ic-level-1") < pos("obtain ic-level-2"));
    assert!(pos("obtain ic-level-2") < pos("obtain ic-level-3"));
    assert!(pos("develop command") < pos("obtain ic-level-3"));
    // ic-level-2 requires a year as crew manager: after becoming one.
    assert!(pos("reach crew-manager") < pos("obtain ic-level-2"));
    // The ranks in between, in order, each after its time and its gate.
    assert!(pos("experience firefighter") < pos("reach crew-manager"));
    assert!(pos("obtain ic-level-1") < pos("reach crew-manager"));
    assert!(pos("reach crew-manager") < pos("experience crew-manager"));
    assert!(pos("experience crew-manager") < pos("reach watch-manager"));
    assert!(pos("obtain ic-level-2") < pos("reach watch-manager"));
    assert!(pos("reach watch-manager") < pos("experience watch-manager"));
    assert!(pos("experience watch-manager") < pos("reach station-manager"));
    assert!(pos("reach station-manager") < pos("experience station-manager"));
    // Each step once: the year as crew manager for ic-level-2 is within
    // the two years the rank above asks for.
    let mut unique = steps.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), steps.len(), "{steps:?}");
    // Time left, not the rule: 1 year 3 months of 2 years as firefighter.
    let firefighter = &plan[pos("experience firefighter")];
    assert_eq!(firefighter["months"], serde_json::json!({"has": 15, "needs": 24, "left": 9}));
    assert_eq!(firefighter["from_date"], "2026-06-01");
    assert_eq!(firefighter["eligible_on"], "2027-03-01");
    // Ranks not yet reached have no date to count from.
    let station = &plan[pos("experience station-manager")];
    assert_eq!(station["months"], serde_json::json!({"has": 0, "needs": 36, "left": 36}));
    assert_eq!(station["eligible_on"], serde_json::Value::Null);
    snapshot_all_formats(
        "firefighter-to-group-manager",
        FIRE,
        "group-manager",
        "tests/fixtures/ready/firefighter.json",
    );
}

/// `lfw path` lists each step's gates (time in the rank below and the
/// credentials the rank requires) without a profile too; with one, where
/// the person stands: ranks behind them done, their own "you are here",
/// and only the ranks ahead judged. Without `--from`, a profile's route
/// starts at the person's current role.
#[test]
fn a_path_shows_gates_and_where_the_person_is() {
    let path = |extra: &[&str]| {
        let mut args = vec!["path", "--framework", FIRE, "--to", "group-manager", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        let run = lfw(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let plain = path(&["--from", "firefighter"]);
    let mid_career = path(&["--from", "firefighter", "tests/fixtures/ready/watch-manager.json"]);
    let json: serde_json::Value = serde_json::from_str(&path(&[
        "--from",
        "firefighter",
        "--format",
        "json",
        "tests/fixtures/ready/watch-manager.json",
    ]))
    .expect("JSON");
    let steps = json["routes"][0]["steps"].as_array().expect("steps");
    let places: Vec<&str> = steps.iter().map(|s| s["place"].as_str().expect("place")).collect();
    assert_eq!(places, ["done", "done", "here", "ahead", "ahead"]);
    assert_eq!(steps[2]["months_here"], 9);
    assert_eq!(steps[1]["gates"], serde_json::json!(["ic-level-1"]));
    assert_eq!(steps[1]["time_before"], "2 years as firefighter");
    // Steps behind are not judged again; steps ahead are.
    assert_eq!(steps[1]["ready"], serde_json::Value::Null);
    assert_eq!(steps[4]["ready"], false);
    // From the person's current role when `--from` is left out.
    let from_here = path(&["--format", "json", "tests/fixtures/ready/watch-manager.json"]);
    let from_here: serde_json::Value = serde_json::from_str(&from_here).expect("JSON");
    assert_eq!(from_here["from"], "watch-manager");
    let no_start = lfw(&["path", "--framework", FIRE, "--to", "group-manager"]);
    assert_eq!(no_start.code, 2, "{}", no_start.stderr);
    assert!(no_start.stderr.contains("--from"), "{}", no_start.stderr);
    insta::assert_snapshot!("fire-path", plain);
    insta::assert_snapshot!("fire-path-mid-career", mid_career);
}

/// Profiles that cannot be read are reported like compiler errors: each
/// problem at its place, in the words of the format (never of Rust types),
/// with the field meant when a field is misspelt.
mod malformed {
    use crate::lfw;

    const DIR: &str = "tests/fixtures/ready/malformed";

    fn ready(profile: &str, extra: &[&str]) -> crate::Run {
        let path = format!("{DIR}/{profile}");
        let mut args = vec![
            "ready",
            "--framework",
            super::SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            super::AS_OF,
            path.as_str(),
        ];
        args.extend_from_slice(extra);
        lfw(&args)
    }

    #[test]
    fn a_misspelt_field_is_pointed_at_with_the_field_meant() {
        let run = ready("misspelt-fields.json", &[]);
        assert_eq!(run.code, 1);
        for expected in [
            "`since` is not a field of a profile",
            "did you mean `role_since`?",
            "did you mean `assessments`?",
        ] {
            assert!(run.stderr.contains(expected), "{expected} in {}", run.stderr);
        }
        // `since` explains the missing `role_since`: one mistake, one error.
        assert!(!run.stderr.contains("has no `role_since`"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("lfw::profile-syntax").count(), 2, "{}", run.stderr);
        insta::assert_snapshot!("malformed-misspelt-fields", run.stderr);
    }

    #[test]
    fn a_misspelt_field_has_a_fix() {
        let name = format!("{DIR}/misspelt-fields.json");
        let mut sources = lfw_model::Sources::default();
        let input = lfw_assess::read::Input {
            name: name.clone(),
            format: lfw_assess::read::ProfileFormat::Json,
            reader: Box::new(std::fs::File::open(&name).expect("fixture")),
            len: None,
        };
        let problems = lfw_assess::read::read_one(input, None, &mut sources).expect_err("misspelt");
        let text = std::fs::read_to_string(&name).expect("fixture");
        let fixes: Vec<(&str, &str)> = problems
            .iter()
            .flat_map(|d| &d.fixes)
            .map(|f| (&text[f.loc.span.start..f.loc.span.end], f.replacement.as_str()))
            .collect();
        assert_eq!(fixes, [("since", "role_since"), ("assesments", "assessments")]);
    }

    #[test]
    fn wrong_types_are_worded_as_the_format_not_as_rust() {
        let run = ready("wrong-types.json", &[]);
        assert_eq!(run.code, 1);
        insta::assert_snapshot!("malformed-wrong-types", run.stderr);
    }

    #[test]
    fn missing_fields_are_pointed_at() {
        let run = ready("missing-fields.json", &[]);
        assert_eq!(run.code, 1);
        insta::assert_snapshot!("malformed-missing-fields", run.stderr);
    }

    #[test]
    fn text_that_is_not_json_is_pointed_at() {
        let run = ready("not-json.json", &[]);
        assert_eq!(run.code, 1);
        insta::assert_snapshot!("malformed-not-json", run.stderr);
    }

    #[test]
    fn a_csv_without_a_record_column_says_so() {
        let run = ready("no-record-column.csv", &[]);
        assert_eq!(run.code, 1);
        insta::assert_snapshot!("malformed-no-record-column", run.stderr);
    }

    #[test]
    fn a_credential_may_be_given_by_its_id_alone() {
        let r = super::ready_json(super::SERVICES, "dcs", &format!("{DIR}/credentials-as-ids.json"), &[]);
        assert_eq!(super::requirement(&r, "ad-programme")["met"], true, "{r}");
        // And the cohort's fast path reads it the same way.
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("c.jsonl");
        let line = r#"{"id":"ad-401","role":"head-of-service","role_since":"2022-04-01","credentials":["ad-programme"]}"#;
        std::fs::write(&path, format!("{line}\n")).expect("write");
        let run = lfw(&[
            "cohort",
            "--framework",
            super::SERVICES,
            "--role",
            "dcs",
            "--as-of",
            super::AS_OF,
            "--format",
            "json",
            path.to_str().expect("UTF-8 path"),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let s: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(s["invalid"], 0, "{s}");
        assert!(
            !run.stdout.contains("ad-programme"),
            "the credential is held, so it is no gap: {}",
            run.stdout
        );
    }

    #[test]
    fn a_bad_line_of_a_cohort_has_one_line_number() {
        let run = lfw(&[
            "cohort",
            "--framework",
            super::SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            super::AS_OF,
            &format!("{DIR}/broken-lines.jsonl"),
        ]);
        assert!(
            run.stderr
                .contains("`tests/fixtures/ready/malformed/broken-lines.jsonl` line 2, column "),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains(" at line "), "{}", run.stderr);
        assert!(run.stderr.contains("did you mean `role_since`?"), "{}", run.stderr);
        insta::assert_snapshot!("malformed-cohort-lines", run.stderr);
        // `ready` keeps the text, and points into the line instead.
        let one = ready("broken-lines.jsonl", &["--person", "hos-201"]);
        insta::assert_snapshot!("malformed-ready-line", one.stderr);
    }

    /// Every field of a profile, credential, assessment and history entry
    /// given every wrong kind of value, and the CSV format's slips: no
    /// message, help or label names a Rust type or speaks serde.
    #[test]
    fn no_message_names_a_rust_type() {
        let good: serde_json::Value = serde_json::json!({
            "id": "p", "name": "N", "framework": "services-test", "role": "head-of-service",
            "role_since": "2022-04-01",
            "assessments": [{"competency": "coaching", "level": "strong", "source": "self", "date": "2025-01-01", "note": "n"}],
            "credentials": [{"id": "ad-programme", "date": "2024-01-01"}],
            "history": [{"role": "head-of-service", "from": "2020-01-01", "to": "2021-01-01"}]
        });
        let wrong = [
            serde_json::json!(null),
            serde_json::json!(true),
            serde_json::json!(5),
            serde_json::json!(-2.5),
            serde_json::json!("x"),
            serde_json::json!([]),
            serde_json::json!([1]),
            serde_json::json!({}),
            serde_json::json!({"x": 1}),
        ];
        fn paths(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
            out.push(at.clone());
            match v {
                serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| paths(v, format!("{at}/{k}"), out)),
                serde_json::Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| paths(v, format!("{at}/{i}"), out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        paths(&good, String::new(), &mut all);
        let mut texts: Vec<String> = Vec::new();
        for path in &all {
            for w in &wrong {
                let mut v = good.clone();
                *v.pointer_mut(path).expect("a path") = w.clone();
                texts.push(serde_json::to_string_pretty(&v).expect("JSON"));
            }
            // And the field left out.
            if let Some((parent, key)) = path.rsplit_once('/') {
                let mut v = good.clone();
                if let Some(serde_json::Value::Object(m)) = v.pointer_mut(parent) {
                    m.remove(key);
                    texts.push(v.to_string());
                }
            }
        }
        for broken in [
            "",
            "{",
            "{\"id\": }",
            "{\"id\": \"a\",}",
            "{\"id\": \"a\\q\"}",
            "{\"id\": 1e999}",
            "{} {}",
            "{id: 1}",
            "[[[[",
            "\"\u{1}\"",
        ] {
            texts.push(broken.to_string());
        }
        let mut seen = 0;
        let mut check = |format: lfw_assess::read::ProfileFormat, text: String| {
            let mut sources = lfw_model::Sources::default();
            let input = lfw_assess::read::Input {
                name: "p".into(),
                format,
                reader: Box::new(std::io::Cursor::new(text.clone().into_bytes())),
                len: None,
            };
            if let Err(problems) = lfw_assess::read::read_one(input, None, &mut sources) {
                for d in problems {
                    seen += 1;
                    let words = format!(
                        "{} {} {}",
                        d.message,
                        d.help.clone().unwrap_or_default(),
                        d.primary.as_ref().map(|l| l.text.clone()).unwrap_or_default()
                    );
                    for rust in ["struct", "enum", "Input", "variant", "invalid type", "serde"] {
                        assert!(!words.contains(rust), "{rust:?} in {words:?}, for\n{text}");
                    }
                    // serde_json's "at line 1 column 17": a second line number.
                    let second_line = words.match_indices("line ").any(|(i, _)| {
                        let rest = &words[i + 5..];
                        let digits = rest.chars().take_while(char::is_ascii_digit).count();
                        digits > 0 && rest[digits..].starts_with(" column")
                    });
                    assert!(!second_line, "{words:?}, for\n{text}");
                }
            }
        };
        for text in &texts {
            check(lfw_assess::read::ProfileFormat::Json, text.clone());
            check(lfw_assess::read::ProfileFormat::JsonLines, text.replace('\n', " "));
        }
        for csv in [
            "person,record\np,assessment,extra\n",
            "person,name\np,n\n",
            "name,record\nn,person\n",
            "person,record\n,person\n",
            "person,record\np,award\n",
            "person,record,role,role_since\np,person,r,2020-01-01\np,person,s,2020-01-01\n",
            "person,record\n\"p,person\n",
        ] {
            check(lfw_assess::read::ProfileFormat::Csv, csv.to_string());
        }
        assert!(seen > 200, "{seen} diagnostics looked at");
    }
}
