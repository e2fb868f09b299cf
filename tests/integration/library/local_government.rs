//! Fidelity tests: frameworks/local-government/.

use super::{domain_titles, framework, titles_in};
use lfw_model::Condition;
use lfw_syntax::ast::{CompetencyKind, Necessity, NoteKind};

#[test]
fn childrens_services_succession_as_the_seslip_research_reports_it() {
    let fw = framework("childrens-services");
    // Seed 003: third tier (head of service) → AD (Tier 2) → DCS (Tier 1);
    // heads of service may apply for Tier 1 posts too (§44).
    let roles: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        roles,
        [
            "Head of service (third tier)",
            "Assistant director (AD)",
            "Director of children's services (DCS)"
        ]
    );
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["head-of-service"]);
    let after = |role: &str| -> Vec<&str> {
        let r = &fw.roles[fw.role(role).expect(role).0];
        r.after.iter().map(|a| fw.roles[a.role.0].id.as_str()).collect()
    };
    assert_eq!(after("assistant-director"), ["head-of-service"]);
    assert_eq!(after("director"), ["assistant-director", "head-of-service"]);

    // The capabilities asked for: recommendation 4's programme content, then
    // the §42 training requests not already in it, in the seed's words.
    assert_eq!(
        domain_titles(fw),
        ["Suggested content for a leadership programme", "Specific training requests"]
    );
    assert_eq!(
        titles_in(fw, "programme-content"),
        [
            "Coaching and mentoring training",
            "Working with politicians",
            "Managing and leading through influence",
            "Managing high level conflict",
            "Managing risk",
            "Council wide finances",
            "Partnership working"
        ]
    );
    assert_eq!(
        titles_in(fw, "training-requests"),
        [
            "How to motivate staff in tough environments",
            "Report writing",
            "Managing short and effective meetings"
        ]
    );
    assert_eq!(fw.competencies.len(), 10);
    assert!(fw.competencies.iter().all(|c| c.kind == CompetencyKind::Competency));

    // The one programme the seed names (§43).
    let credentials: Vec<(&str, Option<&str>)> = fw.credentials.iter().map(|c| (c.title.as_str(), c.kind.as_deref())).collect();
    assert_eq!(credentials, [("Aspirant Directors course", Some("programme"))]);
    assert!(fw.credentials[0].requirements.is_empty());

    // The seed gives no levels: the encoder's two-level scale is marked as
    // interpretation, and so is every role carrying the one desirable
    // requirement; nothing is essential.
    assert_eq!(fw.scales.len(), 1);
    assert_eq!(fw.scales[0].levels, ["lacks-confidence", "confident"]);
    assert!(fw.scales[0].notes.iter().any(|n| n.kind == NoteKind::Interpretation));
    let politicians = fw.competency("working-with-politicians").expect("working-with-politicians");
    for r in &fw.roles {
        assert!(r.requirements.iter().all(|q| q.necessity == Necessity::Desirable), "{}", r.id);
        if !r.requirements.is_empty() {
            assert!(r.notes.iter().any(|n| n.kind == NoteKind::Interpretation), "{}", r.id);
        }
    }
    for role in ["assistant-director", "director"] {
        let r = &fw.roles[fw.role(role).expect(role).0];
        assert_eq!(
            r.requirements.iter().map(|q| q.condition.clone()).collect::<Vec<_>>(),
            [Condition::Level {
                competency: politicians,
                level: 1
            }],
            "{role}"
        );
    }
    assert!(fw.roles[fw.role("head-of-service").unwrap().0].requirements.is_empty());

    // Issue 12, correction: the direct step from head of service to DCS is an inference,
    // marked as interpretation, not as a note.
    let director = &fw.roles[fw.role("director").unwrap().0];
    assert!(director
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Interpretation && n.text.contains("direct step from head of service to DCS")));
    assert!(!director
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Note && n.text.contains("so the DCS post follows")));

    // What holds people back is quoted in notes.
    let holding_back = fw.notes.iter().filter(|n| n.text.starts_with("Holding back")).count();
    assert_eq!(holding_back, 8);
}

#[test]
fn solace_contextual_skills_as_the_seed_lists_them() {
    let fw = framework("solace-contextual-skills");
    // Issue 12, correction: the seed gives the framework no title. The title says so, and
    // the encoder's description is marked as interpretation.
    assert!(fw.title.starts_with("Untitled in the source"), "{}", fw.title);
    assert!(fw
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Interpretation && n.text.contains("no title")));
    // Seed 002 (and seed 004, lesson 7): four contextual skills, no levels.
    assert_eq!(domain_titles(fw), ["Contextual skills"]);
    assert_eq!(
        titles_in(fw, "contextual-skills"),
        [
            "Leading place and space",
            "Leading during complexity and ambiguity",
            "Leading entrepreneurial organisations",
            "Leading through trust"
        ]
    );
    assert_eq!(fw.competencies.len(), 4);
    assert!(fw.competencies.iter().all(|c| c.kind == CompetencyKind::Skill));
    assert_eq!(
        fw.competencies[1].description.as_deref(),
        Some("working without a blueprint, going beyond the management of change and towards new levels of innovation.")
    );
    assert!(fw.scales.is_empty());
    assert!(fw.roles.is_empty());
    assert!(fw.credentials.is_empty());
}
