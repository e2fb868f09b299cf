//! `lfw lsp`: a language server over standard input and output.
//!
//! Messages are framed and typed with the `lsp-server` crate's `Message`
//! (as rust-analyzer's are) and their contents with `lsp-types`. The
//! transport is our own small loop rather than `lsp-server`'s
//! `Connection`: its reader thread stops at the first message that is not
//! well-formed JSON-RPC, where this server answers it with an error and
//! reads on. Everything runs on one thread, one message at a time.
//!
//! Diagnostics come from the compiler (`lfw_model::compile`), reading the
//! editor's buffer for every open document and the project's files (through
//! `files::Project`, confined to the workspace folder) for the rest.
//! Navigation, hover, completion and rename are questions over an index of
//! declarations and uses read off the typed trees (`index.rs`), each file
//! parsed once per text it has had.

// `lsp-types` keys workspace edits by `Uri`, whose parsed form caches data
// inside: clippy takes that for a mutable key, but a `Uri` is never changed
// once built (rust-analyzer allows the lint for the same reason).
#![allow(clippy::mutable_key_type)]

mod index;
mod text;

use crate::files::Project;
use index::{Index, Kind, Target};
use lfw_model::source::normalize;
use lfw_model::{compile_cached, ParseCache, ReadError, Severity, MAX_SOURCE_BYTES};
use lfw_syntax::ast::{self, Item};
use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use lsp_types::{Range, Uri};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet, VecDeque};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use text::{path_of, uri_of, Lines};

/// The largest message read, in bytes: far above any document this server
/// accepts (`MAX_SOURCE_BYTES`), low enough that a bad header cannot make
/// it allocate without bound.
const MAX_MESSAGE_BYTES: usize = 64 << 20;

/// The longest header line read, in bytes: real headers are a few dozen
/// bytes; a line longer than this (or one that never ends) ends the
/// session rather than growing the buffer that holds it.
const MAX_HEADER_LINE_BYTES: u64 = 4 << 10;

/// `lfw lsp`: serves until `exit` or the end of standard input. True when
/// the session ended as the protocol asks (`shutdown`, then `exit`), for
/// exit status 0; 1 otherwise.
pub fn run(root: Option<&Path>) -> bool {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut server = Server::new(root.map(Path::to_path_buf));
    loop {
        let incoming = match read_message(&mut input) {
            Ok(incoming) => incoming,
            Err(_) => return false,
        };
        match incoming {
            Incoming::End => return server.shut_down,
            Incoming::Malformed { id, code, message } => server.send_error_raw(id, code, &message),
            Incoming::Message(Message::Request(req)) => server.request(req),
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return server.shut_down;
                }
                server.notification(n);
            }
            // The server sends no requests, so it expects no responses.
            Incoming::Message(Message::Response(_)) => {}
        }
        if server.output_failed {
            return false;
        }
    }
}

enum Incoming {
    Message(Message),
    /// A message that could not be read: its id when it had one, the
    /// JSON-RPC error code and why.
    Malformed {
        id: Value,
        code: i32,
        message: String,
    },
    End,
}

/// Reads one message framed by a `Content-Length` header. `Err` only when
/// the input itself fails.
fn read_message(input: &mut impl BufRead) -> io::Result<Incoming> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    loop {
        line.clear();
        let read = io::Read::take(&mut *input, MAX_HEADER_LINE_BYTES).read_line(&mut line)?;
        if read == 0 {
            return Ok(Incoming::End);
        }
        if !line.ends_with('\n') && read as u64 == MAX_HEADER_LINE_BYTES {
            // The framing is lost: nothing after this can be read as a message.
            return Ok(Incoming::End);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between messages.
            continue;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("the Content-Length `{}` is not a number", value.trim())),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(n)) if n <= MAX_MESSAGE_BYTES => n,
        Some(Ok(n)) => {
            // Skip the body rather than hold it.
            io::copy(&mut io::Read::take(&mut *input, n as u64), &mut io::sink())?;
            return Ok(malformed(
                Value::Null,
                ErrorCode::InvalidRequest,
                format!("a message of {n} bytes is too large"),
            ));
        }
        Some(Err(why)) => return Ok(malformed(Value::Null, ErrorCode::ParseError, why)),
        None => return Ok(Incoming::End),
    };
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(Incoming::End);
    }
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Ok(malformed(
                Value::Null,
                ErrorCode::ParseError,
                format!("the message is not JSON: {e}"),
            ))
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let is_object_with_method = value.get("method").is_some_and(Value::is_string);
    let is_response = value.get("result").is_some() || value.get("error").is_some();
    if !is_object_with_method && !is_response {
        return Ok(malformed(
            id,
            ErrorCode::InvalidRequest,
            "the message is not a JSON-RPC request, notification or response".into(),
        ));
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Ok(Incoming::Message(m)),
        Err(e) => Ok(malformed(
            id,
            ErrorCode::InvalidRequest,
            format!("the message is not valid JSON-RPC: {e}"),
        )),
    }
}

fn malformed(id: Value, code: ErrorCode, message: String) -> Incoming {
    Incoming::Malformed {
        id,
        code: code as i32,
        message,
    }
}

/// A request refused, with the JSON-RPC error to answer it with.
struct Refusal {
    code: ErrorCode,
    message: String,
}

fn refuse(code: ErrorCode, message: impl Into<String>) -> Refusal {
    Refusal {
        code,
        message: message.into(),
    }
}

type Answer = Result<Value, Refusal>;

/// An open document: the editor's text, which the compiler reads instead of
/// the disk, and what the last compilation said of it.
struct Doc {
    uri: Uri,
    text: String,
    /// The diagnostics published for it, each with its fix as edits.
    fixes: Vec<(lsp::Diagnostic, Option<lsp::WorkspaceEdit>, Option<String>)>,
    /// Every file its last compilation read.
    files: HashSet<PathBuf>,
}

/// One file read and parsed for navigation.
struct Parsed {
    text: String,
    file: Arc<ast::File>,
}

/// Files and the index of their names.
struct World {
    paths: Vec<PathBuf>,
    files: Vec<Rc<Parsed>>,
    index: Index,
}

impl World {
    fn location(&self, file: usize, span: lfw_syntax::Span) -> Option<lsp::Location> {
        let lines = Lines::new(&self.files[file].text);
        Some(lsp::Location::new(uri_of(&self.paths[file])?, lines.range(span.start, span.end)))
    }
}

struct Server {
    /// The workspace folder, canonical; `None` until `initialize`.
    root: Option<PathBuf>,
    /// The folder given with `--root`, which overrides the client's.
    explicit_root: Option<PathBuf>,
    project: Option<Project>,
    initialized: bool,
    shut_down: bool,
    output_failed: bool,
    docs: HashMap<PathBuf, Doc>,
    /// Every file parsed, by path, with the text it had: an edit re-parses
    /// the edited file only, for diagnostics and navigation alike.
    cache: ParseCache,
}

impl Server {
    fn new(explicit_root: Option<PathBuf>) -> Server {
        Server {
            root: None,
            explicit_root,
            project: None,
            initialized: false,
            shut_down: false,
            output_failed: false,
            docs: HashMap::new(),
            cache: ParseCache::default(),
        }
    }

    // ------------------------------------------------------------ output

    fn send(&mut self, message: Message) {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        if message.write(&mut out).is_err() {
            self.output_failed = true;
        }
    }

    /// An error response whose id may be `null` (a message that could not
    /// be read), which `lsp_server::Response` cannot carry.
    fn send_error_raw(&mut self, id: Value, code: i32, message: &str) {
        let id = match id {
            Value::Number(_) | Value::String(_) => id,
            _ => Value::Null,
        };
        let body = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } }).to_string();
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let written = write!(out, "Content-Length: {}\r\n\r\n{}", body.len(), body).and_then(|_| out.flush());
        if written.is_err() {
            self.output_failed = true;
        }
    }

    fn notify(&mut self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(method.to_string(), params)));
    }

    fn show(&mut self, typ: lsp::MessageType, message: String) {
        self.notify("window/showMessage", lsp::ShowMessageParams { typ, message });
    }

    // ---------------------------------------------------------- dispatch

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let answer = if req.method == "initialize" {
            self.initialize(req.params)
        } else if !self.initialized {
            Err(refuse(ErrorCode::ServerNotInitialized, "the server has not been initialised"))
        } else if self.shut_down {
            Err(refuse(ErrorCode::InvalidRequest, "the server is shutting down"))
        } else if req.method == "shutdown" {
            self.shut_down = true;
            Ok(Value::Null)
        } else {
            // A bug must cost one request, not the session.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(&req.method, req.params))).unwrap_or_else(|_| {
                Err(refuse(
                    ErrorCode::InternalError,
                    format!("`{}` failed inside the server", req.method),
                ))
            })
        };
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err(r) => Response::new_err(id, r.code as i32, r.message),
        };
        self.send(Message::Response(response));
    }

    fn handle(&mut self, method: &str, raw: Value) -> Answer {
        match method {
            "textDocument/hover" => self.hover(params(raw)?),
            "textDocument/definition" => self.definition(params(raw)?),
            "textDocument/references" => self.references(params(raw)?),
            "textDocument/completion" => self.completion(params(raw)?),
            "textDocument/rename" => self.rename(params(raw)?),
            "textDocument/documentSymbol" => self.symbols(params(raw)?),
            "textDocument/formatting" => self.formatting(params(raw)?),
            "textDocument/codeAction" => self.code_actions(params(raw)?),
            _ => Err(refuse(ErrorCode::MethodNotFound, format!("unknown method `{method}`"))),
        }
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match n.method.as_str() {
            "textDocument/didOpen" => match params::<lsp::DidOpenTextDocumentParams>(n.params) {
                Ok(p) => self.opened(p.text_document.uri, p.text_document.text),
                Err(r) => self.show(lsp::MessageType::ERROR, r.message),
            },
            "textDocument/didChange" => match params::<lsp::DidChangeTextDocumentParams>(n.params) {
                Ok(p) => self.changed(p),
                Err(r) => self.show(lsp::MessageType::ERROR, r.message),
            },
            "textDocument/didClose" => {
                if let Ok(p) = params::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.closed(&p.text_document.uri);
                }
            }
            // `initialized`, `didSave`, `$/cancelRequest`, settings: nothing to do.
            _ => {}
        }));
        if result.is_err() {
            self.show(lsp::MessageType::ERROR, format!("`{}` failed inside the server", n.method));
        }
    }

    fn initialize(&mut self, raw: Value) -> Answer {
        if self.initialized {
            return Err(refuse(ErrorCode::InvalidRequest, "the server is already initialised"));
        }
        let p: lsp::InitializeParams = params(raw)?;
        #[allow(deprecated)]
        let client_root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(p.root_uri.clone())
            .and_then(|u| path_of(&u));
        let root = self
            .explicit_root
            .clone()
            .or(client_root)
            .or_else(|| std::env::current_dir().ok())
            .ok_or_else(|| refuse(ErrorCode::InvalidParams, "no workspace folder"))?;
        let canonical = std::fs::canonicalize(&root)
            .map_err(|e| refuse(ErrorCode::InvalidParams, format!("the workspace folder `{}`: {e}", root.display())))?;
        let project = Project::new(Some(&canonical), &[]).map_err(|e| refuse(ErrorCode::InvalidParams, e))?;
        self.root = Some(canonical);
        self.project = Some(project);
        self.initialized = true;
        let capabilities = lsp::ServerCapabilities {
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(lsp::TextDocumentSyncKind::FULL)),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            references_provider: Some(lsp::OneOf::Left(true)),
            completion_provider: Some(lsp::CompletionOptions {
                trigger_characters: Some(vec![" ".into(), "(".into(), ",".into()]),
                ..lsp::CompletionOptions::default()
            }),
            rename_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            document_formatting_provider: Some(lsp::OneOf::Left(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..lsp::CodeActionOptions::default()
            })),
            ..lsp::ServerCapabilities::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(lsp::ServerInfo {
                name: "lfw".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(internal)
    }

    // --------------------------------------------------------- documents

    /// The path of a document, if it is a `.lfw` file inside the workspace.
    fn path(&self, uri: &Uri) -> Result<PathBuf, Refusal> {
        let path = path_of(uri).ok_or_else(|| refuse(ErrorCode::InvalidParams, format!("`{}` is not a file", uri.as_str())))?;
        let path = normalize(&path);
        if path.extension().is_none_or(|e| e != "lfw") {
            return Err(refuse(ErrorCode::InvalidParams, format!("`{}` is not a .lfw file", path.display())));
        }
        let root = self.root.as_deref().unwrap_or(Path::new("/"));
        // The file, or (for a new one) its folder, with links resolved.
        let canonical = std::fs::canonicalize(&path).or_else(|_| {
            let parent = path.parent().unwrap_or(Path::new("/"));
            std::fs::canonicalize(parent).map(|p| p.join(path.file_name().unwrap_or_default()))
        });
        match canonical {
            Ok(c) if c.starts_with(root) => Ok(path),
            _ => Err(refuse(
                ErrorCode::RequestFailed,
                format!("`{}` is outside the workspace folder `{}`", path.display(), root.display()),
            )),
        }
    }

    fn opened(&mut self, uri: Uri, text: String) {
        let path = match self.path(&uri) {
            Ok(p) => p,
            Err(r) => return self.show(lsp::MessageType::WARNING, format!("lfw: {}", r.message)),
        };
        if text.len() as u64 > MAX_SOURCE_BYTES {
            return self.too_large(&path);
        }
        self.docs.insert(
            path.clone(),
            Doc {
                uri,
                text,
                fixes: Vec::new(),
                files: HashSet::new(),
            },
        );
        self.check(&path);
    }

    fn changed(&mut self, p: lsp::DidChangeTextDocumentParams) {
        let Ok(path) = self.path(&p.text_document.uri) else { return };
        let Some(doc) = self.docs.get_mut(&path) else { return };
        for change in p.content_changes {
            match change.range {
                None => doc.text = change.text,
                Some(range) => {
                    let lines = Lines::new(&doc.text);
                    let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                    if start <= end {
                        doc.text.replace_range(start..end, &change.text);
                    }
                }
            }
        }
        if doc.text.len() as u64 > MAX_SOURCE_BYTES {
            self.docs.remove(&path);
            self.cache.forget(&path);
            return self.too_large(&path);
        }
        self.check(&path);
        // Other open documents that read this one.
        let others: Vec<PathBuf> = self
            .docs
            .iter()
            .filter(|(p, d)| **p != path && d.files.contains(&path))
            .map(|(p, _)| p.clone())
            .collect();
        for other in others {
            self.check(&other);
        }
    }

    /// A document over the size every other reader refuses
    /// ([`MAX_SOURCE_BYTES`]) is not held or checked, and the editor is told.
    fn too_large(&mut self, path: &Path) {
        self.show(
            lsp::MessageType::WARNING,
            format!(
                "lfw: `{}` is larger than {} MiB, so it is not checked",
                path.display(),
                MAX_SOURCE_BYTES >> 20
            ),
        );
    }

    fn closed(&mut self, uri: &Uri) {
        if let Ok(path) = self.path(uri) {
            if self.docs.remove(&path).is_some() {
                self.cache.forget(&path);
                self.notify(
                    "textDocument/publishDiagnostics",
                    lsp::PublishDiagnosticsParams::new(uri.clone(), Vec::new(), None),
                );
            }
        }
    }

    /// Reads a file: an open document's text, else the project's file.
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        read(&self.docs, self.project.as_ref(), path)
    }

    /// Compiles an open document and publishes its diagnostics.
    fn check(&mut self, path: &Path) {
        let (docs, project) = (&self.docs, self.project.as_ref());
        let compilation = compile_cached(&[path.to_path_buf()], &|p: &Path| read(docs, project, p), &mut self.cache);
        let sources = &compilation.sources;
        let Some(this) = sources.find(path) else { return };
        let mut lines: HashMap<lfw_model::FileId, Lines> = HashMap::new();
        let mut place = |loc: lfw_model::Loc| -> Option<(Uri, Range)> {
            let uri = uri_of(&sources.get(loc.file).path)?;
            let l = lines.entry(loc.file).or_insert_with(|| Lines::new(&sources.get(loc.file).text));
            Some((uri, l.range(loc.span.start, loc.span.end)))
        };
        let mut published = Vec::new();
        for d in &compilation.diagnostics {
            let Some(primary) = &d.primary else { continue };
            if primary.loc.file != this {
                continue;
            }
            let Some((_, range)) = place(primary.loc) else { continue };
            let related: Vec<lsp::DiagnosticRelatedInformation> = d
                .related
                .iter()
                .filter_map(|l| {
                    let (uri, range) = place(l.loc)?;
                    Some(lsp::DiagnosticRelatedInformation {
                        location: lsp::Location::new(uri, range),
                        message: l.text.clone(),
                    })
                })
                .collect();
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            let diagnostic = lsp::Diagnostic {
                range,
                severity: Some(match d.severity {
                    Severity::Error => lsp::DiagnosticSeverity::ERROR,
                    Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                }),
                code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
                source: Some("lfw".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..lsp::Diagnostic::default()
            };
            let mut edit: Option<lsp::WorkspaceEdit> = None;
            if !d.fixes.is_empty() {
                let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
                for f in &d.fixes {
                    if let Some((uri, range)) = place(f.loc) {
                        changes
                            .entry(uri)
                            .or_default()
                            .push(lsp::TextEdit::new(range, f.replacement.clone()));
                    }
                }
                edit = Some(lsp::WorkspaceEdit::new(changes));
            }
            published.push((diagnostic, edit, d.help.clone()));
        }
        let files: HashSet<PathBuf> = (0..sources.len() as u32)
            .map(|i| sources.get(lfw_model::FileId(i)).path.clone())
            .collect();
        let Some(doc) = self.docs.get_mut(path) else { return };
        doc.files = files;
        let uri = doc.uri.clone();
        let diagnostics = published.iter().map(|(d, _, _)| d.clone()).collect();
        doc.fixes = published;
        self.notify(
            "textDocument/publishDiagnostics",
            lsp::PublishDiagnosticsParams::new(uri, diagnostics, None),
        );
    }

    // ------------------------------------------------------------- world

    /// A file parsed, from the editor's buffer or the project.
    fn parse(&mut self, path: &Path) -> Option<Rc<Parsed>> {
        let text = String::from_utf8(self.read(path).ok()?).ok()?;
        let (file, _) = self.cache.parse(path, &text);
        Some(Rc::new(Parsed { text, file }))
    }

    /// The files named and everything they import, indexed; the first
    /// root is file 0.
    fn world(&mut self, roots: &[PathBuf]) -> World {
        let mut world = World {
            paths: Vec::new(),
            files: Vec::new(),
            index: Index::default(),
        };
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let mut queue: VecDeque<PathBuf> = roots.iter().cloned().collect();
        while let Some(path) = queue.pop_front() {
            if world.paths.len() >= lfw_model::limits::MAX_FILES || !seen.insert(path.clone()) {
                continue;
            }
            let Some(parsed) = self.parse(&path) else { continue };
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            for import in imports(&parsed.file) {
                queue.push_back(normalize(&dir.join(import)));
            }
            world.index.add(world.files.len(), &parsed.file);
            world.paths.push(path);
            world.files.push(parsed);
        }
        world
    }

    /// The world of a document for references and renames: it, every
    /// file of the workspace that imports it (directly or not), and what
    /// they import.
    fn wide_world(&mut self, path: &Path) -> World {
        let mut importers: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        for file in self.workspace_files() {
            let Some(parsed) = self.parse(&file) else { continue };
            let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
            for import in imports(&parsed.file) {
                importers.entry(normalize(&dir.join(import))).or_default().push(file.clone());
            }
        }
        let mut roots = vec![path.to_path_buf()];
        let mut seen: HashSet<PathBuf> = roots.iter().cloned().collect();
        let mut i = 0;
        while i < roots.len() {
            for by in importers.get(&roots[i]).into_iter().flatten() {
                if seen.insert(by.clone()) {
                    roots.push(by.clone());
                }
            }
            i += 1;
        }
        self.world(&roots)
    }

    /// The `.lfw` files of the workspace (and the open documents), leaving
    /// out hidden folders and build output.
    fn workspace_files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self.docs.keys().cloned().collect();
        let Some(root) = &self.root else { return out };
        let walk = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                e.depth() == 0 || !(name.starts_with('.') || name == "target" || name == "node_modules")
            });
        for entry in walk.flatten() {
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "lfw") {
                let path = entry.into_path();
                if !out.contains(&path) {
                    out.push(path);
                }
            }
            if out.len() >= lfw_model::limits::MAX_FILES {
                break;
            }
        }
        out
    }

    /// The document and offset of a request's position.
    fn locate(&mut self, at: &lsp::TextDocumentPositionParams) -> Result<(PathBuf, Rc<Parsed>, usize), Refusal> {
        let path = self.path(&at.text_document.uri)?;
        let parsed = self
            .parse(&path)
            .ok_or_else(|| refuse(ErrorCode::RequestFailed, format!("cannot read `{}`", path.display())))?;
        let offset = Lines::new(&parsed.text).offset(at.position);
        Ok((path, parsed, offset))
    }

    // ---------------------------------------------------------- requests

    fn hover(&mut self, p: lsp::HoverParams) -> Answer {
        let (path, parsed, offset) = self.locate(&p.text_document_position_params)?;
        let world = self.world(&[path]);
        let Some((span, target)) = world.index.at(0, offset) else {
            return Ok(Value::Null);
        };
        let markdown = describe(&world, &target);
        let range = Lines::new(&parsed.text).range(span.start, span.end);
        to_value(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: markdown,
            }),
            range: Some(range),
        })
    }

    fn definition(&mut self, p: lsp::GotoDefinitionParams) -> Answer {
        let (path, _, offset) = self.locate(&p.text_document_position_params)?;
        let world = self.world(&[path]);
        let Some((_, target)) = world.index.at(0, offset) else {
            return Ok(Value::Null);
        };
        let locations: Vec<lsp::Location> = world
            .index
            .defs_of(&target)
            .filter_map(|d| world.location(d.file, d.span))
            .collect();
        if locations.is_empty() {
            return Ok(Value::Null);
        }
        to_value(lsp::GotoDefinitionResponse::Array(locations))
    }

    fn references(&mut self, p: lsp::ReferenceParams) -> Answer {
        let (path, _, offset) = self.locate(&p.text_document_position)?;
        let world = self.wide_world(&path);
        let Some((_, target)) = world.index.at(0, offset) else {
            return Ok(Value::Null);
        };
        let mut locations = Vec::new();
        if p.context.include_declaration {
            locations.extend(world.index.defs_of(&target).filter_map(|d| world.location(d.file, d.span)));
        }
        locations.extend(world.index.uses_of(&target).filter_map(|u| world.location(u.file, u.span)));
        to_value(locations)
    }

    fn rename(&mut self, p: lsp::RenameParams) -> Answer {
        let (path, _, offset) = self.locate(&p.text_document_position)?;
        let new = p.new_name.trim();
        let world = self.wide_world(&path);
        let Some((_, target)) = world.index.at(0, offset) else {
            return Err(refuse(ErrorCode::RequestFailed, "there is no id here to rename"));
        };
        if !lfw_syntax::vocab::is_id(new) || lfw_syntax::vocab::is_keyword(new) {
            return Err(refuse(
                ErrorCode::InvalidParams,
                format!(
                    "`{new}` cannot be an id: ids are letters, digits, `-` and `_`, start with a letter or digit, and are not keywords"
                ),
            ));
        }
        if world.index.defs_of(&target).next().is_none() {
            return Err(refuse(
                ErrorCode::RequestFailed,
                format!("`{}` is not declared in the workspace", target.name),
            ));
        }
        if new == target.name {
            return to_value(lsp::WorkspaceEdit::default());
        }
        let taken = world.index.defs.iter().find(|d| {
            d.name == new
                && match target.kind {
                    Kind::Level => d.kind == Kind::Level && d.scale == target.scale,
                    k if k.is_element() => d.kind.is_element(),
                    k => d.kind == k,
                }
        });
        if let Some(d) = taken {
            return Err(refuse(
                ErrorCode::RequestFailed,
                format!("`{new}` is taken: it is already the id of the {} `{}`", d.kind.noun(), d.name),
            ));
        }
        let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
        let spans = world
            .index
            .defs_of(&target)
            .map(|d| (d.file, d.span))
            .chain(world.index.uses_of(&target).map(|u| (u.file, u.span)));
        for (file, span) in spans {
            if let Some(l) = world.location(file, span) {
                changes.entry(l.uri).or_default().push(lsp::TextEdit::new(l.range, new.to_string()));
            }
        }
        to_value(lsp::WorkspaceEdit::new(changes))
    }

    fn completion(&mut self, p: lsp::CompletionParams) -> Answer {
        let (path, parsed, offset) = self.locate(&p.text_document_position)?;
        let world = self.world(&[path]);
        let items = complete(&world, &parsed.text, offset);
        to_value(lsp::CompletionResponse::Array(items))
    }

    fn symbols(&mut self, p: lsp::DocumentSymbolParams) -> Answer {
        let path = self.path(&p.text_document.uri)?;
        let parsed = self
            .parse(&path)
            .ok_or_else(|| refuse(ErrorCode::RequestFailed, format!("cannot read `{}`", path.display())))?;
        to_value(lsp::DocumentSymbolResponse::Nested(outline(&parsed)))
    }

    fn formatting(&mut self, p: lsp::DocumentFormattingParams) -> Answer {
        let path = self.path(&p.text_document.uri)?;
        let bytes = self
            .read(&path)
            .map_err(|_| refuse(ErrorCode::RequestFailed, format!("cannot read `{}`", path.display())))?;
        let text = String::from_utf8(bytes).map_err(|_| refuse(ErrorCode::RequestFailed, "the document is not UTF-8"))?;
        let (_, parsed, diagnostics) = lfw_model::parse_file(&path, text.clone());
        if !diagnostics.is_empty() {
            return Err(refuse(
                ErrorCode::RequestFailed,
                "the document has syntax errors, so it is left as it is (as `lfw fmt` does)",
            ));
        }
        let formatted = lfw_syntax::format::format(&parsed.tree);
        if formatted == text {
            return to_value(Vec::<lsp::TextEdit>::new());
        }
        to_value(vec![lsp::TextEdit::new(Lines::new(&text).all(), formatted)])
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Answer {
        let path = self.path(&p.text_document.uri)?;
        let Some(doc) = self.docs.get(&path) else {
            return to_value(Vec::<lsp::CodeActionOrCommand>::new());
        };
        let overlaps = |r: &Range| !(r.end < p.range.start || p.range.end < r.start);
        let actions: Vec<lsp::CodeActionOrCommand> = doc
            .fixes
            .iter()
            .filter(|(d, edit, _)| edit.is_some() && overlaps(&d.range))
            .map(|(d, edit, help)| {
                lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: help.clone().unwrap_or_else(|| "Apply lfw's fix".into()),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![d.clone()]),
                    edit: edit.clone(),
                    is_preferred: Some(true),
                    ..lsp::CodeAction::default()
                })
            })
            .collect();
        to_value(actions)
    }
}

/// Reads a file: an open document's text, else the project's file.
fn read(docs: &HashMap<PathBuf, Doc>, project: Option<&Project>, path: &Path) -> Result<Vec<u8>, ReadError> {
    if let Some(doc) = docs.get(path) {
        return Ok(doc.text.clone().into_bytes());
    }
    match project {
        Some(project) => project.read(path),
        None => Err(ReadError::OutsideRoot { root: PathBuf::new() }),
    }
}

fn params<P: serde::de::DeserializeOwned>(raw: Value) -> Result<P, Refusal> {
    serde_json::from_value(raw).map_err(|e| refuse(ErrorCode::InvalidParams, format!("invalid parameters: {e}")))
}

fn to_value(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(internal)
}

fn internal(e: serde_json::Error) -> Refusal {
    refuse(ErrorCode::InternalError, e.to_string())
}

/// The paths a file imports, as written.
fn imports(file: &ast::File) -> impl Iterator<Item = &str> {
    file.items.iter().filter_map(|i| match i {
        Item::Import(import) if !import.path.value.starts_with(['/', '\\']) => Some(import.path.value.as_str()),
        _ => None,
    })
}

/// The hover text of a name: what it is, its title and text, and where it
/// is used.
fn describe(world: &World, target: &Target) -> String {
    let mut out = String::new();
    let Some(def) = world.index.defs_of(target).next() else {
        return format!("`{}`: no {} of this name is declared", target.name, target.kind.noun());
    };
    out.push_str(&format!("**{}** `{}`", def.keyword, def.name));
    if let Some(title) = &def.title {
        out.push_str(&format!(" — {title}"));
    }
    if def.kind == Kind::Level {
        if let Some(scale) = &def.scale {
            out.push_str(&format!("\n\nA level of the scale `{scale}`."));
        }
    }
    if let Some(d) = &def.description {
        out.push_str(&format!("\n\n{d}"));
    }
    let mut facts = Vec::new();
    if def.kind == Kind::Competency {
        if let Some(s) = def.scale.as_ref().or(world.index.default_scale.as_ref()) {
            facts.push(format!("Rated on `{s}`."));
        }
        if let Some(d) = &def.domain {
            facts.push(format!("In the domain `{d}`."));
        }
    }
    if def.file != 0 {
        if let Some(name) = world.paths[def.file].file_name() {
            facts.push(format!("Declared in `{}`.", name.to_string_lossy()));
        }
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(" ")));
    }
    if !def.levels.is_empty() {
        let heading = if def.kind == Kind::Scale {
            "Levels, lowest first:"
        } else {
            "Level descriptors:"
        };
        out.push_str(&format!("\n\n{heading}\n"));
        for (level, text) in &def.levels {
            if text.is_empty() {
                out.push_str(&format!("\n- `{level}`"));
            } else {
                out.push_str(&format!("\n- `{level}`: {text}"));
            }
        }
    }
    if def.kind == Kind::Domain {
        let members: Vec<String> = world
            .index
            .defs
            .iter()
            .filter(|d| d.kind == Kind::Competency && d.domain.as_deref() == Some(def.name.as_str()))
            .map(|d| format!("`{}`", d.name))
            .collect();
        if !members.is_empty() {
            out.push_str(&format!("\n\nCompetencies: {}.", members.join(", ")));
        }
    }
    let mut used_in: Vec<&str> = Vec::new();
    let mut count = 0;
    for u in world.index.uses_of(target) {
        count += 1;
        if !used_in.contains(&u.context.as_str()) {
            used_in.push(&u.context);
        }
    }
    if count == 0 {
        out.push_str("\n\nNot used.");
    } else {
        let shown: Vec<String> = used_in.iter().take(10).map(|c| format!("`{c}`")).collect();
        let more = used_in.len().saturating_sub(10);
        let times = if count == 1 { "once".to_string() } else { format!("{count} times") };
        out.push_str(&format!("\n\nUsed {times}, in {}", shown.join(", ")));
        if more > 0 {
            out.push_str(&format!(" and {more} more"));
        }
        out.push('.');
    }
    out
}

/// The completions at an offset: keywords at a line's start, names of the
/// kind the word before the cursor wants.
fn complete(world: &World, text: &str, offset: usize) -> Vec<lsp::CompletionItem> {
    let offset = (0..=offset.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    let indented = line.starts_with([' ', '\t']);
    let spaced: String = line
        .chars()
        .flat_map(|c| if "(),".contains(c) { vec![' ', c, ' '] } else { vec![c] })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    // The word being typed, if any, is not context.
    if line.ends_with(lfw_syntax::vocab::is_id_char) {
        words.pop();
    }
    let keyword = |w: &str| lsp::CompletionItem {
        label: w.to_string(),
        kind: Some(lsp::CompletionItemKind::KEYWORD),
        ..lsp::CompletionItem::default()
    };
    let Some(&previous) = words.last() else {
        if !indented {
            return lfw_syntax::vocab::ITEM_KEYWORDS.iter().map(|(w, _)| keyword(w)).collect();
        }
        // The property lines of the item above.
        let item = text[..line_start]
            .lines()
            .rev()
            .filter(|l| !l.starts_with([' ', '\t']) && !l.trim().is_empty() && !l.starts_with("//"))
            .find_map(|l| lfw_syntax::vocab::item_keyword(l.split_whitespace().next().unwrap_or("")));
        return match item {
            Some(kind) => lfw_syntax::vocab::property_keywords(kind).iter().map(|w| keyword(w)).collect(),
            None => Vec::new(),
        };
    };
    let first = words.first().copied().unwrap_or("");
    let kinds: &[Kind] = match previous {
        "requires" | "desirable" => &[Kind::Competency, Kind::Credential],
        "needs" => &[Kind::Competency],
        "(" | "," if words.contains(&"of") => &[Kind::Competency],
        "after" | "as" => &[Kind::Role],
        "in" => &[Kind::Domain],
        "on" | "scale" => &[Kind::Scale],
        "extends" => &[Kind::Framework],
        "at" => &[Kind::Level],
        _ => &[],
    };
    if kinds == [Kind::Level] {
        // Whose levels: the competency named before `at`, else the
        // competency being written (`at strong "…"`), else the default.
        let before = words.len().checked_sub(2).map(|i| words[i]);
        let competency = match before {
            Some(w) if first != "at" && lfw_syntax::vocab::is_id(w) && !lfw_syntax::vocab::is_keyword(w) => Some(w.to_string()),
            _ => world
                .index
                .defs
                .iter()
                .find(|d| d.file == 0 && d.kind == Kind::Competency && d.item.start <= line_start && line_start <= d.item.end)
                .map(|d| d.name.clone()),
        };
        let scale = match competency {
            Some(c) => world.index.scale_of(&index::LevelOf::Competency(c)),
            None => world.index.default_scale.clone(),
        };
        let mut seen = HashSet::new();
        return world
            .index
            .defs
            .iter()
            .filter(|d| d.kind == Kind::Level && (scale.is_none() || d.scale == scale) && seen.insert(d.name.clone()))
            .map(|d| item(d, lsp::CompletionItemKind::ENUM_MEMBER))
            .collect();
    }
    let mut seen = HashSet::new();
    let mut items: Vec<lsp::CompletionItem> = world
        .index
        .defs
        .iter()
        .filter(|d| kinds.contains(&d.kind) && seen.insert((d.kind, d.name.clone())))
        .map(|d| {
            let kind = match d.kind {
                Kind::Competency => lsp::CompletionItemKind::FUNCTION,
                Kind::Credential => lsp::CompletionItemKind::CONSTANT,
                Kind::Role => lsp::CompletionItemKind::CLASS,
                Kind::Domain | Kind::Framework => lsp::CompletionItemKind::MODULE,
                Kind::Scale => lsp::CompletionItemKind::ENUM,
                _ => lsp::CompletionItemKind::VALUE,
            };
            item(d, kind)
        })
        .collect();
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

fn item(d: &index::Def, kind: lsp::CompletionItemKind) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: d.name.clone(),
        kind: Some(kind),
        detail: Some(match &d.title {
            Some(t) => format!("{} — {t}", d.keyword),
            None => d.keyword.to_string(),
        }),
        ..lsp::CompletionItem::default()
    }
}

/// The outline of a file: scales with their levels, domains with the
/// competencies written under them, credentials, roles, and the framework
/// and crosswalks.
#[allow(deprecated)]
fn outline(parsed: &Parsed) -> Vec<lsp::DocumentSymbol> {
    let lines = Lines::new(&parsed.text);
    let symbol = |name: &ast::Ident, detail: Option<String>, kind: lsp::SymbolKind, item: lfw_syntax::Span| lsp::DocumentSymbol {
        name: name.name.clone(),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(item.start.min(name.span.start), item.end.max(name.span.end)),
        selection_range: lines.range(name.span.start, name.span.end),
        children: None,
    };
    let mut out: Vec<lsp::DocumentSymbol> = Vec::new();
    let mut domain: Option<usize> = None;
    for item in &parsed.file.items {
        match item {
            Item::Framework(h) => out.push(symbol(&h.id, Some(h.title.value.clone()), lsp::SymbolKind::NAMESPACE, h.span)),
            Item::Scale(s) => {
                let mut sym = symbol(&s.id, s.title.as_ref().map(|t| t.value.clone()), lsp::SymbolKind::ENUM, s.span);
                let levels = s
                    .levels
                    .iter()
                    .map(|l| symbol(l, None, lsp::SymbolKind::ENUM_MEMBER, l.span))
                    .collect();
                sym.children = Some(levels);
                out.push(sym);
            }
            Item::Domain(d) => {
                out.push(symbol(&d.id, Some(d.title.value.clone()), lsp::SymbolKind::MODULE, d.span));
                domain = Some(out.len() - 1);
            }
            Item::Competency(c) => {
                let sym = symbol(&c.id, Some(c.title.value.clone()), lsp::SymbolKind::FUNCTION, c.span);
                match (domain, &c.domain) {
                    (Some(i), Some(d)) if out[i].name == d.name => {
                        let end = sym.range.end;
                        let parent = &mut out[i];
                        parent.range.end = parent.range.end.max(end);
                        parent.children.get_or_insert_with(Vec::new).push(sym);
                    }
                    _ => out.push(sym),
                }
            }
            Item::Credential(c) => out.push(symbol(&c.id, Some(c.title.value.clone()), lsp::SymbolKind::CONSTANT, c.span)),
            Item::Role(r) => out.push(symbol(&r.id, Some(r.title.value.clone()), lsp::SymbolKind::CLASS, r.span)),
            Item::Crosswalk(x) => out.push(symbol(&x.id, Some(x.title.value.clone()), lsp::SymbolKind::INTERFACE, x.span)),
            Item::Import(_) | Item::Broken(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<String> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read_message(&mut r).expect("reads") {
                Incoming::End => return out,
                Incoming::Message(m) => out.push(format!("ok {}", serde_json::to_string(&m).unwrap_or_default())),
                Incoming::Malformed { code, .. } => out.push(format!("error {code}")),
            }
        }
    }

    #[test]
    fn malformed_messages_are_answered_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\
             Content-Length: 7\r\n\r\n[1,2,3]\
             Content-Length: x\r\n\r\n\
             Content-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let got = read_all(&input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], "error -32700");
        assert_eq!(got[1], "error -32600");
        assert_eq!(got[2], "error -32700");
        assert!(got[3].starts_with("ok "), "{got:?}");
    }

    #[test]
    fn completion_knows_what_each_word_wants() {
        let text = "framework f \"F\"\n  default scale s\nscale s \"S\"\n  levels low < high\nskill c \"C\"\ncredential x \"X\"\nrole r \"R\"\n  entry\n  requires c at \nrole q \"Q\"\n  after \n";
        let mut index = Index::default();
        let parsed = lfw_syntax::parse(text);
        index.add(0, &parsed.file);
        let world = World {
            paths: vec![PathBuf::from("/x.lfw")],
            files: vec![Rc::new(Parsed {
                text: text.into(),
                file: Arc::new(parsed.file),
            })],
            index,
        };
        let labels = |offset: usize| -> Vec<String> { complete(&world, text, offset).into_iter().map(|i| i.label).collect() };
        let at = text.find("c at ").expect("at") + "c at ".len();
        assert_eq!(labels(at), ["low", "high"]);
        let requires = text.find("requires ").expect("requires") + "requires ".len();
        assert_eq!(labels(requires), ["c", "x"]);
        let after = text.find("after ").expect("after") + "after ".len();
        assert_eq!(labels(after), ["q", "r"]);
        assert!(labels(0).contains(&"competency".to_string()));
    }
}
