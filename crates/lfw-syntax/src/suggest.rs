//! "Did you mean …?" for misspelt names.

/// The candidate closest to `name`, if it is close enough to be a likely
/// slip: within a third of the name's length in edits (at least one edit),
/// or the same apart from case.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // `7` is not a slip for `1`: edit distance means nothing for numbers.
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let budget = (name.chars().count() / 3).max(1);
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| {
            let d = if c.to_lowercase() == lower {
                0
            } else {
                strsim::damerau_levenshtein(name, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= budget)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_a_near_miss_and_ignores_far_ones() {
        let names = ["sergeant", "inspector", "constable"];
        assert_eq!(did_you_mean("seargent", names), Some("sergeant"));
        assert_eq!(did_you_mean("Inspector", names), Some("inspector"));
        assert_eq!(did_you_mean("superintendent", names), None);
        assert_eq!(did_you_mean("x", ["y"]), Some("y"));
        assert_eq!(did_you_mean("ab", ["xyz"]), None);
        assert_eq!(did_you_mean("7", ["1", "2"]), None);
    }
}
