//! The kinds of the lossless syntax tree: one table for every token and
//! node, and the rowan language that carries them.

/// Declares [`SyntaxKind`] and the list of all its kinds in order, so
/// that a raw number maps back to its kind without `unsafe`.
macro_rules! syntax_kinds {
    ($($(#[doc = $vdoc:literal])* $kind:ident,)*) => {
        /// Every kind of token and node in the syntax tree.
        ///
        /// Tokens are the leaves: together, in order, they are the file's
        /// text, byte for byte. Nodes group them: an item, a line of it, a
        /// part of a line.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(u16)]
        pub enum SyntaxKind {
            $($(#[doc = $vdoc])* $kind,)*
        }

        impl SyntaxKind {
            /// Every kind, in declaration order: `ALL[k as usize] == k`.
            pub const ALL: &'static [SyntaxKind] = &[$(SyntaxKind::$kind,)*];
        }
    };
}

syntax_kinds! {
    // ------------------------------------------------------------ tokens
    /// Spaces, tabs and carriage returns.
    Whitespace,
    /// One `\n`.
    Newline,
    /// `// …` up to the end of its line.
    Comment,
    /// A word of the language's vocabulary (see `vocab`), where the grammar
    /// wants it.
    Keyword,
    /// A name: an id, a level, a framework, a source.
    Ident,
    Number,
    /// One quoted piece of text, with its quotes.
    Quoted,
    /// A `"` with no closing `"` on its line, and what follows it.
    Unterminated,
    /// The unit of a length of time (`years`, `m`, …).
    Unit,
    Lt,
    Gt,
    LParen,
    RParen,
    Comma,
    /// A word in a line that does not parse (its meaning is unknown).
    Word,
    /// A character the language has no use for.
    Unknown,

    // ------------------------------------------------------------- nodes
    File,
    // Items: the header line, then the property lines, comments and blank
    // lines up to the next item (comment lines just above a header belong
    // to the item below them).
    FrameworkItem,
    ImportItem,
    ScaleItem,
    DomainItem,
    CompetencyItem,
    CredentialItem,
    RoleItem,
    CrosswalkItem,
    /// The first line of an item: keyword, id, title.
    Header,
    // Property lines.
    Version,
    Owner,
    Sector,
    Source,
    Extends,
    DefaultScale,
    Evidence,
    Description,
    Note,
    Levels,
    /// `level <id> "Title"` in a scale.
    LevelTitle,
    RatedOn,
    Indicator,
    Descriptor,
    Prerequisite,
    CredentialKind,
    Entry,
    After,
    Requirement,
    Between,
    LevelMap,
    Mapping,
    // Parts of lines.
    /// One text: one or more quoted pieces.
    Text,
    Duration,
    EvidenceRanked,
    EvidenceValid,
    AllIn,
    CountOf,
    Experience,
    LevelReq,
    NamedReq,
    /// A line, or the rest of one, that does not parse: its tokens as
    /// written. Its error is in the parse's errors.
    Error,
}

impl SyntaxKind {
    /// Whitespace, line breaks and comments: what a formatter may move and
    /// what the meaning of a file never depends on.
    pub fn is_trivia(self) -> bool {
        matches!(self, SyntaxKind::Whitespace | SyntaxKind::Newline | SyntaxKind::Comment)
    }

    /// The node of each kind of item.
    pub fn is_item(self) -> bool {
        matches!(
            self,
            SyntaxKind::FrameworkItem
                | SyntaxKind::ImportItem
                | SyntaxKind::ScaleItem
                | SyntaxKind::DomainItem
                | SyntaxKind::CompetencyItem
                | SyntaxKind::CredentialItem
                | SyntaxKind::RoleItem
                | SyntaxKind::CrosswalkItem
        )
    }

    fn from_raw(raw: u16) -> SyntaxKind {
        SyntaxKind::ALL[raw as usize]
    }
}

impl From<SyntaxKind> for rowan::SyntaxKind {
    fn from(kind: SyntaxKind) -> rowan::SyntaxKind {
        rowan::SyntaxKind(kind as u16)
    }
}

/// The rowan language of `.lfw` trees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lfw {}

impl rowan::Language for Lfw {
    type Kind = SyntaxKind;

    fn kind_from_raw(raw: rowan::SyntaxKind) -> SyntaxKind {
        SyntaxKind::from_raw(raw.0)
    }

    fn kind_to_raw(kind: SyntaxKind) -> rowan::SyntaxKind {
        kind.into()
    }
}

pub type SyntaxNode = rowan::SyntaxNode<Lfw>;
pub type SyntaxToken = rowan::SyntaxToken<Lfw>;
pub type SyntaxElement = rowan::SyntaxElement<Lfw>;
