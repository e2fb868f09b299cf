//! Embeds every `.lfw` file under the repository's `frameworks/` folder:
//! generates a table of (path, text) pairs with `include_str!`, and a table
//! of which file declares which framework or crosswalk id, so that one
//! bundled framework can be compiled without compiling the whole library.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "lfw") {
            println!("cargo:rerun-if-changed={}", p.display());
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.join("../..").canonicalize().expect("the repository root");
    let mut files = Vec::new();
    collect(&root.join("frameworks"), &mut files);
    let mut code =
        String::from("/// Every bundled file: its path below the repository root, and its text.\npub static FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(&root).expect("below the root").to_string_lossy().replace('\\', "/");
        writeln!(code, "    ({rel:?}, include_str!({:?})),", f.display().to_string()).expect("write to a string");
    }
    code.push_str("];\n");
    code.push_str("/// Each framework or crosswalk id declared at a line start, and the path of its file.\npub static DECLARED: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(&root).expect("below the root").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(f).expect("a bundled file is UTF-8");
        for id in declared_ids(&text) {
            writeln!(code, "    ({id:?}, {rel:?}),").expect("write to a string");
        }
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("bundled.rs");
    std::fs::write(out, code).expect("write bundled.rs");
}

/// The ids after `framework` or `crosswalk` at the start of a line. The
/// library's tests check that this agrees with the compiler on every file.
fn declared_ids(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            match words.next() {
                Some("framework" | "crosswalk") => words.next(),
                _ => None,
            }
        })
        .collect()
}
