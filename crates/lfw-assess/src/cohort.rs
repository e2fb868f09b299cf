//! Cohorts: any number of profiles streamed through readiness for one role,
//! summarised in memory that does not grow with their number.
//!
//! The question is compiled once ([`Compiled`]) and each person judged
//! against it without building a report. JSON Lines is read in blocks of
//! whole lines; each block is split among the worker threads, which parse
//! their lines (borrowing the strings) and judge them, and the results are
//! merged in input order. Long CSV, whose rows of one person need not be
//! adjacent, is first split by person into partition files of bounded size
//! in a directory the caller provides ([`Options::scratch`]), then each
//! partition is read as a whole, removed, and judged on every core.
//!
//! A profile the fast path declines (anything wrong in it) is read and
//! bound the slow way, which reports every problem with its diagnostic.

use crate::compiled::{Compiled, Gap, ProfileRef, Scratch, Standing, Verdict};
use crate::problem::{ProfileDiagnostic, Unreadable};
use crate::profile::{self, bind, CsvProfiles, CsvRow, Origin, Person, ProfileInput};
use crate::read::{Input, ProfileFormat};
use crate::readiness::Question;
use lfw_model::{CompetencyId, Framework, RoleId};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Profiles of a CSV part judged together.
const BATCH: usize = 4096;
/// Bytes of JSON Lines read and judged as one block: bounds the memory of a
/// run, and is large enough to keep every core busy.
const BLOCK_BYTES: usize = 1 << 20;
/// The longest line of JSON Lines read, in bytes: a profile is a few
/// kilobytes, and one line must not be able to take all the memory.
const MAX_LINE_BYTES: usize = 16 << 20;
/// Bytes of CSV per partition.
const PARTITION_BYTES: u64 = 8 << 20;
/// The longest CSV record read, in bytes (a row, with any line breaks
/// quoted inside it): a row is a few hundred bytes, and a quote never
/// closed must not make the rest of the file one field held in memory.
pub const MAX_CSV_RECORD_BYTES: usize = 16 << 20;

/// A reader that fails once more than [`MAX_CSV_RECORD_BYTES`] (and the
/// CSV reader's buffer) have been read since the end of the last record,
/// which the caller moves forward after each record.
struct Bounded<R> {
    inner: R,
    read: u64,
    record_end: std::rc::Rc<std::cell::Cell<u64>>,
}

/// The error [`Bounded`] fails with.
#[derive(Debug)]
struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a CSV record longer than {MAX_CSV_RECORD_BYTES} bytes")
    }
}

impl std::error::Error for RecordTooLong {}

/// The bytes the CSV reader may have read ahead of the record it is on.
const CSV_BUFFER: u64 = 64 << 10;

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read.saturating_sub(self.record_end.get()) > MAX_CSV_RECORD_BYTES as u64 + CSV_BUFFER {
            return Err(std::io::Error::other(RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Whether a CSV error is [`Bounded`]'s.
fn too_long(e: &csv::Error) -> bool {
    match e.kind() {
        csv::ErrorKind::Io(io) => io.get_ref().is_some_and(|inner| inner.is::<RecordTooLong>()),
        _ => false,
    }
}

/// One person's line in a cohort report.
#[derive(Clone, Debug)]
pub struct PersonRow {
    pub person: String,
    pub ready: bool,
    pub score: f64,
    /// The unmet essential requirements, in the role's order.
    pub missing: Vec<Gap>,
}

/// A cohort, summarised: counts, and the requirements people miss, by
/// requirement (their words are the binary's to write).
#[derive(Clone, Debug, Default)]
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
    /// People by where they stand, one reason each, in the order of
    /// [`Standing::ALL`]: they add up to `people`.
    pub standing: [u64; 6],
    /// For each competency the role asks a level of (its essential
    /// requirements, the highest level asked), how many people are short of
    /// it by 0 (met), 1, 2, … levels.
    pub shortfall: Vec<(CompetencyId, Vec<u64>)>,
    /// Unmet essential requirements, most common first.
    pub common_gaps: Vec<Count>,
    /// Requirements that are the only thing between people and readiness:
    /// delivering one makes that many people ready. Most first.
    pub unblocks: Vec<Count>,
    pub mean_score: f64,
    score_sum: f64,
    /// People missing each requirement, by its index among the question's
    /// gaps.
    gaps: Vec<u64>,
    /// People for whom it is the only unmet requirement.
    only_gap: Vec<u64>,
}

/// How many people a requirement concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub gap: Gap,
    pub people: u64,
}

/// The index of each gap of a question among its gaps (as
/// `Compiled::gaps` lists them), for the counts.
fn gap_index(g: Gap, progression: bool) -> usize {
    let before = if progression { Gap::PROGRESSION.len() } else { 0 };
    match g {
        Gap::TimeServed => 0,
        Gap::RoleBelow => 1,
        Gap::RoleElsewhere => 2,
        Gap::Requirement(i) => i + before,
    }
}

impl Summary {
    /// How many people stand where.
    pub fn by_standing(&self) -> impl Iterator<Item = (Standing, u64)> + '_ {
        Standing::ALL.iter().copied().zip(self.standing)
    }

    fn counting(gaps: usize) -> Summary {
        Summary {
            gaps: vec![0; gaps],
            only_gap: vec![0; gaps],
            ..Summary::default()
        }
    }

    fn add(&mut self, v: &Verdict, progression: bool) {
        self.people += 1;
        self.standing[v.standing() as usize] += 1;
        self.score_sum += v.score;
        if v.ready {
            self.ready += 1;
        } else {
            self.not_ready += 1;
            *self.missing_count.entry(v.missing.len()).or_default() += 1;
        }
        for &g in v.missing {
            self.gaps[gap_index(g, progression)] += 1;
        }
        if let [only] = v.missing {
            self.only_gap[gap_index(*only, progression)] += 1;
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
        for (mine, theirs) in self.standing.iter_mut().zip(other.standing) {
            *mine += theirs;
        }
        for ((_, mine), (_, theirs)) in self.shortfall.iter_mut().zip(other.shortfall) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        for (mine, theirs) in self.gaps.iter_mut().zip(other.gaps) {
            *mine += theirs;
        }
        for (mine, theirs) in self.only_gap.iter_mut().zip(other.only_gap) {
            *mine += theirs;
        }
    }

    /// The lists, now that every person is counted; `gaps` are the keys of
    /// the counts. Most people first, then in the role's order.
    fn finish(&mut self, gaps: &[Gap]) {
        let ranked = |counts: &[u64]| {
            let mut v: Vec<Count> = counts
                .iter()
                .zip(gaps)
                .filter(|(n, _)| **n > 0)
                .map(|(n, gap)| Count { gap: *gap, people: *n })
                .collect();
            v.sort_by_key(|c| std::cmp::Reverse(c.people));
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
    /// Whether to stop early (the output can take no more: its reader has
    /// gone away, or a write failed).
    fn stopped(&self) -> bool {
        false
    }
    /// Whether [`Sink::person`] wants the rows: building them costs time
    /// that a summary alone does not need.
    fn wants_rows(&self) -> bool {
        true
    }
}

pub struct Options {
    pub question: Question,
    /// Stop at the first invalid profile.
    pub strict: bool,
    /// Worker threads.
    pub threads: usize,
    /// The directory a large CSV file is split into. The caller provides it
    /// private to the user (a new directory of mode 0700: `tempfile`'s
    /// `Builder::tempdir` with those permissions asked for, since by
    /// default it leaves the directory readable by everyone) and removes it
    /// afterwards. The run only creates its parts inside it, each with a
    /// new unpredictable name and mode 0600, and removes each part as soon
    /// as it has been read back.
    pub scratch: PathBuf,
}

/// The error that stops a cohort run.
#[derive(Debug)]
pub enum Stop {
    /// `--strict` and an invalid profile.
    Strict,
    /// The sink asked to stop.
    Stopped,
    /// The input is not a cohort at all.
    NotACohort(NotACohort),
    /// Reading the input, or writing or reading back its parts in the
    /// scratch directory, failed.
    Io(IoStep, std::io::Error),
}

/// What a run was doing when input or output failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoStep {
    /// Reading the cohort.
    ReadInput,
    /// Writing the parts of a large CSV file into the scratch directory.
    WriteParts,
    /// Reading a part back.
    ReadPart,
}

/// Why an input is not a cohort, rather than a cohort of nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotACohort {
    /// A CSV file whose header has no `person` column.
    NoPersonColumn,
    /// A CSV file whose header has no `record` column: every row would be
    /// unreadable, so the file is reported once instead.
    NoRecordColumn,
    /// Not one profile in it, valid or not.
    NoProfiles,
    /// One JSON profile, not one per line.
    OneProfile,
}

/// What judging one profile gave, in input order.
pub(crate) enum Event {
    Row(PersonRow),
    Problems(Vec<ProfileDiagnostic>),
}

/// The question and what a worker needs to judge against it.
struct Judge<'f> {
    fw: &'f Framework,
    compiled: Compiled<'f>,
    progression: bool,
    /// Every requirement that can be missing, in the role's order.
    gaps: Vec<Gap>,
    rows: bool,
}

/// What one worker made of its share of a block: the counts of the
/// people judged, the profiles left out, and the events in input order.
pub(crate) struct Share<C> {
    pub(crate) counts: C,
    /// People judged.
    pub(crate) people: u64,
    /// Profiles left out for their problems.
    pub(crate) invalid: u64,
    pub(crate) events: Vec<Event>,
}

/// What a run asks of each valid person, and what it counts: a cohort's one
/// role ([`Judge`]), or a succession's every role (`crate::succession`).
/// The streaming — blocks of JSON Lines on a pool of workers, CSV parts,
/// the slow path for profiles with mistakes — is the same for both.
pub(crate) trait Asking: Sync {
    /// What one worker counts.
    type Counts: Send;
    fn framework(&self) -> &Framework;
    fn counts(&self) -> Self::Counts;
    /// Reads a profile into the buffers the fast way and counts it; `false`,
    /// having counted nothing, when the fast way declines it.
    fn fast(&self, p: &ProfileRef, s: &mut Scratch, share: &mut Share<Self::Counts>) -> bool;
    /// Counts a person bound the slow way.
    fn person(&self, person: &Person, input: &ProfileInput, s: &mut Scratch, share: &mut Share<Self::Counts>);
    /// Adds a later share's counts to an earlier one's.
    fn merge(&self, into: &mut Self::Counts, from: Self::Counts);
}

/// How a run streams its input.
pub(crate) struct Streaming<'a> {
    pub(crate) strict: bool,
    pub(crate) threads: usize,
    pub(crate) scratch: &'a Path,
}

impl<'f> Judge<'f> {
    fn new(fw: &'f Framework, role: RoleId, q: &Question, rows: bool) -> Judge<'f> {
        let compiled = Compiled::new(fw, role, q);
        let gaps: Vec<Gap> = compiled.gaps().collect();
        Judge {
            fw,
            progression: gaps.first().is_some_and(|g| g.is_progression()),
            gaps,
            compiled,
            rows,
        }
    }

    /// Counts the verdict of the person in the buffers, and their row.
    fn count(&self, id: &str, s: &mut Scratch, share: &mut Share<Summary>) {
        let verdict = self.compiled.judge(s);
        share.counts.add(&verdict, self.progression);
        let row = self.rows.then(|| PersonRow {
            person: id.to_string(),
            ready: verdict.ready,
            score: verdict.score,
            missing: verdict.missing.to_vec(),
        });
        for ((_, counts), short) in share.counts.shortfall.iter_mut().zip(self.compiled.shortfalls(s)) {
            counts[short] += 1;
        }
        if let Some(row) = row {
            share.events.push(Event::Row(row));
        }
    }
}

impl Asking for Judge<'_> {
    type Counts = Summary;

    fn framework(&self) -> &Framework {
        self.fw
    }

    fn counts(&self) -> Summary {
        Summary {
            shortfall: self.compiled.asked().map(|(c, need)| (c, vec![0; need + 2])).collect(),
            ..Summary::counting(self.gaps.len())
        }
    }

    fn fast(&self, p: &ProfileRef, s: &mut Scratch, share: &mut Share<Summary>) -> bool {
        if !self.compiled.bind(p, s) {
            return false;
        }
        self.count(&p.id, s, share);
        true
    }

    fn person(&self, person: &Person, input: &ProfileInput, s: &mut Scratch, share: &mut Share<Summary>) {
        self.compiled.bind_person(person, s);
        self.count(&input.id, s, share);
    }

    fn merge(&self, into: &mut Summary, from: Summary) {
        into.merge(from);
    }
}

fn share<A: Asking>(asking: &A) -> Share<A::Counts> {
    Share {
        counts: asking.counts(),
        people: 0,
        invalid: 0,
        events: Vec::new(),
    }
}

/// A profile the fast path declined: bound the slow way, for its
/// diagnostics (or, should it bind after all, judged).
fn slow<A: Asking>(asking: &A, input: &ProfileInput, origin: &Origin, s: &mut Scratch, share: &mut Share<A::Counts>) {
    match bind(input, asking.framework(), origin, None) {
        Ok(person) => {
            share.people += 1;
            asking.person(&person, input, s, share);
        }
        Err(problems) => {
            share.invalid += 1;
            share.events.push(Event::Problems(problems));
        }
    }
}

/// One line of JSON Lines.
fn judge_line<A: Asking>(asking: &A, bytes: &[u8], number: u64, shown: &str, s: &mut Scratch, share: &mut Share<A::Counts>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        let offset = std::str::from_utf8(bytes).err().map_or(0, |e| e.valid_up_to());
        share.invalid += 1;
        share.events.push(Event::Problems(vec![profile::unreadable(
            shown,
            Some(number),
            Unreadable::NotUtf8 { offset },
        )]));
        return;
    };
    if text.trim().is_empty() {
        return;
    }
    if let Ok(p) = serde_json::from_str::<ProfileRef>(text) {
        if asking.fast(&p, s, share) {
            share.people += 1;
            return;
        }
    }
    let origin = Origin {
        path: shown.to_string(),
        line: Some(number),
        file: None,
    };
    match crate::json::profile(text) {
        Ok(input) => slow(asking, &input, &origin, s, share),
        Err(misread) => {
            share.invalid += 1;
            share
                .events
                .push(Event::Problems(profile::misread(shown, Some(number), text, None, misread)));
        }
    }
}

/// One profile of a CSV part.
fn csv_profile<A: Asking>(asking: &A, input: &ProfileInput, origin: &Origin, s: &mut Scratch, share: &mut Share<A::Counts>) {
    if asking.fast(&ProfileRef::of(input), s, share) {
        share.people += 1;
    } else {
        slow(asking, input, origin, s, share);
    }
}

/// Runs `each` over `items` split into `threads` contiguous shares, each on
/// its own thread with its own buffers; the shares come back in order.
fn in_parallel<A: Asking, T: Sync>(
    asking: &A,
    items: &[T],
    threads: usize,
    each: impl Fn(&T, &mut Scratch, &mut Share<A::Counts>) + Sync,
) -> Vec<Share<A::Counts>> {
    let run = |part: &[T]| on_this_thread(asking, part, &each);
    if threads <= 1 || items.len() < 2 {
        return vec![run(items)];
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        // A thread the system will not give (a limit on threads or on
        // memory) is no failure: its share is judged on this one instead.
        let started: Vec<Result<_, &[T]>> = items
            .chunks(chunk)
            .map(|part| std::thread::Builder::new().spawn_scoped(scope, move || run(part)).map_err(|_| part))
            .collect();
        started
            .into_iter()
            .map(|s| match s {
                Ok(h) => h.join().expect("a cohort worker does not panic"),
                Err(part) => run(part),
            })
            .collect()
    })
}

/// Runs `each` over `items` on this thread, with buffers of its own.
fn on_this_thread<A: Asking, T>(asking: &A, items: &[T], each: &impl Fn(&T, &mut Scratch, &mut Share<A::Counts>)) -> Share<A::Counts> {
    let mut scratch = Scratch::default();
    let mut share = share(asking);
    for item in items {
        each(item, &mut scratch, &mut share);
    }
    share
}

/// Hands the shares' rows and problems to the sink in order, and merges
/// them into `total`.
fn deliver<A: Asking>(
    asking: &A,
    shares: Vec<Share<A::Counts>>,
    total: &mut Share<A::Counts>,
    sink: &mut dyn Sink,
    strict: bool,
) -> Result<(), Stop> {
    for share in shares {
        total.people += share.people;
        total.invalid += share.invalid;
        for event in share.events {
            match event {
                Event::Row(row) => sink.person(&row),
                Event::Problems(problems) => {
                    for d in &problems {
                        sink.problem(d);
                    }
                    if strict {
                        return Err(Stop::Strict);
                    }
                }
            }
        }
        asking.merge(&mut total.counts, share.counts);
    }
    Ok(())
}

/// Runs a cohort (JSON Lines or long CSV) through readiness for `role`.
pub fn run(fw: &Framework, role: RoleId, input: Input, opts: &Options, sink: &mut dyn Sink) -> Result<Summary, Stop> {
    let judge = Judge::new(fw, role, &opts.question, sink.wants_rows());
    let streaming = Streaming {
        strict: opts.strict,
        threads: opts.threads,
        scratch: &opts.scratch,
    };
    let (mut summary, _, invalid) = stream(&judge, input, &streaming, sink)?;
    summary.framework = fw.id.clone();
    summary.role = fw.roles[role.0].id.clone();
    summary.as_of = opts.question.as_of.to_string();
    summary.invalid = invalid;
    summary.finish(&judge.gaps);
    Ok(summary)
}

/// Streams a cohort (JSON Lines or long CSV) through `asking`, in memory
/// that does not grow with the number of people: its counts, how many
/// people were judged, and how many profiles were left out for their
/// problems (each passed to the sink).
pub(crate) fn stream<A: Asking>(asking: &A, input: Input, opts: &Streaming, sink: &mut dyn Sink) -> Result<(A::Counts, u64, u64), Stop> {
    let mut total = share(asking);
    let shown = input.name.clone();
    let threads = opts.threads.max(1);
    if input.format == ProfileFormat::Json {
        return Err(Stop::NotACohort(NotACohort::OneProfile));
    }
    if input.format == ProfileFormat::Csv {
        csv_parts(input.reader, input.len, &shown, opts.scratch, |profiles, problems| {
            if !problems.is_empty() {
                total.invalid += problems.len() as u64;
                for d in &problems {
                    sink.problem(d);
                }
                if opts.strict {
                    return Err(Stop::Strict);
                }
            }
            for batch in profiles.chunks(BATCH) {
                let shares = in_parallel(asking, batch, threads, |(input, line), s, share| {
                    let origin = Origin {
                        path: shown.clone(),
                        line: Some(*line),
                        file: None,
                    };
                    csv_profile(asking, input, &origin, s, share);
                });
                deliver(asking, shares, &mut total, sink, opts.strict)?;
                if sink.stopped() {
                    return Err(Stop::Stopped);
                }
            }
            Ok(())
        })?;
    } else {
        judge_lines(asking, input.reader, &shown, threads, opts.strict, &mut total, sink)?;
    }
    if total.people == 0 && total.invalid == 0 {
        return Err(Stop::NotACohort(NotACohort::NoProfiles));
    }
    Ok((total.counts, total.people, total.invalid))
}

/// Whole lines of a JSON Lines file: their text, and for each its number
/// and where it lies in the text (without its line break).
struct Block {
    text: Vec<u8>,
    lines: Vec<Line>,
}

/// A line of a block: its number, and where it lies in the text, or that
/// it was too long to read.
#[derive(Clone, Copy)]
enum Line {
    Read(u64, usize, usize),
    TooLong(u64),
}

/// Judges JSON Lines. One thread reads blocks of whole lines; `threads`
/// workers each take the next block as soon as they are free and judge it
/// whole; this thread hands their results to the sink in the order of the
/// file, holding any that come early. No worker waits for another, so a
/// worker slowed by the reader (or by anything else on its core) does not
/// hold the others up, as a barrier after every block would.
fn judge_lines<A: Asking>(
    asking: &A,
    file: Box<dyn Read + Send + '_>,
    shown: &str,
    threads: usize,
    strict: bool,
    total: &mut Share<A::Counts>,
    sink: &mut dyn Sink,
) -> Result<(), Stop> {
    use std::sync::mpsc::{channel, sync_channel};
    use std::sync::{Arc, Mutex};
    // Blocks in flight at most: one being read, one waiting per worker,
    // one being judged per worker, and as many held back for order. When
    // all are out, the reader waits for one to come back.
    let in_flight = 3 * threads + 1;
    std::thread::scope(|scope| {
        let (send, blocks) = sync_channel::<(u64, Result<Block, Stop>)>(threads);
        // Judged blocks go back to the reader to be filled again, which
        // spares allocating (and the system zeroing) a block each time.
        let (recycle, used) = channel::<Block>();
        scope.spawn(move || read_blocks(file, in_flight, send, used));
        // Shared by the workers; when the last of them is gone, so is the
        // receiver, and the reader stops at its next block.
        let blocks = Arc::new(Mutex::new(blocks));
        let (judged, results) = channel::<(u64, Result<(Share<A::Counts>, Block), Stop>)>();
        let judge_block = |block: &Block| {
            let each = |line: &Line, s: &mut Scratch, share: &mut Share<A::Counts>| match *line {
                Line::Read(n, start, end) => judge_line(asking, &block.text[start..end], n, shown, s, share),
                Line::TooLong(n) => {
                    share.invalid += 1;
                    share.events.push(Event::Problems(vec![profile::unreadable(
                        shown,
                        Some(n),
                        Unreadable::LineTooLong { limit: MAX_LINE_BYTES },
                    )]));
                }
            };
            on_this_thread(asking, &block.lines, &each)
        };
        let mut workers = 0;
        for _ in 0..threads {
            let (blocks, judged) = (Arc::clone(&blocks), judged.clone());
            let work = move || loop {
                let next = blocks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                let Ok((number, block)) = next else { return };
                let result = block.map(|block| (judge_block(&block), block));
                if judged.send((number, result)).is_err() {
                    return;
                }
            };
            // A thread the system will not give (a limit on threads or on
            // memory) is no failure: the blocks go to the others, or, with
            // no worker at all, are judged on this thread.
            if std::thread::Builder::new().spawn_scoped(scope, work).is_ok() {
                workers += 1;
            }
        }
        drop(judged);
        let mut deliver_in_order = {
            let mut early = BTreeMap::new();
            let mut next = 0u64;
            move |number: u64, result: Result<(Share<A::Counts>, Block), Stop>, total: &mut Share<A::Counts>, sink: &mut dyn Sink| {
                early.insert(number, result);
                while let Some(result) = early.remove(&next) {
                    next += 1;
                    let (share, block) = result?;
                    deliver(asking, vec![share], total, sink, strict)?;
                    if sink.stopped() {
                        return Err(Stop::Stopped);
                    }
                    let _ = recycle.send(block);
                }
                Ok(())
            }
        };
        if workers == 0 {
            loop {
                let next = blocks.lock().unwrap_or_else(std::sync::PoisonError::into_inner).recv();
                let Ok((number, block)) = next else { break };
                let result = block.map(|block| (judge_block(&block), block));
                deliver_in_order(number, result, total, sink)?;
            }
        }
        drop(blocks);
        for (number, result) in results {
            deliver_in_order(number, result, total, sink)?;
        }
        Ok(())
    })
}

/// Reads a JSON Lines file in blocks of about [`BLOCK_BYTES`] of whole
/// lines and sends them on, numbered from 0, until the file ends, it cannot
/// be read, or the receiver is gone. At most `in_flight` blocks are made;
/// after that each is one that came back through `used`, to be filled again.
fn read_blocks(
    file: Box<dyn std::io::Read + Send + '_>,
    in_flight: usize,
    send: std::sync::mpsc::SyncSender<(u64, Result<Block, Stop>)>,
    used: std::sync::mpsc::Receiver<Block>,
) {
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut number = 0u64;
    let mut made = 0;
    for sent in 0u64.. {
        let reused = if made < in_flight { used.try_recv().ok() } else { used.recv().ok() };
        let mut block = match reused {
            Some(mut block) => {
                block.text.clear();
                block.lines.clear();
                block
            }
            None if made < in_flight => {
                made += 1;
                Block {
                    text: Vec::with_capacity(BLOCK_BYTES + (64 << 10)),
                    lines: Vec::new(),
                }
            }
            // Every block is out and the receiver of results has gone.
            None => return,
        };
        while block.text.len() < BLOCK_BYTES {
            let start = block.text.len();
            let read = (&mut reader).take(MAX_LINE_BYTES as u64 + 1).read_until(b'\n', &mut block.text);
            match read {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    let _ = send.send((sent, Err(Stop::Io(IoStep::ReadInput, e))));
                    return;
                }
            }
            number += 1;
            if block.text.len() - start > MAX_LINE_BYTES && !block.text.ends_with(b"\n") {
                // Dropped, and the rest of it skipped without keeping it.
                block.text.truncate(start);
                if let Err(e) = skip_line(&mut reader) {
                    let _ = send.send((sent, Err(Stop::Io(IoStep::ReadInput, e))));
                    return;
                }
                block.lines.push(Line::TooLong(number));
                continue;
            }
            let end = if block.text.ends_with(b"\n") {
                block.text.len() - 1
            } else {
                block.text.len()
            };
            block.lines.push(Line::Read(number, start, end));
        }
        if block.lines.is_empty() || send.send((sent, Ok(block))).is_err() {
            return;
        }
    }
}

/// Reads up to the next line break, keeping nothing.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buffer.len();
                reader.consume(n);
            }
        }
    }
}

/// Reads every row of a user's CSV file, in any column order, reporting
/// malformed rows with their line numbers and going on.
fn read_rows(
    source: impl std::io::Read,
    shown: &str,
    problems: &mut Vec<ProfileDiagnostic>,
    mut each: impl FnMut(CsvRow, u64) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let record_end = std::rc::Rc::new(std::cell::Cell::new(0));
    let bounded = Bounded {
        inner: source,
        read: 0,
        record_end: record_end.clone(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .buffer_capacity(CSV_BUFFER as usize)
        .from_reader(bounded);
    let too_long_at = |line: Option<u64>| {
        profile::unreadable(
            shown,
            line,
            Unreadable::CsvRecordTooLong {
                limit: MAX_CSV_RECORD_BYTES,
            },
        )
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) if too_long(&e) => {
            problems.push(too_long_at(Some(1)));
            return Ok(());
        }
        Err(e) => return Err(Stop::Io(IoStep::ReadInput, e.into())),
    };
    // Without it no row can say whose it is: every row would be invalid,
    // and a file of anything at all would pass for a cohort of nobody.
    if !headers.iter().any(|h| h.trim() == "person") {
        return Err(Stop::NotACohort(NotACohort::NoPersonColumn));
    }
    if profile::missing_column(&headers) == Some("record") {
        return Err(Stop::NotACohort(NotACohort::NoRecordColumn));
    }
    let mut record = csv::StringRecord::new();
    loop {
        // The line the next record starts on.
        let starts = reader.position().line();
        let result = reader.read_record(&mut record);
        record_end.set(reader.position().byte());
        match result {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                match record.deserialize::<CsvRow>(Some(&headers)) {
                    Ok(row) => each(row, line)?,
                    Err(e) => problems.push(profile::unreadable(shown, Some(line), profile::csv_trouble(&e))),
                }
            }
            // Nothing after a record too long can be read as rows: the
            // profiles before it are judged.
            Err(e) if too_long(&e) => {
                problems.push(too_long_at(Some(starts)));
                return Ok(());
            }
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(Stop::Io(IoStep::ReadInput, e.into())),
            Err(e) => problems.push(profile::unreadable(shown, e.position().map(|p| p.line()), profile::csv_trouble(&e))),
        }
    }
}

/// Profiles of one part of a CSV file, with the line of each one's first row.
type Part = Vec<(ProfileInput, u64)>;

/// Reads a CSV cohort part by part: a small file whole; a large one split
/// by person into temporary files of about [`PARTITION_BYTES`] each in
/// `scratch`, so that memory does not grow with the number of people. Rows
/// of one person always land in the same part.
/// `each` gets every part with the problems found so far.
fn csv_parts(
    source: Box<dyn std::io::Read + Send + '_>,
    len: Option<u64>,
    shown: &str,
    scratch: &Path,
    mut each: impl FnMut(Part, Vec<ProfileDiagnostic>) -> Result<(), Stop>,
) -> Result<(), Stop> {
    let mut problems = Vec::new();
    let count = len.unwrap_or(0).div_ceil(PARTITION_BYTES).max(1);
    if count == 1 {
        let mut gather = CsvProfiles::default();
        read_rows(source, shown, &mut problems, |row, line| {
            gather.add(row, line, shown);
            Ok(())
        })?;
        let (profiles, more) = gather.finish(shown);
        problems.extend(more);
        return each(profiles, problems);
    }
    // A part not yet read is removed when it is dropped, so an early return
    // (an error, `--strict`, a stop) leaves none behind.
    for part in split(source, shown, scratch, count, &mut problems)? {
        let profiles = gather_part(part, shown, &mut problems)?;
        each(profiles, std::mem::take(&mut problems))?;
    }
    Ok(())
}

/// Splits the rows of a CSV file by person into `count` new temporary files
/// in `dir`. Each file gets a fresh unpredictable name (`part-…`), is
/// created only if no such path exists, and is readable by its owner only,
/// since the rows are personal data; it is removed when dropped.
fn split(
    source: impl std::io::Read,
    shown: &str,
    dir: &Path,
    count: u64,
    problems: &mut Vec<ProfileDiagnostic>,
) -> Result<Vec<NamedTempFile>, Stop> {
    let cannot_write = |e: std::io::Error| Stop::Io(IoStep::WriteParts, e);
    let mut writers = Vec::new();
    for _ in 0..count {
        let part = tempfile::Builder::new()
            .prefix("part-")
            .suffix(".csv")
            .tempfile_in(dir)
            .map_err(cannot_write)?;
        writers.push(csv::WriterBuilder::new().has_headers(false).from_writer(part));
    }
    read_rows(source, shown, problems, |row, line| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        row.person.trim().hash(&mut h);
        writers[(h.finish() % count) as usize]
            .serialize((line, row))
            .map_err(|e| cannot_write(e.into()))
    })?;
    writers
        .into_iter()
        .map(|w| w.into_inner().map_err(|e| cannot_write(e.into_error())))
        .collect()
}

/// Reads one part back whole and removes it before its people are judged,
/// so that personal data stays on disk no longer than needed.
fn gather_part(part: NamedTempFile, shown: &str, problems: &mut Vec<ProfileDiagnostic>) -> Result<Part, Stop> {
    let cannot_read = |e: std::io::Error| Stop::Io(IoStep::ReadPart, e);
    let mut file = part.as_file();
    file.seek(SeekFrom::Start(0)).map_err(cannot_read)?;
    let mut gather = CsvProfiles::default();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(file);
    for rec in reader.deserialize::<(u64, CsvRow)>() {
        let (line, row) = rec.map_err(|e| cannot_read(e.into()))?;
        gather.add(row, line, shown);
    }
    drop(reader);
    // A part that cannot be removed is left to whoever owns the directory.
    let _ = part.close();
    let (profiles, more) = gather.finish(shown);
    problems.extend(more);
    Ok(profiles)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A long CSV of `people` people, two assessments each, with every
    /// person's second row far from the first.
    fn csv(people: usize) -> String {
        let mut text = String::from("person,name,framework,role,role_since,record,item,level,source,date,until,note\n");
        for round in ["a", "b"] {
            for i in 0..people {
                text.push_str(&format!("p{i},,f,r,2024-01-01,assessment,c{round},1,self,2025-01-01,,\n"));
            }
        }
        text
    }

    fn files_in(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("the scratch directory is readable")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files
    }

    #[test]
    fn parts_are_new_private_files_in_the_scratch_directory_removed_once_read() {
        let scratch = tempfile::tempdir().expect("a scratch directory");
        let input_dir = tempfile::tempdir().expect("an input directory");
        let input = input_dir.path().join("cohort.csv");
        std::fs::write(&input, csv(40)).expect("write the cohort");
        let mut problems = Vec::new();

        let parts = split(
            std::fs::File::open(&input).expect("the cohort"),
            "cohort.csv",
            scratch.path(),
            3,
            &mut problems,
        )
        .expect("split");
        assert!(problems.is_empty(), "{problems:?}");
        let files = files_in(scratch.path());
        assert_eq!(files.len(), 3, "one file per part, all inside the scratch directory: {files:?}");
        for file in &files {
            let name = file.file_name().expect("name").to_string_lossy();
            assert!(name.starts_with("part-") && name.ends_with(".csv"), "{name}");
            assert_ne!(name, "part-0.csv", "names are not predictable");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(file).expect("metadata").permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{name} is readable by its owner only");
            }
        }

        let mut people = Vec::new();
        for (read, part) in parts.into_iter().enumerate() {
            let profiles = gather_part(part, "cohort.csv", &mut problems).expect("read back");
            assert_eq!(
                files_in(scratch.path()).len(),
                3 - read - 1,
                "a part is removed as soon as it is read"
            );
            for (p, _) in profiles {
                assert_eq!(p.assessments.len(), 2, "both rows of `{}` are in one part", p.id);
                people.push(p.id);
            }
        }
        assert!(problems.is_empty(), "{problems:?}");
        people.sort();
        people.dedup();
        assert_eq!(people.len(), 40, "every person is in exactly one part");
        assert!(scratch.path().is_dir(), "the directory itself is the caller's to remove");
    }

    #[test]
    fn parts_not_yet_read_are_removed_when_a_run_stops_early() {
        let scratch = tempfile::tempdir().expect("a scratch directory");
        let input = scratch.path().join("cohort.csv");
        std::fs::write(&input, csv(10)).expect("write the cohort");
        let parts = split(
            std::fs::File::open(&input).expect("the cohort"),
            "cohort.csv",
            scratch.path(),
            4,
            &mut Vec::new(),
        )
        .expect("split");
        assert_eq!(files_in(scratch.path()).len(), 5);
        drop(parts);
        assert_eq!(files_in(scratch.path()), [input], "only the input is left");
    }
}
