//! The stable code of every diagnostic any layer reports.
//!
//! Tools match on these strings, so each variant's string never changes once
//! published (docs/diagnostics.md documents each one). The list lives here,
//! beside [`crate::Diagnostic`], even for codes only `lfw-assess` reports,
//! so that every code of the project is in one place and cannot be spelt
//! two ways.

use std::cmp::Ordering;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    // Syntax.
    Syntax,
    StrayText,
    UnterminatedText,
    DuplicateProperty,
    NumberTooLarge,
    LineTooLong,
    LoneCarriageReturn,
    // Files, imports and frameworks.
    UnreadableFile,
    ImportOutsideRoot,
    NotLfwSource,
    NotAFile,
    FileTooLarge,
    InvalidUtf8,
    ImportCycle,
    ImportTooDeep,
    TooManyFiles,
    SecondFramework,
    NoFramework,
    TooManyElements,
    // Names.
    DuplicateId,
    UnknownReference,
    WrongKind,
    OverrideKind,
    ExtendsCycle,
    ExtendsTooDeep,
    // Scales and levels.
    EmptyScale,
    UnlistedLevel,
    DuplicateLevelTitle,
    UnknownLevel,
    LevelAboveScale,
    NoScale,
    MissingLevel,
    // Graphs and requirements.
    ProgressionCycle,
    PrerequisiteCycle,
    CredentialCycle,
    UnreachableRole,
    SplitLadder,
    UnmeetableCount,
    CredentialNeedsRole,
    Regression,
    EmptyDomain,
    // Crosswalks.
    IncompleteCrosswalk,
    CrosswalkLevelOrder,
    // Profiles (reported by `lfw-assess`).
    ProfileSyntax,
    ProfileMissing,
    ProfileConflict,
    ProfileFramework,
    ProfileAmbiguous,
    InvalidDate,
    EndsBeforeStart,
}

impl Code {
    /// Every code, in the order of docs/diagnostics.md.
    pub const ALL: [Code; 50] = [
        Code::Syntax,
        Code::StrayText,
        Code::UnterminatedText,
        Code::DuplicateProperty,
        Code::NumberTooLarge,
        Code::LineTooLong,
        Code::LoneCarriageReturn,
        Code::UnreadableFile,
        Code::ImportOutsideRoot,
        Code::NotLfwSource,
        Code::NotAFile,
        Code::FileTooLarge,
        Code::InvalidUtf8,
        Code::ImportCycle,
        Code::ImportTooDeep,
        Code::TooManyFiles,
        Code::SecondFramework,
        Code::NoFramework,
        Code::TooManyElements,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::WrongKind,
        Code::OverrideKind,
        Code::ExtendsCycle,
        Code::ExtendsTooDeep,
        Code::EmptyScale,
        Code::UnlistedLevel,
        Code::DuplicateLevelTitle,
        Code::UnknownLevel,
        Code::LevelAboveScale,
        Code::NoScale,
        Code::MissingLevel,
        Code::ProgressionCycle,
        Code::PrerequisiteCycle,
        Code::CredentialCycle,
        Code::UnreachableRole,
        Code::SplitLadder,
        Code::UnmeetableCount,
        Code::CredentialNeedsRole,
        Code::Regression,
        Code::EmptyDomain,
        Code::IncompleteCrosswalk,
        Code::CrosswalkLevelOrder,
        Code::ProfileSyntax,
        Code::ProfileMissing,
        Code::ProfileConflict,
        Code::ProfileFramework,
        Code::ProfileAmbiguous,
        Code::InvalidDate,
        Code::EndsBeforeStart,
    ];

    /// The stable string, as printed and as tools match on it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "lfw::syntax",
            Code::StrayText => "lfw::stray-text",
            Code::UnterminatedText => "lfw::unterminated-text",
            Code::DuplicateProperty => "lfw::duplicate-property",
            Code::NumberTooLarge => "lfw::number-too-large",
            Code::LineTooLong => "lfw::line-too-long",
            Code::LoneCarriageReturn => "lfw::lone-carriage-return",
            Code::UnreadableFile => "lfw::unreadable-file",
            Code::ImportOutsideRoot => "lfw::import-outside-root",
            Code::NotLfwSource => "lfw::not-lfw-source",
            Code::NotAFile => "lfw::not-a-file",
            Code::FileTooLarge => "lfw::file-too-large",
            Code::InvalidUtf8 => "lfw::invalid-utf8",
            Code::ImportCycle => "lfw::import-cycle",
            Code::ImportTooDeep => "lfw::import-too-deep",
            Code::TooManyFiles => "lfw::too-many-files",
            Code::SecondFramework => "lfw::second-framework",
            Code::NoFramework => "lfw::no-framework",
            Code::TooManyElements => "lfw::too-many-elements",
            Code::DuplicateId => "lfw::duplicate-id",
            Code::UnknownReference => "lfw::unknown-reference",
            Code::WrongKind => "lfw::wrong-kind",
            Code::OverrideKind => "lfw::override-kind",
            Code::ExtendsCycle => "lfw::extends-cycle",
            Code::ExtendsTooDeep => "lfw::extends-too-deep",
            Code::EmptyScale => "lfw::empty-scale",
            Code::UnlistedLevel => "lfw::unlisted-level",
            Code::DuplicateLevelTitle => "lfw::duplicate-level-title",
            Code::UnknownLevel => "lfw::unknown-level",
            Code::LevelAboveScale => "lfw::level-above-scale",
            Code::NoScale => "lfw::no-scale",
            Code::MissingLevel => "lfw::missing-level",
            Code::ProgressionCycle => "lfw::progression-cycle",
            Code::PrerequisiteCycle => "lfw::prerequisite-cycle",
            Code::CredentialCycle => "lfw::credential-cycle",
            Code::UnreachableRole => "lfw::unreachable-role",
            Code::SplitLadder => "lfw::split-ladder",
            Code::UnmeetableCount => "lfw::unmeetable-count",
            Code::CredentialNeedsRole => "lfw::credential-needs-role",
            Code::Regression => "lfw::regression",
            Code::EmptyDomain => "lfw::empty-domain",
            Code::IncompleteCrosswalk => "lfw::incomplete-crosswalk",
            Code::CrosswalkLevelOrder => "lfw::crosswalk-level-order",
            Code::ProfileSyntax => "lfw::profile-syntax",
            Code::ProfileMissing => "lfw::profile-missing",
            Code::ProfileConflict => "lfw::profile-conflict",
            Code::ProfileFramework => "lfw::profile-framework",
            Code::ProfileAmbiguous => "lfw::profile-ambiguous",
            Code::InvalidDate => "lfw::invalid-date",
            Code::EndsBeforeStart => "lfw::ends-before-start",
        }
    }
}

/// Codes order by their strings, as they did when they were strings, so that
/// diagnostics at the same place keep the order they were always printed in.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use std::collections::BTreeSet;

    /// Read when the test runs, so an edit of the page alone is checked.
    fn docs() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/diagnostics.md");
        std::fs::read_to_string(path).expect("docs/diagnostics.md is readable")
    }

    /// The codes named in backquotes in one heading.
    fn codes_in(heading: &str) -> Vec<&str> {
        heading.split('`').skip(1).step_by(2).filter(|s| s.starts_with("lfw::")).collect()
    }

    #[test]
    fn every_code_is_unique_and_prefixed() {
        let strings: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(strings.len(), Code::ALL.len(), "two codes share a string");
        for code in Code::ALL {
            assert!(code.as_str().starts_with("lfw::"), "{code}");
        }
    }

    /// Each code has a section of its own, headed by the code alone; a
    /// heading that names codes with other words (such as "… in profiles")
    /// adds to their documentation and must name codes that exist.
    #[test]
    fn the_codes_and_the_documentation_agree() {
        let docs = docs();
        let headings: Vec<&str> = docs.lines().filter_map(|l| l.strip_prefix("### ")).collect();
        let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut documented = BTreeSet::new();
        for heading in &headings {
            let named = codes_in(heading);
            for code in &named {
                assert!(known.contains(code), "docs/diagnostics.md documents `{code}`, which is not a Code");
            }
            if let [code] = named[..] {
                if *heading == format!("`{code}`") {
                    assert!(documented.insert(code), "`{code}` has two sections in docs/diagnostics.md");
                }
            }
        }
        let undocumented: Vec<&&str> = known.difference(&documented).collect();
        assert!(undocumented.is_empty(), "no section in docs/diagnostics.md for {undocumented:?}");
    }
}
