//! Syntax errors, as values. The model crate turns them into diagnostics.

use crate::ast::{ItemKind, Span};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub span: Span,
    /// A machine-applicable fix, when the mistake has one sure fix: edits
    /// to make together. Empty when there is none.
    pub fix: Vec<Edit>,
    /// The line as it reads with the fix made (without its indentation or
    /// a trailing comment), for a help line to show.
    pub fixed: Option<String>,
}

impl SyntaxError {
    pub fn new(kind: SyntaxErrorKind, span: Span) -> SyntaxError {
        SyntaxError {
            kind,
            span,
            fix: Vec::new(),
            fixed: None,
        }
    }

    pub fn with_fix(mut self, fix: Vec<Edit>) -> SyntaxError {
        self.fix = fix;
        self
    }
}

/// Replace the text at `span` with `text` (an insertion when the span is
/// empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// The text of `line` (which starts at offset `at`) with `edits` made.
pub fn apply(line: &str, at: usize, edits: &[Edit]) -> String {
    let mut out = String::new();
    let mut pos = at;
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    for e in sorted {
        out.push_str(&line[pos - at..e.span.start - at]);
        out.push_str(&e.text);
        pos = e.span.end;
    }
    out.push_str(&line[pos - at..]);
    out
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
    /// A logical line longer than `limit` bytes, which is not read.
    LineTooLong { limit: usize },
    /// A line of an item that starts with a word none of its properties
    /// starts with (often a misspelt keyword): the keyword it is closest
    /// to, or else the item keyword, when there is one.
    UnknownProperty {
        item: ItemKind,
        word: String,
        suggestion: Option<Suggestion>,
    },
    /// An item's title written without quotes.
    UnquotedTitle { item: ItemKind },
    /// An item's header with a title but no id before it.
    MissingId { item: ItemKind },
    /// Levels separated by something other than `<`, or quoted.
    LevelsNotSeparated { found: Found },
    /// `after <role> <time>` without `for`.
    MissingFor,
    /// A length of time with a unit the language does not know.
    UnknownUnit { unit: String },
    /// A quoted text where a name belongs.
    TextForName,
    /// Several words (a title, most likely) where one name belongs.
    TitleForName,
    /// A carriage return that no line feed follows, outside any quoted text
    /// or comment: lines ended the old Mac way, which the language does not
    /// read as line breaks. The only error of its file, whose items are not
    /// read.
    LoneCarriageReturn,
}

/// What a misspelt word at the start of a line most likely is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Suggestion {
    /// A keyword that starts a line of this item.
    Property(&'static str),
    /// A keyword that starts a new item.
    Item(&'static str),
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
