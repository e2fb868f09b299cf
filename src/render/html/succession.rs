//! The page of `lfw succession --format html`: each role's holders and
//! successors as bars, then the tables of the text report.

use super::{document, escape};
use crate::render::succession::{flags, role_label, shown, text};
use lfw_assess::disclosure::{Cell, Published};
use lfw_model::Framework;
use std::fmt::Write as _;

/// The pipeline picture: for each role, top of the ladder first, its
/// holders and, beside them, its successors in their four places; figures
/// not shown are drawn as a grey box marked `*`, never to scale.
pub fn page(fw: &Framework, p: &Published) -> String {
    // Room for the longest role's name, at about 7 pixels a character.
    let label_chars = p.roles.iter().map(|r| role_label(fw, r.role).chars().count()).max().unwrap_or(10);
    let label = 7.0 * label_chars as f64 + 16.0;
    const UNIT_MAX: f64 = 420.0;
    const ROW: f64 = 34.0;
    const HIDDEN: f64 = 24.0;
    let value = |c: Cell| match c {
        Cell::Shown(n) => Some(n),
        Cell::Suppressed => None,
    };
    let most = p
        .roles
        .iter()
        .flat_map(|r| {
            let t = &r.total;
            [
                value(t.holders),
                Some([t.ready, t.within, t.one_step, t.blocked].iter().filter_map(|c| value(*c)).sum()),
            ]
        })
        .flatten()
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = (UNIT_MAX / 2.0) / most;
    let height = ROW * p.roles.len() as f64 + 40.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Succession pipeline, each role's holders and successors\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\">\n",
        w = label + UNIT_MAX + 160.0
    );
    let colours = [
        ("holders", "#9e9e9e"),
        ("ready now", "#4a9a4a"),
        ("within the horizon", "#9cc97a"),
        ("one step away", "#e0b050"),
        ("blocked", "#c0504d"),
    ];
    for (i, r) in p.roles.iter().enumerate() {
        let y = 10.0 + ROW * i as f64;
        let t = &r.total;
        let _ = writeln!(svg, "<text x=\"0\" y=\"{}\">{}</text>", y + 16.0, escape(&role_label(fw, r.role)));
        let mut x = label;
        for (k, cell) in [t.holders, t.ready, t.within, t.one_step, t.blocked].into_iter().enumerate() {
            if k == 1 {
                x += 12.0;
            }
            let (fill, name) = (colours[k].1, colours[k].0);
            match value(cell) {
                Some(0) => {}
                Some(n) => {
                    let w = (n as f64 * scale).max(2.0);
                    let _ = writeln!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"22\" fill=\"{fill}\"><title>{name}: {n}</title></rect>"
                    );
                    x += w;
                }
                None => {
                    let _ = writeln!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{HIDDEN}\" height=\"22\" fill=\"#dddddd\" stroke=\"{fill}\"><title>{name}: not shown</title></rect><text x=\"{:.1}\" y=\"{}\">*</text>",
                        x + 9.0,
                        y + 16.0
                    );
                    x += HIDDEN;
                }
            }
        }
        let flag = flags(r);
        if !flag.is_empty() {
            let _ = writeln!(svg, "<text x=\"{:.1}\" y=\"{}\">{}</text>", x + 8.0, y + 16.0, escape(flag));
        }
    }
    let mut x = 0.0;
    for (name, fill) in colours {
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\">{name}</text>",
            height - 22.0,
            x + 16.0,
            height - 12.0
        );
        x += 150.0;
    }
    svg.push_str("</svg>\n");
    let mut body = format!(
        "<h1>Succession in <code>{}</code>, as of {}</h1>\n<p class=\"meta\">{} people; horizon {} months; groups under {} not shown.</p>\n<h2>The pipeline</h2>\n{svg}",
        escape(&p.framework),
        p.as_of,
        shown(p.people),
        p.horizon,
        p.min_group
    );
    // The tables, as in Markdown, for the figures themselves.
    let _ = writeln!(body, "<h2>Every role</h2>\n<pre>{}</pre>", escape(&text(fw, p)));
    document(&format!("Succession in {}", p.framework), &body)
}
