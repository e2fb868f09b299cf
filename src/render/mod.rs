//! Everything `lfw` says to people in reports and diagnostics (the
//! commands word only their own one-line errors): the engine's typed
//! answers become words here ([`words`], shared by every format), then
//! text, Markdown, JSON or a page, one file per kind of report ([`html`]
//! holds the pages, one file each). Diagnostics are drawn by
//! [`diagnostic`]. Nothing here reads files or decides an exit status.

pub mod cohort;
pub mod compare;
pub mod diagnostic;
pub mod diff;
pub mod graph;
pub mod html;
pub mod readiness;
pub mod routes;
pub mod succession;
pub mod translation;
pub mod words;
