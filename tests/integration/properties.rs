//! Laws that hold for every input.

use lfw_model::compile_str;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Parsing never panics and every span it returns is inside the text.
    #[test]
    fn parsing_any_text_is_total(text in "\\PC{0,400}") {
        let parsed = lfw_syntax::parse(&text);
        for e in &parsed.errors {
            prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }

    /// Text made of the language's own words is the hard case for a parser:
    /// compiling it never panics.
    #[test]
    fn compiling_word_salad_is_total(words in prop::collection::vec(prop::sample::select(vec![
        "framework", "f", "\"T\"", "scale", "levels", "a", "<", "b", "role", "r", "after", "for", "2", "years",
        "requires", "at", "of", "(", ",", ")", "all", "in", "skill", "needs", "domain", "\n", "\n", "credential",
        "extends", "import", "crosswalk", "from", "to", "map", "as", "close", "entry", "desirable", "any",
    ]), 0..120)) {
        let text = words.join(" ");
        let _ = compile_str("salad.lfw", &text);
    }

    /// For any acyclic set of prerequisites, the development order puts
    /// every prerequisite before what needs it.
    #[test]
    fn development_order_respects_prerequisites(edges in prop::collection::vec((0usize..12, 0usize..12, 0usize..3, 0usize..3), 0..30)) {
        let mut text = String::from("framework f \"F\"\nscale s \"S\"\n  levels l0 < l1 < l2\n");
        for i in 0..12 {
            text.push_str(&format!("skill c{i} \"C{i}\"\n"));
            // Only edges from a lower-numbered competency: always acyclic.
            for &(a, b, la, lb) in edges.iter().filter(|e| e.1 == i && e.0 < e.1) {
                text.push_str(&format!("  at l{lb} needs c{a} at l{la}\n"));
                let _ = b;
            }
        }
        let c = compile_str("dag.lfw", &text);
        prop_assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let fw = &c.frameworks[0];
        let order = fw.development_order().expect("acyclic");
        let position = |n: (lfw_model::CompetencyId, usize)| order.iter().position(|&m| m == n).expect("every node is ordered");
        for (i, comp) in fw.competencies.iter().enumerate() {
            for p in &comp.prerequisites {
                prop_assert!(position((p.needs, p.level)) < position((lfw_model::CompetencyId(i), p.at)));
            }
        }
    }
}

mod readiness_laws {
    use lfw_assess::profile::{Evidence, Person};
    use lfw_assess::{readiness, Date, Question};
    use lfw_model::{CompetencyId, CredentialId, Framework, RoleId};
    use proptest::prelude::*;

    fn services() -> Framework {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ready/services.lfw");
        let c = lfw_model::compile(&[path], &|p: &std::path::Path| Ok(std::fs::read(p)?));
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        c.frameworks.into_iter().next().expect("framework")
    }

    fn date(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn question() -> Question {
        Question {
            as_of: date("2026-06-01"),
            combine: None,
            valid_months: None,
        }
    }

    /// A person with an optional level per competency, assessed recently.
    fn person(fw: &Framework, levels: &[Option<usize>], role: RoleId, months_in_role: u32, credentials: bool) -> Person {
        let assessments = levels
            .iter()
            .enumerate()
            .filter_map(|(c, l)| l.map(|l| (c, l)))
            .map(|(c, l)| Evidence {
                competency: CompetencyId(c),
                level: l.min(fw.levels_of(CompetencyId(c)).len() - 1),
                source: "manager".into(),
                date: date("2026-01-01"),
                note: None,
            })
            .collect();
        let since = Date::from_days(20_605 - i64::from(months_in_role) * 31); // 2026-06-01 minus the months
        Person {
            id: "p".into(),
            name: None,
            role,
            role_since: since,
            assessments,
            credentials: if credentials {
                (0..fw.credentials.len()).map(|c| (CredentialId(c), None)).collect()
            } else {
                Vec::new()
            },
            history: Vec::new(),
        }
    }

    fn levels() -> impl Strategy<Value = Vec<Option<usize>>> {
        prop::collection::vec(prop::option::of(0usize..4), 4)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Whoever meets every requirement of a role is ready for it.
        #[test]
        fn meeting_every_requirement_means_ready(role in 0usize..3) {
            let fw = services();
            let target = RoleId(role);
            let from = fw.roles[role].after.first().map(|a| a.role).unwrap_or(target);
            let p = person(&fw, &[Some(3); 4], from, 120, true);
            let mut p = p;
            // The experience an entry condition or requirement may ask for.
            p.history = (0..fw.roles.len()).map(|r| lfw_assess::profile::Stint { role: RoleId(r), from: date("2000-01-01"), to: Some(date("2010-01-01")) }).collect();
            let r = readiness(&fw, &p, target, &question());
            prop_assert!(r.ready, "{:#?}", r.requirements);
            prop_assert_eq!(r.score, 100.0);
            prop_assert!(r.plan.is_empty());
        }

        /// Raising any one level never lowers the score for any role.
        #[test]
        fn raising_a_level_never_lowers_the_score(levels in levels(), which in 0usize..4, months in 0u32..80, creds: bool) {
            let fw = services();
            let before = person(&fw, &levels, RoleId(0), months, creds);
            let mut raised_levels = levels.clone();
            raised_levels[which] = Some(raised_levels[which].map(|l| (l + 1).min(3)).unwrap_or(0));
            let after = person(&fw, &raised_levels, RoleId(0), months, creds);
            for role in 0..fw.roles.len() {
                let a = readiness(&fw, &before, RoleId(role), &question()).score;
                let b = readiness(&fw, &after, RoleId(role), &question()).score;
                prop_assert!(b >= a, "role {role}: {a} then {b}");
            }
        }

        /// Every development plan lists a competency level only after the
        /// levels it needs, as far as the person lacks them.
        #[test]
        fn plans_respect_the_prerequisite_order(levels in levels(), role in 0usize..3) {
            let fw = services();
            let p = person(&fw, &levels, RoleId(0), 12, false);
            let r = readiness(&fw, &p, RoleId(role), &question());
            let develop: Vec<(CompetencyId, usize)> = r.plan.iter().filter_map(|s| match s {
                lfw_assess::readiness::Step::Develop { competency, to, .. } => Some((*competency, *to)),
                _ => None,
            }).collect();
            for (i, &(c, to)) in develop.iter().enumerate() {
                for pre in fw.competencies[c.0].prerequisites.iter().filter(|pre| pre.at <= to) {
                    let has = levels[pre.needs.0].is_some_and(|l| l >= pre.level);
                    if !has {
                        let earlier = develop[..i].iter().any(|&(d, reached)| d == pre.needs && reached >= pre.level);
                        prop_assert!(earlier, "{} at {to} before its prerequisite {:?}", fw.competencies[c.0].id, pre);
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The day a plan says a person becomes eligible is the first day on
    /// which, staying in their role, they have served the time: the same as
    /// walking day by day from the question's date. With earlier stints of
    /// the role, and start days late in a month (31st, 29 February).
    #[test]
    fn eligibility_is_the_first_day_with_enough_time(
        since_days in 0i64..20_000,
        since_to_as_of in 0i64..2_000,
        needs in 0u32..80,
        earlier in prop::option::of((0i64..3_000, 1i64..1_500)),
    ) {
        use lfw_assess::{profile::Stint, Date, Person};
        let since = Date::from_days(since_days);
        let as_of = Date::from_days(since_days + since_to_as_of);
        let role = lfw_model::RoleId(0);
        let history = earlier
            .map(|(gap, length)| Stint {
                role,
                from: Date::from_days(since_days - gap - length),
                to: Some(Date::from_days(since_days - gap)),
            })
            .into_iter()
            .collect();
        let person = Person {
            id: "p".into(),
            name: None,
            role,
            role_since: since,
            assessments: Vec::new(),
            credentials: Vec::new(),
            history,
        };
        let months = |d| lfw_assess::readiness::months_in(&person, role, d);
        let mut walked = as_of;
        while months(walked) < needs {
            walked = walked.next_day();
        }
        prop_assert_eq!(lfw_assess::plan::eligible_on(&person, role, needs, as_of), walked);
    }
}
