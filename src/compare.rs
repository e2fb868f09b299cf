//! Text and Markdown for `lfw diff`, `lfw compare` and `lfw translate`, and
//! their JSON where it carries words: every sentence about frameworks side
//! by side is written here.

use lfw_assess::translate::{NotTranslated, Translation, Untranslated};
use lfw_diff::compare::{Comparison, SharedCore};
use lfw_diff::diff::{Diff, ElementChange, RoleChange};
use serde_json::json;
use std::fmt::Write as _;

fn side(s: &lfw_diff::diff::Side) -> String {
    match &s.version {
        Some(v) => format!("{} ({v})", s.id),
        None => s.id.clone(),
    }
}

fn total(d: &Diff) -> usize {
    d.metadata.len() + d.elements.len() + d.scales.len() + d.roles.len()
}

fn element_line(c: &ElementChange) -> String {
    match c.change {
        "added" => format!("+ {} {} \"{}\"", c.element, c.id, c.title),
        "removed" if !c.successors.is_empty() => {
            let next: Vec<String> = c.successors.iter().map(|x| format!("{} ({})", x.id, x.closeness)).collect();
            format!("- {} {} \"{}\", succeeded by {}", c.element, c.id, c.title, next.join(", "))
        }
        "removed" => format!("- {} {} \"{}\"", c.element, c.id, c.title),
        "renamed" => format!(
            "~ {} {} renamed to {} (\"{}\" → \"{}\", {:.0}% alike)",
            c.element,
            c.old_id.as_deref().unwrap_or(""),
            c.id,
            c.old_title.as_deref().unwrap_or(""),
            c.title,
            c.similarity.unwrap_or(0.0) * 100.0
        ),
        "retitled" => format!(
            "~ {} {} retitled: \"{}\" → \"{}\"",
            c.element,
            c.id,
            c.old_title.as_deref().unwrap_or(""),
            c.title
        ),
        "kind-changed" => format!("~ {} {} was a {}", c.element, c.id, c.old_kind.as_deref().unwrap_or("")),
        "moved" => format!(
            "~ {} {} moved from {} to {}",
            c.element,
            c.id,
            c.old_domain.as_deref().unwrap_or("no domain"),
            c.new_domain.as_deref().unwrap_or("no domain")
        ),
        _ => format!(
            "~ {} {}: its description, indicators, descriptors, scale, prerequisites, entry conditions or notes changed",
            c.element, c.id
        ),
    }
}

fn role_line(r: &RoleChange) -> String {
    let what = r.change.replace('-', " ");
    match (&r.old, &r.new) {
        (Some(o), Some(n)) => format!("{}: {what}: {} {o} → {n}", r.role, r.subject),
        (None, Some(n)) => format!("{}: {what}: {} {n}", r.role, r.subject),
        (Some(o), None) => format!("{}: {what}: {} (was {o})", r.role, r.subject),
        (None, None) => format!("{}: {what}: {}", r.role, r.subject),
    }
}

fn scale_line(s: &lfw_diff::diff::ScaleChange) -> String {
    let mut parts = Vec::new();
    if !s.levels_added.is_empty() {
        parts.push(format!("levels added: {}", s.levels_added.join(", ")));
    }
    if !s.levels_removed.is_empty() {
        parts.push(format!("levels removed: {}", s.levels_removed.join(", ")));
    }
    if s.reordered {
        parts.push("levels reordered".to_string());
    }
    format!(
        "{}: {} ({} → {})",
        s.scale,
        parts.join("; "),
        s.old_levels.join(" < "),
        s.new_levels.join(" < ")
    )
}

fn counts(d: &Diff) -> String {
    d.counts.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ")
}

pub fn diff_text(d: &Diff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(out, "{} and {} are the same framework: no changes", side(&d.old), side(&d.new));
        return out;
    }
    let _ = writeln!(out, "{} → {}: {} changes ({})", side(&d.old), side(&d.new), total(d), counts(d));
    if !d.metadata.is_empty() {
        let _ = writeln!(out, "\nframework:");
        for m in &d.metadata {
            let _ = writeln!(
                out,
                "  {}: {} → {}",
                m.field,
                m.old.as_deref().unwrap_or("(none)"),
                m.new.as_deref().unwrap_or("(none)")
            );
        }
    }
    if !d.elements.is_empty() {
        let _ = writeln!(out, "\nelements:");
        for c in &d.elements {
            let _ = writeln!(out, "  {}", element_line(c));
        }
    }
    if !d.scales.is_empty() {
        let _ = writeln!(out, "\nscales:");
        for s in &d.scales {
            let _ = writeln!(out, "  {}", scale_line(s));
        }
    }
    if !d.roles.is_empty() {
        let _ = writeln!(out, "\nroles:");
        for r in &d.roles {
            let _ = writeln!(out, "  {}", role_line(r));
        }
    }
    out
}

pub fn diff_markdown(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Changes from {} to {}\n", side(&d.old), side(&d.new));
    if d.is_empty() {
        let _ = writeln!(out, "No changes.");
        return out;
    }
    let _ = writeln!(out, "{} changes: {}.", total(d), counts(d));
    let sections: [(&str, Vec<String>); 4] = [
        (
            "Framework",
            d.metadata
                .iter()
                .map(|m| {
                    format!(
                        "{}: {} → {}",
                        m.field,
                        m.old.as_deref().unwrap_or("(none)"),
                        m.new.as_deref().unwrap_or("(none)")
                    )
                })
                .collect(),
        ),
        ("Elements", d.elements.iter().map(|c| markdown_element(&element_line(c))).collect()),
        ("Scales", d.scales.iter().map(scale_line).collect()),
        ("Roles", d.roles.iter().map(role_line).collect()),
    ];
    for (title, lines) in sections {
        if lines.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for l in lines {
            let _ = writeln!(out, "- {}", l.replace('|', "\\|"));
        }
    }
    out
}

/// A change-log line: words rather than diff marks.
fn markdown_element(line: &str) -> String {
    match line.split_at(2) {
        ("+ ", rest) => format!("Added {rest}"),
        ("- ", rest) => format!("Removed {rest}"),
        (_, rest) => {
            let mut c = rest.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

pub fn compare_text(c: &Comparison) -> String {
    let mut out = String::new();
    let via = if c.crosswalks.is_empty() {
        "matching titles".to_string()
    } else {
        format!("crosswalk {}", c.crosswalks.join(", "))
    };
    let _ = writeln!(out, "{} and {}, through {via}", c.a, c.b);
    let _ = writeln!(
        out,
        "  {:.1}% of {} has a counterpart in {} ({} of {})",
        c.coverage_a_in_b,
        c.a,
        c.b,
        c.a_in_b.len(),
        c.a_in_b.len() + c.only_in_a.len()
    );
    let _ = writeln!(
        out,
        "  {:.1}% of {} has a counterpart in {} ({} of {})",
        c.coverage_b_in_a,
        c.b,
        c.a,
        c.b_in_a.len(),
        c.b_in_a.len() + c.only_in_b.len()
    );
    let _ = writeln!(out, "\n{} → {}:", c.a, c.b);
    for m in &c.a_in_b {
        let cps: Vec<String> = m.counterparts.iter().map(|p| format!("{} ({})", p.id, p.closeness)).collect();
        let _ = writeln!(out, "  {:<40} {}", m.id, cps.join(", "));
    }
    for (name, only) in [(&c.a, &c.only_in_a), (&c.b, &c.only_in_b)] {
        if !only.is_empty() {
            let _ = writeln!(out, "\nonly in {name}: {}", only.join(", "));
        }
    }
    out
}

pub fn shared_text(s: &SharedCore) -> String {
    let mut out = String::new();
    let via = if s.crosswalks.is_empty() {
        "no crosswalks between them".to_string()
    } else {
        format!("through {}", s.crosswalks.join(", "))
    };
    let _ = writeln!(out, "shared core of {} ({via}): {} groups", s.frameworks.join(", "), s.groups.len());
    for (i, g) in s.groups.iter().enumerate() {
        let parts: Vec<String> = g.members.iter().map(|(fw, ids)| format!("{fw}: {}", ids.join(", "))).collect();
        let _ = writeln!(
            out,
            "  {}. in {} of {}: {}",
            i + 1,
            g.members.len(),
            s.frameworks.len(),
            parts.join("; ")
        );
    }
    out
}

/// Why an assessment was not translated, in words.
fn untranslated(t: &Translation, x: &NotTranslated) -> String {
    match &x.reason {
        Untranslated::NoMapping => format!("no mapping to {}", t.to),
        Untranslated::NotEquivalent {
            closeness,
            target,
            crosswalk,
        } => format!("only a {} mapping to {target} ({crosswalk})", closeness.keyword()),
        Untranslated::NoLevel { crosswalk } => format!("{crosswalk} declares no level matching {}", x.level),
    }
}

/// The provisional profile as a JSON profile (docs/profiles.md), each
/// assessment with a note saying where it comes from.
fn provisional_profile(t: &Translation) -> serde_json::Value {
    let p = &t.profile;
    let assessments: Vec<serde_json::Value> = p
        .assessments
        .iter()
        .zip(&t.translated)
        .map(|(a, x)| {
            json!({
                "competency": a.competency,
                "level": a.level.as_string(),
                "source": a.source,
                "date": a.date,
                "note": format!(
                    "translated from {} {} at {} through {} ({})",
                    t.from,
                    x.from_competency,
                    x.from_level,
                    x.crosswalk,
                    x.closeness.keyword()
                ),
            })
        })
        .collect();
    json!({
        "id": p.id,
        "name": p.name,
        "framework": t.to,
        "role": p.role,
        "role_since": p.role_since,
        "assessments": assessments,
    })
}

/// The JSON of `lfw translate` (docs/json.md).
pub fn translation_json(t: &Translation) -> serde_json::Value {
    let translated: Vec<serde_json::Value> = t
        .translated
        .iter()
        .map(|x| {
            json!({
                "from_competency": x.from_competency,
                "from_level": x.from_level,
                "to_competency": x.to_competency,
                "to_level": x.to_level,
                "closeness": x.closeness,
                "crosswalk": x.crosswalk,
            })
        })
        .collect();
    let not_translated: Vec<serde_json::Value> = t
        .not_translated
        .iter()
        .map(|x| json!({"competency": x.competency, "level": x.level, "reason": untranslated(t, x)}))
        .collect();
    json!({
        "from": t.from,
        "to": t.to,
        "crosswalks": t.crosswalks,
        "profile": provisional_profile(t),
        "translated": translated,
        "not_translated": not_translated,
    })
}

pub fn translation_text(t: &Translation) -> String {
    let mut out = String::new();
    let via = if t.crosswalks.is_empty() {
        "no crosswalk".to_string()
    } else {
        t.crosswalks.join(", ")
    };
    let _ = writeln!(
        out,
        "{} → {} through {via}: {} translated, {} not translated",
        t.from,
        t.to,
        t.translated.len(),
        t.not_translated.len()
    );
    for x in &t.translated {
        let _ = writeln!(
            out,
            "  ✓ {} at {} → {} at {} ({}, {})",
            x.from_competency,
            x.from_level,
            x.to_competency,
            x.to_level,
            x.closeness.keyword(),
            x.crosswalk
        );
    }
    for x in &t.not_translated {
        let _ = writeln!(out, "  ✗ {} at {}: {}", x.competency, x.level, untranslated(t, x));
    }
    let _ = writeln!(out, "\nprovisional profile (use --format json for it as a file):");
    let _ = writeln!(out, "{}", serde_json::to_string_pretty(&provisional_profile(t)).unwrap_or_default());
    out
}
