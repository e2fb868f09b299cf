//! The project's files: the folder that `.lfw` files are confined to, the
//! reader that enforces it, and finding `.lfw` files in folders.
//!
//! Frameworks come from other people, so reading one must never reach a
//! file its author could not have meant to share: a file outside the
//! project (by `..`, an absolute path or a symbolic link), a file that is
//! not `.lfw` source (which a diagnostic would quote), or something that is
//! not a regular file at all (a device never ends, a pipe blocks for ever).

use lfw_model::{ReadError, MAX_SOURCE_BYTES};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The name of the file that marks a project's root folder. Its contents
/// are not read.
pub const PROJECT_MARKER: &str = "lfw.toml";

/// The folders (canonical) that `.lfw` files may be read from.
pub struct Project {
    roots: Vec<PathBuf>,
}

impl Project {
    /// The project of the paths named on the command line: the `--root`
    /// folder when given; otherwise, for each path, the nearest folder at or
    /// above it that holds an `lfw.toml`, else the folder itself (for a
    /// folder) or the folder holding it (for a file).
    pub fn new(explicit: Option<&Path>, paths: &[PathBuf]) -> Result<Project, String> {
        if let Some(root) = explicit {
            let canonical = std::fs::canonicalize(root)
                .ok()
                .filter(|p| p.is_dir())
                .ok_or_else(|| format!("the root `{}` is not a folder", root.display()))?;
            return Ok(Project { roots: vec![canonical] });
        }
        let mut roots = Vec::new();
        for path in paths {
            let start = match std::fs::canonicalize(path) {
                Ok(canonical) if canonical.is_dir() => canonical,
                // The folder a file is named in, not where a link leads; for
                // a file that does not exist, where it would be, so that it
                // is reported missing rather than outside the project.
                _ => {
                    let named_in = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                    canonical_prefix(named_in)
                }
            };
            let root = start
                .ancestors()
                .find(|dir| dir.join(PROJECT_MARKER).is_file())
                .map(Path::to_path_buf)
                .unwrap_or(start);
            // An empty path would contain every path.
            if !root.as_os_str().is_empty() && !roots.contains(&root) {
                roots.push(root);
            }
        }
        Ok(Project { roots })
    }

    /// Reads a `.lfw` file inside the project; a relative path that names
    /// no file on disk is looked up in the bundled library (whose paths are
    /// `frameworks/…`, as in the repository).
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        if !is_lfw(path) {
            return Err(ReadError::NotLfw);
        }
        let canonical = match std::fs::canonicalize(path) {
            Ok(p) => p,
            Err(e) => {
                if e.kind() == io::ErrorKind::NotFound {
                    if let Ok(bytes) = lfw_library::read(path) {
                        return Ok(bytes);
                    }
                }
                // Whether a file outside the project exists, or may be
                // read, is not for an import to find out: refuse first.
                self.confine(&canonical_prefix(path))?;
                return Err(ReadError::Io(e));
            }
        };
        self.confine(&canonical)?;
        // A link inside the project that leads to another kind of file.
        if !is_lfw(&canonical) {
            return Err(ReadError::NotLfw);
        }
        read_regular_file(&canonical)
    }

    fn confine(&self, canonical: &Path) -> Result<(), ReadError> {
        if self.roots.iter().any(|root| canonical.starts_with(root)) {
            Ok(())
        } else {
            let root = self.roots.first().map(|r| shown(r)).unwrap_or_default();
            Err(ReadError::OutsideRoot { root })
        }
    }
}

/// A folder as diagnostics show it: relative to the current folder when
/// inside it, so that output does not depend on where a project lives.
fn shown(dir: &Path) -> PathBuf {
    let cwd = std::env::current_dir().and_then(std::fs::canonicalize);
    match cwd.as_deref().map(|cwd| dir.strip_prefix(cwd)) {
        Ok(Ok(rel)) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Ok(Ok(rel)) => rel.to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// A path that does not exist, made absolute through its longest prefix
/// that does (with symbolic links in that prefix resolved).
fn canonical_prefix(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut prefix = path;
    loop {
        let existing = if prefix.as_os_str().is_empty() { Path::new(".") } else { prefix };
        if let Ok(mut canonical) = std::fs::canonicalize(existing) {
            canonical.extend(rest.iter().rev());
            return canonical;
        }
        match (prefix.parent(), prefix.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                prefix = parent;
            }
            // Nothing of it exists, not even its first folder.
            _ => return PathBuf::new(),
        }
    }
}

/// Reads a `.lfw` file named directly (by a command that follows no
/// imports, such as `lfw fmt`): only a regular file ending in `.lfw`, of
/// bounded size.
pub fn read_lfw(path: &Path) -> Result<Vec<u8>, ReadError> {
    if !is_lfw(path) {
        return Err(ReadError::NotLfw);
    }
    read_regular_file(path)
}

fn is_lfw(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "lfw")
}

/// Reads a regular file of at most [`MAX_SOURCE_BYTES`]. The file is
/// opened without blocking and checked through the open handle, so a pipe
/// or device put in its place between the check and the read is refused
/// too.
fn read_regular_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge { limit: MAX_SOURCE_BYTES });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The length can change after the check: read one byte past the limit
    // to notice.
    file.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(ReadError::TooLarge { limit: MAX_SOURCE_BYTES });
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// The `.lfw` files below a folder, in name order. Symbolic links are not
/// followed (so a link to a parent folder cannot make the walk loop or
/// repeat), and only regular files are taken (a pipe named `x.lfw` is
/// skipped).
pub fn lfw_files_in(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(io::Error::from)?;
        if entry.file_type().is_file() && is_lfw(entry.path()) {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}
