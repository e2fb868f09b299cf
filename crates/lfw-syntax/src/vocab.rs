//! The vocabulary of the language, in one place: the words that start
//! items, the words that start each item's property lines, every reserved
//! word, and the units of time. The parser, the error messages, the
//! did-you-mean suggestions and (later) completion all derive from these
//! tables; a test checks that the grammar agrees with them.

use crate::ast::{CompetencyKind, ItemKind};

/// The words that start an item, and the item each starts.
pub const ITEM_KEYWORDS: &[(&str, ItemKind)] = &[
    ("framework", ItemKind::Framework),
    ("import", ItemKind::Import),
    ("scale", ItemKind::Scale),
    ("domain", ItemKind::Domain),
    ("competency", ItemKind::Competency(CompetencyKind::Competency)),
    ("behaviour", ItemKind::Competency(CompetencyKind::Behaviour)),
    ("quality", ItemKind::Competency(CompetencyKind::Quality)),
    ("value", ItemKind::Competency(CompetencyKind::Value)),
    ("skill", ItemKind::Competency(CompetencyKind::Skill)),
    ("credential", ItemKind::Credential),
    ("role", ItemKind::Role),
    ("crosswalk", ItemKind::Crosswalk),
];

/// The item a word starts, if any.
pub fn item_keyword(word: &str) -> Option<ItemKind> {
    ITEM_KEYWORDS.iter().find(|(k, _)| *k == word).map(|(_, kind)| *kind)
}

/// The keyword of an item kind.
pub fn item_word(kind: ItemKind) -> &'static str {
    ITEM_KEYWORDS
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(word, _)| *word)
        .expect("every item kind has a keyword")
}

/// The words a property line of each kind of item may start with.
pub fn property_keywords(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Framework => &[
            "version",
            "owner",
            "sector",
            "source",
            "extends",
            "default",
            "evidence",
            "description",
            "note",
            "interpretation",
        ],
        ItemKind::Import => &[],
        ItemKind::Scale => &["levels", "level", "description", "note", "interpretation"],
        ItemKind::Domain => &["description", "note", "interpretation"],
        ItemKind::Competency(_) => &[
            "description",
            "rated",
            "indicator",
            "positive",
            "negative",
            "at",
            "needs",
            "note",
            "interpretation",
        ],
        ItemKind::Credential => &["kind", "requires", "desirable", "description", "note", "interpretation"],
        ItemKind::Role => &["entry", "after", "requires", "desirable", "description", "note", "interpretation"],
        ItemKind::Crosswalk => &["from", "level", "map", "description", "note", "interpretation"],
    }
}

/// Words that continue the line before them and start no line: a line
/// starting with one of them is part of the property above it.
pub const CONTINUATION_WORDS: &[&str] = &["because"];

/// Every word the grammar gives a meaning to, besides the item keywords.
pub const KEYWORDS: &[&str] = &[
    // Words of property lines and their parts.
    "after",
    "all",
    "any",
    "as",
    "at",
    "because",
    "default",
    "description",
    "desirable",
    "entry",
    "evidence",
    "extends",
    "for",
    "from",
    "in",
    "indicator",
    "interpretation",
    "kind",
    "level",
    "levels",
    "map",
    "needs",
    "negative",
    "note",
    "of",
    "on",
    "owner",
    "positive",
    "ranked",
    "rated",
    "requires",
    "sector",
    "source",
    "to",
    "valid",
    "version",
    // How assessments combine.
    "latest",
    "highest",
    "lowest",
    "median",
    // How close a crosswalk mapping is.
    "exact",
    "close",
    "broader",
    "narrower",
    "related",
];

/// The units of a length of time, and the months in one.
pub const DURATION_UNITS: &[(&str, u32)] = &[("years", 12), ("year", 12), ("y", 12), ("months", 1), ("month", 1), ("m", 1)];

/// Ways of writing a unit that people use but the language does not take,
/// and the unit they mean: a help line can then show the fix.
pub const UNIT_MISTAKES: &[(&str, &str)] = &[
    ("yr", "years"),
    ("yrs", "years"),
    ("yeras", "years"),
    ("yaers", "years"),
    ("mo", "months"),
    ("mos", "months"),
    ("mth", "months"),
    ("mths", "months"),
    ("mnths", "months"),
    ("monhts", "months"),
];

/// The months in one of `unit`, if it is a unit of the language.
pub fn unit_months(unit: &str) -> Option<u32> {
    DURATION_UNITS.iter().find(|(u, _)| *u == unit).map(|(_, m)| *m)
}

/// Whether a word is reserved anywhere in the language.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word) || item_keyword(word).is_some()
}

pub fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Whether `s` could be written as an id.
pub fn is_id(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) && s.chars().all(is_id_char)
}

/// The leading word of `s` made of id characters.
pub fn leading_word(s: &str) -> &str {
    let end = s.find(|c: char| !is_id_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// The id a title suggests, `Crew Manager` → `crew-manager`, when it makes
/// one that is not a keyword: the id a help line may offer for a title
/// written where an id belongs.
pub fn id_from_title(title: &str) -> Option<String> {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let id = out.trim_end_matches('-').to_string();
    (is_id(&id) && !is_keyword(&id)).then_some(id)
}
