//! CASE import on any bytes (`lfw_case::lfw_source`, what `lfw import
//! --from case` runs). Nothing panics; a package is refused with an error,
//! or the source written compiles without errors and holds no character
//! that would make it read differently from what it is ("Trojan source":
//! bidi controls, line and paragraph separators, a byte-order mark, other
//! control characters than its line breaks), those being written as
//! escapes that give back the package's text: its title round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// What must never be in `.lfw` source raw (the line breaks between lines
/// excepted).
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// The package's title when the import must give it back unchanged: text
/// with no control character (those become spaces) and short enough not
/// to be cut.
fn plain_title(bytes: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let title = value.get("CFDocument")?.get("title")?.as_str()?;
    (title.len() < 1000 && !title.chars().any(char::is_control)).then(|| title.to_string())
}

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = lfw_case::lfw_source(data) else { return };
    if let Some(c) = imported.text.chars().find(|&c| hidden(c)) {
        panic!("the source holds U+{:04X} raw:\n{}", c as u32, imported.text);
    }
    let name = format!("{}.lfw", imported.framework);
    let compiled = lfw_model::compile_str(&name, &imported.text);
    if compiled.has_errors() {
        let messages: Vec<String> = compiled
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code.as_str(), d.message))
            .collect();
        panic!("the source written does not compile: {messages:?}\n{}", imported.text);
    }
    let framework = compiled.frameworks.first().expect("the source declares its framework");
    if let Some(title) = plain_title(data) {
        assert_eq!(framework.title, title, "the title round-trips");
    }
    // The warning is worded without panicking.
    let _ = imported.kept_as_notes.to_string();
});
