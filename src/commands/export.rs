//! `lfw export`: a compiled framework as JSON, as a CASE package
//! (`lfw-case`, docs/case.md), or as a graph for people (DOT or Mermaid).

use super::load::{framework_arg, Bundled};
use super::{usage, Outcome, Ran};
use crate::args::{ExportArgs, ExportFormat};
use crate::render::graph::{GraphKind, Syntax};
use std::path::Path;

pub fn run(a: &ExportArgs, root: Option<&Path>) -> Ran {
    if a.successor.is_some() && a.to != ExportFormat::Case {
        return Err(usage("`--successor` goes with `--to case`"));
    }
    // `None` for JSON, else the graph's syntax.
    let syntax = match a.to {
        ExportFormat::Dot => Some(Syntax::Dot),
        ExportFormat::Mermaid => Some(Syntax::Mermaid),
        _ if a.graph.is_some() => return Err(usage("`--graph` goes with `--to dot` or `--to mermaid`")),
        ExportFormat::Case => return case(&a.framework, a.successor.as_deref(), root),
        ExportFormat::Json => None,
    };
    let (c, index) = framework_arg(&a.framework, root, Bundled::Alone)?;
    let fw = &c.frameworks[index];
    match syntax {
        None => crate::output::json(&lfw_model::export::framework(fw)),
        Some(syntax) => crate::output::raw(&crate::render::graph::render(fw, a.graph.unwrap_or(GraphKind::Roles), syntax)),
    }
    Ok(Outcome::Success)
}

/// `lfw export --to case FRAMEWORK [--successor FRAMEWORK]`: the framework
/// with the crosswalks compiled with it (the whole library, for a bundled
/// id), and `replacedBy` associations to the successor's elements that
/// those crosswalks say replace removed ones (the successors of `lfw diff`).
fn case(arg: &str, successor: Option<&str>, root: Option<&Path>) -> Ran {
    let (c, index) = framework_arg(arg, root, Bundled::WithLibrary)?;
    let fw = &c.frameworks[index];
    let mut replacements = Vec::new();
    if let Some(next) = successor {
        let shown = crate::escape::visible(next);
        let Some(new) = c.frameworks.iter().find(|f| f.id == next) else {
            return Err(usage(format!(
                "the successor `{shown}` is not a framework loaded with `{}`; name its id, and import its file if it is not bundled",
                crate::escape::visible(arg)
            )));
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
    crate::output::json(&package);
    Ok(Outcome::Success)
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
