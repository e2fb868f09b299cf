//! `--format html`: one self-contained page per report — no scripts, no
//! external styles, fonts or images (a Content-Security-Policy says so to
//! the browser) — with inline SVG pictures, print styles, and every piece of
//! input text escaped. Laid out from the same words as the text reports
//! (`crate::words`), and from the typed results where a picture needs
//! numbers.

use crate::words::{ReadinessWords, RoutesWords, SummaryWords};
use lfw_assess::readiness::{About, Has, Readiness};
use lfw_model::{Condition, Framework};
use std::fmt::Write as _;

/// Text made safe for HTML content and attribute values: control
/// characters and bidi overrides from other people's files shown, not
/// obeyed, as in the text reports (`crate::escape::visible`), then the
/// characters HTML gives a meaning to written as entities.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::escape::visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1b1b1b; line-height: 1.4; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.meta { color: #555; }
.verdict { font-size: 1.2rem; font-weight: bold; padding: 0.4rem 0.8rem; display: inline-block; border-radius: 0.3rem; }
.ready { background: #d8f0d8; color: #0b4f0b; }
.not-ready { background: #f6dede; color: #7a1010; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.met { color: #0b4f0b; } .unmet { color: #7a1010; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, sans-serif; font-size: 12px; fill: #1b1b1b; }
ol li { margin: 0.2rem 0; }
pre { overflow-x: auto; font-size: 0.85rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
";

/// A whole page: a title, and the body's HTML (already escaped).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"lfw {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

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

/// The route as boxes from left to right, the person's place marked.
fn route_svg(route: &RoutesWords) -> Option<String> {
    route_svg_of(&route.routes.first()?.steps)
}

fn route_svg_of(steps: &[crate::words::RouteStepWords]) -> Option<String> {
    if steps.is_empty() {
        return None;
    }
    const BOX: f64 = 150.0;
    const GAP: f64 = 40.0;
    let width = steps.len() as f64 * (BOX + GAP);
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"Route from the current role to the target\" viewBox=\"0 0 {width} 80\" width=\"{width}\" height=\"80\">\n"
    );
    for (i, s) in steps.iter().enumerate() {
        let x = i as f64 * (BOX + GAP);
        let (fill, note) = match (s.place, s.ready) {
            (Some("here"), _) => ("#dbe8f7", "you are here"),
            (Some("done"), _) => ("#eeeeee", "done"),
            (_, Some(true)) => ("#d8f0d8", "ready now"),
            (_, Some(false)) => ("#f6dede", "not yet ready"),
            _ => ("#ffffff", ""),
        };
        let _ = writeln!(
            svg,
            "<rect x=\"{x}\" y=\"10\" width=\"{BOX}\" height=\"50\" rx=\"6\" fill=\"{fill}\" stroke=\"#555\"/>\
             <text x=\"{}\" y=\"32\">{}</text><text x=\"{}\" y=\"50\">{}</text>",
            x + 8.0,
            escape(&s.role),
            x + 8.0,
            escape(note)
        );
        if i + 1 < steps.len() {
            let _ = writeln!(
                svg,
                "<line x1=\"{}\" x2=\"{}\" y1=\"35\" y2=\"35\" stroke=\"#555\" stroke-width=\"2\"/><polygon points=\"{},30 {},35 {},40\" fill=\"#555\"/>",
                x + BOX,
                x + BOX + GAP - 6.0,
                x + BOX + GAP - 8.0,
                x + BOX + GAP,
                x + BOX + GAP - 8.0
            );
        }
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

/// `lfw ready --format html`.
pub fn ready(fw: &Framework, r: &Readiness, w: &ReadinessWords, route: Option<&RoutesWords>) -> String {
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
    if let Some(svg) = route.and_then(route_svg) {
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
            let _ = writeln!(b, "<li>{} — {}</li>", escape(&crate::ready::step_text(s)), escape(&s.why));
        }
        b.push_str("</ol>\n");
    }
    page(&format!("{who} — readiness for {}", w.role_title), &b)
}

/// `lfw cohort --format html`.
pub fn cohort(fw: &Framework, s: &SummaryWords) -> String {
    let role_title = fw.role(&s.role).map_or(s.role.as_str(), |r| fw.roles[r.0].title.as_str());
    let mut b = String::new();
    let _ = writeln!(b, "<h1>Cohort readiness for {}</h1>", escape(role_title));
    let _ = writeln!(
        b,
        "<p class=\"meta\">Framework <code>{}</code>, as of {}: {} people; {} ready now; mean score {:.1}.{}</p>",
        escape(&s.framework),
        escape(&s.as_of),
        s.people,
        s.ready,
        s.mean_score,
        if s.invalid > 0 {
            format!(" {} invalid profiles were left out.", s.invalid)
        } else {
            String::new()
        }
    );
    // Where people stand, as bars.
    let standing: Vec<_> = s.standing.iter().filter(|st| st.people > 0).collect();
    if !standing.is_empty() {
        const LABEL: f64 = 380.0;
        const WIDTH: f64 = 300.0;
        let height = 26.0 * standing.len() as f64 + 10.0;
        let most = standing.iter().map(|st| st.people).max().unwrap_or(1).max(1) as f64;
        let _ = writeln!(
            b,
            "<h2>Where people stand</h2>\n<svg role=\"img\" aria-label=\"People by where they stand\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\">",
            w = LABEL + WIDTH + 60.0
        );
        for (i, st) in standing.iter().enumerate() {
            let y = 5.0 + 26.0 * i as f64;
            let len = WIDTH * st.people as f64 / most;
            let fill = if st.standing == "ready" { "#4a9a4a" } else { "#7f9cc0" };
            let _ = writeln!(
                b,
                "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{LABEL}\" y=\"{y}\" width=\"{len:.1}\" height=\"18\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\">{}</text>",
                y + 13.0,
                escape(st.meaning),
                LABEL + len + 6.0,
                y + 13.0,
                st.people
            );
        }
        b.push_str("</svg>\n");
    }
    // The heat-map: competencies by how many levels people are short.
    let widest = s.shortfall.iter().map(|f| f.levels_short.len()).max().unwrap_or(0);
    if widest > 0 {
        const LABEL: f64 = 260.0;
        const CELL: f64 = 56.0;
        const ROW: f64 = 26.0;
        let height = ROW * (s.shortfall.len() + 1) as f64 + 10.0;
        let people = s.people.max(1) as f64;
        let _ = writeln!(
            b,
            "<h2>How far short people are, per competency</h2>\n<svg role=\"img\" aria-label=\"People by levels short, per competency\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\">",
            w = LABEL + CELL * widest as f64 + 10.0
        );
        for k in 0..widest {
            let label = match k {
                0 => "met".to_string(),
                1 => "1 short".to_string(),
                n => format!("{n} short"),
            };
            let _ = writeln!(b, "<text x=\"{}\" y=\"16\">{label}</text>", LABEL + CELL * k as f64 + 4.0);
        }
        for (i, f) in s.shortfall.iter().enumerate() {
            let y = ROW * (i + 1) as f64;
            let _ = writeln!(
                b,
                "<text x=\"0\" y=\"{}\">{} at {}</text>",
                y + 16.0,
                escape(&f.competency),
                escape(&f.level)
            );
            for (k, &n) in f.levels_short.iter().enumerate() {
                let share = n as f64 / people;
                // Met in green, short in red; darker for more people.
                let (r, g, bl) = if k == 0 { (74, 154, 74) } else { (192, 80, 77) };
                let _ = writeln!(
                    b,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"rgb({r},{g},{bl})\" fill-opacity=\"{:.2}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\">{n}</text>",
                    0.08 + 0.92 * share,
                    LABEL + CELL * k as f64 + 6.0,
                    y + 16.0,
                    x = LABEL + CELL * k as f64,
                    w = CELL - 2.0,
                    h = ROW - 4.0,
                );
            }
        }
        b.push_str("</svg>\n");
    }
    for (title, rows) in [
        ("Most common gaps", &s.common_gaps),
        ("Development that would make most people ready", &s.unblocks),
    ] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(b, "<h2>{title}</h2>\n<table>\n<tr><th>Requirement</th><th>People</th></tr>");
        for g in rows.iter().take(10) {
            let _ = writeln!(b, "<tr><td>{}</td><td class=\"n\">{}</td></tr>", escape(&g.requirement), g.people);
        }
        b.push_str("</table>\n");
    }
    page(&format!("Cohort readiness for {role_title}"), &b)
}

/// `lfw diff --format html`: the change log, old and new side by side.
pub fn diff(d: &lfw_diff::diff::Diff) -> String {
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
        return page(&format!("Changes from {old} to {new}"), &b);
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
    let other = crate::compare::diff_markdown(d);
    let _ = writeln!(b, "<h2>The whole change log</h2>\n<pre>{}</pre>", escape(&other));
    page(&format!("Changes from {old} to {new}"), &b)
}

/// `lfw path --format html`: each route as boxes, then its steps.
pub fn routes(r: &RoutesWords) -> String {
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>From {} to {} in <code>{}</code></h1>",
        escape(&r.from),
        escape(&r.to),
        escape(&r.framework)
    );
    if r.routes.is_empty() {
        let _ = writeln!(b, "<p>No route leads from {} to {}.</p>", escape(&r.from), escape(&r.to));
    }
    for (i, route) in r.routes.iter().enumerate() {
        let least = if route.min_months == 0 {
            "no minimum time set".to_string()
        } else {
            format!("at least {}", route.min_time)
        };
        let _ = writeln!(
            b,
            "<h2>Route {}: {} steps, {least}</h2>",
            i + 1,
            route.steps.len().saturating_sub(1)
        );
        if let Some(svg) = route_svg_of(&route.steps) {
            b.push_str(&svg);
        }
        b.push_str("<table>\n<tr><th>Step</th><th>Role</th><th>Gates</th><th>Where the person is</th><th>Missing</th></tr>\n");
        for (n, s) in route.steps.iter().enumerate() {
            let gates: Vec<String> = s
                .time_before
                .iter()
                .map(|t| format!("at least {t}"))
                .chain(s.gates.iter().cloned())
                .collect();
            let place = match (s.place, s.months_here, s.ready) {
                (Some("here"), Some(m), _) => format!("here ({} in the role)", crate::words::months(m)),
                (Some("done"), ..) => "done".to_string(),
                (_, _, Some(true)) => "ready now".to_string(),
                (_, _, Some(false)) => "not yet ready".to_string(),
                _ => String::new(),
            };
            let _ = writeln!(
                b,
                "<tr><td class=\"n\">{n}</td><td>{} (<code>{}</code>)</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&s.title),
                escape(&s.role),
                escape(&gates.join("; ")),
                escape(&place),
                escape(&s.missing.join("; "))
            );
        }
        b.push_str("</table>\n");
    }
    if r.truncated {
        let _ = writeln!(b, "<p>Only the first {} routes are listed.</p>", lfw_assess::route::MAX_ROUTES);
    }
    page(&format!("From {} to {} in {}", r.from, r.to, r.framework), &b)
}

/// `lfw compare --format html`, two frameworks: how much of each has a
/// counterpart in the other, as bars, and the matches and gaps.
pub fn comparison(c: &lfw_diff::compare::Comparison) -> String {
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
    page(&format!("{} and {}", c.a, c.b), &b)
}

/// `lfw compare --format html`, three or more frameworks: the shared core,
/// each group a bar of how many frameworks hold it.
pub fn shared(s: &lfw_diff::compare::SharedCore) -> String {
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
    page(&format!("The shared core of {}", s.frameworks.join(", ")), &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_files_cannot_open_a_tag_or_steer_the_page() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{202e}b\u{7}"), "a\\u{202e}b\\u{7}");
    }

    #[test]
    fn a_page_loads_nothing_from_outside() {
        let p = page("<t>", "<p>x</p>");
        assert!(p.contains("default-src 'none'"));
        assert!(p.contains("<title>&lt;t&gt;</title>"));
        for outside in ["<script", "src=", "href=", "@import", "url("] {
            assert!(!p.contains(outside), "{outside}");
        }
    }
}
