//! The compiled question of a cohort and the full readiness report agree:
//! on random frameworks, people and evidence policies, every role gets the
//! same verdict, score and unmet requirements from both.

use lfw_assess::compiled::{Compiled, Gap, ProfileRef, Scratch};
use lfw_assess::profile::{AssessmentInput, CredentialInput, LevelInput, Origin, StintInput};
use lfw_assess::{bind, readiness, Date, ProfileInput, Question};
use lfw_model::RoleId;
use proptest::prelude::*;

const LEVELS: [&str; 4] = ["a", "b", "c", "d"];

/// A framework of five skills on one scale (two in a domain), two
/// credentials and four roles, with requirements of every kind chosen by
/// `reqs` (one small number per requirement) and `policy`.
fn framework(reqs: &[(u8, u8, u8)], policy: u8, valid: u8) -> String {
    let mut s = String::from("framework f \"F\"\n");
    s.push_str(match policy % 5 {
        0 => "  evidence latest\n",
        1 => "  evidence highest\n",
        2 => "  evidence lowest\n",
        3 => "  evidence median\n",
        _ => "  evidence ranked x > y\n",
    });
    if valid % 3 > 0 {
        s.push_str(&format!("  evidence valid for {} months\n", valid));
    }
    s.push_str("scale s \"S\"\n  levels a < b < c < d\ndomain dom \"D\"\n");
    for i in 0..5 {
        s.push_str(&format!("skill k{i} \"K{i}\"\n"));
        if i == 1 {
            s.push_str("domain other \"O\"\n");
        }
    }
    s.push_str("credential x1 \"X1\"\ncredential x2 \"X2\"\n");
    for r in 0..4 {
        s.push_str(&format!("role r{r} \"R{r}\"\n"));
        if r == 0 {
            s.push_str("  entry\n");
        } else {
            s.push_str(&format!("  after r{} for {} months\n", r - 1, r * 7));
            if r == 3 {
                s.push_str("  after r1\n");
            }
        }
        for &(kind, a, b) in reqs.iter().filter(|q| q.0 as usize % 4 == r) {
            let necessity = if a % 4 == 0 { "desirable" } else { "requires" };
            let level = LEVELS[b as usize % 4];
            let condition = match kind / 4 % 6 {
                0 => format!("k{} at {level}", a % 5),
                1 => format!("all in dom at {level}"),
                2 => format!("{} of (k0, k2, k3, k4) at {level}", a % 5),
                3 => format!("x{}", a % 2 + 1),
                4 => format!("r{}", a % 4),
                _ => format!("{} months as r{}", b % 30, a % 4),
            };
            s.push_str(&format!("  {necessity} {condition}\n"));
        }
    }
    s
}

fn date(days: u16) -> String {
    Date::from_days(19_000 + i64::from(days)).to_string()
}

fn arb_profile() -> impl Strategy<Value = ProfileInput> {
    // Often on the same few days, so that ties between assessments (which
    // the policies break in a fixed way) come up.
    let day = prop_oneof![0u16..700, Just(400u16), Just(500u16)];
    let assessment = (0usize..5, 0usize..4, 0usize..3, day).prop_map(|(c, l, s, d)| AssessmentInput {
        competency: format!("k{c}"),
        level: LevelInput::Name(LEVELS[l].to_string()),
        source: ["x", "y", "z"][s].to_string(),
        date: date(d),
        note: None,
    });
    let credential = (1usize..3, prop::option::of(0u16..800)).prop_map(|(c, d)| CredentialInput {
        id: format!("x{c}"),
        date: d.map(date),
    });
    let stint = (0usize..4, 0u16..400, prop::option::of(0u16..500)).prop_map(|(r, from, len)| StintInput {
        role: format!("r{r}"),
        from: date(from),
        to: len.map(|l| date(from + l)),
    });
    (
        0usize..4,
        0u16..800,
        prop::collection::vec(assessment, 0..12),
        prop::collection::vec(credential, 0..3),
        prop::collection::vec(stint, 0..3),
    )
        .prop_map(|(role, since, assessments, credentials, history)| ProfileInput {
            id: "p".to_string(),
            name: None,
            framework: None,
            role: format!("r{role}"),
            role_since: date(since),
            assessments,
            credentials,
            history,
            attributes: Default::default(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_compiled_question_agrees_with_readiness(
        reqs in prop::collection::vec((0u8..48, 0u8..20, 0u8..8), 0..10),
        policy in 0u8..5,
        valid in 0u8..30,
        as_of in 300u16..900,
        profile in arb_profile(),
    ) {
        let c = lfw_model::compile_str("f.lfw", &framework(&reqs, policy, valid));
        prop_assert!(!c.has_errors(), "{:?}", c.diagnostics);
        let fw = &c.frameworks[0];
        let q = Question { as_of: Date::from_days(19_000 + i64::from(as_of)), combine: None, valid_months: None };
        let origin = Origin { path: "p.json".into(), line: None, file: None };
        let person = bind(&profile, fw, &origin, None).expect("a valid profile");
        let view = ProfileRef::of(&profile);
        let mut scratch = Scratch::default();
        for role in 0..fw.roles.len() {
            let full = readiness(fw, &person, RoleId(role), &q);
            let compiled = Compiled::new(fw, RoleId(role), &q);
            prop_assert!(compiled.bind(&view, &mut scratch));
            let verdict = compiled.judge(&mut scratch);
            let offset = usize::from(full.requirements.first().is_some_and(|c| c.kind == lfw_assess::readiness::CheckKind::Progression));
            let missing: Vec<Gap> = full
                .requirements
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.met && c.necessity == lfw_syntax::ast::Necessity::Essential)
                .map(|(i, _)| match i < offset {
                    // Why the progression rule is unmet, worked out here from
                    // the model's own queries.
                    true if fw.roles[role].after.iter().any(|a| a.role == person.role) => Gap::TimeServed,
                    true if fw.leads_to(person.role, RoleId(role)) => Gap::RoleBelow,
                    true => Gap::RoleElsewhere,
                    false => Gap::Requirement(i - offset),
                })
                .collect();
            prop_assert_eq!(verdict.ready, full.ready, "role r{}", role);
            prop_assert_eq!(verdict.holds, person.role == RoleId(role), "role r{}", role);
            prop_assert_eq!(verdict.score, full.score, "role r{}", role);
            prop_assert_eq!(verdict.missing, missing.as_slice(), "role r{}", role);
        }
    }
}
