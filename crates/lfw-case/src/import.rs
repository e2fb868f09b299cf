//! A CASE package as `.lfw` source (docs/case.md, "Import"). Every CFItem
//! becomes an element; rubrics become scales; what the language has no
//! line for becomes a note, counted in [`KeptAsNotes`] for one warning.
//! Packages written by `lfw export --to case` carry `extensions.lfw`
//! objects, which give back what CASE cannot say.

use crate::export::EXTENSION;
use crate::problem::{ImportError, KeptAsNotes, MAX_CASE_BYTES, MAX_CASE_ENTRIES, MAX_LEVELS};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// The `.lfw` source of a package, in the layout of `lfw fmt`, and what was
/// kept only as notes.
#[derive(Clone, Debug)]
pub struct Imported {
    pub text: String,
    /// The framework's id in the text.
    pub framework: String,
    /// How many CFItems became elements (all of them).
    pub items: usize,
    pub kept_as_notes: KeptAsNotes,
}

/// The longest text written on one line: the language reads logical lines
/// of at most 64 KiB.
const MAX_TEXT_BYTES: usize = 60 * 1024;

/// The longest id made from a statement or a code.
const MAX_ID_CHARS: usize = 48;

/// The kinds of element a CFItem can become.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Domain,
    Competency(&'static str),
    Credential,
    Role,
}

fn kind_named(word: &str) -> Option<Kind> {
    Some(match word.to_ascii_lowercase().as_str() {
        "domain" => Kind::Domain,
        "competency" => Kind::Competency("competency"),
        "behaviour" | "behavior" => Kind::Competency("behaviour"),
        "quality" => Kind::Competency("quality"),
        "value" => Kind::Competency("value"),
        "skill" => Kind::Competency("skill"),
        "credential" => Kind::Credential,
        "role" => Kind::Role,
        _ => return None,
    })
}

struct Item {
    identifier: String,
    statement: String,
    code: Option<String>,
    item_type: Option<String>,
    list_enumeration: Option<String>,
    notes: Option<String>,
    ext: Option<Map<String, Value>>,
}

struct Association {
    kind: String,
    origin: String,
    destination: String,
    destination_title: Option<String>,
    sequence: Option<i64>,
    notes: Option<String>,
    ext: Option<Map<String, Value>>,
}

/// Reads a CASE package and writes it as `.lfw` source that compiles.
///
/// The `extensions.lfw` objects of a package `lfw` exported are trusted
/// only as far as the source they give compiles: when it does not (a
/// package edited by hand, or hostile), the package is imported again as
/// a plain CASE package, which always compiles, and the warning says so.
pub fn lfw_source(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_CASE_BYTES {
        return Err(ImportError::TooLarge { limit: MAX_CASE_BYTES });
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::NotJson { message: e.to_string() })?;
    let top = value.as_object().ok_or(ImportError::NoDocument)?;
    let doc = top.get("CFDocument").and_then(Value::as_object).ok_or(ImportError::NoDocument)?;
    let items = list(top, "CFItems")?.len();
    let rubrics = list(top, "CFRubrics")?;
    if items + rubrics.len() > lfw_model::limits::MAX_ELEMENTS {
        return Err(ImportError::TooMany {
            list: "CFItems",
            limit: lfw_model::limits::MAX_ELEMENTS,
        });
    }
    let import = |with_ext: bool| -> Result<Imported, ImportError> {
        let items = read_items(top, with_ext)?;
        let associations = read_associations(top, with_ext)?;
        Writer::new(doc, items, associations, with_ext).write(rubrics)
    };
    let imported = import(true)?;
    if has_extensions(top) && lfw_model::compile_str("imported.lfw", &imported.text).has_errors() {
        let mut plain = import(false)?;
        plain.kept_as_notes.extensions_ignored = true;
        return Ok(plain);
    }
    Ok(imported)
}

/// Whether any object of the package carries `extensions.lfw`.
fn has_extensions(top: &Map<String, Value>) -> bool {
    let has = |v: &Value| v.get("extensions").and_then(|e| e.get(EXTENSION)).is_some();
    top.get("CFDocument").is_some_and(has)
        || ["CFItems", "CFAssociations", "CFRubrics"]
            .iter()
            .any(|k| top.get(*k).and_then(Value::as_array).is_some_and(|a| a.iter().any(has)))
}

fn list<'a>(obj: &'a Map<String, Value>, key: &'static str) -> Result<&'a [Value], ImportError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) if a.len() > MAX_CASE_ENTRIES => Err(ImportError::TooMany {
            list: key,
            limit: MAX_CASE_ENTRIES,
        }),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(ImportError::WrongType {
            at: key.to_string(),
            expected: "a list",
        }),
    }
}

fn object<'a>(v: &'a Value, at: &dyn Fn() -> String) -> Result<&'a Map<String, Value>, ImportError> {
    v.as_object().ok_or_else(|| ImportError::WrongType {
        at: at(),
        expected: "an object",
    })
}

/// An optional text field; `null` counts as absent, a number as its digits.
fn text(obj: &Map<String, Value>, key: &str, at: &dyn Fn() -> String) -> Result<Option<String>, ImportError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(ImportError::WrongType {
            at: format!("{}.{key}", at()),
            expected: "text",
        }),
    }
}

fn extension(obj: &Map<String, Value>) -> Option<Map<String, Value>> {
    obj.get("extensions")?.get(EXTENSION)?.as_object().cloned()
}

fn read_items(top: &Map<String, Value>, with_ext: bool) -> Result<Vec<Item>, ImportError> {
    let mut out = Vec::new();
    for (i, v) in list(top, "CFItems")?.iter().enumerate() {
        let at = || format!("CFItems[{i}]");
        let o = object(v, &at)?;
        let identifier = text(o, "identifier", &at)?.ok_or_else(|| ImportError::Missing {
            at: format!("{}.identifier", at()),
        })?;
        let code = text(o, "humanCodingScheme", &at)?.filter(|s| !s.trim().is_empty());
        let abbreviated = text(o, "abbreviatedStatement", &at)?;
        let statement = text(o, "fullStatement", &at)?
            .filter(|s| !s.is_empty())
            .or(abbreviated)
            .or_else(|| code.clone())
            .unwrap_or_else(|| identifier.clone());
        out.push(Item {
            identifier,
            statement,
            code,
            item_type: text(o, "CFItemType", &at)?.filter(|s| !s.trim().is_empty()),
            list_enumeration: text(o, "listEnumeration", &at)?,
            notes: text(o, "notes", &at)?.filter(|s| !s.trim().is_empty()),
            ext: extension(o).filter(|_| with_ext),
        });
    }
    Ok(out)
}

fn read_associations(top: &Map<String, Value>, with_ext: bool) -> Result<Vec<Association>, ImportError> {
    let mut out = Vec::new();
    for (i, v) in list(top, "CFAssociations")?.iter().enumerate() {
        let at = || format!("CFAssociations[{i}]");
        let o = object(v, &at)?;
        let kind = text(o, "associationType", &at)?.ok_or_else(|| ImportError::Missing {
            at: format!("{}.associationType", at()),
        })?;
        let node = |key: &str| -> Result<(String, Option<String>), ImportError> {
            let at_node = || format!("{}.{key}", at());
            match o.get(key) {
                Some(Value::String(uri)) => Ok((uri.rsplit('/').next().unwrap_or(uri).to_string(), None)),
                Some(v) => {
                    let n = object(v, &at_node)?;
                    let id = text(n, "identifier", &at_node)?
                        .or(text(n, "uri", &at_node)?)
                        .ok_or_else(|| ImportError::Missing {
                            at: format!("{}.identifier", at_node()),
                        })?;
                    Ok((id, text(n, "title", &at_node)?))
                }
                None => Err(ImportError::Missing { at: at_node() }),
            }
        };
        let (origin, _) = node("originNodeURI")?;
        let (destination, destination_title) = node("destinationNodeURI")?;
        let sequence = match o.get("sequenceNumber") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            Some(_) => {
                return Err(ImportError::WrongType {
                    at: format!("{}.sequenceNumber", at()),
                    expected: "a number",
                })
            }
        };
        out.push(Association {
            kind,
            origin,
            destination,
            destination_title,
            sequence,
            notes: text(o, "notes", &at)?,
            ext: extension(o).filter(|_| with_ext),
        });
    }
    Ok(out)
}

/// `s` as an id: ASCII letters, digits, `-` and `_`, transliterated from
/// other scripts, other characters as `-`, at most [`MAX_ID_CHARS`].
fn slug(s: &str, lowercase: bool) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(if lowercase { c.to_ascii_lowercase() } else { c });
        } else if (c == '-' || c.is_whitespace() || c.is_ascii_punctuation()) && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_ID_CHARS {
            break;
        }
    }
    out.trim_matches(|c| c == '-' || c == '_').to_string()
}

/// An id from a statement: its first words.
fn statement_slug(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().take(6).collect();
    slug(&words.join(" "), true)
}

/// Ids handed out so far, made unique with `-2`, `-3`, … suffixes.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// The next suffix to try for each base, so that many items of one
    /// name take linear time.
    next: HashMap<String, usize>,
}

impl Ids {
    fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() {
            fallback.to_string()
        } else {
            wanted.to_string()
        };
        let mut id = base.clone();
        let n = self.next.entry(base.clone()).or_insert(1);
        while self.used.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// Whether `c` is invisible or reorders the text around it, so that source
/// holding it raw reads differently from what it is ("Trojan source"): the
/// bidi controls, the line and paragraph separators, the zero-width space
/// and the byte-order mark.
fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// `s` as quoted `.lfw` text: `"` and `\` escaped, line breaks and tabs
/// written `\n` and `\t`, invisible and reordering characters as
/// `\u{202e}` (docs/language.md), other control characters as spaces.
fn quote(s: &str, cut: &mut usize) -> String {
    let s = s.replace("\r\n", "\n");
    let mut out = String::with_capacity(s.len().min(MAX_TEXT_BYTES) + 2);
    out.push('"');
    let mut piece = String::new();
    for c in s.chars() {
        piece.clear();
        match c {
            '"' => piece.push_str("\\\""),
            '\\' => piece.push_str("\\\\"),
            '\n' => piece.push_str("\\n"),
            '\t' => piece.push_str("\\t"),
            c if c.is_control() => piece.push(' '),
            c if is_hidden(c) => {
                let _ = write!(piece, "\\u{{{:x}}}", c as u32);
            }
            c => piece.push(c),
        }
        // The limit is on the text as written, escapes included, so that
        // text of quotes or escaped characters still fits on a line.
        if out.len() - 1 + piece.len() > MAX_TEXT_BYTES {
            *cut += 1;
            break;
        }
        out.push_str(&piece);
    }
    out.push('"');
    out
}

/// A length of time in the language: years when whole, else months.
fn time(months: u64) -> String {
    if months.is_multiple_of(12) && months > 0 {
        format!("{} years", months / 12)
    } else {
        format!("{months} months")
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A prerequisite read from a `precedes` association: (at, needed item, level).
type Prerequisite = (Option<String>, usize, Option<String>);

/// A level of a scale by the source's name for it.
type LevelIn<'a> = &'a dyn Fn(&[Scale], usize, &str) -> Option<String>;

struct Scale {
    id: String,
    title: Option<String>,
    description: Option<String>,
    /// (id, title)
    levels: Vec<(String, Option<String>)>,
    /// The index of each level by the source's name for it
    /// (`extensions.lfw.level`), and by its own.
    by_source: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    notes: Vec<(String, String)>,
}

struct Writer<'a> {
    doc: &'a Map<String, Value>,
    items: Vec<Item>,
    associations: Vec<Association>,
    /// Whether `extensions.lfw` objects are read.
    with_ext: bool,
    ids: Ids,
    /// The first item of each `humanCodingScheme`.
    by_code: HashMap<String, usize>,
    kept: KeptAsNotes,
    item_types: BTreeMap<String, usize>,
    association_types: BTreeMap<String, usize>,
}

impl<'a> Writer<'a> {
    fn new(doc: &'a Map<String, Value>, items: Vec<Item>, associations: Vec<Association>, with_ext: bool) -> Self {
        Writer {
            with_ext,
            doc,
            items,
            associations,
            ids: Ids::default(),
            by_code: HashMap::new(),
            kept: KeptAsNotes::default(),
            item_types: BTreeMap::new(),
            association_types: BTreeMap::new(),
        }
    }

    fn q(&mut self, s: &str) -> String {
        quote(s, &mut self.kept.cut_texts)
    }

    fn write(mut self, rubrics: &[Value]) -> Result<Imported, ImportError> {
        let doc_ext = extension(self.doc).filter(|_| self.with_ext);
        let doc_id_text = text(self.doc, "identifier", &|| "CFDocument".into())?;
        let doc_title = text(self.doc, "title", &|| "CFDocument".into())?.unwrap_or_else(|| "Imported CASE framework".into());

        // Item identifier → index (the first item of an identifier).
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, item) in self.items.iter().enumerate() {
            index.entry(item.identifier.as_str()).or_insert(i);
            if let Some(code) = &item.code {
                self.by_code.entry(code.clone()).or_insert(i);
            }
        }

        // The hierarchy: each item's first parent among the items, with
        // its sequence number; the document (or anything else) is the root.
        let n = self.items.len();
        let mut parent: Vec<Option<usize>> = vec![None; n];
        let mut sequence: Vec<Option<i64>> = vec![None; n];
        let mut extra_parents: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut has_parent_link = vec![false; n];
        for a in &self.associations {
            if a.kind != "isChildOf" {
                continue;
            }
            let Some(&child) = index.get(a.origin.as_str()) else { continue };
            match index.get(a.destination.as_str()) {
                Some(&p) if p != child => {
                    if parent[child].is_none() && !has_parent_link[child] {
                        parent[child] = Some(p);
                        sequence[child] = a.sequence;
                    } else {
                        extra_parents[child].push(p);
                    }
                }
                _ => {
                    if !has_parent_link[child] && parent[child].is_none() {
                        sequence[child] = a.sequence;
                    }
                }
            }
            has_parent_link[child] = true;
        }
        // Break cycles of parents, in linear time: walk up from each item
        // not yet seen, marking the path; meeting the path again is a cycle.
        let mut state = vec![0u8; n]; // 0 unseen, 1 on the path, 2 done
        for start in 0..n {
            let mut path = Vec::new();
            let mut at = start;
            while state[at] == 0 {
                state[at] = 1;
                path.push(at);
                match parent[at] {
                    Some(p) if state[p] == 1 => {
                        parent[at] = None;
                        break;
                    }
                    Some(p) => at = p,
                    None => break,
                }
            }
            for i in path {
                state[i] = 2;
            }
        }
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for (i, p) in parent.iter().enumerate() {
            match *p {
                Some(p) => children[p].push(i),
                None => roots.push(i),
            }
        }
        let order_key = |i: &usize| {
            let item = &self.items[*i];
            let listed = item.list_enumeration.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
            (sequence[*i].or(listed).unwrap_or(i64::MAX), *i)
        };
        roots.sort_by_key(order_key);
        for c in &mut children {
            c.sort_by_key(order_key);
        }

        // The kind of each item.
        let mut kinds = Vec::with_capacity(n);
        for i in 0..n {
            let item = &self.items[i];
            let from_ext = item
                .ext
                .as_ref()
                .and_then(|e| match e.get("element")?.as_str()? {
                    "competency" => {
                        let k = e.get("kind").and_then(Value::as_str).unwrap_or("competency");
                        kind_named(k)
                    }
                    other => kind_named(other),
                })
                .filter(|k| !matches!(k, Kind::Domain) || parent[i].is_none());
            let kind = match from_ext {
                Some(k) => k,
                None => match item.item_type.as_deref().and_then(kind_named) {
                    Some(Kind::Domain) if parent[i].is_some() => Kind::Competency("competency"),
                    Some(k) => k,
                    None => {
                        if let Some(t) = &item.item_type {
                            *self.item_types.entry(t.clone()).or_insert(0) += 1;
                        }
                        if parent[i].is_none() && !children[i].is_empty() {
                            Kind::Domain
                        } else {
                            Kind::Competency("competency")
                        }
                    }
                },
            };
            kinds.push(kind);
        }

        // Depth-first order, with each item's nearest domain above it.
        let mut order = Vec::with_capacity(n);
        let mut domain_of: Vec<Option<usize>> = vec![None; n];
        let mut stack: Vec<(usize, Option<usize>)> = roots.iter().rev().map(|&r| (r, None)).collect();
        while let Some((i, domain)) = stack.pop() {
            order.push(i);
            let own = if kinds[i] == Kind::Domain { Some(i) } else { domain };
            domain_of[i] = if kinds[i] == Kind::Domain { None } else { domain };
            for &c in children[i].iter().rev() {
                stack.push((c, own));
            }
        }

        let mut position = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            position[i] = k;
        }

        // Ids: from the source's lfw id or code, else from the statement.
        let mut id_of = vec![String::new(); n];
        let mut by_source_id: HashMap<String, String> = HashMap::new();
        for &i in &order {
            let item = &self.items[i];
            let wanted = item.code.as_deref().map(|c| slug(c, false)).unwrap_or_default();
            let wanted = if wanted.is_empty() {
                statement_slug(&item.statement)
            } else {
                wanted
            };
            let id = self.ids.take(&wanted, "item");
            if let Some(code) = &item.code {
                by_source_id.entry(code.clone()).or_insert_with(|| id.clone());
            }
            id_of[i] = id;
        }

        // Scales from rubrics.
        let mut scales = Vec::new();
        let mut rated: HashMap<usize, usize> = HashMap::new();
        let mut descriptors: HashMap<usize, Vec<(String, String)>> = HashMap::new();
        let mut scale_by_source: HashMap<String, usize> = HashMap::new();
        for (r, rv) in rubrics.iter().enumerate() {
            let at = || format!("CFRubrics[{r}]");
            let ro = object(rv, &at)?;
            let ext = extension(ro).filter(|_| self.with_ext);
            let title = text(ro, "title", &at)?;
            let source_id = ext.as_ref().and_then(|e| e.get("id")).and_then(Value::as_str).map(str::to_string);
            let wanted = source_id
                .as_deref()
                .map(|s| slug(s, false))
                .unwrap_or_else(|| slug(title.as_deref().unwrap_or(""), true));
            let id = self.ids.take(&wanted, "scale");
            let criteria_v = list(ro, "CFRubricCriteria")?;
            let mut criteria = Vec::new();
            for (c, cv) in criteria_v.iter().enumerate() {
                let at_c = || format!("CFRubrics[{r}].CFRubricCriteria[{c}]");
                let co = object(cv, &at_c)?;
                let mut levels = Vec::new();
                let level_list = list(co, "CFRubricCriterionLevels")?;
                if level_list.len() > MAX_LEVELS {
                    return Err(ImportError::TooMany {
                        list: "CFRubricCriterionLevels",
                        limit: MAX_LEVELS,
                    });
                }
                for (l, lv) in level_list.iter().enumerate() {
                    let at_l = || format!("{}.CFRubricCriterionLevels[{l}]", at_c());
                    let lo = object(lv, &at_l)?;
                    let position = lo.get("position").and_then(Value::as_i64).unwrap_or(i64::MAX);
                    let level_ext = lo.get("extensions").filter(|_| self.with_ext).and_then(|e| match e {
                        Value::Array(a) => a.iter().find_map(|x| x.get(EXTENSION)),
                        Value::Object(_) => e.get(EXTENSION),
                        _ => None,
                    });
                    let source_level = level_ext.and_then(|x| x.get("level")?.as_str().map(str::to_string));
                    // The level's title as the source had it, when it says.
                    let source_title = level_ext
                        .and_then(Value::as_object)
                        .filter(|o| o.contains_key("title"))
                        .map(|o| o.get("title").and_then(Value::as_str).map(str::to_string));
                    levels.push((
                        position,
                        l,
                        source_level,
                        text(lo, "quality", &at_l)?,
                        text(lo, "description", &at_l)?,
                        source_title,
                    ));
                }
                levels.sort_by_key(|l| (l.0, l.1));
                let item = match co.get("CFItemURI") {
                    Some(Value::Object(link)) => link.get("identifier").and_then(Value::as_str).and_then(|s| index.get(s).copied()),
                    Some(Value::String(uri)) => index.get(uri.rsplit('/').next().unwrap_or(uri)).copied(),
                    _ => None,
                };
                let category = text(co, "category", &at_c)?;
                criteria.push((category, item, levels));
            }
            // The levels of the scale: its own criterion's, else the
            // longest criterion's.
            let own = criteria
                .iter()
                .position(|c| c.0.as_deref() == Some("scale"))
                .or_else(|| (0..criteria.len()).max_by_key(|&c| (criteria[c].2.len(), usize::MAX - c)));
            let mut level_ids = Ids::default();
            let mut levels = Vec::new();
            let mut source_levels = Vec::new();
            if let Some(own) = own {
                for (k, (_, _, source, quality, description, source_title)) in criteria[own].2.iter().enumerate() {
                    let label = quality.clone().or_else(|| description.clone());
                    let wanted = match source {
                        Some(s) => slug(s, false),
                        None => slug(label.as_deref().unwrap_or(""), true),
                    };
                    let lid = level_ids.take(&wanted, &format!("level-{}", k + 1));
                    let title = label.filter(|t| *t != lid && Some(t) != source.as_ref());
                    let title = match source_title {
                        Some(t) => t.clone(),
                        None if own_is_scale(&criteria[own].0) || source.is_none() => title,
                        None => None,
                    };
                    levels.push((lid, title));
                    source_levels.push(source.clone());
                }
            }
            if levels.is_empty() {
                levels.push(("level-1".to_string(), None));
                source_levels.push(None);
            }
            let by_source: HashMap<String, usize> = source_levels
                .iter()
                .enumerate()
                .rev()
                .filter_map(|(k, s)| Some((s.clone()?, k)))
                .collect();
            let by_name: HashMap<String, usize> = levels.iter().enumerate().map(|(k, l)| (l.0.clone(), k)).collect();
            // Descriptors and the competencies rated on it.
            for (category, item, crit_levels) in &criteria {
                let Some(item) = *item else { continue };
                if category.as_deref() == Some("scale") {
                    continue;
                }
                if rated.contains_key(&item) {
                    continue;
                }
                rated.insert(item, scales.len());
                for (k, (_, _, source, _, description, _)) in crit_levels.iter().enumerate() {
                    let Some(d) = description else { continue };
                    let lid = match source {
                        Some(s) => by_source.get(s.as_str()).copied(),
                        None => (k < levels.len()).then_some(k),
                    };
                    if let Some(l) = lid {
                        descriptors.entry(item).or_default().push((levels[l].0.clone(), d.clone()));
                    }
                }
            }
            let notes = ext_notes(ext.as_ref().and_then(|e| e.get("notes")));
            if let Some(s) = source_id {
                scale_by_source.insert(s, scales.len());
            }
            scales.push(Scale {
                id,
                title,
                description: text(ro, "description", &at)?,
                levels,
                by_source,
                by_name,
                notes,
            });
        }
        // A level of a scale by the source's name for it.
        let level_in = |scales: &[Scale], s: usize, source: &str| -> Option<String> {
            let sc = &scales[s];
            sc.by_source
                .get(source)
                .map(|&k| sc.levels[k].0.clone())
                .or_else(|| sc.by_name.get(source).map(|&k| sc.levels[k].0.clone()))
        };
        // The scale of each competency.
        let mut scale_of: HashMap<usize, usize> = rated.clone();
        for i in 0..n {
            if let Some(s) = self.items[i].ext.as_ref().and_then(|e| e.get("scale")).and_then(Value::as_str) {
                if let Some(&k) = scale_by_source.get(s) {
                    scale_of.insert(i, k);
                }
            }
        }

        // Competencies at levels: a competency of no rubric may still be
        // rated on a scale (the only one, or the default), so each counts
        // as rated on the longest.
        let longest = scales.iter().map(|s| s.levels.len()).max().unwrap_or(0);
        let levels: usize = (0..n)
            .filter(|i| matches!(kinds[*i], Kind::Competency(_)))
            .map(|i| scale_of.get(&i).map_or(longest, |&s| scales[s].levels.len()))
            .sum();
        if levels > lfw_model::limits::MAX_COMPETENCY_LEVELS {
            return Err(ImportError::TooManyLevels {
                limit: lfw_model::limits::MAX_COMPETENCY_LEVELS,
            });
        }

        // Notes from associations lfw has no line for, on their origin.
        let mut assoc_notes: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut after: Vec<Vec<(usize, Option<u64>)>> = vec![Vec::new(); n];
        let mut needs: Vec<Vec<Prerequisite>> = vec![Vec::new(); n];
        for a in &self.associations {
            let origin = index.get(a.origin.as_str()).copied();
            let destination = index.get(a.destination.as_str()).copied();
            let origin_has_ext = origin.is_some_and(|o| self.items[o].ext.is_some());
            match (a.kind.as_str(), origin, destination) {
                ("isChildOf", Some(_), _) => continue,
                // Without the extension, only a role earlier in the package
                // can come before a later one: no loop of `after` can form.
                ("precedes", Some(o), Some(d))
                    if kinds[o] == Kind::Role && kinds[d] == Kind::Role && (self.items[d].ext.is_some() || position[o] < position[d]) =>
                {
                    if self.items[d].ext.is_none() {
                        let months = a.ext.as_ref().and_then(|e| e.get("min_months")).and_then(Value::as_u64);
                        after[d].push((o, months));
                    }
                    continue;
                }
                // Written from the competency's own extension.
                ("precedes", Some(o), Some(d))
                    if matches!(kinds[o], Kind::Competency(_))
                        && matches!(kinds[d], Kind::Competency(_))
                        && self.items[d].ext.is_some() =>
                {
                    continue
                }
                ("precedes", Some(o), Some(d))
                    if matches!(kinds[o], Kind::Competency(_))
                        && matches!(kinds[d], Kind::Competency(_))
                        && scale_of.contains_key(&o)
                        && scale_of.contains_key(&d)
                        && position[o] < position[d] =>
                {
                    let ext = a.ext.as_ref();
                    let at = ext.and_then(|e| e.get("at")).and_then(Value::as_str).map(str::to_string);
                    let level = ext.and_then(|e| e.get("level")).and_then(Value::as_str).map(str::to_string);
                    needs[d].push((at, o, level));
                    continue;
                }
                (k, Some(_), _) if k.starts_with("ext:requires") && origin_has_ext => continue,
                _ => {}
            }
            let Some(o) = origin else {
                // An association whose origin is not an item of the package
                // (the document, or another framework) is noted on the
                // destination, if that is an item.
                if let Some(d) = destination {
                    *self.association_types.entry(a.kind.clone()).or_insert(0) += 1;
                    let note = format!("CASE: {} {} {}", a.origin, a.kind, self.items[d].identifier);
                    assoc_notes[d].push(note);
                }
                continue;
            };
            *self.association_types.entry(a.kind.clone()).or_insert(0) += 1;
            let target = match destination {
                Some(d) => format!("{} ({})", id_of[d], self.items[d].statement),
                None => match &a.destination_title {
                    Some(t) => format!("{t} ({})", a.destination),
                    None => a.destination.clone(),
                },
            };
            let mut note = format!("CASE {}: {target}", a.kind);
            if let Some(x) = &a.notes {
                let _ = write!(note, ": {x}");
            }
            assoc_notes[o].push(note);
        }
        for (i, extra) in extra_parents.iter().enumerate() {
            for &p in extra {
                assoc_notes[i].push(format!("CASE isChildOf: {} ({})", id_of[p], self.items[p].statement));
            }
        }

        let mut out = String::new();
        // The header.
        let fw_id = doc_ext
            .as_ref()
            .and_then(|e| e.get("id"))
            .and_then(Value::as_str)
            .map(|s| slug(s, false))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| {
                let s = statement_slug(&doc_title);
                if s.is_empty() {
                    "imported".into()
                } else {
                    s
                }
            });
        let title = self.q(&doc_title);
        let _ = writeln!(out, "framework {fw_id} {title}");
        if let Some(v) = text(self.doc, "version", &|| "CFDocument".into())? {
            let v = self.q(&v);
            let _ = writeln!(out, "  version {v}");
        }
        let owner = match text(self.doc, "publisher", &|| "CFDocument".into())? {
            Some(p) => Some(p),
            None if doc_ext.is_some() => None,
            None => text(self.doc, "creator", &|| "CFDocument".into())?,
        };
        if let Some(o) = owner {
            let o = self.q(&o);
            let _ = writeln!(out, "  owner {o}");
        }
        if let Some(Value::Array(subjects)) = self.doc.get("subject") {
            let s: Vec<&str> = subjects.iter().filter_map(Value::as_str).collect();
            if !s.is_empty() {
                let s = self.q(&s.join("; "));
                let _ = writeln!(out, "  sector {s}");
            }
        }
        let sources: Vec<String> = match doc_ext.as_ref().and_then(|e| e.get("sources")).and_then(Value::as_array) {
            Some(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            None => text(self.doc, "officialSourceURL", &|| "CFDocument".into())?.into_iter().collect(),
        };
        for s in sources {
            let s = self.q(&s);
            let _ = writeln!(out, "  source {s}");
        }
        if let Some(ext) = &doc_ext {
            if let Some(d) = ext
                .get("default_scale")
                .and_then(Value::as_str)
                .and_then(|s| scale_by_source.get(s))
            {
                let _ = writeln!(out, "  default scale {}", scales[*d].id);
            }
            if let Some(ev) = ext.get("evidence") {
                match str_of(ev, "combine") {
                    Some(c @ ("highest" | "lowest" | "median")) => {
                        let _ = writeln!(out, "  evidence {c}");
                    }
                    Some("ranked") => {
                        let sources: Vec<String> = ev
                            .get("ranked_sources")
                            .and_then(Value::as_array)
                            .map(|a| {
                                a.iter()
                                    .filter_map(Value::as_str)
                                    .map(|s| slug(s, false))
                                    .filter(|s| !s.is_empty())
                                    .collect()
                            })
                            .unwrap_or_default();
                        if !sources.is_empty() {
                            let _ = writeln!(out, "  evidence ranked {}", sources.join(" > "));
                        }
                    }
                    _ => {}
                }
                if let Some(m) = ev.get("valid_months").and_then(Value::as_u64) {
                    if m != 36 && m > 0 && m < 100_000 {
                        let _ = writeln!(out, "  evidence valid for {m} months");
                    }
                }
            }
        }
        if let Some(d) = text(self.doc, "description", &|| "CFDocument".into())? {
            let d = self.q(&d);
            let _ = writeln!(out, "  description {d}");
        }
        match &doc_ext {
            Some(ext) => {
                let notes = ext_notes(ext.get("notes"));
                self.notes(&mut out, &notes);
                if let Some(base) = ext.get("extends").and_then(Value::as_str) {
                    let note = self.q(&format!(
                        "In lfw this framework extended `{base}`; its inherited elements are written here."
                    ));
                    let _ = writeln!(out, "  note {note}");
                }
                for cw in ext.get("crosswalks").and_then(Value::as_array).into_iter().flatten() {
                    let note = format!(
                        "In lfw, crosswalk `{}` joined `{}` to `{}`; its mappings are notes on the elements.",
                        str_of(cw, "id").unwrap_or(""),
                        str_of(cw, "from").unwrap_or(""),
                        str_of(cw, "to").unwrap_or("")
                    );
                    let note = self.q(&note);
                    let _ = writeln!(out, "  note {note}");
                }
            }
            None => {
                if let Some(notes) = text(self.doc, "notes", &|| "CFDocument".into())? {
                    let note = self.q(&notes);
                    let _ = writeln!(out, "  note {note}");
                }
            }
        }
        if let Some(id) = doc_id_text {
            let note = self.q(&format!("Imported from the CASE document {id}."));
            let _ = writeln!(out, "  note {note}");
        }

        // Scales.
        for s in &scales {
            out.push('\n');
            // A scale's title is required: a rubric without one is named by its id.
            let title = quote(s.title.as_deref().unwrap_or(&s.id), &mut self.kept.cut_texts);
            let _ = writeln!(out, "scale {} {title}", s.id);
            let names: Vec<&str> = s.levels.iter().map(|l| l.0.as_str()).collect();
            let _ = writeln!(out, "  levels {}", names.join(" < "));
            for (l, t) in &s.levels {
                if let Some(t) = t {
                    let t = quote(t, &mut self.kept.cut_texts);
                    let _ = writeln!(out, "  level {l} {t}");
                }
            }
            if let Some(d) = &s.description {
                let d = quote(d, &mut self.kept.cut_texts);
                let _ = writeln!(out, "  description {d}");
            }
            self.notes(&mut out, &s.notes);
        }

        // Elements: competencies of no domain, each domain with its own,
        // credentials, roles.
        let mut members: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for &i in order.iter().filter(|&&i| matches!(kinds[i], Kind::Competency(_))) {
            members.entry(domain_of[i]).or_default().push(i);
        }
        let mut sections: Vec<usize> = members.remove(&None).unwrap_or_default();
        for &d in order.iter().filter(|&&i| kinds[i] == Kind::Domain) {
            sections.push(d);
            sections.extend(members.remove(&Some(d)).unwrap_or_default());
        }
        sections.extend(order.iter().copied().filter(|&i| kinds[i] == Kind::Credential));
        sections.extend(order.iter().copied().filter(|&i| kinds[i] == Kind::Role));

        let map_id = |source: &str| -> Option<String> { by_source_id.get(source).cloned() };
        for i in sections {
            out.push('\n');
            let item_title = self.items[i].statement.clone();
            let title = self.q(&item_title);
            let keyword = match kinds[i] {
                Kind::Domain => "domain",
                Kind::Competency(k) => k,
                Kind::Credential => "credential",
                Kind::Role => "role",
            };
            let _ = writeln!(out, "{keyword} {} {title}", id_of[i]);
            let ext = self.items[i].ext.clone().map(Value::Object);
            match &ext {
                Some(e) => self.write_from_extension(&mut out, e, i, kinds[i], &scales, &scale_of, &descriptors, &level_in, &map_id),
                None => {
                    if let Kind::Competency(_) = kinds[i] {
                        if let Some(&s) = scale_of.get(&i) {
                            let _ = writeln!(out, "  rated on {}", scales[s].id);
                        }
                        for (l, d) in descriptors.get(&i).into_iter().flatten() {
                            let d = self.q(d);
                            let _ = writeln!(out, "  at {l} {d}");
                        }
                        for (at, o, level) in &needs[i] {
                            let s_o = scale_of[o];
                            let level = level
                                .as_deref()
                                .and_then(|l| level_in(&scales, s_o, l))
                                .unwrap_or_else(|| scales[s_o].levels[0].0.clone());
                            let at = at.as_deref().and_then(|l| level_in(&scales, scale_of[&i], l));
                            match at {
                                Some(at) => {
                                    let _ = writeln!(out, "  at {at} needs {} at {level}", id_of[*o]);
                                }
                                None => {
                                    let _ = writeln!(out, "  needs {} at {level}", id_of[*o]);
                                }
                            }
                        }
                    }
                    if kinds[i] == Kind::Role {
                        for (o, months) in &after[i] {
                            match months {
                                Some(m) if *m > 0 && *m < 100_000 => {
                                    let _ = writeln!(out, "  after {} for {}", id_of[*o], time(*m));
                                }
                                _ => {
                                    let _ = writeln!(out, "  after {}", id_of[*o]);
                                }
                            }
                        }
                    }
                    if let Some(t) = &self.items[i].item_type {
                        if kind_named(t).is_none() {
                            let note = self.q(&format!("CASE item type: {t}"));
                            let _ = writeln!(out, "  note {note}");
                        }
                    }
                    if let Some(notes) = self.items[i].notes.clone() {
                        let note = self.q(&notes);
                        let _ = writeln!(out, "  note {note}");
                    }
                }
            }
            if let Some(code) = self.items[i].code.clone() {
                if slug(&code, false) != id_of[i] {
                    let note = self.q(&format!("CASE code: {code}"));
                    let _ = writeln!(out, "  note {note}");
                }
            }
            if let (Kind::Competency(_), Some(p)) = (kinds[i], parent[i]) {
                if domain_of[i] != Some(p) {
                    let note = self.q(&format!("CASE isChildOf: {} ({})", id_of[p], self.items[p].statement));
                    let _ = writeln!(out, "  note {note}");
                }
            }
            for note in assoc_notes[i].clone() {
                let note = self.q(&note);
                let _ = writeln!(out, "  note {note}");
            }
            if self.items[i].ext.is_none() {
                let note = self.q(&format!("CASE identifier: {}", self.items[i].identifier));
                let _ = writeln!(out, "  note {note}");
            }
        }

        self.kept.item_types = self.item_types.into_iter().collect();
        self.kept.association_types = self.association_types.into_iter().collect();
        let parsed = lfw_syntax::parse(&out);
        let text = if parsed.errors.is_empty() {
            lfw_syntax::format::format(&parsed.tree)
        } else {
            out
        };
        Ok(Imported {
            text,
            framework: fw_id,
            items: n,
            kept_as_notes: self.kept,
        })
    }

    fn notes(&mut self, out: &mut String, notes: &[(String, String)]) {
        for (kind, t) in notes {
            let t = self.q(t);
            let keyword = if kind == "interpretation" { "interpretation" } else { "note" };
            let _ = writeln!(out, "  {keyword} {t}");
        }
    }

    /// An element written back from the `extensions.lfw` object of a
    /// package `lfw` exported.
    #[allow(clippy::too_many_arguments)]
    fn write_from_extension(
        &mut self,
        out: &mut String,
        e: &Value,
        i: usize,
        kind: Kind,
        scales: &[Scale],
        scale_of: &HashMap<usize, usize>,
        descriptors: &HashMap<usize, Vec<(String, String)>>,
        level_in: LevelIn,
        map_id: &dyn Fn(&str) -> Option<String>,
    ) {
        if let (Kind::Credential, Some(k)) = (kind, str_of(e, "kind")) {
            let k = slug(k, false);
            if !k.is_empty() {
                let _ = writeln!(out, "  kind {k}");
            }
        }
        if let Some(d) = str_of(e, "description") {
            let d = self.q(d);
            let _ = writeln!(out, "  description {d}");
        }
        if let Kind::Competency(_) = kind {
            let scale = scale_of.get(&i).copied();
            if let Some(s) = scale {
                let _ = writeln!(out, "  rated on {}", scales[s].id);
            }
            for ind in e.get("indicators").and_then(Value::as_array).into_iter().flatten() {
                let Some(t) = str_of(ind, "text") else { continue };
                let t = self.q(t);
                let negative = ind.get("negative").and_then(Value::as_bool).unwrap_or(false);
                let _ = writeln!(out, "  {}indicator {t}", if negative { "negative " } else { "" });
            }
            for (l, d) in descriptors.get(&i).into_iter().flatten() {
                let d = self.q(d);
                let _ = writeln!(out, "  at {l} {d}");
            }
            for p in e.get("prerequisites").and_then(Value::as_array).into_iter().flatten() {
                let Some(source) = str_of(p, "needs") else { continue };
                let Some(needs) = map_id(source) else { continue };
                let needs_item = self.by_code.get(source).copied();
                let needs_scale = needs_item.and_then(|k| scale_of.get(&k).copied());
                let level = match (needs_scale, str_of(p, "level")) {
                    (Some(s), Some(l)) => level_in(scales, s, l),
                    _ => None,
                };
                let Some(level) = level else { continue };
                let at = match (scale, str_of(p, "at")) {
                    (Some(s), Some(a)) => level_in(scales, s, a).filter(|a| *a != scales[s].levels[0].0),
                    _ => None,
                };
                match at {
                    Some(at) => {
                        let _ = writeln!(out, "  at {at} needs {needs} at {level}");
                    }
                    None => {
                        let _ = writeln!(out, "  needs {needs} at {level}");
                    }
                }
            }
        }
        if kind == Kind::Role {
            if e.get("entry").and_then(Value::as_bool) == Some(true) {
                let _ = writeln!(out, "  entry");
            }
            for a in e.get("after").and_then(Value::as_array).into_iter().flatten() {
                let Some(role) = str_of(a, "role").and_then(map_id) else { continue };
                match a.get("min_months").and_then(Value::as_u64) {
                    Some(m) if m > 0 && m < 100_000 => {
                        let _ = writeln!(out, "  after {role} for {}", time(m));
                    }
                    _ => {
                        let _ = writeln!(out, "  after {role}");
                    }
                }
            }
        }
        for q in e.get("requirements").and_then(Value::as_array).into_iter().flatten() {
            let line = self.requirement(q, scales, scale_of, level_in, map_id);
            match line {
                Some(line) => {
                    let _ = writeln!(out, "  {line}");
                }
                None => {
                    let note = self.q(&format!("A requirement lfw could not read back: {q}"));
                    let _ = writeln!(out, "  note {note}");
                }
            }
        }
        let notes = ext_notes(e.get("notes"));
        self.notes(out, &notes);
    }

    /// A requirement line from the JSON of `lfw export` (docs/json.md).
    fn requirement(
        &mut self,
        q: &Value,
        scales: &[Scale],
        scale_of: &HashMap<usize, usize>,
        level_in: LevelIn,
        map_id: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let keyword = match str_of(q, "necessity") {
            Some("desirable") => "desirable",
            _ => "requires",
        };
        let item_of = |source: &str| self.by_code.get(source).copied();
        let level_for = |competency: &str, level: &str| -> Option<String> {
            let s = item_of(competency).and_then(|i| scale_of.get(&i).copied())?;
            level_in(scales, s, level)
        };
        let condition = match str_of(q, "kind")? {
            "level" => {
                let c = str_of(q, "competency")?;
                format!("{} at {}", map_id(c)?, level_for(c, str_of(q, "level")?)?)
            }
            "credential" => map_id(str_of(q, "credential")?)?,
            "role" => map_id(str_of(q, "role")?)?,
            "experience" => {
                let months = q.get("months")?.as_u64()?;
                format!("{} as {}", time(months), map_id(str_of(q, "role")?)?)
            }
            "all-in" => {
                let domain = str_of(q, "domain")?;
                let level = str_of(q, "level")?;
                let members = q.get("competencies")?.as_array()?;
                let level = match members.first().and_then(Value::as_str) {
                    Some(c) => level_for(c, level)?,
                    None => slug(level, false),
                };
                format!("all in {} at {level}", map_id(domain)?)
            }
            "count-of" => {
                let count = q.get("count")?.as_u64()?;
                let level = str_of(q, "level")?;
                let members: Vec<&str> = q.get("competencies")?.as_array()?.iter().filter_map(Value::as_str).collect();
                let first = members.first()?;
                let level = level_for(first, level)?;
                let ids: Option<Vec<String>> = members.iter().map(|m| map_id(m)).collect();
                format!("{count} of ({}) at {level}", ids?.join(", "))
            }
            _ => return None,
        };
        Some(format!("{keyword} {condition}"))
    }
}

fn own_is_scale(category: &Option<String>) -> bool {
    category.as_deref() == Some("scale")
}

/// The `notes` of an `extensions.lfw` object: (kind, text).
fn ext_notes(notes: Option<&Value>) -> Vec<(String, String)> {
    notes
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|n| Some((str_of(n, "kind").unwrap_or("note").to_string(), str_of(n, "text")?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_ascii_and_unique() {
        assert_eq!(slug("CCSS.Math.Content.6.RP.A", false), "CCSS-Math-Content-6-RP-A");
        assert_eq!(
            statement_slug("Understand ratio concepts and use ratio reasoning to solve"),
            "understand-ratio-concepts-and-use-ratio"
        );
        assert_eq!(slug("Éducation à l’école", true), "education-a-l-ecole");
        assert_eq!(slug("数学", true), "shu-xue");
        assert_eq!(slug("𝑑", true), "d");
        let mut ids = Ids::default();
        assert_eq!(ids.take("a", "item"), "a");
        assert_eq!(ids.take("a", "item"), "a-2");
        assert_eq!(ids.take("", "item"), "item");
    }

    #[test]
    fn text_is_quoted_safely() {
        let mut cut = 0;
        assert_eq!(
            quote("say \"hi\"\\\r\nnext\tx\u{1b}", &mut cut),
            "\"say \\\"hi\\\"\\\\\\nnext\\tx \""
        );
        assert_eq!(cut, 0);
        assert_eq!(quote("a\u{202e}b\u{2028}\u{feff}", &mut cut), "\"a\\u{202e}b\\u{2028}\\u{feff}\"");
    }
}
