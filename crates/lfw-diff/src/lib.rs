//! The comparison layer of lfw: two or more compiled frameworks side by side.
//!
//! This crate owns the semantic diff between versions of a framework, the
//! comparison of frameworks across services through crosswalks, and the
//! translation of a person's assessments from one framework to another. It
//! reads compiled frameworks and crosswalks only: it never parses `.lfw`
//! text, and never renders output for people (the binary does).

pub mod compare;
pub mod diff;
pub mod translate;

pub use compare::{compare, Comparison};
pub use diff::{diff, diff_through, Diff};
