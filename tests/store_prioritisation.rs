//! The prioritisation store (medium-term steps 3 and 4) through its public API: scoring
//! settings and their lock, the working group's matrix, the men's and women's results,
//! approving and freezing the official plan with every version kept, audit rows, and
//! migration from v3.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use kehoach::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use kehoach::domain::scoring::{
    Criterion, Group, GroupResult, InputMode, MatrixRow, Method, Scale, combine, draft_ranks,
    rank_matrix,
};
use kehoach::domain::{CycleId, NewCycle, VillageKind};
use kehoach::store::{GroupInfo, MIGRATIONS, ScoringSettings, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;

struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
    cycle: CycleId,
    /// Four activities, the second proposed by women.
    acts: Vec<ActivityId>,
}

fn activity(name: &str, women: bool) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector: Sector::Agriculture,
        category: Category::TechnicalSupport,
        quantity: Some(2.0),
        unit: "lớp".into(),
        time: "2027".into(),
        location: "Buôn Kram".into(),
        responsible: "Khuyến nông xã".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: 0,
            labour_days: 10.0,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(12_000_000),
        proposed_by_women: women,
        subgroup_id: None,
        tool_code: None,
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).expect("open");
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    let village = store
        .create_village(commune.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap()
        .id;
    let names = [
        ("Tập huấn trồng cà phê", false),
        ("Mở lớp xóa mù chữ cho phụ nữ", true),
        ("Sửa đập thủy lợi", false),
        ("Giếng nước sạch", false),
    ];
    let acts = names
        .iter()
        .map(|(n, w)| store.add_activity(cycle, &activity(n, *w)).unwrap().id)
        .collect();
    Fixture {
        _dir: dir,
        path,
        store,
        cycle,
        acts,
    }
}

impl Fixture {
    fn audit_fields(&self, entity: &str, id: i64) -> Vec<String> {
        self.store
            .audit_log()
            .unwrap()
            .into_iter()
            .filter(|e| e.entity == entity && e.entity_id == id)
            .map(|e| e.field)
            .collect()
    }

    /// Scores every activity fully: totals 25, 20, 15, 10 in activity order.
    fn score_all(&mut self) {
        for (i, a) in self.acts.clone().into_iter().enumerate() {
            let s = 5 - u8::try_from(i).unwrap();
            for c in Criterion::ALL {
                self.store.set_matrix_score(a, c, Some(s)).unwrap();
            }
        }
    }

    /// Men: 8 members, 3 votes each; women: ranking.
    fn enter_groups(&mut self) {
        let (s, c, a) = (&mut self.store, self.cycle, &self.acts);
        let men = GroupInfo {
            members: 8,
            votes_each: 3,
            recorder: "Y Bhim Mlô".into(),
        };
        s.set_group_info(c, Group::Men, &men).unwrap();
        let women = GroupInfo {
            members: 6,
            votes_each: 3,
            recorder: "H'Hen Niê".into(),
        };
        s.set_group_info(c, Group::Women, &women).unwrap();
        s.set_input_mode(c, Group::Women, InputMode::Ranking, None)
            .unwrap();
        for (act, votes) in a.iter().zip([10, 2, 8, 4]) {
            s.set_votes(c, Group::Men, *act, Some(votes)).unwrap();
        }
        for (act, pos) in a.iter().zip([3, 1, 4, 2]) {
            s.set_position(c, Group::Women, *act, Some(pos)).unwrap();
        }
    }

    fn combined(&self) -> kehoach::domain::scoring::Combined {
        let s = &self.store;
        let draft = draft_ranks(&rank_matrix(&s.matrix_rows(self.cycle).unwrap()));
        let settings = s.scoring_settings(self.cycle).unwrap();
        combine(
            &s.group_result(self.cycle, Group::Men).unwrap(),
            &s.group_result(self.cycle, Group::Women).unwrap(),
            &draft,
            settings.method,
        )
    }
}

fn refused(result: Result<impl std::fmt::Debug, StoreError>, key: &str) {
    match result {
        Err(StoreError::Refused(k)) => assert_eq!(k, key),
        other => panic!("expected refusal {key}, got {other:?}"),
    }
}

// ---------------------------------------------------------------- settings

#[test]
fn settings_start_at_the_defaults_and_round_trip() {
    let mut f = fixture();
    let s = &mut f.store;
    assert_eq!(
        s.scoring_settings(f.cycle).unwrap(),
        ScoringSettings::default()
    );
    assert_eq!(ScoringSettings::default().scale, Scale { min: 1, max: 5 });
    s.set_scale(f.cycle, Scale::new(1, 3).unwrap(), None)
        .unwrap();
    s.set_method(f.cycle, Method::Borda, None).unwrap();
    s.set_input_mode(f.cycle, Group::Men, InputMode::Ranking, None)
        .unwrap();
    s.set_method(f.cycle, Method::Borda, None).unwrap();
    let got = s.scoring_settings(f.cycle).unwrap();
    assert_eq!(got.scale, Scale { min: 1, max: 3 });
    assert_eq!(got.method, Method::Borda);
    assert_eq!(
        (got.mode(Group::Men), got.mode(Group::Women)),
        (InputMode::Ranking, InputMode::Votes)
    );
    assert!(!got.locked && !got.plan_frozen);
    assert_eq!(
        f.audit_fields("scoring", f.cycle.0),
        ["scale", "method", "men.mode"],
        "setting the same value again writes nothing"
    );
    refused(
        f.store.set_scale(f.cycle, Scale { min: 4, max: 2 }, None),
        "store.err.bad_scale",
    );
    assert!(matches!(
        f.store.set_method(CycleId(999), Method::VoteSum, None),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn the_scale_cannot_shrink_below_stored_scores() {
    let mut f = fixture();
    f.store
        .set_matrix_score(f.acts[0], Criterion::Urgency, Some(5))
        .unwrap();
    refused(
        f.store.set_scale(f.cycle, Scale::new(1, 3).unwrap(), None),
        "store.err.scores_outside_scale",
    );
    f.store
        .set_matrix_score(f.acts[0], Criterion::Urgency, Some(3))
        .unwrap();
    f.store
        .set_scale(f.cycle, Scale::new(1, 3).unwrap(), None)
        .unwrap();
}

#[test]
fn a_group_result_locks_scale_mode_and_method_until_a_reason_is_given() {
    let mut f = fixture();
    let (c, a) = (f.cycle, f.acts[0]);
    let s = &mut f.store;
    s.set_group_info(c, Group::Men, &GroupInfo::default())
        .unwrap();
    s.set_method(c, Method::VoteSum, None)
        .expect("group details alone do not lock");
    s.set_votes(c, Group::Men, a, Some(4)).unwrap();
    assert!(s.scoring_settings(c).unwrap().locked);
    refused(
        s.set_method(c, Method::Borda, None),
        "store.err.scoring_locked",
    );
    refused(
        s.set_method(c, Method::Borda, Some("   ")),
        "store.err.scoring_locked",
    );
    refused(
        s.set_scale(c, Scale::new(0, 10).unwrap(), None),
        "store.err.scoring_locked",
    );
    refused(
        s.set_input_mode(c, Group::Women, InputMode::Ranking, None),
        "store.err.scoring_locked",
    );
    s.set_method(c, Method::VoteSum, None)
        .expect("keeping the same value needs no reason");
    // Clearing the votes does not unlock: the method was fixed before scoring.
    s.set_votes(c, Group::Men, a, None).unwrap();
    refused(
        s.set_method(c, Method::Borda, None),
        "store.err.scoring_locked",
    );
    s.set_method(c, Method::Borda, Some("Cả thôn thống nhất dùng Borda"))
        .unwrap();
    s.set_scale(c, Scale::new(0, 10).unwrap(), Some("Thang 0-10 quen hơn"))
        .unwrap();
    let got = s.scoring_settings(c).unwrap();
    assert_eq!((got.method, got.scale.max), (Method::Borda, 10));

    let log = f.store.audit_log().unwrap();
    let reasons: Vec<&str> = log
        .iter()
        .filter(|e| e.entity == "scoring" && e.field == "lock_reason")
        .filter_map(|e| e.new_value.as_deref())
        .collect();
    assert_eq!(
        reasons,
        ["Cả thôn thống nhất dùng Borda", "Thang 0-10 quen hơn"]
    );
    assert_eq!(
        log.iter()
            .filter(|e| e.entity == "scoring" && e.field == "locked")
            .count(),
        1
    );
}

// ---------------------------------------------------------------- matrix

#[test]
fn matrix_scores_round_trip_as_matrix_rows() {
    let mut f = fixture();
    let a = f.acts.clone();
    let s = &mut f.store;
    s.set_matrix_score(a[0], Criterion::Urgency, Some(5))
        .unwrap();
    s.set_matrix_score(a[0], Criterion::Ease, Some(2)).unwrap();
    s.set_matrix_score(a[0], Criterion::Ease, Some(3)).unwrap();
    s.set_matrix_score(a[2], Criterion::FitsVillageWays, Some(1))
        .unwrap();
    s.set_matrix_score(a[2], Criterion::FitsVillageWays, None)
        .unwrap();
    let rows = s.matrix_rows(f.cycle).unwrap();
    let mut first = MatrixRow::new(a[0].0);
    first.set(Criterion::Urgency, Some(5));
    first.set(Criterion::Ease, Some(3));
    assert_eq!(
        rows,
        [
            first,
            MatrixRow::new(a[1].0),
            MatrixRow::new(a[2].0),
            MatrixRow::new(a[3].0)
        ]
    );
    refused(
        s.set_matrix_score(a[1], Criterion::Urgency, Some(6)),
        "store.err.score_outside_scale",
    );
    refused(
        s.set_matrix_score(a[1], Criterion::Urgency, Some(0)),
        "store.err.score_outside_scale",
    );
    assert!(matches!(
        s.set_matrix_score(ActivityId(999), Criterion::Urgency, Some(1)),
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        f.audit_fields("matrix", a[0].0),
        ["score.urgency", "score.ease", "score.ease"]
    );
    assert_eq!(f.audit_fields("matrix", a[2].0).len(), 2);
}

#[test]
fn merged_duplicates_leave_the_matrix_and_cannot_be_scored() {
    let mut f = fixture();
    let a = f.acts.clone();
    f.store.merge_activities(a[0], a[3]).unwrap();
    let keys: Vec<i64> = f
        .store
        .matrix_rows(f.cycle)
        .unwrap()
        .iter()
        .map(|r| r.activity)
        .collect();
    assert_eq!(keys, [a[0].0, a[1].0, a[2].0]);
    refused(
        f.store.set_matrix_score(a[3], Criterion::Ease, Some(2)),
        "store.err.activity_merged",
    );
    refused(
        f.store.set_votes(f.cycle, Group::Men, a[3], Some(2)),
        "store.err.activity_merged",
    );
}

#[test]
fn the_womens_proposal_is_prefilled_from_the_flag() {
    let mut f = fixture();
    let a = f.acts.clone();
    let s = &mut f.store;
    s.set_matrix_score(a[3], Criterion::WomensProposal, Some(4))
        .unwrap();
    assert_eq!(s.prefill_womens_proposal(f.cycle).unwrap(), 3);
    assert_eq!(s.prefill_womens_proposal(f.cycle).unwrap(), 0);
    let women: Vec<Option<u8>> = s
        .matrix_rows(f.cycle)
        .unwrap()
        .iter()
        .map(|r| r.score(Criterion::WomensProposal))
        .collect();
    assert_eq!(
        women,
        [Some(1), Some(5), Some(1), Some(4)],
        "typed score kept"
    );
}

// ---------------------------------------------------------------- meeting 2

#[test]
fn group_details_round_trip_with_defaults() {
    let mut f = fixture();
    let s = &mut f.store;
    assert_eq!(
        s.group_info(f.cycle, Group::Women).unwrap(),
        GroupInfo {
            members: 0,
            votes_each: 3,
            recorder: String::new()
        }
    );
    let info = GroupInfo {
        members: 31,
        votes_each: 5,
        recorder: "H'Linh Êban".into(),
    };
    s.set_group_info(f.cycle, Group::Women, &info).unwrap();
    assert_eq!(s.group_info(f.cycle, Group::Women).unwrap(), info);
    assert_eq!(
        s.group_info(f.cycle, Group::Men).unwrap(),
        GroupInfo::default()
    );
    assert_eq!(
        f.audit_fields("scoring", f.cycle.0),
        ["women.members", "women.votes_each", "women.recorder"]
    );
}

#[test]
fn votes_and_positions_load_as_group_results() {
    let mut f = fixture();
    f.enter_groups();
    let (c, a) = (f.cycle, f.acts.clone());
    let s = &mut f.store;
    assert_eq!(
        s.group_result(c, Group::Men).unwrap(),
        GroupResult::votes(
            8,
            3,
            vec![(a[0].0, 10), (a[1].0, 2), (a[2].0, 8), (a[3].0, 4)]
        )
    );
    assert_eq!(
        s.group_result(c, Group::Women).unwrap(),
        GroupResult::ranking(6, vec![(a[0].0, 3), (a[1].0, 1), (a[2].0, 4), (a[3].0, 2)])
    );
    // Switching the mode keeps what was typed in the other mode.
    s.set_input_mode(c, Group::Men, InputMode::Ranking, Some("Nhóm nam xếp hạng"))
        .unwrap();
    assert_eq!(
        s.group_result(c, Group::Men).unwrap(),
        GroupResult::ranking(8, vec![])
    );
    s.set_input_mode(c, Group::Men, InputMode::Votes, Some("Quay lại bỏ phiếu"))
        .unwrap();
    s.set_votes(c, Group::Men, a[1], None).unwrap();
    assert_eq!(
        s.group_result(c, Group::Men).unwrap(),
        GroupResult::votes(8, 3, vec![(a[0].0, 10), (a[2].0, 8), (a[3].0, 4)])
    );
    refused(
        s.set_position(c, Group::Women, a[0], Some(0)),
        "store.err.position_zero",
    );
    assert_eq!(
        f.audit_fields("meeting2", a[1].0),
        ["men.votes", "women.position", "men.votes"]
    );
}

#[test]
fn an_activity_of_another_cycle_gets_no_votes() {
    let mut f = fixture();
    let village = f.store.cycle(f.cycle).unwrap().village_id;
    let other = f
        .store
        .create_cycle(&NewCycle {
            village_id: village,
            year: 2031,
            medium_term_span: 5,
        })
        .unwrap()
        .id;
    refused(
        f.store.set_votes(other, Group::Men, f.acts[0], Some(1)),
        "store.err.other_cycle",
    );
    assert!(!f.store.scoring_settings(other).unwrap().locked);
}

// ---------------------------------------------------------------- the official plan

#[test]
fn approving_freezes_the_plan_and_every_version_is_kept() {
    let mut f = fixture();
    f.score_all();
    f.enter_groups();
    let c = f.cycle;
    assert!(!f.store.is_plan_frozen(c).unwrap());
    assert_eq!(f.store.latest_plan(c).unwrap(), None);
    let first = f.combined();
    assert_eq!(f.store.approve_plan(c, &first).unwrap(), 1);
    assert!(f.store.is_plan_frozen(c).unwrap());
    let v1 = f.store.latest_plan(c).unwrap().expect("version 1");
    assert_eq!(v1.version, 1);
    assert_eq!(v1.combined, first, "rows stored exactly, scores included");
    assert_eq!(v1.change_reason, None);
    let order: Vec<ActivityId> = v1.activities.iter().map(|a| a.id).collect();
    assert_eq!(
        order,
        first
            .order()
            .into_iter()
            .map(ActivityId)
            .collect::<Vec<_>>()
    );
    assert_eq!(
        v1.activities[0].fields,
        f.store.activity(v1.activities[0].id).unwrap().fields
    );

    // Frozen: nothing that feeds the plan can change.
    let (a0, a1) = (f.acts[0], f.acts[1]);
    let s = &mut f.store;
    let frozen = "store.err.plan_frozen";
    refused(s.approve_plan(c, &first), frozen);
    refused(s.set_matrix_score(a0, Criterion::Ease, Some(1)), frozen);
    refused(s.set_votes(c, Group::Men, a0, Some(1)), frozen);
    refused(s.set_position(c, Group::Women, a0, Some(2)), frozen);
    refused(
        s.set_group_info(c, Group::Men, &GroupInfo::default()),
        frozen,
    );
    refused(s.set_method(c, Method::Borda, Some("lý do")), frozen);
    refused(s.prefill_womens_proposal(c), frozen);
    refused(s.delete_activity(a0), frozen);
    refused(s.merge_activities(a0, a1), frozen);
    refused(s.reopen_plan(c, "  "), "store.err.reason_required");

    // Reopen with a reason, change, approve again.
    s.reopen_plan(c, "Xã yêu cầu bổ sung số lượng").unwrap();
    refused(s.reopen_plan(c, "lần nữa"), "store.err.plan_not_frozen");
    let mut renamed = s.activity(a0).unwrap().fields;
    renamed.name = "Tập huấn trồng và chăm sóc cà phê".into();
    s.update_activity(a0, &renamed).unwrap();
    s.set_votes(c, Group::Men, a1, Some(20)).unwrap();
    let second = f.combined();
    assert_ne!(second, first);
    assert_eq!(f.store.approve_plan(c, &second).unwrap(), 2);
    assert_eq!(f.store.plan_versions(c).unwrap(), [1, 2]);

    let v2 = f.store.latest_plan(c).unwrap().unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.combined, second);
    assert_eq!(
        v2.change_reason.as_deref(),
        Some("Xã yêu cầu bổ sung số lượng")
    );
    let old = f.store.plan_version(c, 1).unwrap();
    assert_eq!(old, v1, "version 1 is unchanged");
    let old_name = old.activities.iter().find(|a| a.id == a0).unwrap();
    assert_eq!(old_name.fields.name, "Tập huấn trồng cà phê");
    let new_name = v2.activities.iter().find(|a| a.id == a0).unwrap();
    assert_eq!(new_name.fields.name, renamed.name);
    assert!(matches!(
        f.store.plan_version(c, 3),
        Err(StoreError::NotFound)
    ));

    assert_eq!(
        f.audit_fields("plan", c.0),
        [
            "version",
            "frozen",
            "frozen",
            "reopen_reason",
            "version",
            "frozen"
        ]
    );
}

#[test]
fn approved_versions_cannot_be_edited_even_by_hand() {
    let mut f = fixture();
    f.score_all();
    f.enter_groups();
    let combined = f.combined();
    f.store.approve_plan(f.cycle, &combined).unwrap();
    let conn = Connection::open(&f.path).unwrap();
    assert!(conn.execute("DELETE FROM plan_rows", []).is_err());
    assert!(conn.execute("UPDATE plan_rows SET rank = 9", []).is_err());
    assert!(conn.execute("DELETE FROM plan_versions", []).is_err());
    assert!(
        conn.execute("UPDATE plan_versions SET change_reason = 'x'", [])
            .is_err()
    );
}

#[test]
fn an_empty_or_foreign_ranking_is_not_approved() {
    let mut f = fixture();
    let mut combined = {
        f.score_all();
        f.enter_groups();
        f.combined()
    };
    let c = f.cycle;
    let empty = kehoach::domain::scoring::Combined {
        method: Method::EqualWeight,
        rows: vec![],
    };
    refused(f.store.approve_plan(c, &empty), "store.err.plan_empty");
    combined.rows[0].activity = 999;
    assert!(matches!(
        f.store.approve_plan(c, &combined),
        Err(StoreError::NotFound)
    ));
    assert!(!f.store.is_plan_frozen(c).unwrap(), "nothing half-approved");
    assert!(f.store.plan_versions(c).unwrap().is_empty());
}

// ---------------------------------------------------------------- migration

#[test]
fn a_version_3_database_gains_the_prioritisation_tables_and_keeps_its_activities() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..3] {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(sql).unwrap();
            tx.commit().unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO communes (id, name) VALUES (1, 'Ea Tiêu');
             INSERT INTO villages (id, commune_id, name, kind) VALUES (1, 1, 'Buôn Kram', 'buon');
             INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
               VALUES (1, 1, 2026, 2026, 5);
             INSERT INTO activities (id, cycle_id, name, sector, category, proposed_by_women)
               VALUES (7, 1, 'Giếng nước sạch', 'water_sanitation', 'construction', 1);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).expect("migrate from v3");
    assert_eq!(
        store.schema_version().unwrap(),
        kehoach::store::SCHEMA_VERSION
    );
    let cycle = CycleId(1);
    let a = store.activity(ActivityId(7)).expect("activity kept");
    assert_eq!(a.fields.name, "Giếng nước sạch");
    assert_eq!(a.fields.sector, Sector::WaterSanitation);
    assert_eq!(
        store.scoring_settings(cycle).unwrap(),
        ScoringSettings::default()
    );
    // The migration to v7 prefilled the women's-proposal score (a proposal by women
    // scores the top of the scale), which opening the step used to do.
    let rows = store.matrix_rows(cycle).unwrap();
    assert_eq!(rows[0].score(Criterion::WomensProposal), Some(5));
    assert_eq!(store.prefill_womens_proposal(cycle).unwrap(), 0);
    store.set_votes(cycle, Group::Women, a.id, Some(3)).unwrap();
    assert!(store.scoring_settings(cycle).unwrap().locked);
}
