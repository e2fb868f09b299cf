//! Text and Markdown for the assessor's commands: `ready`, `path`,
//! `cohort`, laid out from their words (`crate::words`).

use crate::words::{CheckWords as Check, ReadinessWords as Readiness, RoutesWords, StepWords, SummaryWords};
use std::fmt::Write as _;

fn mark(met: bool) -> &'static str {
    if met {
        "✓"
    } else {
        "✗"
    }
}

fn has(c: &Check) -> String {
    match &c.has {
        Some(h) => h.clone(),
        None if c.stale => "only stale evidence".into(),
        None => "nothing recorded".into(),
    }
}

/// A level with its title, when it has one: `2 (Supervisor)`.
fn titled(level: &str, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{level} ({t})"),
        None => level.to_string(),
    }
}

/// What a check needs, with the level's title and the gap in one bracket:
/// `3 (Senior manager; 1 level short)`.
fn needs_and_gap(c: &Check) -> String {
    let notes: Vec<String> = c
        .needs_title
        .iter()
        .cloned()
        .chain(Some(gap(c)).filter(|g| !g.is_empty()))
        .collect();
    if notes.is_empty() {
        c.needs.clone()
    } else {
        format!("{} ({})", c.needs, notes.join("; "))
    }
}

/// What a check has, with the level's title and the gap in one bracket.
fn has_and_gap(c: &Check) -> String {
    let notes: Vec<String> = c
        .has_title
        .iter()
        .filter(|_| c.has.is_some())
        .cloned()
        .chain(Some(gap(c)).filter(|g| !g.is_empty()))
        .collect();
    if notes.is_empty() {
        has(c)
    } else {
        format!("{} ({})", has(c), notes.join("; "))
    }
}

fn has_titled(c: &Check) -> String {
    match (&c.has, &c.has_title) {
        (Some(_), Some(t)) => format!("{} ({t})", has(c)),
        _ => has(c),
    }
}

fn gap(c: &Check) -> String {
    match c.gap {
        Some(0) | None => String::new(),
        Some(1) => "1 level short".into(),
        Some(n) => format!("{n} levels short"),
    }
}

fn verdict(r: &Readiness) -> &'static str {
    if r.ready {
        "READY"
    } else {
        "NOT READY"
    }
}

fn who(r: &Readiness) -> String {
    match &r.name {
        Some(n) => format!("{n} ({})", r.person),
        None => r.person.clone(),
    }
}

pub fn text(r: &Readiness) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} for {} ({}) in {}, as of {}",
        who(r),
        r.role_title,
        r.role,
        r.framework,
        r.as_of
    );
    let _ = writeln!(out, "current role: {}; evidence: {}", r.current_role, r.evidence_policy);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} — score {:.1} of 100; essential {} of {} met; desirable {} of {} met",
        verdict(r),
        r.score,
        r.essential.met,
        r.essential.total,
        r.desirable.met,
        r.desirable.total
    );
    let _ = writeln!(out);
    for c in &r.requirements {
        let _ = writeln!(out, "  {} {:<9} {}", mark(c.met), c.necessity, c.requirement);
        let _ = writeln!(out, "      has {}; needs {}", has_titled(c), needs_and_gap(c));
        for e in &c.evidence {
            let flags = match (e.counted, e.stale) {
                (true, _) => " (counted)",
                (false, true) => " (stale, not counted)",
                (false, false) => "",
            };
            let level = titled(&e.level, e.level_title.as_deref());
            let _ = writeln!(out, "      evidence: {level} by {} on {}{flags}", e.source, e.date);
        }
        for m in &c.members {
            let _ = writeln!(out, "      {} {}: has {}", mark(m.met), m.requirement, has_and_gap(m));
        }
    }
    if !r.plan.is_empty() {
        let _ = writeln!(out, "\ndevelopment plan, in order:");
        for (i, s) in r.plan.iter().enumerate() {
            let _ = writeln!(out, "  {}. {} — {}", i + 1, step_text(s), s.why);
        }
    }
    out
}

pub fn step_text(s: &StepWords) -> String {
    use lfw_assess::readiness::StepKind;
    match s.kind {
        StepKind::Develop => {
            let to = titled(s.to.as_deref().unwrap_or(""), s.to_title.as_deref());
            match &s.from {
                Some(f) => format!("develop {} from {} to {to}", s.item, titled(f, s.from_title.as_deref())),
                None => format!("develop {} to {to}", s.item),
            }
        }
        StepKind::Obtain => format!("obtain {}", s.item),
        StepKind::Experience => {
            let Some(m) = &s.months else {
                return format!("serve as {}", s.item);
            };
            let serve = if m.has == 0 {
                format!("serve {} as {}", crate::words::months(m.needs), s.item)
            } else {
                format!(
                    "serve {} more as {} (has {} of {})",
                    crate::words::months(m.left),
                    s.item,
                    crate::words::months(m.has),
                    crate::words::months(m.needs)
                )
            };
            match (s.from_date, s.eligible_on) {
                (Some(from), Some(on)) => format!("{serve}, from {from}: eligible on {on}"),
                _ => serve,
            }
        }
        StepKind::Reach => format!("become {} (after {})", s.item, s.from.as_deref().unwrap_or("")),
        StepKind::Progress => format!("serve as {}", s.to.as_deref().unwrap_or("")),
        StepKind::Hold => format!("hold the role {}", s.item),
    }
}

pub fn markdown(r: &Readiness) -> String {
    use crate::escape::markdown_cell as cell;
    let mut out = String::new();
    let _ = writeln!(out, "## {} — readiness for {}\n", cell(&who(r)), cell(&r.role_title));
    let _ = writeln!(
        out,
        "Framework `{}`, as of {}; current role `{}`; evidence: {}.\n",
        r.framework, r.as_of, r.current_role, r.evidence_policy
    );
    let _ = writeln!(
        out,
        "**{}** — score {:.1} of 100; essential {} of {} met; desirable {} of {} met.\n",
        verdict(r),
        r.score,
        r.essential.met,
        r.essential.total,
        r.desirable.met,
        r.desirable.total
    );
    let _ = writeln!(out, "| | Requirement | Necessity | Has | Needs | Gap |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for c in &r.requirements {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            mark(c.met),
            cell(&c.requirement),
            c.necessity,
            cell(&has_titled(c)),
            cell(&titled(&c.needs, c.needs_title.as_deref())),
            gap(c)
        );
    }
    if !r.plan.is_empty() {
        let _ = writeln!(out, "\n### Development plan\n");
        for (i, s) in r.plan.iter().enumerate() {
            let _ = writeln!(out, "{}. {} — {}", i + 1, cell(&step_text(s)), cell(&s.why));
        }
    }
    out
}

fn steps(n: usize) -> String {
    if n == 1 {
        "1 step".into()
    } else {
        format!("{n} steps")
    }
}

pub fn routes_text(r: &RoutesWords) -> String {
    let mut out = String::new();
    if r.routes.is_empty() {
        let _ = writeln!(out, "no route leads from {} to {} in {}", r.from, r.to, r.framework);
        return out;
    }
    for (i, route) in r.routes.iter().enumerate() {
        if r.routes.len() > 1 {
            let _ = writeln!(out, "route {}:", i + 1);
        }
        let least = if route.min_months == 0 {
            "no minimum time set".to_string()
        } else {
            format!("at least {}", route.min_time)
        };
        let _ = writeln!(
            out,
            "{} → {} in {}: {}, {least}",
            r.from,
            r.to,
            r.framework,
            steps(route.steps.len() - 1)
        );
        for (n, step) in route.steps.iter().enumerate() {
            let place = match (step.place, step.months_here) {
                (Some("here"), Some(m)) => format!(" — you are here ({} in the role)", crate::words::months(m)),
                (Some("done"), _) => " — done".to_string(),
                _ => match step.ready {
                    Some(true) => " — ready now".to_string(),
                    _ => String::new(),
                },
            };
            let _ = writeln!(out, "  {n}. {} ({}){place}", step.title, step.role);
            let gates: Vec<String> = step
                .time_before
                .iter()
                .map(|t| format!("at least {t}"))
                .chain(step.gates.iter().cloned())
                .collect();
            if !gates.is_empty() {
                let _ = writeln!(out, "       gates: {}", gates.join("; "));
            }
            if step.ready == Some(false) {
                let _ = writeln!(out, "       missing: {}", step.missing.join("; "));
            }
        }
    }
    if r.truncated {
        let _ = writeln!(out, "(only the first {} routes are listed)", lfw_assess::route::MAX_ROUTES);
    }
    out
}

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "0%".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / of as f64)
    }
}

fn role_title<'a>(fw: &'a lfw_model::Framework, id: &'a str) -> &'a str {
    fw.role(id).map(|r| fw.roles[r.0].title.as_str()).unwrap_or(id)
}

/// How many to list of the common gaps and unblockers.
const TOP: usize = 10;

pub fn cohort_text(s: &SummaryWords, fw: &lfw_model::Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "cohort of {} for {} ({}) in {}, as of {}",
        s.people,
        role_title(fw, &s.role),
        s.role,
        s.framework,
        s.as_of
    );
    let _ = writeln!(out, "  ready now: {} ({})", s.ready, percent(s.ready, s.people));
    let _ = writeln!(out, "  not ready: {} ({})", s.not_ready, percent(s.not_ready, s.people));
    for (n, people) in &s.missing_count {
        let _ = writeln!(out, "    missing {n} requirement{}: {people}", if *n == 1 { "" } else { "s" });
    }
    if s.invalid > 0 {
        let _ = writeln!(out, "  invalid profiles (not counted): {}", s.invalid);
    }
    let _ = writeln!(out, "  mean score: {:.1}", s.mean_score);
    let _ = writeln!(
        out,
        "
where people stand (one reason each):"
    );
    for st in s.standing.iter().filter(|st| st.people > 0) {
        let _ = writeln!(out, "  {:>8}  {}", st.people, st.meaning);
    }
    if !s.common_gaps.is_empty() {
        let _ = writeln!(out, "\nmost common gaps:");
        for g in s.common_gaps.iter().take(TOP) {
            let _ = writeln!(out, "  {:>8}  {}", g.people, g.requirement);
        }
    }
    if !s.unblocks.is_empty() {
        let _ = writeln!(
            out,
            "\ndelivering one of these would make people ready now (the only gap they have):"
        );
        for g in s.unblocks.iter().take(TOP) {
            let _ = writeln!(out, "  {:>8}  {}", g.people, g.requirement);
        }
    }
    out
}

pub fn cohort_markdown(s: &SummaryWords, fw: &lfw_model::Framework) -> String {
    use crate::escape::markdown_cell as cell;
    let mut out = String::new();
    let _ = writeln!(out, "\n## Cohort readiness for {}\n", cell(role_title(fw, &s.role)));
    let _ = writeln!(out, "Framework `{}`, as of {}: {} people.\n", s.framework, s.as_of, s.people);
    let _ = writeln!(out, "| | People | Share |\n|---|---|---|");
    let _ = writeln!(out, "| Ready now | {} | {} |", s.ready, percent(s.ready, s.people));
    for (n, people) in &s.missing_count {
        let _ = writeln!(out, "| Missing {n} | {people} | {} |", percent(*people, s.people));
    }
    if s.invalid > 0 {
        let _ = writeln!(out, "| Invalid profiles (not counted) | {} | |", s.invalid);
    }
    let _ = writeln!(out, "\n### Where people stand\n\n| Standing | People | Share |\n|---|---|---|");
    for st in s.standing.iter().filter(|st| st.people > 0) {
        let _ = writeln!(out, "| {} | {} | {} |", st.meaning, st.people, percent(st.people, s.people));
    }
    if !s.common_gaps.is_empty() {
        let _ = writeln!(out, "\n### Most common gaps\n\n| Requirement | People |\n|---|---|");
        for g in s.common_gaps.iter().take(TOP) {
            let _ = writeln!(out, "| {} | {} |", cell(&g.requirement), g.people);
        }
    }
    if !s.unblocks.is_empty() {
        let _ = writeln!(
            out,
            "\n### Development that would make most people ready\n\n| Requirement | People it would make ready |\n|---|---|"
        );
        for g in s.unblocks.iter().take(TOP) {
            let _ = writeln!(out, "| {} | {} |", cell(&g.requirement), g.people);
        }
    }
    out
}
