//! `lfw lsp`: the real process driven through a whole session over
//! JSON-RPC with `Content-Length` framing, as an editor would: initialise,
//! open a document with a mistake, receive its diagnostics and the fix as
//! a quick fix, fix it and see them clear, hover, definition, references,
//! completion, rename (and renames refused), formatting, document symbols,
//! a document outside the workspace, a malformed message and an unknown
//! method, shutdown and exit with status 0. Every wait has a timeout, so a
//! hung server fails the test rather than hanging it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

const BASE: &str = "\
framework base \"Base\"
  default scale leadership

scale leadership \"Leadership levels\"
  levels supervisory < middle < strategic

domain leading \"Leading\"

skill judgement \"Sound judgement\"
  description \"Makes decisions on evidence.\"
  at middle \"Weighs the options with the team.\"
skill people \"Leading people\"

credential ic-1 \"Incident command level 1\"

role firefighter \"Firefighter\"
  entry
";

const MAIN_WRONG: &str = "\
framework main \"Main\"
  extends base
  default scale leadership

import \"base.lfw\"

role crew \"Crew Manager\"
  after firefighter for 2 years
  requires judgment at middle
  requires ic-1
";

/// A session with a running server.
struct Session {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
}

impl Session {
    fn start(dir: &Path) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lfw"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("lfw lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("every message has a Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Session {
            child,
            stdin,
            messages: rx,
            next_id: 0,
            pending: Vec::new(),
        }
    }

    fn write_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.write_raw(&message.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&mut self) -> Value {
        self.messages.recv_timeout(WAIT).expect("the server answers in time")
    }

    /// Sends a request and waits for its response (the whole message).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            let m = self.next();
            if m.get("method").is_some() {
                self.pending.push(m);
            } else if m["id"] == id {
                return m;
            }
        }
        panic!("no response to {id}");
    }

    /// A request expected to succeed: its result.
    fn ok(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// The next notification of a method (for a URI, if given).
    fn notification(&mut self, method: &str, uri: Option<&str>) -> Value {
        let wanted = |m: &Value| m["method"] == method && uri.is_none_or(|u| m["params"]["uri"] == u);
        if let Some(i) = self.pending.iter().position(wanted) {
            return self.pending.remove(i);
        }
        let start = Instant::now();
        while start.elapsed() < WAIT {
            let m = self.next();
            if wanted(&m) {
                return m;
            }
            self.pending.push(m);
        }
        panic!("no {method}");
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } })
}

/// The line and column of the first `needle` in `text`, plus `skip` columns.
fn find(text: &str, needle: &str, skip: u32) -> (u32, u32) {
    let offset = text.find(needle).expect("needle");
    let line = text[..offset].matches('\n').count() as u32;
    let column = (offset - text[..offset].rfind('\n').map_or(0, |i| i + 1)) as u32;
    (line, column + skip)
}

#[test]
fn a_whole_session() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let work = root.join("work");
    std::fs::create_dir(&work).expect("mkdir");
    std::fs::write(work.join("lfw.toml"), "").expect("write");
    std::fs::write(work.join("base.lfw"), BASE).expect("write");
    std::fs::write(work.join("main.lfw"), MAIN_WRONG).expect("write");
    std::fs::write(root.join("outside.lfw"), BASE).expect("write");
    let main = uri(&work.join("main.lfw"));
    let base = uri(&work.join("base.lfw"));

    let started = Instant::now();
    let mut s = Session::start(&work);

    // Requests before `initialize` are refused.
    let early = s.call("textDocument/hover", at(&main, 0, 0));
    assert_eq!(early["error"]["code"], -32002, "{early}");

    let init = s.ok(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&work), "capabilities": {} }),
    );
    let caps = &init["capabilities"];
    for cap in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "completionProvider",
        "renameProvider",
        "documentSymbolProvider",
        "documentFormattingProvider",
        "codeActionProvider",
    ] {
        assert!(caps.get(cap).is_some(), "{cap} in {caps}");
    }
    s.notify("initialized", json!({}));

    // Open a document with a mistake: its diagnostic, with its code and fix.
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": main, "languageId": "lfw", "version": 1, "text": MAIN_WRONG } }),
    );
    let published = s.notification("textDocument/publishDiagnostics", Some(&main));
    let diagnostics = published["params"]["diagnostics"].as_array().expect("diagnostics").clone();
    assert_eq!(diagnostics.len(), 1, "{published}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "lfw::unknown-reference");
    assert_eq!(d["severity"], 1);
    let (line, column) = find(MAIN_WRONG, "judgment", 0);
    assert_eq!(d["range"]["start"], json!({ "line": line, "character": column }));
    assert!(d["message"].as_str().expect("message").contains("judgement"), "{d}");

    // The fix, as a quick fix.
    let actions = s.ok(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": main }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    assert_eq!(actions[0]["kind"], "quickfix", "{actions}");
    let edits = &actions[0]["edit"]["changes"][&main];
    assert_eq!(edits[0]["newText"], "judgement", "{actions}");
    assert_eq!(edits[0]["range"], d["range"]);

    // Fixed: the diagnostics clear.
    let main_text = MAIN_WRONG.replace("judgment", "judgement");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": main, "version": 2 }, "contentChanges": [{ "text": main_text }] }),
    );
    let published = s.notification("textDocument/publishDiagnostics", Some(&main));
    assert_eq!(published["params"]["diagnostics"], json!([]), "{published}");

    // Hover: kind, title, description, descriptors, where it is used.
    let (line, column) = find(&main_text, "judgement", 2);
    let hover = s.ok("textDocument/hover", at(&main, line, column));
    let text = hover["contents"]["value"].as_str().expect("markdown");
    for part in [
        "**skill** `judgement` — Sound judgement",
        "Makes decisions on evidence.",
        "`middle`: Weighs the options",
        "role crew",
        "base.lfw",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    eprintln!("hover: {hover}");

    // A domain lists the competencies written under it.
    let (dline, dcolumn) = find(BASE, "domain leading", 8);
    let domain = s.ok("textDocument/hover", at(&base, dline, dcolumn));
    let text = domain["contents"]["value"].as_str().expect("markdown");
    assert!(text.contains("Competencies: `judgement`, `people`."), "{text}");

    // Definition, across the import.
    let definition = s.ok("textDocument/definition", at(&main, line, column));
    assert_eq!(definition[0]["uri"], base, "{definition}");
    let (def_line, def_column) = find(BASE, "judgement \"", 0);
    assert_eq!(
        definition[0]["range"]["start"],
        json!({ "line": def_line, "character": def_column })
    );
    // A level, to its scale.
    let (mline, mcolumn) = find(&main_text, "at middle", 4);
    let level = s.ok("textDocument/definition", at(&main, mline, mcolumn));
    assert_eq!(level[0]["uri"], base);
    assert_eq!(level[0]["range"]["start"]["line"], find(BASE, "levels supervisory", 0).0);
    // The base framework named by `extends`.
    let (eline, ecolumn) = find(&main_text, "extends base", 8);
    let extended = s.ok("textDocument/definition", at(&main, eline, ecolumn));
    assert_eq!(extended[0]["range"]["start"], json!({ "line": 0, "character": 10 }));

    // References: the declaration and its uses, in both files.
    let mut params = at(&base, def_line, def_column + 1);
    params["context"] = json!({ "includeDeclaration": true });
    let references = s.ok("textDocument/references", params);
    let uris: Vec<&str> = references
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| l["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(uris, [base.as_str(), main.as_str()], "{references}");

    // Completion: competencies and credentials after `requires`, levels
    // after `at`, roles after `after`, keywords at a line's start.
    let with_blank = format!("{main_text}  requires \n  requires people at \n  after \n\n");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": main, "version": 3 }, "contentChanges": [{ "text": with_blank }] }),
    );
    s.notification("textDocument/publishDiagnostics", Some(&main));
    let labels = |items: &Value| -> Vec<String> {
        items
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["label"].as_str().expect("label").to_string())
            .collect()
    };
    let lines = with_blank.lines().count() as u32;
    let requires = s.ok("textDocument/completion", at(&main, lines - 4, 11));
    assert_eq!(labels(&requires), ["ic-1", "judgement", "people"], "{requires}");
    let levels = s.ok("textDocument/completion", at(&main, lines - 3, 21));
    assert_eq!(labels(&levels), ["supervisory", "middle", "strategic"], "{levels}");
    eprintln!("completion: {levels}");
    let after = s.ok("textDocument/completion", at(&main, lines - 2, 8));
    assert_eq!(labels(&after), ["crew", "firefighter"]);
    let keywords = s.ok("textDocument/completion", at(&main, lines - 1, 0));
    assert!(labels(&keywords).contains(&"competency".to_string()), "{keywords}");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": main, "version": 4 }, "contentChanges": [{ "text": main_text }] }),
    );
    s.notification("textDocument/publishDiagnostics", Some(&main));

    // Rename across files; refused when the new id is taken or invalid.
    let mut params = at(&main, line, column);
    params["newName"] = json!("sound-judgement");
    let rename = s.ok("textDocument/rename", params.clone());
    assert_eq!(rename["changes"][&base].as_array().expect("base edits").len(), 1, "{rename}");
    assert_eq!(rename["changes"][&main][0]["newText"], "sound-judgement", "{rename}");
    params["newName"] = json!("people");
    let taken = s.call("textDocument/rename", params.clone());
    assert!(taken["error"]["message"].as_str().expect("message").contains("taken"), "{taken}");
    params["newName"] = json!("not an id");
    let invalid = s.call("textDocument/rename", params);
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");

    // Formatting: what `lfw fmt` would write.
    let messy = main_text.replace("  requires ic-1", "     requires    ic-1");
    s.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": main, "version": 5 }, "contentChanges": [{ "text": messy }] }),
    );
    s.notification("textDocument/publishDiagnostics", Some(&main));
    let edits = s.ok(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": main }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let formatted = lfw_syntax::format::format(&lfw_syntax::parse(&messy).tree);
    assert_eq!(edits[0]["newText"], formatted.as_str(), "{edits}");
    assert!(formatted.contains("\n  requires ic-1\n"));

    // The outline.
    let symbols = s.ok("textDocument/documentSymbol", json!({ "textDocument": { "uri": base } }));
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|x| x["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["base", "leadership", "leading", "ic-1", "firefighter"], "{symbols}");
    let domain = &symbols[2];
    assert_eq!(domain["children"][0]["name"], "judgement", "{symbols}");
    assert_eq!(symbols[1]["children"].as_array().expect("levels").len(), 3);

    // A document outside the workspace: refused, and the server goes on.
    let outside = uri(&root.join("outside.lfw"));
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": outside, "languageId": "lfw", "version": 1, "text": BASE } }),
    );
    let shown = s.notification("window/showMessage", None);
    assert!(shown["params"]["message"].as_str().expect("message").contains("outside"), "{shown}");
    let refused = s.call("textDocument/hover", at(&outside, 8, 8));
    assert!(
        refused["error"]["message"].as_str().expect("message").contains("outside"),
        "{refused}"
    );

    // Malformed JSON-RPC and unknown methods: errors, and the server goes on.
    s.write_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let parse_error = s.response(Value::Null);
    assert_eq!(parse_error["error"]["code"], -32700, "{parse_error}");
    s.write_raw("[1, 2, 3]");
    let invalid = s.response(Value::Null);
    assert_eq!(invalid["error"]["code"], -32600, "{invalid}");
    let unknown = s.call("textDocument/noSuchThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad_params = s.call("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(bad_params["error"]["code"], -32602, "{bad_params}");

    // Shutdown and exit.
    assert_eq!(s.ok("shutdown", Value::Null), Value::Null);
    s.notify("exit", Value::Null);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = s.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(0));
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "the session took {:?}",
        started.elapsed()
    );
}

/// The end of standard input without `exit` ends the server too (with
/// status 1, as the protocol says), rather than leaving it running.
#[test]
fn the_end_of_input_ends_the_server() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut s = Session::start(dir.path());
    s.write_raw("not json at all");
    let e = s.response(Value::Null);
    assert_eq!(e["error"]["code"], -32700);
    drop(s.stdin);
    assert_eq!(exit_status(&mut s.child), Some(1), "the server did not exit");
}

/// The server's exit status, waiting at most [`WAIT`] for it to end.
fn exit_status(child: &mut Child) -> Option<i32> {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        assert!(Instant::now() < deadline, "the server did not exit in time");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A header line that never ends grew the buffer holding it until the
/// server aborted: a header line past a few KiB ends the session, while
/// standard input is still open.
#[test]
fn a_header_line_without_end_ends_the_server() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut s = Session::start(dir.path());
    let mut stdin = s.stdin;
    // Written from another thread: once the server has stopped reading, the
    // rest of the write fails, which is expected.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&vec![b'X'; 1 << 20]);
        let _ = stdin.flush();
        stdin
    });
    assert_eq!(exit_status(&mut s.child), Some(1), "the server kept reading the header line");
    drop(writer.join());
}

/// A document larger than every other reader accepts (16 MiB) was held and
/// checked when opened: it is refused, and the editor is told why.
#[test]
fn an_open_document_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let work = dir.path().canonicalize().expect("canonical");
    std::fs::write(work.join("lfw.toml"), "").expect("write lfw.toml");
    let big = uri(&work.join("big.lfw"));
    let mut s = Session::start(&work);
    s.ok(
        "initialize",
        json!({ "processId": null, "rootUri": uri(&work), "capabilities": {} }),
    );
    s.notify("initialized", json!({}));
    let text = format!("framework big \"Big\"\n# {}\n", "x".repeat(17 << 20));
    s.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": big, "languageId": "lfw", "version": 1, "text": text } }),
    );
    let shown = s.notification("window/showMessage", None);
    let message = shown["params"]["message"].as_str().expect("a message");
    assert!(message.contains("larger than 16 MiB"), "{message}");
}
