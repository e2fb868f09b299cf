//! Rename matching in bounded work.
//!
//! A removed element and an added one are a rename when their titles are
//! at least [`RENAME_SIMILARITY`](crate::diff::RENAME_SIMILARITY) alike by
//! the Sørensen–Dice coefficient of their letter pairs (exactly as
//! `strsim::sorensen_dice` computes it on the lower-cased titles), and
//! they stand in the same place. The most alike pairs are taken first,
//! each element used once.
//!
//! Comparing every removed element with every added one, each time
//! building both titles' sets of letter pairs, is quadratic with a large
//! factor: a diff of 3,000 renames took more than a minute. Here each
//! title's letter pairs are counted once, and the pairs a removed title
//! shares with every added one are counted through an index from letter
//! pair to the added titles that have it: titles that share no pair are
//! never looked at, and no pair of titles is compared letter by letter.
//!
//! Titles that nearly all share their letter pairs (thousands of
//! "Competency 1", "Competency 2", …) still make the index lists long. So
//! the whole matching has a budget of work ([`WORK`]); past it, the
//! elements not yet looked at are not matched as renames (they show as
//! removed and added) and the result says so, for the caller to warn.

use std::collections::HashMap;

/// Units of work (an index entry visited, a title counted) the matching of
/// one diff may do: about a tenth of a second in a release build.
pub const WORK: u64 = 60_000_000;

/// Candidate pairs kept at most (each one is 16 bytes).
const MAX_CANDIDATES: usize = 4_000_000;

/// A title prepared for comparison.
pub(crate) struct Title {
    /// Lower-cased, without whitespace: what is compared.
    norm: String,
    /// Its letter pairs, each with how often it occurs, sorted.
    pairs: Vec<(u64, u32)>,
}

impl Title {
    pub(crate) fn new(title: &str) -> Title {
        let norm: String = title.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        let mut all: Vec<u64> = norm
            .chars()
            .zip(norm.chars().skip(1))
            .map(|(a, b)| (u64::from(a) << 32) | u64::from(b))
            .collect();
        all.sort_unstable();
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        for p in all {
            match pairs.last_mut() {
                Some((q, n)) if *q == p => *n += 1,
                _ => pairs.push((p, 1)),
            }
        }
        Title { norm, pairs }
    }
}

/// How alike two titles are, compared letter by letter: what the index
/// counts, for the tests to check it against `strsim::sorensen_dice` (whose
/// denominator counts bytes).
#[cfg(test)]
fn similarity(a: &Title, b: &Title) -> (f64, u64) {
    if a.norm == b.norm {
        return (1.0, 1);
    }
    if a.norm.len() < 2 || b.norm.len() < 2 {
        return (0.0, 1);
    }
    let (mut i, mut j, mut shared) = (0, 0, 0u64);
    while i < a.pairs.len() && j < b.pairs.len() {
        let (pa, na) = a.pairs[i];
        let (pb, nb) = b.pairs[j];
        match pa.cmp(&pb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += u64::from(na.min(nb));
                i += 1;
                j += 1;
            }
        }
    }
    let s = (2 * shared) as f64 / (a.norm.len() + b.norm.len() - 2) as f64;
    (s, (i + j) as u64 + 1)
}

/// The renames among `removed` and `added` (indices into each): pairs of
/// the same group at least `threshold` alike for which `place` holds, the
/// most alike first (ties by index), each element used once; and whether
/// the budget of work ran out before every pair was looked at.
pub(crate) fn matches(
    removed: &[(u8, Title)],
    added: &[(u8, Title)],
    threshold: f64,
    place: &dyn Fn(usize, usize) -> bool,
) -> (Vec<(f64, usize, usize)>, bool) {
    // The added titles by letter pair, and those without any by title.
    let mut index: HashMap<(u8, u64), Vec<(u32, u32)>> = HashMap::new();
    let mut short: HashMap<(u8, &str), Vec<u32>> = HashMap::new();
    for (j, (group, t)) in added.iter().enumerate() {
        for &(p, n) in &t.pairs {
            index.entry((*group, p)).or_default().push((j as u32, n));
        }
        if t.pairs.is_empty() {
            short.entry((*group, t.norm.as_str())).or_default().push(j as u32);
        }
    }
    let mut work = 0u64;
    let mut cut = false;
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    let mut shared = vec![0u32; added.len()];
    let mut touched: Vec<usize> = Vec::new();
    'removed: for (i, (group, t)) in removed.iter().enumerate() {
        if work > WORK || candidates.len() > MAX_CANDIDATES {
            // Out of budget: what is left is not matched.
            cut = true;
            break;
        }
        // Titles too short for letter pairs are alike only when equal.
        if t.pairs.is_empty() {
            let same = short.get(&(*group, t.norm.as_str())).map_or(&[][..], Vec::as_slice);
            work += same.len() as u64;
            if work > WORK {
                cut = true;
                break;
            }
            candidates.extend(same.iter().map(|&j| j as usize).filter(|&j| place(i, j)).map(|j| (1.0, i, j)));
            continue;
        }
        // The letter pairs it shares with each added title, counted
        // through the index: exactly the intersection Dice needs.
        touched.clear();
        for &(p, n) in &t.pairs {
            let posting = index.get(&(*group, p)).map_or(&[][..], Vec::as_slice);
            work += posting.len() as u64;
            if work > WORK {
                // This title's count is incomplete: leave it out.
                for &j in &touched {
                    shared[j] = 0;
                }
                cut = true;
                break 'removed;
            }
            for &(j, m) in posting {
                let j = j as usize;
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += n.min(m);
            }
        }
        work += touched.len() as u64;
        for &j in &touched {
            let b = &added[j].1;
            let s = if t.norm == b.norm {
                1.0
            } else {
                2.0 * f64::from(shared[j]) / (t.norm.len() + b.norm.len() - 2) as f64
            };
            shared[j] = 0;
            if s >= threshold && place(i, j) {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_r, mut used_a) = (vec![false; removed.len()], vec![false; added.len()]);
    let mut out = Vec::new();
    for (s, i, j) in candidates {
        if used_r[i] || used_a[j] {
            continue;
        }
        used_r[i] = true;
        used_a[j] = true;
        out.push((s, i, j));
    }
    (out, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_strsims() {
        let titles = [
            "",
            " ",
            "a",
            "A",
            "ab",
            "Leading people",
            "leading  People",
            "Leading people well",
            "Managing risk",
            "Risk managing",
            "Ängste führen",
            "ängste führen und mehr",
            "aaaa",
            "aaa",
            "abab",
            "baba",
            "Competency 17",
            "Competency 170",
            "  x ",
            "É",
        ];
        for a in titles {
            for b in titles {
                let want = strsim::sorensen_dice(&a.to_lowercase(), &b.to_lowercase());
                let (got, _) = similarity(&Title::new(a), &Title::new(b));
                assert_eq!(got, want, "{a:?} ~ {b:?}");
            }
        }
    }

    /// The indexed matching finds exactly what comparing every pair finds.
    #[test]
    fn matches_are_those_of_every_pair() {
        let words = ["lead", "people", "risk", "manage", "change", "data", "a", "ab", "", "x y"];
        let mut titles = Vec::new();
        for (k, a) in words.iter().enumerate() {
            for b in words.iter().skip(k) {
                titles.push(format!("{a} {b}"));
                titles.push(format!("{b}{a}s"));
            }
        }
        let removed: Vec<(u8, Title)> = titles
            .iter()
            .step_by(2)
            .enumerate()
            .map(|(i, t)| ((i % 2) as u8, Title::new(t)))
            .collect();
        let added: Vec<(u8, Title)> = titles
            .iter()
            .skip(1)
            .step_by(3)
            .enumerate()
            .map(|(i, t)| ((i % 2) as u8, Title::new(t)))
            .collect();
        let place = |i: usize, j: usize| (i + j) % 5 != 1;
        for threshold in [0.3, 0.5, 0.7, 0.9, 1.0] {
            let (got, cut) = matches(&removed, &added, threshold, &place);
            assert!(!cut);
            let mut all = Vec::new();
            for (i, r) in removed.iter().enumerate() {
                for (j, a) in added.iter().enumerate() {
                    let s = strsim::sorensen_dice(&r.1.norm, &a.1.norm);
                    if r.0 == a.0 && s >= threshold && place(i, j) {
                        all.push((s, i, j));
                    }
                }
            }
            all.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
            let (mut ur, mut ua) = (vec![false; removed.len()], vec![false; added.len()]);
            let want: Vec<_> = all
                .into_iter()
                .filter(|&(_, i, j)| {
                    let free = !ur[i] && !ua[j];
                    if free {
                        ur[i] = true;
                        ua[j] = true;
                    }
                    free
                })
                .collect();
            assert!(want.len() > 3 || threshold > 0.9, "the test matches something at {threshold}");
            assert_eq!(got, want, "at {threshold}");
        }
    }
}
