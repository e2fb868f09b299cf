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
    Unreadable { path: String, line: Option<u64>, why: Unreadable },
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
    /// The JSON or CSV reader's own account of what is wrong.
    Format(String),
    /// A CSV row with an empty `person` column.
    EmptyPerson,
    /// A line of JSON Lines longer than `limit` bytes: not read, so that
    /// one line cannot take all the memory.
    LineTooLong { limit: usize },
    /// A CSV row whose `record` column is none of the four kinds.
    UnknownRecord(String),
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
