//! Fidelity tests: frameworks/education/ (written with the library).

use super::framework;
use lfw_model::{Condition, Framework};

/// The ids of the credentials a role requires.
fn credentials_required(fw: &Framework, role: &str) -> Vec<String> {
    let r = &fw.roles[fw.role(role).expect(role).0];
    r.requirements
        .iter()
        .filter_map(|q| match q.condition {
            Condition::Credential { credential } => Some(fw.credentials[credential.0].id.clone()),
            _ => None,
        })
        .collect()
}

/// The ids of the roles a role comes after.
fn after(fw: &Framework, role: &str) -> Vec<String> {
    let r = &fw.roles[fw.role(role).expect(role).0];
    r.after.iter().map(|a| fw.roles[a.role.0].id.clone()).collect()
}

#[test]
fn ncsl_five_stages_of_school_leadership() {
    let fw = framework("ncsl-stages");
    // Seed 001 §6.3: five stages, in the seed's order.
    let stages: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        stages,
        [
            "Emergent leadership",
            "Established leadership",
            "Entry to headship",
            "Advanced leadership",
            "Consultant leadership"
        ]
    );
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["emergent-leadership"]);
    assert_eq!(after(fw, "established-leadership"), ["emergent-leadership"]);
    // Established leaders "do not intend to pursue headship": headship follows emergent leadership.
    assert_eq!(after(fw, "entry-to-headship"), ["emergent-leadership"]);
    assert_eq!(after(fw, "advanced-leadership"), ["entry-to-headship"]);
    assert_eq!(
        after(fw, "consultant-leadership"),
        ["advanced-leadership", "established-leadership"]
    );
    let credentials: Vec<&str> = fw.credentials.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        credentials,
        [
            "National Professional Qualification for Headship",
            "Headlamp",
            "Leadership Programme for Serving Head Teachers"
        ]
    );
    // The NPQH before entry to headship, and nothing else required of any stage.
    assert_eq!(credentials_required(fw, "entry-to-headship"), ["npqh"]);
    for other in [
        "emergent-leadership",
        "established-leadership",
        "advanced-leadership",
        "consultant-leadership",
    ] {
        assert!(credentials_required(fw, other).is_empty(), "{other}");
    }
    // The seed states no progression rule: every stage's placement is marked as interpretation.
    for r in &fw.roles {
        assert!(
            r.notes.iter().any(|n| n.kind == lfw_syntax::ast::NoteKind::Interpretation),
            "{}",
            r.id
        );
    }
    assert!(fw.competencies.is_empty());
    assert!(fw.scales.is_empty());
}

#[test]
fn scottish_qualification_for_headship() {
    let fw = framework("scottish-headship");
    let credentials: Vec<&str> = fw.credentials.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(credentials, ["Scottish Qualification for Headship"]);
    assert_eq!(fw.credentials[0].kind.as_deref(), Some("qualification"));
    let roles: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(roles, ["Head teacher"]);
    assert_eq!(credentials_required(fw, "head-teacher"), ["sqh"]);
    // The seed does not state the rule: the requirement is marked as interpretation.
    assert!(fw.roles[0]
        .notes
        .iter()
        .any(|n| n.kind == lfw_syntax::ast::NoteKind::Interpretation));
    assert!(fw.competencies.is_empty());
}
