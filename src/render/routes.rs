//! Routes between two roles (`lfw path`) as text, laid out from their
//! words (`super::words`).

use super::words::RoutesWords;
use std::fmt::Write as _;

fn steps(n: usize) -> String {
    if n == 1 {
        "1 step".into()
    } else {
        format!("{n} steps")
    }
}

pub fn text(r: &RoutesWords) -> String {
    let mut out = String::new();
    if r.routes.is_empty() {
        let _ = writeln!(out, "no route leads from {} to {} in {}", r.from, r.to, r.framework);
        return out;
    }
    for (i, route) in r.routes.iter().enumerate() {
        if r.routes.len() > 1 {
            let _ = writeln!(out, "route {}:", i + 1);
        }
        let least = if route.min_months == 0 {
            "no minimum time set".to_string()
        } else {
            format!("at least {}", route.min_time)
        };
        let _ = writeln!(
            out,
            "{} → {} in {}: {}, {least}",
            r.from,
            r.to,
            r.framework,
            steps(route.steps.len() - 1)
        );
        for (n, step) in route.steps.iter().enumerate() {
            let place = match (step.place, step.months_here) {
                (Some("here"), Some(m)) => format!(" — you are here ({} in the role)", super::words::months(m)),
                (Some("done"), _) => " — done".to_string(),
                _ => match step.ready {
                    Some(true) => " — ready now".to_string(),
                    _ => String::new(),
                },
            };
            let _ = writeln!(out, "  {n}. {} ({}){place}", step.title, step.role);
            let gates: Vec<String> = step
                .time_before
                .iter()
                .map(|t| format!("at least {t}"))
                .chain(step.gates.iter().cloned())
                .collect();
            if !gates.is_empty() {
                let _ = writeln!(out, "       gates: {}", gates.join("; "));
            }
            if step.ready == Some(false) {
                let _ = writeln!(out, "       missing: {}", step.missing.join("; "));
            }
        }
    }
    if r.truncated {
        let _ = writeln!(out, "(only the first {} routes are listed)", lfw_assess::route::MAX_ROUTES);
    }
    out
}
