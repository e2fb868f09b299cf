//! Parsing a text again after an edit, re-reading only the items whose
//! text changed: for an editor, where a keystroke changes one item of a
//! file of thousands.
//!
//! The parser reads one logical line at a time with the rule for its place,
//! and a place is set by the item keyword that starts the item, so an item
//! (its header line up to the next header) parses the same alone as in its
//! file. The text is cut where the parser starts items; each piece's typed
//! items and errors are kept by its text, and a piece met again is not
//! parsed again: its items are moved to where the piece now starts. The one
//! thing that crosses items, the domain a competency is written under, is
//! set again over the whole file, as `lower` sets it.
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
use std::collections::HashMap;
use std::sync::Arc;

/// The pieces of the last text parsed, by their text.
#[derive(Default)]
pub struct Incremental {
    pieces: HashMap<String, Arc<Piece>>,
}

/// What one piece of a text says, with spans from the piece's start.
struct Piece {
    items: Vec<Item>,
    errors: Vec<SyntaxError>,
}

impl Incremental {
    /// The typed tree and the syntax errors of `text`, as [`crate::parse`]
    /// gives them.
    pub fn parse(&mut self, text: &str) -> (File, Vec<SyntaxError>) {
        let mut starts: Vec<usize> = vec![0];
        for line in lines(text) {
            if line.class == Class::Content && vocab::item_keyword(line.first_word(text)).is_some() && line.start > 0 {
                starts.push(line.start);
            }
        }
        starts.push(text.len());
        let mut pieces: HashMap<String, Arc<Piece>> = HashMap::with_capacity(starts.len());
        let mut file = File::default();
        let mut errors = Vec::new();
        for w in starts.windows(2) {
            let (start, end) = (w[0], w[1]);
            let piece_text = &text[start..end];
            let piece = match pieces.get(piece_text).or_else(|| self.pieces.get(piece_text)) {
                Some(p) => p.clone(),
                None => {
                    let parsed = crate::parse(piece_text);
                    Arc::new(Piece {
                        items: parsed.file.items,
                        errors: parsed.errors,
                    })
                }
            };
            for item in &piece.items {
                let mut item = item.clone();
                item.shift(start);
                file.items.push(item);
            }
            for e in &piece.errors {
                let mut e = e.clone();
                e.shift(start);
                errors.push(e);
            }
            pieces.entry(piece_text.to_string()).or_insert(piece);
        }
        self.pieces = pieces;
        // Competencies belong to the domain section they are written under.
        let mut domain: Option<Ident> = None;
        for item in &mut file.items {
            match item {
                Item::Domain(d) => domain = Some(d.id.clone()),
                Item::Broken(b) if b.kind == ItemKind::Domain => domain = b.id.clone(),
                Item::Competency(c) => c.domain = domain.clone(),
                _ => {}
            }
        }
        errors.sort_by_key(|e| (e.span.start, e.span.end));
        (file, errors)
    }
}

/// Moving what was read from a piece to where the piece starts.
trait Shift {
    fn shift(&mut self, by: usize);
}

impl Shift for Span {
    fn shift(&mut self, by: usize) {
        self.start += by;
        self.end += by;
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(&mut self, by: usize) {
        if let Some(x) = self {
            x.shift(by);
        }
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(&mut self, by: usize) {
        for x in self {
            x.shift(by);
        }
    }
}

macro_rules! shift_fields {
    ($($ty:ty { $($field:ident),* })*) => {
        $(impl Shift for $ty {
            fn shift(&mut self, by: usize) {
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
    fn shift(&mut self, by: usize) {
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
    fn shift(&mut self, by: usize) {
        match self {
            EvidenceRule::Latest(s) | EvidenceRule::Highest(s) | EvidenceRule::Lowest(s) | EvidenceRule::Median(s) => s.shift(by),
            EvidenceRule::Ranked(ids) => ids.shift(by),
        }
    }
}

impl Shift for (Ident, Ident) {
    fn shift(&mut self, by: usize) {
        self.0.shift(by);
        self.1.shift(by);
    }
}

impl Shift for Condition {
    fn shift(&mut self, by: usize) {
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
    fn shift(&mut self, by: usize) {
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
    fn shift(&mut self, by: usize) {
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

    fn whole(text: &str) -> (File, Vec<SyntaxError>) {
        let parsed = crate::parse(text);
        (parsed.file, parsed.errors)
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
            ("", ""),
        ] {
            let edited = text.replacen(from, to, 1);
            assert_eq!(inc.parse(&edited), whole(&edited), "{from} → {to}");
        }
        assert_eq!(inc.parse("  stray\nskill c \"C\"\n"), whole("  stray\nskill c \"C\"\n"));
        assert_eq!(inc.parse(""), whole(""));
    }
}
