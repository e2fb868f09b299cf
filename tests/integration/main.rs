//! The integration tests: one binary, one module per concern. Fixtures live
//! in `tests/fixtures/`, snapshots in `tests/integration/snapshots/`.

mod bad_inputs;
mod case;
mod cli;
mod cohort;
mod compare;
mod compiled;
mod diagnostics;
mod editors;
mod export;
mod formatting;
mod graphs;
mod hostile;
mod html;
mod library;
mod lossless;
mod lsp;
mod mistakes;
mod parser;
mod properties;
mod queries;
mod ready;
mod robustness;
mod schemas;
mod succession;
mod temporary;

use std::path::Path;
use std::process::Command;

/// What one run of the binary printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `lfw` from the repository root, as a user on a plain terminal would.
pub fn lfw(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_lfw"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .expect("the lfw binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// A path relative to the repository root, with `/` separators, as the
/// binary prints it.
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Compiles a file from disk, in-process.
pub fn compile_path(path: &Path) -> lfw_model::Compilation {
    lfw_model::compile(&[path.to_path_buf()], &|p: &Path| Ok(std::fs::read(p)?))
}

/// Every `.lfw` fixture and bundled framework, with its text (read once).
pub fn corpus() -> &'static [(std::path::PathBuf, String)] {
    static CORPUS: std::sync::OnceLock<Vec<(std::path::PathBuf, String)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["tests/fixtures", "frameworks"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.expect("a readable folder");
                if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "lfw") {
                    files.push(entry.into_path());
                }
            }
        }
        assert!(files.len() > 30, "the corpus covers every fixture");
        files
            .into_iter()
            .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
            .collect()
    })
}
