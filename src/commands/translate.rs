//! `lfw translate`: a provisional profile in another framework, through a
//! crosswalk's mappings and level correspondences.

use super::load::{crosswalks_arg, framework_arg, print_plain, read_profile, role_arg, Bundled};
use super::{usage, Outcome, Ran, Stop};
use crate::args::{Format, TranslateArgs};
use crate::render::translation;
use std::path::Path;

pub fn run(a: &TranslateArgs, root: Option<&Path>) -> Ran {
    let mut sources = lfw_model::Sources::default();
    let (input, origin) = read_profile(&a.profile, a.person.as_deref(), &mut sources).map_err(|problems| {
        print_plain(&problems, &sources);
        Stop::Reported
    })?;
    let Some(from) = a.from.clone().or_else(|| input.framework.clone()) else {
        return Err(usage("the profile names no framework; say which with `--from`"));
    };
    let (old, io) = framework_arg(&from, root, Bundled::WithLibrary)?;
    let (new, in_) = framework_arg(&a.to, root, Bundled::WithLibrary)?;
    // The profile must be valid in its own framework first. `--from`
    // overrides the profile's own `framework` field.
    let mut checked = input.clone();
    if a.from.is_some() {
        checked.framework = None;
    }
    if let Err(problems) = lfw_assess::bind(&checked, &old.frameworks[io], &origin, Some(&sources)) {
        print_plain(&problems, &sources);
        return Err(Stop::Reported);
    }
    if let Some(r) = &a.role {
        role_arg(&new.frameworks[in_], r)?;
    }
    let compilations = [old, new];
    let crosswalks = crosswalks_arg(&compilations, &a.crosswalk, root)?;
    let (fa, fb) = (&compilations[0].frameworks[io], &compilations[1].frameworks[in_]);
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    let t = lfw_assess::translate(&input, fa, fb, &refs, a.role.as_deref());
    match a.format {
        Format::Json => crate::output::json(&translation::to_json(&t)),
        Format::Text => crate::output::print(&translation::text(&t)),
    }
    Ok(Outcome::Success)
}
