//! The wording of every compiler diagnostic, in one place.
//!
//! Each function builds one kind of [`Diagnostic`]; its code is stable and
//! documented in docs/diagnostics.md. Messages are one sentence a framework
//! designer understands; the help line says what to do about it.

use crate::diagnostic::Diagnostic;
use crate::load::ReadError;
use crate::source::Loc;
use crate::suggest::did_you_mean;
use lfw_syntax::ast::ItemKind;
use lfw_syntax::{Edit, Expected, Found, SyntaxError, SyntaxErrorKind};

pub fn item_word(kind: ItemKind) -> &'static str {
    lfw_syntax::vocab::item_word(kind)
}

/// How each item is written, for the help line of a syntax error.
fn item_shape(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Framework => "a framework is written `framework <id> \"Title\"`, then lines starting `version`, `owner`, `sector`, `source`, `extends`, `default scale`, `evidence`, `description` or `note`",
        ItemKind::Import => "an import is written `import \"path/to/file.lfw\"`",
        ItemKind::Scale => "a scale is written `scale <id> \"Title\"`, then `levels lowest < … < highest`",
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

/// The line (or lines) of `text` that a fix touches, with the fix made,
/// trimmed: what the help line shows as the corrected line.
fn fixed_line(text: &str, fix: &[Edit]) -> Option<String> {
    let start = fix.iter().map(|e| e.span.start).min()?;
    let end = fix.iter().map(|e| e.span.end).max()?;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let fixed = lfw_syntax::error::apply(&text[line_start..line_end], line_start, fix);
    Some(without_comment(&fixed).trim().to_string())
}

/// A line without its trailing comment (a `//` outside quotes).
fn without_comment(line: &str) -> &str {
    let mut quoted = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quoted => {
                chars.next();
            }
            '"' => quoted = !quoted,
            '/' if !quoted && line[i..].starts_with("//") => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `help` followed by the corrected line, when the error has a fix.
fn with_fixed(help: &str, text: &str, e: &SyntaxError) -> String {
    match fixed_line(text, &e.fix) {
        Some(line) => format!("{help}: `{line}`"),
        None => format!("{help}."),
    }
}

/// `text` is the source the error was found in, for showing fixes.
pub fn syntax(file: crate::source::FileId, text: &str, e: &SyntaxError) -> Diagnostic {
    let loc = Loc::new(file, e.span);
    match &e.kind {
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
            Diagnostic::error("lfw::syntax", message).at(loc, label).help(help)
        }
        SyntaxErrorKind::Stray { found } => Diagnostic::error("lfw::stray-text", format!("{} does not start an item.", capitalise(&found_word(found))))
            .at(loc, "not part of any item")
            .help("every item starts on a new line with one of `framework`, `import`, `scale`, `domain`, `competency`, `behaviour`, `quality`, `value`, `skill`, `credential`, `role` or `crosswalk`; comments start with `//`."),
        SyntaxErrorKind::UnterminatedText => Diagnostic::error("lfw::unterminated-text", "This text has no closing quote on its line.")
            .at(loc, "text starts here")
            .help("close it with `\"` on the same line; for longer text write several quoted pieces one after another, one per line."),
        SyntaxErrorKind::DuplicateProperty { property, first } => Diagnostic::error("lfw::duplicate-property", format!("`{property}` is given twice here; it may be given once."))
            .at(loc, "given again here")
            .also(Loc::new(file, *first), "first given here")
            .help("keep one of the two."),
        SyntaxErrorKind::NumberTooLarge => Diagnostic::error("lfw::number-too-large", "This number is too large to mean anything here.")
            .at(loc, "too large")
            .help("numbers of years, months and competencies stay below 100000."),
        SyntaxErrorKind::UnknownProperty { item, word } => {
            let lines = lfw_syntax::vocab::property_keywords(*item);
            let items = lfw_syntax::vocab::ITEM_KEYWORDS.iter().map(|(k, _)| *k);
            let message = format!("`{word}` does not start a line of a {}.", item_word(*item));
            let d = Diagnostic::error("lfw::syntax", message).at(loc, "not a keyword here");
            match did_you_mean(word, lines.iter().copied()) {
                Some(k) => {
                    let fix = vec![Edit { span: e.span, text: k.to_string() }];
                    match fixed_line(text, &fix) {
                        Some(line) => d.help(format!("did you mean `{line}`?")),
                        None => d.help(format!("did you mean `{k}`?")),
                    }
                }
                None => match did_you_mean(word, items) {
                    Some(k) => d.help(format!("did you mean `{k}`, which starts a new item?")),
                    None => d.help(format!("{}.", item_shape(*item))),
                },
            }
        }
        SyntaxErrorKind::UnquotedTitle { item } => Diagnostic::error("lfw::syntax", format!("The title of this {} must be in double quotes.", item_word(*item)))
            .at(loc, "title without quotes")
            .help(with_fixed("put it in quotes", text, e)),
        SyntaxErrorKind::MissingId { item } => {
            let d = Diagnostic::error("lfw::syntax", format!("This {} has a title but no id before it.", item_word(*item))).at(loc, "title without an id");
            if e.fix.is_empty() {
                d.help(format!("give it an id, a short name without quotes, before the title; {}.", item_shape(*item)))
            } else {
                d.help(with_fixed("give it an id, a short name without quotes, before the title", text, e))
            }
        }
        SyntaxErrorKind::LevelsNotSeparated { found } => {
            let message = match found {
                Found::Char('"') => "Level names are written without quotes.".to_string(),
                other => format!("Levels are separated by `<`, not by {}.", found_word(other)),
            };
            Diagnostic::error("lfw::syntax", message)
                .at(loc, "expected `<`")
                .help(with_fixed("levels are written lowest first, separated by `<`", text, e))
        }
        SyntaxErrorKind::MissingFor => Diagnostic::error("lfw::syntax", "The time in the earlier role is written after `for`.")
            .at(loc, "`for` is missing before this")
            .help(with_fixed("write", text, e)),
        SyntaxErrorKind::UnknownUnit { unit } => {
            let d = Diagnostic::error("lfw::syntax", format!("`{unit}` is not a unit of time.")).at(loc, "unknown unit");
            let units = "lengths of time are written in `years` (or `year`, `y`) or `months` (or `month`, `m`), e.g. `2 years` or `18 months`";
            if e.fix.is_empty() {
                d.help(format!("{units}."))
            } else {
                d.help(format!("{units}; {}", with_fixed("write", text, e)))
            }
        }
        SyntaxErrorKind::TextForName => {
            let d = Diagnostic::error("lfw::syntax", "A name is written without quotes here.").at(loc, "expected a name, not a text");
            if e.fix.is_empty() {
                d.help("write the id of the element (a short name such as `crew-manager`), not its title.")
            } else {
                d.help(with_fixed("write", text, e))
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

pub fn unreadable(path: &str, reason: &str, from: Option<Loc>) -> Diagnostic {
    let d = Diagnostic::error("lfw::unreadable-file", format!("The file `{path}` could not be read: {reason}."))
        .help("check the path; imports are relative to the file that imports them.")
        .path(path);
    match from {
        Some(loc) => d.at(loc, "imported here"),
        None => d,
    }
}

pub fn invalid_utf8(path: &str, offset: usize, from: Option<Loc>) -> Diagnostic {
    let d = Diagnostic::error(
        "lfw::invalid-utf8",
        format!("The file `{path}` is not UTF-8 text (the first bad byte is at offset {offset})."),
    )
    .help("save the file as UTF-8; most editors offer it under “Save as” or “Encoding”.")
    .path(path);
    match from {
        Some(loc) => d.at(loc, "imported here"),
        None => d,
    }
}

pub fn absolute_import(path: &str, at: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::import-outside-root",
        format!("The import `{path}` names an absolute path, so it is not read."),
    )
    .help("write the path relative to the importing file, e.g. `import \"../shared/scales.lfw\"`; imports stay inside the project folder.")
    .at(at, "absolute path")
}

/// A file the reader refused to open (see [`ReadError`]).
pub fn refused(path: &str, why: &ReadError, from: Option<Loc>) -> Diagnostic {
    let (d, label) = match why {
        ReadError::OutsideRoot { root } => (
            Diagnostic::error(
                "lfw::import-outside-root",
                format!("The file `{path}` is outside the project folder `{}`, so it is not read.", root.display()),
            )
            .help("imports must stay inside the project folder (the nearest folder above the checked files that holds an `lfw.toml` file); move the file into it, or name a wider folder with `--root DIR`."),
            "outside the project",
        ),
        ReadError::NotLfw => (
            Diagnostic::error("lfw::not-lfw-source", format!("The file `{path}` is not a `.lfw` file, so it is not read."))
                .help("only framework files whose names end in `.lfw` can be checked or imported."),
            "not a .lfw file",
        ),
        ReadError::NotAFile => (
            Diagnostic::error(
                "lfw::not-a-file",
                format!("`{path}` is not a regular file (it is a folder, a device, a pipe or a socket), so it is not read."),
            )
            .help("name a `.lfw` file; a folder can be checked with `lfw check`, which finds the `.lfw` files in it."),
            "not a regular file",
        ),
        ReadError::TooLarge { limit } => (
            Diagnostic::error(
                "lfw::file-too-large",
                format!("The file `{path}` is larger than {} MiB, the most a framework file may be, so it is not read.", limit >> 20),
            )
            .help("split the framework into several files joined by `import`."),
            "too large",
        ),
        ReadError::Io(e) => return unreadable(path, &e.to_string(), from),
    };
    let d = d.path(path);
    match from {
        Some(loc) => d.at(loc, label),
        None => d,
    }
}

/// `chain` lists each import along the cycle with the path it imports.
pub fn import_cycle(chain: &[(Loc, String)]) -> Diagnostic {
    let names: Vec<&str> = chain.iter().map(|(_, p)| p.as_str()).collect();
    let mut path = names.join(" → ");
    if let Some(first) = names.first() {
        path = format!("{} → {path}", names.last().unwrap_or(first));
    }
    let mut d = Diagnostic::error("lfw::import-cycle", format!("These files import each other in a circle: {path}."))
        .help("remove one of the imports; a file that several frameworks share should import none of them.");
    for (i, (loc, p)) in chain.iter().enumerate() {
        d = if i == 0 {
            d.at(*loc, format!("imports `{p}`"))
        } else {
            d.also(*loc, format!("which imports `{p}`"))
        };
    }
    d
}

pub fn second_framework(loc: Loc, first: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::second-framework",
        "A file can hold only one framework, and this is the second.",
    )
    .at(loc, "second framework")
    .also(first, "first framework of this file")
    .help("move this framework to a file of its own and `import` it where it is needed.")
}

pub fn no_framework(loc: Loc, word: &str) -> Diagnostic {
    Diagnostic::error(
        "lfw::no-framework",
        format!("This {word} belongs to no framework: the file has no `framework` line and no framework imports it."),
    )
    .at(loc, format!("{word} outside any framework"))
    .help("start the file with `framework <id> \"Title\"`, or `import` it from the framework it belongs to.")
}

pub fn duplicate_id(what: &str, name: &str, loc: Loc, first: Loc) -> Diagnostic {
    Diagnostic::error("lfw::duplicate-id", format!("`{name}` is declared twice in this {what}."))
        .at(loc, "declared again here")
        .also(first, "first declared here")
        .help("give one of them another id; ids must be unique so that requirements can name them.")
}

pub fn unknown_reference(wanted: &str, name: &str, loc: Loc, suggestion: Option<&str>, hint: &str) -> Diagnostic {
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => hint.to_string(),
    };
    Diagnostic::error("lfw::unknown-reference", format!("There is no {wanted} called `{name}`."))
        .at(loc, format!("no {wanted} has this name"))
        .help(help)
}

pub fn wrong_kind(name: &str, is: &str, wanted: &str, loc: Loc, decl: Loc) -> Diagnostic {
    Diagnostic::error("lfw::wrong-kind", format!("`{name}` is a {is}, but a {wanted} is needed here."))
        .at(loc, format!("needs a {wanted}"))
        .also(decl, format!("`{name}` is declared as a {is} here"))
        .help(format!("name a {wanted} here."))
}

pub fn unknown_level(level: &str, competency: &str, scale: &str, levels: &[String], loc: Loc) -> Diagnostic {
    let help = match did_you_mean(level, levels.iter().map(String::as_str)) {
        Some(s) => format!("did you mean `{s}`? The levels of `{scale}` are {}.", quoted_list(levels)),
        None => format!("the levels of `{scale}` are {}.", quoted_list(levels)),
    };
    Diagnostic::error(
        "lfw::unknown-level",
        format!("`{level}` is not a level of the scale `{scale}` that `{competency}` is rated on."),
    )
    .at(loc, "not on the scale")
    .help(help)
}

pub fn level_above_scale(level: &str, scale: &str, top: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::level-above-scale",
        format!("Level {level} is above the top of the scale `{scale}`, so no one can ever meet this."),
    )
    .at(loc, format!("the highest level is {top}"))
    .help(format!("ask for level {top} at most, or add the level to `{scale}`."))
}

pub fn no_scale(competency: &str, loc: Loc, decl: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::no-scale",
        format!("`{competency}` has no scale, so it cannot be asked for at a level."),
    )
    .at(loc, "a level of a competency without levels")
    .also(decl, "declared without a scale here")
    .help(format!(
        "add `rated on <scale>` to `{competency}`, or a `default scale` to the framework."
    ))
}

pub fn missing_level(competency: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::missing-level",
        format!("`{competency}` is a competency, so this requirement must say at which level."),
    )
    .at(loc, "which level?")
    .help(format!("write `{competency} at <level>`."))
}

pub fn override_kind(name: &str, own: &str, inherited: &str, loc: Loc, base: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::override-kind",
        format!("`{name}` is a {inherited} in the extended framework and cannot be replaced by a {own}."),
    )
    .at(loc, format!("a {own} with the same id"))
    .also(base, format!("the inherited {inherited}"))
    .help("an extending framework may replace an element only with one of the same kind; choose another id.")
}

/// `chain`: each framework along the cycle with the place of its `extends`.
pub fn extends_cycle(chain: &[(String, Loc)]) -> Diagnostic {
    let mut names: Vec<&str> = chain.iter().map(|(n, _)| n.as_str()).collect();
    names.push(names[0]);
    let mut d = Diagnostic::error(
        "lfw::extends-cycle",
        format!("These frameworks extend each other in a circle: {}.", names.join(" → ")),
    )
    .help("a framework cannot build on itself; remove one `extends`.");
    for (i, (name, loc)) in chain.iter().enumerate() {
        let next = names[i + 1];
        d = if i == 0 {
            d.at(*loc, format!("`{name}` extends `{next}`"))
        } else {
            d.also(*loc, format!("`{name}` extends `{next}`"))
        };
    }
    d
}

/// `chain`: each role along the cycle with the `after` that leads to the next.
pub fn progression_cycle(chain: &[(String, Loc)]) -> Diagnostic {
    let mut names: Vec<&str> = chain.iter().map(|(n, _)| n.as_str()).collect();
    names.push(names[0]);
    let mut d = Diagnostic::error(
        "lfw::progression-cycle",
        format!("These roles come after each other in a circle: {}.", names.join(" → ")),
    )
    .help("progression must lead somewhere: remove the `after` that leads back to an earlier role.");
    for (i, (_, loc)) in chain.iter().enumerate() {
        let label = format!("`{}` comes after `{}`", names[i + 1], names[i]);
        d = if i == 0 { d.at(*loc, label) } else { d.also(*loc, label) };
    }
    d
}

/// `path`: the competency levels along the cycle; `locs`: the `needs` lines
/// that make it.
pub fn prerequisite_cycle(path: &[String], locs: &[Loc]) -> Diagnostic {
    let mut names = path.to_vec();
    names.push(path[0].clone());
    let mut d = Diagnostic::error(
        "lfw::prerequisite-cycle",
        format!(
            "These competency levels each need the other first, so none can be developed: {}.",
            names.join(" → ")
        ),
    )
    .help("remove one of these `needs` lines.");
    for (i, loc) in locs.iter().enumerate() {
        d = if i == 0 {
            d.at(*loc, "part of the circle")
        } else {
            d.also(*loc, "part of the circle")
        };
    }
    d
}

pub fn unreachable_role(role: &str, loc: Loc, entries: &[String]) -> Diagnostic {
    let help = if entries.is_empty() {
        "mark the role people join at with `entry`.".to_string()
    } else {
        format!(
            "add `after <role>` naming the role before it; people start at {}.",
            quoted_list(entries)
        )
    };
    Diagnostic::error(
        "lfw::unreachable-role",
        format!("No one can reach the role `{role}`: no route leads to it from a role people join at."),
    )
    .at(loc, "unreachable")
    .help(help)
}

pub fn unmeetable_count(count: u32, of: usize, loc: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::unmeetable-count",
        format!("This asks for {count} of a list of {of}, so no one can ever meet it."),
    )
    .at(loc, format!("only {of} listed"))
    .help(format!("ask for at most {of}, or list more competencies."))
}

pub fn credential_needs_role(role: &str, credential: &str, loc: Loc, condition: Loc) -> Diagnostic {
    Diagnostic::error("lfw::credential-needs-role", format!("`{role}` requires `{credential}`, but `{credential}` can only be taken by someone who has already reached `{role}`, so no one can meet it."))
        .at(loc, format!("`{role}` requires `{credential}`"))
        .also(condition, format!("`{credential}` needs `{role}` or a role after it"))
        .help(format!("the entry condition of `{credential}` should name a role before `{role}`."))
}

pub fn empty_scale(scale: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error("lfw::empty-scale", format!("The scale `{scale}` has no levels."))
        .at(loc, "no `levels` line")
        .help("add `levels lowest < … < highest`.")
}

pub fn regression(
    competency: &str,
    level: &str,
    role: &str,
    earlier_level: &str,
    earlier_role: &str,
    loc: Loc,
    earlier: Loc,
) -> Diagnostic {
    Diagnostic::warning(
        "lfw::regression",
        format!("`{role}` asks for `{competency}` at {level}, less than the {earlier_level} asked of `{earlier_role}` before it."),
    )
    .at(loc, format!("{level} here"))
    .also(earlier, format!("{earlier_level} for `{earlier_role}`"))
    .help("a more senior role usually asks for at least as much; if this is intended, ignore this warning.")
}

pub fn empty_domain(domain: &str, loc: Loc) -> Diagnostic {
    Diagnostic::warning(
        "lfw::empty-domain",
        format!("The domain `{domain}` has no competencies, so `all in {domain}` asks for nothing."),
    )
    .at(loc, "met by everyone")
    .help("write the domain's competencies under its `domain` line.")
}

pub fn incomplete_crosswalk(name: &str, loc: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::incomplete-crosswalk",
        format!("The crosswalk `{name}` does not say which frameworks it maps between."),
    )
    .at(loc, "no `from … to …` line")
    .help("add `from <framework> to <framework>`.")
}

pub fn crosswalk_level_order(loc: Loc, other: Loc) -> Diagnostic {
    Diagnostic::error(
        "lfw::crosswalk-level-order",
        "These level correspondences cross: a higher level is mapped to a lower one.",
    )
    .at(loc, "maps a higher level lower")
    .also(other, "than this one")
    .help("level correspondences must keep the order of both scales.")
}

fn quoted_list(items: &[String]) -> String {
    list_or(&items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>()).replace(" or ", " and ")
}
