//! The source files of one compilation.

use lfw_syntax::Span;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// An index into [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user or an import named it, normalised.
    pub path: PathBuf,
    pub text: String,
}

/// Every file read during a compilation, so diagnostics can show their text.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    /// Each file by its path.
    by_path: HashMap<PathBuf, FileId>,
    /// Where each line of each file starts (after each `\n`), so that a
    /// place is found in a number of steps that does not grow with the file.
    line_starts: Vec<Vec<usize>>,
    /// Whether each file has a `\r` that no `\n` follows, which some
    /// renderers count as a line break.
    lone_cr: Vec<bool>,
}

impl Sources {
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let id = FileId(self.files.len() as u32);
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        self.line_starts.push(starts);
        let bytes = text.as_bytes();
        self.lone_cr.push(
            bytes
                .iter()
                .enumerate()
                .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n')),
        );
        self.by_path.entry(path.clone()).or_insert(id);
        self.files.push(SourceFile { path, text });
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// Where each line of a file starts: 0, and the offset after each `\n`.
    pub fn line_starts(&self, id: FileId) -> &[usize] {
        &self.line_starts[id.0 as usize]
    }

    /// Whether a file has a `\r` that no `\n` follows (which some
    /// renderers count as a line break, and `line_starts` does not).
    pub fn has_lone_cr(&self, id: FileId) -> bool {
        self.lone_cr[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = &self.get(id).text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let starts = self.line_starts(id);
        let line = starts.partition_point(|&s| s <= offset);
        let col = text[starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A place in a source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

impl Loc {
    pub fn new(file: FileId, span: Span) -> Loc {
        Loc { file, span }
    }
}

/// Removes `.` and resolves `..` without touching the file system, so the
/// same file reached by two import paths is read once.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if !can_pop || !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
