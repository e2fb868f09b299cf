//! Name resolution: a framework's items to the compiled [`Framework`].
//!
//! All ids of a framework share one namespace (scales, domains,
//! competencies, credentials, roles); levels are names on their scale.
//! Anything that does not resolve is reported and left out, so the rest can
//! still be checked.

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_COMPETENCY_LEVELS, MAX_REQUIREMENT_MEMBERS};
use crate::model::*;
use crate::problem::{Counted, Problem, Scope, Wanted, MAX_LISTED};
use crate::report;
use crate::source::{FileId, Loc};
use lfw_syntax::ast::{self, Item, ItemKind};
use lfw_syntax::suggest::{Suggester, MAX_NAME_CHARS};
use petgraph::graph::DiGraph;
use std::collections::{HashMap, HashSet};

/// The names a crosswalk may map: every element id of a framework.
pub fn element_names(fw: &Framework) -> impl Iterator<Item = &str> {
    fw.scales
        .iter()
        .map(|s| s.id.as_str())
        .chain(fw.domains.iter().map(|d| d.id.as_str()))
        .chain(fw.competencies.iter().map(|c| c.id.as_str()))
        .chain(fw.credentials.iter().map(|c| c.id.as_str()))
        .chain(fw.roles.iter().map(|r| r.id.as_str()))
}

/// What a reference may name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Scale,
    Domain,
    Competency,
    Role,
    /// In a requirement: a credential or a role (held), or a competency
    /// (reported as missing its level).
    Requirement,
}

impl Want {
    fn wanted(self) -> Wanted {
        match self {
            Want::Scale => Wanted::Scale,
            Want::Domain => Wanted::Domain,
            Want::Competency => Wanted::Competency,
            Want::Role => Wanted::Role,
            Want::Requirement => Wanted::Requirement,
        }
    }

    /// The kinds of element it accepts, as [`kind_index`]es.
    fn kinds(self) -> &'static [usize] {
        match self {
            Want::Scale => &[0],
            Want::Domain => &[1],
            Want::Competency => &[2],
            Want::Role => &[4],
            Want::Requirement => &[2, 3, 4],
        }
    }

    fn accepts(self, e: Element) -> bool {
        matches!(
            (self, e),
            (Want::Scale, Element::Scale(_))
                | (Want::Domain, Element::Domain(_))
                | (Want::Competency, Element::Competency(_))
                | (Want::Role, Element::Role(_))
                | (
                    Want::Requirement,
                    Element::Credential(_) | Element::Role(_) | Element::Competency(_)
                )
        )
    }
}

/// The kind of an element as an index: scale, domain, competency,
/// credential, role.
fn kind_index(e: Element) -> usize {
    match e {
        Element::Scale(_) => 0,
        Element::Domain(_) => 1,
        Element::Competency(_) => 2,
        Element::Credential(_) => 3,
        Element::Role(_) => 4,
    }
}

/// The names of a framework as did-you-mean looks through them: by kind
/// (see [`kind_index`]) and by length in characters, each list sorted, so
/// that a lookup sees only the names of the kind it wants and of a length
/// within its edit budget.
type Candidates = HashMap<(usize, usize), Vec<String>>;

/// The kind of item that declares an element.
fn element_kind(e: Element, fw: &Framework) -> ItemKind {
    match e {
        Element::Scale(_) => ItemKind::Scale,
        Element::Domain(_) => ItemKind::Domain,
        Element::Competency(c) => ItemKind::Competency(fw.competencies[c.0].kind),
        Element::Credential(_) => ItemKind::Credential,
        Element::Role(_) => ItemKind::Role,
    }
}

struct Resolver<'d> {
    fw: Framework,
    names: HashMap<String, (Element, Loc)>,
    /// Ids of items that failed to parse: references to them are not
    /// reported again.
    broken: HashSet<String>,
    /// Competencies whose `rated on` named no scale: their levels are not
    /// reported again at every use.
    unknown_scale: HashSet<CompetencyId>,
    /// The framework's header has a line that did not parse and it has no
    /// default scale: perhaps the broken line named it, so competencies
    /// without a scale of their own are not reported for that.
    default_scale_unknown: bool,
    /// Ids declared twice, reported once every name has been looked up.
    duplicates: Vec<Duplicate>,
    /// The duplicates whose titles suggest each id, by that id.
    meant: HashMap<String, Vec<usize>>,
    /// Each scale's levels, by name.
    level_ranks: Vec<HashMap<String, Rank>>,
    /// The top of each scale whose levels are all numbers.
    numeric_top: Vec<Option<u64>>,
    /// Did-you-mean's view of the names, made at the first unknown name.
    candidates: Option<Candidates>,
    /// Competencies the requirements have listed so far (see
    /// [`MAX_REQUIREMENT_MEMBERS`]).
    members: usize,
    suggest: &'d mut Suggester,
    diagnostics: &'d mut Vec<Diagnostic>,
}

fn notes(notes: &[ast::Note]) -> Vec<Note> {
    notes
        .iter()
        .map(|n| Note {
            kind: n.kind,
            text: n.text.value.clone(),
        })
        .collect()
}

fn text(t: &Option<ast::Text>) -> Option<String> {
    t.as_ref().map(|t| t.value.clone())
}

/// The header's evidence lines over the inherited policy (the extended
/// framework's, else the default).
fn evidence_policy(header: &ast::FrameworkHeader, inherited: EvidencePolicy) -> EvidencePolicy {
    let mut policy = inherited;
    if let Some(rule) = &header.evidence {
        policy.combine = match rule {
            ast::EvidenceRule::Latest(_) => Combine::Latest,
            ast::EvidenceRule::Highest(_) => Combine::Highest,
            ast::EvidenceRule::Lowest(_) => Combine::Lowest,
            ast::EvidenceRule::Median(_) => Combine::Median,
            ast::EvidenceRule::Ranked(sources) => Combine::Ranked(sources.iter().map(|s| s.name.clone()).collect()),
        };
    }
    if let Some(valid) = header.evidence_valid {
        policy.valid_months = Some(valid.months);
    }
    policy
}

/// What an extending framework takes from the one it extends besides its
/// items: its default scale (by id) and its evidence policy.
#[derive(Default)]
pub struct Inherited {
    pub default_scale: Option<String>,
    pub evidence: EvidencePolicy,
}

/// Builds one framework from its effective items (inherited and own).
/// `None` when its competencies have more levels in all than
/// [`MAX_COMPETENCY_LEVELS`] (reported): its prerequisite graph is not made.
pub fn build(
    header: &ast::FrameworkHeader,
    file: FileId,
    items: &[(FileId, &Item)],
    extends: Option<String>,
    inherited: Inherited,
    suggest: &mut Suggester,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Framework> {
    let fw = Framework {
        id: header.id.name.clone(),
        title: header.title.value.clone(),
        version: text(&header.version),
        owner: text(&header.owner),
        sector: text(&header.sector),
        sources: header.sources.iter().map(|t| t.value.clone()).collect(),
        description: text(&header.description),
        notes: notes(&header.notes),
        extends,
        default_scale: None,
        evidence: evidence_policy(header, inherited.evidence),
        scales: Vec::new(),
        domains: Vec::new(),
        competencies: Vec::new(),
        credentials: Vec::new(),
        roles: Vec::new(),
        progression: DiGraph::new(),
        prerequisites: DiGraph::new(),
        first_node: Vec::new(),
        loc: Loc::new(file, header.id.span),
    };
    let mut r = Resolver {
        fw,
        names: HashMap::new(),
        broken: HashSet::new(),
        unknown_scale: HashSet::new(),
        default_scale_unknown: false,
        duplicates: Vec::new(),
        meant: HashMap::new(),
        level_ranks: Vec::new(),
        numeric_top: Vec::new(),
        candidates: None,
        members: 0,
        suggest,
        diagnostics,
    };
    let declared = r.declare(items);
    r.default_scale(header, file, inherited.default_scale);
    for &(file, item) in &declared {
        if let Item::Competency(c) = item {
            r.competency_levels(file, c);
        }
    }
    let levels: usize =
        r.fw.competencies
            .iter()
            .map(|c| c.scale.map_or(1, |s| r.fw.scales[s.0].levels.len().max(1)))
            .sum();
    if levels > MAX_COMPETENCY_LEVELS {
        r.diagnostics.push(report::diagnostic(Problem::TooManyElements {
            framework: r.fw.id.clone(),
            counted: Counted::CompetencyLevels,
            count: levels,
            limit: MAX_COMPETENCY_LEVELS,
            at: r.fw.loc,
        }));
        return None;
    }
    let mut c = 0;
    let mut cred = 0;
    let mut role = 0;
    for &(file, item) in &declared {
        match item {
            Item::Competency(x) => {
                r.prerequisites(CompetencyId(c), file, x);
                c += 1;
            }
            Item::Credential(x) => {
                let reqs = x.requirements.iter().filter_map(|q| r.requirement(file, q)).collect();
                r.fw.credentials[cred].requirements = reqs;
                cred += 1;
            }
            Item::Role(x) => {
                r.role(RoleId(role), file, x);
                role += 1;
            }
            _ => {}
        }
    }
    r.report_duplicates();
    Some(r.fw)
}

/// An id declared a second time, with the id its title suggests.
struct Duplicate {
    id: String,
    at: Loc,
    first: Loc,
    meant: Option<String>,
    /// Whether the meant id was looked up (and so not reported unknown).
    used: bool,
}

/// The title of an element, as written.
fn title_of(item: &Item) -> Option<&str> {
    match item {
        Item::Scale(x) => x.title.as_ref().map(|t| t.value.as_str()),
        Item::Domain(x) => Some(&x.title.value),
        Item::Competency(x) => Some(&x.title.value),
        Item::Credential(x) => Some(&x.title.value),
        Item::Role(x) => Some(&x.title.value),
        _ => None,
    }
}

impl Resolver<'_> {
    fn loc(&self, file: FileId, span: lfw_syntax::Span) -> Loc {
        Loc::new(file, span)
    }

    /// Gives every element its index, reporting duplicate ids. Returns the
    /// items that were declared (duplicates left out), in order.
    fn declare<'a>(&mut self, items: &[(FileId, &'a Item)]) -> Vec<(FileId, &'a Item)> {
        let mut out = Vec::new();
        let mut duplicates = Vec::new();
        for &(file, item) in items {
            if let Item::Broken(b) = item {
                if let Some(id) = &b.id {
                    self.broken.insert(id.name.clone());
                }
                continue;
            }
            let Some((id, _)) = crate::compile::declared(item) else { continue };
            let loc = Loc::new(file, id.span);
            if let Some((_, first)) = self.names.get(&id.name) {
                duplicates.push((id, loc, *first, title_of(item)));
                continue;
            }
            let element = match item {
                Item::Scale(s) => {
                    let levels = self.levels(file, s);
                    let titles = self.level_titles(file, s, &levels);
                    self.level_ranks
                        .push(levels.iter().enumerate().map(|(rank, l)| (l.clone(), rank)).collect());
                    let numbers: Option<Vec<u64>> = levels.iter().map(|l| l.parse().ok()).collect();
                    self.numeric_top.push(numbers.and_then(|ns| ns.into_iter().max()));
                    self.fw.scales.push(Scale {
                        id: s.id.name.clone(),
                        title: text(&s.title),
                        levels,
                        titles,
                        description: text(&s.description),
                        notes: notes(&s.notes),
                        loc,
                    });
                    Element::Scale(ScaleId(self.fw.scales.len() - 1))
                }
                Item::Domain(d) => {
                    self.fw.domains.push(Domain {
                        id: d.id.name.clone(),
                        title: d.title.value.clone(),
                        description: text(&d.description),
                        notes: notes(&d.notes),
                        competencies: Vec::new(),
                        loc,
                    });
                    Element::Domain(DomainId(self.fw.domains.len() - 1))
                }
                Item::Competency(c) => {
                    self.fw.competencies.push(Competency {
                        id: c.id.name.clone(),
                        kind: c.kind,
                        title: c.title.value.clone(),
                        domain: None,
                        scale: None,
                        description: text(&c.description),
                        indicators: c
                            .indicators
                            .iter()
                            .map(|i| Indicator {
                                negative: i.negative,
                                text: i.text.value.clone(),
                            })
                            .collect(),
                        descriptors: Vec::new(),
                        prerequisites: Vec::new(),
                        notes: notes(&c.notes),
                        loc,
                    });
                    Element::Competency(CompetencyId(self.fw.competencies.len() - 1))
                }
                Item::Credential(c) => {
                    self.fw.credentials.push(Credential {
                        id: c.id.name.clone(),
                        title: c.title.value.clone(),
                        kind: c.kind.as_ref().map(|k| k.name.clone()),
                        description: text(&c.description),
                        requirements: Vec::new(),
                        notes: notes(&c.notes),
                        loc,
                    });
                    Element::Credential(CredentialId(self.fw.credentials.len() - 1))
                }
                Item::Role(r) => {
                    self.fw.roles.push(Role {
                        id: r.id.name.clone(),
                        title: r.title.value.clone(),
                        entry: r.entry.is_some(),
                        after: Vec::new(),
                        requirements: Vec::new(),
                        description: text(&r.description),
                        notes: notes(&r.notes),
                        loc,
                        unresolved_after: false,
                    });
                    Element::Role(RoleId(self.fw.roles.len() - 1))
                }
                _ => continue,
            };
            self.names.insert(id.name.clone(), (element, loc));
            out.push((file, item));
        }
        for (id, at, first, title) in duplicates {
            // A copied item whose id was not changed: its title suggests the
            // id it was meant to have. If that id is declared nowhere but
            // used, the uses are this same mistake, not unknown names of
            // their own (see `report_duplicates`).
            let meant = title
                .and_then(lfw_syntax::vocab::id_from_title)
                .filter(|s| *s != id.name && !self.names.contains_key(s));
            if let Some(m) = &meant {
                self.meant.entry(m.clone()).or_default().push(self.duplicates.len());
            }
            self.duplicates.push(Duplicate {
                id: id.name.clone(),
                at,
                first,
                meant,
                used: false,
            });
        }
        out
    }

    /// Reports the duplicate ids, once every name has been looked up: a
    /// duplicate whose meant id was used gets that id as its fix.
    fn report_duplicates(&mut self) {
        for d in std::mem::take(&mut self.duplicates) {
            self.diagnostics.push(report::diagnostic(Problem::DuplicateId {
                scope: Scope::Framework,
                id: d.id,
                at: d.at,
                first: d.first,
                suggestion: d.meant.filter(|_| d.used),
            }));
        }
    }

    fn levels(&mut self, file: FileId, s: &ast::Scale) -> Vec<String> {
        // A line that did not parse (reported) may have been its levels.
        if s.levels.is_empty() && !s.damaged {
            self.diagnostics.push(report::diagnostic(Problem::EmptyScale {
                scale: s.id.name.clone(),
                at: self.loc(file, s.id.span),
            }));
        }
        let mut seen: HashMap<&str, Loc> = HashMap::new();
        let mut out = Vec::new();
        for l in &s.levels {
            let loc = self.loc(file, l.span);
            match seen.get(l.name.as_str()) {
                Some(first) => self.diagnostics.push(report::diagnostic(Problem::DuplicateId {
                    scope: Scope::Scale,
                    id: l.name.clone(),
                    at: loc,
                    first: *first,
                    suggestion: None,
                })),
                None => {
                    seen.insert(&l.name, loc);
                    out.push(l.name.clone());
                }
            }
        }
        out
    }

    /// The title of each level of `levels`, from the scale's `level` lines:
    /// a line naming a level not listed, or a level already titled, is
    /// reported and left out.
    fn level_titles(&mut self, file: FileId, s: &ast::Scale, levels: &[String]) -> Vec<Option<String>> {
        let mut titles: Vec<Option<String>> = vec![None; levels.len()];
        let mut first: Vec<Option<Loc>> = vec![None; levels.len()];
        for t in &s.level_titles {
            let at = self.loc(file, t.level.span);
            match levels.iter().position(|l| *l == t.level.name) {
                Some(rank) => match first[rank] {
                    Some(earlier) => self.diagnostics.push(report::diagnostic(Problem::DuplicateLevelTitle {
                        level: t.level.name.clone(),
                        scale: s.id.name.clone(),
                        at,
                        first: earlier,
                    })),
                    None => {
                        first[rank] = Some(at);
                        titles[rank] = Some(t.title.value.clone());
                    }
                },
                // A scale without levels is reported once, as empty.
                None if levels.is_empty() => {}
                None => {
                    let suggestion = self
                        .suggest
                        .did_you_mean(&t.level.name, levels.iter().map(String::as_str))
                        .map(str::to_string);
                    self.diagnostics.push(report::diagnostic(Problem::UnlistedLevel {
                        level: t.level.name.clone(),
                        scale: s.id.name.clone(),
                        levels: levels.iter().take(MAX_LISTED).cloned().collect(),
                        level_count: levels.len(),
                        suggestion,
                        at,
                    }));
                }
            }
        }
        titles
    }

    /// The framework's own `default scale`, else the extended framework's,
    /// else its only scale.
    fn default_scale(&mut self, header: &ast::FrameworkHeader, file: FileId, inherited: Option<String>) {
        let inherited = inherited.and_then(|name| self.fw.scale(&name));
        self.fw.default_scale = match &header.default_scale {
            Some(id) => match self.lookup(file, id, Want::Scale) {
                Some(Element::Scale(s)) => Some(s),
                _ => None,
            },
            None if inherited.is_some() => inherited,
            None if self.fw.scales.len() == 1 => Some(ScaleId(0)),
            None => None,
        };
        self.default_scale_unknown = header.damaged && self.fw.default_scale.is_none();
    }

    /// Looks a name up, reporting it when it is unknown or of the wrong kind.
    fn lookup(&mut self, file: FileId, id: &ast::Ident, want: Want) -> Option<Element> {
        let loc = self.loc(file, id.span);
        match self.names.get(&id.name) {
            Some(&(e, _)) if want.accepts(e) => Some(e),
            Some(&(e, decl)) => {
                self.diagnostics.push(report::diagnostic(Problem::WrongKind {
                    name: id.name.clone(),
                    is: element_kind(e, &self.fw),
                    wanted: want.wanted(),
                    at: loc,
                    declared: decl,
                }));
                None
            }
            None if self.broken.contains(&id.name) => None,
            None if self.meant.contains_key(&id.name) => {
                for &d in &self.meant[&id.name] {
                    self.duplicates[d].used = true;
                }
                None
            }
            None => {
                let suggestion = self.suggest_name(&id.name, want);
                self.diagnostics.push(report::diagnostic(Problem::UnknownReference {
                    name: id.name.clone(),
                    wanted: want.wanted(),
                    suggestion,
                    at: loc,
                }));
                None
            }
        }
    }

    /// A declared name of a kind `want` accepts that `name` may be a slip
    /// for. Only names of a length within the edit budget are looked at.
    fn suggest_name(&mut self, name: &str, want: Want) -> Option<String> {
        let n = name.chars().count();
        if n > MAX_NAME_CHARS || self.suggest.exhausted() {
            return None;
        }
        let names = &self.names;
        let candidates = self.candidates.get_or_insert_with(|| {
            let mut by: Candidates = HashMap::new();
            for (name, (e, _)) in names {
                by.entry((kind_index(*e), name.chars().count())).or_default().push(name.clone());
            }
            for list in by.values_mut() {
                list.sort_unstable();
            }
            by
        });
        let budget = (n / 3).max(1);
        let lists = want
            .kinds()
            .iter()
            .flat_map(|&k| (n.saturating_sub(budget)..=n + budget).map(move |len| (k, len)))
            .filter_map(|key| candidates.get(&key));
        self.suggest
            .did_you_mean(name, lists.flat_map(|l| l.iter().map(String::as_str)))
            .map(str::to_string)
    }

    fn competency_id(&mut self, file: FileId, id: &ast::Ident) -> Option<CompetencyId> {
        match self.lookup(file, id, Want::Competency) {
            Some(Element::Competency(c)) => Some(c),
            _ => None,
        }
    }

    /// The rank of one level on the scale of each of several competencies
    /// (the members of `all in` or `n of`). A level that is wrong on a scale
    /// is one mistake, reported once, not once for every member rated on it.
    fn member_levels(&mut self, file: FileId, members: &[CompetencyId], level: &ast::Ident) -> Vec<Option<Rank>> {
        let mut failed: Vec<Option<ScaleId>> = Vec::new();
        let mut ranks = Vec::with_capacity(members.len());
        for &c in members {
            let scale = self.fw.competencies[c.0].scale;
            if failed.contains(&scale) {
                ranks.push(None);
                continue;
            }
            let rank = self.level(file, c, level);
            if rank.is_none() {
                failed.push(scale);
            }
            ranks.push(rank);
        }
        ranks
    }

    /// The rank of a level on a competency's scale, or a diagnostic.
    fn level(&mut self, file: FileId, c: CompetencyId, level: &ast::Ident) -> Option<Rank> {
        let comp = &self.fw.competencies[c.0];
        let loc = self.loc(file, level.span);
        let Some(scale) = comp.scale else {
            if !self.unknown_scale.contains(&c) && !self.default_scale_unknown {
                self.diagnostics.push(report::diagnostic(Problem::NoScale {
                    competency: comp.id.clone(),
                    at: loc,
                    declared: comp.loc,
                }));
            }
            return None;
        };
        if let Some(&rank) = self.level_ranks[scale.0].get(&level.name) {
            return Some(rank);
        }
        let above = match (self.numeric_top[scale.0], level.name.parse::<u64>()) {
            (Some(top), Ok(n)) => n > top,
            _ => false,
        };
        let scale = &self.fw.scales[scale.0];
        let problem = if above {
            Problem::LevelAboveScale {
                level: level.name.clone(),
                scale: scale.id.clone(),
                top: scale.levels.last().cloned().unwrap_or_default(),
                at: loc,
            }
        } else {
            Problem::UnknownLevel {
                level: level.name.clone(),
                competency: comp.id.clone(),
                scale: scale.id.clone(),
                levels: scale.levels.iter().take(MAX_LISTED).cloned().collect(),
                level_count: scale.levels.len(),
                suggestion: self
                    .suggest
                    .did_you_mean(&level.name, scale.levels.iter().map(String::as_str))
                    .map(str::to_string),
                at: loc,
            }
        };
        self.diagnostics.push(report::diagnostic(problem));
        None
    }

    /// A competency's domain, scale and level descriptors.
    fn competency_levels(&mut self, file: FileId, c: &ast::Competency) {
        let Some(Element::Competency(id)) = self.names.get(&c.id.name).map(|(e, _)| *e) else {
            return;
        };
        if let Some(d) = &c.domain {
            if let Some(Element::Domain(d)) = self.names.get(&d.name).map(|(e, _)| *e) {
                self.fw.competencies[id.0].domain = Some(d);
                self.fw.domains[d.0].competencies.push(id);
            }
        }
        let scale = match &c.scale {
            Some(s) => match self.lookup(file, s, Want::Scale) {
                Some(Element::Scale(s)) => Some(s),
                _ => {
                    self.unknown_scale.insert(id);
                    None
                }
            },
            None => self.fw.default_scale,
        };
        self.fw.competencies[id.0].scale = scale;
        for d in &c.descriptors {
            if let Some(rank) = self.level(file, id, &d.level) {
                self.fw.competencies[id.0].descriptors.push((rank, d.text.value.clone()));
            }
        }
    }

    fn prerequisites(&mut self, id: CompetencyId, file: FileId, c: &ast::Competency) {
        for p in &c.prerequisites {
            let at = match &p.at {
                Some(l) => self.level(file, id, l),
                None => Some(0),
            };
            let needs = self.competency_id(file, &p.needs);
            let level = needs.and_then(|n| self.level(file, n, &p.level));
            if let (Some(at), Some(needs), Some(level)) = (at, needs, level) {
                let loc = self.loc(file, p.span);
                self.fw.competencies[id.0]
                    .prerequisites
                    .push(Prerequisite { at, needs, level, loc });
            }
        }
    }

    fn role(&mut self, id: RoleId, file: FileId, r: &ast::Role) {
        for a in &r.after {
            match self.lookup(file, &a.role, Want::Role) {
                Some(Element::Role(from)) => {
                    let loc = self.loc(file, a.span);
                    self.fw.roles[id.0].after.push(After {
                        role: from,
                        min_months: a.min_time.map(|t| t.months),
                        loc,
                    });
                }
                _ => self.fw.roles[id.0].unresolved_after = true,
            }
        }
        if r.damaged {
            self.fw.roles[id.0].unresolved_after = true;
        }
        let reqs = r.requirements.iter().filter_map(|q| self.requirement(file, q)).collect();
        self.fw.roles[id.0].requirements = reqs;
    }

    /// Counts `n` more competencies listed by the requirement at `at`:
    /// `false` once they are more than [`MAX_REQUIREMENT_MEMBERS`] in all
    /// (reported once, there), and the requirement is left out.
    fn list_members(&mut self, n: usize, at: Loc) -> bool {
        let before = self.members;
        self.members = self.members.saturating_add(n);
        if self.members <= MAX_REQUIREMENT_MEMBERS {
            return true;
        }
        if before <= MAX_REQUIREMENT_MEMBERS {
            self.diagnostics.push(report::diagnostic(Problem::TooManyElements {
                framework: self.fw.id.clone(),
                counted: Counted::RequirementMembers,
                count: self.members,
                limit: MAX_REQUIREMENT_MEMBERS,
                at,
            }));
        }
        false
    }

    fn requirement(&mut self, file: FileId, q: &ast::Requirement) -> Option<Requirement> {
        let loc = self.loc(file, q.span);
        let condition = match &q.condition {
            ast::Condition::Level { competency, level } => {
                let c = self.competency_id(file, competency)?;
                let level = self.level(file, c, level)?;
                Condition::Level { competency: c, level }
            }
            ast::Condition::Named { name } => match self.lookup(file, name, Want::Requirement)? {
                Element::Credential(credential) => Condition::Credential { credential },
                Element::Role(role) => Condition::Role { role },
                _ => {
                    self.diagnostics.push(report::diagnostic(Problem::MissingLevel {
                        competency: name.name.clone(),
                        at: self.loc(file, name.span),
                    }));
                    return None;
                }
            },
            ast::Condition::Experience { time, role } => match self.lookup(file, role, Want::Role)? {
                Element::Role(role) => Condition::Experience { role, months: time.months },
                _ => return None,
            },
            ast::Condition::AllIn { domain, level } => {
                let Element::Domain(d) = self.lookup(file, domain, Want::Domain)? else {
                    return None;
                };
                if !self.list_members(self.fw.domains[d.0].competencies.len(), loc) {
                    return None;
                }
                let members = self.fw.domains[d.0].competencies.clone();
                if members.is_empty() {
                    self.diagnostics.push(report::diagnostic(Problem::EmptyDomain {
                        domain: domain.name.clone(),
                        at: self.loc(file, domain.span),
                    }));
                }
                let ranks = self.member_levels(file, &members, level);
                let ranked: Option<Vec<(CompetencyId, Rank)>> = members.iter().zip(ranks).map(|(&c, r)| r.map(|r| (c, r))).collect();
                Condition::AllIn {
                    domain: d,
                    level: level.name.clone(),
                    members: ranked?,
                }
            }
            ast::Condition::CountOf { count, of, level } => {
                if !self.list_members(of.len(), loc) {
                    return None;
                }
                let mut members = Vec::new();
                let mut complete = true;
                let ids: Vec<Option<CompetencyId>> = of.iter().map(|id| self.competency_id(file, id)).collect();
                let known: Vec<CompetencyId> = ids.iter().flatten().copied().collect();
                let ranks = self.member_levels(file, &known, level);
                complete &= ids.iter().all(Option::is_some);
                for (c, rank) in known.into_iter().zip(ranks) {
                    match rank {
                        Some(rank) => members.push((c, rank)),
                        None => complete = false,
                    }
                }
                let n = match count {
                    ast::Count::Exactly(n, span) => {
                        if *n as usize > of.len() {
                            self.diagnostics.push(report::diagnostic(Problem::UnmeetableCount {
                                count: *n,
                                of: of.len(),
                                at: self.loc(file, *span),
                            }));
                            return None;
                        }
                        *n
                    }
                    ast::Count::Any(_) => 1,
                    ast::Count::All(_) => of.len() as u32,
                };
                if !complete {
                    return None;
                }
                Condition::CountOf {
                    count: n,
                    level: level.name.clone(),
                    members,
                }
            }
        };
        Some(Requirement {
            necessity: q.necessity,
            condition,
            loc,
        })
    }
}
