//! What commands load: frameworks and crosswalks named on the command line
//! (a `.lfw` file, confined to its project, or a bundled id), a role of
//! one, and profiles. Each loader prints what is wrong with its input and
//! returns the [`Stop`] to end the command with.

use super::{usage, Stop};
use crate::files::{lfw_files_in, Project};
use crate::render;
use lfw_model::{compile, Compilation, Framework};
use std::path::{Path, PathBuf};

/// Compiles `.lfw` files, reading only inside their project (see
/// [`Project`]); a usage error when the `--root` folder is not one.
pub fn compile_files(files: &[PathBuf], root: Option<&Path>) -> Result<Compilation, Stop> {
    let project = Project::new(root, files).map_err(Stop::Usage)?;
    Ok(compile(files, &|path: &Path| project.read(path)))
}

/// The `.lfw` files named, directories searched recursively in name order;
/// an argument that is no file but a bundled framework's id stands for the
/// bundled library.
pub fn lfw_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
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

pub fn print_diagnostics(c: &Compilation) {
    let renderer = render::diagnostic::Renderer::new(&c.sources, render::diagnostic::use_colour());
    for d in &c.diagnostics {
        crate::output::err(&renderer.text(d));
    }
}

/// What to compile with a bundled framework named by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundled {
    /// Only its own file and what that imports or extends: enough for a
    /// question about the framework alone, and what keeps `lfw ready` fast.
    Alone,
    /// The whole library, whose crosswalks `diff`, `compare` and `translate`
    /// use by default.
    WithLibrary,
}

/// The bundled library, compiled at most once in a run, however many
/// arguments name bundled frameworks or crosswalks.
pub fn library() -> &'static Compilation {
    static LIBRARY: std::sync::OnceLock<Compilation> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(lfw_library::compile)
}

/// A compilation a command works on: its own (files named, or one bundled
/// framework alone), or the whole bundled library, shared.
pub enum Loaded {
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
/// with the compilation it lives in; or the [`Stop`] to end the command
/// with (its diagnostics printed).
pub fn framework_arg(arg: &str, root: Option<&Path>, bundled: Bundled) -> Result<(Loaded, usize), Stop> {
    let path = Path::new(arg);
    if path.is_dir() {
        return Err(usage(format!(
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
            return Err(usage(format!(
                "there is no file `{arg}` and no bundled framework with that id; {hint}"
            )));
        };
        (c, Some(index))
    };
    // Errors stop the command; warnings are shown and it goes on.
    print_diagnostics(&c);
    if c.has_errors() {
        return Err(Stop::Reported);
    }
    match index {
        Some(index) => Ok((c, index)),
        None => {
            errln!("error: `{arg}` declares no framework (it has no `framework` line)");
            Err(Stop::Reported)
        }
    }
}

/// Prints diagnostics about inputs other than `.lfw` files (profiles),
/// pointing into `sources` where they can.
pub fn print_plain(diagnostics: &[lfw_assess::ProfileDiagnostic], sources: &lfw_model::Sources) {
    let renderer = render::diagnostic::Renderer::new(sources, render::diagnostic::use_colour());
    for d in diagnostics {
        crate::output::err(&renderer.text(d));
    }
}

/// A framework argument and a role of it, as `ready` and `cohort` take them.
pub fn framework_and_role(framework: &str, role: &str, root: Option<&Path>) -> Result<(Loaded, usize, lfw_model::RoleId), Stop> {
    let (c, index) = framework_arg(framework, root, Bundled::Alone)?;
    let target = role_arg(&c.frameworks[index], role)?;
    Ok((c, index, target))
}

/// A role of a framework by id, or a usage error with a suggestion.
pub fn role_arg(fw: &Framework, role: &str) -> Result<lfw_model::RoleId, Stop> {
    fw.role(role).ok_or_else(|| {
        let hint = match lfw_model::did_you_mean(role, fw.roles.iter().map(|r| r.id.as_str())) {
            Some(r) => format!("did you mean `{r}`?"),
            None => format!(
                "its roles are {}.",
                fw.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        };
        usage(format!("`{}` has no role `{role}`; {hint}", fw.id))
    })
}

/// A profile file opened for reading, with its format told by its name:
/// `.csv` is long CSV, `.jsonl` JSON Lines, anything else one JSON profile.
pub fn profile_input(path: &Path) -> Result<lfw_assess::read::Input<'static>, Vec<lfw_assess::ProfileDiagnostic>> {
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
pub fn read_profile(
    path: &Path,
    person: Option<&str>,
    sources: &mut lfw_model::Sources,
) -> Result<(lfw_assess::ProfileInput, lfw_assess::profile::Origin), Vec<lfw_assess::ProfileDiagnostic>> {
    lfw_assess::read::read_one(profile_input(path)?, person, sources)
}

/// A profile file bound to a framework, or [`Stop::Reported`] with the
/// problems printed.
pub fn person_arg(fw: &Framework, profile: &Path, person: Option<&str>) -> Result<lfw_assess::Person, Stop> {
    let mut sources = lfw_model::Sources::default();
    read_profile(profile, person, &mut sources)
        .and_then(|(input, origin)| lfw_assess::bind(&input, fw, &origin, Some(&sources)))
        .map_err(|problems| {
            print_plain(&problems, &sources);
            Stop::Reported
        })
}

/// The crosswalks named on the command line (ids or files), else every one
/// loaded with the frameworks; each once.
pub fn crosswalks_arg(compilations: &[Loaded], args: &[String], root: Option<&Path>) -> Result<Vec<lfw_model::Crosswalk>, Stop> {
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
                    return Err(Stop::Reported);
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
                    return Err(usage(format!("there is no file `{arg}` and no crosswalk with that id{hint}")));
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    crosswalks.retain(|x| seen.insert(x.id.clone()));
    Ok(crosswalks)
}
