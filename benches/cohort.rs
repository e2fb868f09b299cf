//! `lfw cohort` on large cohorts, as whole processes, against a baseline
//! measured in the same run: the CPU time of a typed `serde_json` read of
//! the same file on one thread. The ratio says how much more than reading
//! its input the engine spends, and does not depend much on the machine.
//!
//! Run with `cargo bench --bench cohort` (about 5 minutes, and about 0.6 GB
//! of temporary files in `TMPDIR`). For 10k, 100k and 1M people of the
//! synthetic cohort of `examples/generate_cohort.rs`, written as JSON Lines
//! into a temporary directory, it measures
//!
//! - `lfw cohort --framework cscf-2012 --role g7 --as-of 2026-06-01
//!   --format json FILE`, standard output to `/dev/null`: wall time, CPU time
//!   (user + system of the child, from `wait4`) and peak resident memory
//!   (`ru_maxrss` of that child), the median of several runs after one
//!   untimed run whose output is checked;
//! - the baseline: this program run again as a child process
//!   (`--baseline-read FILE`), reading the file line by line into
//!   `lfw_assess::ProfileInput`s on one thread and counting them, timed the
//!   same way;
//! - the same `lfw cohort` with `--threads 1`, as the ratio of its wall time
//!   to the default's (one thread per core): how the parallel path scales.
//!
//! The three take turns, run after run, and the CPU ratio and the threads
//! ratio are the medians of the ratios within each turn, so that the
//! machine's moods fall on both sides of a ratio alike. Then, for scale, one
//! person: `lfw
//! ready --framework cscf-2012 --role g7 --as-of 2026-06-01
//! frameworks/civil-service/examples/seo-one-gap.json`, the median of 21
//! runs.
//!
//! With each figure it shows how busy the machine was with other processes
//! meanwhile (from `/proc/stat`), since wall times, and to a lesser degree
//! CPU times, suffer when something else runs. It prints a table and asserts
//! nothing about speed: the figures are for docs/performance.md. It is not
//! run by `cargo test`; run without `--bench` (as `cargo test --benches`
//! would), it does nothing.

#[path = "../examples/support/cohort_gen.rs"]
mod cohort_gen;
#[path = "../examples/support/region_gen.rs"]
mod region_gen;

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The argument that makes this program the baseline reader.
const BASELINE: &str = "--baseline-read";

/// Sizes of cohort, with the number of timed runs of each command.
const SIZES: [(u64, usize); 3] = [(10_000, 5), (100_000, 5), (1_000_000, 3)];

/// Timed runs of `lfw ready` on one profile.
const READY_RUNS: usize = 21;

const LFW: &str = env!("CARGO_BIN_EXE_lfw");

/// One finished child process.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Seconds from spawning to reaping.
    wall: f64,
    /// User plus system seconds of the child and its threads.
    cpu: f64,
    /// The child's peak resident set, in MiB.
    peak_mib: f64,
    /// The CPU time of everything else on the machine while the child ran,
    /// as a share of all its cores, when `/proc/stat` can be read.
    others: Option<f64>,
}

/// Seconds of CPU time the whole machine has been busy since boot, from
/// `/proc/stat` (user, nice, system, irq, softirq and steal, in USER_HZ).
fn machine_busy() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<f64> = stat
        .lines()
        .next()?
        .split_whitespace()
        .skip(1)
        .map_while(|f| f.parse().ok())
        .collect();
    let busy = [0, 1, 2, 5, 6, 7]
        .iter()
        .map(|&i| fields.get(i).copied().unwrap_or(0.0))
        .sum::<f64>();
    // SAFETY: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (hz > 0).then(|| busy / hz as f64)
}

/// Runs `cmd` to its end, stdin empty, stdout to `stdout` (a file, or
/// `/dev/null` when `None`), stderr to `stderr`, and measures it with
/// `wait4`, so that the figures are this child's alone.
fn measure(cmd: &mut Command, stdout: Option<&Path>, stderr: &Path) -> Run {
    let out = match stdout {
        Some(path) => Stdio::from(File::create(path).expect("create the output file")),
        None => Stdio::null(),
    };
    let err = Stdio::from(File::create(stderr).expect("create the error file"));
    let busy = machine_busy();
    let start = Instant::now();
    let child = cmd.stdin(Stdio::null()).stdout(out).stderr(err).spawn().expect("start the child");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped (`child` is never
    // waited on), and both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    let busy = busy.zip(machine_busy()).map(|(before, after)| after - before);
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    drop(child);
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let errors = std::fs::read_to_string(stderr).unwrap_or_default();
        panic!("{cmd:?} failed (wait status {status}):\n{errors}");
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    Run {
        wall,
        cpu,
        // ru_maxrss is in KiB on Linux.
        peak_mib: usage.ru_maxrss as f64 / 1024.0,
        others: busy.map(|b| ((b - cpu) / (wall * cores)).clamp(0.0, 1.0)),
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// The medians of wall and CPU time over `runs`, and the largest peak.
#[derive(Clone, Copy, Debug)]
struct Figures {
    wall: f64,
    cpu: f64,
    peak_mib: f64,
    /// The median share of the machine that other processes used meanwhile.
    others: Option<f64>,
}

fn figures(runs: &[Run]) -> Figures {
    Figures {
        wall: median(runs.iter().map(|r| r.wall).collect()),
        cpu: median(runs.iter().map(|r| r.cpu).collect()),
        peak_mib: runs.iter().map(|r| r.peak_mib).fold(0.0, f64::max),
        others: runs.iter().map(|r| r.others).collect::<Option<Vec<f64>>>().map(median),
    }
}

fn percent(share: Option<f64>) -> String {
    share.map_or("-".to_string(), |s| format!("{:.0}", s * 100.0))
}

fn cohort(file: &Path, threads: Option<usize>) -> Command {
    let mut cmd = Command::new(LFW);
    cmd.args([
        "cohort",
        "--framework",
        "cscf-2012",
        "--role",
        "g7",
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
    ]);
    if let Some(n) = threads {
        cmd.args(["--threads", &n.to_string()]);
    }
    cmd.arg(file);
    cmd
}

fn baseline(file: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().expect("the bench's own path"));
    cmd.arg(BASELINE).arg(file);
    cmd
}

/// The baseline reader: every line of `path` into a typed profile, on one
/// thread; prints the number of profiles and of assessments.
fn baseline_read(path: &str) {
    let mut reader = BufReader::new(File::open(path).expect("open the cohort"));
    let mut line = String::new();
    let (mut people, mut assessments) = (0u64, 0u64);
    loop {
        line.clear();
        if reader.read_line(&mut line).expect("read the cohort") == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let p: lfw_assess::ProfileInput = serde_json::from_str(&line).expect("a profile");
        people += 1;
        assessments += p.assessments.len() as u64;
    }
    println!("{people} {assessments}");
}

/// Checks that a summary written by `lfw cohort --format json` judged all
/// `n` people and found none invalid.
fn check_summary(path: &Path, n: u64) {
    let text = std::fs::read_to_string(path).expect("read the summary");
    let summary: serde_json::Value = serde_json::from_str(&text).expect("a JSON summary");
    assert_eq!(summary["people"], n, "people judged: {text}");
    assert_eq!(summary["invalid"], 0, "invalid profiles: {text}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == BASELINE) {
        baseline_read(args.get(i + 1).expect("a file to read"));
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        println!("cohort bench: run it with `cargo bench --bench cohort`");
        return;
    }
    let began = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out.json");
    let err = dir.path().join("err.txt");
    println!("lfw cohort --framework cscf-2012 --role g7 --as-of 2026-06-01 --format json, as whole processes;");
    println!(
        "medians of the runs shown (ratios: of the ratios within each turn); baseline: typed serde_json read of the same file, one thread;"
    );
    println!("default threads: {cores} (one per core)\n");

    struct Row {
        n: u64,
        runs: usize,
        mib: f64,
        lfw: Figures,
        one: Figures,
        base: Figures,
        /// Medians of the ratios within each turn.
        cpu_ratio: f64,
        threads_ratio: f64,
    }
    let mut rows = Vec::new();
    for (n, runs) in SIZES {
        let file = dir.path().join(format!("cohort-{n}.jsonl"));
        let started = Instant::now();
        let mut w = BufWriter::new(File::create(&file).expect("create the cohort"));
        cohort_gen::write(n, cohort_gen::Format::Jsonl, &mut w).expect("write the cohort");
        w.into_inner().expect("write the cohort").sync_all().expect("sync the cohort");
        let mib = std::fs::metadata(&file).expect("the cohort").len() as f64 / (1024.0 * 1024.0);
        eprintln!("{n} people: {mib:.0} MiB written in {:.1?}", started.elapsed());

        // One untimed run of each, whose output is checked; it also brings
        // the file into the page cache for the timed runs.
        measure(&mut cohort(&file, None), Some(&out), &err);
        check_summary(&out, n);
        measure(&mut baseline(&file), Some(&out), &err);
        let counted = std::fs::read_to_string(&out).expect("the baseline's output");
        assert!(counted.starts_with(&format!("{n} ")), "the baseline read {counted}");

        // The three commands take turns, so that anything else the machine
        // does meanwhile falls on all three alike.
        let (mut lfw, mut one, mut base) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            lfw.push(measure(&mut cohort(&file, None), None, &err));
            one.push(measure(&mut cohort(&file, Some(1)), None, &err));
            base.push(measure(&mut baseline(&file), None, &err));
        }
        let per_turn = |f: &dyn Fn(usize) -> f64| median((0..runs).map(f).collect());
        let cpu_ratio = per_turn(&|i| lfw[i].cpu / base[i].cpu);
        let threads_ratio = per_turn(&|i| one[i].wall / lfw[i].wall);
        let (lfw, one, base) = (figures(&lfw), figures(&one), figures(&base));
        eprintln!(
            "{n} people: lfw {:.2} s, --threads 1 {:.2} s, baseline {:.2} s (wall, median of {runs})",
            lfw.wall, one.wall, base.wall
        );
        std::fs::remove_file(&file).expect("remove the cohort");
        rows.push(Row {
            n,
            runs,
            mib,
            lfw,
            one,
            base,
            cpu_ratio,
            threads_ratio,
        });
    }

    println!(
        "{:>9} {:>4} {:>7} {:>10} {:>9} {:>10} {:>9} {:>11} {:>8} {:>10}",
        "people", "runs", "MiB", "lfw wall s", "lfw cpu s", "base cpu s", "cpu ratio", "people/s", "peak MiB", "t1/tN wall"
    );
    for r in &rows {
        println!(
            "{:>9} {:>4} {:>7.1} {:>10.3} {:>9.3} {:>10.3} {:>9.1} {:>11.0} {:>8.1} {:>10.2}",
            r.n,
            r.runs,
            r.mib,
            r.lfw.wall,
            r.lfw.cpu,
            r.base.cpu,
            r.cpu_ratio,
            r.n as f64 / r.lfw.wall,
            r.lfw.peak_mib,
            r.threads_ratio,
        );
    }
    println!("\nwith --threads 1 against the default ({cores} threads):");
    println!(
        "{:>9} {:>10} {:>10} {:>9} {:>9} {:>10} {:>12} {:>18}",
        "people", "t1 wall s", "tN wall s", "t1 cpu s", "tN cpu s", "t1/tN wall", "base wall s", "others % tN/t1/b"
    );
    for r in &rows {
        println!(
            "{:>9} {:>10.3} {:>10.3} {:>9.3} {:>9.3} {:>10.2} {:>12.3} {:>18}",
            r.n,
            r.one.wall,
            r.lfw.wall,
            r.one.cpu,
            r.lfw.cpu,
            r.threads_ratio,
            r.base.wall,
            format!("{} / {} / {}", percent(r.lfw.others), percent(r.one.others), percent(r.base.others)),
        );
    }
    println!("(others %: the median share of the machine's cores busy with other processes during the runs)");

    let profile = concat!(env!("CARGO_MANIFEST_DIR"), "/frameworks/civil-service/examples/seo-one-gap.json");
    let ready = || {
        let mut cmd = Command::new(LFW);
        cmd.args([
            "ready",
            "--framework",
            "cscf-2012",
            "--role",
            "g7",
            "--as-of",
            "2026-06-01",
            profile,
        ]);
        cmd
    };
    measure(&mut ready(), Some(&out), &err);
    let text = std::fs::read_to_string(&out).expect("the report");
    assert!(text.contains("NOT READY — score 98.4"), "lfw ready reported:\n{text}");
    let all: Vec<Run> = (0..READY_RUNS).map(|_| measure(&mut ready(), None, &err)).collect();
    let one = figures(&all);
    println!(
        "\nlfw ready on one profile (seo-one-gap.json for g7), median of {READY_RUNS}: {:.1} ms wall, {:.1} ms CPU, peak {:.1} MiB",
        one.wall * 1e3,
        one.cpu * 1e3,
        one.peak_mib
    );
    succession(dir.path(), &err);
    println!("\nbench took {:.0} s", began.elapsed().as_secs_f64());
}

/// People of the fictional police force for the succession comparison.
const SUCCESSION_PEOPLE: u64 = 200_000;
/// Timed turns of the succession comparison.
const SUCCESSION_RUNS: usize = 5;

/// `lfw succession` over every rank of the bundled `police-ew` (nine), by
/// two attributes, against one `lfw cohort` for one of its ranks on the
/// same file: the succession pipeline reads the file once and judges each
/// person against every rank, and should take at most twice the cohort.
fn succession(dir: &Path, err: &Path) {
    let library = lfw_library::compile_one("police-ew").expect("police-ew is bundled");
    let fw = library.frameworks.iter().find(|f| f.id == "police-ew").expect("the framework");
    let file = dir.join("force.jsonl");
    let mut w = BufWriter::new(File::create(&file).expect("create the cohort"));
    region_gen::write(fw, SUCCESSION_PEOPLE, 2026, &mut w).expect("write the cohort");
    w.into_inner().expect("write the cohort").sync_all().expect("sync the cohort");
    let run = |args: &[&str]| {
        let mut cmd = Command::new(LFW);
        cmd.args(args)
            .args(["--framework", "police-ew", "--as-of", "2026-06-01"])
            .arg(&file);
        cmd
    };
    let succession = || run(&["succession", "--by", "organisation,gender", "--format", "json"]);
    let cohort = || run(&["cohort", "--role", "sergeant", "--format", "json"]);
    measure(&mut succession(), None, err);
    measure(&mut cohort(), None, err);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..SUCCESSION_RUNS {
        a.push(measure(&mut succession(), None, err));
        b.push(measure(&mut cohort(), None, err));
    }
    let wall = median((0..SUCCESSION_RUNS).map(|i| a[i].wall / b[i].wall).collect());
    let cpu = median((0..SUCCESSION_RUNS).map(|i| a[i].cpu / b[i].cpu).collect());
    let (a, b) = (figures(&a), figures(&b));
    println!(
        "\nlfw succession (police-ew, {} roles, --by organisation,gender) against lfw cohort (one role), {SUCCESSION_PEOPLE} people, medians of {SUCCESSION_RUNS} turns:",
        fw.roles.len()
    );
    println!(
        "  succession {:.3} s wall, {:.3} s CPU, peak {:.1} MiB; cohort {:.3} s wall, {:.3} s CPU; ratio {wall:.2} wall, {cpu:.2} CPU; others % {} / {}",
        a.wall,
        a.cpu,
        a.peak_mib,
        b.wall,
        b.cpu,
        percent(a.others),
        percent(b.others)
    );
    std::fs::remove_file(&file).expect("remove the cohort");
}
