//! `lfw succession`: the pipeline of every role of a framework, from a
//! cohort. The figures are counted by `lfw_assess::succession` and made
//! safe to publish by `lfw_assess::disclosure`; `crate::render::succession`
//! words and lays them out.

use super::cohort::{cohort_file, halted, scratch};
use super::load::{framework_arg, print_plain, profile_input, role_arg, Bundled};
use super::{outcome, usage, Ran, Stop};
use crate::args::{ReportFormat, SuccessionArgs};
use crate::render::{html, succession};
use std::path::Path;

/// Reports invalid profiles as they are found; nobody is listed by name.
struct Problems {
    count: usize,
    colour: bool,
}

impl lfw_assess::cohort::Sink for Problems {
    fn person(&mut self, _: &lfw_assess::cohort::PersonRow) {}

    fn problem(&mut self, d: &lfw_assess::ProfileDiagnostic) {
        self.count += 1;
        crate::output::err(&crate::render::diagnostic::text(d, &lfw_model::Sources::default(), self.colour));
    }

    fn stopped(&self) -> bool {
        crate::output::closed()
    }

    fn wants_rows(&self) -> bool {
        false
    }
}

/// How many roles the run reports.
fn pipeline_roles(fw: &lfw_model::Framework, roles: &[lfw_model::RoleId]) -> usize {
    lfw_assess::succession::ladder_order(fw, roles).len()
}

pub fn run(a: &SuccessionArgs, root: Option<&Path>) -> Ran {
    let question = crate::args::question(a.as_of.as_deref(), None, None).map_err(Stop::Usage)?;
    let horizon = crate::args::horizon(&a.horizon).map_err(Stop::Usage)?;
    if a.min_group == 0 {
        return Err(usage("`--min-group 0` would publish every figure; give 1 or more (5 by default)"));
    }
    if let Some(name) = a.by.iter().find(|b| b.trim().is_empty()) {
        return Err(usage(format!(
            "`--by` names an empty attribute (`{name}`); write e.g. --by organisation,region"
        )));
    }
    let (c, index) = framework_arg(&a.framework, root, Bundled::Alone)?;
    let fw = &c.frameworks[index];
    let roles = a.roles.iter().map(|r| role_arg(fw, r)).collect::<Result<Vec<_>, _>>()?;
    cohort_file(&a.profiles)?;
    let scratch = scratch("lfw-succession-")?;
    let opts = lfw_assess::succession::Options {
        question,
        horizon,
        by: a.by.iter().map(|b| b.trim().to_string()).collect(),
        roles,
        strict: a.strict,
        threads: crate::args::threads(a.threads),
        scratch: scratch.path().to_path_buf(),
    };
    let input = profile_input(&a.profiles).map_err(|problems| {
        print_plain(&problems, &lfw_model::Sources::default());
        Stop::Reported
    })?;
    let mut sink = Problems {
        count: 0,
        colour: crate::render::diagnostic::use_colour(),
    };
    let pipeline = match lfw_assess::succession::run(fw, input, &opts, &mut sink) {
        Ok(p) => p,
        Err(lfw_assess::succession::Halt::Stream(halt)) => return halted(halt, &a.profiles, scratch.path()),
        Err(lfw_assess::succession::Halt::TooManyGroups(most)) => {
            errln!(
                "error: `--by {}` makes more than {most} groups for {} roles; group by an attribute with fewer values, such as an organisation or a region, or report fewer roles with --roles",
                a.by.join(","),
                pipeline_roles(fw, &opts.roles)
            );
            return Err(Stop::Reported);
        }
        Err(lfw_assess::succession::Halt::GroupValueTooLong) => {
            errln!(
                "error: a profile gives `--by {}` a value longer than {} characters; group by a shorter attribute, such as an organisation or a region",
                a.by.join(","),
                lfw_assess::succession::MAX_GROUP_VALUE
            );
            return Err(Stop::Reported);
        }
    };
    let published = lfw_assess::disclosure::publish(fw, &pipeline, a.min_group);
    match a.format {
        ReportFormat::Json => crate::output::json(&succession::to_json(fw, &published)),
        ReportFormat::Text => crate::output::print(&succession::text(fw, &published)),
        ReportFormat::Markdown => crate::output::print(&succession::markdown(fw, &published)),
        ReportFormat::Html => crate::output::raw(&html::succession::page(fw, &published)),
    }
    Ok(outcome(sink.count > 0))
}
