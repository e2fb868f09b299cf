//! Commands and their arguments.

use crate::render;
use clap::{Parser, Subcommand, ValueEnum};
use lfw_model::{compile, Compilation, Diagnostic, Framework, Severity};
use serde_json::json;
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
        /// `.lfw` files, directories searched for them, or ids of bundled frameworks.
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
        /// A framework's `.lfw` file, or the id of a bundled framework.
        framework: String,
    },
    /// List the bundled frameworks.
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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
        Command::List { format } => list(format),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

fn print_json(value: &serde_json::Value) {
    println!("{}", serde_json::to_string_pretty(value).expect("JSON values serialise"));
}

/// Reads from the file system, falling back to the bundled library (whose
/// paths are `frameworks/…`, as in the repository).
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path).or_else(|e| lfw_library::read(path).map_err(|_| e))
}

/// The `.lfw` files named, directories searched recursively in name order;
/// an argument that is no file but a bundled framework's id stands for the
/// bundled library.
fn lfw_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut library: Option<Compilation> = None;
    for path in paths {
        if !path.exists() {
            let lib = library.get_or_insert_with(lfw_library::compile);
            if lib.framework(&path.to_string_lossy()).is_some() {
                for p in lfw_library::paths() {
                    if !out.contains(&p) {
                        out.push(p);
                    }
                }
                continue;
            }
        }
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
        Format::Json => print_json(&json!({
            "files": (0..c.sources.len()).map(|i| c.sources.get(lfw_model::FileId(i as u32)).path.display().to_string()).collect::<Vec<_>>(),
            "frameworks": c.frameworks.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
            "diagnostics": c.diagnostics.iter().map(|d| d.to_json(&c.sources)).collect::<Vec<_>>(),
        })),
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

/// A compiled framework named on the command line by path or bundled id,
/// with the compilation it lives in. On failure, the exit code to stop with
/// (diagnostics or the usage error already printed).
fn framework_arg(arg: &str) -> Result<(Compilation, usize), ExitCode> {
    let path = Path::new(arg);
    let (c, index) = if path.exists() {
        let c = compile(&[path.to_path_buf()], &read_file);
        let root = lfw_model::FileId(0);
        let index = c.frameworks.iter().position(|f| f.loc.file == root);
        (c, index)
    } else {
        let c = lfw_library::compile();
        let Some(index) = c.frameworks.iter().position(|f| f.id == arg) else {
            let hint = match lfw_model::did_you_mean(arg, c.frameworks.iter().map(|f| f.id.as_str())) {
                Some(id) => format!("did you mean the bundled framework `{id}`?"),
                None => "`lfw list` shows the bundled frameworks.".to_string(),
            };
            return Err(usage_error(&format!(
                "there is no file `{arg}` and no bundled framework with that id; {hint}"
            )));
        };
        (c, Some(index))
    };
    if c.has_errors() {
        print_diagnostics(&c);
        return Err(ExitCode::from(1));
    }
    match index {
        Some(index) => Ok((c, index)),
        None => {
            eprintln!("error: `{arg}` declares no framework (it has no `framework` line)");
            Err(ExitCode::from(1))
        }
    }
}

fn export_json(arg: &str) -> ExitCode {
    match framework_arg(arg) {
        Ok((c, index)) => {
            print_json(&lfw_model::export::framework(&c.frameworks[index]));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// Element counts of a framework, as `lfw list` shows them.
fn counts(fw: &Framework) -> serde_json::Value {
    let mut by_kind = serde_json::Map::new();
    for c in &fw.competencies {
        let n = by_kind.entry(c.kind.keyword()).or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    json!({
        "domains": fw.domains.len(),
        "competencies": fw.competencies.len(),
        "by_kind": by_kind,
        "scales": fw.scales.len(),
        "levels": fw.scales.iter().map(|s| s.levels.len()).sum::<usize>(),
        "roles": fw.roles.len(),
        "credentials": fw.credentials.len(),
    })
}

fn list(format: Format) -> ExitCode {
    let c = lfw_library::compile();
    if c.has_errors() {
        print_diagnostics(&c);
        return ExitCode::from(1);
    }
    let rows: Vec<serde_json::Value> = c
        .frameworks
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "title": f.title,
                "version": f.version,
                "sector": f.sector,
                "file": c.sources.get(f.loc.file).path.display().to_string(),
                "counts": counts(f),
            })
        })
        .collect();
    match format {
        Format::Json => print_json(&json!({"frameworks": rows, "crosswalks": c.crosswalks.iter().map(|x| json!({
            "id": x.id, "title": x.title, "from": x.from, "to": x.to, "mappings": x.mappings.len(),
        })).collect::<Vec<_>>()})),
        Format::Text => {
            println!(
                "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  title",
                "id", "sector", "domains", "competencies", "levels", "roles", "credentials"
            );
            for (f, row) in c.frameworks.iter().zip(&rows) {
                let n = |key: &str| row["counts"][key].as_u64().unwrap_or(0);
                let version = f.version.as_deref().map(|v| format!(" ({v})")).unwrap_or_default();
                println!(
                    "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  {}{version}",
                    f.id,
                    f.sector.as_deref().unwrap_or("-"),
                    n("domains"),
                    n("competencies"),
                    n("levels"),
                    n("roles"),
                    n("credentials"),
                    f.title,
                );
            }
            for x in &c.crosswalks {
                println!(
                    "crosswalk {:<16} {} → {}: {} mappings  {}",
                    x.id,
                    x.from,
                    x.to,
                    x.mappings.len(),
                    x.title
                );
            }
        }
    }
    ExitCode::SUCCESS
}
