//! `lfw succession`: the pipeline of every role of a framework, from a
//! cohort, as text, Markdown or JSON. The figures are counted by
//! `lfw_assess::succession` and made safe to publish by
//! `lfw_assess::disclosure`; this module words and lays them out.

use crate::cli::{cohort_stop, framework_arg, print_plain, profile_input, role_arg, usage_error, Bundled, ReportFormat, MAX_THREADS};
use lfw_assess::compiled::Gap;
use lfw_assess::disclosure::{Cell, Figures, Published, PublishedRole};
use lfw_model::{Framework, RoleId};
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// The longest horizon, in months: ten years ahead.
const MAX_HORIZON: u32 = 120;

/// The arguments of `lfw succession`, as parsed.
pub struct Args<'a> {
    pub framework: &'a str,
    pub profiles: &'a Path,
    pub as_of: Option<&'a str>,
    pub horizon: &'a str,
    pub by: &'a [String],
    pub roles: &'a [String],
    pub min_group: u64,
    pub threads: Option<u16>,
    pub strict: bool,
    pub format: ReportFormat,
}

/// Reads `--horizon`: `24m`, `2y`, or a number of months, 1 to 120.
fn horizon_arg(s: &str) -> Result<u32, String> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let per = match s[digits.len()..].trim() {
        "" | "m" | "month" | "months" => 1,
        "y" | "year" | "years" => 12,
        _ => return Err(format!("`--horizon {s}` is not a length of time; write e.g. 24m or 2y")),
    };
    match digits.parse::<u32>().ok().and_then(|n| n.checked_mul(per)) {
        Some(m) if (1..=MAX_HORIZON).contains(&m) => Ok(m),
        _ => Err(format!(
            "`--horizon {s}` is out of range; give 1 to {MAX_HORIZON} months (10 years)"
        )),
    }
}

pub fn run(a: Args, root: Option<&Path>) -> ExitCode {
    let question = match crate::cli::question(a.as_of, None, None) {
        Ok(q) => q,
        Err(message) => return usage_error(&message),
    };
    let horizon = match horizon_arg(a.horizon) {
        Ok(h) => h,
        Err(message) => return usage_error(&message),
    };
    if a.min_group == 0 {
        return usage_error("`--min-group 0` would publish every figure; give 1 or more (5 by default)");
    }
    if let Some(name) = a.by.iter().find(|b| b.trim().is_empty()) {
        return usage_error(&format!(
            "`--by` names an empty attribute (`{name}`); write e.g. --by organisation,region"
        ));
    }
    let (c, index) = match framework_arg(a.framework, root, Bundled::Alone) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let fw = &c.frameworks[index];
    let mut roles = Vec::new();
    for r in a.roles {
        match role_arg(fw, r) {
            Ok(id) => roles.push(id),
            Err(code) => return code,
        }
    }
    if !a.profiles.exists() {
        return usage_error(&format!("there is no file `{}`", a.profiles.display()));
    }
    if !a.profiles.extension().is_some_and(|e| e == "csv" || e == "jsonl") {
        return usage_error(&format!(
            "`{}` is neither .jsonl nor .csv; a cohort is one profile per line (JSON Lines) or long CSV",
            a.profiles.display()
        ));
    }
    if let Err(e) = crate::cleanup::remove_on_signals() {
        errln!("error: cannot watch for signals to clean up after: {e}");
        return ExitCode::from(1);
    }
    let scratch = match crate::cleanup::TempDir::new("lfw-succession-") {
        Ok(dir) => dir,
        Err(e) => {
            errln!("error: cannot create a temporary directory: {e}");
            return ExitCode::from(1);
        }
    };
    let opts = lfw_assess::succession::Options {
        question,
        horizon,
        by: a.by.iter().map(|b| b.trim().to_string()).collect(),
        roles,
        strict: a.strict,
        threads: a.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS),
            usize::from,
        ),
        scratch: scratch.path().to_path_buf(),
    };
    let input = match profile_input(a.profiles) {
        Ok(input) => input,
        Err(problems) => {
            print_plain(&problems, &lfw_model::Sources::default());
            return ExitCode::from(1);
        }
    };
    let mut sink = Problems {
        count: 0,
        colour: crate::render::use_colour(),
    };
    let pipeline = match lfw_assess::succession::run(fw, input, &opts, &mut sink) {
        Ok(p) => p,
        Err(lfw_assess::succession::Halt::Stream(stop)) => return cohort_stop(stop, a.profiles, scratch.path()),
        Err(lfw_assess::succession::Halt::TooManyGroups) => {
            errln!(
                "error: `--by {}` makes more than {} groups; group by an attribute with fewer values, such as an organisation or a region",
                a.by.join(","),
                lfw_assess::succession::MAX_GROUPS
            );
            return ExitCode::from(1);
        }
    };
    let published = lfw_assess::disclosure::publish(fw, &pipeline, a.min_group);
    match a.format {
        ReportFormat::Json => jsonln!(
            "{}",
            serde_json::to_string_pretty(&to_json(fw, &published)).expect("JSON values serialise")
        ),
        ReportFormat::Text => crate::output::print(&text(fw, &published)),
        ReportFormat::Markdown => crate::output::print(&markdown(fw, &published)),
        ReportFormat::Html => crate::output::raw(&html(fw, &published)),
    }
    if sink.count > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reports invalid profiles as they are found; nobody is listed by name.
struct Problems {
    count: usize,
    colour: bool,
}

impl lfw_assess::cohort::Sink for Problems {
    fn person(&mut self, _: &lfw_assess::cohort::PersonRow) {}

    fn problem(&mut self, d: &lfw_assess::ProfileDiagnostic) {
        self.count += 1;
        crate::output::err(&crate::render::diagnostic(d, &lfw_model::Sources::default(), self.colour));
    }

    fn stopped(&self) -> bool {
        crate::output::closed()
    }

    fn wants_rows(&self) -> bool {
        false
    }
}

/// A figure in a text or Markdown table: the number, or `*` when it is not
/// shown.
fn shown(c: Cell) -> String {
    match c {
        Cell::Shown(n) => n.to_string(),
        Cell::Suppressed => "*".to_string(),
    }
}

fn cell_json(c: Cell) -> Value {
    match c {
        Cell::Shown(n) => json!(n),
        Cell::Suppressed => json!("suppressed"),
    }
}

fn role_label(fw: &Framework, role: RoleId) -> String {
    let r = &fw.roles[role.0];
    format!("{} ({})", r.title, r.id)
}

fn gap_words(fw: &Framework, role: RoleId, gap: Gap) -> String {
    crate::words::gap(fw, role, gap)
}

/// A group in words: its attributes' values, `(not given)` where a profile
/// has none.
fn group_words(group: &[Option<String>]) -> String {
    group
        .iter()
        .map(|v| v.as_deref().unwrap_or("(not given)"))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn bench_words(r: &PublishedRole) -> String {
    match r.bench {
        Some(b) => format!("{b:.2}"),
        None => "-".to_string(),
    }
}

fn flags(r: &PublishedRole) -> &'static str {
    if r.entry {
        "entry role: filled by recruitment"
    } else if r.no_ready_successor {
        "no ready successor"
    } else {
        ""
    }
}

const LEGEND: &str = "* not shown: fewer than the minimum group, or a figure that would reveal one";

pub fn text(fw: &Framework, p: &Published) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "succession in {}, as of {}: {} people; horizon {} months; groups under {} not shown",
        p.framework,
        p.as_of,
        shown(p.people),
        p.horizon,
        p.min_group
    );
    if p.invalid > 0 {
        let _ = writeln!(out, "invalid profiles (not counted): {}", p.invalid);
    }
    let within = format!("in {}m", p.horizon);
    let labels: Vec<String> = p.roles.iter().map(|r| role_label(fw, r.role)).collect();
    const FIRST: &str = "role (top of the ladder first)";
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0).max(FIRST.len());
    let header = |out: &mut String, first: &str, width: usize, bench: &str| {
        let line = format!(
            "{first:<width$}  {:>7}  {:>5}  {:>6}  {:>8}  {:>7}  {bench:>5}",
            "holders", "ready", within, "one step", "blocked"
        );
        let _ = writeln!(out, "{}", line.trim_end());
    };
    let _ = writeln!(out);
    header(&mut out, FIRST, width, "bench");
    for (r, label) in p.roles.iter().zip(&labels) {
        let flag = flags(r);
        let _ = writeln!(
            out,
            "{label:<width$}  {}  {:>5}{}",
            figures_row(&r.total),
            bench_words(r),
            if flag.is_empty() { String::new() } else { format!("  {flag}") }
        );
    }
    for r in &p.roles {
        let months: Vec<String> = r
            .months
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != Cell::Shown(0))
            .map(|(i, c)| format!("month {}: {}", i + 1, shown(*c)))
            .collect();
        let unblocks: Vec<String> = r
            .unblocks
            .iter()
            .take(3)
            .map(|(g, c)| format!("{} ({})", gap_words(fw, r.role, *g), shown(*c)))
            .collect();
        if months.is_empty() && unblocks.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", role_label(fw, r.role));
        if !months.is_empty() {
            let _ = writeln!(out, "  ready as time is served: {}", months.join(", "));
        }
        if !unblocks.is_empty() {
            let _ = writeln!(out, "  would unblock most successors: {}", unblocks.join("; "));
        }
    }
    if !p.by.is_empty() {
        let _ = writeln!(out, "\nby {}:", p.by.join(" / "));
        for (r, label) in p.roles.iter().zip(&labels) {
            let _ = writeln!(out, "\n{label}");
            let names: Vec<String> = r.groups.iter().map(|(g, _)| group_words(g)).collect();
            let w = names.iter().map(|n| n.chars().count()).max().unwrap_or(5).max(5);
            header(&mut out, "  group", w + 2, "");
            for (name, (_, f)) in names.iter().zip(&r.groups) {
                let _ = writeln!(out, "  {name:<w$}  {}", figures_row(f));
            }
        }
    }
    if has_suppressed(p) {
        let _ = writeln!(out, "\n{LEGEND}");
    }
    out
}

fn figures_row(f: &Figures) -> String {
    format!(
        "{:>7}  {:>5}  {:>6}  {:>8}  {:>7}",
        shown(f.holders),
        shown(f.ready),
        shown(f.within),
        shown(f.one_step),
        shown(f.blocked)
    )
}

fn has_suppressed(p: &Published) -> bool {
    let figures = |f: &Figures| [f.holders, f.ready, f.within, f.one_step, f.blocked];
    p.people == Cell::Suppressed
        || p.roles.iter().any(|r| {
            figures(&r.total).contains(&Cell::Suppressed)
                || r.groups.iter().any(|(_, f)| figures(f).contains(&Cell::Suppressed))
                || r.months.contains(&Cell::Suppressed)
                || r.unblocks.iter().any(|(_, c)| *c == Cell::Suppressed)
        })
}

pub fn markdown(fw: &Framework, p: &Published) -> String {
    use crate::escape::markdown_cell as cell;
    let mut out = String::new();
    let _ = writeln!(out, "## Succession in `{}`, as of {}\n", p.framework, p.as_of);
    let _ = writeln!(
        out,
        "{} people; horizon {} months; groups under {} not shown.\n",
        shown(p.people),
        p.horizon,
        p.min_group
    );
    let _ = writeln!(
        out,
        "| Role | Holders | Ready now | Within {} months | One step away | Blocked | Ready per holder | |\n|---|---|---|---|---|---|---|---|",
        p.horizon
    );
    for r in &p.roles {
        let t = &r.total;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&role_label(fw, r.role)),
            shown(t.holders),
            shown(t.ready),
            shown(t.within),
            shown(t.one_step),
            shown(t.blocked),
            bench_words(r),
            flags(r)
        );
    }
    if !p.by.is_empty() {
        for r in &p.roles {
            let _ = writeln!(
                out,
                "\n### {} by {}\n\n| {} | Holders | Ready now | Within {} months | One step away | Blocked |\n|---|---|---|---|---|---|",
                cell(&role_label(fw, r.role)),
                cell(&p.by.join(" / ")),
                cell(&p.by.join(" / ")),
                p.horizon
            );
            for (g, f) in &r.groups {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    cell(&group_words(g)),
                    shown(f.holders),
                    shown(f.ready),
                    shown(f.within),
                    shown(f.one_step),
                    shown(f.blocked)
                );
            }
        }
    }
    if has_suppressed(p) {
        let _ = writeln!(out, "\n{}", cell(LEGEND));
    }
    out
}

fn figures_json(f: &Figures) -> Value {
    json!({
        "holders": cell_json(f.holders),
        "ready_now": cell_json(f.ready),
        "within_horizon": cell_json(f.within),
        "one_step": cell_json(f.one_step),
        "blocked": cell_json(f.blocked),
    })
}

pub fn to_json(fw: &Framework, p: &Published) -> Value {
    json!({
        "format": 1,
        "framework": p.framework,
        "as_of": p.as_of.to_string(),
        "horizon_months": p.horizon,
        "min_group": p.min_group,
        "by": p.by,
        "people": cell_json(p.people),
        "invalid": p.invalid,
        "roles": p.roles.iter().map(|r| json!({
            "role": fw.roles[r.role.0].id,
            "title": fw.roles[r.role.0].title,
            "entry": r.entry,
            "no_ready_successor": r.no_ready_successor,
            "bench_strength": r.bench,
            "all": figures_json(&r.total),
            "within_by_month": r.months.iter().map(|c| cell_json(*c)).collect::<Vec<_>>(),
            "unblocks": r.unblocks.iter().map(|(g, c)| json!({
                "requirement": gap_words(fw, r.role, *g),
                "people": cell_json(*c),
            })).collect::<Vec<_>>(),
            "groups": r.groups.iter().map(|(g, f)| json!({
                "group": p.by.iter().zip(g).map(|(name, value)| (name.clone(), json!(value))).collect::<serde_json::Map<_, _>>(),
                "figures": figures_json(f),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// The pipeline picture: for each role, top of the ladder first, its
/// holders and, beside them, its successors in their four places; figures
/// not shown are drawn as a grey box marked `*`, never to scale.
pub fn html(fw: &Framework, p: &Published) -> String {
    use crate::html::escape;
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
    crate::html::page(&format!("Succession in {}", p.framework), &body)
}
