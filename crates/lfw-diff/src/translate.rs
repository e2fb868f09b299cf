//! Translating a person's assessments from one framework to another through
//! a crosswalk, for staff moving between services. Only exact and close
//! mappings translate, and only where the crosswalk declares a level
//! correspondence; everything else is listed as not translated, with the
//! reason — never guessed.

use lfw_assess::profile::{AssessmentInput, LevelInput, ProfileInput};
use lfw_model::{Crosswalk, CrosswalkView, Framework, MappingView};
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

/// The mappings of `element` of `from` to elements of `to`, with the
/// crosswalk each is read through.
fn routes<'a>(from: &str, to: &str, element: &str, crosswalks: &[&'a Crosswalk]) -> Vec<(CrosswalkView<'a>, MappingView<'a>)> {
    crosswalks
        .iter()
        .filter_map(|cw| cw.seen_from(from, to))
        .flat_map(|seen| seen.mappings().filter(|m| m.from == element).map(move |m| (seen, m)))
        .collect()
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
        for (seen, m) in &found {
            if !matches!(m.closeness, Closeness::Exact | Closeness::Close) {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: format!(
                        "only a {} mapping to {} ({})",
                        crate::compare::closeness_name(m.closeness),
                        m.to,
                        seen.crosswalk.id
                    ),
                });
                continue;
            }
            let Some(to_level) = seen.level(&level).map(str::to_string) else {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: format!("{} declares no level matching {level}", seen.crosswalk.id),
                });
                continue;
            };
            let closeness = crate::compare::closeness_name(m.closeness);
            translated.push(Translated {
                from_competency: a.competency.clone(),
                from_level: level.clone(),
                to_competency: m.to.to_string(),
                to_level: to_level.clone(),
                closeness,
                crosswalk: seen.crosswalk.id.clone(),
            });
            assessments.push(AssessmentInput {
                competency: m.to.to_string(),
                level: LevelInput::Name(to_level),
                source: a.source.clone(),
                date: a.date.clone(),
                note: Some(format!(
                    "translated from {} {} at {level} through {} ({closeness})",
                    from.id, a.competency, seen.crosswalk.id
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
        .filter(|cw| cw.joins(&from.id, &to.id))
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
