//! Diagnostics for people: miette's graphical report, with colour as
//! `--color` says (`auto`: only on a terminal, and never when NO_COLOR is
//! set).
//!
//! The libraries' diagnostics are plain data; this module is the only place
//! that knows miette. It adapts a [`Diagnostic`] to `miette::Diagnostic` and
//! names each source text for it as it renders, borrowing the text from
//! [`Sources`] rather than keeping a second copy of every file.

use lfw_model::{Diagnostic, FileId, Label, Severity, Sources};
use miette::{GraphicalReportHandler, GraphicalTheme, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::fmt;
use std::io::IsTerminal;

/// The width reports are wrapped at: fixed, so output is the same
/// everywhere (snapshots included).
const WIDTH: usize = 100;

/// When diagnostics are drawn in colour (`--color`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Colour {
    /// On a terminal, unless `NO_COLOR` is set (the default).
    Auto,
    Always,
    Never,
}

static COLOUR: std::sync::OnceLock<Colour> = std::sync::OnceLock::new();

/// Sets `--color` for the run; the first call wins.
pub fn set_colour(choice: Colour) {
    let _ = COLOUR.set(choice);
}

/// The most characters a line of a report shows: a snippet quotes whole
/// source lines, and a line of a hostile file may be 64 KiB (or, read past
/// as too long, megabytes), so that a few diagnostics could fill a
/// terminal. Longer lines end in `…` there.
const MAX_SHOWN: usize = 400;

/// `line` cut to [`MAX_SHOWN`] visible characters (colour codes, which
/// take no room, are kept whole and not counted).
fn shorten(line: &str, colour: bool) -> String {
    let mut shown = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\u{1b}' {
            // An escape sequence: `ESC [`, parameters, a final letter.
            if chars.next_if(|&(_, c)| c == '[').is_some() {
                while chars.next_if(|&(_, c)| !('@'..='~').contains(&c)).is_some() {}
                chars.next();
            }
            continue;
        }
        if shown == MAX_SHOWN {
            let reset = if colour { "\u{1b}[0m" } else { "" };
            return format!("{}…{reset}", &line[..i]);
        }
        shown += 1;
    }
    line.to_string()
}

pub fn use_colour() -> bool {
    match COLOUR.get().copied().unwrap_or(Colour::Auto) {
        Colour::Always => true,
        Colour::Never => false,
        Colour::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// One diagnostic, drawn for people. To draw many over the same sources,
/// use a [`Renderer`].
pub fn text<P: fmt::Debug>(d: &Diagnostic<P>, sources: &Sources, colour: bool) -> String {
    Renderer::new(sources, colour).text(d)
}

/// Draws diagnostics over one set of sources. Each file's text is made safe
/// for a terminal (`escape::same_offsets`) on its first diagnostic and kept:
/// doing it for every diagnostic scanned the whole file each time, and the
/// ten thousand diagnostics of one large file took minutes.
pub struct Renderer<'s> {
    sources: &'s Sources,
    colour: bool,
    handler: GraphicalReportHandler,
    safe: Vec<std::cell::OnceCell<std::borrow::Cow<'s, str>>>,
}

impl<'s> Renderer<'s> {
    pub fn new(sources: &'s Sources, colour: bool) -> Renderer<'s> {
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Renderer {
            sources,
            colour,
            handler: GraphicalReportHandler::new_themed(theme).with_width(WIDTH).with_links(false),
            safe: (0..sources.len()).map(|_| std::cell::OnceCell::new()).collect(),
        }
    }

    /// The text of file `id`, safe to show.
    fn safe_text(&self, id: FileId) -> &str {
        self.safe[id.0 as usize].get_or_init(|| crate::escape::same_offsets(&self.sources.get(id).text))
    }

    pub fn text<P: fmt::Debug>(&self, d: &Diagnostic<P>) -> String {
        let mut out = String::new();
        let report = Report::new(d, self);
        let _ = self.handler.render_report(&mut out, &report);
        for note in report.notes(self) {
            let _ = self.handler.render_report(&mut out, &note);
        }
        if d.primary.is_none() {
            // No snippet to show: the report is the message and help alone.
            out = out.trim_end().to_string() + "\n";
        }
        if out.lines().any(|l| l.len() > MAX_SHOWN) {
            out = out.lines().map(|l| shorten(l, self.colour) + "\n").collect();
        }
        out
    }
}

/// A source text with the path miette shows above its snippets. miette's
/// own `NamedSource` owns its text, which would copy the whole file for
/// every report; this borrows it, unless it holds characters that must not
/// reach a terminal, which are replaced without moving any offset.
struct Named<'a> {
    name: String,
    text: &'a str,
    /// Where the text's lines start (`Sources::line_starts`).
    line_starts: &'a [usize],
    /// The text has a `\r` that no `\n` follows.
    lone_cr: bool,
}

impl SourceCode for Named<'_> {
    /// miette reads a snippet by counting lines from the start of the text,
    /// which makes drawing every diagnostic of a large file take time in
    /// the square of its size. It is given the text from a few lines before
    /// the snippet instead, found through the line index, and its answer is
    /// moved back into place: the same snippet, at a cost that does not
    /// grow with the file. (miette counts a lone `\r` as a line break, which
    /// the index does not: a text with one is read the slow way.)
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let line = self.line_starts.partition_point(|&s| s <= span.offset()).saturating_sub(1);
        let first = if self.lone_cr || span.offset() > self.text.len() {
            0
        } else {
            line.saturating_sub(context_lines_before + 1)
        };
        let start = self.line_starts.get(first).copied().unwrap_or(0);
        let window = &self.text[start..];
        let shifted = SourceSpan::new((span.offset() - start).into(), span.len());
        let inner = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        // miette counts a column in bytes, shown in the `file:line:column`
        // above a snippet; the JSON and editors count characters.
        let column = match inner.column() {
            0 => 0,
            bytes => self
                .text
                .get(span.offset().saturating_sub(bytes)..span.offset())
                .map_or(bytes, |line| line.chars().count()),
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + start).into(), inner.span().len()),
            inner.line() + first,
            column,
            // miette merges two labels' snippets when the first's line plus
            // this count reaches the second's line. Counted from the start
            // of the whole text, as miette's own reader does, it doubles the
            // first's line, and labels thousands of lines apart were drawn
            // as one snippet holding every line between them. Counted from
            // the window, it is the snippet's own lines: only snippets that
            // meet are merged.
            inner.line_count(),
        )))
    }
}

/// A diagnostic as miette renders it, with the one source it shows. miette
/// shows one source per report, so labels in another file than the primary
/// one become notes of their own, each with its own source.
struct Report<'a, P> {
    diagnostic: &'a Diagnostic<P>,
    source: Option<Named<'a>>,
    file: Option<FileId>,
    /// For a note: the one label it shows.
    note: Option<&'a Label>,
}

impl<'a, P> Report<'a, P> {
    fn new(diagnostic: &'a Diagnostic<P>, renderer: &'a Renderer<'_>) -> Report<'a, P> {
        Report::in_file(diagnostic, renderer, diagnostic.file(), None)
    }

    fn in_file(diagnostic: &'a Diagnostic<P>, renderer: &'a Renderer<'_>, file: Option<FileId>, note: Option<&'a Label>) -> Report<'a, P> {
        let sources = renderer.sources;
        let source = file.map(|id| Named {
            name: crate::escape::visible(&sources.get(id).path.display().to_string()).into_owned(),
            text: renderer.safe_text(id),
            line_starts: sources.line_starts(id),
            lone_cr: sources.has_lone_cr(id),
        });
        Report {
            diagnostic,
            source,
            file,
            note,
        }
    }

    /// Related labels that live in another file than the primary one, each
    /// as a note of its own.
    fn notes(&self, renderer: &'a Renderer<'_>) -> Vec<Report<'a, P>> {
        self.diagnostic
            .related
            .iter()
            .filter(|l| Some(l.loc.file) != self.file)
            .map(|l| Report::in_file(self.diagnostic, renderer, Some(l.loc.file), Some(l)))
            .collect()
    }
}

impl<P: fmt::Debug> fmt::Debug for Report<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl<P> fmt::Display for Report<'_, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.note {
            Some(label) => f.write_str(&crate::escape::visible(&label.text)),
            None => f.write_str(&crate::escape::visible(&self.diagnostic.message)),
        }
    }
}

impl<P: fmt::Debug> std::error::Error for Report<'_, P> {}

impl<P: fmt::Debug> miette::Diagnostic for Report<'_, P> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        match self.note {
            Some(_) => None,
            None => Some(Box::new(self.diagnostic.code)),
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.note, self.diagnostic.severity) {
            (Some(_), _) => miette::Severity::Advice,
            (None, Severity::Error) => miette::Severity::Error,
            (None, Severity::Warning) => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        match (self.note, &self.diagnostic.help) {
            (None, Some(h)) => Some(Box::new(crate::escape::visible(h).into_owned())),
            _ => None,
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let file = self.file?;
        let labels: Vec<&Label> = match self.note {
            Some(label) => vec![label],
            None => self
                .diagnostic
                .primary
                .iter()
                .chain(self.diagnostic.related.iter().filter(|l| l.loc.file == file))
                .collect(),
        };
        let primary = self.diagnostic.primary.as_ref();
        Some(Box::new(labels.into_iter().map(move |l| {
            let span = (l.loc.span.start, l.loc.span.len());
            let text = (!l.text.is_empty()).then(|| crate::escape::visible(&l.text).into_owned());
            if Some(l) == primary && self.note.is_none() {
                miette::LabeledSpan::new_primary_with_span(text, span)
            } else {
                miette::LabeledSpan::new_with_span(text, span)
            }
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut() {
        let long = "x".repeat(MAX_SHOWN + 10);
        assert_eq!(shorten(&long, false), format!("{}…", &long[..MAX_SHOWN]));
        assert_eq!(shorten(&long[..MAX_SHOWN], false), &long[..MAX_SHOWN]);
        let coloured = format!("\u{1b}[31m{long}\u{1b}[0m");
        assert_eq!(shorten(&coloured, true), format!("\u{1b}[31m{}…\u{1b}[0m", &long[..MAX_SHOWN]));
        let wide = "é".repeat(MAX_SHOWN);
        assert_eq!(shorten(&wide, false), wide, "characters are counted, not bytes");
    }

    /// The snippet read through the line index is the one miette reads from
    /// the whole text, at every place, with LF, CRLF and lone CR endings.
    #[test]
    fn a_snippet_is_read_as_miette_reads_it() {
        for text in [
            "framework f \"F\"\nrole a \"A\"\n\n  after b\nrole b \"B\"\n  after a for 2 years\n",
            "a\r\nbb\r\n\r\nccc\r\ndddd\r\ne",
            "a\rbb\r\nccc\rdddd\n\ne\r",
            "one line only",
            "\n\n\n\nx\n\n\n",
        ] {
            let mut sources = Sources::default();
            let id = sources.add("t.lfw".into(), text.to_string());
            let named = Named {
                name: "t.lfw".into(),
                text,
                line_starts: sources.line_starts(id),
                lone_cr: sources.has_lone_cr(id),
            };
            for start in 0..=text.len() {
                for len in [0, 1, 3, 9] {
                    let span = SourceSpan::new(start.into(), len.min(text.len() - start));
                    for context in [0, 1, 2, 3] {
                        let want = text.read_span(&span, context, context);
                        let got = named.read_span(&span, context, context);
                        match (want, got) {
                            (Ok(w), Ok(g)) => {
                                let key = |c: &dyn SpanContents| (c.data().to_vec(), *c.span(), c.line(), c.column());
                                assert_eq!(key(&*g), key(&*w), "{text:?} at {start}+{len}, context {context}");
                                // (These texts are ASCII: a column in
                                // characters is one in bytes.)
                                // miette counts lines from the text's start
                                // to the snippet's end; the window counts
                                // from its own start, which is at most the
                                // snippet's first line.
                                let skipped = w.line_count() - g.line_count();
                                assert!(skipped <= w.line(), "{text:?} at {start}+{len}, context {context}");
                            }
                            (w, g) => assert_eq!(w.is_ok(), g.is_ok(), "{text:?} at {start}+{len}"),
                        }
                    }
                }
            }
        }
    }

    /// Two labels far apart are two snippets, not one holding every line
    /// between them; two labels a line apart are one.
    #[test]
    fn labels_far_apart_are_drawn_apart() {
        // miette's own count merged them when the second label's line was
        // less than twice the first's.
        let filler = |n: usize| (0..n).map(|i| format!("// filler {i}\n")).collect::<String>();
        let mut source = String::from("framework f \"F\"\n\nscale s \"S\"\n  levels a < b\n");
        source += &filler(2000);
        source += "\ncredential c \"C\"\n  requires r\n";
        source += &filler(1500);
        source += "\nrole r \"R\"\n  entry\n  requires c\n";
        let c = lfw_model::compile_str("far.lfw", &source);
        let d = c
            .diagnostics
            .iter()
            .find(|d| d.related.len() == 1)
            .expect("a diagnostic with two labels");
        let drawn = text(d, &c.sources, false);
        assert!(drawn.lines().count() < 40, "{drawn}");
        assert_eq!(drawn.matches("╭─[far.lfw").count(), 2, "{drawn}");
    }

    /// The column above a snippet counts characters, as the JSON does, not
    /// bytes: `Rôlé` is four characters and six bytes.
    #[test]
    fn a_column_counts_characters() {
        let c = lfw_model::compile_str("u.lfw", "framework f \"F\"\n\nrole r \"Rôlé\" zz\n  entry\n");
        let d = &c.diagnostics[0];
        let json = d.to_json(&c.sources);
        let (line, column) = (&json["line"], &json["column"]);
        assert_eq!((line.as_u64(), column.as_u64()), (Some(3), Some(15)));
        let drawn = text(d, &c.sources, false);
        assert!(drawn.contains("[u.lfw:3:15]"), "{drawn}");
    }
}
