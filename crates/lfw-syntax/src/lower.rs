//! The lossless tree to the typed tree the compiler reads.
//!
//! The typed tree ([`crate::ast`]) is a view of the syntax tree: what each
//! item says, with the span of every name and text, and nothing of how it
//! was laid out. Lines that did not parse are left out (their error is
//! already reported); lines built leniently (an unquoted title, levels
//! separated by commas, `after` without `for`) give what they plainly mean,
//! so that nothing downstream cascades from one mistake. Properties given
//! twice and numbers too large are found here.

use crate::ast::*;
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::kind::{SyntaxKind as K, SyntaxNode, SyntaxToken};
use crate::vocab;

/// The typed tree of a parsed file.
pub fn file(root: &SyntaxNode, errors: &mut Vec<SyntaxError>) -> File {
    let mut lower = Lower { errors };
    let mut items = Vec::new();
    let mut domain: Option<Ident> = None;
    for node in root.children().filter(|n| n.kind().is_item()) {
        let Some(mut item) = lower.item(&node) else { continue };
        // Competencies belong to the domain section they are written under.
        match &mut item {
            Item::Domain(d) => domain = Some(d.id.clone()),
            Item::Broken(b) if b.kind == ItemKind::Domain => domain = b.id.clone(),
            Item::Competency(c) => c.domain = domain.clone(),
            _ => {}
        }
        items.push(item);
    }
    File { items }
}

/// The span of a node's significant text: from its first token that is not
/// trivia to its last.
pub fn node_span(node: &SyntaxNode) -> Span {
    let mut tokens = node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia());
    let Some(first) = tokens.next() else {
        let at = usize::from(node.text_range().start());
        return Span::new(at, at);
    };
    let last = tokens.last().unwrap_or_else(|| first.clone());
    Span::new(usize::from(first.text_range().start()), usize::from(last.text_range().end()))
}

fn token_span(t: &SyntaxToken) -> Span {
    Span::new(usize::from(t.text_range().start()), usize::from(t.text_range().end()))
}

fn ident(t: &SyntaxToken) -> Ident {
    Ident {
        name: t.text().to_string(),
        span: token_span(t),
    }
}

/// The tokens directly under a node, of one kind.
fn tokens(node: &SyntaxNode, kind: K) -> impl Iterator<Item = SyntaxToken> {
    node.children_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(move |t| t.kind() == kind)
}

fn idents(node: &SyntaxNode) -> Vec<Ident> {
    tokens(node, K::Ident).map(|t| ident(&t)).collect()
}

fn first_ident(node: &SyntaxNode) -> Option<Ident> {
    tokens(node, K::Ident).next().map(|t| ident(&t))
}

fn child(node: &SyntaxNode, kind: K) -> Option<SyntaxNode> {
    node.children().find(|n| n.kind() == kind)
}

fn keywords(node: &SyntaxNode) -> Vec<String> {
    tokens(node, K::Keyword).map(|t| t.text().to_string()).collect()
}

/// A `Text` node: its quoted pieces, unescaped and joined with a space.
fn text(node: &SyntaxNode) -> Text {
    let pieces: Vec<String> = tokens(node, K::Quoted).map(|t| crate::parser::unquote(t.text())).collect();
    Text {
        value: pieces.join(" "),
        span: node_span(node),
    }
}

fn text_child(node: &SyntaxNode) -> Option<Text> {
    child(node, K::Text).map(|t| text(&t))
}

struct Lower<'e> {
    errors: &'e mut Vec<SyntaxError>,
}

/// Keeps a property that may be given once; a second one is an error that
/// points at both. `seen` remembers where the first one was.
fn once<T>(slot: &mut Option<T>, seen: &mut Option<Span>, value: T, span: Span, property: &'static str, errors: &mut Vec<SyntaxError>) {
    match *seen {
        Some(first) => errors.push(SyntaxError::new(SyntaxErrorKind::DuplicateProperty { property, first }, span)),
        None => {
            *seen = Some(span);
            *slot = Some(value);
        }
    }
}

/// The id and title of an item's header. The title of a header that did
/// not parse is what stands after the id (an unquoted title), or empty.
struct Head {
    kind: ItemKind,
    id: Option<Ident>,
    title: Text,
}

impl Lower<'_> {
    fn head(&self, item: &SyntaxNode) -> Option<Head> {
        let header = child(item, K::Header)?;
        let keyword = header
            .children_with_tokens()
            .filter_map(|e| e.into_token())
            .find(|t| !t.kind().is_trivia())?;
        let kind = vocab::item_keyword(keyword.text())?;
        let id = first_ident(&header);
        let title = match (child(&header, K::Text), child(&header, K::Error)) {
            (Some(t), _) => text(&t),
            (None, Some(words)) => Text {
                value: words.text().to_string(),
                span: node_span(&words),
            },
            (None, None) => Text {
                value: String::new(),
                span: node_span(&header),
            },
        };
        Some(Head { kind, id, title })
    }

    fn item(&mut self, node: &SyntaxNode) -> Option<Item> {
        let head = self.head(node)?;
        let span = node_span(node);
        let id = match (head.kind, head.id) {
            // An import has a path and no id; a broken one reads nothing.
            (ItemKind::Import, _) => {
                let path = text_child(&child(node, K::Header)?)?;
                return Some(Item::Import(Import { path, span }));
            }
            (kind, None) => {
                let id = vocab::id_from_title(&head.title.value).map(|name| Ident {
                    name,
                    span: head.title.span,
                });
                return Some(Item::Broken(Broken { kind, id, span }));
            }
            (_, Some(id)) => id,
        };
        let lines: Vec<SyntaxNode> = node.children().filter(|n| !matches!(n.kind(), K::Header | K::Error)).collect();
        let damaged = node.descendants().any(|n| n.kind() == K::Error);
        Some(match head.kind {
            // Read above, without an id.
            ItemKind::Import => return None,
            ItemKind::Framework => Item::Framework(FrameworkHeader {
                damaged,
                ..self.framework(id, head.title, &lines, span)
            }),
            ItemKind::Scale => Item::Scale(Scale {
                damaged,
                ..self.scale(id, head.title, &lines, span)
            }),
            ItemKind::Domain => Item::Domain(self.domain(id, head.title, &lines, span)),
            ItemKind::Competency(kind) => Item::Competency(self.competency(kind, id, head.title, &lines, span)),
            ItemKind::Credential => Item::Credential(self.credential(id, head.title, &lines, span)),
            ItemKind::Role => Item::Role(Role {
                damaged,
                ..self.role(id, head.title, &lines, span)
            }),
            ItemKind::Crosswalk => Item::Crosswalk(self.crosswalk(id, head.title, &lines, span)),
        })
    }

    fn number(&mut self, t: &SyntaxToken) -> u32 {
        match t.text().parse::<u32>() {
            Ok(n) if n < crate::MAX_NUMBER => n,
            _ => {
                self.errors.push(SyntaxError::new(SyntaxErrorKind::NumberTooLarge, token_span(t)));
                0
            }
        }
    }

    /// A `Duration` node, when its unit is one the language knows.
    fn duration(&mut self, node: &SyntaxNode) -> Option<Duration> {
        let n = tokens(node, K::Number).next()?;
        let months = vocab::unit_months(tokens(node, K::Unit).next()?.text())?;
        let n = self.number(&n);
        Some(Duration {
            months: n * months,
            span: node_span(node),
        })
    }

    fn note(&self, node: &SyntaxNode) -> Option<Note> {
        let kind = match keywords(node).first().map(String::as_str) {
            Some("interpretation") => NoteKind::Interpretation,
            _ => NoteKind::Note,
        };
        Some(Note {
            kind,
            text: text_child(node)?,
        })
    }

    fn framework(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> FrameworkHeader {
        let mut h = FrameworkHeader {
            id,
            title,
            version: None,
            owner: None,
            sector: None,
            sources: Vec::new(),
            extends: None,
            default_scale: None,
            evidence: None,
            evidence_valid: None,
            description: None,
            notes: Vec::new(),
            span,
            damaged: false,
        };
        let (mut v, mut o, mut s, mut d, mut ds) = (None, None, None, None, None);
        let (mut er, mut ev, mut ex) = (None, None, None);
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::Version => {
                    if let Some(t) = text_child(p) {
                        once(&mut h.version, &mut v, t, pspan, "version", self.errors);
                    }
                }
                K::Owner => {
                    if let Some(t) = text_child(p) {
                        once(&mut h.owner, &mut o, t, pspan, "owner", self.errors);
                    }
                }
                K::Sector => {
                    if let Some(t) = text_child(p) {
                        once(&mut h.sector, &mut s, t, pspan, "sector", self.errors);
                    }
                }
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut h.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::DefaultScale => {
                    if let Some(id) = first_ident(p) {
                        once(&mut h.default_scale, &mut ds, id, pspan, "default scale", self.errors);
                    }
                }
                K::Evidence => {
                    if let Some(valid) = child(p, K::EvidenceValid) {
                        if let Some(t) = child(&valid, K::Duration).and_then(|d| self.duration(&d)) {
                            once(&mut h.evidence_valid, &mut ev, t, pspan, "evidence valid for", self.errors);
                        }
                    } else if let Some(ranked) = child(p, K::EvidenceRanked) {
                        once(
                            &mut h.evidence,
                            &mut er,
                            EvidenceRule::Ranked(idents(&ranked)),
                            pspan,
                            "evidence",
                            self.errors,
                        );
                    } else if let Some(rule) = tokens(p, K::Keyword).nth(1) {
                        let rspan = token_span(&rule);
                        let rule = match rule.text() {
                            "highest" => EvidenceRule::Highest(rspan),
                            "lowest" => EvidenceRule::Lowest(rspan),
                            "median" => EvidenceRule::Median(rspan),
                            _ => EvidenceRule::Latest(rspan),
                        };
                        once(&mut h.evidence, &mut er, rule, pspan, "evidence", self.errors);
                    }
                }
                K::Extends => {
                    if let Some(id) = first_ident(p) {
                        once(&mut h.extends, &mut ex, id, pspan, "extends", self.errors);
                    }
                }
                K::Source => h.sources.extend(text_child(p)),
                K::Note => h.notes.extend(self.note(p)),
                _ => {}
            }
        }
        h
    }

    fn scale(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Scale {
        let mut scale = Scale {
            id,
            title: Some(title),
            levels: Vec::new(),
            level_titles: Vec::new(),
            description: None,
            notes: Vec::new(),
            span,
            damaged: false,
        };
        let (mut levels_at, mut d) = (None, None);
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::Levels => match levels_at {
                    Some(first) => self.errors.push(SyntaxError::new(
                        SyntaxErrorKind::DuplicateProperty { property: "levels", first },
                        pspan,
                    )),
                    None => {
                        levels_at = Some(pspan);
                        scale.levels = levels(p);
                    }
                },
                K::LevelTitle => {
                    if let (Some(level), Some(title)) = (first_ident(p), text_child(p)) {
                        scale.level_titles.push(LevelTitle { level, title, span: pspan });
                    }
                }
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut scale.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::Note => scale.notes.extend(self.note(p)),
                _ => {}
            }
        }
        scale
    }

    fn domain(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Domain {
        let mut domain = Domain {
            id,
            title,
            description: None,
            notes: Vec::new(),
            span,
        };
        let mut d = None;
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut domain.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::Note => domain.notes.extend(self.note(p)),
                _ => {}
            }
        }
        domain
    }

    fn competency(&mut self, kind: CompetencyKind, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Competency {
        let mut c = Competency {
            kind,
            id,
            title,
            domain: None,
            description: None,
            scale: None,
            indicators: Vec::new(),
            descriptors: Vec::new(),
            prerequisites: Vec::new(),
            notes: Vec::new(),
            span,
        };
        let (mut d, mut r) = (None, None);
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut c.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::RatedOn => {
                    if let Some(id) = first_ident(p) {
                        once(&mut c.scale, &mut r, id, pspan, "rated on", self.errors);
                    }
                }
                K::Indicator => {
                    if let Some(text) = text_child(p) {
                        let negative = keywords(p).iter().any(|k| k == "negative");
                        c.indicators.push(Indicator {
                            negative,
                            text,
                            span: pspan,
                        });
                    }
                }
                K::Descriptor => {
                    if let (Some(level), Some(text)) = (first_ident(p), text_child(p)) {
                        c.descriptors.push(Descriptor { level, text, span: pspan });
                    }
                }
                K::Prerequisite => {
                    let ids = idents(p);
                    let (at, needs, level) = match ids.as_slice() {
                        [at, needs, level] => (Some(at.clone()), needs.clone(), level.clone()),
                        [needs, level] => (None, needs.clone(), level.clone()),
                        _ => continue,
                    };
                    c.prerequisites.push(Prerequisite {
                        at,
                        needs,
                        level,
                        span: pspan,
                    });
                }
                K::Note => c.notes.extend(self.note(p)),
                _ => {}
            }
        }
        c
    }

    fn requirement(&mut self, node: &SyntaxNode) -> Option<Requirement> {
        let necessity = match keywords(node).first().map(String::as_str) {
            Some("desirable") => Necessity::Desirable,
            _ => Necessity::Essential,
        };
        let cond = node.children().next()?;
        let ids = idents(&cond);
        let condition = match (cond.kind(), ids.as_slice()) {
            (K::AllIn, [domain, level]) => Condition::AllIn {
                domain: domain.clone(),
                level: level.clone(),
            },
            (K::CountOf, [of @ .., level]) => {
                let quantity = cond
                    .children_with_tokens()
                    .filter_map(|e| e.into_token())
                    .find(|t| !t.kind().is_trivia())?;
                let qspan = token_span(&quantity);
                let count = match quantity.text() {
                    "any" => Count::Any(qspan),
                    "all" => Count::All(qspan),
                    _ => Count::Exactly(self.number(&quantity), qspan),
                };
                Condition::CountOf {
                    count,
                    of: of.to_vec(),
                    level: level.clone(),
                }
            }
            (K::Experience, [role]) => Condition::Experience {
                time: self.duration(&child(&cond, K::Duration)?)?,
                role: role.clone(),
            },
            (K::LevelReq, [competency, level]) => Condition::Level {
                competency: competency.clone(),
                level: level.clone(),
            },
            (K::NamedReq, [name]) => Condition::Named { name: name.clone() },
            _ => return None,
        };
        Some(Requirement {
            necessity,
            condition,
            span: node_span(node),
        })
    }

    fn credential(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Credential {
        let mut c = Credential {
            id,
            title,
            kind: None,
            description: None,
            requirements: Vec::new(),
            notes: Vec::new(),
            span,
        };
        let (mut k, mut d) = (None, None);
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::CredentialKind => {
                    if let Some(id) = first_ident(p) {
                        once(&mut c.kind, &mut k, id, pspan, "kind", self.errors);
                    }
                }
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut c.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::Requirement => c.requirements.extend(self.requirement(p)),
                K::Note => c.notes.extend(self.note(p)),
                _ => {}
            }
        }
        c
    }

    fn role(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Role {
        let mut role = Role {
            id,
            title,
            entry: None,
            after: Vec::new(),
            requirements: Vec::new(),
            description: None,
            notes: Vec::new(),
            span,
            damaged: false,
        };
        let (mut e, mut d) = (None, None);
        for p in lines {
            let pspan = node_span(p);
            match p.kind() {
                K::Entry => once(&mut role.entry, &mut e, pspan, pspan, "entry", self.errors),
                K::After => {
                    if let Some(from) = first_ident(p) {
                        let min_time = child(p, K::Duration).and_then(|t| self.duration(&t));
                        role.after.push(After {
                            role: from,
                            min_time,
                            span: pspan,
                        });
                    }
                }
                K::Requirement => role.requirements.extend(self.requirement(p)),
                K::Description => {
                    if let Some(t) = text_child(p) {
                        once(&mut role.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                K::Note => role.notes.extend(self.note(p)),
                _ => {}
            }
        }
        role
    }

    fn crosswalk(&mut self, id: Ident, title: Text, lines: &[SyntaxNode], span: Span) -> Crosswalk {
        let mut cw = Crosswalk {
            id,
            title,
            between: None,
            levels: Vec::new(),
            mappings: Vec::new(),
            description: None,
            notes: Vec::new(),
            span,
        };
        let (mut b, mut d) = (None, None);
        for p in lines {
            let pspan = node_span(p);
            match (p.kind(), idents(p).as_slice()) {
                (K::Between, [from, to]) => {
                    once(&mut cw.between, &mut b, (from.clone(), to.clone()), pspan, "from", self.errors);
                }
                (K::LevelMap, [from, to]) => cw.levels.push(LevelMap {
                    from: from.clone(),
                    to: to.clone(),
                    span: pspan,
                }),
                (K::Mapping, [from, to]) => {
                    let closeness = match keywords(p).iter().map(String::as_str).find(|k| is_closeness(k)) {
                        Some("exact") => Closeness::Exact,
                        Some("close") => Closeness::Close,
                        Some("broader") => Closeness::Broader,
                        Some("narrower") => Closeness::Narrower,
                        _ => Closeness::Related,
                    };
                    cw.mappings.push(Mapping {
                        from: from.clone(),
                        to: to.clone(),
                        closeness,
                        rationale: text_child(p),
                        span: pspan,
                    });
                }
                (K::Description, _) => {
                    if let Some(t) = text_child(p) {
                        once(&mut cw.description, &mut d, t, pspan, "description", self.errors);
                    }
                }
                (K::Note, _) => cw.notes.extend(self.note(p)),
                _ => {}
            }
        }
        cw
    }
}

fn is_closeness(word: &str) -> bool {
    matches!(word, "exact" | "close" | "broader" | "narrower" | "related")
}

/// The levels of a `levels` line, lowest first: its names, and the quoted
/// ones of a line built leniently (`levels "a" < "b"`) when they can be ids.
fn levels(node: &SyntaxNode) -> Vec<Ident> {
    let mut out = Vec::new();
    for e in node.children_with_tokens() {
        match e {
            rowan::NodeOrToken::Token(t) if t.kind() == K::Ident => out.push(ident(&t)),
            rowan::NodeOrToken::Node(n) if n.kind() == K::Error => {
                for t in tokens(&n, K::Quoted) {
                    let name = crate::parser::unquote(t.text());
                    if vocab::is_id(&name) {
                        out.push(Ident {
                            name,
                            span: token_span(&t),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

pub(crate) fn unescape_into(raw: &str, out: &mut String) {
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => match unicode_escape(chars.as_str()) {
                // `\u{202e}`: a character that is invisible, or reorders
                // text, written so that it can be seen in the source.
                Some((c, len)) => {
                    out.push(c);
                    chars = chars.as_str()[len..].chars();
                }
                None => out.push('u'),
            },
            Some(other) => out.push(other),
            None => {}
        }
    }
}

/// The character of `{hex}` at the start of `rest` (1 to 6 hex digits, a
/// Unicode scalar value) and the length of `{hex}`; `None` for anything
/// else, so that `\u` followed by anything else stands for `u`, as a
/// backslash before any other character does.
fn unicode_escape(rest: &str) -> Option<(char, usize)> {
    let digits = rest.strip_prefix('{')?;
    let end = digits.find('}')?;
    let hex = &digits[..end];
    if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, end + 2))
}

#[cfg(test)]
mod tests {
    fn unescape(raw: &str) -> String {
        let mut out = String::new();
        super::unescape_into(raw, &mut out);
        out
    }

    #[test]
    fn unicode_escapes_stand_for_their_character() {
        assert_eq!(unescape(r"a\u{202e}b\u{FEFF}\u{1F600}"), "a\u{202e}b\u{feff}\u{1f600}");
        // Anything else after `\u` is read as before: the `u` itself.
        assert_eq!(
            unescape(r"\u{}\u{zz}\u{110000}\u{d800}\u{1234567}\u"),
            "u{}u{zz}u{110000}u{d800}u{1234567}u"
        );
    }
}
