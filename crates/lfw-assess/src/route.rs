//! Routes between roles: the steps, the least time they take, and — for a
//! person — what is missing at each step.

use crate::profile::Person;
use crate::readiness::{readiness, About, Question};
use lfw_model::{Framework, RoleId};
use petgraph::graph::NodeIndex;

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
}

#[derive(Clone, Debug)]
pub struct Route {
    pub steps: Vec<RouteStep>,
    /// The least time the route takes: the sum of its `after … for` rules.
    pub min_months: u32,
}

#[derive(Clone, Debug)]
pub struct RouteStep {
    pub role: RoleId,
    /// The least time in the previous role before this one.
    pub min_months_before: Option<u32>,
    /// With a profile: whether the person meets this role's requirements now.
    pub ready: Option<bool>,
    /// With a profile: this role's unmet essential requirements.
    pub missing: Vec<About>,
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
    let steps = roles
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let judged = person.filter(|_| i > 0).map(|p| readiness(fw, p, r, q));
            RouteStep {
                role: r,
                min_months_before: if i > 0 { step_months(fw, roles[i - 1], r) } else { None },
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
    let min_months = fw.route_months(roles);
    Route { steps, min_months }
}

/// The shortest route from `from` to `to` (fewest steps), or with `all`
/// every route, shortest first. Empty when `to` cannot be reached.
pub fn routes(fw: &Framework, from: RoleId, to: RoleId, all: bool, person: Option<&Person>, q: &Question) -> Routes {
    let mut found: Vec<Vec<RoleId>> = Vec::new();
    let mut truncated = false;
    if all && from != to {
        let paths = petgraph::algo::all_simple_paths::<Vec<NodeIndex>, _, std::hash::RandomState>(
            &fw.progression,
            NodeIndex::new(from.0),
            NodeIndex::new(to.0),
            0,
            None,
        );
        for p in paths {
            if found.len() == MAX_ROUTES {
                truncated = true;
                break;
            }
            found.push(p.into_iter().map(|n| RoleId(n.index())).collect());
        }
        found.sort_by(|a, b| (a.len(), fw.route_months(a), a).cmp(&(b.len(), fw.route_months(b), b)));
    } else if let Some(r) = fw.shortest_route(from, to) {
        found.push(r);
    }
    Routes {
        framework: fw.id.clone(),
        from,
        to,
        routes: found.iter().map(|r| route(fw, r, person, q)).collect(),
        truncated,
    }
}
