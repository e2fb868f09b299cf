//! `lfw ready`: how ready one person is for a role, and the development
//! plan.

use super::load::{framework_and_role, person_arg};
use super::{Outcome, Ran, Stop};
use crate::args::{ReadyArgs, ReportFormat};
use crate::render::{html, readiness, words};
use std::path::Path;

pub fn run(a: &ReadyArgs, root: Option<&Path>) -> Ran {
    let q = a.judging.question().map_err(Stop::Usage)?;
    let (c, index, target) = framework_and_role(&a.framework, &a.role, root)?;
    let fw = &c.frameworks[index];
    let person = person_arg(fw, &a.profile, a.person.as_deref())?;
    let judged = lfw_assess::readiness(fw, &person, target, &q);
    let r = words::readiness(fw, &judged);
    match a.format {
        ReportFormat::Json => crate::output::json(&r),
        ReportFormat::Text => crate::output::print(&readiness::text(&r)),
        ReportFormat::Markdown => crate::output::print(&readiness::markdown(&r)),
        ReportFormat::Html => {
            // The route from where the person is, for its picture.
            let routes = (person.role != target)
                .then(|| lfw_assess::route::routes(fw, person.role, target, false, Some(&person), &q))
                .filter(|found| !found.routes.is_empty())
                .map(|found| words::routes(fw, &found));
            crate::output::raw(&html::readiness::page(fw, &judged, &r, routes.as_ref()));
        }
    }
    Ok(Outcome::Success)
}
