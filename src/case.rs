//! `lfw export --to case` and `lfw import --from case`: the command-line
//! side of `lfw-case` (docs/case.md). This module reads and writes the
//! files and words the outcome; the package and the source are built by
//! the library.

use crate::cli::{framework_arg, Bundled};
use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

/// `lfw export --to case FRAMEWORK [--successor FRAMEWORK]`: the framework
/// with the crosswalks compiled with it (the whole library, for a bundled
/// id), and `replacedBy` associations to the successor's elements that
/// those crosswalks say replace removed ones (the successors of `lfw diff`).
pub fn export(arg: &str, successor: Option<&str>, root: Option<&Path>) -> ExitCode {
    let (c, index) = match framework_arg(arg, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    let mut replacements = Vec::new();
    if let Some(next) = successor {
        let shown = crate::escape::visible(next);
        let Some(new) = c.frameworks.iter().find(|f| f.id == next) else {
            return crate::cli::usage_error(&format!(
                "the successor `{shown}` is not a framework loaded with `{}`; name its id, and import its file if it is not bundled",
                crate::escape::visible(arg)
            ));
        };
        let crosswalks: Vec<&lfw_model::Crosswalk> = c.crosswalks.iter().filter(|x| x.joins(&fw.id, &new.id)).collect();
        let d = lfw_diff::diff_through(fw, new, &crosswalks);
        for e in d.elements.iter().filter(|e| e.change == lfw_diff::diff::ElementChangeKind::Removed) {
            for s in &e.successors {
                replacements.push(lfw_case::Replacement {
                    old: e.id.clone(),
                    framework: new.id.clone(),
                    new: s.id.clone(),
                    title: title_of(new, &s.id),
                    closeness: s.closeness,
                    crosswalk: s.crosswalk.clone(),
                    rationale: s.rationale.clone(),
                });
            }
        }
    }
    let package = lfw_case::package_replaced(fw, &c.crosswalks, &c.frameworks, &replacements);
    jsonln!("{}", serde_json::to_string_pretty(&package).expect("JSON values serialise"));
    ExitCode::SUCCESS
}

/// The title of element `id` of a framework (its id when it has none).
fn title_of(fw: &lfw_model::Framework, id: &str) -> String {
    let titled = fw
        .domains
        .iter()
        .map(|d| (&d.id, &d.title))
        .chain(fw.competencies.iter().map(|c| (&c.id, &c.title)))
        .chain(fw.credentials.iter().map(|c| (&c.id, &c.title)))
        .chain(fw.roles.iter().map(|r| (&r.id, &r.title)))
        .find(|(i, _)| *i == id)
        .map(|(_, t)| t.clone());
    let scale = || fw.scales.iter().find(|s| s.id == id).and_then(|s| s.title.clone());
    titled.or_else(scale).unwrap_or_else(|| id.to_string())
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
