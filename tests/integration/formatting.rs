//! `lfw fmt`: the canonical layout is idempotent and keeps the meaning (the
//! JSON export of every framework, and every diagnostic's code and message,
//! are those of the original), over every fixture, every bundled framework
//! and their layouts scrambled at random; and the command's contract.

use crate::corpus;
use crate::{lfw, Run};
use proptest::prelude::*;
use std::path::Path;

fn format(text: &str) -> Option<String> {
    let parsed = lfw_syntax::parse(text);
    parsed.errors.is_empty().then(|| lfw_syntax::format::format(&parsed.tree))
}

/// What a text means: every framework's export, every crosswalk's mappings,
/// and every diagnostic's code and message.
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

/// Every comment of a text, in order, as written (trailing spaces aside).
fn comments(text: &str) -> Vec<String> {
    lfw_syntax::parse(text)
        .tree
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == lfw_syntax::SyntaxKind::Comment)
        .map(|t| t.text().trim_end().to_string())
        .collect()
}

fn laws(text: &str) -> Result<(), TestCaseError> {
    let Some(once) = format(text) else { return Ok(()) };
    prop_assert_eq!(comments(&once), comments(text), "formatting keeps every comment, in order");
    let twice = format(&once);
    prop_assert_eq!(twice.as_deref(), Some(once.as_str()), "formatting twice changes nothing");
    prop_assert!(meaning(&once) == meaning(text), "formatting keeps the meaning:\n{}", once);
    Ok(())
}

#[test]
fn the_laws_hold_over_the_corpus() {
    let mut formatted = 0;
    for (path, text) in corpus() {
        if format(text).is_some() {
            formatted += 1;
        }
        laws(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    assert!(formatted > 40, "most of the corpus has no syntax errors: {formatted}");
}

#[test]
fn the_bundled_frameworks_are_formatted() {
    let run = lfw(&["fmt", "--check", "frameworks/"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.is_empty());
}

/// A file's layout scrambled: each space between words becomes a random
/// run of spaces and tabs, and blank lines and comment lines are added
/// between lines.
fn scramble(text: &str, seed: &[u8]) -> String {
    let mut out = String::new();
    let mut k = 0;
    let mut next = || {
        k += 1;
        seed[k % seed.len()]
    };
    for line in text.lines() {
        match next() % 7 {
            0 => out.push('\n'),
            1 => out.push_str("  // a comment added here\n"),
            _ => {}
        }
        let indent = (next() % 4) as usize;
        out.push_str(&" ".repeat(indent));
        let mut in_text = false;
        for c in line.trim_start().chars() {
            if c == '"' {
                in_text = !in_text;
            }
            if c == ' ' && !in_text {
                out.push_str(["  ", " ", "\t", "   "][(next() % 4) as usize]);
            } else {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_laws_hold_for_scrambled_layouts(file in 0usize..1000, seed in prop::collection::vec(any::<u8>(), 1..64)) {
        let corpus = corpus();
        let (_, text) = &corpus[file % corpus.len()];
        // Comment lines inside a text's pieces would end the line they
        // continue, which changes the meaning: those files are skipped.
        let scrambled = scramble(text, &seed);
        if format(text).is_some() && format(&scrambled).is_some() {
            laws(&scrambled)?;
        }
    }
}

/// A copy of a fixture folder to format in place.
fn scratch_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for name in ["v1-reformatted.lfw", "v1.lfw"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare").join(name);
        std::fs::copy(from, dir.path().join(name)).expect("copy");
    }
    dir
}

fn lfw_at(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--root", dir.to_str().expect("UTF-8 path")];
    all.extend_from_slice(args);
    let args: Vec<String> = all.iter().map(|a| a.replace("{dir}", dir.to_str().expect("UTF-8 path"))).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    lfw(&args)
}

#[test]
fn check_lists_what_would_change_and_changes_nothing() {
    let dir = scratch_copy();
    let before = std::fs::read_to_string(dir.path().join("v1-reformatted.lfw")).expect("read");
    let run = lfw_at(dir.path(), &["fmt", "--check", "{dir}"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("v1-reformatted.lfw"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("v1-reformatted.lfw")).expect("read"),
        before
    );
}

#[cfg(unix)]
#[test]
fn formatting_in_place_keeps_permissions_and_then_checks_clean() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch_copy();
    let file = dir.path().join("v1-reformatted.lfw");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = lfw_at(dir.path(), &["fmt", "{dir}"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(&file).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the file keeps its permissions");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind: {leftovers:?}");
    assert_eq!(lfw_at(dir.path(), &["fmt", "--check", "{dir}"]).code, 0);
    let formatted = std::fs::read_to_string(&file).expect("read");
    insta::assert_snapshot!("v1-reformatted", formatted);
}

#[test]
fn a_file_with_syntax_errors_is_left_alone() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("broken.lfw");
    let text = "role   r Title Without Quotes\n";
    std::fs::write(&file, text).expect("write");
    let run = lfw_at(dir.path(), &["fmt", "{dir}"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("lfw::syntax") && run.stderr.contains("left as it is"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn standard_input_to_standard_output() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let filter = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lfw"))
            .args(["fmt", "-"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
        let out = child.wait_with_output().expect("output");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = filter("role r \"R\"\n      after   x   for 2 years\n");
    assert_eq!(code, Some(0));
    assert_eq!(stdout, "role r \"R\"\n  after x for 2 years\n");
    let (code, stdout, stderr) = filter("role r R\n");
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty(), "nothing on standard output for a file with errors");
    assert!(stderr.contains("role r \"R\""), "{stderr}");
}

/// `level <id> "Title"` lines are kept, in place, laid out like any
/// property line, and the titles survive (they are part of the export).
#[test]
fn level_titles_are_kept_and_laid_out() {
    let text = "framework f \"F\"\n\nscale stage \"Stages\"\n  levels a < b <   c\n     level  b   \"Leading\"\n         \"others\"   // the CVF's word\n level a \"Leading myself\"\ncompetency x \"X\"\n";
    let want = "framework f \"F\"\n\nscale stage \"Stages\"\n  levels a < b < c\n  level b \"Leading\"\n          \"others\" // the CVF's word\n  level a \"Leading myself\"\n\ncompetency x \"X\"\n";
    let once = format(text).expect("no syntax errors");
    assert_eq!(once, want);
    laws(text).expect("the laws hold");
    let (frameworks, _, diagnostics) = meaning(&once);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(
        frameworks[0]["scales"][0]["level_titles"],
        serde_json::json!({"a": "Leading myself", "b": "Leading others"})
    );
}
