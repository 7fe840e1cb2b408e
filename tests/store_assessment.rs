//! The assessment store (medium-term step 2) through its public API: selected PRA tools,
//! sub-groups with members, leader, themes and tools, findings, proposed activities and
//! their merging, the assessment facts, audit rows, refusals, and migration from v2.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use kehoach::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use kehoach::domain::subgroup::SubGroupId;
use kehoach::domain::{CycleId, NewCycle, PersonId, VillageId, VillageKind};
use kehoach::store::{ActivityOrigin, AssessmentFacts, MIGRATIONS, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;

struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
    village: VillageId,
    cycle: CycleId,
    /// Three women then three men.
    people: Vec<PersonId>,
}

fn add_people(path: &Path, village: VillageId) -> Vec<PersonId> {
    let conn = Connection::open(path).expect("raw open");
    let names = [
        ("H'Hen Niê", "f"),
        ("H'Linh Êban", "f"),
        ("Nguyễn Thị Hoa", "f"),
        ("Y Bhim Mlô", "m"),
        ("Ama Khăm", "m"),
        ("Trần Văn Dũng", "m"),
    ];
    names
        .iter()
        .map(|(name, gender)| {
            conn.execute(
                "INSERT INTO people (village_id, name, gender) VALUES (?1, ?2, ?3)",
                rusqlite::params![village.0, name, gender],
            )
            .expect("insert person");
            PersonId(conn.last_insert_rowid())
        })
        .collect()
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).expect("open");
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Kram", VillageKind::Buon)
        .expect("village");
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .expect("cycle");
    let people = add_people(&path, village.id);
    Fixture {
        _dir: dir,
        path,
        store,
        village: village.id,
        cycle: cycle.id,
        people,
    }
}

impl Fixture {
    fn other_cycle(&mut self) -> CycleId {
        self.store
            .create_cycle(&NewCycle {
                village_id: self.village,
                year: 2031,
                medium_term_span: 5,
            })
            .expect("second cycle")
            .id
    }

    fn audit(&self, entity: &str, id: i64) -> Vec<(String, Option<String>, Option<String>)> {
        self.store
            .audit_log()
            .expect("audit log")
            .into_iter()
            .filter(|e| e.entity == entity && e.entity_id == id)
            .map(|e| (e.field, e.old_value, e.new_value))
            .collect()
    }
}

fn road(subgroup: Option<SubGroupId>) -> ValidActivity {
    ValidActivity {
        name: "Làm đường bê tông liên thôn".into(),
        sector: Sector::Infrastructure,
        category: Category::Construction,
        quantity: Some(1.5),
        unit: "km".into(),
        time: "Quý 2/2027".into(),
        location: "Buôn Kram".into(),
        responsible: "Ban tự quản thôn".into(),
        contribution: Contribution {
            land_m2: 500,
            money_vnd: 15_000_000,
            labour_days: 120.5,
            materials: "cát, đá".into(),
        },
        estimated_cost_vnd: Some(450_000_000),
        proposed_by_women: false,
        subgroup_id: subgroup,
        tool_code: Some("services_infrastructure".into()),
    }
}

fn training(subgroup: Option<SubGroupId>, women: bool) -> ValidActivity {
    ValidActivity {
        name: "Tập huấn chăn nuôi heo".into(),
        sector: Sector::Livestock,
        category: Category::TechnicalSupport,
        quantity: None,
        unit: String::new(),
        time: String::new(),
        location: String::new(),
        responsible: String::new(),
        contribution: Contribution::default(),
        estimated_cost_vnd: None,
        proposed_by_women: women,
        subgroup_id: subgroup,
        tool_code: None,
    }
}

fn refused(result: Result<impl std::fmt::Debug, StoreError>, key: &str) {
    match result {
        Err(StoreError::Refused(k)) => assert_eq!(k, key),
        other => panic!("expected refusal {key}, got {other:?}"),
    }
}

// ---------------------------------------------------------------- tools

#[test]
fn tools_are_selected_and_unselected_per_cycle() {
    let mut f = fixture();
    let other = f.other_cycle();
    let s = &mut f.store;
    s.select_tool(f.cycle, "transect_walk").unwrap();
    s.select_tool(f.cycle, "womens_issues").unwrap();
    s.select_tool(f.cycle, "transect_walk").unwrap();
    s.select_tool(other, "resource_map").unwrap();
    assert_eq!(
        s.selected_tools(f.cycle).unwrap(),
        ["transect_walk", "womens_issues"]
    );
    s.unselect_tool(f.cycle, "transect_walk").unwrap();
    s.unselect_tool(f.cycle, "transect_walk").unwrap();
    assert_eq!(s.selected_tools(f.cycle).unwrap(), ["womens_issues"]);
    assert_eq!(s.selected_tools(other).unwrap(), ["resource_map"]);
    let audit = f.audit("cycle", f.cycle.0);
    let tools: Vec<_> = audit.iter().filter(|(field, ..)| field == "tool").collect();
    assert_eq!(
        tools.len(),
        3,
        "no audit row for a change that changed nothing"
    );
    assert_eq!(
        tools[2],
        &("tool".to_string(), Some("transect_walk".to_string()), None)
    );
}

#[test]
fn selecting_for_a_missing_cycle_or_a_blank_code_is_refused() {
    let mut f = fixture();
    assert!(matches!(
        f.store.select_tool(CycleId(999), "transect_walk"),
        Err(StoreError::NotFound)
    ));
    refused(f.store.select_tool(f.cycle, "  "), "err.name_empty");
}

// ---------------------------------------------------------------- sub-groups

#[test]
fn subgroups_are_created_renamed_and_deleted() {
    let mut f = fixture();
    let other = f.other_cycle();
    let s = &mut f.store;
    let a = s.create_subgroup(f.cycle, " Nhóm 1 ").unwrap();
    assert_eq!(a.name, "Nhóm 1");
    assert!(a.members.is_empty() && a.leader.is_none());
    let b = s.create_subgroup(f.cycle, "Nhóm phụ nữ").unwrap();
    s.create_subgroup(other, "Nhóm khác").unwrap();
    s.rename_subgroup(a.id, "Nhóm trồng trọt").unwrap();
    let names: Vec<String> = s
        .subgroups(f.cycle)
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(names, ["Nhóm trồng trọt", "Nhóm phụ nữ"]);
    s.delete_subgroup(b.id).unwrap();
    assert_eq!(s.subgroups(f.cycle).unwrap().len(), 1);
    assert!(matches!(s.subgroup(b.id), Err(StoreError::NotFound)));
    refused(s.create_subgroup(f.cycle, "   "), "err.name_empty");
    assert!(matches!(
        s.rename_subgroup(b.id, "x"),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.create_subgroup(CycleId(999), "x"),
        Err(StoreError::NotFound)
    ));
    let audit = f.audit("subgroup", a.id.0);
    assert_eq!(
        audit,
        [
            ("*".to_string(), None, Some("Nhóm 1".to_string())),
            (
                "name".to_string(),
                Some("Nhóm 1".to_string()),
                Some("Nhóm trồng trọt".to_string())
            ),
        ]
    );
    assert_eq!(
        f.audit("subgroup", b.id.0).last().unwrap(),
        &("*".to_string(), Some("Nhóm phụ nữ".to_string()), None)
    );
}

#[test]
fn members_leader_themes_and_tools_round_trip() {
    let mut f = fixture();
    let p = f.people.clone();
    let s = &mut f.store;
    let g = s.create_subgroup(f.cycle, "Nhóm phụ nữ").unwrap();
    for person in &p[..3] {
        s.add_subgroup_member(g.id, *person).unwrap();
    }
    s.add_subgroup_member(g.id, p[0]).unwrap();
    s.set_subgroup_leader(g.id, Some(p[1])).unwrap();
    s.assign_theme(g.id, "gender").unwrap();
    s.assign_theme(g.id, "womens_union").unwrap();
    s.assign_tool(g.id, "womens_issues").unwrap();
    s.assign_tool(g.id, "seasonal_calendar").unwrap();
    s.unassign_tool(g.id, "seasonal_calendar").unwrap();
    s.unassign_theme(g.id, "not_assigned").unwrap();
    let loaded = s.subgroup(g.id).unwrap();
    assert_eq!(loaded.members, p[..3]);
    assert_eq!(loaded.leader, Some(p[1]));
    assert_eq!(loaded.themes, ["gender", "womens_union"]);
    assert_eq!(loaded.tools, ["womens_issues"]);
    assert_eq!(s.subgroups(f.cycle).unwrap(), vec![loaded]);

    s.remove_subgroup_member(g.id, p[1]).unwrap();
    let loaded = s.subgroup(g.id).unwrap();
    assert_eq!(loaded.members, [p[0], p[2]]);
    assert_eq!(loaded.leader, None, "removing the leader clears the leader");
    s.set_subgroup_leader(g.id, Some(p[0])).unwrap();
    s.set_subgroup_leader(g.id, None).unwrap();
    assert_eq!(s.subgroup(g.id).unwrap().leader, None);
    assert!(matches!(
        s.add_subgroup_member(g.id, PersonId(999)),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.set_subgroup_leader(SubGroupId(999), None),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.assign_theme(SubGroupId(999), "gender"),
        Err(StoreError::NotFound)
    ));

    let fields: Vec<String> = f
        .audit("subgroup", g.id.0)
        .into_iter()
        .map(|(field, ..)| field)
        .collect();
    let count = |name: &str| fields.iter().filter(|f| *f == name).count();
    assert_eq!(
        count("member"),
        4,
        "3 added, 1 removed; the repeat wrote nothing"
    );
    assert_eq!(count("leader"), 4, "set, cleared by removal, set, cleared");
    assert_eq!(count("theme"), 2);
    assert_eq!(count("tool"), 3);
}

#[test]
fn a_person_is_in_at_most_one_subgroup_of_a_cycle() {
    let mut f = fixture();
    let other = f.other_cycle();
    let p = f.people[0];
    let s = &mut f.store;
    let a = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let b = s.create_subgroup(f.cycle, "Nhóm 2").unwrap();
    let elsewhere = s.create_subgroup(other, "Nhóm 1").unwrap();
    s.add_subgroup_member(a.id, p).unwrap();
    refused(
        s.add_subgroup_member(b.id, p),
        "store.err.already_in_subgroup",
    );
    assert!(s.subgroup(b.id).unwrap().members.is_empty());
    s.add_subgroup_member(elsewhere.id, p)
        .expect("another cycle's sub-group is fine");
    s.remove_subgroup_member(a.id, p).unwrap();
    s.add_subgroup_member(b.id, p)
        .expect("free again after leaving");
    assert_eq!(s.subgroup(b.id).unwrap().members, [p]);
}

#[test]
fn the_schema_itself_enforces_one_subgroup_per_person() {
    let mut f = fixture();
    let a = f.store.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let b = f.store.create_subgroup(f.cycle, "Nhóm 2").unwrap();
    f.store.add_subgroup_member(a.id, f.people[0]).unwrap();
    let conn = Connection::open(&f.path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let dup = conn.execute(
        "INSERT INTO subgroup_members (subgroup_id, cycle_id, person_id) VALUES (?1, ?2, ?3)",
        rusqlite::params![b.id.0, f.cycle.0, f.people[0].0],
    );
    assert!(dup.is_err(), "UNIQUE (cycle_id, person_id)");
    let wrong_cycle = conn.execute(
        "INSERT INTO subgroup_members (subgroup_id, cycle_id, person_id) VALUES (?1, ?2, ?3)",
        rusqlite::params![b.id.0, f.cycle.0 + 1, f.people[0].0],
    );
    assert!(wrong_cycle.is_err(), "a member row's cycle is its group's");
}

// ---------------------------------------------------------------- findings

#[test]
fn findings_are_added_updated_and_deleted() {
    let mut f = fixture();
    let s = &mut f.store;
    let g = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let text =
        "Thuận lợi: đất đỏ bazan, gần suối.\nKhó khăn: thiếu nước mùa khô.\nNguyên nhân: đập hỏng.";
    let added = s
        .add_finding(g.id, "transect_walk", text, 90, "Ngày 1")
        .unwrap();
    assert_eq!(
        (
            added.subgroup_id,
            added.tool_code.as_str(),
            added.text.as_str(),
            added.minutes,
            added.day.as_str()
        ),
        (g.id, "transect_walk", text, 90, "Ngày 1")
    );
    refused(
        s.add_finding(g.id, "transect_walk", "again", 5, ""),
        "store.err.finding_exists",
    );
    assert!(matches!(
        s.add_finding(SubGroupId(999), "transect_walk", "x", 5, ""),
        Err(StoreError::NotFound)
    ));
    let second = s
        .add_finding(g.id, "resource_map", "Bản đồ: 3 khu rẫy", 60, "Ngày 1")
        .unwrap();
    s.update_finding(added.id, text, 120, "Ngày 2").unwrap();
    let updated = s.finding(added.id).unwrap();
    assert_eq!((updated.minutes, updated.day.as_str()), (120, "Ngày 2"));
    assert_eq!(updated.text, text);
    assert_eq!(s.findings(f.cycle).unwrap(), vec![updated.clone(), second]);
    s.delete_finding(added.id).unwrap();
    assert_eq!(s.subgroup_findings(g.id).unwrap().len(), 1);
    assert!(matches!(s.finding(added.id), Err(StoreError::NotFound)));
    assert!(matches!(
        s.update_finding(added.id, "", 1, ""),
        Err(StoreError::NotFound)
    ));

    let fields: Vec<String> = f
        .audit("finding", added.id.0)
        .into_iter()
        .map(|(field, ..)| field)
        .collect();
    assert_eq!(fields, ["*", "text", "minutes", "day", "*"]);
}

#[test]
fn a_subgroup_with_records_cannot_be_deleted() {
    let mut f = fixture();
    let s = &mut f.store;
    let g = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let finding = s.add_finding(g.id, "transect_walk", "x", 10, "").unwrap();
    refused(s.delete_subgroup(g.id), "store.err.subgroup_has_records");
    s.delete_finding(finding.id).unwrap();
    let a = s.add_activity(f.cycle, &road(Some(g.id))).unwrap();
    refused(s.delete_subgroup(g.id), "store.err.subgroup_has_records");
    s.delete_activity(a.id).unwrap();
    s.add_subgroup_member(g.id, f.people[0]).unwrap();
    s.assign_tool(g.id, "transect_walk").unwrap();
    s.delete_subgroup(g.id)
        .expect("members and assignments go with it");
    assert!(s.subgroups(f.cycle).unwrap().is_empty());
}

// ---------------------------------------------------------------- activities

#[test]
fn activities_round_trip_every_field() {
    let mut f = fixture();
    let s = &mut f.store;
    let g = s.create_subgroup(f.cycle, "Nhóm hạ tầng").unwrap();
    let full = s.add_activity(f.cycle, &road(Some(g.id))).unwrap();
    assert_eq!(full.fields, road(Some(g.id)));
    assert_eq!(full.cycle_id, f.cycle);
    let bare = s.add_activity(f.cycle, &training(None, true)).unwrap();
    assert_eq!(s.activity(bare.id).unwrap().fields, training(None, true));
    assert_eq!(s.activities(f.cycle).unwrap(), vec![full.clone(), bare]);

    let mut changed = road(None);
    changed.quantity = Some(2.25);
    changed.contribution.money_vnd = 20_000_000;
    changed.tool_code = None;
    s.update_activity(full.id, &changed).unwrap();
    assert_eq!(s.activity(full.id).unwrap().fields, changed);
    let audit = f.audit("activity", full.id.0);
    assert_eq!(
        audit[1..],
        [
            (
                "quantity".to_string(),
                Some("1.5".into()),
                Some("2.25".into())
            ),
            (
                "money_vnd".to_string(),
                Some("15000000".into()),
                Some("20000000".into())
            ),
            ("subgroup_id".to_string(), Some(g.id.0.to_string()), None),
            (
                "tool_code".to_string(),
                Some("services_infrastructure".into()),
                None
            ),
        ],
        "only changed fields are logged"
    );
    f.store.delete_activity(full.id).unwrap();
    assert!(matches!(
        f.store.activity(full.id),
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        f.audit("activity", full.id.0).last().unwrap(),
        &("*".to_string(), Some(road(None).name), None)
    );
}

#[test]
fn activities_are_listed_per_cycle_and_per_subgroup() {
    let mut f = fixture();
    let other = f.other_cycle();
    let s = &mut f.store;
    let g1 = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let g2 = s.create_subgroup(f.cycle, "Nhóm 2").unwrap();
    let a = s.add_activity(f.cycle, &road(Some(g1.id))).unwrap();
    let b = s
        .add_activity(f.cycle, &training(Some(g2.id), false))
        .unwrap();
    let c = s
        .add_activity(f.cycle, &training(Some(g1.id), true))
        .unwrap();
    s.add_activity(other, &road(None)).unwrap();
    let ids = |v: Vec<kehoach::domain::activity::Activity>| -> Vec<ActivityId> {
        v.into_iter().map(|a| a.id).collect()
    };
    assert_eq!(ids(s.activities(f.cycle).unwrap()), [a.id, b.id, c.id]);
    assert_eq!(ids(s.subgroup_activities(g1.id).unwrap()), [a.id, c.id]);
    assert_eq!(ids(s.subgroup_activities(g2.id).unwrap()), [b.id]);
    assert_eq!(s.activities(other).unwrap().len(), 1);
}

#[test]
fn an_activity_origin_must_be_a_subgroup_of_its_cycle() {
    let mut f = fixture();
    let other = f.other_cycle();
    let s = &mut f.store;
    let foreign = s.create_subgroup(other, "Nhóm khác").unwrap();
    refused(
        s.add_activity(f.cycle, &road(Some(foreign.id))),
        "store.err.other_cycle",
    );
    assert!(matches!(
        s.add_activity(f.cycle, &road(Some(SubGroupId(999)))),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.add_activity(CycleId(999), &road(None)),
        Err(StoreError::NotFound)
    ));
    let a = s.add_activity(f.cycle, &road(None)).unwrap();
    refused(
        s.update_activity(a.id, &road(Some(foreign.id))),
        "store.err.other_cycle",
    );
    let mut huge = road(None);
    huge.contribution.money_vnd = u64::MAX;
    refused(s.add_activity(f.cycle, &huge), "store.err.number_too_large");
    assert_eq!(
        s.activities(f.cycle).unwrap().len(),
        1,
        "nothing half-saved"
    );
}

#[test]
fn merging_keeps_both_origins() {
    let mut f = fixture();
    let s = &mut f.store;
    let g1 = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let g2 = s.create_subgroup(f.cycle, "Nhóm phụ nữ").unwrap();
    let mut from_g1 = training(Some(g1.id), false);
    from_g1.tool_code = Some("livestock".into());
    let mut from_g2 = training(Some(g2.id), true);
    from_g2.tool_code = Some("womens_issues".into());
    let keep = s.add_activity(f.cycle, &from_g1).unwrap();
    let dup = s.add_activity(f.cycle, &from_g2).unwrap();
    let other = s.add_activity(f.cycle, &road(None)).unwrap();

    s.merge_activities(keep.id, dup.id).unwrap();
    let listed: Vec<ActivityId> = s
        .activities(f.cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(listed, [keep.id, other.id], "the duplicate leaves the list");
    assert_eq!(s.merged_into(dup.id).unwrap(), Some(keep.id));
    assert_eq!(s.merged_into(keep.id).unwrap(), None);
    assert_eq!(
        s.activity_origins(keep.id).unwrap(),
        [
            ActivityOrigin {
                activity: keep.id,
                subgroup_id: Some(g1.id),
                tool_code: Some("livestock".into()),
                proposed_by_women: true,
            },
            ActivityOrigin {
                activity: dup.id,
                subgroup_id: Some(g2.id),
                tool_code: Some("womens_issues".into()),
                proposed_by_women: true,
            },
        ]
    );
    assert!(
        s.activity(keep.id).unwrap().fields.proposed_by_women,
        "a women's proposal stays a women's proposal after merging"
    );
    assert_eq!(s.subgroup_activities(g2.id).unwrap()[0].id, dup.id);
    assert_eq!(s.merged_activities(keep.id).unwrap()[0].fields, from_g2);

    refused(s.merge_activities(keep.id, keep.id), "store.err.merge_self");
    refused(
        s.merge_activities(other.id, dup.id),
        "store.err.activity_merged",
    );
    refused(
        s.merge_activities(dup.id, other.id),
        "store.err.activity_merged",
    );

    // Merging the kept activity elsewhere brings its duplicates along.
    s.merge_activities(other.id, keep.id).unwrap();
    assert_eq!(s.merged_into(dup.id).unwrap(), Some(other.id));
    assert_eq!(s.activity_origins(other.id).unwrap().len(), 3);

    s.unmerge_activity(keep.id).unwrap();
    refused(s.unmerge_activity(keep.id), "store.err.not_merged");
    assert_eq!(s.activities(f.cycle).unwrap().len(), 2);

    // Deleting the kept activity lists its duplicates again.
    s.delete_activity(other.id).unwrap();
    let listed: Vec<ActivityId> = s
        .activities(f.cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(listed, [keep.id, dup.id]);

    let merges: Vec<_> = f
        .audit("activity", dup.id.0)
        .into_iter()
        .filter(|(field, ..)| field == "merged_into")
        .collect();
    assert_eq!(merges.len(), 3, "merged, moved along, freed by the delete");
}

#[test]
fn activities_of_different_cycles_are_not_merged() {
    let mut f = fixture();
    let other = f.other_cycle();
    let a = f.store.add_activity(f.cycle, &road(None)).unwrap();
    let b = f.store.add_activity(other, &road(None)).unwrap();
    refused(
        f.store.merge_activities(a.id, b.id),
        "store.err.other_cycle",
    );
    assert!(matches!(
        f.store.merge_activities(a.id, ActivityId(999)),
        Err(StoreError::NotFound)
    ));
}

// ---------------------------------------------------------------- facts

#[test]
fn assessment_facts_count_what_was_done() {
    let mut f = fixture();
    let s = &mut f.store;
    assert_eq!(
        s.assessment_facts(f.cycle).unwrap(),
        AssessmentFacts::default()
    );
    for tool in ["transect_walk", "resource_map", "womens_issues"] {
        s.select_tool(f.cycle, tool).unwrap();
    }
    let g1 = s.create_subgroup(f.cycle, "Nhóm 1").unwrap();
    let g2 = s.create_subgroup(f.cycle, "Nhóm 2").unwrap();
    s.create_subgroup(f.cycle, "Nhóm 3").unwrap();
    s.add_finding(g1.id, "transect_walk", "a", 90, "Ngày 1")
        .unwrap();
    s.add_finding(g2.id, "transect_walk", "b", 45, "Ngày 1")
        .unwrap();
    s.add_finding(g2.id, "brief_history", "c", 30, "Ngày 2")
        .unwrap();
    let a = s.add_activity(f.cycle, &road(Some(g1.id))).unwrap();
    let b = s.add_activity(f.cycle, &road(Some(g2.id))).unwrap();
    s.add_activity(f.cycle, &training(None, true)).unwrap();
    s.merge_activities(a.id, b.id).unwrap();
    assert_eq!(
        s.assessment_facts(f.cycle).unwrap(),
        AssessmentFacts {
            tools_selected: 3,
            tools_done: 1,
            subgroups: 3,
            subgroups_reported: 2,
            findings: 3,
            activities: 2,
            minutes_used: 165,
        }
    );
}

// ---------------------------------------------------------------- migration, strings

#[test]
fn a_version_2_database_gains_the_assessment_tables_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..2] {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(sql).unwrap();
            tx.commit().unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO communes (id, name) VALUES (1, 'Ea Tiêu');
             INSERT INTO villages (id, commune_id, name, kind) VALUES (1, 1, 'Buôn Kram', 'buon');
             INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
               VALUES (1, 1, 2026, 2026, 5);
             INSERT INTO people (id, village_id, name, gender) VALUES (1, 1, 'H''Hen Niê', 'f');
             INSERT INTO working_group_members (cycle_id, person_id) VALUES (1, 1);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).expect("migrate from v2");
    assert_eq!(
        store.schema_version().unwrap(),
        kehoach::store::SCHEMA_VERSION
    );
    assert!(store.integrity_ok().unwrap());
    let cycle = store.cycle(CycleId(1)).expect("cycle kept");
    assert_eq!(cycle.year, 2026);
    assert_eq!(store.communes().unwrap()[0].name, "Ea Tiêu");
    let conn = Connection::open(&path).unwrap();
    for table in [
        "cycle_tools",
        "subgroups",
        "subgroup_members",
        "subgroup_themes",
        "subgroup_tools",
        "findings",
        "activities",
        "scoring_settings",
        "matrix_scores",
        "meeting2_groups",
        "meeting2_entries",
        "plan_versions",
        "plan_rows",
    ] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table} added");
    }
    let wg: i64 = conn
        .query_row("SELECT count(*) FROM working_group_members", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(wg, 1, "working group kept");
    drop(conn);
    let g = store.create_subgroup(cycle.id, "Nhóm 1").unwrap();
    store.add_subgroup_member(g.id, PersonId(1)).unwrap();
    store.select_tool(cycle.id, "transect_walk").unwrap();
    let a = store.add_activity(cycle.id, &road(Some(g.id))).unwrap();
    assert_eq!(store.activity(a.id).unwrap().fields, road(Some(g.id)));
}

#[test]
fn every_store_refusal_key_has_both_languages() {
    #[derive(serde::Deserialize)]
    struct Entry {
        vi: String,
        en: String,
    }
    let table: HashMap<String, Entry> =
        toml::from_str(include_str!("../assets/i18n/store.toml")).expect("store.toml parses");
    let keys = [
        "store.err.already_in_subgroup",
        "store.err.subgroup_has_records",
        "store.err.finding_exists",
        "store.err.other_cycle",
        "store.err.merge_self",
        "store.err.activity_merged",
        "store.err.not_merged",
        "store.err.number_too_large",
        "store.err.scoring_locked",
        "store.err.reason_required",
        "store.err.bad_scale",
        "store.err.scores_outside_scale",
        "store.err.score_outside_scale",
        "store.err.position_zero",
        "store.err.plan_frozen",
        "store.err.plan_not_frozen",
        "store.err.plan_empty",
    ];
    for key in keys {
        let e = table.get(key).unwrap_or_else(|| panic!("missing {key}"));
        assert!(!e.vi.trim().is_empty() && !e.en.trim().is_empty(), "{key}");
        assert!(
            !e.vi.contains("{0}") && !e.en.contains("{0}"),
            "{key} takes no argument"
        );
    }
    assert_eq!(table.len(), keys.len(), "no unused key in store.toml");
    assert!(kehoach::i18n::has("err.name_empty"));
}
