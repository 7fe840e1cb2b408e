//! Closing a cycle (issue 7, part 2) through the store's public API and by hand in SQL:
//! close and reopen (reason required, audit-logged), every kind of write to a closed
//! cycle's records refused with `StoreError::CycleClosed` and nothing changed, every table
//! holding cycle data guarded by the three triggers of migration 0006, the village history
//! read back, and the upgrade to version 6 from every earlier version (then the imports of
//! migration 0009 beside the kept village, the commune conference of migration 0010 and a
//! commune received whole from its bundle, migration 0012).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kehoach::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use kehoach::domain::annual::{AnnualItemId, Part, Progress, Review, Spending, YearSummary};
use kehoach::domain::history::{Evaluation, MediumTerm, RankSource};
use kehoach::domain::scoring::{Criterion, Group, InputMode, Method, Scale};
use kehoach::domain::working_group::SizeRange;
use kehoach::domain::{
    CommuneId, CycleId, Gender, MeetingKind, NewCycle, PersonFields, PersonId, VillageId,
    VillageKind,
};
use kehoach::store::{
    AnnualApproval, GroupInfo, HISTORY_ERROR_KEYS, MIGRATIONS, MeetingDetails, SCHEMA_VERSION,
    Store, StoreError,
};
use rusqlite::Connection;
use rusqlite::types::Value;
use tempfile::TempDir;

/// A file with the demo in it.
fn demo_file() -> (TempDir, PathBuf, Store, CycleId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    (dir, path, store, cycle)
}

/// Every row of every table but the audit log, as text, for "nothing changed".
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'audit_log'
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}: {:?}", row.unwrap()));
        }
    }
    out
}

fn is_closed(e: &StoreError) -> bool {
    matches!(e, StoreError::CycleClosed)
}

fn activity(name: &str) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector: Sector::Agriculture,
        category: Category::TechnicalSupport,
        quantity: Some(1.0),
        unit: "lớp".into(),
        time: "Quý 3".into(),
        location: "Buôn Kram".into(),
        responsible: "Khuyến nông xã".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: 0,
            labour_days: 5.0,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(1_000_000),
        proposed_by_women: false,
        subgroup_id: None,
        tool_code: None,
    }
}

fn person(name: &str) -> PersonFields {
    PersonFields {
        name: name.into(),
        gender: Gender::Female,
        ethnicity: Some("Ê Đê".into()),
        wealth: None,
        organisations: Vec::new(),
        trained: false,
        core_farmer: false,
    }
}

#[test]
fn closing_and_reopening_are_checked_and_audited() {
    let (_dir, _path, mut store, cycle) = demo_file();
    assert!(!store.cycle(cycle).unwrap().closed);
    store.close_cycle(cycle).unwrap();
    assert!(store.cycle(cycle).unwrap().closed);
    let again = store.close_cycle(cycle).unwrap_err();
    assert_eq!(again.message_key(), "hist.err.already_closed");
    let empty = store.reopen_cycle(cycle, "   ").unwrap_err();
    assert_eq!(empty.message_key(), "hist.err.reason_required");
    assert!(
        store.cycle(cycle).unwrap().closed,
        "no reason, still closed"
    );
    store.reopen_cycle(cycle, " Xã trả lại để sửa ").unwrap();
    assert!(!store.cycle(cycle).unwrap().closed);
    assert_eq!(
        store.cycle_reopen_reason(cycle).unwrap().as_deref(),
        Some("Xã trả lại để sửa")
    );
    let open = store.reopen_cycle(cycle, "lần nữa").unwrap_err();
    assert_eq!(open.message_key(), "hist.err.not_closed");
    assert!(matches!(
        store.reopen_cycle(CycleId(999), "x"),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.close_cycle(CycleId(999)),
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log().unwrap();
    let cycle_rows: Vec<(String, Option<String>, Option<String>)> = log
        .iter()
        .filter(|e| e.entity == "cycle" && e.entity_id == cycle.0)
        .filter(|e| e.field == "closed" || e.field == "reopen_reason")
        .map(|e| (e.field.clone(), e.old_value.clone(), e.new_value.clone()))
        .collect();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        cycle_rows,
        [
            ("closed".into(), s("0"), s("1")),
            ("closed".into(), s("1"), s("0")),
            ("reopen_reason".into(), None, s("Xã trả lại để sửa")),
        ]
    );
    // Open again: edits go through.
    store
        .set_year_summary(cycle, &YearSummary::default())
        .unwrap();
}

/// The demo's 2026 cycle with every approval and closing undone (so each write would be
/// accepted if the cycle were open), then closed.
fn closed_open_for_writes() -> (TempDir, PathBuf, Store, CycleId) {
    let (dir, path, mut store, c) = demo_file();
    let why = "Sửa lại trước khi đóng";
    store.reopen_annual(c, why).unwrap();
    store.reopen_plan(c, why).unwrap();
    store.reopen_wg(c, why).unwrap();
    for kind in [
        MeetingKind::Village1,
        MeetingKind::Village2,
        MeetingKind::AnnualApproval,
    ] {
        let m = store.find_meeting(c, kind).unwrap().unwrap();
        store.reopen_meeting(m.id, why).unwrap();
    }
    store.close_cycle(c).unwrap();
    (dir, path, store, c)
}

type Write = Box<dyn Fn(&mut Store) -> Result<(), StoreError>>;

/// One write of each kind the store offers on a cycle's records.
fn writes(store: &Store, c: CycleId) -> Vec<(&'static str, Write)> {
    let village = store.cycle(c).unwrap().village_id;
    let m1 = store
        .find_meeting(c, MeetingKind::Village1)
        .unwrap()
        .unwrap()
        .id;
    let wg = store.working_group(c).unwrap();
    let member = wg.members[0].id;
    let attendees = store.attendees(m1).unwrap();
    let outsider: PersonId = attendees
        .iter()
        .map(|a| a.person.id)
        .find(|p| !wg.members.iter().any(|m| m.id == *p))
        .unwrap();
    let groups = store.subgroups(c).unwrap();
    let (g, g_member) = (groups[0].id, groups[0].members[0]);
    let finding = store.findings(c).unwrap()[0].id;
    let acts = store.activities(c).unwrap();
    let (a0, a1) = (acts[0].id, acts[1].id);
    let items = store.annual_items(c).unwrap();
    let item = items[0].id;
    let next = store
        .cycles(village)
        .unwrap()
        .into_iter()
        .find(|n| n.year == 2027)
        .unwrap()
        .id;
    let details = MeetingDetails {
        date: "2026-05-13".into(),
        place: "Nhà rông".into(),
        chair: "Y Khu Niê".into(),
        chair_role: None,
        start_time: "08:00".into(),
        end_time: "10:00".into(),
        announced: Vec::new(),
    };
    let w = |name: &'static str, f: Write| (name, f);
    vec![
        w(
            "open a meeting",
            Box::new(move |s| s.meeting(c, MeetingKind::WorkingGroup).map(drop)),
        ),
        w(
            "meeting record",
            Box::new(move |s| s.update_meeting_details(m1, &details)),
        ),
        w(
            "register a new person",
            Box::new(move |s| {
                s.register_new_person(village, m1, &person("H'Nhi Mới"))
                    .map(drop)
            }),
        ),
        w(
            "correct an attendee (profile and gender in one transaction)",
            Box::new(move |s| s.update_attendee(m1, outsider, &person("H'Nhi Sửa"))),
        ),
        w(
            "remove an attendee",
            Box::new(move |s| s.remove_attendee(m1, outsider)),
        ),
        w(
            "close the meeting",
            Box::new(move |s| s.close_meeting(m1, Some("x")).map(drop)),
        ),
        w(
            "facilitators present",
            Box::new(move |s| s.set_meeting_facilitators(m1, &[])),
        ),
        w(
            "drop a member",
            Box::new(move |s| s.set_wg_member(c, member, false)),
        ),
        w("leader", Box::new(move |s| s.set_wg_leader(c, None))),
        w(
            "size range",
            Box::new(move |s| s.set_wg_range(c, SizeRange { min: 10, max: 30 })),
        ),
        w("finalise", Box::new(move |s| s.finalise_wg(c, Some("x")))),
        w(
            "select a tool",
            Box::new(move |s| s.select_tool(c, "wealth_ranking")),
        ),
        w(
            "unselect a tool",
            Box::new(move |s| s.unselect_tool(c, "transect_walk")),
        ),
        w(
            "new sub-group",
            Box::new(move |s| s.create_subgroup(c, "Nhóm 5").map(drop)),
        ),
        w(
            "rename sub-group",
            Box::new(move |s| s.rename_subgroup(g, "Nhóm mới")),
        ),
        w(
            "sub-group leader",
            Box::new(move |s| s.set_subgroup_leader(g, None)),
        ),
        w(
            "sub-group member out",
            Box::new(move |s| s.remove_subgroup_member(g, g_member)),
        ),
        w("theme", Box::new(move |s| s.assign_theme(g, "health"))),
        w(
            "sub-group tool",
            Box::new(move |s| s.assign_tool(g, "venn_diagram")),
        ),
        w(
            "finding",
            Box::new(move |s| s.update_finding(finding, "Sửa", 10, "2")),
        ),
        w(
            "remove finding",
            Box::new(move |s| s.delete_finding(finding)),
        ),
        w(
            "new activity",
            Box::new(move |s| s.add_activity(c, &activity("Mới")).map(drop)),
        ),
        w(
            "edit activity",
            Box::new(move |s| s.update_activity(a0, &activity("Sửa"))),
        ),
        w("merge", Box::new(move |s| s.merge_activities(a0, a1))),
        w(
            "scale",
            Box::new(move |s| s.set_scale(c, Scale { min: 0, max: 10 }, Some("x"))),
        ),
        w(
            "method",
            Box::new(move |s| s.set_method(c, Method::Borda, Some("x"))),
        ),
        w(
            "input mode",
            Box::new(move |s| s.set_input_mode(c, Group::Men, InputMode::Ranking, Some("x"))),
        ),
        w(
            "matrix score",
            Box::new(move |s| s.set_matrix_score(a0, Criterion::Ease, Some(1))),
        ),
        w(
            "group info",
            Box::new(move |s| s.set_group_info(c, Group::Women, &GroupInfo::default())),
        ),
        w(
            "votes",
            Box::new(move |s| s.set_votes(c, Group::Men, a0, Some(1))),
        ),
        w(
            "position",
            Box::new(move |s| s.set_position(c, Group::Men, a0, Some(2))),
        ),
        w(
            "select for the year",
            Box::new(move |s| {
                let chosen: Vec<ActivityId> =
                    s.annual_items(c)?.iter().map(|i| i.activity.id).collect();
                let free = s
                    .activities(c)?
                    .into_iter()
                    .map(|a| a.id)
                    .find(|a| !chosen.contains(a))
                    .unwrap_or(ActivityId(0));
                s.select_for_annual(c, free, Part::One, None).map(drop)
            }),
        ),
        w(
            "new annual activity",
            Box::new(move |s| {
                s.add_new_annual_activity(c, &activity("Cần gấp"), Part::One, "bão", None)
                    .map(drop)
            }),
        ),
        w(
            "move part",
            Box::new(move |s| s.set_annual_part(item, Part::One, Some("x"))),
        ),
        w(
            "remove item",
            Box::new(move |s| {
                let i = s
                    .annual_items(c)?
                    .last()
                    .map(|i| i.id)
                    .unwrap_or(AnnualItemId(0));
                // Every 2026 item was reviewed in 2027, which also refuses removal.
                s.remove_annual_item(i)
            }),
        ),
        w(
            "form 4 score",
            Box::new(move |s| s.set_annual_score(item, Criterion::Ease, Some(1))),
        ),
        w(
            "year summary",
            Box::new(move |s| s.set_year_summary(c, &YearSummary::default())),
        ),
        w(
            "approve the year",
            Box::new(move |s| {
                s.approve_annual(
                    c,
                    &AnnualApproval {
                        date: "2026-06-30".into(),
                        ..Default::default()
                    },
                )
            }),
        ),
        w(
            "reconvene",
            Box::new(move |s| s.reconvene_working_group(c, next).map(drop)),
        ),
    ]
}

#[test]
fn every_write_to_a_closed_cycle_is_refused_and_nothing_changes() {
    let (_dir, path, mut store, c) = closed_open_for_writes();
    let before = dump(&path);
    let audit = store.audit_log().unwrap().len();
    for (what, write) in writes(&store, c) {
        match write(&mut store) {
            Err(e) if is_closed(&e) => {}
            Err(StoreError::Refused("annual.err.item_reviewed")) if what == "remove item" => {}
            other => panic!("{what}: expected CycleClosed, got {other:?}"),
        }
    }
    assert_eq!(dump(&path), before, "a refused write changed something");
    assert_eq!(
        store.audit_log().unwrap().len(),
        audit,
        "no audit row either"
    );
    // Every message is clear in both languages.
    for key in HISTORY_ERROR_KEYS {
        assert!(kehoach::i18n::has(key), "{key}");
    }
    let text = kehoach::i18n::t(
        kehoach::i18n::Lang::Vi,
        StoreError::CycleClosed.message_key(),
    );
    assert!(
        text.contains("đã đóng") && text.contains("chỉ xem"),
        "{text}"
    );
}

#[test]
fn the_next_year_still_reviews_a_closed_years_activities() {
    let (_dir, path, mut store, c) = demo_file();
    store.close_cycle(c).unwrap();
    let village = store.cycle(c).unwrap().village_id;
    let next = store.cycles(village).unwrap()[0].id;
    let item = store.annual_items(c).unwrap()[0].id;
    let before: Vec<String> = dump(&path)
        .into_iter()
        .filter(|l| !l.starts_with("annual_reviews"))
        .collect();
    let review = Review {
        progress: Progress::Done,
        percent: 100,
        quality: None,
        spending: Spending::default(),
        management: String::new(),
        impact: String::new(),
    };
    store.set_review(next, item, &review).unwrap();
    let after: Vec<String> = dump(&path)
        .into_iter()
        .filter(|l| !l.starts_with("annual_reviews"))
        .collect();
    assert_eq!(after, before, "only the 2027 review changed");
    // Village records stay writable: a person, a figure.
    store.create_person(village, &person("H'Blưm Mới")).unwrap();
}

/// The rows a cycle owns in `table` (a WHERE clause), for the hand-written SQL below.
fn owned(table: &str, c: i64) -> String {
    let via =
        |parent: &str, fk: &str| format!("{fk} IN (SELECT id FROM {parent} WHERE cycle_id = {c})");
    match table {
        "attendance" | "meeting_facilitators" => via("meetings", "meeting_id"),
        "subgroup_themes" | "subgroup_tools" | "findings" => via("subgroups", "subgroup_id"),
        "matrix_scores" => via("activities", "activity_id"),
        "plan_rows" => via("plan_versions", "version_id"),
        "annual_version_items" => via("annual_versions", "version_id"),
        "annual_scores" => via("annual_items", "item_id"),
        _ => format!("cycle_id = {c}"),
    }
}

/// Tables holding a cycle's data: those with a cycle_id column, and those with a foreign
/// key to such a table (to a fixed point).
fn cycle_tables(conn: &Connection) -> Vec<String> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let column = |t: &str, sql: &str| -> Vec<String> {
        conn.prepare(&format!("SELECT {sql} FROM pragma_{t}"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut owned: Vec<String> = tables
        .iter()
        .filter(|t| *t != "cycles")
        .filter(|t| column(&format!("table_info('{t}')"), "name").contains(&"cycle_id".into()))
        .cloned()
        .collect();
    loop {
        let more: Vec<String> = tables
            .iter()
            .filter(|t| !owned.contains(t) && *t != "cycles")
            .filter(|t| {
                column(&format!("foreign_key_list('{t}')"), "\"table\"")
                    .iter()
                    .any(|parent| owned.contains(parent))
            })
            .cloned()
            .collect();
        if more.is_empty() {
            break;
        }
        owned.extend(more);
    }
    owned.sort();
    owned
}

#[test]
fn every_table_of_a_cycle_is_guarded_even_against_hand_written_sql() {
    let (_dir, path, mut store, c) = demo_file();
    store.close_cycle(c).unwrap();
    drop(store);
    let before = dump(&path);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA foreign_keys = ON").unwrap();
    let tables = cycle_tables(&conn);
    assert!(tables.len() >= 23, "{tables:?}");
    for table in &tables {
        for suffix in ["ins", "upd", "del"] {
            let name = format!("{table}_closed_{suffix}");
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                    [&name],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                n, 1,
                "trigger {name} missing: a new cycle table needs all three"
            );
        }
        let rows: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE {}", owned(table, c.0)),
                [],
                |r| r.get(0),
            )
            .unwrap();
        let statements = [
            format!(
                "INSERT INTO {table} SELECT * FROM {table} WHERE {}",
                owned(table, c.0)
            ),
            format!(
                "UPDATE {table} SET rowid = rowid WHERE {}",
                owned(table, c.0)
            ),
            format!("DELETE FROM {table} WHERE {}", owned(table, c.0)),
        ];
        for sql in statements {
            let result = conn.execute(&sql, []);
            if rows == 0 {
                continue;
            }
            let err = result.expect_err(&sql).to_string();
            assert!(err.contains("kehoach: cycle closed"), "{sql}: {err}");
        }
    }
    // The cycle row itself: only closed 1 -> 0 is allowed (reopening).
    for sql in [
        format!("UPDATE cycles SET year = 2030 WHERE id = {}", c.0),
        format!("DELETE FROM cycles WHERE id = {}", c.0),
    ] {
        let err = conn.execute(&sql, []).expect_err(&sql).to_string();
        assert!(err.contains("kehoach: cycle closed"), "{sql}: {err}");
    }
    // INSERT OR IGNORE and upserts are refused too.
    let err = conn
        .execute(
            &format!(
                "INSERT OR IGNORE INTO cycle_tools (cycle_id, tool_code) VALUES ({}, 'transect_walk')",
                c.0
            ),
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("kehoach: cycle closed"), "{err}");
    drop(conn);
    assert_eq!(dump(&path), before);
    // The audit log is not guarded: reopening writes to it.
    let mut store = Store::open(&path).unwrap();
    store.reopen_cycle(c, "Sửa lỗi nhập liệu").unwrap();
    store.set_year_summary(c, &YearSummary::default()).unwrap();
}

#[test]
fn a_village_history_lists_every_year_with_plans_evaluations_and_ranks() {
    let (_dir, _path, store, c) = demo_file();
    let village = store.cycle(c).unwrap().village_id;
    let years = store.village_history(village).unwrap();
    let got: Vec<i32> = years.iter().map(|y| y.cycle.year).collect();
    assert_eq!(got, [2027, 2026], "newest first");
    let (y27, y26) = (&years[0], &years[1]);
    assert_eq!(y26.medium_term, MediumTerm::Approved(1));
    assert_eq!(y27.medium_term, MediumTerm::CarriedOver(2026));
    assert!(y26.annual_approved && y27.annual_approved);
    assert_eq!((y26.count(Part::One), y26.count(Part::Two)), (6, 2));
    assert_eq!(y26.reviewed_in, Some(2027));
    assert_eq!(y27.reviewed_in, None);
    // 2026's items carry 2027's reviews, the same ones the annual screen shows.
    let reviews = store.last_year_review(y27.cycle.id).unwrap();
    for row in &reviews {
        let item = y26
            .items
            .iter()
            .find(|i| i.key == row.item.activity.id.0)
            .unwrap();
        assert_eq!(item.review, row.review);
    }
    let t = y26.tally();
    assert_eq!(t.done + t.under_way + t.not_started, 8);
    assert_eq!(t.unreviewed, 0);
    assert_eq!(y27.tally().of(Evaluation::Unreviewed), 8);
    // Ranks: form 4 for both years; every item ranked, 1 first.
    assert_eq!(y26.ranking.source, RankSource::AnnualPlan);
    assert_eq!(y26.ranking.entries.len(), 8);
    let ranks: Vec<u32> = y26.ranking.entries.iter().map(|r| r.rank).collect();
    assert_eq!(
        ranks,
        (1..=8).collect::<Vec<u32>>(),
        "the demo's form 4 has no ties"
    );
    // A year with no annual plan ranks by the medium-term plan.
    let mut store = store;
    let next = store.create_next_cycle(y27.cycle.id).unwrap();
    let years = store.village_history(village).unwrap();
    assert_eq!(years[0].cycle.id, next.id);
    assert_eq!(
        years[0].ranking.source,
        RankSource::MediumTermPlan { version: 1 }
    );
    assert!(!years[0].ranking.entries.is_empty());
    assert_eq!(years[0].reopen_reason, None);
}

#[test]
fn closing_a_fresh_cycle_still_lets_every_step_be_read() {
    let mut store = Store::open_in_memory().unwrap();
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    let village = store
        .create_village(commune.id, "Buôn Ea Na", VillageKind::Buon)
        .unwrap();
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    store
        .add_activity(cycle.id, &activity("Đào giếng"))
        .unwrap();
    store.close_cycle(cycle.id).unwrap();
    // The step screens' first-visit records exist, so reading creates nothing.
    for kind in [
        MeetingKind::Village1,
        MeetingKind::Village2,
        MeetingKind::AnnualApproval,
    ] {
        assert!(store.meeting(cycle.id, kind).is_ok(), "{kind:?}");
    }
    assert!(store.prefill_womens_proposal(cycle.id).unwrap() == 0);
    assert!(matches!(
        store.meeting(cycle.id, MeetingKind::WorkingGroup),
        Err(StoreError::CycleClosed)
    ));
    let facts = store.cycle_facts(cycle.id).unwrap();
    assert!(facts.makes_medium_term_plan);
}

/// Builds a file at schema version `v` by hand with a closed cycle (the column exists
/// from version 1) and a meeting; returns the cycle id when written.
fn file_at_version(path: &Path, v: u32) -> Option<i64> {
    let mut conn = Connection::open(path).unwrap();
    for sql in &MIGRATIONS[..usize::try_from(v).unwrap()] {
        let tx = conn.transaction().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.commit().unwrap();
    }
    conn.pragma_update(None, "user_version", v).unwrap();
    if v == 0 {
        return None;
    }
    conn.execute_batch(
        "INSERT INTO communes (id, name) VALUES (1, 'Ea Tiêu');
         INSERT INTO villages (id, commune_id, name, kind) VALUES (1, 1, 'Buôn Kram', 'buon');
         INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
           VALUES (7, 1, 2024, 2024, 5);
         INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
           VALUES (8, 1, 2025, 2024, 5);
         INSERT INTO meetings (id, cycle_id, kind) VALUES (1, 7, 'village1');
         UPDATE cycles SET closed = 1 WHERE id = 7;",
    )
    .unwrap();
    Some(7)
}

#[test]
fn every_earlier_version_upgrades_and_then_guards_closed_cycles() {
    const { assert!(SCHEMA_VERSION >= 6, "the history migration (6) is listed") };
    let bundle = demo_bundle();
    for v in 0..SCHEMA_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let closed = file_at_version(&path, v);
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("from v{v}: {e}"));
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION, "from v{v}");
        assert!(store.integrity_ok().unwrap(), "from v{v}");
        if v > 0 {
            assert!(
                PathBuf::from(format!("{}.v{v}.bak", path.display())).exists(),
                "backup before upgrading v{v}"
            );
        }
        let Some(c) = closed.map(CycleId) else {
            // An empty file: the new schema works.
            store.create_commune("Ea Kao", "", "Đắk Lắk").unwrap();
            continue;
        };
        // Data kept, the closed cycle read-only, the open one writable.
        assert!(store.cycle(c).unwrap().closed, "from v{v}");
        assert_eq!(store.village_history(VillageId(1)).unwrap().len(), 2);
        let refused = store.meeting(c, MeetingKind::Village2).unwrap_err();
        assert!(is_closed(&refused), "from v{v}: {refused:?}");
        let m = store
            .find_meeting(c, MeetingKind::Village1)
            .unwrap()
            .unwrap();
        assert!(is_closed(
            &store.set_meeting_facilitators(m.id, &[1]).unwrap_err()
        ));
        store
            .meeting(CycleId(8), MeetingKind::AnnualApproval)
            .unwrap();
        store.reopen_cycle(c, "Nhập lại từ sổ").unwrap();
        store.meeting(c, MeetingKind::Village2).unwrap();
        imports_work_after_upgrade(&mut store, v, &bundle);
    }
}

/// After the upgrade (migration 0009) the village kept is local, and imports work beside it.
fn imports_work_after_upgrade(store: &mut Store, v: u32, bundle: &[u8]) {
    let commune = store.village(VillageId(1)).unwrap().commune_id;
    let code = store.cycle_record(CycleId(8)).unwrap().village_code;
    let kept = store.village_by_code(&code).unwrap().unwrap();
    assert!(kept.local && !kept.imported, "from v{v}");
    let village = store
        .create_imported_village(
            commune,
            "Buôn Tơng",
            VillageKind::Buon,
            "code-from-a-bundle",
        )
        .unwrap();
    let new = kehoach::store::NewImport {
        village,
        year: 2025,
        bundle_id: "b-1",
        sha256: "00",
        schema_version: 3,
        bytes: bundle,
        plans: "[]",
        file_name: "buon-tong.json",
        conflict_reason: None,
    };
    store.add_import(&new).unwrap();
    assert_eq!(store.imports(village).unwrap().len(), 1, "from v{v}");
    let listed = store.commune_year(commune, 2025).unwrap();
    assert_eq!(listed.len(), 2, "from v{v}");
    assert!(
        listed
            .iter()
            .any(|y| y.village.id == VillageId(1) && y.record.is_some())
    );
    assert!(listed.iter().all(|y| y.record.is_some()), "from v{v}");
    // Migration 0010: the commune conference's tables work after the upgrade.
    assert!(store.commune_changes(commune, 2025).unwrap().is_empty());
    assert_eq!(
        store.approve_commune_plan(commune, 2025).unwrap(),
        1,
        "from v{v}"
    );
    assert_eq!(store.commune_versions(commune, 2025).unwrap().len(), 1);
    communes_received_after_upgrade(store, v, commune);
}

/// Migration 0012: the commune kept is held here (never marked imported), and a commune
/// received whole from its bundle is kept beside it.
fn communes_received_after_upgrade(store: &mut Store, v: u32, local: CommuneId) {
    assert!(store.commune_held_by_id(local).unwrap().local, "from v{v}");
    assert!(store.mark_commune_imported(local).is_err(), "from v{v}");
    let received = store
        .create_received_commune("Ea Kao", "Buôn Ma Thuột", "Đắk Lắk", "code-of-ea-kao")
        .unwrap();
    let new = kehoach::store::NewCommuneImport {
        commune: received,
        year: 2025,
        bundle_id: "c-1",
        sha256: "00",
        schema_version: 3,
        bytes: br#"{"content":{"villages":[]}}"#,
        version: Some(1),
        file_name: "xa-ea-kao-2025.json",
        conflict_reason: None,
    };
    store.add_commune_import(&new).unwrap();
    let year = store.district_year(&[local, received], 2025).unwrap();
    assert_eq!(year.len(), 2, "from v{v}");
    assert!(year[1].villages.is_empty() && !year[0].villages.is_empty());
    assert!(
        store
            .create_village(received, "Thôn 1", VillageKind::Thon)
            .is_err()
    );
}

/// The bytes of the demo's bundle.
fn demo_bundle() -> Vec<u8> {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let record = store.cycle_record(cycle).unwrap();
    let stamp = kehoach::export::Stamp::now();
    kehoach::export::bundle::Bundle::new(record, false, &stamp).to_bytes()
}
