//! The editor package (`editors/vscode/`): its TextMate grammar names every
//! word of the language's vocabulary, and its tokenisation test passes
//! under `vscode-tmgrammar-test` where Node.js and the package are
//! installed (`npm ci` in `editors/vscode/`; `.ci/run` does it when it
//! can). Without them that test says loudly that it was skipped.

use std::path::Path;
use std::process::Command;

fn package() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/editors/vscode"))
}

/// Every regular expression of the grammar.
fn matches(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("match" | "begin" | "end", serde_json::Value::String(s)) => out.push(s.clone()),
                    _ => matches(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| matches(v, out)),
        _ => {}
    }
}

#[test]
fn the_grammar_names_every_word_of_the_vocabulary() {
    let text = std::fs::read_to_string(package().join("syntaxes/lfw.tmLanguage.json")).expect("the grammar");
    let grammar: serde_json::Value = serde_json::from_str(&text).expect("the grammar is JSON");
    assert_eq!(grammar["scopeName"], "source.lfw");
    let mut regexes = Vec::new();
    matches(&grammar, &mut regexes);
    // A word is named as one alternative of a group: `(word|`, `|word|`, `|word)`.
    let alternatives: Vec<&str> = regexes.iter().flat_map(|r| r.split(['(', ')', '|'])).collect();
    let words = lfw_syntax::vocab::KEYWORDS
        .iter()
        .copied()
        .chain(lfw_syntax::vocab::ITEM_KEYWORDS.iter().map(|(w, _)| *w))
        .chain(lfw_syntax::vocab::DURATION_UNITS.iter().map(|(w, _)| *w));
    for word in words {
        assert!(alternatives.contains(&word), "the grammar does not name `{word}`");
    }
}

#[test]
fn the_grammar_tokenises_as_its_test_says() {
    let bin = package().join("node_modules/.bin/vscode-tmgrammar-test");
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED the_grammar_tokenises_as_its_test_says: Node.js (`node`) is not installed");
        return;
    }
    if !bin.exists() {
        eprintln!(
            "SKIPPED the_grammar_tokenises_as_its_test_says: vscode-tmgrammar-test is not installed \
             (run `npm ci` in editors/vscode)"
        );
        return;
    }
    let out = Command::new(&bin)
        .args(["-g", "syntaxes/lfw.tmLanguage.json", "tests/syntax.lfw"])
        .current_dir(package())
        .output()
        .expect("vscode-tmgrammar-test runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
}
