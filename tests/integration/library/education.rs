//! Fidelity tests: frameworks/education/ (written with the library).

use super::framework;
use lfw_model::{Condition, Framework};
use lfw_syntax::ast::NoteKind;

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
    // Issue 12, correction: the requirement's justification is the fact (mandatory for a
    // first headship from April 2004 until February 2012), cited, not a development note.
    let entry = &fw.roles[fw.role("entry-to-headship").unwrap().0];
    assert!(entry
        .notes
        .iter()
        .any(|n| n.kind == NoteKind::Note && n.text.contains("from 1 April 2004") && n.text.contains("revoked in February 2012")));
    assert!(!entry.notes.iter().any(|n| n.text.contains("as the issue asks")));
    assert!(fw
        .sources
        .iter()
        .any(|s| s.contains("Education (Head Teachers' Qualifications) (England) Regulations 2003")));
    assert!(fw.sources.iter().any(|s| s.contains("(Revocation) Regulations 2012")));
    // Issue 12: Headlamp, "a form of national induction programme" for new head teachers,
    // belongs to Entry to headship ("including preparation and induction").
    let headlamp = &fw.credentials[fw.credential("headlamp").unwrap().0];
    assert_eq!(
        headlamp.requirements.iter().map(|q| q.condition.clone()).collect::<Vec<_>>(),
        [Condition::Role {
            role: fw.role("entry-to-headship").unwrap()
        }]
    );
    assert!(headlamp.notes.iter().any(|n| n.kind == NoteKind::Interpretation));
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
        assert!(r.notes.iter().any(|n| n.kind == NoteKind::Interpretation), "{}", r.id);
    }
    assert!(fw.competencies.is_empty());
    assert!(fw.scales.is_empty());
}

#[test]
fn headship_in_scotland_requires_the_standard_for_headship_not_the_sqh() {
    let fw = framework("scottish-headship");
    let credentials: Vec<(&str, Option<&str>)> = fw.credentials.iter().map(|c| (c.title.as_str(), c.kind.as_deref())).collect();
    assert_eq!(
        credentials,
        [
            ("Scottish Qualification for Headship", Some("qualification")),
            ("Flexible Route to Headship", Some("programme")),
            ("Standard for Headship", Some("standard"))
        ]
    );
    let roles: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(roles, ["Head teacher"]);
    // Issue 12, correction: the SQH was a voluntary route, not a requirement. Since
    // 1 August 2020 a first permanent headteacher post requires the Standard for Headship.
    assert_eq!(credentials_required(fw, "head-teacher"), ["standard-for-headship"]);
    for r in &fw.roles {
        assert!(!credentials_required(fw, &r.id).contains(&"sqh".to_string()), "{}", r.id);
    }
    let standard = &fw.credentials[fw.credential("standard-for-headship").unwrap().0];
    assert!(standard.description.as_deref().is_some_and(|d| d.contains("from 1 August 2020")));
    assert!(fw
        .sources
        .iter()
        .any(|s| s.starts_with("General Teaching Council for Scotland (2020)")));
    // The seed (2005) says none of this: what the encoder adds is marked.
    assert!(fw.roles[0].notes.iter().any(|n| n.kind == NoteKind::Interpretation));
    assert!(fw.credentials[0].notes.iter().any(|n| n.kind == NoteKind::Interpretation));
    assert!(fw.competencies.is_empty());
}
