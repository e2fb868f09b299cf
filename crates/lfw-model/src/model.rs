//! The compiled framework: every name resolved to an index, every level to
//! its rank on its scale, and the two graphs the analyses walk.

use crate::source::Loc;
use lfw_syntax::ast::{Closeness, CompetencyKind, Necessity, NoteKind};
use petgraph::graph::{DiGraph, NodeIndex};

macro_rules! index_type {
    ($($(#[$doc:meta])* $name:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);
    )*};
}

index_type!(
    /// An index into [`Framework::scales`].
    ScaleId,
    /// An index into [`Framework::domains`].
    DomainId,
    /// An index into [`Framework::competencies`].
    CompetencyId,
    /// An index into [`Framework::credentials`].
    CredentialId,
    /// An index into [`Framework::roles`].
    RoleId
);

/// A rank on a scale: 0 is the lowest level.
pub type Rank = usize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Clone, Debug)]
pub struct Framework {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub owner: Option<String>,
    pub sector: Option<String>,
    pub sources: Vec<String>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    /// The id of the framework this one extends.
    pub extends: Option<String>,
    pub default_scale: Option<ScaleId>,
    pub evidence: EvidencePolicy,
    pub scales: Vec<Scale>,
    pub domains: Vec<Domain>,
    pub competencies: Vec<Competency>,
    pub credentials: Vec<Credential>,
    pub roles: Vec<Role>,
    /// Role progression: node `i` is role `i`; an edge `a → b` says `b`
    /// comes after `a`, weighted by the minimum months in `a`.
    pub progression: DiGraph<RoleId, Option<u32>>,
    /// Competency-at-level nodes (see [`Framework::level_node`]); an edge
    /// `x → y` says `x` must be reached before `y`.
    pub prerequisites: DiGraph<(CompetencyId, Rank), ()>,
    /// `first_node[c]` is the node of competency `c` at rank 0; its other
    /// levels follow in order.
    pub(crate) first_node: Vec<usize>,
    pub loc: Loc,
}

/// How assessments become one level per competency, and how long they
/// count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidencePolicy {
    pub combine: Combine,
    /// Older evidence is stale: reported, and not counted. `None`: never stale.
    pub valid_months: Option<u32>,
}

/// The default: the latest assessment counts, for three years.
impl Default for EvidencePolicy {
    fn default() -> Self {
        EvidencePolicy {
            combine: Combine::Latest,
            valid_months: Some(36),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Combine {
    /// The most recent assessment.
    Latest,
    Highest,
    Lowest,
    /// The middle level (the lower middle of an even count).
    Median,
    /// The latest assessment from the best-ranked source present; sources
    /// not listed rank below every listed one.
    Ranked(Vec<String>),
}

impl Combine {
    pub fn name(&self) -> &'static str {
        match self {
            Combine::Latest => "latest",
            Combine::Highest => "highest",
            Combine::Lowest => "lowest",
            Combine::Median => "median",
            Combine::Ranked(_) => "ranked",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Scale {
    pub id: String,
    pub title: Option<String>,
    /// Lowest first.
    pub levels: Vec<String>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    /// In source order.
    pub competencies: Vec<CompetencyId>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Competency {
    pub id: String,
    pub kind: CompetencyKind,
    pub title: String,
    pub domain: Option<DomainId>,
    /// `None` for a competency described without levels; nothing can then
    /// require it at a level.
    pub scale: Option<ScaleId>,
    pub description: Option<String>,
    pub indicators: Vec<Indicator>,
    pub descriptors: Vec<(Rank, String)>,
    pub prerequisites: Vec<Prerequisite>,
    pub notes: Vec<Note>,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    pub negative: bool,
    pub text: String,
}

/// Before this competency can reach `at`, `needs` must be at `level`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prerequisite {
    pub at: Rank,
    pub needs: CompetencyId,
    pub level: Rank,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Credential {
    pub id: String,
    pub title: String,
    pub kind: Option<String>,
    pub description: Option<String>,
    /// Entry conditions.
    pub requirements: Vec<Requirement>,
    pub notes: Vec<Note>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub id: String,
    pub title: String,
    /// Written `entry`, or — when no role of the framework is — having no
    /// `after`.
    pub entry: bool,
    pub after: Vec<After>,
    pub requirements: Vec<Requirement>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    pub loc: Loc,
    /// Some `after` named no known role: the role's place in the
    /// progression is unknown, so it is not reported as unreachable.
    pub(crate) unresolved_after: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct After {
    pub role: RoleId,
    pub min_months: Option<u32>,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub necessity: Necessity,
    pub condition: Condition,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// The competency at this rank or above.
    Level {
        competency: CompetencyId,
        level: Rank,
    },
    Credential {
        credential: CredentialId,
    },
    /// Holding, or having held, the role.
    Role {
        role: RoleId,
    },
    /// At least this long in the role.
    Experience {
        role: RoleId,
        months: u32,
    },
    /// Every competency of the domain at the named level.
    AllIn {
        domain: DomainId,
        level: String,
        members: Vec<(CompetencyId, Rank)>,
    },
    /// At least `count` of the members at the named level.
    CountOf {
        count: u32,
        level: String,
        members: Vec<(CompetencyId, Rank)>,
    },
}

/// Mappings between two frameworks' elements.
#[derive(Clone, Debug)]
pub struct Crosswalk {
    pub id: String,
    pub title: String,
    pub from: String,
    pub to: String,
    pub levels: Vec<(String, String)>,
    pub mappings: Vec<Mapping>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Mapping {
    pub from: String,
    pub to: String,
    pub closeness: Closeness,
    pub rationale: Option<String>,
    pub loc: Loc,
}

/// What a name in a framework stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Element {
    Scale(ScaleId),
    Domain(DomainId),
    Competency(CompetencyId),
    Credential(CredentialId),
    Role(RoleId),
}

impl Framework {
    pub fn competency(&self, id: &str) -> Option<CompetencyId> {
        self.competencies.iter().position(|c| c.id == id).map(CompetencyId)
    }

    pub fn role(&self, id: &str) -> Option<RoleId> {
        self.roles.iter().position(|r| r.id == id).map(RoleId)
    }

    pub fn credential(&self, id: &str) -> Option<CredentialId> {
        self.credentials.iter().position(|c| c.id == id).map(CredentialId)
    }

    pub fn domain(&self, id: &str) -> Option<DomainId> {
        self.domains.iter().position(|d| d.id == id).map(DomainId)
    }

    pub fn scale(&self, id: &str) -> Option<ScaleId> {
        self.scales.iter().position(|s| s.id == id).map(ScaleId)
    }

    /// The level names of a competency's scale (empty when it has none).
    pub fn levels_of(&self, c: CompetencyId) -> &[String] {
        match self.competencies[c.0].scale {
            Some(s) => &self.scales[s.0].levels,
            None => &[],
        }
    }

    /// The name of a competency's level at `rank`.
    pub fn level_name(&self, c: CompetencyId, rank: Rank) -> &str {
        self.levels_of(c).get(rank).map(String::as_str).unwrap_or("")
    }

    /// The prerequisite-graph node of a competency at a rank.
    pub fn level_node(&self, c: CompetencyId, rank: Rank) -> NodeIndex {
        NodeIndex::new(self.first_node[c.0] + rank)
    }

    /// Roles people enter the framework at.
    pub fn entry_roles(&self) -> Vec<RoleId> {
        (0..self.roles.len()).map(RoleId).filter(|r| self.roles[r.0].entry).collect()
    }
}
