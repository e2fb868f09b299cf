//! `lfw fmt`: `.lfw` files in their canonical layout
//! (`lfw_syntax::format`), written in place, checked, or filtered from
//! standard input to standard output for editors.

use super::{outcome, usage, Outcome, Ran, Stop};
use crate::args::{FmtArgs, Format};
use crate::files::{lfw_files_in, read_lfw};
use crate::render;
use lfw_model::{Diagnostic, ReadError, MAX_SOURCE_BYTES};
use serde_json::json;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// What became of one file.
enum Formatted {
    Unchanged,
    /// Reformatted, or (with `--check`) would be.
    Changed,
    /// It has syntax errors (or could not be read), so it was left alone.
    Errors(Vec<Diagnostic>, lfw_model::Sources),
    Unreadable(String),
}

/// `lfw fmt [--check] [PATH...]`, or `lfw fmt -` for standard input.
pub fn run(a: &FmtArgs) -> Ran {
    let (paths, check, json_output) = (&a.paths[..], a.check, a.format == Format::Json);
    if paths.len() == 1 && paths[0] == Path::new("-") {
        return stdin();
    }
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &defaults[..] } else { paths };
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = lfw_files_in(path).map_err(|e| usage(format!("cannot read the directory `{}`: {e}", path.display())))?;
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut results = Vec::new();
    for file in &files {
        // A file that cannot be written back is output that failed.
        results.push((file, one(file, check).map_err(Stop::Usage)?));
    }
    report(&results, check, json_output)
}

/// Formats one file: writes it back (unless `check`) when its layout
/// changes. `Err` when it could not be written.
fn one(path: &Path, check: bool) -> Result<Formatted, String> {
    let bytes = match read_lfw(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(Formatted::Unreadable(read_error(&e))),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(Formatted::Unreadable("it is not UTF-8 text".to_string()));
    };
    // A byte-order mark is left out of the canonical layout.
    let bom = text.starts_with('\u{feff}');
    let (sources, parsed, diagnostics) = lfw_model::parse_file(path, text);
    if !diagnostics.is_empty() {
        return Ok(Formatted::Errors(diagnostics, sources));
    }
    let formatted = lfw_syntax::format::format(&parsed.tree);
    if !bom && formatted == sources.get(lfw_model::FileId(0)).text {
        return Ok(Formatted::Unchanged);
    }
    if !check {
        write_atomically(path, &formatted).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(Formatted::Changed)
}

fn read_error(e: &ReadError) -> String {
    match e {
        ReadError::Io(e) => e.to_string(),
        ReadError::NotLfw => "it is not a `.lfw` file".to_string(),
        ReadError::NotAFile => "it is not a regular file".to_string(),
        ReadError::TooLarge { limit } => format!("it is larger than {} MiB", limit >> 20),
        ReadError::OutsideRoot { .. } => "it is outside the project folder".to_string(),
    }
}

/// Replaces a file's text all at once: a new file beside it, given the old
/// one's permissions, renamed over it. A reader never sees half a file,
/// and a failure leaves the old one as it was.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = std::fs::metadata(path)?.permissions();
    let mut new = tempfile::Builder::new().prefix(".lfw-fmt-").tempfile_in(dir)?;
    new.write_all(text.as_bytes())?;
    new.as_file().sync_all()?;
    std::fs::set_permissions(new.path(), permissions)?;
    new.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn report(results: &[(&PathBuf, Formatted)], check: bool, json_output: bool) -> Ran {
    let changed = results.iter().filter(|(_, o)| matches!(o, Formatted::Changed)).count();
    let unchanged = results.iter().filter(|(_, o)| matches!(o, Formatted::Unchanged)).count();
    let failed = results.len() - changed - unchanged;
    if json_output {
        let files: Vec<serde_json::Value> = results
            .iter()
            .map(|(path, outcome)| {
                let (status, diagnostics) = match outcome {
                    Formatted::Unchanged => ("unchanged", Vec::new()),
                    Formatted::Changed if check => ("would-change", Vec::new()),
                    Formatted::Changed => ("changed", Vec::new()),
                    Formatted::Errors(ds, sources) => ("errors", ds.iter().map(|d| d.to_json(sources)).collect()),
                    Formatted::Unreadable(why) => ("unreadable", vec![json!({ "message": why })]),
                };
                json!({ "file": path.display().to_string(), "status": status, "diagnostics": diagnostics })
            })
            .collect();
        crate::output::json(&json!({ "format": 1, "check": check, "files": files }));
    } else {
        let colour = render::diagnostic::use_colour();
        for (path, outcome) in results {
            match outcome {
                Formatted::Changed if check => crate::output::line(&path.display().to_string()),
                Formatted::Errors(ds, sources) => {
                    let renderer = render::diagnostic::Renderer::new(sources, colour);
                    for d in ds {
                        crate::output::err(&renderer.text(d));
                    }
                    errln!("{}: left as it is, because it has syntax errors", path.display());
                }
                Formatted::Unreadable(why) => errln!("{}: not formatted: {why}", path.display()),
                _ => {}
            }
        }
        let files = |n: usize| if n == 1 { "1 file".to_string() } else { format!("{n} files") };
        if check {
            errln!("{} would be reformatted, {} already formatted", files(changed), files(unchanged));
        } else {
            errln!("reformatted {}, {} already formatted", files(changed), files(unchanged));
        }
        if failed > 0 {
            errln!("{} not formatted", files(failed));
        }
    }
    Ok(outcome(failed > 0 || (check && changed > 0)))
}

/// `lfw fmt -`: the text on standard input, formatted, on standard output.
/// With syntax errors nothing is written to standard output.
fn stdin() -> Ran {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes) {
        return Err(usage(format!("cannot read standard input: {e}")));
    }
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        errln!(
            "error: standard input is larger than {} MiB, the most a framework file may be",
            MAX_SOURCE_BYTES >> 20
        );
        return Err(Stop::Reported);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        errln!("error: standard input is not UTF-8 text");
        return Err(Stop::Reported);
    };
    let (sources, parsed, diagnostics) = lfw_model::parse_file(Path::new("<stdin>"), text);
    if !diagnostics.is_empty() {
        let renderer = render::diagnostic::Renderer::new(&sources, render::diagnostic::use_colour());
        for d in &diagnostics {
            crate::output::err(&renderer.text(d));
        }
        return Err(Stop::Reported);
    }
    // The file itself, for an editor to put back: written as it is.
    crate::output::raw(&lfw_syntax::format::format(&parsed.tree));
    Ok(Outcome::Success)
}
