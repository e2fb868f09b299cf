//! Queries over the compiled graphs: the ones the analyses build on.
//!
//! Every query is deterministic: where a graph allows several answers, ties
//! are broken by source order (the lower index first).

use crate::model::{CompetencyId, Framework, Rank, RoleId};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

impl Framework {
    /// Every competency level, in an order that respects the prerequisite
    /// graph. `None` when the graph has a cycle (a compile error).
    pub fn development_order(&self) -> Option<Vec<(CompetencyId, Rank)>> {
        let all: Vec<NodeIndex> = self.prerequisites.node_indices().collect();
        self.topological(&all)
    }

    /// The given competency levels and everything they need first, directly
    /// or not, in an order that respects the prerequisite graph: what a
    /// development plan must cover. `None` when a cycle is involved.
    pub fn plan_order(&self, targets: &[(CompetencyId, Rank)]) -> Option<Vec<(CompetencyId, Rank)>> {
        let mut seen = vec![false; self.prerequisites.node_count()];
        let mut stack: Vec<NodeIndex> = targets.iter().map(|&(c, r)| self.level_node(c, r)).collect();
        let mut nodes = Vec::new();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n.index()], true) {
                continue;
            }
            nodes.push(n);
            stack.extend(self.prerequisites.neighbors_directed(n, Direction::Incoming));
        }
        self.topological(&nodes)
    }

    /// Kahn's algorithm over a subset of nodes, smallest node first among
    /// those ready.
    fn topological(&self, nodes: &[NodeIndex]) -> Option<Vec<(CompetencyId, Rank)>> {
        let g = &self.prerequisites;
        let mut inside = vec![false; g.node_count()];
        for n in nodes {
            inside[n.index()] = true;
        }
        let mut indegree = vec![0usize; g.node_count()];
        for &n in nodes {
            indegree[n.index()] = g.neighbors_directed(n, Direction::Incoming).filter(|m| inside[m.index()]).count();
        }
        let mut ready: BinaryHeap<Reverse<NodeIndex>> = nodes.iter().filter(|n| indegree[n.index()] == 0).map(|&n| Reverse(n)).collect();
        let mut order = Vec::with_capacity(nodes.len());
        while let Some(Reverse(n)) = ready.pop() {
            order.push(g[n]);
            for m in g.neighbors_directed(n, Direction::Outgoing) {
                if inside[m.index()] {
                    indegree[m.index()] -= 1;
                    if indegree[m.index()] == 0 {
                        ready.push(Reverse(m));
                    }
                }
            }
        }
        (order.len() == nodes.len()).then_some(order)
    }

    /// Which roles can be reached from an entry role.
    pub fn reachable_roles(&self) -> Vec<bool> {
        self.reachable_from(self.entry_roles())
    }

    /// Which roles can be reached by progression from `starts` (which
    /// reach themselves).
    pub fn reachable_from(&self, starts: impl IntoIterator<Item = RoleId>) -> Vec<bool> {
        let mut seen = vec![false; self.roles.len()];
        let mut queue: VecDeque<NodeIndex> = starts.into_iter().map(|r| NodeIndex::new(r.0)).collect();
        for n in &queue {
            seen[n.index()] = true;
        }
        while let Some(n) = queue.pop_front() {
            for m in self.progression.neighbors(n) {
                if !std::mem::replace(&mut seen[m.index()], true) {
                    queue.push_back(m);
                }
            }
        }
        seen
    }

    /// Whether `to` can be reached from `from` by progression (a role
    /// reaches itself).
    pub fn leads_to(&self, from: RoleId, to: RoleId) -> bool {
        petgraph::algo::has_path_connecting(&self.progression, NodeIndex::new(from.0), NodeIndex::new(to.0), None)
    }

    /// [`Framework::leads_to`] for many pairs at once, in the order given.
    /// One search a pair would cost pairs × roles; here the pairs' targets
    /// are taken 64 at a time, and for each batch one pass over the ladder
    /// (its strongly connected components, sinks first, so a cycle costs
    /// nothing more) gives every role the set of those targets it reaches,
    /// as the bits of one word: (roles + steps) × targets / 64 in all.
    pub fn leads_to_all(&self, pairs: &[(RoleId, RoleId)]) -> Vec<bool> {
        let g = &self.progression;
        // Kosaraju's order is a reverse topological one: a component comes
        // after every component it leads to.
        let components = petgraph::algo::kosaraju_scc(g);
        let mut component = vec![0; g.node_count()];
        for (c, nodes) in components.iter().enumerate() {
            for n in nodes {
                component[n.index()] = c;
            }
        }
        let mut targets: Vec<usize> = pairs.iter().map(|p| p.1 .0).collect();
        targets.sort_unstable();
        targets.dedup();
        let mut answers = vec![false; pairs.len()];
        let mut reach = vec![0u64; components.len()];
        for batch in targets.chunks(64) {
            reach.iter_mut().for_each(|r| *r = 0);
            for (bit, &t) in batch.iter().enumerate() {
                reach[component[t]] |= 1 << bit;
            }
            for (c, nodes) in components.iter().enumerate() {
                let mut bits = reach[c];
                for n in nodes {
                    for m in g.neighbors(*n) {
                        bits |= reach[component[m.index()]];
                    }
                }
                reach[c] = bits;
            }
            for (answer, &(from, to)) in answers.iter_mut().zip(pairs) {
                if let Ok(bit) = batch.binary_search(&to.0) {
                    *answer = reach[component[from.0]] >> bit & 1 == 1;
                }
            }
        }
        answers
    }

    /// The route from one role to another with the fewest steps, both ends
    /// included. Among equally short routes, the one through earlier-declared
    /// roles.
    pub fn shortest_route(&self, from: RoleId, to: RoleId) -> Option<Vec<RoleId>> {
        route_to(&self.route_tree(from), to)
    }

    /// The shortest routes from one role to every role, as a tree: for each
    /// role a route reaches, the role before it on the route (`from` itself
    /// for `from`); `None` for roles no route reaches. One breadth-first
    /// walk, so asking for many routes from one role costs one walk, not
    /// one each. Ties go as in [`Framework::shortest_route`].
    pub fn route_tree(&self, from: RoleId) -> Vec<Option<RoleId>> {
        let mut previous: Vec<Option<RoleId>> = vec![None; self.roles.len()];
        let mut queue = VecDeque::from([from.0]);
        previous[from.0] = Some(from);
        while let Some(n) = queue.pop_front() {
            let mut next: Vec<usize> = self.progression.neighbors(NodeIndex::new(n)).map(|m| m.index()).collect();
            next.sort_unstable();
            next.dedup();
            for m in next {
                if previous[m].is_none() {
                    previous[m] = Some(RoleId(n));
                    queue.push_back(m);
                }
            }
        }
        previous
    }

    /// For each role, its height on the ladder: the most steps of any route
    /// to it from a role that comes after none (0 for those). All zeros in
    /// a framework with a progression cycle (which does not compile).
    pub fn ladder_heights(&self) -> Vec<usize> {
        let mut height = vec![0usize; self.roles.len()];
        if let Ok(order) = petgraph::algo::toposort(&self.progression, None) {
            for n in order {
                for m in self.progression.neighbors(n) {
                    height[m.index()] = height[m.index()].max(height[n.index()] + 1);
                }
            }
        }
        height
    }

    /// The least time a route takes: the sum of the `after … for` minimums
    /// along it, in months. Wide enough never to wrap: a step is at most
    /// 99,999 years, and a route has fewer steps than a framework has roles.
    pub fn route_months(&self, route: &[RoleId]) -> u64 {
        route
            .windows(2)
            .map(|w| {
                self.roles[w[1].0]
                    .after
                    .iter()
                    .filter(|a| a.role == w[0])
                    .filter_map(|a| a.min_months)
                    .min()
                    .map_or(0, u64::from)
            })
            .sum()
    }
}

/// One cycle per strongly connected component that has one (found with
/// Kosaraju's algorithm, which petgraph runs without recursion: Tarjan's
/// recursive walk overflows the stack on long chains), as the list of
/// nodes along it (the first node is not repeated at the end). Deterministic:
/// each cycle starts at its smallest node.
pub fn cycles<N, E>(g: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    let mut out = Vec::new();
    for mut scc in petgraph::algo::kosaraju_scc(g) {
        scc.sort_unstable();
        let start = scc[0];
        let self_loop = g.contains_edge(start, start);
        if scc.len() == 1 && !self_loop {
            continue;
        }
        if self_loop {
            out.push(vec![start]);
            continue;
        }
        // Breadth-first inside the component, from `start` back to it.
        let mut inside = vec![false; g.node_count()];
        for n in &scc {
            inside[n.index()] = true;
        }
        let mut previous: Vec<Option<NodeIndex>> = vec![None; g.node_count()];
        let mut queue = VecDeque::from([start]);
        let mut seen = vec![false; g.node_count()];
        seen[start.index()] = true;
        let mut last = None;
        'search: while let Some(n) = queue.pop_front() {
            let mut next: Vec<NodeIndex> = g.neighbors(n).filter(|m| inside[m.index()]).collect();
            next.sort_unstable();
            for m in next {
                if m == start {
                    last = Some(n);
                    break 'search;
                }
                if !std::mem::replace(&mut seen[m.index()], true) {
                    previous[m.index()] = Some(n);
                    queue.push_back(m);
                }
            }
        }
        let Some(mut at) = last else { continue };
        let mut path = vec![at];
        while let Some(p) = previous[at.index()] {
            path.push(p);
            at = p;
        }
        path.reverse();
        out.push(path);
    }
    out.sort();
    out
}

/// The route to `to` in a tree of [`Framework::route_tree`], both ends
/// included; `None` when no route reaches it.
pub fn route_to(tree: &[Option<RoleId>], to: RoleId) -> Option<Vec<RoleId>> {
    let mut route = vec![to];
    let mut at = to;
    loop {
        let before = tree.get(at.0).copied().flatten()?;
        if before == at {
            break;
        }
        route.push(before);
        at = before;
    }
    route.reverse();
    Some(route)
}

#[cfg(test)]
mod tests {
    use crate::model::RoleId;
    use proptest::prelude::*;

    /// A framework of `n` roles with the progression steps given (cycles
    /// included: they are errors, and the graph is still there).
    fn ladder(n: usize, steps: &[(usize, usize)]) -> crate::Compilation {
        let mut text = String::from("framework f \"F\"\n\nscale s \"S\"\n  levels a < b\n");
        for r in 0..n {
            text += &format!("\nrole r{r} \"R{r}\"\n");
            let before: Vec<String> = steps
                .iter()
                .filter(|s| s.1 % n == r)
                .map(|s| format!("  after r{}\n", s.0 % n))
                .collect();
            if before.is_empty() {
                text += "  entry\n";
            }
            text += &before.concat();
        }
        crate::compile_str("f.lfw", &text)
    }

    proptest! {
        /// The batched answers are the one-search answers, on ladders with
        /// branches, merges and cycles, and with more than 64 targets.
        #[test]
        fn leads_to_all_answers_as_leads_to_does(
            n in 1usize..90,
            steps in prop::collection::vec((0usize..90, 0usize..90), 0..150),
            asked in prop::collection::vec((0usize..90, 0usize..90), 0..200),
        ) {
            let c = ladder(n, &steps);
            let fw = &c.frameworks[0];
            prop_assert_eq!(fw.roles.len(), n);
            if steps.iter().any(|s| s.0 % n != s.1 % n) {
                prop_assert!(fw.progression.edge_count() > 0, "the ladder was read with its steps");
            }
            let pairs: Vec<(RoleId, RoleId)> = asked.iter().map(|&(a, b)| (RoleId(a % n), RoleId(b % n))).collect();
            let expected: Vec<bool> = pairs.iter().map(|&(a, b)| fw.leads_to(a, b)).collect();
            prop_assert_eq!(fw.leads_to_all(&pairs), expected);
        }
    }
}
