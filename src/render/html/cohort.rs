//! The page of `lfw cohort --format html`: readiness counts and a gap
//! heat-map.

use super::{document, escape};
use crate::render::words::SummaryWords;
use lfw_model::Framework;
use std::fmt::Write as _;

/// `lfw cohort --format html`.
pub fn page(fw: &Framework, s: &SummaryWords) -> String {
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
    document(&format!("Cohort readiness for {role_title}"), &b)
}
