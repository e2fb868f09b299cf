//! The typed syntax tree. Every node carries the byte span it came from.
//!
//! The tree says what was written, not what it means: names are plain
//! [`Ident`]s that the model crate resolves later.

use serde::Serialize;

/// A byte range in one source file, `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A name as written: an id of an element, a level, a framework.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A quoted string, with escapes already undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A length of time, kept in months (`2 years` is 24).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Duration {
    pub months: u32,
    pub span: Span,
}

/// One parsed file: its items in source order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct File {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Item {
    Framework(FrameworkHeader),
    Import(Import),
    Scale(Scale),
    Domain(Domain),
    Competency(Competency),
    Credential(Credential),
    Role(Role),
    Crosswalk(Crosswalk),
    /// An item that failed to parse. Its keyword and id are kept when they
    /// could be read, so that later layers know the name exists and do not
    /// report every use of it as unknown.
    Broken(Broken),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Framework(x) => x.span,
            Item::Import(x) => x.span,
            Item::Scale(x) => x.span,
            Item::Domain(x) => x.span,
            Item::Competency(x) => x.span,
            Item::Credential(x) => x.span,
            Item::Role(x) => x.span,
            Item::Crosswalk(x) => x.span,
            Item::Broken(x) => x.span,
        }
    }
}

/// `note "…"` or `interpretation "…"`: free text attached to an item.
/// An interpretation marks content that is the encoder's reading rather than
/// the cited source's words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    pub text: Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    Note,
    Interpretation,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrameworkHeader {
    pub id: Ident,
    pub title: Text,
    pub version: Option<Text>,
    pub owner: Option<Text>,
    pub sector: Option<Text>,
    pub sources: Vec<Text>,
    /// `extends <framework>`: the framework this one builds on.
    pub extends: Option<Ident>,
    pub default_scale: Option<Ident>,
    /// `evidence latest|highest|lowest|median` or `evidence ranked a > b`.
    pub evidence: Option<EvidenceRule>,
    /// `evidence valid for 3 years`.
    pub evidence_valid: Option<Duration>,
    pub description: Option<Text>,
    pub notes: Vec<Note>,
    pub span: Span,
    /// A line of it did not parse, so what it would have said (a default
    /// scale, say) is unknown: what follows from its absence is not
    /// reported again.
    pub damaged: bool,
}

/// How several assessments of one competency combine into one level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum EvidenceRule {
    Latest(Span),
    Highest(Span),
    Lowest(Span),
    Median(Span),
    /// Sources best first; the best source's latest assessment counts.
    Ranked(Vec<Ident>),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Import {
    pub path: Text,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scale {
    pub id: Ident,
    pub title: Option<Text>,
    /// Lowest first.
    pub levels: Vec<Ident>,
    /// The `level <id> "Title"` lines, in source order.
    pub level_titles: Vec<LevelTitle>,
    pub description: Option<Text>,
    pub notes: Vec<Note>,
    pub span: Span,
    /// A line of it did not parse (a misspelt `levels`, say), so a scale
    /// without levels is not reported again for it.
    pub damaged: bool,
}

/// `level <id> "Title"`: a title for a level of the scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelTitle {
    pub level: Ident,
    pub title: Text,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Domain {
    pub id: Ident,
    pub title: Text,
    pub description: Option<Text>,
    pub notes: Vec<Note>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CompetencyKind {
    Competency,
    Behaviour,
    Quality,
    Value,
    Skill,
}

impl CompetencyKind {
    pub fn keyword(self) -> &'static str {
        match self {
            CompetencyKind::Competency => "competency",
            CompetencyKind::Behaviour => "behaviour",
            CompetencyKind::Quality => "quality",
            CompetencyKind::Value => "value",
            CompetencyKind::Skill => "skill",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Competency {
    pub kind: CompetencyKind,
    pub id: Ident,
    pub title: Text,
    /// The domain section this competency is written under: the nearest
    /// `domain` item above it in the same file.
    pub domain: Option<Ident>,
    pub description: Option<Text>,
    pub scale: Option<Ident>,
    pub indicators: Vec<Indicator>,
    pub descriptors: Vec<Descriptor>,
    pub prerequisites: Vec<Prerequisite>,
    pub notes: Vec<Note>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    pub negative: bool,
    pub text: Text,
    pub span: Span,
}

/// `at strong "…"`: what the competency looks like at one level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Descriptor {
    pub level: Ident,
    pub text: Text,
    pub span: Span,
}

/// `[at L] needs other at M`: before this competency can be developed to
/// `L` (its lowest level when omitted), `other` must be at `M`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prerequisite {
    pub at: Option<Ident>,
    pub needs: Ident,
    pub level: Ident,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Credential {
    pub id: Ident,
    pub title: Text,
    pub kind: Option<Ident>,
    pub description: Option<Text>,
    /// Entry conditions: what a person needs before taking it.
    pub requirements: Vec<Requirement>,
    pub notes: Vec<Note>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Role {
    pub id: Ident,
    pub title: Text,
    pub entry: Option<Span>,
    pub after: Vec<After>,
    pub requirements: Vec<Requirement>,
    pub description: Option<Text>,
    pub notes: Vec<Note>,
    pub span: Span,
    /// A line of it did not parse (perhaps an `after` line), so the roles
    /// it comes after are not all known: it is not reported unreachable,
    /// nor are the roles after it.
    pub damaged: bool,
}

/// `after constable for 2 years`: a progression edge into this role.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct After {
    pub role: Ident,
    pub min_time: Option<Duration>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Necessity {
    Essential,
    Desirable,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Requirement {
    pub necessity: Necessity,
    pub condition: Condition,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Condition {
    /// `leadership at strong`
    Level { competency: Ident, level: Ident },
    /// `sergeants-exam`: a credential held, or a role held.
    Named { name: Ident },
    /// `2 years as sergeant`
    Experience { time: Duration, role: Ident },
    /// `all in setting-direction at strong`
    AllIn { domain: Ident, level: Ident },
    /// `2 of (a, b, c) at proficient`; `any of` is 1, `all of` is every one.
    CountOf { count: Count, of: Vec<Ident>, level: Ident },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Count {
    Exactly(u32, Span),
    Any(Span),
    All(Span),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crosswalk {
    pub id: Ident,
    pub title: Text,
    /// `from a to b`
    pub between: Option<(Ident, Ident)>,
    pub levels: Vec<LevelMap>,
    pub mappings: Vec<Mapping>,
    pub description: Option<Text>,
    pub notes: Vec<Note>,
    pub span: Span,
}

/// `level strong to 3`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelMap {
    pub from: Ident,
    pub to: Ident,
    pub span: Span,
}

/// `map a to b as close because "…"`
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mapping {
    pub from: Ident,
    pub to: Ident,
    pub closeness: Closeness,
    pub rationale: Option<Text>,
    pub span: Span,
}

/// The SKOS mapping relations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Closeness {
    Exact,
    Close,
    Broader,
    Narrower,
    Related,
}

impl Closeness {
    /// The keyword that writes it after `as`.
    pub fn keyword(self) -> &'static str {
        match self {
            Closeness::Exact => "exact",
            Closeness::Close => "close",
            Closeness::Broader => "broader",
            Closeness::Narrower => "narrower",
            Closeness::Related => "related",
        }
    }

    /// The same relation read from the other end: `map a to b as broader`
    /// (b is broader than a) says that a is narrower than b. The others
    /// are symmetric.
    pub fn reversed(self) -> Closeness {
        match self {
            Closeness::Broader => Closeness::Narrower,
            Closeness::Narrower => Closeness::Broader,
            other => other,
        }
    }
}

/// Which kind of item a keyword starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Framework,
    Import,
    Scale,
    Domain,
    Competency(CompetencyKind),
    Credential,
    Role,
    Crosswalk,
}

/// An item whose header has no id. When its title suggests one (the fix
/// its error offers), `id` is that, so that uses of it are not reported
/// as unknown too.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Broken {
    pub kind: ItemKind,
    pub id: Option<Ident>,
    pub span: Span,
}
