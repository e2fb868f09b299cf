//! The command line as `lfw` reads it: clap's definitions of every command
//! and flag (the words of `--help`), then the readers that turn a flag's
//! text into the value the engine takes (`--as-of` into a date, `--evidence`
//! into a policy). Nothing here reads a file or prints.

use crate::render::diagnostic::Colour;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "lfw",
    version,
    about = "Compile, check and query leadership and competency frameworks written in .lfw"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// The project folder that `.lfw` files and their imports must stay
    /// inside; by default the nearest folder holding an `lfw.toml`, else
    /// the folder being checked.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Colour in diagnostics: `auto` (on a terminal, unless NO_COLOR is
    /// set), `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = Colour::Auto)]
    pub color: Colour,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people (the default).
    Text,
    /// One JSON document on standard output, as documented in docs/json.md.
    Json,
}

/// For `path` and `compare`: text, JSON, or a page.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PageFormat {
    Text,
    Json,
    /// One self-contained page with pictures, to open in a browser or print.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    /// For pasting into a paper.
    Markdown,
    /// One self-contained page with pictures, to open in a browser or print.
    Html,
}

#[derive(Subcommand)]
pub enum Command {
    /// Compile frameworks and print every diagnostic.
    #[command(
        after_help = "Examples:\n  lfw check frameworks/\n  lfw check --deny-warnings --format json my-framework.lfw\n  lfw check police-ew"
    )]
    Check(CheckArgs),
    /// Write a compiled framework in another format.
    #[command(after_help = "Examples:\n  lfw export --to json cscf-2012\n  lfw export --to json my-framework.lfw > my-framework.json")]
    Export(ExportArgs),
    /// Write `.lfw` source from a framework in another format.
    #[command(
        after_help = "Examples:\n  lfw import --from case opensalt-package.json -o framework.lfw\n  lfw import --from case package.json > framework.lfw"
    )]
    Import(ImportArgs),
    /// How ready one person is for a role, and the development plan.
    #[command(
        after_help = "Examples:\n  lfw ready --framework cscf-2012 --role g7 --as-of 2026-06-01 frameworks/civil-service/examples/seo-one-gap.json\n  lfw ready --framework police-ew --role sergeant --format html pc-201.json > pc-201.html"
    )]
    Ready(ReadyArgs),
    /// The route between two roles, its least time, and what a person lacks at each step.
    #[command(
        after_help = "Examples:\n  lfw path --framework police-ew --from constable --to chief-constable\n  lfw path --framework fire.lfw --to group-manager watch-manager.json"
    )]
    Path(PathArgs),
    /// Readiness of a whole cohort for a role, summarised; streams any number of profiles.
    #[command(
        after_help = "Examples:\n  lfw cohort --framework cscf-2012 --role g7 --as-of 2026-06-01 staff.csv\n  lfw cohort --framework police-ew --role sergeant --per-person --format json force.jsonl"
    )]
    Cohort(CohortArgs),
    /// Succession pipelines: for every role, holders, successors ready now,
    /// ready within a horizon, one step away and blocked; by group, with
    /// small groups not shown.
    #[command(
        after_help = "Examples:\n  lfw succession --framework police-ew --as-of 2026-06-01 --by organisation frameworks/police/examples/force.jsonl\n  lfw succession --framework childrens-services --horizon 2y --min-group 10 --format html region.jsonl > region.html"
    )]
    Succession(SuccessionArgs),
    /// Write a small, commented starter framework (and an `lfw.toml`) into a
    /// folder, ready to edit: `lfw init leadership && lfw check leadership`.
    #[command(after_help = "Examples:\n  lfw init leadership && lfw check leadership")]
    Init(InitArgs),
    /// Print a completion script for a shell: `lfw completions bash > /etc/bash_completion.d/lfw`.
    #[command(
        after_help = "Examples:\n  lfw completions bash > ~/.local/share/bash-completion/completions/lfw\n  lfw completions zsh > ~/.zfunc/_lfw"
    )]
    Completions(CompletionsArgs),
    /// What changed between two versions of a framework (exit 1 when they differ).
    #[command(
        after_help = "Examples:\n  lfw diff scs-core-2005 cscf-2012\n  lfw diff --format markdown old/framework.lfw new/framework.lfw"
    )]
    Diff(DiffArgs),
    /// What two or more frameworks share and what each lacks, through crosswalks.
    #[command(after_help = "Examples:\n  lfw compare lqf hlm\n  lfw compare lqf hlm nhs-scotland-ldf --format json")]
    Compare(CompareArgs),
    /// A provisional profile in another framework, through a crosswalk's mappings and level correspondences.
    #[command(after_help = "Examples:\n  lfw translate --to hlm lqf-profile.json")]
    Translate(TranslateArgs),
    /// Write `.lfw` files in their canonical layout (`-` filters standard input to standard output).
    #[command(after_help = "Examples:\n  lfw fmt frameworks/\n  lfw fmt --check frameworks/\n  lfw fmt - < draft.lfw")]
    Fmt(FmtArgs),
    /// Serve the Language Server Protocol over standard input and output (docs/editors.md).
    #[command(
        after_help = "Examples:\n  lfw lsp    (started by an editor, which talks to it on standard input and output; docs/editors.md)"
    )]
    Lsp,
    /// List the bundled frameworks.
    #[command(after_help = "Examples:\n  lfw list\n  lfw list --format json")]
    List(ListArgs),
}

/// The arguments of `lfw check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// `.lfw` files, directories searched for them, or ids of bundled frameworks.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as errors for the exit code.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The arguments of `lfw export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub to: ExportFormat,
    /// With `--to dot` or `--to mermaid`: which graph (roles by default).
    #[arg(long, value_enum)]
    pub graph: Option<crate::render::graph::GraphKind>,
    /// With `--to case`: the framework that succeeds this one (file or
    /// id, loaded with it); elements a crosswalk says it replaces get
    /// `replacedBy` associations.
    #[arg(long, value_name = "FRAMEWORK")]
    pub successor: Option<String>,
    /// A framework's `.lfw` file, or the id of a bundled framework.
    pub framework: String,
}

/// The arguments of `lfw import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(long, value_enum)]
    pub from: ImportFormat,
    /// The file to read.
    pub file: PathBuf,
    /// Where to write the `.lfw` source; standard output by default.
    #[arg(short, long, value_name = "OUT.lfw")]
    pub output: Option<PathBuf>,
}

/// The arguments of `lfw ready`.
#[derive(clap::Args)]
pub struct ReadyArgs {
    /// A framework's `.lfw` file, or the id of a bundled framework.
    #[arg(long)]
    pub framework: String,
    /// The role to measure against (its id).
    #[arg(long)]
    pub role: String,
    /// A profile: `.json`, `.jsonl` or `.csv` (docs/profiles.md).
    pub profile: PathBuf,
    /// Which profile of a file holding several.
    #[arg(long)]
    pub person: Option<String>,
    #[command(flatten)]
    pub judging: Judging,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The arguments of `lfw path`.
#[derive(clap::Args)]
pub struct PathArgs {
    /// A framework's `.lfw` file, or the id of a bundled framework.
    #[arg(long)]
    pub framework: String,
    /// The role the route starts at; with a profile, the person's current
    /// role by default.
    #[arg(long)]
    pub from: Option<String>,
    /// The role the route ends at.
    #[arg(long)]
    pub to: String,
    /// Every route, shortest first, rather than the shortest.
    #[arg(long)]
    pub all: bool,
    /// A profile, to show what the person lacks at each step.
    pub profile: Option<PathBuf>,
    /// Which profile of a file holding several.
    #[arg(long)]
    pub person: Option<String>,
    /// The date to judge at (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub as_of: Option<String>,
    #[arg(long, value_enum, default_value_t = PageFormat::Text)]
    pub format: PageFormat,
}

/// The arguments of `lfw cohort`.
#[derive(clap::Args)]
pub struct CohortArgs {
    /// A framework's `.lfw` file, or the id of a bundled framework.
    #[arg(long)]
    pub framework: String,
    /// The role to measure against (its id).
    #[arg(long)]
    pub role: String,
    /// Profiles: `.jsonl` (one per line) or long `.csv` (docs/profiles.md).
    pub profiles: PathBuf,
    /// One row per person as well as the summary.
    #[arg(long)]
    pub per_person: bool,
    /// Stop at the first invalid profile.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub judging: Judging,
    /// Worker threads, 1 to 256; all cores by default (at most 256).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
    pub threads: Option<u16>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The arguments of `lfw succession`.
#[derive(clap::Args)]
pub struct SuccessionArgs {
    /// A framework's `.lfw` file, or the id of a bundled framework.
    #[arg(long)]
    pub framework: String,
    /// Profiles: `.jsonl` (one per line) or long `.csv` (docs/profiles.md).
    pub profiles: PathBuf,
    /// The date to judge at (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub as_of: Option<String>,
    /// How far ahead to count people who lack only time served: `24m`,
    /// `2y`, or a number of months, at most 120.
    #[arg(long, default_value = "24m")]
    pub horizon: String,
    /// Break every figure down by these profile attributes
    /// (comma-separated, e.g. `organisation,gender`).
    #[arg(long, value_delimiter = ',')]
    pub by: Vec<String>,
    /// Only these roles (comma-separated ids); every role by default.
    #[arg(long, value_delimiter = ',')]
    pub roles: Vec<String>,
    /// The smallest count shown; smaller ones (and any that would
    /// reveal one) are not.
    #[arg(long, default_value_t = 5)]
    pub min_group: u64,
    /// Stop at the first invalid profile.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads, 1 to 256; all cores by default (at most 256).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
    pub threads: Option<u16>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The arguments of `lfw init`.
#[derive(clap::Args)]
pub struct InitArgs {
    /// The folder: created if missing; it must not hold the files already.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// The arguments of `lfw completions`.
#[derive(clap::Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

/// The arguments of `lfw diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// The old version: a `.lfw` file or a bundled framework's id.
    pub old: String,
    /// The new version: a `.lfw` file or a bundled framework's id.
    pub new: String,
    /// Crosswalks (ids, or `.lfw` files) that say what replaced removed
    /// elements; by default those loaded with the two versions.
    #[arg(long)]
    pub crosswalk: Vec<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// The arguments of `lfw compare`.
#[derive(clap::Args)]
pub struct CompareArgs {
    /// Frameworks: `.lfw` files or bundled ids. With three or more, the shared core.
    #[arg(required = true, num_args = 2..)]
    pub frameworks: Vec<String>,
    /// Use only these crosswalks (ids, or `.lfw` files holding them); by
    /// default every crosswalk loaded with the frameworks, else matching titles.
    #[arg(long)]
    pub crosswalk: Vec<String>,
    #[arg(long, value_enum, default_value_t = PageFormat::Text)]
    pub format: PageFormat,
}

/// The arguments of `lfw translate`.
#[derive(clap::Args)]
pub struct TranslateArgs {
    /// The framework to translate into: a `.lfw` file or a bundled id.
    #[arg(long)]
    pub to: String,
    /// The profile's framework, when its `framework` field is absent or to override it.
    #[arg(long)]
    pub from: Option<String>,
    /// Use only these crosswalks (ids, or `.lfw` files holding them).
    #[arg(long)]
    pub crosswalk: Vec<String>,
    /// The person's role in the target framework, for the provisional profile.
    #[arg(long)]
    pub role: Option<String>,
    /// The profile to translate.
    pub profile: PathBuf,
    /// Which profile of a file holding several.
    #[arg(long)]
    pub person: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The arguments of `lfw fmt`.
#[derive(clap::Args)]
pub struct FmtArgs {
    /// `.lfw` files and folders searched for them; the current folder by default; `-` for standard input.
    pub paths: Vec<PathBuf>,
    /// Change nothing: list the files whose layout would change, and exit with status 1 if any would.
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The arguments of `lfw list`.
#[derive(clap::Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// How a readiness question is asked, for `ready` and `cohort` alike.
#[derive(clap::Args)]
pub struct Judging {
    /// The date to judge at (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub as_of: Option<String>,
    /// How assessments combine: latest, highest, lowest, median, or
    /// ranked:SOURCE>SOURCE>… (overrides the framework's policy).
    #[arg(long)]
    pub evidence: Option<String>,
    /// How long evidence counts, e.g. `3y`, `18m`, or `never`.
    #[arg(long)]
    pub valid_for: Option<String>,
}

impl Judging {
    pub fn question(&self) -> Result<lfw_assess::Question, String> {
        question(self.as_of.as_deref(), self.evidence.as_deref(), self.valid_for.as_deref())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The compiled framework as JSON (docs/json.md).
    Json,
    /// A 1EdTech CASE 1.1 package (docs/case.md).
    Case,
    /// A Graphviz DOT graph (`--graph`).
    Dot,
    /// A Mermaid flowchart (`--graph`).
    Mermaid,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A 1EdTech CASE 1.0 or 1.1 package (docs/case.md).
    Case,
}

/// Reads `--evidence`.
fn combine_arg(s: &str) -> Result<lfw_model::Combine, String> {
    use lfw_model::Combine;
    Ok(match s {
        "latest" => Combine::Latest,
        "highest" => Combine::Highest,
        "lowest" => Combine::Lowest,
        "median" => Combine::Median,
        _ => match s.strip_prefix("ranked:") {
            Some(order) if !order.is_empty() => Combine::Ranked(order.split('>').map(|x| x.trim().to_string()).collect()),
            _ => {
                return Err(format!(
                    "`--evidence {s}` is not a policy; use latest, highest, lowest, median or ranked:SOURCE>SOURCE"
                ))
            }
        },
    })
}

/// The most worker threads `lfw cohort` runs: far more than the cores of
/// any machine it is meant for, few enough that their stacks fit anywhere.
pub const MAX_THREADS: usize = 256;

/// Reads `--valid-for`: `3y`, `18m`, `2years`, or `never`. The number is
/// below 100000, as in the language (`evidence valid for`): a larger one is
/// refused, not cut down.
fn valid_for_arg(s: &str) -> Result<Option<u32>, String> {
    if s == "never" {
        return Ok(None);
    }
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let unit = s[digits.len()..].trim();
    let not_a_length = || format!("`--valid-for {s}` is not a length of time; write e.g. 3y, 18m or never");
    let months_per = match unit {
        "y" | "year" | "years" => 12,
        "m" | "month" | "months" => 1,
        _ => return Err(not_a_length()),
    };
    if digits.is_empty() {
        return Err(not_a_length());
    }
    match digits.parse::<u32>() {
        Ok(n) if n < lfw_model::limits::MAX_NUMBER => Ok(Some(n * months_per)),
        _ => Err(format!(
            "`--valid-for {s}` is too long; write fewer than {} years or months, or `never`",
            lfw_model::limits::MAX_NUMBER
        )),
    }
}

pub fn question(as_of: Option<&str>, evidence: Option<&str>, valid_for: Option<&str>) -> Result<lfw_assess::Question, String> {
    let as_of = match as_of {
        Some(d) => lfw_assess::Date::parse(d).ok_or_else(|| match lfw_assess::Date::parse_any_year(d) {
            Some(_) => format!(
                "`--as-of {d}` is outside the dates lfw takes: write one from {}-01-01 to {}-12-31",
                lfw_assess::Date::FIRST_YEAR,
                lfw_assess::Date::LAST_YEAR
            ),
            None => format!("`--as-of {d}` is not a date; write YYYY-MM-DD"),
        })?,
        None => lfw_assess::Date::today(),
    };
    Ok(lfw_assess::Question {
        as_of,
        combine: evidence.map(combine_arg).transpose()?,
        valid_months: valid_for.map(valid_for_arg).transpose()?,
    })
}

/// The worker threads for `--threads`: as asked, else one per core (at
/// most [`MAX_THREADS`]).
pub fn threads(asked: Option<u16>) -> usize {
    asked.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS),
        usize::from,
    )
}

/// The longest `--horizon`, in months: ten years ahead.
pub const MAX_HORIZON: u32 = 120;

/// Reads `--horizon`: `24m`, `2y`, or a number of months, 1 to 120.
pub fn horizon(s: &str) -> Result<u32, String> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let per = match s[digits.len()..].trim() {
        "" | "m" | "month" | "months" => 1,
        "y" | "year" | "years" => 12,
        _ => return Err(format!("`--horizon {s}` is not a length of time; write e.g. 24m or 2y")),
    };
    match digits.parse::<u32>().ok().and_then(|n| n.checked_mul(per)) {
        Some(m) if (1..=MAX_HORIZON).contains(&m) => Ok(m),
        _ => Err(format!(
            "`--horizon {s}` is out of range; give 1 to {MAX_HORIZON} months (10 years)"
        )),
    }
}
