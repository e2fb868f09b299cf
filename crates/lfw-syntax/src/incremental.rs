//! Parsing a text again after an edit, re-reading only the items whose
//! text changed: for an editor, where a keystroke changes one item of a
//! file of thousands.
//!
//! The parser reads one logical line at a time with the rule for its place,
//! and a place is set by the item keyword that starts the item, so an item
//! (its header line up to the next header) parses the same alone as in its
//! file. The text is cut where the parser starts items; the pieces an edit
//! left alone at the start and at the end are not parsed again (their items
//! are kept, those after the edit moved by the change in length, in place
//! and without copying), and only the pieces between are. The one thing
//! that crosses items, the domain a competency is written under, is set
//! again over the whole file, as `lower` sets it.
//!
//! The result is what [`crate::parse`] gives for the typed tree and the
//! errors (a test holds the two equal over the corpus and edits of it),
//! with one difference by design: did-you-mean has its budget of work per
//! piece rather than per file, so a file with thousands of misspellings may
//! get more suggestions. The lossless tree is not built: a formatter or a
//! tool that needs it parses the whole text.

use crate::ast::*;
use crate::error::{Edit, SyntaxError, SyntaxErrorKind};
use crate::lines::{lines, Class};
use crate::vocab;
use std::sync::Arc;

/// The last text parsed, cut into pieces, and what it says.
#[derive(Default)]
pub struct Incremental {
    text: String,
    /// Where each piece starts, and the end of the text last.
    starts: Vec<usize>,
    /// How many items and errors each piece gave.
    counts: Vec<(usize, usize)>,
    file: Arc<File>,
    errors: Vec<SyntaxError>,
    parsed_once: bool,
}

impl Incremental {
    /// The typed tree and the syntax errors of `text`, as [`crate::parse`]
    /// gives them. The tree is shared with the caller: when the caller has
    /// let go of it by the next call, it is updated in place.
    pub fn parse(&mut self, text: &str) -> (Arc<File>, Vec<SyntaxError>) {
        if self.parsed_once && text == self.text {
            return (self.file.clone(), self.errors.clone());
        }
        if self.starts.is_empty() {
            self.starts = vec![0];
        }
        let starts = pieces(text);
        let (old, new) = (&self.starts, &starts);
        let old_n = old.len() - 1;
        let new_n = new.len() - 1;
        let old_text = self.text.as_str();
        let same = |i: usize, j: usize| old_text[old[i]..old[i + 1]] == text[new[j]..new[j + 1]];
        // The pieces the edit left alone at the start, and at the end.
        let mut prefix = 0;
        while prefix < old_n.min(new_n) && old[prefix] == new[prefix] && same(prefix, prefix) {
            prefix += 1;
        }
        let mut suffix = 0;
        while suffix < (old_n - prefix).min(new_n - prefix) && same(old_n - 1 - suffix, new_n - 1 - suffix) {
            suffix += 1;
        }
        let sum =
            |range: std::ops::Range<usize>| -> (usize, usize) { self.counts[range].iter().fold((0, 0), |(a, b), (x, y)| (a + x, b + y)) };
        let (prefix_items, prefix_errors) = sum(0..prefix);
        let (suffix_items, suffix_errors) = sum(old_n - suffix..old_n);
        let delta = text.len() as isize - self.text.len() as isize;

        let file = Arc::make_mut(&mut self.file);
        let mut tail_items = file.items.split_off(file.items.len() - suffix_items);
        file.items.truncate(prefix_items);
        let mut tail_errors = self.errors.split_off(self.errors.len() - suffix_errors);
        self.errors.truncate(prefix_errors);
        let mut counts: Vec<(usize, usize)> = self.counts[..prefix].to_vec();
        for j in prefix..new_n - suffix {
            let (start, end) = (new[j], new[j + 1]);
            let parsed = crate::parse(&text[start..end]);
            counts.push((parsed.file.items.len(), parsed.errors.len()));
            for mut item in parsed.file.items {
                item.shift(start as isize);
                file.items.push(item);
            }
            for mut e in parsed.errors {
                e.shift(start as isize);
                self.errors.push(e);
            }
        }
        counts.extend_from_slice(&self.counts[old_n - suffix..]);
        if delta != 0 {
            tail_items.iter_mut().for_each(|i| i.shift(delta));
            tail_errors.iter_mut().for_each(|e| e.shift(delta));
        }
        file.items.append(&mut tail_items);
        self.errors.append(&mut tail_errors);
        // Competencies belong to the domain section they are written under.
        let mut domain: Option<Ident> = None;
        for item in &mut file.items {
            match item {
                Item::Domain(d) => domain = Some(d.id.clone()),
                Item::Broken(b) if b.kind == ItemKind::Domain => domain = b.id.clone(),
                Item::Competency(c) if c.domain != domain => c.domain = domain.clone(),
                _ => {}
            }
        }
        self.errors.sort_by_key(|e| (e.span.start, e.span.end));
        self.text = text.to_string();
        self.starts = starts;
        self.counts = counts;
        self.parsed_once = true;
        (self.file.clone(), self.errors.clone())
    }
}

/// Where the pieces of a text start (where the parser starts an item, and
/// 0), and the end of the text last.
fn pieces(text: &str) -> Vec<usize> {
    let mut starts: Vec<usize> = vec![0];
    for line in lines(text) {
        if line.class == Class::Content && line.start > 0 && vocab::item_keyword(line.first_word(text)).is_some() {
            starts.push(line.start);
        }
    }
    starts.push(text.len());
    starts
}

/// Moving what was read from a piece to where the piece starts.
trait Shift {
    fn shift(&mut self, by: isize);
}

impl Shift for Span {
    fn shift(&mut self, by: isize) {
        self.start = self.start.wrapping_add_signed(by);
        self.end = self.end.wrapping_add_signed(by);
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, by: isize) {
        if let Some(x) = self {
            x.shift(by);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, by: isize) {
        for x in self {
            x.shift(by);
        }
    }
}

macro_rules! shift_fields {
    ($($ty:ty { $($field:ident),* })*) => {
        $(impl Shift for $ty {
            fn shift(&mut self, by: isize) {
                $(self.$field.shift(by);)*
            }
        })*
    };
}

shift_fields! {
    Ident { span }
    Text { span }
    Duration { span }
    Note { text }
    Import { path, span }
    LevelTitle { level, title, span }
    Scale { id, title, levels, level_titles, description, notes, span }
    Domain { id, title, description, notes, span }
    Indicator { text, span }
    Descriptor { level, text, span }
    Prerequisite { at, needs, level, span }
    Competency { id, title, domain, description, scale, indicators, descriptors, prerequisites, notes, span }
    Credential { id, title, kind, description, requirements, notes, span }
    After { role, min_time, span }
    Requirement { condition, span }
    Role { id, title, entry, after, requirements, description, notes, span }
    LevelMap { from, to, span }
    Mapping { from, to, rationale, span }
    Crosswalk { id, title, between, levels, mappings, description, notes, span }
    Broken { id, span }
    Edit { span }
}

impl Shift for FrameworkHeader {
    fn shift(&mut self, by: isize) {
        let FrameworkHeader {
            id,
            title,
            version,
            owner,
            sector,
            sources,
            extends,
            default_scale,
            evidence,
            evidence_valid,
            description,
            notes,
            span,
            damaged: _,
        } = self;
        id.shift(by);
        title.shift(by);
        version.shift(by);
        owner.shift(by);
        sector.shift(by);
        sources.shift(by);
        extends.shift(by);
        default_scale.shift(by);
        evidence.shift(by);
        evidence_valid.shift(by);
        description.shift(by);
        notes.shift(by);
        span.shift(by);
    }
}

impl Shift for EvidenceRule {
    fn shift(&mut self, by: isize) {
        match self {
            EvidenceRule::Latest(s) | EvidenceRule::Highest(s) | EvidenceRule::Lowest(s) | EvidenceRule::Median(s) => s.shift(by),
            EvidenceRule::Ranked(ids) => ids.shift(by),
        }
    }
}

impl Shift for (Ident, Ident) {
    fn shift(&mut self, by: isize) {
        self.0.shift(by);
        self.1.shift(by);
    }
}

impl Shift for Condition {
    fn shift(&mut self, by: isize) {
        match self {
            Condition::Level { competency, level } => {
                competency.shift(by);
                level.shift(by);
            }
            Condition::Named { name } => name.shift(by),
            Condition::Experience { time, role } => {
                time.shift(by);
                role.shift(by);
            }
            Condition::AllIn { domain, level } => {
                domain.shift(by);
                level.shift(by);
            }
            Condition::CountOf { count, of, level } => {
                match count {
                    Count::Exactly(_, s) | Count::Any(s) | Count::All(s) => s.shift(by),
                }
                of.shift(by);
                level.shift(by);
            }
        }
    }
}

impl Shift for Item {
    fn shift(&mut self, by: isize) {
        match self {
            Item::Framework(x) => x.shift(by),
            Item::Import(x) => x.shift(by),
            Item::Scale(x) => x.shift(by),
            Item::Domain(x) => x.shift(by),
            Item::Competency(x) => x.shift(by),
            Item::Credential(x) => x.shift(by),
            Item::Role(x) => x.shift(by),
            Item::Crosswalk(x) => x.shift(by),
            Item::Broken(x) => x.shift(by),
        }
    }
}

impl Shift for SyntaxError {
    fn shift(&mut self, by: isize) {
        self.span.shift(by);
        self.fix.shift(by);
        if let SyntaxErrorKind::DuplicateProperty { first, .. } = &mut self.kind {
            first.shift(by);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> (Arc<File>, Vec<SyntaxError>) {
        let parsed = crate::parse(text);
        (Arc::new(parsed.file), parsed.errors)
    }

    #[test]
    fn the_same_as_parsing_the_whole_text_before_and_after_edits() {
        let text = "// lead\nframework f \"F\"\n  default scale s\n  version \"1\"\n  version \"2\"\nscale s \"S\"\n  levels a < b\ndomain d \"D\"\n\n// about c\nskill c \"C\"\n  at b \"x\"\n  at a needs e at b\nskill e \"E\"\nrole r \"R\"\n  entry\n  requries c at b\nrole q \"Q\"\n  after r 2 yeras\n  requires 2 of (c, e) at a\n";
        let mut inc = Incremental::default();
        assert_eq!(inc.parse(text), whole(text));
        for (from, to) in [
            ("skill e", "skill ee"),
            ("domain d", "domain dd"),
            ("\"C\"", "\"C"),
            ("role r", "rolex r"),
            ("skill c", "domain z \"Z\"\nskill c"),
            ("domain d \"D\"\n", ""),
            ("", ""),
        ] {
            let edited = text.replacen(from, to, 1);
            assert_eq!(inc.parse(&edited), whole(&edited), "{from} → {to}");
        }
        // Edits one after another, each on the last.
        let mut edited = text.to_string();
        for (from, to) in [
            ("skill e", "skill e2"),
            ("role q", "role q2\n  entry\nrole q"),
            ("levels a < b", "levels a < b < c"),
            ("// lead\n", ""),
        ] {
            edited = edited.replacen(from, to, 1);
            assert_eq!(inc.parse(&edited), whole(&edited), "{from} → {to}");
        }
        assert_eq!(inc.parse("  stray\nskill c \"C\"\n"), whole("  stray\nskill c \"C\"\n"));
        assert_eq!(inc.parse(""), whole(""));
    }
}
