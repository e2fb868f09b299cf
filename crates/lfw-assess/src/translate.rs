//! Translating a person's assessments from one framework to another through
//! a crosswalk, for staff moving between services. Only exact and close
//! mappings translate, and only where the crosswalk declares a level
//! correspondence; everything else is listed as not translated, with the
//! reason — never guessed.
//!
//! The result is a provisional profile in the target framework, a
//! [`ProfileInput`] like any other, which can be bound to it once its role
//! is filled in.

use crate::profile::{AssessmentInput, LevelInput, ProfileInput};
use lfw_model::{Crosswalk, CrosswalkView, Framework, MappingView};
use lfw_syntax::ast::Closeness;

#[derive(Clone, Debug)]
pub struct Translation {
    /// The id of the profile's framework.
    pub from: String,
    /// The id of the framework translated into.
    pub to: String,
    /// Every crosswalk read between the two, in alphabetical order.
    pub crosswalks: Vec<String>,
    /// The provisional profile in `to`: the person's id, name and
    /// `role_since`, the role asked for (else empty), and one assessment
    /// per translation, `profile.assessments[i]` carrying `translated[i]`,
    /// with the source and date of the assessment it comes from. Its
    /// assessments have no note; it has no credentials and no history.
    pub profile: ProfileInput,
    /// Each assessment translated, in the profile's order.
    pub translated: Vec<Translated>,
    /// Each assessment, or mapping of an assessment, that was not
    /// translated, in the profile's order.
    pub not_translated: Vec<NotTranslated>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Translated {
    pub from_competency: String,
    pub from_level: String,
    pub to_competency: String,
    pub to_level: String,
    /// `Exact` or `Close`, read from the profile's side.
    pub closeness: Closeness,
    pub crosswalk: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NotTranslated {
    pub competency: String,
    pub level: String,
    pub reason: Untranslated,
}

/// Why an assessment was not translated.
#[derive(Clone, Debug, PartialEq)]
pub enum Untranslated {
    /// No crosswalk maps the competency to the target framework.
    NoMapping,
    /// A crosswalk maps it, but not as `exact` or `close`: `closeness` is
    /// read from the profile's side, `target` is the element it is mapped to.
    NotEquivalent {
        closeness: Closeness,
        target: String,
        crosswalk: String,
    },
    /// The crosswalk maps it, but declares no level of the target matching
    /// the assessed level.
    NoLevel { crosswalk: String },
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

/// Translates `profile`, assessed in `from`, into `to`, for the role
/// `role` of `to` when one is given.
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
                reason: Untranslated::NoMapping,
            });
            continue;
        }
        for (seen, m) in &found {
            let crosswalk = seen.crosswalk.id.clone();
            if !matches!(m.closeness, Closeness::Exact | Closeness::Close) {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: Untranslated::NotEquivalent {
                        closeness: m.closeness,
                        target: m.to.to_string(),
                        crosswalk,
                    },
                });
                continue;
            }
            let Some(to_level) = seen.level(&level) else {
                not_translated.push(NotTranslated {
                    competency: a.competency.clone(),
                    level: level.clone(),
                    reason: Untranslated::NoLevel { crosswalk },
                });
                continue;
            };
            translated.push(Translated {
                from_competency: a.competency.clone(),
                from_level: level.clone(),
                to_competency: m.to.to_string(),
                to_level: to_level.to_string(),
                closeness: m.closeness,
                crosswalk,
            });
            assessments.push(AssessmentInput {
                competency: m.to.to_string(),
                level: LevelInput::Name(to_level.to_string()),
                source: a.source.clone(),
                date: a.date.clone(),
                note: None,
            });
        }
    }
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
        profile: ProfileInput {
            id: profile.id.clone(),
            name: profile.name.clone(),
            framework: Some(to.id.clone()),
            role: role.unwrap_or("").to_string(),
            role_since: profile.role_since.clone(),
            assessments,
            credentials: Vec::new(),
            history: Vec::new(),
            attributes: profile.attributes.clone(),
        },
        translated,
        not_translated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Origin;
    use lfw_model::{FileId, Loc, Mapping};

    fn compiled(text: &str) -> Framework {
        let mut c = lfw_model::compile_str("f.lfw", text);
        assert!(!c.has_errors(), "{text}");
        c.frameworks.remove(0)
    }

    #[test]
    fn a_provisional_profile_binds_to_the_target_through_a_crosswalk_written_the_other_way() {
        let ours = compiled("framework ours \"Ours\"\nscale s \"S\"\n  levels 1 < 2 < 3\nskill risk \"Risk\"\nskill money \"Money\"\nrole r \"R\"\n  entry\n");
        let theirs = compiled("framework theirs \"Theirs\"\nscale s \"S\"\n  levels low < high\nskill hazards \"Hazards\"\nskill finance \"Finance\"\nrole officer \"Officer\"\n  entry\n");
        let loc = Loc::new(FileId(0), lfw_syntax::Span::default());
        let mapping = |from: &str, to: &str, closeness| Mapping {
            from: from.into(),
            to: to.into(),
            closeness,
            rationale: None,
            loc,
        };
        // Written from theirs to ours, read from ours.
        let cw = Crosswalk {
            id: "theirs-to-ours".into(),
            title: "T".into(),
            from: "theirs".into(),
            to: "ours".into(),
            levels: vec![("low".into(), "1".into()), ("high".into(), "3".into())],
            mappings: vec![
                mapping("hazards", "risk", Closeness::Close),
                mapping("finance", "money", Closeness::Broader),
            ],
            description: None,
            notes: Vec::new(),
            loc,
        };
        let profile: ProfileInput = serde_json::from_str(
            r#"{"id": "p", "role": "r", "role_since": "2024-01-01", "assessments": [
                {"competency": "risk", "level": 3, "source": "self", "date": "2025-01-01", "note": "mine"},
                {"competency": "money", "level": 2, "source": "self", "date": "2025-01-01"}]}"#,
        )
        .expect("profile");
        let t = translate(&profile, &ours, &theirs, &[&cw], Some("officer"));
        assert_eq!(t.crosswalks, ["theirs-to-ours"]);
        assert_eq!(
            t.translated,
            [Translated {
                from_competency: "risk".into(),
                from_level: "3".into(),
                to_competency: "hazards".into(),
                to_level: "high".into(),
                closeness: Closeness::Close,
                crosswalk: "theirs-to-ours".into(),
            }]
        );
        // `money` is broader than `finance`: read from ours, its counterpart is narrower.
        assert_eq!(
            t.not_translated[0].reason,
            Untranslated::NotEquivalent {
                closeness: Closeness::Narrower,
                target: "finance".into(),
                crosswalk: "theirs-to-ours".into()
            }
        );
        assert_eq!(t.profile.assessments.len(), t.translated.len());
        assert_eq!(t.profile.assessments[0].note, None);
        let origin = Origin {
            path: "p.json".into(),
            line: None,
            file: None,
        };
        let person = crate::bind(&t.profile, &theirs, &origin, None).expect("binds to the target");
        assert_eq!(theirs.roles[person.role.0].id, "officer");
    }
}
