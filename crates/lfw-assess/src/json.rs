//! Reading one profile written in JSON, with every problem found at its
//! place.
//!
//! A well-formed profile is read by serde in one pass ([`profile`] tries
//! that first). Only when that fails is the text looked at again, more
//! slowly, to say what is wrong in terms of the profile format rather than
//! of Rust types: the text is read as a plain JSON value, and that value is
//! checked field by field against the format of docs/profiles.md. Each
//! problem comes with the byte span in the text of the field or value it is
//! about, found by [`locate_all`] in one pass of a small reader of JSON that
//! only skips, however many problems there are.

use crate::problem::{Expected, Found, JsonSyntax, Record, Shape, Unreadable};
use crate::profile::{AssessmentInput, CredentialInput, LevelInput, ProfileInput, StintInput};
use lfw_syntax::Span;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// A problem of one profile's text, and where in the text it is (byte
/// offsets from the start of the profile's text), when it has a place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Misread {
    pub why: Unreadable,
    pub span: Option<Span>,
}

/// The profile written in `text`, or every problem that stops it being one.
pub fn profile(text: &str) -> Result<ProfileInput, Vec<Misread>> {
    let first = match serde_json::from_str::<ProfileInput>(text) {
        Ok(p) => return Ok(p),
        Err(e) => e,
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![syntax(text, &e)]),
    };
    let mut check = Check { text, pending: Vec::new() };
    let p = check.profile(&value);
    if !check.pending.is_empty() {
        return Err(check.placed());
    }
    // The checks below accept what serde refuses only where the format
    // allows more than the derived reader (a `null` list); a field given
    // twice is the one thing serde sees that a plain value has lost.
    let message = e_message(&first);
    if let Some(field) = message.strip_prefix("duplicate field `").and_then(|m| m.split('`').next()) {
        return Err(vec![Misread {
            why: Unreadable::Shape(Shape::Duplicate { field: field.to_string() }),
            span: at_position(text, first.line(), first.column()),
        }]);
    }
    p.ok_or_else(|| {
        vec![Misread {
            why: Unreadable::Json(JsonSyntax::Other),
            span: at_position(text, first.line(), first.column()),
        }]
    })
}

/// serde_json's own description of an error, without its position.
fn e_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A text that is not JSON: what is wrong, and where.
fn syntax(text: &str, e: &serde_json::Error) -> Misread {
    use serde_json::error::Category;
    let message = e_message(e);
    let why = match e.classify() {
        Category::Eof => JsonSyntax::EndsEarly,
        _ => match message.as_str() {
            "expected `:`" => JsonSyntax::ExpectedColon,
            "expected `,` or `]`" => JsonSyntax::ExpectedCommaOrEnd { list: true },
            "expected `,` or `}`" => JsonSyntax::ExpectedCommaOrEnd { list: false },
            "expected value" | "expected ident" => JsonSyntax::ExpectedValue,
            "key must be a string" | "expected `\"`" => JsonSyntax::KeyNotText,
            "invalid escape" | "unexpected end of hex escape" | "lone leading surrogate in hex escape" | "invalid unicode code point" => {
                JsonSyntax::BadEscape
            }
            "invalid number" => JsonSyntax::BadNumber,
            "number out of range" => JsonSyntax::NumberTooLarge,
            "trailing comma" => JsonSyntax::TrailingComma,
            "trailing characters" => JsonSyntax::TrailingCharacters,
            "recursion limit exceeded" => JsonSyntax::TooDeep,
            m if m.starts_with("control character") => JsonSyntax::ControlCharacter,
            _ => JsonSyntax::Other,
        },
    };
    let span = match why {
        JsonSyntax::EndsEarly => Some(Span::new(text.len(), text.len())),
        _ => at_position(text, e.line(), e.column()),
    };
    Misread {
        why: Unreadable::Json(why),
        span,
    }
}

/// The character at serde_json's line and column (both from 1; the column
/// counts bytes, and 0 means the line's start).
fn at_position(text: &str, line: usize, column: usize) -> Option<Span> {
    if line == 0 {
        return None;
    }
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Some(Span::new(at, end))
}

/// One step of a path into a JSON value.
#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A step of a path, owned, to look paths up by.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Seg {
    Key(String),
    Index(usize),
}

fn owned(path: &[Step]) -> Vec<Seg> {
    path.iter()
        .map(|s| match *s {
            Step::Key(k) => Seg::Key(k.to_string()),
            Step::Index(i) => Seg::Index(i),
        })
        .collect()
}

/// Where the values at the `wanted` paths are written in `text`, a
/// well-formed JSON text, found in one pass however many are wanted: the
/// span of each one's key (for a field) and of its value. Of a key written
/// twice, the last, as a parsed value keeps.
fn locate_all(text: &str, wanted: &HashSet<Vec<Seg>>) -> HashMap<Vec<Seg>, (Option<Span>, Span)> {
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    let mut w = Walk { b: text.as_bytes(), i: 0 };
    w.ws();
    let mut path = Vec::new();
    let _ = w.spans(text, &mut path, None, wanted, &mut found, 0);
    found
}

/// A reader of JSON that only finds where values start and end.
struct Walk<'t> {
    b: &'t [u8],
    i: usize,
}

impl Walk<'_> {
    /// Walks the value here, noting the spans of those at `wanted` paths.
    fn spans(
        &mut self,
        text: &str,
        path: &mut Vec<Seg>,
        key: Option<Span>,
        wanted: &HashSet<Vec<Seg>>,
        found: &mut HashMap<Vec<Seg>, (Option<Span>, Span)>,
        depth: usize,
    ) -> Option<()> {
        // serde_json refuses deeper nesting before this is reached.
        if depth > 256 {
            return None;
        }
        let start = self.i;
        match self.peek()? {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? == b'}' {
                        self.i += 1;
                        break;
                    }
                    let ks = self.string()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    self.ws();
                    let raw = text.get(ks.start + 1..ks.end - 1)?;
                    let name = if raw.contains('\\') {
                        serde_json::from_str(text.get(ks.start..ks.end)?).ok()?
                    } else {
                        raw.to_string()
                    };
                    path.push(Seg::Key(name));
                    self.spans(text, path, Some(ks), wanted, found, depth + 1)?;
                    path.pop();
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    if self.peek()? == b']' {
                        self.i += 1;
                        break;
                    }
                    path.push(Seg::Index(n));
                    self.spans(text, path, None, wanted, found, depth + 1)?;
                    path.pop();
                    n += 1;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            _ => self.value(depth)?,
        }
        if wanted.contains(path.as_slice()) {
            found.insert(path.clone(), (key, Span::new(start, self.i)));
        }
        Some(())
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// A string, quotes included.
    fn string(&mut self) -> Option<Span> {
        let start = self.i;
        if self.peek()? != b'"' {
            return None;
        }
        self.i += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.i += 1;
                    return Some(Span::new(start, self.i));
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        // serde_json refuses deeper nesting before this is reached.
        if depth > 256 {
            return None;
        }
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? == close {
                        self.i += 1;
                        return Some(());
                    }
                    if open == b'{' {
                        self.string()?;
                        self.ws();
                        if self.peek()? != b':' {
                            return None;
                        }
                        self.i += 1;
                        self.ws();
                    }
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        c if c == close => {}
                        _ => return None,
                    }
                }
            }
            _ => {
                let start = self.i;
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')) {
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
            }
        }
        Some(())
    }
}

/// The fields of each record of the format, in the order docs/profiles.md
/// lists them.
pub const PROFILE_FIELDS: &[&str] = &[
    "id",
    "name",
    "framework",
    "role",
    "role_since",
    "assessments",
    "credentials",
    "history",
    "attributes",
];
pub const ASSESSMENT_FIELDS: &[&str] = &["competency", "level", "source", "date", "note"];
pub const CREDENTIAL_FIELDS: &[&str] = &["id", "date"];
pub const STINT_FIELDS: &[&str] = &["role", "from", "to"];

/// The fields a record may have.
pub fn fields(record: Record) -> &'static [&'static str] {
    match record {
        Record::Profile => PROFILE_FIELDS,
        Record::Assessment => ASSESSMENT_FIELDS,
        Record::Credential => CREDENTIAL_FIELDS,
        Record::Stint => STINT_FIELDS,
    }
}

/// The field a misspelt one was meant to be: the closest by spelling, or
/// the one it is the last part of (`since` for `role_since`).
fn meant(name: &str, known: &'static [&'static str], absent: &[&'static str]) -> Option<&'static str> {
    if let Some(f) = lfw_syntax::suggest::did_you_mean(name, known.iter().copied()) {
        return Some(f);
    }
    let lower = name.to_ascii_lowercase();
    absent
        .iter()
        .copied()
        .find(|f| lower.len() >= 2 && (f.ends_with(&format!("_{lower}")) || f.starts_with(&format!("{lower}_"))))
}

/// Which part of a value a problem points at.
#[derive(Clone, Copy)]
enum Place {
    /// A field's name, inside its quotes.
    Key,
    /// The whole value.
    Value,
    /// A record's opening brace.
    Brace,
}

/// The checks of a parsed value against the profile format. Problems are
/// gathered with their paths, and placed in the text in one pass at the end.
struct Check<'t> {
    text: &'t str,
    pending: Vec<(Shape, Vec<Seg>, Place)>,
}

impl Check<'_> {
    /// The problems found, each at its place in the text.
    fn placed(self) -> Vec<Misread> {
        let wanted: HashSet<Vec<Seg>> = self.pending.iter().map(|(_, path, _)| path.clone()).collect();
        let spans = locate_all(self.text, &wanted);
        self.pending
            .into_iter()
            .map(|(why, path, place)| {
                let span = spans.get(&path).map(|&(k, v)| match (place, k) {
                    (Place::Key, Some(k)) => Span::new(k.start + 1, k.end.saturating_sub(1).max(k.start + 1)),
                    (Place::Brace, _) => Span::new(v.start, v.start + 1),
                    _ => v,
                });
                Misread {
                    why: Unreadable::Shape(why),
                    span,
                }
            })
            .collect()
    }
}

/// `path`, one step further.
fn child<'a>(path: &[Step<'a>], step: Step<'a>) -> Vec<Step<'a>> {
    let mut out = path.to_vec();
    out.push(step);
    out
}

/// A path as messages write it: `assessments[1].level`.
fn written(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

fn found(v: &Value) -> Found {
    match v {
        Value::Null => Found::Null,
        Value::Bool(_) => Found::Bool,
        Value::Number(_) => Found::Number,
        Value::String(_) => Found::Text,
        Value::Array(_) => Found::List,
        Value::Object(_) => Found::Record,
    }
}

impl Check<'_> {
    fn problem(&mut self, why: Shape, path: &[Step], place: Place) {
        self.pending.push((why, owned(path), place));
    }

    fn wrong(&mut self, path: &[Step], expected: Expected, v: &Value) {
        let why = Shape::WrongType {
            field: written(path),
            expected,
            found: found(v),
        };
        self.problem(why, path, Place::Value);
    }

    /// The fields of a record: unknown ones reported (with the field meant,
    /// when one is close), missing required ones reported unless an unknown
    /// field was meant for them.
    fn record<'v>(&mut self, v: &'v Value, path: &[Step], record: Record, required: &[&'static str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong(path, Expected::Record(record), v);
            return None;
        };
        let known = fields(record);
        let absent: Vec<&'static str> = known.iter().copied().filter(|f| !map.contains_key(*f)).collect();
        let mut meant_for = Vec::new();
        for name in map.keys() {
            if known.contains(&name.as_str()) {
                continue;
            }
            let suggestion = meant(name, known, &absent);
            meant_for.extend(suggestion);
            let at = child(path, Step::Key(name));
            self.problem(
                Shape::UnknownField {
                    record,
                    within: written(path),
                    field: name.clone(),
                    suggestion,
                },
                &at,
                Place::Key,
            );
        }
        for field in required {
            if !map.contains_key(*field) && !meant_for.contains(field) {
                let why = Shape::MissingField {
                    record,
                    within: written(path),
                    field,
                };
                self.problem(why, path, Place::Brace);
            }
        }
        Some(map)
    }

    fn text(&mut self, map: &Map<String, Value>, path: &[Step], field: &'static str) -> Option<String> {
        let v = map.get(field)?;
        match v {
            Value::String(s) => Some(s.clone()),
            _ => {
                let at = child(path, Step::Key(field));
                self.wrong(&at, Expected::Text, v);
                None
            }
        }
    }

    /// An optional text: absent and `null` are both none.
    fn optional(&mut self, map: &Map<String, Value>, path: &[Step], field: &'static str) -> Option<String> {
        match map.get(field) {
            None | Some(Value::Null) => None,
            Some(_) => self.text(map, path, field),
        }
    }

    /// A list of records: absent and `null` are both empty.
    fn list<'v>(&mut self, map: &'v Map<String, Value>, path: &[Step], field: &'static str) -> &'v [Value] {
        match map.get(field) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(items)) => items,
            Some(v) => {
                let at = child(path, Step::Key(field));
                self.wrong(&at, Expected::List, v);
                &[]
            }
        }
    }

    fn profile(&mut self, v: &Value) -> Option<ProfileInput> {
        let map = self.record(v, &[], Record::Profile, &["id", "role", "role_since"])?;
        let id = self.text(map, &[], "id");
        let name = self.optional(map, &[], "name");
        let framework = self.optional(map, &[], "framework");
        let role = self.text(map, &[], "role");
        let role_since = self.text(map, &[], "role_since");
        let mut assessments = Vec::new();
        for (i, a) in self.list(map, &[], "assessments").iter().enumerate() {
            let path = [Step::Key("assessments"), Step::Index(i)];
            let Some(m) = self.record(a, &path, Record::Assessment, &["competency", "level", "source", "date"]) else {
                continue;
            };
            let competency = self.text(m, &path, "competency");
            let level = match m.get("level") {
                None => None,
                Some(Value::String(s)) => Some(LevelInput::Name(s.clone())),
                Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().map(LevelInput::Number),
                Some(v) => {
                    let at = child(&path, Step::Key("level"));
                    self.wrong(&at, Expected::Level, v);
                    None
                }
            };
            let source = self.text(m, &path, "source");
            let date = self.text(m, &path, "date");
            let note = self.optional(m, &path, "note");
            if let (Some(competency), Some(level), Some(source), Some(date)) = (competency, level, source, date) {
                assessments.push(AssessmentInput {
                    competency,
                    level,
                    source,
                    date,
                    note,
                });
            }
        }
        let mut credentials = Vec::new();
        for (i, c) in self.list(map, &[], "credentials").iter().enumerate() {
            let path = [Step::Key("credentials"), Step::Index(i)];
            if let Value::String(id) = c {
                credentials.push(CredentialInput {
                    id: id.clone(),
                    date: None,
                });
                continue;
            }
            if !c.is_object() {
                self.wrong(&path, Expected::Credential, c);
                continue;
            }
            let Some(m) = self.record(c, &path, Record::Credential, &["id"]) else {
                continue;
            };
            let id = self.text(m, &path, "id");
            let date = self.optional(m, &path, "date");
            if let Some(id) = id {
                credentials.push(CredentialInput { id, date });
            }
        }
        let mut history = Vec::new();
        for (i, s) in self.list(map, &[], "history").iter().enumerate() {
            let path = [Step::Key("history"), Step::Index(i)];
            let Some(m) = self.record(s, &path, Record::Stint, &["role", "from"]) else {
                continue;
            };
            let role = self.text(m, &path, "role");
            let from = self.text(m, &path, "from");
            let to = self.optional(m, &path, "to");
            if let (Some(role), Some(from)) = (role, from) {
                history.push(StintInput { role, from, to });
            }
        }
        let mut attributes = std::collections::BTreeMap::new();
        match map.get("attributes") {
            None | Some(Value::Null) => {}
            Some(Value::Object(m)) => {
                let path = [Step::Key("attributes")];
                for (name, value) in m {
                    match value {
                        Value::String(text) => {
                            attributes.insert(name.clone(), text.clone());
                        }
                        _ => {
                            let at = child(&path, Step::Key(name));
                            self.wrong(&at, Expected::Text, value);
                        }
                    }
                }
            }
            Some(v) => self.wrong(&[Step::Key("attributes")], Expected::Attributes, v),
        }
        Some(ProfileInput {
            id: id?,
            name,
            framework,
            role: role?,
            role_since: role_since?,
            assessments,
            credentials,
            history,
            attributes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Misread> {
        profile(text).expect_err("a bad profile")
    }

    #[test]
    fn a_misspelt_field_is_found_at_its_key() {
        let text = r#"{"id": "a", "role": "r", "since": "2024-01-01"}"#;
        let p = problems(text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            p[0].why,
            Unreadable::Shape(Shape::UnknownField {
                record: Record::Profile,
                within: String::new(),
                field: "since".into(),
                suggestion: Some("role_since"),
            })
        );
        let span = p[0].span.expect("a place");
        assert_eq!(&text[span.start..span.end], "since");
    }

    #[test]
    fn a_credential_may_be_its_id_alone() {
        let p = profile(r#"{"id": "a", "role": "r", "role_since": "2024-01-01", "credentials": ["x", {"id": "y"}]}"#).expect("a profile");
        assert_eq!(p.credentials[0].id, "x");
        assert_eq!(p.credentials[1].id, "y");
    }

    #[test]
    fn a_wrong_type_is_found_at_its_value() {
        let text = r#"{"id": "a", "role": "r", "role_since": "2024-01-01", "assessments": [{"competency": "c", "level": true, "source": "s", "date": "d"}]}"#;
        let p = problems(text);
        assert_eq!(p.len(), 1, "{p:?}");
        let span = p[0].span.expect("a place");
        assert_eq!(&text[span.start..span.end], "true");
    }

    #[test]
    fn a_text_cut_short_ends_at_its_end() {
        let text = r#"{"id": "b", "role":"#;
        let p = problems(text);
        assert_eq!(p[0].why, Unreadable::Json(JsonSyntax::EndsEarly));
        assert_eq!(p[0].span, Some(Span::new(text.len(), text.len())));
    }

    #[test]
    fn a_field_given_twice_is_reported() {
        let p = problems(r#"{"id": "a", "id": "b", "role": "r", "role_since": "2024-01-01"}"#);
        assert_eq!(p[0].why, Unreadable::Shape(Shape::Duplicate { field: "id".into() }));
    }
}
