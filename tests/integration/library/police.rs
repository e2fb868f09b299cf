//! Fidelity tests: frameworks/police/.

use super::framework;

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
    // The Senior Command Course before any of the Chief Officer ranks.
    for chief in ["assistant-chief-constable", "deputy-chief-constable", "chief-constable"] {
        assert_eq!(requires(chief), ["senior-command-course"], "{chief}");
    }
    for other in ["constable", "inspector", "chief-inspector", "superintendent", "chief-superintendent"] {
        assert!(requires(other).is_empty(), "{other}");
    }
}
