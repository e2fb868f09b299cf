//! Untrusted frameworks: imports stay inside the project, only regular
//! `.lfw` files are read, nothing else is quoted, and nothing hangs.
//! Fixed attacks are fixtures in `tests/fixtures/bad/` (each snapshotted
//! with its exit code); attacks that need a pipe, a device or a symbolic
//! link are built in a temporary folder by the tests below.

use crate::{relative, Run};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A value put in the environment of every run here: an import of
/// `/proc/self/environ` that leaked would print it.
const PROBE: &str = "lfw-environment-probe-4b1d";

/// Runs `lfw` in `dir`, killing it if it has not finished within a few
/// seconds (the attacks here used to block for ever).
fn lfw_in(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lfw"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LFW_TEST_PROBE", PROBE)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the lfw binary runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lfw {args:?} did not finish: it blocked or looped");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains(PROBE), "the environment leaked:\n{text}");
        assert!(!text.contains("root:x:0"), "/etc/passwd leaked:\n{text}");
    }
    run
}

fn codes(run: &Run) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("check --format json prints JSON");
    doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn every_bad_input_fixture() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    insta::glob!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad"), "*/main.lfw", |path| {
        let file = relative(path);
        let text = lfw_in(repo, &["check", &file]);
        let json = lfw_in(repo, &["check", "--format", "json", &file]);
        assert_eq!(text.code, 1, "{file}: every bad input is an error\n{}", text.stderr);
        assert_eq!(json.code, 1);
        insta::assert_snapshot!("text", format!("exit code: {}\n\n{}", text.code, text.stderr));
        insta::assert_snapshot!("json", json.stdout);
    });
}

/// A project folder with a framework that imports `import`.
fn project_importing(import: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(
        dir.path().join("main.lfw"),
        format!("import \"{import}\"\nframework main \"Main\"\n"),
    )
    .expect("write");
    dir
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn pipes_and_devices_are_not_read() {
    let dir = project_importing("pipe.lfw");
    mkfifo(&dir.path().join("pipe.lfw"));
    let run = lfw_in(dir.path(), &["check", "--format", "json", "main.lfw"]);
    assert_eq!(run.code, 1);
    assert_eq!(codes(&run), ["lfw::not-a-file"]);

    // A device inside the project (with `--root /` it is not outside).
    let dir = project_importing("zero.lfw");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.lfw")).expect("symlink");
    let run = lfw_in(dir.path(), &["check", "--format", "json", "main.lfw"]);
    assert_eq!(codes(&run), ["lfw::import-outside-root"]);
    let run = lfw_in(dir.path(), &["--root", "/", "check", "--format", "json", "main.lfw"]);
    assert_eq!(codes(&run), ["lfw::not-lfw-source"], "/dev/zero does not end in .lfw");
}

#[cfg(unix)]
#[test]
fn symbolic_links_do_not_leave_the_project() {
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("secret.lfw"), "framework secret \"Secret\"\n").expect("write");
    let dir = project_importing("inside.lfw");
    std::os::unix::fs::symlink(outside.path().join("secret.lfw"), dir.path().join("inside.lfw")).expect("symlink");
    let run = lfw_in(dir.path(), &["check", "--format", "json", "main.lfw"]);
    assert_eq!(codes(&run), ["lfw::import-outside-root"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["frameworks"], serde_json::json!(["main"]), "the secret framework was not read");

    // A link inside the project to a file that is not `.lfw` source.
    let dir = project_importing("notes.lfw");
    std::fs::write(dir.path().join("notes.txt"), "private notes\n").expect("write");
    std::os::unix::fs::symlink(dir.path().join("notes.txt"), dir.path().join("notes.lfw")).expect("symlink");
    let run = lfw_in(dir.path(), &["check", "main.lfw"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("lfw::not-lfw-source"), "{}", run.stderr);
    assert!(!run.stderr.contains("private notes"), "{}", run.stderr);
}

#[test]
fn the_project_root_is_the_nearest_marker_or_the_root_flag() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    std::fs::write(dir.path().join("base.lfw"), "framework base \"Base\"\n").expect("write");
    std::fs::write(
        sub.join("main.lfw"),
        "import \"../base.lfw\"\nframework main \"Main\"\n  extends base\n",
    )
    .expect("write");

    // Without a marker the folder being checked is the root: `..` leaves it.
    let run = lfw_in(&sub, &["check", "--format", "json", "main.lfw"]);
    assert!(codes(&run).contains(&"lfw::import-outside-root".to_string()), "{}", run.stdout);
    // `--root` names a wider folder.
    let run = lfw_in(&sub, &["--root", "..", "check", "main.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // So does an `lfw.toml` above the checked file.
    std::fs::write(dir.path().join("lfw.toml"), "").expect("write");
    let run = lfw_in(&sub, &["check", "main.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A `--root` that is not a folder is a usage error.
    let run = lfw_in(&sub, &["--root", "no-such-folder", "check", "main.lfw"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_bundled_file_that_imports_across_sectors_checks_alone() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = lfw_in(repo, &["check", "frameworks/cross-sector/ccl-to-lqf.lfw"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // And from another folder, by absolute path.
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    let file = repo.join("frameworks/cross-sector/ccl-to-lqf.lfw");
    let run = lfw_in(elsewhere.path(), &["check", file.to_str().expect("UTF-8 path")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn folder_walks_skip_links_and_pipes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("a.lfw"), "framework a \"A\"\n").expect("write");
    // Two links back up the tree used to make the walk loop for ever.
    std::os::unix::fs::symlink(".", dir.path().join("self")).expect("symlink");
    std::os::unix::fs::symlink("..", dir.path().join("up")).expect("symlink");
    mkfifo(&dir.path().join("pipe.lfw"));
    let run = lfw_in(dir.path(), &["check", "--format", "json", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["files"], serde_json::json!(["a.lfw"]), "each file once, the pipe skipped");
}

#[test]
fn a_folder_given_as_a_framework_is_a_usage_error() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = lfw_in(repo, &["export", "--to", "json", "frameworks"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_lfw_source_is_not_checked() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = lfw_in(repo, &["check", "Cargo.toml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("lfw::not-lfw-source"), "{}", run.stderr);
    assert!(!run.stderr.contains("[workspace]"), "{}", run.stderr);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = project_importing("huge.lfw");
    let huge = std::fs::File::create(dir.path().join("huge.lfw")).expect("create");
    // Sparse: the limit is checked before a byte is read.
    huge.set_len(lfw_model::MAX_SOURCE_BYTES + 1).expect("set_len");
    let run = lfw_in(dir.path(), &["check", "--format", "json", "main.lfw"]);
    assert_eq!(codes(&run), ["lfw::file-too-large"]);
}

/// Escape sequences, a bell, a lone carriage return, NUL and bidi
/// overrides in a framework or a profile never reach the terminal as
/// written: text output shows them escaped, diagnostics' snippets show `?`,
/// and Markdown cells cannot break their table.
#[test]
fn text_from_input_reaches_no_terminal_raw() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let nasty = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{202e}txt.exe\u{0}";
    std::fs::write(
        dir.path().join("f.lfw"),
        format!(
            "framework f \"{nasty}\"\nscale s \"S\"\n  levels a < b\nskill k \"K\"\nrole r \"Role | {nasty}\"\n  entry\n  requires k at b\n"
        ),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("p.json"),
        serde_json::json!({"id": "p1", "name": format!("Name | {nasty}\nnext"), "role": "r", "role_since": "2020-01-01",
            "assessments": [{"competency": "k", "level": "a", "source": "self", "date": "2026-01-01"}]})
        .to_string(),
    )
    .expect("write");
    let raw = |text: &str| {
        text.chars()
            .any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{0}' || c == '\u{202e}')
    };
    for format in ["text", "markdown"] {
        let run = lfw_in(
            dir.path(),
            &[
                "ready",
                "--framework",
                "f.lfw",
                "--role",
                "r",
                "--as-of",
                "2026-06-01",
                "--format",
                format,
                "p.json",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!raw(&run.stdout) && !raw(&run.stderr), "{format}: {:?}", run.stdout);
        assert!(run.stdout.contains("\\u{1b}"), "{format}: escapes are visible: {}", run.stdout);
        if format == "markdown" {
            assert!(run.stdout.contains("Name \\| Evil"), "a `|` cannot end a cell: {}", run.stdout);
            assert!(!run.stdout.contains("\nnext"), "a line break cannot end a row: {}", run.stdout);
        }
    }
    // A diagnostic quoting a line with them shows `?` in its place.
    std::fs::write(dir.path().join("g.lfw"), format!("framework g \"G\"\n  sector {nasty}\n")).expect("write");
    let run = lfw_in(dir.path(), &["check", "g.lfw"]);
    assert_eq!(run.code, 1);
    assert!(!raw(&run.stderr), "{:?}", run.stderr);
    assert!(!run.stderr.contains("\r\u{202e}"), "{:?}", run.stderr);
}

/// One bad record is reported with its line and the rest is judged; a file
/// that is not a cohort at all is an error, not "a cohort of 0".
#[test]
fn a_cohort_survives_bad_records_and_refuses_what_is_not_one() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let good = |id: &str| format!("{{\"id\":\"{id}\",\"role\":\"seo\",\"role_since\":\"2020-01-01\"}}\n");
    let mut jsonl = good("a").into_bytes();
    jsonl.extend_from_slice(b"{\"id\":\"\xff\xfe\"}\n");
    jsonl.extend_from_slice(b"{not json}\n");
    jsonl.extend_from_slice(format!("{{\"id\":\"{}\"}}\n", "x".repeat((16 << 20) + 10)).as_bytes());
    jsonl.extend_from_slice(good("b").as_bytes());
    std::fs::write(dir.path().join("mixed.jsonl"), jsonl).expect("write");
    let cohort = |file: &str| {
        lfw_in(
            dir.path(),
            &[
                "cohort",
                "--framework",
                "cscf-2012",
                "--role",
                "g7",
                "--as-of",
                "2026-06-01",
                "--format",
                "json",
                file,
            ],
        )
    };
    let run = cohort("mixed.jsonl");
    assert_eq!(run.code, 1, "problems make the exit status 1");
    let summary: serde_json::Value = serde_json::from_str(&run.stdout).expect("a summary is still written");
    assert_eq!(summary["people"], 2, "the good lines around the bad ones are judged");
    assert_eq!(summary["invalid"], 3);
    for line in ["line 2", "line 3", "line 4"] {
        assert!(run.stderr.contains(line), "{line} is reported: {}", run.stderr);
    }
    assert!(run.stderr.contains("longer than 16 MiB"), "{}", run.stderr);

    std::fs::write(dir.path().join("zeros.csv"), vec![0u8; 1 << 20]).expect("write");
    std::fs::write(dir.path().join("no-person.csv"), "name,role,role_since\nA,seo,2020-01-01\n").expect("write");
    std::fs::write(dir.path().join("empty.jsonl"), "\n\n").expect("write");
    for (file, why) in [
        ("zeros.csv", "no `person` column"),
        ("no-person.csv", "no `person` column"),
        ("empty.jsonl", "holds no profile"),
    ] {
        let run = cohort(file);
        assert_eq!(run.code, 1, "{file}");
        assert!(
            run.stderr.contains("is not a cohort") && run.stderr.contains(why),
            "{file}: {}",
            run.stderr
        );
    }
}
