//! The development plan: every unmet essential requirement of the target
//! role, and everything it pulls in, in one order that respects all of it.
//!
//! A requirement pulls in more than itself:
//!
//! - a competency level, the levels it needs first (the prerequisite graph);
//! - a credential, its own unmet entry conditions, recursively (a
//!   credential that requires another: that one first);
//! - a role the person must be in or have held, the route up the ladder
//!   from their current role to it (as `lfw path` finds it, the fewest
//!   steps), and at each step its gates: the time in the role before and
//!   the credentials the role requires;
//! - time in a role, getting to that role first.
//!
//! Competency levels come first, in prerequisite order (smallest node first,
//! as [`Framework::plan_order`] gives them); nothing else is needed before a
//! level, so this keeps every constraint. The rest follows in depth-first
//! post-order from the target's requirements: each goal right after what it
//! needs, which reads as a route ("serve 2 years as firefighter, obtain
//! ic-level-1, become crew-manager, …").

use crate::date::Date;
use crate::profile::Person;
use crate::readiness::{credential_held, has_held, level_of, months_in, Check, CheckKind, Question, Step, Why};
use lfw_model::{CompetencyId, Condition, CredentialId, Framework, Rank, Requirement, RoleId};
use lfw_syntax::ast::Necessity;
use std::collections::{HashMap, HashSet};

/// Something the person must achieve, other than a competency level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Goal {
    Credential(CredentialId),
    /// Be in the role, reached up the ladder from the current role.
    Reach(RoleId),
    /// Have served this many months in the role.
    Serve(RoleId, u32),
    /// Hold (or have held) a role no route leads to from the current role.
    Hold(RoleId),
    /// The target's progression rule, when no role it comes after can be
    /// reached from the current role.
    Progress,
}

/// What the plan is built from: the question, and what it has found.
struct Planner<'a> {
    fw: &'a Framework,
    person: &'a Person,
    q: &'a Question,
    /// Competency levels asked for directly (by the role or a credential),
    /// with why.
    levels: Vec<(CompetencyId, Rank, Why)>,
    /// The shortest routes from the person's current role
    /// ([`Framework::route_tree`]).
    routes: Vec<Option<RoleId>>,
}

impl Planner<'_> {
    fn have(&self, c: CompetencyId) -> Option<Rank> {
        level_of(self.fw, self.person, c, self.q).0
    }

    fn met(&self, goal: Goal) -> bool {
        match goal {
            Goal::Credential(c) => credential_held(self.person, c, self.q.as_of).is_some(),
            Goal::Reach(r) | Goal::Hold(r) => has_held(self.person, r, self.q.as_of),
            Goal::Serve(r, months) => months_in(self.person, r, self.q.as_of) >= months,
            Goal::Progress => false,
        }
    }

    /// Being in (or having held) `role`: up the ladder when a route leads
    /// there from the current role, else simply held.
    fn role_goal(&self, role: RoleId) -> Goal {
        if self.routes[role.0].is_some() {
            Goal::Reach(role)
        } else {
            Goal::Hold(role)
        }
    }

    /// The goals an unmet requirement asks for; its competency levels are
    /// noted in `levels` instead.
    fn goals_of(&mut self, req: &Requirement, check: &Check, why: Why, out: &mut Vec<(Goal, Why)>) {
        match &req.condition {
            Condition::Level { competency, level } => self.levels.push((*competency, *level, why)),
            Condition::AllIn { members, .. } => {
                for (&(c, r), m) in members.iter().zip(&check.members) {
                    if !m.met {
                        self.levels.push((c, r, why));
                    }
                }
            }
            Condition::CountOf { count, members, .. } => {
                // The members closest to being met, as many as are short.
                let short = (*count as usize).saturating_sub(check.members.iter().filter(|m| m.met).count());
                let mut unmet: Vec<(usize, &(CompetencyId, Rank))> = members
                    .iter()
                    .zip(&check.members)
                    .filter(|(_, m)| !m.met)
                    .map(|(cr, m)| (m.gap.unwrap_or(0), cr))
                    .collect();
                unmet.sort_by_key(|(gap, (c, _))| (*gap, *c));
                for (_, &(c, r)) in unmet.into_iter().take(short) {
                    self.levels.push((c, r, why));
                }
            }
            Condition::Credential { credential } => out.push((Goal::Credential(*credential), why)),
            Condition::Role { role } => out.push((self.role_goal(*role), why)),
            Condition::Experience { role, months } => out.push((Goal::Serve(*role, *months), why)),
        }
    }

    /// What must come before `goal` (itself planned for `why`), each with
    /// why.
    fn needs(&mut self, goal: Goal, why: Why) -> Vec<(Goal, Why)> {
        let mut out = Vec::new();
        match goal {
            Goal::Credential(c) => {
                let credential = &self.fw.credentials[c.0];
                for (i, req) in credential.requirements.iter().enumerate() {
                    if req.necessity != Necessity::Essential {
                        continue;
                    }
                    let check = crate::readiness::check(self.fw, self.person, i, req, self.q);
                    if !check.met {
                        self.goals_of(req, &check, Why::EntryTo(c), &mut out);
                    }
                }
            }
            Goal::Reach(r) => {
                let Some(before) = self.routes[r.0] else { return out };
                if before != r {
                    out.push((self.role_goal(before), Why::OnTheWayToRole(r)));
                    let months = self.fw.roles[r.0]
                        .after
                        .iter()
                        .filter(|a| a.role == before)
                        .filter_map(|a| a.min_months)
                        .min()
                        .unwrap_or(0);
                    if months > 0 {
                        out.push((Goal::Serve(before, months), Why::Before(r)));
                    }
                }
                // The role's gates: the credentials it requires.
                for req in &self.fw.roles[r.0].requirements {
                    if let (Necessity::Essential, Condition::Credential { credential }) = (req.necessity, &req.condition) {
                        out.push((Goal::Credential(*credential), Why::Gate(r)));
                    }
                }
            }
            Goal::Serve(r, _) => {
                // Getting to the role serves the same end as the time in it.
                if self.person.role != r && !has_held(self.person, r, self.q.as_of) {
                    out.push((self.role_goal(r), why));
                }
            }
            Goal::Hold(_) | Goal::Progress => {}
        }
        out
    }

    fn step(&self, goal: Goal, why: Why) -> Step {
        match goal {
            Goal::Credential(credential) => Step::Obtain { credential, why },
            Goal::Reach(role) => Step::Reach {
                role,
                from: self.routes[role.0].unwrap_or(self.person.role),
                why,
            },
            Goal::Serve(role, needs) => {
                let has = months_in(self.person, role, self.q.as_of);
                let now = self.person.role == role;
                Step::Experience {
                    role,
                    has,
                    needs,
                    from: now.then_some(self.q.as_of),
                    eligible: now.then(|| eligible_on(self.person, role, needs, self.q.as_of)),
                    why,
                }
            }
            Goal::Hold(role) => Step::Hold { role, why },
            Goal::Progress => Step::Progress {
                current: self.person.role,
                months: self.person.role_since.months_until(self.q.as_of),
            },
        }
    }
}

/// The first day on which the person, staying in the role they hold now,
/// will have served `needs` months in it.
pub fn eligible_on(person: &Person, role: RoleId, needs: u32, as_of: Date) -> Date {
    let so_far = months_in(person, role, as_of);
    let in_this_stint = person.role_since.months_until(as_of);
    let before = so_far.saturating_sub(in_this_stint);
    // `add_months` moves a day the month lacks to the 1st of the next, which
    // is the first day a whole month is counted (a property test holds it
    // to walking day by day).
    person.role_since.add_months(needs.saturating_sub(before)).max(as_of)
}

/// The plan for `target`, from its judged `checks` (the progression check
/// first, when there is one).
pub fn plan(fw: &Framework, person: &Person, target: RoleId, checks: &[Check], q: &Question) -> Vec<Step> {
    let mut planner = Planner {
        fw,
        person,
        q,
        levels: Vec::new(),
        routes: fw.route_tree(person.role),
    };
    let role = &fw.roles[target.0];
    let mut roots: Vec<(Goal, Why)> = Vec::new();
    let progression = checks.first().filter(|c| c.kind == CheckKind::Progression);
    if progression.is_some_and(|p| !p.met) {
        let why = Why::Requires(crate::readiness::About::Progression);
        // The role it comes after that the fewest steps lead to, the first
        // written among equals; none: the person's role does not lead there.
        let nearest = role
            .after
            .iter()
            .filter_map(|a| lfw_model::route_to(&planner.routes, a.role).map(|route| (route.len(), a)))
            .min_by_key(|(steps, _)| *steps);
        match nearest {
            Some((_, a)) => match a.min_months.unwrap_or(0) {
                0 => roots.push((Goal::Reach(a.role), why)),
                months => roots.push((Goal::Serve(a.role, months), why)),
            },
            None => roots.push((Goal::Progress, why)),
        }
    }
    let offset = usize::from(progression.is_some());
    for (req, check) in role.requirements.iter().zip(&checks[offset..]) {
        if !check.met && req.necessity == Necessity::Essential {
            planner.goals_of(req, check, Why::Requires(check.about), &mut roots);
        }
    }
    // Depth first, each goal after what it needs; a goal already planned
    // or met is not planned again. Goals form no circle (circles of
    // credentials or roles are compile errors), and `planned` bounds the
    // walk all the same.
    let mut planned: HashSet<Goal> = HashSet::new();
    let mut longest_served: HashMap<RoleId, u32> = HashMap::new();
    let mut order: Vec<(Goal, Why)> = Vec::new();
    let mut stack: Vec<(Goal, Why, bool)> = roots.into_iter().rev().map(|(g, w)| (g, w, false)).collect();
    while let Some((goal, why, expanded)) = stack.pop() {
        if expanded {
            order.push((goal, why));
            continue;
        }
        if planner.met(goal) || !planned.insert(goal) {
            continue;
        }
        // Time in a role already planned at least as long is served by then.
        if let Goal::Serve(role, months) = goal {
            let longest = longest_served.entry(role).or_insert(0);
            if *longest > months {
                continue;
            }
            *longest = months;
        }
        stack.push((goal, why, true));
        let needs = planner.needs(goal, why);
        stack.extend(needs.into_iter().rev().map(|(g, w)| (g, w, false)));
    }
    let mut steps = development_steps(&planner);
    steps.extend(order.into_iter().map(|(goal, why)| planner.step(goal, why)));
    steps
}

/// Competency steps in prerequisite order, consecutive levels of one
/// competency merged into one step.
fn development_steps(planner: &Planner) -> Vec<Step> {
    let targets = &planner.levels;
    let pairs: Vec<(CompetencyId, Rank)> = targets.iter().map(|(c, r, _)| (*c, *r)).collect();
    let Some(order) = planner.fw.plan_order(&pairs) else {
        return Vec::new();
    };
    let mut steps: Vec<Step> = Vec::new();
    for (c, r) in order {
        let have = planner.have(c);
        if have.is_some_and(|h| h >= r) {
            continue;
        }
        let why = match targets.iter().find(|(tc, tr, _)| *tc == c && *tr == r) {
            Some((_, _, why)) => *why,
            None => match targets.iter().filter(|(tc, tr, _)| *tc == c && *tr > r).map(|(_, tr, _)| *tr).min() {
                Some(higher) => Why::OnTheWayTo(c, higher),
                None => Why::Prerequisite,
            },
        };
        match steps.last_mut() {
            // The next level of the same competency: one longer step, which
            // keeps the reason of its highest level.
            Some(Step::Develop {
                competency,
                to,
                why: last_why,
                ..
            }) if *competency == c && *to + 1 == r => {
                *to = r;
                *last_why = why;
            }
            _ => steps.push(Step::Develop {
                competency: c,
                from: have,
                to: r,
                why,
            }),
        }
    }
    steps
}
