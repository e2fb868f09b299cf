//! The bundled framework library: every `.lfw` file of the repository's
//! `frameworks/` folder, embedded in the binary at build time, so a fresh
//! install can answer questions with no files of its own.
//!
//! This crate owns only the embedding and the lookup by id; compiling is
//! the model crate's job, through the same [`lfw_model::Read`] hook the
//! file system uses.

use lfw_model::Compilation;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Reads a bundled file by its path (`frameworks/…`).
pub fn read(path: &Path) -> Result<Vec<u8>, lfw_model::ReadError> {
    let wanted = path.to_string_lossy().replace('\\', "/");
    FILES
        .iter()
        .find(|(p, _)| *p == wanted)
        .map(|(_, text)| text.as_bytes().to_vec())
        .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound).into())
}

/// The paths of every bundled file.
pub fn paths() -> Vec<PathBuf> {
    FILES.iter().map(|(p, _)| PathBuf::from(p)).collect()
}

/// Compiles the whole library, as `lfw check frameworks/` would.
pub fn compile() -> Compilation {
    lfw_model::compile(&paths(), &read)
}
