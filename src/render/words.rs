//! The assessor's results in words: readiness, routes and cohort
//! summaries, as `lfw-assess` gives them as values, turned into the
//! sentences and names that the text, Markdown and JSON reports show. The
//! English of `ready`, `path`, `cohort` and `succession` is here; the files
//! beside this one lay it out, and the JSON is these structures serialised.

use lfw_assess::cohort::{Count, PersonRow, Summary};
use lfw_assess::compiled::{Gap, Standing};
use lfw_assess::readiness::{About, Check, CheckKind, EvidenceUsed, Has, Readiness, Step, StepKind, Tally, Why};
use lfw_assess::route::{Place, Routes};
use lfw_assess::Date;
use lfw_model::{Combine, Condition, Framework, RoleId};
use lfw_syntax::ast::Necessity;
use serde::Serialize;

/// A length of time: `1 year 3 months`.
pub fn months(m: u32) -> String {
    let unit = |n: u32, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    match (m / 12, m % 12) {
        (0, m) => unit(m, "month", "months"),
        (y, 0) => unit(y, "year", "years"),
        (y, m) => format!("{} {}", unit(y, "year", "years"), unit(m, "month", "months")),
    }
}

/// The roles a role comes after, with their minimum times:
/// `sergeant for 2 years or inspector`.
fn progression_options(fw: &Framework, target: RoleId) -> String {
    let options: Vec<String> = fw.roles[target.0]
        .after
        .iter()
        .map(|a| match a.min_months {
            Some(m) => format!("{} for {}", fw.roles[a.role.0].id, months(m)),
            None => fw.roles[a.role.0].id.clone(),
        })
        .collect();
    options.join(" or ")
}

/// A requirement of `role` in the framework's words: `coaching at strong`,
/// `2 years as sergeant`, `after sergeant for 2 years`.
pub fn requirement(fw: &Framework, role: RoleId, about: About) -> String {
    let req = match about {
        About::Progression => return format!("after {}", progression_options(fw, role)),
        About::Member(c, r) => return format!("{} at {}", fw.competencies[c.0].id, fw.level_name(c, r)),
        About::Requirement(i) => &fw.roles[role.0].requirements[i],
    };
    match &req.condition {
        Condition::Level { competency, level } => {
            format!("{} at {}", fw.competencies[competency.0].id, fw.level_name(*competency, *level))
        }
        Condition::Credential { credential } => fw.credentials[credential.0].id.clone(),
        Condition::Role { role } => format!("has held {}", fw.roles[role.0].id),
        Condition::Experience { role, months: m } => format!("{} as {}", months(*m), fw.roles[role.0].id),
        Condition::AllIn { level, domain, .. } => format!("all in {} at {level}", fw.domains[domain.0].id),
        Condition::CountOf { count, level, members } => {
            let names: Vec<&str> = members.iter().map(|(c, _)| fw.competencies[c.0].id.as_str()).collect();
            format!("{count} of ({}) at {level}", names.join(", "))
        }
    }
}

/// A cohort's gap, in words.
pub fn gap(fw: &Framework, role: RoleId, g: Gap) -> String {
    match g {
        Gap::TimeServed => format!("{}: time still to serve", requirement(fw, role, About::Progression)),
        Gap::RoleBelow => format!("{}: in a role further down", requirement(fw, role, About::Progression)),
        Gap::RoleElsewhere => format!("{}: in a role that does not lead to it", requirement(fw, role, About::Progression)),
        Gap::Requirement(i) => requirement(fw, role, About::Requirement(i)),
    }
}

fn necessity(n: Necessity) -> &'static str {
    match n {
        Necessity::Essential => "essential",
        Necessity::Desirable => "desirable",
    }
}

/// What a requirement asks for: `strong`, `sergeants-exam held`.
fn needs(fw: &Framework, role: RoleId, c: &Check) -> String {
    let req = match c.about {
        About::Progression => return progression_options(fw, role),
        About::Member(comp, r) => return fw.level_name(comp, r).to_string(),
        About::Requirement(i) => &fw.roles[role.0].requirements[i],
    };
    match &req.condition {
        Condition::Level { competency, level } => fw.level_name(*competency, *level).to_string(),
        Condition::Credential { credential } => format!("{} held", fw.credentials[credential.0].id),
        Condition::Role { role } => format!("{} held now or before", fw.roles[role.0].id),
        Condition::Experience { months: m, .. } => months(*m),
        Condition::AllIn { level, members, .. } => format!("all {} at {level}", members.len()),
        Condition::CountOf { count, level, .. } => format!("{count} at {level}"),
    }
}

/// The competency and level a check is about, when it is about one level
/// of one competency (not `all in` or `n of`, whose members are).
fn single_level(fw: &Framework, role: RoleId, c: &Check) -> Option<(lfw_model::CompetencyId, usize)> {
    match c.about {
        About::Member(comp, r) => Some((comp, r)),
        About::Requirement(i) => match &fw.roles[role.0].requirements[i].condition {
            Condition::Level { competency, level } => Some((*competency, *level)),
            _ => None,
        },
        About::Progression => None,
    }
}

/// The title of the level a check needs, when its scale gives one; for
/// `all in` and `n of`, when every member's scale gives the level the same
/// title.
fn needs_title(fw: &Framework, role: RoleId, c: &Check) -> Option<String> {
    if let About::Requirement(i) = c.about {
        if let Condition::AllIn { members, .. } | Condition::CountOf { members, .. } = &fw.roles[role.0].requirements[i].condition {
            let mut titles = members.iter().map(|(comp, r)| fw.level_title(*comp, *r));
            let first = titles.next()??;
            return titles.all(|t| t == Some(first)).then(|| first.to_string());
        }
    }
    let (comp, r) = single_level(fw, role, c)?;
    fw.level_title(comp, r).map(str::to_string)
}

/// The title of the level the person has towards a check, when its scale
/// gives one.
fn has_title(fw: &Framework, role: RoleId, c: &Check) -> Option<String> {
    let Has::Level(r) = c.has else { return None };
    let (comp, _) = single_level(fw, role, c)?;
    fw.level_title(comp, r).map(str::to_string)
}

/// What the person has towards a requirement, or nothing.
fn has(fw: &Framework, role: RoleId, c: &Check) -> Option<String> {
    let level = || match c.about {
        About::Requirement(i) => match &fw.roles[role.0].requirements[i].condition {
            Condition::AllIn { level, .. } | Condition::CountOf { level, .. } => level.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    };
    Some(match c.has {
        Has::Nothing => return None,
        Has::Level(r) => match c.about {
            About::Member(comp, _) => fw.level_name(comp, r).to_string(),
            About::Requirement(i) => match &fw.roles[role.0].requirements[i].condition {
                Condition::Level { competency, .. } => fw.level_name(*competency, r).to_string(),
                _ => String::new(),
            },
            About::Progression => String::new(),
        },
        Has::Credential(Some(d)) => format!("held since {d}"),
        Has::Credential(None) | Has::Role => "held".to_string(),
        Has::Months(m) => months(m),
        Has::Members(n) if c.kind == CheckKind::AllIn => format!("{n} of {} at {} or above", c.members.len(), level()),
        Has::Members(n) => format!("{n} at {} or above", level()),
        Has::InRole(current, m) => format!("{} for {}", fw.roles[current.0].id, months(m)),
    })
}

/// The evidence policy in words: `latest; evidence valid for 3 years`.
pub fn policy(combine: &Combine, valid: Option<u32>) -> String {
    let validity = match valid {
        Some(m) => format!("evidence valid for {}", months(m)),
        None => "evidence never stale".to_string(),
    };
    match combine {
        Combine::Ranked(order) => format!("ranked {}; {validity}", order.join(" > ")),
        c => format!("{}; {validity}", c.name()),
    }
}

#[derive(Serialize)]
pub struct ReadinessWords {
    pub person: String,
    pub name: Option<String>,
    pub framework: String,
    pub role: String,
    pub role_title: String,
    pub current_role: String,
    pub as_of: Date,
    pub evidence_policy: String,
    pub ready: bool,
    pub score: f64,
    pub essential: Tally,
    pub desirable: Tally,
    pub requirements: Vec<CheckWords>,
    pub plan: Vec<StepWords>,
}

#[derive(Serialize)]
pub struct CheckWords {
    pub necessity: &'static str,
    pub kind: CheckKind,
    pub requirement: String,
    pub met: bool,
    pub has: Option<String>,
    /// The title of the level in `has`, when the scale gives it one.
    pub has_title: Option<String>,
    pub needs: String,
    /// The title of the level in `needs`, when the scale gives it one.
    pub needs_title: Option<String>,
    pub gap: Option<usize>,
    pub fraction: f64,
    pub evidence: Vec<EvidenceWords>,
    pub stale: bool,
    pub members: Vec<CheckWords>,
}

#[derive(Serialize)]
pub struct EvidenceWords {
    pub level: String,
    pub level_title: Option<String>,
    pub source: String,
    pub date: Date,
    pub stale: bool,
    pub counted: bool,
}

#[derive(Serialize)]
pub struct StepWords {
    pub kind: StepKind,
    pub item: String,
    pub from: Option<String>,
    /// The title of the level in `from`, for a competency to develop.
    pub from_title: Option<String>,
    pub to: Option<String>,
    /// The title of the level in `to`, for a competency to develop.
    pub to_title: Option<String>,
    pub why: String,
    /// For time in a role: the months served, needed and left.
    pub months: Option<MonthsLeft>,
    /// For time in the role the person is in now: counting from this day
    /// (the question's date), and the day enough will have been served.
    pub from_date: Option<Date>,
    pub eligible_on: Option<Date>,
}

#[derive(Serialize)]
pub struct MonthsLeft {
    pub has: u32,
    pub needs: u32,
    pub left: u32,
}

fn check(fw: &Framework, role: RoleId, c: &Check) -> CheckWords {
    let evidence_level = |e: &EvidenceUsed| match c.about {
        About::Member(comp, _) => fw.level_name(comp, e.level).to_string(),
        About::Requirement(i) => match &fw.roles[role.0].requirements[i].condition {
            Condition::Level { competency, .. } => fw.level_name(*competency, e.level).to_string(),
            _ => String::new(),
        },
        About::Progression => String::new(),
    };
    let evidence_title =
        |e: &EvidenceUsed| single_level(fw, role, c).and_then(|(comp, _)| fw.level_title(comp, e.level).map(str::to_string));
    CheckWords {
        necessity: necessity(c.necessity),
        kind: c.kind,
        requirement: requirement(fw, role, c.about),
        met: c.met,
        has: has(fw, role, c),
        has_title: has_title(fw, role, c),
        needs: needs(fw, role, c),
        needs_title: needs_title(fw, role, c),
        gap: c.gap,
        fraction: c.fraction,
        evidence: c
            .evidence
            .iter()
            .map(|e| EvidenceWords {
                level: evidence_level(e),
                level_title: evidence_title(e),
                source: e.source.clone(),
                date: e.date,
                stale: e.stale,
                counted: e.counted,
            })
            .collect(),
        stale: c.stale,
        members: c.members.iter().map(|m| check(fw, role, m)).collect(),
    }
}

fn why(fw: &Framework, role: RoleId, w: Why) -> String {
    match w {
        Why::Requires(About::Progression) => format!("{} comes after {}", fw.roles[role.0].id, progression_options(fw, role)),
        Why::Requires(about) => format!("{} requires {}", fw.roles[role.0].id, requirement(fw, role, about)),
        Why::OnTheWayTo(c, r) => format!("on the way to {} at {}", fw.competencies[c.0].id, fw.level_name(c, r)),
        Why::Prerequisite => "needed first by a later step (prerequisite)".to_string(),
        Why::EntryTo(c) => format!("required to obtain {}", fw.credentials[c.0].id),
        Why::Gate(r) => format!("required to become {}", fw.roles[r.0].id),
        Why::OnTheWayToRole(r) => format!("on the way to {}", fw.roles[r.0].id),
        Why::Before(r) => format!("to become {}", fw.roles[r.0].id),
    }
}

fn step(fw: &Framework, role: RoleId, s: &Step) -> StepWords {
    let (item, from, to, reason) = match s {
        Step::Develop {
            competency,
            from,
            to,
            why: w,
        } => (
            fw.competencies[competency.0].id.clone(),
            from.map(|f| fw.level_name(*competency, f).to_string()),
            Some(fw.level_name(*competency, *to).to_string()),
            why(fw, role, *w),
        ),
        Step::Obtain { credential, why: w } => (fw.credentials[credential.0].id.clone(), None, None, why(fw, role, *w)),
        Step::Hold { role: r, why: w } => (fw.roles[r.0].id.clone(), None, None, why(fw, role, *w)),
        Step::Reach { role: r, from, why: w } => (fw.roles[r.0].id.clone(), Some(fw.roles[from.0].id.clone()), None, why(fw, role, *w)),
        Step::Experience {
            role: r,
            has,
            needs,
            why: w,
            ..
        } => (
            fw.roles[r.0].id.clone(),
            Some(months(*has)),
            Some(months(*needs)),
            why(fw, role, *w),
        ),
        Step::Progress { current, months: m } => (
            fw.roles[role.0].id.clone(),
            Some(format!("{} for {}", fw.roles[current.0].id, months(*m))),
            Some(progression_options(fw, role)),
            format!("{} comes {}", fw.roles[role.0].id, requirement(fw, role, About::Progression)),
        ),
    };
    let (months, from_date, eligible_on) = match *s {
        Step::Experience {
            has,
            needs,
            from,
            eligible,
            ..
        } => (
            Some(MonthsLeft {
                has,
                needs,
                left: needs.saturating_sub(has),
            }),
            from,
            eligible,
        ),
        _ => (None, None, None),
    };
    let (from_title, to_title) = match s {
        Step::Develop { competency, from, to, .. } => (
            from.and_then(|f| fw.level_title(*competency, f)).map(str::to_string),
            fw.level_title(*competency, *to).map(str::to_string),
        ),
        _ => (None, None),
    };
    StepWords {
        kind: s.kind(),
        item,
        from,
        from_title,
        to,
        to_title,
        why: reason,
        months,
        from_date,
        eligible_on,
    }
}

pub fn readiness(fw: &Framework, r: &Readiness) -> ReadinessWords {
    let role = &fw.roles[r.role.0];
    ReadinessWords {
        person: r.person.clone(),
        name: r.name.clone(),
        framework: fw.id.clone(),
        role: role.id.clone(),
        role_title: role.title.clone(),
        current_role: fw.roles[r.current_role.0].id.clone(),
        as_of: r.as_of,
        evidence_policy: policy(&r.combine, r.valid_months),
        ready: r.ready,
        score: r.score,
        essential: r.essential,
        desirable: r.desirable,
        requirements: r.requirements.iter().map(|c| check(fw, r.role, c)).collect(),
        plan: r.plan.iter().map(|s| step(fw, r.role, s)).collect(),
    }
}

#[derive(Serialize)]
pub struct RoutesWords {
    pub framework: String,
    pub from: String,
    pub to: String,
    pub routes: Vec<RouteWords>,
    pub truncated: bool,
}

#[derive(Serialize)]
pub struct RouteWords {
    pub steps: Vec<RouteStepWords>,
    pub min_months: u32,
    pub min_time: String,
}

#[derive(Serialize)]
pub struct RouteStepWords {
    pub role: String,
    pub title: String,
    pub min_months_before: Option<u32>,
    /// The least time before, in words, with the role it is spent in:
    /// `2 years as firefighter`.
    pub time_before: Option<String>,
    /// The credentials the role requires.
    pub gates: Vec<String>,
    /// With a profile: `"done"`, `"here"` or `"ahead"`.
    pub place: Option<&'static str>,
    /// With a profile, for the current role: the months in it.
    pub months_here: Option<u32>,
    pub ready: Option<bool>,
    pub missing: Vec<String>,
}

pub fn routes(fw: &Framework, r: &Routes) -> RoutesWords {
    RoutesWords {
        framework: r.framework.clone(),
        from: fw.roles[r.from.0].id.clone(),
        to: fw.roles[r.to.0].id.clone(),
        routes: r
            .routes
            .iter()
            .map(|route| RouteWords {
                steps: route
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| RouteStepWords {
                        role: fw.roles[s.role.0].id.clone(),
                        title: fw.roles[s.role.0].title.clone(),
                        min_months_before: s.min_months_before,
                        time_before: s
                            .min_months_before
                            .filter(|_| i > 0)
                            .map(|m| format!("{} as {}", months(m), fw.roles[route.steps[i - 1].role.0].id)),
                        gates: s.gates.iter().map(|c| fw.credentials[c.0].id.clone()).collect(),
                        place: s.place.map(|p| match p {
                            Place::Done => "done",
                            Place::Here(_) => "here",
                            Place::Ahead => "ahead",
                        }),
                        months_here: match s.place {
                            Some(Place::Here(m)) => Some(m),
                            _ => None,
                        },
                        ready: s.ready,
                        missing: s.missing.iter().map(|&a| requirement(fw, s.role, a)).collect(),
                    })
                    .collect(),
                min_months: route.min_months,
                min_time: months(route.min_months),
            })
            .collect(),
        truncated: r.truncated,
    }
}

#[derive(Serialize)]
pub struct SummaryWords {
    pub framework: String,
    pub role: String,
    pub as_of: String,
    pub people: u64,
    pub ready: u64,
    pub not_ready: u64,
    pub invalid: u64,
    pub missing_count: std::collections::BTreeMap<usize, u64>,
    /// People by where they stand, one reason each; they add up to `people`.
    pub standing: Vec<StandingWords>,
    pub common_gaps: Vec<CountWords>,
    pub unblocks: Vec<CountWords>,
    pub mean_score: f64,
    /// For each competency the role asks a level of: how many people are
    /// short of it by 0 (met), 1, 2, … levels.
    pub shortfall: Vec<ShortfallWords>,
}

#[derive(Serialize)]
pub struct ShortfallWords {
    pub competency: String,
    /// The highest level the role's essential requirements ask of it.
    pub level: String,
    /// People short by 0 (met), 1, 2, … levels, index by index.
    pub levels_short: Vec<u64>,
}

#[derive(Serialize)]
pub struct StandingWords {
    /// `holds`, `ready`, `role-elsewhere`, `role-below`, `time-served` or
    /// `requirements`.
    pub standing: &'static str,
    /// In words: `already in the role`, …
    pub meaning: &'static str,
    pub people: u64,
}

fn standing(s: Standing) -> (&'static str, &'static str) {
    match s {
        Standing::Holds => ("holds", "already in the role"),
        Standing::Ready => ("ready", "ready now"),
        Standing::RoleElsewhere => ("role-elsewhere", "in a role that does not lead to it"),
        Standing::RoleBelow => ("role-below", "in a role further down, with roles in between"),
        Standing::TimeServed => ("time-served", "in a role it comes after, with time still to serve"),
        Standing::Requirements => ("requirements", "in place, short of competencies, credentials or experience"),
    }
}

#[derive(Serialize)]
pub struct CountWords {
    pub requirement: String,
    pub people: u64,
}

/// Counts in words: most people first, ties in the order of their words.
fn counts(fw: &Framework, role: RoleId, counts: &[Count]) -> Vec<CountWords> {
    let mut v: Vec<CountWords> = counts
        .iter()
        .map(|c| CountWords {
            requirement: gap(fw, role, c.gap),
            people: c.people,
        })
        .collect();
    v.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.requirement.cmp(&b.requirement)));
    v
}

pub fn summary(fw: &Framework, role: RoleId, s: &Summary) -> SummaryWords {
    SummaryWords {
        framework: s.framework.clone(),
        role: s.role.clone(),
        as_of: s.as_of.clone(),
        people: s.people,
        ready: s.ready,
        not_ready: s.not_ready,
        invalid: s.invalid,
        missing_count: s.missing_count.clone(),
        standing: s
            .by_standing()
            .map(|(st, people)| {
                let (key, meaning) = standing(st);
                StandingWords {
                    standing: key,
                    meaning,
                    people,
                }
            })
            .collect(),
        common_gaps: counts(fw, role, &s.common_gaps),
        unblocks: counts(fw, role, &s.unblocks),
        mean_score: s.mean_score,
        shortfall: s
            .shortfall
            .iter()
            .map(|(c, counts)| ShortfallWords {
                competency: fw.competencies[c.0].id.clone(),
                level: fw.level_name(*c, counts.len().saturating_sub(2)).to_string(),
                levels_short: counts.clone(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct PersonRowWords {
    pub person: String,
    pub ready: bool,
    pub score: f64,
    pub missing: Vec<String>,
}

pub fn person_row(fw: &Framework, role: RoleId, row: &PersonRow) -> PersonRowWords {
    PersonRowWords {
        person: row.person.clone(),
        ready: row.ready,
        score: row.score,
        missing: row.missing.iter().map(|&g| gap(fw, role, g)).collect(),
    }
}
