//! Translating a person's assessments from one framework to another through
//! a crosswalk, for staff moving between services. Only exact and close
//! mappings translate, and only where the crosswalk declares a level
//! correspondence; everything else is listed as not translated, with the
//! reason — never guessed.

use lfw_assess::profile::{AssessmentInput, LevelInput, ProfileInput};
use lfw_model::{Crosswalk, Framework};
use lfw_syntax::ast::Closeness;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Translation {
    pub from: String,
    pub to: String,
    /// The crosswalks read between the two frameworks.
    pub crosswalks: Vec<String>,
    /// The provisional profile in the target framework, in the profile
    /// format (docs/profiles.md). `role` is what `--role` gave, else empty.
    pub profile: serde_json::Value,
    pub translated: Vec<Translated>,
    pub not_translated: Vec<NotTranslated>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Translated {
    pub from_competency: String,
    pub from_level: String,
    pub to_competency: String,
    pub to_level: String,
    pub closeness: &'static str,
    pub crosswalk: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct NotTranslated {
    pub competency: String,
    pub level: String,
    pub reason: String,
}

/// A mapping from `from`'s element to `to`'s, read in that direction.
struct Route<'a> {
    target: &'a str,
    closeness: Closeness,
    crosswalk: &'a Crosswalk,
    /// Whether the crosswalk is written from `from` to `to`.
    forward: bool,
}

fn routes<'a>(from: &str, to: &str, element: &str, crosswalks: &[&'a Crosswalk]) -> Vec<Route<'a>> {
    let mut out = Vec::new();
    for cw in crosswalks {
        for m in &cw.mappings {
            if cw.from == from && cw.to == to && m.from == element {
                out.push(Route {
                    target: &m.to,
                    closeness: m.closeness,
                    crosswalk: cw,
                    forward: true,
                });
            } else if cw.from == to && cw.to == from && m.to == element {
                let closeness = match m.closeness {
                    Closeness::Broader => Closeness::Narrower,
                    Closeness::Narrower => Closeness::Broader,
                    c => c,
                };
                out.push(Route {
                    target: &m.from,
                    closeness,
                    crosswalk: cw,
                    forward: false,
                });
            }
        }
    }
    out
}

fn level_through(route: &Route, level: &str) -> Option<String> {
    route.crosswalk.levels.iter().find_map(|(a, b)| match route.forward {
        true => (a == level).then(|| b.clone()),
        false => (b == level).then(|| a.clone()),
    })
}

/// Translates `profile`, assessed in `from`, into `to`.
pub fn translate(profile: &ProfileInput, from: &Framework, to: &Framework, crosswalks: &[&Crosswalk], role: Option<&str>) -> Translation {
    let mut translated = Vec::new();
    let mut not_translated = Vec::new();
    let mut assessments = Vec::new();
    for a in &profile.assessments {
        let level = a.level.as_string();
        let found = routes(&from.id, &to.id, &a.competency, crosswalks);
        if found.is_empty() {
            not_translated.push(NotTranslated {
                competency: a.competency.clone(),
                level,
                reason: format!("no mapping to {}", to.id),
            });
            continue;
        }
        for r in &found {
            if !matches!(r.closeness, Closeness::Exact | Closeness::Close) {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: format!(
                        "only a {} mapping to {} ({})",
                        crate::compare::closeness_name(r.closeness),
                        r.target,
                        r.crosswalk.id
                    ),
                });
                continue;
            }
            let Some(to_level) = level_through(r, &level) else {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: format!("{} declares no level matching {level}", r.crosswalk.id),
                });
                continue;
            };
            let closeness = crate::compare::closeness_name(r.closeness);
            translated.push(Translated {
                from_competency: a.competency.clone(),
                from_level: level.clone(),
                to_competency: r.target.to_string(),
                to_level: to_level.clone(),
                closeness,
                crosswalk: r.crosswalk.id.clone(),
            });
            assessments.push(AssessmentInput {
                competency: r.target.to_string(),
                level: LevelInput::Name(to_level),
                source: a.source.clone(),
                date: a.date.clone(),
                note: Some(format!(
                    "translated from {} {} at {level} through {} ({closeness})",
                    from.id, a.competency, r.crosswalk.id
                )),
            });
        }
    }
    let profile_json = serde_json::json!({
        "id": profile.id,
        "name": profile.name,
        "framework": to.id,
        "role": role.unwrap_or(""),
        "role_since": profile.role_since,
        "assessments": assessments.iter().map(|a| serde_json::json!({
            "competency": a.competency,
            "level": a.level.as_string(),
            "source": a.source,
            "date": a.date,
            "note": a.note,
        })).collect::<Vec<_>>(),
    });
    // Every crosswalk read between the two, whether or not anything went through it.
    let mut used: Vec<String> = crosswalks
        .iter()
        .filter(|cw| (cw.from == from.id && cw.to == to.id) || (cw.from == to.id && cw.to == from.id))
        .map(|cw| cw.id.clone())
        .collect();
    used.sort();
    used.dedup();
    Translation {
        from: from.id.clone(),
        to: to.id.clone(),
        crosswalks: used,
        profile: profile_json,
        translated,
        not_translated,
    }
}
