//! What each compiler diagnostic is about, as data.
//!
//! The compiler's passes find problems and describe them here, with the
//! names, places and numbers that matter and no words; `crate::report` turns
//! each into a worded [`crate::Diagnostic`]. A tool that wants more than the
//! message (an editor offering the suggested name, a linter counting
//! unknown references by kind) reads the payload instead of the text.

use crate::code::Code;
use crate::diagnostic::{Payload, Severity};
use crate::source::{FileId, Loc};
use lfw_syntax::ast::ItemKind;
use lfw_syntax::{SyntaxError, SyntaxErrorKind};
use std::path::PathBuf;

/// The most names a payload lists where its words show every name listed
/// (the levels of a scale, the roles people start at): the rest are only
/// counted, so that one diagnostic stays small whatever the framework.
pub const MAX_LISTED: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A syntax error in `file`, as the parser reported it.
    Syntax { file: FileId, error: SyntaxError },
    /// A file that could not be read. `from` is the import that names it,
    /// absent for a file named on the command line.
    Unreadable { path: String, why: ReadFailure, from: Option<Loc> },
    /// A file that is not UTF-8; `offset` is its first bad byte.
    InvalidUtf8 { path: String, offset: usize, from: Option<Loc> },
    /// An import of an absolute path, refused before anything is read.
    AbsoluteImport { path: String, at: Loc },
    /// A file outside the project folder `root`, refused by the reader.
    OutsideRoot { path: String, root: PathBuf, from: Option<Loc> },
    /// A file whose name does not end in `.lfw`, refused by the reader.
    NotLfw { path: String, from: Option<Loc> },
    /// A folder, device, pipe or socket, refused by the reader.
    NotAFile { path: String, from: Option<Loc> },
    /// A file larger than `limit` bytes, refused by the reader.
    TooLarge { path: String, limit: u64, from: Option<Loc> },
    /// Files importing each other: each import along the circle, with the
    /// path it imports.
    ImportCycle { chain: Vec<(Loc, String)> },
    /// An import of a file more than `limit` imports below the files named
    /// on the command line; it is not read.
    ImportTooDeep { path: String, limit: usize, at: Loc },
    /// The first file beyond the `limit` of one compilation, which is not
    /// read (nor any after it). `from` is the import that names it.
    TooManyFiles { path: String, limit: usize, from: Option<Loc> },
    /// A second `framework` line in one file.
    SecondFramework { at: Loc, first: Loc },
    /// An item in a file that belongs to no framework.
    NoFramework { item: ItemKind, at: Loc },
    /// An id declared twice where ids must be unique. `suggestion` is the
    /// id the second one's title suggests, when that id is declared nowhere
    /// (a copied line whose id was not changed).
    DuplicateId {
        scope: Scope,
        id: String,
        at: Loc,
        first: Loc,
        suggestion: Option<String>,
    },
    /// A name that names nothing of the kind wanted; `suggestion` is a
    /// close name that does.
    UnknownReference {
        name: String,
        wanted: Wanted,
        suggestion: Option<String>,
        at: Loc,
    },
    /// A name of an element of another kind than the one wanted.
    WrongKind {
        name: String,
        is: ItemKind,
        wanted: Wanted,
        at: Loc,
        declared: Loc,
    },
    /// A level that is not on the scale of the competency it is asked of.
    /// `levels` are the scale's first levels (at most [`MAX_LISTED`]), of
    /// `level_count`.
    UnknownLevel {
        level: String,
        competency: String,
        scale: String,
        levels: Vec<String>,
        level_count: usize,
        suggestion: Option<String>,
        at: Loc,
    },
    /// A number above the top of a numeric scale.
    LevelAboveScale {
        level: String,
        scale: String,
        top: String,
        at: Loc,
    },
    /// A level asked of a competency that has no scale.
    NoScale { competency: String, at: Loc, declared: Loc },
    /// A competency required with no level.
    MissingLevel { competency: String, at: Loc },
    /// An extending framework replacing an inherited element with one of
    /// another kind.
    OverrideKind {
        name: String,
        own: ItemKind,
        inherited: ItemKind,
        at: Loc,
        base: Loc,
    },
    /// Frameworks extending each other: each framework along the circle with
    /// the place of its `extends`.
    ExtendsCycle { chain: Vec<(String, Loc)> },
    /// A framework more than `limit` `extends` away from one that extends
    /// none; it is not compiled, nor any that extends it.
    ExtendsTooDeep { framework: String, limit: usize, at: Loc },
    /// A framework with more of what `counted` counts than `limit` allows
    /// (`count` of them); it is not compiled.
    TooManyElements {
        framework: String,
        counted: Counted,
        count: usize,
        limit: usize,
        at: Loc,
    },
    /// Roles coming after each other: each role along the circle with the
    /// `after` that leads to the next.
    ProgressionCycle { chain: Vec<(String, Loc)> },
    /// Competency levels needing each other: the levels along the circle,
    /// and the `needs` lines that make it.
    PrerequisiteCycle { levels: Vec<LevelOf>, at: Vec<Loc> },
    /// Credentials requiring each other: each credential along the circle
    /// with the `requires` that leads to the next.
    CredentialCycle { chain: Vec<(String, Loc)> },
    /// A ladder in pieces: no role is marked `entry`, and more than one role
    /// comes after none (`starts`, the first [`MAX_LISTED`] of `count`), so
    /// each starts a ladder of its own. `at`: the second start.
    SplitLadder { starts: Vec<String>, count: usize, at: Loc },
    /// A role no route leads to from the roles people join at: `entries`
    /// are the first of them (at most [`MAX_LISTED`]), of `entry_count`.
    UnreachableRole {
        role: String,
        entries: Vec<String>,
        entry_count: usize,
        at: Loc,
    },
    /// A count of a list larger than the list.
    UnmeetableCount { count: u32, of: usize, at: Loc },
    /// A role requiring a credential that can only be taken after it.
    CredentialNeedsRole {
        role: String,
        credential: String,
        at: Loc,
        condition: Loc,
    },
    /// A role asking less of a competency than the role before it.
    Regression {
        competency: String,
        level: String,
        role: String,
        earlier_level: String,
        earlier_role: String,
        at: Loc,
        earlier: Loc,
    },
    /// A scale with no levels.
    EmptyScale { scale: String, at: Loc },
    /// A `level <id> "Title"` line naming a level the scale's `levels` line
    /// does not list. `levels` are the scale's first levels (at most
    /// [`MAX_LISTED`]), of `level_count`; `suggestion` is a close one.
    UnlistedLevel {
        level: String,
        scale: String,
        levels: Vec<String>,
        level_count: usize,
        suggestion: Option<String>,
        at: Loc,
    },
    /// A level of a scale given a title twice.
    DuplicateLevelTitle { level: String, scale: String, at: Loc, first: Loc },
    /// A domain with no competencies, named in `all in`.
    EmptyDomain { domain: String, at: Loc },
    /// A crosswalk with no `from … to …` line.
    IncompleteCrosswalk { crosswalk: String, at: Loc },
    /// Two level correspondences of a crosswalk that cross.
    CrosswalkLevelOrder { at: Loc, other: Loc },
}

/// What a limit on the size of a framework counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Its elements (scales, domains, competencies, credentials, roles),
    /// inherited ones included.
    Elements,
    /// Its competencies at each of their levels: the nodes of its
    /// prerequisite graph.
    CompetencyLevels,
    /// The competencies its requirements list, `all in` a domain counting
    /// each competency of the domain.
    RequirementMembers,
    /// The elements of every framework compiled so far together with it,
    /// inherited ones counted again in each framework that inherits them.
    Compilation,
}

/// Why a file could not be read, when the reader did not refuse it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadFailure {
    NotFound,
    PermissionDenied,
    /// Anything else, with the system's own description.
    Other(String),
}

/// Where an id must be unique.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Element ids share one namespace per framework.
    Framework,
    /// Level names, within their scale.
    Scale,
    /// Framework and crosswalk ids, across everything compiled together.
    Compilation,
}

/// What a name was looked up as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wanted {
    Scale,
    Domain,
    Competency,
    Role,
    /// In a requirement: a credential or a role.
    Requirement,
    /// The framework an `extends` names.
    Base,
    /// A framework a crosswalk maps from or to.
    Framework,
    /// An element of the framework with this id, in a crosswalk's `map`.
    ElementOf(String),
    /// A level of a scale of the framework with this id, in a crosswalk's
    /// `level`.
    LevelIn(String),
}

/// A competency at one of its levels; no level for a competency without a
/// scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelOf {
    pub competency: String,
    pub level: Option<String>,
}

impl Payload for Problem {
    fn code(&self) -> Code {
        match self {
            Problem::Syntax { error, .. } => match error.kind {
                SyntaxErrorKind::Unexpected { .. }
                | SyntaxErrorKind::UnknownProperty { .. }
                | SyntaxErrorKind::UnquotedTitle { .. }
                | SyntaxErrorKind::MissingId { .. }
                | SyntaxErrorKind::LevelsNotSeparated { .. }
                | SyntaxErrorKind::MissingFor
                | SyntaxErrorKind::UnknownUnit { .. }
                | SyntaxErrorKind::TextForName
                | SyntaxErrorKind::TitleForName => Code::Syntax,
                SyntaxErrorKind::Stray { .. } => Code::StrayText,
                SyntaxErrorKind::UnterminatedText => Code::UnterminatedText,
                SyntaxErrorKind::DuplicateProperty { .. } => Code::DuplicateProperty,
                SyntaxErrorKind::NumberTooLarge => Code::NumberTooLarge,
                SyntaxErrorKind::LineTooLong { .. } => Code::LineTooLong,
                SyntaxErrorKind::LoneCarriageReturn => Code::LoneCarriageReturn,
            },
            Problem::Unreadable { .. } => Code::UnreadableFile,
            Problem::InvalidUtf8 { .. } => Code::InvalidUtf8,
            Problem::AbsoluteImport { .. } | Problem::OutsideRoot { .. } => Code::ImportOutsideRoot,
            Problem::NotLfw { .. } => Code::NotLfwSource,
            Problem::NotAFile { .. } => Code::NotAFile,
            Problem::TooLarge { .. } => Code::FileTooLarge,
            Problem::ImportCycle { .. } => Code::ImportCycle,
            Problem::ImportTooDeep { .. } => Code::ImportTooDeep,
            Problem::TooManyFiles { .. } => Code::TooManyFiles,
            Problem::ExtendsTooDeep { .. } => Code::ExtendsTooDeep,
            Problem::TooManyElements { .. } => Code::TooManyElements,
            Problem::SecondFramework { .. } => Code::SecondFramework,
            Problem::NoFramework { .. } => Code::NoFramework,
            Problem::DuplicateId { .. } => Code::DuplicateId,
            Problem::UnknownReference { .. } => Code::UnknownReference,
            Problem::WrongKind { .. } => Code::WrongKind,
            Problem::UnknownLevel { .. } => Code::UnknownLevel,
            Problem::LevelAboveScale { .. } => Code::LevelAboveScale,
            Problem::NoScale { .. } => Code::NoScale,
            Problem::MissingLevel { .. } => Code::MissingLevel,
            Problem::OverrideKind { .. } => Code::OverrideKind,
            Problem::ExtendsCycle { .. } => Code::ExtendsCycle,
            Problem::ProgressionCycle { .. } => Code::ProgressionCycle,
            Problem::PrerequisiteCycle { .. } => Code::PrerequisiteCycle,
            Problem::UnreachableRole { .. } => Code::UnreachableRole,
            Problem::CredentialCycle { .. } => Code::CredentialCycle,
            Problem::SplitLadder { .. } => Code::SplitLadder,
            Problem::UnmeetableCount { .. } => Code::UnmeetableCount,
            Problem::CredentialNeedsRole { .. } => Code::CredentialNeedsRole,
            Problem::Regression { .. } => Code::Regression,
            Problem::EmptyScale { .. } => Code::EmptyScale,
            Problem::UnlistedLevel { .. } => Code::UnlistedLevel,
            Problem::DuplicateLevelTitle { .. } => Code::DuplicateLevelTitle,
            Problem::EmptyDomain { .. } => Code::EmptyDomain,
            Problem::IncompleteCrosswalk { .. } => Code::IncompleteCrosswalk,
            Problem::CrosswalkLevelOrder { .. } => Code::CrosswalkLevelOrder,
        }
    }

    /// Regressions, empty domains and split ladders may be intended; everything else makes
    /// the framework wrong.
    fn severity(&self) -> Severity {
        match self {
            Problem::Regression { .. } | Problem::EmptyDomain { .. } | Problem::SplitLadder { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}
