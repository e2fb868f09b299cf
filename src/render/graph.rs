//! `lfw export --to dot|mermaid --graph roles|prerequisites`: the
//! progression ladder and the prerequisite graph as Graphviz DOT or
//! Mermaid flowcharts (docs/cli.md). Every piece of framework text is
//! escaped for the format it goes into; node names are generated (`r0`,
//! `c3_1`), never taken from the framework.

use super::words::months;
use clap::ValueEnum;
use lfw_model::{CompetencyId, Condition, Framework};
use lfw_syntax::ast::Necessity;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GraphKind {
    /// The progression ladder: roles, and what gates each step.
    Roles,
    /// Competencies at levels, and the levels each needs first.
    Prerequisites,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Dot,
    Mermaid,
}

/// A group's name and label (none for nodes that stand alone), and its nodes.
type Group = (Option<(String, String)>, Vec<Node>);

/// A node or an edge of a graph, in words, before it is written in a syntax.
struct Graph {
    title: String,
    /// Groups of nodes (a competency's levels); the nodes of group `None`
    /// stand alone.
    groups: Vec<Group>,
    edges: Vec<Edge>,
}

struct Node {
    name: String,
    /// Lines of the label.
    label: Vec<String>,
    /// An entry role.
    emphasis: bool,
}

struct Edge {
    from: String,
    to: String,
    label: Vec<String>,
    /// A level leading to the next of the same competency.
    faint: bool,
}

/// The essential credential requirements of a role: the gates of a step
/// into it, as `lfw path` gives them.
fn gates(fw: &Framework, role: usize) -> Vec<String> {
    fw.roles[role]
        .requirements
        .iter()
        .filter(|q| q.necessity == Necessity::Essential)
        .filter_map(|q| match q.condition {
            Condition::Credential { credential } => Some(fw.credentials[credential.0].id.clone()),
            _ => None,
        })
        .collect()
}

fn roles(fw: &Framework) -> Graph {
    let nodes = fw
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| Node {
            name: format!("r{i}"),
            label: vec![r.title.clone(), format!("({})", r.id)],
            emphasis: r.entry,
        })
        .collect();
    let mut edges = Vec::new();
    for (i, r) in fw.roles.iter().enumerate() {
        let gates = gates(fw, i);
        for a in &r.after {
            let mut label = Vec::new();
            if let Some(m) = a.min_months {
                label.push(format!("{} as {}", months(m), fw.roles[a.role.0].id));
            }
            if !gates.is_empty() {
                label.push(format!("requires {}", gates.join(", ")));
            }
            edges.push(Edge {
                from: format!("r{}", a.role.0),
                to: format!("r{i}"),
                label,
                faint: false,
            });
        }
    }
    Graph {
        title: format!("{}: progression", fw.title),
        groups: vec![(None, nodes)],
        edges,
    }
}

fn prerequisites(fw: &Framework) -> Graph {
    // The levels of each competency that a prerequisite names, in order.
    let mut used: Vec<Vec<usize>> = vec![Vec::new(); fw.competencies.len()];
    for (i, c) in fw.competencies.iter().enumerate() {
        for p in &c.prerequisites {
            used[i].push(p.at);
            used[p.needs.0].push(p.level);
        }
    }
    for u in &mut used {
        u.sort_unstable();
        u.dedup();
    }
    let node = |c: usize, rank: usize| format!("c{c}_{rank}");
    let level_label = |c: usize, rank: usize| {
        let name = fw.level_name(CompetencyId(c), rank).to_string();
        match fw.level_title(CompetencyId(c), rank) {
            Some(t) => format!("at {name} ({t})"),
            None => format!("at {name}"),
        }
    };
    let mut groups = Vec::new();
    let mut edges = Vec::new();
    for (c, ranks) in used.iter().enumerate() {
        if ranks.is_empty() {
            continue;
        }
        let comp = &fw.competencies[c];
        let nodes = ranks
            .iter()
            .map(|&r| Node {
                name: node(c, r),
                label: vec![level_label(c, r)],
                emphasis: false,
            })
            .collect();
        groups.push((Some((format!("c{c}"), format!("{} ({})", comp.title, comp.id))), nodes));
        for w in ranks.windows(2) {
            edges.push(Edge {
                from: node(c, w[0]),
                to: node(c, w[1]),
                label: Vec::new(),
                faint: true,
            });
        }
    }
    for (i, c) in fw.competencies.iter().enumerate() {
        for p in &c.prerequisites {
            edges.push(Edge {
                from: node(p.needs.0, p.level),
                to: node(i, p.at),
                label: vec!["needed first".to_string()],
                faint: false,
            });
        }
    }
    Graph {
        title: format!("{}: prerequisites", fw.title),
        groups,
        edges,
    }
}

/// `text` inside a DOT double-quoted string: `"` and `\` escaped (so no
/// Graphviz escape such as `\N` or `\G` is read in it), control characters
/// as spaces. Lines are joined with `\n`.
pub fn dot_text(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in line.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() || is_bidi(c) => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` inside a Mermaid quoted label: every character Mermaid could
/// read as markup or as the end of the label (quotes, `#`, `<`, `>`, `&`,
/// `|`, backticks) written as a Mermaid entity code (`#35;`), control characters as
/// spaces. Lines are joined with `<br>`.
pub fn mermaid_text(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            match c {
                '"' | '#' | '<' | '>' | '&' | '|' | '`' => out.push_str(&format!("#{};", c as u32)),
                c if c.is_control() || is_bidi(c) => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

/// `text` as a YAML single-quoted scalar, for the title in a Mermaid
/// diagram's front matter: `'` doubled (the only escape such a scalar
/// has, so no backslash sequence is read), line breaks, control and bidi
/// characters as spaces.
pub fn yaml_text(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\'' => out.push_str("''"),
            c if c.is_control() || is_bidi(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn write_dot(fw: &Framework, g: &Graph) -> String {
    let mut out = String::new();
    out.push_str(&format!("digraph \"{}\" {{\n", dot_text(std::slice::from_ref(&fw.id))));
    out.push_str(&format!(
        "  label=\"{}\";\n  labelloc=t;\n",
        dot_text(std::slice::from_ref(&g.title))
    ));
    out.push_str("  rankdir=BT;\n  node [shape=box, style=rounded];\n");
    for (group, nodes) in &g.groups {
        let indent = if group.is_some() { "    " } else { "  " };
        if let Some((name, label)) = group {
            out.push_str(&format!(
                "  subgraph \"cluster_{name}\" {{\n    label=\"{}\";\n",
                dot_text(std::slice::from_ref(label))
            ));
        }
        for n in nodes {
            let extra = if n.emphasis { ", peripheries=2" } else { "" };
            out.push_str(&format!("{indent}{} [label=\"{}\"{extra}];\n", n.name, dot_text(&n.label)));
        }
        if group.is_some() {
            out.push_str("  }\n");
        }
    }
    for e in &g.edges {
        let mut attrs = Vec::new();
        if !e.label.is_empty() {
            attrs.push(format!("label=\"{}\"", dot_text(&e.label)));
        }
        if e.faint {
            attrs.push("style=dashed".to_string());
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        out.push_str(&format!("  {} -> {}{attrs};\n", e.from, e.to));
    }
    out.push_str("}\n");
    out
}

fn write_mermaid(g: &Graph) -> String {
    let mut out = String::new();
    out.push_str(&format!("---\ntitle: {}\n---\nflowchart BT\n", yaml_text(&g.title)));
    for (group, nodes) in &g.groups {
        let indent = if group.is_some() { "    " } else { "  " };
        if let Some((name, label)) = group {
            out.push_str(&format!("  subgraph {name} [\"{}\"]\n", mermaid_text(std::slice::from_ref(label))));
        }
        for n in nodes {
            let (open, close) = if n.emphasis { ("([", "])") } else { ("[", "]") };
            out.push_str(&format!("{indent}{}{open}\"{}\"{close}\n", n.name, mermaid_text(&n.label)));
        }
        if group.is_some() {
            out.push_str("  end\n");
        }
    }
    for e in &g.edges {
        let arrow = if e.faint { "-.->" } else { "-->" };
        if e.label.is_empty() {
            out.push_str(&format!("  {} {arrow} {}\n", e.from, e.to));
        } else {
            out.push_str(&format!("  {} {arrow}|\"{}\"| {}\n", e.from, mermaid_text(&e.label), e.to));
        }
    }
    out
}

/// The graph of `kind` of a framework, written in `syntax`.
pub fn render(fw: &Framework, kind: GraphKind, syntax: Syntax) -> String {
    let g = match kind {
        GraphKind::Roles => roles(fw),
        GraphKind::Prerequisites => prerequisites(fw),
    };
    match syntax {
        Syntax::Dot => write_dot(fw, &g),
        Syntax::Mermaid => write_mermaid(&g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_text_cannot_close_its_string() {
        assert_eq!(dot_text(&["a \"b\" \\N c\u{1b}".into(), "d".into()]), "a \\\"b\\\" \\\\N c \\nd");
    }

    #[test]
    fn yaml_text_is_one_scalar() {
        assert_eq!(yaml_text("It's \\N\nnext"), "'It''s \\N next'");
    }

    #[test]
    fn mermaid_text_cannot_make_markup() {
        assert_eq!(mermaid_text(&["a\"b<script>|x#1;`".into()]), "a#34;b#60;script#62;#124;x#35;1;#96;");
    }
}
