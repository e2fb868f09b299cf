//! What of a succession pipeline may be published without exposing anyone.
//!
//! Small counts identify people: "one woman in this council is ready to be
//! its director" names her. So every figure below a threshold (`--min-group`,
//! 5 by default) is **suppressed**: shown as such, never as a number. A
//! zero is shown: it says nobody.
//!
//! Suppressing small figures alone is not enough, since many figures add up
//! to others that are published too: a role's figure over all groups is
//! the sum of the groups' figures, and one suppressed group would be the
//! total minus the others. So every sum the report publishes or implies is
//! a **margin**. From the figures shown, a reader can work out any figure
//! that is the one unknown of a margin, and then use it in the next; and
//! where a margin's unknown figures all lie on one side, their sum. While
//! any figure or sum that can be worked out this way is between 1 and the
//! threshold, the smallest figure still shown in that margin is suppressed
//! too (its members first, then its total). The margins are:
//!
//! - for each role and figure, the groups' figures and the figure over all
//!   groups;
//! - for each role and group (and over all), the successors in the four
//!   places (ready, within the horizon, one step, blocked), whose sum is
//!   the holders of the roles it comes after;
//! - for each role, the months of the horizon and the people within it;
//! - for each role, the people each gap alone holds back, and the people
//!   one step away or within the horizon (each of whom has exactly one);
//! - the people judged, and the holders of every role, when every role is
//!   reported: over all groups, and over every group's holders.
//!
//! What this guarantees: every figure published is zero or at least the
//! threshold; and working through the sums above one unknown at a time —
//! however many times, each figure found used in the next — never gives a
//! figure, or a sum of suppressed figures, between 1 and the threshold.
//! It does not solve every system of equations a determined reader could
//! set up from several sums at once (optimal secondary suppression is a
//! hard problem of statistical disclosure control, for which agencies use
//! linear programming); it covers the subtractions a reader would make.

use crate::compiled::Gap;
use crate::succession::{Group, Pipeline, RoleCounts};
use lfw_model::{Framework, RoleId};

/// A figure as it may be published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    Suppressed,
}

/// One row of a role's figures: over all groups, or for one group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figures {
    pub holders: Cell,
    pub ready: Cell,
    pub within: Cell,
    pub one_step: Cell,
    pub blocked: Cell,
}

#[derive(Clone, Debug)]
pub struct PublishedRole {
    pub role: RoleId,
    /// The role comes after none: it is filled by recruitment, and has no
    /// successors.
    pub entry: bool,
    pub total: Figures,
    /// By group, in the order of the pipeline's groups.
    pub groups: Vec<(Group, Figures)>,
    /// Over all groups: successors within the horizon by the month the time
    /// they lack runs out (index `k - 1` for month `k`).
    pub months: Vec<Cell>,
    /// Over all groups: the gaps that alone hold successors back, most
    /// first (those shown; then those suppressed, in the role's order).
    pub unblocks: Vec<(Gap, Cell)>,
    /// Successors ready now per holder, when both are shown and there are
    /// holders.
    pub bench: Option<f64>,
    /// Not an entry role, and no successor is ready now.
    pub no_ready_successor: bool,
}

#[derive(Clone, Debug)]
pub struct Published {
    pub framework: String,
    pub as_of: crate::Date,
    pub horizon: u32,
    pub by: Vec<String>,
    pub min_group: u64,
    pub people: Cell,
    pub invalid: u64,
    pub roles: Vec<PublishedRole>,
}

/// The figures in one table, each shown or not, with the margins over them.
struct Table {
    values: Vec<u64>,
    shown: Vec<bool>,
    /// Each margin: the figures it adds up, and the figures whose sum is
    /// its total (a total known only when all of these are shown).
    margins: Vec<(Vec<usize>, Vec<usize>)>,
}

impl Table {
    fn cell(&mut self, value: u64) -> usize {
        self.values.push(value);
        self.shown.push(true);
        self.values.len() - 1
    }

    /// Suppresses small figures, then more until nothing small can be
    /// worked out from what is shown.
    fn protect(&mut self, min: u64) {
        for (value, shown) in self.values.iter().zip(self.shown.iter_mut()) {
            *shown = *value == 0 || *value >= min;
        }
        while let Some(margin) = self.leak(min) {
            // Suppress the smallest figure still shown in the margin that
            // leaks, its members first; a zero would uncover nothing new.
            let (members, total) = &self.margins[margin];
            let smallest = |cells: &[usize]| {
                cells
                    .iter()
                    .copied()
                    .filter(|&c| self.shown[c] && self.values[c] > 0)
                    .min_by_key(|&c| (self.values[c], c))
            };
            match smallest(members).or_else(|| smallest(total)) {
                Some(c) => self.shown[c] = false,
                // Nothing left to suppress in it: only zeros are shown, so
                // the leak comes through suppressed figures worked out
                // elsewhere; suppress the smallest figure shown anywhere
                // that is not zero, which ends, since figures only go.
                None => match (0..self.values.len())
                    .filter(|&c| self.shown[c] && self.values[c] > 0)
                    .min_by_key(|&c| (self.values[c], c))
                {
                    Some(c) => self.shown[c] = false,
                    None => return,
                },
            }
        }
    }

    /// A margin from which a small figure, or a small sum of suppressed
    /// figures, can be worked out; `None` when there is none.
    ///
    /// What can be worked out: the figures shown, and then, again and again,
    /// the one figure of a margin not yet known (its total minus the
    /// rest). Then a margin leaks when the figures still unknown all lie
    /// on one side of it (all among its members, or all in its total),
    /// since their sum is known, and that sum is between 1 and `min - 1`;
    /// or when a figure worked out is itself that small.
    fn leak(&self, min: u64) -> Option<usize> {
        let small = |v: u64| v > 0 && v < min;
        // The first small figure worked out names the margin to mend:
        // mending a later one would leave the first open.
        let mut known = self.shown.clone();
        loop {
            let mut more = false;
            for (i, (members, total)) in self.margins.iter().enumerate() {
                let mut unknown = members.iter().chain(total).filter(|&&c| !known[c]);
                if let (Some(&c), None) = (unknown.next(), unknown.next()) {
                    if small(self.values[c]) {
                        return Some(i);
                    }
                    known[c] = true;
                    more = true;
                }
            }
            if !more {
                break;
            }
        }
        for (i, (members, total)) in self.margins.iter().enumerate() {
            let sum = |cells: &[usize]| -> (usize, u64) {
                cells
                    .iter()
                    .filter(|&&c| !known[c])
                    .fold((0, 0), |(n, s), &c| (n + 1, s + self.values[c]))
            };
            let ((members_unknown, members_sum), (total_unknown, total_sum)) = (sum(members), sum(total));
            if (total_unknown == 0 && small(members_sum)) || (members_unknown == 0 && small(total_sum)) {
                return Some(i);
            }
        }
        None
    }

    fn get(&self, c: usize) -> Cell {
        if self.shown[c] {
            Cell::Shown(self.values[c])
        } else {
            Cell::Suppressed
        }
    }
}

/// Cells of one row of a role's figures.
#[derive(Clone, Copy)]
struct Row {
    holders: usize,
    ready: usize,
    within: usize,
    one_step: usize,
    blocked: usize,
}

impl Row {
    fn new(t: &mut Table, c: &RoleCounts) -> Row {
        Row {
            holders: t.cell(c.holders),
            ready: t.cell(c.ready),
            within: t.cell(c.within_total()),
            one_step: t.cell(c.one_step),
            blocked: t.cell(c.blocked),
        }
    }

    fn places(&self) -> Vec<usize> {
        vec![self.ready, self.within, self.one_step, self.blocked]
    }

    fn figures(&self, t: &Table) -> Figures {
        Figures {
            holders: t.get(self.holders),
            ready: t.get(self.ready),
            within: t.get(self.within),
            one_step: t.get(self.one_step),
            blocked: t.get(self.blocked),
        }
    }
}

/// What of `p` may be published with groups of at least `min_group`.
pub fn publish(fw: &Framework, p: &Pipeline, min_group: u64) -> Published {
    let mut t = Table {
        values: Vec::new(),
        shown: Vec::new(),
        margins: Vec::new(),
    };
    let people = t.cell(p.people);
    let totals: Vec<Row> = p.total.iter().map(|c| Row::new(&mut t, c)).collect();
    // Without `--by` there is one group, everyone: its figures are the
    // totals, and are not published twice.
    let by_group = if p.by.is_empty() { &[][..] } else { &p.groups[..] };
    let groups: Vec<Vec<Row>> = by_group
        .iter()
        .map(|(_, roles)| roles.iter().map(|c| Row::new(&mut t, c)).collect())
        .collect();
    let months: Vec<Vec<usize>> = p.total.iter().map(|c| c.within.iter().map(|&m| t.cell(m)).collect()).collect();
    let unblocks: Vec<Vec<usize>> = p.total.iter().map(|c| c.only_gap.iter().map(|&n| t.cell(n)).collect()).collect();
    let position = |role: RoleId| p.roles.iter().position(|(r, _)| *r == role);
    for (i, (role, _)) in p.roles.iter().enumerate() {
        // Each figure over the groups.
        if groups.len() > 1 {
            let column = |pick: fn(&Row) -> usize| -> (Vec<usize>, Vec<usize>) {
                (groups.iter().map(|g| pick(&g[i])).collect(), vec![pick(&totals[i])])
            };
            for pick in [
                (|r: &Row| r.holders) as fn(&Row) -> usize,
                |r| r.ready,
                |r| r.within,
                |r| r.one_step,
                |r| r.blocked,
            ] {
                t.margins.push(column(pick));
            }
        }
        // The successors of each row, which add up to the holders of the
        // roles the role comes after (when every one of those is reported).
        let feeders: Option<Vec<usize>> = fw.roles[role.0].after.iter().map(|a| position(a.role)).collect();
        if let Some(mut feeders) = feeders.filter(|f| !f.is_empty()) {
            feeders.sort_unstable();
            feeders.dedup();
            t.margins
                .push((totals[i].places(), feeders.iter().map(|&f| totals[f].holders).collect()));
            for g in &groups {
                t.margins.push((g[i].places(), feeders.iter().map(|&f| g[f].holders).collect()));
            }
        }
        t.margins.push((months[i].clone(), vec![totals[i].within]));
        t.margins.push((unblocks[i].clone(), vec![totals[i].within, totals[i].one_step]));
    }
    // Everyone holds exactly one role: the people judged are the holders
    // of every role, over all groups and group by group.
    if p.roles.len() == fw.roles.len() {
        t.margins.push((totals.iter().map(|r| r.holders).collect(), vec![people]));
        if groups.len() > 1 {
            t.margins.push((groups.iter().flatten().map(|r| r.holders).collect(), vec![people]));
        }
    }
    t.protect(min_group);
    let roles = p
        .roles
        .iter()
        .enumerate()
        .map(|(i, (role, gaps))| {
            let total = totals[i].figures(&t);
            let mut shown: Vec<(Gap, u64)> = Vec::new();
            let mut hidden: Vec<(Gap, Cell)> = Vec::new();
            for (&gap, &c) in gaps.iter().zip(&unblocks[i]) {
                match t.get(c) {
                    Cell::Shown(0) => {}
                    Cell::Shown(n) => shown.push((gap, n)),
                    Cell::Suppressed => hidden.push((gap, Cell::Suppressed)),
                }
            }
            shown.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
            let entry = fw.roles[role.0].after.is_empty();
            let bench = match (total.ready, total.holders) {
                (Cell::Shown(ready), Cell::Shown(holders)) if holders > 0 && !entry => Some(ready as f64 / holders as f64),
                _ => None,
            };
            PublishedRole {
                role: *role,
                entry,
                total,
                groups: by_group
                    .iter()
                    .zip(&groups)
                    .map(|((g, _), rows)| (g.clone(), rows[i].figures(&t)))
                    .collect(),
                months: months[i].iter().map(|&c| t.get(c)).collect(),
                unblocks: shown.into_iter().map(|(g, n)| (g, Cell::Shown(n))).chain(hidden).collect(),
                bench,
                no_ready_successor: !entry && total.ready == Cell::Shown(0),
            }
        })
        .collect();
    Published {
        framework: p.framework.clone(),
        as_of: p.as_of,
        horizon: p.horizon,
        by: p.by.clone(),
        min_group,
        people: t.get(people),
        invalid: p.invalid,
        roles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(values: &[u64], margins: &[(&[usize], &[usize])]) -> Table {
        Table {
            values: values.to_vec(),
            shown: vec![true; values.len()],
            margins: margins.iter().map(|(m, t)| (m.to_vec(), t.to_vec())).collect(),
        }
    }

    #[test]
    fn small_figures_are_suppressed_and_zeros_shown() {
        let mut t = table(&[0, 1, 4, 5, 9], &[]);
        t.protect(5);
        assert_eq!(t.shown, [true, false, false, true, true]);
    }

    /// One small group among large ones: the total minus the others would
    /// give it, so the smallest other group goes too.
    #[test]
    fn a_lone_suppressed_figure_takes_another_with_it() {
        // Groups 3, 7, 20; total 30.
        let mut t = table(&[3, 7, 20, 30], &[(&[0, 1, 2], &[3])]);
        t.protect(5);
        assert_eq!(t.shown, [false, false, true, true]);
    }

    /// Two small figures that add up to less than the threshold are still
    /// a small figure: a third goes, or the total.
    #[test]
    fn suppressed_figures_add_up_to_the_threshold_or_the_total_goes() {
        let mut t = table(&[1, 2, 30, 33], &[(&[0, 1, 2], &[3])]);
        t.protect(5);
        assert_eq!(t.shown, [false, false, false, true]);
        let mut t = table(&[1, 2, 3], &[(&[0, 1], &[2])]);
        t.protect(5);
        // The total is small itself: suppressed, nothing to subtract from.
        assert_eq!(t.shown, [false, false, false]);
    }

    /// Every margin holds once protection is done: the law the module
    /// promises, over random tables.
    #[test]
    fn every_margin_holds_afterwards() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |below: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % below
        };
        for _ in 0..2_000 {
            let n = 2 + next(6) as usize;
            let mut values: Vec<u64> = (0..n).map(|_| next(12)).collect();
            values.push(values.iter().sum());
            let members: Vec<usize> = (0..n).collect();
            let mut t = table(&values, &[(&members, &[n])]);
            let min = 1 + next(6);
            t.protect(min);
            for (v, shown) in t.values.iter().zip(&t.shown) {
                assert!(!shown || *v == 0 || *v >= min, "{values:?} min {min}: {:?}", t.shown);
            }
            if t.shown[n] {
                let hidden: u64 = (0..n).filter(|&m| !t.shown[m]).map(|m| t.values[m]).sum();
                assert!(hidden == 0 || hidden >= min, "{values:?} min {min}: {:?}", t.shown);
            }
        }
    }
}
