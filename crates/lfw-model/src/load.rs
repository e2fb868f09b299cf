//! Reading files and following imports.

use crate::diagnostic::Diagnostic;
use crate::limits::{MAX_FILES, MAX_IMPORT_DEPTH};
use crate::problem::{Problem, ReadFailure};
use crate::report;
use crate::source::{normalize, FileId, Loc, Sources};
use lfw_syntax::ast;
use lfw_syntax::SyntaxError;
use std::collections::{HashMap, HashSet, VecDeque};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How the compiler reads a file: the file system for the command line
/// (confined to the project root there), the embedded library for bundled
/// frameworks, a map in tests.
pub type Read<'r> = &'r dyn Fn(&Path) -> Result<Vec<u8>, ReadError>;

/// Why a file was not read. Apart from `Io`, each is a refusal by the
/// reader, made before a byte of the file is looked at, so that nothing
/// outside the project and nothing that is not `.lfw` source is ever quoted
/// back in a diagnostic.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// The file lies outside the project root (`root`, as the user would
    /// name it), by `..`, an absolute path or a symbolic link.
    OutsideRoot {
        root: PathBuf,
    },
    /// The file's name does not end in `.lfw`.
    NotLfw,
    /// A folder, device, pipe or socket rather than a regular file.
    NotAFile,
    /// Larger than `limit` bytes.
    TooLarge {
        limit: u64,
    },
}

/// Largest size of a `.lfw` file, in bytes: far above any real framework
/// (the largest bundled one is a few tens of kilobytes), low enough that a
/// device or a hostile file cannot exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 16 << 20;

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// A file that was read and parsed. `imports[i]` is the file the `i`-th
/// import of the file names, when it could be read.
pub struct LoadedFile {
    pub id: FileId,
    pub ast: Arc<ast::File>,
    pub imports: Vec<(Loc, Option<FileId>)>,
}

/// Files parsed by earlier compilations, by path, with the text each had:
/// a compilation given the cache parses only the files whose text changed
/// since, and of those only the items whose text changed
/// (`lfw_syntax::Incremental`). The language server keeps one, so an edit
/// re-parses the edited item, not its file nor everything it imports.
/// Parsing is a function of the text, so a file read with the same text
/// gives the same tree and errors.
#[derive(Default)]
pub struct ParseCache {
    files: HashMap<PathBuf, lfw_syntax::Incremental>,
}

impl ParseCache {
    /// The typed tree and syntax errors of a file with this text, parsing
    /// only what changed since the text last given for its path.
    pub fn parse(&mut self, path: &Path, text: &str) -> (Arc<ast::File>, Vec<SyntaxError>) {
        self.files.entry(path.to_path_buf()).or_default().parse(text)
    }

    /// Forgets a file (one that was closed, say).
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}

/// A file to read: its path, the import that names it (importing file and
/// import slot), and its depth below the files named.
type Queued = (PathBuf, Option<(usize, usize)>, usize);

/// Reads the roots and everything they import, each file once, breadth
/// first: at most [`MAX_FILES`] files, and imports at most
/// [`MAX_IMPORT_DEPTH`] deep. The result is indexed by [`FileId`].
pub fn load(
    roots: &[PathBuf],
    read: Read,
    mut cache: Option<&mut ParseCache>,
    sources: &mut Sources,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<LoadedFile> {
    let mut files: Vec<LoadedFile> = Vec::new();
    let mut queue: VecDeque<Queued> = roots.iter().map(|p| (normalize(p), None, 0)).collect();
    // Paths that could not be read, so each is reported once.
    let mut failed: HashSet<PathBuf> = HashSet::new();
    let mut too_many = false;
    while let Some((path, from, depth)) = queue.pop_front() {
        let from_loc = from.map(|(f, i)| files[f].imports[i].0);
        let target = match sources.find(&path) {
            Some(id) => Some(id),
            None if failed.contains(&path) => None,
            // Breadth first, so a file is met first at its least depth.
            None if depth > MAX_IMPORT_DEPTH => {
                if let Some(at) = from_loc {
                    diagnostics.push(report::diagnostic(Problem::ImportTooDeep {
                        path: path.display().to_string(),
                        limit: MAX_IMPORT_DEPTH,
                        at,
                    }));
                }
                failed.insert(path);
                None
            }
            None if sources.len() >= MAX_FILES => {
                // Reported once: every file after it is refused the same way.
                if !std::mem::replace(&mut too_many, true) {
                    diagnostics.push(report::diagnostic(Problem::TooManyFiles {
                        path: path.display().to_string(),
                        limit: MAX_FILES,
                        from: from_loc,
                    }));
                }
                failed.insert(path);
                None
            }
            None => match read_text(&path, read, from_loc, diagnostics) {
                None => {
                    failed.insert(path);
                    None
                }
                Some(text) => {
                    let (tree, errors) = match cache.as_deref_mut() {
                        Some(cache) => cache.parse(&path, &text),
                        None => {
                            let parsed = lfw_syntax::parse(&text);
                            (Arc::new(parsed.file), parsed.errors)
                        }
                    };
                    let id = sources.add(path.clone(), text);
                    diagnostics.extend(errors.iter().map(|e| report::syntax(id, e)));
                    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                    let mut imports = Vec::new();
                    for item in &tree.items {
                        if let ast::Item::Import(import) = item {
                            let slot = imports.len();
                            let loc = Loc::new(id, import.path.span);
                            imports.push((loc, None));
                            // An absolute path would make the framework depend on
                            // one machine's folders, and could name any file on it.
                            if is_absolute(&import.path.value) {
                                diagnostics.push(report::diagnostic(Problem::AbsoluteImport {
                                    path: import.path.value.clone(),
                                    at: loc,
                                }));
                                continue;
                            }
                            queue.push_back((normalize(&dir.join(&import.path.value)), Some((files.len(), slot)), depth + 1));
                        }
                    }
                    files.push(LoadedFile { id, ast: tree, imports });
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

/// Whether an import path is absolute on any platform: rooted (`/etc`,
/// `\\server`) or with a drive (`C:`).
fn is_absolute(path: &str) -> bool {
    let bytes = path.as_bytes();
    Path::new(path).has_root() || path.starts_with(['/', '\\']) || (bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':')
}

/// A file's text without the byte-order mark some editors put at its
/// start, so that lines and columns are counted as the editor shows them.
/// (The parser reads a mark there as whitespace too, for callers that
/// give it a file's text as it is.)
pub(crate) fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

fn read_text(path: &Path, read: Read, from: Option<Loc>, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = path.display().to_string();
    let problem = match read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return Some(without_bom(text)),
            Err(e) => Problem::InvalidUtf8 {
                path: shown,
                offset: e.utf8_error().valid_up_to(),
                from,
            },
        },
        Err(ReadError::Io(e)) => Problem::Unreadable {
            path: shown,
            why: failure(&e),
            from,
        },
        Err(ReadError::OutsideRoot { root }) => Problem::OutsideRoot { path: shown, root, from },
        Err(ReadError::NotLfw) => Problem::NotLfw { path: shown, from },
        Err(ReadError::NotAFile) => Problem::NotAFile { path: shown, from },
        Err(ReadError::TooLarge { limit }) => Problem::TooLarge { path: shown, limit, from },
    };
    diagnostics.push(report::diagnostic(problem));
    None
}

fn failure(e: &io::Error) -> ReadFailure {
    match e.kind() {
        io::ErrorKind::NotFound => ReadFailure::NotFound,
        io::ErrorKind::PermissionDenied => ReadFailure::PermissionDenied,
        _ => ReadFailure::Other(e.to_string()),
    }
}
