//! CASE both ways (docs/case.md): every bundled framework exports to a
//! package that validates against 1EdTech's CASE 1.1 JSON Schema, the same
//! bytes every time; real packages of other publishers import and compile
//! with every item kept; and export → import → export keeps every element,
//! requirement and association.

use crate::lfw;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case").join(name)
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(fixture("case-v1p1-cfpackage-schema.json")).expect("the schema is checked in");
    let mut schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    // The published `$schema` is `http://json-schema.org/draft/2020-12/schema`,
    // which is not the URI of the 2020-12 meta-schema (that starts
    // `https://`), so a validator would try to fetch it. The draft is named
    // here instead.
    schema.as_object_mut().expect("an object").remove("$schema");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn library() -> &'static lfw_model::Compilation {
    static LIBRARY: std::sync::OnceLock<lfw_model::Compilation> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(lfw_library::compile)
}

fn package(fw: &lfw_model::Framework) -> Value {
    let c = library();
    lfw_case::package(fw, &c.crosswalks, &c.frameworks)
}

/// Checks the schema cannot say: identifiers unique, and every
/// association's ends are in the package or (for crosswalks) named in
/// another framework.
fn structure(p: &Value) {
    let mut ids = BTreeSet::new();
    let doc = p["CFDocument"]["identifier"].as_str().expect("a document identifier");
    ids.insert(doc.to_string());
    for item in p["CFItems"].as_array().expect("items") {
        assert!(
            ids.insert(item["identifier"].as_str().expect("an identifier").to_string()),
            "unique: {item}"
        );
    }
    for r in p["CFRubrics"].as_array().expect("rubrics") {
        assert!(ids.insert(r["identifier"].as_str().expect("an identifier").to_string()));
        for c in r["CFRubricCriteria"].as_array().expect("criteria") {
            assert!(ids.insert(c["identifier"].as_str().expect("an identifier").to_string()));
            let positions: Vec<u64> = c["CFRubricCriterionLevels"]
                .as_array()
                .expect("levels")
                .iter()
                .map(|l| l["position"].as_u64().expect("a position"))
                .collect();
            assert_eq!(positions, (1..=positions.len() as u64).collect::<Vec<_>>(), "levels in scale order");
        }
    }
    let mut assoc = BTreeSet::new();
    for a in p["CFAssociations"].as_array().expect("associations") {
        assert!(assoc.insert(a["identifier"].as_str().expect("an identifier").to_string()));
        let origin = a["originNodeURI"]["identifier"].as_str().expect("an origin");
        let destination = a["destinationNodeURI"]["identifier"].as_str().expect("a destination");
        assert!(ids.contains(origin), "origin in the package: {a}");
        let crosswalk = a["extensions"]["lfw"]["crosswalk"].is_string();
        assert!(ids.contains(destination) || crosswalk, "destination in the package: {a}");
    }
}

#[test]
fn every_bundled_framework_exports_to_valid_case() {
    let validator = schema();
    let c = library();
    assert!(!c.has_errors());
    for fw in &c.frameworks {
        let p = package(fw);
        let errors: Vec<String> = validator
            .iter_errors(&p)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", fw.id);
        structure(&p);
        let items = p["CFItems"].as_array().map_or(0, Vec::len);
        assert_eq!(
            items,
            fw.domains.len() + fw.competencies.len() + fw.credentials.len() + fw.roles.len(),
            "{}: an item per element",
            fw.id
        );
        assert_eq!(p["CFRubrics"].as_array().map_or(0, Vec::len), fw.scales.len());
    }
}

/// The schema is the real thing: it refuses what CASE 1.1 refuses.
#[test]
fn the_schema_refuses_broken_packages() {
    let validator = schema();
    let fw = library().framework("childrens-services").expect("bundled");
    let good = package(fw);
    assert!(validator.is_valid(&good));
    let mut bad = good.clone();
    bad["CFItems"][0]["identifier"] = Value::from("not-a-uuid");
    assert!(!validator.is_valid(&bad));
    let mut bad = good.clone();
    bad["CFAssociations"][0]["associationType"] = Value::from("likes");
    assert!(!validator.is_valid(&bad));
    let mut bad = good;
    bad["CFDocument"].as_object_mut().expect("an object").remove("creator");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn the_export_is_the_same_bytes_every_time() {
    let first = lfw(&["export", "--to", "case", "police-ew"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = lfw(&["export", "--to", "case", "police-ew"]);
    assert_eq!(first.stdout, second.stdout);
    let p: Value = serde_json::from_str(&first.stdout).expect("JSON");
    assert!(schema().is_valid(&p));
    // Identifiers are UUID v5 of the framework and element ids.
    let item = &p["CFItems"][0];
    let code = item["humanCodingScheme"].as_str().expect("a code");
    assert_eq!(item["identifier"], Value::from(lfw_case::identifier("police-ew", code).to_string()));
}

#[test]
fn a_small_framework_as_case() {
    let run = lfw(&["export", "--to", "case", "tests/fixtures/compare/v1.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

/// The model's JSON export, with what an import adds or cannot keep as it
/// was normalised away: notes (which gain the associations kept as notes),
/// `extends` (the imported file stands alone), and the order of
/// descriptors (written in scale order).
fn comparable(fw: &lfw_model::Framework) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(o) => {
                o.remove("notes");
                if let Some(Value::Array(d)) = o.get_mut("descriptors") {
                    d.sort_by_key(|x| x.to_string());
                }
                for x in o.values_mut() {
                    strip(x);
                }
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = lfw_model::export::framework(fw);
    v["extends"] = Value::Null;
    strip(&mut v);
    v
}

fn notes_of(fw: &lfw_model::Framework) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let text = |n: &[lfw_model::Note]| n.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
    out.insert(String::new(), text(&fw.notes));
    for s in &fw.scales {
        out.insert(s.id.clone(), text(&s.notes));
    }
    for d in &fw.domains {
        out.insert(d.id.clone(), text(&d.notes));
    }
    for c in &fw.competencies {
        out.insert(c.id.clone(), text(&c.notes));
    }
    for c in &fw.credentials {
        out.insert(c.id.clone(), text(&c.notes));
    }
    for r in &fw.roles {
        out.insert(r.id.clone(), text(&r.notes));
    }
    out
}

/// The items of a package by identifier (type, statement, code), and its
/// associations within the package as (type, origin, destination).
type Items = BTreeMap<String, (Value, Value, Value)>;
type Associations = BTreeSet<(String, String, String)>;

fn sets(p: &Value) -> (Items, Associations, usize) {
    let items = p["CFItems"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["identifier"].as_str().unwrap_or("").to_string(),
                (i["CFItemType"].clone(), i["fullStatement"].clone(), i["humanCodingScheme"].clone()),
            )
        })
        .collect();
    let mut crosswalk = 0;
    let mut assoc = BTreeSet::new();
    for a in p["CFAssociations"].as_array().expect("associations") {
        if a["extensions"]["lfw"]["crosswalk"].is_string() {
            crosswalk += 1;
            continue;
        }
        assoc.insert((
            a["associationType"].as_str().unwrap_or("").to_string(),
            a["originNodeURI"]["identifier"].as_str().unwrap_or("").to_string(),
            a["destinationNodeURI"]["identifier"].as_str().unwrap_or("").to_string(),
        ));
    }
    (items, assoc, crosswalk)
}

/// Export → import → export, for every bundled framework: the same
/// elements, requirements, prerequisites, scales and levels (the model's
/// JSON export, notes aside), the same CASE items and associations by
/// identifier, every note kept, and each crosswalk mapping kept as a note.
#[test]
fn every_bundled_framework_round_trips() {
    let c = library();
    for fw in &c.frameworks {
        let first = package(fw);
        let bytes = serde_json::to_vec(&first).expect("JSON");
        let imported = lfw_case::lfw_source(&bytes).unwrap_or_else(|e| panic!("{}: {e}", fw.id));
        let back = lfw_model::compile_str("imported.lfw", &imported.text);
        assert!(!back.has_errors(), "{}: {:#?}\n{}", fw.id, back.diagnostics, imported.text);
        let again = back
            .framework(&fw.id)
            .unwrap_or_else(|| panic!("{}: the framework keeps its id", fw.id));
        assert_eq!(comparable(fw), comparable(again), "{}", fw.id);

        let second = lfw_case::package(again, &[], &[]);
        let (items1, assoc1, crosswalk1) = sets(&first);
        let (items2, assoc2, _) = sets(&second);
        assert_eq!(items1, items2, "{}: the same items", fw.id);
        assert_eq!(assoc1, assoc2, "{}: the same associations", fw.id);

        let before = notes_of(fw);
        let after = notes_of(again);
        for (id, notes) in &before {
            for n in notes {
                assert!(after[id].contains(n), "{}: the note {n:?} of {id:?} is kept", fw.id);
            }
        }
        let crosswalk_notes = after
            .values()
            .flatten()
            .filter(|n| n.starts_with("CASE ") && n.contains("Match") || n.starts_with("CASE isRelatedTo"))
            .count();
        assert_eq!(crosswalk_notes, crosswalk1, "{}: each crosswalk mapping is a note", fw.id);
        // Nothing of our own packages is "unknown".
        assert!(imported.kept_as_notes.item_types.is_empty(), "{}", fw.id);
        let text = lfw_syntax::parse(&imported.text);
        assert_eq!(lfw_syntax::format::format(&text.tree), imported.text, "{}: formatted", fw.id);
    }
}

/// Real packages of other publishers (tests/fixtures/case/README.md):
/// each imports, compiles, and keeps every item as an element with its
/// full statement as its title.
#[test]
fn real_packages_import_with_every_item_kept() {
    for name in [
        "opensalt-what-standards-could-be.json",
        "opensalt-utf8-test.json",
        "smarter-balanced-item-types.json",
    ] {
        let bytes = std::fs::read(fixture(name)).expect("the fixture");
        let imported = lfw_case::lfw_source(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let c = lfw_model::compile_str("imported.lfw", &imported.text);
        assert!(!c.has_errors(), "{name}: {:#?}\n{}", c.diagnostics, imported.text);
        let fw = &c.frameworks[0];
        let package: Value = serde_json::from_slice(&bytes).expect("JSON");
        let items = package["CFItems"].as_array().expect("items");
        assert_eq!(imported.items, items.len());
        let titles: BTreeSet<&str> = fw
            .domains
            .iter()
            .map(|d| d.title.as_str())
            .chain(fw.competencies.iter().map(|c| c.title.as_str()))
            .chain(fw.credentials.iter().map(|c| c.title.as_str()))
            .chain(fw.roles.iter().map(|r| r.title.as_str()))
            .collect();
        assert_eq!(
            fw.domains.len() + fw.competencies.len() + fw.credentials.len() + fw.roles.len(),
            items.len(),
            "{name}: an element per item"
        );
        for item in items {
            let statement = item["fullStatement"].as_str().expect("a statement");
            assert!(titles.contains(statement), "{name}: {statement:?} is a title");
        }
        let text = lfw_syntax::parse(&imported.text);
        assert_eq!(lfw_syntax::format::format(&text.tree), imported.text, "{name}: formatted");
    }
}

#[test]
fn non_latin_text_is_kept_and_ids_are_ascii() {
    let bytes = std::fs::read(fixture("opensalt-utf8-test.json")).expect("the fixture");
    let imported = lfw_case::lfw_source(&bytes).expect("imports");
    assert!(imported.text.contains("\"UTF8 𝑑 Test\""), "{}", imported.text);
    assert!(imported.text.contains("competency item-d-1 \"Item 𝑑 1\""), "{}", imported.text);
    insta::assert_snapshot!(imported.text);
}

#[test]
fn a_real_package_as_lfw() {
    let run = lfw(&[
        "import",
        "--from",
        "case",
        "tests/fixtures/case/opensalt-what-standards-could-be.json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Its exemplar and crosswalk associations are kept as notes, listed in one warning.
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
    insta::assert_snapshot!(run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn import_writes_the_output_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out.lfw");
    let run = lfw(&[
        "import",
        "--from",
        "case",
        "tests/fixtures/case/smarter-balanced-item-types.json",
        "-o",
        out.to_str().expect("UTF-8"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let text = std::fs::read_to_string(&out).expect("written");
    let check = lfw(&["check", out.to_str().expect("UTF-8")]);
    assert_eq!(check.code, 0, "{}\n{text}", check.stderr);
    let fmt = lfw(&["fmt", "--check", out.to_str().expect("UTF-8")]);
    assert_eq!(fmt.code, 0, "{}", fmt.stderr);
}

#[test]
fn hostile_packages_are_refused_clearly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "deep.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            "not JSON",
        ),
        ("array.json", b"[1, 2]".to_vec(), "no `CFDocument`"),
        ("text.json", b"\"CFDocument\"".to_vec(), "no `CFDocument`"),
        (
            "items.json",
            br#"{"CFDocument": {}, "CFItems": "many"}"#.to_vec(),
            "`CFItems` should be a list",
        ),
        (
            "item.json",
            br#"{"CFDocument": {}, "CFItems": [{"identifier": "x", "fullStatement": {"a": 1}}]}"#.to_vec(),
            "`CFItems[0].fullStatement` should be text",
        ),
        (
            "noid.json",
            br#"{"CFDocument": {}, "CFItems": [{"fullStatement": "x"}]}"#.to_vec(),
            "`CFItems[0].identifier` is missing",
        ),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x1b], "not JSON"),
        (
            "assoc.json",
            br#"{"CFDocument": {}, "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": 5}]}"#.to_vec(),
            "`CFAssociations[0].originNodeURI` should be an object",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        let run = lfw(&["import", "--from", "case", path.to_str().expect("UTF-8")]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // Too large: refused without reading it all.
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).expect("created");
    f.set_len(lfw_case::MAX_CASE_BYTES as u64 + 10).expect("sized");
    let run = lfw(&["import", "--from", "case", big.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 64 MiB"), "{}", run.stderr);
    // A file that is not there, a folder, and an output that cannot be written: usage errors.
    let run = lfw(&["import", "--from", "case", "tests/fixtures/case/missing.json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = lfw(&["import", "--from", "case", "tests/fixtures/case"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = lfw(&[
        "import",
        "--from",
        "case",
        "tests/fixtures/case/opensalt-utf8-test.json",
        "-o",
        "/nonexistent-folder/out.lfw",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// A package with a hostile title: escaped in the source, and shown
/// escaped on a terminal's behalf in messages.
#[test]
fn hostile_text_stays_text() {
    let package = serde_json::json!({
        "CFDocument": {"identifier": "x", "title": "Evil \" framework\nnext \u{1b}[31m", "creator": "c"},
        "CFItems": [
            {"identifier": "a", "fullStatement": "say \"hi\" \\ // not a comment\r\nrole x \"y\""},
            {"identifier": "b", "fullStatement": "", "CFItemType": "Ünknown type"},
        ],
        "CFAssociations": [
            {"identifier": "z", "associationType": "ext:likes", "originNodeURI": {"identifier": "a", "title": "t", "uri": "u"},
             "destinationNodeURI": {"identifier": "elsewhere", "title": "t\u{202e}", "uri": "u"}},
        ],
    });
    let imported = lfw_case::lfw_source(package.to_string().as_bytes()).expect("imports");
    let c = lfw_model::compile_str("x.lfw", &imported.text);
    assert!(!c.has_errors(), "{:#?}\n{}", c.diagnostics, imported.text);
    let fw = &c.frameworks[0];
    assert_eq!(fw.title, "Evil \" framework\nnext  [31m");
    assert_eq!(fw.competencies[0].title, "say \"hi\" \\ // not a comment\nrole x \"y\"");
    assert_eq!(fw.competencies.len(), 2);
    assert!(fw.roles.is_empty());
    assert_eq!(imported.kept_as_notes.association_types, [("ext:likes".to_string(), 1)]);
    assert_eq!(imported.kept_as_notes.item_types, [("Ünknown type".to_string(), 1)]);
}

/// Inputs that would take quadratic time if the import were careless: a
/// chain of parents as deep as there are items (closed in a loop), every
/// item with the same code, one rubric with many levels. Each finishes in
/// well under the time a quadratic walk would take, and compiles.
#[test]
fn large_hostile_packages_import_in_linear_time() {
    let n = 20_000;
    let items: Vec<Value> = (0..n)
        .map(|i| serde_json::json!({"identifier": format!("i{i}"), "fullStatement": format!("Item {i}"), "humanCodingScheme": "same"}))
        .collect();
    let associations: Vec<Value> = (0..n)
        .map(|i| {
            serde_json::json!({"identifier": format!("a{i}"), "associationType": "isChildOf",
                "originNodeURI": {"identifier": format!("i{i}"), "title": "t", "uri": "u"},
                "destinationNodeURI": {"identifier": format!("i{}", (i + 1) % n), "title": "t", "uri": "u"}})
        })
        .collect();
    let level = |i: usize| serde_json::json!({"identifier": format!("l{i}"), "quality": "level", "position": i});
    let levels: Vec<Value> = (0..10).map(level).collect();
    let package = serde_json::json!({
        "CFDocument": {"identifier": "d", "title": "Big", "creator": "c"},
        "CFItems": items,
        "CFAssociations": associations,
        "CFRubrics": [{"identifier": "r", "title": "Scale", "CFRubricCriteria": [
            {"identifier": "c", "CFItemURI": {"identifier": "i0", "title": "t", "uri": "u"},
             "CFRubricCriterionLevels": levels}]}],
    });
    let start = std::time::Instant::now();
    let imported = lfw_case::lfw_source(package.to_string().as_bytes()).expect("imports");
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    assert_eq!(imported.items, n);
    assert!(imported.text.contains("competency same-20000 "), "ids made unique");
    assert!(
        imported.text.contains("levels level < level-2 < level-3"),
        "level names made unique"
    );
    let c = lfw_model::compile_str("big.lfw", &imported.text);
    assert!(!c.has_errors(), "{:#?}", &c.diagnostics[..c.diagnostics.len().min(3)]);
    let fw = &c.frameworks[0];
    assert_eq!(fw.domains.len() + fw.competencies.len(), n, "every item an element");
    assert_eq!(c.frameworks[0].scales[0].levels.len(), 10);

    // As many levels as a line can hold compile; more are refused.
    let mut long = package.clone();
    long["CFItems"] = serde_json::json!([{"identifier": "i0", "fullStatement": "Item"}]);
    long["CFAssociations"] = serde_json::json!([]);
    long["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"] = (0..1000).map(level).collect();
    let imported = lfw_case::lfw_source(long.to_string().as_bytes()).expect("imports");
    let c = lfw_model::compile_str("long.lfw", &imported.text);
    assert!(!c.has_errors(), "{:#?}", &c.diagnostics[..c.diagnostics.len().min(3)]);
    assert_eq!(c.frameworks[0].scales[0].levels.len(), 1000);
    let mut rated = long.clone();
    rated["CFItems"] = (0..1001)
        .map(|i| serde_json::json!({"identifier": format!("i{i}"), "fullStatement": "x"}))
        .collect();
    let e = lfw_case::lfw_source(rated.to_string().as_bytes()).expect_err("refused");
    assert!(e.to_string().contains("more than 1000000 levels in all"), "{e}");
    let mut too_many = package;
    too_many["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"] = (0..1001).map(level).collect();
    let e = lfw_case::lfw_source(too_many.to_string().as_bytes()).expect_err("refused");
    assert_eq!(
        e.to_string(),
        "the CASE package has more than 1000 entries in `CFRubricCriterionLevels`"
    );
}

mod properties {
    use super::comparable;
    use proptest::prelude::*;

    /// `s` as quoted `.lfw` text.
    fn quoted(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// Texts with what makes quoting hard: quotes, backslashes, line
    /// breaks, tabs, `//`, and letters of other scripts.
    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 \"\\\\/é数𝑑\n\t<>|#]{1,12}"
    }

    prop_compose! {
        /// A framework with every construct the round trip must keep,
        /// drawn at random: two scales (one with level titles), domains and
        /// competencies of every kind with descriptors, indicators and
        /// prerequisites on earlier competencies, credentials with entry
        /// conditions, roles in a progression with requirements of every
        /// kind, and notes and interpretations.
        fn framework()(
            titles in proptest::collection::vec(text(), 24),
            kinds in proptest::collection::vec(0u8..5, 6),
            scales in proptest::collection::vec(0u8..2, 6),
            domains in proptest::collection::vec(0u8..3, 6),
            bits in proptest::collection::vec(any::<u8>(), 32),
        ) -> String {
            let mut s = format!("framework f {}\n", quoted(&titles[0]));
            if bits[0] % 2 == 0 {
                s.push_str("  default scale four\n");
            }
            s.push_str(&format!("  evidence valid for {} months\n", 1 + bits[1] % 40));
            s.push_str(&format!("  note {}\n", quoted(&titles[1])));
            s.push_str(&format!("scale four {}\n  levels a < b < c < d\n  level b {}\n", quoted(&titles[2]), quoted(&titles[3])));
            s.push_str("scale three \"Three\"\n  levels 1 < 2 < 3\n");
            let keywords = ["competency", "behaviour", "quality", "value", "skill"];
            let levels = |c: usize| if scales[c] == 0 { ["a", "b", "c", "d"].as_slice() } else { ["1", "2", "3"].as_slice() };
            // Competencies of no domain first, then two domains.
            for d in 0..3u8 {
                if d > 0 {
                    s.push_str(&format!("domain d{d} {}\n", quoted(&titles[3 + d as usize])));
                    if bits[2 + d as usize] % 2 == 0 {
                        s.push_str(&format!("  interpretation {}\n", quoted(&titles[6])));
                    }
                }
                for c in (0..6).filter(|&c| domains[c] == d) {
                    s.push_str(&format!("{} c{c} {}\n", keywords[kinds[c] as usize], quoted(&titles[7 + c])));
                    s.push_str(&format!("  rated on {}\n", if scales[c] == 0 { "four" } else { "three" }));
                    let l = levels(c);
                    let b = bits[5 + c] as usize;
                    s.push_str(&format!("  at {} {}\n", l[b % l.len()], quoted(&titles[13 + c % 4])));
                    if b % 3 == 0 {
                        s.push_str(&format!("  negative indicator {}\n", quoted(&titles[17])));
                    }
                    if c > 0 && b % 2 == 0 {
                        let n = b % c;
                        let m = levels(n);
                        if b % 4 == 0 {
                            s.push_str(&format!("  needs c{n} at {}\n", m[b % m.len()]));
                        } else {
                            s.push_str(&format!("  at {} needs c{n} at {}\n", l[(b / 2) % l.len()], m[(b / 3) % m.len()]));
                        }
                    }
                }
            }
            s.push_str(&format!("credential x {}\n  kind exam\n  requires c0 at {}\n", quoted(&titles[18]), levels(0)[0]));
            for r in 0..4usize {
                s.push_str(&format!("role r{r} {}\n", quoted(&titles[19 + r])));
                if r == 0 {
                    s.push_str("  entry\n");
                } else if bits[11 + r] % 2 == 0 {
                    s.push_str(&format!("  after r{} for {} months\n", r - 1, 1 + bits[15 + r] % 30));
                } else {
                    s.push_str(&format!("  after r{}\n", r - 1));
                }
                let b = bits[20 + r] as usize;
                let necessity = if b % 2 == 0 { "requires" } else { "desirable" };
                let c = b % 6;
                let l = levels(c);
                let condition = match (b / 2) % 6 {
                    0 => format!("c{c} at {}", l[b % l.len()]),
                    1 => "x".to_string(),
                    2 if r > 0 => format!("r{}", r - 1),
                    3 if r > 0 => format!("{} months as r{}", 1 + b % 20, r - 1),
                    4 if (0..6).any(|k| domains[k] == 1) => {
                        // Every member of d1 must have the level.
                        let members: Vec<usize> = (0..6).filter(|&k| domains[k] == 1).collect();
                        let same = members.iter().all(|&k| scales[k] == scales[members[0]]);
                        if same { format!("all in d1 at {}", levels(members[0])[0]) } else { "x".to_string() }
                    }
                    _ => {
                        let same: Vec<usize> = (0..6).filter(|&k| scales[k] == scales[c]).collect();
                        let names: Vec<String> = same.iter().map(|k| format!("c{k}")).collect();
                        format!("{} of ({}) at {}", 1 + b % same.len(), names.join(", "), l[0])
                    }
                };
                s.push_str(&format!("  {necessity} {condition}\n"));
                if b % 5 == 0 {
                    s.push_str(&format!("  note {}\n", quoted(&titles[23])));
                }
            }
            s
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Export → import → export on random frameworks keeps what the
        /// bundled round trip keeps.
        #[test]
        fn random_frameworks_round_trip(source in framework()) {
            let c = lfw_model::compile_str("f.lfw", &source);
            prop_assert!(!c.has_errors(), "{:#?}\n{}", c.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>(), source);
            let fw = &c.frameworks[0];
            let package = lfw_case::package(fw, &[], &[]);
            let imported = lfw_case::lfw_source(package.to_string().as_bytes()).expect("imports");
            let back = lfw_model::compile_str("back.lfw", &imported.text);
            prop_assert!(!back.has_errors(), "{:#?}\n{}", back.diagnostics, imported.text);
            let again = &back.frameworks[0];
            prop_assert_eq!(comparable(fw), comparable(again));
            prop_assert_eq!(&fw.title, &again.title);
            let second = lfw_case::package(again, &[], &[]);
            prop_assert_eq!(&package["CFItems"].as_array().map(Vec::len), &second["CFItems"].as_array().map(Vec::len));
            prop_assert_eq!(super::sets(&package).1, super::sets(&second).1);
        }
    }
}

/// A package whose `extensions.lfw` were edited into nonsense (an `after`
/// loop, a count larger than its list) is imported as a plain CASE package,
/// which compiles, and the warning says so; a plain package's `precedes`
/// loop between roles keeps the forward edge and notes the other.
#[test]
fn broken_extensions_and_loops_still_give_source_that_compiles() {
    let fw = library().framework("police-ew").expect("bundled");
    let mut p = package(fw);
    let items = p["CFItems"].as_array_mut().expect("items");
    let roles: Vec<usize> = (0..items.len()).filter(|&i| items[i]["CFItemType"] == "Role").collect();
    let (first, last) = (roles[0], roles[roles.len() - 1]);
    let last_id = items[last]["humanCodingScheme"].clone();
    items[first]["extensions"]["lfw"]["after"] = serde_json::json!([{"role": last_id, "min_months": 12}]);
    items[first]["extensions"]["lfw"]["entry"] = Value::Bool(false);
    items[last]["extensions"]["lfw"]["requirements"] = serde_json::json!([
        {"kind": "count-of", "necessity": "essential", "count": 9, "level": "1", "competencies": []}
    ]);
    let imported = lfw_case::lfw_source(p.to_string().as_bytes()).expect("imports");
    assert!(imported.kept_as_notes.extensions_ignored);
    assert!(imported
        .kept_as_notes
        .to_string()
        .starts_with("the package's `extensions.lfw` objects do not make"));
    let c = lfw_model::compile_str("x.lfw", &imported.text);
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    let back = &c.frameworks[0];
    assert_eq!(back.roles.len(), fw.roles.len());
    assert_eq!(
        back.domains.len() + back.competencies.len() + back.credentials.len() + back.roles.len(),
        roles.len() + fw.domains.len() + fw.competencies.len() + fw.credentials.len()
    );

    let link = |id: &str| serde_json::json!({"identifier": id, "title": id, "uri": format!("urn:x:{id}")});
    let plain = serde_json::json!({
        "CFDocument": {"identifier": "d", "title": "Loop", "creator": "c"},
        "CFItems": [
            {"identifier": "a", "fullStatement": "Officer", "CFItemType": "Role", "humanCodingScheme": "A"},
            {"identifier": "b", "fullStatement": "Senior officer", "CFItemType": "Role", "humanCodingScheme": "B"},
        ],
        "CFAssociations": [
            {"identifier": "1", "associationType": "precedes", "originNodeURI": link("a"), "destinationNodeURI": link("b")},
            {"identifier": "2", "associationType": "precedes", "originNodeURI": link("b"), "destinationNodeURI": link("a")},
        ],
    });
    let imported = lfw_case::lfw_source(plain.to_string().as_bytes()).expect("imports");
    let c = lfw_model::compile_str("loop.lfw", &imported.text);
    assert!(!c.has_errors(), "{:#?}\n{}", c.diagnostics, imported.text);
    assert!(
        imported.text.contains("role B \"Senior officer\"\n  after A\n"),
        "{}",
        imported.text
    );
    assert!(imported.text.contains("note \"CASE precedes: A (Officer)\""), "{}", imported.text);
}

mod any_input {
    use proptest::prelude::*;
    use serde_json::{json, Value};

    /// Leaves that mean something to the import: ids that items and
    /// associations share, association and item types, numbers, texts.
    fn leaf() -> impl Strategy<Value = Value> {
        prop_oneof![
            prop::sample::select(vec![
                "a",
                "b",
                "c",
                "isChildOf",
                "precedes",
                "Role",
                "Domain",
                "scale",
                "exactMatchOf",
                ""
            ])
            .prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<bool>().prop_map(Value::from),
            Just(Value::Null),
            "\\PC{0,8}".prop_map(Value::from),
        ]
    }

    fn node() -> impl Strategy<Value = Value> {
        let keys = prop::sample::select(vec![
            "identifier",
            "fullStatement",
            "humanCodingScheme",
            "CFItemType",
            "associationType",
            "originNodeURI",
            "destinationNodeURI",
            "sequenceNumber",
            "listEnumeration",
            "CFItemURI",
            "CFRubricCriterionLevels",
            "quality",
            "position",
            "category",
            "extensions",
            "lfw",
            "element",
            "after",
            "requirements",
            "role",
            "kind",
        ]);
        leaf().prop_recursive(4, 64, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                prop::collection::vec((keys.clone(), inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
            ]
        })
    }

    fn id() -> impl Strategy<Value = Value> {
        prop::sample::select(vec!["a", "b", "c", "d"]).prop_map(Value::from)
    }

    /// An object with some fields right and the rest anything.
    fn object(fixed: Vec<(&'static str, BoxedStrategy<Value>)>) -> impl Strategy<Value = Value> {
        (fixed, node(), any::<u8>()).prop_map(|(fixed, extra, mask)| {
            let mut o = match extra {
                Value::Object(o) => o,
                _ => serde_json::Map::new(),
            };
            for (i, (k, v)) in fixed.into_iter().enumerate() {
                if mask & (1 << (i % 8)) != 0 || i == 0 {
                    o.insert(k.to_string(), v);
                }
            }
            Value::Object(o)
        })
    }

    fn link() -> BoxedStrategy<Value> {
        prop_oneof![
            object(vec![
                ("identifier", id().boxed()),
                ("title", leaf().boxed()),
                ("uri", leaf().boxed())
            ])
            .boxed(),
            id().boxed(),
        ]
        .boxed()
    }

    fn item() -> impl Strategy<Value = Value> {
        let lfw = object(vec![
            (
                "element",
                prop::sample::select(vec!["role", "competency", "domain", "credential"])
                    .prop_map(Value::from)
                    .boxed(),
            ),
            (
                "after",
                prop::collection::vec(object(vec![("role", id().boxed()), ("min_months", leaf().boxed())]), 0..3)
                    .prop_map(Value::from)
                    .boxed(),
            ),
            ("requirements", prop::collection::vec(node(), 0..3).prop_map(Value::from).boxed()),
            ("scale", leaf().boxed()),
        ]);
        object(vec![
            ("identifier", id().boxed()),
            ("fullStatement", leaf().boxed()),
            ("humanCodingScheme", prop_oneof![id(), leaf()].boxed()),
            ("CFItemType", leaf().boxed()),
            ("extensions", lfw.prop_map(|l| json!({"lfw": l})).boxed()),
        ])
    }

    fn association() -> impl Strategy<Value = Value> {
        object(vec![
            (
                "associationType",
                prop::sample::select(vec!["isChildOf", "precedes", "exactMatchOf", "ext:x"])
                    .prop_map(Value::from)
                    .boxed(),
            ),
            ("originNodeURI", link()),
            ("destinationNodeURI", link()),
            ("sequenceNumber", leaf().boxed()),
        ])
    }

    fn rubric() -> impl Strategy<Value = Value> {
        let level = object(vec![
            ("quality", leaf().boxed()),
            ("position", leaf().boxed()),
            ("description", leaf().boxed()),
        ]);
        let criterion = object(vec![
            (
                "CFRubricCriterionLevels",
                prop::collection::vec(level, 0..4).prop_map(Value::from).boxed(),
            ),
            ("CFItemURI", link()),
            ("category", leaf().boxed()),
        ]);
        object(vec![
            (
                "CFRubricCriteria",
                prop::collection::vec(criterion, 0..3).prop_map(Value::from).boxed(),
            ),
            ("title", leaf().boxed()),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any package of that vocabulary is refused with an error or
        /// gives source that compiles; nothing panics.
        #[test]
        fn any_package_imports_or_is_refused(
            document in object(vec![("title", leaf().boxed())]),
            items in prop::collection::vec(item(), 0..6),
            associations in prop::collection::vec(association(), 0..8),
            rubrics in prop::collection::vec(rubric(), 0..3),
        ) {
            let package = json!({
                "CFDocument": document,
                "CFItems": items,
                "CFAssociations": associations,
                "CFRubrics": rubrics,
            });
            if let Ok(imported) = lfw_case::lfw_source(package.to_string().as_bytes()) {
                let c = lfw_model::compile_str("any.lfw", &imported.text);
                prop_assert!(!c.has_errors(), "{:#?}\n{}\n{}", c.diagnostics, imported.text, package);
            }
        }

        /// The same packages with well-formed items, to reach the writer often.
        #[test]
        fn well_formed_items_always_import(
            items in prop::collection::vec((id(), "\\PC{1,8}", prop::sample::select(vec!["Role", "Domain", "Skill", "Cluster", ""])), 0..8),
            links in prop::collection::vec((id(), id(), prop::sample::select(vec!["isChildOf", "precedes", "isRelatedTo"])), 0..10),
        ) {
            let items: Vec<Value> = items.iter().map(|(i, s, t)| json!({"identifier": i, "fullStatement": s, "CFItemType": t})).collect();
            let associations: Vec<Value> = links.iter().map(|(o, d, t)| json!({
                "associationType": t, "originNodeURI": {"identifier": o, "title": "", "uri": ""},
                "destinationNodeURI": {"identifier": d, "title": "", "uri": ""}})).collect();
            let package = json!({"CFDocument": {"title": "T"}, "CFItems": items, "CFAssociations": associations});
            let imported = lfw_case::lfw_source(package.to_string().as_bytes()).expect("imports");
            prop_assert_eq!(imported.items, items.len());
            let c = lfw_model::compile_str("any.lfw", &imported.text);
            prop_assert!(!c.has_errors(), "{:#?}\n{}\n{}", c.diagnostics, imported.text, package);
            let fw = &c.frameworks[0];
            prop_assert_eq!(fw.domains.len() + fw.competencies.len() + fw.credentials.len() + fw.roles.len(), items.len());
        }
    }
}

/// `--successor`: each element a crosswalk says is replaced in the next
/// version gets a `replacedBy` association to its successor, by the
/// identifier the successor's own export gives it.
#[test]
fn successors_become_replaced_by() {
    let run = lfw(&["export", "--to", "case", "scs-core-2005", "--successor", "cscf-2012"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let p: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert!(schema().is_valid(&p));
    structure(&p);
    let replaced: Vec<&Value> = p["CFAssociations"]
        .as_array()
        .expect("associations")
        .iter()
        .filter(|a| a["associationType"] == "replacedBy")
        .collect();
    let c = library();
    let (old, new) = (
        c.framework("scs-core-2005").expect("bundled"),
        c.framework("cscf-2012").expect("bundled"),
    );
    let crosswalks: Vec<&lfw_model::Crosswalk> = c.crosswalks.iter().filter(|x| x.joins(&old.id, &new.id)).collect();
    let successors: usize = lfw_diff::diff_through(old, new, &crosswalks)
        .elements
        .iter()
        .map(|e| e.successors.len())
        .sum();
    assert!(successors > 0);
    assert_eq!(replaced.len(), successors);
    let next: BTreeSet<String> = package(new)["CFItems"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["identifier"].as_str().unwrap_or("").to_string())
        .collect();
    for a in replaced {
        assert!(
            next.contains(a["destinationNodeURI"]["identifier"].as_str().expect("an identifier")),
            "{a}"
        );
    }
    // Without it, none; an unknown successor is a usage error.
    assert!(!lfw(&["export", "--to", "case", "scs-core-2005"]).stdout.contains("replacedBy"));
    assert_eq!(lfw(&["export", "--to", "case", "scs-core-2005", "--successor", "nope"]).code, 2);
    assert_eq!(lfw(&["export", "--to", "dot", "--successor", "cscf-2012", "scs-core-2005"]).code, 2);
}
