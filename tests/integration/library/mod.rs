//! Fidelity tests for the bundled framework library: each framework's
//! counts and names checked against its source, so an accidental edit fails
//! loudly. One module per sector folder of `frameworks/`.

mod civil_service;
mod cross_sector;
mod education;
mod local_government;
mod nhs;
mod police;
mod social_services;

use lfw_model::{Compilation, Framework};
use std::path::Path;

/// Compiles every file of `frameworks/` together, as `lfw check frameworks/`
/// does, and insists on zero diagnostics.
pub fn library() -> &'static Compilation {
    static LIBRARY: std::sync::OnceLock<Compilation> = std::sync::OnceLock::new();
    LIBRARY.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        collect(&root.join("frameworks"), &mut files);
        let c = lfw_model::compile(&files, &|p: &Path| Ok(std::fs::read(p)?));
        let messages: Vec<String> = c.diagnostics.iter().map(|d| format!("{} {}", d.code, d.message)).collect();
        assert!(messages.is_empty(), "the library compiles with no diagnostics: {messages:#?}");
        c
    })
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("frameworks/")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "lfw") {
            out.push(p);
        }
    }
}

/// A bundled framework by id.
pub fn framework(id: &str) -> &'static Framework {
    library()
        .framework(id)
        .unwrap_or_else(|| panic!("the library has a framework `{id}`"))
}

/// The titles of a domain's competencies, in order.
pub fn titles_in(fw: &'static Framework, domain: &str) -> Vec<&'static str> {
    let d = fw.domain(domain).unwrap_or_else(|| panic!("`{}` has a domain `{domain}`", fw.id));
    fw.domains[d.0]
        .competencies
        .iter()
        .map(|c| fw.competencies[c.0].title.as_str())
        .collect()
}

/// A crosswalk's mappings counted by closeness: exact, close, broader,
/// narrower, related.
pub fn closeness_counts(cw: &lfw_model::Crosswalk) -> [usize; 5] {
    use lfw_syntax::ast::Closeness::*;
    [Exact, Close, Broader, Narrower, Related].map(|k| cw.mappings.iter().filter(|m| m.closeness == k).count())
}

/// The titles of a framework's domains, in order.
pub fn domain_titles(fw: &'static Framework) -> Vec<&'static str> {
    fw.domains.iter().map(|d| d.title.as_str()).collect()
}

/// The elements of a crosswalk's two frameworks (scales, domains, competencies,
/// credentials, roles) that no mapping uses and that its "No counterpart" notes do
/// not name by title, as `framework: title`.
pub fn unlisted_elements(cw: &lfw_model::Crosswalk) -> Vec<String> {
    let notes: String = cw
        .notes
        .iter()
        .filter(|n| n.text.starts_with("No counterpart"))
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut missing = Vec::new();
    for (fw, from_side) in [(framework(&cw.from), true), (framework(&cw.to), false)] {
        let mapped = |id: &str| cw.mappings.iter().any(|m| if from_side { m.from == id } else { m.to == id });
        let elements = fw
            .scales
            .iter()
            .map(|x| (x.id.as_str(), x.title.as_deref().unwrap_or(&x.id)))
            .chain(fw.domains.iter().map(|x| (x.id.as_str(), x.title.as_str())))
            .chain(fw.competencies.iter().map(|x| (x.id.as_str(), x.title.as_str())))
            .chain(fw.credentials.iter().map(|x| (x.id.as_str(), x.title.as_str())))
            .chain(fw.roles.iter().map(|x| (x.id.as_str(), x.title.as_str())));
        for (id, title) in elements {
            if !mapped(id) && !notes.contains(title) {
                missing.push(format!("{}: {title}", fw.id));
            }
        }
    }
    missing
}

/// Issue 12: every `source` of every bundled framework cites a document (author or
/// body, year, title, section), never a file path such as the seeds' folder, which is
/// no part of the repository.
#[test]
fn no_source_names_a_file_path() {
    let mut bad = Vec::new();
    for fw in &library().frameworks {
        assert!(!fw.sources.is_empty(), "{} cites a source", fw.id);
        for s in &fw.sources {
            let lower = s.to_lowercase();
            let path_like = ["shared/", "seeds/", "frameworks/", ".txt", ".md", ".lfw", ".json", "file://"]
                .iter()
                .any(|p| lower.contains(p));
            let dated = s
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")))
                || s.contains("no author or year");
            if path_like || !dated {
                bad.push(format!("{}: {s}", fw.id));
            }
        }
    }
    assert!(bad.is_empty(), "sources naming a path, or with no year: {bad:#?}");
}

/// An export snapshot per bundled framework: any change to the library's
/// content shows in review.
#[test]
fn every_bundled_framework_exports() {
    for fw in &library().frameworks {
        let json = lfw_model::export::framework(fw);
        assert_eq!(json["id"], fw.id.as_str());
        insta::assert_json_snapshot!(format!("export-{}", fw.id), json);
    }
}
