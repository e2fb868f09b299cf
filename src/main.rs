//! `lfw`: the command line. Parses arguments, runs the engine, renders
//! diagnostics (fancy rendering lives here only) and chooses the exit code:
//! 0 success, 1 the input has errors, 2 usage error.

mod cleanup;
mod cli;
mod compare;
mod output;
mod ready;
mod render;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
