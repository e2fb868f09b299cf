//! The limits on what one compilation reads and builds.
//!
//! Frameworks come from other people, so no input may make the compiler's
//! time or memory grow without bound: each limit below is far above any
//! real framework and low enough that reaching it costs little. Each has a
//! diagnostic of its own (docs/security.md lists them all, with the syntax
//! layer's limits on lines and numbers and the reader's on a file's size).

pub use crate::load::MAX_SOURCE_BYTES;
pub use lfw_syntax::{MAX_LINE_BYTES, MAX_NUMBER};

/// Files one compilation reads: the files named and everything they
/// import (`lfw::too-many-files`). The bundled library is a few dozen.
pub const MAX_FILES: usize = 10_000;

/// How deep imports go below the files named (`lfw::import-too-deep`): a
/// file named is at depth 0, a file it imports at depth 1. Real projects
/// use two or three.
pub const MAX_IMPORT_DEPTH: usize = 64;

/// How long a chain of `extends` may be (`lfw::extends-too-deep`): a
/// framework that extends none is at depth 0. Each framework of a chain is
/// compiled with everything it inherits, so a chain costs its length times
/// its size.
pub const MAX_EXTENDS_DEPTH: usize = 64;

/// Elements of one framework, inherited ones included
/// (`lfw::too-many-elements`). The largest bundled framework has a few
/// hundred.
pub const MAX_ELEMENTS: usize = 100_000;

/// Competencies at each of their levels in one framework: the nodes of its
/// prerequisite graph (`lfw::too-many-elements`).
pub const MAX_COMPETENCY_LEVELS: usize = 1_000_000;

/// Competencies listed by the requirements of one framework, `all in` a
/// domain counting every competency of the domain
/// (`lfw::too-many-elements`).
pub const MAX_REQUIREMENT_MEMBERS: usize = 1_000_000;

/// Elements of all the frameworks of one compilation, those a framework
/// inherits counted again in it (`lfw::too-many-elements`): many files
/// extending one large framework each compile all of it.
pub const MAX_COMPILED_ELEMENTS: usize = 2_000_000;
