//! Routes between roles: the steps, the least time they take, and — for a
//! person — what is missing at each step.
//!
//! Every route (`--all`) is never walked one by one: a lattice of 30 ranks
//! has 2³⁰ of them. Routes are counted by dynamic programming over the roles
//! that lie on some route, in topological order, and the first
//! [`MAX_ROUTES`] are listed shortest first by the recursive enumeration
//! algorithm of Jiménez and Marzal (the k shortest paths, each node keeping
//! the paths found from it so far and a heap of candidates), done with an
//! explicit stack. The work is linear in the framework plus, for each route
//! listed, its length times a logarithm: never more than the answer.

use crate::profile::Person;
use crate::readiness::{has_held, readiness, About, Question};
use lfw_model::{CredentialId, Framework, RoleId};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// At most this many routes are listed by `--all`; a framework with more
/// alternatives than that is reported as truncated.
pub const MAX_ROUTES: usize = 100;

#[derive(Clone, Debug)]
pub struct Routes {
    pub framework: String,
    pub from: RoleId,
    pub to: RoleId,
    pub routes: Vec<Route>,
    /// More routes exist than were listed.
    pub truncated: bool,
    /// How many routes lead from `from` to `to`, all of them, listed or not
    /// (at most `u64::MAX`). A framework with a progression cycle, which
    /// does not compile, counts as `u64::MAX`.
    pub count: u64,
}

#[derive(Clone, Debug)]
pub struct Route {
    pub steps: Vec<RouteStep>,
    /// The least time the route takes: the sum of its `after … for` rules,
    /// in months, at most `u32::MAX` (over 357 million years).
    pub min_months: u32,
    /// The same, never capped: it differs from `min_months` only on a route
    /// longer than `u32::MAX` months, which the caller should say.
    pub exact_months: u64,
}

#[derive(Clone, Debug)]
pub struct RouteStep {
    pub role: RoleId,
    /// The least time in the previous role before this one.
    pub min_months_before: Option<u32>,
    /// The credentials the role requires (its essential ones): with the
    /// time before, the gates of the step.
    pub gates: Vec<CredentialId>,
    /// With a profile: where the step lies for the person.
    pub place: Option<Place>,
    /// With a profile: whether the person meets this role's requirements now.
    pub ready: Option<bool>,
    /// With a profile: this role's unmet essential requirements.
    pub missing: Vec<About>,
}

/// Where a step of a route lies for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Behind them: a role before their current one on the route, or one
    /// they have held.
    Done,
    /// Their current role, held for these months.
    Here(u32),
    /// Still to come.
    Ahead,
}

fn step_months(fw: &Framework, from: RoleId, to: RoleId) -> Option<u32> {
    fw.roles[to.0]
        .after
        .iter()
        .filter(|a| a.role == from)
        .filter_map(|a| a.min_months)
        .min()
}

fn route(fw: &Framework, roles: &[RoleId], person: Option<&Person>, q: &Question) -> Route {
    let here = person.and_then(|p| roles.iter().position(|&r| r == p.role));
    let steps = roles
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let place = person.map(|p| match here {
                Some(h) if i == h => Place::Here(p.role_since.months_until(q.as_of)),
                Some(h) if i < h => Place::Done,
                _ if has_held(p, r, q.as_of) => Place::Done,
                _ => Place::Ahead,
            });
            // Readiness is judged for the steps still to come.
            let judged = person
                .filter(|_| i > 0 && place == Some(Place::Ahead))
                .map(|p| readiness(fw, p, r, q));
            RouteStep {
                role: r,
                min_months_before: if i > 0 { step_months(fw, roles[i - 1], r) } else { None },
                gates: fw.roles[r.0]
                    .requirements
                    .iter()
                    .filter(|req| req.necessity == lfw_syntax::ast::Necessity::Essential)
                    .filter_map(|req| match req.condition {
                        lfw_model::Condition::Credential { credential } => Some(credential),
                        _ => None,
                    })
                    .collect(),
                place,
                ready: judged.as_ref().map(|j| j.ready),
                missing: judged
                    .map(|j| {
                        j.requirements
                            .into_iter()
                            .filter(|c| !c.met && c.necessity == lfw_syntax::ast::Necessity::Essential)
                            .map(|c| c.about)
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let exact_months = fw.route_months(roles);
    Route {
        steps,
        min_months: u32::try_from(exact_months).unwrap_or(u32::MAX),
        exact_months,
    }
}

/// The shortest route from `from` to `to` (fewest steps), or with `all`
/// every route, shortest first (fewest steps, then least time, then by the
/// roles' order of declaration), at most [`MAX_ROUTES`] of them. Empty when
/// `to` cannot be reached.
pub fn routes(fw: &Framework, from: RoleId, to: RoleId, all: bool, person: Option<&Person>, q: &Question) -> Routes {
    let lattice = Lattice::new(fw, from, to);
    let count = lattice.as_ref().map_or(u64::MAX, Lattice::count);
    let found = match lattice {
        Some(mut lattice) if all => lattice.first(MAX_ROUTES),
        // Without `all`, or with a cycle (a compile error): the shortest.
        _ => fw.shortest_route(from, to).into_iter().collect(),
    };
    Routes {
        framework: fw.id.clone(),
        from,
        to,
        truncated: all && count > found.len() as u64,
        routes: found.iter().map(|r| route(fw, r, person, q)).collect(),
        count,
    }
}

/// A path's place in the order routes are listed in: steps, months, then
/// the next role and the index of the rest among the routes from it.
type Key = (usize, u64, usize, usize);

/// The roles on some route from `from` to `to`, and the routes through them.
struct Lattice {
    to: usize,
    /// The roles on some route, in topological order (`from` first).
    order: Vec<usize>,
    /// For each role on a route, the next roles on a route, each once, with
    /// the least months of the step.
    next: Vec<Vec<(usize, u64)>>,
    /// The routes from each role found so far, shortest first: (steps,
    /// months, next role, index of the rest among its routes).
    found: Vec<Vec<Key>>,
    /// Candidates for each role's next route.
    candidates: Vec<BinaryHeap<Reverse<Key>>>,
    /// Whether a role's candidates were made (at its second route).
    started: Vec<bool>,
    /// Whether a role has no more routes.
    done: Vec<bool>,
}

impl Lattice {
    /// `None` when the roles between `from` and `to` are in a cycle.
    fn new(fw: &Framework, from: RoleId, to: RoleId) -> Option<Lattice> {
        let n = fw.roles.len();
        // Roles `from` leads to, and roles that lead to `to`.
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (w, role) in fw.roles.iter().enumerate() {
            for a in &role.after {
                before[w].push(a.role.0);
                after[a.role.0].push(w);
            }
        }
        let reach = |start: usize, edges: &[Vec<usize>]| {
            let mut seen = vec![false; n];
            let mut queue = VecDeque::from([start]);
            seen[start] = true;
            while let Some(v) = queue.pop_front() {
                for &w in &edges[v] {
                    if !std::mem::replace(&mut seen[w], true) {
                        queue.push_back(w);
                    }
                }
            }
            seen
        };
        let (forward, backward) = (reach(from.0, &after), reach(to.0, &before));
        let on: Vec<bool> = (0..n).map(|v| forward[v] && backward[v]).collect();
        let mut next: Vec<Vec<(usize, u64)>> = vec![Vec::new(); n];
        for (w, role) in fw.roles.iter().enumerate().filter(|&(w, _)| on[w]) {
            for a in role.after.iter().filter(|a| on[a.role.0]) {
                let months = a.min_months.map(u64::from);
                let list = &mut next[a.role.0];
                match list.iter_mut().find(|(x, _)| *x == w) {
                    // A step's months are the least of its `after … for`
                    // lines; an `after` without a time counts only alone.
                    Some((_, m)) => {
                        if let Some(months) = months {
                            *m = if *m == u64::MAX { months } else { (*m).min(months) };
                        }
                    }
                    None => list.push((w, months.unwrap_or(u64::MAX))),
                }
            }
        }
        for list in &mut next {
            for (_, m) in list.iter_mut() {
                if *m == u64::MAX {
                    *m = 0;
                }
            }
            list.sort_unstable();
        }
        // Kahn's algorithm over the roles on a route.
        let mut indegree = vec![0usize; n];
        for v in (0..n).filter(|&v| on[v]) {
            for &(w, _) in &next[v] {
                indegree[w] += 1;
            }
        }
        let mut ready: Vec<usize> = (0..n).filter(|&v| on[v] && indegree[v] == 0).collect();
        let mut order = Vec::new();
        while let Some(v) = ready.pop() {
            order.push(v);
            for &(w, _) in &next[v] {
                indegree[w] -= 1;
                if indegree[w] == 0 {
                    ready.push(w);
                }
            }
        }
        if order.len() != on.iter().filter(|&&o| o).count() {
            return None;
        }
        let mut lattice = Lattice {
            to: to.0,
            order,
            next,
            found: vec![Vec::new(); n],
            candidates: vec![BinaryHeap::new(); n],
            started: vec![false; n],
            done: vec![false; n],
        };
        // The best route from every role, latest roles first.
        lattice.found[to.0].push((0, 0, usize::MAX, 0));
        for i in (0..lattice.order.len()).rev() {
            let v = lattice.order[i];
            if v == to.0 {
                continue;
            }
            let best = lattice.next[v]
                .iter()
                .map(|&(w, m)| {
                    let (steps, months, _, _) = lattice.found[w][0];
                    (steps + 1, months.saturating_add(m), w, 0)
                })
                .min();
            lattice.found[v].extend(best);
        }
        Some(lattice)
    }

    /// How many routes there are, at most `u64::MAX`.
    fn count(&self) -> u64 {
        let Some(&from) = self.order.first() else { return 0 };
        let mut count = vec![0u64; self.found.len()];
        count[self.to] = 1;
        for &v in self.order.iter().rev() {
            if v != self.to {
                count[v] = self.next[v].iter().fold(0u64, |sum, &(w, _)| sum.saturating_add(count[w]));
            }
        }
        count[from]
    }

    /// Makes the next route from `start` (its routes found so far plus one),
    /// unless there is none. Each role whose next route needs the next
    /// route of the role after it waits on a stack for that one first.
    fn extend(&mut self, start: usize) {
        let mut stack = vec![start];
        // Whether each role on the stack has had its next candidate added.
        let mut added = vec![false];
        while let Some(&v) = stack.last() {
            let depth = stack.len() - 1;
            if v == self.to {
                // The role itself is its one route.
                self.done[v] = true;
                stack.pop();
                added.pop();
                continue;
            }
            if !self.started[v] {
                self.started[v] = true;
                let (_, _, first, _) = self.found[v][0];
                for &(w, m) in &self.next[v] {
                    if w != first {
                        let (steps, months, _, _) = self.found[w][0];
                        self.candidates[v].push(Reverse((steps + 1, months.saturating_add(m), w, 0)));
                    }
                }
            }
            if !added[depth] {
                // The route after the last one through the same next role.
                let (_, _, w, j) = *self.found[v].last().expect("a role on a route has one");
                if self.found[w].len() > j + 1 {
                    let m = self.next[v].iter().find(|&&(x, _)| x == w).map_or(0, |&(_, m)| m);
                    let (steps, months, _, _) = self.found[w][j + 1];
                    self.candidates[v].push(Reverse((steps + 1, months.saturating_add(m), w, j + 1)));
                    added[depth] = true;
                } else if self.done[w] {
                    added[depth] = true;
                } else {
                    stack.push(w);
                    added.push(false);
                    continue;
                }
            }
            match self.candidates[v].pop() {
                Some(Reverse(key)) => self.found[v].push(key),
                None => self.done[v] = true,
            }
            stack.pop();
            added.pop();
        }
    }

    /// The first `k` routes from the first role, shortest first.
    fn first(&mut self, k: usize) -> Vec<Vec<RoleId>> {
        let Some(&from) = self.order.first() else { return Vec::new() };
        while self.found[from].len() < k && !self.done[from] {
            self.extend(from);
        }
        (0..self.found[from].len().min(k))
            .map(|i| {
                let (mut v, mut i) = (from, i);
                let mut roles = vec![RoleId(v)];
                while v != self.to {
                    let (_, _, w, j) = self.found[v][i];
                    roles.push(RoleId(w));
                    (v, i) = (w, j);
                }
                roles
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route from `from` to `to`, by walking them all, in the order
    /// routes are listed in.
    fn every_route(fw: &Framework, from: RoleId, to: RoleId) -> Vec<Vec<RoleId>> {
        let mut out = Vec::new();
        let mut stack = vec![vec![from]];
        while let Some(path) = stack.pop() {
            let last = *path.last().expect("not empty");
            if last == to {
                out.push(path);
                continue;
            }
            let mut next: Vec<RoleId> = (0..fw.roles.len())
                .map(RoleId)
                .filter(|r| fw.roles[r.0].after.iter().any(|a| a.role == last))
                .collect();
            next.dedup();
            for r in next {
                let mut longer = path.clone();
                longer.push(r);
                stack.push(longer);
            }
        }
        out.sort_by_key(|r| (r.len(), fw.route_months(r), r.clone()));
        out
    }

    #[test]
    fn the_first_routes_are_the_shortest_of_all() {
        let q = Question {
            as_of: crate::Date::parse("2025-01-01").expect("date"),
            combine: None,
            valid_months: None,
        };
        // Small frameworks with random progressions, each role after some of
        // those declared before it, with random times, some lines twice.
        let mut seed: u64 = 7;
        let mut random = move |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for round in 0..50 {
            // The last rounds are dense: more routes than are listed.
            let dense = round >= 40;
            let roles = if dense { 10 + random(2) as usize } else { 3 + random(7) as usize };
            let mut text = String::from("framework f \"F\"\nrole r0 \"R\"\n  entry\n");
            for i in 1..roles {
                text.push_str(&format!("role r{i} \"R\"\n"));
                let mut any = false;
                for j in 0..i {
                    let lines = if dense {
                        1 + random(2)
                    } else {
                        random(3).saturating_sub(random(2))
                    };
                    for _ in 0..lines {
                        any = true;
                        match random(3) {
                            0 => text.push_str(&format!("  after r{j}\n")),
                            _ => text.push_str(&format!("  after r{j} for {} months\n", random(4))),
                        }
                    }
                }
                if !any {
                    text.push_str(&format!("  after r{}\n", random(i as u64)));
                }
            }
            let c = lfw_model::compile_str("random.lfw", &text);
            assert!(!c.has_errors(), "{text}\n{:?}", c.diagnostics);
            let fw = &c.frameworks[0];
            for from in (0..roles).map(RoleId) {
                for to in (0..roles).map(RoleId).filter(|&to| to != from) {
                    let every = every_route(fw, from, to);
                    let listed = routes(fw, from, to, true, None, &q);
                    let got: Vec<Vec<RoleId>> = listed.routes.iter().map(|r| r.steps.iter().map(|s| s.role).collect()).collect();
                    let want: Vec<Vec<RoleId>> = every.iter().take(MAX_ROUTES).cloned().collect();
                    assert_eq!(got, want, "{text}\nfrom {from:?} to {to:?}");
                    assert_eq!(listed.count, every.len() as u64);
                    assert_eq!(listed.truncated, every.len() > MAX_ROUTES);
                    let shortest = routes(fw, from, to, false, None, &q);
                    assert_eq!(shortest.routes.len(), usize::from(!every.is_empty()));
                    assert!(!shortest.truncated);
                }
            }
        }
    }
}
