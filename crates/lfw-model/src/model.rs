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
    /// The title of each level, in the order of `levels` (as long as it):
    /// `None` for a level the scale gives no title.
    pub titles: Vec<Option<String>>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
    pub loc: Loc,
}

impl Scale {
    /// The title of the level at `rank`, when the scale gives it one.
    pub fn title_of(&self, rank: usize) -> Option<&str> {
        self.titles.get(rank).and_then(|t| t.as_deref())
    }
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

/// `map from to to as closeness`: `closeness` reads "`to` is … `from`"
/// (`Broader`: `to` is broader than `from`).
#[derive(Clone, Debug)]
pub struct Mapping {
    pub from: String,
    pub to: String,
    pub closeness: Closeness,
    pub rationale: Option<String>,
    pub loc: Loc,
}

impl Crosswalk {
    /// The crosswalk read from framework `from` towards framework `to`,
    /// whichever way it is written; `None` when it does not join the two.
    /// A crosswalk written from `from` to `to` is read as written, so one
    /// between two frameworks of the same id is too.
    pub fn seen_from(&self, from: &str, to: &str) -> Option<CrosswalkView<'_>> {
        let forward = if self.from == from && self.to == to {
            true
        } else if self.from == to && self.to == from {
            false
        } else {
            return None;
        };
        Some(CrosswalkView { crosswalk: self, forward })
    }

    /// Whether the crosswalk joins frameworks `a` and `b`, in either
    /// direction.
    pub fn joins(&self, a: &str, b: &str) -> bool {
        self.seen_from(a, b).is_some()
    }
}

/// A crosswalk read from one of the two frameworks it joins (see
/// [`Crosswalk::seen_from`]): the one place where a crosswalk written the
/// other way round is turned about.
#[derive(Clone, Copy, Debug)]
pub struct CrosswalkView<'a> {
    pub crosswalk: &'a Crosswalk,
    /// Whether it is read as written, from the crosswalk's `from` framework.
    pub forward: bool,
}

/// A mapping read from one end of its crosswalk.
#[derive(Clone, Copy, Debug)]
pub struct MappingView<'a> {
    /// The element of the framework the crosswalk is read from.
    pub from: &'a str,
    /// Its counterpart in the other framework.
    pub to: &'a str,
    /// Read from `from`: `Broader` when `to` is broader than `from`.
    pub closeness: Closeness,
    pub rationale: Option<&'a str>,
    /// The mapping as written.
    pub mapping: &'a Mapping,
}

impl<'a> CrosswalkView<'a> {
    /// Every mapping, in the order written, read from this end.
    pub fn mappings(self) -> impl Iterator<Item = MappingView<'a>> {
        self.crosswalk.mappings.iter().map(move |m| {
            let (from, to, closeness) = if self.forward {
                (&m.from, &m.to, m.closeness)
            } else {
                (&m.to, &m.from, m.closeness.reversed())
            };
            MappingView {
                from,
                to,
                closeness,
                rationale: m.rationale.as_deref(),
                mapping: m,
            }
        })
    }

    /// The level of the far framework that the crosswalk declares to match
    /// `level` of this end's (the first such, in the order written).
    pub fn level(self, level: &str) -> Option<&'a str> {
        self.crosswalk.levels.iter().find_map(|(a, b)| match self.forward {
            true => (a == level).then_some(b.as_str()),
            false => (b == level).then_some(a.as_str()),
        })
    }
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

    /// The title of a competency's level at `rank`, when its scale gives
    /// that level one.
    pub fn level_title(&self, c: CompetencyId, rank: Rank) -> Option<&str> {
        let s = self.competencies[c.0].scale?;
        self.scales[s.0].title_of(rank)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn crosswalk() -> Crosswalk {
        let mapping = |from: &str, to: &str, closeness| Mapping {
            from: from.into(),
            to: to.into(),
            closeness,
            rationale: Some(format!("{from} to {to}")),
            loc: Loc::new(crate::FileId(0), lfw_syntax::Span::default()),
        };
        Crosswalk {
            id: "a-to-b".into(),
            title: "A to B".into(),
            from: "a".into(),
            to: "b".into(),
            levels: vec![("strong".into(), "3".into()), ("exemplary".into(), "3".into())],
            mappings: vec![
                mapping("finance", "budgets", Closeness::Narrower),
                mapping("risk", "risk", Closeness::Exact),
                mapping("people", "coaching", Closeness::Broader),
            ],
            description: None,
            notes: Vec::new(),
            loc: Loc::new(crate::FileId(0), lfw_syntax::Span::default()),
        }
    }

    #[test]
    fn reversing_a_closeness_twice_gives_it_back() {
        use Closeness::*;
        for c in [Exact, Close, Broader, Narrower, Related] {
            assert_eq!(c.reversed().reversed(), c);
        }
        assert_eq!(Broader.reversed(), Narrower);
        assert_eq!(Close.reversed(), Close);
    }

    #[test]
    fn a_crosswalk_seen_from_either_side() {
        let cw = crosswalk();
        let ends = |v: CrosswalkView| -> Vec<(String, String, Closeness, Option<String>)> {
            v.mappings()
                .map(|m| (m.from.to_string(), m.to.to_string(), m.closeness, m.rationale.map(str::to_string)))
                .collect()
        };
        let forward = cw.seen_from("a", "b").expect("joins a and b");
        assert!(forward.forward);
        assert_eq!(
            ends(forward)[0],
            (
                "finance".into(),
                "budgets".into(),
                Closeness::Narrower,
                Some("finance to budgets".into())
            )
        );
        assert_eq!(forward.level("strong"), Some("3"));
        assert_eq!(forward.level("3"), None);

        let back = cw.seen_from("b", "a").expect("joins b and a");
        assert!(!back.forward);
        let back_ends = ends(back);
        assert_eq!(
            back_ends,
            [
                (
                    "budgets".into(),
                    "finance".into(),
                    Closeness::Broader,
                    Some("finance to budgets".into())
                ),
                ("risk".into(), "risk".into(), Closeness::Exact, Some("risk to risk".into())),
                (
                    "coaching".into(),
                    "people".into(),
                    Closeness::Narrower,
                    Some("people to coaching".into())
                ),
            ]
        );
        // Levels are read backwards too; the first declared wins.
        assert_eq!(back.level("3"), Some("strong"));
        assert_eq!(back.level("strong"), None);
        // Each view still points at the mapping as written.
        assert!(back.mappings().all(|m| m.mapping.from == m.to));

        assert!(cw.seen_from("a", "c").is_none());
        assert!(cw.seen_from("c", "b").is_none());
        assert!(cw.joins("b", "a") && !cw.joins("a", "a"));
    }

    #[test]
    fn a_crosswalk_between_frameworks_of_one_id_is_read_as_written() {
        let mut cw = crosswalk();
        cw.to = "a".into();
        let v = cw.seen_from("a", "a").expect("joins a to itself");
        assert!(v.forward);
        assert_eq!(v.mappings().next().map(|m| m.closeness), Some(Closeness::Narrower));
    }
}
