//! What can go wrong reading a CASE package, and what an import kept only
//! as notes, each worded here and nowhere else.

use std::fmt;

/// The largest CASE package `lfw import` reads: far more than the largest
/// published frameworks (a few MiB), small enough to hold in memory.
pub const MAX_CASE_BYTES: usize = 64 << 20;

/// The most CFItems, CFAssociations or rubric levels one package may have:
/// the language's limit on the elements of a framework.
pub const MAX_CASE_ENTRIES: usize = 100_000;

/// The most levels a rubric criterion may have: the `levels` line of a
/// scale this long still fits in one line of the language (64 KiB).
pub const MAX_LEVELS: usize = 1_000;

/// Why a CASE package could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Larger than [`MAX_CASE_BYTES`].
    TooLarge { limit: usize },
    /// Not JSON (or nested deeper than the JSON reader allows): the reader's
    /// own message, which never quotes the input.
    NotJson { message: String },
    /// The top level is not an object with a `CFDocument` object.
    NoDocument,
    /// A field has the wrong type: where, and what it should be.
    WrongType { at: String, expected: &'static str },
    /// A required field is missing.
    Missing { at: String },
    /// Its items would be rated at more levels in all (each competency at
    /// each level of its scale) than a framework may have.
    TooManyLevels { limit: usize },
    /// More entries in a list than [`MAX_CASE_ENTRIES`].
    TooMany { list: &'static str, limit: usize },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { limit } => {
                write!(f, "the CASE package is larger than {} MiB", limit >> 20)
            }
            ImportError::NotJson { message } => write!(f, "the CASE package is not JSON that can be read: {message}"),
            ImportError::NoDocument => write!(f, "this is not a CASE package: it has no `CFDocument` object at the top level"),
            ImportError::WrongType { at, expected } => write!(f, "in the CASE package, `{at}` should be {expected}"),
            ImportError::Missing { at } => write!(f, "in the CASE package, `{at}` is missing"),
            ImportError::TooManyLevels { limit } => write!(
                f,
                "the CASE package would rate its items at more than {limit} levels in all (each item at each level of its rubric), more than a framework may have"
            ),
            ImportError::TooMany { list, limit } => {
                write!(f, "the CASE package has more than {limit} entries in `{list}`")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// What an import kept only as notes and comments, counted by type, for
/// the one warning that lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeptAsNotes {
    /// CFItemTypes that are not kinds of `lfw` element, with how many
    /// items had each: the items are elements, their type a note.
    pub item_types: Vec<(String, usize)>,
    /// Association types that say nothing `lfw` has a line for, with
    /// how many of each: each is a note on its origin element.
    pub association_types: Vec<(String, usize)>,
    /// Texts cut to the language's longest line.
    pub cut_texts: usize,
    /// The package's `extensions.lfw` objects gave source that does not
    /// compile, so they were not read.
    pub extensions_ignored: bool,
}

impl KeptAsNotes {
    pub fn is_empty(&self) -> bool {
        self.item_types.is_empty() && self.association_types.is_empty() && self.cut_texts == 0 && !self.extensions_ignored
    }
}

fn counted(list: &[(String, usize)]) -> String {
    list.iter()
        .map(|(name, n)| format!("`{name}` ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

const IGNORED: &str =
    "the package's `extensions.lfw` objects do not make a framework that compiles, so it was imported as a plain CASE package";

impl fmt::Display for KeptAsNotes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.item_types.is_empty() {
            parts.push(format!(
                "item types lfw has no kind for, kept as competencies with a note of the type: {}",
                counted(&self.item_types)
            ));
        }
        if !self.association_types.is_empty() {
            parts.push(format!(
                "associations lfw has no line for, kept as notes on their origin: {}",
                counted(&self.association_types)
            ));
        }
        if self.cut_texts > 0 {
            parts.push(format!("{} texts longer than a line may be, cut short", self.cut_texts));
        }
        let notes = format!("kept only as notes: {}", parts.join("; "));
        match (self.extensions_ignored, parts.is_empty()) {
            (true, true) => write!(f, "{IGNORED}"),
            (true, false) => write!(f, "{IGNORED}; {notes}"),
            (false, _) => write!(f, "{notes}"),
        }
    }
}
