//! Reading profiles: one person from JSON, JSON Lines or CSV. The caller
//! opens the input and says how it is written; nothing here opens a file by
//! name or guesses a format from one.

use crate::problem::{ProfileDiagnostic, ProfileProblem, Unreadable};
use crate::profile::{self, CsvProfiles, CsvRow, Origin, ProfileInput};
use crate::report;
use lfw_model::Sources;
use std::io::Read;
use std::path::PathBuf;

/// How profiles are written (docs/profiles.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileFormat {
    /// One profile as a JSON object.
    Json,
    /// One profile per line.
    JsonLines,
    /// Long CSV: one row per assessment, credential or earlier role.
    Csv,
}

/// Profiles to read: a reader, how it is written, and what to call it.
pub struct Input<'r> {
    /// The name diagnostics give it (a file's path as the user wrote it).
    pub name: String,
    pub format: ProfileFormat,
    pub reader: Box<dyn Read + Send + 'r>,
    /// Its length in bytes, when known: a CSV cohort longer than a
    /// partition is split by person on disk rather than held in memory.
    pub len: Option<u64>,
}

/// The most a file read for one person (`lfw ready`, `path`, `translate`)
/// may hold: it is read whole, and its text is kept for diagnostics to
/// point into. A cohort is streamed instead, in any size.
pub const MAX_PROFILE_FILE_BYTES: usize = 64 << 20;

/// The one profile of an input (or the one named by `person`). Its text is
/// added to `sources`, so that problems found later can point into it.
pub fn read_one(input: Input, person: Option<&str>, sources: &mut Sources) -> Result<(ProfileInput, Origin), Vec<ProfileDiagnostic>> {
    let shown = input.name.clone();
    let mut bytes = Vec::new();
    input
        .reader
        .take(MAX_PROFILE_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| vec![profile::unreadable(&shown, None, Unreadable::Io(e.to_string()))])?;
    if bytes.len() > MAX_PROFILE_FILE_BYTES {
        let limit = MAX_PROFILE_FILE_BYTES;
        return Err(vec![profile::unreadable(&shown, None, Unreadable::TooLarge { limit })]);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        vec![profile::unreadable(&shown, None, Unreadable::NotUtf8 { offset })]
    })?;
    let file = sources.add(PathBuf::from(&shown), text);
    let sources: &Sources = sources;
    let text = &sources.get(file).text;
    // Where 1-based `line` starts, from the index made once: searching the
    // text from its start for each person took time in the square of the
    // file's length.
    let line_start = |line: u64| {
        let index = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        sources.line_starts(file).get(index).copied().unwrap_or(text.len())
    };
    let origin = |line: Option<u64>| Origin {
        path: shown.clone(),
        line,
        file: Some((file, line.map(line_start).unwrap_or(0))),
    };
    let mut found: Vec<(ProfileInput, Origin)> = Vec::new();
    match input.format {
        ProfileFormat::Csv => {
            let mut gather = CsvProfiles::default();
            let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
            let headers = reader
                .headers()
                .map_err(|e| vec![profile::unreadable(&shown, Some(1), profile::csv_trouble(&e))])?
                .clone();
            if let Some(column) = profile::missing_column(&headers) {
                return Err(vec![profile::unreadable(&shown, Some(1), Unreadable::MissingColumn(column))]);
            }
            // A row that cannot be read points at the row.
            let row_at = |byte: Option<u64>| {
                let start = usize::try_from(byte?).ok().filter(|&b| b < text.len())?;
                let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
                Some(lfw_model::Loc::new(file, lfw_syntax::Span::new(start, end)))
            };
            for record in reader.records() {
                let record = record.map_err(|e| {
                    let at = row_at(e.position().map(|p| p.byte()));
                    vec![profile::unreadable_at(
                        &shown,
                        e.position().map(|p| p.line()),
                        None,
                        profile::csv_trouble(&e),
                        at,
                    )]
                })?;
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                let row: CsvRow = record.deserialize(Some(&headers)).map_err(|e| {
                    let at = row_at(record.position().map(|p| p.byte()));
                    vec![profile::unreadable_at(&shown, Some(line), None, profile::csv_trouble(&e), at)]
                })?;
                gather.add(row, line, &shown);
            }
            let (people, problems) = gather.finish(&shown);
            if !problems.is_empty() {
                return Err(problems);
            }
            found.extend(people.into_iter().map(|(p, line)| (p, origin(Some(line)))));
        }
        ProfileFormat::JsonLines => {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let number = i as u64 + 1;
                let start = line_start(number);
                let p = crate::json::profile(line).map_err(|m| profile::misread(&shown, Some(number), line, Some((file, start)), m))?;
                found.push((p, origin(Some(number))));
            }
        }
        ProfileFormat::Json => {
            let p = crate::json::profile(text).map_err(|m| profile::misread(&shown, None, text, Some((file, 0)), m))?;
            found.push((p, origin(None)));
        }
    }
    let ids: Vec<String> = found.iter().map(|(p, _)| p.id.clone()).collect();
    match person {
        Some(id) => found.into_iter().find(|(p, _)| p.id == id).ok_or_else(|| {
            let suggestion = lfw_model::did_you_mean(id, ids.iter().map(String::as_str)).map(str::to_string);
            vec![report::diagnostic(ProfileProblem::NoSuchPerson {
                path: shown.clone(),
                id: id.to_string(),
                suggestion,
                ids: ids.clone(),
            })]
        }),
        None if found.len() == 1 => Ok(found.remove(0)),
        None => Err(vec![report::diagnostic(ProfileProblem::Ambiguous {
            path: shown,
            count: found.len(),
        })]),
    }
}
