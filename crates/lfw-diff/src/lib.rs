//! The comparison layer of lfw: two or more compiled frameworks side by side.
//!
//! This crate owns the semantic diff between versions of a framework and the
//! comparison of frameworks across services through crosswalks (translating
//! a person's assessments into another framework belongs to `lfw-assess`,
//! which owns profiles). It reads compiled frameworks and crosswalks only: it
//! never parses `.lfw` text, and never words anything for people. Its values
//! are typed (kinds of change are enums, lengths of time are numbers); the
//! binary words them.

pub mod compare;
pub mod diff;
mod rename;

pub use compare::{compare, Comparison};
pub use diff::{diff, diff_through, Diff};
