//! The command-line contract: exit codes, directories, formats.

use crate::lfw;

#[test]
fn the_bundled_frameworks_check_clean() {
    let run = lfw(&["check", "frameworks/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("lfw::"), "no diagnostics: {}", run.stderr);
    let json = lfw(&["check", "--format", "json", "frameworks/"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["diagnostics"].as_array().map(Vec::len), Some(0));
    assert!(doc["frameworks"].as_array().expect("frameworks").iter().any(|f| f == "police-ew"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(lfw(&[]).code, 2);
    assert_eq!(lfw(&["check"]).code, 2);
    assert_eq!(lfw(&["check", "--format", "yaml", "frameworks/"]).code, 2);
    assert_eq!(lfw(&["frobnicate"]).code, 2);
    let empty = lfw(&["check", "crates/lfw-syntax/src"]);
    assert_eq!(empty.code, 2, "a directory with no .lfw files is a usage error");
    assert!(empty.stderr.contains("no .lfw files"), "{}", empty.stderr);
}

#[test]
fn a_missing_file_is_an_input_error() {
    let run = lfw(&["check", "no/such/file.lfw"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("lfw::unreadable-file"), "{}", run.stderr);
}

#[test]
fn warnings_fail_only_when_denied() {
    let file = "tests/fixtures/diagnostics/regression/main.lfw";
    assert_eq!(lfw(&["check", file]).code, 0);
    assert_eq!(lfw(&["check", "--deny-warnings", file]).code, 1);
}

#[test]
fn a_directory_is_searched_for_lfw_files() {
    let json = lfw(&["check", "--format", "json", "tests/fixtures/diagnostics/override-kind"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(doc["files"].as_array().map(Vec::len), Some(2));
}

#[test]
fn no_colour_without_a_terminal() {
    let run = lfw(&["check", "tests/fixtures/diagnostics/many-errors/main.lfw"]);
    assert!(!run.stderr.contains('\u{1b}'), "no escape codes when not on a terminal");
}

/// Runs `lfw` from a directory with no frameworks in it, as a fresh install.
fn lfw_elsewhere(args: &[&str]) -> crate::Run {
    let dir = std::env::temp_dir();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lfw"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    crate::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

#[test]
fn bundled_frameworks_work_with_no_files_of_ones_own() {
    let list = lfw_elsewhere(&["list", "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let doc: serde_json::Value = serde_json::from_str(&list.stdout).expect("JSON");
    let police = doc["frameworks"]
        .as_array()
        .expect("frameworks")
        .iter()
        .find(|f| f["id"] == "police-ew")
        .expect("police-ew is bundled");
    assert_eq!(police["counts"]["roles"], 9);
    assert_eq!(police["counts"]["credentials"], 3);
    let text = lfw_elsewhere(&["list"]);
    assert!(text.stdout.lines().any(|l| l.starts_with("police-ew ")), "{}", text.stdout);

    let export = lfw_elsewhere(&["export", "--to", "json", "police-ew"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(export.stdout.contains("\"chief-constable\""));
    let check = lfw_elsewhere(&["check", "police-ew"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn an_unknown_framework_id_is_a_usage_error_with_a_suggestion() {
    let run = lfw_elsewhere(&["export", "--to", "json", "police-e"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean the bundled framework `police-ew`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn standard_error_that_cannot_be_written_is_not_a_panic() {
    let run = |args: &[&str], stderr: std::process::Stdio| {
        std::process::Command::new(env!("CARGO_BIN_EXE_lfw"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(stderr)
            .status()
            .expect("lfw runs")
            .code()
    };
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let errors = "tests/fixtures/diagnostics/many-errors/main.lfw";
    assert_eq!(run(&["check", errors], full().into()), Some(1), "diagnostics to a full stderr");
    assert_eq!(
        run(&["check", "frameworks/"], full().into()),
        Some(0),
        "the summary line to a full stderr"
    );
    assert_eq!(
        run(&["ready", "--framework", "cscf-2012", "--role", "nobody", "x.json"], full().into()),
        Some(2),
        "a usage error to a full stderr"
    );
}

/// `lfw init` writes a starter project that compiles without a warning and
/// is already formatted, and never overwrites a file.
#[test]
fn init_writes_a_starter_that_checks_clean() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let project = dir.path().join("leadership");
    let project = project.to_string_lossy().into_owned();
    let run = lfw(&["init", &project]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = lfw(&["check", "--deny-warnings", &project]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("0 errors, 0 warnings"), "{}", check.stderr);
    let fmt = lfw(&["fmt", "--check", &project]);
    assert_eq!(fmt.code, 0, "{}", fmt.stderr);
    let again = lfw(&["init", &project]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(again.stderr.contains("exists already"), "{}", again.stderr);
}

#[test]
fn completions_name_every_command() {
    let run = lfw(&["completions", "bash"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for command in ["check", "fmt", "ready", "path", "cohort", "succession", "diff", "init"] {
        assert!(run.stdout.contains(command), "{command}");
    }
    assert_eq!(lfw(&["completions", "tcsh"]).code, 2);
}

/// `--color always` colours diagnostics even into a pipe; `never` and the
/// default into a pipe do not.
#[test]
fn colour_is_asked_for_or_not() {
    let file = "tests/fixtures/diagnostics/split-ladder/main.lfw";
    let always = lfw(&["--color", "always", "check", file]);
    assert!(always.stderr.contains('\u{1b}'), "{}", always.stderr);
    for quiet in [&["--color", "never"][..], &[][..]] {
        let run = lfw(&[quiet, &["check", file]].concat());
        assert!(!run.stderr.contains('\u{1b}'), "{quiet:?}: {}", run.stderr);
    }
}

/// Every command's `--help` ends with examples.
#[test]
fn every_help_has_examples() {
    let listed = lfw(&["--help"]).stdout;
    for command in [
        "check",
        "export",
        "ready",
        "path",
        "cohort",
        "succession",
        "init",
        "completions",
        "diff",
        "compare",
        "translate",
        "fmt",
        "list",
        "import",
        "lsp",
    ] {
        let run = lfw(&[command, "--help"]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert!(run.stdout.contains("Examples:\n  lfw "), "{command} --help has no examples");
        // The help opens with what the command does, as `lfw --help` lists
        // it, not with the doc comment of its arguments' struct.
        let about: String = run.stdout.lines().next().unwrap_or_default().chars().take(30).collect();
        assert!(!about.starts_with("The arguments of"), "{command}: {about}");
        assert!(listed.contains(&about), "{command}: `{about}` is not how `lfw --help` lists it");
    }
}
