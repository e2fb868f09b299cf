//! Temporary data that is removed however the program ends: when the
//! command returns (output that cannot be written included: the command
//! then stops early and returns), and when the user or the system stops it
//! with SIGINT, SIGTERM or SIGHUP.
//!
//! A large CSV cohort is split into parts holding people's HR rows, and
//! they must not be left readable on disk after the run. Each command that
//! writes such data makes a [`TempDir`], which registers itself here; the
//! signal thread removes whatever is registered before ending the process.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Paths to remove before the process ends, other than by returning.
static REGISTERED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry. Poisoning is ignored: a panic elsewhere must not keep the
/// temporary data on disk.
fn registered() -> MutexGuard<'static, Vec<PathBuf>> {
    REGISTERED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A new private directory in the system's temporary folder (`TMPDIR`):
/// mode 0700 (the umask can only narrow it), with a fresh unpredictable
/// name after `prefix`, never a path that already existed. It is removed
/// when dropped, and on a signal once [`remove_on_signals`] has been
/// called.
pub struct TempDir(Option<tempfile::TempDir>);

impl TempDir {
    pub fn new(prefix: &str) -> std::io::Result<TempDir> {
        // Created and registered under the lock, so that a signal arriving
        // in between still finds it.
        let mut paths = registered();
        // tempfile makes directories 0777 less the umask (0755 as a rule):
        // readable by everyone, so the mode is asked for.
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .permissions(std::fs::Permissions::from_mode(0o700))
            .tempdir()?;
        paths.push(dir.path().to_path_buf());
        Ok(TempDir(Some(dir)))
    }

    pub fn path(&self) -> &Path {
        self.0.as_ref().expect("the directory is there until dropped").path()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Removed and forgotten under the lock, so that a signal never ends
        // the process half-way through the removal.
        let mut paths = registered();
        if let Some(dir) = self.0.take() {
            paths.retain(|p| p != dir.path());
            let _ = dir.close();
        }
    }
}

/// Removes every registered path, then ends the process with `code`. The
/// lock is kept until the end, so nothing new can be registered meanwhile.
fn exit(code: i32) -> ! {
    let paths = registered();
    for path in paths.iter() {
        remove(path);
    }
    std::process::exit(code)
}

/// Removes a file, or a directory and all it holds; what cannot be removed
/// is left, since the process is ending anyway. On a signal, the main
/// thread may still be creating parts in the directory while it is removed,
/// which then fails as not empty: a few more tries find it gone.
fn remove(path: &Path) {
    for _ in 0..10 {
        match std::fs::symlink_metadata(path) {
            Err(_) => return,
            Ok(meta) if meta.is_dir() => {
                let _ = std::fs::remove_dir_all(path);
            }
            Ok(_) => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// From now on, SIGINT, SIGTERM and SIGHUP remove the registered paths and
/// end the process with status 128 + the signal's number (130, 143, 129),
/// as a shell reports a process killed by that signal. Installed only by
/// commands that write temporary data; the others keep the default
/// behaviour.
pub fn remove_on_signals() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new().name("signals".to_string()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            exit(128 + signal);
        }
    })?;
    Ok(())
}
