//! A fictional workforce for succession planning, shared by
//! `examples/generate_region.rs`, the succession tests and
//! `benches/cohort.rs` (each includes this file with `#[path]`).
//!
//! N people spread over the roles of a bundled framework — more at the
//! bottom of the ladder than at the top — in fictional organisations, each
//! with a `gender` attribute, time in their role, some of the credentials
//! the framework names, and assessments of its competencies, a little
//! higher the higher their role. Nothing here describes a real person or
//! organisation. A fixed pseudo-random sequence makes the same arguments
//! give the same file, so the file can be checked in and regenerated.

use lfw_model::{CompetencyId, Framework};
use std::io::{self, Write};

/// The fictional organisations people are spread over.
pub const ORGANISATIONS: [&str; 6] = [
    "Fictional authority A",
    "Fictional authority B",
    "Fictional authority C",
    "Fictional authority D",
    "Fictional authority E",
    "Fictional authority F",
];

/// xorshift64*: enough randomness for test data, and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below.max(1)
    }
}

/// Writes `n` people of `fw` as JSON Lines, judged as of `as_of`'s year
/// (`YYYY`): role start dates fall in the eight years before it.
pub fn write(fw: &Framework, n: u64, as_of_year: i32, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n);
    // Depth of each role on the ladder: people are spread so that a role
    // one step lower has about twice the people.
    let depth = fw.ladder_heights();
    let top = depth.iter().copied().max().unwrap_or(0);
    let weights: Vec<u64> = depth.iter().map(|d| 1u64 << (top - d).min(6)).collect();
    let total: u64 = weights.iter().sum::<u64>().max(1);
    let date = |rng: &mut Rng, back_years: i32| {
        format!(
            "{}-{:02}-{:02}",
            as_of_year - 1 - rng.next(back_years.max(1) as u64) as i32,
            1 + rng.next(12),
            1 + rng.next(28)
        )
    };
    for i in 0..n {
        let mut pick = rng.next(total);
        let role = weights
            .iter()
            .position(|&w| {
                if pick < w {
                    true
                } else {
                    pick -= w;
                    false
                }
            })
            .unwrap_or(0);
        let since = date(&mut rng, 8);
        let org = ORGANISATIONS[rng.next(ORGANISATIONS.len() as u64) as usize];
        let gender = if rng.next(100) < 52 { "woman" } else { "man" };
        let mut assessments = Vec::new();
        for c in 0..fw.competencies.len().min(12) {
            let levels = fw.levels_of(CompetencyId(c));
            if levels.is_empty() || rng.next(4) == 0 {
                continue;
            }
            // Higher roles are assessed a little higher.
            let lift = (depth[role] as u64).min(levels.len() as u64 - 1);
            let rank = (rng.next(levels.len() as u64) + lift).min(levels.len() as u64 - 1) as usize;
            assessments.push(format!(
                r#"{{"competency":"{}","level":"{}","source":"manager","date":"{}"}}"#,
                fw.competencies[c].id,
                levels[rank],
                date(&mut rng, 2)
            ));
        }
        let credentials: Vec<String> = fw
            .credentials
            .iter()
            .filter(|_| rng.next(100) < 45)
            .map(|c| format!(r#"{{"id":"{}"}}"#, c.id))
            .collect();
        writeln!(
            out,
            r#"{{"id":"p{i:05}","framework":"{}","role":"{}","role_since":"{since}","assessments":[{}],"credentials":[{}],"attributes":{{"organisation":"{org}","gender":"{gender}"}}}}"#,
            fw.id,
            fw.roles[role].id,
            assessments.join(","),
            credentials.join(",")
        )?;
    }
    Ok(())
}
