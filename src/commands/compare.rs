//! `lfw compare`: what two or more frameworks share and what each lacks,
//! through crosswalks.

use super::load::{crosswalks_arg, framework_arg, Bundled};
use super::{usage, Outcome, Ran};
use crate::args::{CompareArgs, PageFormat};
use crate::render::{compare, html};
use lfw_model::Framework;
use std::path::Path;

pub fn run(a: &CompareArgs, root: Option<&Path>) -> Ran {
    let mut compilations = Vec::new();
    let mut chosen = Vec::new();
    for name in &a.frameworks {
        let (c, i) = framework_arg(name, root, Bundled::WithLibrary)?;
        chosen.push((compilations.len(), i));
        compilations.push(c);
    }
    let crosswalks = crosswalks_arg(&compilations, &a.crosswalk, root)?;
    let frameworks: Vec<&Framework> = chosen.iter().map(|&(c, i)| &compilations[c].frameworks[i]).collect();
    let mut ids = std::collections::HashSet::new();
    if let Some(twice) = frameworks.iter().find(|f| !ids.insert(f.id.as_str())) {
        return Err(usage(format!("`{}` is named twice; compare different frameworks", twice.id)));
    }
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    if let [first, second] = frameworks[..] {
        let comparison = lfw_diff::compare(first, second, &refs);
        match a.format {
            PageFormat::Json => crate::output::json(&compare::to_json(&comparison)),
            PageFormat::Text => crate::output::print(&compare::text(&comparison)),
            PageFormat::Html => crate::output::raw(&html::compare::page(&comparison)),
        }
    } else {
        let core = lfw_diff::compare::shared_core(&frameworks, &refs);
        match a.format {
            PageFormat::Json => crate::output::json(&core),
            PageFormat::Text => crate::output::print(&compare::shared_text(&core)),
            PageFormat::Html => crate::output::raw(&html::compare::shared_page(&core)),
        }
    }
    Ok(Outcome::Success)
}
