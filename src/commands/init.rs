//! `lfw init [DIR]`: a starter project to edit — an `lfw.toml` marking the
//! project folder, and a small framework that compiles cleanly and is laid
//! out as `lfw fmt` lays it out, with comments saying what each part is.

use super::{usage, Outcome, Ran};
use std::path::Path;

/// The starter framework. Its content is an example to replace, and says
/// so in the framework itself; the tests check that it compiles without a
/// warning and that `lfw fmt` leaves it unchanged.
pub const STARTER: &str = r#"// A starter framework written by `lfw init`. Replace the example content
// with your own; docs/language.md describes every line, and `lfw check .`
// says what is wrong, with the fix.
framework my-framework "My leadership framework"
  version "0.1"
  source "Write here the document this framework encodes: author, year, title, section."
  interpretation "Everything below is an example to replace, not part of any real framework."
  default scale proficiency

// A scale: its levels, lowest first.
scale proficiency "Proficiency"
  levels developing < proficient < expert

// A domain groups competencies; the competencies after it belong to it.
domain people "Leading people"

competency coaching "Coaching"
  description "Helps others find their own way to better work."
  at developing "Gives feedback when asked."
  at expert "Builds a coaching culture across the service."

// A credential, with what it takes to obtain it.
credential leadership-course "Leadership course"
  kind programme
  requires coaching at proficient

// Roles, with where people join and what each one requires.
role team-leader "Team leader"
  entry

role manager "Manager"
  after team-leader for 2 years
  requires coaching at proficient
  requires leadership-course
"#;

const MARKER: &str =
    "# Marks the root of an lfw project: imports may not leave this folder\n# (docs/security.md). lfw reads nothing else from this file.\n";

pub fn run(dir: &Path) -> Ran {
    let framework = dir.join("framework.lfw");
    let marker = dir.join("lfw.toml");
    for path in [&framework, &marker] {
        if path.exists() {
            return Err(usage(format!(
                "`{}` exists already; `lfw init` writes only new files",
                path.display()
            )));
        }
    }
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| write_new(&marker, MARKER))
        .and_then(|()| write_new(&framework, STARTER));
    match written {
        Ok(()) => {
            errln!(
                "wrote {} and {}; check it with `lfw check {}`",
                marker.display(),
                framework.display(),
                dir.display()
            );
            Ok(Outcome::Success)
        }
        Err(e) => Err(usage(format!("cannot write the starter project in `{}`: {e}", dir.display()))),
    }
}

/// Writes a file that must not exist yet (never through a name someone
/// prepared).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(text.as_bytes())
}
