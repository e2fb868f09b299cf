//! What each profile diagnostic is about, as data.
//!
//! Reading and binding describe what they found as a [`ProfileProblem`],
//! with the values and places that matter and no words; `crate::report`
//! words it. The codes are shared with the compiler where the problem is
//! the same kind of thing (an unknown name, an unknown level).

use lfw_model::{Code, Diagnostic, Loc, Payload};

/// A diagnostic about a profile.
pub type ProfileDiagnostic = Diagnostic<ProfileProblem>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProfileProblem {
    /// A file, a record or a row that could not be read as a profile at all.
    Unreadable {
        path: String,
        /// The line of a JSON Lines record or a CSV row.
        line: Option<u64>,
        /// Where in that line, counted in characters from 1, when the
        /// problem has a place and the text is not kept to point into.
        column: Option<u64>,
        why: Unreadable,
        at: Option<Loc>,
    },
    /// The profile's `framework` field names another framework.
    OtherFramework {
        whose: Whose,
        named: String,
        framework: String,
        at: Option<Loc>,
    },
    /// A date that is not a real day written `YYYY-MM-DD`. `field` is where
    /// the profile writes it, such as `assessments[1].date`.
    InvalidDate {
        whose: Whose,
        field: String,
        value: String,
        at: Option<Loc>,
    },
    /// A role, competency or credential the framework does not have;
    /// `suggestion` is a close id that it does have.
    UnknownElement {
        whose: Whose,
        field: String,
        kind: Element,
        name: String,
        framework: String,
        suggestion: Option<String>,
        at: Option<Loc>,
    },
    /// An assessed level that is not on the competency's scale; `levels` is
    /// that scale, empty for a competency without one.
    UnknownLevel {
        whose: Whose,
        field: String,
        level: String,
        competency: String,
        levels: Vec<String>,
        suggestion: Option<String>,
        at: Option<Loc>,
    },
    /// An earlier role (`field`, such as `history[2]`) that ends, `to`,
    /// before it starts, `from`.
    EndsBeforeStart {
        whose: Whose,
        field: String,
        from: String,
        to: String,
        at: Option<Loc>,
    },
    /// An assessment that does not say who assessed it.
    MissingSource { whose: Whose, field: String, at: Option<Loc> },
    /// A CSV person whose rows disagree on `field`, first at `line`.
    Conflict {
        path: String,
        line: u64,
        person: String,
        field: &'static str,
        first: String,
        second: String,
    },
    /// A CSV person none of whose rows gives the `missing` fields.
    MissingRole {
        path: String,
        person: String,
        line: u64,
        missing: Vec<&'static str>,
    },
    /// `--person` names no profile of the file, which holds `ids`.
    NoSuchPerson {
        path: String,
        id: String,
        suggestion: Option<String>,
        ids: Vec<String>,
    },
    /// A file of `count` profiles where one is read.
    Ambiguous { path: String, count: usize },
}

/// The profile a problem is in, as its messages name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Whose {
    pub id: String,
    pub path: String,
    /// The line of a JSON Lines record, or the first CSV row of the person.
    pub line: Option<u64>,
}

/// What a profile may name that the framework must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Element {
    Role,
    Competency,
    Credential,
}

/// Why a profile could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// The file could not be opened or read, with the system's reason.
    Io(String),
    /// The file is not UTF-8; `offset` is its first bad byte.
    NotUtf8 { offset: usize },
    /// Not JSON at all.
    Json(JsonSyntax),
    /// Well-formed JSON, but not a profile.
    Shape(Shape),
    /// A CSV row with `found` fields where the header has `expected`.
    CsvFields { found: u64, expected: u64 },
    /// A CSV file without a column the format needs.
    MissingColumn(&'static str),
    /// A CSV field that could not be read as text.
    CsvValue,
    /// A CSV row with an empty `person` column.
    EmptyPerson,
    /// A line of JSON Lines longer than `limit` bytes: not read, so that
    /// one line cannot take all the memory.
    LineTooLong { limit: usize },
    /// A CSV row whose `record` column is none of the four kinds.
    UnknownRecord(String),
    /// A CSV record (a row, with any line breaks quoted inside it) longer
    /// than `limit` bytes, most likely a quote never closed: the file is
    /// not read past it.
    CsvRecordTooLong { limit: usize },
    /// A file read whole for one person that is larger than `limit` bytes:
    /// not read past it.
    TooLarge { limit: usize },
}

/// What is wrong with a text that is not JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonSyntax {
    /// The text ends inside a value: a closing `}`, `]` or `"` is missing.
    EndsEarly,
    /// A field's name not followed by `:`.
    ExpectedColon,
    /// Two values of a list (`list`) or two fields of a record without a
    /// comma between them, or a missing closing bracket.
    ExpectedCommaOrEnd { list: bool },
    /// Something that is no JSON value: a bare word, a stray character.
    ExpectedValue,
    /// A field's name that is not in double quotes.
    KeyNotText,
    /// A backslash in a text that starts no escape JSON knows.
    BadEscape,
    /// A number written wrongly.
    BadNumber,
    /// A number too large to read.
    NumberTooLarge,
    /// A comma followed by no value.
    TrailingComma,
    /// More after the end of the profile.
    TrailingCharacters,
    /// A line break or other control character inside a text.
    ControlCharacter,
    /// Values nested too deeply to read.
    TooDeep,
    /// Any other slip the JSON reader found.
    Other,
}

/// Records of the profile format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    Profile,
    Assessment,
    Credential,
    Stint,
}

/// What a value of the profile format must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Text in double quotes.
    Text,
    /// A level name, or a whole number.
    Level,
    /// A list, `[…]`.
    List,
    /// A record of the format, `{…}`.
    Record(Record),
    /// A credential: its id as text, or a credential record.
    Credential,
    /// A profile's attributes: names with text values.
    Attributes,
}

/// What a value is, in JSON's terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool,
    Number,
    Text,
    List,
    Record,
}

/// Well-formed JSON that is not a profile. `within` is the path of the
/// record a field is in (`assessments[1]`), empty for the profile itself;
/// `field` of a wrong type is its full path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A field the record does not have; `suggestion` is the one meant.
    UnknownField {
        record: Record,
        within: String,
        field: String,
        suggestion: Option<&'static str>,
    },
    /// A required field that is not there.
    MissingField {
        record: Record,
        within: String,
        field: &'static str,
    },
    /// A value of the wrong kind.
    WrongType { field: String, expected: Expected, found: Found },
    /// A field given twice in one record.
    Duplicate { field: String },
}

impl Payload for ProfileProblem {
    fn code(&self) -> Code {
        match self {
            ProfileProblem::Unreadable { .. } => Code::ProfileSyntax,
            ProfileProblem::OtherFramework { .. } => Code::ProfileFramework,
            ProfileProblem::InvalidDate { .. } => Code::InvalidDate,
            ProfileProblem::EndsBeforeStart { .. } => Code::EndsBeforeStart,
            ProfileProblem::UnknownElement { .. } | ProfileProblem::NoSuchPerson { .. } => Code::UnknownReference,
            ProfileProblem::UnknownLevel { .. } => Code::UnknownLevel,
            ProfileProblem::MissingSource { .. } | ProfileProblem::MissingRole { .. } => Code::ProfileMissing,
            ProfileProblem::Conflict { .. } => Code::ProfileConflict,
            ProfileProblem::Ambiguous { .. } => Code::ProfileAmbiguous,
        }
    }
}
