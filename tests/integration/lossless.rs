//! The syntax tree is lossless: printing the tree of any input gives back
//! the input, byte for byte, whatever mistakes it holds.

use crate::corpus;
use proptest::prelude::*;

fn round_trips(text: &str) -> Result<(), TestCaseError> {
    let parsed = lfw_syntax::parse(text);
    prop_assert_eq!(parsed.tree.to_string(), text);
    Ok(())
}

#[test]
fn every_file_of_the_corpus_round_trips() {
    for (path, text) in corpus() {
        let parsed = lfw_syntax::parse(text);
        assert_eq!(&parsed.tree.to_string(), text, "{}", path.display());
    }
}

/// Comments and blank lines are in the tree as tokens, where they were.
#[test]
fn comments_are_tokens_of_the_tree() {
    let text = "// about the file\n\nframework f \"F\" // trailing\n  // inside\n  version \"1\"\n";
    let parsed = lfw_syntax::parse(text);
    let comments: Vec<String> = parsed
        .tree
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| t.kind() == lfw_syntax::SyntaxKind::Comment)
        .map(|t| t.text().to_string())
        .collect();
    assert_eq!(comments, ["// about the file", "// trailing", "// inside"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text_round_trips(text in "\\PC{0,400}") {
        round_trips(&text)?;
    }

    #[test]
    fn any_line_structure_round_trips(text in "[a-z \"<>(),/\\\\\r\t\n0-9-]{0,300}") {
        round_trips(&text)?;
    }

    /// The corpus with characters deleted, inserted and replaced at random.
    #[test]
    fn mutated_corpus_round_trips(
        file in 0usize..1000,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(vec!['"', '\n', ' ', '<', ',', '(', '/', 'a', 'é', '\r', '\\'])), 1..20),
    ) {
        let corpus = corpus();
        let (_, text) = &corpus[file % corpus.len()];
        let mut chars: Vec<char> = text.chars().collect();
        for (at, op, c) in edits {
            if chars.is_empty() {
                chars.push(c);
                continue;
            }
            let i = at.index(chars.len());
            match op {
                0 => { chars.remove(i); }
                1 => chars.insert(i, c),
                _ => chars[i] = c,
            }
        }
        let text: String = chars.into_iter().collect();
        round_trips(&text)?;
    }
}

/// Parsing again after an edit (`lfw_syntax::Incremental`, which re-reads
/// only the items whose text changed, for the language server) gives the
/// typed tree and the errors that parsing the whole text gives: over the
/// corpus, and over each file with a line taken out, then put back.
#[test]
fn incremental_parsing_agrees_with_parsing_the_whole() {
    for (path, text) in crate::corpus() {
        let mut inc = lfw_syntax::Incremental::default();
        let whole = |t: &str| {
            let p = lfw_syntax::parse(t);
            (std::sync::Arc::new(p.file), p.errors)
        };
        assert!(inc.parse(text) == whole(text), "{}", path.display());
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for cut in [lines.len() / 3, lines.len() / 2, lines.len().saturating_sub(2)] {
            let edited: String = lines.iter().enumerate().filter(|(i, _)| *i != cut).map(|(_, l)| *l).collect();
            assert!(inc.parse(&edited) == whole(&edited), "{} without line {}", path.display(), cut + 1);
            assert!(inc.parse(text) == whole(text), "{} again", path.display());
        }
    }
}
