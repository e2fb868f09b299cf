//! "Did you mean …?" for misspelt names, with bounded work.
//!
//! A suggestion is a courtesy, so it never costs more than a fixed amount,
//! whatever the input: a name longer than [`MAX_NAME_CHARS`] gets none;
//! only candidates whose length is within the edit budget are compared, and
//! at most [`MAX_CANDIDATES`] candidates are looked at for one name; and a
//! [`Suggester`], which a caller keeps for a whole run (one compilation, one
//! profile), stops suggesting once it has spent [`MAX_WORK`]. The edit
//! distance is the optimal string alignment distance (Levenshtein with
//! transpositions of neighbours), computed on at most two rows and given up
//! as soon as it must exceed the budget.

/// Names longer than this, in characters, get no suggestion: a slip in a
/// name this long is unlikely, and comparing two long names costs the
/// product of their lengths.
pub const MAX_NAME_CHARS: usize = 64;

/// At most this many candidates are looked at for one name.
pub const MAX_CANDIDATES: usize = 10_000;

/// The work one [`Suggester`] may do in all: one unit per candidate looked
/// at, and one per cell of the edit-distance table of each candidate
/// compared. Far above what the names of any real framework need.
pub const MAX_WORK: u64 = 4_000_000;

/// Suggestions for one run, sharing one budget of work.
#[derive(Debug)]
pub struct Suggester {
    left: u64,
}

impl Default for Suggester {
    fn default() -> Suggester {
        Suggester { left: MAX_WORK }
    }
}

impl Suggester {
    pub fn new() -> Suggester {
        Suggester::default()
    }

    /// Whether the budget is spent: every later call returns `None` at once.
    pub fn exhausted(&self) -> bool {
        self.left == 0
    }

    /// The candidate closest to `name`, if it is close enough to be a likely
    /// slip: within a third of the name's length in edits (at least one
    /// edit), or the same apart from case. Among equally close candidates,
    /// the first in string order.
    pub fn did_you_mean<'a>(&mut self, name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
        // `7` is not a slip for `1`: edit distance means nothing for numbers.
        if self.left == 0 || name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let mut chars = ['\0'; MAX_NAME_CHARS];
        let mut n = 0;
        for c in name.chars() {
            if n == MAX_NAME_CHARS {
                return None;
            }
            chars[n] = c;
            n += 1;
        }
        let name_chars = &chars[..n];
        let budget = (n / 3).max(1);
        let mut best: Option<(usize, &'a str)> = None;
        for c in candidates.into_iter().take(MAX_CANDIDATES) {
            if self.left == 0 {
                break;
            }
            self.left -= 1;
            if c == name {
                continue;
            }
            // Length first: it costs nothing, and most candidates end here.
            // A character takes at least one byte and at most four.
            if c.len() + budget < n || c.len() > 4 * (n + budget) {
                continue;
            }
            let m = c.chars().count();
            if m.abs_diff(n) > budget {
                continue;
            }
            let limit = match best {
                Some((d, _)) => d.min(budget),
                None => budget,
            };
            let d = if same_but_case(name, c) {
                Some(0)
            } else {
                let cost = (n * m) as u64;
                if cost > self.left {
                    self.left = 0;
                    break;
                }
                self.left -= cost;
                distance(name_chars, c, limit)
            };
            if let Some(d) = d {
                if best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
                    best = Some((d, c));
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

/// The candidate closest to `name` (see [`Suggester::did_you_mean`]), with
/// a budget of its own: for one name looked up on its own.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    Suggester::new().did_you_mean(name, candidates)
}

fn same_but_case(a: &str, b: &str) -> bool {
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// The optimal string alignment distance between `a` and `b`, when it is at
/// most `limit`. `a` has at most [`MAX_NAME_CHARS`] characters, and `b`
/// at most `limit` more.
fn distance(a: &[char], b: &str, limit: usize) -> Option<usize> {
    const W: usize = 2 * MAX_NAME_CHARS + 2;
    let mut bs = ['\0'; W];
    let mut m = 0;
    for c in b.chars() {
        if m == W - 1 {
            return None;
        }
        bs[m] = c;
        m += 1;
    }
    let b = &bs[..m];
    // Rows i-2, i-1 and i of the table, over b's characters.
    let (mut before, mut previous, mut current) = ([0usize; W], [0usize; W], [0usize; W]);
    for (j, cell) in previous.iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        // No cell of a later row is smaller than the smallest of this one.
        if row_min > limit {
            return None;
        }
        before = previous;
        previous = current;
    }
    Some(previous[m]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_near_miss_and_ignores_far_ones() {
        let names = ["sergeant", "inspector", "constable"];
        assert_eq!(did_you_mean("seargent", names), Some("sergeant"));
        assert_eq!(did_you_mean("Inspector", names), Some("inspector"));
        assert_eq!(did_you_mean("superintendent", names), None);
        assert_eq!(did_you_mean("x", ["y"]), Some("y"));
        assert_eq!(did_you_mean("ab", ["xyz"]), None);
        assert_eq!(did_you_mean("7", ["1", "2"]), None);
        assert_eq!(did_you_mean("cosntable", names), Some("constable"), "a transposition is one edit");
        assert_eq!(did_you_mean("café", ["cafe", "cafés"]), Some("cafe"));
    }

    #[test]
    fn the_closest_and_then_the_first_in_order() {
        assert_eq!(did_you_mean("abcdef", ["abcxyz", "abcdeg", "abcdex"]), Some("abcdeg"));
        assert_eq!(did_you_mean("abcdef", ["abcdxf", "abcdef", "abcdeg"]), Some("abcdeg"));
    }

    #[test]
    fn long_names_get_no_suggestion() {
        let long = "a".repeat(MAX_NAME_CHARS + 1);
        let near = format!("{}b", "a".repeat(MAX_NAME_CHARS));
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
        let longest = "a".repeat(MAX_NAME_CHARS);
        let near = format!("{}b", "a".repeat(MAX_NAME_CHARS - 1));
        assert_eq!(did_you_mean(&longest, [near.as_str()]), Some(near.as_str()));
    }

    #[test]
    fn the_work_is_bounded() {
        let names: Vec<String> = (0..100_000).map(|i| format!("name{i:06}")).collect();
        let mut s = Suggester::new();
        let mut suggested = 0;
        for i in 0..10_000 {
            if s.did_you_mean(&format!("nmae{i:06}"), names.iter().map(String::as_str)).is_some() {
                suggested += 1;
            }
        }
        assert!(s.exhausted());
        assert!(suggested > 0 && suggested < 10_000, "{suggested}");
        assert_eq!(
            s.did_you_mean("name000001", ["name000002"]),
            None,
            "nothing once the budget is spent"
        );
    }
}
