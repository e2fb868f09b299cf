//! The wording of every profile diagnostic, in one place.
//!
//! Reading and binding describe what they found as a [`ProfileProblem`];
//! [`diagnostic`] words it: the message, the help line and the label of the
//! value it points at. Nothing else in the crate writes English for a
//! diagnostic. Codes are documented under "Profiles" in docs/diagnostics.md.

use crate::problem::{Element, Expected, Found, JsonSyntax, ProfileDiagnostic, ProfileProblem, Record, Shape, Unreadable, Whose};
use lfw_model::{Loc, Wording};

/// The diagnostic of a profile problem, worded from its payload.
pub fn diagnostic(problem: ProfileProblem) -> ProfileDiagnostic {
    let wording = match &problem {
        ProfileProblem::Unreadable {
            path,
            line,
            column,
            why,
            at,
        } => unreadable(path, *line, *column, why, *at),
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
        ProfileProblem::InvalidDate { whose, field, value, at } if crate::Date::parse_any_year(value).is_some() => Wording::new(format!(
            "In {}, `{field}` is `{value}`, outside the dates a profile may hold ({}-01-01 to {}-12-31).",
            who(whose),
            crate::Date::FIRST_YEAR,
            crate::Date::LAST_YEAR
        ))
        .help("check the year: it is most likely mistyped.")
        .path(&whose.path)
        .maybe_at(*at, "year out of range"),
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
    // A misspelt field's fix is the field meant.
    let fix = match &problem {
        ProfileProblem::Unreadable {
            why: Unreadable::Shape(Shape::UnknownField { suggestion: Some(s), .. }),
            at: Some(loc),
            ..
        } => Some((*loc, *s)),
        _ => None,
    };
    let d = wording.about(problem);
    match fix {
        Some((loc, s)) => d.fix(loc, s),
        None => d,
    }
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

fn unreadable(path: &str, line: Option<u64>, column: Option<u64>, why: &Unreadable, at: Option<Loc>) -> Wording {
    let place = match (line, column) {
        (Some(l), Some(c)) => format!("`{path}` line {l}, column {c}"),
        (Some(l), None) => format!("`{path}` line {l}"),
        (None, Some(c)) => format!("`{path}`, column {c}"),
        (None, None) => format!("`{path}`"),
    };
    let formats = "docs/profiles.md describes the JSON, JSON Lines and CSV profile formats.";
    let (message, help, label) = match why {
        Unreadable::Json(syntax) => {
            let (what, label) = json_syntax(*syntax);
            let help = match syntax {
                JsonSyntax::TrailingCharacters => "a JSON file holds one profile, and a line of JSON Lines one profile.",
                JsonSyntax::ControlCharacter => "write a line break inside a text as `\\n` and a tab as `\\t`.",
                JsonSyntax::ExpectedValue => "write text in double quotes, numbers as digits, and lists and records with their brackets.",
                _ => formats,
            };
            (
                format!("The profile in {place} is not well-formed JSON: {what}."),
                help.to_string(),
                label,
            )
        }
        Unreadable::Shape(shape) => return shape_wording(&place, shape, at).path(path),
        other => {
            let what = match other {
                // The system's reasons start with a capital, mid-sentence here.
                Unreadable::Io(reason) => reason.to_lowercase(),
                Unreadable::NotUtf8 { offset } => format!("it is not UTF-8 text (first bad byte at offset {offset})"),
                Unreadable::EmptyPerson => "the `person` column is empty".to_string(),
                Unreadable::LineTooLong { limit } => format!("the line is longer than {} MiB, the most a profile may be", limit >> 20),
                Unreadable::CsvRecordTooLong { limit } => format!(
                    "the row is longer than {} MiB, the most a CSV row may be, so the file is not read past it",
                    limit >> 20
                ),
                Unreadable::TooLarge { limit } => format!("the file is larger than {} MiB, the most read for one person", limit >> 20),
                Unreadable::UnknownRecord(record) => {
                    format!("the `record` column is `{record}`; it must be assessment, credential, history or person")
                }
                Unreadable::CsvFields { found, expected } => {
                    format!("the row has {found} fields, where the header has {expected}")
                }
                Unreadable::MissingColumn(column) => format!("the header has no `{column}` column"),
                Unreadable::CsvValue => "a field of the row is not UTF-8 text".to_string(),
                Unreadable::Json(_) | Unreadable::Shape(_) => "it could not be read".to_string(),
            };
            let help = match other {
                Unreadable::CsvFields { .. } => {
                    "give every row as many fields as the header; quote a field that holds a comma, as \"a, b\".".to_string()
                }
                Unreadable::CsvRecordTooLong { .. } => {
                    "a row this long is most likely a quoted field whose closing `\"` is missing; close it, and write a `\"` inside a field as `\"\"`.".to_string()
                }
                Unreadable::TooLarge { .. } => {
                    "to judge one person of a large file, give `lfw cohort --per-person` the whole file, or put the person's profile in a file of its own.".to_string()
                }
                Unreadable::MissingColumn(_) => format!(
                    "the header of a CSV profile is `{}`; only `person` and `record` must be there.",
                    crate::profile::CSV_HEADER.join(",")
                ),
                _ => formats.to_string(),
            };
            (format!("The profile in {place} could not be read: {what}."), help, "here")
        }
    };
    Wording::new(message).help(help).path(path).maybe_at(at, label)
}

/// What is wrong with a text that is not JSON, and the label at its place.
fn json_syntax(syntax: JsonSyntax) -> (&'static str, &'static str) {
    match syntax {
        JsonSyntax::EndsEarly => (
            "it ends before the profile does (a closing `}`, `]` or `\"` is missing)",
            "the text ends here",
        ),
        JsonSyntax::ExpectedColon => ("a field's name is not followed by `:`", "`:` expected here"),
        JsonSyntax::ExpectedCommaOrEnd { list: true } => (
            "two values of a list are not separated by `,`, or the list is not closed with `]`",
            "`,` or `]` expected here",
        ),
        JsonSyntax::ExpectedCommaOrEnd { list: false } => (
            "two fields are not separated by `,`, or a record is not closed with `}`",
            "`,` or `}` expected here",
        ),
        JsonSyntax::ExpectedValue => ("something here is not a value", "not a value"),
        JsonSyntax::KeyNotText => ("a field's name is not in double quotes", "a name in double quotes expected here"),
        JsonSyntax::BadEscape => ("a `\\` in a text starts no escape JSON knows", "unknown escape"),
        JsonSyntax::BadNumber => ("a number is not written as JSON writes numbers", "not a number"),
        JsonSyntax::NumberTooLarge => ("a number is too large", "too large"),
        JsonSyntax::TrailingComma => ("a `,` is followed by no value", "nothing after this `,`"),
        JsonSyntax::TrailingCharacters => ("there is more after the end of the profile", "more after the end"),
        JsonSyntax::ControlCharacter => ("a text holds a line break or another control character", "control character"),
        JsonSyntax::TooDeep => ("its values are nested too deeply", "too deep"),
        JsonSyntax::Other => ("it could not be read", "here"),
    }
}

/// A record of the format with its article, as a sentence names it.
fn a_record(record: Record) -> &'static str {
    match record {
        Record::Profile => "a profile",
        Record::Assessment => "an assessment",
        Record::Credential => "a credential",
        Record::Stint => "a history entry",
    }
}

/// A list of names as a sentence writes it: `a`, `b` and `c`.
fn and_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Well-formed JSON that is not a profile, worded.
fn shape_wording(place: &str, shape: &Shape, at: Option<Loc>) -> Wording {
    match shape {
        Shape::UnknownField {
            record,
            within,
            field,
            suggestion,
        } => {
            let whose = if within.is_empty() {
                String::new()
            } else {
                format!(" (in `{within}`)")
            };
            let help = match suggestion {
                Some(s) => did_you_mean(s),
                None => format!(
                    "the fields of {} are {}.",
                    a_record(*record),
                    and_list(crate::json::fields(*record))
                ),
            };
            Wording::new(format!("In {place}, `{field}`{whose} is not a field of {}.", a_record(*record)))
                .help(help)
                .maybe_at(at, format!("not a field of {}", a_record(*record)))
        }
        Shape::MissingField { record, within, field } => {
            let what = if within.is_empty() {
                "the profile".to_string()
            } else {
                format!("`{within}`")
            };
            Wording::new(format!(
                "In {place}, {what} has no `{field}`, which every {} needs.",
                &a_record(*record)[a_record(*record).find(' ').map_or(0, |i| i + 1)..]
            ))
            .help(format!("add it, e.g. {}.", example(*record, field)))
            .maybe_at(at, format!("no `{field}` in this record"))
        }
        Shape::WrongType { field, expected, found } => {
            let found = match found {
                Found::Null => "null",
                Found::Bool => "a true/false value",
                Found::Number => "a number",
                Found::Text => "text",
                Found::List => "a list",
                Found::Record => "a record `{…}`",
            };
            let needed = match expected {
                Expected::Text => "text in double quotes".to_string(),
                Expected::Level => "a level: its name in double quotes, or a whole number on a numeric scale".to_string(),
                Expected::List => "a list `[…]`".to_string(),
                Expected::Record(r) => format!("{} written as a record `{{…}}`", a_record(*r)),
                Expected::Credential => {
                    "a credential: its id in double quotes, or a record such as `{\"id\": \"…\", \"date\": \"…\"}`".to_string()
                }
                Expected::Attributes => "names with text values, such as `{\"organisation\": \"Kent\"}`".to_string(),
            };
            let subject = if field.is_empty() {
                "the profile".to_string()
            } else {
                format!("`{field}`")
            };
            let help = match expected {
                Expected::Text => "put the value in double quotes.",
                Expected::Level => "write the level's name in double quotes, e.g. \"strong\".",
                Expected::Credential => "write the credential's id in double quotes, e.g. \"npqh\".",
                Expected::List => "write it as a list, `[…]`, even of one item or none.",
                Expected::Attributes => "write each attribute as a name and a value in double quotes, e.g. `{\"organisation\": \"Kent\"}`.",
                _ => "docs/profiles.md lists each field of a profile and what it holds.",
            };
            Wording::new(format!("In {place}, {subject} is {found}; it must be {needed}."))
                .help(help)
                .maybe_at(at, format!("{found}, not {}", short_expected(*expected)))
        }
        Shape::Duplicate { field } => Wording::new(format!("In {place}, `{field}` is given twice in one record."))
            .help("keep one of the two.")
            .maybe_at(at, "given again"),
    }
}

fn short_expected(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "text",
        Expected::Level => "a level",
        Expected::List => "a list",
        Expected::Record(_) => "a record",
        Expected::Credential => "a credential",
        Expected::Attributes => "names with text values",
    }
}

/// A field written as the format wants it, for a help line.
fn example(record: Record, field: &str) -> &'static str {
    match field {
        "id" if record == Record::Credential => "`\"id\": \"npqh\"`, the id of the credential",
        "id" => "`\"id\": \"ps-301\"`, the person's id",
        "role" => "`\"role\": \"sergeant\"`, the id of the person's current role",
        "role_since" => "`\"role_since\": \"2024-03-31\"`, the date the person took up their current role",
        "competency" => "`\"competency\": \"…\"`, the id of the competency assessed",
        "level" => "`\"level\": \"…\"`, the level assessed",
        "source" => "`\"source\": \"manager\"`, who assessed it",
        "date" => "`\"date\": \"2024-03-31\"`",
        "from" => "`\"from\": \"2024-03-31\"`, the day the person took up the role",
        _ => "as docs/profiles.md shows",
    }
}

fn unknown_element(
    whose: &Whose,
    field: &str,
    kind: Element,
    name: &str,
    framework: &str,
    suggestion: Option<&str>,
    at: Option<Loc>,
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
