//! `lfw`: the command line. Parses arguments, runs the engine, renders
//! diagnostics (fancy rendering lives here only) and chooses the exit code:
//! 0 success, 1 the input has errors, 2 usage error or output that cannot
//! be written; 129, 130, 143 for a cohort stopped by a signal.

// First, so that its macros (`outln!`, `errln!`) are in scope below.
#[macro_use]
mod output;
mod case;
mod cleanup;
mod cli;
mod compare;
mod escape;
mod files;
mod fmt;
mod graph;
mod html;
mod init;
mod lsp;
mod ready;
mod render;
mod succession;
mod words;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
