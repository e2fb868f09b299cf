//! Standard output that tolerates a closed pipe: `lfw export … | head`
//! stops quietly instead of panicking.

use std::io::Write;

/// Writes `text` to standard output; if the reader has gone away, exits
/// at once with success, as Unix tools do.
pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `print` with a newline.
pub fn line(text: &str) {
    print(&format!("{text}\n"));
}
