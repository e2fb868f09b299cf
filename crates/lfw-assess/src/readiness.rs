//! Readiness: how a person measures up to a role's requirements, and the
//! development plan that closes the gaps.
//!
//! The score is defined in docs/profiles.md: the mean, over the role's
//! essential requirements, of how far each is met (0 to 1), times 100.

use crate::date::Date;
use crate::profile::{Evidence, Person};
use lfw_model::{Combine, CompetencyId, Condition, Framework, Rank, Requirement, RoleId};
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

#[derive(Clone, Debug, Serialize)]
pub struct Readiness {
    pub person: String,
    pub name: Option<String>,
    pub framework: String,
    pub role: String,
    pub role_title: String,
    pub current_role: String,
    pub as_of: Date,
    pub evidence_policy: String,
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

/// One requirement, judged.
#[derive(Clone, Debug, Serialize)]
pub struct Check {
    pub necessity: Necessity,
    pub kind: CheckKind,
    /// The requirement in the framework's words, e.g. `coaching at strong`.
    pub requirement: String,
    pub met: bool,
    /// What the person has, in words (`proficient`, `14 months`, `held`).
    pub has: Option<String>,
    pub needs: String,
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

#[derive(Clone, Debug, Serialize)]
pub struct EvidenceUsed {
    pub level: String,
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
    /// Serve for a time in a role.
    Experience,
    /// Reach a role the target comes after, for its time.
    Progress,
}

/// One step of a development plan.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    /// The competency, credential or role the step is about.
    pub item: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub why: String,
}

/// The person's level of a competency under the policy, from evidence
/// recent enough to count, and the evidence looked at.
fn level_of(fw: &Framework, person: &Person, c: CompetencyId, q: &Question) -> (Option<Rank>, Vec<EvidenceUsed>, bool) {
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
            level: fw.level_name(c, e.level).to_string(),
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
        .sum();
    if current {
        months += person.role_since.months_until(as_of);
    }
    months
}

/// Holding the role now, or a stint of it that began by `as_of`.
fn has_held(person: &Person, role: RoleId, as_of: Date) -> bool {
    person.role == role || person.history.iter().any(|s| s.role == role && s.from <= as_of)
}

pub fn months_text(m: u32) -> String {
    match (m / 12, m % 12) {
        (0, 1) => "1 month".into(),
        (0, m) => format!("{m} months"),
        (1, 0) => "1 year".into(),
        (y, 0) => format!("{y} years"),
        (y, m) => {
            let years = if y == 1 { "1 year".to_string() } else { format!("{y} years") };
            let months = if m == 1 { "1 month".to_string() } else { format!("{m} months") };
            format!("{years} {months}")
        }
    }
}

fn level_check(fw: &Framework, person: &Person, c: CompetencyId, need: Rank, q: &Question, nec: Necessity) -> Check {
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
    let name = &fw.competencies[c.0].id;
    Check {
        necessity: nec,
        kind: CheckKind::Level,
        requirement: format!("{name} at {}", fw.level_name(c, need)),
        met,
        has: have.map(|h| fw.level_name(c, h).to_string()),
        needs: fw.level_name(c, need).to_string(),
        gap: Some(gap),
        fraction,
        evidence,
        stale,
        members: Vec::new(),
    }
}

/// A requirement in the framework's words, as reports and cohort
/// statistics name it: `coaching at strong`, `2 years as sergeant`.
pub fn requirement_text(fw: &Framework, req: &Requirement) -> String {
    match &req.condition {
        Condition::Level { competency, level } => format!("{} at {}", fw.competencies[competency.0].id, fw.level_name(*competency, *level)),
        Condition::Credential { credential } => fw.credentials[credential.0].id.clone(),
        Condition::Role { role } => format!("has held {}", fw.roles[role.0].id),
        Condition::Experience { role, months } => format!("{} as {}", months_text(*months), fw.roles[role.0].id),
        Condition::AllIn { level, domain, .. } => format!("all in {} at {level}", fw.domains[domain.0].id),
        Condition::CountOf { count, level, members } => {
            let names: Vec<&str> = members.iter().map(|(c, _)| fw.competencies[c.0].id.as_str()).collect();
            format!("{count} of ({}) at {level}", names.join(", "))
        }
    }
}

/// The roles a role comes after, with their minimum times:
/// `sergeant for 2 years or inspector`.
fn progression_options(fw: &Framework, target: RoleId) -> String {
    let options: Vec<String> = fw.roles[target.0]
        .after
        .iter()
        .map(|a| match a.min_months {
            Some(m) => format!("{} for {}", fw.roles[a.role.0].id, months_text(m)),
            None => fw.roles[a.role.0].id.clone(),
        })
        .collect();
    options.join(" or ")
}

/// A role's progression rule in words, as a requirement: `after sergeant
/// for 2 years`.
pub fn progression_text(fw: &Framework, target: RoleId) -> String {
    format!("after {}", progression_options(fw, target))
}

fn check(fw: &Framework, person: &Person, req: &Requirement, q: &Question) -> Check {
    let nec = req.necessity;
    let simple = |kind, requirement: String, met: bool, has: Option<String>, needs: String, fraction: f64| Check {
        necessity: nec,
        kind,
        requirement,
        met,
        has,
        needs,
        gap: None,
        fraction,
        evidence: Vec::new(),
        stale: false,
        members: Vec::new(),
    };
    match &req.condition {
        Condition::Level { competency, level } => level_check(fw, person, *competency, *level, q, nec),
        Condition::Credential { credential } => {
            // A credential dated after the question's date was not yet held.
            let held = person
                .credentials
                .iter()
                .find(|(c, d)| c == credential && d.is_none_or(|d| d <= q.as_of));
            let id = &fw.credentials[credential.0].id;
            let has = held.map(|(_, d)| d.map(|d| format!("held since {d}")).unwrap_or_else(|| "held".into()));
            simple(
                CheckKind::Credential,
                requirement_text(fw, req),
                held.is_some(),
                has,
                format!("{id} held"),
                if held.is_some() { 1.0 } else { 0.0 },
            )
        }
        Condition::Role { role } => {
            let held = has_held(person, *role, q.as_of);
            let id = &fw.roles[role.0].id;
            simple(
                CheckKind::Role,
                requirement_text(fw, req),
                held,
                held.then(|| "held".into()),
                format!("{id} held now or before"),
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
            simple(
                CheckKind::Experience,
                requirement_text(fw, req),
                have >= *months,
                Some(months_text(have)),
                months_text(*months),
                fraction,
            )
        }
        Condition::AllIn { members, level, .. } => {
            let results: Vec<Check> = members.iter().map(|&(c, r)| level_check(fw, person, c, r, q, nec)).collect();
            let met = results.iter().all(|r| r.met);
            let n_met = results.iter().filter(|r| r.met).count();
            let fraction = if results.is_empty() {
                1.0
            } else {
                results.iter().map(|r| r.fraction).sum::<f64>() / results.len() as f64
            };
            let mut c = simple(
                CheckKind::AllIn,
                requirement_text(fw, req),
                met,
                Some(format!("{n_met} of {} at {level} or above", results.len())),
                format!("all {} at {level}", results.len()),
                fraction,
            );
            c.stale = results.iter().any(|r| r.stale);
            c.members = results;
            c
        }
        Condition::CountOf { count, level, members } => {
            let results: Vec<Check> = members.iter().map(|&(c, r)| level_check(fw, person, c, r, q, nec)).collect();
            let n_met = results.iter().filter(|r| r.met).count();
            let mut best: Vec<f64> = results.iter().map(|r| r.fraction).collect();
            best.sort_by(|a, b| b.total_cmp(a));
            let n = *count as usize;
            let fraction = if n == 0 { 1.0 } else { best.iter().take(n).sum::<f64>() / n as f64 };
            let mut c = simple(
                CheckKind::CountOf,
                requirement_text(fw, req),
                n_met >= n,
                Some(format!("{n_met} at {level} or above")),
                format!("{count} at {level}"),
                fraction,
            );
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
    let current = &fw.roles[person.role.0].id;
    let months = person.role_since.months_until(q.as_of);
    Some(Check {
        necessity: Necessity::Essential,
        kind: CheckKind::Progression,
        requirement: progression_text(fw, target),
        met: best.1,
        has: Some(format!("{current} for {}", months_text(months))),
        needs: progression_options(fw, target),
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
    checks.extend(role.requirements.iter().map(|r| check(fw, person, r, q)));
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
    let combine = q.combine.as_ref().unwrap_or(&fw.evidence.combine);
    let valid = q.valid_months.unwrap_or(fw.evidence.valid_months);
    let evidence_policy = match (combine, valid) {
        (Combine::Ranked(order), v) => format!("ranked {}; {}", order.join(" > "), validity(v)),
        (c, v) => format!("{}; {}", c.name(), validity(v)),
    };
    let plan = plan(fw, person, target, &checks, q);
    Readiness {
        person: person.id.clone(),
        name: person.name.clone(),
        framework: fw.id.clone(),
        role: role.id.clone(),
        role_title: role.title.clone(),
        current_role: fw.roles[person.role.0].id.clone(),
        as_of: q.as_of,
        evidence_policy,
        ready: essential.met == essential.total,
        score: (score * 10.0).round() / 10.0,
        essential,
        desirable,
        requirements: checks,
        plan,
    }
}

fn validity(v: Option<u32>) -> String {
    match v {
        Some(m) => format!("evidence valid for {}", months_text(m)),
        None => "evidence never stale".into(),
    }
}

/// The development plan: every unmet essential requirement and what it
/// pulls in through the prerequisite graph, in an order that respects it.
fn plan(fw: &Framework, person: &Person, target: RoleId, checks: &[Check], q: &Question) -> Vec<Step> {
    let role = &fw.roles[target.0];
    // Competency levels the role asks for and the person lacks, with why.
    let mut targets: Vec<(CompetencyId, Rank, String)> = Vec::new();
    let mut other_steps = Vec::new();
    let progression = checks.first().filter(|c| c.kind == CheckKind::Progression);
    let offset = usize::from(progression.is_some());
    if let Some(p) = progression.filter(|p| !p.met) {
        other_steps.push(Step {
            kind: StepKind::Progress,
            item: role.id.clone(),
            from: p.has.clone(),
            to: Some(p.needs.clone()),
            why: format!("{} comes {}", role.id, p.requirement),
        });
    }
    for (req, chk) in role.requirements.iter().zip(&checks[offset..]) {
        if chk.met || req.necessity != Necessity::Essential {
            continue;
        }
        let why = format!("{} requires {}", role.id, chk.requirement);
        match &req.condition {
            Condition::Level { competency, level } => targets.push((*competency, *level, why)),
            Condition::AllIn { members, .. } => {
                for (&(c, r), m) in members.iter().zip(&chk.members) {
                    if !m.met {
                        targets.push((c, r, why.clone()));
                    }
                }
            }
            Condition::CountOf { count, members, .. } => {
                // The members closest to being met, as many as are short.
                let short = (*count as usize).saturating_sub(chk.members.iter().filter(|m| m.met).count());
                let mut unmet: Vec<(usize, &(CompetencyId, Rank))> = members
                    .iter()
                    .zip(&chk.members)
                    .filter(|(_, m)| !m.met)
                    .map(|(cr, m)| (m.gap.unwrap_or(0), cr))
                    .collect();
                unmet.sort_by_key(|(gap, (c, _))| (*gap, *c));
                for (_, &(c, r)) in unmet.into_iter().take(short) {
                    targets.push((c, r, why.clone()));
                }
            }
            Condition::Credential { credential } => other_steps.push(Step {
                kind: StepKind::Obtain,
                item: fw.credentials[credential.0].id.clone(),
                from: None,
                to: None,
                why,
            }),
            Condition::Role { role: r } => other_steps.push(Step {
                kind: StepKind::Hold,
                item: fw.roles[r.0].id.clone(),
                from: None,
                to: None,
                why,
            }),
            Condition::Experience { role: r, months } => other_steps.push(Step {
                kind: StepKind::Experience,
                item: fw.roles[r.0].id.clone(),
                from: chk.has.clone(),
                to: Some(months_text(*months)),
                why,
            }),
        }
    }
    let mut steps = development_steps(fw, person, &targets, q);
    steps.extend(other_steps);
    steps
}

/// Competency steps in prerequisite order, consecutive levels of one
/// competency merged into one step.
fn development_steps(fw: &Framework, person: &Person, targets: &[(CompetencyId, Rank, String)], q: &Question) -> Vec<Step> {
    let pairs: Vec<(CompetencyId, Rank)> = targets.iter().map(|(c, r, _)| (*c, *r)).collect();
    let Some(order) = fw.plan_order(&pairs) else { return Vec::new() };
    let have = |c: CompetencyId| level_of(fw, person, c, q).0;
    let mut steps: Vec<(CompetencyId, Option<Rank>, Rank, String)> = Vec::new();
    for (c, r) in order {
        if have(c).is_some_and(|h| h >= r) {
            continue;
        }
        let why = match targets.iter().find(|(tc, tr, _)| *tc == c && *tr == r) {
            Some((_, _, why)) => why.clone(),
            None => match targets.iter().filter(|(tc, tr, _)| *tc == c && *tr > r).map(|(_, tr, _)| *tr).min() {
                Some(higher) => format!("on the way to {} at {}", fw.competencies[c.0].id, fw.level_name(c, higher)),
                None => "needed first by a later step (prerequisite)".to_string(),
            },
        };
        match steps.last_mut() {
            // The next level of the same competency: one longer step, which
            // keeps the reason of its highest level.
            Some(last) if last.0 == c && last.2 + 1 == r => {
                last.2 = r;
                last.3 = why;
            }
            _ => steps.push((c, have(c), r, why)),
        }
    }
    steps
        .into_iter()
        .map(|(c, from, to, why)| Step {
            kind: StepKind::Develop,
            item: fw.competencies[c.0].id.clone(),
            from: from.map(|f| fw.level_name(c, f).to_string()),
            to: Some(fw.level_name(c, to).to_string()),
            why,
        })
        .collect()
}
