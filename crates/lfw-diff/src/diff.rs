//! A semantic diff of two compiled frameworks: what a change log needs,
//! never a text diff (layout and comments do not show).
//!
//! Elements are matched by id. An element whose id disappears while a new
//! one of the same kind appears is reported as renamed when their titles
//! are at least [`RENAME_SIMILARITY`] alike (the Sørensen–Dice coefficient
//! of the lower-cased titles' letter pairs, which tolerates words added to
//! a title) and they stand in the same place (the same domain, matched by
//! id or title, or both outside any domain).

use crate::rename;
use lfw_model::{Condition, EvidencePolicy, Framework, Note, Requirement};
use lfw_syntax::ast::{Closeness, CompetencyKind, ItemKind, Necessity};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const RENAME_SIMILARITY: f64 = 0.7;

/// What changed between two versions of a framework. The values carry ids,
/// kinds and numbers, never words: the binary words them (`src/compare.rs`)
/// and builds the JSON of `lfw diff` from them.
#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub metadata: Vec<FieldChange>,
    /// By family (scales, domains, competencies, credentials, roles), then
    /// by kind of change in the order of [`ElementChangeKind`], then by id.
    pub elements: Vec<ElementChange>,
    pub scales: Vec<ScaleChange>,
    /// Role by role, in the new version's order.
    pub roles: Vec<RoleChange>,
    /// The search for renames ran out of its budget of work (titles by the
    /// thousand, nearly all alike): some elements reported as removed and
    /// added may be renames. The caller warns.
    pub renames_cut_short: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Side {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
}

/// A field of the framework's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Description,
    #[serde(rename = "default scale")]
    DefaultScale,
    Evidence,
    Notes,
    Id,
    Title,
    Version,
    Owner,
    Sector,
    Sources,
}

/// What a field of the header holds.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    /// The description, the default scale (its id), the id, title,
    /// version, owner or sector.
    Text(String),
    /// The sources, in order (possibly none).
    List(Vec<String>),
    /// The notes, in order (possibly none).
    Notes(Vec<Note>),
    Evidence(EvidencePolicy),
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: Field,
    /// `None` for a field not given.
    pub old: Option<FieldValue>,
    pub new: Option<FieldValue>,
}

/// The kinds of element change, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElementChangeKind {
    Added,
    Removed,
    Renamed,
    Retitled,
    KindChanged,
    Moved,
    /// Its description, indicators, descriptors, scale, prerequisites,
    /// entry conditions or notes changed.
    Described,
}

/// What an element is: the keyword it is declared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ElementKind {
    Scale,
    Domain,
    Competency(CompetencyKind),
    Credential,
    Role,
}

impl ElementKind {
    /// The keyword the element is declared with (`scale`, `skill`, `role`, …).
    pub fn keyword(self) -> &'static str {
        lfw_syntax::vocab::item_word(match self {
            ElementKind::Scale => ItemKind::Scale,
            ElementKind::Domain => ItemKind::Domain,
            ElementKind::Competency(k) => ItemKind::Competency(k),
            ElementKind::Credential => ItemKind::Credential,
            ElementKind::Role => ItemKind::Role,
        })
    }
}

/// Serialised as its keyword.
impl Serialize for ElementKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.keyword())
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ElementChange {
    pub change: ElementChangeKind,
    /// In the new version, except for `Removed`.
    pub element: ElementKind,
    pub id: String,
    pub title: String,
    pub old_id: Option<String>,
    pub old_title: Option<String>,
    /// For `moved`: the domains (ids), `null` outside any domain.
    pub old_domain: Option<String>,
    pub new_domain: Option<String>,
    /// For `kind-changed`: the kind it was (`quality`, `behaviour`, …).
    pub old_kind: Option<ElementKind>,
    /// For `renamed`: how alike the titles are, 0 to 1.
    pub similarity: Option<f64>,
    /// For `removed`, when a crosswalk between the versions maps the
    /// element: what replaces it in the new version.
    pub successors: Vec<Successor>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Successor {
    pub id: String,
    /// As the crosswalk says, read from the old element: a `broader`
    /// successor is broader than what it replaces.
    pub closeness: Closeness,
    pub crosswalk: String,
    pub rationale: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ScaleChange {
    pub scale: String,
    pub levels_added: Vec<String>,
    pub levels_removed: Vec<String>,
    pub reordered: bool,
    pub old_levels: Vec<String>,
    pub new_levels: Vec<String>,
    /// Levels in both versions whose title was given, changed or taken
    /// away, in the new version's order.
    pub titles_changed: Vec<LevelTitleChange>,
}

/// A level's title in the old and the new version (`None`: no title).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LevelTitleChange {
    pub level: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RoleChange {
    /// The role's id in the new version.
    pub role: String,
    pub change: RoleChangeKind,
    pub subject: Subject,
    /// What it was and is; `None` on the side where it does not exist, and
    /// for a progression with no least time.
    pub old: Option<RoleValue>,
    pub new: Option<RoleValue>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoleChangeKind {
    ProgressionAdded,
    ProgressionRemoved,
    TimeChanged,
    RequirementAdded,
    RequirementRemoved,
    /// A requirement asks for more, judged on the new version's scale.
    Raised,
    Lowered,
    /// A requirement asks for something else that cannot be ranked.
    Changed,
    NowEssential,
    NowDesirable,
}

/// What a role change is about, with the new version's ids.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The progression from a role (`after <role>`).
    After(String),
    /// A requirement, and its place among the role's requirements about the
    /// same thing: 1 for the first, 2 for the second (an essential and a
    /// desirable level of one competency, say).
    Requirement { about: About, nth: usize },
}

/// What a requirement is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum About {
    /// A competency, at a level.
    Competency(String),
    /// A credential held.
    Credential(String),
    /// A role held before.
    Role(String),
    /// Time spent in a role.
    Experience(String),
    /// Every competency of a domain, at a level.
    AllIn(String),
    /// `count` of these competencies (ids in alphabetical order), at a level.
    CountOf { count: u32, of: Vec<String> },
}

/// One side of a role change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleValue {
    /// Progression: the least time in the role before, in months.
    Months(u32),
    /// What a requirement asks (`Raised`, `Lowered`, `Changed`).
    Asks(Asks),
    /// A requirement added or removed: what it asks, and its necessity.
    Requirement(Asks, Necessity),
    /// `NowEssential`, `NowDesirable`: the necessity.
    Necessity(Necessity),
}

/// What a requirement asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asks {
    /// A level (of the competency, or of each member of `all in` and `n of`).
    Level(String),
    /// A credential or a role held.
    Held,
    /// Time in a role, in months.
    Months(u32),
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty() && self.elements.is_empty() && self.scales.is_empty() && self.roles.is_empty()
    }
}

/// The families of elements, in the order their changes are listed. Ids
/// are matched within a family: a competency may change its kind, not its
/// family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Family {
    Scale,
    Domain,
    Competency,
    Credential,
    Role,
}

fn family(kind: ElementKind) -> Family {
    match kind {
        ElementKind::Scale => Family::Scale,
        ElementKind::Domain => Family::Domain,
        ElementKind::Competency(_) => Family::Competency,
        ElementKind::Credential => Family::Credential,
        ElementKind::Role => Family::Role,
    }
}

/// One element of a framework, whatever its kind, for matching.
struct Element<'a> {
    kind: ElementKind,
    family: Family,
    id: &'a str,
    title: &'a str,
    domain: Option<(&'a str, &'a str)>,
    description: Option<&'a str>,
    details: String,
}

fn elements(fw: &Framework) -> Vec<Element<'_>> {
    let mut out = Vec::new();
    for s in &fw.scales {
        out.push(Element {
            kind: ElementKind::Scale,
            family: Family::Scale,
            id: &s.id,
            title: s.title.as_deref().unwrap_or(""),
            domain: None,
            description: s.description.as_deref(),
            details: String::new(),
        });
    }
    for d in &fw.domains {
        out.push(Element {
            kind: ElementKind::Domain,
            family: Family::Domain,
            id: &d.id,
            title: &d.title,
            domain: None,
            description: d.description.as_deref(),
            details: String::new(),
        });
    }
    for (i, c) in fw.competencies.iter().enumerate() {
        let domain = c.domain.map(|d| (fw.domains[d.0].id.as_str(), fw.domains[d.0].title.as_str()));
        let mut details: Vec<String> = c
            .indicators
            .iter()
            .map(|i| format!("{}{}", if i.negative { "-" } else { "+" }, i.text))
            .collect();
        details.extend(
            c.descriptors
                .iter()
                .map(|(r, t)| format!("{}={t}", fw.level_name(lfw_model::CompetencyId(i), *r))),
        );
        // The scale it is rated on and what it needs first are part of it too.
        details.push(format!("scale={}", c.scale.map(|s| fw.scales[s.0].id.as_str()).unwrap_or("")));
        details.extend(c.prerequisites.iter().map(|p| {
            let needs = &fw.competencies[p.needs.0];
            format!(
                "needs {} at {} for {}",
                needs.id,
                fw.level_name(p.needs, p.level),
                fw.level_name(lfw_model::CompetencyId(i), p.at)
            )
        }));
        details.extend(notes(&c.notes));
        out.push(Element {
            kind: ElementKind::Competency(c.kind),
            family: Family::Competency,
            id: &c.id,
            title: &c.title,
            domain,
            description: c.description.as_deref(),
            details: details.join("\n"),
        });
    }
    for c in &fw.credentials {
        out.push(Element {
            kind: ElementKind::Credential,
            family: Family::Credential,
            id: &c.id,
            title: &c.title,
            domain: None,
            description: c.description.as_deref(),
            details: std::iter::once(c.kind.clone().unwrap_or_default())
                .chain(c.requirements.iter().map(|q| lfw_model::export::requirement(fw, q).to_string()))
                .chain(notes(&c.notes))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    for r in &fw.roles {
        out.push(Element {
            kind: ElementKind::Role,
            family: Family::Role,
            id: &r.id,
            title: &r.title,
            domain: None,
            description: r.description.as_deref(),
            details: notes(&r.notes).join("\n"),
        });
    }
    out
}

fn same_place(a: &Element, b: &Element) -> bool {
    match (a.domain, b.domain) {
        (None, None) => true,
        (Some((ai, at)), Some((bi, bt))) => ai == bi || at == bt,
        _ => false,
    }
}

fn change(change: ElementChangeKind, e: &Element) -> ElementChange {
    ElementChange {
        change,
        element: e.kind,
        id: e.id.to_string(),
        title: e.title.to_string(),
        old_id: None,
        old_title: None,
        old_domain: None,
        new_domain: None,
        old_kind: None,
        similarity: None,
        successors: Vec::new(),
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Framework, new: &Framework) -> Diff {
    diff_through(old, new, &[])
}

/// What changed from `old` to `new`, with removed elements linked to their
/// successors by the crosswalks between the two (either direction).
pub fn diff_through(old: &Framework, new: &Framework, crosswalks: &[&lfw_model::Crosswalk]) -> Diff {
    let (eo, en) = (elements(old), elements(new));
    let new_ids: HashSet<(Family, &str)> = en.iter().map(|e| (e.family, e.id)).collect();
    let old_ids: HashSet<(Family, &str)> = eo.iter().map(|e| (e.family, e.id)).collect();
    let removed: Vec<&Element> = eo.iter().filter(|e| !new_ids.contains(&(e.family, e.id))).collect();
    let added: Vec<&Element> = en.iter().filter(|e| !old_ids.contains(&(e.family, e.id))).collect();

    // Renames: the most alike pairs first, each element used once, in
    // bounded work (crate::rename).
    let titles =
        |es: &[&Element]| -> Vec<(u8, rename::Title)> { es.iter().map(|e| (e.family as u8, rename::Title::new(e.title))).collect() };
    let place = |i: usize, j: usize| same_place(removed[i], added[j]);
    let (pairs, renames_cut_short) = rename::matches(&titles(&removed), &titles(&added), RENAME_SIMILARITY, &place);
    let (mut used_r, mut used_a) = (vec![false; removed.len()], vec![false; added.len()]);
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut changes = Vec::new();
    for (s, i, j) in pairs {
        used_r[i] = true;
        used_a[j] = true;
        let (r, a) = (removed[i], added[j]);
        renamed.insert(r.id.to_string(), a.id.to_string());
        let mut c = change(ElementChangeKind::Renamed, a);
        c.old_id = Some(r.id.to_string());
        c.old_title = Some(r.title.to_string());
        c.similarity = Some((s * 100.0).round() / 100.0);
        changes.push(c);
    }
    for (j, a) in added.iter().enumerate() {
        if !used_a[j] {
            changes.push(change(ElementChangeKind::Added, a));
        }
    }
    for (i, r) in removed.iter().enumerate() {
        if !used_r[i] {
            changes.push(change(ElementChangeKind::Removed, r));
        }
    }
    // Elements kept (by id, or renamed): title, kind, domain and text.
    let old_by_id: HashMap<(Family, &str), &Element> = eo.iter().map(|e| ((e.family, e.id), e)).collect();
    // New id → old id; ids are unique within a framework, whatever their kind.
    let renamed_from: HashMap<&str, &str> = renamed.iter().map(|(o, n)| (n.as_str(), o.as_str())).collect();
    for e in &en {
        let old_id = renamed_from.get(e.id).copied();
        let before = match old_id {
            Some(o) => old_by_id.get(&(e.family, o)),
            None => old_by_id.get(&(e.family, e.id)),
        };
        let Some(before) = before else { continue };
        if old_id.is_none() && before.title != e.title {
            let mut c = change(ElementChangeKind::Retitled, e);
            c.old_title = Some(before.title.to_string());
            changes.push(c);
        }
        if before.kind != e.kind {
            let mut c = change(ElementChangeKind::KindChanged, e);
            c.old_kind = Some(before.kind);
            changes.push(c);
        }
        if e.family == Family::Competency
            && before.domain.map(|d| d.0) != e.domain.map(|d| d.0)
            && before.domain.map(|d| d.1) != e.domain.map(|d| d.1)
        {
            let mut c = change(ElementChangeKind::Moved, e);
            c.old_domain = before.domain.map(|d| d.0.to_string());
            c.new_domain = e.domain.map(|d| d.0.to_string());
            changes.push(c);
        }
        if before.description != e.description || before.details != e.details {
            changes.push(change(ElementChangeKind::Described, e));
        }
    }
    for c in changes.iter_mut().filter(|c| c.change == ElementChangeKind::Removed) {
        for seen in crosswalks.iter().filter_map(|cw| cw.seen_from(&old.id, &new.id)) {
            for m in seen.mappings().filter(|m| m.from == c.id) {
                c.successors.push(Successor {
                    id: m.to.to_string(),
                    closeness: m.closeness,
                    crosswalk: seen.crosswalk.id.clone(),
                    rationale: m.rationale.map(str::to_string),
                });
            }
        }
    }
    changes.sort_by_key(|c| (family(c.element), c.change, c.id.clone()));

    let rename = |id: &str| renamed.get(id).cloned().unwrap_or_else(|| id.to_string());
    let scales = scale_changes(old, new, &rename);
    let roles = role_changes(old, new, &rename);
    let metadata = metadata(old, new);
    Diff {
        old: Side {
            id: old.id.clone(),
            title: old.title.clone(),
            version: old.version.clone(),
        },
        new: Side {
            id: new.id.clone(),
            title: new.title.clone(),
            version: new.version.clone(),
        },
        metadata,
        elements: changes,
        scales,
        roles,
        renames_cut_short,
    }
}

/// Notes as part of an element's fingerprint (`Element::details`), which
/// is compared, never shown.
fn notes(notes: &[Note]) -> Vec<String> {
    notes.iter().map(|n| format!("{:?}: {}", n.kind, n.text)).collect()
}

fn metadata(old: &Framework, new: &Framework) -> Vec<FieldChange> {
    let text = |s: &Option<String>| s.clone().map(FieldValue::Text);
    let always = |s: &String| Some(FieldValue::Text(s.clone()));
    let default_scale = |fw: &Framework| fw.default_scale.map(|s| FieldValue::Text(fw.scales[s.0].id.clone()));
    let evidence = |fw: &Framework| Some(FieldValue::Evidence(fw.evidence.clone()));
    let notes = |fw: &Framework| Some(FieldValue::Notes(fw.notes.clone()));
    let sources = |fw: &Framework| Some(FieldValue::List(fw.sources.clone()));
    let fields: [(Field, Option<FieldValue>, Option<FieldValue>); 10] = [
        (Field::Description, text(&old.description), text(&new.description)),
        (Field::DefaultScale, default_scale(old), default_scale(new)),
        (Field::Evidence, evidence(old), evidence(new)),
        (Field::Notes, notes(old), notes(new)),
        (Field::Id, always(&old.id), always(&new.id)),
        (Field::Title, always(&old.title), always(&new.title)),
        (Field::Version, text(&old.version), text(&new.version)),
        (Field::Owner, text(&old.owner), text(&new.owner)),
        (Field::Sector, text(&old.sector), text(&new.sector)),
        (Field::Sources, sources(old), sources(new)),
    ];
    fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, old, new)| FieldChange { field, old, new })
        .collect()
}

fn scale_changes(old: &Framework, new: &Framework, rename: &dyn Fn(&str) -> String) -> Vec<ScaleChange> {
    let mut out = Vec::new();
    for s in &old.scales {
        let Some(n) = new.scale(&rename(&s.id)) else { continue };
        let n = &new.scales[n.0];
        let added: Vec<String> = n.levels.iter().filter(|l| !s.levels.contains(l)).cloned().collect();
        let removed: Vec<String> = s.levels.iter().filter(|l| !n.levels.contains(l)).cloned().collect();
        let kept_old: Vec<&String> = s.levels.iter().filter(|l| n.levels.contains(l)).collect();
        let kept_new: Vec<&String> = n.levels.iter().filter(|l| s.levels.contains(l)).collect();
        let reordered = kept_old != kept_new;
        let titles_changed: Vec<LevelTitleChange> = n
            .levels
            .iter()
            .enumerate()
            .filter_map(|(rank, l)| {
                let before = s.levels.iter().position(|o| o == l)?;
                let (old, new) = (s.title_of(before), n.title_of(rank));
                (old != new).then(|| LevelTitleChange {
                    level: l.clone(),
                    old: old.map(str::to_string),
                    new: new.map(str::to_string),
                })
            })
            .collect();
        if !added.is_empty() || !removed.is_empty() || reordered || !titles_changed.is_empty() {
            out.push(ScaleChange {
                scale: n.id.clone(),
                levels_added: added,
                levels_removed: removed,
                reordered,
                old_levels: s.levels.clone(),
                new_levels: n.levels.clone(),
                titles_changed,
            });
        }
    }
    out
}

/// How much a requirement asks, comparable across versions.
#[derive(Clone, PartialEq)]
enum Amount {
    None,
    Months(u32),
    /// A level name, and the competency (id in the new version) whose scale
    /// orders it.
    Level(String, String),
}

/// A requirement: what it is about (in the new version's ids), what it
/// asks, and its amount.
fn requirement(fw: &Framework, q: &Requirement, rename: &dyn Fn(&str) -> String) -> (About, Asks, Amount) {
    let comp = |c: lfw_model::CompetencyId| rename(&fw.competencies[c.0].id);
    let first = |members: &[(lfw_model::CompetencyId, lfw_model::Rank)], level: &str| {
        members
            .first()
            .map(|m| Amount::Level(level.to_string(), comp(m.0)))
            .unwrap_or(Amount::None)
    };
    match &q.condition {
        Condition::Level { competency, level } => {
            let name = fw.level_name(*competency, *level).to_string();
            (
                About::Competency(comp(*competency)),
                Asks::Level(name.clone()),
                Amount::Level(name, comp(*competency)),
            )
        }
        Condition::Credential { credential } => (
            About::Credential(rename(&fw.credentials[credential.0].id)),
            Asks::Held,
            Amount::None,
        ),
        Condition::Role { role } => (About::Role(rename(&fw.roles[role.0].id)), Asks::Held, Amount::None),
        Condition::Experience { role, months } => (
            About::Experience(rename(&fw.roles[role.0].id)),
            Asks::Months(*months),
            Amount::Months(*months),
        ),
        Condition::AllIn { domain, level, members } => (
            About::AllIn(rename(&fw.domains[domain.0].id)),
            Asks::Level(level.clone()),
            first(members, level),
        ),
        Condition::CountOf { count, level, members } => {
            let mut of: Vec<String> = members.iter().map(|(c, _)| comp(*c)).collect();
            of.sort();
            (
                About::CountOf { count: *count, of },
                Asks::Level(level.clone()),
                first(members, level),
            )
        }
    }
}

/// A requirement's identity across versions, which also orders the
/// changes of a role: what it is about, written out as the JSON's
/// `subject` is (`time as <role>`, `2 of (a, b)`, …), so that the order of
/// the list stays the documented one. Compared and sorted, never shown.
fn identity(about: &About, nth: usize) -> String {
    let written = match about {
        About::Competency(id) | About::Credential(id) => id.clone(),
        About::Role(role) => format!("has held {role}"),
        About::Experience(role) => format!("time as {role}"),
        About::AllIn(domain) => format!("all in {domain}"),
        About::CountOf { count, of } => format!("{count} of ({})", of.join(", ")),
    };
    if nth == 1 {
        written
    } else {
        format!("{written} (#{nth})")
    }
}

/// Where an amount stands on the new version's scale, to tell raised from
/// lowered; `None` when it cannot be placed there.
fn rank_in(new: &Framework, amount: &Amount) -> Option<usize> {
    match amount {
        Amount::None => None,
        Amount::Months(m) => Some(*m as usize),
        Amount::Level(name, competency) => new
            .competency(competency)
            .and_then(|c| new.levels_of(c).iter().position(|l| l == name)),
    }
}

/// A requirement as `role_changes` compares it.
struct Compared {
    subject: Subject,
    asks: Asks,
    rank: Option<usize>,
    necessity: Necessity,
}

fn role_changes(old: &Framework, new: &Framework, rename: &dyn Fn(&str) -> String) -> Vec<RoleChange> {
    let mut out = Vec::new();
    let same = |s: &str| s.to_string();
    // Old roles by their id in the new version: one look-up per role.
    let old_by_new_id: HashMap<String, &lfw_model::Role> = old.roles.iter().map(|o| (rename(&o.id), o)).collect();
    for r in &new.roles {
        // Roles added are listed as elements; their content is new.
        let Some(&before) = old_by_new_id.get(&r.id) else {
            continue;
        };
        let change = |change: RoleChangeKind, subject: &Subject, old: Option<RoleValue>, new: Option<RoleValue>| RoleChange {
            role: r.id.clone(),
            change,
            subject: subject.clone(),
            old,
            new,
        };
        let after = |fw: &Framework, role: &lfw_model::Role, map: &dyn Fn(&str) -> String| -> BTreeMap<String, Option<u32>> {
            role.after.iter().map(|a| (map(&fw.roles[a.role.0].id), a.min_months)).collect()
        };
        let (ao, an) = (after(old, before, rename), after(new, r, &same));
        for (k, v) in &an {
            let subject = Subject::After(k.clone());
            match ao.get(k) {
                None => out.push(change(RoleChangeKind::ProgressionAdded, &subject, None, v.map(RoleValue::Months))),
                Some(o) if o != v => out.push(change(
                    RoleChangeKind::TimeChanged,
                    &subject,
                    o.map(RoleValue::Months),
                    v.map(RoleValue::Months),
                )),
                _ => {}
            }
        }
        for (k, v) in &ao {
            if !an.contains_key(k) {
                let subject = Subject::After(k.clone());
                out.push(change(RoleChangeKind::ProgressionRemoved, &subject, v.map(RoleValue::Months), None));
            }
        }
        let reqs = |fw: &Framework, role: &lfw_model::Role, map: &dyn Fn(&str) -> String| -> BTreeMap<String, Compared> {
            // Two requirements about one subject (an essential and a
            // desirable level, say) are told apart by their order.
            let mut seen: HashMap<About, usize> = HashMap::new();
            role.requirements
                .iter()
                .map(|q| {
                    let (about, asks, amount) = requirement(fw, q, map);
                    let nth = seen.entry(about.clone()).or_default();
                    *nth += 1;
                    let nth = *nth;
                    let compared = Compared {
                        subject: Subject::Requirement { about: about.clone(), nth },
                        asks,
                        rank: rank_in(new, &amount),
                        necessity: q.necessity,
                    };
                    (identity(&about, nth), compared)
                })
                .collect()
        };
        let (qo, qn) = (reqs(old, before, rename), reqs(new, r, &same));
        for (k, q) in &qn {
            match qo.get(k) {
                None => out.push(change(
                    RoleChangeKind::RequirementAdded,
                    &q.subject,
                    None,
                    Some(RoleValue::Requirement(q.asks.clone(), q.necessity)),
                )),
                Some(o) => {
                    if o.asks != q.asks {
                        let kind = match (o.rank, q.rank) {
                            (Some(a), Some(b)) if b > a => RoleChangeKind::Raised,
                            (Some(a), Some(b)) if b < a => RoleChangeKind::Lowered,
                            _ => RoleChangeKind::Changed,
                        };
                        out.push(change(
                            kind,
                            &q.subject,
                            Some(RoleValue::Asks(o.asks.clone())),
                            Some(RoleValue::Asks(q.asks.clone())),
                        ));
                    }
                    if o.necessity != q.necessity {
                        let kind = if q.necessity == Necessity::Essential {
                            RoleChangeKind::NowEssential
                        } else {
                            RoleChangeKind::NowDesirable
                        };
                        out.push(change(
                            kind,
                            &q.subject,
                            Some(RoleValue::Necessity(o.necessity)),
                            Some(RoleValue::Necessity(q.necessity)),
                        ));
                    }
                }
            }
        }
        for (k, o) in &qo {
            if !qn.contains_key(k) {
                out.push(change(
                    RoleChangeKind::RequirementRemoved,
                    &o.subject,
                    Some(RoleValue::Requirement(o.asks.clone(), o.necessity)),
                    None,
                ));
            }
        }
    }
    out
}
