//! The wording of every profile diagnostic, in one place.
//!
//! Reading and binding describe what they found as a [`ProfileProblem`];
//! [`diagnostic`] words it: the message, the help line and the label of the
//! value it points at. Nothing else in the crate writes English for a
//! diagnostic. Codes are documented under "Profiles" in docs/diagnostics.md.

use crate::problem::{Element, ProfileDiagnostic, ProfileProblem, Unreadable, Whose};
use lfw_model::Wording;

/// The diagnostic of a profile problem, worded from its payload.
pub fn diagnostic(problem: ProfileProblem) -> ProfileDiagnostic {
    let wording = match &problem {
        ProfileProblem::Unreadable { path, line, why } => unreadable(path, *line, why),
        ProfileProblem::OtherFramework {
            whose,
            named,
            framework,
            at,
        } => Wording::new(format!(
            "In {}, the profile is for the framework `{named}`, not `{framework}`.",
            who(whose)
        ))
        .help("check the profile against the framework it was assessed in, or correct its `framework` field.")
        .path(&whose.path)
        .maybe_at(*at, "another framework"),
        ProfileProblem::InvalidDate { whose, field, value, at } => {
            Wording::new(format!("In {}, `{field}` is `{value}`, which is not a date.", who(whose)))
                .help("write dates as YYYY-MM-DD, e.g. 2024-03-31.")
                .path(&whose.path)
                .maybe_at(*at, "not a date")
        }
        ProfileProblem::EndsBeforeStart {
            whose,
            field,
            from,
            to,
            at,
        } => Wording::new(format!("In {}, `{field}` ends on {to}, before it starts on {from}.", who(whose)))
            .help("`from` is the day the person started the role and `to` the day they left it; one of the two is wrong.")
            .path(&whose.path)
            .maybe_at(*at, "ends before it starts"),
        ProfileProblem::UnknownElement {
            whose,
            field,
            kind,
            name,
            framework,
            suggestion,
            at,
        } => unknown_element(whose, field, *kind, name, framework, suggestion.as_deref(), *at),
        ProfileProblem::UnknownLevel {
            whose,
            field,
            level,
            competency,
            levels,
            suggestion,
            at,
        } => {
            let help = match (levels.is_empty(), suggestion) {
                (true, _) => format!("`{competency}` has no levels, so it cannot be assessed at one."),
                (false, Some(s)) => did_you_mean(s),
                (false, None) => format!("the levels are {}.", levels.join(", ")),
            };
            Wording::new(format!(
                "In {}, `{field}` is `{level}`, which is not a level of `{competency}`.",
                who(whose)
            ))
            .help(help)
            .path(&whose.path)
            .maybe_at(*at, "not a level of this competency")
        }
        ProfileProblem::MissingSource { whose, field, at } => Wording::new(format!("In {}, `{field}` is empty.", who(whose)))
            .help("say who assessed it: self, manager, peer, 360, assessment-centre, exam or other text.")
            .path(&whose.path)
            .maybe_at(*at, "here"),
        ProfileProblem::Conflict {
            path,
            line,
            person,
            field,
            first,
            second,
        } => Wording::new(format!(
            "In `{path}` line {line}, person `{person}` has `{field}` `{first}` on one row and `{second}` on another."
        ))
        .help("give each person one current role and one `role_since`.")
        .path(path),
        ProfileProblem::MissingRole {
            path,
            person,
            line,
            missing,
        } => Wording::new(format!(
            "In `{path}`, person `{person}` (first row at line {line}) has no `{}`.",
            missing.join("` or `")
        ))
        .help("give the person's current role and the date they started it on any of their rows.")
        .path(path),
        ProfileProblem::NoSuchPerson { path, id, suggestion, ids } => {
            Wording::new(format!("`{path}` holds no profile with the id `{id}`."))
                .help(match suggestion {
                    Some(s) => did_you_mean(s),
                    None => format!("the file holds {}.", ids.join(", ")),
                })
                .path(path)
        }
        ProfileProblem::Ambiguous { path, count } => Wording::new(format!("`{path}` holds {count} profiles; this command reads one."))
            .help("name one with `--person <id>`, or use `lfw cohort` for many.")
            .path(path),
    };
    wording.about(problem)
}

/// The profile as messages name it: its id, its file and, in a file of
/// many, its line.
fn who(whose: &Whose) -> String {
    match whose.line {
        Some(line) => format!("profile `{}` ({} line {line})", whose.id, whose.path),
        None => format!("profile `{}` ({})", whose.id, whose.path),
    }
}

fn did_you_mean(name: &str) -> String {
    format!("did you mean `{name}`?")
}

fn unreadable(path: &str, line: Option<u64>, why: &Unreadable) -> Wording {
    let place = match line {
        Some(l) => format!("`{path}` line {l}"),
        None => format!("`{path}`"),
    };
    let what = match why {
        // The system's reasons start with a capital, mid-sentence here.
        Unreadable::Io(reason) => reason.to_lowercase(),
        Unreadable::NotUtf8 { offset } => format!("it is not UTF-8 text (first bad byte at offset {offset})"),
        Unreadable::Format(reason) => reason.clone(),
        Unreadable::EmptyPerson => "the `person` column is empty".to_string(),
        Unreadable::LineTooLong { limit } => format!("the line is longer than {} MiB, the most a profile may be", limit >> 20),
        Unreadable::UnknownRecord(record) => {
            format!("the `record` column is `{record}`; it must be assessment, credential, history or person")
        }
    };
    Wording::new(format!("The profile in {place} could not be read: {what}."))
        .help("docs/profiles.md describes the JSON, JSON Lines and CSV profile formats.")
        .path(path)
}

fn unknown_element(
    whose: &Whose,
    field: &str,
    kind: Element,
    name: &str,
    framework: &str,
    suggestion: Option<&str>,
    at: Option<lfw_model::Loc>,
) -> Wording {
    let (kind, kinds) = match kind {
        Element::Role => ("role", "roles"),
        Element::Competency => ("competency", "competencies"),
        Element::Credential => ("credential", "credentials"),
    };
    let help = match suggestion {
        Some(s) => did_you_mean(s),
        None => format!("`lfw export --to json` lists the framework's {kinds}."),
    };
    Wording::new(format!(
        "In {}, `{field}` names `{name}`, which is not a {kind} of `{framework}`.",
        who(whose)
    ))
    .help(help)
    .path(&whose.path)
    .maybe_at(at, "not in the framework")
}
