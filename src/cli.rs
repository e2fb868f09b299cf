//! Commands and their arguments.

use crate::render;
use clap::{Parser, Subcommand, ValueEnum};
use lfw_model::{compile, Compilation, Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "lfw",
    version,
    about = "Compile, check and query leadership and competency frameworks written in .lfw"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people (the default).
    Text,
    /// One JSON document on standard output, as documented in docs/json.md.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Compile frameworks and print every diagnostic.
    Check {
        /// `.lfw` files, or directories searched for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a compiled framework in another format.
    Export {
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// The framework's `.lfw` file.
        framework: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// The compiled framework as JSON (docs/json.md).
    Json,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check(&paths, format, deny_warnings),
        Command::Export {
            to: ExportFormat::Json,
            framework,
        } => export_json(&framework),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Reads from the file system.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// The `.lfw` files named, directories searched recursively in name order.
fn lfw_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = out.len();
            collect_dir(path, &mut out).map_err(|e| format!("cannot read the directory `{}`: {e}", path.display()))?;
            if out.len() == before {
                return Err(format!("no .lfw files found in `{}`", path.display()));
            }
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_dir(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "lfw") {
            out.push(path);
        }
    }
    Ok(())
}

fn print_diagnostics(c: &Compilation) {
    let colour = render::use_colour();
    for d in &c.diagnostics {
        eprint!("{}", render::diagnostic(d, &c.sources, colour));
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics.iter().filter(|d| d.severity == severity).count()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn check(paths: &[PathBuf], format: Format, deny_warnings: bool) -> ExitCode {
    let files = match lfw_files(paths) {
        Ok(files) => files,
        Err(message) => return usage_error(&message),
    };
    let c = compile(&files, &read_file);
    let errors = count(&c.diagnostics, Severity::Error);
    let warnings = count(&c.diagnostics, Severity::Warning);
    match format {
        Format::Json => {
            let doc = serde_json::json!({
                "files": (0..c.sources.len()).map(|i| c.sources.get(lfw_model::FileId(i as u32)).path.display().to_string()).collect::<Vec<_>>(),
                "frameworks": c.frameworks.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": c.diagnostics.iter().map(|d| d.to_json(&c.sources)).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&doc).expect("JSON values serialise"));
        }
        Format::Text => {
            print_diagnostics(&c);
            eprintln!(
                "checked {} and {}: {}, {}",
                plural(c.sources.len(), "file"),
                plural(c.frameworks.len(), "framework"),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn export_json(path: &Path) -> ExitCode {
    let c = compile(&[path.to_path_buf()], &read_file);
    if c.has_errors() {
        print_diagnostics(&c);
        return ExitCode::from(1);
    }
    let root = lfw_model::FileId(0);
    let Some(fw) = c.frameworks.iter().find(|f| f.loc.file == root) else {
        eprintln!("error: `{}` declares no framework (it has no `framework` line)", path.display());
        return ExitCode::from(1);
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&lfw_model::export::framework(fw)).expect("JSON values serialise")
    );
    ExitCode::SUCCESS
}
