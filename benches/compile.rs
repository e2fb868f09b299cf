//! Compile time against input size, as ratios to a baseline measured in the
//! same run: linear compilation means 8× the input takes about 8× the time.
//!
//! Run with `cargo bench --bench compile`. It prints a table and fails if
//! the 8× input takes more than 16× the time of the baseline (quadratic
//! behaviour would show as about 64×).

use std::time::{Duration, Instant};

/// A framework with `n` competencies in domains of ten, each needing the one
/// before it, and `n` roles in a ladder, each with three requirements.
fn framework(n: usize) -> String {
    let mut s = String::from(
        "framework big \"Generated\"\n  default scale four\nscale four \"Four\"\n  levels essential < proficient < strong < exemplary\n",
    );
    for i in 0..n {
        if i % 10 == 0 {
            s.push_str(&format!("domain d{i} \"Domain {i}\"\n"));
        }
        s.push_str(&format!(
            "skill c{i} \"Competency {i}\"\n  indicator \"Does the thing\"\n  at strong \"Does it well\"\n"
        ));
        if i > 0 {
            s.push_str(&format!("  at strong needs c{} at proficient\n", i - 1));
        }
    }
    for i in 0..n {
        s.push_str(&format!("role r{i} \"Role {i}\"\n"));
        if i > 0 {
            s.push_str(&format!("  after r{} for 1 year\n", i - 1));
        }
        s.push_str(&format!(
            "  requires c{i} at strong\n  requires 2 of (c{i}, c{}) at proficient\n",
            (i + 1) % n
        ));
        s.push_str(&format!("  requires all in d{} at essential\n", i / 10 * 10));
    }
    s
}

fn time(text: &str) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let c = lfw_model::compile_str("big.lfw", text);
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics.first());
        best = best.min(start.elapsed());
    }
    best
}

fn main() {
    let base_n = 2_500;
    let base_text = framework(base_n);
    let base = time(&base_text);
    println!("{:>8} {:>10} {:>12} {:>8}", "elements", "bytes", "time", "ratio");
    println!("{:>8} {:>10} {:>12.2?} {:>8}", base_n * 2, base_text.len(), base, "1.0");
    let mut worst: f64 = 0.0;
    for factor in [2, 4, 8, 16] {
        let text = framework(base_n * factor);
        let t = time(&text);
        let ratio = t.as_secs_f64() / base.as_secs_f64();
        worst = worst.max(ratio / factor as f64);
        println!("{:>8} {:>10} {:>12.2?} {:>8.1}", base_n * factor * 2, text.len(), t, ratio);
    }
    assert!(
        worst < 2.0,
        "compile time grew faster than linearly: {worst:.1}× the linear expectation"
    );
}
