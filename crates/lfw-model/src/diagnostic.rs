//! The one diagnostic type every layer reports in, and its miette adapter.
//!
//! Layers build [`Diagnostic`]s as plain data (the wording of each kind lives
//! in `crate::report` for the compiler); rendering — fancy or plain — is the
//! binary's business. [`Diagnostic::with_sources`] gives miette what it needs.

use crate::source::{FileId, Loc, Sources};
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub loc: Loc,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Stable, e.g. `lfw::unknown-reference`.
    pub code: &'static str,
    pub severity: Severity,
    /// One sentence a non-programmer understands.
    pub message: String,
    pub help: Option<String>,
    /// Where it happened. Absent only for problems with no text behind them
    /// (a file that could not be read).
    pub primary: Option<Label>,
    /// Other places that explain it: the first of two duplicates, the rest
    /// of a cycle.
    pub related: Vec<Label>,
    /// A file the diagnostic is about when there is no span (unreadable files).
    pub path: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            primary: None,
            related: Vec::new(),
            path: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, loc: Loc, text: impl Into<String>) -> Diagnostic {
        self.primary = Some(Label { loc, text: text.into() });
        self
    }

    pub fn also(mut self, loc: Loc, text: impl Into<String>) -> Diagnostic {
        self.related.push(Label { loc, text: text.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this diagnostic points into, if any.
    pub fn file(&self) -> Option<FileId> {
        self.primary.as_ref().map(|l| l.loc.file)
    }

    /// Pairs the diagnostic with its sources, for miette to render.
    pub fn with_sources<'a>(&'a self, sources: &'a Sources) -> WithSources<'a> {
        WithSources {
            diagnostic: self,
            sources,
            file: self.file(),
            labels: None,
        }
    }

    /// The diagnostic as the JSON object `lfw check --format json` prints
    /// (documented in docs/json.md).
    pub fn to_json(&self, sources: &Sources) -> serde_json::Value {
        let place = |l: &Label| {
            let file = sources.get(l.loc.file);
            let (line, column) = sources.line_col(l.loc.file, l.loc.span.start);
            let (end_line, end_column) = sources.line_col(l.loc.file, l.loc.span.end);
            serde_json::json!({
                "file": file.path.display().to_string(),
                "start": l.loc.span.start,
                "end": l.loc.span.end,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "label": l.text,
            })
        };
        let mut obj = serde_json::json!({
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "help": self.help,
        });
        let map = obj.as_object_mut().expect("object");
        match &self.primary {
            Some(l) => {
                let p = place(l);
                for key in ["file", "start", "end", "line", "column", "end_line", "end_column", "label"] {
                    map.insert(key.to_string(), p[key].clone());
                }
            }
            None => {
                map.insert("file".into(), serde_json::json!(self.path));
                for key in ["start", "end", "line", "column", "end_line", "end_column", "label"] {
                    map.insert(key.to_string(), serde_json::Value::Null);
                }
            }
        }
        map.insert("related".into(), self.related.iter().map(place).collect());
        obj
    }
}

/// A diagnostic and the sources its spans point into. Labels in other files
/// than the primary one become related diagnostics, each with its own file.
pub struct WithSources<'a> {
    diagnostic: &'a Diagnostic,
    sources: &'a Sources,
    file: Option<FileId>,
    /// For a related note: the one label it shows.
    labels: Option<&'a Label>,
}

impl fmt::Debug for WithSources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for WithSources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.labels {
            Some(label) => write!(f, "{}", label.text),
            None => f.write_str(&self.diagnostic.message),
        }
    }
}

impl std::error::Error for WithSources<'_> {}

impl miette::Diagnostic for WithSources<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        match self.labels {
            Some(_) => None,
            None => Some(Box::new(self.diagnostic.code)),
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.labels, self.diagnostic.severity) {
            (Some(_), _) => miette::Severity::Advice,
            (None, Severity::Error) => miette::Severity::Error,
            (None, Severity::Warning) => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        match (self.labels, &self.diagnostic.help) {
            (None, Some(h)) => Some(Box::new(h)),
            _ => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        let file = self.file?;
        let src = self.sources.get(file);
        Some(&src.named as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let file = self.file?;
        let labels: Vec<&Label> = match self.labels {
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
            let text = (!l.text.is_empty()).then(|| l.text.clone());
            if Some(l) == primary && self.labels.is_none() {
                miette::LabeledSpan::new_primary_with_span(text, span)
            } else {
                miette::LabeledSpan::new_with_span(text, span)
            }
        })))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        None
    }
}

impl<'a> WithSources<'a> {
    /// Related labels that live in another file than the primary one, each
    /// as a note of its own (miette shows one source per diagnostic).
    pub fn notes(&self) -> Vec<WithSources<'a>> {
        self.diagnostic
            .related
            .iter()
            .filter(|l| Some(l.loc.file) != self.file)
            .map(|l| WithSources {
                diagnostic: self.diagnostic,
                sources: self.sources,
                file: Some(l.loc.file),
                labels: Some(l),
            })
            .collect()
    }
}
