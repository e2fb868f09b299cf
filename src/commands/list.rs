//! `lfw list`: the bundled frameworks and crosswalks.

use super::load::{library, print_diagnostics};
use super::{Outcome, Ran, Stop};
use crate::args::{Format, ListArgs};
use lfw_model::Framework;
use serde_json::json;

/// Element counts of a framework, as `lfw list` shows them.
fn counts(fw: &Framework) -> serde_json::Value {
    let mut by_kind = serde_json::Map::new();
    for c in &fw.competencies {
        let n = by_kind.entry(c.kind.keyword()).or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    json!({
        "domains": fw.domains.len(),
        "competencies": fw.competencies.len(),
        "by_kind": by_kind,
        "scales": fw.scales.len(),
        "levels": fw.scales.iter().map(|s| s.levels.len()).sum::<usize>(),
        "roles": fw.roles.len(),
        "credentials": fw.credentials.len(),
    })
}

pub fn run(a: &ListArgs) -> Ran {
    let c = library();
    if c.has_errors() {
        print_diagnostics(c);
        return Err(Stop::Reported);
    }
    let rows: Vec<serde_json::Value> = c
        .frameworks
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "title": f.title,
                "version": f.version,
                "sector": f.sector,
                "file": c.sources.get(f.loc.file).path.display().to_string(),
                "counts": counts(f),
            })
        })
        .collect();
    match a.format {
        Format::Json => crate::output::json(
            &json!({"format": 1, "frameworks": rows, "crosswalks": c.crosswalks.iter().map(|x| json!({
            "id": x.id, "title": x.title, "from": x.from, "to": x.to, "mappings": x.mappings.len(),
        })).collect::<Vec<_>>()}),
        ),
        Format::Text => {
            outln!(
                "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  title",
                "id",
                "sector",
                "domains",
                "competencies",
                "levels",
                "roles",
                "credentials"
            );
            for (f, row) in c.frameworks.iter().zip(&rows) {
                let n = |key: &str| row["counts"][key].as_u64().unwrap_or(0);
                let version = f.version.as_deref().map(|v| format!(" ({v})")).unwrap_or_default();
                outln!(
                    "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  {}{version}",
                    f.id,
                    f.sector.as_deref().unwrap_or("-"),
                    n("domains"),
                    n("competencies"),
                    n("levels"),
                    n("roles"),
                    n("credentials"),
                    f.title,
                );
            }
            for x in &c.crosswalks {
                outln!(
                    "crosswalk {:<16} {} → {}: {} mappings  {}",
                    x.id,
                    x.from,
                    x.to,
                    x.mappings.len(),
                    x.title
                );
            }
        }
    }
    Ok(Outcome::Success)
}
