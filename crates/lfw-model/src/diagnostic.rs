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

/// A machine-applicable edit: replace the text at `loc` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fix {
    pub loc: Loc,
    pub replacement: String,
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
    /// Edits that resolve it, for tools to apply.
    pub fixes: Vec<Fix>,
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
            fixes: Vec::new(),
        }
    }
}

impl<P> Diagnostic<P> {
    /// Adds an edit that resolves the diagnostic: `replacement` in place of
    /// the text at `loc`.
    pub fn fix(mut self, loc: Loc, replacement: impl Into<String>) -> Diagnostic<P> {
        self.fixes.push(Fix {
            loc,
            replacement: replacement.into(),
        });
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
        // Absent rather than empty, so documents without fixes read as they
        // always have.
        if !self.fixes.is_empty() {
            let fix = |f: &Fix| {
                serde_json::json!({
                    "file": sources.get(f.loc.file).path.display().to_string(),
                    "start": f.loc.span.start,
                    "end": f.loc.span.end,
                    "replacement": f.replacement,
                })
            };
            map.insert("fixes".into(), self.fixes.iter().map(fix).collect());
        }
        obj
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Wanted;
    use crate::report;
    use lfw_syntax::Span;
    use std::path::PathBuf;

    fn one_file(text: &str) -> (Sources, FileId) {
        let mut sources = Sources::default();
        let file = sources.add(PathBuf::from("ranks.lfw"), text.to_string());
        (sources, file)
    }

    /// A misspelt name whose suggestion is an edit of the name's own span.
    #[test]
    fn a_fix_is_printed_with_its_file_and_offsets() {
        let (sources, file) = one_file("  requires judgment at strong\n");
        let at = Loc::new(file, Span::new(11, 19));
        let d = report::diagnostic(Problem::UnknownReference {
            name: "judgment".into(),
            wanted: Wanted::Competency,
            suggestion: Some("judgement".into()),
            at,
        });
        assert_eq!(
            d.fixes,
            vec![Fix {
                loc: at,
                replacement: "judgement".into()
            }]
        );
        let json = d.to_json(&sources);
        assert_eq!(
            json["fixes"],
            serde_json::json!([{ "file": "ranks.lfw", "start": 11, "end": 19, "replacement": "judgement" }])
        );
        let keys: Vec<&str> = json.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys[keys.len() - 2..], ["related", "fixes"], "fixes come last");
    }

    #[test]
    fn without_fixes_there_is_no_key() {
        let (sources, file) = one_file("  requires judgment at strong\n");
        let d = report::diagnostic(Problem::UnknownReference {
            name: "judgment".into(),
            wanted: Wanted::Competency,
            suggestion: None,
            at: Loc::new(file, Span::new(11, 19)),
        });
        assert!(d.fixes.is_empty());
        assert!(d.to_json(&sources).get("fixes").is_none());
    }
}
