//! The compiled framework as JSON: the stable shape documented in
//! docs/json.md (`lfw export --to json`). Ids are the ones written in the
//! source; levels are level names; lists keep source order.

use crate::model::*;
use lfw_syntax::ast::Necessity;
use serde_json::{json, Value};

/// Bumped only when a field changes meaning or disappears.
pub const FORMAT_VERSION: u32 = 1;

pub fn framework(fw: &Framework) -> Value {
    let competency = |c: &Competency| {
        json!({
            "id": c.id,
            "title": c.title,
            "kind": c.kind.keyword(),
            "scale": c.scale.map(|s| fw.scales[s.0].id.clone()),
            "description": c.description,
            "indicators": c.indicators.iter().map(|i| json!({"text": i.text, "negative": i.negative})).collect::<Vec<_>>(),
            "descriptors": c.descriptors.iter().map(|(rank, text)| json!({"level": level(fw, c, *rank), "text": text})).collect::<Vec<_>>(),
            "prerequisites": c.prerequisites.iter().map(|p| {
                let needs = &fw.competencies[p.needs.0];
                json!({"at": level(fw, c, p.at), "needs": needs.id, "level": level(fw, needs, p.level)})
            }).collect::<Vec<_>>(),
            "notes": notes(&c.notes),
        })
    };
    json!({
        "format": FORMAT_VERSION,
        "id": fw.id,
        "title": fw.title,
        "version": fw.version,
        "owner": fw.owner,
        "sector": fw.sector,
        "sources": fw.sources,
        "description": fw.description,
        "extends": fw.extends,
        "notes": notes(&fw.notes),
        "default_scale": fw.default_scale.map(|s| fw.scales[s.0].id.clone()),
        "evidence": {
            "combine": fw.evidence.combine.name(),
            "ranked_sources": match &fw.evidence.combine {
                Combine::Ranked(sources) => sources.clone(),
                _ => Vec::new(),
            },
            "valid_months": fw.evidence.valid_months,
        },
        "scales": fw.scales.iter().map(|s| json!({
            "id": s.id,
            "title": s.title,
            "levels": s.levels,
            "level_titles": s.levels.iter().zip(&s.titles)
                .filter_map(|(l, t)| t.as_ref().map(|t| (l.clone(), json!(t))))
                .collect::<serde_json::Map<String, Value>>(),
            "description": s.description,
            "notes": notes(&s.notes),
        })).collect::<Vec<_>>(),
        "domains": fw.domains.iter().map(|d| json!({
            "id": d.id,
            "title": d.title,
            "description": d.description,
            "notes": notes(&d.notes),
            "competencies": d.competencies.iter().map(|c| competency(&fw.competencies[c.0])).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "ungrouped_competencies": fw.competencies.iter().filter(|c| c.domain.is_none()).map(competency).collect::<Vec<_>>(),
        "credentials": fw.credentials.iter().map(|c| json!({
            "id": c.id,
            "title": c.title,
            "kind": c.kind,
            "description": c.description,
            "requirements": c.requirements.iter().map(|q| requirement(fw, q)).collect::<Vec<_>>(),
            "notes": notes(&c.notes),
        })).collect::<Vec<_>>(),
        "roles": fw.roles.iter().map(|r| json!({
            "id": r.id,
            "title": r.title,
            "entry": r.entry,
            "after": r.after.iter().map(|a| json!({"role": fw.roles[a.role.0].id, "min_months": a.min_months})).collect::<Vec<_>>(),
            "requirements": r.requirements.iter().map(|q| requirement(fw, q)).collect::<Vec<_>>(),
            "description": r.description,
            "notes": notes(&r.notes),
        })).collect::<Vec<_>>(),
    })
}

fn level(fw: &Framework, c: &Competency, rank: Rank) -> Value {
    match c.scale {
        Some(s) => json!(fw.scales[s.0].levels.get(rank)),
        None => Value::Null,
    }
}

fn notes(notes: &[Note]) -> Value {
    notes.iter().map(|n| json!({"kind": n.kind, "text": n.text})).collect()
}

pub fn requirement(fw: &Framework, q: &Requirement) -> Value {
    let necessity = match q.necessity {
        Necessity::Essential => "essential",
        Necessity::Desirable => "desirable",
    };
    let members = |m: &[(CompetencyId, Rank)]| m.iter().map(|(c, _)| fw.competencies[c.0].id.clone()).collect::<Vec<_>>();
    match &q.condition {
        Condition::Level { competency, level } => json!({
            "kind": "level", "necessity": necessity,
            "competency": fw.competencies[competency.0].id, "level": fw.level_name(*competency, *level),
        }),
        Condition::Credential { credential } => {
            json!({"kind": "credential", "necessity": necessity, "credential": fw.credentials[credential.0].id})
        }
        Condition::Role { role } => json!({"kind": "role", "necessity": necessity, "role": fw.roles[role.0].id}),
        Condition::Experience { role, months } => {
            json!({"kind": "experience", "necessity": necessity, "role": fw.roles[role.0].id, "months": months})
        }
        Condition::AllIn { domain, level, members: m } => json!({
            "kind": "all-in", "necessity": necessity, "domain": fw.domains[domain.0].id, "level": level, "competencies": members(m),
        }),
        Condition::CountOf { count, level, members: m } => json!({
            "kind": "count-of", "necessity": necessity, "count": count, "level": level, "competencies": members(m),
        }),
    }
}
