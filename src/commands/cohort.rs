//! `lfw cohort`: the readiness of a whole cohort for a role, streamed from
//! any number of profiles and summarised.

use super::load::{framework_and_role, print_plain, profile_input};
use super::{outcome, usage, Outcome, Ran, Stop};
use crate::args::{CohortArgs, ReportFormat};
use crate::render::{cohort, html, words};
use lfw_assess::cohort::{IoStep, NotACohort, PersonRow, Sink, Stop as Halt};
use lfw_model::Framework;
use std::path::Path;

/// Prints per-person rows as they come and problems as they are found.
struct Rows<'f> {
    fw: &'f Framework,
    role: lfw_model::RoleId,
    per_person: bool,
    format: ReportFormat,
    rows: usize,
    problems: usize,
    colour: bool,
}

impl Sink for Rows<'_> {
    fn person(&mut self, row: &PersonRow) {
        if !self.per_person {
            return;
        }
        let row = &words::person_row(self.fw, self.role, row);
        match self.format {
            // A page is written whole at the end; `cohort` refuses
            // `--per-person` with it.
            ReportFormat::Html => {}
            ReportFormat::Json => {
                let sep = if self.rows == 0 { "" } else { "," };
                jsonln!("{sep}{}", serde_json::to_string(row).expect("rows serialise"));
            }
            ReportFormat::Markdown => crate::output::print(&cohort::person_markdown(row, self.rows == 0)),
            ReportFormat::Text => crate::output::print(&cohort::person_text(row)),
        }
        self.rows += 1;
    }

    fn stopped(&self) -> bool {
        crate::output::closed()
    }

    fn wants_rows(&self) -> bool {
        self.per_person
    }

    fn problem(&mut self, d: &lfw_assess::ProfileDiagnostic) {
        self.problems += 1;
        crate::output::err(&crate::render::diagnostic::text(d, &lfw_model::Sources::default(), self.colour));
    }
}

/// A file of profiles as a cohort takes them: it exists and is JSON Lines
/// or long CSV.
pub fn cohort_file(profiles: &Path) -> Result<(), Stop> {
    if !profiles.exists() {
        return Err(usage(format!("there is no file `{}`", profiles.display())));
    }
    if !profiles.extension().is_some_and(|e| e == "csv" || e == "jsonl") {
        return Err(usage(format!(
            "`{}` is neither .jsonl nor .csv; a cohort is one profile per line (JSON Lines) or long CSV",
            profiles.display()
        )));
    }
    Ok(())
}

/// A private directory for the parts a large CSV file is split into, which
/// hold people's HR rows: it is removed however the run ends, a signal
/// included.
pub fn scratch(prefix: &str) -> Result<crate::cleanup::TempDir, Stop> {
    if let Err(e) = crate::cleanup::remove_on_signals() {
        errln!("error: cannot watch for signals to clean up after: {e}");
        return Err(Stop::Reported);
    }
    crate::cleanup::TempDir::new(prefix).map_err(|e| {
        // The error names the path it tried.
        errln!("error: cannot create a temporary directory: {e}");
        Stop::Reported
    })
}

pub fn run(a: &CohortArgs, root: Option<&Path>) -> Ran {
    let question = a.judging.question().map_err(Stop::Usage)?;
    let (c, index, target) = framework_and_role(&a.framework, &a.role, root)?;
    let fw = &c.frameworks[index];
    cohort_file(&a.profiles)?;
    if a.per_person && a.format == ReportFormat::Html {
        return Err(usage(
            "`--per-person` lists people one per line, which a page does not; use it with --format text, json or markdown",
        ));
    }
    let scratch = scratch("lfw-cohort-")?;
    let opts = lfw_assess::cohort::Options {
        question,
        strict: a.strict,
        threads: crate::args::threads(a.threads),
        scratch: scratch.path().to_path_buf(),
    };
    let mut sink = Rows {
        fw,
        role: target,
        per_person: a.per_person,
        format: a.format,
        rows: 0,
        problems: 0,
        colour: crate::render::diagnostic::use_colour(),
    };
    let json_rows = a.per_person && a.format == ReportFormat::Json;
    if json_rows {
        jsonln!("{{\"people\": [");
        if crate::output::closed() {
            // Nothing read could be shown: a large CSV would be split into
            // parts for nothing.
            return Ok(Outcome::Success);
        }
    }
    let input = profile_input(&a.profiles).map_err(|problems| {
        print_plain(&problems, &lfw_model::Sources::default());
        Stop::Reported
    })?;
    let summary = match lfw_assess::cohort::run(fw, target, input, &opts, &mut sink) {
        Ok(s) => words::summary(fw, target, &s),
        Err(halt) => {
            if json_rows {
                // Keep standard output one JSON document.
                match &halt {
                    Halt::Strict => jsonln!("], \"stopped\": \"strict\"}}"),
                    Halt::NotACohort(_) => jsonln!("], \"stopped\": \"not-a-cohort\"}}"),
                    _ => {}
                }
            }
            return halted(halt, &a.profiles, scratch.path());
        }
    };
    match a.format {
        ReportFormat::Json if a.per_person => {
            let json = serde_json::to_string_pretty(&summary).expect("summaries serialise");
            jsonln!("], \"summary\": {json}}}");
        }
        ReportFormat::Json => crate::output::json(&summary),
        ReportFormat::Text => crate::output::print(&cohort::text(&summary, fw)),
        ReportFormat::Markdown => crate::output::print(&cohort::markdown(&summary, fw)),
        ReportFormat::Html => crate::output::raw(&html::cohort::page(fw, &summary)),
    }
    Ok(outcome(sink.problems > 0))
}

/// Says why a cohort run stopped before its end.
pub fn halted(halt: Halt, profiles: &Path, scratch: &Path) -> Ran {
    let shown = profiles.display();
    match halt {
        Halt::Strict => errln!("error: stopped at the first invalid profile (--strict)"),
        // Output can take no more (its reader has gone, or a write failed,
        // which `main` makes status 2): nothing more to say.
        Halt::Stopped => return Ok(Outcome::Success),
        Halt::NotACohort(why) => {
            let why = match why {
                NotACohort::NoPersonColumn => "its header has no `person` column, which says whose each row is (docs/profiles.md)",
                NotACohort::NoRecordColumn => "its header has no `record` column, which says what each row records (docs/profiles.md)",
                NotACohort::NoProfiles => "it holds no profile",
                NotACohort::OneProfile => "it is one JSON profile; a cohort is one profile per line (JSON Lines) or long CSV",
            };
            errln!("error: `{shown}` is not a cohort: {why}");
        }
        Halt::Io(step, e) => match step {
            IoStep::ReadInput => errln!("error: cannot read `{shown}`: {e}"),
            IoStep::WriteParts => errln!("error: cannot write the parts of `{shown}` in `{}`: {e}", scratch.display()),
            IoStep::ReadPart => errln!("error: cannot read back a part of `{shown}` from `{}`: {e}", scratch.display()),
        },
    }
    Err(Stop::Reported)
}
