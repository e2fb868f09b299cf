//! The integration tests: one binary, one module per concern. Fixtures live
//! in `tests/fixtures/`, snapshots in `tests/integration/snapshots/`.

mod cli;
mod cohort;
mod compare;
mod diagnostics;
mod export;
mod formatting;
mod hostile;
mod library;
mod lossless;
mod mistakes;
mod parser;
mod properties;
mod queries;
mod ready;
mod robustness;
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
