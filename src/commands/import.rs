//! `lfw import --from case`: `.lfw` source from a CASE package, built by
//! `lfw-case` (docs/case.md); this module reads and writes the files and
//! words the outcome.

use super::{usage, Outcome, Ran, Stop};
use crate::args::{ImportArgs, ImportFormat};
use std::io::{IsTerminal, Read};
use std::path::Path;

pub fn run(a: &ImportArgs) -> Ran {
    match a.from {
        ImportFormat::Case => case(&a.file, a.output.as_deref()),
    }
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
fn case(file: &Path, output: Option<&Path>) -> Ran {
    // Each message is one line: a line break in a name or a CASE item
    // type must not add lines of its own to standard error.
    use crate::escape::one_line;
    let shown = one_line(&file.display().to_string()).into_owned();
    let bytes = read_limited(file, lfw_case::MAX_CASE_BYTES).map_err(|e| usage(format!("cannot read `{shown}`: {}", one_line(&e))))?;
    let imported = match lfw_case::lfw_source(&bytes) {
        Ok(imported) => imported,
        Err(e) => {
            errln!("error: `{shown}`: {}", one_line(&e.to_string()));
            return Err(Stop::Reported);
        }
    };
    // What is written must compile: anything else is a fault of the import.
    let name = format!("{}.lfw", imported.framework);
    let compiled = lfw_model::compile_str(&name, &imported.text);
    if compiled.has_errors() {
        let renderer = crate::render::diagnostic::Renderer::new(&compiled.sources, crate::render::diagnostic::use_colour());
        for d in &compiled.diagnostics {
            crate::output::err(&renderer.text(d));
        }
        errln!("error: the source written from `{shown}` does not compile; this is a fault of `lfw import`, please report it");
        return Err(Stop::Reported);
    }
    if !imported.kept_as_notes.is_empty() {
        errln!("warning: {}", one_line(&imported.kept_as_notes.to_string()));
    }
    match output {
        Some(out) => {
            if let Err(e) = std::fs::write(out, &imported.text) {
                let out = one_line(&out.display().to_string()).into_owned();
                return Err(usage(format!("cannot write `{out}`: {e}")));
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
    Ok(Outcome::Success)
}
