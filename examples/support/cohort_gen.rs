//! The synthetic cohort of `examples/generate_cohort.rs`, shared with
//! `benches/cohort.rs` (each includes this file with `#[path]`): N people
//! assessed against the bundled Civil Service Competency Framework 2012, as
//! JSON Lines or long CSV (rows of one person deliberately not adjacent).
//!
//! The people are made up by a fixed pseudo-random sequence, so the same N
//! always gives the same file.

use std::io::{self, Write};

const COMPETENCIES: [&str; 10] = [
    "seeing-the-big-picture",
    "changing-and-improving",
    "making-effective-decisions",
    "leading-and-communicating",
    "collaborating-and-partnering",
    "building-capability-for-all",
    "achieving-commercial-outcomes",
    "delivering-value-for-money",
    "managing-a-quality-service",
    "delivering-at-pace",
];
const SOURCES: [&str; 4] = ["self", "manager", "360", "assessment-centre"];

/// How the cohort is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One profile per line.
    Jsonl,
    /// Long CSV, one row per assessment.
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            _ => Err(format!("`{s}` is neither jsonl nor csv")),
        }
    }
}

/// xorshift64*: enough randomness for test data, and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % below
    }
}

/// Writes the cohort of `n` people to `out`: each in role `seo` since a date
/// in 2022–2025, with five assessments of random competencies (repeats
/// allowed) at levels 1–5, from random sources, dated 2022–2025.
pub fn write(n: u64, format: Format, out: &mut dyn Write) -> io::Result<()> {
    let csv = format == Format::Csv;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let date = |rng: &mut Rng| format!("{}-{:02}-{:02}", 2022 + rng.next(4), 1 + rng.next(12), 1 + rng.next(28));
    if csv {
        writeln!(
            out,
            "person,name,framework,role,role_since,record,item,level,source,date,until,note"
        )?;
    }
    // CSV rows are written in two passes over each block of people, so a
    // person's rows are never all adjacent.
    let block = 1000;
    let mut start = 0;
    while start < n {
        let end = (start + block).min(n);
        let mut second_halves = Vec::new();
        for i in start..end {
            let since = date(&mut rng);
            let assessed: Vec<(usize, u64, &str, String)> = (0..5)
                .map(|_| {
                    let c = rng.next(10) as usize;
                    (c, 1 + rng.next(5), SOURCES[rng.next(4) as usize], date(&mut rng))
                })
                .collect();
            if csv {
                for (k, (c, level, source, d)) in assessed.iter().enumerate() {
                    let who = if k == 0 {
                        format!("p{i},Person {i},cscf-2012,seo,{since}")
                    } else {
                        format!("p{i},,,,")
                    };
                    let row = format!("{who},assessment,{},{level},{source},{d},,", COMPETENCIES[*c]);
                    if k < 3 {
                        writeln!(out, "{row}")?;
                    } else {
                        second_halves.push(row);
                    }
                }
            } else {
                let assessments: Vec<String> = assessed
                    .iter()
                    .map(|(c, level, source, d)| {
                        format!(
                            r#"{{"competency":"{}","level":"{level}","source":"{source}","date":"{d}"}}"#,
                            COMPETENCIES[*c]
                        )
                    })
                    .collect();
                writeln!(
                    out,
                    r#"{{"id":"p{i}","framework":"cscf-2012","role":"seo","role_since":"{since}","assessments":[{}]}}"#,
                    assessments.join(",")
                )?;
            }
        }
        for row in second_halves {
            writeln!(out, "{row}")?;
        }
        start = end;
    }
    Ok(())
}
