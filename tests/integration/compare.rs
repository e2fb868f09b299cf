//! `lfw diff`, `lfw compare` and `lfw translate`, and the laws of the diff.

use crate::lfw;
use lfw_diff::diff::{Diff, ElementChangeKind, ElementKind, Field, RoleChangeKind};
use std::collections::BTreeSet;

const V1: &str = "tests/fixtures/compare/v1.lfw";
const V2: &str = "tests/fixtures/compare/v2.lfw";

#[test]
fn layout_and_comments_alone_give_an_empty_diff() {
    let run = lfw(&["diff", V1, "tests/fixtures/compare/v1-reformatted.lfw"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("no changes"));
}

#[test]
fn every_kind_of_change() {
    let run = lfw(&["diff", "--format", "json", V1, V2]);
    assert_eq!(run.code, 1, "frameworks that differ exit 1, like diff");
    let d: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let changes: BTreeSet<String> = d["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .map(|c| format!("{} {}", c["change"], c["id"]))
        .collect();
    for expected in [
        "\"added\" \"collaborating\"",
        "\"removed\" \"results\"",
        "\"renamed\" \"political-astuteness\"",
        "\"retitled\" \"coaching\"",
        "\"moved\" \"coaching\"",
        "\"described\" \"coaching\"",
        "\"added\" \"mba\"",
        "\"added\" \"director\"",
    ] {
        assert!(changes.contains(expected), "{expected} in {changes:?}");
    }
    assert_eq!(d["scales"][0]["levels_added"], serde_json::json!(["basic"]));
    // A level's title given or changed is a change of the scale.
    assert_eq!(
        d["scales"][0]["titles_changed"],
        serde_json::json!([
            {"level": "strong", "old": null, "new": "Strong"},
            {"level": "exemplary", "old": "Exemplary", "new": "Role model"},
        ])
    );
    let roles: BTreeSet<String> = d["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .map(|c| format!("{} {} {}", c["role"], c["change"], c["subject"]))
        .collect();
    for expected in [
        "\"lead\" \"raised\" \"coaching\"",
        "\"lead\" \"lowered\" \"scanning\"",
        "\"manager\" \"time-changed\" \"after lead\"",
        "\"manager\" \"now-essential\" \"ilm\"",
        "\"manager\" \"requirement-added\" \"collaborating\"",
    ] {
        assert!(roles.contains(expected), "{expected} in {roles:?}");
    }
    for format in ["text", "markdown"] {
        insta::assert_snapshot!(format!("diff-v1-v2.{format}"), lfw(&["diff", "--format", format, V1, V2]).stdout);
    }
}

#[test]
fn diff_of_two_civil_service_frameworks() {
    let run = lfw(&["diff", "--format", "markdown", "scs-core-2005", "cscf-2012"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The bundled crosswalk between them says what replaced what.
    let json = lfw(&["diff", "--format", "json", "scs-core-2005", "cscf-2012"]);
    let d: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let think = d["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .find(|c| c["id"] == "think-strategically")
        .expect("removed");
    assert_eq!(think["change"], "removed");
    assert_eq!(think["successors"][0]["id"], "seeing-the-big-picture");
    assert_eq!(think["successors"][0]["crosswalk"], "scs-core-to-cscf-2012");
    insta::assert_snapshot!("diff-scs-cscf", run.stdout);
}

#[test]
fn compare_through_a_crosswalk_and_by_title() {
    let run = lfw(&["compare", "--format", "json", "lqf", "hlm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let c: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(c["crosswalks"], serde_json::json!(["lqf-to-hlm"]));
    let covered = c["a_in_b"].as_array().expect("a_in_b").len() as f64;
    let total = covered + c["only_in_a"].as_array().expect("only").len() as f64;
    assert_eq!(c["coverage_a_in_b"].as_f64(), Some((1000.0 * covered / total).round() / 10.0));
    insta::assert_snapshot!("compare-lqf-hlm", lfw(&["compare", "lqf", "hlm"]).stdout);
    let three = lfw(&["compare", "lqf", "hlm", "nhs-scotland-ldf"]);
    assert_eq!(three.code, 0, "{}", three.stderr);
    insta::assert_snapshot!("compare-nhs-shared-core", three.stdout);
}

#[test]
fn translate_through_level_correspondences_and_never_guess() {
    let run = lfw(&[
        "translate",
        "--format",
        "json",
        "--from",
        "tests/fixtures/ready/services.lfw",
        "--to",
        "tests/fixtures/compare/other-service.lfw",
        "--crosswalk",
        "tests/fixtures/compare/services-to-other.lfw",
        "tests/fixtures/ready/head-one-gap.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let done: Vec<String> = t["translated"]
        .as_array()
        .expect("translated")
        .iter()
        .map(|x| format!("{} {}", x["to_competency"], x["to_level"]))
        .collect();
    assert_eq!(done, ["\"political-awareness\" \"3\"", "\"risk\" \"3\""]);
    let not: Vec<&str> = t["not_translated"]
        .as_array()
        .expect("not")
        .iter()
        .map(|x| x["competency"].as_str().expect("id"))
        .collect();
    assert_eq!(
        not,
        ["council-wide-finance", "coaching"],
        "a narrower mapping and no mapping are listed, not guessed"
    );
    assert_eq!(t["profile"]["framework"], "other-test");
    insta::assert_json_snapshot!("translate", t);
}

fn bundled() -> Vec<&'static lfw_model::Framework> {
    crate::library::library().frameworks.iter().collect()
}

fn ids(fw: &lfw_model::Framework) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for s in &fw.scales {
        out.insert(("scale".into(), s.id.clone()));
    }
    for d in &fw.domains {
        out.insert(("domain".into(), d.id.clone()));
    }
    for c in &fw.competencies {
        out.insert(("competency".into(), c.id.clone()));
    }
    for c in &fw.credentials {
        out.insert(("credential".into(), c.id.clone()));
    }
    for r in &fw.roles {
        out.insert(("role".into(), r.id.clone()));
    }
    out
}

fn family(element: ElementKind) -> String {
    match element {
        ElementKind::Competency(_) => "competency".into(),
        other => other.keyword().into(),
    }
}

fn mirror(change: RoleChangeKind) -> RoleChangeKind {
    use RoleChangeKind::*;
    match change {
        Raised => Lowered,
        Lowered => Raised,
        ProgressionAdded => ProgressionRemoved,
        ProgressionRemoved => ProgressionAdded,
        RequirementAdded => RequirementRemoved,
        RequirementRemoved => RequirementAdded,
        NowEssential => NowDesirable,
        NowDesirable => NowEssential,
        other => other,
    }
}

/// Laws over every pair of bundled frameworks and the diff fixtures.
#[test]
fn diff_laws() {
    let fixtures: Vec<lfw_model::Compilation> = [V1, V2]
        .iter()
        .map(|p| crate::compile_path(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(p).as_path()))
        .collect();
    let mut all: Vec<&lfw_model::Framework> = bundled();
    all.extend(fixtures.iter().map(|c| &c.frameworks[0]));
    for a in &all {
        assert!(lfw_diff::diff(a, a).is_empty(), "diff({0}, {0}) is empty", a.id);
        for b in &all {
            let d: Diff = lfw_diff::diff(a, b);
            // Added and removed ids are the set differences (a rename counts on both sides).
            let new_side: BTreeSet<(String, String)> = d
                .elements
                .iter()
                .filter(|c| matches!(c.change, ElementChangeKind::Added | ElementChangeKind::Renamed))
                .map(|c| (family(c.element), c.id.clone()))
                .collect();
            let old_side: BTreeSet<(String, String)> = d
                .elements
                .iter()
                .filter(|c| matches!(c.change, ElementChangeKind::Removed | ElementChangeKind::Renamed))
                .map(|c| (family(c.element), c.old_id.clone().unwrap_or_else(|| c.id.clone())))
                .collect();
            assert_eq!(new_side, ids(b).difference(&ids(a)).cloned().collect(), "{} → {}", a.id, b.id);
            assert_eq!(old_side, ids(a).difference(&ids(b)).cloned().collect(), "{} → {}", a.id, b.id);
            // diff(b, a) mirrors diff(a, b). Subjects are named in each
            // diff's new version, so renamed ids differ: compare the kinds
            // of change per role.
            let back = lfw_diff::diff(b, a);
            let tally = |d: &Diff, flip: bool| {
                let mut m: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
                for r in &d.roles {
                    let change = if flip { mirror(r.change) } else { r.change };
                    *m.entry((r.role.clone(), format!("{change:?}"))).or_default() += 1;
                }
                m
            };
            assert_eq!(tally(&d, true), tally(&back, false), "{} ⇄ {}", a.id, b.id);
            let count = |d: &Diff, change: ElementChangeKind| d.elements.iter().filter(|c| c.change == change).count();
            assert_eq!(count(&d, ElementChangeKind::Added), count(&back, ElementChangeKind::Removed));
            assert_eq!(count(&d, ElementChangeKind::Renamed), count(&back, ElementChangeKind::Renamed));
        }
    }
}

#[test]
fn changes_the_diff_once_missed() {
    let base = "framework d \"D\"\nscale s \"S\"\n  levels basic < good < strong\nskill a \"A\"\nskill b \"B\"\nrole r \"R\"\n  requires a at basic\n  desirable a at strong\n";
    let compiled = |text: &str| lfw_model::compile_str("d.lfw", text).frameworks.remove(0);
    let old = compiled(base);
    // Two requirements on one competency: raising the first is seen.
    let raised = compiled(&base.replace("requires a at basic", "requires a at good"));
    let d = lfw_diff::diff(&old, &raised);
    assert_eq!(d.roles.len(), 1, "{:?}", d.roles);
    assert_eq!(d.roles[0].change, RoleChangeKind::Raised);
    // A new prerequisite, and a new evidence policy, are changes too.
    let needs = compiled(&base.replace("skill b \"B\"\n", "skill b \"B\"\n  needs a at good\n"));
    assert!(lfw_diff::diff(&old, &needs)
        .elements
        .iter()
        .any(|c| c.change == ElementChangeKind::Described && c.id == "b"));
    let evidence = compiled(&base.replace("framework d \"D\"\n", "framework d \"D\"\n  evidence highest\n"));
    assert!(lfw_diff::diff(&old, &evidence).metadata.iter().any(|m| m.field == Field::Evidence));
}
