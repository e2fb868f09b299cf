//! Succession pipelines: for every role of a framework at once, who holds
//! it, who could step into it now, who will be able to soon, who is one
//! requirement away and who is blocked — overall and by group — in one pass
//! over a cohort, in memory that does not grow with the number of people.
//!
//! A role's **successors** are the people in a role it comes after
//! directly (its `after` roles): the pool the role is filled from. People
//! further down are in the pool of the role above them, and a role with no
//! `after` (an entry role) has no pool: it is filled by recruitment. Each
//! successor is in exactly one of four places:
//!
//! - **ready now**: every essential requirement met;
//! - **within the horizon**: only time in their role is missing, and it
//!   runs out within the horizon (counted by the month it does);
//! - **one step away**: exactly one essential requirement unmet (any other
//!   one, or time beyond the horizon);
//! - **blocked**: more than one unmet.
//!
//! One compiled question per role ([`Compiled`]) is built once; each person
//! is read once and judged against every role, on the cohort engine's
//! streaming ([`crate::cohort::stream`]): the same formats, blocks,
//! workers, partitions and diagnostics. The figures here are exact counts;
//! what may be published of them is [`crate::disclosure`]'s to decide.

use crate::cohort::{stream, Asking, Share, Sink, Stop, Streaming};
use crate::compiled::{Compiled, Gap, ProfileRef, Scratch};
use crate::profile::{Person, ProfileInput};
use crate::read::Input;
use crate::readiness::Question;
use lfw_model::{Framework, RoleId};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// At most this many groups: a `--by` attribute that is different for
/// nearly everyone (an id, a date) would otherwise make memory grow with
/// the people, and publish nothing but suppressed cells.
pub const MAX_GROUPS: usize = 10_000;

/// At most this many counters over every group and role: memory grows with
/// groups × roles × (figures, months of the horizon and gaps of each role),
/// each a product of sizes within its own limit, so the product is bounded
/// too (a million counters, 8 MB a worker). Fewer groups are allowed when
/// there are many roles.
pub const MAX_COUNTERS: usize = 1_000_000;

/// A `--by` value longer than this many characters stops the run: a group's
/// name is kept in memory and laid out in every report, so its length is
/// bounded like any other product of sizes. Real attribute values (an
/// organisation, a region) are far shorter.
pub const MAX_GROUP_VALUE: usize = 200;

pub struct Options {
    pub question: Question,
    /// Months ahead in which people who lack only time are counted.
    pub horizon: u32,
    /// Attributes to group by, in order; none: one group of everyone.
    pub by: Vec<String>,
    /// The roles to report, in any order; none: every role.
    pub roles: Vec<RoleId>,
    pub strict: bool,
    pub threads: usize,
    /// As [`crate::cohort::Options::scratch`].
    pub scratch: PathBuf,
}

/// A group: the values of the `--by` attributes, in their order (`None`
/// where a profile does not give one).
pub type Group = Vec<Option<String>>;

/// The figures of one role in one group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleCounts {
    /// People in the role now.
    pub holders: u64,
    /// Successors ready now.
    pub ready: u64,
    /// Successors missing only time, by the months still to serve: index
    /// `k - 1` for `k` months, up to the horizon.
    pub within: Vec<u64>,
    /// Successors with exactly one requirement unmet (time beyond the
    /// horizon included).
    pub one_step: u64,
    /// Successors with more than one unmet.
    pub blocked: u64,
    /// For each of the role's gaps (as [`Compiled::gaps`] lists them), the
    /// successors for whom it is the only unmet requirement: what would
    /// unblock most of them.
    pub only_gap: Vec<u64>,
}

impl RoleCounts {
    fn new(horizon: u32, gaps: usize) -> RoleCounts {
        RoleCounts {
            within: vec![0; horizon as usize],
            only_gap: vec![0; gaps],
            ..RoleCounts::default()
        }
    }

    /// Successors within the horizon, whatever the month.
    pub fn within_total(&self) -> u64 {
        self.within.iter().sum()
    }

    /// Every successor: the pool the role is filled from.
    pub fn pool(&self) -> u64 {
        self.ready + self.within_total() + self.one_step + self.blocked
    }

    fn add(&mut self, other: &RoleCounts) {
        self.holders += other.holders;
        self.ready += other.ready;
        self.one_step += other.one_step;
        self.blocked += other.blocked;
        for (a, b) in self.within.iter_mut().zip(&other.within) {
            *a += b;
        }
        for (a, b) in self.only_gap.iter_mut().zip(&other.only_gap) {
            *a += b;
        }
    }
}

/// Where one person stands towards one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Neither holder nor successor.
    Outside,
    Holds,
    Ready,
    /// Only time missing (at this gap index): this many months.
    Within(u32, usize),
    /// One unmet, at this index among the role's gaps.
    OneStep(usize),
    /// Only time missing, beyond the horizon: one step, at this gap index.
    Later(usize),
    Blocked,
}

/// What one worker counts.
pub struct Counts {
    groups: BTreeMap<Group, Vec<RoleCounts>>,
    /// A person's outcome for each role, kept until every role has judged
    /// them: a profile the fast path declines for one role is counted for
    /// none, and read again the slow way.
    pending: Vec<Outcome>,
    /// More groups than the run allows were met.
    overflow: bool,
    /// A `--by` value longer than [`MAX_GROUP_VALUE`] was met.
    long_value: bool,
}

/// One role's question.
struct RoleQuestion<'f> {
    role: RoleId,
    compiled: Compiled<'f>,
    gaps: Vec<Gap>,
}

struct Succession<'f> {
    fw: &'f Framework,
    questions: Vec<RoleQuestion<'f>>,
    by: Vec<String>,
    horizon: u32,
    /// The most groups this run may count: [`MAX_GROUPS`], or fewer where
    /// each group holds many counters.
    max_groups: usize,
}

impl Succession<'_> {
    fn empty(&self) -> Vec<RoleCounts> {
        self.questions.iter().map(|q| RoleCounts::new(self.horizon, q.gaps.len())).collect()
    }

    /// The person in the buffers, towards one role.
    fn outcome(&self, q: &RoleQuestion, s: &mut Scratch) -> Outcome {
        let role = Compiled::role_of(s).expect("bound before judged");
        let verdict = q.compiled.judge(s);
        if verdict.holds {
            return Outcome::Holds;
        }
        if !q.compiled.feeds(role) {
            return Outcome::Outside;
        }
        let (unmet, first) = (verdict.missing.len(), verdict.missing.first().copied());
        let index = |gap: Gap| q.gaps.iter().position(|g| *g == gap).expect("a gap of the question");
        match (unmet, first) {
            (0, _) => Outcome::Ready,
            (1, Some(Gap::TimeServed)) => {
                let gap = index(Gap::TimeServed);
                match q.compiled.months_to_serve(s) {
                    Some(months) if months <= self.horizon => Outcome::Within(months, gap),
                    _ => Outcome::Later(gap),
                }
            }
            (1, Some(only)) => Outcome::OneStep(index(only)),
            _ => Outcome::Blocked,
        }
    }

    /// Counts the pending outcomes for the person's group.
    fn count(&self, group: Group, share: &mut Share<Counts>) {
        let counts = &mut share.counts;
        if group
            .iter()
            .flatten()
            .any(|v| v.len() > MAX_GROUP_VALUE && v.chars().count() > MAX_GROUP_VALUE)
        {
            counts.long_value = true;
            counts.pending.clear();
            return;
        }
        if !counts.groups.contains_key(&group) && counts.groups.len() >= self.max_groups {
            counts.overflow = true;
            counts.pending.clear();
            return;
        }
        let empty = || self.empty();
        let roles = counts.groups.entry(group).or_insert_with(empty);
        for (c, outcome) in roles.iter_mut().zip(counts.pending.drain(..)) {
            match outcome {
                Outcome::Outside => {}
                Outcome::Holds => c.holders += 1,
                Outcome::Ready => c.ready += 1,
                Outcome::Within(months, gap) => {
                    c.within[months as usize - 1] += 1;
                    c.only_gap[gap] += 1;
                }
                Outcome::OneStep(gap) | Outcome::Later(gap) => {
                    c.one_step += 1;
                    c.only_gap[gap] += 1;
                }
                Outcome::Blocked => c.blocked += 1,
            }
        }
    }

    fn group<'a>(&self, value: impl Fn(&str) -> Option<&'a str>) -> Group {
        self.by.iter().map(|name| value(name).map(str::to_string)).collect()
    }
}

impl Asking for Succession<'_> {
    type Counts = Counts;

    fn framework(&self) -> &Framework {
        self.fw
    }

    fn counts(&self) -> Counts {
        Counts {
            groups: BTreeMap::new(),
            pending: Vec::with_capacity(self.questions.len()),
            overflow: false,
            long_value: false,
        }
    }

    fn fast(&self, p: &ProfileRef, s: &mut Scratch, share: &mut Share<Counts>) -> bool {
        share.counts.pending.clear();
        // Read once; every question is of the same framework and policy,
        // so each only picks its own assessments from what was read.
        let Some(first) = self.questions.first() else { return true };
        if !first.compiled.bind(p, s) {
            return false;
        }
        for (i, q) in self.questions.iter().enumerate() {
            if i > 0 {
                q.compiled.rebind(s);
            }
            let outcome = self.outcome(q, s);
            share.counts.pending.push(outcome);
        }
        let group = self.group(|name| p.attributes.get(name).map(|v| v.as_ref()));
        self.count(group, share);
        true
    }

    fn person(&self, person: &Person, input: &ProfileInput, s: &mut Scratch, share: &mut Share<Counts>) {
        share.counts.pending.clear();
        for (i, q) in self.questions.iter().enumerate() {
            if i == 0 {
                q.compiled.bind_person(person, s);
            } else {
                q.compiled.rebind(s);
            }
            let outcome = self.outcome(q, s);
            share.counts.pending.push(outcome);
        }
        let group = self.group(|name| input.attributes.get(name).map(String::as_str));
        self.count(group, share);
    }

    fn merge(&self, into: &mut Counts, from: Counts) {
        into.overflow |= from.overflow;
        into.long_value |= from.long_value;
        for (group, roles) in from.groups {
            if !into.groups.contains_key(&group) && into.groups.len() >= self.max_groups {
                into.overflow = true;
                continue;
            }
            let mine = into.groups.entry(group).or_insert_with(|| self.empty());
            for (a, b) in mine.iter_mut().zip(&roles) {
                a.add(b);
            }
        }
    }
}

/// A succession run's exact figures.
#[derive(Clone, Debug)]
pub struct Pipeline {
    pub framework: String,
    pub as_of: crate::Date,
    pub horizon: u32,
    pub by: Vec<String>,
    /// The roles reported, top of the ladder first, each with its gaps (as
    /// [`Compiled::gaps`] lists them).
    pub roles: Vec<(RoleId, Vec<Gap>)>,
    /// Every group met, in order of their values, with its figures for each
    /// role in the order of `roles`. One group, `[]`, without `--by`.
    pub groups: Vec<(Group, Vec<RoleCounts>)>,
    /// Everyone's figures for each role.
    pub total: Vec<RoleCounts>,
    /// People judged.
    pub people: u64,
    /// Profiles left out for their problems.
    pub invalid: u64,
}

/// Why a succession run stopped.
#[derive(Debug)]
pub enum Halt {
    /// As a cohort run stops.
    Stream(Stop),
    /// More groups than the run allows: this many ([`MAX_GROUPS`], or
    /// fewer so that groups × counters stays under [`MAX_COUNTERS`]).
    TooManyGroups(usize),
    /// A `--by` value longer than [`MAX_GROUP_VALUE`] characters.
    GroupValueTooLong,
}

/// The roles of a framework from the top of the ladder down: by the
/// longest route from a role people join at, deepest first; equals in
/// order of declaration.
pub fn ladder_order(fw: &Framework, roles: &[RoleId]) -> Vec<RoleId> {
    let depth = fw.ladder_heights();
    let mut out = if roles.is_empty() {
        (0..fw.roles.len()).map(RoleId).collect()
    } else {
        roles.to_vec()
    };
    out.sort_by_key(|r| (std::cmp::Reverse(depth[r.0]), r.0));
    out.dedup();
    out
}

/// Runs a cohort through every role's question at once.
pub fn run(fw: &Framework, input: Input, opts: &Options, sink: &mut dyn Sink) -> Result<Pipeline, Halt> {
    let roles = ladder_order(fw, &opts.roles);
    let questions: Vec<RoleQuestion> = roles
        .iter()
        .map(|&role| {
            let compiled = Compiled::new(fw, role, &opts.question);
            let gaps = compiled.gaps().collect();
            RoleQuestion { role, compiled, gaps }
        })
        .collect();
    // Counters one group holds: five figures, the months and the gaps of
    // every role.
    let per_group: usize = questions.iter().map(|q| 5 + opts.horizon as usize + q.gaps.len()).sum();
    let max_groups = (MAX_COUNTERS / per_group.max(1)).clamp(1, MAX_GROUPS);
    let asking = Succession {
        fw,
        questions,
        by: opts.by.clone(),
        horizon: opts.horizon,
        max_groups,
    };
    let streaming = Streaming {
        strict: opts.strict,
        threads: opts.threads,
        scratch: &opts.scratch,
    };
    let (counts, people, invalid) = stream(&asking, input, &streaming, sink).map_err(Halt::Stream)?;
    if counts.long_value {
        return Err(Halt::GroupValueTooLong);
    }
    if counts.overflow {
        return Err(Halt::TooManyGroups(max_groups));
    }
    let mut total = asking.empty();
    let groups: Vec<(Group, Vec<RoleCounts>)> = counts.groups.into_iter().collect();
    for (_, roles) in &groups {
        for (t, c) in total.iter_mut().zip(roles) {
            t.add(c);
        }
    }
    Ok(Pipeline {
        framework: fw.id.clone(),
        as_of: opts.question.as_of,
        horizon: opts.horizon,
        by: opts.by.clone(),
        roles: asking.questions.iter().map(|q| (q.role, q.gaps.clone())).collect(),
        groups,
        total,
        people,
        invalid,
    })
}
