//! The syntax layer of lfw: `.lfw` text to a typed syntax tree.
//!
//! This crate owns the grammar (`grammar/lfw.pest`, loaded here with
//! pest_derive), the syntax tree in [`ast`] with a byte span on every node,
//! and the syntax errors in [`error`]. Parsing never fails: [`parse`] always
//! returns a tree, holding every item it could read, together with every
//! syntax error it met. It never resolves a name, reads another file or
//! knows what a profile is; pest pairs never leave this crate.

pub mod ast;
mod chunk;
pub mod error;
mod lower;

pub use ast::Span;
pub use chunk::item_keyword;
pub use error::{Expected, Found, SyntaxError, SyntaxErrorKind};

/// The result of parsing one file: the tree and the errors, both always there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parsed {
    pub file: ast::File,
    pub errors: Vec<SyntaxError>,
}

/// Parses the text of one `.lfw` file.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut domain: Option<ast::Ident> = None;
    for chunk in chunk::chunks(text) {
        let Some(kind) = chunk.kind else {
            lower::stray(text, chunk, &mut parsed.errors);
            continue;
        };
        let mut item = lower::item(text, chunk, kind, &mut parsed.errors);
        // Competencies belong to the domain section they are written under.
        match &mut item {
            ast::Item::Domain(d) => domain = Some(d.id.clone()),
            ast::Item::Broken(b) if b.kind == ast::ItemKind::Domain => domain = b.id.clone(),
            ast::Item::Competency(c) => c.domain = domain.clone(),
            _ => {}
        }
        parsed.file.items.push(item);
    }
    parsed
}
