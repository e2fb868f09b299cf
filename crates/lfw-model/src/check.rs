//! The graphs of a resolved framework and the rules checked over them:
//! cycles, reachability, split ladders, requirements no one can meet,
//! regressions.
//!
//! Every graph the language builds is checked for cycles by one routine,
//! [`crate::graph::cycles`]: progression and competency prerequisites here,
//! credentials' entry conditions in [`credentials`], imports and `extends`
//! in `compile.rs`.

use crate::diagnostic::Diagnostic;
use crate::graph::cycles;
use crate::model::*;
use crate::problem::{LevelOf, Problem, MAX_LISTED};
use crate::report;
use crate::source::Loc;
use lfw_syntax::ast::Necessity;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::HashMap;

pub fn check(fw: &mut Framework, diagnostics: &mut Vec<Diagnostic>) {
    progression(fw, diagnostics);
    prerequisites(fw, diagnostics);
    credentials(fw, diagnostics);
    credentials_before_roles(fw, diagnostics);
    regressions(fw, diagnostics);
}

fn progression(fw: &mut Framework, diagnostics: &mut Vec<Diagnostic>) {
    for i in 0..fw.roles.len() {
        fw.progression.add_node(RoleId(i));
    }
    // `after` locations by edge, for the cycle diagnostic.
    let mut after_loc: HashMap<(usize, usize), Loc> = HashMap::new();
    for (i, role) in fw.roles.iter().enumerate() {
        for a in &role.after {
            fw.progression.add_edge(NodeIndex::new(a.role.0), NodeIndex::new(i), a.min_months);
            after_loc.entry((a.role.0, i)).or_insert(a.loc);
        }
    }
    let mut in_cycle = vec![false; fw.roles.len()];
    for cycle in cycles(&fw.progression) {
        let chain: Vec<(String, Loc)> = (0..cycle.len())
            .map(|i| {
                let (a, b) = (cycle[i].index(), cycle[(i + 1) % cycle.len()].index());
                in_cycle[a] = true;
                (fw.roles[a].id.clone(), after_loc[&(a, b)])
            })
            .collect();
        diagnostics.push(report::diagnostic(Problem::ProgressionCycle { chain }));
    }
    // With no role marked `entry`, the roles that come after none are; more
    // than one of them in a ladder (a framework with some `after`) makes
    // separate ladders, which is worth a word: it is often a forgotten
    // `after` or `entry`.
    if !fw.roles.iter().any(|r| r.entry) {
        let starts: Vec<&Role> = fw.roles.iter().filter(|r| r.after.is_empty() && !r.unresolved_after).collect();
        if starts.len() > 1 && fw.progression.edge_count() > 0 {
            diagnostics.push(report::diagnostic(Problem::SplitLadder {
                starts: starts.iter().take(MAX_LISTED).map(|r| r.id.clone()).collect(),
                count: starts.len(),
                at: starts[1].loc,
            }));
        }
        for r in fw.roles.iter_mut() {
            r.entry = r.after.is_empty();
        }
    }
    // A role whose `after` lines are not all known (one named no role, or
    // did not parse) may be reachable through them: it counts as a start,
    // so neither it nor the roles after it are reported for that mistake.
    let unknown_route = (0..fw.roles.len()).filter(|&i| fw.roles[i].unresolved_after).map(RoleId);
    let reachable = fw.reachable_from(fw.entry_roles().into_iter().chain(unknown_route));
    let entry_roles = fw.entry_roles();
    let entries: Vec<String> = entry_roles.iter().take(MAX_LISTED).map(|r| fw.roles[r.0].id.clone()).collect();
    for (i, role) in fw.roles.iter().enumerate() {
        if !reachable[i] && !in_cycle[i] {
            diagnostics.push(report::diagnostic(Problem::UnreachableRole {
                role: role.id.clone(),
                entries: entries.clone(),
                entry_count: entry_roles.len(),
                at: role.loc,
            }));
        }
    }
}

fn prerequisites(fw: &mut Framework, diagnostics: &mut Vec<Diagnostic>) {
    let mut first = Vec::with_capacity(fw.competencies.len());
    for (i, c) in fw.competencies.iter().enumerate() {
        first.push(fw.prerequisites.node_count());
        let levels = c.scale.map(|s| fw.scales[s.0].levels.len()).unwrap_or(0).max(1);
        for rank in 0..levels {
            let n = fw.prerequisites.add_node((CompetencyId(i), rank));
            // Each level of a competency needs the one below it.
            if rank > 0 {
                fw.prerequisites.add_edge(NodeIndex::new(n.index() - 1), n, ());
            }
        }
    }
    fw.first_node = first;
    let mut needs_loc: HashMap<(NodeIndex, NodeIndex), Loc> = HashMap::new();
    for i in 0..fw.competencies.len() {
        for p in fw.competencies[i].prerequisites.clone() {
            let (from, to) = (fw.level_node(p.needs, p.level), fw.level_node(CompetencyId(i), p.at));
            fw.prerequisites.add_edge(from, to, ());
            needs_loc.entry((from, to)).or_insert(p.loc);
        }
    }
    for cycle in cycles(&fw.prerequisites) {
        let levels: Vec<LevelOf> = cycle
            .iter()
            .map(|&n| {
                let (c, rank) = fw.prerequisites[n];
                let name = fw.level_name(c, rank);
                LevelOf {
                    competency: fw.competencies[c.0].id.clone(),
                    level: (!name.is_empty()).then(|| name.to_string()),
                }
            })
            .collect();
        let locs: Vec<Loc> = (0..cycle.len())
            .filter_map(|i| needs_loc.get(&(cycle[i], cycle[(i + 1) % cycle.len()])).copied())
            .collect();
        diagnostics.push(report::diagnostic(Problem::PrerequisiteCycle { levels, at: locs }));
    }
}

/// Credentials whose entry conditions require each other, directly or not.
fn credentials(fw: &Framework, diagnostics: &mut Vec<Diagnostic>) {
    let mut g: DiGraph<(), Loc> = DiGraph::new();
    for _ in &fw.credentials {
        g.add_node(());
    }
    for (i, cred) in fw.credentials.iter().enumerate() {
        for req in &cred.requirements {
            if let Condition::Credential { credential } = req.condition {
                // The first `requires` of a pair names it in the diagnostic.
                if g.find_edge(NodeIndex::new(i), NodeIndex::new(credential.0)).is_none() {
                    g.add_edge(NodeIndex::new(i), NodeIndex::new(credential.0), req.loc);
                }
            }
        }
    }
    for cycle in cycles(&g) {
        let chain: Vec<(String, Loc)> = (0..cycle.len())
            .map(|i| {
                let (a, b) = (cycle[i], cycle[(i + 1) % cycle.len()]);
                let edge = g.find_edge(a, b).expect("cycle edges exist");
                (fw.credentials[a.index()].id.clone(), g[edge])
            })
            .collect();
        diagnostics.push(report::diagnostic(Problem::CredentialCycle { chain }));
    }
}

/// A role that requires a credential whose entry condition is that role,
/// or a role after it. Every (role, credential, entry condition) is asked
/// of the ladder at once ([`Framework::leads_to_all`]): one search each
/// made a ladder of thousands of such roles take minutes.
fn credentials_before_roles(fw: &Framework, diagnostics: &mut Vec<Diagnostic>) {
    let mut asked = Vec::new();
    for (t, role) in fw.roles.iter().enumerate() {
        for req in &role.requirements {
            let Condition::Credential { credential } = req.condition else {
                continue;
            };
            let cred = &fw.credentials[credential.0];
            for entry in &cred.requirements {
                if let Condition::Role { role: r } | Condition::Experience { role: r, .. } = entry.condition {
                    asked.push((RoleId(t), r, req.loc, credential, entry.loc));
                }
            }
        }
    }
    let pairs: Vec<(RoleId, RoleId)> = asked.iter().map(|a| (a.0, a.1)).collect();
    for (&(t, _, at, credential, condition), leads) in asked.iter().zip(fw.leads_to_all(&pairs)) {
        if leads {
            diagnostics.push(report::diagnostic(Problem::CredentialNeedsRole {
                role: fw.roles[t.0].id.clone(),
                credential: fw.credentials[credential.0].id.clone(),
                at,
                condition,
            }));
        }
    }
}

/// Warns where a role asks for a lower level of a competency than a role
/// directly before it.
fn regressions(fw: &Framework, diagnostics: &mut Vec<Diagnostic>) {
    let essential_levels = |role: &Role| -> HashMap<CompetencyId, (Rank, Loc)> {
        let mut m = HashMap::new();
        for q in &role.requirements {
            if let (Necessity::Essential, Condition::Level { competency, level }) = (q.necessity, &q.condition) {
                let e = m.entry(*competency).or_insert((*level, q.loc));
                if *level > e.0 {
                    *e = (*level, q.loc);
                }
            }
        }
        m
    };
    for role in &fw.roles {
        let own = essential_levels(role);
        for a in &role.after {
            let before = &fw.roles[a.role.0];
            for (c, (earlier, earlier_loc)) in essential_levels(before) {
                if let Some(&(level, loc)) = own.get(&c) {
                    if level < earlier {
                        diagnostics.push(report::diagnostic(Problem::Regression {
                            competency: fw.competencies[c.0].id.clone(),
                            level: fw.level_name(c, level).to_string(),
                            role: role.id.clone(),
                            earlier_level: fw.level_name(c, earlier).to_string(),
                            earlier_role: before.id.clone(),
                            at: loc,
                            earlier: earlier_loc,
                        }));
                    }
                }
            }
        }
    }
}
