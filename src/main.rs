//! `lfw`: the command line. `args` reads the flags, `commands` runs the
//! command they name, `render` words the answer (diagnostics are drawn
//! there only), and `main` chooses the exit status, here and nowhere else:
//! 0 success, 1 the input has errors (or the answer is no), 2 usage error
//! or output that cannot be written. The one exception is a signal: a
//! cohort stopped by SIGHUP, SIGINT or SIGTERM removes its temporary data
//! and ends at once with 129, 130 or 143 (`cleanup`).

// First, so that its macros (`outln!`, `jsonln!`, `errln!`) are in scope below.
#[macro_use]
mod output;
mod args;
mod cleanup;
mod commands;
mod escape;
mod files;
mod lsp;
mod render;

use clap::Parser;
use commands::{Outcome, Stop};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    render::diagnostic::set_colour(cli.color);
    let status = match commands::run(cli) {
        Ok(Outcome::Success) => 0,
        Ok(Outcome::Failure) | Err(Stop::Reported) => 1,
        Err(Stop::Trouble) => 2,
        Err(Stop::Usage(message)) => {
            errln!("error: {message}");
            2
        }
    };
    // Output that could not be written fails the run whatever the command
    // found; a reader that went away (a closed pipe) does not.
    ExitCode::from(if output::failed() { 2 } else { status })
}
