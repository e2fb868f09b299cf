//! What the language server knows of a set of files without compiling
//! them: every declaration (an id, with its kind, title and text) and every
//! use of a name, read off each file's typed tree (`lfw_syntax::ast`), with
//! the byte spans the tree carries. Definition, references, hover, rename
//! and completion are questions over this index; diagnostics come from the
//! compiler itself.

use lfw_syntax::ast::{self, Condition, Item};
use lfw_syntax::Span;

/// The kinds of things a name can declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Framework,
    Scale,
    Level,
    Domain,
    Competency,
    Credential,
    Role,
    Crosswalk,
}

impl Kind {
    /// Whether ids of this kind share the one namespace of a framework's
    /// elements (levels are named within their scale instead).
    pub fn is_element(self) -> bool {
        matches!(self, Kind::Scale | Kind::Domain | Kind::Competency | Kind::Credential | Kind::Role)
    }

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Framework => "framework",
            Kind::Scale => "scale",
            Kind::Level => "level",
            Kind::Domain => "domain",
            Kind::Competency => "competency",
            Kind::Credential => "credential",
            Kind::Role => "role",
            Kind::Crosswalk => "crosswalk",
        }
    }
}

/// A declaration: where an id is given its meaning.
#[derive(Clone, Debug)]
pub struct Def {
    pub name: String,
    pub kind: Kind,
    /// The keyword that declared it (`skill`, `role`, …; `level` for a level).
    pub keyword: &'static str,
    /// Index of its file in the world.
    pub file: usize,
    /// The id as written.
    pub span: Span,
    /// The whole item (for a level, its name).
    pub item: Span,
    pub title: Option<String>,
    pub description: Option<String>,
    /// A competency's scale (`rated on`), a level's scale.
    pub scale: Option<String>,
    /// A competency's level descriptors; a scale's levels (with no text).
    pub levels: Vec<(String, String)>,
    /// The domain a competency is written under.
    pub domain: Option<String>,
}

/// How the scale of a level that is used is found.
#[derive(Clone, Debug)]
pub enum LevelOf {
    /// A scale named outright (a scale's own `level` lines, a competency's
    /// `rated on`).
    Scale(String),
    /// The scale of a competency (`requires x at strong`).
    Competency(String),
    /// The framework's default scale, if any.
    Default,
    /// Unknown: any scale.
    Any,
}

/// A use of a name.
#[derive(Clone, Debug)]
pub struct Use {
    pub name: String,
    /// The kinds of thing it may name, most likely first.
    pub kinds: &'static [Kind],
    pub file: usize,
    pub span: Span,
    /// For a level: where its scale comes from.
    pub level_of: LevelOf,
    /// The item it is written in, as `role sergeant`.
    pub context: String,
}

/// The declarations and uses of a set of files.
#[derive(Default)]
pub struct Index {
    pub defs: Vec<Def>,
    pub uses: Vec<Use>,
    /// The first default scale declared (the root file's comes first).
    pub default_scale: Option<String>,
}

/// What a name at a place stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub name: String,
    /// For a level, its scale when known.
    pub scale: Option<String>,
}

const COMPETENCY: &[Kind] = &[Kind::Competency];
const ROLE: &[Kind] = &[Kind::Role];
const LEVEL: &[Kind] = &[Kind::Level];
const SCALE: &[Kind] = &[Kind::Scale];
const DOMAIN: &[Kind] = &[Kind::Domain];
const FRAMEWORK: &[Kind] = &[Kind::Framework];
const NAMED: &[Kind] = &[Kind::Credential, Kind::Role, Kind::Competency];

impl Index {
    /// Adds the declarations and uses of one file, `file` being its index
    /// in the world.
    pub fn add(&mut self, file: usize, tree: &ast::File) {
        for item in &tree.items {
            self.item(file, item);
        }
    }

    fn def(&mut self, file: usize, kind: Kind, keyword: &'static str, id: &ast::Ident, item: Span) -> &mut Def {
        self.defs.push(Def {
            name: id.name.clone(),
            kind,
            keyword,
            file,
            span: id.span,
            item,
            title: None,
            description: None,
            scale: None,
            levels: Vec::new(),
            domain: None,
        });
        self.defs.last_mut().expect("just pushed")
    }

    fn use_(&mut self, file: usize, id: &ast::Ident, kinds: &'static [Kind], level_of: LevelOf, context: &str) {
        self.uses.push(Use {
            name: id.name.clone(),
            kinds,
            file,
            span: id.span,
            level_of,
            context: context.to_string(),
        });
    }

    fn item(&mut self, file: usize, item: &Item) {
        match item {
            Item::Framework(h) => {
                let d = self.def(file, Kind::Framework, "framework", &h.id, h.span);
                d.title = Some(h.title.value.clone());
                d.description = h.description.as_ref().map(|t| t.value.clone());
                let context = format!("framework {}", h.id.name);
                if let Some(base) = &h.extends {
                    self.use_(file, base, FRAMEWORK, LevelOf::Any, &context);
                }
                if let Some(scale) = &h.default_scale {
                    self.use_(file, scale, SCALE, LevelOf::Any, &context);
                    if self.default_scale.is_none() {
                        self.default_scale = Some(scale.name.clone());
                    }
                }
            }
            Item::Import(_) | Item::Broken(_) => {}
            Item::Scale(s) => {
                let d = self.def(file, Kind::Scale, "scale", &s.id, s.span);
                d.title = s.title.as_ref().map(|t| t.value.clone());
                d.description = s.description.as_ref().map(|t| t.value.clone());
                d.levels = s
                    .levels
                    .iter()
                    .map(|l| {
                        let title = s.level_titles.iter().find(|t| t.level.name == l.name);
                        (l.name.clone(), title.map(|t| t.title.value.clone()).unwrap_or_default())
                    })
                    .collect();
                for level in &s.levels {
                    let title = s.level_titles.iter().find(|t| t.level.name == level.name);
                    let d = self.def(file, Kind::Level, "level", level, level.span);
                    d.scale = Some(s.id.name.clone());
                    d.title = title.map(|t| t.title.value.clone());
                }
                let context = format!("scale {}", s.id.name);
                for t in &s.level_titles {
                    self.use_(file, &t.level, LEVEL, LevelOf::Scale(s.id.name.clone()), &context);
                }
            }
            Item::Domain(x) => {
                let d = self.def(file, Kind::Domain, "domain", &x.id, x.span);
                d.title = Some(x.title.value.clone());
                d.description = x.description.as_ref().map(|t| t.value.clone());
            }
            Item::Competency(c) => {
                let d = self.def(file, Kind::Competency, c.kind.keyword(), &c.id, c.span);
                d.title = Some(c.title.value.clone());
                d.description = c.description.as_ref().map(|t| t.value.clone());
                d.scale = c.scale.as_ref().map(|s| s.name.clone());
                d.domain = c.domain.as_ref().map(|s| s.name.clone());
                d.levels = c.descriptors.iter().map(|x| (x.level.name.clone(), x.text.value.clone())).collect();
                let context = format!("{} {}", c.kind.keyword(), c.id.name);
                let own = match &c.scale {
                    Some(s) => LevelOf::Scale(s.name.clone()),
                    None => LevelOf::Default,
                };
                if let Some(scale) = &c.scale {
                    self.use_(file, scale, SCALE, LevelOf::Any, &context);
                }
                for x in &c.descriptors {
                    self.use_(file, &x.level, LEVEL, own.clone(), &context);
                }
                for p in &c.prerequisites {
                    if let Some(at) = &p.at {
                        self.use_(file, at, LEVEL, own.clone(), &context);
                    }
                    self.use_(file, &p.needs, COMPETENCY, LevelOf::Any, &context);
                    self.use_(file, &p.level, LEVEL, LevelOf::Competency(p.needs.name.clone()), &context);
                }
            }
            Item::Credential(c) => {
                let d = self.def(file, Kind::Credential, "credential", &c.id, c.span);
                d.title = Some(c.title.value.clone());
                d.description = c.description.as_ref().map(|t| t.value.clone());
                let context = format!("credential {}", c.id.name);
                for r in &c.requirements {
                    self.requirement(file, &r.condition, &context);
                }
            }
            Item::Role(r) => {
                let d = self.def(file, Kind::Role, "role", &r.id, r.span);
                d.title = Some(r.title.value.clone());
                d.description = r.description.as_ref().map(|t| t.value.clone());
                let context = format!("role {}", r.id.name);
                for a in &r.after {
                    self.use_(file, &a.role, ROLE, LevelOf::Any, &context);
                }
                for q in &r.requirements {
                    self.requirement(file, &q.condition, &context);
                }
            }
            Item::Crosswalk(x) => {
                let d = self.def(file, Kind::Crosswalk, "crosswalk", &x.id, x.span);
                d.title = Some(x.title.value.clone());
                d.description = x.description.as_ref().map(|t| t.value.clone());
                let context = format!("crosswalk {}", x.id.name);
                if let Some((a, b)) = &x.between {
                    self.use_(file, a, FRAMEWORK, LevelOf::Any, &context);
                    self.use_(file, b, FRAMEWORK, LevelOf::Any, &context);
                }
                for l in &x.levels {
                    self.use_(file, &l.from, LEVEL, LevelOf::Any, &context);
                    self.use_(file, &l.to, LEVEL, LevelOf::Any, &context);
                }
                for m in &x.mappings {
                    self.use_(file, &m.from, COMPETENCY, LevelOf::Any, &context);
                    self.use_(file, &m.to, COMPETENCY, LevelOf::Any, &context);
                }
            }
        }
    }

    fn requirement(&mut self, file: usize, condition: &Condition, context: &str) {
        match condition {
            Condition::Level { competency, level } => {
                self.use_(file, competency, COMPETENCY, LevelOf::Any, context);
                self.use_(file, level, LEVEL, LevelOf::Competency(competency.name.clone()), context);
            }
            Condition::Named { name } => self.use_(file, name, NAMED, LevelOf::Any, context),
            Condition::Experience { role, .. } => self.use_(file, role, ROLE, LevelOf::Any, context),
            Condition::AllIn { domain, level } => {
                self.use_(file, domain, DOMAIN, LevelOf::Any, context);
                self.use_(file, level, LEVEL, LevelOf::Default, context);
            }
            Condition::CountOf { of, level, .. } => {
                for c in of {
                    self.use_(file, c, COMPETENCY, LevelOf::Any, context);
                }
                let level_of = match of.first() {
                    Some(c) => LevelOf::Competency(c.name.clone()),
                    None => LevelOf::Default,
                };
                self.use_(file, level, LEVEL, level_of, context);
            }
        }
    }

    /// The scale a use of a level refers to, when it can be told.
    pub fn scale_of(&self, level_of: &LevelOf) -> Option<String> {
        match level_of {
            LevelOf::Scale(s) => Some(s.clone()),
            LevelOf::Competency(c) => self
                .defs
                .iter()
                .find(|d| d.kind == Kind::Competency && d.name == *c)
                .and_then(|d| d.scale.clone())
                .or_else(|| self.default_scale.clone()),
            LevelOf::Default => self.default_scale.clone(),
            LevelOf::Any => None,
        }
    }

    /// The declarations a target names.
    pub fn defs_of<'a>(&'a self, t: &'a Target) -> impl Iterator<Item = &'a Def> + 'a {
        self.defs
            .iter()
            .filter(move |d| d.kind == t.kind && d.name == t.name && (t.kind != Kind::Level || t.scale.is_none() || d.scale == t.scale))
    }

    /// What a use names: the declaration it resolves to, if any.
    pub fn resolve(&self, u: &Use) -> Target {
        let scale = if u.kinds == LEVEL { self.scale_of(&u.level_of) } else { None };
        for kind in u.kinds {
            let found = self
                .defs
                .iter()
                .find(|d| d.kind == *kind && d.name == u.name && (*kind != Kind::Level || scale.is_none() || d.scale == scale));
            if let Some(d) = found {
                return Target {
                    kind: d.kind,
                    name: d.name.clone(),
                    scale: d.scale.clone().filter(|_| d.kind == Kind::Level),
                };
            }
        }
        // A level of a scale that does not declare it: any level so named.
        if u.kinds == LEVEL {
            if let Some(d) = self.defs.iter().find(|d| d.kind == Kind::Level && d.name == u.name) {
                return Target {
                    kind: Kind::Level,
                    name: d.name.clone(),
                    scale: d.scale.clone(),
                };
            }
        }
        Target {
            kind: u.kinds[0],
            name: u.name.clone(),
            scale,
        }
    }

    /// The name at a byte offset of a file, and what it stands for.
    pub fn at(&self, file: usize, offset: usize) -> Option<(Span, Target)> {
        let inside = |s: &Span| s.start <= offset && offset <= s.end;
        if let Some(d) = self.defs.iter().find(|d| d.file == file && inside(&d.span)) {
            let target = Target {
                kind: d.kind,
                name: d.name.clone(),
                scale: d.scale.clone().filter(|_| d.kind == Kind::Level),
            };
            return Some((d.span, target));
        }
        let u = self.uses.iter().find(|u| u.file == file && inside(&u.span))?;
        Some((u.span, self.resolve(u)))
    }

    /// Every use of a target.
    pub fn uses_of<'a>(&'a self, t: &'a Target) -> impl Iterator<Item = &'a Use> + 'a {
        self.uses
            .iter()
            .filter(move |u| u.name == t.name && u.kinds.contains(&t.kind) && self.resolve(u) == *t)
    }
}
