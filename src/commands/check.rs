//! `lfw check`: compile frameworks and print every diagnostic.

use super::load::{compile_files, lfw_files, print_diagnostics};
use super::{outcome, Ran, Stop};
use crate::args::{CheckArgs, Format};
use lfw_model::{Diagnostic, Severity};
use serde_json::json;
use std::path::Path;

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

pub fn run(a: &CheckArgs, root: Option<&Path>) -> Ran {
    let files = lfw_files(&a.paths).map_err(Stop::Usage)?;
    let c = compile_files(&files, root)?;
    let errors = count(&c.diagnostics, Severity::Error);
    let warnings = count(&c.diagnostics, Severity::Warning);
    match a.format {
        Format::Json => crate::output::json(&json!({
            "format": 1,
            "files": (0..c.sources.len()).map(|i| c.sources.get(lfw_model::FileId(i as u32)).path.display().to_string()).collect::<Vec<_>>(),
            "frameworks": c.frameworks.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
            "diagnostics": c.diagnostics.iter().map(|d| d.to_json(&c.sources)).collect::<Vec<_>>(),
        })),
        Format::Text => {
            print_diagnostics(&c);
            errln!(
                "checked {} and {}: {}, {}",
                plural(c.sources.len(), "file"),
                plural(c.frameworks.len(), "framework"),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
    }
    Ok(outcome(errors > 0 || (a.deny_warnings && warnings > 0)))
}
