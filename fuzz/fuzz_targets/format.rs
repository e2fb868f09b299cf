//! The formatter's laws on any text that parses without errors: the tree
//! is lossless, formatting twice changes nothing, and the formatted text
//! means what the original did (as tests/integration/formatting.rs checks
//! meaning: every framework's export, every crosswalk, every diagnostic's
//! code and message).
#![no_main]

use libfuzzer_sys::fuzz_target;

fn format(text: &str) -> Option<String> {
    let parsed = lfw_syntax::parse(text);
    parsed.errors.is_empty().then(|| lfw_syntax::format::format(&parsed.tree))
}

fn meaning(text: &str) -> (Vec<serde_json::Value>, Vec<String>, Vec<String>) {
    let c = lfw_model::compile_str("meaning.lfw", text);
    let frameworks = c.frameworks.iter().map(lfw_model::export::framework).collect();
    let crosswalks = c
        .crosswalks
        .iter()
        .map(|x| {
            let mappings: Vec<_> = x.mappings.iter().map(|m| (&m.from, &m.to, m.closeness, &m.rationale)).collect();
            let notes: Vec<_> = x.notes.iter().map(|n| (n.kind, &n.text)).collect();
            format!(
                "{} {} {} {} {:?} {:?} {:?} {:?}",
                x.id, x.title, x.from, x.to, x.levels, mappings, x.description, notes
            )
        })
        .collect();
    let diagnostics = c.diagnostics.iter().map(|d| format!("{} {}", d.code.as_str(), d.message)).collect();
    (frameworks, crosswalks, diagnostics)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(once) = format(text) else { return };
    let twice = format(&once);
    assert_eq!(twice.as_deref(), Some(once.as_str()), "formatting twice changes nothing");
    assert!(meaning(&once) == meaning(text), "formatting keeps the meaning:\n{once}");
});
