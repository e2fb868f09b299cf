//! A cohort's readiness for a role (`lfw cohort`) as text and Markdown:
//! the summary, and each person's row as it comes.

use super::words::{PersonRowWords, SummaryWords};
use std::fmt::Write as _;

fn percent(n: u64, of: u64) -> String {
    if of == 0 {
        "0%".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / of as f64)
    }
}

fn role_title<'a>(fw: &'a lfw_model::Framework, id: &'a str) -> &'a str {
    fw.role(id).map(|r| fw.roles[r.0].title.as_str()).unwrap_or(id)
}

/// How many to list of the common gaps and unblockers.
const TOP: usize = 10;

pub fn text(s: &SummaryWords, fw: &lfw_model::Framework) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "cohort of {} for {} ({}) in {}, as of {}",
        s.people,
        role_title(fw, &s.role),
        s.role,
        s.framework,
        s.as_of
    );
    let _ = writeln!(out, "  ready now: {} ({})", s.ready, percent(s.ready, s.people));
    let _ = writeln!(out, "  not ready: {} ({})", s.not_ready, percent(s.not_ready, s.people));
    for (n, people) in &s.missing_count {
        let _ = writeln!(out, "    missing {n} requirement{}: {people}", if *n == 1 { "" } else { "s" });
    }
    if s.invalid > 0 {
        let _ = writeln!(out, "  invalid profiles (not counted): {}", s.invalid);
    }
    let _ = writeln!(out, "  mean score: {:.1}", s.mean_score);
    let _ = writeln!(
        out,
        "
where people stand (one reason each):"
    );
    for st in s.standing.iter().filter(|st| st.people > 0) {
        let _ = writeln!(out, "  {:>8}  {}", st.people, st.meaning);
    }
    if !s.common_gaps.is_empty() {
        let _ = writeln!(out, "\nmost common gaps:");
        for g in s.common_gaps.iter().take(TOP) {
            let _ = writeln!(out, "  {:>8}  {}", g.people, g.requirement);
        }
    }
    if !s.unblocks.is_empty() {
        let _ = writeln!(
            out,
            "\ndelivering one of these would make people ready now (the only gap they have):"
        );
        for g in s.unblocks.iter().take(TOP) {
            let _ = writeln!(out, "  {:>8}  {}", g.people, g.requirement);
        }
    }
    out
}

pub fn markdown(s: &SummaryWords, fw: &lfw_model::Framework) -> String {
    use crate::escape::markdown_cell as cell;
    let mut out = String::new();
    let _ = writeln!(out, "\n## Cohort readiness for {}\n", cell(role_title(fw, &s.role)));
    let _ = writeln!(out, "Framework `{}`, as of {}: {} people.\n", s.framework, s.as_of, s.people);
    let _ = writeln!(out, "| | People | Share |\n|---|---|---|");
    let _ = writeln!(out, "| Ready now | {} | {} |", s.ready, percent(s.ready, s.people));
    for (n, people) in &s.missing_count {
        let _ = writeln!(out, "| Missing {n} | {people} | {} |", percent(*people, s.people));
    }
    if s.invalid > 0 {
        let _ = writeln!(out, "| Invalid profiles (not counted) | {} | |", s.invalid);
    }
    let _ = writeln!(out, "\n### Where people stand\n\n| Standing | People | Share |\n|---|---|---|");
    for st in s.standing.iter().filter(|st| st.people > 0) {
        let _ = writeln!(out, "| {} | {} | {} |", st.meaning, st.people, percent(st.people, s.people));
    }
    if !s.common_gaps.is_empty() {
        let _ = writeln!(out, "\n### Most common gaps\n\n| Requirement | People |\n|---|---|");
        for g in s.common_gaps.iter().take(TOP) {
            let _ = writeln!(out, "| {} | {} |", cell(&g.requirement), g.people);
        }
    }
    if !s.unblocks.is_empty() {
        let _ = writeln!(
            out,
            "\n### Development that would make most people ready\n\n| Requirement | People it would make ready |\n|---|---|"
        );
        for g in s.unblocks.iter().take(TOP) {
            let _ = writeln!(out, "| {} | {} |", cell(&g.requirement), g.people);
        }
    }
    out
}

/// One person's row of `lfw cohort --per-person`, as a line of text.
pub fn person_text(row: &PersonRowWords) -> String {
    let verdict = if row.ready {
        "ready".to_string()
    } else {
        format!("missing {}: {}", row.missing.len(), row.missing.join("; "))
    };
    format!("{:<20} {:>5.1}  {verdict}\n", row.person, row.score)
}

/// One person's row of `lfw cohort --per-person --format markdown`, after
/// the table's head when it is the `first`.
pub fn person_markdown(row: &PersonRowWords, first: bool) -> String {
    use crate::escape::markdown_cell as cell;
    let head = if first {
        "| Person | Ready | Score | Missing |\n|---|---|---|---|\n"
    } else {
        ""
    };
    format!(
        "{head}| {} | {} | {:.1} | {} |\n",
        cell(&row.person),
        if row.ready { "yes" } else { "no" },
        row.score,
        cell(&row.missing.join("; "))
    )
}
