//! The compiled model and the graph queries the analyses build on.

use lfw_model::{compile_str, CompetencyId, Condition, Framework, RoleId};

fn compiled(text: &str) -> Framework {
    let c = compile_str("test.lfw", text);
    let messages: Vec<&str> = c.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.is_empty(), "{messages:?}");
    c.frameworks.into_iter().next().expect("one framework")
}

const LADDER: &str = r#"framework ladder "Ladder"
scale four "Four"
  levels essential < proficient < strong < exemplary
skill scanning "Broad scanning"
skill thinking "Strategic thinking"
  at strong needs scanning at proficient
skill politics "Political astuteness"
  needs scanning at essential
role constable "Constable"
  entry
role sergeant "Sergeant"
  after constable for 2 years
role inspector "Inspector"
  after sergeant for 1 year
  after constable for 5 years
role superintendent "Superintendent"
  after inspector for 18 months
  requires thinking at strong
"#;

fn id(fw: &Framework, name: &str) -> CompetencyId {
    fw.competency(name).expect(name)
}

#[test]
fn development_order_respects_every_prerequisite() {
    let fw = compiled(LADDER);
    let order = fw.development_order().expect("no cycle");
    assert_eq!(order.len(), 12, "three competencies of four levels");
    let pos = |c: &str, level: &str| {
        let c = id(&fw, c);
        let rank = fw.levels_of(c).iter().position(|l| l == level).expect("level");
        order.iter().position(|&n| n == (c, rank)).expect("in order")
    };
    assert!(pos("scanning", "proficient") < pos("thinking", "strong"));
    assert!(pos("thinking", "proficient") < pos("thinking", "strong"));
    assert!(pos("scanning", "essential") < pos("politics", "essential"));
}

#[test]
fn a_plan_pulls_in_prerequisites_in_order() {
    let fw = compiled(LADDER);
    let thinking = id(&fw, "thinking");
    let plan = fw.plan_order(&[(thinking, 2)]).expect("no cycle");
    let named: Vec<String> = plan
        .iter()
        .map(|&(c, r)| format!("{} at {}", fw.competencies[c.0].id, fw.level_name(c, r)))
        .collect();
    assert_eq!(
        named,
        [
            "scanning at essential",
            "scanning at proficient",
            "thinking at essential",
            "thinking at proficient",
            "thinking at strong"
        ]
    );
}

#[test]
fn routes_and_their_minimum_time() {
    let fw = compiled(LADDER);
    let role = |n: &str| fw.role(n).expect(n);
    let route = fw.shortest_route(role("constable"), role("superintendent")).expect("a route");
    let names: Vec<&str> = route.iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(names, ["constable", "inspector", "superintendent"], "fewest steps");
    assert_eq!(fw.route_months(&route), 60 + 18);
    let long = [role("constable"), role("sergeant"), role("inspector"), role("superintendent")];
    assert_eq!(fw.route_months(&long), 24 + 12 + 18);
    assert_eq!(fw.shortest_route(role("superintendent"), role("constable")), None);
    assert!(fw.leads_to(role("sergeant"), role("superintendent")));
    assert!(!fw.leads_to(role("superintendent"), role("sergeant")));
}

#[test]
fn entry_roles_and_reachability() {
    let fw = compiled(LADDER);
    assert_eq!(fw.entry_roles(), vec![RoleId(0)]);
    assert!(fw.reachable_roles().iter().all(|&r| r));
    // With no role marked `entry`, roles that come after none are entry
    // roles; two of them in a ladder are worth a warning, and only that.
    let c = compile_str(
        "test.lfw",
        "framework f \"F\"\nrole a \"A\"\nrole b \"B\"\n  after a\nrole c \"C\"\n",
    );
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["lfw::split-ladder"]);
    let fw = &c.frameworks[0];
    let entries: Vec<&str> = fw.entry_roles().iter().map(|r| fw.roles[r.0].id.as_str()).collect();
    assert_eq!(entries, ["a", "c"]);
}

#[test]
fn requirements_resolve_to_levels_and_members() {
    let fw = compiled(LADDER);
    let sup = &fw.roles[fw.role("superintendent").expect("role").0];
    assert_eq!(
        sup.requirements[0].condition,
        Condition::Level {
            competency: id(&fw, "thinking"),
            level: 2
        }
    );
}

#[test]
fn the_cycle_query_names_the_path() {
    let c = compile_str(
        "c.lfw",
        "framework f \"F\"\nrole a \"A\"\n  entry\nrole b \"B\"\n  after a\n  after c\nrole c \"C\"\n  after b\n",
    );
    let fw = &c.frameworks[0];
    let cycles = lfw_model::cycles(&fw.progression);
    assert_eq!(cycles.len(), 1);
    let names: Vec<&str> = cycles[0].iter().map(|n| fw.roles[n.index()].id.as_str()).collect();
    assert_eq!(names, ["b", "c"]);
    assert!(fw.development_order().is_some());
}

#[test]
fn extends_inherits_and_replaces() {
    let c = lfw_model::compile(&[std::path::PathBuf::from("local.lfw")], &|p: &std::path::Path| {
        match p.to_str() {
        Some("local.lfw") => Ok(b"import \"national.lfw\"\nframework local \"Local\"\n  extends national\nskill coaching \"Coaching (local wording)\"\nrole senior \"Senior\"\n  after lead\n  requires coaching at strong\n".to_vec()),
        Some("national.lfw") => Ok(b"framework national \"National\"\nscale s \"S\"\n  levels basic < strong\nskill coaching \"Coaching\"\nrole lead \"Lead\"\n  requires coaching at basic\n".to_vec()),
        _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound).into()),
    }
    });
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let local = c.framework("local").expect("local");
    assert_eq!(local.extends.as_deref(), Some("national"));
    let titles: Vec<&str> = local.competencies.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Coaching (local wording)"], "replaced in place, not added");
    let roles: Vec<&str> = local.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(roles, ["lead", "senior"]);
    assert_eq!(c.framework("national").expect("national").competencies[0].title, "Coaching");
}

#[test]
fn the_default_scale_is_inherited() {
    let c = lfw_model::compile(&[std::path::PathBuf::from("local.lfw")], &|p: &std::path::Path| {
        match p.to_str() {
        Some("local.lfw") => Ok(b"import \"national.lfw\"\nframework local \"Local\"\n  extends national\nskill finance \"Finance\"\n".to_vec()),
        Some("national.lfw") => Ok(b"framework national \"National\"\n  default scale four\nscale three \"S3\"\n  levels a < b < c\nscale four \"S4\"\n  levels w < x < y < z\n".to_vec()),
        _ => Err(std::io::Error::from(std::io::ErrorKind::NotFound).into()),
    }
    });
    assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
    let local = c.framework("local").expect("local");
    let finance = local.competency("finance").expect("finance");
    assert_eq!(local.levels_of(finance), ["w", "x", "y", "z"]);
}

#[test]
fn an_unknown_scale_is_reported_once_not_at_every_use() {
    let c = compile_str(
        "s.lfw",
        "framework f \"F\"\nskill a \"A\"\n  rated on nowhere\nrole r \"R\"\n  requires a at 1\n  desirable a at 2\n",
    );
    let codes: Vec<lfw_model::Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [lfw_model::Code::UnknownReference]);
}
