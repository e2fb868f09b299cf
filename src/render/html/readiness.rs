//! The page of `lfw ready --format html`: required against assessed level
//! per competency, and the route from the person's role to the target.

use super::{document, escape};
use crate::render::words::{ReadinessWords, RoutesWords};
use lfw_assess::readiness::{About, Has, Readiness};
use lfw_model::{Condition, Framework};
use std::fmt::Write as _;

/// One competency level requirement, as the picture needs it: its words,
/// the positions of the level needed and held on the scale (counted from 1),
/// and the scale's length.
struct Bar {
    label: String,
    need: usize,
    has: Option<usize>,
    levels: Vec<String>,
}

/// Required against assessed level, per competency the role asks a level of.
fn bars(fw: &Framework, r: &Readiness) -> Vec<Bar> {
    let mut out = Vec::new();
    let role = &fw.roles[r.role.0];
    for check in &r.requirements {
        let level_of = |c: &lfw_assess::readiness::Check| match c.has {
            Has::Level(h) => Some(h),
            _ => None,
        };
        match check.about {
            About::Requirement(i) => match &role.requirements[i].condition {
                Condition::Level { competency, level } => out.push(Bar {
                    label: fw.competencies[competency.0].id.clone(),
                    need: *level,
                    has: level_of(check),
                    levels: fw.levels_of(*competency).to_vec(),
                }),
                Condition::AllIn { .. } | Condition::CountOf { .. } => {
                    for m in &check.members {
                        if let About::Member(c, need) = m.about {
                            out.push(Bar {
                                label: fw.competencies[c.0].id.clone(),
                                need,
                                has: level_of(m),
                                levels: fw.levels_of(c).to_vec(),
                            });
                        }
                    }
                }
                _ => {}
            },
            About::Member(..) | About::Progression => {}
        }
    }
    out
}

fn bars_svg(bars: &[Bar]) -> String {
    const LABEL: f64 = 240.0;
    const WIDTH: f64 = 360.0;
    const ROW: f64 = 28.0;
    let height = ROW * bars.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Level held against level needed, per competency\" viewBox=\"0 0 {} {height}\" width=\"{}\" height=\"{height}\">\n",
        LABEL + WIDTH + 20.0,
        LABEL + WIDTH + 20.0
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 10.0 + ROW * i as f64;
        let steps = b.levels.len().max(1) as f64;
        let unit = WIDTH / steps;
        let held = b.has.map_or(0.0, |h| (h + 1) as f64 * unit);
        let met = b.has.is_some_and(|h| h >= b.need);
        let colour = if met { "#4a9a4a" } else { "#c0504d" };
        let _ = writeln!(
            svg,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{WIDTH}\" height=\"16\" fill=\"#eee\"/>\
             <rect x=\"{LABEL}\" y=\"{y}\" width=\"{held:.1}\" height=\"16\" fill=\"{colour}\"><title>has {}</title></rect>\
             <line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{}\" y2=\"{}\" stroke=\"#1b1b1b\" stroke-width=\"3\"><title>needs {}</title></line>",
            y + 12.0,
            escape(&b.label),
            escape(&b.has.and_then(|h| b.levels.get(h)).cloned().unwrap_or_else(|| "nothing".into())),
            y - 3.0,
            y + 19.0,
            escape(b.levels.get(b.need).map(String::as_str).unwrap_or("")),
            x = LABEL + (b.need + 1) as f64 * unit,
        );
    }
    let _ = writeln!(
        svg,
        "<text x=\"{LABEL}\" y=\"{}\">bar: level held · black line: level needed</text>\n</svg>",
        height - 6.0
    );
    svg
}

/// `lfw ready --format html`.
pub fn page(fw: &Framework, r: &Readiness, w: &ReadinessWords, route: Option<&RoutesWords>) -> String {
    let who = match &w.name {
        Some(n) => format!("{n} ({})", w.person),
        None => w.person.clone(),
    };
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{} — readiness for {}</h1>", escape(&who), escape(&w.role_title));
    let _ = writeln!(
        b,
        "<p class=\"meta\">Framework <code>{}</code>, as of {}; current role <code>{}</code>; evidence: {}.</p>",
        escape(&w.framework),
        w.as_of,
        escape(&w.current_role),
        escape(&w.evidence_policy)
    );
    let (class, verdict) = if w.ready { ("ready", "READY") } else { ("not-ready", "NOT READY") };
    let _ = writeln!(
        b,
        "<p><span class=\"verdict {class}\">{verdict}</span> score {:.1} of 100; essential {} of {} met; desirable {} of {} met.</p>",
        w.score, w.essential.met, w.essential.total, w.desirable.met, w.desirable.total
    );
    let bars = bars(fw, r);
    if !bars.is_empty() {
        let _ = writeln!(b, "<h2>Levels held and needed</h2>\n{}", bars_svg(&bars));
    }
    if let Some(svg) = route.and_then(super::routes::route_svg) {
        let _ = writeln!(
            b,
            "<h2>The route from {} to {}</h2>\n{svg}",
            escape(&w.current_role),
            escape(&w.role)
        );
    }
    let _ = writeln!(
        b,
        "<h2>Requirements</h2>\n<table>\n<tr><th></th><th>Requirement</th><th>Necessity</th><th>Has</th><th>Needs</th><th>Gap</th></tr>"
    );
    for c in &w.requirements {
        let gap = match c.gap {
            Some(0) | None => String::new(),
            Some(1) => "1 level short".into(),
            Some(n) => format!("{n} levels short"),
        };
        let _ = writeln!(
            b,
            "<tr><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if c.met { "met" } else { "unmet" },
            if c.met { "✓" } else { "✗" },
            escape(&c.requirement),
            c.necessity,
            escape(c.has.as_deref().unwrap_or("nothing recorded")),
            escape(&c.needs),
            gap
        );
    }
    b.push_str("</table>\n");
    if !w.plan.is_empty() {
        b.push_str("<h2>Development plan, in order</h2>\n<ol>\n");
        for s in &w.plan {
            let _ = writeln!(
                b,
                "<li>{} — {}</li>",
                escape(&crate::render::readiness::step_text(s)),
                escape(&s.why)
            );
        }
        b.push_str("</ol>\n");
    }
    document(&format!("{who} — readiness for {}", w.role_title), &b)
}
