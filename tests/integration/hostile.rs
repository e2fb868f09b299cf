//! Untrusted frameworks: imports stay inside the project, only regular
//! `.lfw` files are read, nothing else is quoted, and nothing hangs.
//! Fixed attacks are fixtures in `tests/fixtures/bad/` (each snapshotted
//! with its exit code); attacks that need a pipe, a device or a symbolic
//! link are built in a temporary folder by the tests below.

use crate::{relative, Run};
use lfw_model::Code;
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
    // Read as it comes: a full pipe would stop the child.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped")));
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("lfw {args:?} did not finish: it blocked or looped");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().expect("stdout read"),
        stderr: stderr.join().expect("stderr read"),
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

/// `lfw ready` reads a profile file whole: one larger than the limit is
/// refused having read no more than the limit (a sparse file of 100 GB is
/// not read to its end), and a person is found in a large JSON Lines file
/// in time in proportion to it (each line's place was searched for from the
/// start of the file: 20,000 people took 44 s).
#[test]
fn a_profile_file_read_whole_is_bounded() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let huge = std::fs::File::create(dir.path().join("huge.json")).expect("create");
    huge.set_len(100 << 30).expect("set_len");
    let run = within(20, "a 100 GB profile", {
        let dir = dir.path().to_path_buf();
        move || lfw_in(&dir, &["ready", "--framework", "cscf-2012", "--role", "g7", "huge.json"])
    });
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 64 MiB"), "{}", run.stderr);

    let mut people = String::new();
    for i in 0..20_000 {
        people.push_str(&format!(
            "{{\"id\":\"p{i}\",\"role\":\"seo\",\"role_since\":\"2024-12-01\",\"assessments\":[{{\"competency\":\"seeing-the-big-picture\",\"level\":\"4\",\"source\":\"manager\",\"date\":\"2025-01-01\"}}]}}\n"
        ));
    }
    std::fs::write(dir.path().join("many.jsonl"), people).expect("write");
    let run = within(5, "one person of 20,000", {
        let dir = dir.path().to_path_buf();
        move || {
            lfw_in(
                &dir,
                &[
                    "ready",
                    "--framework",
                    "cscf-2012",
                    "--role",
                    "g7",
                    "--as-of",
                    "2026-06-01",
                    "--person",
                    "p19999",
                    "many.jsonl",
                ],
            )
        }
    });
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("p19999"), "{}", run.stdout);
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
    std::fs::write(
        dir.path().join("no-record.csv"),
        "person,role,role_since\np,seo,2020-01-01\nq,seo,2020-01-01\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("empty.jsonl"), "\n\n").expect("write");
    for (file, why) in [
        ("zeros.csv", "no `person` column"),
        ("no-person.csv", "no `person` column"),
        // Reported once, not once a row.
        ("no-record.csv", "no `record` column"),
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

// Work that grows with the input: each attack below used to take seconds,
// minutes or for ever. Each is built here, at the size that hurt, and must
// finish in well under a second even in a debug build; the deadline only
// turns a regression into a failure instead of a hang.

/// Runs `work` on its own thread, failing the test if it has not finished
/// within `seconds`, and returns its result; it prints how long it took.
fn within<T: Send + 'static>(seconds: u64, what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    match receive.recv_timeout(Duration::from_secs(seconds)) {
        Ok(value) => {
            eprintln!("{what}: {:?}", start.elapsed());
            value
        }
        Err(_) => panic!("{what} did not finish within {seconds} s"),
    }
}

fn question() -> lfw_assess::Question {
    lfw_assess::Question {
        as_of: lfw_assess::Date::parse("2025-01-01").expect("a date"),
        combine: None,
        valid_months: None,
    }
}

/// 30 ranks of two roles, each after both roles of the rank before: 2³⁰
/// routes from the bottom to the top.
fn lattice(ranks: usize) -> String {
    let mut text =
        String::from("framework lattice \"Lattice\"\nrole a0 \"A0\"\n  entry\nrole b0 \"B0\"\n  entry\nrole lone \"Lone\"\n  entry\n");
    for i in 1..ranks {
        for side in ["a", "b"] {
            text.push_str(&format!(
                "role {side}{i} \"{side}{i}\"\n  after a{} for 1 year\n  after b{} for {} months\n",
                i - 1,
                i - 1,
                i % 7
            ));
        }
    }
    text
}

#[test]
fn every_route_of_a_lattice_is_counted_not_walked() {
    let routes = within(20, "path --all over a lattice of 30 ranks", || {
        let c = lfw_model::compile_str("lattice.lfw", &lattice(30));
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics.first());
        let fw = &c.frameworks[0];
        let role = |n: &str| fw.role(n).expect(n);
        let q = question();
        let top = lfw_assess::route::routes(fw, role("a0"), role("b29"), true, None, &q);
        let middle = lfw_assess::route::routes(fw, role("a0"), role("a15"), true, None, &q);
        // Nothing leads to `lone`: every route from `a0` is a dead end.
        let nowhere = lfw_assess::route::routes(fw, role("a0"), role("lone"), true, None, &q);
        (
            top.routes.len(),
            top.truncated,
            top.count,
            middle.count,
            nowhere.routes.len(),
            top.routes.iter().map(|r| (r.steps.len(), r.min_months)).collect::<Vec<_>>(),
        )
    });
    let (listed, truncated, count, middle, nowhere, keys) = routes;
    assert_eq!(listed, lfw_assess::route::MAX_ROUTES);
    assert!(truncated);
    assert_eq!(count, 1 << 28, "two ways into every rank between the first and the last");
    assert_eq!(middle, 1 << 14);
    assert_eq!(nowhere, 0);
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "shortest first: {keys:?}");

    // And through the binary, which used to walk every dead end to `lone`.
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("lattice.lfw"), lattice(30)).expect("write");
    let start = Instant::now();
    let nowhere = lfw_in(
        dir.path(),
        &["path", "--framework", "lattice.lfw", "--from", "a0", "--to", "lone", "--all"],
    );
    let top = lfw_in(
        dir.path(),
        &["path", "--framework", "lattice.lfw", "--from", "a0", "--to", "b29", "--all"],
    );
    eprintln!("lfw path --all over the lattice, twice: {:?}", start.elapsed());
    assert_eq!(nowhere.code, 1, "no route: {}", nowhere.stderr);
    assert_eq!(top.code, 0, "{}", top.stderr);
    assert!(
        top.stdout.contains("route 100:") && !top.stdout.contains("route 101:"),
        "{}",
        top.stdout
    );
    assert!(top.stdout.contains("(only the first 100 routes are listed)"), "{}", top.stdout);
}

/// A circle of 10,000 roles used to be drawn with a label on every one of
/// its `after` lines, which took minutes; it is named by its first roles.
/// 3,600 steps of 99,999 years: 4,319,956,800 months, more than 32 bits.
/// The total used to wrap to 2,082,458 years.
#[test]
fn a_route_longer_than_32_bits_of_months_does_not_wrap() {
    let mut text = String::from("framework long \"Long\"\nrole r0 \"R0\"\n  entry\n");
    for i in 1..=3_600 {
        text.push_str(&format!("role r{i} \"R\"\n  after r{} for 99999 years\n", i - 1));
    }
    let c = lfw_model::compile_str("long.lfw", &text);
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics.first());
    let fw = &c.frameworks[0];
    let (from, to) = (fw.role("r0").expect("r0"), fw.role("r3600").expect("r3600"));
    let routes = lfw_assess::route::routes(fw, from, to, false, None, &question());
    assert_eq!(routes.routes[0].exact_months, 3_600 * 99_999 * 12);
    assert_eq!(routes.routes[0].min_months, u32::MAX, "capped, not wrapped");

    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("long.lfw"), &text).expect("write");
    let run = lfw_in(dir.path(), &["path", "--framework", "long.lfw", "--from", "r0", "--to", "r3600"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("2082458 years"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("warning: the least time of route 1 is 4319956800 months (359996400 years)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_long_progression_cycle_is_one_short_diagnostic() {
    let mut text = String::from("framework f \"F\"\nrole r0 \"R\"\n  after r9999\n");
    for i in 1..10_000 {
        text.push_str(&format!("role r{i} \"R\"\n  after r{}\n", i - 1));
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("cycle.lfw"), &text).expect("write");
    let start = Instant::now();
    let run = lfw_in(dir.path(), &["check", "cycle.lfw"]);
    eprintln!("check of a progression cycle of 10,000 roles: {:?}", start.elapsed());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("lfw::progression-cycle").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("r0 → r1 → r2"), "{}", run.stderr);
    assert!(run.stderr.contains("(10000 in all)"), "{}", run.stderr);
    assert!(run.stderr.len() < 5_000, "a few roles are named and labelled, not 10,000");
}

/// Each role requiring a credential was asked of the ladder with a search
/// of its own, and each diagnostic was drawn with every line between its two
/// labels: 10,000 such roles took minutes and two million lines of output.
#[test]
fn credentials_asked_of_a_long_ladder() {
    let n = 3_000;
    let mut text = String::from("framework f \"F\"\nscale s \"S\"\n  levels a < b\n");
    for k in 0..n {
        text.push_str(&format!("credential c{k} \"C\"\n  requires r{k}\n"));
    }
    for k in 0..n {
        let step = if k == 0 { "entry".to_string() } else { format!("after r{}", k - 1) };
        text.push_str(&format!("role r{k} \"R\"\n  {step}\n  requires c{}\n", n - 1 - k));
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("ladder.lfw"), &text).expect("write");
    let start = Instant::now();
    let run = lfw_in(dir.path(), &["check", "ladder.lfw"]);
    eprintln!("check of 3,000 roles each requiring a credential: {:?}", start.elapsed());
    // Role k reaches role n-1-k from the middle of the ladder down.
    assert_eq!(
        run.stderr.matches("lfw::credential-needs-role").count(),
        n / 2,
        "{}",
        &run.stderr[..2_000]
    );
    assert!(run.stderr.lines().count() < 25 * n / 2, "each diagnostic is a few lines");
}

/// The order of a crosswalk's level correspondences was checked pair by
/// pair, with a diagnostic for each crossing pair: 50,000 lines that
/// alternate between two crossing correspondences were 625 million of them.
#[test]
fn a_crosswalk_of_many_crossing_level_lines() {
    let c = within(20, "50,000 crossing level correspondences", || {
        let mut files = Files::new();
        files.insert("a.lfw".into(), "framework a \"A\"\nscale s \"S\"\n  levels a1 < a2\n".into());
        files.insert("b.lfw".into(), "framework b \"B\"\nscale t \"T\"\n  levels b1 < b2\n".into());
        let mut text = String::from("import \"a.lfw\"\nimport \"b.lfw\"\n\ncrosswalk x \"X\"\n  from a to b\n");
        for i in 0..50_000 {
            text.push_str(if i % 2 == 0 { "  level a1 to b2\n" } else { "  level a2 to b1\n" });
        }
        files.insert("x.lfw".into(), text);
        compile_map("x.lfw", files)
    });
    let order = c.diagnostics.iter().filter(|d| d.code == Code::CrosswalkLevelOrder).count();
    assert_eq!(order, 49_999, "one for each line after the first, not one for each pair");
}

/// Each unknown name used to be compared with every name of its kind, all
/// sorted again first: 20,000 unknown names among 2,000 took minutes.
#[test]
fn twenty_thousand_unknown_references() {
    let c = within(20, "20,000 unknown references", || {
        let mut text = String::from("framework f \"F\"\nscale s \"S\"\n  levels a < b\nrole start \"Start\"\n  entry\n");
        for i in 0..2_000 {
            text.push_str(&format!("skill c{i} \"C\"\n"));
        }
        for i in 0..20 {
            let names: Vec<String> = (0..1_000).map(|j| format!("x{}", i * 1_000 + j)).collect();
            text.push_str(&format!(
                "role r{i} \"R\"\n  after start\n  requires 1 of ({}) at a\n",
                names.join(", ")
            ));
        }
        lfw_model::compile_str("unknown.lfw", &text)
    });
    assert_eq!(c.diagnostics.len(), 20_000);
    assert!(c.diagnostics.iter().all(|d| d.code == lfw_model::Code::UnknownReference));
    // Near misses are still suggested while the work allows.
    let c = lfw_model::compile_str(
        "near.lfw",
        "framework f \"F\"\nrole constable \"C\"\nrole sergeant \"S\"\n  after cosntable\n",
    );
    assert_eq!(c.diagnostics[0].help.as_deref(), Some("did you mean `constable`?"));
}

/// Did-you-mean compared the two names, 100,000 characters each: 10¹⁰
/// steps. Now the lines are too long to be read at all, and a name just
/// under that limit gets no suggestion: it is not compared.
#[test]
fn a_hundred_thousand_character_id() {
    let c = within(20, "a 100,000-character id", || {
        let long = "a".repeat(100_000);
        let near = format!("{}b", "a".repeat(99_999));
        let text = format!("framework f \"F\"\nrole {long} \"R\"\n  entry\nrole other \"O\"\n  after {near}\n");
        lfw_model::compile_str("long.lfw", &text)
    });
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::LineTooLong, Code::LineTooLong]);
    assert_eq!(
        c.diagnostics[0].primary.as_ref().map(|l| l.loc.span.len()),
        Some(4),
        "the keyword, not the line"
    );

    let c = within(20, "a 60,000-character id", || {
        let long = "a".repeat(60_000);
        let near = format!("{}b", "a".repeat(59_999));
        let text = format!("framework f \"F\"\nrole {long} \"R\"\n  entry\nrole other \"O\"\n  after {near}\n");
        lfw_model::compile_str("long.lfw", &text)
    });
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnknownReference]);
    assert!(c.diagnostics[0].fixes.is_empty(), "no suggestion for a name this long");
}

/// An in-memory project: paths to texts.
type Files = std::collections::HashMap<std::path::PathBuf, String>;

fn compile_map(root: &str, files: Files) -> lfw_model::Compilation {
    let read = move |p: &Path| -> Result<Vec<u8>, lfw_model::ReadError> {
        files
            .get(p)
            .map(|t| t.clone().into_bytes())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound).into())
    };
    lfw_model::compile(&[std::path::PathBuf::from(root)], &read)
}

/// `n` frameworks in as many files, each extending the one before; each
/// file imports the one before it (`chained`), or the first imports them
/// all.
fn extends_chain(n: usize, chained: bool) -> Files {
    let mut files = Files::new();
    for i in 0..n {
        let mut text = String::new();
        if chained && i > 0 {
            text.push_str(&format!("import \"f{}.lfw\"\n", i - 1));
        }
        if !chained && i == n - 1 {
            for j in 0..n - 1 {
                text.push_str(&format!("import \"f{j}.lfw\"\n"));
            }
        }
        text.push_str(&format!("framework f{i} \"F{i}\"\n"));
        if i > 0 {
            text.push_str(&format!("  extends f{}\n", i - 1));
        }
        text.push_str(&format!("role r{i} \"R{i}\"\n"));
        if i > 0 {
            text.push_str(&format!("  after r{}\n", i - 1));
        }
        files.insert(std::path::PathBuf::from(format!("f{i}.lfw")), text);
    }
    files
}

fn codes_of(c: &lfw_model::Compilation) -> Vec<Code> {
    c.diagnostics.iter().map(|d| d.code).collect()
}

/// Each framework of a chain of `extends` is compiled with all it inherits:
/// 3,000 files took 14 s and 3 GB. Imports and `extends` now go 64 deep.
#[test]
fn an_extends_chain_of_three_thousand_files() {
    // Each file importing the one before: the imports stop at 64 deep, and
    // the framework that would have come next is unknown.
    let c = within(20, "an extends chain of 3,000 files, each importing the one before", || {
        compile_map("f2999.lfw", extends_chain(3_000, true))
    });
    assert_eq!(c.sources.len(), 65);
    // The file 64 imports deep names a framework and a role it cannot see.
    assert_eq!(codes_of(&c), [Code::ImportTooDeep, Code::UnknownReference, Code::UnknownReference]);
    assert_eq!(c.frameworks.len(), 65);
    // The last file importing all the others: 64 `extends` deep at most.
    let c = within(20, "an extends chain of 3,000 files, all imported by the last", || {
        compile_map("f2999.lfw", extends_chain(3_000, false))
    });
    assert_eq!(c.sources.len(), 3_000);
    assert_eq!(codes_of(&c), [Code::ExtendsTooDeep], "once, for the first framework too deep");
    assert_eq!(c.frameworks.len(), 65, "f0 to f64");
    assert!(c.diagnostics[0].message.contains("`f65`"), "{}", c.diagnostics[0].message);
}

#[test]
fn at_most_ten_thousand_files() {
    let c = within(20, "10,001 files", || {
        let mut files = Files::new();
        let mut root = String::from("framework f \"F\"\n");
        for i in 0..10_001 {
            root.push_str(&format!("import \"{i}.lfw\"\n"));
            files.insert(format!("{i}.lfw").into(), String::new());
        }
        files.insert("main.lfw".into(), root);
        compile_map("main.lfw", files)
    });
    assert_eq!(c.sources.len(), lfw_model::limits::MAX_FILES);
    assert_eq!(codes_of(&c), [Code::TooManyFiles], "reported once");
}

/// 7,000 levels (as many as one line holds) and 150 competencies rated on
/// them: over a million competency levels, the nodes of the prerequisite
/// graph.
#[test]
fn at_most_a_million_competency_levels() {
    let c = within(20, "150 competencies of 7,000 levels", || {
        let levels: Vec<String> = (0..7_000).map(|i| format!("l{i}")).collect();
        let mut text = format!("framework f \"F\"\nscale s \"S\"\n  levels {}\n", levels.join(" < "));
        for i in 0..150 {
            text.push_str(&format!("skill c{i} \"C\"\n"));
        }
        lfw_model::compile_str("levels.lfw", &text)
    });
    assert_eq!(codes_of(&c), [Code::TooManyElements]);
    assert!(c.frameworks.is_empty(), "not compiled");
}

/// `all in` a domain of 2,000 competencies, asked by 600 roles: over a
/// million competencies listed, each of which the compiled framework keeps.
#[test]
fn at_most_a_million_competencies_listed_by_requirements() {
    let c = within(20, "600 roles asking for all of 2,000 competencies", || {
        let mut text = String::from("framework f \"F\"\nscale s \"S\"\n  levels a < b\ndomain d \"D\"\n");
        for i in 0..2_000 {
            text.push_str(&format!("skill c{i} \"C\"\n"));
        }
        for i in 0..600 {
            text.push_str(&format!("role r{i} \"R\"\n  requires all in d at a\n"));
        }
        lfw_model::compile_str("members.lfw", &text)
    });
    assert_eq!(codes_of(&c), [Code::TooManyElements], "reported once");
    let fw = &c.frameworks[0];
    let kept: usize = fw.roles.iter().filter(|r| !r.requirements.is_empty()).count();
    assert_eq!(kept, 500, "a million is 500 requirements of 2,000");
}

#[test]
fn at_most_a_hundred_thousand_elements() {
    let c = within(20, "100,001 roles", || {
        let mut text = String::from("framework f \"F\"\n");
        for i in 0..100_001 {
            text.push_str(&format!("role r{i} \"R\"\n"));
        }
        lfw_model::compile_str("many.lfw", &text)
    });
    assert_eq!(codes_of(&c), [Code::TooManyElements]);
    assert!(c.frameworks.is_empty(), "not compiled");
}

/// `--threads` takes 1 to 256: more is a usage error, not thousands of
/// threads asked of the system.
#[test]
fn threads_are_bounded() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cohort = |threads: &str| {
        lfw_in(
            repo,
            &[
                "cohort",
                "--framework",
                "tests/fixtures/ready/services.lfw",
                "--role",
                "assistant-director",
                "--as-of",
                "2026-06-01",
                "--threads",
                threads,
                "tests/fixtures/ready/cohort.jsonl",
            ],
        )
    };
    for bad in ["0", "257", "4096", "18446744073709551616"] {
        let run = cohort(bad);
        assert_eq!(run.code, 2, "--threads {bad}: {}", run.stderr);
        assert!(run.stderr.contains("--threads"), "{}", run.stderr);
    }
    let (one, most) = (cohort("1"), cohort("256"));
    assert_eq!((one.code, most.code), (0, 0), "{}{}", one.stderr, most.stderr);
    assert_eq!(one.stdout, most.stdout);
}

/// `--threads 4096` under a memory limit panicked when the system refused
/// a thread. A share whose thread is refused is now judged on the calling
/// thread. This runs the test below again, alone, in a process where no
/// thread can be made: `RUST_MIN_STACK` asks a petabyte of stack of each.
#[cfg(target_os = "linux")]
#[test]
fn a_cohort_is_judged_when_no_thread_can_be_had() {
    let out = Command::new(std::env::current_exe().expect("this test binary"))
        .args(["--exact", "hostile::cohort_without_threads", "--test-threads=1", "--nocapture"])
        .env("RUST_MIN_STACK", (1u64 << 50).to_string())
        .env("LFW_TEST_NO_THREADS", "1")
        .output()
        .expect("the test binary runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "{stdout}\n{stderr}");
}

/// Run by the test above; does nothing in an ordinary run.
#[test]
fn cohort_without_threads() {
    if std::env::var_os("LFW_TEST_NO_THREADS").is_none() {
        return;
    }
    assert!(std::thread::Builder::new().spawn(|| ()).is_err(), "no thread can be had here");
    struct Count(usize);
    impl lfw_assess::cohort::Sink for Count {
        fn person(&mut self, _: &lfw_assess::cohort::PersonRow) {
            self.0 += 1;
        }
        fn problem(&mut self, _: &lfw_assess::ProfileDiagnostic) {}
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let c = crate::compile_path(&repo.join("tests/fixtures/ready/services.lfw"));
    let fw = &c.frameworks[0];
    let role = fw.role("assistant-director").expect("role");
    let scratch = tempfile::tempdir().expect("temporary folder");
    let run = |threads: usize| {
        let path = repo.join("tests/fixtures/ready/cohort.csv");
        let input = lfw_assess::read::Input {
            name: "cohort.csv".to_string(),
            format: lfw_assess::read::ProfileFormat::Csv,
            len: std::fs::metadata(&path).ok().map(|m| m.len()),
            reader: Box::new(std::fs::File::open(&path).expect("the cohort opens")),
        };
        let opts = lfw_assess::cohort::Options {
            question: lfw_assess::Question {
                as_of: lfw_assess::Date::parse("2026-06-01").expect("a date"),
                combine: None,
                valid_months: None,
            },
            strict: false,
            threads,
            scratch: scratch.path().to_path_buf(),
        };
        let mut sink = Count(0);
        let summary = lfw_assess::cohort::run(fw, role, input, &opts, &mut sink).expect("the cohort runs");
        (format!("{summary:?}"), sink.0)
    };
    let (alone, many) = (run(1), run(8));
    assert!(alone.1 > 1, "several people are judged");
    assert_eq!(alone, many);
}

/// `--valid-for` took any number and cut it down to 32 bits of months
/// without a word; it takes what the language takes, and refuses more.
#[test]
fn valid_for_beyond_the_language_is_a_usage_error() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ready = |valid: &str| {
        lfw_in(
            repo,
            &[
                "ready",
                "--framework",
                "tests/fixtures/ready/services.lfw",
                "--role",
                "assistant-director",
                "--as-of",
                "2026-06-01",
                "--valid-for",
                valid,
                "tests/fixtures/ready/head-ready.json",
            ],
        )
    };
    for bad in ["100000y", "400000000y", "4294967296m", "99999999999999999999m", "y", "3 weeks"] {
        let run = ready(bad);
        assert_eq!(run.code, 2, "--valid-for {bad}: {}", run.stderr);
        assert!(run.stderr.contains("--valid-for"), "{}", run.stderr);
    }
    for good in ["99999y", "99999m", "never", "3y"] {
        assert_eq!(ready(good).code, 0, "--valid-for {good}");
    }
}

/// A profile with a problem in every one of 100,000 values: each problem is
/// placed in the text, and given its column in the line, in one pass over
/// the text, not one pass each (which took 100,000 times as long).
#[test]
fn a_profile_wrong_in_every_value() {
    let problems = within(20, "100,000 wrong values in one profile", || {
        let wrong = vec!["5"; 100_000].join(",");
        let line = format!(r#"{{"id":"p","role":"r","role_since":"2020-01-01","credentials":[{wrong}]}}"#);
        let misread = lfw_assess::json::profile(&line).expect_err("wrong values");
        lfw_assess::profile::misread("p.jsonl", Some(1), &line, None, misread)
    });
    assert_eq!(problems.len(), 100_000);
    let last = problems.last().expect("a problem");
    assert!(last.message.contains("line 1, column "), "{}", last.message);
    assert!(last.message.contains("`credentials[99999]`"), "{}", last.message);
}

/// A framework of `titles.len()` skills, `prefix0`, `prefix1`, … titled
/// `titles`.
fn skills(prefix: &str, titles: &[String]) -> String {
    let mut text = String::from("framework gen \"Generated\"\n  default scale s\n\nscale s \"S\"\n  levels a < b < c\n\n");
    for (i, t) in titles.iter().enumerate() {
        text.push_str(&format!("skill {prefix}{i} \"{t}\"\n"));
    }
    text
}

/// Titles of three made-up words each, the same every run.
fn made_up_titles(n: usize) -> Vec<String> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    (0..n)
        .map(|_| {
            let words: Vec<String> = (0..3)
                .map(|_| (0..4 + next(6)).map(|_| char::from(b'a' + next(26) as u8)).collect())
                .collect();
            words.join(" ")
        })
        .collect()
}

/// A diff with 3,000 renames compared every removed title with every added
/// one, building both titles' letter pairs each time: 70 s. Now the pairs
/// are counted through an index, in bounded work.
#[test]
fn three_thousand_renames() {
    let d = within(20, "a diff of 3,000 renames", || {
        let titles = made_up_titles(3000);
        let renamed: Vec<String> = titles.iter().map(|t| format!("{t} well")).collect();
        let old = lfw_model::compile_str("old.lfw", &skills("c", &titles));
        let new = lfw_model::compile_str("new.lfw", &skills("d", &renamed));
        assert!(!old.has_errors() && !new.has_errors());
        lfw_diff::diff(&old.frameworks[0], &new.frameworks[0])
    });
    assert!(!d.renames_cut_short);
    assert_eq!(d.elements.len(), 3000, "3,000 renames and nothing else");
    for c in &d.elements {
        assert_eq!(c.change, lfw_diff::diff::ElementChangeKind::Renamed);
        assert_eq!(c.old_id.as_deref().map(|o| &o[1..]), Some(&c.id[1..]), "each to its own");
    }
}

/// Titles that all share nearly all their letter pairs make every pair a
/// candidate: the search stops at its budget of work, and says so.
#[test]
fn three_thousand_alike_titles() {
    let titles: Vec<String> = (0..3000).map(|i| format!("Competency number {i}")).collect();
    let renamed: Vec<String> = titles.iter().map(|t| format!("{t} revised")).collect();
    let (old, new) = (skills("c", &titles), skills("d", &renamed));
    let (o, n) = (old.clone(), new.clone());
    let d = within(20, "a diff of 3,000 alike titles", move || {
        let old = lfw_model::compile_str("old.lfw", &o);
        let new = lfw_model::compile_str("new.lfw", &n);
        lfw_diff::diff(&old.frameworks[0], &new.frameworks[0])
    });
    assert!(d.renames_cut_short, "the budget ran out");
    let renamed = d
        .elements
        .iter()
        .filter(|c| c.change == lfw_diff::diff::ElementChangeKind::Renamed)
        .count();
    assert!(renamed > 100, "the pairs looked at are still matched: {renamed}");

    // The binary says so, in every format.
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("old.lfw"), old).expect("write");
    std::fs::write(dir.path().join("new.lfw"), new).expect("write");
    let run = lfw_in(dir.path(), &["diff", "--format", "json", "old.lfw", "new.lfw"]);
    assert_eq!(run.code, 1, "they differ");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(doc["renames_cut_short"], true);
    for format in ["text", "markdown"] {
        let run = lfw_in(dir.path(), &["diff", "--format", format, "old.lfw", "new.lfw"]);
        assert_eq!(run.code, 1);
        assert!(run.stdout.contains("too many alike titles to match every rename"), "{format}");
    }
}

/// A profile naming 20,000 competencies, half of them unknown, against a
/// framework of 20,000: each name was looked for by reading the framework's
/// list through, and each problem's place by searching the profile's text
/// from its start.
#[test]
fn a_profile_with_twenty_thousand_references() {
    let n = 20_000;
    let mut framework = String::from("framework f \"F\"\n  default scale s\nscale s \"S\"\n  levels a < b\nrole r \"R\"\n  entry\n");
    for i in 0..n {
        framework.push_str(&format!("skill c{i} \"C{i}\"\n"));
    }
    let assessments: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let competency = if i % 2 == 0 { format!("c{i}") } else { format!("unknown-{i}") };
            serde_json::json!({"competency": competency, "level": "b", "source": "self", "date": "2025-01-01"})
        })
        .collect();
    let profile = serde_json::json!({"id": "p", "role": "r", "role_since": "2020-01-01", "assessments": assessments}).to_string();
    let problems = within(20, "a profile with 20,000 references", move || {
        let c = lfw_model::compile_str("f.lfw", &framework);
        assert!(!c.has_errors(), "{:?}", c.diagnostics.first());
        let mut sources = c.sources.clone();
        let input = lfw_assess::read::Input {
            name: "p.json".into(),
            format: lfw_assess::read::ProfileFormat::Json,
            reader: Box::new(std::io::Cursor::new(profile.into_bytes())),
            len: None,
        };
        let (input, origin) = lfw_assess::read::read_one(input, None, &mut sources).expect("readable");
        lfw_assess::bind(&input, &c.frameworks[0], &origin, Some(&sources)).expect_err("unknown references")
    });
    assert_eq!(problems.len(), n / 2, "one problem per unknown name");
    assert!(problems.iter().all(|d| d.code == Code::UnknownReference));
    assert!(problems[0].primary.is_some(), "problems point at their places");
    assert!(
        problems[0].message.contains("`assessments[1].competency`"),
        "{}",
        problems[0].message
    );
    let last = problems.last().expect("problems");
    assert!(
        last.message.contains(&format!("`assessments[{}].competency`", n - 1)),
        "each names its field: {}",
        last.message
    );
}

/// A CASE package whose texts hold what makes source read differently from
/// what it is ("Trojan source": bidi controls, the line and paragraph
/// separators, a byte-order mark, a zero-width space), and whose item type
/// holds a line break that would forge a line on standard error.
fn trojan_package() -> String {
    let hidden = "A\u{202e}B\u{2066}C\u{2069}\u{2028}D\u{2029}\u{feff}E\u{200b}F";
    serde_json::json!({
        "CFDocument": { "identifier": "d1", "title": format!("Title {hidden}"), "description": hidden },
        "CFItems": [
            { "identifier": "i1", "fullStatement": format!("Item {hidden}"), "CFItemType": "Type\nerror: forged" },
        ],
        "CFAssociations": [],
    })
    .to_string()
}

fn is_trojan(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}')
}

#[test]
fn case_import_writes_no_trojan_source() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("lfw.toml"), "").expect("write the marker");
    std::fs::write(dir.path().join("package.json"), trojan_package()).expect("write the package");
    let run = lfw_in(dir.path(), &["import", "--from", "case", "package.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains(is_trojan), "written raw:\n{}", run.stdout);
    assert!(
        run.stdout
            .contains(r"Title A\u{202e}B\u{2066}C\u{2069}\u{2028}D\u{2029}\u{feff}E\u{200b}F"),
        "{}",
        run.stdout
    );
    // The escapes give the text back: the title compiles to the package's.
    std::fs::write(dir.path().join("imported.lfw"), &run.stdout).expect("write the source");
    let exported = lfw_in(dir.path(), &["export", "--to", "json", "imported.lfw"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let doc: serde_json::Value = serde_json::from_str(&exported.stdout).expect("JSON");
    let title = doc["title"]
        .as_str()
        .or_else(|| doc["frameworks"][0]["title"].as_str())
        .expect("a title");
    assert_eq!(title, "Title A\u{202e}B\u{2066}C\u{2069}\u{2028}D\u{2029}\u{feff}E\u{200b}F");
}

#[test]
fn a_case_item_type_adds_no_line_to_standard_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("package.json"), trojan_package()).expect("write the package");
    let run = lfw_in(dir.path(), &["import", "--from", "case", "package.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(r"Type\u{a}error: forged"), "{}", run.stderr);
    assert!(
        !run.stderr.lines().any(|l| l.starts_with("error: forged")),
        "a forged line:\n{}",
        run.stderr
    );
    assert!(!run.stderr.contains(is_trojan), "{}", run.stderr);
}
