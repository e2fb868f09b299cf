//! The wording of every compiler diagnostic, in one place.
//!
//! The passes describe what they found as a [`Problem`] and nothing more;
//! [`diagnostic`] words it: the message, the help line and the label of
//! every place. Nothing else in the crate writes English for a diagnostic.
//! Codes are stable and documented in docs/diagnostics.md; messages are one
//! sentence a framework designer understands; the help line says what to do
//! about it.

use crate::diagnostic::{Diagnostic, Wording};
use crate::problem::{Counted, LevelOf, Problem, ReadFailure, Scope, Wanted, MAX_LISTED};
use crate::source::Loc;
use lfw_syntax::ast::ItemKind;
use lfw_syntax::suggest::did_you_mean;
use lfw_syntax::{Expected, Found, Suggestion, SyntaxError, SyntaxErrorKind};
use std::path::Path;

pub fn item_word(kind: ItemKind) -> &'static str {
    lfw_syntax::vocab::item_word(kind)
}

/// How each item is written, for the help line of a syntax error.
fn item_shape(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Framework => "a framework is written `framework <id> \"Title\"`, then lines starting `version`, `owner`, `sector`, `source`, `extends`, `default scale`, `evidence`, `description` or `note`",
        ItemKind::Import => "an import is written `import \"path/to/file.lfw\"`",
        ItemKind::Scale => "a scale is written `scale <id> \"Title\"`, then `levels lowest < … < highest`, and a title for any level as `level <level> \"Title\"`",
        ItemKind::Domain => "a domain is written `domain <id> \"Title\"`, then an optional `description \"…\"`",
        ItemKind::Competency(_) => "a competency is written `competency <id> \"Title\"` (or `behaviour`, `quality`, `value`, `skill`), then lines starting `description`, `rated on`, `indicator`, `negative indicator`, `at <level> \"…\"`, `needs <id> at <level>` or `note`",
        ItemKind::Credential => "a credential is written `credential <id> \"Title\"`, then lines starting `kind`, `requires`, `description` or `note`",
        ItemKind::Role => "a role is written `role <id> \"Title\"`, then lines starting `entry`, `after <role> for <time>`, `requires`, `desirable`, `description` or `note`",
        ItemKind::Crosswalk => "a crosswalk is written `crosswalk <id> \"Title\"`, then `from <framework> to <framework>` and lines starting `map`, `level` or `note`",
    }
}

fn expected_word(e: &Expected) -> String {
    match e {
        Expected::Keyword(k) => format!("`{k}`"),
        Expected::Symbol(s) => format!("`{s}`"),
        Expected::Name => "a name".to_string(),
        Expected::Text => "a quoted text".to_string(),
        Expected::Number => "a number".to_string(),
        Expected::EndOfItem => "a new item".to_string(),
    }
}

fn found_word(f: &Found) -> String {
    match f {
        Found::Word(w) => format!("`{w}`"),
        Found::Char(c) => format!("`{c}`"),
        Found::EndOfItem => "the end of the item".to_string(),
    }
}

fn list_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// `help`, then the corrected line when the error has a fix.
fn with_fixed(help: &str, e: &SyntaxError) -> String {
    match &e.fixed {
        Some(line) => format!("{help}: `{line}`"),
        None => format!("{help}."),
    }
}

pub fn syntax(file: crate::source::FileId, e: &SyntaxError) -> Diagnostic {
    let loc = Loc::new(file, e.span);
    // Each arm words the same payload: the error as the parser gave it.
    let problem = Problem::Syntax { file, error: e.clone() };
    let wording = match &e.kind {
        SyntaxErrorKind::Unexpected { item, expected, found } => {
            let words: Vec<String> = expected.iter().map(expected_word).collect();
            let within = item.map(|k| format!(" in this {}", item_word(k))).unwrap_or_default();
            let message = match found {
                Found::EndOfItem => format!("This {} stops before it is complete.", item.map(item_word).unwrap_or("item")),
                _ => format!("I did not expect {}{within}.", found_word(found)),
            };
            let keywords = expected.iter().filter_map(|e| match e {
                Expected::Keyword(k) => Some(*k),
                _ => None,
            });
            let suggestion = match found {
                Found::Word(w) => did_you_mean(w, keywords),
                _ => None,
            };
            let help = match (suggestion, item) {
                (Some(k), _) => format!("did you mean `{k}`?"),
                (None, Some(kind)) => format!("{}.", item_shape(*kind)),
                (None, None) => "each item starts on a new line with its keyword.".to_string(),
            };
            let label = if words.is_empty() { "not expected here".to_string() } else { format!("expected {}", list_or(&words)) };
            Wording::new(message).at(loc, label).help(help)
        }
        SyntaxErrorKind::Stray { found } => Wording::new(format!("{} does not start an item.", capitalise(&found_word(found))))
            .at(loc, "not part of any item")
            .help("every item starts on a new line with one of `framework`, `import`, `scale`, `domain`, `competency`, `behaviour`, `quality`, `value`, `skill`, `credential`, `role` or `crosswalk`; comments start with `//`.")
            ,
        SyntaxErrorKind::UnterminatedText => Wording::new("This text has no closing quote on its line.")
            .at(loc, "text starts here")
            .help("close it with `\"` on the same line; for longer text write several quoted pieces one after another, one per line.")
            ,
        SyntaxErrorKind::DuplicateProperty { property, first } => Wording::new(format!("`{property}` is given twice here; it may be given once."))
            .at(loc, "given again here")
            .also(Loc::new(file, *first), "first given here")
            .help("keep one of the two.")
            ,
        SyntaxErrorKind::NumberTooLarge => Wording::new("This number is too large to mean anything here.")
            .at(loc, "too large")
            .help(format!("numbers of years, months and competencies stay below {}.", lfw_syntax::MAX_NUMBER))
            ,
        SyntaxErrorKind::LineTooLong { limit } => Wording::new(format!(
            "This line is longer than {} KiB, the most a line may be, so it is not read.",
            limit >> 10
        ))
        .at(loc, "the line starting here")
        .help("a line, with the lines that continue it, stays under the limit: shorten the text, or split a long list of requirements over several lines.")
        ,
        SyntaxErrorKind::LoneCarriageReturn => Wording::new("This line ends with a carriage return alone (the old Mac way), which is not a line break here, so the file is not read.")
            .at(loc, "carriage return without a line feed")
            .help("save the file with LF (or CR LF) line endings; most editors offer it under “Line endings” or “EOL conversion”.")
            ,
        SyntaxErrorKind::UnknownProperty { item, word, suggestion } => {
            let message = format!("`{word}` does not start a line of a {}.", item_word(*item));
            let d = Wording::new(message).at(loc, "not a keyword here");
            match (suggestion, &e.fixed) {
                (Some(Suggestion::Property(_)), Some(line)) => d.help(format!("did you mean `{line}`?")),
                (Some(Suggestion::Property(k)), None) => d.help(format!("did you mean `{k}`?")),
                (Some(Suggestion::Item(k)), _) => d.help(format!("did you mean `{k}`, which starts a new item?")),
                (None, _) => d.help(format!("{}.", item_shape(*item))),
            }
        }
        SyntaxErrorKind::UnquotedTitle { item } => Wording::new(format!("The title of this {} must be in double quotes.", item_word(*item)))
            .at(loc, "title without quotes")
            .help(with_fixed("put it in quotes", e)),
        SyntaxErrorKind::MissingId { item } => {
            let d = Wording::new(format!("This {} has a title but no id before it.", item_word(*item))).at(loc, "title without an id");
            if e.fix.is_empty() {
                d.help(format!("give it an id, a short name without quotes, before the title; {}.", item_shape(*item)))
            } else {
                d.help(with_fixed("give it an id, a short name without quotes, before the title", e))
            }
        }
        SyntaxErrorKind::LevelsNotSeparated { found } => {
            let (message, label) = match found {
                Found::Char('"') => ("Level names are written without quotes.".to_string(), "a quoted level"),
                other => (format!("Levels are separated by `<`, not by {}.", found_word(other)), "expected `<`"),
            };
            Wording::new(message)
                .at(loc, label)
                .help(with_fixed("levels are written lowest first, separated by `<`", e))
        }
        SyntaxErrorKind::MissingFor => Wording::new("The time in the earlier role is written after `for`.")
            .at(loc, "`for` is missing before this")
            .help(with_fixed("write", e)),
        SyntaxErrorKind::UnknownUnit { unit } => {
            let d = Wording::new(format!("`{unit}` is not a unit of time.")).at(loc, "unknown unit");
            let units = "lengths of time are written in `years` (or `year`, `y`) or `months` (or `month`, `m`), e.g. `2 years` or `18 months`";
            if e.fix.is_empty() {
                d.help(format!("{units}."))
            } else {
                d.help(format!("{units}; {}", with_fixed("write", e)))
            }
        }
        SyntaxErrorKind::TitleForName => {
            let d = Wording::new("A role is named here by its id, not by its title.").at(loc, "expected one name");
            if e.fix.is_empty() {
                d.help("write the role's id, the short name after `role` where it is declared.")
            } else {
                d.help(with_fixed("write the role's id, the short name after `role` where it is declared", e))
            }
        }
        SyntaxErrorKind::TextForName => {
            let d = Wording::new("A name is written without quotes here.").at(loc, "expected a name, not a text");
            if e.fix.is_empty() {
                d.help("write the id of the element (a short name such as `crew-manager`), not its title.")
            } else {
                d.help(with_fixed("write", e))
            }
        }
    };
    // The parser's own fix, where it has one, as data an editor can apply.
    e.fix.iter().fold(wording.about(problem), |d, edit| {
        d.fix(Loc::new(file, edit.span), edit.text.clone())
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The diagnostic of a compiler problem: its words, its places and, where
/// the problem implies one, a fix. Everything the words say comes from the
/// payload, so the same problem is always worded the same way.
pub fn diagnostic(problem: Problem) -> Diagnostic {
    let wording = match &problem {
        Problem::Syntax { file, error } => return syntax(*file, error),
        Problem::Unreadable { path, why, from } => unreadable(path, why, *from),
        Problem::InvalidUtf8 { path, offset, from } => invalid_utf8(path, *offset, *from),
        Problem::AbsoluteImport { path, at } => absolute_import(path, *at),
        Problem::OutsideRoot { path, root, from } => outside_root(path, root, *from),
        Problem::NotLfw { path, from } => not_lfw(path, *from),
        Problem::NotAFile { path, from } => not_a_file(path, *from),
        Problem::TooLarge { path, limit, from } => too_large(path, *limit, *from),
        Problem::ImportCycle { chain } => import_cycle(chain),
        Problem::ImportTooDeep { path, limit, at } => import_too_deep(path, *limit, *at),
        Problem::TooManyFiles { path, limit, from } => too_many_files(path, *limit, *from),
        Problem::ExtendsTooDeep { framework, limit, at } => extends_too_deep(framework, *limit, *at),
        Problem::TooManyElements {
            framework,
            counted,
            count,
            limit,
            at,
        } => too_many_elements(framework, *counted, *count, *limit, *at),
        Problem::SecondFramework { at, first } => second_framework(*at, *first),
        Problem::NoFramework { item, at } => no_framework(*item, *at),
        Problem::DuplicateId {
            scope,
            id,
            at,
            first,
            suggestion,
        } => duplicate_id(*scope, id, *at, *first, suggestion.as_deref()),
        Problem::UnknownReference {
            name,
            wanted,
            suggestion,
            at,
        } => unknown_reference(name, wanted, suggestion.as_deref(), *at),
        Problem::WrongKind {
            name,
            is,
            wanted,
            at,
            declared,
        } => wrong_kind(name, *is, wanted, *at, *declared),
        Problem::UnknownLevel {
            level,
            competency,
            scale,
            levels,
            level_count,
            suggestion,
            at,
        } => unknown_level(level, competency, scale, levels, *level_count, suggestion.as_deref(), *at),
        Problem::LevelAboveScale { level, scale, top, at } => level_above_scale(level, scale, top, *at),
        Problem::NoScale { competency, at, declared } => no_scale(competency, *at, *declared),
        Problem::MissingLevel { competency, at } => missing_level(competency, *at),
        Problem::OverrideKind {
            name,
            own,
            inherited,
            at,
            base,
        } => override_kind(name, *own, *inherited, *at, *base),
        Problem::ExtendsCycle { chain } => extends_cycle(chain),
        Problem::ProgressionCycle { chain } => progression_cycle(chain),
        Problem::PrerequisiteCycle { levels, at } => prerequisite_cycle(levels, at),
        Problem::CredentialCycle { chain } => credential_cycle(chain),
        Problem::SplitLadder { starts, count, at } => split_ladder(starts, *count, *at),
        Problem::UnreachableRole {
            role,
            entries,
            entry_count,
            at,
        } => unreachable_role(role, entries, *entry_count, *at),
        Problem::UnmeetableCount { count, of, at } => unmeetable_count(*count, *of, *at),
        Problem::CredentialNeedsRole {
            role,
            credential,
            at,
            condition,
        } => credential_needs_role(role, credential, *at, *condition),
        Problem::Regression {
            competency,
            level,
            role,
            earlier_level,
            earlier_role,
            at,
            earlier,
        } => regression(competency, level, role, earlier_level, earlier_role, *at, *earlier),
        Problem::EmptyScale { scale, at } => empty_scale(scale, *at),
        Problem::UnlistedLevel {
            level,
            scale,
            levels,
            level_count,
            suggestion,
            at,
        } => unlisted_level(level, scale, levels, *level_count, suggestion.as_deref(), *at),
        Problem::DuplicateLevelTitle { level, scale, at, first } => duplicate_level_title(level, scale, *at, *first),
        Problem::EmptyDomain { domain, at } => empty_domain(domain, *at),
        Problem::IncompleteCrosswalk { crosswalk, at } => incomplete_crosswalk(crosswalk, *at),
        Problem::CrosswalkLevelOrder { at, other } => crosswalk_level_order(*at, *other),
    };
    let fix = suggested_name(&problem);
    let d = wording.about(problem);
    match fix {
        Some((at, name)) => d.fix(at, name),
        None => d,
    }
}

/// A did-you-mean names the one word to write instead of the misspelt one,
/// so it doubles as an edit a tool can offer.
fn suggested_name(problem: &Problem) -> Option<(Loc, String)> {
    match problem {
        Problem::UnknownReference {
            suggestion: Some(name),
            at,
            ..
        }
        | Problem::UnknownLevel {
            suggestion: Some(name),
            at,
            ..
        }
        | Problem::UnlistedLevel {
            suggestion: Some(name),
            at,
            ..
        }
        | Problem::DuplicateId {
            suggestion: Some(name),
            at,
            ..
        } => Some((*at, name.clone())),
        _ => None,
    }
}

fn unreadable(path: &str, why: &ReadFailure, from: Option<Loc>) -> Wording {
    let reason = match why {
        ReadFailure::NotFound => "there is no such file",
        ReadFailure::PermissionDenied => "permission denied",
        ReadFailure::Other(reason) => reason.as_str(),
    };
    Wording::new(format!("The file `{path}` could not be read: {reason}."))
        .help("check the path; imports are relative to the file that imports them.")
        .path(path)
        .maybe_at(from, "imported here")
}

fn invalid_utf8(path: &str, offset: usize, from: Option<Loc>) -> Wording {
    Wording::new(format!(
        "The file `{path}` is not UTF-8 text (the first bad byte is at offset {offset})."
    ))
    .help("save the file as UTF-8; most editors offer it under “Save as” or “Encoding”.")
    .path(path)
    .maybe_at(from, "imported here")
}

fn absolute_import(path: &str, at: Loc) -> Wording {
    Wording::new(format!("The import `{path}` names an absolute path, so it is not read."))
        .help("write the path relative to the importing file, e.g. `import \"../shared/scales.lfw\"`; imports stay inside the project folder.")
        .at(at, "absolute path")
}

fn outside_root(path: &str, root: &Path, from: Option<Loc>) -> Wording {
    Wording::new(format!(
        "The file `{path}` is outside the project folder `{}`, so it is not read.",
        root.display()
    ))
    .help("imports must stay inside the project folder (the nearest folder above the checked files that holds an `lfw.toml` file); move the file into it, or name a wider folder with `--root DIR`.")
    .path(path)
    .maybe_at(from, "outside the project")
}

fn not_lfw(path: &str, from: Option<Loc>) -> Wording {
    Wording::new(format!("The file `{path}` is not a `.lfw` file, so it is not read."))
        .help("only framework files whose names end in `.lfw` can be checked or imported.")
        .path(path)
        .maybe_at(from, "not a .lfw file")
}

fn not_a_file(path: &str, from: Option<Loc>) -> Wording {
    Wording::new(format!(
        "`{path}` is not a regular file (it is a folder, a device, a pipe or a socket), so it is not read."
    ))
    .help("name a `.lfw` file; a folder can be checked with `lfw check`, which finds the `.lfw` files in it.")
    .path(path)
    .maybe_at(from, "not a regular file")
}

fn too_large(path: &str, limit: u64, from: Option<Loc>) -> Wording {
    Wording::new(format!(
        "The file `{path}` is larger than {} MiB, the most a framework file may be, so it is not read.",
        limit >> 20
    ))
    .help("split the framework into several files joined by `import`.")
    .path(path)
    .maybe_at(from, "too large")
}

/// `chain` lists each import along the cycle with the path it imports.
/// A long circle is named by its first files, and its first places labelled.
fn import_cycle(chain: &[(Loc, String)]) -> Wording {
    let names: Vec<&str> = chain.iter().map(|(_, p)| p.as_str()).collect();
    let mut path = names.iter().take(MAX_LISTED).copied().collect::<Vec<_>>().join(" → ");
    if names.len() > MAX_LISTED {
        path = format!("{path} → … ({} in all)", names.len());
    }
    if let Some(first) = names.first() {
        path = format!("{} → {path}", names.last().unwrap_or(first));
    }
    let mut w = Wording::new(format!("These files import each other in a circle: {path}."))
        .help("remove one of the imports; a file that several frameworks share should import none of them.");
    for (i, (loc, p)) in chain.iter().enumerate().take(MAX_LISTED) {
        w = if i == 0 {
            w.at(*loc, format!("imports `{p}`"))
        } else {
            w.also(*loc, format!("which imports `{p}`"))
        };
    }
    w
}

fn import_too_deep(path: &str, limit: usize, at: Loc) -> Wording {
    Wording::new(format!(
        "The file `{path}` is imported more than {limit} imports deep, so it is not read."
    ))
    .at(at, "one import too deep")
    .help("import it from a file nearer the one being checked; imports go at most this deep below the files named on the command line.")
}

fn too_many_files(path: &str, limit: usize, from: Option<Loc>) -> Wording {
    Wording::new(format!(
        "The file `{path}` is not read: one compilation reads at most {limit} files, and this would be one more."
    ))
    .help("check fewer files at a time; files that import nothing in common can be checked apart.")
    .path(path)
    .maybe_at(from, "one file too many")
}

fn extends_too_deep(framework: &str, limit: usize, at: Loc) -> Wording {
    Wording::new(format!(
        "`{framework}` is more than {limit} `extends` away from a framework that extends none, so it is not compiled."
    ))
    .at(at, "one `extends` too many")
    .help("extend a framework nearer the start of the chain; the frameworks that extend this one are not compiled either.")
}

fn too_many_elements(framework: &str, counted: Counted, count: usize, limit: usize, at: Loc) -> Wording {
    let (message, help) = match counted {
        Counted::Elements => (
            format!("`{framework}` has {count} elements, inherited ones included; a framework may have at most {limit}, so it is not compiled."),
            "split it into frameworks of their own; an extending framework counts what it inherits.",
        ),
        Counted::CompetencyLevels => (
            format!("`{framework}` has {count} competency levels (each competency at each level of its scale); a framework may have at most {limit}, so it is not compiled."),
            "rate its competencies on shorter scales, or split it into frameworks of their own.",
        ),
        Counted::RequirementMembers => (
            format!("The requirements of `{framework}` list more than {limit} competencies in all, `all in` a domain counting each of its competencies; the rest are not read."),
            "ask for a domain in fewer requirements, or split the framework.",
        ),
        Counted::Compilation => (
            format!("`{framework}` is not compiled: the frameworks compiled together with it already have {count} elements, inherited ones counted in each, and one compilation builds at most {limit}."),
            "check fewer frameworks at a time.",
        ),
    };
    Wording::new(message).at(at, "too large").help(help)
}

fn second_framework(at: Loc, first: Loc) -> Wording {
    Wording::new("A file can hold only one framework, and this is the second.")
        .at(at, "second framework")
        .also(first, "first framework of this file")
        .help("move this framework to a file of its own and `import` it where it is needed.")
}

fn no_framework(item: ItemKind, at: Loc) -> Wording {
    let word = item_word(item);
    Wording::new(format!(
        "This {word} belongs to no framework: the file has no `framework` line and no framework imports it."
    ))
    .at(at, format!("{word} outside any framework"))
    .help("start the file with `framework <id> \"Title\"`, or `import` it from the framework it belongs to.")
}

fn duplicate_id(scope: Scope, id: &str, at: Loc, first: Loc, suggestion: Option<&str>) -> Wording {
    let within = match scope {
        Scope::Framework => "framework",
        Scope::Scale => "scale",
        Scope::Compilation => "compilation",
    };
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? Its title suggests that id, which no element has."),
        None => "give one of them another id; ids must be unique so that requirements can name them.".to_string(),
    };
    Wording::new(format!("`{id}` is declared twice in this {within}."))
        .at(at, "declared again here")
        .also(first, "first declared here")
        .help(help)
}

/// What was looked for, as the message names it.
fn wanted_word(wanted: &Wanted) -> String {
    match wanted {
        Wanted::Scale => "scale".to_string(),
        Wanted::Domain => "domain".to_string(),
        Wanted::Competency => "competency".to_string(),
        Wanted::Role => "role".to_string(),
        Wanted::Requirement => "credential or role".to_string(),
        Wanted::Base | Wanted::Framework => "framework".to_string(),
        Wanted::ElementOf(framework) => format!("element of `{framework}`"),
        Wanted::LevelIn(framework) => format!("level in `{framework}`"),
    }
}

/// How to make a name exist, when no close name does.
fn declare_hint(wanted: &Wanted) -> &'static str {
    match wanted {
        Wanted::Scale => "declare it with `scale <id> \"Title\"`.",
        Wanted::Domain => "declare it with `domain <id> \"Title\"`.",
        Wanted::Competency => "declare it with `competency <id> \"Title\"` (or `behaviour`, `quality`, `value`, `skill`).",
        Wanted::Role => "declare it with `role <id> \"Title\"`.",
        Wanted::Requirement => "declare it with `credential <id> \"Title\"`, or name a role.",
        Wanted::Base => "import the file that declares it; `extends` names a framework by its id.",
        Wanted::Framework => "import the file that declares it.",
        Wanted::ElementOf(_) => "crosswalks map elements by the ids their frameworks give them.",
        Wanted::LevelIn(_) => "name a level of one of the framework's scales.",
    }
}

fn unknown_reference(name: &str, wanted: &Wanted, suggestion: Option<&str>, at: Loc) -> Wording {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => declare_hint(wanted).to_string(),
    };
    let wanted = wanted_word(wanted);
    Wording::new(format!("There is no {wanted} called `{name}`."))
        .at(at, format!("no {wanted} has this name"))
        .help(help)
}

fn wrong_kind(name: &str, is: ItemKind, wanted: &Wanted, at: Loc, declared: Loc) -> Wording {
    let (is, wanted) = (item_word(is), wanted_word(wanted));
    Wording::new(format!("`{name}` is a {is}, but a {wanted} is needed here."))
        .at(at, format!("needs a {wanted}"))
        .also(declared, format!("`{name}` is declared as a {is} here"))
        .help(format!("name a {wanted} here."))
}

fn unknown_level(
    level: &str,
    competency: &str,
    scale: &str,
    levels: &[String],
    count: usize,
    suggestion: Option<&str>,
    at: Loc,
) -> Wording {
    let levels = counted_list(levels, count);
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? The levels of `{scale}` are {levels}."),
        None => format!("the levels of `{scale}` are {levels}."),
    };
    Wording::new(format!(
        "`{level}` is not a level of the scale `{scale}` that `{competency}` is rated on."
    ))
    .at(at, "not on the scale")
    .help(help)
}

fn level_above_scale(level: &str, scale: &str, top: &str, at: Loc) -> Wording {
    Wording::new(format!(
        "Level {level} is above the top of the scale `{scale}`, so no one can ever meet this."
    ))
    .at(at, format!("the highest level is {top}"))
    .help(format!("ask for level {top} at most, or add the level to `{scale}`."))
}

fn no_scale(competency: &str, at: Loc, declared: Loc) -> Wording {
    Wording::new(format!("`{competency}` has no scale, so it cannot be asked for at a level."))
        .at(at, "a level of a competency without levels")
        .also(declared, "declared without a scale here")
        .help(format!(
            "add `rated on <scale>` to `{competency}`, or a `default scale` to the framework."
        ))
}

fn missing_level(competency: &str, at: Loc) -> Wording {
    Wording::new(format!(
        "`{competency}` is a competency, so this requirement must say at which level."
    ))
    .at(at, "which level?")
    .help(format!("write `{competency} at <level>`."))
}

fn override_kind(name: &str, own: ItemKind, inherited: ItemKind, at: Loc, base: Loc) -> Wording {
    let (own, inherited) = (item_word(own), item_word(inherited));
    Wording::new(format!(
        "`{name}` is a {inherited} in the extended framework and cannot be replaced by a {own}."
    ))
    .at(at, format!("a {own} with the same id"))
    .also(base, format!("the inherited {inherited}"))
    .help("an extending framework may replace an element only with one of the same kind; choose another id.")
}

/// `chain`: each framework along the cycle with the place of its `extends`.
fn extends_cycle(chain: &[(String, Loc)]) -> Wording {
    let names = around(chain);
    let mut w = Wording::new(format!("These frameworks extend each other in a circle: {}.", circle(&names)))
        .help("a framework cannot build on itself; remove one `extends`.");
    for (i, (name, loc)) in chain.iter().enumerate().take(MAX_LISTED) {
        let next = names[i + 1];
        w = if i == 0 {
            w.at(*loc, format!("`{name}` extends `{next}`"))
        } else {
            w.also(*loc, format!("`{name}` extends `{next}`"))
        };
    }
    w
}

/// `chain`: each role along the cycle with the `after` that leads to the next.
fn progression_cycle(chain: &[(String, Loc)]) -> Wording {
    let names = around(chain);
    let mut w = Wording::new(format!("These roles come after each other in a circle: {}.", circle(&names)))
        .help("progression must lead somewhere: remove the `after` that leads back to an earlier role.");
    for (i, (_, loc)) in chain.iter().enumerate().take(MAX_LISTED) {
        let label = format!("`{}` comes after `{}`", names[i + 1], names[i]);
        w = if i == 0 { w.at(*loc, label) } else { w.also(*loc, label) };
    }
    w
}

/// `chain`: each credential along the cycle with the `requires` that leads
/// to the next.
fn credential_cycle(chain: &[(String, Loc)]) -> Wording {
    let names = around(chain);
    let message = if chain.len() == 1 {
        format!("The credential `{}` requires itself, so no one can ever obtain it.", names[0])
    } else {
        format!(
            "These credentials require each other in a circle, so no one can ever obtain them: {}.",
            circle(&names)
        )
    };
    let mut w = Wording::new(message).help("remove the `requires` that leads back: a credential cannot have to be held before itself.");
    for (i, (_, loc)) in chain.iter().enumerate().take(MAX_LISTED) {
        let label = format!("`{}` requires `{}`", names[i], names[i + 1]);
        w = if i == 0 { w.at(*loc, label) } else { w.also(*loc, label) };
    }
    w
}

fn split_ladder(starts: &[String], count: usize, at: Loc) -> Wording {
    Wording::new(format!(
        "The roles fall into separate ladders: {} come after no role, and none is marked `entry`.",
        counted_list(starts, count)
    ))
    .at(at, "a second role that comes after none")
    .help("mark the role or roles people join at with `entry`, or add `after <role>` to the roles that belong further up a ladder.")
}

/// The names of a circle, with the first again at the end.
fn around(chain: &[(String, Loc)]) -> Vec<&str> {
    let mut names: Vec<&str> = chain.iter().map(|(n, _)| n.as_str()).collect();
    names.extend(names.first().copied());
    names
}

/// A circle in words, `a → b → a`, from its names with the first again at
/// the end. A long one is named by its first names and counted: one
/// diagnostic stays readable (and cheap to draw) whatever its size.
fn circle<S: AsRef<str>>(names: &[S]) -> String {
    let all = names.len().saturating_sub(1);
    if all <= MAX_LISTED {
        return names.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(" → ");
    }
    let first: Vec<&str> = names.iter().take(MAX_LISTED).map(AsRef::as_ref).collect();
    format!("{} → … → {} ({all} in all)", first.join(" → "), names[0].as_ref())
}

/// `levels`: the competency levels along the cycle; `locs`: the `needs`
/// lines that make it.
fn prerequisite_cycle(levels: &[LevelOf], locs: &[Loc]) -> Wording {
    let mut names: Vec<String> = levels
        .iter()
        .map(|l| match &l.level {
            Some(level) => format!("{} at {level}", l.competency),
            None => l.competency.clone(),
        })
        .collect();
    names.extend(names.first().cloned());
    let mut w = Wording::new(format!(
        "These competency levels each need the other first, so none can be developed: {}.",
        circle(&names)
    ))
    .help("remove one of these `needs` lines.");
    for (i, loc) in locs.iter().enumerate().take(MAX_LISTED) {
        w = if i == 0 {
            w.at(*loc, "part of the circle")
        } else {
            w.also(*loc, "part of the circle")
        };
    }
    w
}

fn unreachable_role(role: &str, entries: &[String], count: usize, at: Loc) -> Wording {
    let help = if entries.is_empty() {
        "mark the role people join at with `entry`.".to_string()
    } else {
        format!(
            "add `after <role>` naming the role before it; people start at {}.",
            counted_list(entries, count)
        )
    };
    Wording::new(format!(
        "No one can reach the role `{role}`: no route leads to it from a role people join at."
    ))
    .at(at, "unreachable")
    .help(help)
}

fn unmeetable_count(count: u32, of: usize, at: Loc) -> Wording {
    Wording::new(format!("This asks for {count} of a list of {of}, so no one can ever meet it."))
        .at(at, format!("only {of} listed"))
        .help(format!("ask for at most {of}, or list more competencies."))
}

fn credential_needs_role(role: &str, credential: &str, at: Loc, condition: Loc) -> Wording {
    Wording::new(format!("`{role}` requires `{credential}`, but `{credential}` can only be taken by someone who has already reached `{role}`, so no one can meet it."))
        .at(at, format!("`{role}` requires `{credential}`"))
        .also(condition, format!("`{credential}` needs `{role}` or a role after it"))
        .help(format!("the entry condition of `{credential}` should name a role before `{role}`."))
}

fn unlisted_level(level: &str, scale: &str, levels: &[String], count: usize, suggestion: Option<&str>, at: Loc) -> Wording {
    let listed = counted_list(levels, count);
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`? The levels of `{scale}` are {listed}."),
        None => format!("title one of the levels of `{scale}` ({listed}), or add `{level}` to its `levels` line."),
    };
    Wording::new(format!(
        "The scale `{scale}` gives a title to `{level}`, but its `levels` line does not list `{level}`."
    ))
    .at(at, "not a level of this scale")
    .help(help)
}

fn duplicate_level_title(level: &str, scale: &str, at: Loc, first: Loc) -> Wording {
    Wording::new(format!("The level `{level}` of the scale `{scale}` is given a title twice."))
        .at(at, "titled again here")
        .also(first, "first titled here")
        .help("keep one `level` line for each level.")
}

fn empty_scale(scale: &str, at: Loc) -> Wording {
    Wording::new(format!("The scale `{scale}` has no levels."))
        .at(at, "no `levels` line")
        .help("add `levels lowest < … < highest`.")
}

fn regression(competency: &str, level: &str, role: &str, earlier_level: &str, earlier_role: &str, at: Loc, earlier: Loc) -> Wording {
    Wording::new(format!(
        "`{role}` asks for `{competency}` at {level}, less than the {earlier_level} asked of `{earlier_role}` before it."
    ))
    .at(at, format!("{level} here"))
    .also(earlier, format!("{earlier_level} for `{earlier_role}`"))
    .help("a more senior role usually asks for at least as much; if this is intended, ignore this warning.")
}

fn empty_domain(domain: &str, at: Loc) -> Wording {
    Wording::new(format!(
        "The domain `{domain}` has no competencies, so `all in {domain}` asks for nothing."
    ))
    .at(at, "met by everyone")
    .help("write the domain's competencies under its `domain` line.")
}

fn incomplete_crosswalk(crosswalk: &str, at: Loc) -> Wording {
    Wording::new(format!(
        "The crosswalk `{crosswalk}` does not say which frameworks it maps between."
    ))
    .at(at, "no `from … to …` line")
    .help("add `from <framework> to <framework>`.")
}

fn crosswalk_level_order(at: Loc, other: Loc) -> Wording {
    Wording::new("These level correspondences cross: a higher level is mapped to a lower one.")
        .at(at, "maps a higher level lower")
        .also(other, "than this one")
        .help("level correspondences must keep the order of both scales.")
}

/// The first names of a longer list, quoted, and how many there are in
/// all: "`a`, `b`, … (30 in all)"; the whole list when it is all there.
fn counted_list(items: &[String], count: usize) -> String {
    if count <= items.len() {
        return quoted_list(items);
    }
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    format!("{}, … ({count} in all)", quoted.join(", "))
}

fn quoted_list(items: &[String]) -> String {
    list_or(&items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>()).replace(" or ", " and ")
}
