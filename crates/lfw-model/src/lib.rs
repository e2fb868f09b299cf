//! The model layer of lfw: the compiler from `.lfw` files to frameworks.
//!
//! This crate owns loading files and following imports, `extends`, name
//! resolution, validation, the compiled [`Framework`] with its petgraph
//! graphs (role progression and competency prerequisites) and the queries
//! over them, and the [`Diagnostic`] type every layer reports in, with the
//! [`Code`] of every diagnostic and the [`Problem`]s of the compiler. It works
//! on the syntax crate's tree and never sees a pest pair; it knows nothing
//! of profiles, readiness or output formats other than its own JSON export.

mod check;
pub mod code;
mod compile;
pub mod diagnostic;
pub mod export;
mod graph;
pub mod limits;
mod load;
pub mod model;
pub mod problem;
mod report;
mod resolve;
pub mod source;

pub use code::Code;
pub use compile::{compile, compile_cached, compile_str, parse_file, Compilation};
pub use diagnostic::{Diagnostic, Fix, Label, Payload, Severity, Wording};
pub use graph::cycles;
pub use graph::route_to;
pub use lfw_syntax::suggest::did_you_mean;
pub use load::{ParseCache, Read, ReadError, MAX_SOURCE_BYTES};
pub use model::*;
pub use problem::{Counted, Problem};
pub use source::{FileId, Loc, Sources};
