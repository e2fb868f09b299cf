//! The compiler's driver: files to frameworks.
//!
//! load (read, parse, follow imports) → units (one per `framework` line,
//! with the fragments it imports) → extends (inherit, then override) →
//! resolve (names to indices) → check (graphs and the rules over them) →
//! crosswalks (between compiled frameworks).

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_COMPILED_ELEMENTS, MAX_ELEMENTS, MAX_EXTENDS_DEPTH};
use crate::load::{self, LoadedFile, ParseCache, Read};
use crate::model::{Crosswalk, Framework, Mapping, Note};
use crate::problem::{Counted, Problem, Scope, Wanted};
use crate::report;
use crate::source::{FileId, Loc, Sources};
use crate::{check, resolve};
use lfw_syntax::ast::{self, Item, ItemKind};
use lfw_syntax::suggest::Suggester;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Everything one compilation produced. Frameworks are there even when
/// there are errors (with the erroneous parts left out), so that `check`
/// can report everything at once; other commands refuse to run on errors.
#[derive(Debug)]
pub struct Compilation {
    pub sources: Sources,
    pub frameworks: Vec<Framework>,
    pub crosswalks: Vec<Crosswalk>,
    /// Sorted by file and position, without repeats.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }
}

/// Compiles the given files and everything they import.
pub fn compile(roots: &[PathBuf], read: Read) -> Compilation {
    compile_with(roots, read, None)
}

/// Compiles as [`compile`] does, parsing only the files whose text has
/// changed since they went into `cache` (for tools that compile the same
/// files again and again, as the language server does on every edit).
pub fn compile_cached(roots: &[PathBuf], read: Read, cache: &mut ParseCache) -> Compilation {
    compile_with(roots, read, Some(cache))
}

fn compile_with(roots: &[PathBuf], read: Read, cache: Option<&mut ParseCache>) -> Compilation {
    let mut sources = Sources::default();
    let mut diagnostics = Vec::new();
    let files = load::load(roots, read, cache, &mut sources, &mut diagnostics);
    check_import_cycles(&files, &sources, &mut diagnostics);
    let units = units(&files, &mut diagnostics);
    // Did-you-mean has one budget of work for the whole compilation.
    let mut suggest = Suggester::new();
    let frameworks = frameworks(&units, &mut suggest, &mut diagnostics);
    let crosswalks = crosswalks(&files, &frameworks, &mut suggest, &mut diagnostics);
    diagnostics.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    diagnostics.dedup();
    Compilation {
        sources,
        frameworks,
        crosswalks,
        diagnostics,
    }
}

/// The order diagnostics are reported in: by file and position.
fn sort_key(d: &Diagnostic) -> (Option<&str>, Option<Loc>, crate::Code, &str) {
    (d.path.as_deref(), d.primary.as_ref().map(|l| l.loc), d.code, d.message.as_str())
}

/// One file parsed on its own, for the tools that work on its text rather
/// than its meaning (the formatter): the file as the only source, its
/// trees, and its syntax errors as diagnostics.
pub fn parse_file(path: &Path, text: String) -> (Sources, lfw_syntax::Parsed, Vec<Diagnostic>) {
    let text = load::without_bom(text);
    let parsed = lfw_syntax::parse(&text);
    let mut sources = Sources::default();
    let id = sources.add(path.to_path_buf(), text);
    let diagnostics = parsed.errors.iter().map(|e| report::syntax(id, e)).collect();
    (sources, parsed, diagnostics)
}

/// Compiles one text, named `name`, with no other files: for tests and
/// tools that hold the text already.
pub fn compile_str(name: &str, text: &str) -> Compilation {
    let read = |p: &Path| {
        if p == Path::new(name) {
            Ok(text.as_bytes().to_vec())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound).into())
        }
    };
    compile(&[PathBuf::from(name)], &read)
}

fn check_import_cycles(files: &[LoadedFile], sources: &Sources, diagnostics: &mut Vec<Diagnostic>) {
    let mut g: DiGraph<usize, Loc> = DiGraph::new();
    for i in 0..files.len() {
        g.add_node(i);
    }
    for f in files {
        for (loc, target) in &f.imports {
            if let Some(t) = target {
                g.add_edge(NodeIndex::new(f.id.0 as usize), NodeIndex::new(t.0 as usize), *loc);
            }
        }
    }
    for cycle in crate::graph::cycles(&g) {
        let chain: Vec<(Loc, String)> = (0..cycle.len())
            .map(|i| {
                let (a, b) = (cycle[i], cycle[(i + 1) % cycle.len()]);
                let edge = g.find_edge(a, b).expect("cycle edges exist");
                (g[edge], sources.get(FileId(b.index() as u32)).path.display().to_string())
            })
            .collect();
        diagnostics.push(report::diagnostic(Problem::ImportCycle { chain }));
    }
}

/// A framework's own text: its `framework` line and the items of its file
/// and of the fragments (files with no `framework` line) it imports.
struct Unit<'a> {
    header: &'a ast::FrameworkHeader,
    file: FileId,
    items: Vec<(FileId, &'a Item)>,
    extends: Option<(FileId, &'a ast::Ident)>,
}

fn units<'a>(files: &'a [LoadedFile], diagnostics: &mut Vec<Diagnostic>) -> Vec<Unit<'a>> {
    let header_of = |f: &'a LoadedFile| {
        f.ast.items.iter().find_map(|i| match i {
            Item::Framework(h) => Some(h),
            _ => None,
        })
    };
    let mut in_unit = vec![false; files.len()];
    let mut units = Vec::new();
    for file in files {
        let mut headers = file.ast.items.iter().filter_map(|i| match i {
            Item::Framework(h) => Some(h),
            _ => None,
        });
        let Some(header) = headers.next() else { continue };
        for extra in headers {
            diagnostics.push(report::diagnostic(Problem::SecondFramework {
                at: Loc::new(file.id, extra.id.span),
                first: Loc::new(file.id, header.id.span),
            }));
        }
        // The file and its fragments, each once.
        let mut members = vec![file.id];
        let mut seen = HashSet::from([file.id]);
        let mut at = 0;
        while at < members.len() {
            for (_, target) in &files[members[at].0 as usize].imports {
                if let Some(t) = target {
                    if header_of(&files[t.0 as usize]).is_none() && seen.insert(*t) {
                        members.push(*t);
                    }
                }
            }
            at += 1;
        }
        let mut unit = Unit {
            header,
            file: file.id,
            items: Vec::new(),
            extends: header.extends.as_ref().map(|e| (file.id, e)),
        };
        for m in members {
            in_unit[m.0 as usize] = true;
            for item in &files[m.0 as usize].ast.items {
                match item {
                    Item::Framework(_) | Item::Import(_) | Item::Crosswalk(_) => {}
                    Item::Broken(b) if matches!(b.kind, ItemKind::Framework | ItemKind::Import | ItemKind::Crosswalk) => {}
                    _ => unit.items.push((m, item)),
                }
            }
        }
        units.push(unit);
    }
    // Items in files that belong to no framework.
    for file in files.iter().filter(|f| !in_unit[f.id.0 as usize]) {
        let stray = file
            .ast
            .items
            .iter()
            .filter(|i| !matches!(i, Item::Import(_) | Item::Crosswalk(_) | Item::Broken(_)))
            .find_map(|i| declared(i).map(|(_, kind)| (i.span(), kind)));
        if let Some((span, item)) = stray {
            // The keyword is underlined: it is the item, not its id, that is
            // out of place.
            let keyword = report::item_word(item);
            diagnostics.push(report::diagnostic(Problem::NoFramework {
                item,
                at: Loc::new(file.id, lfw_syntax::Span::new(span.start, span.start + keyword.len())),
            }));
        }
    }
    units
}

/// The id an element item declares, and its kind.
pub(crate) fn declared(item: &Item) -> Option<(&ast::Ident, ItemKind)> {
    match item {
        Item::Scale(x) => Some((&x.id, ItemKind::Scale)),
        Item::Domain(x) => Some((&x.id, ItemKind::Domain)),
        Item::Competency(x) => Some((&x.id, ItemKind::Competency(x.kind))),
        Item::Credential(x) => Some((&x.id, ItemKind::Credential)),
        Item::Role(x) => Some((&x.id, ItemKind::Role)),
        Item::Broken(b) => b.id.as_ref().map(|id| (id, b.kind)),
        _ => None,
    }
}

/// Competency kinds may replace each other (a `quality` may become a
/// `behaviour`); other kinds only themselves.
fn same_family(a: ItemKind, b: ItemKind) -> bool {
    matches!((a, b), (ItemKind::Competency(_), ItemKind::Competency(_))) || a == b
}

fn frameworks(units: &[Unit], suggest: &mut Suggester, diagnostics: &mut Vec<Diagnostic>) -> Vec<Framework> {
    // Framework ids are unique across the compilation.
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut live = vec![true; units.len()];
    for (i, u) in units.iter().enumerate() {
        match by_id.get(u.header.id.name.as_str()) {
            Some(&first) => {
                live[i] = false;
                diagnostics.push(report::diagnostic(Problem::DuplicateId {
                    scope: Scope::Compilation,
                    id: u.header.id.name.clone(),
                    at: Loc::new(u.file, u.header.id.span),
                    first: Loc::new(units[first].file, units[first].header.id.span),
                    suggestion: None,
                }));
            }
            None => {
                by_id.insert(&u.header.id.name, i);
            }
        }
    }
    // Each unit's base, when it names a known framework.
    let mut sorted_ids: Vec<&str> = by_id.keys().copied().collect();
    sorted_ids.sort_unstable();
    let mut base: Vec<Option<usize>> = vec![None; units.len()];
    for (i, u) in units.iter().enumerate() {
        let Some((file, e)) = u.extends else { continue };
        match by_id.get(e.name.as_str()) {
            Some(&b) => base[i] = Some(b),
            None => diagnostics.push(report::diagnostic(Problem::UnknownReference {
                name: e.name.clone(),
                wanted: Wanted::Base,
                suggestion: suggest.did_you_mean(&e.name, sorted_ids.iter().copied()).map(str::to_string),
                at: Loc::new(file, e.span),
            })),
        }
    }
    // Extends chains: a cycle is reported once and its members build alone.
    let mut g: DiGraph<(), Loc> = DiGraph::new();
    for _ in units.iter() {
        g.add_node(());
    }
    for (u, b) in base.iter().enumerate() {
        if let (Some(b), Some((file, e))) = (b, units[u].extends) {
            g.add_edge(NodeIndex::new(u), NodeIndex::new(*b), Loc::new(file, e.span));
        }
    }
    for cycle in crate::graph::cycles(&g) {
        let chain: Vec<(String, Loc)> = (0..cycle.len())
            .map(|i| {
                let edge = g.find_edge(cycle[i], cycle[(i + 1) % cycle.len()]).expect("cycle edges exist");
                (units[cycle[i].index()].header.id.name.clone(), g[edge])
            })
            .collect();
        diagnostics.push(report::diagnostic(Problem::ExtendsCycle { chain }));
        for c in cycle {
            base[c.index()] = None;
        }
    }
    // Bases first: each chain walked to its end, then taken back.
    let mut done = vec![false; units.len()];
    let mut order: Vec<usize> = Vec::new();
    for start in 0..units.len() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(u) = at {
            if done[u] {
                break;
            }
            done[u] = true;
            walk.push(u);
            at = base[u];
        }
        order.extend(walk.iter().rev());
    }
    // Effective items, bases first, within the limits: a framework too far
    // down a chain of `extends` or too large is not compiled, nor any that
    // extends it (only the first is reported: the rest follow from it); and
    // once the frameworks compiled hold too many elements in all, no more
    // are (each is reported).
    #[derive(Clone, Copy, PartialEq)]
    enum Refused {
        No,
        Quietly,
        Budget,
    }
    let mut refused = vec![Refused::No; units.len()];
    let mut depth = vec![0usize; units.len()];
    let mut total = 0usize;
    let mut effective: Vec<Option<Vec<(FileId, &Item)>>> = vec![None; units.len()];
    let mut built: Vec<Option<Framework>> = vec![None; units.len()];
    for u in order {
        let unit = &units[u];
        let at = Loc::new(unit.file, unit.header.id.span);
        let too_many = |counted, count, limit| {
            report::diagnostic(Problem::TooManyElements {
                framework: unit.header.id.name.clone(),
                counted,
                count,
                limit,
                at,
            })
        };
        if let Some(b) = base[u] {
            depth[u] = depth[b] + 1;
            match refused[b] {
                Refused::No => {}
                Refused::Quietly => {
                    refused[u] = Refused::Quietly;
                    continue;
                }
                Refused::Budget => {
                    if live[u] {
                        diagnostics.push(too_many(Counted::Compilation, total, MAX_COMPILED_ELEMENTS));
                    }
                    refused[u] = Refused::Budget;
                    continue;
                }
            }
            if depth[u] > MAX_EXTENDS_DEPTH {
                let (file, e) = unit.extends.expect("it has a base");
                diagnostics.push(report::diagnostic(Problem::ExtendsTooDeep {
                    framework: unit.header.id.name.clone(),
                    limit: MAX_EXTENDS_DEPTH,
                    at: Loc::new(file, e.span),
                }));
                refused[u] = Refused::Quietly;
                continue;
            }
        }
        let inherited_len = base[u].and_then(|b| effective[b].as_ref()).map_or(0, Vec::len);
        if total + inherited_len + unit.items.len() > MAX_COMPILED_ELEMENTS {
            if live[u] {
                diagnostics.push(too_many(Counted::Compilation, total, MAX_COMPILED_ELEMENTS));
            }
            refused[u] = Refused::Budget;
            continue;
        }
        let mut items = match base[u] {
            Some(b) => effective[b].clone().unwrap_or_default(),
            None => Vec::new(),
        };
        // Inherited ids by position, so overriding stays linear.
        let inherited: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .filter_map(|(pos, (_, i))| declared(i).map(|(d, _)| (d.name.clone(), pos)))
            .collect();
        let mut replaced = HashSet::new();
        for &(file, item) in &unit.items {
            let Some((id, kind)) = declared(item) else {
                items.push((file, item));
                continue;
            };
            match inherited.get(&id.name).copied() {
                Some(pos) if replaced.insert(id.name.clone()) => {
                    let (bfile, bitem) = items[pos];
                    let (bid, bkind) = declared(bitem).expect("found by its id");
                    if same_family(kind, bkind) {
                        items[pos] = (file, item);
                    } else {
                        diagnostics.push(report::diagnostic(Problem::OverrideKind {
                            name: id.name.clone(),
                            own: kind,
                            inherited: bkind,
                            at: Loc::new(file, id.span),
                            base: Loc::new(bfile, bid.span),
                        }));
                    }
                }
                _ => items.push((file, item)),
            }
        }
        if items.len() > MAX_ELEMENTS {
            if live[u] {
                diagnostics.push(too_many(Counted::Elements, items.len(), MAX_ELEMENTS));
            }
            refused[u] = Refused::Quietly;
            continue;
        }
        total += items.len();
        if live[u] {
            let extends = unit.extends.map(|(_, e)| e.name.clone());
            let inherited = match base[u].and_then(|b| built[b].as_ref()) {
                Some(f) => resolve::Inherited {
                    default_scale: f.default_scale.map(|s| f.scales[s.0].id.clone()),
                    evidence: f.evidence.clone(),
                },
                None => resolve::Inherited::default(),
            };
            if let Some(mut fw) = resolve::build(unit.header, unit.file, &items, extends, inherited, suggest, diagnostics) {
                check::check(&mut fw, diagnostics);
                built[u] = Some(fw);
            }
        }
        effective[u] = Some(items);
    }
    built.into_iter().flatten().collect()
}

fn crosswalks(
    files: &[LoadedFile],
    frameworks: &[Framework],
    suggest: &mut Suggester,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Crosswalk> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, Loc> = HashMap::new();
    for file in files {
        for item in &file.ast.items {
            let Item::Crosswalk(cw) = item else { continue };
            let loc = |span| Loc::new(file.id, span);
            if let Some(first) = seen.get(&cw.id.name) {
                diagnostics.push(report::diagnostic(Problem::DuplicateId {
                    scope: Scope::Compilation,
                    id: cw.id.name.clone(),
                    at: loc(cw.id.span),
                    first: *first,
                    suggestion: None,
                }));
                continue;
            }
            seen.insert(cw.id.name.clone(), loc(cw.id.span));
            let Some((from, to)) = &cw.between else {
                diagnostics.push(report::diagnostic(Problem::IncompleteCrosswalk {
                    crosswalk: cw.id.name.clone(),
                    at: loc(cw.id.span),
                }));
                continue;
            };
            let find = |id: &ast::Ident, suggest: &mut Suggester, diagnostics: &mut Vec<Diagnostic>| {
                let fw = frameworks.iter().find(|f| f.id == id.name);
                if fw.is_none() {
                    diagnostics.push(report::diagnostic(Problem::UnknownReference {
                        name: id.name.clone(),
                        wanted: Wanted::Framework,
                        suggestion: suggest
                            .did_you_mean(&id.name, frameworks.iter().map(|f| f.id.as_str()))
                            .map(str::to_string),
                        at: loc(id.span),
                    }));
                }
                fw
            };
            let (fa, fb) = (find(from, suggest, diagnostics), find(to, suggest, diagnostics));
            let (names_a, names_b) = (known_names(fa), known_names(fb));
            let mut mappings = Vec::new();
            for m in &cw.mappings {
                let mut ok = true;
                for (fw, known, id) in [(fa, &names_a, &m.from), (fb, &names_b, &m.to)] {
                    if let Some(fw) = fw {
                        if !known.contains(id.name.as_str()) {
                            ok = false;
                            diagnostics.push(report::diagnostic(Problem::UnknownReference {
                                name: id.name.clone(),
                                wanted: Wanted::ElementOf(fw.id.clone()),
                                suggestion: suggest.did_you_mean(&id.name, resolve::element_names(fw)).map(str::to_string),
                                at: loc(id.span),
                            }));
                        }
                    }
                }
                if ok {
                    mappings.push(Mapping {
                        from: m.from.name.clone(),
                        to: m.to.name.clone(),
                        closeness: m.closeness,
                        rationale: m.rationale.as_ref().map(|t| t.value.clone()),
                        loc: loc(m.span),
                    });
                }
            }
            let levels = crosswalk_levels(cw, fa, fb, file.id, suggest, diagnostics);
            out.push(Crosswalk {
                id: cw.id.name.clone(),
                title: cw.title.value.clone(),
                from: from.name.clone(),
                to: to.name.clone(),
                levels,
                mappings,
                description: cw.description.as_ref().map(|t| t.value.clone()),
                notes: cw
                    .notes
                    .iter()
                    .map(|n| Note {
                        kind: n.kind,
                        text: n.text.value.clone(),
                    })
                    .collect(),
                loc: loc(cw.id.span),
            });
        }
    }
    out
}

fn known_names(fw: Option<&Framework>) -> HashSet<&str> {
    fw.map(|f| resolve::element_names(f).collect()).unwrap_or_default()
}

/// A framework's levels by name: the rank on the first scale that has the
/// level.
fn level_ranks(fw: Option<&Framework>) -> HashMap<&str, usize> {
    let mut m = HashMap::new();
    for s in fw.iter().flat_map(|f| &f.scales) {
        for (rank, l) in s.levels.iter().enumerate() {
            m.entry(l.as_str()).or_insert(rank);
        }
    }
    m
}

/// Level correspondences: each level must be on a scale of its framework,
/// and the correspondence must keep order.
fn crosswalk_levels(
    cw: &ast::Crosswalk,
    fa: Option<&Framework>,
    fb: Option<&Framework>,
    file: FileId,
    suggest: &mut Suggester,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    let (ranks_a, ranks_b) = (level_ranks(fa), level_ranks(fb));
    let mut rank = |fw: &Framework, ranks: &HashMap<&str, usize>, id: &ast::Ident, diagnostics: &mut Vec<Diagnostic>| -> Option<usize> {
        let r = ranks.get(id.name.as_str()).copied();
        if r.is_none() {
            let all = fw.scales.iter().flat_map(|s| s.levels.iter().map(String::as_str));
            diagnostics.push(report::diagnostic(Problem::UnknownReference {
                name: id.name.clone(),
                wanted: Wanted::LevelIn(fw.id.clone()),
                suggestion: suggest.did_you_mean(&id.name, all).map(str::to_string),
                at: Loc::new(file, id.span),
            }));
        }
        r
    };
    let mut ranked: Vec<(usize, usize, &ast::LevelMap)> = Vec::new();
    for l in &cw.levels {
        let a = fa.map(|f| rank(f, &ranks_a, &l.from, diagnostics));
        let b = fb.map(|f| rank(f, &ranks_b, &l.to, diagnostics));
        if let (Some(Some(a)), Some(Some(b))) = (a, b) {
            ranked.push((a, b, l));
        }
    }
    let pairs: Vec<(usize, usize)> = ranked.iter().map(|&(a, b, _)| (a, b)).collect();
    for (x, y) in order_breaks(&pairs) {
        diagnostics.push(report::diagnostic(Problem::CrosswalkLevelOrder {
            at: Loc::new(file, ranked[x].2.span),
            other: Loc::new(file, ranked[y].2.span),
        }));
    }
    cw.levels.iter().map(|l| (l.from.name.clone(), l.to.name.clone())).collect()
}

/// The correspondences `(a, b)` (ranks on the two scales) that reverse the
/// order of an earlier one — a lower `a` with a higher `b`, or the other
/// way about — each once, with one earlier correspondence it reverses:
/// `(later, earlier)` indices. One diagnostic a line, however many it
/// crosses, and O(n log n) work: a Fenwick tree over the `a` ranks keeps,
/// for the earlier lines, the highest `b` below each rank and (on reversed
/// ranks) the lowest `b` above it.
fn order_breaks(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut ranks: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    ranks.sort_unstable();
    ranks.dedup();
    let m = ranks.len();
    let slot = |a: usize| ranks.partition_point(|&r| r < a);
    // Fenwick trees of (b, index): `below` by rank, the highest b;
    // `above` by reversed rank, the lowest b.
    let mut below: Vec<Option<(usize, usize)>> = vec![None; m + 1];
    let mut above: Vec<Option<(usize, usize)>> = vec![None; m + 1];
    let mut breaks = Vec::new();
    for (i, &(a, b)) in pairs.iter().enumerate() {
        let k = slot(a);
        // Earlier lines with a lower rank (slots 1..=k) and a higher b.
        let mut best: Option<(usize, usize)> = None;
        let mut j = k;
        while j > 0 {
            best = best.max(below[j]);
            j &= j - 1;
        }
        let mut found = best.filter(|&(bb, _)| bb > b).map(|(_, y)| y);
        if found.is_none() {
            // Earlier lines with a higher rank (reversed slots 1..=m-k-1)
            // and a lower b.
            let mut least: Option<(usize, usize)> = None;
            let mut j = m - k - 1;
            while j > 0 {
                least = least.into_iter().chain(above[j]).min();
                j &= j - 1;
            }
            found = least.filter(|&(bb, _)| bb < b).map(|(_, y)| y);
        }
        if let Some(y) = found {
            breaks.push((i, y));
        }
        let mut j = k + 1;
        while j <= m {
            below[j] = below[j].max(Some((b, i)));
            j += j & j.wrapping_neg();
        }
        let mut j = m - k;
        while j <= m {
            above[j] = Some(above[j].map_or((b, i), |c| c.min((b, i))));
            j += j & j.wrapping_neg();
        }
    }
    breaks
}

#[cfg(test)]
mod order_tests {
    use super::order_breaks;
    use proptest::prelude::*;

    /// The reference: every earlier line each line reverses.
    fn reversed_by(pairs: &[(usize, usize)], i: usize) -> Vec<usize> {
        let (a, b) = pairs[i];
        (0..i)
            .filter(|&j| {
                let (c, d) = pairs[j];
                (a > c && b < d) || (a < c && b > d)
            })
            .collect()
    }

    proptest! {
        /// Lines reported are exactly those that reverse some earlier line,
        /// each once, and the earlier line named is one it reverses.
        #[test]
        fn the_fast_check_finds_what_the_pairwise_one_finds(pairs in prop::collection::vec((0usize..6, 0usize..6), 0..40)) {
            let breaks = order_breaks(&pairs);
            let reported: Vec<usize> = breaks.iter().map(|&(x, _)| x).collect();
            let expected: Vec<usize> = (0..pairs.len()).filter(|&i| !reversed_by(&pairs, i).is_empty()).collect();
            prop_assert_eq!(reported, expected);
            for (x, y) in breaks {
                prop_assert!(reversed_by(&pairs, x).contains(&y));
            }
        }
    }

    #[test]
    fn a_reversed_map_of_many_lines_is_one_error_a_line_quickly() {
        // 200,000 lines alternating between two crossing correspondences:
        // pairwise, 2 * 10^10 comparisons and as many errors.
        let pairs: Vec<(usize, usize)> = (0..200_000).map(|i| if i % 2 == 0 { (0, 1) } else { (1, 0) }).collect();
        let breaks = order_breaks(&pairs);
        assert_eq!(breaks.len(), 199_999);
        assert!(breaks.iter().all(|&(x, y)| y < x && pairs[x] != pairs[y]));
    }
}
