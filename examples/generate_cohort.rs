//! Writes a synthetic cohort for measuring `lfw cohort`: N people assessed
//! against the bundled Civil Service Competency Framework 2012, as JSON
//! Lines or long CSV (rows of one person deliberately not adjacent).
//!
//! `cargo run --release --example generate_cohort -- 100000 csv cohort.csv`
//!
//! The people are made up by a fixed pseudo-random sequence, so the same N
//! always gives the same file. The generator itself is in
//! `support/cohort_gen.rs`, shared with `benches/cohort.rs`.

#[path = "support/cohort_gen.rs"]
mod cohort_gen;

use std::io::{BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(format), Some(path)) = (
        args.get(1).and_then(|n| n.parse::<u64>().ok()),
        args.get(2).and_then(|f| f.parse::<cohort_gen::Format>().ok()),
        args.get(3),
    ) else {
        eprintln!("usage: generate_cohort N jsonl|csv OUT");
        std::process::exit(2);
    };
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create the output file"));
    cohort_gen::write(n, format, &mut out).expect("write");
    out.flush().expect("write");
}
