//! One person's readiness for a role (`lfw ready`) as text and Markdown,
//! laid out from its words (`super::words`).

use super::words::{CheckWords as Check, ReadinessWords as Readiness, StepWords};
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

/// The score and the requirements met, as both layouts give them.
fn tally(r: &Readiness) -> String {
    format!(
        "score {:.1} of 100; essential {} of {} met; desirable {} of {} met",
        r.score, r.essential.met, r.essential.total, r.desirable.met, r.desirable.total
    )
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
    let _ = writeln!(out, "{} — {}", verdict(r), tally(r));
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
                format!("serve {} as {}", super::words::months(m.needs), s.item)
            } else {
                format!(
                    "serve {} more as {} (has {} of {})",
                    super::words::months(m.left),
                    s.item,
                    super::words::months(m.has),
                    super::words::months(m.needs)
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
    let _ = writeln!(out, "**{}** — {}.\n", verdict(r), tally(r));
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
