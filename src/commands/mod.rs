//! One file per command: each reads what it needs (through [`load`]), asks
//! the engine, and hands the answer to `crate::render` to be worded. None
//! chooses an exit status: each says how it ended ([`Outcome`], or a
//! [`Stop`] that ended it early) and `main` turns that into the status.

mod check;
mod cohort;
mod compare;
mod diff;
mod export;
mod fmt;
mod import;
mod init;
mod list;
mod load;
mod path;
mod ready;
mod succession;
mod translate;

use crate::args::{Cli, Command};

/// How a command that ran to its end came out.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit status 0: done, and nothing is wrong.
    Success,
    /// Exit status 1: the answer is no, or the input has errors, as the
    /// command has reported: invalid profiles in a cohort, two versions that
    /// differ, files `fmt --check` would change, no route between two roles.
    Failure,
}

/// Why a command stopped before its answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// Exit status 1: the input has errors, reported already (diagnostics
    /// of a framework or a profile, a file that is not a cohort).
    Reported,
    /// Exit status 2: as [`Stop::Reported`], for a command whose status 1
    /// is an answer (`diff`: the versions differ), as diff(1) does.
    Trouble,
    /// Exit status 2: the command cannot run as asked, or cannot write its
    /// output; the message (English, for `main` to print) says why and what
    /// to do instead.
    Usage(String),
}

/// What every command returns.
pub type Ran = Result<Outcome, Stop>;

/// The usage error of `message`, for `?` and `return Err(…)`.
pub fn usage(message: impl Into<String>) -> Stop {
    Stop::Usage(message.into())
}

/// Success unless `failed`.
pub fn outcome(failed: bool) -> Outcome {
    if failed {
        Outcome::Failure
    } else {
        Outcome::Success
    }
}

/// Runs the command the command line names.
pub fn run(cli: Cli) -> Ran {
    let root = cli.root.as_deref();
    match cli.command {
        Command::Check(a) => check::run(&a, root),
        Command::Export(a) => export::run(&a, root),
        Command::Import(a) => import::run(&a),
        Command::Ready(a) => ready::run(&a, root),
        Command::Path(a) => path::run(&a, root),
        Command::Cohort(a) => cohort::run(&a, root),
        Command::Succession(a) => succession::run(&a, root),
        Command::Diff(a) => diff::run(&a, root),
        Command::Compare(a) => compare::run(&a, root),
        Command::Translate(a) => translate::run(&a, root),
        Command::Fmt(a) => fmt::run(&a),
        Command::Init(a) => init::run(&a.dir),
        Command::List(a) => list::run(&a),
        Command::Lsp => Ok(outcome(!crate::lsp::run(root))),
        Command::Completions(a) => {
            let mut out = Vec::new();
            clap_complete::generate(a.shell, &mut <Cli as clap::CommandFactory>::command(), "lfw", &mut out);
            crate::output::raw(&String::from_utf8_lossy(&out));
            Ok(Outcome::Success)
        }
    }
}
