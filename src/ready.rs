//! `lfw ready`: readiness of one person, as text, Markdown or JSON.

use lfw_assess::readiness::{Check, Readiness};
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
        let _ = writeln!(out, "      has {}; needs {}{}", has(c), c.needs, prefixed(&gap(c)));
        for e in &c.evidence {
            let flags = match (e.counted, e.stale) {
                (true, _) => " (counted)",
                (false, true) => " (stale, not counted)",
                (false, false) => "",
            };
            let _ = writeln!(out, "      evidence: {} by {} on {}{flags}", e.level, e.source, e.date);
        }
        for m in &c.members {
            let _ = writeln!(out, "      {} {}: has {}{}", mark(m.met), m.requirement, has(m), prefixed(&gap(m)));
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

fn prefixed(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" ({s})")
    }
}

fn step_text(s: &lfw_assess::readiness::Step) -> String {
    match s.kind {
        "develop" => match &s.from {
            Some(f) => format!("develop {} from {f} to {}", s.item, s.to.as_deref().unwrap_or("")),
            None => format!("develop {} to {}", s.item, s.to.as_deref().unwrap_or("")),
        },
        "obtain" => format!("obtain {}", s.item),
        "experience" => format!(
            "gain experience as {}: {} of {}",
            s.item,
            s.from.as_deref().unwrap_or("none"),
            s.to.as_deref().unwrap_or("")
        ),
        "progress" => format!("serve as {}", s.to.as_deref().unwrap_or("")),
        "hold" => format!("hold the role {}", s.item),
        _ => s.item.clone(),
    }
}

pub fn markdown(r: &Readiness) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {} — readiness for {}\n", who(r), r.role_title);
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
    let _ = writeln!(out, "| | Requirement | Kind | Has | Needs | Gap |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for c in &r.requirements {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            mark(c.met),
            c.requirement,
            c.necessity,
            has(c),
            c.needs,
            gap(c)
        );
    }
    if !r.plan.is_empty() {
        let _ = writeln!(out, "\n### Development plan\n");
        for (i, s) in r.plan.iter().enumerate() {
            let _ = writeln!(out, "{}. {} — {}", i + 1, step_text(s), s.why);
        }
    }
    out
}
