//! CASE (1EdTech's Competencies and Academic Standards Exchange, version
//! 1.1) both ways: a compiled framework as a CASE package
//! ([`export::package`]), and a CASE package as `.lfw` source
//! ([`import::lfw_source`]). See docs/case.md for what goes where.
//!
//! The crate reads compiled frameworks and bytes and returns JSON values,
//! text and typed problems ([`ImportError`], [`KeptAsNotes`], worded in
//! `problem.rs`); it opens no file and prints nothing.

pub mod export;
pub mod import;
pub mod problem;

pub use export::{identifier, package, package_replaced, Replacement};
pub use import::{lfw_source, Imported};
pub use problem::{ImportError, KeptAsNotes, MAX_CASE_BYTES};
