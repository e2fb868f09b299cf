//! The catalogue of bad inputs (issue 15): files that are empty, only
//! comments, binary, not UTF-8, with a byte-order mark, with CR LF or
//! lone CR line endings; profiles with dates out of range and a level given
//! as a number on a named scale; a CSV cohort with line breaks quoted in
//! its fields. Each lives in `tests/fixtures/bad/` and is run through the
//! binary: its exit code is asserted and its output snapshotted. Inputs
//! too large to commit (a 50 MB line, a CSV row that never ends) are made
//! in a temporary folder by the tests below.

use crate::{lfw, Run};
use std::path::Path;
use std::time::{Duration, Instant};

const SERVICES: &str = "tests/fixtures/ready/services.lfw";

/// What a run printed, for a snapshot.
fn shown(run: &Run) -> String {
    format!("exit code: {}\n\nstdout:\n{}\nstderr:\n{}", run.code, run.stdout, run.stderr)
}

/// Runs `lfw args`, asserts its exit code and snapshots its output.
fn case(name: &str, args: &[&str], code: i32) -> Run {
    let run = lfw(args);
    assert_eq!(run.code, code, "{name}: lfw {args:?}\n{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!(format!("bad-input-{name}"), shown(&run));
    run
}

fn check(name: &str, file: &str, code: i32) -> Run {
    case(name, &["check", &format!("tests/fixtures/bad/{file}")], code)
}

fn ready(name: &str, profile: &str, code: i32) -> Run {
    let profile = format!("tests/fixtures/bad/{profile}");
    case(
        name,
        &[
            "ready",
            "--framework",
            SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            "2026-01-01",
            &profile,
        ],
        code,
    )
}

/// An empty file, and one of only comments, declare nothing: no error.
#[test]
fn empty_and_comment_only_files() {
    let run = check("empty", "empty/empty.lfw", 0);
    assert!(run.stderr.contains("checked 1 file and 0 frameworks: 0 errors"));
    let run = check("only-comments", "only-comments/comments.lfw", 0);
    assert!(run.stderr.contains("checked 1 file and 0 frameworks: 0 errors"));
}

/// Binary data and Latin-1 text are not UTF-8: one error each, naming
/// the first bad byte, quoting nothing of the file.
#[test]
fn binary_and_invalid_utf8() {
    let run = check("binary", "binary/image.lfw", 1);
    assert!(run.stderr.contains("lfw::invalid-utf8") && run.stderr.contains("offset 0"));
    let run = check("invalid-utf8", "invalid-utf8/latin1.lfw", 1);
    assert!(run.stderr.contains("lfw::invalid-utf8") && run.stderr.contains("offset 25"));
    assert!(!run.stderr.contains("Latin-1"), "nothing of the file is quoted");
}

/// A byte-order mark at the start is ignored: the file compiles, and a
/// mistake is reported at its line and column.
#[test]
fn a_byte_order_mark() {
    let run = check("bom", "bom/bom.lfw", 0);
    assert!(run.stderr.contains("checked 1 file and 1 framework: 0 errors"));
    let run = check("bom-mistake", "bom/bom-mistake.lfw", 1);
    assert!(run.stderr.contains("bom-mistake.lfw:2:3"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("lfw::").count(), 1, "one mistake, one error");
    // `lfw fmt` leaves it out of the canonical layout.
    let run = lfw(&["fmt", "--check", "tests/fixtures/bad/bom/bom.lfw"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("bom.lfw"), "{}", run.stdout);
    // Columns on the first line are counted as an editor shows them.
    let run = check("bom-line-1", "bom/bom-line-1.lfw", 1);
    assert!(run.stderr.contains("bom-line-1.lfw:1:1]"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{feff}'), "the mark is not quoted");
    let run = lfw(&["check", "--format", "json", "tests/fixtures/bad/bom/bom-line-1.lfw"]);
    assert!(run.stdout.contains("\"column\": 1,"), "{}", run.stdout);
}

/// CR LF ends lines as LF does, mixed or not: a mistake on line 3 is
/// reported on line 3. A carriage return alone is not a line break: the
/// file's one error, at the first.
#[test]
fn line_endings() {
    for (name, file) in [("crlf", "crlf/crlf.lfw"), ("mixed-line-endings", "crlf/mixed.lfw")] {
        let run = check(name, file, 1);
        assert!(run.stderr.contains(&format!("{file}:3:3")), "{}", run.stderr);
        assert!(run.stderr.contains("did you mean `version \"1\"`?"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("lfw::").count(), 1, "one mistake, one error");
        assert!(!run.stderr.contains('\r'), "no carriage return reaches the terminal");
    }
    let run = check("lone-cr", "lone-cr/lone-cr.lfw", 1);
    assert!(run.stderr.contains("lfw::lone-carriage-return"));
    assert!(run.stderr.contains("lone-cr.lfw:1:36"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("lfw::").count(), 1, "one mistake, one error");
    assert!(!run.stderr.contains('\r'), "no carriage return reaches the terminal");
}

/// Dates run from 1900-01-01 to 9999-12-31; one outside is an error that
/// says so (not "not a date").
#[test]
fn dates_out_of_range() {
    let run = ready("date-before-1900", "dates/before-1900.json", 1);
    assert!(run.stderr.contains("lfw::invalid-date") && run.stderr.contains("outside the dates a profile may hold"));
    let run = ready("date-after-9999", "dates/after-9999.json", 1);
    assert!(run.stderr.contains("lfw::invalid-date") && run.stderr.contains("outside the dates a profile may hold"));
    let run = lfw(&[
        "ready",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        "2026-01-01",
        "tests/fixtures/bad/dates/edges.json",
    ]);
    assert_eq!(run.code, 0, "the first and last days are dates: {}", run.stderr);
    for (date, code) in [("1899-12-31", 2), ("10000-01-01", 2), ("9999-12-31", 0)] {
        let run = lfw(&[
            "ready",
            "--framework",
            SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            date,
            "tests/fixtures/bad/dates/edges.json",
        ]);
        assert_eq!(run.code, code, "--as-of {date}: {}", run.stderr);
        if code == 2 {
            assert!(run.stderr.contains("outside the dates lfw takes"), "{}", run.stderr);
        }
    }
}

/// A level given as a number where the scale names its levels.
#[test]
fn a_level_as_a_number_on_a_named_scale() {
    let run = ready("level-number", "level-number/number.json", 1);
    assert!(run.stderr.contains("lfw::unknown-level"));
    assert!(run.stderr.contains("the levels are essential, proficient, strong, exemplary"));
}

/// Line breaks quoted inside CSV fields: the rows after them are
/// reported on their own lines (hos-104 starts on line 8).
#[test]
fn a_csv_cohort_with_quoted_line_breaks() {
    let run = case(
        "csv-quoted-newlines",
        &[
            "cohort",
            "--framework",
            SERVICES,
            "--role",
            "assistant-director",
            "--as-of",
            "2026-01-01",
            "tests/fixtures/bad/csv-quoted-newlines/cohort.csv",
        ],
        1,
    );
    assert!(
        run.stderr
            .contains("`hos-104` (tests/fixtures/bad/csv-quoted-newlines/cohort.csv line 8)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("cohort of 4"), "the other four are judged: {}", run.stdout);
    // One person read alone points into the file at the right line.
    let run = lfw(&[
        "ready",
        "--framework",
        SERVICES,
        "--role",
        "assistant-director",
        "--as-of",
        "2026-01-01",
        "--person",
        "hos-104",
        "tests/fixtures/bad/csv-quoted-newlines/cohort.csv",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("cohort.csv:8:"), "{}", run.stderr);
}

/// Runs `lfw` in `dir` and returns its run and how long it took.
fn timed(dir: &Path, args: &[&str]) -> (Run, Duration) {
    let start = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lfw"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the lfw binary runs");
    let took = start.elapsed();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    };
    (run, took)
}

/// A 50 MB file of one line is refused before it is read; a 1 MiB line in
/// a small file is read past, not parsed. Both at once.
#[test]
fn a_fifty_megabyte_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let line = format!("framework f \"{}\"\n", "x".repeat(50_000_000));
    std::fs::write(dir.path().join("huge.lfw"), &line).expect("write");
    let (run, took) = timed(dir.path(), &["check", "huge.lfw"]);
    assert_eq!(run.code, 1);
    assert!(took < Duration::from_secs(5), "refused at once: {took:?}");
    insta::assert_snapshot!("bad-input-fifty-megabyte-line", shown(&run));

    let line = format!("framework f \"F\"\n  description \"{}\"\n  versoin \"1\"\n", "x".repeat(1 << 20));
    std::fs::write(dir.path().join("long.lfw"), &line).expect("write");
    let (run, took) = timed(dir.path(), &["check", "long.lfw"]);
    assert_eq!(run.code, 1);
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert!(run.stderr.contains("long.lfw:3:3"), "the line after it is read: {}", run.stderr);
    insta::assert_snapshot!("bad-input-one-mebibyte-line", shown(&run));
}

/// A CSV field whose quote is never closed makes the rest of the file one
/// record: reading stops at 16 MiB with the record's first line, and the
/// rows before it are judged.
#[test]
fn a_csv_record_that_never_ends() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut text = String::from("person,name,framework,role,role_since,record,item,level,source,date,until,note\n");
    text.push_str("hos-101,Sam,services-test,head-of-service,2022-04-01,assessment,managing-risk,strong,360,2025-11-01,,\n");
    text.push_str("hos-102,\"Never closed,services-test,head-of-service\n");
    let filler = format!("{}\n", "x".repeat(999));
    for _ in 0..20_000 {
        text.push_str(&filler);
    }
    std::fs::write(dir.path().join("open.csv"), text).expect("write");
    let framework = Path::new(env!("CARGO_MANIFEST_DIR")).join(SERVICES);
    let (run, took) = timed(
        dir.path(),
        &[
            "cohort",
            "--framework",
            framework.to_str().expect("UTF-8 path"),
            "--role",
            "assistant-director",
            "--as-of",
            "2026-01-01",
            "open.csv",
        ],
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`open.csv` line 3 could not be read: the row is longer than 16 MiB"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("cohort of 1"), "{}", run.stdout);
    insta::assert_snapshot!("bad-input-csv-record-too-long", shown(&run));
}
