// The lfw extension: starts `lfw lsp` for .lfw files and talks to it over
// standard input and output. Everything the editor shows (diagnostics,
// hover, completion, …) comes from the server; highlighting comes from
// syntaxes/lfw.tmLanguage.json.

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("lfw").get("path") || "lfw";
  const run = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "lfw",
    "lfw language server",
    { run, debug: run },
    { documentSelector: [{ scheme: "file", language: "lfw" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
