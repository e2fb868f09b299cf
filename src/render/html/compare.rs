//! The pages of `lfw compare --format html`: two frameworks side by side,
//! or the shared core of three or more.

use super::{document, escape};
use std::fmt::Write as _;

/// `lfw compare --format html`, two frameworks: how much of each has a
/// counterpart in the other, as bars, and the matches and gaps.
pub fn page(c: &lfw_diff::compare::Comparison) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{} and {}</h1>", escape(&c.a), escape(&c.b));
    let via = if c.crosswalks.is_empty() {
        "matching titles".to_string()
    } else {
        format!("crosswalk {}", c.crosswalks.join(", "))
    };
    let _ = writeln!(b, "<p class=\"meta\">Matched through {}.</p>", escape(&via));
    let rows = [(&c.a, &c.b, c.coverage_a_in_b), (&c.b, &c.a, c.coverage_b_in_a)];
    let _ = writeln!(
        b,
        "<h2>Coverage</h2>\n<svg role=\"img\" aria-label=\"Share of each framework with a counterpart in the other\" viewBox=\"0 0 620 70\" width=\"620\" height=\"70\">"
    );
    for (i, (from, to, share)) in rows.iter().enumerate() {
        let y = 8.0 + 30.0 * i as f64;
        let len = 300.0 * share.clamp(0.0, 100.0) / 100.0;
        let _ = writeln!(
            b,
            "<text x=\"0\" y=\"{}\">{} in {}</text><rect x=\"260\" y=\"{y}\" width=\"300\" height=\"18\" fill=\"#eee\"/><rect x=\"260\" y=\"{y}\" width=\"{len:.1}\" height=\"18\" fill=\"#4a9a4a\"/><text x=\"566\" y=\"{}\">{share:.1}%</text>",
            y + 13.0,
            escape(from),
            escape(to),
            y + 13.0
        );
    }
    b.push_str("</svg>\n");
    let _ = writeln!(
        b,
        "<h2>{} → {}</h2>\n<table>\n<tr><th>{}</th><th>Counterparts in {}</th></tr>",
        escape(&c.a),
        escape(&c.b),
        escape(&c.a),
        escape(&c.b)
    );
    for m in &c.a_in_b {
        let cps: Vec<String> = m
            .counterparts
            .iter()
            .map(|p| format!("{} ({})", escape(&p.id), p.closeness.keyword()))
            .collect();
        let _ = writeln!(
            b,
            "<tr><td><code>{}</code> {}</td><td>{}</td></tr>",
            escape(&m.id),
            escape(&m.title),
            cps.join(", ")
        );
    }
    b.push_str("</table>\n");
    for (name, only) in [(&c.a, &c.only_in_a), (&c.b, &c.only_in_b)] {
        if !only.is_empty() {
            let items: Vec<String> = only.iter().map(|id| format!("<code>{}</code>", escape(id))).collect();
            let _ = writeln!(b, "<h2>Only in {}</h2>\n<p>{}</p>", escape(name), items.join(", "));
        }
    }
    document(&format!("{} and {}", c.a, c.b), &b)
}

/// `lfw compare --format html`, three or more frameworks: the shared core,
/// each group a bar of how many frameworks hold it.
pub fn shared_page(s: &lfw_diff::compare::SharedCore) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "<h1>The shared core of {}</h1>", escape(&s.frameworks.join(", ")));
    let _ = writeln!(
        b,
        "<p class=\"meta\">{} groups of elements held in common, {}.</p>",
        s.groups.len(),
        if s.crosswalks.is_empty() {
            "with no crosswalks between them".to_string()
        } else {
            format!("through {}", escape(&s.crosswalks.join(", ")))
        }
    );
    let n = s.frameworks.len().max(1) as f64;
    let height = 22.0 * s.groups.len() as f64 + 10.0;
    let _ = writeln!(
        b,
        "<svg role=\"img\" aria-label=\"How many frameworks hold each shared group\" viewBox=\"0 0 640 {height}\" width=\"640\" height=\"{height}\">"
    );
    for (i, g) in s.groups.iter().enumerate() {
        let y = 5.0 + 22.0 * i as f64;
        let label: Vec<&str> = g.members.values().flat_map(|ids| ids.first().map(String::as_str)).take(1).collect();
        let len = 240.0 * g.members.len() as f64 / n;
        let _ = writeln!(
            b,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"340\" y=\"{y}\" width=\"{len:.1}\" height=\"16\" fill=\"#7f9cc0\"/><text x=\"{}\" y=\"{}\">{} of {}</text>",
            y + 12.0,
            escape(label.first().copied().unwrap_or("")),
            346.0 + len,
            y + 12.0,
            g.members.len(),
            s.frameworks.len()
        );
    }
    b.push_str("</svg>\n<table>\n<tr><th>Group</th><th>Held by</th></tr>\n");
    for (i, g) in s.groups.iter().enumerate() {
        let parts: Vec<String> = g
            .members
            .iter()
            .map(|(fw, ids)| format!("<code>{}</code>: {}", escape(fw), escape(&ids.join(", "))))
            .collect();
        let _ = writeln!(b, "<tr><td class=\"n\">{}</td><td>{}</td></tr>", i + 1, parts.join("<br>"));
    }
    b.push_str("</table>\n");
    document(&format!("The shared core of {}", s.frameworks.join(", ")), &b)
}
