//! The one diagnostic type every layer reports in, and its JSON form.
//!
//! Layers build [`Diagnostic`]s as plain data (the wording of each kind lives
//! in `crate::report` for the compiler); rendering — fancy or plain — is the
//! binary's business, and so is miette.

use crate::source::{FileId, Loc, Sources};
use serde::Serialize;

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
