//! Readiness: how a person measures up to a role's requirements, and the
//! development plan that closes the gaps.
//!
//! The score is defined in docs/profiles.md: the mean, over the role's
//! essential requirements, of how far each is met (0 to 1), times 100.

use crate::date::Date;
use crate::profile::{Evidence, Person};
use lfw_model::{Combine, CompetencyId, Condition, CredentialId, Framework, Rank, Requirement, RoleId};
use lfw_syntax::ast::Necessity;
use serde::Serialize;

/// Settings of one readiness question.
#[derive(Clone, Debug)]
pub struct Question {
    pub as_of: Date,
    /// Overrides the framework's evidence policy.
    pub combine: Option<Combine>,
    /// Overrides the framework's validity; `Some(None)` means never stale.
    pub valid_months: Option<Option<u32>>,
}

/// How ready one person is for one role: every requirement judged, the
/// score and the development plan, as values. Their words (and their JSON)
/// are the binary's to write.
#[derive(Clone, Debug)]
pub struct Readiness {
    pub person: String,
    pub name: Option<String>,
    pub role: RoleId,
    pub current_role: RoleId,
    pub as_of: Date,
    /// The evidence policy the question was judged under.
    pub combine: Combine,
    /// How long evidence counts; `None`: never stale.
    pub valid_months: Option<u32>,
    pub ready: bool,
    /// 0 to 100; see the module documentation.
    pub score: f64,
    pub essential: Tally,
    pub desirable: Tally,
    pub requirements: Vec<Check>,
    pub plan: Vec<Step>,
}

#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Tally {
    pub met: usize,
    pub total: usize,
}

/// What a check is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// The role's progression rule: being in a role it comes after.
    Progression,
    Level,
    Credential,
    Role,
    Experience,
    AllIn,
    CountOf,
}

/// The requirement a check judges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// The progression rule of the target role.
    Progression,
    /// The target role's `i`-th requirement.
    Requirement(usize),
    /// One member of an `all in` or `n of` requirement: a competency at a
    /// level.
    Member(CompetencyId, Rank),
}

/// What the person has towards a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Has {
    /// Nothing that counts (for a level: no evidence, or only stale).
    Nothing,
    Level(Rank),
    /// A credential, held since a date when the profile gives one.
    Credential(Option<Date>),
    /// The role, now or before.
    Role,
    /// Months in the role of an experience requirement.
    Months(u32),
    /// Members of an `all in` or `n of` at the level or above.
    Members(usize),
    /// The person's current role and the months in it (for the progression
    /// rule).
    InRole(RoleId, u32),
}

/// One requirement, judged.
#[derive(Clone, Debug)]
pub struct Check {
    pub necessity: Necessity,
    pub kind: CheckKind,
    pub about: About,
    pub met: bool,
    pub has: Has,
    /// Levels short, for level requirements (from nothing counts every level).
    pub gap: Option<usize>,
    /// How far it is met, 0 to 1.
    pub fraction: f64,
    pub evidence: Vec<EvidenceUsed>,
    /// Some evidence was too old to count.
    pub stale: bool,
    /// For `all in` and `n of`: each member, judged.
    pub members: Vec<Check>,
}

#[derive(Clone, Debug)]
pub struct EvidenceUsed {
    pub level: Rank,
    pub source: String,
    pub date: Date,
    pub stale: bool,
    /// This assessment is the one the evidence policy chose.
    pub counted: bool,
}

/// What a step of a plan asks the person to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Raise a competency's level.
    Develop,
    /// Obtain a credential.
    Obtain,
    /// Have held a role.
    Hold,
    /// Move up the ladder into a role.
    Reach,
    /// Serve for a time in a role.
    Experience,
    /// Reach a role the target comes after, for its time.
    Progress,
}

/// Why a step is in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The target role asks for it (the requirement checked).
    Requires(About),
    /// A lower level on the way to one the role asks for.
    OnTheWayTo(CompetencyId, Rank),
    /// A later step needs it first.
    Prerequisite,
    /// An entry condition of this credential.
    EntryTo(CredentialId),
    /// This role, on the way up the ladder, requires it.
    Gate(RoleId),
    /// On the route up the ladder to this role.
    OnTheWayToRole(RoleId),
    /// The time in a role that this role comes after.
    Before(RoleId),
}

/// One step of a development plan.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Develop {
        competency: CompetencyId,
        from: Option<Rank>,
        to: Rank,
        why: Why,
    },
    Obtain {
        credential: CredentialId,
        why: Why,
    },
    /// Hold, or have held, a role that no route up the ladder leads to
    /// from the person's current role.
    Hold {
        role: RoleId,
        why: Why,
    },
    /// Move up the ladder into `role`, from `from`.
    Reach {
        role: RoleId,
        from: RoleId,
        why: Why,
    },
    /// Serve `needs` months in a role, of which the person has `has`. For
    /// the role they are in now: from the question's date (`from`), and
    /// the day they will have served enough (`eligible`).
    Experience {
        role: RoleId,
        has: u32,
        needs: u32,
        from: Option<Date>,
        eligible: Option<Date>,
        why: Why,
    },
    /// Serve in a role the target comes after (its progression rule).
    Progress {
        current: RoleId,
        months: u32,
    },
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Develop { .. } => StepKind::Develop,
            Step::Obtain { .. } => StepKind::Obtain,
            Step::Hold { .. } => StepKind::Hold,
            Step::Reach { .. } => StepKind::Reach,
            Step::Experience { .. } => StepKind::Experience,
            Step::Progress { .. } => StepKind::Progress,
        }
    }
}

/// The person's level of a competency under the policy, from evidence
/// recent enough to count, and the evidence looked at.
pub(crate) fn level_of(fw: &Framework, person: &Person, c: CompetencyId, q: &Question) -> (Option<Rank>, Vec<EvidenceUsed>, bool) {
    let valid = q.valid_months.unwrap_or(fw.evidence.valid_months);
    let combine = q.combine.as_ref().unwrap_or(&fw.evidence.combine);
    let all: Vec<&Evidence> = person.assessments.iter().filter(|e| e.competency == c).collect();
    let is_stale = |e: &Evidence| valid.is_some_and(|m| e.date.months_until(q.as_of) >= m) || e.date > q.as_of;
    let fresh: Vec<&Evidence> = all.iter().copied().filter(|e| !is_stale(e)).collect();
    let chosen: Option<&Evidence> = match combine {
        Combine::Latest => fresh.iter().copied().max_by_key(|e| e.date),
        Combine::Highest => fresh.iter().copied().max_by_key(|e| (e.level, e.date)),
        Combine::Lowest => fresh.iter().copied().min_by_key(|e| (e.level, std::cmp::Reverse(e.date))),
        Combine::Median => {
            let mut sorted = fresh.clone();
            sorted.sort_by_key(|e| (e.level, e.date));
            sorted.get(sorted.len().saturating_sub(1) / 2).copied()
        }
        Combine::Ranked(order) => {
            let rank = |e: &Evidence| order.iter().position(|s| *s == e.source).unwrap_or(order.len());
            fresh.iter().copied().min_by_key(|e| (rank(e), std::cmp::Reverse(e.date)))
        }
    };
    let stale = all.iter().any(|e| is_stale(e));
    let mut used: Vec<EvidenceUsed> = all
        .iter()
        .map(|e| EvidenceUsed {
            level: e.level,
            source: e.source.clone(),
            date: e.date,
            stale: is_stale(e),
            counted: chosen.is_some_and(|ch| std::ptr::eq(ch, *e)),
        })
        .collect();
    used.sort_by_key(|e| std::cmp::Reverse(e.date));
    (chosen.map(|e| e.level), used, stale)
}

/// Months the person has spent in a role by `as_of`: earlier stints and
/// the current role.
/// Earlier stints of the current role are cut at `role_since`, so time is
/// never counted twice.
pub fn months_in(person: &Person, role: RoleId, as_of: Date) -> u32 {
    let current = person.role == role;
    let mut months: u32 = person
        .history
        .iter()
        .filter(|s| s.role == role)
        .map(|s| {
            let mut end = s.to.unwrap_or(as_of).min(as_of);
            if current {
                end = end.min(person.role_since);
            }
            s.from.months_until(end)
        })
        // Saturating: many long stints could pass 32 bits of months, and
        // any such total meets every requirement of time.
        .fold(0, u32::saturating_add);
    if current {
        months = months.saturating_add(person.role_since.months_until(as_of));
    }
    months
}

/// The credential as held by `as_of`, with the date it was obtained when
/// the profile gives one; one dated after `as_of` was not yet held.
pub(crate) fn credential_held(person: &Person, credential: CredentialId, as_of: Date) -> Option<Option<Date>> {
    person
        .credentials
        .iter()
        .find(|(c, d)| *c == credential && d.is_none_or(|d| d <= as_of))
        .map(|(_, d)| *d)
}

/// Holding the role now, or a stint of it that began by `as_of`.
pub(crate) fn has_held(person: &Person, role: RoleId, as_of: Date) -> bool {
    person.role == role || person.history.iter().any(|s| s.role == role && s.from <= as_of)
}

fn level_check(fw: &Framework, person: &Person, c: CompetencyId, need: Rank, q: &Question, nec: Necessity, about: About) -> Check {
    let (have, evidence, stale) = level_of(fw, person, c, q);
    let met = have.is_some_and(|h| h >= need);
    let gap = match have {
        Some(h) => need.saturating_sub(h),
        None => need + 1,
    };
    let fraction = match have {
        Some(h) => ((h + 1) as f64 / (need + 1) as f64).min(1.0),
        None => 0.0,
    };
    Check {
        necessity: nec,
        kind: CheckKind::Level,
        about,
        met,
        has: have.map_or(Has::Nothing, Has::Level),
        gap: Some(gap),
        fraction,
        evidence,
        stale,
        members: Vec::new(),
    }
}

fn members(fw: &Framework, person: &Person, members: &[(CompetencyId, Rank)], q: &Question, nec: Necessity) -> Vec<Check> {
    members
        .iter()
        .map(|&(c, r)| level_check(fw, person, c, r, q, nec, About::Member(c, r)))
        .collect()
}

pub(crate) fn check(fw: &Framework, person: &Person, index: usize, req: &Requirement, q: &Question) -> Check {
    let nec = req.necessity;
    let about = About::Requirement(index);
    let simple = |kind, met: bool, has: Has, fraction: f64| Check {
        necessity: nec,
        kind,
        about,
        met,
        has,
        gap: None,
        fraction,
        evidence: Vec::new(),
        stale: false,
        members: Vec::new(),
    };
    match &req.condition {
        Condition::Level { competency, level } => level_check(fw, person, *competency, *level, q, nec, about),
        Condition::Credential { credential } => {
            let held = credential_held(person, *credential, q.as_of);
            let has = held.map_or(Has::Nothing, Has::Credential);
            simple(CheckKind::Credential, held.is_some(), has, if held.is_some() { 1.0 } else { 0.0 })
        }
        Condition::Role { role } => {
            let held = has_held(person, *role, q.as_of);
            simple(
                CheckKind::Role,
                held,
                if held { Has::Role } else { Has::Nothing },
                if held { 1.0 } else { 0.0 },
            )
        }
        Condition::Experience { role, months } => {
            let have = months_in(person, *role, q.as_of);
            let fraction = if *months == 0 {
                1.0
            } else {
                (have as f64 / *months as f64).min(1.0)
            };
            simple(CheckKind::Experience, have >= *months, Has::Months(have), fraction)
        }
        Condition::AllIn { members: m, .. } => {
            let results = members(fw, person, m, q, nec);
            let met = results.iter().all(|r| r.met);
            let n_met = results.iter().filter(|r| r.met).count();
            let fraction = if results.is_empty() {
                1.0
            } else {
                results.iter().map(|r| r.fraction).sum::<f64>() / results.len() as f64
            };
            let mut c = simple(CheckKind::AllIn, met, Has::Members(n_met), fraction);
            c.stale = results.iter().any(|r| r.stale);
            c.members = results;
            c
        }
        Condition::CountOf { count, members: m, .. } => {
            let results = members(fw, person, m, q, nec);
            let n_met = results.iter().filter(|r| r.met).count();
            let mut best: Vec<f64> = results.iter().map(|r| r.fraction).collect();
            best.sort_by(|a, b| b.total_cmp(a));
            let n = *count as usize;
            let fraction = if n == 0 { 1.0 } else { best.iter().take(n).sum::<f64>() / n as f64 };
            let mut c = simple(CheckKind::CountOf, n_met >= n, Has::Members(n_met), fraction);
            c.stale = results.iter().any(|r| r.stale);
            c.members = results;
            c
        }
    }
}

/// The progression rule of a role as a requirement: being in a role it
/// comes after, for the minimum time.
fn progression_check(fw: &Framework, person: &Person, target: RoleId, q: &Question) -> Option<Check> {
    let role = &fw.roles[target.0];
    if role.after.is_empty() || person.role == target {
        return None;
    }
    let mut best: (f64, bool) = (0.0, false);
    for a in &role.after {
        if person.role != a.role {
            continue;
        }
        let have = months_in(person, a.role, q.as_of);
        let need = a.min_months.unwrap_or(0);
        let fraction = if need == 0 { 1.0 } else { (have as f64 / need as f64).min(1.0) };
        if fraction > best.0 || !best.1 {
            best = (fraction, have >= need);
        }
    }
    Some(Check {
        necessity: Necessity::Essential,
        kind: CheckKind::Progression,
        about: About::Progression,
        met: best.1,
        has: Has::InRole(person.role, person.role_since.months_until(q.as_of)),
        gap: None,
        fraction: best.0,
        evidence: Vec::new(),
        stale: false,
        members: Vec::new(),
    })
}

/// How ready `person` is for `target`.
pub fn readiness(fw: &Framework, person: &Person, target: RoleId, q: &Question) -> Readiness {
    let role = &fw.roles[target.0];
    let mut checks: Vec<Check> = progression_check(fw, person, target, q).into_iter().collect();
    checks.extend(role.requirements.iter().enumerate().map(|(i, r)| check(fw, person, i, r, q)));
    let tally = |n: Necessity| Tally {
        met: checks.iter().filter(|c| c.necessity == n && c.met).count(),
        total: checks.iter().filter(|c| c.necessity == n).count(),
    };
    let (essential, desirable) = (tally(Necessity::Essential), tally(Necessity::Desirable));
    let essentials: Vec<f64> = checks
        .iter()
        .filter(|c| c.necessity == Necessity::Essential)
        .map(|c| c.fraction)
        .collect();
    let score = if essentials.is_empty() {
        100.0
    } else {
        100.0 * essentials.iter().sum::<f64>() / essentials.len() as f64
    };
    let plan = crate::plan::plan(fw, person, target, &checks, q);
    Readiness {
        person: person.id.clone(),
        name: person.name.clone(),
        role: target,
        current_role: person.role,
        as_of: q.as_of,
        combine: q.combine.clone().unwrap_or_else(|| fw.evidence.combine.clone()),
        valid_months: q.valid_months.unwrap_or(fw.evidence.valid_months),
        ready: essential.met == essential.total,
        score: (score * 10.0).round() / 10.0,
        essential,
        desirable,
        requirements: checks,
        plan,
    }
}
