//! Standard output that tolerates a closed pipe: `lfw export … | head`
//! stops quietly instead of panicking; output that cannot be written
//! otherwise (`> /dev/full`) is reported once, drops what follows, and
//! makes `main` end with status 2 (long commands stop early, see
//! [`closed`]). Standard error that cannot be written is ignored,
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
static FAILED: AtomicBool = AtomicBool::new(false);

/// Whether standard output can take no more: its reader has gone away, or
/// a write failed. Long commands check it to stop early (and still clean up
/// after themselves).
pub fn closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

/// Whether a write to standard output failed for a reason other than its
/// reader going away: the run then ends with status 2.
pub fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
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
        CLOSED.store(true, Ordering::Relaxed);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            FAILED.store(true, Ordering::Relaxed);
            err(&format!("error: cannot write the output: {e}\n"));
        }
    }
}

/// A JSON document on standard output, pretty-printed, with a line break.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) {
    raw(&format!(
        "{}\n",
        serde_json::to_string_pretty(value).expect("JSON values serialise")
    ));
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
