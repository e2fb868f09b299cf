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
