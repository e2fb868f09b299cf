//! No input panics, hangs or overflows the stack: every fixture and bundled
//! framework truncated, with garbage appended and duplicated, and some
//! pathological inputs, all give diagnostics.

use crate::corpus;
use lfw_model::{compile_str, Compilation};
use std::path::{Path, PathBuf};

/// Every span a diagnostic reports lies inside its file, on character
/// boundaries, so any renderer can show it.
fn spans_are_sound(c: &Compilation) {
    for d in &c.diagnostics {
        for label in d.primary.iter().chain(&d.related) {
            let text = &c.sources.get(label.loc.file).text;
            let s = label.loc.span;
            assert!(s.start <= s.end && s.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{d:?}");
        }
    }
}

fn has_error(c: &Compilation) -> bool {
    c.diagnostics.iter().any(|d| d.is_error())
}

#[test]
fn truncated_fixtures() {
    for (path, text) in corpus() {
        let step = (text.len() / 80).max(1);
        for cut in (0..text.len()).step_by(step).filter(|&i| text.is_char_boundary(i)) {
            let c = compile_str("cut.lfw", &text[..cut]);
            spans_are_sound(&c);
            // A byte-order mark at the start is whitespace.
            let kept = text[..cut].trim_start_matches('\u{feff}');
            if cut > 0
                && !kept.contains("framework")
                && !kept.trim().is_empty()
                && !kept
                    .lines()
                    .all(|l| l.trim().is_empty() || l.trim().starts_with("//") || l.trim().starts_with("import"))
            {
                assert!(!c.diagnostics.is_empty(), "{} cut at {cut} gave no diagnostic", path.display());
            }
        }
    }
}

#[test]
fn garbage_appended_to_fixtures() {
    let garbage = [
        "\n}}}{{{",
        "\n\"never closed",
        "\nrole",
        "\n\u{0}\u{7f}\u{fffd}é",
        "\nrequires 2 of (a, b",
        "\n((((((((",
    ];
    for (path, text) in corpus() {
        for g in garbage {
            let c = compile_str("garbage.lfw", &format!("{text}{g}"));
            spans_are_sound(&c);
            assert!(has_error(&c), "{} + {g:?} gave no error", path.display());
        }
    }
}

#[test]
fn duplicated_fixtures() {
    for (path, text) in corpus() {
        let c = compile_str("twice.lfw", &format!("{text}\n{text}"));
        spans_are_sound(&c);
        let declares = text.lines().any(|l| {
            lfw_syntax::item_keyword(l.split_whitespace().next().unwrap_or("")).is_some_and(|k| k != lfw_syntax::ast::ItemKind::Import)
        });
        if declares {
            assert!(has_error(&c), "{} twice gave no error", path.display());
        }
    }
}

#[test]
fn invalid_utf8_is_an_error_with_the_file_name() {
    let c = lfw_model::compile(&[PathBuf::from("bad.lfw")], &|_: &Path| Ok(vec![b'f', 0xff, 0xfe]));
    assert_eq!(c.diagnostics.len(), 1);
    assert_eq!(c.diagnostics[0].code, lfw_model::Code::InvalidUtf8);
    assert!(c.diagnostics[0].message.contains("bad.lfw"));
    // The payload says the same as data: which file, and where it goes wrong.
    let problem = &c.diagnostics[0].problem;
    assert!(
        matches!(problem, lfw_model::Problem::InvalidUtf8 { path, offset: 1, from: None } if path == "bad.lfw"),
        "{problem:?}"
    );
}

#[test]
fn pathological_inputs() {
    let mut long_list = String::from("framework f \"F\"\nrole r \"R\"\n  requires 2 of (");
    long_list.push_str(&"a, ".repeat(200_000));
    long_list.push_str("a) at x\n");
    let inputs = [
        "(".repeat(1_000_000),
        "\"".repeat(100_000),
        format!("framework f \"{}\"", "x".repeat(1_000_000)),
        "role r \"R\"\n  after r\n".repeat(10_000),
        "\n".repeat(200_000),
        long_list,
        format!(
            "framework f \"F\"\nscale s \"S\"\n  levels {}",
            (0..50_000).map(|i| format!("l{i}")).collect::<Vec<_>>().join(" < ")
        ),
    ];
    for input in &inputs {
        let c = compile_str("big.lfw", input);
        spans_are_sound(&c);
    }
}

#[test]
fn long_chains_do_not_overflow_the_stack() {
    // 20,000 roles each after the one before, and as many competencies each
    // needing the one before: deep graphs, walked without recursion.
    let mut text = String::from("framework f \"F\"\nscale s \"S\"\n  levels a < b\n");
    for i in 0..20_000 {
        text.push_str(&format!("skill c{i} \"C\"\n"));
        if i > 0 {
            text.push_str(&format!("  needs c{} at b\n", i - 1));
        }
        text.push_str(&format!("role r{i} \"R\"\n"));
        if i > 0 {
            text.push_str(&format!("  after r{} for 1 year\n", i - 1));
        }
    }
    text.push_str("role r0x \"Loop\"\n  after r19999\n");
    let c = compile_str("chain.lfw", &text);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics.first());
    let fw = &c.frameworks[0];
    let order = fw.development_order().expect("acyclic");
    assert_eq!(order.len(), 40_000);
    let route = fw.shortest_route(lfw_model::RoleId(0), lfw_model::RoleId(19_999)).expect("route");
    assert_eq!(route.len(), 20_000);
    assert_eq!(fw.route_months(&route), 19_999 * 12);
}
