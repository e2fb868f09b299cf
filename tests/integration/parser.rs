//! The parser over every construct: what was written comes back as typed
//! nodes with spans that point at the words.

use lfw_syntax::ast::*;
use lfw_syntax::parse;

fn items(text: &str) -> Vec<Item> {
    let parsed = parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    parsed.file.items
}

fn at(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

#[test]
fn framework_header() {
    let text = r#"framework lqf "NHS Leadership Qualities Framework" // a comment
  version "2002"
  owner "NHS Leadership Centre"
  sector "health"
  source "Seed 001, section 6.2"
  source "A second source"
  default scale four
  description "Three domains" "of five qualities."
  interpretation "The encoder's reading."
"#;
    let [Item::Framework(h)] = &items(text)[..] else {
        panic!("one framework")
    };
    assert_eq!(h.id.name, "lqf");
    assert_eq!(at(text, h.id.span), "lqf");
    assert_eq!(h.title.value, "NHS Leadership Qualities Framework");
    assert_eq!(h.version.as_ref().map(|t| t.value.as_str()), Some("2002"));
    assert_eq!(h.owner.as_ref().map(|t| t.value.as_str()), Some("NHS Leadership Centre"));
    assert_eq!(h.sector.as_ref().map(|t| t.value.as_str()), Some("health"));
    assert_eq!(h.sources.len(), 2);
    assert_eq!(h.default_scale.as_ref().map(|i| i.name.as_str()), Some("four"));
    assert_eq!(
        h.description.as_ref().map(|t| t.value.as_str()),
        Some("Three domains of five qualities.")
    );
    assert_eq!(
        h.notes,
        vec![Note {
            kind: NoteKind::Interpretation,
            text: h.notes[0].text.clone()
        }]
    );
    assert_eq!(at(text, h.span).lines().last(), Some("  interpretation \"The encoder's reading.\""));
}

#[test]
fn import_extends_and_scale() {
    let text = "framework local \"Local\"\n  extends national\nimport \"../shared/scales.lfw\"\nscale four \"Four point\"\n  levels essential < proficient < strong < exemplary\n  note \"From the model\"\n";
    let got = items(text);
    let Item::Framework(h) = &got[0] else { panic!() };
    assert_eq!(h.extends.as_ref().map(|e| e.name.as_str()), Some("national"));
    let Item::Import(i) = &got[1] else { panic!() };
    assert_eq!(i.path.value, "../shared/scales.lfw");
    let Item::Scale(s) = &got[2] else { panic!() };
    let levels: Vec<&str> = s.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(levels, ["essential", "proficient", "strong", "exemplary"]);
    assert_eq!(at(text, s.levels[3].span), "exemplary");
    assert_eq!(s.notes.len(), 1);
}

#[test]
fn domains_and_competency_kinds() {
    let text = r#"domain direction "Setting direction"
  description "Looking ahead"
competency a "A"
behaviour b "B"
domain personal "Personal qualities"
quality c "C"
value d "D"
skill e "E"
"#;
    let got = items(text);
    let comps: Vec<(CompetencyKind, &str, Option<&str>)> = got
        .iter()
        .filter_map(|i| match i {
            Item::Competency(c) => Some((c.kind, c.id.name.as_str(), c.domain.as_ref().map(|d| d.name.as_str()))),
            _ => None,
        })
        .collect();
    use CompetencyKind::*;
    assert_eq!(
        comps,
        [
            (Competency, "a", Some("direction")),
            (Behaviour, "b", Some("direction")),
            (Quality, "c", Some("personal")),
            (Value, "d", Some("personal")),
            (Skill, "e", Some("personal")),
        ]
    );
}

#[test]
fn competency_properties() {
    let text = r#"quality thinking "Strategic thinking"
  description "Sees the whole"
  rated on four
  indicator "Scans widely"
  positive indicator "Links ideas"
  negative indicator "Stays in the detail"
  at strong "Shapes strategy"
  needs scanning at proficient
  at strong needs politics at essential
"#;
    let [Item::Competency(c)] = &items(text)[..] else { panic!() };
    assert_eq!(c.scale.as_ref().map(|s| s.name.as_str()), Some("four"));
    let negatives: Vec<bool> = c.indicators.iter().map(|i| i.negative).collect();
    assert_eq!(negatives, [false, false, true]);
    assert_eq!(c.descriptors[0].level.name, "strong");
    assert_eq!(c.descriptors[0].text.value, "Shapes strategy");
    assert_eq!(c.prerequisites[0].at, None);
    assert_eq!(c.prerequisites[0].needs.name, "scanning");
    assert_eq!(c.prerequisites[1].at.as_ref().map(|l| l.name.as_str()), Some("strong"));
    assert_eq!(at(text, c.prerequisites[1].span), "at strong needs politics at essential");
}

#[test]
fn credentials_and_roles_with_every_requirement() {
    let text = r#"credential npqh "National Professional Qualification for Headship"
  kind qualification
  requires 2 years as deputy

role head "Head teacher"
  after deputy for 2y
  after assistant for 18 months
  requires npqh
  requires leading at strong
  requires all in direction at proficient
  requires 2 of (a, b, c) at proficient
  desirable any of (a, b) at strong
  desirable all of (a, b) at essential
  requires 3 years as deputy
"#;
    let got = items(text);
    let Item::Credential(c) = &got[0] else { panic!() };
    assert_eq!(c.kind.as_ref().map(|k| k.name.as_str()), Some("qualification"));
    assert!(matches!(&c.requirements[0].condition, Condition::Experience { time, role } if time.months == 24 && role.name == "deputy"));
    let Item::Role(r) = &got[1] else { panic!() };
    assert_eq!(r.after[0].min_time.map(|t| t.months), Some(24));
    assert_eq!(r.after[1].min_time.map(|t| t.months), Some(18));
    let shapes: Vec<String> = r
        .requirements
        .iter()
        .map(|q| {
            let n = if q.necessity == Necessity::Essential { "E" } else { "D" };
            let c = match &q.condition {
                Condition::Named { name } => format!("named {}", name.name),
                Condition::Level { competency, level } => format!("level {} {}", competency.name, level.name),
                Condition::AllIn { domain, level } => format!("all-in {} {}", domain.name, level.name),
                Condition::CountOf { count, of, level } => {
                    let count = match count {
                        Count::Exactly(n, _) => n.to_string(),
                        Count::Any(_) => "any".into(),
                        Count::All(_) => "all".into(),
                    };
                    format!("{count} of {} {}", of.len(), level.name)
                }
                Condition::Experience { time, role } => format!("{} months as {}", time.months, role.name),
            };
            format!("{n} {c}")
        })
        .collect();
    assert_eq!(
        shapes,
        [
            "E named npqh",
            "E level leading strong",
            "E all-in direction proficient",
            "E 2 of 3 proficient",
            "D any of 2 strong",
            "D all of 2 essential",
            "E 36 months as deputy",
        ]
    );
    assert_eq!(at(text, r.requirements[3].span), "requires 2 of (a, b, c) at proficient");
}

#[test]
fn entry_roles_and_crosswalks() {
    let text = r#"role constable "Constable"
  entry
crosswalk lqf-ldf "LQF and LDF"
  from lqf to ldf
  level strong to 3
  map collaborative-working to collaborative-working as exact because "Same words in both"
  map political-astuteness to political-awareness as close
"#;
    let got = items(text);
    let Item::Role(r) = &got[0] else { panic!() };
    assert!(r.entry.is_some());
    let Item::Crosswalk(cw) = &got[1] else { panic!() };
    let (from, to) = cw.between.as_ref().expect("from … to …");
    assert_eq!((from.name.as_str(), to.name.as_str()), ("lqf", "ldf"));
    assert_eq!(cw.levels[0].to.name, "3");
    assert_eq!(cw.mappings[0].closeness, Closeness::Exact);
    assert_eq!(
        cw.mappings[0].rationale.as_ref().map(|t| t.value.as_str()),
        Some("Same words in both")
    );
    assert_eq!(cw.mappings[1].closeness, Closeness::Close);
    assert_eq!(cw.mappings[1].rationale, None);
}

#[test]
fn escapes_in_text() {
    let [Item::Domain(d)] = &items(r#"domain d "Say \"hello\" \\ bye""#)[..] else {
        panic!()
    };
    assert_eq!(d.title.value, r#"Say "hello" \ bye"#);
}

#[test]
fn keywords_are_whole_words() {
    // `requiresx` is a misspelling, not `requires x`.
    let parsed = parse("role r \"R\"\n  requiresx at strong\n");
    assert_eq!(parsed.errors.len(), 1);
}

/// Recovery is at the line: a broken line is one error, and its item keeps
/// every other line.
#[test]
fn one_broken_line_hides_nothing_else() {
    let parsed = parse("role a \"A\"\n  requries x\n\nrole b \"B\"\n  after\n\nrole c \"C\"\n");
    assert_eq!(parsed.errors.len(), 2, "{:?}", parsed.errors);
    let ids: Vec<Option<&str>> = parsed
        .file
        .items
        .iter()
        .map(|i| match i {
            Item::Broken(b) => b.id.as_ref().map(|i| i.name.as_str()),
            Item::Role(r) => Some(r.id.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, [Some("a"), Some("b"), Some("c")]);
    assert!(parsed.file.items.iter().all(|i| matches!(i, Item::Role(_))));
}
