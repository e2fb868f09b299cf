//! Commands and their arguments.

use crate::files::{lfw_files_in, Project};
use crate::render;
use clap::{Parser, Subcommand, ValueEnum};
use lfw_model::{compile, Compilation, Diagnostic, Framework, Severity};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "lfw",
    version,
    about = "Compile, check and query leadership and competency frameworks written in .lfw"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The project folder that `.lfw` files and their imports must stay
    /// inside; by default the nearest folder holding an `lfw.toml`, else
    /// the folder being checked.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Colour in diagnostics: `auto` (on a terminal, unless NO_COLOR is
    /// set), `always` or `never`.
    #[arg(long, global = true, value_enum, default_value_t = render::Colour::Auto)]
    color: render::Colour,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people (the default).
    Text,
    /// One JSON document on standard output, as documented in docs/json.md.
    Json,
}

/// For `path` and `compare`: text, JSON, or a page.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PageFormat {
    Text,
    Json,
    /// One self-contained page with pictures, to open in a browser or print.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    Text,
    Json,
    /// For pasting into a paper.
    Markdown,
    /// One self-contained page with pictures, to open in a browser or print.
    Html,
}

#[derive(Subcommand)]
enum Command {
    /// Compile frameworks and print every diagnostic.
    #[command(
        after_help = "Examples:\n  lfw check frameworks/\n  lfw check --deny-warnings --format json my-framework.lfw\n  lfw check police-ew"
    )]
    Check {
        /// `.lfw` files, directories searched for them, or ids of bundled frameworks.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Treat warnings as errors for the exit code.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a compiled framework in another format.
    #[command(after_help = "Examples:\n  lfw export --to json cscf-2012\n  lfw export --to json my-framework.lfw > my-framework.json")]
    Export {
        #[arg(long, value_enum)]
        to: ExportFormat,
        /// With `--to dot` or `--to mermaid`: which graph (roles by default).
        #[arg(long, value_enum)]
        graph: Option<crate::graph::GraphKind>,
        /// With `--to case`: the framework that succeeds this one (file or
        /// id, loaded with it); elements a crosswalk says it replaces get
        /// `replacedBy` associations.
        #[arg(long, value_name = "FRAMEWORK")]
        successor: Option<String>,
        /// A framework's `.lfw` file, or the id of a bundled framework.
        framework: String,
    },
    /// Write `.lfw` source from a framework in another format.
    #[command(
        after_help = "Examples:\n  lfw import --from case opensalt-package.json -o framework.lfw\n  lfw import --from case package.json > framework.lfw"
    )]
    Import {
        #[arg(long, value_enum)]
        from: ImportFormat,
        /// The file to read.
        file: PathBuf,
        /// Where to write the `.lfw` source; standard output by default.
        #[arg(short, long, value_name = "OUT.lfw")]
        output: Option<PathBuf>,
    },
    /// How ready one person is for a role, and the development plan.
    #[command(
        after_help = "Examples:\n  lfw ready --framework cscf-2012 --role g7 --as-of 2026-06-01 frameworks/civil-service/examples/seo-one-gap.json\n  lfw ready --framework police-ew --role sergeant --format html pc-201.json > pc-201.html"
    )]
    Ready {
        /// A framework's `.lfw` file, or the id of a bundled framework.
        #[arg(long)]
        framework: String,
        /// The role to measure against (its id).
        #[arg(long)]
        role: String,
        /// A profile: `.json`, `.jsonl` or `.csv` (docs/profiles.md).
        profile: PathBuf,
        /// Which profile of a file holding several.
        #[arg(long)]
        person: Option<String>,
        #[command(flatten)]
        judging: Judging,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// The route between two roles, its least time, and what a person lacks at each step.
    #[command(
        after_help = "Examples:\n  lfw path --framework police-ew --from constable --to chief-constable\n  lfw path --framework fire.lfw --to group-manager watch-manager.json"
    )]
    Path {
        /// A framework's `.lfw` file, or the id of a bundled framework.
        #[arg(long)]
        framework: String,
        /// The role the route starts at; with a profile, the person's current
        /// role by default.
        #[arg(long)]
        from: Option<String>,
        /// The role the route ends at.
        #[arg(long)]
        to: String,
        /// Every route, shortest first, rather than the shortest.
        #[arg(long)]
        all: bool,
        /// A profile, to show what the person lacks at each step.
        profile: Option<PathBuf>,
        /// Which profile of a file holding several.
        #[arg(long)]
        person: Option<String>,
        /// The date to judge at (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long, value_enum, default_value_t = PageFormat::Text)]
        format: PageFormat,
    },
    /// Readiness of a whole cohort for a role, summarised; streams any number of profiles.
    #[command(
        after_help = "Examples:\n  lfw cohort --framework cscf-2012 --role g7 --as-of 2026-06-01 staff.csv\n  lfw cohort --framework police-ew --role sergeant --per-person --format json force.jsonl"
    )]
    Cohort {
        /// A framework's `.lfw` file, or the id of a bundled framework.
        #[arg(long)]
        framework: String,
        /// The role to measure against (its id).
        #[arg(long)]
        role: String,
        /// Profiles: `.jsonl` (one per line) or long `.csv` (docs/profiles.md).
        profiles: PathBuf,
        /// One row per person as well as the summary.
        #[arg(long)]
        per_person: bool,
        /// Stop at the first invalid profile.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        judging: Judging,
        /// Worker threads, 1 to 256; all cores by default (at most 256).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
        threads: Option<u16>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Succession pipelines: for every role, holders, successors ready now,
    /// ready within a horizon, one step away and blocked; by group, with
    /// small groups not shown.
    #[command(
        after_help = "Examples:\n  lfw succession --framework police-ew --as-of 2026-06-01 --by organisation frameworks/police/examples/force.jsonl\n  lfw succession --framework childrens-services --horizon 2y --min-group 10 --format html region.jsonl > region.html"
    )]
    Succession {
        /// A framework's `.lfw` file, or the id of a bundled framework.
        #[arg(long)]
        framework: String,
        /// Profiles: `.jsonl` (one per line) or long `.csv` (docs/profiles.md).
        profiles: PathBuf,
        /// The date to judge at (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<String>,
        /// How far ahead to count people who lack only time served: `24m`,
        /// `2y`, or a number of months, at most 120.
        #[arg(long, default_value = "24m")]
        horizon: String,
        /// Break every figure down by these profile attributes
        /// (comma-separated, e.g. `organisation,gender`).
        #[arg(long, value_delimiter = ',')]
        by: Vec<String>,
        /// Only these roles (comma-separated ids); every role by default.
        #[arg(long, value_delimiter = ',')]
        roles: Vec<String>,
        /// The smallest count shown; smaller ones (and any that would
        /// reveal one) are not.
        #[arg(long, default_value_t = 5)]
        min_group: u64,
        /// Stop at the first invalid profile.
        #[arg(long)]
        strict: bool,
        /// Worker threads, 1 to 256; all cores by default (at most 256).
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
        threads: Option<u16>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Write a small, commented starter framework (and an `lfw.toml`) into a
    /// folder, ready to edit: `lfw init leadership && lfw check leadership`.
    #[command(after_help = "Examples:\n  lfw init leadership && lfw check leadership")]
    Init {
        /// The folder: created if missing; it must not hold the files already.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a completion script for a shell: `lfw completions bash > /etc/bash_completion.d/lfw`.
    #[command(
        after_help = "Examples:\n  lfw completions bash > ~/.local/share/bash-completion/completions/lfw\n  lfw completions zsh > ~/.zfunc/_lfw"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// What changed between two versions of a framework (exit 1 when they differ).
    #[command(
        after_help = "Examples:\n  lfw diff scs-core-2005 cscf-2012\n  lfw diff --format markdown old/framework.lfw new/framework.lfw"
    )]
    Diff {
        /// The old version: a `.lfw` file or a bundled framework's id.
        old: String,
        /// The new version: a `.lfw` file or a bundled framework's id.
        new: String,
        /// Crosswalks (ids, or `.lfw` files) that say what replaced removed
        /// elements; by default those loaded with the two versions.
        #[arg(long)]
        crosswalk: Vec<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// What two or more frameworks share and what each lacks, through crosswalks.
    #[command(after_help = "Examples:\n  lfw compare lqf hlm\n  lfw compare lqf hlm nhs-scotland-ldf --format json")]
    Compare {
        /// Frameworks: `.lfw` files or bundled ids. With three or more, the shared core.
        #[arg(required = true, num_args = 2..)]
        frameworks: Vec<String>,
        /// Use only these crosswalks (ids, or `.lfw` files holding them); by
        /// default every crosswalk loaded with the frameworks, else matching titles.
        #[arg(long)]
        crosswalk: Vec<String>,
        #[arg(long, value_enum, default_value_t = PageFormat::Text)]
        format: PageFormat,
    },
    /// A provisional profile in another framework, through a crosswalk's mappings and level correspondences.
    #[command(after_help = "Examples:\n  lfw translate --to hlm lqf-profile.json")]
    Translate {
        /// The framework to translate into: a `.lfw` file or a bundled id.
        #[arg(long)]
        to: String,
        /// The profile's framework, when its `framework` field is absent or to override it.
        #[arg(long)]
        from: Option<String>,
        /// Use only these crosswalks (ids, or `.lfw` files holding them).
        #[arg(long)]
        crosswalk: Vec<String>,
        /// The person's role in the target framework, for the provisional profile.
        #[arg(long)]
        role: Option<String>,
        /// The profile to translate.
        profile: PathBuf,
        /// Which profile of a file holding several.
        #[arg(long)]
        person: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write `.lfw` files in their canonical layout (`-` filters standard input to standard output).
    #[command(after_help = "Examples:\n  lfw fmt frameworks/\n  lfw fmt --check frameworks/\n  lfw fmt - < draft.lfw")]
    Fmt {
        /// `.lfw` files and folders searched for them; the current folder by default; `-` for standard input.
        paths: Vec<PathBuf>,
        /// Change nothing: list the files whose layout would change, and exit with status 1 if any would.
        #[arg(long)]
        check: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Serve the Language Server Protocol over standard input and output (docs/editors.md).
    #[command(
        after_help = "Examples:\n  lfw lsp    (started by an editor, which talks to it on standard input and output; docs/editors.md)"
    )]
    Lsp,
    /// List the bundled frameworks.
    #[command(after_help = "Examples:\n  lfw list\n  lfw list --format json")]
    List {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// How a readiness question is asked, for `ready` and `cohort` alike.
#[derive(clap::Args)]
struct Judging {
    /// The date to judge at (YYYY-MM-DD); today by default.
    #[arg(long)]
    as_of: Option<String>,
    /// How assessments combine: latest, highest, lowest, median, or
    /// ranked:SOURCE>SOURCE>… (overrides the framework's policy).
    #[arg(long)]
    evidence: Option<String>,
    /// How long evidence counts, e.g. `3y`, `18m`, or `never`.
    #[arg(long)]
    valid_for: Option<String>,
}

impl Judging {
    fn question(&self) -> Result<lfw_assess::Question, String> {
        question(self.as_of.as_deref(), self.evidence.as_deref(), self.valid_for.as_deref())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
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
enum ImportFormat {
    /// A 1EdTech CASE 1.0 or 1.1 package (docs/case.md).
    Case,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root.as_deref();
    render::set_colour(cli.color);
    match cli.command {
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "lfw", &mut out);
            crate::output::raw(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Init { dir } => crate::init::run(&dir),
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check(&paths, root, format, deny_warnings),
        Command::Export {
            to,
            graph,
            successor,
            framework,
        } => export(to, graph, successor.as_deref(), &framework, root),
        Command::Import {
            from: ImportFormat::Case,
            file,
            output,
        } => crate::case::import(&file, output.as_deref()),
        Command::List { format } => list(format),
        Command::Lsp => crate::lsp::run(root),
        Command::Fmt { paths, check, format } => crate::fmt::run(&paths, check, format == Format::Json),
        Command::Diff {
            old,
            new,
            crosswalk,
            format,
        } => diff(&old, &new, &crosswalk, format, root),
        Command::Translate {
            to,
            from,
            crosswalk,
            role,
            profile,
            person,
            format,
        } => translate(
            &to,
            from.as_deref(),
            &crosswalk,
            role.as_deref(),
            &profile,
            person.as_deref(),
            format,
            root,
        ),
        Command::Compare {
            frameworks,
            crosswalk,
            format,
        } => compare(&frameworks, &crosswalk, format, root),
        Command::Cohort {
            framework,
            role,
            profiles,
            per_person,
            strict,
            judging,
            threads,
            format,
        } => cohort(&framework, &role, &profiles, per_person, strict, &judging, threads, format, root),
        Command::Succession {
            framework,
            profiles,
            as_of,
            horizon,
            by,
            roles,
            min_group,
            strict,
            threads,
            format,
        } => crate::succession::run(
            crate::succession::Args {
                framework: &framework,
                profiles: &profiles,
                as_of: as_of.as_deref(),
                horizon: &horizon,
                by: &by,
                roles: &roles,
                min_group,
                threads,
                strict,
                format,
            },
            root,
        ),
        Command::Path {
            framework,
            from,
            to,
            all,
            profile,
            person,
            as_of,
            format,
        } => path(
            &framework,
            from.as_deref(),
            &to,
            all,
            profile.as_deref(),
            person.as_deref(),
            as_of.as_deref(),
            format,
            root,
        ),
        Command::Ready {
            framework,
            role,
            profile,
            person,
            judging,
            format,
        } => ready(&framework, &role, &profile, person.as_deref(), &judging, format, root),
    }
}

pub fn usage_error(message: &str) -> ExitCode {
    errln!("error: {message}");
    ExitCode::from(2)
}

fn print_json(value: &serde_json::Value) {
    jsonln!("{}", serde_json::to_string_pretty(value).expect("JSON values serialise"));
}

/// Compiles `.lfw` files, reading only inside their project (see
/// [`Project`]); a usage error when the `--root` folder is not one.
fn compile_files(files: &[PathBuf], root: Option<&Path>) -> Result<Compilation, ExitCode> {
    let project = Project::new(root, files).map_err(|message| usage_error(&message))?;
    Ok(compile(files, &|path: &Path| project.read(path)))
}

/// The `.lfw` files named, directories searched recursively in name order;
/// an argument that is no file but a bundled framework's id stands for the
/// bundled library.
fn lfw_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if !path.exists() && lfw_library::file_declaring(&path.to_string_lossy()).is_some() {
            for p in lfw_library::paths() {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
            continue;
        }
        if path.is_dir() {
            let found = lfw_files_in(path).map_err(|e| format!("cannot read the directory `{}`: {e}", path.display()))?;
            if found.is_empty() {
                return Err(format!("no .lfw files found in `{}`", path.display()));
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn print_diagnostics(c: &Compilation) {
    let colour = render::use_colour();
    for d in &c.diagnostics {
        crate::output::err(&render::diagnostic(d, &c.sources, colour));
    }
}

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

fn check(paths: &[PathBuf], root: Option<&Path>, format: Format, deny_warnings: bool) -> ExitCode {
    let files = match lfw_files(paths) {
        Ok(files) => files,
        Err(message) => return usage_error(&message),
    };
    let c = match compile_files(&files, root) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let errors = count(&c.diagnostics, Severity::Error);
    let warnings = count(&c.diagnostics, Severity::Warning);
    match format {
        Format::Json => print_json(&json!({
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
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What to compile with a bundled framework named by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bundled {
    /// Only its own file and what that imports or extends: enough for a
    /// question about the framework alone, and what keeps `lfw ready` fast.
    Alone,
    /// The whole library, whose crosswalks `diff`, `compare` and `translate`
    /// use by default.
    WithLibrary,
}

/// The bundled library, compiled at most once in a run, however many
/// arguments name bundled frameworks or crosswalks.
fn library() -> &'static Compilation {
    static LIBRARY: std::sync::OnceLock<Compilation> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(lfw_library::compile)
}

/// A compilation a command works on: its own (files named, or one bundled
/// framework alone), or the whole bundled library, shared.
pub(crate) enum Loaded {
    Own(Compilation),
    Library(&'static Compilation),
}

impl std::ops::Deref for Loaded {
    type Target = Compilation;

    fn deref(&self) -> &Compilation {
        match self {
            Loaded::Own(c) => c,
            Loaded::Library(c) => c,
        }
    }
}

/// A compiled framework named on the command line by path or bundled id,
/// with the compilation it lives in. On failure, the exit code to stop with
/// (diagnostics or the usage error already printed).
pub(crate) fn framework_arg(arg: &str, root: Option<&Path>, bundled: Bundled) -> Result<(Loaded, usize), ExitCode> {
    let path = Path::new(arg);
    if path.is_dir() {
        return Err(usage_error(&format!(
            "`{arg}` is a folder; name one framework's `.lfw` file, or check the folder with `lfw check {arg}`"
        )));
    }
    let (c, index) = if path.exists() {
        let c = Loaded::Own(compile_files(&[path.to_path_buf()], root)?);
        let root = lfw_model::FileId(0);
        let index = c.frameworks.iter().position(|f| f.loc.file == root);
        (c, index)
    } else {
        let alone = match bundled {
            Bundled::Alone => lfw_library::compile_one(arg),
            Bundled::WithLibrary => None,
        };
        let c = match alone {
            Some(c) => Loaded::Own(c),
            None => Loaded::Library(library()),
        };
        let Some(index) = c.frameworks.iter().position(|f| f.id == arg) else {
            let hint = match lfw_model::did_you_mean(arg, c.frameworks.iter().map(|f| f.id.as_str())) {
                Some(id) => format!("did you mean the bundled framework `{id}`?"),
                None => "`lfw list` shows the bundled frameworks.".to_string(),
            };
            return Err(usage_error(&format!(
                "there is no file `{arg}` and no bundled framework with that id; {hint}"
            )));
        };
        (c, Some(index))
    };
    // Errors stop the command; warnings are shown and it goes on.
    print_diagnostics(&c);
    if c.has_errors() {
        return Err(ExitCode::from(1));
    }
    match index {
        Some(index) => Ok((c, index)),
        None => {
            errln!("error: `{arg}` declares no framework (it has no `framework` line)");
            Err(ExitCode::from(1))
        }
    }
}

fn export(to: ExportFormat, graph: Option<crate::graph::GraphKind>, successor: Option<&str>, arg: &str, root: Option<&Path>) -> ExitCode {
    if successor.is_some() && to != ExportFormat::Case {
        return usage_error("`--successor` goes with `--to case`");
    }
    let syntax = match to {
        ExportFormat::Dot => crate::graph::Syntax::Dot,
        ExportFormat::Mermaid => crate::graph::Syntax::Mermaid,
        _ if graph.is_some() => return usage_error("`--graph` goes with `--to dot` or `--to mermaid`"),
        ExportFormat::Case => return crate::case::export(arg, successor, root),
        ExportFormat::Json => return export_json(arg, root),
    };
    match framework_arg(arg, root, Bundled::Alone) {
        Ok((c, index)) => {
            let kind = graph.unwrap_or(crate::graph::GraphKind::Roles);
            crate::output::raw(&crate::graph::render(&c.frameworks[index], kind, syntax));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn export_json(arg: &str, root: Option<&Path>) -> ExitCode {
    match framework_arg(arg, root, Bundled::Alone) {
        Ok((c, index)) => {
            print_json(&lfw_model::export::framework(&c.frameworks[index]));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// Element counts of a framework, as `lfw list` shows them.
fn counts(fw: &Framework) -> serde_json::Value {
    let mut by_kind = serde_json::Map::new();
    for c in &fw.competencies {
        let n = by_kind.entry(c.kind.keyword()).or_insert(json!(0));
        *n = json!(n.as_u64().unwrap_or(0) + 1);
    }
    json!({
        "domains": fw.domains.len(),
        "competencies": fw.competencies.len(),
        "by_kind": by_kind,
        "scales": fw.scales.len(),
        "levels": fw.scales.iter().map(|s| s.levels.len()).sum::<usize>(),
        "roles": fw.roles.len(),
        "credentials": fw.credentials.len(),
    })
}

fn list(format: Format) -> ExitCode {
    let c = library();
    if c.has_errors() {
        print_diagnostics(c);
        return ExitCode::from(1);
    }
    let rows: Vec<serde_json::Value> = c
        .frameworks
        .iter()
        .map(|f| {
            json!({
                "id": f.id,
                "title": f.title,
                "version": f.version,
                "sector": f.sector,
                "file": c.sources.get(f.loc.file).path.display().to_string(),
                "counts": counts(f),
            })
        })
        .collect();
    match format {
        Format::Json => print_json(
            &json!({"format": 1, "frameworks": rows, "crosswalks": c.crosswalks.iter().map(|x| json!({
            "id": x.id, "title": x.title, "from": x.from, "to": x.to, "mappings": x.mappings.len(),
        })).collect::<Vec<_>>()}),
        ),
        Format::Text => {
            outln!(
                "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  title",
                "id",
                "sector",
                "domains",
                "competencies",
                "levels",
                "roles",
                "credentials"
            );
            for (f, row) in c.frameworks.iter().zip(&rows) {
                let n = |key: &str| row["counts"][key].as_u64().unwrap_or(0);
                let version = f.version.as_deref().map(|v| format!(" ({v})")).unwrap_or_default();
                outln!(
                    "{:<26} {:<18} {:>7} {:>12} {:>6} {:>5} {:>11}  {}{version}",
                    f.id,
                    f.sector.as_deref().unwrap_or("-"),
                    n("domains"),
                    n("competencies"),
                    n("levels"),
                    n("roles"),
                    n("credentials"),
                    f.title,
                );
            }
            for x in &c.crosswalks {
                outln!(
                    "crosswalk {:<16} {} → {}: {} mappings  {}",
                    x.id,
                    x.from,
                    x.to,
                    x.mappings.len(),
                    x.title
                );
            }
        }
    }
    ExitCode::SUCCESS
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
pub(crate) const MAX_THREADS: usize = 256;

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

pub(crate) fn question(as_of: Option<&str>, evidence: Option<&str>, valid_for: Option<&str>) -> Result<lfw_assess::Question, String> {
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

/// Prints diagnostics about inputs other than `.lfw` files (profiles),
/// pointing into `sources` where they can.
pub(crate) fn print_plain(diagnostics: &[lfw_assess::ProfileDiagnostic], sources: &lfw_model::Sources) {
    let colour = render::use_colour();
    for d in diagnostics {
        crate::output::err(&render::diagnostic(d, sources, colour));
    }
}

/// A framework argument and a role of it, as `ready` and `cohort` take them.
fn framework_and_role(framework: &str, role: &str, root: Option<&Path>) -> Result<(Loaded, usize, lfw_model::RoleId), ExitCode> {
    let (c, index) = framework_arg(framework, root, Bundled::Alone)?;
    let target = role_arg(&c.frameworks[index], role)?;
    Ok((c, index, target))
}

/// A role of a framework by id, or a usage error with a suggestion.
pub(crate) fn role_arg(fw: &Framework, role: &str) -> Result<lfw_model::RoleId, ExitCode> {
    fw.role(role).ok_or_else(|| {
        let hint = match lfw_model::did_you_mean(role, fw.roles.iter().map(|r| r.id.as_str())) {
            Some(r) => format!("did you mean `{r}`?"),
            None => format!(
                "its roles are {}.",
                fw.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        };
        usage_error(&format!("`{}` has no role `{role}`; {hint}", fw.id))
    })
}

fn ready(
    framework: &str,
    role: &str,
    profile: &Path,
    person: Option<&str>,
    judging: &Judging,
    format: ReportFormat,
    root: Option<&Path>,
) -> ExitCode {
    let q = match judging.question() {
        Ok(q) => q,
        Err(message) => return usage_error(&message),
    };
    let (c, index, target) = match framework_and_role(framework, role, root) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    let person = match person_arg(fw, profile, person) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let judged = lfw_assess::readiness(fw, &person, target, &q);
    let r = crate::words::readiness(fw, &judged);
    match format {
        ReportFormat::Json => print_json(&serde_json::to_value(&r).expect("readiness serialises")),
        ReportFormat::Text => crate::output::print(&crate::ready::text(&r)),
        ReportFormat::Markdown => crate::output::print(&crate::ready::markdown(&r)),
        ReportFormat::Html => {
            // The route from where the person is, for its picture.
            let routes = (person.role != target)
                .then(|| lfw_assess::route::routes(fw, person.role, target, false, Some(&person), &q))
                .filter(|found| !found.routes.is_empty())
                .map(|found| crate::words::routes(fw, &found));
            crate::output::raw(&crate::html::ready(fw, &judged, &r, routes.as_ref()));
        }
    }
    ExitCode::SUCCESS
}

/// A profile file opened for reading, with its format told by its name:
/// `.csv` is long CSV, `.jsonl` JSON Lines, anything else one JSON profile.
pub(crate) fn profile_input(path: &Path) -> Result<lfw_assess::read::Input<'static>, Vec<lfw_assess::ProfileDiagnostic>> {
    use lfw_assess::read::{Input, ProfileFormat};
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        vec![lfw_assess::profile::unreadable(
            &name,
            None,
            lfw_assess::problem::Unreadable::Io(e.to_string()),
        )]
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => ProfileFormat::Csv,
        Some("jsonl") => ProfileFormat::JsonLines,
        _ => ProfileFormat::Json,
    };
    Ok(Input {
        name,
        format,
        reader: Box::new(file),
        len,
    })
}

/// The one profile of a file (or the one named by `person`).
fn read_profile(
    path: &Path,
    person: Option<&str>,
    sources: &mut lfw_model::Sources,
) -> Result<(lfw_assess::ProfileInput, lfw_assess::profile::Origin), Vec<lfw_assess::ProfileDiagnostic>> {
    lfw_assess::read::read_one(profile_input(path)?, person, sources)
}

/// A profile file bound to a framework, or the exit code (diagnostics printed).
fn person_arg(fw: &Framework, profile: &Path, person: Option<&str>) -> Result<lfw_assess::Person, ExitCode> {
    let mut sources = lfw_model::Sources::default();
    read_profile(profile, person, &mut sources)
        .and_then(|(input, origin)| lfw_assess::bind(&input, fw, &origin, Some(&sources)))
        .map_err(|problems| {
            print_plain(&problems, &sources);
            ExitCode::from(1)
        })
}

#[allow(clippy::too_many_arguments)]
fn path(
    framework: &str,
    from: Option<&str>,
    to: &str,
    all: bool,
    profile: Option<&Path>,
    person: Option<&str>,
    as_of: Option<&str>,
    format: PageFormat,
    root: Option<&Path>,
) -> ExitCode {
    let q = match question(as_of, None, None) {
        Ok(q) => q,
        Err(message) => return usage_error(&message),
    };
    let (c, index) = match framework_arg(framework, root, Bundled::Alone) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    let person = match profile.map(|p| person_arg(fw, p, person)).transpose() {
        Ok(p) => p,
        Err(code) => return code,
    };
    let from = match (from, &person) {
        (Some(from), _) => role_arg(fw, from),
        (None, Some(p)) => Ok(p.role),
        (None, None) => {
            return usage_error("say where the route starts with `--from <role>`, or give a profile to start at the person's current role")
        }
    };
    let (from, to) = match (from, role_arg(fw, to)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let found = lfw_assess::route::routes(fw, from, to, all, person.as_ref(), &q);
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
    let routes = crate::words::routes(fw, &found);
    match format {
        PageFormat::Json => print_json(&serde_json::to_value(&routes).expect("routes serialise")),
        PageFormat::Text => crate::output::print(&crate::ready::routes_text(&routes)),
        PageFormat::Html => crate::output::raw(&crate::html::routes(&routes)),
    }
    if routes.routes.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints per-person rows as they come and problems as they are found.
struct CohortSink<'f> {
    fw: &'f Framework,
    role: lfw_model::RoleId,
    per_person: bool,
    format: ReportFormat,
    rows: usize,
    problems: usize,
    colour: bool,
}

impl lfw_assess::cohort::Sink for CohortSink<'_> {
    fn person(&mut self, row: &lfw_assess::cohort::PersonRow) {
        if !self.per_person {
            return;
        }
        let row = &crate::words::person_row(self.fw, self.role, row);
        match self.format {
            // A page is written whole at the end; `cohort` refuses
            // `--per-person` with it.
            ReportFormat::Html => {}
            ReportFormat::Json => {
                let sep = if self.rows == 0 { "" } else { "," };
                jsonln!("{sep}{}", serde_json::to_string(row).expect("rows serialise"));
            }
            ReportFormat::Markdown => {
                if self.rows == 0 {
                    outln!("| Person | Ready | Score | Missing |\n|---|---|---|---|");
                }
                outln!(
                    "| {} | {} | {:.1} | {} |",
                    crate::escape::markdown_cell(&row.person),
                    if row.ready { "yes" } else { "no" },
                    row.score,
                    crate::escape::markdown_cell(&row.missing.join("; "))
                );
            }
            ReportFormat::Text => {
                let verdict = if row.ready {
                    "ready".to_string()
                } else {
                    format!("missing {}: {}", row.missing.len(), row.missing.join("; "))
                };
                outln!("{:<20} {:>5.1}  {verdict}", row.person, row.score);
            }
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
        crate::output::err(&render::diagnostic(d, &lfw_model::Sources::default(), self.colour));
    }
}

#[allow(clippy::too_many_arguments)]
fn cohort(
    framework: &str,
    role: &str,
    profiles: &Path,
    per_person: bool,
    strict: bool,
    judging: &Judging,
    threads: Option<u16>,
    format: ReportFormat,
    root: Option<&Path>,
) -> ExitCode {
    let question = match judging.question() {
        Ok(q) => q,
        Err(message) => return usage_error(&message),
    };
    let (c, index, target) = match framework_and_role(framework, role, root) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    if !profiles.exists() {
        return usage_error(&format!("there is no file `{}`", profiles.display()));
    }
    if !profiles.extension().is_some_and(|e| e == "csv" || e == "jsonl") {
        return usage_error(&format!(
            "`{}` is neither .jsonl nor .csv; a cohort is one profile per line (JSON Lines) or long CSV",
            profiles.display()
        ));
    }
    if per_person && format == ReportFormat::Html {
        return usage_error("`--per-person` lists people one per line, which a page does not; use it with --format text, json or markdown");
    }
    // A large CSV file is split into parts holding people's HR rows: they
    // go in a private directory that is removed however the run ends.
    if let Err(e) = crate::cleanup::remove_on_signals() {
        errln!("error: cannot watch for signals to clean up after: {e}");
        return ExitCode::from(1);
    }
    let scratch = match crate::cleanup::TempDir::new("lfw-cohort-") {
        Ok(dir) => dir,
        Err(e) => {
            // The error names the path it tried.
            errln!("error: cannot create a temporary directory: {e}");
            return ExitCode::from(1);
        }
    };
    let opts = lfw_assess::cohort::Options {
        question,
        strict,
        threads: threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS),
            usize::from,
        ),
        scratch: scratch.path().to_path_buf(),
    };
    let mut sink = CohortSink {
        fw,
        role: target,
        per_person,
        format,
        rows: 0,
        problems: 0,
        colour: render::use_colour(),
    };
    if per_person && format == ReportFormat::Json {
        jsonln!("{{\"people\": [");
    }
    let input = match profile_input(profiles) {
        Ok(input) => input,
        Err(problems) => {
            print_plain(&problems, &lfw_model::Sources::default());
            return ExitCode::from(1);
        }
    };
    let result = lfw_assess::cohort::run(fw, target, input, &opts, &mut sink);
    let summary = match result {
        Ok(s) => crate::words::summary(fw, target, &s),
        Err(stop) => {
            if per_person && format == ReportFormat::Json {
                // Keep standard output one JSON document.
                match &stop {
                    lfw_assess::cohort::Stop::Strict => jsonln!("], \"stopped\": \"strict\"}}"),
                    lfw_assess::cohort::Stop::NotACohort(_) => jsonln!("], \"stopped\": \"not-a-cohort\"}}"),
                    _ => {}
                }
            }
            return cohort_stop(stop, profiles, scratch.path());
        }
    };
    match format {
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&summary).expect("summaries serialise");
            if per_person {
                jsonln!("], \"summary\": {json}}}");
            } else {
                jsonln!("{json}");
            }
        }
        ReportFormat::Text => crate::output::print(&crate::ready::cohort_text(&summary, fw)),
        ReportFormat::Markdown => crate::output::print(&crate::ready::cohort_markdown(&summary, fw)),
        ReportFormat::Html => crate::output::raw(&crate::html::cohort(fw, &summary)),
    }
    if sink.problems > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Says why a cohort run stopped, and gives the exit code.
pub(crate) fn cohort_stop(stop: lfw_assess::cohort::Stop, profiles: &Path, scratch: &Path) -> ExitCode {
    use lfw_assess::cohort::{IoStep, NotACohort, Stop};
    let shown = profiles.display();
    match stop {
        Stop::Strict => errln!("error: stopped at the first invalid profile (--strict)"),
        Stop::Stopped => return ExitCode::SUCCESS,
        Stop::NotACohort(why) => {
            let why = match why {
                NotACohort::NoPersonColumn => "its header has no `person` column, which says whose each row is (docs/profiles.md)",
                NotACohort::NoRecordColumn => "its header has no `record` column, which says what each row records (docs/profiles.md)",
                NotACohort::NoProfiles => "it holds no profile",
                NotACohort::OneProfile => "it is one JSON profile; a cohort is one profile per line (JSON Lines) or long CSV",
            };
            errln!("error: `{shown}` is not a cohort: {why}");
        }
        Stop::Io(step, e) => match step {
            IoStep::ReadInput => errln!("error: cannot read `{shown}`: {e}"),
            IoStep::WriteParts => errln!("error: cannot write the parts of `{shown}` in `{}`: {e}", scratch.display()),
            IoStep::ReadPart => errln!("error: cannot read back a part of `{shown}` from `{}`: {e}", scratch.display()),
        },
    }
    ExitCode::from(1)
}

fn diff(old: &str, new: &str, crosswalk_args: &[String], format: ReportFormat, root: Option<&Path>) -> ExitCode {
    let (a, ia) = match framework_arg(old, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return if code == ExitCode::from(1) { ExitCode::from(2) } else { code },
    };
    let (b, ib) = match framework_arg(new, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return if code == ExitCode::from(1) { ExitCode::from(2) } else { code },
    };
    let compilations = [a, b];
    let crosswalks = match crosswalks_arg(&compilations, crosswalk_args, root) {
        Ok(x) => x,
        Err(code) => return if code == ExitCode::from(1) { ExitCode::from(2) } else { code },
    };
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    let d = lfw_diff::diff_through(&compilations[0].frameworks[ia], &compilations[1].frameworks[ib], &refs);
    match format {
        ReportFormat::Json => print_json(&crate::compare::diff_json(&d)),
        ReportFormat::Text => crate::output::print(&crate::compare::diff_text(&d)),
        ReportFormat::Markdown => crate::output::print(&crate::compare::diff_markdown(&d)),
        ReportFormat::Html => crate::output::raw(&crate::html::diff(&d)),
    }
    if d.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn compare(names: &[String], crosswalk_args: &[String], format: PageFormat, root: Option<&Path>) -> ExitCode {
    let mut compilations = Vec::new();
    let mut chosen = Vec::new();
    for name in names {
        match framework_arg(name, root, Bundled::WithLibrary) {
            Ok((c, i)) => {
                chosen.push((compilations.len(), i));
                compilations.push(c);
            }
            Err(code) => return code,
        }
    }
    let crosswalks = match crosswalks_arg(&compilations, crosswalk_args, root) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let frameworks: Vec<&Framework> = chosen.iter().map(|&(c, i)| &compilations[c].frameworks[i]).collect();
    let mut ids = std::collections::HashSet::new();
    if let Some(twice) = frameworks.iter().find(|f| !ids.insert(f.id.as_str())) {
        return usage_error(&format!("`{}` is named twice; compare different frameworks", twice.id));
    }
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    if frameworks.len() == 2 {
        let comparison = lfw_diff::compare(frameworks[0], frameworks[1], &refs);
        match format {
            PageFormat::Json => print_json(&crate::compare::compare_json(&comparison)),
            PageFormat::Text => crate::output::print(&crate::compare::compare_text(&comparison)),
            PageFormat::Html => crate::output::raw(&crate::html::comparison(&comparison)),
        }
    } else {
        let core = lfw_diff::compare::shared_core(&frameworks, &refs);
        match format {
            PageFormat::Json => print_json(&serde_json::to_value(&core).expect("shared cores serialise")),
            PageFormat::Text => crate::output::print(&crate::compare::shared_text(&core)),
            PageFormat::Html => crate::output::raw(&crate::html::shared(&core)),
        }
    }
    ExitCode::SUCCESS
}

/// The crosswalks named on the command line (ids or files), else every one
/// loaded with the frameworks; each once.
fn crosswalks_arg(compilations: &[Loaded], args: &[String], root: Option<&Path>) -> Result<Vec<lfw_model::Crosswalk>, ExitCode> {
    let mut crosswalks: Vec<lfw_model::Crosswalk> = Vec::new();
    if args.is_empty() {
        for c in compilations {
            crosswalks.extend(c.crosswalks.iter().cloned());
        }
    } else {
        let library = library();
        for arg in args {
            if Path::new(arg).exists() {
                let c = compile_files(&[PathBuf::from(arg)], root)?;
                print_diagnostics(&c);
                if c.has_errors() {
                    return Err(ExitCode::from(1));
                }
                crosswalks.extend(c.crosswalks.iter().cloned());
                continue;
            }
            let all = || compilations.iter().map(|c| &**c).chain([library]).flat_map(|c| c.crosswalks.iter());
            match all().find(|x| x.id == *arg) {
                Some(x) => crosswalks.push(x.clone()),
                None => {
                    let hint = lfw_model::did_you_mean(arg, all().map(|x| x.id.as_str()))
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    return Err(usage_error(&format!(
                        "there is no file `{arg}` and no crosswalk with that id{hint}"
                    )));
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    crosswalks.retain(|x| seen.insert(x.id.clone()));
    Ok(crosswalks)
}

#[allow(clippy::too_many_arguments)]
fn translate(
    to: &str,
    from: Option<&str>,
    crosswalk_args: &[String],
    role: Option<&str>,
    profile: &Path,
    person: Option<&str>,
    format: Format,
    root: Option<&Path>,
) -> ExitCode {
    let mut sources = lfw_model::Sources::default();
    let (input, origin) = match read_profile(profile, person, &mut sources) {
        Ok(found) => found,
        Err(problems) => {
            print_plain(&problems, &sources);
            return ExitCode::from(1);
        }
    };
    let from_arg = from;
    let Some(from) = from.map(str::to_string).or_else(|| input.framework.clone()) else {
        return usage_error("the profile names no framework; say which with `--from`");
    };
    let (a, ia) = match framework_arg(&from, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let (b, ib) = match framework_arg(to, root, Bundled::WithLibrary) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let (fa, fb) = (&a.frameworks[ia], &b.frameworks[ib]);
    // The profile must be valid in its own framework first.
    // `--from` overrides the profile's own `framework` field.
    let mut checked = input.clone();
    if from_arg.is_some() {
        checked.framework = None;
    }
    if let Err(problems) = lfw_assess::bind(&checked, fa, &origin, Some(&sources)) {
        print_plain(&problems, &sources);
        return ExitCode::from(1);
    }
    if let Some(r) = role {
        if let Err(code) = role_arg(fb, r) {
            return code;
        }
    }
    let compilations = [a, b];
    let crosswalks = match crosswalks_arg(&compilations, crosswalk_args, root) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let (fa, fb) = (&compilations[0].frameworks[ia], &compilations[1].frameworks[ib]);
    let refs: Vec<&lfw_model::Crosswalk> = crosswalks.iter().collect();
    let t = lfw_assess::translate(&input, fa, fb, &refs, role);
    match format {
        Format::Json => print_json(&crate::compare::translation_json(&t)),
        Format::Text => crate::output::print(&crate::compare::translation_text(&t)),
    }
    ExitCode::SUCCESS
}
