//! The page of `lfw diff --format html`: the change log, with the
//! elements side by side.

use super::{document, escape};
use std::fmt::Write as _;

/// `lfw diff --format html`: the change log, old and new side by side.
pub fn page(d: &lfw_diff::diff::Diff) -> String {
    use lfw_diff::diff::ElementChangeKind as K;
    let name = |s: &lfw_diff::diff::Side| match &s.version {
        Some(v) => format!("{} ({v})", s.id),
        None => s.id.clone(),
    };
    let (old, new) = (name(&d.old), name(&d.new));
    let mut b = String::new();
    let _ = writeln!(b, "<h1>Changes from {} to {}</h1>", escape(&old), escape(&new));
    if d.is_empty() {
        b.push_str("<p>No changes.</p>\n");
        return document(&format!("Changes from {old} to {new}"), &b);
    }
    // Counts by kind of change, as bars.
    let kinds = [
        (K::Added, "added"),
        (K::Removed, "removed"),
        (K::Renamed, "renamed"),
        (K::Retitled, "retitled"),
        (K::KindChanged, "kind changed"),
        (K::Moved, "moved"),
        (K::Described, "described"),
    ];
    let counts: Vec<(&str, usize)> = kinds
        .iter()
        .map(|(k, w)| (*w, d.elements.iter().filter(|c| c.change == *k).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    if !counts.is_empty() {
        let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f64;
        let height = 24.0 * counts.len() as f64 + 10.0;
        let _ = writeln!(
            b,
            "<h2>Elements changed</h2>\n<svg role=\"img\" aria-label=\"Elements changed, by kind of change\" viewBox=\"0 0 480 {height}\" width=\"480\" height=\"{height}\">"
        );
        for (i, (w, n)) in counts.iter().enumerate() {
            let y = 5.0 + 24.0 * i as f64;
            let len = 300.0 * *n as f64 / most;
            let _ = writeln!(
                b,
                "<text x=\"0\" y=\"{}\">{w}</text><rect x=\"110\" y=\"{y}\" width=\"{len:.1}\" height=\"16\" fill=\"#7f9cc0\"/><text x=\"{}\" y=\"{}\">{n}</text>",
                y + 12.0,
                116.0 + len,
                y + 12.0
            );
        }
        b.push_str("</svg>\n");
        let _ = writeln!(
            b,
            "<h2>Side by side</h2>\n<table>\n<tr><th>Change</th><th>Element</th><th>{}</th><th>{}</th></tr>",
            escape(&old),
            escape(&new)
        );
        for c in &d.elements {
            let what = kinds.iter().find(|(k, _)| *k == c.change).map_or("", |(_, w)| *w);
            let shown = |id: &str, title: &str| format!("<code>{}</code> {}", escape(id), escape(title));
            let (left, right) = match c.change {
                K::Added => (String::new(), shown(&c.id, &c.title)),
                K::Removed => {
                    let next: Vec<String> = c.successors.iter().map(|s| format!("→ {}", escape(&s.id))).collect();
                    (shown(&c.id, &c.title), next.join("<br>"))
                }
                _ => (
                    shown(c.old_id.as_deref().unwrap_or(&c.id), c.old_title.as_deref().unwrap_or(&c.title)),
                    shown(&c.id, &c.title),
                ),
            };
            let _ = writeln!(
                b,
                "<tr><td>{what}</td><td>{}</td><td>{left}</td><td>{right}</td></tr>",
                c.element.keyword()
            );
        }
        b.push_str("</table>\n");
    }
    let other = crate::render::diff::markdown(d);
    let _ = writeln!(b, "<h2>The whole change log</h2>\n<pre>{}</pre>", escape(&other));
    document(&format!("Changes from {old} to {new}"), &b)
}
