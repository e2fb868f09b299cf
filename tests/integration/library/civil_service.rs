//! Fidelity tests: frameworks/civil-service/.

use super::{domain_titles, framework, library, titles_in};
use lfw_model::Condition;
use lfw_syntax::ast::CompetencyKind;

#[test]
fn senior_civil_service_core_competencies_as_the_seed_lists_them() {
    let fw = framework("scs-core-2005");
    // Seed 001 §6.5: six core competencies, no clusters, no levels, no grades.
    assert!(fw.domains.is_empty());
    assert!(fw.scales.is_empty());
    assert!(fw.roles.is_empty());
    let titles: Vec<&str> = fw.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Give purpose and direction",
            "Have an impact",
            "Think strategically",
            "Get the best from people",
            "Learn and improve",
            "Focus on delivery"
        ]
    );
    let descriptions: Vec<&str> = fw.competencies.iter().map(|c| c.description.as_deref().unwrap_or("")).collect();
    assert_eq!(
        descriptions,
        [
            "Give purpose and direction by developing and communicating a vision for the future.",
            "Have an impact through “leadership by example”",
            "Think strategically, harnessing ideas and opportunities to achieve goals.",
            "Get the best from people through motivation and development.",
            "Learn and improve, drawing on experience and innovation for enhanced results.",
            "Focus on delivery to achieve value for money and results."
        ]
    );
    for c in &fw.competencies {
        assert_eq!(c.kind, CompetencyKind::Competency, "{}", c.id);
        assert!(c.scale.is_none(), "{}", c.id);
    }
}

#[test]
fn management_programmes_are_essential_precursors_to_the_leadership_programmes() {
    // Issue 12, correction: seed 001 §6.5 says the management programmes "are seen to be essential precursors to
    // acceptance onto one of the major leadership programmes"; the four programmes it names require them.
    let fw = framework("scs-core-2005");
    let credentials: Vec<&str> = fw.credentials.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        credentials,
        [
            "Management programmes on specific areas",
            "Essentials of Corporate Leadership",
            "Preparing for Top Management",
            "Developing Top Management",
            "Top Management programme"
        ]
    );
    let management = fw.credential("management-programmes").expect("management-programmes");
    let precursors = &fw.credentials[management.0];
    assert!(precursors.requirements.is_empty());
    assert!(precursors
        .description
        .as_deref()
        .is_some_and(|d| d.contains("are seen to be essential precursors to acceptance onto one of the major leadership programmes")));
    for c in &fw.credentials[1..] {
        let required: Vec<Condition> = c.requirements.iter().map(|q| q.condition.clone()).collect();
        assert_eq!(required, [Condition::Credential { credential: management }], "{}", c.id);
        assert!(
            c.notes.iter().any(|n| n.kind == lfw_syntax::ast::NoteKind::Interpretation),
            "{}: which programmes are \"major\" is the encoder's reading",
            c.id
        );
    }
}

#[test]
fn civil_service_competency_framework_2012_clusters_levels_and_grades() {
    let fw = framework("cscf-2012");
    assert_eq!(domain_titles(fw), ["Set Direction", "Engage People", "Deliver Results"]);
    assert_eq!(
        titles_in(fw, "set-direction"),
        ["Seeing the Big Picture", "Changing and Improving", "Making Effective Decisions"]
    );
    assert_eq!(
        titles_in(fw, "engage-people"),
        [
            "Leading and Communicating",
            "Collaborating and Partnering",
            "Building Capability for All"
        ]
    );
    assert_eq!(
        titles_in(fw, "deliver-results"),
        [
            "Achieving Commercial Outcomes",
            "Delivering Value for Money",
            "Managing a Quality Service",
            "Delivering at Pace"
        ]
    );
    // "The framework outlines 10 competencies, which are grouped into 3 clusters."
    assert_eq!(fw.competencies.len(), 10);
    assert!(fw
        .competencies
        .iter()
        .all(|c| c.kind == CompetencyKind::Competency && c.domain.is_some()));
    assert_eq!(fw.scales.len(), 1);
    assert_eq!(fw.scales[0].levels, ["1", "2", "3", "4", "5", "6"]);
    assert!(fw.credentials.is_empty());

    // The grades, lowest first, one after another; each requires all three
    // clusters at the level the framework maps it to.
    let grades: Vec<(&str, &str)> = fw.roles.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect();
    assert_eq!(
        grades,
        [
            ("aa", "Administrative Assistant (AA)"),
            ("ao", "Administrative Officer (AO)"),
            ("eo", "Executive Officer (EO)"),
            ("heo", "Higher Executive Officer (HEO)"),
            ("seo", "Senior Executive Officer (SEO)"),
            ("g7", "Grade 7 (G7)"),
            ("g6", "Grade 6 (G6)"),
            ("deputy-director", "Deputy Director"),
            ("director", "Director"),
            ("director-general", "Director General")
        ]
    );
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["aa"]);
    let levels = ["1", "1", "2", "3", "3", "4", "4", "5", "6", "6"];
    for (i, (role, level)) in fw.roles.iter().zip(levels).enumerate() {
        let after: Vec<&str> = role.after.iter().map(|a| fw.roles[a.role.0].id.as_str()).collect();
        if i == 0 {
            assert!(after.is_empty());
        } else {
            assert_eq!(after, [fw.roles[i - 1].id.as_str()], "{}", role.id);
        }
        let clusters: Vec<(&str, &str)> = role
            .requirements
            .iter()
            .map(|q| match &q.condition {
                Condition::AllIn { domain, level, .. } => (fw.domains[domain.0].id.as_str(), level.as_str()),
                other => panic!("{}: unexpected requirement {other:?}", role.id),
            })
            .collect();
        assert_eq!(
            clusters,
            [("set-direction", level), ("engage-people", level), ("deliver-results", level)],
            "{}",
            role.id
        );
    }
}

#[test]
fn success_profiles_civil_service_behaviours_2018() {
    let fw = framework("success-profiles-2018");
    let titles: Vec<&str> = fw.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Seeing the Big Picture",
            "Changing and Improving",
            "Making Effective Decisions",
            "Leadership",
            "Communicating and Influencing",
            "Working Together",
            "Developing Self and Others",
            "Managing a Quality Service",
            "Delivering at Pace"
        ]
    );
    assert!(fw
        .competencies
        .iter()
        .all(|c| c.kind == CompetencyKind::Behaviour && c.scale.is_none()));
    // Levels and grades are not encoded.
    assert!(fw.domains.is_empty());
    assert!(fw.scales.is_empty());
    assert!(fw.roles.is_empty());
}

#[test]
fn scs_core_competencies_to_the_2012_framework() {
    let cw = library()
        .crosswalks
        .iter()
        .find(|c| c.id == "scs-core-to-cscf-2012")
        .expect("the crosswalk scs-core-to-cscf-2012");
    assert_eq!((cw.from.as_str(), cw.to.as_str()), ("scs-core-2005", "cscf-2012"));
    assert_eq!(cw.mappings.len(), 11);
    assert!(cw.levels.is_empty(), "the SCS core competencies have no levels");
    assert!(cw.mappings.iter().all(|m| m.rationale.is_some()));
    // Every one of the six SCS competencies is mapped.
    let scs = framework("scs-core-2005");
    for c in &scs.competencies {
        assert!(cw.mappings.iter().any(|m| m.from == c.id), "{}", c.id);
    }
    assert_eq!(
        super::closeness_counts(cw),
        [0, 4, 1, 2, 4],
        "exact, close, broader, narrower, related"
    );
}
