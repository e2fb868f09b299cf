//! The assessment layer of lfw: people measured against frameworks.
//!
//! This crate owns profiles (JSON, JSON Lines, long CSV) and binding them to
//! a compiled framework, readiness for a role with its development plan,
//! routes between roles, cohort summaries, and the translation of a profile
//! into another framework through crosswalks. It reads compiled
//! [`lfw_model::Framework`]s only: it never parses `.lfw` text and never
//! renders output for people (the binary does).

pub mod cohort;
pub mod compiled;
pub mod date;
pub mod disclosure;
pub mod json;
pub mod plan;
pub mod problem;
pub mod profile;
pub mod read;
pub mod readiness;
mod report;
pub mod route;
pub mod succession;
pub mod translate;

pub use date::Date;
pub use problem::{ProfileDiagnostic, ProfileProblem};
pub use profile::{bind, Person, ProfileInput};
pub use readiness::{readiness, Question, Readiness};
pub use translate::{translate, Translation};
