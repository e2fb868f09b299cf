//! Writes a fictional workforce for `lfw succession`: N people over the
//! roles of a bundled framework, in fictional organisations, as JSON Lines.
//!
//! `cargo run --example generate_region -- childrens-services 400 2026 region.jsonl`
//!
//! The same arguments always give the same file. The generator is in
//! `support/region_gen.rs`, shared with the tests and the benchmark.

#[path = "support/region_gen.rs"]
mod region_gen;

use std::io::{BufWriter, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(id), Some(n), Some(year), Some(path)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<u64>().ok()),
        args.get(3).and_then(|y| y.parse::<i32>().ok()),
        args.get(4),
    ) else {
        eprintln!("usage: generate_region FRAMEWORK-ID N YEAR OUT");
        std::process::exit(2);
    };
    let Some(c) = lfw_library::compile_one(id) else {
        eprintln!("no bundled framework `{id}`");
        std::process::exit(2);
    };
    let Some(fw) = c.frameworks.iter().find(|f| f.id == *id) else {
        eprintln!("`{id}` is not a framework");
        std::process::exit(2);
    };
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create the output file"));
    region_gen::write(fw, n, year, &mut out).expect("write");
    out.flush().expect("write");
}
