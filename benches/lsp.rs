//! `lfw lsp` latency: the time from a `didChange` to the
//! `publishDiagnostics` it causes, measured on the real process over its
//! standard input and output, for the largest bundled framework and for a
//! generated framework of about 5,000 elements. The target is 50 ms.
//!
//! Run with `cargo bench --bench lsp`. It prints a table and asserts
//! nothing; `cargo test` does not run it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const CHANGES: usize = 30;

/// About `5 * n / 2 + n / 20` elements: `n` competencies in domains of
/// ten, `n` roles in a ladder, each with three requirements.
fn generated(n: usize) -> String {
    let mut s = String::from(
        "framework big \"Generated\"\n  default scale four\nscale four \"Four\"\n  levels essential < proficient < strong < exemplary\n",
    );
    for i in 0..n {
        if i % 10 == 0 {
            s.push_str(&format!("domain d{i} \"Domain {i}\"\n"));
        }
        s.push_str(&format!(
            "skill c{i} \"Competency {i}\"\n  indicator \"Does the thing\"\n  at strong \"Does it well\"\n"
        ));
        if i > 0 {
            s.push_str(&format!("  at strong needs c{} at proficient\n", i - 1));
        }
    }
    for i in 0..n {
        s.push_str(&format!("role r{i} \"Role {i}\"\n"));
        s.push_str(if i == 0 { "  entry\n" } else { "" });
        if i > 0 {
            s.push_str(&format!("  after r{} for 1 year\n", i - 1));
        }
        s.push_str(&format!(
            "  requires c{i} at strong\n  requires 2 of (c{i}, c{}) at proficient\n",
            (i + 1) % n
        ));
        s.push_str(&format!("  requires all in d{} at essential\n", i / 10 * 10));
    }
    s
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lfw"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("lfw lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    match line.trim_end().strip_prefix("Content-Length: ") {
                        Some(n) => length = n.parse().unwrap_or(0),
                        None if line.trim_end().is_empty() => break,
                        None => {}
                    }
                }
                let mut body = vec![0; length];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(value) = serde_json::from_slice(&body) else { return };
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            messages: rx,
        };
        server.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": { "processId": null, "rootUri": format!("file://{}", root.display()), "capabilities": {} } }));
        server.wait(|m| m["id"] == 1);
        server.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        server
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(60)).expect("the server answers");
            if wanted(&m) {
                return m;
            }
        }
    }

    /// Opens a document, then changes it `CHANGES` times: the time to its
    /// first diagnostics, and each change's.
    fn measure(&mut self, path: &Path, text: &str) -> (Duration, Vec<Duration>, usize) {
        let uri = format!("file://{}", path.display());
        let is_ours = |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str();
        let start = Instant::now();
        self.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": uri, "languageId": "lfw", "version": 0, "text": text } } }));
        let first = self.wait(is_ours);
        let open = start.elapsed();
        let count = first["params"]["diagnostics"].as_array().map_or(0, Vec::len);
        let mut times = Vec::new();
        for version in 1..=CHANGES {
            // An edit that changes the text: a comment at the end, growing.
            let changed = format!("{text}// edit {}\n", "x".repeat(version));
            let start = Instant::now();
            self.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": { "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": changed }] } }));
            self.wait(is_ours);
            times.push(start.elapsed());
        }
        times.sort();
        (open, times, count)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn largest_bundled(root: &Path) -> PathBuf {
    let mut best = (0, PathBuf::new());
    for entry in walkdir::WalkDir::new(root.join("frameworks")).into_iter().flatten() {
        let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
        if entry.path().extension().is_some_and(|e| e == "lfw") && len > best.0 {
            best = (len, entry.into_path());
        }
    }
    best.1
}

fn main() {
    // `cargo test --benches` runs benches without `--bench`: do nothing then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let largest = largest_bundled(&repo);
    let text = std::fs::read_to_string(&largest).expect("the largest bundled framework");
    let mut server = Server::start(&repo);
    let bundled = server.measure(&largest, &text);

    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    std::fs::write(root.join("lfw.toml"), "").expect("write");
    let big = generated(2_400);
    let path = root.join("big.lfw");
    std::fs::write(&path, &big).expect("write");
    let elements = big.lines().filter(|l| !l.starts_with(' ') && !l.starts_with("framework")).count();
    let mut server = Server::start(&root);
    let generated = server.measure(&path, &big);

    println!("didChange → publishDiagnostics, {CHANGES} changes each (target: under 50 ms)\n");
    println!("| framework | size | open | median | slowest | diagnostics |");
    println!("|---|---|---|---|---|---|");
    let name = largest.strip_prefix(&repo).unwrap_or(&largest).display().to_string();
    for (name, size, (open, times, count)) in [
        (name, format!("{} KB", text.len() / 1024), bundled),
        (
            format!("generated, {elements} elements"),
            format!("{} KB", big.len() / 1024),
            generated,
        ),
    ] {
        let median = times[times.len() / 2];
        let slowest = times[times.len() - 1];
        println!("| {name} | {size} | {} | {} | {} | {count} |", ms(open), ms(median), ms(slowest));
    }
}
