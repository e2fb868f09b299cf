//! Text to the lossless syntax tree, one logical line at a time.
//!
//! Each logical line (see `lines.rs`) is parsed alone with the grammar's
//! rule for its place: `<item>_header` for the first line of an item,
//! `<item>_line` for the others. The pest pairs become the tree's nodes and
//! tokens; the gaps between them (whitespace and line breaks) become trivia
//! tokens, so the tree holds every byte. A line that does not parse is one
//! syntax error; its tree is built leniently where a common mistake still
//! shows what was meant (an unquoted title, levels separated by commas, an
//! `after` line without `for`), so that the meaning is kept and nothing
//! downstream cascades, and otherwise it is an `Error` node of its tokens.
//! No pest pair leaves this module.

use crate::ast::{ItemKind, Span};
use crate::error::{apply, Edit, Expected, Found, Suggestion, SyntaxError, SyntaxErrorKind};
use crate::kind::SyntaxKind as K;
use crate::lines::{lines, Class, Line};
use crate::suggest::Suggester;
use crate::vocab::{self, is_id, leading_word};
use crate::MAX_LINE_BYTES;
use pest::iterators::Pair;
use pest::Parser as _;
use rowan::{GreenNode, GreenNodeBuilder};

type PestError = pest::error::Error<Rule>;

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/lfw.pest"]
pub(crate) struct LfwParser;

/// Parses a text into its green tree and its syntax errors.
pub fn parse(text: &str) -> (GreenNode, Vec<SyntaxError>) {
    let mut p = Builder {
        text,
        b: GreenNodeBuilder::new(),
        errors: Vec::new(),
        item: None,
        stray_reported: false,
        suggest: Suggester::new(),
    };
    p.b.start_node(K::File.into());
    let mut pending: Vec<Line> = Vec::new();
    for line in lines(text) {
        if line.class != Class::Content {
            pending.push(line);
            continue;
        }
        match vocab::item_keyword(line.first_word(text)) {
            Some(kind) => {
                // Comment lines just above a header (no blank line between)
                // are about the item below them.
                let keep = pending.iter().rposition(|l| l.class == Class::Blank).map_or(0, |i| i + 1);
                let leading = pending.split_off(keep);
                p.trivia_lines(&pending);
                pending.clear();
                if p.item.is_some() {
                    p.b.finish_node();
                }
                p.b.start_node(item_node(kind).into());
                p.item = Some(kind);
                p.trivia_lines(&leading);
                if too_long(&line) {
                    p.too_long(&line, true);
                } else {
                    p.header(kind, &line);
                }
            }
            None => {
                p.trivia_lines(&pending);
                pending.clear();
                match p.item {
                    _ if too_long(&line) => p.too_long(&line, false),
                    Some(kind) => p.property(kind, &line),
                    None => p.stray(&line),
                }
            }
        }
    }
    p.trivia_lines(&pending);
    if p.item.is_some() {
        p.b.finish_node();
    }
    p.b.finish_node();
    (p.b.finish(), p.errors)
}

/// Whether a logical line is over the limit, and is not parsed.
fn too_long(line: &Line) -> bool {
    line.content_end - line.content_start > MAX_LINE_BYTES
}

struct Builder<'t> {
    text: &'t str,
    b: GreenNodeBuilder<'static>,
    errors: Vec<SyntaxError>,
    /// The item being built.
    item: Option<ItemKind>,
    stray_reported: bool,
    /// Did-you-mean for misspelt keywords, with one budget for the file.
    suggest: Suggester,
}

fn item_node(kind: ItemKind) -> K {
    match kind {
        ItemKind::Framework => K::FrameworkItem,
        ItemKind::Import => K::ImportItem,
        ItemKind::Scale => K::ScaleItem,
        ItemKind::Domain => K::DomainItem,
        ItemKind::Competency(_) => K::CompetencyItem,
        ItemKind::Credential => K::CredentialItem,
        ItemKind::Role => K::RoleItem,
        ItemKind::Crosswalk => K::CrosswalkItem,
    }
}

fn header_rule(kind: ItemKind) -> Rule {
    match kind {
        ItemKind::Framework => Rule::framework_header,
        ItemKind::Import => Rule::import_header,
        ItemKind::Scale => Rule::scale_header,
        ItemKind::Domain => Rule::domain_header,
        ItemKind::Competency(_) => Rule::competency_header,
        ItemKind::Credential => Rule::credential_header,
        ItemKind::Role => Rule::role_header,
        ItemKind::Crosswalk => Rule::crosswalk_header,
    }
}

fn line_rule(kind: ItemKind) -> Rule {
    match kind {
        ItemKind::Framework => Rule::framework_line,
        ItemKind::Import => Rule::import_line,
        ItemKind::Scale => Rule::scale_line,
        ItemKind::Domain => Rule::domain_line,
        ItemKind::Competency(_) => Rule::competency_line,
        ItemKind::Credential => Rule::credential_line,
        ItemKind::Role => Rule::role_line,
        ItemKind::Crosswalk => Rule::crosswalk_line,
    }
}

/// What a grammar rule becomes in the tree.
enum Shape {
    Token(K),
    Node(K),
    /// Its children take its place (the rules of whole lines).
    Inline,
    /// Nothing (end of input).
    Skip,
}

fn shape(rule: Rule, text: &str) -> Shape {
    use Shape::*;
    match rule {
        Rule::EOI => Skip,
        Rule::COMMENT => Token(K::Comment),
        Rule::id => Token(K::Ident),
        Rule::number => Token(K::Number),
        Rule::quoted => Token(K::Quoted),
        Rule::unterminated => Token(K::Unterminated),
        Rule::duration_unit => Token(K::Unit),
        Rule::lt => Token(K::Lt),
        Rule::gt => Token(K::Gt),
        Rule::lparen => Token(K::LParen),
        Rule::rparen => Token(K::RParen),
        Rule::comma => Token(K::Comma),
        Rule::unknown => Token(K::Unknown),
        Rule::word => Token(word_kind(text)),
        Rule::symbol => Token(symbol_kind(text)),
        Rule::quantity if text.starts_with(|c: char| c.is_ascii_digit()) => Token(K::Number),
        Rule::quantity
        | Rule::competency_kind
        | Rule::evidence_rule
        | Rule::note_kind
        | Rule::indicator_sign
        | Rule::necessity
        | Rule::closeness => Token(K::Keyword),
        r if is_keyword_rule(r) => Token(K::Keyword),
        Rule::version => Node(K::Version),
        Rule::owner => Node(K::Owner),
        Rule::sector => Node(K::Sector),
        Rule::source => Node(K::Source),
        Rule::extends => Node(K::Extends),
        Rule::default_scale => Node(K::DefaultScale),
        Rule::evidence => Node(K::Evidence),
        Rule::description => Node(K::Description),
        Rule::note => Node(K::Note),
        Rule::levels => Node(K::Levels),
        Rule::level_title => Node(K::LevelTitle),
        Rule::rated_on => Node(K::RatedOn),
        Rule::indicator => Node(K::Indicator),
        Rule::descriptor => Node(K::Descriptor),
        Rule::prerequisite => Node(K::Prerequisite),
        Rule::credential_kind => Node(K::CredentialKind),
        Rule::entry => Node(K::Entry),
        Rule::after => Node(K::After),
        Rule::requirement => Node(K::Requirement),
        Rule::between => Node(K::Between),
        Rule::level_map => Node(K::LevelMap),
        Rule::mapping => Node(K::Mapping),
        Rule::string => Node(K::Text),
        Rule::duration => Node(K::Duration),
        Rule::evidence_ranked => Node(K::EvidenceRanked),
        Rule::evidence_valid => Node(K::EvidenceValid),
        Rule::all_in => Node(K::AllIn),
        Rule::count_of => Node(K::CountOf),
        Rule::experience => Node(K::Experience),
        Rule::level_req => Node(K::LevelReq),
        Rule::named_req => Node(K::NamedReq),
        _ => Inline,
    }
}

fn is_header_rule(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::framework_header
            | Rule::import_header
            | Rule::scale_header
            | Rule::domain_header
            | Rule::competency_header
            | Rule::credential_header
            | Rule::role_header
            | Rule::crosswalk_header
    )
}

fn is_keyword_rule(rule: Rule) -> bool {
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

/// A word of a line that does not parse, by what it looks like.
fn word_kind(word: &str) -> K {
    if vocab::is_keyword(word) {
        K::Keyword
    } else if word.bytes().all(|b| b.is_ascii_digit()) {
        K::Number
    } else {
        K::Word
    }
}

fn symbol_kind(symbol: &str) -> K {
    match symbol {
        "<" => K::Lt,
        ">" => K::Gt,
        "(" => K::LParen,
        ")" => K::RParen,
        _ => K::Comma,
    }
}

/// A token of a line as the `tokens` rule reads it.
#[derive(Clone, Debug)]
struct Tok<'t> {
    kind: K,
    text: &'t str,
    start: usize,
}

impl Tok<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.end())
    }
}

impl<'t> Builder<'t> {
    /// Blank and comment lines, as trivia of whatever node is open.
    fn trivia_lines(&mut self, lines: &[Line]) {
        for line in lines {
            self.trivia(line.start, line.content_start);
            if line.class == Class::Comment {
                let comment_end = self.text[line.content_start..line.content_end]
                    .find(['\r'])
                    .map_or(line.content_end, |i| line.content_start + i);
                self.token(K::Comment, line.content_start, comment_end);
                self.trivia(comment_end, line.end);
            } else {
                self.trivia(line.content_start, line.end);
            }
        }
    }

    fn token(&mut self, kind: K, start: usize, end: usize) {
        if end > start {
            self.b.token(kind.into(), &self.text[start..end]);
        }
    }

    /// Whitespace and line breaks between `start` and `end`. Anything else
    /// there (which the grammar never leaves) is kept as unknown, so the
    /// tree stays lossless whatever happens.
    fn trivia(&mut self, start: usize, end: usize) {
        let mut run = start;
        for (i, c) in self.text[start..end].char_indices() {
            let at = start + i;
            let kind = match c {
                ' ' | '\t' | '\r' => continue,
                // A byte-order mark: only ever at the start of the file.
                crate::lines::BOM if at == 0 => continue,
                '\n' => K::Newline,
                _ => K::Unknown,
            };
            self.token(K::Whitespace, run, at);
            self.token(kind, at, at + c.len_utf8());
            run = at + c.len_utf8();
        }
        self.token(K::Whitespace, run, end);
    }

    /// Emits a pair (its span offset by `at`) and what is inside it.
    fn pair(&mut self, pair: Pair<Rule>, at: usize, pos: &mut usize) {
        let (start, end) = (at + pair.as_span().start(), at + pair.as_span().end());
        match shape(pair.as_rule(), pair.as_str()) {
            Shape::Skip => {}
            Shape::Token(kind) => {
                self.trivia(*pos, start);
                self.token(kind, start, end);
                *pos = end;
            }
            Shape::Node(kind) => {
                self.trivia(*pos, start);
                *pos = start;
                self.b.start_node(kind.into());
                for inner in pair.into_inner() {
                    self.pair(inner, at, pos);
                }
                self.trivia(*pos, end.max(*pos));
                *pos = end.max(*pos);
                self.b.finish_node();
            }
            Shape::Inline => {
                for inner in pair.into_inner() {
                    self.pair(inner, at, pos);
                }
            }
        }
    }

    /// The tokens of a line's content, as the `tokens` rule reads them.
    fn tokens(&self, line: &Line) -> Vec<Tok<'t>> {
        let src = &self.text[line.content_start..line.content_end];
        let pairs = LfwParser::parse(Rule::tokens, src).expect("the tokens rule accepts any text");
        let mut out = Vec::new();
        for pair in pairs.flatten() {
            if let Shape::Token(kind) = shape(pair.as_rule(), pair.as_str()) {
                out.push(Tok {
                    kind,
                    text: &self.text[line.content_start + pair.as_span().start()..line.content_start + pair.as_span().end()],
                    start: line.content_start + pair.as_span().start(),
                });
            }
        }
        out
    }

    /// Emits tokens, with the trivia between them; `pos` is where the
    /// previous one ended.
    fn toks(&mut self, toks: &[Tok], pos: &mut usize) {
        for t in toks {
            self.trivia(*pos, t.start);
            self.token(t.kind, t.start, t.end());
            *pos = t.end();
        }
    }

    /// Tokens wrapped in an `Error` node.
    fn error_node(&mut self, toks: &[Tok], pos: &mut usize) {
        if toks.is_empty() {
            return;
        }
        self.trivia(*pos, toks[0].start);
        *pos = toks[0].start;
        self.b.start_node(K::Error.into());
        self.toks(toks, pos);
        self.b.finish_node();
    }

    /// Parses a line's content with `rule` and emits its tree. When it does
    /// not parse, nothing is emitted: the line's tokens come back, with the
    /// grammar's error (none for text left open, which is reported here).
    fn parse_line(&mut self, rule: Rule, line: &Line, pos: &mut usize) -> Option<(Vec<Tok<'t>>, Option<PestError>)> {
        let header = is_header_rule(rule);
        let src = &self.text[line.content_start..line.content_end];
        if let Some(error) = unterminated_text(src, line.content_start) {
            self.errors.push(error);
            return Some((self.tokens(line), None));
        }
        match LfwParser::parse(rule, src) {
            Ok(pairs) => {
                let pairs: Vec<Pair<Rule>> = pairs.collect();
                // A header's parts are grouped in a `Header` node; a comment
                // after them stays outside it, as after a property.
                let last = pairs.iter().rposition(|p| !matches!(p.as_rule(), Rule::COMMENT | Rule::EOI));
                for (i, pair) in pairs.into_iter().enumerate() {
                    if i == 0 && header {
                        self.trivia(*pos, line.content_start + pair.as_span().start());
                        *pos = line.content_start + pair.as_span().start();
                        self.b.start_node(K::Header.into());
                    }
                    self.pair(pair, line.content_start, pos);
                    if header && Some(i) == last {
                        self.b.finish_node();
                    }
                }
                None
            }
            Err(e) => Some((self.tokens(line), Some(e))),
        }
    }

    fn header(&mut self, kind: ItemKind, line: &Line) {
        self.trivia(line.start, line.content_start);
        let mut pos = line.content_start;
        if let Some((toks, e)) = self.parse_line(header_rule(kind), line, &mut pos) {
            if let Some(e) = e {
                let error = header_error(kind, line, self.text, &e, &toks);
                self.errors.push(with_fixed_line(error, self.text, &toks));
            }
            self.lenient_header(&toks, &mut pos);
        }
        self.trivia(pos, line.end);
    }

    fn property(&mut self, kind: ItemKind, line: &Line) {
        self.trivia(line.start, line.content_start);
        let mut pos = line.content_start;
        if let Some((toks, e)) = self.parse_line(line_rule(kind), line, &mut pos) {
            let mut lenient = false;
            if let Some(e) = e {
                let error = with_fixed_line(
                    property_error(kind, line, self.text, &e, &toks, &mut self.suggest),
                    self.text,
                    &toks,
                );
                lenient = matches!(
                    error.kind,
                    SyntaxErrorKind::LevelsNotSeparated { .. }
                        | SyntaxErrorKind::MissingFor
                        | SyntaxErrorKind::UnknownUnit { .. }
                        | SyntaxErrorKind::TitleForName
                        | SyntaxErrorKind::TextForName
                );
                self.errors.push(error);
            }
            let (body, comment) = split_comment(&toks);
            match line.first_word(self.text) {
                // Whatever is wrong with it, a `levels` line keeps the
                // levels it names, so that a broken scale is still a scale.
                "levels" => self.lenient_levels(body, &mut pos),
                "after" if lenient => self.lenient_after(body, &mut pos),
                _ => self.error_node(body, &mut pos),
            }
            self.toks(comment, &mut pos);
        }
        self.trivia(pos, line.end);
    }

    /// A line over [`MAX_LINE_BYTES`], which is not parsed: one error at
    /// its first word, and the line kept as it is in an `Error` node. A
    /// header keeps its keyword, so the item is still there, without an id.
    fn too_long(&mut self, line: &Line, header: bool) {
        self.trivia(line.start, line.content_start);
        let content = &self.text[line.content_start..line.content_end];
        let word = match leading_word(content).len() {
            0 => content.chars().next().map_or(0, char::len_utf8),
            n => n,
        };
        let mut pos = line.content_start;
        if header {
            self.b.start_node(K::Header.into());
            self.token(K::Keyword, pos, pos + word);
            self.b.finish_node();
            pos += word;
            let rest = &self.text[pos..line.content_end];
            let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
            self.trivia(pos, pos + blank);
            pos += blank;
        }
        if pos < line.content_end {
            self.b.start_node(K::Error.into());
            self.token(K::Unknown, pos, line.content_end);
            self.b.finish_node();
        }
        self.trivia(line.content_end, line.end);
        self.errors.push(SyntaxError::new(
            SyntaxErrorKind::LineTooLong { limit: MAX_LINE_BYTES },
            Span::new(line.content_start, line.content_start + word),
        ));
    }

    /// Text before the first item: one error for the first such line.
    fn stray(&mut self, line: &Line) {
        self.trivia(line.start, line.content_start);
        let toks = self.tokens(line);
        if !self.stray_reported {
            self.stray_reported = true;
            let found = found_at(&self.text[line.content_start..line.content_end]);
            let len = found_len(&found);
            self.errors.push(SyntaxError::new(
                SyntaxErrorKind::Stray { found },
                Span::new(line.content_start, line.content_start + len),
            ));
        }
        let mut pos = line.content_start;
        let (body, comment) = split_comment(&toks);
        self.error_node(body, &mut pos);
        self.toks(comment, &mut pos);
        self.trivia(pos, line.end);
    }

    /// A header that does not parse: its keyword, its id when the next word
    /// can be one, its title when it is quoted; the rest in an `Error` node.
    fn lenient_header(&mut self, toks: &[Tok], pos: &mut usize) {
        let (body, comment) = split_comment(toks);
        if let Some(first) = body.first() {
            self.trivia(*pos, first.start);
            *pos = first.start;
        }
        self.b.start_node(K::Header.into());
        let mut rest = body;
        if let Some((first, tail)) = rest.split_first() {
            self.toks(
                &[Tok {
                    kind: K::Keyword,
                    ..first.clone()
                }],
                pos,
            );
            rest = tail;
        }
        if let Some((id, tail)) = rest.split_first() {
            if is_id(id.text) && id.kind != K::Keyword {
                self.toks(
                    &[Tok {
                        kind: K::Ident,
                        ..id.clone()
                    }],
                    pos,
                );
                rest = tail;
            }
        }
        let quoted = rest.iter().take_while(|t| t.kind == K::Quoted).count();
        if quoted > 0 {
            self.trivia(*pos, rest[0].start);
            *pos = rest[0].start;
            self.b.start_node(K::Text.into());
            self.toks(&rest[..quoted], pos);
            self.b.finish_node();
            rest = &rest[quoted..];
        }
        self.error_node(rest, pos);
        self.b.finish_node();
        self.toks(comment, pos);
    }

    /// `levels` with the wrong separators: every word a level, `<` kept,
    /// anything else an error.
    fn lenient_levels(&mut self, toks: &[Tok], pos: &mut usize) {
        self.trivia(*pos, toks[0].start);
        *pos = toks[0].start;
        self.b.start_node(K::Levels.into());
        for (i, t) in toks.iter().enumerate() {
            match t.kind {
                _ if i == 0 => self.toks(
                    &[Tok {
                        kind: K::Keyword,
                        ..t.clone()
                    }],
                    pos,
                ),
                K::Lt => self.toks(std::slice::from_ref(t), pos),
                K::Word | K::Number if is_id(t.text) => self.toks(
                    &[Tok {
                        kind: K::Ident,
                        ..t.clone()
                    }],
                    pos,
                ),
                _ => self.error_node(std::slice::from_ref(t), pos),
            }
        }
        self.b.finish_node();
    }

    /// `after <role> [for] <n> <unit>` with `for` left out or a unit the
    /// language does not know: the role and, when the unit is known, the
    /// time are kept.
    fn lenient_after(&mut self, toks: &[Tok], pos: &mut usize) {
        self.trivia(*pos, toks[0].start);
        *pos = toks[0].start;
        self.b.start_node(K::After.into());
        self.toks(
            &[Tok {
                kind: K::Keyword,
                ..toks[0].clone()
            }],
            pos,
        );
        // The role: one name up to `for` or the time; anything else there
        // (a title, a quoted name) is an error, and no role is read.
        let name_len = toks[1..].iter().take_while(|t| t.text != "for" && t.kind != K::Number).count();
        let (name, mut rest) = toks[1..].split_at(name_len);
        match name {
            [role] if is_id(role.text) && role.kind != K::Keyword => self.toks(
                &[Tok {
                    kind: K::Ident,
                    ..role.clone()
                }],
                pos,
            ),
            _ => self.error_node(name, pos),
        }
        if let Some((kw, tail)) = rest.split_first() {
            if kw.text == "for" {
                self.toks(std::slice::from_ref(kw), pos);
                rest = tail;
            }
        }
        if let [number, unit, tail @ ..] = rest {
            if number.kind == K::Number {
                self.trivia(*pos, number.start);
                *pos = number.start;
                self.b.start_node(K::Duration.into());
                self.toks(std::slice::from_ref(number), pos);
                if vocab::unit_months(unit.text).is_some() {
                    self.toks(
                        &[Tok {
                            kind: K::Unit,
                            ..unit.clone()
                        }],
                        pos,
                    );
                } else {
                    self.error_node(std::slice::from_ref(unit), pos);
                }
                self.b.finish_node();
                rest = tail;
            }
        }
        self.error_node(rest, pos);
        self.b.finish_node();
    }
}

/// Records how the line reads with the error's fix made: from its first
/// token to its last before a trailing comment.
fn with_fixed_line(mut error: SyntaxError, text: &str, toks: &[Tok]) -> SyntaxError {
    let (body, _) = split_comment(toks);
    if let (false, Some(first), Some(last)) = (error.fix.is_empty(), body.first(), body.last()) {
        let (start, end) = (first.start, last.end());
        if error.fix.iter().all(|e| e.span.start >= start && e.span.end <= end) {
            error.fixed = Some(apply(&text[start..end], start, &error.fix));
        }
    }
    error
}

/// The tokens before a line's trailing comment, and the comment.
fn split_comment<'a, 't>(toks: &'a [Tok<'t>]) -> (&'a [Tok<'t>], &'a [Tok<'t>]) {
    let body = toks.iter().position(|t| t.kind == K::Comment).unwrap_or(toks.len());
    toks.split_at(body)
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
            return Some(SyntaxError::new(
                SyntaxErrorKind::UnterminatedText,
                Span::new(at + offset + i, at + offset + end),
            ));
        }
        offset += line.len();
    }
    None
}

/// The error for a header that does not parse.
fn header_error(kind: ItemKind, line: &Line, text: &str, e: &PestError, toks: &[Tok]) -> SyntaxError {
    let (body, _) = split_comment(toks);
    match body {
        // `role crew-manager Crew Manager`: the title without quotes.
        [_, id, title @ ..]
            if is_id(id.text)
                && !title.is_empty()
                && title
                    .iter()
                    .all(|t| matches!(t.kind, K::Word | K::Keyword | K::Number | K::Unknown | K::Comma)) =>
        {
            let (first, last) = (&title[0], &title[title.len() - 1]);
            let span = Span::new(first.start, last.end());
            SyntaxError::new(SyntaxErrorKind::UnquotedTitle { item: kind }, span).with_fix(vec![
                Edit {
                    span: Span::new(first.start, first.start),
                    text: "\"".to_string(),
                },
                Edit {
                    span: Span::new(last.end(), last.end()),
                    text: "\"".to_string(),
                },
            ])
        }
        // `role "Crew Manager"`: a title and no id.
        [keyword, title, ..] if title.kind == K::Quoted => {
            let fix = vocab::id_from_title(&unquote(title.text))
                .map(|id| {
                    vec![Edit {
                        span: Span::new(keyword.end(), keyword.end()),
                        text: format!(" {id}"),
                    }]
                })
                .unwrap_or_default();
            SyntaxError::new(SyntaxErrorKind::MissingId { item: kind }, title.span()).with_fix(fix)
        }
        _ => unexpected(text, line, Some(kind), e),
    }
}

/// The error for a property line that does not parse.
fn property_error(kind: ItemKind, line: &Line, text: &str, e: &PestError, toks: &[Tok], suggest: &mut Suggester) -> SyntaxError {
    let (body, _) = split_comment(toks);
    let Some(first) = body.first() else {
        return unexpected(text, line, Some(kind), e);
    };
    let word = first.text;
    let known = vocab::property_keywords(kind).contains(&word);
    if !known && matches!(first.kind, K::Word | K::Keyword | K::Number) && kind != ItemKind::Import {
        let property = suggest.did_you_mean(word, vocab::property_keywords(kind).iter().copied());
        let item = suggest.did_you_mean(word, vocab::ITEM_KEYWORDS.iter().map(|(k, _)| *k));
        let suggestion = property.map(Suggestion::Property).or(item.map(Suggestion::Item));
        let fix = property
            .map(|k| {
                vec![Edit {
                    span: first.span(),
                    text: k.to_string(),
                }]
            })
            .unwrap_or_default();
        return SyntaxError::new(
            SyntaxErrorKind::UnknownProperty {
                item: kind,
                word: word.to_string(),
                suggestion,
            },
            first.span(),
        )
        .with_fix(fix);
    }
    if word == "levels" {
        if let Some(error) = levels_error(body) {
            return error;
        }
    }
    if word == "after" {
        // `after Crew Manager for 2 years`: a title where the role's id belongs.
        let name: Vec<&Tok> = body[1..].iter().take_while(|t| t.text != "for" && t.kind != K::Number).collect();
        if name.len() > 1 && name.iter().all(|t| matches!(t.kind, K::Word | K::Keyword)) {
            let (first, last) = (name[0], name[name.len() - 1]);
            let span = Span::new(first.start, last.end());
            let fix = vocab::id_from_title(&text[span.start..span.end])
                .map(|id| vec![Edit { span, text: id }])
                .unwrap_or_default();
            return SyntaxError::new(SyntaxErrorKind::TitleForName, span).with_fix(fix);
        }
        // `after watch-manager 2 years`
        if let [_, role, number, unit, ..] = body {
            if is_id(role.text) && number.kind == K::Number && unit.kind != K::Quoted && role.text != "for" {
                return SyntaxError::new(SyntaxErrorKind::MissingFor, Span::new(number.start, unit.end())).with_fix(vec![Edit {
                    span: Span::new(number.start, number.start),
                    text: "for ".to_string(),
                }]);
            }
        }
    }
    // A number followed by a word that is not a unit, where a length of
    // time belongs.
    let wants_unit = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.contains(&Rule::duration_unit),
        pest::error::ErrorVariant::CustomError { .. } => false,
    };
    if wants_unit {
        let at = error_pos(line, e);
        if let Some(unit) = body.iter().find(|t| t.start >= at && t.kind != K::Number) {
            let fix = vocab::UNIT_MISTAKES
                .iter()
                .find(|(mistake, _)| *mistake == unit.text)
                .map(|(_, right)| {
                    vec![Edit {
                        span: unit.span(),
                        text: right.to_string(),
                    }]
                })
                .unwrap_or_default();
            return SyntaxError::new(
                SyntaxErrorKind::UnknownUnit {
                    unit: unit.text.to_string(),
                },
                unit.span(),
            )
            .with_fix(fix);
        }
    }
    // A quoted text where a name belongs: `after "crew-manager"`.
    let at = error_pos(line, e);
    if let Some(found) = body.iter().find(|t| t.start == at) {
        let wants_name = match &e.variant {
            pest::error::ErrorVariant::ParsingError { positives, .. } => positives.contains(&Rule::id),
            pest::error::ErrorVariant::CustomError { .. } => false,
        };
        if found.kind == K::Quoted && wants_name {
            let inner = unquote(found.text);
            let fix = if is_id(&inner) {
                vec![Edit {
                    span: found.span(),
                    text: inner,
                }]
            } else {
                Vec::new()
            };
            return SyntaxError::new(SyntaxErrorKind::TextForName, found.span()).with_fix(fix);
        }
    }
    unexpected(text, line, Some(kind), e)
}

/// `levels a, b, c` or `levels "a" < "b"`: the line with `<` between
/// the levels, when every level can be an id.
fn levels_error(body: &[Tok]) -> Option<SyntaxError> {
    let mut names = Vec::new();
    let mut wrong: Option<&Tok> = None;
    for t in &body[1..] {
        match t.kind {
            K::Lt => {}
            K::Word | K::Number if is_id(t.text) => names.push(t.text.to_string()),
            K::Quoted if is_id(&unquote(t.text)) => {
                wrong.get_or_insert(t);
                names.push(unquote(t.text));
            }
            K::Comma | K::Gt => {
                wrong.get_or_insert(t);
            }
            _ => return None,
        }
    }
    let wrong = wrong?;
    let found = match wrong.kind {
        K::Quoted => Found::Char('"'),
        _ => Found::Char(wrong.text.chars().next().unwrap_or(',')),
    };
    let last = body.last()?;
    let fix = vec![Edit {
        span: Span::new(body[0].start, last.end()),
        text: format!("levels {}", names.join(" < ")),
    }];
    Some(SyntaxError::new(SyntaxErrorKind::LevelsNotSeparated { found }, wrong.span()).with_fix(fix))
}

/// The text inside a quoted piece, escapes undone.
pub(crate) fn unquote(quoted: &str) -> String {
    let raw = quoted.strip_prefix('"').unwrap_or(quoted);
    let raw = raw.strip_suffix('"').unwrap_or(raw);
    let mut out = String::new();
    crate::lower::unescape_into(raw, &mut out);
    out
}

fn error_pos(line: &Line, e: &pest::error::Error<Rule>) -> usize {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    line.content_start + pos
}

/// The generic error: what the grammar expected where it stopped, and what
/// it found.
fn unexpected(text: &str, line: &Line, item: Option<ItemKind>, e: &pest::error::Error<Rule>) -> SyntaxError {
    let src = &text[line.content_start..line.content_end];
    let mut expected: Vec<Expected> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.iter().flat_map(|r| expected_for(*r)).collect(),
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort();
    expected.dedup();
    // After a title, another quoted piece may follow; naming that next to
    // the keywords that may follow only confuses.
    if expected.iter().any(|e| matches!(e, Expected::Keyword(_) | Expected::EndOfItem)) {
        expected.retain(|e| *e != Expected::Text);
    }
    // Point past the line's last word, not at the next line.
    let pos = (error_pos(line, e) - line.content_start).min(src.trim_end().len());
    let found = found_at(&src[pos..]);
    let len = found_len(&found);
    let at = line.content_start + pos;
    SyntaxError::new(SyntaxErrorKind::Unexpected { item, expected, found }, Span::new(at, at + len))
}

fn found_at(rest: &str) -> Found {
    let rest = rest.trim_end();
    let word = leading_word(rest);
    if rest.starts_with("//") {
        Found::EndOfItem
    } else if !word.is_empty() {
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
        Rule::string | Rule::quoted => vec![Text],
        Rule::description => keyword("description"),
        Rule::note | Rule::note_kind => vec![Keyword("note"), Keyword("interpretation")],
        Rule::number | Rule::duration | Rule::experience => vec![Number],
        Rule::duration_unit => vec![Keyword("years"), Keyword("months")],
        Rule::quantity | Rule::count_of => vec![Number, Keyword("any"), Keyword("all")],
        Rule::all_in => keyword("all"),
        Rule::competency_kind => vec![
            Keyword("competency"),
            Keyword("behaviour"),
            Keyword("quality"),
            Keyword("value"),
            Keyword("skill"),
        ],
        Rule::indicator_sign => vec![Keyword("positive"), Keyword("negative")],
        Rule::indicator | Rule::k_indicator => keyword("indicator"),
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
        Rule::level_map | Rule::level_title | Rule::k_level => keyword("level"),
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
        Rule::k_framework => keyword("framework"),
        Rule::k_import => keyword("import"),
        Rule::extends | Rule::k_extends => keyword("extends"),
        Rule::k_domain => keyword("domain"),
        Rule::k_credential => keyword("credential"),
        Rule::k_role => keyword("role"),
        Rule::k_crosswalk => keyword("crosswalk"),
        Rule::lt => vec![Symbol("<")],
        Rule::gt => vec![Symbol(">")],
        Rule::lparen => vec![Symbol("(")],
        Rule::rparen => vec![Symbol(")")],
        Rule::comma => vec![Symbol(",")],
        _ => Vec::new(),
    }
}

/// The keywords the grammar accepts at the start of a property line of
/// each item, for the test that the vocabulary table agrees with it.
#[cfg(test)]
pub(crate) fn grammar_property_keywords(kind: ItemKind) -> Vec<&'static str> {
    let Err(e) = LfwParser::parse(line_rule(kind), "?") else {
        panic!("`?` starts no property");
    };
    let pest::error::ErrorVariant::ParsingError { positives, .. } = e.variant else {
        panic!("a parsing error");
    };
    let mut words: Vec<&'static str> = positives
        .iter()
        .flat_map(|r| expected_for(*r))
        .filter_map(|x| match x {
            Expected::Keyword(k) => Some(k),
            _ => None,
        })
        .collect();
    // `at` before a descriptor's level also starts a prerequisite; the
    // signs of an indicator start it too.
    if positives.contains(&Rule::indicator) {
        words.extend(["positive", "negative"]);
    }
    if positives.contains(&Rule::prerequisite) {
        words.push("needs");
    }
    words.sort();
    words.dedup();
    words
}
