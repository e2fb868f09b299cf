//! pest pairs to the typed tree. Nothing outside this module sees a pair.

use crate::ast::*;
use crate::chunk::{leading_word, Chunk};
use crate::error::{Expected, Found, SyntaxError, SyntaxErrorKind};
use pest::iterators::Pair;
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/lfw.pest"]
struct LfwParser;

/// Reads one item. On a syntax error the item comes back as
/// [`Item::Broken`], keeping its keyword and id when they could be read.
pub fn item(text: &str, chunk: Chunk, kind: ItemKind, errors: &mut Vec<SyntaxError>) -> Item {
    let src = &text[chunk.start..chunk.end];
    let at = chunk.start;
    let span = trimmed_span(src, at);
    if let Some(e) = unterminated_text(src, at) {
        errors.push(e);
        return broken(src, at, kind, span);
    }
    match LfwParser::parse(Rule::item, src) {
        Ok(mut pairs) => {
            let pair = pairs.next().expect("the item rule always yields its item");
            let mut lower = Lower { at, errors };
            lower.item(pair, span)
        }
        Err(e) => {
            errors.push(unexpected(src, at, Some(kind), &e));
            broken(src, at, kind, span)
        }
    }
}

/// Reports text that stands before the first item and is not a comment.
pub fn stray(text: &str, chunk: Chunk, errors: &mut Vec<SyntaxError>) {
    let src = &text[chunk.start..chunk.end];
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !trimmed.trim_end().is_empty() && !trimmed.starts_with("//") {
            let start = chunk.start + offset + (line.len() - trimmed.len());
            let found = found_at(trimmed);
            let len = found_len(&found);
            errors.push(SyntaxError {
                kind: SyntaxErrorKind::Stray { found },
                span: Span::new(start, start + len),
            });
            return;
        }
        offset += line.len();
    }
}

fn trimmed_span(src: &str, at: usize) -> Span {
    Span::new(at, at + src.trim_end().len())
}

fn broken(src: &str, at: usize, kind: ItemKind, span: Span) -> Item {
    let keyword = leading_word(src);
    let rest = &src[keyword.len()..];
    let gap = rest.len() - rest.trim_start().len();
    let word = leading_word(rest.trim_start());
    let id = (!word.is_empty() && !rest.starts_with('\n') && gap > 0).then(|| {
        let start = at + keyword.len() + gap;
        Ident {
            name: word.to_string(),
            span: Span::new(start, start + word.len()),
        }
    });
    Item::Broken(Broken { kind, id, span })
}

/// Text must close on its own line; finding that here gives a far clearer
/// message than the parser's view of it.
fn unterminated_text(src: &str, at: usize) -> Option<SyntaxError> {
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        let mut open: Option<usize> = None;
        let mut chars = line.char_indices();
        while let Some((i, c)) = chars.next() {
            match (open, c) {
                (None, '/') if line[i..].starts_with("//") => break,
                (None, '"') => open = Some(i),
                (Some(_), '\\') => {
                    chars.next();
                }
                (Some(_), '"') => open = None,
                _ => {}
            }
        }
        if let Some(i) = open {
            let end = line.trim_end().len().max(i + 1);
            return Some(SyntaxError {
                kind: SyntaxErrorKind::UnterminatedText,
                span: Span::new(at + offset + i, at + offset + end),
            });
        }
        offset += line.len();
    }
    None
}

fn unexpected(src: &str, at: usize, item: Option<ItemKind>, e: &pest::error::Error<Rule>) -> SyntaxError {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<Expected> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.iter().flat_map(|r| expected_for(*r)).collect(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    // After a title, another quoted piece may follow; naming that next to
    // the keywords that may follow only confuses.
    if expected.iter().any(|e| matches!(e, Expected::Keyword(_))) {
        expected.retain(|e| *e != Expected::Text);
    }
    // Point past the item's last word, not at the next item's keyword.
    let pos = pos.min(src.trim_end().len());
    let found = found_at(&src[pos..]);
    let len = found_len(&found);
    SyntaxError {
        kind: SyntaxErrorKind::Unexpected { item, expected, found },
        span: Span::new(at + pos, at + pos + len),
    }
}

fn found_at(rest: &str) -> Found {
    let rest = rest.trim_end();
    let word = leading_word(rest);
    if !word.is_empty() {
        Found::Word(word.to_string())
    } else {
        match rest.chars().next() {
            Some(c) => Found::Char(c),
            None => Found::EndOfItem,
        }
    }
}

fn found_len(found: &Found) -> usize {
    match found {
        Found::Word(w) => w.len(),
        Found::Char(c) => c.len_utf8(),
        Found::EndOfItem => 0,
    }
}

/// What a grammar rule stands for, in the words of the language.
fn expected_for(rule: Rule) -> Vec<Expected> {
    use Expected::*;
    let keyword = |k: &'static str| vec![Keyword(k)];
    match rule {
        Rule::EOI => vec![EndOfItem],
        Rule::id | Rule::named_req | Rule::level_req => vec![Name],
        Rule::string | Rule::quoted | Rule::text | Rule::description | Rule::note => {
            if rule == Rule::description {
                keyword("description")
            } else if rule == Rule::note {
                vec![Keyword("note"), Keyword("interpretation")]
            } else {
                vec![Text]
            }
        }
        Rule::number => vec![Number],
        Rule::duration => vec![Number],
        Rule::duration_unit => vec![Keyword("years"), Keyword("months")],
        Rule::quantity | Rule::count_of => vec![Number, Keyword("any"), Keyword("all")],
        Rule::experience => vec![Number],
        Rule::all_in => keyword("all"),
        Rule::note_kind => vec![Keyword("note"), Keyword("interpretation")],
        Rule::competency_kind | Rule::competency => vec![
            Keyword("competency"),
            Keyword("behaviour"),
            Keyword("quality"),
            Keyword("value"),
            Keyword("skill"),
        ],
        Rule::indicator_sign => vec![Keyword("positive"), Keyword("negative")],
        Rule::indicator => keyword("indicator"),
        Rule::necessity | Rule::requirement => vec![Keyword("requires"), Keyword("desirable")],
        Rule::closeness => vec![
            Keyword("exact"),
            Keyword("close"),
            Keyword("broader"),
            Keyword("narrower"),
            Keyword("related"),
        ],
        Rule::version | Rule::k_version => keyword("version"),
        Rule::owner | Rule::k_owner => keyword("owner"),
        Rule::sector | Rule::k_sector => keyword("sector"),
        Rule::source | Rule::k_source => keyword("source"),
        Rule::default_scale | Rule::k_default => keyword("default"),
        Rule::evidence | Rule::k_evidence => keyword("evidence"),
        Rule::evidence_rule => vec![Keyword("latest"), Keyword("highest"), Keyword("lowest"), Keyword("median")],
        Rule::evidence_ranked | Rule::k_ranked => keyword("ranked"),
        Rule::evidence_valid | Rule::k_valid => keyword("valid"),
        Rule::levels | Rule::k_levels => keyword("levels"),
        Rule::rated_on | Rule::k_rated => keyword("rated"),
        Rule::descriptor | Rule::prerequisite | Rule::k_at => keyword("at"),
        Rule::k_needs => keyword("needs"),
        Rule::credential_kind | Rule::k_kind => keyword("kind"),
        Rule::entry | Rule::k_entry => keyword("entry"),
        Rule::after | Rule::k_after => keyword("after"),
        Rule::between | Rule::k_from => keyword("from"),
        Rule::level_map | Rule::k_level => keyword("level"),
        Rule::mapping | Rule::k_map => keyword("map"),
        Rule::k_description => keyword("description"),
        Rule::k_all => keyword("all"),
        Rule::k_as => keyword("as"),
        Rule::k_because => keyword("because"),
        Rule::k_for => keyword("for"),
        Rule::k_in => keyword("in"),
        Rule::k_of => keyword("of"),
        Rule::k_on => keyword("on"),
        Rule::k_to => keyword("to"),
        Rule::k_scale => keyword("scale"),
        Rule::k_indicator => keyword("indicator"),
        Rule::framework | Rule::k_framework => keyword("framework"),
        Rule::import | Rule::k_import => keyword("import"),
        Rule::extends | Rule::k_extends => keyword("extends"),
        Rule::scale => keyword("scale"),
        Rule::domain | Rule::k_domain => keyword("domain"),
        Rule::credential | Rule::k_credential => keyword("credential"),
        Rule::role | Rule::k_role => keyword("role"),
        Rule::crosswalk | Rule::k_crosswalk => keyword("crosswalk"),
        _ => Vec::new(),
    }
}

struct Lower<'e> {
    at: usize,
    errors: &'e mut Vec<SyntaxError>,
}

/// Keeps a property that may be given once; a second one is an error that
/// points at both. `seen` remembers where the first one was.
fn once<T>(slot: &mut Option<T>, seen: &mut Option<Span>, value: T, span: Span, property: &'static str, errors: &mut Vec<SyntaxError>) {
    match *seen {
        Some(first) => errors.push(SyntaxError {
            kind: SyntaxErrorKind::DuplicateProperty { property, first },
            span,
        }),
        None => {
            *seen = Some(span);
            *slot = Some(value);
        }
    }
}

impl Lower<'_> {
    /// The pair's span without the whitespace and comments pest lets a
    /// rule swallow after its last token: it ends where its last token does.
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let start = pair.as_span().start();
        let mut last = pair.clone();
        // A quoted piece is a leaf: its inner text stops before the quote.
        while last.as_rule() != Rule::quoted {
            match last.clone().into_inner().last() {
                Some(inner) => last = inner,
                None => break,
            }
        }
        let end = if last.as_rule() == pair.as_rule() && last.as_span() == pair.as_span() {
            start + pair.as_str().trim_end().len()
        } else {
            last.as_span().end()
        };
        Span::new(self.at + start, self.at + end)
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn text(&self, pair: Pair<Rule>) -> Text {
        // `string` is one or more quoted pieces, joined with a space.
        let span = self.span(&pair);
        let mut value = String::new();
        for quoted in pair.into_inner() {
            if !value.is_empty() {
                value.push(' ');
            }
            let raw = quoted.into_inner().next().map(|t| t.as_str()).unwrap_or("");
            unescape_into(raw, &mut value);
        }
        Text { value, span }
    }

    /// The idents and strings of a pair, in order, skipping keywords.
    fn parts<'i>(&self, pair: Pair<'i, Rule>) -> Vec<Pair<'i, Rule>> {
        pair.into_inner().filter(|p| !is_keyword(p.as_rule())).collect()
    }

    fn note(&self, pair: Pair<Rule>) -> Note {
        let mut inner = pair.into_inner();
        let kind = match inner.next().map(|p| p.as_str().to_string()).as_deref() {
            Some(k) if k.starts_with("interpretation") => NoteKind::Interpretation,
            _ => NoteKind::Note,
        };
        let text = self.text(inner.next().expect("note has text"));
        Note { kind, text }
    }

    fn number(&mut self, pair: Pair<Rule>) -> u32 {
        let span = self.span(&pair);
        match pair.as_str().parse::<u32>() {
            Ok(n) if n < 100_000 => n,
            _ => {
                self.errors.push(SyntaxError {
                    kind: SyntaxErrorKind::NumberTooLarge,
                    span,
                });
                0
            }
        }
    }

    fn duration(&mut self, pair: Pair<Rule>) -> Duration {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let n = self.number(inner.next().expect("duration has a number"));
        let unit = inner.next().map(|p| p.as_str().to_string()).unwrap_or_default();
        let months = if unit.starts_with('y') { n * 12 } else { n };
        Duration { months, span }
    }

    fn item(&mut self, pair: Pair<Rule>, span: Span) -> Item {
        match pair.as_rule() {
            Rule::framework => Item::Framework(self.framework(pair, span)),
            Rule::import => {
                let text = self.text(self.parts(pair).remove(0));
                Item::Import(Import { path: text, span })
            }
            Rule::scale => Item::Scale(self.scale(pair, span)),
            Rule::domain => Item::Domain(self.domain(pair, span)),
            Rule::competency => Item::Competency(self.competency(pair, span)),
            Rule::credential => Item::Credential(self.credential(pair, span)),
            Rule::role => Item::Role(self.role(pair, span)),
            Rule::crosswalk => Item::Crosswalk(self.crosswalk(pair, span)),
            other => unreachable!("the item rule only yields items, not {other:?}"),
        }
    }

    fn framework(&mut self, pair: Pair<Rule>, span: Span) -> FrameworkHeader {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("framework id"));
        let title = self.text(parts.next().expect("framework title"));
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
        };
        let (mut v, mut o, mut s, mut d, mut ds) = (None, None, None, None, None);
        let (mut er, mut ev, mut ex) = (None, None, None);
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::version => {
                    let t = self.prop_text(p);
                    once(&mut h.version, &mut v, t, pspan, "version", self.errors);
                }
                Rule::owner => {
                    let t = self.prop_text(p);
                    once(&mut h.owner, &mut o, t, pspan, "owner", self.errors);
                }
                Rule::sector => {
                    let t = self.prop_text(p);
                    once(&mut h.sector, &mut s, t, pspan, "sector", self.errors);
                }
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut h.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::default_scale => {
                    let id = self.prop_ident(p);
                    once(&mut h.default_scale, &mut ds, id, pspan, "default scale", self.errors);
                }
                Rule::evidence => {
                    let inner = self.parts(p).into_iter().next().expect("evidence has a rule");
                    match inner.as_rule() {
                        Rule::evidence_valid => {
                            let t = self.parts(inner).into_iter().next().expect("duration");
                            let t = self.duration(t);
                            once(&mut h.evidence_valid, &mut ev, t, pspan, "evidence valid for", self.errors);
                        }
                        Rule::evidence_ranked => {
                            let sources = self.parts(inner).into_iter().map(|q| self.ident(q)).collect();
                            once(
                                &mut h.evidence,
                                &mut er,
                                EvidenceRule::Ranked(sources),
                                pspan,
                                "evidence",
                                self.errors,
                            );
                        }
                        _ => {
                            let rspan = self.span(&inner);
                            let rule = match inner.as_str() {
                                "highest" => EvidenceRule::Highest(rspan),
                                "lowest" => EvidenceRule::Lowest(rspan),
                                "median" => EvidenceRule::Median(rspan),
                                _ => EvidenceRule::Latest(rspan),
                            };
                            once(&mut h.evidence, &mut er, rule, pspan, "evidence", self.errors);
                        }
                    }
                }
                Rule::extends => {
                    let id = self.prop_ident(p);
                    once(&mut h.extends, &mut ex, id, pspan, "extends", self.errors);
                }
                Rule::source => h.sources.push(self.prop_text(p)),
                Rule::note => h.notes.push(self.note(p)),
                _ => {}
            }
        }
        h
    }

    fn prop_text(&self, pair: Pair<Rule>) -> Text {
        let part = self
            .parts(pair)
            .into_iter()
            .find(|p| p.as_rule() == Rule::string)
            .expect("property has text");
        self.text(part)
    }

    fn prop_ident(&self, pair: Pair<Rule>) -> Ident {
        let part = self
            .parts(pair)
            .into_iter()
            .find(|p| p.as_rule() == Rule::id)
            .expect("property has a name");
        self.ident(part)
    }

    fn scale(&mut self, pair: Pair<Rule>, span: Span) -> Scale {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("scale id"));
        let title = Some(self.text(parts.next().expect("scale title")));
        let mut scale = Scale {
            id,
            title,
            levels: Vec::new(),
            description: None,
            notes: Vec::new(),
            span,
        };
        let (mut levels_at, mut d) = (None, None);
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::levels => {
                    if let Some(first) = levels_at {
                        self.errors.push(SyntaxError {
                            kind: SyntaxErrorKind::DuplicateProperty { property: "levels", first },
                            span: pspan,
                        });
                    } else {
                        levels_at = Some(pspan);
                        scale.levels = self.parts(p).into_iter().map(|l| self.ident(l)).collect();
                    }
                }
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut scale.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::note => scale.notes.push(self.note(p)),
                _ => {}
            }
        }
        scale
    }

    fn domain(&mut self, pair: Pair<Rule>, span: Span) -> Domain {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("domain id"));
        let title = self.text(parts.next().expect("domain title"));
        let mut domain = Domain {
            id,
            title,
            description: None,
            notes: Vec::new(),
            span,
        };
        let mut d = None;
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut domain.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::note => domain.notes.push(self.note(p)),
                _ => {}
            }
        }
        domain
    }

    fn competency(&mut self, pair: Pair<Rule>, span: Span) -> Competency {
        let mut parts = self.parts(pair).into_iter();
        let kind = match parts.next().expect("competency kind").as_str() {
            "behaviour" => CompetencyKind::Behaviour,
            "quality" => CompetencyKind::Quality,
            "value" => CompetencyKind::Value,
            "skill" => CompetencyKind::Skill,
            _ => CompetencyKind::Competency,
        };
        let id = self.ident(parts.next().expect("competency id"));
        let title = self.text(parts.next().expect("competency title"));
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
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut c.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::rated_on => {
                    let id = self.prop_ident(p);
                    once(&mut c.scale, &mut r, id, pspan, "rated on", self.errors);
                }
                Rule::indicator => {
                    let mut negative = false;
                    let mut text = None;
                    for q in self.parts(p) {
                        match q.as_rule() {
                            Rule::indicator_sign => negative = q.as_str().starts_with("negative"),
                            Rule::string => text = Some(self.text(q)),
                            _ => {}
                        }
                    }
                    let text = text.expect("indicator has text");
                    c.indicators.push(Indicator {
                        negative,
                        text,
                        span: pspan,
                    });
                }
                Rule::descriptor => {
                    let mut q = self.parts(p).into_iter();
                    let level = self.ident(q.next().expect("descriptor level"));
                    let text = self.text(q.next().expect("descriptor text"));
                    c.descriptors.push(Descriptor { level, text, span: pspan });
                }
                Rule::prerequisite => {
                    let ids: Vec<Ident> = self.parts(p).into_iter().map(|q| self.ident(q)).collect();
                    let (at, needs, level) = match ids.len() {
                        3 => (Some(ids[0].clone()), ids[1].clone(), ids[2].clone()),
                        _ => (None, ids[0].clone(), ids[1].clone()),
                    };
                    c.prerequisites.push(Prerequisite {
                        at,
                        needs,
                        level,
                        span: pspan,
                    });
                }
                Rule::note => c.notes.push(self.note(p)),
                _ => {}
            }
        }
        c
    }

    fn requirement(&mut self, pair: Pair<Rule>) -> Requirement {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let necessity = match inner.next().expect("necessity").as_str().starts_with("desirable") {
            true => Necessity::Desirable,
            false => Necessity::Essential,
        };
        let cond = inner.next().expect("condition");
        let condition = match cond.as_rule() {
            Rule::all_in => {
                let mut q = self.parts(cond).into_iter();
                let domain = self.ident(q.next().expect("domain"));
                let level = self.ident(q.next().expect("level"));
                Condition::AllIn { domain, level }
            }
            Rule::count_of => {
                let mut q = self.parts(cond).into_iter().collect::<Vec<_>>();
                let level = self.ident(q.pop().expect("level"));
                let mut q = q.into_iter();
                let quantity = q.next().expect("quantity");
                let qspan = self.span(&quantity);
                let count = match quantity.as_str() {
                    "any" => Count::Any(qspan),
                    "all" => Count::All(qspan),
                    _ => Count::Exactly(self.number(quantity), qspan),
                };
                let of = q.map(|p| self.ident(p)).collect();
                Condition::CountOf { count, of, level }
            }
            Rule::experience => {
                let mut q = self.parts(cond).into_iter();
                let time = self.duration(q.next().expect("duration"));
                let role = self.ident(q.next().expect("role"));
                Condition::Experience { time, role }
            }
            Rule::level_req => {
                let mut q = self.parts(cond).into_iter();
                let competency = self.ident(q.next().expect("competency"));
                let level = self.ident(q.next().expect("level"));
                Condition::Level { competency, level }
            }
            _ => {
                let name = self.ident(self.parts(cond).into_iter().next().expect("name"));
                Condition::Named { name }
            }
        };
        Requirement {
            necessity,
            condition,
            span,
        }
    }

    fn credential(&mut self, pair: Pair<Rule>, span: Span) -> Credential {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("credential id"));
        let title = self.text(parts.next().expect("credential title"));
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
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::credential_kind => {
                    let id = self.prop_ident(p);
                    once(&mut c.kind, &mut k, id, pspan, "kind", self.errors);
                }
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut c.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::requirement => {
                    let r = self.requirement(p);
                    c.requirements.push(r);
                }
                Rule::note => c.notes.push(self.note(p)),
                _ => {}
            }
        }
        c
    }

    fn role(&mut self, pair: Pair<Rule>, span: Span) -> Role {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("role id"));
        let title = self.text(parts.next().expect("role title"));
        let mut role = Role {
            id,
            title,
            entry: None,
            after: Vec::new(),
            requirements: Vec::new(),
            description: None,
            notes: Vec::new(),
            span,
        };
        let (mut e, mut d) = (None, None);
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::entry => {
                    once(&mut role.entry, &mut e, pspan, pspan, "entry", self.errors);
                }
                Rule::after => {
                    let mut q = self.parts(p).into_iter();
                    let from = self.ident(q.next().expect("after role"));
                    let min_time = q.next().map(|t| self.duration(t));
                    role.after.push(After {
                        role: from,
                        min_time,
                        span: pspan,
                    });
                }
                Rule::requirement => {
                    let r = self.requirement(p);
                    role.requirements.push(r);
                }
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut role.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::note => role.notes.push(self.note(p)),
                _ => {}
            }
        }
        role
    }

    fn crosswalk(&mut self, pair: Pair<Rule>, span: Span) -> Crosswalk {
        let mut parts = self.parts(pair).into_iter();
        let id = self.ident(parts.next().expect("crosswalk id"));
        let title = self.text(parts.next().expect("crosswalk title"));
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
        for p in parts {
            let pspan = self.span(&p);
            match p.as_rule() {
                Rule::between => {
                    let mut q = self.parts(p).into_iter();
                    let from = self.ident(q.next().expect("from"));
                    let to = self.ident(q.next().expect("to"));
                    once(&mut cw.between, &mut b, (from, to), pspan, "from", self.errors);
                }
                Rule::level_map => {
                    let mut q = self.parts(p).into_iter();
                    let from = self.ident(q.next().expect("from level"));
                    let to = self.ident(q.next().expect("to level"));
                    cw.levels.push(LevelMap { from, to, span: pspan });
                }
                Rule::mapping => {
                    let mut q = self.parts(p).into_iter();
                    let from = self.ident(q.next().expect("from element"));
                    let to = self.ident(q.next().expect("to element"));
                    let closeness = match q.next().expect("closeness").as_str() {
                        "exact" => Closeness::Exact,
                        "close" => Closeness::Close,
                        "broader" => Closeness::Broader,
                        "narrower" => Closeness::Narrower,
                        _ => Closeness::Related,
                    };
                    let rationale = q.next().map(|t| self.text(t));
                    cw.mappings.push(Mapping {
                        from,
                        to,
                        closeness,
                        rationale,
                        span: pspan,
                    });
                }
                Rule::description => {
                    let t = self.prop_text(p);
                    once(&mut cw.description, &mut d, t, pspan, "description", self.errors);
                }
                Rule::note => cw.notes.push(self.note(p)),
                _ => {}
            }
        }
        cw
    }
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::k_after
            | Rule::k_all
            | Rule::k_as
            | Rule::k_at
            | Rule::k_because
            | Rule::k_credential
            | Rule::k_crosswalk
            | Rule::k_default
            | Rule::k_description
            | Rule::k_domain
            | Rule::k_entry
            | Rule::k_evidence
            | Rule::k_extends
            | Rule::k_for
            | Rule::k_framework
            | Rule::k_from
            | Rule::k_import
            | Rule::k_in
            | Rule::k_indicator
            | Rule::k_kind
            | Rule::k_level
            | Rule::k_levels
            | Rule::k_map
            | Rule::k_needs
            | Rule::k_of
            | Rule::k_on
            | Rule::k_owner
            | Rule::k_ranked
            | Rule::k_rated
            | Rule::k_role
            | Rule::k_scale
            | Rule::k_sector
            | Rule::k_source
            | Rule::k_to
            | Rule::k_valid
            | Rule::k_version
    )
}

fn unescape_into(raw: &str, out: &mut String) {
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
}
