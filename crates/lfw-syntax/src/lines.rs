//! Cutting a file into logical lines before parsing.
//!
//! The language is line-oriented: an item's header, then its property
//! lines. A property may run on over further lines only where the next line
//! plainly cannot start one: it starts with a quoted text (the next piece of
//! a long text), with `<`, `>`, `,`, `(` or `)`, or with a word that
//! continues a line and starts none (`because`). So the cut can be made
//! without parsing, and each logical line parsed alone: one broken line is
//! one error, and it hides nothing around it.

use crate::vocab::{self, leading_word};

/// The byte-order mark some editors write at the start of a UTF-8 file.
pub const BOM: char = '\u{feff}';

/// One logical line: `start..end` is the whole of it, indentation and line
/// break included (the lines of a file cover it exactly, in order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    /// Where the indentation ends and the content (or comment) starts.
    pub content_start: usize,
    /// Where the content ends: at the final `\n`, or the end of the file.
    pub content_end: usize,
    /// After the final `\n` (equal to `content_end` on the file's last line
    /// when it has no line break).
    pub end: usize,
    pub class: Class,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Only spaces and tabs (or nothing).
    Blank,
    /// Only a comment.
    Comment,
    /// Anything else: a header, a property, or a mistake.
    Content,
}

impl Line {
    /// The first word of the content (empty when it starts with a symbol).
    pub fn first_word<'t>(&self, text: &'t str) -> &'t str {
        leading_word(&text[self.content_start..self.content_end])
    }
}

/// Whether a line starting with `rest` (after its indentation) continues
/// the logical line before it.
fn continues(rest: &str) -> bool {
    rest.starts_with(['"', '<', '>', ',', '(', ')']) || vocab::CONTINUATION_WORDS.contains(&leading_word(rest))
}

/// Cuts `text` into logical lines.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut at = 0;
    for physical in text.split_inclusive('\n') {
        let start = at;
        at += physical.len();
        let body = physical.strip_suffix('\n').unwrap_or(physical);
        // A byte-order mark opening the file is read as indentation.
        let body_from = if start == 0 { body.trim_start_matches(BOM) } else { body };
        let rest = body_from.trim_start_matches([' ', '\t', '\r']);
        let content_start = start + (body.len() - rest.len());
        let content_end = start + body.len();
        if let Some(last) = out.last_mut() {
            if last.class == Class::Content && continues(rest) {
                last.content_end = content_end;
                last.end = at;
                continue;
            }
        }
        let class = if rest.trim_end().is_empty() {
            Class::Blank
        } else if rest.starts_with("//") {
            Class::Comment
        } else {
            Class::Content
        };
        out.push(Line {
            start,
            content_start,
            content_end,
            end: at,
            class,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cover_the_text() {
        for text in ["", "\n", "role", "x\nrole a\n  role b", "  scale s\n", "a \"b\"\n  \"c\"\n\n// d\n"] {
            let mut at = 0;
            for line in lines(text) {
                assert_eq!(line.start, at);
                assert!(line.start <= line.content_start && line.content_start <= line.content_end && line.content_end <= line.end);
                at = line.end;
            }
            assert_eq!(at, text.len());
        }
    }

    #[test]
    fn a_text_piece_or_a_symbol_continues_the_line() {
        let text = "description \"a\"\n    \"b\"\n  levels a\n    < b\nnote \"c\"\n";
        let got: Vec<&str> = lines(text).iter().map(|l| &text[l.content_start..l.content_end]).collect();
        assert_eq!(got, ["description \"a\"\n    \"b\"", "levels a\n    < b", "note \"c\""]);
    }

    #[test]
    fn a_comment_line_ends_a_logical_line() {
        let text = "a\n// c\n\"b\"\n";
        let classes: Vec<Class> = lines(text).iter().map(|l| l.class).collect();
        assert_eq!(classes, [Class::Content, Class::Comment, Class::Content]);
    }
}
