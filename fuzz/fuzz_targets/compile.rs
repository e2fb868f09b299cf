//! The whole compile from bytes (not necessarily UTF-8), through the read
//! hook as the binary uses it: it never panics, and every diagnostic's
//! places lie inside their file's text on character boundaries (so that
//! drawing it cannot fail).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|data: &[u8]| {
    let read = |p: &Path| {
        if p == Path::new("fuzz.lfw") {
            Ok(data.to_vec())
        } else {
            Err(lfw_model::ReadError::Io(std::io::ErrorKind::NotFound.into()))
        }
    };
    let c = lfw_model::compile(&[PathBuf::from("fuzz.lfw")], &read);
    for d in &c.diagnostics {
        assert!(!d.message.is_empty(), "{d:?} says something");
        let labels = d
            .primary
            .iter()
            .chain(&d.related)
            .map(|l| l.loc)
            .chain(d.fixes.iter().map(|f| f.loc));
        for loc in labels {
            let text = &c.sources.get(loc.file).text;
            let s = loc.span;
            assert!(s.start <= s.end && s.end <= text.len(), "{d:?}: span inside the text");
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{d:?}: span on boundaries"
            );
            let _ = c.sources.line_col(loc.file, s.start);
        }
    }
    for fw in &c.frameworks {
        let _ = lfw_model::export::framework(fw);
    }
});
