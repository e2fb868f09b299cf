//! Fidelity tests: frameworks/nhs/ (written with the library).

use super::{closeness_counts, domain_titles, framework, library, titles_in};
use lfw_syntax::ast::{Closeness, CompetencyKind};

/// A crosswalk of the library by id.
fn crosswalk(id: &str) -> &'static lfw_model::Crosswalk {
    library()
        .crosswalks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("the library has a crosswalk `{id}`"))
}

#[test]
fn nhs_leadership_qualities_framework_as_the_seed_lists_it() {
    let fw = framework("lqf");
    // Seed 001 §6.2: three domains of five qualities, named, with no levels.
    assert_eq!(
        domain_titles(fw),
        ["Setting direction", "Delivering the Service", "Personal Qualities"]
    );
    assert_eq!(
        titles_in(fw, "setting-direction"),
        [
            "Seizing the future",
            "Intellectual flexibility",
            "Broad scanning",
            "Political astuteness",
            "Drive for results"
        ]
    );
    assert_eq!(
        titles_in(fw, "delivering-the-service"),
        [
            "Leading change through people",
            "Holding to account",
            "Empowering others",
            "Effective and strategic influencing",
            "Collaborative working"
        ]
    );
    assert_eq!(
        titles_in(fw, "personal-qualities"),
        [
            "Self-belief",
            "Self-awareness",
            "Self-management",
            "Drive for improvement",
            "Personal integrity"
        ]
    );
    assert_eq!(fw.competencies.len(), 15);
    for c in &fw.competencies {
        assert_eq!(c.kind, CompetencyKind::Quality, "{}", c.id);
        assert!(c.domain.is_some(), "{}", c.id);
        assert!(c.scale.is_none(), "{}: the seed gives no levels", c.id);
    }
    assert!(fw.scales.is_empty());
    assert!(fw.roles.is_empty());
    assert!(fw.credentials.is_empty());
    // Issue 12: the relation the seed states between the framework and promotion (§6.2),
    // in its words.
    assert!(fw.notes.iter().any(|n| n.text.contains(
        "an expectation on managers to take part, and to be able to demonstrate their development against the framework as they apply for promotion posts"
    )));
}

#[test]
fn nhs_scotland_leadership_development_framework_as_the_seed_lists_it() {
    let fw = framework("nhs-scotland-ldf");
    // Seed 001 §6.2: three sections of three elements each.
    assert_eq!(domain_titles(fw), ["Personal Qualities", "Service Excellence", "Future focus"]);
    assert_eq!(
        titles_in(fw, "personal-qualities"),
        ["Self-leadership", "Leading others", "Collaborative working"]
    );
    assert_eq!(
        titles_in(fw, "service-excellence"),
        [
            "Delivering excellence through others",
            "Managing complex change",
            "Improving the patient's experience"
        ]
    );
    assert_eq!(
        titles_in(fw, "future-focus"),
        ["Political awareness", "Strategic dexterity", "Aligning agendas/creating culture"]
    );
    assert_eq!(fw.competencies.len(), 9);
    assert!(fw.competencies.iter().all(|c| c.domain.is_some() && c.scale.is_none()));
    assert!(fw.scales.is_empty());
    assert!(fw.roles.is_empty());
    assert!(fw.credentials.is_empty());
}

#[test]
fn nhs_healthcare_leadership_model_nine_dimensions_on_four_levels() {
    let fw = framework("hlm");
    // NHS Leadership Academy (2013), version 1.0: nine dimensions, one four-part scale, no roles.
    let titles: Vec<&str> = fw.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Inspiring shared purpose",
            "Leading with care",
            "Evaluating information",
            "Connecting our service",
            "Sharing the vision",
            "Engaging the team",
            "Holding to account",
            "Developing capability",
            "Influencing for results"
        ]
    );
    assert_eq!(fw.scales.len(), 1);
    assert_eq!(fw.scales[0].levels, ["essential", "proficient", "strong", "exemplary"]);
    for c in &fw.competencies {
        assert_eq!(c.kind, CompetencyKind::Behaviour, "{}", c.id);
        assert_eq!(c.scale, Some(lfw_model::ScaleId(0)), "{}", c.id);
    }
    assert!(fw.domains.is_empty());
    assert!(fw.roles.is_empty());
    assert!(fw.credentials.is_empty());
}

#[test]
fn nhs_crosswalks_are_interpretation_with_reasons_and_no_levels() {
    // Counted by closeness: exact, close, broader, narrower, related.
    for (id, from, to, count, by_closeness) in [
        ("lqf-to-nhs-scotland-ldf", "lqf", "nhs-scotland-ldf", 12, [0, 5, 0, 0, 7]),
        ("lqf-to-hlm", "lqf", "hlm", 5, [0, 2, 0, 0, 3]),
    ] {
        let cw = crosswalk(id);
        assert_eq!((cw.from.as_str(), cw.to.as_str()), (from, to), "{id}");
        assert_eq!(cw.mappings.len(), count, "{id}");
        assert_eq!(closeness_counts(cw), by_closeness, "{id}");
        assert!(cw.levels.is_empty(), "{id}: the LQF has no levels");
        assert!(
            cw.notes.iter().any(|n| n.kind == lfw_syntax::ast::NoteKind::Interpretation),
            "{id} is marked as interpretation"
        );
        assert!(
            cw.mappings.iter().all(|m| m.rationale.is_some()),
            "{id}: every mapping has a reason"
        );
    }
    let hlm = crosswalk("lqf-to-hlm");
    let close: Vec<(&str, &str)> = hlm
        .mappings
        .iter()
        .filter(|m| m.closeness == Closeness::Close)
        .map(|m| (m.from.as_str(), m.to.as_str()))
        .collect();
    assert_eq!(
        close,
        [
            ("holding-to-account", "holding-to-account"),
            ("effective-and-strategic-influencing", "influencing-for-results")
        ]
    );
}
