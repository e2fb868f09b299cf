//! Fidelity tests: frameworks/social-services/ (issue 12), against seed 001,
//! the Scottish Leadership Foundation's 2005 study of leadership and
//! management development in social services organisations.

use super::{domain_titles, framework, library, titles_in};
use lfw_model::{Condition, Framework, Note};
use lfw_syntax::ast::{Closeness, NoteKind};

fn has_interpretation(notes: &[Note]) -> bool {
    notes.iter().any(|n| n.kind == NoteKind::Interpretation)
}

fn has_note_starting(notes: &[Note], start: &str) -> bool {
    notes.iter().any(|n| n.kind == NoteKind::Note && n.text.starts_with(start))
}

/// The entry conditions of a credential, as the ids of the roles and
/// credentials they name.
fn entry_conditions<'a>(fw: &'a Framework, credential: &str) -> Vec<&'a str> {
    let c = &fw.credentials[fw.credential(credential).expect(credential).0];
    c.requirements
        .iter()
        .map(|q| match q.condition {
            Condition::Role { role } => fw.roles[role.0].id.as_str(),
            Condition::Credential { credential } => fw.credentials[credential.0].id.as_str(),
            ref other => panic!("{credential}: unexpected entry condition {other:?}"),
        })
        .collect()
}

#[test]
fn proposed_standards_for_social_services_leaders_and_managers() {
    let fw = framework("social-services-standards");
    assert_eq!(fw.sector.as_deref(), Some("social services"));
    // Marked as a proposal in its title, its header and every element.
    assert!(fw
        .title
        .starts_with("Proposed framework of standards for social services leaders and managers"));
    assert!(fw.title.contains("not an adopted framework"));
    assert!(has_note_starting(&fw.notes, "PROPOSAL, not an adopted framework"));
    assert!(fw.sources.iter().any(|s| s.contains("section 7 Recommendations")));

    // Seed 001 §7, recommendation 1: "leadership of services at a strategic and operational
    // level, leadership of the profession and leadership in partnerships", and "standards in
    // management practices, particularly management of people, management of resources and
    // management of processes and procedures".
    assert_eq!(domain_titles(fw), ["Leadership", "Standards in management practices"]);
    assert_eq!(
        titles_in(fw, "leadership"),
        [
            "Leadership of services at a strategic and operational level",
            "Leadership of the profession",
            "Leadership in partnerships"
        ]
    );
    assert_eq!(
        titles_in(fw, "management-practices"),
        [
            "Management of people",
            "Management of resources",
            "Management of processes and procedures"
        ]
    );
    let leadership = &fw.domains[fw.domain("leadership").unwrap().0];
    assert!(leadership.description.as_deref().is_some_and(|d| d.contains(
        "distinctions between leadership of services at a strategic and operational level, leadership of the profession and leadership in partnerships"
    )));
    assert!(has_interpretation(&leadership.notes), "the domain's title is the encoder's");
    let management = &fw.domains[fw.domain("management-practices").unwrap().0];
    assert!(management
        .description
        .as_deref()
        .is_some_and(|d| d.contains("management of people, management of resources and management of processes and procedures")));
    for d in &fw.domains {
        assert!(has_note_starting(&d.notes, "Proposed"), "{}", d.id);
    }
    for c in &fw.competencies {
        assert!(c.domain.is_some(), "{}", c.id);
        assert!(c.scale.is_none(), "{}: the seed gives no levels", c.id);
        assert!(has_note_starting(&c.notes, "Proposed"), "{}", c.id);
    }
    assert_eq!(fw.competencies.len(), 6);
    assert!(fw.scales.is_empty());

    // The tiers the recommendations name, in order; their order is the encoder's reading
    // and they require nothing else.
    let tiers: Vec<&str> = fw.roles.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(tiers, ["First line manager", "Middle manager", "Senior manager"]);
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["first-line-manager"]);
    let afters: Vec<Vec<&str>> = fw
        .roles
        .iter()
        .map(|r| r.after.iter().map(|a| fw.roles[a.role.0].id.as_str()).collect())
        .collect();
    assert_eq!(afters, [vec![], vec!["first-line-manager"], vec!["middle-manager"]]);
    for r in &fw.roles {
        assert!(r.requirements.is_empty(), "{}: the seed states no requirement for a tier", r.id);
        assert!(has_interpretation(&r.notes), "{}", r.id);
        assert!(has_note_starting(&r.notes, "Proposed development"), "{}", r.id);
        assert!(r.after.iter().all(|a| a.min_months.is_none()), "{}", r.id);
    }

    // The recommended development and the qualifications in use, by the seed's names.
    let credentials: Vec<(&str, Option<&str>)> = fw.credentials.iter().map(|c| (c.title.as_str(), c.kind.as_deref())).collect();
    assert_eq!(
        credentials,
        [
            ("\"Leading to Deliver\" or a successor programme", Some("programme")),
            (
                "Sector wide programme of leadership development for senior managers",
                Some("programme")
            ),
            ("SVQ level 3", Some("qualification")),
            ("SVQ level 4 Managing Social Care", Some("qualification")),
            ("Registered Managers Award", Some("qualification")),
            (
                "Post Graduate Certificate from the \"Leading to Deliver\" programme",
                Some("qualification")
            ),
            (
                "Scottish Local Authorities Management Centre (SLAMC) postgraduate certificate in the management of health and social care",
                Some("qualification")
            ),
            (
                "Institute of Leadership and Management (ILM) Certificate in First Line Management",
                Some("qualification")
            ),
            ("Managing Care in Scotland Open University K303", Some("qualification")),
            ("MSC Social Care", Some("qualification")),
        ]
    );
    // Only the relations the seed states: "for middle managers" (recommendation 4), "for senior
    // managers" (recommendation 3), "for first line managers" (§3.2), the certificate "from the
    // 'Leading to Deliver' programme" (§2.2); each marked as the encoder's reading.
    assert_eq!(entry_conditions(fw, "leading-to-deliver"), ["middle-manager"]);
    assert_eq!(entry_conditions(fw, "senior-managers-programme"), ["senior-manager"]);
    assert_eq!(
        entry_conditions(fw, "ilm-certificate-first-line-management"),
        ["first-line-manager"]
    );
    assert_eq!(entry_conditions(fw, "ltd-postgraduate-certificate"), ["leading-to-deliver"]);
    for id in [
        "svq-3",
        "svq-4",
        "registered-managers-award",
        "slamc-postgraduate-certificate",
        "ou-k303",
        "msc-social-care",
    ] {
        assert!(entry_conditions(fw, id).is_empty(), "{id}");
    }
    for c in &fw.credentials {
        if !c.requirements.is_empty() {
            assert!(has_interpretation(&c.notes), "{}", c.id);
        }
        // Each says whether it is part of the proposal or was in use in 2005.
        assert!(
            c.notes
                .iter()
                .any(|n| n.text.starts_with("Proposed") || n.text.contains("not part of the proposal")),
            "{}",
            c.id
        );
    }
    // "The programme is set at postgraduate certificate level" (§4.2); the senior programme
    // "should be formally accredited as a postgraduate programme" (recommendation 3).
    let ltd = &fw.credentials[fw.credential("leading-to-deliver").unwrap().0];
    assert!(ltd.notes.iter().any(|n| n.text.contains("set at postgraduate certificate level")));
    let senior = &fw.credentials[fw.credential("senior-managers-programme").unwrap().0];
    assert!(senior
        .description
        .as_deref()
        .is_some_and(|d| d.contains("formally accredited as a postgraduate programme")));
}

#[test]
fn key_leadership_challenges_for_social_work_2003_names_only() {
    let fw = framework("social-work-leadership-challenges-2003");
    // Seed 001 §3.6, quoting the January 2003 report, word for word.
    let titles: Vec<&str> = fw.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Leading with confidence in professional skills and values",
            "Leading multi-professional and multi-organisational teams, with a clear focus on achieving successful outcomes for users and carers",
            "Developing greater understanding, skill and experience in planning, commissioning and managing services with a multiplicity of providers",
            "Leading for continuous improvement and learning both within the profession and across professions",
            "Taking the lead in collaborative ventures such as community and planning and community participation at locality level"
        ]
    );
    assert!(fw.domains.is_empty() && fw.scales.is_empty() && fw.roles.is_empty() && fw.credentials.is_empty());
    assert_eq!(
        fw.description.as_deref(),
        Some("The original January 2003 report highlighted the following as key leadership challenges for social work.")
    );
    assert!(has_interpretation(&fw.notes));
}

#[test]
fn leadership_for_reform_and_customer_focus_draft_names_only() {
    let fw = framework("leadership-for-reform");
    // Seed 001 §6.6: "the key components of the learning framework currently under consideration".
    let titles: Vec<&str> = fw.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "The spectrum of customer focus",
            "Analysing your Customers",
            "Re-designing your organisation around your customers",
            "The ‘satisfaction mirror’",
            "Managing the wider environment",
            "Entrepreneurial skill"
        ]
    );
    assert!(fw.title.contains("draft"));
    assert!(has_note_starting(&fw.notes, "DRAFT"));
    assert!(has_interpretation(&fw.notes));
    assert!(fw.domains.is_empty() && fw.scales.is_empty() && fw.roles.is_empty() && fw.credentials.is_empty());
}

#[test]
fn proposed_standards_to_the_nhs_leadership_qualities_framework() {
    let cw = library()
        .crosswalks
        .iter()
        .find(|c| c.id == "social-services-standards-to-lqf")
        .expect("the crosswalk social-services-standards-to-lqf");
    assert_eq!((cw.from.as_str(), cw.to.as_str()), ("social-services-standards", "lqf"));
    assert!(cw.levels.is_empty());
    // The seed states no correspondence: every mapping is judgement, marked as such, with a
    // reason, and only `related` is claimed.
    assert!(has_interpretation(&cw.notes));
    assert_eq!(cw.mappings.len(), 6);
    assert!(cw
        .mappings
        .iter()
        .all(|m| m.closeness == Closeness::Related && m.rationale.is_some()));
    // Where the seed does speak to a gap (§6.2: professional leadership, management skills),
    // the notes quote it; every other element without a counterpart is listed.
    assert!(cw
        .notes
        .iter()
        .any(|n| n.text.starts_with("No counterpart: Leadership of the profession")
            && n.text.contains("clinical or professional leadership")));
    let missing = super::unlisted_elements(cw);
    assert!(missing.is_empty(), "unmapped and not listed: {missing:#?}");
}

/// `lfw ready --format json` for one example person, as of 2026-06-01.
fn verdict(file: &str, role: &str) -> serde_json::Value {
    let path = format!("frameworks/social-services/examples/{file}");
    let run = crate::lfw(&[
        "ready",
        "--framework",
        "social-services-standards",
        "--role",
        role,
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
        &path,
    ]);
    assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("JSON")
}

#[test]
fn the_three_example_people_against_the_proposed_tiers() {
    // The proposal requires nothing of a tier but its place in the order (the encoder's
    // reading), so the verdicts turn on the person's current tier.
    let first = verdict("first-line-ready-for-middle.json", "middle-manager");
    assert_eq!(first["person"], "ss-001");
    assert_eq!(first["ready"], true);
    assert_eq!(first["score"], 100.0);

    let aiming = verdict("first-line-aiming-at-senior.json", "senior-manager");
    assert_eq!(aiming["person"], "ss-002");
    assert_eq!(aiming["ready"], false);
    assert_eq!(aiming["essential"]["met"], 0);
    assert_eq!(aiming["requirements"][0]["kind"], "progression");
    assert_eq!(aiming["requirements"][0]["met"], false);

    let middle = verdict("middle-ready-for-senior.json", "senior-manager");
    assert_eq!(middle["person"], "ss-003");
    assert_eq!(middle["ready"], true);
    assert_eq!(middle["current_role"], "middle-manager");
}
