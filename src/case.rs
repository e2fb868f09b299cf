//! `lfw export --to case` and `lfw import --from case`: the command-line
//! side of `lfw-case` (docs/case.md). This module reads and writes the
//! files and words the outcome; the package and the source are built by
//! the library.

use crate::cli::{framework_arg, Bundled};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

/// `lfw export --to case FRAMEWORK`: the framework with the crosswalks
/// compiled with it (the whole library, for a bundled id).
pub fn export(arg: &str, root: Option<&Path>) -> ExitCode {
    let (c, index) = match framework_arg(arg, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    let package = lfw_case::package(fw, &c.crosswalks, &c.frameworks);
    jsonln!("{}", serde_json::to_string_pretty(&package).expect("JSON values serialise"));
    ExitCode::SUCCESS
}

/// Reads at most `limit + 1` bytes of a regular file, so that a larger one
/// is known to be too large without reading it all.
fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("it is not a regular file".to_string());
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// `lfw import --from case FILE [-o OUT]`: `.lfw` source that compiles, in
/// the layout of `lfw fmt`. Exit 1 when the package cannot be read, 2 when
/// the file cannot be opened or the output written.
pub fn import(file: &Path, output: Option<&Path>) -> ExitCode {
    let shown = crate::escape::visible(&file.display().to_string()).into_owned();
    let bytes = match read_limited(file, lfw_case::MAX_CASE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return crate::cli::usage_error(&format!("cannot read `{shown}`: {}", crate::escape::visible(&e))),
    };
    let imported = match lfw_case::lfw_source(&bytes) {
        Ok(imported) => imported,
        Err(e) => {
            errln!("error: `{shown}`: {}", crate::escape::visible(&e.to_string()));
            return ExitCode::from(1);
        }
    };
    // What is written must compile: anything else is a fault of the import.
    let name = format!("{}.lfw", imported.framework);
    let compiled = lfw_model::compile_str(&name, &imported.text);
    if compiled.has_errors() {
        let colour = crate::render::use_colour();
        for d in &compiled.diagnostics {
            crate::output::err(&crate::render::diagnostic(d, &compiled.sources, colour));
        }
        errln!("error: the source written from `{shown}` does not compile; this is a fault of `lfw import`, please report it");
        return ExitCode::from(1);
    }
    if !imported.kept_as_notes.is_empty() {
        errln!("warning: {}", crate::escape::visible(&imported.kept_as_notes.to_string()));
    }
    match output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, &imported.text) {
                let out = crate::escape::visible(&out.display().to_string()).into_owned();
                errln!("error: cannot write `{out}`: {e}");
                return ExitCode::from(2);
            }
            errln!(
                "imported {} items of `{shown}` as framework `{}`",
                imported.items,
                imported.framework
            );
        }
        // The source itself, as `lfw fmt -` writes it, unless a terminal
        // would act on some character of it.
        None if std::io::stdout().is_terminal() => crate::output::print(&imported.text),
        None => crate::output::raw(&imported.text),
    }
    ExitCode::SUCCESS
}
