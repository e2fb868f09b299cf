//! `lfw cohort` on a CSV file large enough to be split into temporary
//! parts: the parts hold people's HR rows, so they live in a private
//! directory of `TMPDIR` that is gone however the run ends.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The size above which a CSV cohort is split (`PARTITION_BYTES` in
/// lfw-assess).
const PARTITION_BYTES: u64 = 8 << 20;
const PEOPLE: usize = 6000;

/// A test's own files: the cohort, and an empty folder given to `lfw` as
/// `TMPDIR`, which must be empty again when `lfw` has ended.
struct Setup {
    _root: tempfile::TempDir,
    csv: PathBuf,
    tmpdir: PathBuf,
}

fn setup() -> Setup {
    let root = tempfile::tempdir().expect("a test directory");
    let csv = root.path().join("cohort.csv");
    std::fs::write(&csv, large_csv()).expect("write the cohort");
    let size = std::fs::metadata(&csv).expect("metadata").len();
    assert!(size > PARTITION_BYTES, "the cohort is split into parts: {size} bytes");
    let tmpdir = root.path().join("tmp");
    std::fs::create_dir(&tmpdir).expect("TMPDIR");
    Setup { csv, tmpdir, _root: root }
}

/// A long CSV cohort against the bundled cscf-2012, just over one partition:
/// each person has two rows, far apart, with long notes making up the size
/// so that there are few rows to judge and the run stays quick.
fn large_csv() -> String {
    const COMPETENCIES: [&str; 4] = [
        "seeing-the-big-picture",
        "leading-and-communicating",
        "delivering-at-pace",
        "changing-and-improving",
    ];
    let note = "n".repeat(800);
    let mut text = String::from("person,name,framework,role,role_since,record,item,level,source,date,until,note\n");
    for half in 0..2 {
        for i in 0..PEOPLE {
            let item = COMPETENCIES[(i + half * 2) % 4];
            let level = 1 + (i + half) % 6;
            text.push_str(&format!(
                "p{i},Person {i},cscf-2012,seo,2022-01-01,assessment,{item},{level},manager,2025-01-01,,{note}\n"
            ));
        }
    }
    text
}

/// `lfw cohort` over the setup's cohort, with `TMPDIR` set to its folder.
fn cohort(s: &Setup, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lfw"));
    cmd.args(["cohort", "--framework", "cscf-2012", "--role", "g7", "--as-of", "2026-06-01"])
        .args(extra)
        .arg(&s.csv)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("TMPDIR", &s.tmpdir);
    cmd
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").path())
        .collect();
    found.sort();
    found
}

#[test]
fn a_large_csv_cohort_leaves_tmpdir_empty() {
    let s = setup();
    let started = Instant::now();
    let out = cohort(&s, &["--format", "json"]).output().expect("lfw runs");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["people"], PEOPLE as u64, "every person was judged once: {stderr}");
    assert_eq!(entries(&s.tmpdir), Vec::<PathBuf>::new());
    eprintln!("a cohort of {PEOPLE} people split into parts took {took:?}");
}

#[test]
fn output_that_cannot_be_written_exits_2_and_leaves_tmpdir_empty() {
    let s = setup();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    // With --per-person the first row fails to be written while parts are
    // still on disk.
    let out = cohort(&s, &["--per-person"]).stdout(full).output().expect("lfw runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    assert_eq!(entries(&s.tmpdir), Vec::<PathBuf>::new());
}

/// Runs a large cohort whose standard output nobody reads, so that it blocks
/// writing per-person rows with parts still on disk; checks the parts are
/// private, sends `signal`, and returns how the run ended.
fn stopped_by(signal: i32) -> ExitStatus {
    let s = setup();
    let mut child = cohort(&s, &["--per-person"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("lfw starts");
    let started = Instant::now();
    let (dir, part) = loop {
        if let Some(found) = a_part(&s.tmpdir) {
            break found;
        }
        if started.elapsed() > Duration::from_secs(60) || child.try_wait().expect("wait").is_some() {
            let _ = child.kill();
            panic!("no part file appeared in TMPDIR: {:?}", entries(&s.tmpdir));
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    eprintln!("signal {signal}: a part appeared after {:?}", started.elapsed());
    let name = dir.file_name().expect("name").to_string_lossy().into_owned();
    assert!(name.starts_with("lfw-cohort-"), "{name}");
    assert_ne!(
        name,
        format!("lfw-cohort-{}-{}", child.id(), std::fs::metadata(&s.csv).expect("size").len())
    );
    assert_eq!(mode(&dir), 0o700, "the directory of the parts is the user's only");
    assert_eq!(mode(&part), 0o600, "a part is readable by its owner only");
    // SAFETY: kill(2) with the id of a child of this test that has not
    // been waited for, so the id is still the child's.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    let status = child.wait().expect("lfw ends");
    assert_eq!(entries(&s.tmpdir), Vec::<PathBuf>::new(), "signal {signal} left parts behind");
    status
}

/// The first `lfw-cohort-*` directory in `tmpdir` holding a part file.
fn a_part(tmpdir: &Path) -> Option<(PathBuf, PathBuf)> {
    for dir in entries(tmpdir) {
        // The directory may go between listing and reading.
        let Ok(files) = std::fs::read_dir(&dir) else { continue };
        for file in files.flatten() {
            if file.file_name().to_string_lossy().starts_with("part-") {
                return Some((dir, file.path()));
            }
        }
    }
    None
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn sigterm_removes_the_parts_and_exits_143() {
    assert_eq!(stopped_by(libc::SIGTERM).code(), Some(143));
}

#[test]
fn sigint_removes_the_parts_and_exits_130() {
    assert_eq!(stopped_by(libc::SIGINT).code(), Some(130));
}

#[test]
fn sighup_removes_the_parts_and_exits_129() {
    assert_eq!(stopped_by(libc::SIGHUP).code(), Some(129));
}
