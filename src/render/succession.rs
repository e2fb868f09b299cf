//! Succession pipelines (`lfw succession`) as text, Markdown and JSON: the
//! figures counted by `lfw_assess::succession` and made safe to publish by
//! `lfw_assess::disclosure`, worded and laid out.

use lfw_assess::compiled::Gap;
use lfw_assess::disclosure::{Cell, Figures, Published, PublishedRole};
use lfw_model::{Framework, RoleId};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// A figure in a text or Markdown table: the number, or `*` when it is not
/// shown.
pub(super) fn shown(c: Cell) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => "*".to_string(),
    }
}

fn cell_json(c: Cell) -> Value {
    match c {
        Cell::Shown(n) => json!(n),
        Cell::Suppressed => json!("suppressed"),
    }
}

pub(super) fn role_label(fw: &Framework, role: RoleId) -> String {
    let r = &fw.roles[role.0];
    format!("{} ({})", r.title, r.id)
}

fn gap_words(fw: &Framework, role: RoleId, gap: Gap) -> String {
    super::words::gap(fw, role, gap)
}

/// A group in words: its attributes' values, `(not given)` where a profile
/// has none.
fn group_words(group: &[Option<String>]) -> String {
    group
        .iter()
        .map(|v| v.as_deref().unwrap_or("(not given)"))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn bench_words(r: &PublishedRole) -> String {
    match r.bench {
        Some(b) => format!("{b:.2}"),
        None => "-".to_string(),
    }
}

pub(super) fn flags(r: &PublishedRole) -> &'static str {
    if r.entry {
        "entry role: filled by recruitment"
    } else if r.no_ready_successor {
        "no ready successor"
    } else {
        ""
    }
}

const LEGEND: &str = "* not shown: fewer than the minimum group, or a figure that would reveal one";

pub fn text(fw: &Framework, p: &Published) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "succession in {}, as of {}: {} people; horizon {} months; groups under {} not shown",
        p.framework,
        p.as_of,
        shown(p.people),
        p.horizon,
        p.min_group
    );
    if p.invalid > 0 {
        let _ = writeln!(out, "invalid profiles (not counted): {}", p.invalid);
    }
    let within = format!("in {}m", p.horizon);
    let labels: Vec<String> = p.roles.iter().map(|r| role_label(fw, r.role)).collect();
    const FIRST: &str = "role (top of the ladder first)";
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(FIRST.len());
    let header = |out: &mut String, first: &str, width: usize, bench: &str| {
        let line = format!(
            "{}  {:>7}  {:>5}  {:>6}  {:>8}  {:>7}  {bench:>5}",
            pad(first, width),
            "holders",
            "ready",
            within,
            "one step",
            "blocked"
        );
        let _ = writeln!(out, "{}", line.trim_end());
    };
    let _ = writeln!(out);
    header(&mut out, FIRST, width, "bench");
    for (r, label) in p.roles.iter().zip(&labels) {
        let flag = flags(r);
        let _ = writeln!(
            out,
            "{}  {}  {:>5}{}",
            pad(label, width),
            figures_row(&r.total),
            bench_words(r),
            if flag.is_empty() { String::new() } else { format!("  {flag}") }
        );
    }
    for r in &p.roles {
        let months: Vec<String> = r
            .months
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != Cell::Shown(0))
            .map(|(i, c)| format!("month {}: {}", i + 1, shown(*c)))
            .collect();
        let unblocks: Vec<String> = r
            .unblocks
            .iter()
            .take(3)
            .map(|(g, c)| format!("{} ({})", gap_words(fw, r.role, *g), shown(*c)))
            .collect();
        if months.is_empty() && unblocks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", role_label(fw, r.role));
        if !months.is_empty() {
            let _ = writeln!(out, "  ready as time is served: {}", months.join(", "));
        }
        if !unblocks.is_empty() {
            let _ = writeln!(out, "  would unblock most successors: {}", unblocks.join("; "));
        }
    }
    if !p.by.is_empty() {
        let _ = writeln!(out, "\nby {}:", p.by.join(" / "));
        for (r, label) in p.roles.iter().zip(&labels) {
            let _ = writeln!(out, "\n{label}");
            let names: Vec<String> = r.groups.iter().map(|(g, _)| group_words(g)).collect();
            let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(5).max(5);
            header(&mut out, "  group", w + 2, "");
            for (name, (_, f)) in names.iter().zip(&r.groups) {
                let _ = writeln!(out, "  {}  {}", pad(name, w), figures_row(f));
            }
        }
    }
    if has_suppressed(p) {
        let _ = writeln!(out, "\n{LEGEND}");
    }
    out
}

/// `text` padded with spaces to `width` characters. Not `format!`'s width,
/// which panics over 65,535: a label is as long as its input makes it.
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    let mut out = String::with_capacity(text.len() + width.saturating_sub(n));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
    out
}

fn figures_row(f: &Figures) -> String {
    format!(
        "{:>7}  {:>5}  {:>6}  {:>8}  {:>7}",
        shown(f.holders),
        shown(f.ready),
        shown(f.within),
        shown(f.one_step),
        shown(f.blocked)
    )
}

fn has_suppressed(p: &Published) -> bool {
    let figures = |f: &Figures| [f.holders, f.ready, f.within, f.one_step, f.blocked];
    p.people == Cell::Suppressed
        || p.roles.iter().any(|r| {
            figures(&r.total).contains(&Cell::Suppressed)
                || r.groups.iter().any(|(_, f)| figures(f).contains(&Cell::Suppressed))
                || r.months.contains(&Cell::Suppressed)
                || r.unblocks.iter().any(|(_, c)| *c == Cell::Suppressed)
        })
}

pub fn markdown(fw: &Framework, p: &Published) -> String {
    use crate::escape::markdown_cell as cell;
    let mut out = String::new();
    let _ = writeln!(out, "## Succession in `{}`, as of {}\n", p.framework, p.as_of);
    let _ = writeln!(
        out,
        "{} people; horizon {} months; groups under {} not shown.\n",
        shown(p.people),
        p.horizon,
        p.min_group
    );
    let _ = writeln!(
        out,
        "| Role | Holders | Ready now | Within {} months | One step away | Blocked | Ready per holder | |\n|---|---|---|---|---|---|---|---|",
        p.horizon
    );
    for r in &p.roles {
        let t = &r.total;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&role_label(fw, r.role)),
            shown(t.holders),
            shown(t.ready),
            shown(t.within),
            shown(t.one_step),
            shown(t.blocked),
            bench_words(r),
            flags(r)
        );
    }
    if !p.by.is_empty() {
        for r in &p.roles {
            let _ = writeln!(
                out,
                "\n### {} by {}\n\n| {} | Holders | Ready now | Within {} months | One step away | Blocked |\n|---|---|---|---|---|---|",
                cell(&role_label(fw, r.role)),
                cell(&p.by.join(" / ")),
                cell(&p.by.join(" / ")),
                p.horizon
            );
            for (g, f) in &r.groups {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&group_words(g)),
                    shown(f.holders),
                    shown(f.ready),
                    shown(f.within),
                    shown(f.one_step),
                    shown(f.blocked)
                );
            }
        }
    }
    if has_suppressed(p) {
        let _ = writeln!(out, "\n{}", cell(LEGEND));
    }
    out
}

fn figures_json(f: &Figures) -> Value {
    json!({
        "holders": cell_json(f.holders),
        "ready_now": cell_json(f.ready),
        "within_horizon": cell_json(f.within),
        "one_step": cell_json(f.one_step),
        "blocked": cell_json(f.blocked),
    })
}

pub fn to_json(fw: &Framework, p: &Published) -> Value {
    json!({
        "format": 1,
        "framework": p.framework,
        "as_of": p.as_of.to_string(),
        "horizon_months": p.horizon,
        "min_group": p.min_group,
        "by": p.by,
        "people": cell_json(p.people),
        "invalid": p.invalid,
        "roles": p.roles.iter().map(|r| json!({
            "role": fw.roles[r.role.0].id,
            "title": fw.roles[r.role.0].title,
            "entry": r.entry,
            "no_ready_successor": r.no_ready_successor,
            "bench_strength": r.bench,
            "all": figures_json(&r.total),
            "within_by_month": r.months.iter().map(|c| cell_json(*c)).collect::<Vec<_>>(),
            "unblocks": r.unblocks.iter().map(|(g, c)| json!({
                "requirement": gap_words(fw, r.role, *g),
                "people": cell_json(*c),
            })).collect::<Vec<_>>(),
            "groups": r.groups.iter().map(|(g, f)| json!({
                "group": p.by.iter().zip(g).map(|(name, value)| (name.clone(), json!(value))).collect::<serde_json::Map<_, _>>(),
                "figures": figures_json(f),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
