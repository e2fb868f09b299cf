//! Cutting a file into items before parsing.
//!
//! Every item starts with its keyword at the beginning of a line, and text
//! never spans lines, so the cut can be made line by line without parsing.
//! Parsing each item on its own is what lets one run report the errors of
//! every item rather than stopping at the first (error recovery by
//! resynchronising at item keywords).

use crate::ast::{CompetencyKind, ItemKind};

/// A stretch of the file: `start..end`, and the item its first word starts,
/// if any (`None` only for the text before the first item).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub kind: Option<ItemKind>,
    pub start: usize,
    pub end: usize,
}

/// The item a keyword starts.
pub fn item_keyword(word: &str) -> Option<ItemKind> {
    Some(match word {
        "framework" => ItemKind::Framework,
        "import" => ItemKind::Import,
        "scale" => ItemKind::Scale,
        "domain" => ItemKind::Domain,
        "competency" => ItemKind::Competency(CompetencyKind::Competency),
        "behaviour" => ItemKind::Competency(CompetencyKind::Behaviour),
        "quality" => ItemKind::Competency(CompetencyKind::Quality),
        "value" => ItemKind::Competency(CompetencyKind::Value),
        "skill" => ItemKind::Competency(CompetencyKind::Skill),
        "credential" => ItemKind::Credential,
        "role" => ItemKind::Role,
        "crosswalk" => ItemKind::Crosswalk,
        _ => return None,
    })
}

pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The leading word of `s` made of id characters.
pub fn leading_word(s: &str) -> &str {
    let end = s.find(|c: char| !is_id_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// Cuts `text` into chunks. The chunks cover the whole text, in order.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut current = Chunk {
        kind: None,
        start: 0,
        end: 0,
    };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let word = leading_word(trimmed);
        if let Some(kind) = item_keyword(word) {
            let start = line_start + (line.len() - trimmed.len());
            current.end = start;
            if current.kind.is_some() || start > current.start {
                out.push(current);
            }
            current = Chunk {
                kind: Some(kind),
                start,
                end: start,
            };
        }
        line_start += line.len();
    }
    current.end = text.len();
    if current.kind.is_some() || current.end > current.start {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_item_keywords_only_at_line_start() {
        let text = "// header\nframework x \"X\"\n  default scale s\nscale s \"S\"\n  levels a < b\n";
        let got: Vec<_> = chunks(text).iter().map(|c| (c.kind, &text[c.start..c.end])).collect();
        assert_eq!(
            got,
            vec![
                (None, "// header\n"),
                (Some(ItemKind::Framework), "framework x \"X\"\n  default scale s\n"),
                (Some(ItemKind::Scale), "scale s \"S\"\n  levels a < b\n"),
            ]
        );
    }

    #[test]
    fn a_keyword_must_be_a_whole_word() {
        let text = "roles x\nrole-play\nrole r \"R\"";
        let kinds: Vec<_> = chunks(text).iter().map(|c| c.kind).collect();
        assert_eq!(kinds, vec![None, Some(ItemKind::Role)]);
    }

    #[test]
    fn chunks_cover_the_text() {
        for text in ["", "\n", "role", "x\nrole a\n  role b", "  scale s\n"] {
            let cs = chunks(text);
            let mut at = 0;
            for c in &cs {
                assert_eq!(c.start, at);
                at = c.end;
            }
            assert_eq!(at, text.len());
        }
    }
}
