//! Readiness on a small framework generated from the first 16 bytes (its
//! scale, competencies, prerequisites, credentials, roles, requirements
//! and evidence policy) and a profile from the rest. The framework must
//! compile cleanly; a profile that reads and binds is judged for every
//! role, both the slow way (`readiness`, which builds the report) and the
//! cohort's fast path (a one-line JSON Lines cohort), and the two must
//! agree on readiness and score.
#![no_main]

use lfw_assess::cohort::{self, PersonRow, Sink};
use lfw_assess::read::{Input, ProfileFormat};
use lfw_assess::{Date, ProfileDiagnostic, Question};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;
use std::sync::OnceLock;

/// Takes bytes from the front of the input, zero when it runs out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn next(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        b
    }
    fn below(&mut self, n: u8) -> u8 {
        self.next() % n
    }
}

const POLICIES: [&str; 5] = ["latest", "highest", "lowest", "median", "ranked centre > manager > self"];

/// A framework's text, from at most 16 bytes.
fn framework(b: &mut Bytes) -> String {
    let levels = 2 + b.below(3) as usize;
    let skills = 1 + b.below(4) as usize;
    let roles = 1 + b.below(3) as usize;
    let mut t = String::from("framework gen \"Generated\"\n  default scale s\n");
    let _ = writeln!(t, "  evidence {}", POLICIES[b.below(5) as usize]);
    match b.below(3) {
        0 => {}
        n => {
            let _ = writeln!(t, "  evidence valid for {n} years");
        }
    }
    let names: Vec<String> = (0..levels).map(|i| format!("l{i}")).collect();
    let _ = writeln!(t, "\nscale s \"S\"\n  levels {}\n", names.join(" < "));
    let _ = writeln!(t, "domain d \"D\"\n");
    for i in 0..skills {
        let _ = writeln!(t, "skill c{i} \"C{i}\"");
        let p = b.next();
        if i > 0 && p & 1 == 1 {
            let _ = writeln!(
                t,
                "  at l{} needs c{} at l{}",
                levels - 1,
                (p >> 1) as usize % i,
                (p >> 4) as usize % levels
            );
        }
    }
    let _ = writeln!(t, "\ncredential k0 \"K0\"\n  kind programme\n");
    for r in 0..roles {
        let _ = writeln!(t, "role r{r} \"R{r}\"");
        if r == 0 {
            let _ = writeln!(t, "  entry");
        } else {
            let _ = writeln!(t, "  after r{} for {} years", r - 1, b.below(3));
        }
        let wants = b.next();
        for i in 0..skills {
            match (wants >> (2 * i)) & 3 {
                0 => {}
                1 => {
                    let _ = writeln!(t, "  desirable c{i} at l{}", i % levels);
                }
                _ => {
                    let _ = writeln!(t, "  requires c{i} at l{}", (i + r) % levels);
                }
            }
        }
        if wants & 0x80 != 0 && r > 0 {
            let _ = writeln!(t, "  requires k0");
        }
        t.push('\n');
    }
    t
}

fn scratch() -> &'static tempfile::TempDir {
    static D: OnceLock<tempfile::TempDir> = OnceLock::new();
    D.get_or_init(|| tempfile::tempdir().expect("a scratch folder"))
}

struct Rows(Vec<(bool, f64)>, usize);

impl Sink for Rows {
    fn person(&mut self, row: &PersonRow) {
        self.0.push((row.ready, row.score));
    }
    fn problem(&mut self, _: &ProfileDiagnostic) {
        self.1 += 1;
    }
}

/// Bytes at the front of the input that shape the framework (missing
/// ones read as zero); the profile is what follows them.
const SHAPE: usize = 16;

fuzz_target!(|data: &[u8]| {
    let (shape, profile) = data.split_at(data.len().min(SHAPE));
    let mut b = Bytes(shape);
    let text = framework(&mut b);
    let c = lfw_model::compile_str("gen.lfw", &text);
    assert!(!c.has_errors(), "the generated framework compiles:\n{text}\n{:?}", c.diagnostics);
    let fw = &c.frameworks[0];
    let mut sources = c.sources.clone();
    let input = Input {
        name: "fuzz.json".into(),
        format: ProfileFormat::Json,
        reader: Box::new(profile),
        len: None,
    };
    let Ok((read, origin)) = lfw_assess::read::read_one(input, None, &mut sources) else {
        return;
    };
    let Ok(person) = lfw_assess::bind(&read, fw, &origin, Some(&sources)) else {
        return;
    };
    // The same profile on one line, for the cohort.
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(profile) else {
        return;
    };
    let line = serde_json::to_string(&value).expect("JSON");
    for as_of in ["2020-06-30", "2026-01-01"] {
        let q = || Question {
            as_of: Date::parse(as_of).expect("a date"),
            combine: None,
            valid_months: None,
        };
        for (i, _) in fw.roles.iter().enumerate() {
            let role = lfw_model::RoleId(i);
            let slow = lfw_assess::readiness(fw, &person, role, &q());
            assert!((0.0..=100.0).contains(&slow.score), "a score of {}", slow.score);
            let opts = cohort::Options {
                question: q(),
                strict: false,
                threads: 1,
                scratch: scratch().path().to_path_buf(),
            };
            let input = Input {
                name: "fuzz.jsonl".into(),
                format: ProfileFormat::JsonLines,
                reader: Box::new(line.as_bytes()),
                len: None,
            };
            let mut rows = Rows(Vec::new(), 0);
            let summary = cohort::run(fw, role, input, &opts, &mut rows).expect("a cohort of one");
            assert_eq!(rows.1, 0, "the profile bound alone binds in a cohort");
            assert_eq!(summary.people, 1);
            let (ready, score) = rows.0[0];
            assert_eq!(
                ready, slow.ready,
                "the fast path agrees on readiness for r{i} at {as_of}\n{text}\n{line}"
            );
            assert!(
                (score - slow.score).abs() < 1e-9,
                "the fast path's score {score} is {} for r{i} at {as_of}\n{text}\n{line}",
                slow.score
            );
        }
    }
});
