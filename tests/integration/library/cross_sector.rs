//! Fidelity tests: frameworks/cross-sector/.

use super::{domain_titles, framework, library, titles_in};
use lfw_syntax::ast::{Closeness, CompetencyKind, NoteKind};

#[test]
fn centre_for_creative_leadership_capabilities_three_groups_of_four() {
    let fw = framework("ccl-capabilities");
    // Seed 001 §6.8.
    assert_eq!(
        domain_titles(fw),
        [
            "Self-management capabilities",
            "Social Capabilities",
            "Work Facilitation Capabilities"
        ]
    );
    assert_eq!(
        titles_in(fw, "self-management"),
        [
            "Self-awareness",
            "Ability to balance conflicting demands",
            "Ability to learn",
            "Leadership values"
        ]
    );
    assert_eq!(
        titles_in(fw, "social"),
        [
            "Ability to build and maintain relationships",
            "Ability to build effective work groups",
            "Communication skills",
            "Ability to develop others"
        ]
    );
    assert_eq!(
        titles_in(fw, "work-facilitation"),
        [
            "Management skills",
            "Ability to act and think strategically",
            "Ability to think creatively",
            "Ability to initiate and manage change"
        ]
    );
    assert_eq!(fw.competencies.len(), 12);
    assert!(fw
        .competencies
        .iter()
        .all(|c| c.kind == CompetencyKind::Competency && c.scale.is_none()));
    assert!(fw.scales.is_empty() && fw.roles.is_empty() && fw.credentials.is_empty());
}

#[test]
fn investors_in_people_four_principles_and_their_critical_indicators() {
    let fw = framework("iip-leadership");
    // Seed 001 §6.8: A. Commitment, B. Planning, C. Action, D. Evaluation.
    assert_eq!(domain_titles(fw), ["Commitment", "Planning", "Action", "Evaluation"]);
    assert_eq!(
        titles_in(fw, "commitment"),
        [
            "Top managers direct the organisations approach to effective leadership and management.",
            "Top managers are role models for leadership and management development."
        ]
    );
    assert_eq!(
        titles_in(fw, "planning"),
        [
            "Leadership and management requirements are defined and understood.",
            "Leadership and management development is planned."
        ]
    );
    assert_eq!(
        titles_in(fw, "action"),
        [
            "Leader and manager selection is effective",
            "Effective leadership and management is reviewed and encouraged",
            "Leaders and managers continuously learn and develop"
        ]
    );
    assert_eq!(
        titles_in(fw, "evaluation"),
        [
            "The approach to effective leadership and management improves your organisations performance.",
            "The approach to leadership and management is improved."
        ]
    );
    assert_eq!(fw.competencies.len(), 9);
    assert!(fw.scales.is_empty() && fw.roles.is_empty() && fw.credentials.is_empty());
}

#[test]
fn twenty_first_century_public_servant_roles_in_the_seeds_three_groups() {
    let fw = framework("public-servant-21c");
    // Seed 004, lesson 1: four new roles, three existing but relatively new
    // roles, four long-standing roles; encoded as competencies, not posts.
    assert_eq!(
        domain_titles(fw),
        ["New roles", "Existing, but relatively new, roles", "Long-standing roles"]
    );
    assert_eq!(
        titles_in(fw, "new-roles"),
        ["Storyteller", "Resource-weaver", "System-architect", "Navigator"]
    );
    assert_eq!(
        titles_in(fw, "relatively-new-roles"),
        ["Commissioner", "Broker", "Reticulist (or networker)"]
    );
    assert_eq!(
        titles_in(fw, "long-standing-roles"),
        ["Regulator", "Protector", "Adjudicator", "Expert"]
    );
    assert_eq!(fw.competencies.len(), 11);
    // Only the four new roles are described in the seed.
    let described: Vec<&str> = fw
        .competencies
        .iter()
        .filter(|c| c.description.is_some())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(described, ["storyteller", "resource-weaver", "system-architect", "navigator"]);
    assert!(fw.roles.is_empty() && fw.scales.is_empty());
    assert!(fw.notes.iter().any(|n| n.kind == NoteKind::Interpretation));
}

#[test]
fn academi_wales_is_recorded_as_incomplete_with_no_invented_behaviours() {
    let fw = framework("academi-wales");
    // Seed 000 names the framework (Academi Wales, 2017) but not its behaviours.
    assert_eq!(
        fw.title,
        "Leading in the Welsh Public Service – a leadership behaviours framework for senior leaders"
    );
    assert!(fw.competencies.is_empty());
    assert!(fw.domains.is_empty());
    assert!(fw.scales.is_empty() && fw.roles.is_empty() && fw.credentials.is_empty());
    assert!(fw.notes.iter().any(|n| n.text.starts_with("INCOMPLETE")));
}

#[test]
fn ccl_to_lqf_crosswalk() {
    let cw = library()
        .crosswalks
        .iter()
        .find(|c| c.id == "ccl-to-lqf")
        .expect("the crosswalk ccl-to-lqf");
    assert_eq!((cw.from.as_str(), cw.to.as_str()), ("ccl-capabilities", "lqf"));
    assert_eq!(cw.mappings.len(), 11);
    assert!(cw.levels.is_empty());
    assert!(cw.notes.iter().any(|n| n.kind == NoteKind::Interpretation));
    // Every mapping names a capability and a quality that exist, with a reason.
    let (ccl, lqf) = (framework("ccl-capabilities"), framework("lqf"));
    for m in &cw.mappings {
        assert!(ccl.competency(&m.from).is_some(), "{}", m.from);
        assert!(lqf.competency(&m.to).is_some(), "{}", m.to);
        assert!(m.rationale.is_some(), "{} → {}", m.from, m.to);
        assert!(matches!(m.closeness, Closeness::Close | Closeness::Related));
    }
    let close: Vec<(&str, &str)> = cw
        .mappings
        .iter()
        .filter(|m| m.closeness == Closeness::Close)
        .map(|m| (m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(
        close,
        [
            ("self-awareness", "self-awareness"),
            ("initiate-and-manage-change", "leading-change-through-people")
        ]
    );
    // The seed says the NHS framework ignored management skills (§6.2).
    assert!(cw.mappings.iter().all(|m| m.from != "management-skills"));
}
