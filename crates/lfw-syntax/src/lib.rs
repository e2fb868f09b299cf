//! The syntax layer of lfw: `.lfw` text to a lossless syntax tree, and the
//! typed tree the compiler reads as a view of it.
//!
//! This crate owns the grammar (`grammar/lfw.pest`, loaded here with
//! pest_derive), the vocabulary of the language ([`vocab`]), the lossless
//! tree ([`SyntaxNode`], kinds in [`SyntaxKind`]) that holds every byte of
//! the input — comments, blank lines and layout included — the typed tree
//! in [`ast`] with a byte span on every node, and the syntax errors in
//! [`error`]. Parsing never fails: [`parse`] always returns both trees,
//! holding everything it could read, together with every syntax error it
//! met. It never resolves a name, reads another file or knows what a
//! profile is; pest pairs never leave `parser.rs`.

pub mod ast;
pub mod error;
pub mod format;
pub mod incremental;
mod kind;
mod lines;
mod lower;
mod parser;
pub mod suggest;
pub mod vocab;

pub use ast::Span;
pub use error::{Edit, Expected, Found, Suggestion, SyntaxError, SyntaxErrorKind};
pub use incremental::Incremental;
pub use kind::{Lfw, SyntaxElement, SyntaxKind, SyntaxNode, SyntaxToken};
pub use lower::node_span;
pub use vocab::item_keyword;

/// The longest logical line that is parsed, in bytes: a header or property
/// line with the lines that continue it. A longer one is one syntax error
/// and is not read. Far above any real line (the longest of the bundled
/// frameworks is a few hundred bytes), low enough that no one line costs
/// the parser much.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Numbers in the language (counts and lengths of time) are below this.
pub const MAX_NUMBER: u32 = 100_000;

/// The result of parsing one file: both trees and the errors, always there.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The lossless tree: `tree.to_string()` is the input, byte for byte.
    pub tree: SyntaxNode,
    /// The typed view the compiler reads.
    pub file: ast::File,
    pub errors: Vec<SyntaxError>,
}

/// Parses the text of one `.lfw` file.
///
/// A UTF-8 byte-order mark at the start is accepted and ignored (it is
/// kept in the tree as whitespace). A carriage return alone, outside any
/// quoted text or comment, means lines ended the old Mac way: every line
/// of the file would run into the next, so that is the file's one error
/// and none of its items is read.
pub fn parse(text: &str) -> Parsed {
    let (green, mut errors) = parser::parse(text);
    let tree = SyntaxNode::new_root(green);
    let mut file = lower::file(&tree, &mut errors);
    if let Some(at) = lone_carriage_return(text) {
        errors = vec![SyntaxError::new(SyntaxErrorKind::LoneCarriageReturn, Span::new(at, at + 1))];
        file = ast::File::default();
    }
    errors.sort_by_key(|e| (e.span.start, e.span.end));
    Parsed { tree, file, errors }
}

/// The first carriage return that no line feed follows, outside quoted
/// texts and comments.
fn lone_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'\r') {
        return None;
    }
    let (mut quoted, mut comment, mut escaped) = (false, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            (quoted, comment, escaped) = (false, false, false);
            continue;
        }
        if comment {
            continue;
        }
        if quoted {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => quoted = true,
            b'/' if bytes.get(i + 1) == Some(&b'/') => comment = true,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_maps_to_itself() {
        for (i, kind) in SyntaxKind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i);
        }
    }

    /// A byte-order mark at the start is whitespace: the file parses as
    /// without it, and the tree keeps it.
    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = "\u{feff}framework f \"F\"\n  description \"d\"\n";
        let parsed = parse(text);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.tree.to_string(), text, "lossless");
        assert!(matches!(parsed.file.items[..], [ast::Item::Framework(_)]), "{:?}", parsed.file);
        // Anywhere else it is not whitespace.
        assert!(!parse("framework f \"F\"\n\u{feff}scale s \"S\"\n").errors.is_empty());
    }

    /// Lines ended by a carriage return alone are one error, at the first;
    /// CR LF is a line break; a carriage return in a text or a comment is
    /// part of it.
    #[test]
    fn lone_carriage_returns() {
        let text = "framework f \"F\"\rscale s \"S\"\r  levlz a < b\r";
        let parsed = parse(text);
        let errors: Vec<_> = parsed.errors.iter().map(|e| (&e.kind, e.span)).collect();
        assert_eq!(errors, [(&SyntaxErrorKind::LoneCarriageReturn, Span::new(15, 16))]);
        assert!(parsed.file.items.is_empty(), "nothing of the file is read");
        assert_eq!(parsed.tree.to_string(), text, "lossless");
        for fine in [
            "framework f \"F\"\r\nscale s \"S\"\r\n  levels a < b\r\n",
            "framework f \"F\\\" \r\"\n// a \r comment\nscale s \"S\" // \r\n  levels a < b\n",
        ] {
            let parsed = parse(fine);
            assert!(parsed.errors.is_empty(), "{fine:?}: {:?}", parsed.errors);
        }
    }

    /// A line over the limit is one error at its first word, is not parsed,
    /// and is kept in the tree as it is.
    #[test]
    fn a_line_too_long_is_kept_but_not_read() {
        let long = "x".repeat(MAX_LINE_BYTES);
        let text =
            format!("framework f \"F\"\nrole {long} \"R\"\n  entry\nrole r \"R\"\n  description \"{long}\"\n    \"more\"\n  entry\n");
        let parsed = parse(&text);
        assert_eq!(parsed.tree.to_string(), text, "lossless");
        let kinds: Vec<&SyntaxErrorKind> = parsed.errors.iter().map(|e| &e.kind).collect();
        assert_eq!(kinds, [&SyntaxErrorKind::LineTooLong { limit: MAX_LINE_BYTES }; 2]);
        let at = text.find("role x").expect("the long header");
        assert_eq!(parsed.errors[0].span, Span::new(at, at + "role".len()));
        match &parsed.file.items[1] {
            ast::Item::Broken(b) => assert_eq!((b.kind, b.id.is_none()), (ast::ItemKind::Role, true)),
            other => panic!("{other:?}"),
        }
        match &parsed.file.items[2] {
            ast::Item::Role(r) => assert!(r.damaged && r.description.is_none() && r.entry.is_some()),
            other => panic!("{other:?}"),
        }
    }

    /// The vocabulary table says which words start the property lines of
    /// each item; the grammar must agree.
    #[test]
    fn the_grammar_agrees_with_the_vocabulary() {
        for (_, kind) in vocab::ITEM_KEYWORDS {
            let mut table: Vec<&str> = vocab::property_keywords(*kind).to_vec();
            table.sort();
            assert_eq!(parser::grammar_property_keywords(*kind), table, "{kind:?}");
        }
        // Every keyword rule of the grammar is a word of the vocabulary,
        // and every word of the vocabulary is in the grammar.
        let grammar = include_str!("../../../grammar/lfw.pest");
        // Every `"word"` of lowercase letters in the grammar's rules (its
        // comments are left out).
        let rules: String = grammar
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut quoted_words: Vec<&str> = Vec::new();
        let mut rest = rules.as_str();
        while let Some(i) = rest.find('"') {
            let after = &rest[i + 1..];
            let len = after.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(after.len());
            if len > 0 && after[len..].starts_with('"') {
                quoted_words.push(&after[..len]);
                rest = &after[len + 1..];
            } else {
                rest = after;
            }
        }
        quoted_words.sort();
        quoted_words.dedup();
        let mut table: Vec<&str> = vocab::KEYWORDS
            .iter()
            .copied()
            .chain(vocab::ITEM_KEYWORDS.iter().map(|(k, _)| *k))
            .chain(vocab::DURATION_UNITS.iter().map(|(u, _)| *u))
            .collect();
        table.sort();
        table.dedup();
        assert_eq!(quoted_words, table);
    }
}
