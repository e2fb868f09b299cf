//! The parser on any text: it never panics, the tree holds the text exactly
//! (lossless), and every error's span lies inside the text on character
//! boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = lfw_syntax::parse(text);
    assert_eq!(parsed.tree.text().to_string(), text, "the tree is lossless");
    for e in &parsed.errors {
        let span = e.span;
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?} inside the text");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "{span:?} on boundaries"
        );
    }
});
