//! Syntax errors, as values. The model crate turns them into diagnostics.

use crate::ast::{ItemKind, Span};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SyntaxErrorKind {
    /// The parser met something it did not expect inside an item.
    Unexpected {
        /// The item being read, when its keyword was seen.
        item: Option<ItemKind>,
        expected: Vec<Expected>,
        found: Found,
    },
    /// Text before the first item keyword that belongs to no item.
    Stray { found: Found },
    /// A `"` with no closing `"` on the same line.
    UnterminatedText,
    /// A property that may appear once appeared twice.
    DuplicateProperty { property: &'static str, first: Span },
    /// A number too large to mean anything here.
    NumberTooLarge,
}

/// Something the parser would have accepted at an error's position.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Expected {
    Keyword(&'static str),
    Symbol(&'static str),
    Name,
    Text,
    Number,
    /// The end of the current item (the next item's keyword, or the end of the file).
    EndOfItem,
}

/// What the parser found instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Found {
    Word(String),
    Char(char),
    EndOfItem,
}
