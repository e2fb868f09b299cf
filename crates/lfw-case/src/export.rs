//! A compiled framework as a CASE 1.1 package (`CFPackage`), as described
//! in docs/case.md. Every field name comes from 1EdTech's CASE 1.1 JSON
//! Schema binding (a copy is in `tests/fixtures/case/`). What CASE has no
//! field for goes into `extensions.lfw` objects and `ext:` association
//! types, so that `lfw import --from case` can rebuild the framework.

use lfw_model::{export::requirement, CompetencyId, Condition, Crosswalk, Framework, Note, Requirement};
use lfw_syntax::ast::{Closeness, Necessity, NoteKind};
use serde_json::{json, Map, Value};
use uuid::Uuid;

/// The namespace of every identifier `lfw` gives: the UUID v5 of the URL
/// `urn:lfw:case` in the URL namespace of RFC 4122. Never change it: the
/// identifiers of every exported framework derive from it.
pub const NAMESPACE: Uuid = Uuid::from_u128(0x4e516797_0345_5d8f_a4eb_f287ea3fd920);

/// The `lastChangeDateTime` of everything exported. A framework's source
/// carries no dates, and the same source must always give the same bytes.
pub const CHANGE_DATE_TIME: &str = "1970-01-01T00:00:00+00:00";

/// The key of `lfw`'s own data in every `extensions` object.
pub const EXTENSION: &str = "lfw";

/// The identifier of element `element` of framework `framework` (the
/// framework's CFDocument for an empty `element`). Element ids are ASCII
/// letters, digits, `-` and `_`, so the separator, and the `:` of the
/// other things named here (`itemtype:Role`, `criterion:scale:c`), cannot
/// make two names alike.
pub fn identifier(framework: &str, element: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, format!("{framework}\u{1f}{element}").as_bytes())
}

fn uri(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

/// A `LinkGenURIDType` / `LinkURIDType`.
fn link(title: &str, id: Uuid) -> Value {
    json!({"title": title, "identifier": id.to_string(), "uri": uri(id)})
}

/// The CFItemType of each kind of element.
fn item_type(fw: &Framework, element: &Elem) -> String {
    match element {
        Elem::Domain(_) => "Domain".into(),
        Elem::Competency(i) => capitalised(fw.competencies[*i].kind.keyword()),
        Elem::Credential(_) => "Credential".into(),
        Elem::Role(_) => "Role".into(),
    }
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[derive(Clone, Copy)]
enum Elem {
    Domain(usize),
    Competency(usize),
    Credential(usize),
    Role(usize),
}

fn notes_json(notes: &[Note]) -> Value {
    notes.iter().map(|n| json!({"kind": note_kind(n.kind), "text": n.text})).collect()
}

fn note_kind(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "note",
        NoteKind::Interpretation => "interpretation",
    }
}

/// CASE's `notes`: the description, then the notes, then the
/// interpretations, as paragraphs, for systems that read no extension.
fn case_notes(description: Option<&str>, notes: &[Note]) -> Option<String> {
    let mut parts: Vec<String> = description.map(str::to_string).into_iter().collect();
    for n in notes {
        parts.push(match n.kind {
            NoteKind::Note => n.text.clone(),
            NoteKind::Interpretation => format!("Interpretation: {}", n.text),
        });
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn closeness_type(c: Closeness) -> &'static str {
    match c {
        Closeness::Exact => "exactMatchOf",
        Closeness::Related => "isRelatedTo",
        Closeness::Close => "ext:closeMatchOf",
        Closeness::Broader => "ext:broadMatchOf",
        Closeness::Narrower => "ext:narrowMatchOf",
    }
}

/// The title of element `id` of a framework, if it has one by that id.
fn title_in(fw: &Framework, id: &str) -> Option<String> {
    if let Some(s) = fw.scales.iter().find(|s| s.id == id) {
        return Some(s.title.clone().unwrap_or_else(|| s.id.clone()));
    }
    fw.domains
        .iter()
        .find(|d| d.id == id)
        .map(|d| d.title.clone())
        .or_else(|| fw.competencies.iter().find(|c| c.id == id).map(|c| c.title.clone()))
        .or_else(|| fw.credentials.iter().find(|c| c.id == id).map(|c| c.title.clone()))
        .or_else(|| fw.roles.iter().find(|r| r.id == id).map(|r| r.title.clone()))
}

struct Builder<'a> {
    fw: &'a Framework,
    associations: Vec<Value>,
    /// How many associations of one (type, origin, destination) there are
    /// so far, to tell repeated ones apart in their identifiers.
    seen: std::collections::HashMap<String, usize>,
}

impl Builder<'_> {
    fn element_link(&self, id: &str) -> Value {
        let title = title_in(self.fw, id).unwrap_or_else(|| id.to_string());
        link(&title, identifier(&self.fw.id, id))
    }

    /// Adds an association; `origin` and `destination` are links.
    fn associate(
        &mut self,
        kind: &str,
        origin: Value,
        destination: Value,
        sequence: Option<usize>,
        notes: Option<String>,
        ext: Option<Value>,
    ) {
        let key = format!(
            "association:{kind}:{}:{}",
            origin["identifier"].as_str().unwrap_or(""),
            destination["identifier"].as_str().unwrap_or("")
        );
        let n = self.seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let id = identifier(&self.fw.id, &format!("{key}:{n}"));
        let mut a = Map::new();
        a.insert("identifier".into(), json!(id.to_string()));
        a.insert("associationType".into(), json!(kind));
        if let Some(s) = sequence {
            a.insert("sequenceNumber".into(), json!(s));
        }
        a.insert("uri".into(), json!(uri(id)));
        a.insert("originNodeURI".into(), origin);
        a.insert("destinationNodeURI".into(), destination);
        a.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
        if let Some(notes) = notes {
            a.insert("notes".into(), json!(notes));
        }
        if let Some(ext) = ext {
            a.insert("extensions".into(), json!({ EXTENSION: ext }));
        }
        self.associations.push(Value::Object(a));
    }

    /// The `ext:` associations of the requirements of role or credential
    /// `owner`, each pointing at what it names.
    fn requirements(&mut self, owner: &str, reqs: &[Requirement]) {
        let fw = self.fw;
        for (i, q) in reqs.iter().enumerate() {
            let necessity = match q.necessity {
                Necessity::Essential => "essential",
                Necessity::Desirable => "desirable",
            };
            let origin = self.element_link(owner);
            let mut ext = json!({"requirement": i, "necessity": necessity});
            let (kind, targets): (&str, Vec<&str>) = match &q.condition {
                Condition::Level { competency, level } => {
                    ext["level"] = json!(fw.level_name(*competency, *level));
                    ("ext:requiresLevel", vec![fw.competencies[competency.0].id.as_str()])
                }
                Condition::Credential { credential } => ("ext:requiresCredential", vec![fw.credentials[credential.0].id.as_str()]),
                Condition::Role { role } => ("ext:requiresRole", vec![fw.roles[role.0].id.as_str()]),
                Condition::Experience { role, months } => {
                    ext["months"] = json!(months);
                    ("ext:requiresTimeInRole", vec![fw.roles[role.0].id.as_str()])
                }
                Condition::AllIn { domain, level, .. } => {
                    ext["level"] = json!(level);
                    ("ext:requiresAllIn", vec![fw.domains[domain.0].id.as_str()])
                }
                Condition::CountOf { count, level, members } => {
                    ext["level"] = json!(level);
                    ext["count"] = json!(count);
                    (
                        "ext:requiresCountOf",
                        members.iter().map(|(c, _)| fw.competencies[c.0].id.as_str()).collect(),
                    )
                }
            };
            for target in targets {
                let destination = self.element_link(target);
                self.associate(kind, origin.clone(), destination, None, None, Some(ext.clone()));
            }
        }
    }
}

/// An element of the exported framework replaced, in the framework that
/// succeeds it, by another, as a crosswalk between the two says (the
/// successors of `lfw diff`): a `replacedBy` association.
#[derive(Clone, Debug)]
pub struct Replacement {
    /// The element's id in the exported framework.
    pub old: String,
    /// The framework that succeeds it, and the successor's id and title there.
    pub framework: String,
    pub new: String,
    pub title: String,
    /// Read from the old element: `Broader` when the successor is broader.
    pub closeness: Closeness,
    pub crosswalk: String,
    pub rationale: Option<String>,
}

/// The CASE package of `fw`. `crosswalks` are those compiled with it (the
/// ones that join it to another framework become associations), and
/// `others` the other frameworks of the compilation, for the titles of the
/// elements the crosswalks map to.
pub fn package(fw: &Framework, crosswalks: &[Crosswalk], others: &[Framework]) -> Value {
    package_replaced(fw, crosswalks, others, &[])
}

/// [`package`], with a `replacedBy` association for each replacement.
pub fn package_replaced(fw: &Framework, crosswalks: &[Crosswalk], others: &[Framework], replacements: &[Replacement]) -> Value {
    let doc_id = identifier(&fw.id, "");
    let doc_link = link(&fw.title, doc_id);
    let mut b = Builder {
        fw,
        associations: Vec::new(),
        seen: Default::default(),
    };

    // The items in source order: each domain with its competencies, the
    // competencies of no domain, the credentials, the roles.
    let mut order: Vec<(Elem, Option<usize>)> = Vec::new();
    for (d, domain) in fw.domains.iter().enumerate() {
        order.push((Elem::Domain(d), None));
        for c in &domain.competencies {
            order.push((Elem::Competency(c.0), Some(d)));
        }
    }
    for (i, c) in fw.competencies.iter().enumerate() {
        if c.domain.is_none() {
            order.push((Elem::Competency(i), None));
        }
    }
    order.extend((0..fw.credentials.len()).map(|i| (Elem::Credential(i), None)));
    order.extend((0..fw.roles.len()).map(|i| (Elem::Role(i), None)));

    let mut item_types: Vec<String> = Vec::new();
    let mut items = Vec::new();
    let mut top_position = 0;
    let mut child_position = 0;
    for &(elem, parent) in &order {
        let (id, title) = match elem {
            Elem::Domain(i) => (&fw.domains[i].id, &fw.domains[i].title),
            Elem::Competency(i) => (&fw.competencies[i].id, &fw.competencies[i].title),
            Elem::Credential(i) => (&fw.credentials[i].id, &fw.credentials[i].title),
            Elem::Role(i) => (&fw.roles[i].id, &fw.roles[i].title),
        };
        let position = match parent {
            None => {
                top_position += 1;
                child_position = 0;
                top_position
            }
            Some(_) => {
                child_position += 1;
                child_position
            }
        };
        let kind = item_type(fw, &elem);
        if !item_types.contains(&kind) {
            item_types.push(kind.clone());
        }
        let (description, notes, ext) = match elem {
            Elem::Domain(i) => {
                let d = &fw.domains[i];
                (
                    d.description.as_deref(),
                    &d.notes,
                    json!({"element": "domain", "description": d.description, "notes": notes_json(&d.notes)}),
                )
            }
            Elem::Competency(i) => {
                let c = &fw.competencies[i];
                let level = |comp: &lfw_model::Competency, rank: usize| -> Value {
                    match comp.scale {
                        Some(s) => json!(fw.scales[s.0].levels.get(rank)),
                        None => Value::Null,
                    }
                };
                (
                    c.description.as_deref(),
                    &c.notes,
                    json!({
                        "element": "competency",
                        "kind": c.kind.keyword(),
                        "scale": c.scale.map(|s| fw.scales[s.0].id.clone()),
                        "description": c.description,
                        "indicators": c.indicators.iter().map(|i| json!({"text": i.text, "negative": i.negative})).collect::<Vec<_>>(),
                        "prerequisites": c.prerequisites.iter().map(|p| {
                            let needs = &fw.competencies[p.needs.0];
                            json!({"at": level(c, p.at), "needs": needs.id, "level": level(needs, p.level)})
                        }).collect::<Vec<_>>(),
                        "notes": notes_json(&c.notes),
                    }),
                )
            }
            Elem::Credential(i) => {
                let c = &fw.credentials[i];
                (
                    c.description.as_deref(),
                    &c.notes,
                    json!({
                        "element": "credential",
                        "kind": c.kind,
                        "description": c.description,
                        "requirements": c.requirements.iter().map(|q| requirement(fw, q)).collect::<Vec<_>>(),
                        "notes": notes_json(&c.notes),
                    }),
                )
            }
            Elem::Role(i) => {
                let r = &fw.roles[i];
                (
                    r.description.as_deref(),
                    &r.notes,
                    json!({
                        "element": "role",
                        "entry": r.entry,
                        "after": r.after.iter().map(|a| json!({"role": fw.roles[a.role.0].id, "min_months": a.min_months})).collect::<Vec<_>>(),
                        "description": r.description,
                        "requirements": r.requirements.iter().map(|q| requirement(fw, q)).collect::<Vec<_>>(),
                        "notes": notes_json(&r.notes),
                    }),
                )
            }
        };
        let item_id = identifier(&fw.id, id);
        let type_id = identifier(&fw.id, &format!("itemtype:{kind}"));
        let mut item = Map::new();
        item.insert("identifier".into(), json!(item_id.to_string()));
        item.insert("fullStatement".into(), json!(title));
        item.insert("CFItemType".into(), json!(kind));
        item.insert("uri".into(), json!(uri(item_id)));
        item.insert("humanCodingScheme".into(), json!(id));
        item.insert("listEnumeration".into(), json!(position.to_string()));
        if let Some(n) = case_notes(description, notes) {
            item.insert("notes".into(), json!(n));
        }
        item.insert("CFItemTypeURI".into(), link(&kind, type_id));
        item.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
        item.insert("extensions".into(), json!({ EXTENSION: ext }));
        items.push(Value::Object(item));

        let parent_link = match parent {
            Some(d) => b.element_link(&fw.domains[d].id),
            None => doc_link.clone(),
        };
        let origin = link(title, item_id);
        b.associate("isChildOf", origin, parent_link, Some(position), None, None);
    }

    // Prerequisites: the competency needed precedes the one that needs it.
    for (i, c) in fw.competencies.iter().enumerate() {
        for p in &c.prerequisites {
            let needs = &fw.competencies[p.needs.0];
            let at = fw.level_name(CompetencyId(i), p.at).to_string();
            let level = fw.level_name(p.needs, p.level).to_string();
            let notes = format!("{} at {level} before {} at {at}", needs.id, c.id);
            let (o, d) = (b.element_link(&needs.id), b.element_link(&c.id));
            b.associate("precedes", o, d, None, Some(notes), Some(json!({"at": at, "level": level})));
        }
    }
    // Progression: a role precedes the roles that come after it.
    for r in &fw.roles {
        for a in &r.after {
            let before = &fw.roles[a.role.0];
            let notes = a
                .min_months
                .map(|m| format!("at least {m} months as {} before {}", before.id, r.id));
            let (o, d) = (b.element_link(&before.id), b.element_link(&r.id));
            b.associate("precedes", o, d, None, notes, Some(json!({"min_months": a.min_months})));
        }
    }
    // Requirements, which CASE cannot say: `ext:` associations.
    for c in &fw.credentials {
        b.requirements(&c.id, &c.requirements);
    }
    for r in &fw.roles {
        b.requirements(&r.id, &r.requirements);
    }
    // Crosswalks that join this framework to another, read from this end.
    let mut crosswalk_ext = Vec::new();
    for cw in crosswalks {
        let other = if cw.from == fw.id { &cw.to } else { &cw.from };
        let Some(view) = cw.seen_from(&fw.id, other) else {
            continue;
        };
        let other_fw = others.iter().find(|f| &f.id == other);
        crosswalk_ext.push(json!({
            "id": cw.id, "title": cw.title, "from": cw.from, "to": cw.to,
            "levels": cw.levels.iter().map(|(a, b)| json!([a, b])).collect::<Vec<_>>(),
            "description": cw.description, "notes": notes_json(&cw.notes),
        }));
        for m in view.mappings() {
            let origin = b.element_link(m.from);
            let title = other_fw.and_then(|f| title_in(f, m.to)).unwrap_or_else(|| m.to.to_string());
            let destination = link(&title, identifier(other, m.to));
            let ext = json!({
                "crosswalk": cw.id,
                "closeness": closeness_name(m.closeness),
                "framework": other,
                "element": m.to,
            });
            b.associate(
                closeness_type(m.closeness),
                origin,
                destination,
                None,
                m.rationale.map(str::to_string),
                Some(ext),
            );
        }
    }

    // Successors in the framework that replaces this one.
    for r in replacements {
        let origin = b.element_link(&r.old);
        let destination = link(&r.title, identifier(&r.framework, &r.new));
        let ext = json!({
            "crosswalk": r.crosswalk,
            "closeness": closeness_name(r.closeness),
            "framework": r.framework,
            "element": r.new,
        });
        b.associate("replacedBy", origin, destination, None, r.rationale.clone(), Some(ext));
    }

    let rubrics: Vec<Value> = fw.scales.iter().map(|s| rubric(fw, s)).collect();

    let mut doc = Map::new();
    doc.insert("identifier".into(), json!(doc_id.to_string()));
    doc.insert("uri".into(), json!(uri(doc_id)));
    doc.insert("caseVersion".into(), json!("1.1"));
    doc.insert("creator".into(), json!(fw.owner.as_deref().unwrap_or("lfw")));
    doc.insert("title".into(), json!(fw.title));
    doc.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
    if let Some(owner) = &fw.owner {
        doc.insert("publisher".into(), json!(owner));
    }
    if let Some(d) = &fw.description {
        doc.insert("description".into(), json!(d));
    }
    if let Some(sector) = &fw.sector {
        doc.insert("subject".into(), json!([sector]));
    }
    if let Some(v) = &fw.version {
        doc.insert("version".into(), json!(v));
    }
    let mut doc_notes: Vec<String> = fw.sources.iter().map(|s| format!("Source: {s}")).collect();
    doc_notes.extend(case_notes(None, &fw.notes));
    if !doc_notes.is_empty() {
        doc.insert("notes".into(), json!(doc_notes.join("\n\n")));
    }
    doc.insert(
        "extensions".into(),
        json!({ EXTENSION: {
            "id": fw.id,
            "sources": fw.sources,
            "extends": fw.extends,
            "default_scale": fw.default_scale.map(|s| fw.scales[s.0].id.clone()),
            "evidence": {
                "combine": fw.evidence.combine.name(),
                "ranked_sources": match &fw.evidence.combine {
                    lfw_model::Combine::Ranked(sources) => sources.clone(),
                    _ => Vec::new(),
                },
                "valid_months": fw.evidence.valid_months,
            },
            "notes": notes_json(&fw.notes),
            "crosswalks": crosswalk_ext,
        }}),
    );

    let definitions: Vec<Value> = item_types
        .iter()
        .map(|kind| {
            let id = identifier(&fw.id, &format!("itemtype:{kind}"));
            json!({
                "identifier": id.to_string(),
                "uri": uri(id),
                "title": kind,
                "description": format!("An lfw {} element.", kind.to_lowercase()),
                "hierarchyCode": kind,
                "typeCode": kind,
                "lastChangeDateTime": CHANGE_DATE_TIME,
            })
        })
        .collect();

    json!({
        "CFDocument": doc,
        "CFItems": items,
        "CFAssociations": b.associations,
        "CFDefinitions": {"CFItemTypes": definitions},
        "CFRubrics": rubrics,
        "extensions": { EXTENSION: {"format": FORMAT_VERSION} },
    })
}

/// Bumped only when a field of `extensions.lfw` changes meaning or disappears.
pub const FORMAT_VERSION: u32 = 1;

pub(crate) fn closeness_name(c: Closeness) -> &'static str {
    match c {
        Closeness::Exact => "exact",
        Closeness::Close => "close",
        Closeness::Broader => "broader",
        Closeness::Narrower => "narrower",
        Closeness::Related => "related",
    }
}

/// A scale as a CFRubric: one criterion for the scale itself, whose levels
/// carry the level names and titles, then one for each competency rated on
/// it, whose levels carry that competency's descriptors. Levels come in
/// scale order, lowest first, numbered from 1 by `position`.
fn rubric(fw: &Framework, s: &lfw_model::Scale) -> Value {
    let rubric_id = identifier(&fw.id, &s.id);
    let scale_index = fw.scale(&s.id);
    let criterion = |owner: Option<&lfw_model::Competency>, position: usize| -> Value {
        let name = match owner {
            Some(c) => format!("criterion:{}:{}", s.id, c.id),
            None => format!("criterion:{}", s.id),
        };
        let crit_id = identifier(&fw.id, &name);
        let levels: Vec<Value> = s
            .levels
            .iter()
            .enumerate()
            .map(|(rank, level)| {
                let level_id = identifier(&fw.id, &format!("{name}:{level}"));
                let mut l = Map::new();
                l.insert("identifier".into(), json!(level_id.to_string()));
                l.insert("uri".into(), json!(uri(level_id)));
                let descriptor = owner.and_then(|c| c.descriptors.iter().find(|(r, _)| *r == rank).map(|(_, t)| t.clone()));
                if let Some(d) = descriptor {
                    l.insert("description".into(), json!(d));
                }
                l.insert("quality".into(), json!(s.title_of(rank).unwrap_or(level)));
                l.insert("position".into(), json!(rank + 1));
                l.insert("rubricCriterionId".into(), json!(crit_id.to_string()));
                l.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
                l.insert(
                    "extensions".into(),
                    json!([{ EXTENSION: {"level": level, "title": s.title_of(rank)} }]),
                );
                Value::Object(l)
            })
            .collect();
        let mut c = Map::new();
        c.insert("identifier".into(), json!(crit_id.to_string()));
        c.insert("uri".into(), json!(uri(crit_id)));
        match owner {
            Some(comp) => {
                c.insert("category".into(), json!("competency"));
                c.insert("description".into(), json!(comp.title));
                c.insert("CFItemURI".into(), link(&comp.title, identifier(&fw.id, &comp.id)));
            }
            None => {
                c.insert("category".into(), json!("scale"));
                c.insert("description".into(), json!(s.title.as_deref().unwrap_or(&s.id)));
            }
        }
        c.insert("position".into(), json!(position));
        c.insert("rubricId".into(), json!(rubric_id.to_string()));
        c.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
        c.insert("CFRubricCriterionLevels".into(), json!(levels));
        Value::Object(c)
    };
    let mut criteria = vec![criterion(None, 0)];
    let rated = fw.competencies.iter().filter(|c| c.scale.is_some() && c.scale == scale_index);
    criteria.extend(rated.enumerate().map(|(i, c)| criterion(Some(c), i + 1)));
    let mut r = Map::new();
    r.insert("identifier".into(), json!(rubric_id.to_string()));
    r.insert("uri".into(), json!(uri(rubric_id)));
    r.insert("title".into(), json!(s.title.as_deref().unwrap_or(&s.id)));
    if let Some(d) = &s.description {
        r.insert("description".into(), json!(d));
    }
    r.insert("lastChangeDateTime".into(), json!(CHANGE_DATE_TIME));
    r.insert("CFRubricCriteria".into(), json!(criteria));
    r.insert(
        "extensions".into(),
        json!({ EXTENSION: {"id": s.id, "notes": notes_json(&s.notes)} }),
    );
    Value::Object(r)
}
