//! What changed between two versions of a framework (`lfw diff`), as
//! text, Markdown and JSON (whose values carry words too).

use super::words::months as months_text;
use lfw_diff::diff::{
    About, Asks, Diff, ElementChange, ElementChangeKind, Field, FieldChange, FieldValue, RoleChange, RoleChangeKind, RoleValue, Subject,
};
use lfw_model::{Combine, EvidencePolicy};
use lfw_syntax::ast::{Necessity, NoteKind};
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The name a value has in the JSON: an enum's serialised name.
fn json_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn side(s: &lfw_diff::diff::Side) -> String {
    match &s.version {
        Some(v) => format!("{} ({v})", s.id),
        None => s.id.clone(),
    }
}

fn total(d: &Diff) -> usize {
    d.metadata.len() + d.elements.len() + d.scales.len() + d.roles.len()
}

/// The number of changes of each kind, keyed `elements <change>`,
/// `scales changed`, `roles <change>` and `metadata changed` (docs/json.md).
fn counts(d: &Diff) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &d.elements {
        *counts.entry(format!("elements {}", json_name(&c.change))).or_default() += 1;
    }
    if !d.scales.is_empty() {
        counts.insert("scales changed".into(), d.scales.len());
    }
    for r in &d.roles {
        *counts.entry(format!("roles {}", json_name(&r.change))).or_default() += 1;
    }
    if !d.metadata.is_empty() {
        counts.insert("metadata changed".into(), d.metadata.len());
    }
    counts
}

fn field_words(f: Field) -> &'static str {
    match f {
        Field::Description => "description",
        Field::DefaultScale => "default scale",
        Field::Evidence => "evidence",
        Field::Notes => "notes",
        Field::Id => "id",
        Field::Title => "title",
        Field::Version => "version",
        Field::Owner => "owner",
        Field::Sector => "sector",
        Field::Sources => "sources",
    }
}

fn evidence_text(p: &EvidencePolicy) -> String {
    let combine = match &p.combine {
        Combine::Ranked(order) => format!("ranked {}", order.join(" > ")),
        other => other.name().to_string(),
    };
    match p.valid_months {
        Some(m) => format!("{combine}, valid for {}", months_text(m)),
        None => format!("{combine}, never stale"),
    }
}

fn field_value_text(v: &FieldValue) -> String {
    match v {
        FieldValue::Text(s) => s.clone(),
        FieldValue::List(items) => items.join("; "),
        FieldValue::Notes(notes) => notes
            .iter()
            .map(|n| {
                let kind = match n.kind {
                    NoteKind::Note => "Note",
                    NoteKind::Interpretation => "Interpretation",
                };
                format!("{kind}: {}", n.text)
            })
            .collect::<Vec<_>>()
            .join("; "),
        FieldValue::Evidence(p) => evidence_text(p),
    }
}

fn field_line(m: &FieldChange) -> String {
    let value = |v: &Option<FieldValue>| v.as_ref().map(field_value_text).unwrap_or_else(|| "(none)".into());
    format!("{}: {} → {}", field_words(m.field), value(&m.old), value(&m.new))
}

fn element_line(c: &ElementChange) -> String {
    let element = c.element.keyword();
    match c.change {
        ElementChangeKind::Added => format!("+ {element} {} \"{}\"", c.id, c.title),
        ElementChangeKind::Removed if !c.successors.is_empty() => {
            let next: Vec<String> = c
                .successors
                .iter()
                .map(|x| format!("{} ({})", x.id, x.closeness.keyword()))
                .collect();
            format!("- {element} {} \"{}\", succeeded by {}", c.id, c.title, next.join(", "))
        }
        ElementChangeKind::Removed => format!("- {element} {} \"{}\"", c.id, c.title),
        ElementChangeKind::Renamed => format!(
            "~ {element} {} renamed to {} (\"{}\" → \"{}\", {:.0}% alike)",
            c.old_id.as_deref().unwrap_or(""),
            c.id,
            c.old_title.as_deref().unwrap_or(""),
            c.title,
            c.similarity.unwrap_or(0.0) * 100.0
        ),
        ElementChangeKind::Retitled => format!(
            "~ {element} {} retitled: \"{}\" → \"{}\"",
            c.id,
            c.old_title.as_deref().unwrap_or(""),
            c.title
        ),
        ElementChangeKind::KindChanged => format!("~ {element} {} was a {}", c.id, c.old_kind.map(|k| k.keyword()).unwrap_or("")),
        ElementChangeKind::Moved => format!(
            "~ {element} {} moved from {} to {}",
            c.id,
            c.old_domain.as_deref().unwrap_or("no domain"),
            c.new_domain.as_deref().unwrap_or("no domain")
        ),
        ElementChangeKind::Described => format!(
            "~ {element} {}: its description, indicators, descriptors, scale, prerequisites, entry conditions or notes changed",
            c.id
        ),
    }
}

fn role_change_words(k: RoleChangeKind) -> &'static str {
    match k {
        RoleChangeKind::ProgressionAdded => "progression added",
        RoleChangeKind::ProgressionRemoved => "progression removed",
        RoleChangeKind::TimeChanged => "time changed",
        RoleChangeKind::RequirementAdded => "requirement added",
        RoleChangeKind::RequirementRemoved => "requirement removed",
        RoleChangeKind::Raised => "raised",
        RoleChangeKind::Lowered => "lowered",
        RoleChangeKind::Changed => "changed",
        RoleChangeKind::NowEssential => "now essential",
        RoleChangeKind::NowDesirable => "now desirable",
    }
}

/// What a role change is about: `after <role>`, a competency's or a
/// credential's id, `has held <role>`, `time as <role>`, `all in <domain>`
/// or `<n> of (<ids>)`, with ` (#n)` for the second and later requirement
/// about the same thing (docs/json.md).
fn subject_text(s: &Subject) -> String {
    match s {
        Subject::After(role) => format!("after {role}"),
        Subject::Requirement { about, nth } => {
            let about = match about {
                About::Competency(id) | About::Credential(id) => id.clone(),
                About::Role(role) => format!("has held {role}"),
                About::Experience(role) => format!("time as {role}"),
                About::AllIn(domain) => format!("all in {domain}"),
                About::CountOf { count, of } => format!("{count} of ({})", of.join(", ")),
            };
            if *nth == 1 {
                about
            } else {
                format!("{about} (#{nth})")
            }
        }
    }
}

fn necessity_words(n: Necessity) -> &'static str {
    match n {
        Necessity::Essential => "essential",
        Necessity::Desirable => "desirable",
    }
}

fn asks_text(a: &Asks) -> String {
    match a {
        Asks::Level(level) => format!("at {level}"),
        Asks::Held => "held".into(),
        Asks::Months(m) => format!("{m} months"),
    }
}

/// One side of a role change: `2 years`, `at proficient`,
/// `at proficient (essential)`, `desirable`.
fn role_value_text(v: &RoleValue) -> String {
    match v {
        RoleValue::Months(m) => months_text(*m),
        RoleValue::Asks(a) => asks_text(a),
        RoleValue::Requirement(a, n) => format!("{} ({})", asks_text(a), necessity_words(*n)),
        RoleValue::Necessity(n) => necessity_words(*n).into(),
    }
}

fn role_line(r: &RoleChange) -> String {
    let what = role_change_words(r.change);
    let subject = subject_text(&r.subject);
    match (r.old.as_ref().map(role_value_text), r.new.as_ref().map(role_value_text)) {
        (Some(o), Some(n)) => format!("{}: {what}: {subject} {o} → {n}", r.role),
        (None, Some(n)) => format!("{}: {what}: {subject} {n}", r.role),
        (Some(o), None) => format!("{}: {what}: {subject} (was {o})", r.role),
        (None, None) => format!("{}: {what}: {subject}", r.role),
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
    for t in &s.titles_changed {
        parts.push(match (&t.old, &t.new) {
            (None, Some(new)) => format!("level {} titled \"{new}\"", t.level),
            (Some(old), None) => format!("level {} no longer titled \"{old}\"", t.level),
            (Some(old), Some(new)) => format!("level {} retitled \"{old}\" → \"{new}\"", t.level),
            (None, None) => continue,
        });
    }
    format!(
        "{}: {} ({} → {})",
        s.scale,
        parts.join("; "),
        s.old_levels.join(" < "),
        s.new_levels.join(" < ")
    )
}

fn counts_text(d: &Diff) -> String {
    counts(d).iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join(", ")
}

/// The JSON of `lfw diff` (docs/json.md).
pub fn to_json(d: &Diff) -> serde_json::Value {
    let metadata: Vec<serde_json::Value> = d
        .metadata
        .iter()
        .map(|m| {
            json!({
                "field": m.field,
                "old": m.old.as_ref().map(field_value_text),
                "new": m.new.as_ref().map(field_value_text),
            })
        })
        .collect();
    let roles: Vec<serde_json::Value> = d
        .roles
        .iter()
        .map(|r| {
            json!({
                "role": r.role,
                "change": r.change,
                "subject": subject_text(&r.subject),
                "old": r.old.as_ref().map(role_value_text),
                "new": r.new.as_ref().map(role_value_text),
            })
        })
        .collect();
    let mut doc = json!({
        "old": d.old,
        "new": d.new,
        "metadata": metadata,
        "elements": d.elements,
        "scales": d.scales,
        "roles": roles,
        "counts": counts(d),
    });
    if d.renames_cut_short {
        doc["renames_cut_short"] = json!(true);
    }
    doc
}

/// The note that ends a diff whose search for renames ran out of work.
const RENAMES_CUT_SHORT: &str =
    "note: too many alike titles to match every rename; some elements shown as removed and added may have been renamed";

pub fn text(d: &Diff) -> String {
    let mut out = String::new();
    if d.is_empty() {
        let _ = writeln!(out, "{} and {} are the same framework: no changes", side(&d.old), side(&d.new));
        return out;
    }
    let _ = writeln!(
        out,
        "{} → {}: {} changes ({})",
        side(&d.old),
        side(&d.new),
        total(d),
        counts_text(d)
    );
    if !d.metadata.is_empty() {
        let _ = writeln!(out, "\nframework:");
        for m in &d.metadata {
            let _ = writeln!(out, "  {}", field_line(m));
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
    if d.renames_cut_short {
        let _ = writeln!(out, "\n{RENAMES_CUT_SHORT}");
    }
    out
}

pub fn markdown(d: &Diff) -> String {
    let mut out = String::new();
    use crate::escape::markdown_cell as cell;
    let _ = writeln!(out, "## Changes from {} to {}\n", cell(&side(&d.old)), cell(&side(&d.new)));
    if d.is_empty() {
        let _ = writeln!(out, "No changes.");
        return out;
    }
    let _ = writeln!(out, "{} changes: {}.", total(d), counts_text(d));
    let sections: [(&str, Vec<String>); 4] = [
        ("Framework", d.metadata.iter().map(field_line).collect()),
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
            // Titles come from other people's files: no HTML, no line
            // break that ends the item.
            let _ = writeln!(out, "- {}", cell(&l));
        }
    }
    if d.renames_cut_short {
        let _ = writeln!(out, "\n*{RENAMES_CUT_SHORT}*");
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
