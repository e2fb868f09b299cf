//! The compiled question: readiness for one role, on one date, under one
//! evidence policy, made ready once to judge any number of people.
//!
//! [`crate::readiness()`] judges one person and explains everything: every
//! requirement in words, the evidence behind it, a development plan. A
//! cohort needs only the verdict of each person — ready or not, the score,
//! which essential requirements are unmet — for millions of people. Here the
//! question is compiled once (the requirements as a flat list over small
//! indices, each competency that matters given a slot, the ids of the
//! framework in hash maps), and judging a person is a loop over that list
//! with buffers reused from person to person, which allocates nothing in the
//! common case. A profile is read borrowing its strings from the line it
//! came from.
//!
//! The verdict is the one `readiness` gives: the same levels under the same
//! evidence policy, the same fractions summed in the same order, the same
//! rounding. A property test holds the two to agreement on random
//! frameworks and people. A profile with anything wrong in it is not judged
//! here: [`Compiled::bind`] declines it, and the caller binds it the slow
//! way, which finds every problem with its full diagnostic.

use crate::date::Date;
use crate::profile::{Person, ProfileInput};
use crate::readiness::Question;
use lfw_model::{Combine, CompetencyId, Condition, CredentialId, Framework, Rank, RoleId};
use lfw_syntax::ast::Necessity;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// A profile as JSON Lines write it, its strings borrowed from the line
/// where they need no unescaping. The fields and their rules are those of
/// [`ProfileInput`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileRef<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(default, borrow)]
    pub name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub framework: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(borrow)]
    pub role_since: Cow<'a, str>,
    #[serde(default, borrow)]
    pub assessments: Vec<AssessmentRef<'a>>,
    #[serde(default, borrow)]
    pub credentials: Vec<CredentialRef<'a>>,
    #[serde(default, borrow)]
    pub history: Vec<StintRef<'a>>,
    #[serde(default, borrow)]
    pub attributes: std::collections::BTreeMap<Cow<'a, str>, Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRef<'a> {
    #[serde(borrow)]
    pub competency: Cow<'a, str>,
    pub level: LevelRef<'a>,
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    #[serde(borrow)]
    pub date: Cow<'a, str>,
    #[serde(default, borrow)]
    pub note: Option<Cow<'a, str>>,
}

/// A credential held: a record, or its id alone.
#[derive(Debug)]
pub struct CredentialRef<'a> {
    pub id: Cow<'a, str>,
    pub date: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialRecord<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(default, borrow)]
    date: Option<Cow<'a, str>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for CredentialRef<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CredentialRef<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = CredentialRef<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a credential")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<CredentialRef<'de>, E> {
                Ok(CredentialRef {
                    id: Cow::Borrowed(v),
                    date: None,
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<CredentialRef<'de>, E> {
                Ok(CredentialRef {
                    id: Cow::Owned(v.to_string()),
                    date: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CredentialRef<'de>, A::Error> {
                let r = CredentialRecord::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(CredentialRef { id: r.id, date: r.date })
            }
        }
        d.deserialize_any(Visit)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StintRef<'a> {
    #[serde(borrow)]
    pub role: Cow<'a, str>,
    #[serde(borrow)]
    pub from: Cow<'a, str>,
    #[serde(default, borrow)]
    pub to: Option<Cow<'a, str>>,
}

/// A level as written: a name, or a number on a numeric scale.
#[derive(Debug)]
pub enum LevelRef<'a> {
    Name(Cow<'a, str>),
    Number(u64),
}

impl<'de: 'a, 'a> Deserialize<'de> for LevelRef<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<LevelRef<'a>, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = LevelRef<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level name or number")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<LevelRef<'de>, E> {
                Ok(LevelRef::Name(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<LevelRef<'de>, E> {
                Ok(LevelRef::Name(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<LevelRef<'de>, E> {
                Ok(LevelRef::Name(Cow::Owned(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<LevelRef<'de>, E> {
                Ok(LevelRef::Number(v))
            }
        }
        d.deserialize_any(Visit)
    }
}

impl<'a> ProfileRef<'a> {
    /// A profile already read into owned strings (a CSV cohort's), seen
    /// the same way.
    pub fn of(p: &'a ProfileInput) -> ProfileRef<'a> {
        use crate::profile::LevelInput;
        ProfileRef {
            id: Cow::Borrowed(&p.id),
            name: p.name.as_deref().map(Cow::Borrowed),
            framework: p.framework.as_deref().map(Cow::Borrowed),
            role: Cow::Borrowed(&p.role),
            role_since: Cow::Borrowed(&p.role_since),
            assessments: p
                .assessments
                .iter()
                .map(|a| AssessmentRef {
                    competency: Cow::Borrowed(&a.competency),
                    level: match &a.level {
                        LevelInput::Name(n) => LevelRef::Name(Cow::Borrowed(n)),
                        LevelInput::Number(n) => LevelRef::Number(*n),
                    },
                    source: Cow::Borrowed(&a.source),
                    date: Cow::Borrowed(&a.date),
                    note: a.note.as_deref().map(Cow::Borrowed),
                })
                .collect(),
            credentials: p
                .credentials
                .iter()
                .map(|c| CredentialRef {
                    id: Cow::Borrowed(&c.id),
                    date: c.date.as_deref().map(Cow::Borrowed),
                })
                .collect(),
            history: p
                .history
                .iter()
                .map(|s| StintRef {
                    role: Cow::Borrowed(&s.role),
                    from: Cow::Borrowed(&s.from),
                    to: s.to.as_deref().map(Cow::Borrowed),
                })
                .collect(),
            attributes: p
                .attributes
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_str())))
                .collect(),
        }
    }
}

/// One requirement of the role, over slots and ids.
#[derive(Clone, Debug)]
enum Req {
    Level {
        slot: usize,
        need: Rank,
    },
    Credential(CredentialId),
    Role(RoleId),
    Experience {
        role: RoleId,
        months: u32,
    },
    /// Members are `members[range]`.
    AllIn {
        start: usize,
        end: usize,
    },
    CountOf {
        count: usize,
        start: usize,
        end: usize,
    },
}

/// The key of an unmet requirement in a cohort's statistics: the role's
/// progression rule, told apart by why it is unmet, or its `i`-th
/// requirement. A person misses the progression rule for one reason only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gap {
    /// In a role the target comes after, but not for long enough yet.
    TimeServed,
    /// In a role that leads to the target only through roles in between.
    RoleBelow,
    /// In a role that does not lead to the target at all.
    RoleElsewhere,
    Requirement(usize),
}

impl Gap {
    /// The progression gaps, in the order a summary lists them.
    pub const PROGRESSION: [Gap; 3] = [Gap::TimeServed, Gap::RoleBelow, Gap::RoleElsewhere];

    /// Whether the gap is the progression rule's.
    pub fn is_progression(self) -> bool {
        !matches!(self, Gap::Requirement(_))
    }
}

/// Where a person stands towards the role, one reason each: the first that
/// applies, in this order. A cohort's people are the sum of the six.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Standing {
    /// They hold the role already (ready or not by its requirements).
    Holds,
    /// Ready for it now.
    Ready,
    /// In a role that does not lead to it.
    RoleElsewhere,
    /// In a role that leads to it only through roles in between.
    RoleBelow,
    /// In a role it comes after, short of the time there (whatever else
    /// they miss).
    TimeServed,
    /// In the right role for long enough, short of other requirements:
    /// competencies, credentials, experience.
    Requirements,
}

impl Standing {
    pub const ALL: [Standing; 6] = [
        Standing::Holds,
        Standing::Ready,
        Standing::RoleElsewhere,
        Standing::RoleBelow,
        Standing::TimeServed,
        Standing::Requirements,
    ];
}

/// A person's verdict. `missing` is in the buffers the verdict borrows.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict<'s> {
    /// The person holds the role already.
    pub holds: bool,
    pub ready: bool,
    /// 0 to 100, rounded to one decimal, as `readiness` gives it.
    pub score: f64,
    /// The unmet essential requirements, in the order `readiness` lists them.
    pub missing: &'s [Gap],
}

impl Verdict<'_> {
    /// Where the person stands: see [`Standing`].
    pub fn standing(&self) -> Standing {
        match self.missing.first() {
            _ if self.holds => Standing::Holds,
            None => Standing::Ready,
            Some(Gap::RoleElsewhere) => Standing::RoleElsewhere,
            Some(Gap::RoleBelow) => Standing::RoleBelow,
            Some(Gap::TimeServed) => Standing::TimeServed,
            Some(Gap::Requirement(_)) => Standing::Requirements,
        }
    }
}

/// The buffers of one worker, reused from person to person.
#[derive(Default)]
pub struct Scratch {
    role: Option<RoleId>,
    role_since: Option<Date>,
    /// Every assessment read: (competency, level, rank of its source,
    /// date). The same for every question of one framework and policy.
    read: Vec<(CompetencyId, Rank, usize, Date)>,
    /// (competency's slot, level, rank of its source, date), slots only.
    evidence: Vec<(usize, Rank, usize, Date)>,
    credentials: Vec<(CredentialId, Option<Date>)>,
    history: Vec<(RoleId, Date, Option<Date>)>,
    levels: Vec<Option<Rank>>,
    /// The key of the evidence chosen so far for each slot.
    keys: Vec<Option<(u64, u64)>>,
    fractions: Vec<f64>,
    essentials: Vec<f64>,
    missing: Vec<Gap>,
}

/// The question, compiled.
pub struct Compiled<'f> {
    fw: &'f Framework,
    target: RoleId,
    as_of: Date,
    combine: Combine,
    valid: Option<u32>,
    competencies: HashMap<&'f str, CompetencyId>,
    credentials: HashMap<&'f str, CredentialId>,
    roles: HashMap<&'f str, RoleId>,
    /// The slot of each competency the requirements use.
    slot_of: Vec<Option<usize>>,
    slots: usize,
    reqs: Vec<(Necessity, Req)>,
    members: Vec<(usize, Rank)>,
    /// The roles the target comes after, with their minimum months.
    after: Vec<(RoleId, Option<u32>)>,
    /// For each role, whether a route leads from it to the target.
    leads_to_target: Vec<bool>,
    /// For each slot an essential requirement asks a level of: its
    /// competency and the highest level asked.
    asked: Vec<(usize, CompetencyId, Rank)>,
}

impl<'f> Compiled<'f> {
    pub fn new(fw: &'f Framework, target: RoleId, q: &Question) -> Compiled<'f> {
        let mut slot_of: Vec<Option<usize>> = vec![None; fw.competencies.len()];
        let mut slots = 0;
        let mut slot = |c: CompetencyId| {
            *slot_of[c.0].get_or_insert_with(|| {
                slots += 1;
                slots - 1
            })
        };
        let mut members = Vec::new();
        let mut reqs = Vec::new();
        for r in &fw.roles[target.0].requirements {
            let req = match &r.condition {
                Condition::Level { competency, level } => Req::Level {
                    slot: slot(*competency),
                    need: *level,
                },
                Condition::Credential { credential } => Req::Credential(*credential),
                Condition::Role { role } => Req::Role(*role),
                Condition::Experience { role, months } => Req::Experience {
                    role: *role,
                    months: *months,
                },
                Condition::AllIn { members: m, .. } => {
                    let start = members.len();
                    members.extend(m.iter().map(|&(c, r)| (slot(c), r)));
                    Req::AllIn { start, end: members.len() }
                }
                Condition::CountOf { count, members: m, .. } => {
                    let start = members.len();
                    members.extend(m.iter().map(|&(c, r)| (slot(c), r)));
                    Req::CountOf {
                        count: *count as usize,
                        start,
                        end: members.len(),
                    }
                }
            };
            reqs.push((r.necessity, req));
        }
        // The highest level asked of each competency by an essential
        // requirement, in the order the role first asks them.
        let mut asked: Vec<(usize, CompetencyId, Rank)> = Vec::new();
        for (necessity, req) in &reqs {
            if *necessity != Necessity::Essential {
                continue;
            }
            let levels: &[(usize, Rank)] = match req {
                Req::Level { slot, need } => &[(*slot, *need)][..],
                Req::AllIn { start, end } | Req::CountOf { start, end, .. } => &members[*start..*end],
                _ => &[],
            };
            for &(slot, need) in levels {
                let competency = CompetencyId(slot_of.iter().position(|s| *s == Some(slot)).expect("a slot's competency"));
                match asked.iter_mut().find(|a| a.0 == slot) {
                    Some(a) => a.2 = a.2.max(need),
                    None => asked.push((slot, competency, need)),
                }
            }
        }
        Compiled {
            asked,
            fw,
            target,
            as_of: q.as_of,
            combine: q.combine.clone().unwrap_or_else(|| fw.evidence.combine.clone()),
            valid: q.valid_months.unwrap_or(fw.evidence.valid_months),
            competencies: fw
                .competencies
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), CompetencyId(i)))
                .collect(),
            credentials: fw
                .credentials
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), CredentialId(i)))
                .collect(),
            roles: fw.roles.iter().enumerate().map(|(i, r)| (r.id.as_str(), RoleId(i))).collect(),
            slot_of,
            slots,
            reqs,
            members,
            after: fw.roles[target.0].after.iter().map(|a| (a.role, a.min_months)).collect(),
            leads_to_target: leads_to(fw, target),
        }
    }

    /// The keys of every requirement that can be missing, in order.
    pub fn gaps(&self) -> impl Iterator<Item = Gap> + '_ {
        let progression = if self.after.is_empty() { &[][..] } else { &Gap::PROGRESSION[..] };
        progression.iter().copied().chain((0..self.reqs.len()).map(Gap::Requirement))
    }

    /// Reads a profile into the buffers. `false` when anything in it is
    /// wrong (an unknown id or level, a bad date, another framework, an
    /// empty source): it must then be bound the slow way for its
    /// diagnostics. Nothing is judged yet.
    pub fn bind(&self, p: &ProfileRef, s: &mut Scratch) -> bool {
        s.read.clear();
        s.credentials.clear();
        s.history.clear();
        if p.framework.as_deref().is_some_and(|f| f != self.fw.id) {
            return false;
        }
        let (Some(&role), Some(since)) = (self.roles.get(p.role.as_ref()), Date::parse(&p.role_since)) else {
            return false;
        };
        s.role = Some(role);
        s.role_since = Some(since);
        for a in &p.assessments {
            let Some(&c) = self.competencies.get(a.competency.as_ref()) else {
                return false;
            };
            let levels = self.fw.levels_of(c);
            let rank = match &a.level {
                LevelRef::Name(n) => levels.iter().position(|l| l == n),
                LevelRef::Number(n) => levels.iter().position(|l| l.parse::<u64>().ok() == Some(*n) && *l == n.to_string()),
            };
            let source = a.source.trim();
            let (Some(rank), Some(date), false) = (rank, Date::parse(&a.date), source.is_empty()) else {
                return false;
            };
            let source_rank = match &self.combine {
                Combine::Ranked(order) => order.iter().position(|o| o == source).unwrap_or(order.len()),
                _ => 0,
            };
            s.read.push((c, rank, source_rank, date));
        }
        for c in &p.credentials {
            let Some(&id) = self.credentials.get(c.id.as_ref()) else {
                return false;
            };
            let date = match c.date.as_deref() {
                Some(v) => match Date::parse(v) {
                    Some(d) => Some(d),
                    None => return false,
                },
                None => None,
            };
            s.credentials.push((id, date));
        }
        for h in &p.history {
            let (Some(&role), Some(from)) = (self.roles.get(h.role.as_ref()), Date::parse(&h.from)) else {
                return false;
            };
            let to = match h.to.as_deref() {
                // A stint that ends before it starts is reported.
                Some(v) => match Date::parse(v) {
                    Some(d) if d >= from => Some(d),
                    _ => return false,
                },
                None => None,
            };
            s.history.push((role, from, to));
        }
        self.rebind(s);
        true
    }

    /// Reads a person bound the slow way into the buffers.
    /// Takes the person in the buffers, as another question of the same
    /// framework and policy bound them, for this question: only which
    /// assessments count, and where, depend on the question. Much cheaper
    /// than reading the profile again, when one person is asked many
    /// questions (a succession pipeline's roles).
    pub fn rebind(&self, s: &mut Scratch) {
        s.evidence.clear();
        for &(c, rank, source_rank, date) in &s.read {
            if let Some(slot) = self.slot_of[c.0] {
                s.evidence.push((slot, rank, source_rank, date));
            }
        }
    }

    pub fn bind_person(&self, p: &Person, s: &mut Scratch) {
        s.read.clear();
        s.credentials.clear();
        s.history.clear();
        s.role = Some(p.role);
        s.role_since = Some(p.role_since);
        for e in &p.assessments {
            let source_rank = match &self.combine {
                Combine::Ranked(order) => order.iter().position(|o| *o == e.source).unwrap_or(order.len()),
                _ => 0,
            };
            s.read.push((e.competency, e.level, source_rank, e.date));
        }
        s.credentials.extend(p.credentials.iter().copied());
        s.history.extend(p.history.iter().map(|h| (h.role, h.from, h.to)));
        self.rebind(s);
    }

    /// The verdict of the person in the buffers.
    pub fn judge<'s>(&self, s: &'s mut Scratch) -> Verdict<'s> {
        let role = s.role.expect("a person is bound before being judged");
        self.levels(s);
        s.essentials.clear();
        s.missing.clear();
        if !self.after.is_empty() && role != self.target {
            let (fraction, met) = self.progression(s, role);
            s.essentials.push(fraction);
            if !met {
                s.missing.push(if self.after.iter().any(|&(from, _)| from == role) {
                    Gap::TimeServed
                } else if self.leads_to_target[role.0] {
                    Gap::RoleBelow
                } else {
                    Gap::RoleElsewhere
                });
            }
        }
        for (i, (necessity, req)) in self.reqs.iter().enumerate() {
            let (fraction, met) = self.requirement(s, req);
            if *necessity == Necessity::Essential {
                s.essentials.push(fraction);
                if !met {
                    s.missing.push(Gap::Requirement(i));
                }
            }
        }
        let score = if s.essentials.is_empty() {
            100.0
        } else {
            100.0 * s.essentials.iter().sum::<f64>() / s.essentials.len() as f64
        };
        Verdict {
            holds: role == self.target,
            ready: s.missing.is_empty(),
            score: (score * 10.0).round() / 10.0,
            missing: &s.missing,
        }
    }

    /// Each slot's level under the evidence policy, from the assessments
    /// recent enough to count: the one the policy chooses, with ties broken
    /// as `readiness` breaks them (the last of equal maxima, the first of
    /// equal minima, in the profile's order).
    fn levels(&self, s: &mut Scratch) {
        s.levels.clear();
        s.levels.resize(self.slots, None);
        s.keys.clear();
        s.keys.resize(self.slots, None);
        let as_of = self.as_of;
        let stale = |d: Date| self.valid.is_some_and(|m| d.months_until(as_of) >= m) || d > as_of;
        // Ordered as dates are: year, then month, then day.
        let day = |d: Date| ((i64::from(d.year) + (1 << 32)) as u64) << 9 | u64::from(d.month) << 5 | u64::from(d.day);
        if let Combine::Median = self.combine {
            s.evidence.retain(|e| !stale(e.3));
            s.evidence.sort_by_key(|e| (e.0, e.1, e.3));
            let mut i = 0;
            while i < s.evidence.len() {
                let slot = s.evidence[i].0;
                let n = s.evidence[i..].iter().take_while(|e| e.0 == slot).count();
                s.levels[slot] = Some(s.evidence[i + (n - 1) / 2].1);
                i += n;
            }
            return;
        }
        for &(slot, level, source_rank, date) in &s.evidence {
            if stale(date) {
                continue;
            }
            // Larger keys win; `>=` keeps the last of equals, `>` the first.
            let (key, last_wins) = match self.combine {
                Combine::Latest => ((day(date), 0), true),
                Combine::Highest => ((level as u64, day(date)), true),
                Combine::Lowest => ((u64::MAX - level as u64, day(date)), false),
                Combine::Ranked(_) => ((u64::MAX - source_rank as u64, day(date)), false),
                Combine::Median => unreachable!("handled above"),
            };
            let better = match s.keys[slot] {
                None => true,
                Some(best) if last_wins => key >= best,
                Some(best) => key > best,
            };
            if better {
                s.keys[slot] = Some(key);
                s.levels[slot] = Some(level);
            }
        }
    }

    fn level(s: &Scratch, slot: usize, need: Rank) -> (f64, bool) {
        match s.levels[slot] {
            Some(h) => (((h + 1) as f64 / (need + 1) as f64).min(1.0), h >= need),
            None => (0.0, false),
        }
    }

    fn requirement(&self, s: &mut Scratch, req: &Req) -> (f64, bool) {
        let as_of = self.as_of;
        match *req {
            Req::Level { slot, need } => Self::level(s, slot, need),
            Req::Credential(id) => {
                let held = s.credentials.iter().any(|(c, d)| *c == id && d.is_none_or(|d| d <= as_of));
                (if held { 1.0 } else { 0.0 }, held)
            }
            Req::Role(r) => {
                let held = s.role == Some(r) || s.history.iter().any(|h| h.0 == r && h.1 <= as_of);
                (if held { 1.0 } else { 0.0 }, held)
            }
            Req::Experience { role, months } => {
                let have = self.months_in(s, role);
                let fraction = if months == 0 { 1.0 } else { (have as f64 / months as f64).min(1.0) };
                (fraction, have >= months)
            }
            Req::AllIn { start, end } => {
                s.fractions.clear();
                let mut all = true;
                for &(slot, need) in &self.members[start..end] {
                    let (f, met) = Self::level(s, slot, need);
                    s.fractions.push(f);
                    all &= met;
                }
                let fraction = if s.fractions.is_empty() {
                    1.0
                } else {
                    s.fractions.iter().sum::<f64>() / s.fractions.len() as f64
                };
                (fraction, all)
            }
            Req::CountOf { count, start, end } => {
                s.fractions.clear();
                let mut met = 0;
                for &(slot, need) in &self.members[start..end] {
                    let (f, m) = Self::level(s, slot, need);
                    s.fractions.push(f);
                    met += usize::from(m);
                }
                s.fractions.sort_by(|a, b| b.total_cmp(a));
                let fraction = if count == 0 {
                    1.0
                } else {
                    s.fractions.iter().take(count).sum::<f64>() / count as f64
                };
                (fraction, met >= count)
            }
        }
    }

    /// As `readiness::months_in`.
    fn months_in(&self, s: &Scratch, role: RoleId) -> u32 {
        let current = s.role == Some(role);
        let since = s.role_since.expect("bound");
        let mut months: u32 = s
            .history
            .iter()
            .filter(|h| h.0 == role)
            .map(|&(_, from, to)| {
                let mut end = to.unwrap_or(self.as_of).min(self.as_of);
                if current {
                    end = end.min(since);
                }
                from.months_until(end)
            })
            .fold(0, u32::saturating_add);
        if current {
            months = months.saturating_add(since.months_until(self.as_of));
        }
        months
    }

    /// The competencies an essential requirement asks a level of, each with
    /// the highest level asked, in the order the role first asks them.
    pub fn asked(&self) -> impl Iterator<Item = (CompetencyId, Rank)> + '_ {
        self.asked.iter().map(|&(_, c, need)| (c, need))
    }

    /// After [`Compiled::judge`], for each of [`Compiled::asked`] in order:
    /// how many levels the person in the buffers is short of the highest
    /// level asked (0 when they have it; with no level counted, one more
    /// than the level's rank, as `readiness` counts a gap).
    pub fn shortfalls<'s>(&'s self, s: &'s Scratch) -> impl Iterator<Item = Rank> + 's {
        self.asked
            .iter()
            .map(|&(slot, _, need)| match s.levels.get(slot).copied().flatten() {
                Some(have) => need.saturating_sub(have),
                None => need + 1,
            })
    }

    /// Whether the target comes directly after `role`: people in it are
    /// the target's successors.
    pub fn feeds(&self, role: RoleId) -> bool {
        self.after.iter().any(|&(from, _)| from == role)
    }

    /// For the person in the buffers, in a role the target comes after
    /// but short of its time: the whole months still to serve (the fewest,
    /// where several `after` lines name the role).
    pub fn months_to_serve(&self, s: &Scratch) -> Option<u32> {
        let role = s.role?;
        self.after
            .iter()
            .filter(|&&(from, _)| from == role)
            .filter_map(|&(from, min)| min.unwrap_or(0).checked_sub(self.months_in(s, from)).filter(|&left| left > 0))
            .min()
    }

    /// The person's current role, once bound.
    pub fn role_of(s: &Scratch) -> Option<RoleId> {
        s.role
    }

    /// As the progression check of `readiness`.
    fn progression(&self, s: &Scratch, role: RoleId) -> (f64, bool) {
        let mut best: (f64, bool) = (0.0, false);
        for &(from, min) in &self.after {
            if role != from {
                continue;
            }
            let have = self.months_in(s, from);
            let need = min.unwrap_or(0);
            let fraction = if need == 0 { 1.0 } else { (have as f64 / need as f64).min(1.0) };
            if fraction > best.0 || !best.1 {
                best = (fraction, have >= need);
            }
        }
        best
    }
}

/// For each role, whether a route of progression leads from it to `target`
/// (the target itself included): one walk back from the target.
fn leads_to(fw: &Framework, target: RoleId) -> Vec<bool> {
    use petgraph::graph::NodeIndex;
    let mut seen = vec![false; fw.roles.len()];
    seen[target.0] = true;
    let mut stack = vec![NodeIndex::new(target.0)];
    while let Some(n) = stack.pop() {
        for m in fw.progression.neighbors_directed(n, petgraph::Direction::Incoming) {
            if !std::mem::replace(&mut seen[m.index()], true) {
                stack.push(m);
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path reads a credential given by its id alone, as the
    /// slow one does, borrowing it from the line.
    #[test]
    fn a_credential_may_be_its_id_alone() {
        let line = r#"{"id":"p","role":"r","role_since":"2024-01-01","credentials":["x",{"id":"y","date":"2024-02-01"}]}"#;
        let p: ProfileRef = serde_json::from_str(line).expect("a profile");
        assert!(matches!(p.credentials[0].id, Cow::Borrowed("x")));
        assert_eq!(p.credentials[0].date, None);
        assert_eq!(p.credentials[1].id, "y");
        assert_eq!(p.credentials[1].date.as_deref(), Some("2024-02-01"));
        let unknown = r#"{"id":"p","role":"r","role_since":"2024-01-01","credentials":[{"id":"y","when":"2024-02-01"}]}"#;
        assert!(
            serde_json::from_str::<ProfileRef>(unknown).is_err(),
            "unknown fields are still refused"
        );
    }
}
