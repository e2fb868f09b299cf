//! `lfw export --to dot|mermaid --graph roles|prerequisites`: snapshots of
//! both graphs in both syntaxes, text that cannot break out of its label,
//! and the DOT of every bundled framework rendered by Graphviz where `dot`
//! is installed.

use crate::lfw;
use std::io::Write;
use std::process::{Command, Stdio};

const SERVICES: &str = "tests/fixtures/ready/services.lfw";

fn export(to: &str, graph: &str, framework: &str) -> String {
    let run = lfw(&["export", "--to", to, "--graph", graph, framework]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn role_ladders() {
    insta::assert_snapshot!("roles_dot", export("dot", "roles", SERVICES));
    insta::assert_snapshot!("roles_mermaid", export("mermaid", "roles", SERVICES));
    // Roles are the default graph.
    let run = lfw(&["export", "--to", "mermaid", SERVICES]);
    assert_eq!(run.stdout, export("mermaid", "roles", SERVICES));
}

#[test]
fn prerequisite_graphs() {
    insta::assert_snapshot!("prerequisites_dot", export("dot", "prerequisites", SERVICES));
    insta::assert_snapshot!("prerequisites_mermaid", export("mermaid", "prerequisites", SERVICES));
}

#[test]
fn graph_goes_with_dot_and_mermaid_only() {
    let run = lfw(&["export", "--to", "json", "--graph", "roles", "police-ew"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`--graph` goes with"), "{}", run.stderr);
    let run = lfw(&["export", "--to", "dot", "--graph", "people", "police-ew"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Titles with quotes, backslashes, Graphviz escapes, Mermaid markup, line
/// breaks and terminal escapes stay inside their labels.
#[test]
fn hostile_titles_stay_in_their_labels() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("evil.lfw");
    let text = concat!(
        "framework evil \"Evil \\\"quoted\\\" \\\\N title\"\n",
        "role a \"A\\\"] --> x[\\\"pwned\\\"\\n\u{1b}[31m <b>#amp;</b> | `x`\"\n  entry\n",
        "role b \"B\\\" -> injected [label=\\\"x\"\n  after a for 2 years\n",
    );
    std::fs::write(&file, text).expect("written");
    let path = file.to_str().expect("UTF-8");
    let root = dir.path().to_str().expect("UTF-8");
    let dot = lfw(&["--root", root, "export", "--to", "dot", path]);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    // Each node or edge line has exactly its own statement: no quote ends a
    // label early.
    for line in dot.stdout.lines().filter(|l| l.contains("label=")) {
        let unescaped = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(unescaped.matches('"').count() % 2, 0, "{line}");
        assert!(!line.contains('\u{1b}'), "{line}");
    }
    // Graphviz reads two nodes and one edge, whatever the titles say.
    if let Ok(svg) = render(&dot.stdout) {
        assert_eq!(svg.matches("class=\"node\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("class=\"edge\"").count(), 1, "{svg}");
    }
    let mermaid = lfw(&["--root", root, "export", "--to", "mermaid", path]);
    assert_eq!(mermaid.code, 0, "{}", mermaid.stderr);
    for line in mermaid.stdout.lines().skip(3) {
        assert!(!line.contains('<') || line.contains("<br>"), "{line}");
        let label = line.split('"').nth(1).unwrap_or("");
        assert!(!label.contains(['<', '>', '|', '`']) || label.contains("<br>"), "{line}");
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        assert!(!line.contains('\u{1b}'), "{line}");
    }
    insta::assert_snapshot!("hostile_mermaid", mermaid.stdout);
}

/// Renders a DOT graph to SVG with Graphviz.
fn render(dot: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(dot.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() || !out.stderr.is_empty() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn graphviz_renders_every_graph() {
    if Command::new("dot").arg("-V").output().is_err() {
        println!("SKIPPED graphviz_renders_every_graph: Graphviz `dot` is not installed (apt-get install graphviz)");
        eprintln!("SKIPPED graphviz_renders_every_graph: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    }
    let mut frameworks = vec![SERVICES.to_string()];
    frameworks.extend(lfw_library::compile().frameworks.iter().map(|f| f.id.clone()));
    for fw in &frameworks {
        for graph in ["roles", "prerequisites"] {
            let dot = export("dot", graph, fw);
            let svg = render(&dot).unwrap_or_else(|e| panic!("{fw} {graph}: {e}\n{dot}"));
            assert!(svg.contains("<svg"), "{fw} {graph}");
        }
    }
    let svg = render(&export("dot", "roles", SERVICES)).expect("renders");
    assert!(svg.contains("Director of children&#39;s services") || svg.contains("Director of children's services"));
    assert!(
        svg.contains("requires ad&#45;programme") || svg.contains("requires ad-programme"),
        "{svg}"
    );
}
