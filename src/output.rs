//! Standard output that tolerates a closed pipe: `lfw export … | head`
//! stops quietly instead of panicking; output that cannot be written
//! otherwise (`> /dev/full`) ends the program with status 2, after removing
//! its temporary data. Standard error that cannot be written is ignored,
//! never a panic as with `eprintln!`.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// `println!` through [`crate::output`].
macro_rules! outln {
    ($($arg:tt)*) => { crate::output::line(&format!($($arg)*)) };
}

/// JSON and a line break on standard output, as it is (see [`raw`]).
macro_rules! jsonln {
    ($($arg:tt)*) => { crate::output::raw(&format!("{}\n", format!($($arg)*))) };
}

/// `eprintln!` through [`crate::output`], which never panics when standard
/// error cannot be written.
macro_rules! errln {
    ($($arg:tt)*) => { crate::output::err(&format!("{}\n", format!($($arg)*))) };
}

static CLOSED: AtomicBool = AtomicBool::new(false);

/// Whether the reader of standard output has gone away; long commands
/// check it to stop early (and still clean up after themselves).
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// Writes `text` to standard output, with characters that could act on a
/// terminal made visible (`crate::escape`). Once the reader has gone away,
/// further output is dropped and the command ends with success, as Unix
/// tools do.
pub fn print(text: &str) {
    raw(&crate::escape::visible(text));
}

/// Writes `text` to standard output as it is: for JSON (whose strings
/// already escape control characters) and for `lfw fmt -`, whose output is
/// the file itself.
pub fn raw(text: &str) {
    if closed() {
        return;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CLOSED.store(true, Ordering::Relaxed);
            return;
        }
        err(&format!("error: cannot write the output: {e}\n"));
        crate::cleanup::exit(2);
    }
}

/// `print` with a newline.
pub fn line(text: &str) {
    print(&format!("{text}\n"));
}

/// Writes `text` to standard error. A failed write (a closed pipe, a full
/// disk) is ignored: there is nowhere left to report it, and the command's
/// exit status still tells how it went.
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
