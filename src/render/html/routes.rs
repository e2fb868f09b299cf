//! The page of `lfw path --format html`, and the picture of a route that
//! the readiness page shares.

use super::{document, escape};
use crate::render::words::{RouteStepWords, RoutesWords};
use std::fmt::Write as _;

/// The route as boxes from left to right, the person's place marked.
pub(super) fn route_svg(route: &RoutesWords) -> Option<String> {
    route_svg_of(&route.routes.first()?.steps)
}

fn route_svg_of(steps: &[RouteStepWords]) -> Option<String> {
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

/// `lfw path --format html`: each route as boxes, then its steps.
pub fn page(r: &RoutesWords) -> String {
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
                (Some("here"), Some(m), _) => format!("here ({} in the role)", crate::render::words::months(m)),
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
    document(&format!("From {} to {} in {}", r.from, r.to, r.framework), &b)
}
