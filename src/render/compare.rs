//! What two or more frameworks share (`lfw compare`), as text and JSON.

use lfw_diff::compare::{Comparison, Counterpart, ElementMatch, MatchedBy, SharedCore};
use serde_json::json;
use std::fmt::Write as _;

pub fn text(c: &Comparison) -> String {
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
        let cps: Vec<String> = m
            .counterparts
            .iter()
            .map(|p| format!("{} ({})", p.id, p.closeness.keyword()))
            .collect();
        let _ = writeln!(out, "  {:<40} {}", m.id, cps.join(", "));
    }
    for (name, only) in [(&c.a, &c.only_in_a), (&c.b, &c.only_in_b)] {
        if !only.is_empty() {
            let _ = writeln!(out, "\nonly in {name}: {}", only.join(", "));
        }
    }
    out
}

fn counterpart_json(p: &Counterpart) -> serde_json::Value {
    let (crosswalk, rationale) = match &p.matched_by {
        MatchedBy::Crosswalk { crosswalk, rationale } => (crosswalk.as_str(), rationale.clone()),
        MatchedBy::SameTitle => ("", Some("same title".to_string())),
    };
    json!({
        "id": p.id,
        "title": p.title,
        "closeness": p.closeness,
        "crosswalk": crosswalk,
        "rationale": rationale,
    })
}

fn matches_json(matches: &[ElementMatch]) -> Vec<serde_json::Value> {
    matches
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "title": m.title,
                "counterparts": m.counterparts.iter().map(counterpart_json).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The JSON of `lfw compare` for two frameworks (docs/json.md).
pub fn to_json(c: &Comparison) -> serde_json::Value {
    json!({
        "a": c.a,
        "b": c.b,
        "crosswalks": c.crosswalks,
        "a_in_b": matches_json(&c.a_in_b),
        "b_in_a": matches_json(&c.b_in_a),
        "only_in_a": c.only_in_a,
        "only_in_b": c.only_in_b,
        "coverage_a_in_b": c.coverage_a_in_b,
        "coverage_b_in_a": c.coverage_b_in_a,
    })
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
