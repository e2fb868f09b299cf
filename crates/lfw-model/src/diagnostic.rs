//! The one diagnostic type every layer reports in, and its JSON form.
//!
//! A [`Diagnostic`] is plain data: what it is about as a typed payload (the
//! compiler's [`crate::Problem`], or another layer's own), and the words and
//! places derived from that payload by the layer's one wording module
//! (`crate::report` for the compiler). Keeping the derived words on the
//! value keeps every renderer simple; rendering itself, fancy or plain, is
//! the binary's business.

use crate::code::Code;
use crate::problem::Problem;
use crate::source::{FileId, Loc, Sources};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a diagnostic is about, as data. The payload decides the code and
/// the severity, so that the two can never disagree with what it says.
pub trait Payload {
    fn code(&self) -> Code;

    fn severity(&self) -> Severity {
        Severity::Error
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub loc: Loc,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic<P = Problem> {
    /// Stable, e.g. `lfw::unknown-reference`; always `problem.code()`.
    pub code: Code,
    pub severity: Severity,
    /// What the diagnostic is about: the names, places and numbers its
    /// words are made from.
    pub problem: P,
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

/// The words of a diagnostic and the places they label, before they are
/// joined to the payload they describe. Only wording modules build one.
#[derive(Clone, Debug, Default)]
pub struct Wording {
    message: String,
    help: Option<String>,
    primary: Option<Label>,
    related: Vec<Label>,
    path: Option<String>,
}

impl Wording {
    pub fn new(message: impl Into<String>) -> Wording {
        Wording {
            message: message.into(),
            ..Wording::default()
        }
    }

    pub fn at(mut self, loc: Loc, text: impl Into<String>) -> Wording {
        self.primary = Some(Label { loc, text: text.into() });
        self
    }

    /// The main place when there is one (a file named on the command line
    /// has none).
    pub fn maybe_at(self, loc: Option<Loc>, text: impl Into<String>) -> Wording {
        match loc {
            Some(loc) => self.at(loc, text),
            None => self,
        }
    }

    pub fn also(mut self, loc: Loc, text: impl Into<String>) -> Wording {
        self.related.push(Label { loc, text: text.into() });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Wording {
        self.help = Some(help.into());
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Wording {
        self.path = Some(path.into());
        self
    }

    /// The diagnostic of `problem`, in these words.
    pub fn about<P: Payload>(self, problem: P) -> Diagnostic<P> {
        Diagnostic {
            code: problem.code(),
            severity: problem.severity(),
            problem,
            message: self.message,
            help: self.help,
            primary: self.primary,
            related: self.related,
            path: self.path,
        }
    }
}

impl<P> Diagnostic<P> {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this diagnostic points into, if any.
    pub fn file(&self) -> Option<FileId> {
        self.primary.as_ref().map(|l| l.loc.file)
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
            "code": self.code.as_str(),
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
