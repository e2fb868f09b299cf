//! Diagnostics for people: miette's graphical report, with colour only on a
//! terminal and never when NO_COLOR is set.

use lfw_model::{Diagnostic, Sources};
use miette::{GraphicalReportHandler, GraphicalTheme};
use std::io::IsTerminal;

/// The width reports are wrapped at: fixed, so output is the same
/// everywhere (snapshots included).
const WIDTH: usize = 100;

pub fn use_colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn diagnostic(d: &Diagnostic, sources: &Sources, colour: bool) -> String {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(WIDTH).with_links(false);
    let mut out = String::new();
    let with = d.with_sources(sources);
    let _ = handler.render_report(&mut out, &with);
    for note in with.notes() {
        let _ = handler.render_report(&mut out, &note);
    }
    if d.primary.is_none() {
        // No snippet to show: the report is the message and help alone.
        out = out.trim_end().to_string() + "\n";
    }
    out
}
