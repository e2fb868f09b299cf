//! A semantic diff of two compiled frameworks: what a change log needs,
//! never a text diff (layout and comments do not show).
//!
//! Elements are matched by id. An element whose id disappears while a new
//! one of the same kind appears is reported as renamed when their titles
//! are at least [`RENAME_SIMILARITY`] alike (the Sørensen–Dice coefficient
//! of the lower-cased titles' letter pairs, which tolerates words added to
//! a title) and they stand in the same place (the same domain, matched by
//! id or title, or both outside any domain).

use lfw_model::{Condition, Framework, Requirement};
use lfw_syntax::ast::Necessity;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

pub const RENAME_SIMILARITY: f64 = 0.7;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub metadata: Vec<FieldChange>,
    pub elements: Vec<ElementChange>,
    pub scales: Vec<ScaleChange>,
    pub roles: Vec<RoleChange>,
    pub counts: BTreeMap<String, usize>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Side {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ElementChange {
    /// added, removed, renamed, retitled, moved, kind-changed, described
    pub change: &'static str,
    /// scale, domain, competency (or its kind), credential, role
    pub element: String,
    pub id: String,
    pub title: String,
    pub old_id: Option<String>,
    pub old_title: Option<String>,
    /// For `moved`: the domains (ids), `null` outside any domain.
    pub old_domain: Option<String>,
    pub new_domain: Option<String>,
    /// For `kind-changed`: the kind it was (`quality`, `behaviour`, …).
    pub old_kind: Option<String>,
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
    pub closeness: &'static str,
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
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RoleChange {
    pub role: String,
    /// progression-added, progression-removed, time-changed,
    /// requirement-added, requirement-removed, raised, lowered, changed,
    /// now-essential, now-desirable
    pub change: &'static str,
    /// What the change is about, e.g. `coaching` or `after sergeant`.
    pub subject: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty() && self.elements.is_empty() && self.scales.is_empty() && self.roles.is_empty()
    }
}

/// One element of a framework, whatever its kind, for matching.
struct Element<'a> {
    kind: String,
    family: &'static str,
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
            kind: "scale".into(),
            family: "scale",
            id: &s.id,
            title: s.title.as_deref().unwrap_or(""),
            domain: None,
            description: s.description.as_deref(),
            details: String::new(),
        });
    }
    for d in &fw.domains {
        out.push(Element {
            kind: "domain".into(),
            family: "domain",
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
            kind: c.kind.keyword().into(),
            family: "competency",
            id: &c.id,
            title: &c.title,
            domain,
            description: c.description.as_deref(),
            details: details.join("\n"),
        });
    }
    for c in &fw.credentials {
        out.push(Element {
            kind: "credential".into(),
            family: "credential",
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
            kind: "role".into(),
            family: "role",
            id: &r.id,
            title: &r.title,
            domain: None,
            description: r.description.as_deref(),
            details: notes(&r.notes).join("\n"),
        });
    }
    out
}

fn similarity(a: &str, b: &str) -> f64 {
    strsim::sorensen_dice(&a.to_lowercase(), &b.to_lowercase())
}

fn same_place(a: &Element, b: &Element) -> bool {
    match (a.domain, b.domain) {
        (None, None) => true,
        (Some((ai, at)), Some((bi, bt))) => ai == bi || at == bt,
        _ => false,
    }
}

fn change(change: &'static str, e: &Element) -> ElementChange {
    ElementChange {
        change,
        element: e.kind.clone(),
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
    let new_ids: HashSet<(&str, &str)> = en.iter().map(|e| (e.family, e.id)).collect();
    let old_ids: HashSet<(&str, &str)> = eo.iter().map(|e| (e.family, e.id)).collect();
    let removed: Vec<&Element> = eo.iter().filter(|e| !new_ids.contains(&(e.family, e.id))).collect();
    let added: Vec<&Element> = en.iter().filter(|e| !old_ids.contains(&(e.family, e.id))).collect();

    // Renames: the most alike pairs first, each element used once.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, r) in removed.iter().enumerate() {
        for (j, a) in added.iter().enumerate() {
            if r.family == a.family && same_place(r, a) {
                let s = similarity(r.title, a.title);
                if s >= RENAME_SIMILARITY {
                    candidates.push((s, i, j));
                }
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_r, mut used_a) = (HashSet::new(), HashSet::new());
    let mut renamed: HashMap<String, String> = HashMap::new();
    let mut changes = Vec::new();
    for (s, i, j) in candidates {
        if used_r.contains(&i) || used_a.contains(&j) {
            continue;
        }
        used_r.insert(i);
        used_a.insert(j);
        let (r, a) = (removed[i], added[j]);
        renamed.insert(r.id.to_string(), a.id.to_string());
        let mut c = change("renamed", a);
        c.old_id = Some(r.id.to_string());
        c.old_title = Some(r.title.to_string());
        c.similarity = Some((s * 100.0).round() / 100.0);
        changes.push(c);
    }
    for (j, a) in added.iter().enumerate() {
        if !used_a.contains(&j) {
            changes.push(change("added", a));
        }
    }
    for (i, r) in removed.iter().enumerate() {
        if !used_r.contains(&i) {
            changes.push(change("removed", r));
        }
    }
    // Elements kept (by id, or renamed): title, kind, domain and text.
    let old_by_id: HashMap<(&str, &str), &Element> = eo.iter().map(|e| ((e.family, e.id), e)).collect();
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
            let mut c = change("retitled", e);
            c.old_title = Some(before.title.to_string());
            changes.push(c);
        }
        if before.kind != e.kind {
            let mut c = change("kind-changed", e);
            c.old_kind = Some(before.kind.clone());
            changes.push(c);
        }
        if e.family == "competency"
            && before.domain.map(|d| d.0) != e.domain.map(|d| d.0)
            && before.domain.map(|d| d.1) != e.domain.map(|d| d.1)
        {
            let mut c = change("moved", e);
            c.old_domain = before.domain.map(|d| d.0.to_string());
            c.new_domain = e.domain.map(|d| d.0.to_string());
            changes.push(c);
        }
        if before.description != e.description || before.details != e.details {
            changes.push(change("described", e));
        }
    }
    for c in changes.iter_mut().filter(|c| c.change == "removed") {
        for seen in crosswalks.iter().filter_map(|cw| cw.seen_from(&old.id, &new.id)) {
            for m in seen.mappings().filter(|m| m.from == c.id) {
                c.successors.push(Successor {
                    id: m.to.to_string(),
                    closeness: crate::compare::closeness_name(m.closeness),
                    crosswalk: seen.crosswalk.id.clone(),
                    rationale: m.rationale.map(str::to_string),
                });
            }
        }
    }
    let family_order = |f: &str| {
        ["scale", "domain", "competency", "credential", "role"]
            .iter()
            .position(|x| *x == f)
            .unwrap_or(5)
    };
    let family_of = |c: &ElementChange| match c.element.as_str() {
        "scale" | "domain" | "credential" | "role" => c.element.clone(),
        _ => "competency".to_string(),
    };
    changes.sort_by_key(|c| (family_order(&family_of(c)), change_order(c.change), c.id.clone()));

    let rename = |id: &str| renamed.get(id).cloned().unwrap_or_else(|| id.to_string());
    let scales = scale_changes(old, new, &rename);
    let roles = role_changes(old, new, &rename);
    let metadata = metadata(old, new);
    let mut counts = BTreeMap::new();
    for c in &changes {
        *counts.entry(format!("elements {}", c.change)).or_default() += 1;
    }
    if !scales.is_empty() {
        counts.insert("scales changed".into(), scales.len());
    }
    for r in &roles {
        *counts.entry(format!("roles {}", r.change)).or_default() += 1;
    }
    if !metadata.is_empty() {
        counts.insert("metadata changed".into(), metadata.len());
    }
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
        counts,
    }
}

fn change_order(c: &str) -> usize {
    ["added", "removed", "renamed", "retitled", "kind-changed", "moved", "described"]
        .iter()
        .position(|x| *x == c)
        .unwrap_or(7)
}

fn notes(notes: &[lfw_model::Note]) -> Vec<String> {
    notes.iter().map(|n| format!("{:?}: {}", n.kind, n.text)).collect()
}

fn evidence(fw: &Framework) -> String {
    let combine = match &fw.evidence.combine {
        lfw_model::Combine::Ranked(order) => format!("ranked {}", order.join(" > ")),
        other => other.name().to_string(),
    };
    match fw.evidence.valid_months {
        Some(m) => format!("{combine}, valid for {}", months(m)),
        None => format!("{combine}, never stale"),
    }
}

fn metadata(old: &Framework, new: &Framework) -> Vec<FieldChange> {
    let default_scale = |fw: &Framework| fw.default_scale.map(|s| fw.scales[s.0].id.clone());
    let fields: [(&'static str, Option<String>, Option<String>); 10] = [
        ("description", old.description.clone(), new.description.clone()),
        ("default scale", default_scale(old), default_scale(new)),
        ("evidence", Some(evidence(old)), Some(evidence(new))),
        ("notes", Some(notes(&old.notes).join("; ")), Some(notes(&new.notes).join("; "))),
        ("id", Some(old.id.clone()), Some(new.id.clone())),
        ("title", Some(old.title.clone()), Some(new.title.clone())),
        ("version", old.version.clone(), new.version.clone()),
        ("owner", old.owner.clone(), new.owner.clone()),
        ("sector", old.sector.clone(), new.sector.clone()),
        ("sources", Some(old.sources.join("; ")), Some(new.sources.join("; "))),
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
        if !added.is_empty() || !removed.is_empty() || reordered {
            out.push(ScaleChange {
                scale: n.id.clone(),
                levels_added: added,
                levels_removed: removed,
                reordered,
                old_levels: s.levels.clone(),
                new_levels: n.levels.clone(),
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

/// A requirement as a key (what it is about, in the new version's ids) and
/// its amount.
fn requirement_key(fw: &Framework, q: &Requirement, rename: &dyn Fn(&str) -> String) -> (String, String, Amount) {
    let comp = |c: lfw_model::CompetencyId| rename(&fw.competencies[c.0].id);
    match &q.condition {
        Condition::Level { competency, level } => {
            let name = fw.level_name(*competency, *level).to_string();
            (comp(*competency), format!("at {name}"), Amount::Level(name, comp(*competency)))
        }
        Condition::Credential { credential } => (rename(&fw.credentials[credential.0].id), "held".into(), Amount::None),
        Condition::Role { role } => (format!("has held {}", rename(&fw.roles[role.0].id)), "held".into(), Amount::None),
        Condition::Experience { role, months } => (
            format!("time as {}", rename(&fw.roles[role.0].id)),
            format!("{months} months"),
            Amount::Months(*months),
        ),
        Condition::AllIn { domain, level, members } => {
            let amount = members
                .first()
                .map(|m| Amount::Level(level.clone(), comp(m.0)))
                .unwrap_or(Amount::None);
            (
                format!("all in {}", rename(&fw.domains[domain.0].id)),
                format!("at {level}"),
                amount,
            )
        }
        Condition::CountOf { count, level, members } => {
            let mut names: Vec<String> = members.iter().map(|(c, _)| comp(*c)).collect();
            names.sort();
            let amount = members
                .first()
                .map(|m| Amount::Level(level.clone(), comp(m.0)))
                .unwrap_or(Amount::None);
            (format!("{count} of ({})", names.join(", ")), format!("at {level}"), amount)
        }
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

fn necessity(n: Necessity) -> &'static str {
    match n {
        Necessity::Essential => "essential",
        Necessity::Desirable => "desirable",
    }
}

fn role_changes(old: &Framework, new: &Framework, rename: &dyn Fn(&str) -> String) -> Vec<RoleChange> {
    let mut out = Vec::new();
    let same = |s: &str| s.to_string();
    for r in &new.roles {
        // Roles added are listed as elements; their content is new.
        let Some(before) = old.roles.iter().find(|o| rename(&o.id) == r.id) else {
            continue;
        };
        let role = r.id.clone();
        let after = |fw: &Framework, role: &lfw_model::Role, map: &dyn Fn(&str) -> String| -> BTreeMap<String, Option<u32>> {
            role.after.iter().map(|a| (map(&fw.roles[a.role.0].id), a.min_months)).collect()
        };
        let (ao, an) = (after(old, before, rename), after(new, r, &same));
        for (k, v) in &an {
            match ao.get(k) {
                None => out.push(RoleChange {
                    role: role.clone(),
                    change: "progression-added",
                    subject: format!("after {k}"),
                    old: None,
                    new: v.map(months),
                }),
                Some(o) if o != v => out.push(RoleChange {
                    role: role.clone(),
                    change: "time-changed",
                    subject: format!("after {k}"),
                    old: o.map(months),
                    new: v.map(months),
                }),
                _ => {}
            }
        }
        for (k, v) in &ao {
            if !an.contains_key(k) {
                out.push(RoleChange {
                    role: role.clone(),
                    change: "progression-removed",
                    subject: format!("after {k}"),
                    old: v.map(months),
                    new: None,
                });
            }
        }
        let reqs = |fw: &Framework,
                    role: &lfw_model::Role,
                    map: &dyn Fn(&str) -> String|
         -> BTreeMap<String, (String, Option<usize>, Necessity)> {
            // Two requirements about one subject (an essential and a
            // desirable level, say) are told apart by their order.
            let mut seen: HashMap<String, usize> = HashMap::new();
            role.requirements
                .iter()
                .map(|q| {
                    let (k, v, amount) = requirement_key(fw, q, map);
                    let n = seen.entry(k.clone()).or_default();
                    *n += 1;
                    let k = if *n == 1 { k } else { format!("{k} (#{n})") };
                    (k, (v, rank_in(new, &amount), q.necessity))
                })
                .collect()
        };
        let (qo, qn) = (reqs(old, before, rename), reqs(new, r, &same));
        for (k, (v, rank, nec)) in &qn {
            match qo.get(k) {
                None => out.push(RoleChange {
                    role: role.clone(),
                    change: "requirement-added",
                    subject: k.clone(),
                    old: None,
                    new: Some(format!("{v} ({})", necessity(*nec))),
                }),
                Some((ov, orank, onec)) => {
                    if ov != v {
                        let change = match (orank, rank) {
                            (Some(a), Some(b)) if b > a => "raised",
                            (Some(a), Some(b)) if b < a => "lowered",
                            _ => "changed",
                        };
                        out.push(RoleChange {
                            role: role.clone(),
                            change,
                            subject: k.clone(),
                            old: Some(ov.clone()),
                            new: Some(v.clone()),
                        });
                    }
                    if onec != nec {
                        let change = if *nec == Necessity::Essential {
                            "now-essential"
                        } else {
                            "now-desirable"
                        };
                        out.push(RoleChange {
                            role: role.clone(),
                            change,
                            subject: k.clone(),
                            old: Some(necessity(*onec).into()),
                            new: Some(necessity(*nec).into()),
                        });
                    }
                }
            }
        }
        for (k, (v, _, nec)) in &qo {
            if !qn.contains_key(k) {
                out.push(RoleChange {
                    role: role.clone(),
                    change: "requirement-removed",
                    subject: k.clone(),
                    old: Some(format!("{v} ({})", necessity(*nec))),
                    new: None,
                });
            }
        }
    }
    out
}

fn months(m: u32) -> String {
    lfw_assess::readiness::months_text(m)
}
