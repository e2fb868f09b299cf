//! `lfw path`: the route between two roles, its least time, and what a
//! person lacks at each step.

use super::load::{framework_arg, person_arg, role_arg, Bundled};
use super::{outcome, usage, Ran, Stop};
use crate::args::{PageFormat, PathArgs};
use crate::render::{html, routes, words};
use std::path::Path;

pub fn run(a: &PathArgs, root: Option<&Path>) -> Ran {
    let q = crate::args::question(a.as_of.as_deref(), None, None).map_err(Stop::Usage)?;
    let (c, index) = framework_arg(&a.framework, root, Bundled::Alone)?;
    let fw = &c.frameworks[index];
    let person = a.profile.as_deref().map(|p| person_arg(fw, p, a.person.as_deref())).transpose()?;
    let from = match (&a.from, &person) {
        (Some(from), _) => role_arg(fw, from)?,
        (None, Some(p)) => p.role,
        (None, None) => {
            return Err(usage(
                "say where the route starts with `--from <role>`, or give a profile to start at the person's current role",
            ))
        }
    };
    let to = role_arg(fw, &a.to)?;
    let found = lfw_assess::route::routes(fw, from, to, a.all, person.as_ref(), &q);
    // A report holds a route's least time in 32 bits: more than 357 million
    // years. A longer one is shown at that, and said so here.
    for (i, r) in found
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.exact_months > u64::from(r.min_months))
    {
        errln!(
            "warning: the least time of route {} is {} months ({} years), more than a report can hold; it is shown as {} months",
            i + 1,
            r.exact_months,
            r.exact_months / 12,
            r.min_months
        );
    }
    let found = words::routes(fw, &found);
    match a.format {
        PageFormat::Json => crate::output::json(&found),
        PageFormat::Text => crate::output::print(&routes::text(&found)),
        PageFormat::Html => crate::output::raw(&html::routes::page(&found)),
    }
    Ok(outcome(found.routes.is_empty()))
}
