//! Profile reading on any bytes, against a small fixed framework: one JSON
//! profile (through `json::profile` and `read::read_one`), JSON Lines and
//! long CSV (through `read::read_one` and the cohort engine). The first
//! byte chooses the reader. Nothing panics; a profile that reads and binds
//! is judged.
#![no_main]

use lfw_assess::cohort::{self, PersonRow, Sink};
use lfw_assess::read::{Input, ProfileFormat};
use lfw_assess::{Date, ProfileDiagnostic, Question};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const FRAMEWORK: &str = include_str!("../../tests/fixtures/ready/services.lfw");

fn framework() -> &'static lfw_model::Compilation {
    static C: OnceLock<lfw_model::Compilation> = OnceLock::new();
    C.get_or_init(|| {
        let c = lfw_model::compile_str("services.lfw", FRAMEWORK);
        assert!(!c.has_errors());
        c
    })
}

fn scratch() -> &'static tempfile::TempDir {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| tempfile::tempdir().expect("a scratch folder"))
}

fn question() -> Question {
    Question {
        as_of: Date::parse("2026-01-01").expect("a date"),
        combine: None,
        valid_months: None,
    }
}

struct Count(u64, u64);

impl Sink for Count {
    fn person(&mut self, _: &PersonRow) {
        self.0 += 1;
    }
    fn problem(&mut self, d: &ProfileDiagnostic) {
        assert!(!d.message.is_empty());
        self.1 += 1;
    }
}

fn input(format: ProfileFormat, data: &[u8]) -> Input<'_> {
    Input {
        name: "fuzz".into(),
        format,
        reader: Box::new(data),
        len: Some(data.len() as u64),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, data)) = data.split_first() else { return };
    let c = framework();
    let fw = &c.frameworks[0];
    match which % 5 {
        0 => {
            if let Ok(text) = std::str::from_utf8(data) {
                let _ = lfw_assess::json::profile(text);
            }
            one(c, ProfileFormat::Json, data);
        }
        1 => one(c, ProfileFormat::JsonLines, data),
        2 => one(c, ProfileFormat::Csv, data),
        n => {
            let format = if n == 3 { ProfileFormat::JsonLines } else { ProfileFormat::Csv };
            let opts = cohort::Options {
                question: question(),
                strict: false,
                threads: 1,
                scratch: scratch().path().to_path_buf(),
            };
            let role = lfw_model::RoleId(fw.roles.len() - 1);
            let mut sink = Count(0, 0);
            if let Ok(summary) = cohort::run(fw, role, input(format, data), &opts, &mut sink) {
                assert_eq!(summary.people, summary.ready + summary.not_ready);
                assert_eq!(summary.standing.iter().sum::<u64>(), summary.people);
            }
        }
    }
});

fn one(c: &lfw_model::Compilation, format: ProfileFormat, data: &[u8]) {
    let fw = &c.frameworks[0];
    let mut sources = c.sources.clone();
    let Ok((profile, origin)) = lfw_assess::read::read_one(input(format, data), None, &mut sources) else {
        return;
    };
    let Ok(person) = lfw_assess::bind(&profile, fw, &origin, Some(&sources)) else {
        return;
    };
    for (i, _) in fw.roles.iter().enumerate() {
        let r = lfw_assess::readiness(fw, &person, lfw_model::RoleId(i), &question());
        assert!((0.0..=100.0).contains(&r.score), "a score of {}", r.score);
    }
}
