//! `--format html` (`ready`, `cohort`, `diff`, `succession`, `path`,
//! `compare`): self-contained pages, every piece of input text
//! escaped, and — where Chromium is installed — rendered in a real headless
//! browser, which must load each page without a console error or a blocked
//! request and show its pictures.

use crate::lfw;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes the four pages into `dir`: a person, a cohort, a diff and a
/// succession pipeline. The person's name and the cohort's ids carry markup
/// and control characters, which must arrive as text.
fn pages(dir: &Path) -> Vec<(String, PathBuf)> {
    let profile = dir.join("hostile.json");
    std::fs::write(
        &profile,
        r#"{"id":"ff-9","name":"<script>alert(1)</script> \u202e&\u0007","framework":"fire","role":"watch-manager","role_since":"2025-09-01","credentials":["ic-level-1"],"assessments":[{"competency":"people","level":"leading-others","source":"manager","date":"2026-02-01"}]}"#,
    )
    .expect("write the profile");
    let cohort = dir.join("cohort.jsonl");
    let mut lines = String::new();
    for i in 0..6 {
        lines.push_str(&format!(
            r#"{{"id":"<b>p{i}</b>","framework":"fire","role":"watch-manager","role_since":"2023-01-01","assessments":[{{"competency":"people","level":"leading-others","source":"manager","date":"2026-01-01"}}],"attributes":{{"organisation":"<i>North</i>"}}}}"#
        ));
        lines.push('\n');
    }
    std::fs::write(&cohort, lines).expect("write the cohort");
    let (p, c) = (profile.to_string_lossy().into_owned(), cohort.to_string_lossy().into_owned());
    let fire = "tests/fixtures/ready/fire.lfw";
    let runs: [(&str, Vec<&str>); 7] = [
        (
            "ready",
            vec![
                "ready",
                "--framework",
                fire,
                "--role",
                "group-manager",
                "--as-of",
                "2026-06-01",
                "--format",
                "html",
                &p,
            ],
        ),
        (
            "cohort",
            vec![
                "cohort",
                "--framework",
                fire,
                "--role",
                "station-manager",
                "--as-of",
                "2026-06-01",
                "--format",
                "html",
                &c,
            ],
        ),
        ("diff", vec!["diff", "scs-core-2005", "cscf-2012", "--format", "html"]),
        (
            "succession",
            vec![
                "succession",
                "--framework",
                fire,
                "--as-of",
                "2026-06-01",
                "--by",
                "organisation",
                "--format",
                "html",
                &c,
            ],
        ),
        (
            "path",
            vec![
                "path",
                "--framework",
                fire,
                "--to",
                "group-manager",
                "--as-of",
                "2026-06-01",
                "--format",
                "html",
                &p,
            ],
        ),
        ("compare", vec!["compare", "lqf", "hlm", "--format", "html"]),
        ("shared", vec!["compare", "lqf", "hlm", "nhs-scotland-ldf", "--format", "html"]),
    ];
    runs.into_iter()
        .map(|(name, args)| {
            let run = lfw(&args);
            // A diff that finds changes exits 1; the others 0.
            assert!(run.code == 0 || (name == "diff" && run.code == 1), "{name}: {}", run.stderr);
            let path = dir.join(format!("{name}.html"));
            std::fs::write(&path, &run.stdout).expect("write the page");
            (name.to_string(), path)
        })
        .collect()
}

#[test]
fn pages_are_self_contained_and_escape_their_input() {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, path) in pages(dir.path()) {
        let page = std::fs::read_to_string(&path).expect("the page");
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(page.contains("<svg"), "{name} has a picture");
        assert!(page.contains("default-src 'none'"), "{name} forbids loading anything");
        for outside in ["<script", " src=", " href=", "@import", "url("] {
            assert!(!page.contains(outside), "{name} contains {outside}");
        }
        assert!(page.contains("@media print"), "{name} prints");
        assert!(
            !page.contains('\u{202e}') && !page.contains('\u{7}'),
            "{name}: control characters shown, not obeyed"
        );
        insta::assert_snapshot!(format!("page-{name}"), page);
    }
    let ready = std::fs::read_to_string(dir.path().join("ready.html")).expect("the page");
    assert!(ready.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name arrives as text");
    let succession = std::fs::read_to_string(dir.path().join("succession.html")).expect("the page");
    assert!(!succession.contains("<i>North</i>"));
}

/// The browser, if there is one: Debian's `chromium` (installed by
/// `.ci/run` where it can be), or `chromium-browser`/`google-chrome`.
fn browser() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
}

#[test]
fn pages_load_in_a_real_browser_without_errors() {
    let Some(browser) = browser() else {
        eprintln!("SKIPPED pages_load_in_a_real_browser_without_errors: no chromium installed (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().expect("temporary directory");
    // Messages the page gave the browser's console: a page with no script
    // gives none, unless something in it was refused or failed to load.
    let console = |name: &str, path: &Path| -> (String, Vec<String>) {
        let url = format!("file://{}", path.display());
        let out = Command::new(browser)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                &format!("--user-data-dir={}", dir.path().join(format!("profile-{name}")).display()),
                "--dump-dom",
                &url,
            ])
            .output()
            .expect("the browser runs");
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let messages = String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.to_lowercase().contains("uncaught"))
            .map(str::to_string)
            .collect();
        (String::from_utf8_lossy(&out.stdout).into_owned(), messages)
    };
    let pages = pages(dir.path());
    for (name, path) in &pages {
        let (dom, messages) = console(name, path);
        assert!(dom.contains("<svg"), "{name}: the rendered page has its picture");
        assert!(dom.contains("<h1>"), "{name}: the rendered page has its heading");
        assert!(messages.is_empty(), "{name}: the browser reported {messages:?}");
    }
    // The check is no formality: the same page asking for an image from
    // outside is refused by its own policy, and the browser says so.
    let (_, ready) = &pages[0];
    let bad = dir.path().join("bad.html");
    let page = std::fs::read_to_string(ready)
        .expect("the page")
        .replacen("<h1>", "<img src=\"https://nowhere.invalid/x.png\"><h1>", 1);
    std::fs::write(&bad, page).expect("write the bad page");
    let (_, messages) = console("bad", &bad);
    assert!(!messages.is_empty(), "a blocked request is reported");
}
