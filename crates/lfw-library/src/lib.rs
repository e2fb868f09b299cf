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

/// The path of the bundled file that declares a framework or crosswalk
/// with this id, found without compiling anything.
pub fn file_declaring(id: &str) -> Option<PathBuf> {
    DECLARED
        .iter()
        .find(|(declared, _)| *declared == id)
        .map(|(_, path)| PathBuf::from(path))
}

/// Compiles the bundled file declaring `id` and what it imports or
/// extends, and nothing else; `None` when no bundled file declares it.
pub fn compile_one(id: &str) -> Option<Compilation> {
    file_declaring(id).map(|path| lfw_model::compile(&[path], &read))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index built by text agrees with the compiler: every framework and
    /// crosswalk of the library is found in its own file, and compiling that
    /// file alone gives the same framework as compiling everything.
    #[test]
    fn every_declared_id_is_found_in_its_file() {
        let all = compile();
        assert!(!all.has_errors());
        assert!(all.frameworks.len() >= 10, "the library has its frameworks");
        for fw in &all.frameworks {
            let path = all.sources.get(fw.loc.file).path.clone();
            assert_eq!(file_declaring(&fw.id), Some(path), "{}", fw.id);
            let alone = compile_one(&fw.id).expect("found");
            assert!(!alone.has_errors(), "{} compiles alone", fw.id);
            let same = alone.frameworks.iter().find(|f| f.id == fw.id).expect("declared");
            assert_eq!(lfw_model::export::framework(same), lfw_model::export::framework(fw), "{}", fw.id);
        }
        for x in &all.crosswalks {
            assert_eq!(file_declaring(&x.id), Some(all.sources.get(x.loc.file).path.clone()), "{}", x.id);
        }
        assert_eq!(DECLARED.len(), all.frameworks.len() + all.crosswalks.len(), "no stray ids");
        assert_eq!(file_declaring("no-such-framework"), None);
    }
}
