//! Fidelity tests: frameworks/police/.

use super::framework;
use lfw_syntax::ast::NoteKind;

/// Whether one of the framework's own interpretation notes mentions `words`.
fn interpretation_mentions(fw: &lfw_model::Framework, words: &str) -> bool {
    fw.notes
        .iter()
        .any(|n| n.kind == NoteKind::Interpretation && n.text.contains(words))
}

#[test]
fn police_ranks_of_england_and_wales_with_training_before_the_rank() {
    let fw = framework("police-ew");
    let ranks: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        ranks,
        [
            "Constable",
            "Sergeant",
            "Inspector",
            "Chief Inspector",
            "Superintendent",
            "Chief Superintendent",
            "Assistant Chief Constable",
            "Deputy Chief Constable",
            "Chief Constable"
        ]
    );
    // Seed 001 §6.4: entry is only at one level.
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["constable"]);
    // "You have to pass your Sergeants exams before you can … be appointed … as a sergeant."
    let requires = |role: &str| -> Vec<&str> {
        let r = &fw.roles[fw.role(role).expect(role).0];
        r.requirements
            .iter()
            .filter_map(|q| match q.condition {
                lfw_model::Condition::Credential { credential } => Some(fw.credentials[credential.0].id.as_str()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(requires("sergeant"), ["sergeants-exam"]);
    // Issue 12, correction: the inspectors' qualifying examination (Police (Promotion)
    // Regulations 1996, Schedule 1) comes before inspector, and is taken by sergeants.
    assert_eq!(requires("inspector"), ["inspectors-exam"]);
    let exam = &fw.credentials[fw.credential("inspectors-exam").expect("inspectors-exam").0];
    assert_eq!(exam.title, "Inspectors' exam");
    assert_eq!(exam.kind.as_deref(), Some("exam"));
    let sergeant = fw.role("sergeant").unwrap();
    assert_eq!(
        exam.requirements.iter().map(|q| q.condition.clone()).collect::<Vec<_>>(),
        [lfw_model::Condition::Role { role: sergeant }]
    );
    assert!(exam.notes.iter().any(|n| n.kind == NoteKind::Interpretation));
    assert!(fw.sources.iter().any(|s| s.contains("Police (Promotion) Regulations 1996")));
    // The Senior Command Course before any of the Chief Officer ranks.
    for chief in ["assistant-chief-constable", "deputy-chief-constable", "chief-constable"] {
        assert_eq!(requires(chief), ["senior-command-course"], "{chief}");
    }
    // Issue 12, correction: the rank names and the single ladder are the encoder's
    // reading, marked as interpretation in the framework itself.
    assert!(interpretation_mentions(fw, "rank names"));
    assert!(interpretation_mentions(fw, "one ladder"));
    for other in ["constable", "chief-inspector", "superintendent", "chief-superintendent"] {
        assert!(requires(other).is_empty(), "{other}");
    }
}

/// The ranks of a framework, by title, in order.
fn rank_titles(fw: &lfw_model::Framework) -> Vec<&str> {
    fw.roles.iter().map(|r| r.title.as_str()).collect()
}

/// The ids of the credentials a role requires.
fn credentials_required<'a>(fw: &'a lfw_model::Framework, role: &str) -> Vec<&'a str> {
    let r = &fw.roles[fw.role(role).expect(role).0];
    r.requirements
        .iter()
        .filter_map(|q| match q.condition {
            lfw_model::Condition::Credential { credential } => Some(fw.credentials[credential.0].id.as_str()),
            _ => None,
        })
        .collect()
}

/// Each role's `after`, by id.
fn afters(fw: &lfw_model::Framework) -> Vec<Vec<&str>> {
    fw.roles
        .iter()
        .map(|r| r.after.iter().map(|a| fw.roles[a.role.0].id.as_str()).collect())
        .collect()
}

#[test]
fn police_scotland_ranks_with_the_same_training_before_the_rank() {
    let fw = framework("police-scotland");
    let ew = framework("police-ew");
    // Seed 001 §6.4: "A sergeant in Inverness will be expected to have the same
    // level of skill and knowledge as a sergeant in London or Glasgow."
    assert_eq!(
        rank_titles(fw),
        [
            "Constable",
            "Sergeant",
            "Inspector",
            "Chief Inspector",
            "Superintendent",
            "Chief Superintendent",
            "Assistant Chief Constable",
            "Deputy Chief Constable",
            "Chief Constable"
        ]
    );
    assert_eq!(rank_titles(fw), rank_titles(ew));
    assert_eq!(afters(fw), afters(ew));
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["constable"]);
    let credentials: Vec<&str> = fw.credentials.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(credentials, ["Sergeants' exam", "Senior Command Course"]);
    // Issue 12: the rank names and the ladder are marked as interpretation; the
    // Scottish promotion regulations name no separate inspectors' exam, and the file says why.
    assert!(interpretation_mentions(fw, "rank names"));
    assert!(interpretation_mentions(fw, "one ladder"));
    assert!(interpretation_mentions(fw, "No inspectors' exam is encoded here"));
    assert_eq!(credentials_required(fw, "sergeant"), ["sergeants-exam"]);
    for chief in ["assistant-chief-constable", "deputy-chief-constable", "chief-constable"] {
        assert_eq!(credentials_required(fw, chief), ["senior-command-course"], "{chief}");
    }
    for other in [
        "constable",
        "inspector",
        "chief-inspector",
        "superintendent",
        "chief-superintendent",
    ] {
        assert!(credentials_required(fw, other).is_empty(), "{other}");
    }
    assert!(fw.competencies.is_empty() && fw.scales.is_empty());
}

#[test]
fn college_of_policing_competency_and_values_framework_over_the_ranks() {
    let fw = framework("police-cvf");
    assert_eq!(fw.extends.as_deref(), Some("police-ew"));
    // The CVF names its three levels in words; the titles are those words.
    let scale = &fw.scales[0];
    assert_eq!(scale.levels, ["1", "2", "3"]);
    assert_eq!(
        scale.titles,
        [
            Some("Practitioner".to_string()),
            Some("Supervisor/middle manager".to_string()),
            Some("Senior manager/executive".to_string())
        ]
    );
    assert_eq!(
        super::domain_titles(fw),
        [
            "Resolute, compassionate and committed",
            "Inclusive, enabling and visionary leadership",
            "Intelligent, creative and informed policing"
        ]
    );
    assert_eq!(
        super::titles_in(fw, "resolute-compassionate-committed"),
        ["We are emotionally aware", "We take ownership"]
    );
    assert_eq!(
        super::titles_in(fw, "inclusive-enabling-visionary"),
        ["We are collaborative", "We deliver, support and inspire"]
    );
    assert_eq!(
        super::titles_in(fw, "intelligent-creative-informed"),
        ["We analyse critically", "We are innovative and open-minded"]
    );
    // Four values, outside the clusters.
    use lfw_syntax::ast::CompetencyKind;
    let values: Vec<&str> = fw
        .competencies
        .iter()
        .filter(|c| c.kind == CompetencyKind::Value)
        .map(|c| c.title.as_str())
        .collect();
    assert_eq!(values, ["Impartiality", "Integrity", "Public service", "Transparency"]);
    assert!(fw
        .competencies
        .iter()
        .filter(|c| c.kind == CompetencyKind::Value)
        .all(|c| c.domain.is_none()));
    assert_eq!(fw.competencies.iter().filter(|c| c.kind == CompetencyKind::Competency).count(), 6);
    assert_eq!(fw.competencies.len(), 10);
    assert_eq!(fw.scales.len(), 1);
    assert_eq!(fw.scales[0].levels, ["1", "2", "3"]);

    // The ranks of England and Wales, unchanged in order, progression and credentials.
    let ew = framework("police-ew");
    assert_eq!(rank_titles(fw), rank_titles(ew));
    assert_eq!(afters(fw), afters(ew));
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["constable"]);
    for r in &ew.roles {
        assert_eq!(credentials_required(fw, &r.id), credentials_required(ew, &r.id), "{}", r.id);
    }
    // Each rank requires all three clusters at one level (the encoder's reading).
    let levels = ["1", "2", "2", "2", "3", "3", "3", "3", "3"];
    for (role, level) in fw.roles.iter().zip(levels) {
        let clusters: Vec<(&str, &str)> = role
            .requirements
            .iter()
            .filter_map(|q| match &q.condition {
                lfw_model::Condition::AllIn { domain, level, .. } => Some((fw.domains[domain.0].id.as_str(), level.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            clusters,
            [
                ("resolute-compassionate-committed", level),
                ("inclusive-enabling-visionary", level),
                ("intelligent-creative-informed", level)
            ],
            "{}",
            role.id
        );
        assert!(
            role.notes.iter().any(|n| n.kind == lfw_syntax::ast::NoteKind::Interpretation),
            "{}: the rank-to-level mapping is marked as interpretation",
            role.id
        );
    }
}

#[test]
fn police_cvf_to_the_civil_service_competency_framework() {
    let cw = super::library()
        .crosswalks
        .iter()
        .find(|c| c.id == "police-cvf-to-cscf-2012")
        .expect("the crosswalk police-cvf-to-cscf-2012");
    assert_eq!((cw.from.as_str(), cw.to.as_str()), ("police-cvf", "cscf-2012"));
    assert_eq!(cw.mappings.len(), 11);
    assert!(cw.levels.is_empty(), "no level correspondence is claimed");
    assert!(cw.mappings.iter().all(|m| m.rationale.is_some()));
    // Every one of the six CVF competencies is mapped.
    for c in [
        "emotionally-aware",
        "take-ownership",
        "collaborative",
        "deliver-support-inspire",
        "analyse-critically",
        "innovative-open-minded",
    ] {
        assert!(cw.mappings.iter().any(|m| m.from == c), "{c}");
    }
    assert_eq!(
        super::closeness_counts(cw),
        [0, 5, 0, 0, 6],
        "exact, close, broader, narrower, related"
    );
}

#[test]
fn police_cvf_to_cscf_2012_lists_every_element_without_a_counterpart() {
    // Issue 12, correction: the "no counterpart" notes name every element of either
    // framework that no mapping uses: scales, clusters, competencies, values,
    // credentials and roles.
    let cw = super::library()
        .crosswalks
        .iter()
        .find(|c| c.id == "police-cvf-to-cscf-2012")
        .expect("the crosswalk police-cvf-to-cscf-2012");
    let missing = super::unlisted_elements(cw);
    assert!(missing.is_empty(), "unmapped and not listed: {missing:#?}");
}
