//! Profiles: one person's role, assessments, credentials and history, read
//! from JSON, JSON Lines or long-format CSV, and bound to a compiled
//! framework (every reference checked, never silently ignored).

use crate::date::Date;
use crate::problem::{Element, ProfileDiagnostic, ProfileProblem, Unreadable, Whose};
use crate::report;
use lfw_model::{CompetencyId, CredentialId, FileId, Framework, Loc, Rank, RoleId, Sources};
use lfw_syntax::suggest::Suggester;
use lfw_syntax::Span;
use serde::Deserialize;
use std::collections::HashMap;

/// A profile as written, before its references are checked.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub framework: Option<String>,
    pub role: String,
    pub role_since: String,
    #[serde(default)]
    pub assessments: Vec<AssessmentInput>,
    #[serde(default)]
    pub credentials: Vec<CredentialInput>,
    #[serde(default)]
    pub history: Vec<StintInput>,
    /// Attributes an employer keeps, such as `organisation` or `region`, by
    /// which `lfw succession --by` groups people.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attributes: std::collections::BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    pub competency: String,
    /// A level name; numbers are accepted for numeric scales.
    pub level: LevelInput,
    pub source: String,
    pub date: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum LevelInput {
    Name(String),
    Number(u64),
}

impl LevelInput {
    pub fn as_string(&self) -> String {
        match self {
            LevelInput::Name(s) => s.clone(),
            LevelInput::Number(n) => n.to_string(),
        }
    }
}

/// A credential held: written as a record, or as its id alone
/// (`"credentials": ["npqh"]`), which is read as `{"id": "npqh"}`.
#[derive(Clone, Debug)]
pub struct CredentialInput {
    pub id: String,
    pub date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialRecord {
    id: String,
    #[serde(default)]
    date: Option<String>,
}

impl<'de> Deserialize<'de> for CredentialInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CredentialInput, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = CredentialInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a credential")
            }
            fn visit_str<E>(self, v: &str) -> Result<CredentialInput, E> {
                Ok(CredentialInput {
                    id: v.to_string(),
                    date: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CredentialInput, A::Error> {
                let r = CredentialRecord::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(CredentialInput { id: r.id, date: r.date })
            }
        }
        d.deserialize_any(Visit)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StintInput {
    pub role: String,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
}

/// A profile whose every reference resolved.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: Option<String>,
    pub role: RoleId,
    pub role_since: Date,
    pub assessments: Vec<Evidence>,
    pub credentials: Vec<(CredentialId, Option<Date>)>,
    pub history: Vec<Stint>,
}

/// One assessment of one competency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub competency: CompetencyId,
    pub level: Rank,
    pub source: String,
    pub date: Date,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stint {
    pub role: RoleId,
    pub from: Date,
    pub to: Option<Date>,
}

/// Where a profile came from, for its diagnostics.
#[derive(Clone, Debug)]
pub struct Origin {
    pub path: String,
    /// The line of a JSON Lines record, or the first CSV row of the person.
    pub line: Option<u64>,
    /// The file's text, when the caller keeps it for diagnostics to point
    /// into, and where this profile starts in it.
    pub file: Option<(FileId, usize)>,
}

impl Origin {
    fn whose(&self, id: &str) -> Whose {
        Whose {
            id: id.to_string(),
            path: self.path.clone(),
            line: self.line,
        }
    }
}

/// Bytes of a profile's text that the problems of one profile may search
/// for their places: each searches from the profile's start, so without a
/// bound thousands of problems in a large file would take time in the
/// product of the two. Past it, a problem names its field and file without
/// pointing into the text.
const LOCATE_BYTES: usize = 32 << 20;

/// Where a value is written in the profile's text: the first occurrence of
/// it quoted (JSON) or bare (CSV) after the profile's start; and how many
/// bytes were searched to find it.
fn locate(sources: Option<&Sources>, origin: &Origin, value: &str) -> (Option<Loc>, usize) {
    let Some((file, start)) = origin.file else { return (None, 0) };
    let Some(sources) = sources else { return (None, 0) };
    let text = &sources.get(file).text;
    let from = start.min(text.len());
    if value.is_empty() || !text.is_char_boundary(from) {
        return (None, 0);
    }
    let rest = &text[from..];
    let (at, searched) = match rest.find(&format!("\"{value}\"")) {
        Some(i) => (Some(i + 1), i),
        None => {
            let bare = bare_field(rest, value);
            (bare, rest.len() + bare.unwrap_or(rest.len()))
        }
    };
    (at.map(|at| Loc::new(file, Span::new(from + at, from + at + value.len()))), searched)
}

/// The first place `value` stands as a whole field (a CSV cell or an
/// unquoted JSON value), not inside another value such as a date.
fn bare_field(text: &str, value: &str) -> Option<usize> {
    let opens = |c: Option<char>| c.is_none_or(|c| matches!(c, ',' | ':' | '[' | '\n') || c.is_whitespace());
    let closes = |c: Option<char>| c.is_none_or(|c| matches!(c, ',' | '}' | ']' | '\r' | '\n') || c.is_whitespace());
    text.match_indices(value)
        .map(|(i, _)| i)
        .find(|&i| opens(text[..i].chars().next_back()) && closes(text[i + value.len()..].chars().next()))
}

/// How many names a profile may look up in one of the framework's lists
/// by reading the list through before they are looked up in a map of it
/// instead: most profiles name a few elements, and building the map costs
/// as much as reading the list once.
const SCANS: usize = 16;

/// One of a framework's lists (competencies, credentials, roles), to look
/// names up in: scanned for the first few names, then through a map built
/// once, so that a profile naming thousands of elements of a framework of
/// thousands does not take time in the product of the two.
struct Names<'f, T> {
    list: &'f [T],
    id: fn(&T) -> &str,
    asked: std::cell::Cell<usize>,
    map: std::cell::OnceCell<HashMap<&'f str, usize>>,
}

impl<'f, T> Names<'f, T> {
    fn new(list: &'f [T], id: fn(&T) -> &str) -> Self {
        Names {
            list,
            id,
            asked: std::cell::Cell::new(0),
            map: std::cell::OnceCell::new(),
        }
    }

    /// The index of the first element named `name`.
    fn find(&self, name: &str) -> Option<usize> {
        self.asked.set(self.asked.get() + 1);
        if self.asked.get() <= SCANS {
            return self.list.iter().position(|t| (self.id)(t) == name);
        }
        let map = self.map.get_or_init(|| {
            let mut map = HashMap::with_capacity(self.list.len());
            for (i, t) in self.list.iter().enumerate() {
                map.entry((self.id)(t)).or_insert(i);
            }
            map
        });
        map.get(name).copied()
    }
}

/// Checks a profile against a framework. All problems are reported, not
/// only the first; with `sources`, each points at the value in the text.
pub fn bind(input: &ProfileInput, fw: &Framework, origin: &Origin, sources: Option<&Sources>) -> Result<Person, Vec<ProfileDiagnostic>> {
    let mut problems = Vec::new();
    let whose = origin.whose(&input.id);
    let searched = std::cell::Cell::new(0usize);
    let at = |value: &str| {
        if searched.get() > LOCATE_BYTES {
            return None;
        }
        let (loc, bytes) = locate(sources, origin, value);
        searched.set(searched.get() + bytes);
        loc
    };
    let mut found = |problem: ProfileProblem| problems.push(report::diagnostic(problem));
    if let Some(f) = &input.framework {
        if *f != fw.id {
            found(ProfileProblem::OtherFramework {
                whose: whose.clone(),
                named: f.clone(),
                framework: fw.id.clone(),
                at: at(f),
            });
        }
    }
    let date = |field: String, value: &str, found: &mut dyn FnMut(ProfileProblem)| {
        let d = Date::parse(value);
        if d.is_none() {
            found(ProfileProblem::InvalidDate {
                whose: whose.clone(),
                field,
                value: value.to_string(),
                at: at(value),
            });
        }
        d
    };
    // Did-you-mean has one budget of work for the profile.
    let suggest = std::cell::RefCell::new(Suggester::new());
    let unknown = |field: String, kind: Element, name: &str, candidates: &mut dyn Iterator<Item = &str>| ProfileProblem::UnknownElement {
        whose: whose.clone(),
        field,
        kind,
        name: name.to_string(),
        framework: fw.id.clone(),
        suggestion: suggest.borrow_mut().did_you_mean(name, candidates).map(str::to_string),
        at: at(name),
    };
    let roles = Names::new(&fw.roles, |r| r.id.as_str());
    let competencies = Names::new(&fw.competencies, |c| c.id.as_str());
    let credentials_named = Names::new(&fw.credentials, |c| c.id.as_str());
    let role = |name: &str, field: String, found: &mut dyn FnMut(ProfileProblem)| {
        let r = roles.find(name).map(RoleId);
        if r.is_none() {
            found(unknown(field, Element::Role, name, &mut fw.roles.iter().map(|r| r.id.as_str())));
        }
        r
    };
    let current = role(&input.role, "role".into(), &mut found);
    let since = date("role_since".into(), &input.role_since, &mut found);
    let mut assessments = Vec::new();
    for (i, a) in input.assessments.iter().enumerate() {
        let field = format!("assessments[{i}]");
        let c = competencies.find(&a.competency).map(CompetencyId);
        if c.is_none() {
            found(unknown(
                format!("{field}.competency"),
                Element::Competency,
                &a.competency,
                &mut fw.competencies.iter().map(|c| c.id.as_str()),
            ));
        }
        let level = a.level.as_string();
        let rank = c.and_then(|c| {
            let levels = fw.levels_of(c);
            let rank = levels.iter().position(|l| *l == level);
            if rank.is_none() {
                found(ProfileProblem::UnknownLevel {
                    whose: whose.clone(),
                    field: format!("{field}.level"),
                    level: level.clone(),
                    competency: fw.competencies[c.0].id.clone(),
                    levels: levels.to_vec(),
                    suggestion: suggest
                        .borrow_mut()
                        .did_you_mean(&level, levels.iter().map(String::as_str))
                        .map(str::to_string),
                    at: at(&level),
                });
            }
            rank
        });
        if a.source.trim().is_empty() {
            found(ProfileProblem::MissingSource {
                whose: whose.clone(),
                field: format!("{field}.source"),
                at: at(&a.competency),
            });
        }
        let d = date(format!("{field}.date"), &a.date, &mut found);
        if let (Some(competency), Some(level), Some(date)) = (c, rank, d) {
            assessments.push(Evidence {
                competency,
                level,
                source: a.source.trim().to_string(),
                date,
                note: a.note.clone(),
            });
        }
    }
    let mut credentials = Vec::new();
    for (i, held) in input.credentials.iter().enumerate() {
        let c = credentials_named.find(&held.id).map(CredentialId);
        if c.is_none() {
            found(unknown(
                format!("credentials[{i}].id"),
                Element::Credential,
                &held.id,
                &mut fw.credentials.iter().map(|c| c.id.as_str()),
            ));
        }
        let d = held
            .date
            .as_deref()
            .and_then(|v| date(format!("credentials[{i}].date"), v, &mut found));
        if let Some(c) = c {
            credentials.push((c, d));
        }
    }
    let mut history = Vec::new();
    for (i, s) in input.history.iter().enumerate() {
        let r = role(&s.role, format!("history[{i}].role"), &mut found);
        let from = date(format!("history[{i}].from"), &s.from, &mut found);
        let to = s.to.as_deref().and_then(|v| date(format!("history[{i}].to"), v, &mut found));
        // A stint that ends before it starts is a slip in one of its dates,
        // not a stint of no time.
        if let (Some(f), Some(t), Some(written)) = (from, to, s.to.as_deref()) {
            if t < f {
                found(ProfileProblem::EndsBeforeStart {
                    whose: whose.clone(),
                    field: format!("history[{i}]"),
                    from: s.from.trim().to_string(),
                    to: written.trim().to_string(),
                    at: at(written.trim()),
                });
            }
        }
        if let (Some(role), Some(from)) = (r, from) {
            history.push(Stint { role, from, to });
        }
    }
    match (problems.is_empty(), current, since) {
        (true, Some(role), Some(role_since)) => Ok(Person {
            id: input.id.clone(),
            name: input.name.clone(),
            role,
            role_since,
            assessments,
            credentials,
            history,
        }),
        _ => Err(problems),
    }
}

/// A profile that could not be read at all (bad JSON, a CSV row of the
/// wrong shape), as a diagnostic.
pub fn unreadable(path: &str, line: Option<u64>, why: Unreadable) -> ProfileDiagnostic {
    unreadable_at(path, line, None, why, None)
}

/// A profile that could not be read, with the place of the problem: in
/// the text kept for diagnostics (`at`), or else as a column of its line.
pub fn unreadable_at(path: &str, line: Option<u64>, column: Option<u64>, why: Unreadable, at: Option<Loc>) -> ProfileDiagnostic {
    report::diagnostic(ProfileProblem::Unreadable {
        path: path.to_string(),
        line,
        column,
        why,
        at,
    })
}

/// The problems [`crate::json::profile`] found in `text`, a profile read
/// from `path` (at `line` of it, for JSON Lines), as diagnostics. With
/// `kept`, the file the text is kept as and where the text starts in it,
/// each points into it; without, each gives its column in the line.
pub fn misread(
    path: &str,
    line: Option<u64>,
    text: &str,
    kept: Option<(FileId, usize)>,
    problems: Vec<crate::json::Misread>,
) -> Vec<ProfileDiagnostic> {
    // Columns, counted in characters, in one pass over the line however
    // many problems it has.
    let mut starts: Vec<usize> = match (kept, line) {
        (None, Some(_)) => problems.iter().filter_map(|m| m.span.map(|s| s.start)).collect(),
        _ => Vec::new(),
    };
    starts.sort_unstable();
    starts.dedup();
    let mut columns = HashMap::new();
    let (mut at, mut chars) = (0, 0u64);
    for start in starts {
        let Some(between) = text.get(at..start) else { continue };
        chars += between.chars().count() as u64;
        at = start;
        columns.insert(start, chars + 1);
    }
    problems
        .into_iter()
        .map(|m| {
            let at = kept
                .zip(m.span)
                .map(|((file, start), s)| Loc::new(file, Span::new(start + s.start, start + s.end)));
            let column = m.span.and_then(|s| columns.get(&s.start).copied());
            unreadable_at(path, line, column, m.why, at)
        })
        .collect()
}

/// The columns of the long CSV format, one row per assessment, credential
/// or earlier role (docs/profiles.md).
pub const CSV_HEADER: [&str; 12] = [
    "person",
    "name",
    "framework",
    "role",
    "role_since",
    "record",
    "item",
    "level",
    "source",
    "date",
    "until",
    "note",
];

/// Why a CSV file or row could not be read, from the CSV reader's error.
pub fn csv_trouble(e: &csv::Error) -> Unreadable {
    match e.kind() {
        csv::ErrorKind::Io(e) => Unreadable::Io(e.to_string()),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => Unreadable::CsvFields {
            found: *len,
            expected: *expected_len,
        },
        csv::ErrorKind::Deserialize { err, .. } => match err.kind() {
            csv::DeserializeErrorKind::Message(m) if m.contains("`person`") => Unreadable::MissingColumn("person"),
            csv::DeserializeErrorKind::Message(m) if m.contains("`record`") => Unreadable::MissingColumn("record"),
            _ => Unreadable::CsvValue,
        },
        _ => Unreadable::CsvValue,
    }
}

/// The first column the long CSV format needs that `headers` lacks.
pub fn missing_column(headers: &csv::StringRecord) -> Option<&'static str> {
    ["person", "record"].into_iter().find(|c| !headers.iter().any(|h| h == *c))
}

/// One CSV row, as written.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize)]
pub struct CsvRow {
    pub person: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub framework: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub role_since: String,
    pub record: String,
    #[serde(default)]
    pub item: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub note: String,
    /// For an `attribute` record: its value (`item` is its name).
    #[serde(default)]
    pub value: String,
}

/// Gathers CSV rows into profiles, person by person. Rows of one person
/// need not be adjacent.
#[derive(Default)]
pub struct CsvProfiles {
    people: HashMap<String, (ProfileInput, u64)>,
    order: Vec<String>,
    /// People whose rows disagree: reported once, and not judged.
    conflicted: std::collections::HashSet<String>,
    pub problems: Vec<ProfileDiagnostic>,
}

impl CsvProfiles {
    /// Adds one row; `line` is its line in the file.
    pub fn add(&mut self, row: CsvRow, line: u64, path: &str) {
        let id = row.person.trim().to_string();
        if id.is_empty() {
            self.problems.push(unreadable(path, Some(line), Unreadable::EmptyPerson));
            return;
        }
        let (p, _) = self.people.entry(id.clone()).or_insert_with(|| {
            self.order.push(id.clone());
            (
                ProfileInput {
                    id: id.clone(),
                    ..ProfileInput::default()
                },
                line,
            )
        });
        let mut conflict = None;
        for (field, slot, value) in [("role", &mut p.role, &row.role), ("role_since", &mut p.role_since, &row.role_since)] {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            if slot.is_empty() {
                *slot = value.to_string();
            } else if slot != value && !self.conflicted.contains(&id) {
                conflict = Some((field, slot.clone(), value.to_string()));
            }
        }
        for (slot, value) in [(&mut p.name, &row.name), (&mut p.framework, &row.framework)] {
            if slot.is_none() && !value.trim().is_empty() {
                *slot = Some(value.trim().to_string());
            }
        }
        if let Some((field, first, second)) = conflict {
            self.conflicted.insert(id.clone());
            self.problems.push(report::diagnostic(ProfileProblem::Conflict {
                path: path.to_string(),
                line,
                person: id.clone(),
                field,
                first,
                second,
            }));
        }
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        match row.record.trim() {
            "assessment" => p.assessments.push(AssessmentInput {
                competency: row.item.trim().to_string(),
                level: LevelInput::Name(row.level.trim().to_string()),
                source: row.source.trim().to_string(),
                date: row.date.trim().to_string(),
                note: opt(&row.note),
            }),
            "credential" => p.credentials.push(CredentialInput {
                id: row.item.trim().to_string(),
                date: opt(&row.date),
            }),
            "history" => p.history.push(StintInput {
                role: row.item.trim().to_string(),
                from: row.date.trim().to_string(),
                to: opt(&row.until),
            }),
            // The first value given for an attribute is kept.
            "attribute" => {
                p.attributes
                    .entry(row.item.trim().to_string())
                    .or_insert_with(|| row.value.trim().to_string());
            }
            "" | "person" => {}
            other => self
                .problems
                .push(unreadable(path, Some(line), Unreadable::UnknownRecord(other.to_string()))),
        }
    }

    /// The profiles gathered, in order of first appearance, each with the
    /// line of its first row.
    pub fn finish(mut self, path: &str) -> (Vec<(ProfileInput, u64)>, Vec<ProfileDiagnostic>) {
        let mut out = Vec::new();
        for id in self.order {
            let (p, line) = self.people.remove(&id).expect("every ordered id was added");
            if self.conflicted.contains(&id) {
                continue;
            }
            let missing: Vec<&str> = [("role", p.role.is_empty()), ("role_since", p.role_since.is_empty())]
                .iter()
                .filter(|(_, m)| *m)
                .map(|(f, _)| *f)
                .collect();
            if !missing.is_empty() {
                self.problems.push(report::diagnostic(ProfileProblem::MissingRole {
                    path: path.to_string(),
                    person: id,
                    line,
                    missing,
                }));
                continue;
            }
            out.push((p, line));
        }
        (out, self.problems)
    }
}
