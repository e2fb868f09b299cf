//! What frameworks share and what each lacks, through crosswalks.

use lfw_model::{Crosswalk, Framework};
use lfw_syntax::ast::Closeness;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A mapping as seen from the first framework: `closeness` reads
/// "the counterpart is …" (a `broader` counterpart is broader than the
/// element), so a crosswalk written the other way round is turned about.
#[derive(Clone, Debug, PartialEq)]
pub struct Counterpart {
    pub id: String,
    /// Its title (empty when the other framework has no element of that id).
    pub title: String,
    /// `Exact` for a match by title.
    pub closeness: Closeness,
    pub matched_by: MatchedBy,
}

/// How a counterpart was found.
#[derive(Clone, Debug, PartialEq)]
pub enum MatchedBy {
    /// A mapping of a crosswalk, with its `because` text.
    Crosswalk { crosswalk: String, rationale: Option<String> },
    /// The same title, no crosswalk joining the two frameworks.
    SameTitle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ElementMatch {
    pub id: String,
    pub title: String,
    pub counterparts: Vec<Counterpart>,
}

/// Two frameworks compared. The binary words it and builds the JSON of
/// `lfw compare` from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    /// The crosswalks used; empty when elements were matched by title.
    pub crosswalks: Vec<String>,
    pub a_in_b: Vec<ElementMatch>,
    pub b_in_a: Vec<ElementMatch>,
    pub only_in_a: Vec<String>,
    pub only_in_b: Vec<String>,
    /// Share of A's competencies with a counterpart in B, in percent.
    pub coverage_a_in_b: f64,
    pub coverage_b_in_a: f64,
}

/// The title of any element of a framework by id (empty when unknown).
fn element_title(fw: &Framework, id: &str) -> String {
    let found = fw
        .competencies
        .iter()
        .map(|c| (&c.id, &c.title))
        .chain(fw.domains.iter().map(|d| (&d.id, &d.title)))
        .chain(fw.credentials.iter().map(|c| (&c.id, &c.title)))
        .chain(fw.roles.iter().map(|r| (&r.id, &r.title)))
        .find(|(i, _)| i.as_str() == id);
    found.map(|(_, t)| t.clone()).unwrap_or_default()
}

fn normalise(title: &str) -> String {
    title.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Mappings from `from`'s elements to `to`'s, through the given crosswalks,
/// or by identical titles when there are none.
fn counterparts(from: &Framework, to: &Framework, crosswalks: &[&Crosswalk]) -> BTreeMap<String, Vec<Counterpart>> {
    let title_of = |id: &str| element_title(to, id);
    let mut out: BTreeMap<String, Vec<Counterpart>> = BTreeMap::new();
    if crosswalks.is_empty() {
        let by_title: HashMap<String, &str> = to.competencies.iter().map(|c| (normalise(&c.title), c.id.as_str())).collect();
        for c in &from.competencies {
            if let Some(&id) = by_title.get(&normalise(&c.title)) {
                out.entry(c.id.clone()).or_default().push(Counterpart {
                    id: id.to_string(),
                    title: title_of(id),
                    closeness: Closeness::Exact,
                    matched_by: MatchedBy::SameTitle,
                });
            }
        }
        return out;
    }
    for seen in crosswalks.iter().filter_map(|cw| cw.seen_from(&from.id, &to.id)) {
        for m in seen.mappings() {
            out.entry(m.from.to_string()).or_default().push(Counterpart {
                id: m.to.to_string(),
                title: title_of(m.to),
                closeness: m.closeness,
                matched_by: MatchedBy::Crosswalk {
                    crosswalk: seen.crosswalk.id.clone(),
                    rationale: m.rationale.map(str::to_string),
                },
            });
        }
    }
    out
}

fn side(from: &Framework, map: &BTreeMap<String, Vec<Counterpart>>) -> (Vec<ElementMatch>, Vec<String>, f64) {
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    for c in &from.competencies {
        match map.get(&c.id) {
            Some(cs) => matched.push(ElementMatch {
                id: c.id.clone(),
                title: c.title.clone(),
                counterparts: cs.clone(),
            }),
            None => missing.push(c.id.clone()),
        }
    }
    let coverage = if from.competencies.is_empty() {
        0.0
    } else {
        (1000.0 * matched.len() as f64 / from.competencies.len() as f64).round() / 10.0
    };
    (matched, missing, coverage)
}

/// Compares two frameworks through the crosswalks between them (all that
/// are given, in either direction), or by title when none is given.
pub fn compare(a: &Framework, b: &Framework, crosswalks: &[&Crosswalk]) -> Comparison {
    let relevant: Vec<&Crosswalk> = crosswalks.iter().copied().filter(|cw| cw.joins(&a.id, &b.id)).collect();
    let (a_in_b, only_in_a, coverage_a_in_b) = side(a, &counterparts(a, b, &relevant));
    let (b_in_a, only_in_b, coverage_b_in_a) = side(b, &counterparts(b, a, &relevant));
    Comparison {
        a: a.id.clone(),
        b: b.id.clone(),
        crosswalks: relevant.iter().map(|c| c.id.clone()).collect(),
        a_in_b,
        b_in_a,
        only_in_a,
        only_in_b,
        coverage_a_in_b,
        coverage_b_in_a,
    }
}

/// Elements linked by exact or close mappings across several frameworks.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SharedGroup {
    /// framework id → element ids in this group.
    pub members: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SharedCore {
    pub frameworks: Vec<String>,
    pub crosswalks: Vec<String>,
    /// Groups present in at least two frameworks, the most widely shared first.
    pub groups: Vec<SharedGroup>,
}

/// The shared core of several frameworks: connected groups of elements
/// under exact and close mappings (union–find over the crosswalks).
pub fn shared_core(frameworks: &[&Framework], crosswalks: &[&Crosswalk]) -> SharedCore {
    let ids: BTreeSet<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut nodes: Vec<(String, String)> = Vec::new();
    for f in frameworks {
        for c in &f.competencies {
            index.insert((f.id.clone(), c.id.clone()), nodes.len());
            nodes.push((f.id.clone(), c.id.clone()));
        }
    }
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut used = Vec::new();
    for cw in crosswalks
        .iter()
        .filter(|cw| ids.contains(cw.from.as_str()) && ids.contains(cw.to.as_str()))
    {
        used.push(cw.id.clone());
        for m in cw
            .mappings
            .iter()
            .filter(|m| matches!(m.closeness, Closeness::Exact | Closeness::Close))
        {
            let (Some(&x), Some(&y)) = (
                index.get(&(cw.from.clone(), m.from.clone())),
                index.get(&(cw.to.clone(), m.to.clone())),
            ) else {
                continue;
            };
            let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
            if rx != ry {
                parent[rx.max(ry)] = rx.min(ry);
            }
        }
    }
    let mut groups: BTreeMap<usize, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (i, (fw, element)) in nodes.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().entry(fw.clone()).or_default().push(element.clone());
    }
    let mut groups: Vec<SharedGroup> = groups
        .into_values()
        .filter(|m| m.len() >= 2)
        .map(|members| SharedGroup { members })
        .collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.members.len()));
    SharedCore {
        frameworks: frameworks.iter().map(|f| f.id.clone()).collect(),
        crosswalks: used,
        groups,
    }
}
