//! `lfw diff`: what changed between two versions of a framework. Like
//! diff(1), status 1 is an answer here (they differ), so trouble with the
//! input ends with status 2.

use super::load::{crosswalks_arg, framework_arg, Bundled};
use super::{outcome, Ran, Stop};
use crate::args::{DiffArgs, ReportFormat};
use crate::render::{diff, html};
use std::path::Path;

/// Status 2 for errors in the input, which elsewhere end with 1.
fn trouble(stop: Stop) -> Stop {
    match stop {
        Stop::Reported => Stop::Trouble,
        other => other,
    }
}

pub fn run(a: &DiffArgs, root: Option<&Path>) -> Ran {
    let (old, io) = framework_arg(&a.old, root, Bundled::WithLibrary).map_err(trouble)?;
    let (new, in_) = framework_arg(&a.new, root, Bundled::WithLibrary).map_err(trouble)?;
    let compilations = [old, new];
    let crosswalks = crosswalks_arg(&compilations, &a.crosswalk, root).map_err(trouble)?;
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    let d = lfw_diff::diff_through(&compilations[0].frameworks[io], &compilations[1].frameworks[in_], &refs);
    match a.format {
        ReportFormat::Json => crate::output::json(&diff::to_json(&d)),
        ReportFormat::Text => crate::output::print(&diff::text(&d)),
        ReportFormat::Markdown => crate::output::print(&diff::markdown(&d)),
        ReportFormat::Html => crate::output::raw(&html::diff::page(&d)),
    }
    Ok(outcome(!d.is_empty()))
}
