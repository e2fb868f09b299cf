//! Cohorts: any number of profiles streamed through readiness for one role,
//! summarised in memory that does not grow with their number.
//!
//! JSON Lines is read in batches. Long CSV, whose rows of one person need
//! not be adjacent, is first split by person into partition files of
//! bounded size, then each partition is read as a whole. Each batch is
//! judged on every core.

use crate::problem::{ProfileDiagnostic, Unreadable};
use crate::profile::{self, bind, CsvProfiles, CsvRow, Origin, ProfileInput};
use crate::readiness::{readiness, Question, Readiness};
use lfw_model::{Framework, RoleId};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Profiles judged together; bounds the memory of a cohort run.
const BATCH: usize = 4096;
/// Bytes of CSV per partition.
const PARTITION_BYTES: u64 = 8 << 20;

/// One person's line in a cohort report.
#[derive(Clone, Debug, Serialize)]
pub struct PersonRow {
    pub person: String,
    pub ready: bool,
    pub score: f64,
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub framework: String,
    pub role: String,
    pub as_of: String,
    pub people: u64,
    pub ready: u64,
    pub not_ready: u64,
    /// Profiles that could not be read or did not match the framework.
    pub invalid: u64,
    /// Not-ready people by how many essential requirements they miss.
    pub missing_count: BTreeMap<usize, u64>,
    /// Unmet essential requirements, most common first.
    pub common_gaps: Vec<Count>,
    /// Requirements that are the only thing between people and readiness:
    /// delivering one makes that many people ready. Most first.
    pub unblocks: Vec<Count>,
    pub mean_score: f64,
    #[serde(skip)]
    score_sum: f64,
    #[serde(skip)]
    gaps: HashMap<String, u64>,
    #[serde(skip)]
    only_gap: HashMap<String, u64>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Count {
    pub requirement: String,
    pub people: u64,
}

impl Summary {
    fn add(&mut self, r: &Readiness) -> PersonRow {
        let missing: Vec<String> = r
            .requirements
            .iter()
            .filter(|c| !c.met && c.necessity == "essential")
            .map(|c| c.requirement.clone())
            .collect();
        self.people += 1;
        self.score_sum += r.score;
        if r.ready {
            self.ready += 1;
        } else {
            self.not_ready += 1;
            *self.missing_count.entry(missing.len()).or_default() += 1;
        }
        for m in &missing {
            *self.gaps.entry(m.clone()).or_default() += 1;
        }
        if let [only] = missing.as_slice() {
            *self.only_gap.entry(only.clone()).or_default() += 1;
        }
        PersonRow {
            person: r.person.clone(),
            ready: r.ready,
            score: r.score,
            missing,
        }
    }

    fn merge(&mut self, other: Summary) {
        self.people += other.people;
        self.ready += other.ready;
        self.not_ready += other.not_ready;
        self.invalid += other.invalid;
        self.score_sum += other.score_sum;
        for (k, v) in other.missing_count {
            *self.missing_count.entry(k).or_default() += v;
        }
        for (k, v) in other.gaps {
            *self.gaps.entry(k).or_default() += v;
        }
        for (k, v) in other.only_gap {
            *self.only_gap.entry(k).or_default() += v;
        }
    }

    fn finish(&mut self) {
        let ranked = |m: &HashMap<String, u64>| {
            let mut v: Vec<Count> = m
                .iter()
                .map(|(k, v)| Count {
                    requirement: k.clone(),
                    people: *v,
                })
                .collect();
            v.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.requirement.cmp(&b.requirement)));
            v
        };
        self.common_gaps = ranked(&self.gaps);
        self.unblocks = ranked(&self.only_gap);
        self.mean_score = if self.people == 0 {
            0.0
        } else {
            (self.score_sum / self.people as f64 * 10.0).round() / 10.0
        };
    }
}

/// What a cohort run reports as it goes.
pub trait Sink {
    /// A person judged: in input order for JSON Lines and small CSV files;
    /// for CSV files split into parts, part by part.
    fn person(&mut self, row: &PersonRow);
    /// A profile that could not be used.
    fn problem(&mut self, d: &ProfileDiagnostic);
    /// Whether to stop early (the reader has gone away).
    fn stopped(&self) -> bool {
        false
    }
}

pub struct Options {
    pub question: Question,
    /// Stop at the first invalid profile.
    pub strict: bool,
    /// Worker threads.
    pub threads: usize,
}

/// The error that stops a cohort run.
#[derive(Debug)]
pub enum Stop {
    /// `--strict` and an invalid profile.
    Strict,
    /// The sink asked to stop.
    Stopped,
    Io(String),
}

/// Runs a cohort file (`.jsonl` or `.csv`) through readiness for `role`.
pub fn run(fw: &Framework, role: RoleId, path: &Path, opts: &Options, sink: &mut dyn Sink) -> Result<Summary, Stop> {
    let mut summary = Summary {
        framework: fw.id.clone(),
        role: fw.roles[role.0].id.clone(),
        as_of: opts.question.as_of.to_string(),
        ..Summary::default()
    };
    let shown = path.display().to_string();
    let is_csv = path.extension().is_some_and(|e| e == "csv");
    let judge = |batch: Vec<(ProfileInput, Origin)>, summary: &mut Summary, sink: &mut dyn Sink| -> Result<(), Stop> {
        for (result, partial) in judge_batch(fw, role, batch, opts) {
            match result {
                Ok(row) => sink.person(&row),
                Err(problems) => {
                    for d in &problems {
                        sink.problem(d);
                    }
                    if opts.strict {
                        return Err(Stop::Strict);
                    }
                }
            }
            summary.merge(partial);
        }
        Ok(())
    };
    if is_csv {
        csv_parts(path, &shown, |profiles, problems| {
            if !problems.is_empty() {
                summary.invalid += problems.len() as u64;
                for d in &problems {
                    sink.problem(d);
                }
                if opts.strict {
                    return Err(Stop::Strict);
                }
            }
            let mut profiles = profiles.into_iter().map(|(p, line)| {
                (
                    p,
                    Origin {
                        path: shown.clone(),
                        line: Some(line),
                        file: None,
                    },
                )
            });
            loop {
                let batch: Vec<_> = profiles.by_ref().take(BATCH).collect();
                if batch.is_empty() {
                    return Ok(());
                }
                judge(batch, &mut summary, sink)?;
                if sink.stopped() {
                    return Err(Stop::Stopped);
                }
            }
        })?;
    } else {
        let file = std::fs::File::open(path).map_err(|e| Stop::Io(format!("cannot read `{shown}`: {e}")))?;
        let mut lines = BufReader::new(file).lines().enumerate();
        loop {
            let mut batch = Vec::with_capacity(BATCH);
            for (i, line) in lines.by_ref() {
                let line = line.map_err(|e| Stop::Io(format!("cannot read `{shown}`: {e}")))?;
                if line.trim().is_empty() {
                    continue;
                }
                let number = i as u64 + 1;
                match serde_json::from_str::<ProfileInput>(&line) {
                    Ok(p) => batch.push((
                        p,
                        Origin {
                            path: shown.clone(),
                            line: Some(number),
                            file: None,
                        },
                    )),
                    Err(e) => {
                        summary.invalid += 1;
                        sink.problem(&profile::unreadable(&shown, Some(number), Unreadable::Format(e.to_string())));
                        if opts.strict {
                            return Err(Stop::Strict);
                        }
                    }
                }
                if batch.len() == BATCH {
                    break;
                }
            }
            if batch.is_empty() {
                break;
            }
            judge(batch, &mut summary, sink)?;
            if sink.stopped() {
                return Err(Stop::Stopped);
            }
        }
    }
    summary.finish();
    Ok(summary)
}

type Judged = (Result<PersonRow, Vec<ProfileDiagnostic>>, Summary);

/// Judges a batch on `threads` threads; results come back in input order,
/// each with the summary of that one person.
fn judge_batch(fw: &Framework, role: RoleId, batch: Vec<(ProfileInput, Origin)>, opts: &Options) -> Vec<Judged> {
    let one = |(input, origin): &(ProfileInput, Origin)| -> Judged {
        let mut s = Summary::default();
        match bind(input, fw, origin, None) {
            Ok(person) => {
                let r = readiness(fw, &person, role, &opts.question);
                let row = s.add(&r);
                (Ok(row), s)
            }
            Err(problems) => {
                s.invalid = 1;
                (Err(problems), s)
            }
        }
    };
    let threads = opts.threads.max(1);
    if threads == 1 || batch.len() < 2 {
        return batch.iter().map(one).collect();
    }
    let chunk = batch.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = batch
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a cohort worker does not panic"))
            .collect()
    })
}

/// Reads every row of a user's CSV file, in any column order, reporting
/// malformed rows with their line numbers and going on.
fn read_rows(
    path: &Path,
    shown: &str,
    problems: &mut Vec<ProfileDiagnostic>,
    mut each: impl FnMut(CsvRow, u64) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(|e| Stop::Io(format!("cannot read `{shown}`: {e}")))?;
    let headers = reader
        .headers()
        .map_err(|e| Stop::Io(format!("cannot read `{shown}`: {e}")))?
        .clone();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                match record.deserialize::<CsvRow>(Some(&headers)) {
                    Ok(row) => each(row, line)?,
                    Err(e) => problems.push(profile::unreadable(shown, Some(line), Unreadable::Format(e.to_string()))),
                }
            }
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(Stop::Io(format!("cannot read `{shown}`: {e}"))),
            Err(e) => problems.push(profile::unreadable(
                shown,
                e.position().map(|p| p.line()),
                Unreadable::Format(e.to_string()),
            )),
        }
    }
}

/// Removes the partition directory however the run ends (an early return
/// on an error included).
struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Profiles of one part of a CSV file, with the line of each one's first row.
type Part = Vec<(ProfileInput, u64)>;

/// Reads a CSV cohort part by part: a small file whole; a large one split
/// by person into temporary files of about [`PARTITION_BYTES`] each, so that
/// memory does not grow with the number of people. Rows of one person always
/// land in the same part.
/// `each` gets every part with the problems found so far.
fn csv_parts(path: &Path, shown: &str, mut each: impl FnMut(Part, Vec<ProfileDiagnostic>) -> Result<(), Stop>) -> Result<(), Stop> {
    let mut problems = Vec::new();
    let size = std::fs::metadata(path)
        .map_err(|e| Stop::Io(format!("cannot read `{shown}`: {e}")))?
        .len();
    let count = size.div_ceil(PARTITION_BYTES).max(1);
    if count == 1 {
        let mut gather = CsvProfiles::default();
        read_rows(path, shown, &mut problems, |row, line| {
            gather.add(row, line, shown);
            Ok(())
        })?;
        let (profiles, more) = gather.finish(shown);
        problems.extend(more);
        return each(profiles, problems);
    }
    let dir = std::env::temp_dir().join(format!("lfw-cohort-{}-{size}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Stop::Io(format!("cannot create `{}`: {e}", dir.display())))?;
    let _cleanup = RemoveOnDrop(dir.clone());
    let io = |e: csv::Error| Stop::Io(e.to_string());
    let mut writers = Vec::new();
    for i in 0..count {
        let file = dir.join(format!("part-{i}.csv"));
        writers.push((
            file.clone(),
            csv::WriterBuilder::new().has_headers(false).from_path(&file).map_err(io)?,
        ));
    }
    read_rows(path, shown, &mut problems, |row, line| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        row.person.trim().hash(&mut h);
        writers[(h.finish() % count) as usize].1.serialize((line, row)).map_err(io)
    })?;
    let mut result = Ok(());
    for (file, mut w) in writers {
        if result.is_ok() {
            result = w.flush().map_err(|e| Stop::Io(e.to_string())).and_then(|_| {
                let mut gather = CsvProfiles::default();
                let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(&file).map_err(io)?;
                for rec in reader.deserialize::<(u64, CsvRow)>() {
                    let (line, row) = rec.map_err(io)?;
                    gather.add(row, line, shown);
                }
                let (profiles, more) = gather.finish(shown);
                problems.extend(more);
                each(profiles, std::mem::take(&mut problems))
            });
        }
        let _ = std::fs::remove_file(&file);
    }
    let _ = std::fs::remove_dir(&dir);
    result
}
