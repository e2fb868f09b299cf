//! Reading files and following imports.

use crate::diagnostic::Diagnostic;
use crate::report;
use crate::source::{normalize, FileId, Loc, Sources};
use lfw_syntax::ast;
use std::collections::VecDeque;
use std::io;
use std::path::{Path, PathBuf};

/// How the compiler reads a file: the file system for the command line,
/// the embedded library for bundled frameworks, a map in tests.
pub type Read<'r> = &'r dyn Fn(&Path) -> io::Result<Vec<u8>>;

/// A file that was read and parsed. `imports[i]` is the file the `i`-th
/// import of the file names, when it could be read.
pub struct LoadedFile {
    pub id: FileId,
    pub ast: ast::File,
    pub imports: Vec<(Loc, Option<FileId>)>,
}

/// Reads the roots and everything they import, each file once. The result
/// is indexed by [`FileId`].
pub fn load(roots: &[PathBuf], read: Read, sources: &mut Sources, diagnostics: &mut Vec<Diagnostic>) -> Vec<LoadedFile> {
    let mut files: Vec<LoadedFile> = Vec::new();
    // (path, the import that names it: importing file and import slot)
    let mut queue: VecDeque<(PathBuf, Option<(usize, usize)>)> = roots.iter().map(|p| (normalize(p), None)).collect();
    // Paths that could not be read, so each is reported once.
    let mut failed: Vec<PathBuf> = Vec::new();
    while let Some((path, from)) = queue.pop_front() {
        let from_loc = from.map(|(f, i)| files[f].imports[i].0);
        let target = match sources.find(&path) {
            Some(id) => Some(id),
            None if failed.contains(&path) => None,
            None => match read_text(&path, read, from_loc, diagnostics) {
                None => {
                    failed.push(path);
                    None
                }
                Some(text) => {
                    let parsed = lfw_syntax::parse(&text);
                    let id = sources.add(path.clone(), text);
                    diagnostics.extend(parsed.errors.iter().map(|e| report::syntax(id, e)));
                    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    let mut imports = Vec::new();
                    for item in &parsed.file.items {
                        if let ast::Item::Import(import) = item {
                            let slot = imports.len();
                            imports.push((Loc::new(id, import.path.span), None));
                            queue.push_back((normalize(&dir.join(&import.path.value)), Some((files.len(), slot))));
                        }
                    }
                    files.push(LoadedFile {
                        id,
                        ast: parsed.file,
                        imports,
                    });
                    Some(id)
                }
            },
        };
        if let Some((f, i)) = from {
            files[f].imports[i].1 = target;
        }
    }
    files
}

fn read_text(path: &Path, read: Read, from: Option<Loc>, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = path.display().to_string();
    match read(path) {
        Err(e) => {
            diagnostics.push(report::unreadable(&shown, &io_reason(&e), from));
            None
        }
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(text),
            Err(e) => {
                diagnostics.push(report::invalid_utf8(&shown, e.utf8_error().valid_up_to(), from));
                None
            }
        },
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "there is no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
