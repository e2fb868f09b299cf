//! A profile translated into another framework (`lfw translate`), as text
//! and JSON.

use lfw_assess::translate::{NotTranslated, Translation, Untranslated};
use serde_json::json;
use std::fmt::Write as _;

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
pub fn to_json(t: &Translation) -> serde_json::Value {
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

pub fn text(t: &Translation) -> String {
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
