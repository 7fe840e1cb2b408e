//! The annual-plan store through its public API: the medium-term priorities as starting
//! point, selection into part 1 and part 2 with the limit of two, new activities, form-4
//! scores, the review of last year with totals by source, the year's summary, approval
//! and freezing, a new year (cycle, working group, medium-term plan carried over), audit
//! rows, and migration from v4.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use kehoach::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use kehoach::domain::annual::{
    AnnualItemId, Part, Progress, Quality, Review, ReviewDraft, Source, Spending, YearSummary,
    totals_by_source,
};
use kehoach::domain::scoring::{Criterion, Group, combine, draft_ranks, rank_matrix};
use kehoach::domain::{CycleId, Gender, NewCycle, PersonFields, VillageId, VillageKind};
use kehoach::store::{ANNUAL_ERROR_KEYS, AnnualApproval, GroupInfo, MIGRATIONS, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;

struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
    village: VillageId,
    cycle: CycleId,
    /// Six medium-term activities in the order proposed.
    acts: Vec<ActivityId>,
}

fn activity(name: &str) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector: Sector::Infrastructure,
        category: Category::Construction,
        quantity: Some(1.0),
        unit: "công trình".into(),
        time: "2026".into(),
        location: "Buôn Kram".into(),
        responsible: "Ban tự quản buôn".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: 5_000_000,
            labour_days: 50.0,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(100_000_000),
        proposed_by_women: false,
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
        .unwrap()
        .id;
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap()
        .id;
    let acts = (1..=6)
        .map(|i| {
            store
                .add_activity(cycle, &activity(&format!("Hoạt động {i}")))
                .unwrap()
                .id
        })
        .collect();
    Fixture {
        _dir: dir,
        path,
        store,
        village,
        cycle,
        acts,
    }
}

/// Scores the matrix so that the activities rank in reverse order of proposal.
fn score_reverse(f: &mut Fixture) {
    for (i, id) in f.acts.clone().into_iter().enumerate() {
        for c in Criterion::ALL {
            let s = u8::try_from(i % 5).unwrap() + 1;
            f.store.set_matrix_score(id, c, Some(s)).unwrap();
        }
    }
}

fn refused(r: Result<impl std::fmt::Debug, StoreError>) -> &'static str {
    match r {
        Err(StoreError::Refused(key)) => key,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn approval(date: &str) -> AnnualApproval {
    AnnualApproval {
        date: date.into(),
        votes_for: 70,
        votes_against: 3,
        abstain: 2,
        approved_at: String::new(),
    }
}

fn review(progress: Progress, percent: u8, state: i64, days: i64) -> Review {
    Review {
        progress,
        percent,
        quality: Some(Quality::Good),
        spending: Spending {
            state,
            donor: 1_000_000,
            people_money: 2_000_000,
            people_labour_days: days,
            people_land_m2: 0,
            people_materials_vnd: 500_000,
        },
        management: "Tổ giám sát cộng đồng theo dõi".into(),
        impact: "Đi lại thuận tiện mùa mưa".into(),
    }
}

// ------------------------------------------------------------------ priorities

#[test]
fn priorities_fall_back_to_the_draft_matrix_ranks() {
    let mut f = fixture();
    assert_eq!(f.store.medium_term_priorities(f.cycle).unwrap().len(), 6);
    score_reverse(&mut f);
    let p = f.store.medium_term_priorities(f.cycle).unwrap();
    let ranks: Vec<u32> = p.iter().map(|(r, _)| *r).collect();
    assert_eq!(ranks, vec![1, 2, 3, 4, 5, 5]);
    assert_eq!(p[0].1.id, f.acts[4]);
}

#[test]
fn priorities_follow_the_approved_plan_and_current_fields() {
    let mut f = fixture();
    score_reverse(&mut f);
    for g in Group::ALL {
        let info = GroupInfo {
            members: 10,
            votes_each: 3,
            recorder: "x".into(),
        };
        f.store.set_group_info(f.cycle, g, &info).unwrap();
    }
    // Both groups put the first activity on top.
    for (i, id) in f.acts.clone().into_iter().enumerate() {
        let votes = if i == 0 { 12 } else { 3 };
        for g in Group::ALL {
            f.store.set_votes(f.cycle, g, id, Some(votes)).unwrap();
        }
    }
    let draft = draft_ranks(&rank_matrix(&f.store.matrix_rows(f.cycle).unwrap()));
    let settings = f.store.scoring_settings(f.cycle).unwrap();
    let combined = combine(
        &f.store.group_result(f.cycle, Group::Men).unwrap(),
        &f.store.group_result(f.cycle, Group::Women).unwrap(),
        &draft,
        settings.method,
    );
    f.store.approve_plan(f.cycle, &combined).unwrap();
    let mut renamed = activity("Hoạt động 1 (sửa)");
    renamed.time = "2027".into();
    // An approved plan's activity is frozen until the plan is reopened.
    assert!(matches!(
        f.store.update_activity(f.acts[0], &renamed),
        Err(StoreError::PlanApproved)
    ));
    f.store.reopen_plan(f.cycle, "sửa tên").unwrap();
    f.store.update_activity(f.acts[0], &renamed).unwrap();
    let p = f.store.medium_term_priorities(f.cycle).unwrap();
    assert_eq!(p.len(), 6);
    assert_eq!(p[0].0, 1);
    assert_eq!(p[0].1.id, f.acts[0]);
    assert_eq!(p[0].1.fields.name, "Hoạt động 1 (sửa)");
    assert!(p.windows(2).all(|w| w[0].0 <= w[1].0));
}

// ------------------------------------------------------------------ selection

#[test]
fn selection_round_trip_and_parts() {
    let mut f = fixture();
    let a = f
        .store
        .select_for_annual(f.cycle, f.acts[0], Part::One, None)
        .unwrap();
    let b = f
        .store
        .select_for_annual(f.cycle, f.acts[1], Part::Two, Some("   "))
        .unwrap();
    let items = f.store.annual_items(f.cycle).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        (items[0].id, items[0].part, items[0].activity.id),
        (a, Part::One, f.acts[0])
    );
    assert_eq!((items[1].id, items[1].part), (b, Part::Two));
    assert_eq!(
        items[1].override_reason, None,
        "a reason not needed is not kept"
    );
    assert_eq!(items[0].added_reason, None);
    assert_eq!(items[0].cycle_id, f.cycle);
    assert_eq!(f.store.annual_item(a).unwrap(), items[0]);
    assert_eq!(
        refused(
            f.store
                .select_for_annual(f.cycle, f.acts[0], Part::Two, None)
        ),
        "annual.err.already_selected"
    );
    f.store.set_annual_part(a, Part::Two, None).unwrap();
    f.store.set_annual_part(b, Part::One, None).unwrap();
    let parts: Vec<Part> = f
        .store
        .annual_items(f.cycle)
        .unwrap()
        .iter()
        .map(|i| i.part)
        .collect();
    assert_eq!(parts, vec![Part::Two, Part::One]);
    f.store.remove_annual_item(b).unwrap();
    assert_eq!(f.store.annual_items(f.cycle).unwrap().len(), 1);
    assert!(matches!(
        f.store.remove_annual_item(b),
        Err(StoreError::NotFound)
    ));
    let log = f.store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.entity == "annual_item" && e.field == "part")
    );
    assert!(
        log.iter()
            .any(|e| e.entity == "annual_item" && e.field == "*" && e.new_value.is_none())
    );
}

#[test]
fn part_two_holds_zero_two_then_refuses_a_third_without_reason() {
    let mut f = fixture();
    let counts = |f: &Fixture| f.store.annual_counts(f.cycle).unwrap();
    assert_eq!(counts(&f).part_two, 0);
    for i in 0..2 {
        f.store
            .select_for_annual(f.cycle, f.acts[i], Part::Two, None)
            .unwrap();
    }
    assert_eq!(counts(&f).part_two, 2);
    let third = f
        .store
        .select_for_annual(f.cycle, f.acts[2], Part::Two, None);
    let err = third.unwrap_err();
    assert_eq!(err.message_key(), "annual.err.part_two_full");
    assert_eq!(err.message_args(), vec!["2".to_string()]);
    assert_eq!(
        refused(
            f.store
                .select_for_annual(f.cycle, f.acts[2], Part::Two, Some(" "))
        ),
        "annual.err.part_two_full"
    );
    assert_eq!(counts(&f).part_two, 2, "nothing saved by a refusal");
    // Moving a part-1 item into a full part 2 is refused the same way.
    let one = f
        .store
        .select_for_annual(f.cycle, f.acts[3], Part::One, None)
        .unwrap();
    assert_eq!(
        refused(f.store.set_annual_part(one, Part::Two, None)),
        "annual.err.part_two_full"
    );
    // A written reason overrides the limit and is kept.
    let id = f
        .store
        .select_for_annual(
            f.cycle,
            f.acts[2],
            Part::Two,
            Some(" Đường bị sạt lở sau lũ "),
        )
        .unwrap();
    let item = f.store.annual_item(id).unwrap();
    assert_eq!(
        item.override_reason.as_deref(),
        Some("Đường bị sạt lở sau lũ")
    );
    assert_eq!(counts(&f).part_two, 3);
    assert_eq!(counts(&f).part_one, 1);
    // Back to part 1 drops the override reason.
    f.store.set_annual_part(id, Part::One, None).unwrap();
    assert_eq!(f.store.annual_item(id).unwrap().override_reason, None);
}

#[test]
fn activities_outside_the_plan_and_new_ones() {
    let mut f = fixture();
    let other_village = f
        .store
        .create_village(
            f.store.village(f.village).unwrap().commune_id,
            "Thôn 3",
            VillageKind::Thon,
        )
        .unwrap();
    let other = f
        .store
        .create_cycle(&NewCycle {
            village_id: other_village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    let foreign = f.store.add_activity(other.id, &activity("Khác")).unwrap();
    assert_eq!(
        refused(
            f.store
                .select_for_annual(f.cycle, foreign.id, Part::One, None)
        ),
        "annual.err.not_in_plan"
    );
    assert_eq!(
        refused(
            f.store
                .add_new_annual_activity(f.cycle, &activity("Mới"), Part::One, "  ", None)
        ),
        "annual.err.new_reason_required"
    );
    let id = f
        .store
        .add_new_annual_activity(
            f.cycle,
            &activity("Sửa cầu tràn"),
            Part::Two,
            "Cầu bị lũ cuốn",
            None,
        )
        .unwrap();
    let item = f.store.annual_item(id).unwrap();
    assert!(item.is_new());
    assert_eq!(item.added_reason.as_deref(), Some("Cầu bị lũ cuốn"));
    assert_eq!(item.activity.fields.name, "Sửa cầu tràn");
    assert_eq!(item.part, Part::Two);
    // A new activity does not join the medium-term priorities.
    assert_eq!(f.store.medium_term_priorities(f.cycle).unwrap().len(), 6);
    // Removing the item deletes the new activity too.
    let activity_id = item.activity.id;
    f.store.remove_annual_item(id).unwrap();
    assert!(matches!(
        f.store.activity(activity_id),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn missing_plan_fields_block_approval_only() {
    let mut f = fixture();
    let mut bare = activity("Thiếu thông tin");
    bare.time = String::new();
    bare.location = " ".into();
    bare.quantity = None;
    let id = f
        .store
        .add_new_annual_activity(f.cycle, &bare, Part::One, "Cần thiết", None)
        .unwrap();
    let item = f.store.annual_item(id).unwrap();
    assert_eq!(item.activity.fields.missing_plan_fields().len(), 3);
    assert_eq!(
        refused(f.store.approve_annual(f.cycle, &approval("2026-05-28"))),
        "annual.err.missing_fields"
    );
    let mut filled = bare.clone();
    filled.time = "Quý 3/2026".into();
    filled.location = "Buôn Kram".into();
    filled.quantity = Some(2.0);
    f.store.update_activity(item.activity.id, &filled).unwrap();
    assert_eq!(
        refused(f.store.approve_annual(f.cycle, &approval("  "))),
        "annual.err.date_required"
    );
    f.store
        .approve_annual(f.cycle, &approval("2026-05-28"))
        .unwrap();
}

// ------------------------------------------------------------------ scores

#[test]
fn scores_round_trip_keyed_by_item() {
    let mut f = fixture();
    let a = f
        .store
        .select_for_annual(f.cycle, f.acts[0], Part::One, None)
        .unwrap();
    let b = f
        .store
        .select_for_annual(f.cycle, f.acts[1], Part::One, None)
        .unwrap();
    for c in Criterion::ALL {
        f.store.set_annual_score(a, c, Some(4)).unwrap();
    }
    f.store
        .set_annual_score(b, Criterion::Urgency, Some(5))
        .unwrap();
    let rows = f.store.annual_matrix_rows(f.cycle).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].activity, rows[1].activity), (a.0, b.0));
    assert_eq!(rows[0].partial_total(), 20);
    assert_eq!(rows[1].score(Criterion::Urgency), Some(5));
    assert_eq!(rows[1].missing().len(), 4);
    f.store
        .set_annual_score(b, Criterion::Urgency, None)
        .unwrap();
    assert_eq!(
        f.store.annual_matrix_rows(f.cycle).unwrap()[1].partial_total(),
        0
    );
    assert_eq!(
        refused(f.store.set_annual_score(a, Criterion::Ease, Some(9))),
        "store.err.score_outside_scale"
    );
    let ranked = rank_matrix(&f.store.annual_matrix_rows(f.cycle).unwrap());
    assert_eq!(ranked[0].activity, a.0);
    assert!(
        f.store
            .audit_log()
            .unwrap()
            .iter()
            .any(|e| e.entity == "annual_item" && e.field == "score.urgency")
    );
}

// ------------------------------------------------------------------ approval

#[test]
fn approval_freezes_and_reopening_needs_a_reason() {
    let mut f = fixture();
    assert_eq!(
        refused(f.store.approve_annual(f.cycle, &approval("2026-05-28"))),
        "annual.err.empty"
    );
    let a = f
        .store
        .select_for_annual(f.cycle, f.acts[0], Part::One, None)
        .unwrap();
    assert_eq!(f.store.annual_approval(f.cycle).unwrap(), None);
    f.store
        .approve_annual(f.cycle, &approval("2026-05-28"))
        .unwrap();
    let got = f.store.annual_approval(f.cycle).unwrap().unwrap();
    assert_eq!(got.date, "2026-05-28");
    assert_eq!((got.votes_for, got.votes_against, got.abstain), (70, 3, 2));
    assert!(!got.approved_at.is_empty());
    assert!(f.store.is_annual_frozen(f.cycle).unwrap());
    assert!(f.store.annual_counts(f.cycle).unwrap().approved);
    let frozen = "annual.err.frozen";
    assert_eq!(
        refused(
            f.store
                .select_for_annual(f.cycle, f.acts[1], Part::One, None)
        ),
        frozen
    );
    assert_eq!(
        refused(
            f.store
                .add_new_annual_activity(f.cycle, &activity("x"), Part::One, "lý do", None)
        ),
        frozen
    );
    assert_eq!(refused(f.store.set_annual_part(a, Part::Two, None)), frozen);
    assert_eq!(
        refused(f.store.set_annual_score(a, Criterion::Ease, Some(3))),
        frozen
    );
    assert_eq!(refused(f.store.remove_annual_item(a)), frozen);
    assert_eq!(
        refused(f.store.approve_annual(f.cycle, &approval("2026-05-29"))),
        frozen
    );
    assert_eq!(
        refused(f.store.reopen_annual(f.cycle, "  ")),
        "annual.err.reason_required"
    );
    f.store
        .reopen_annual(f.cycle, "Xã yêu cầu bổ sung")
        .unwrap();
    assert_eq!(f.store.annual_approval(f.cycle).unwrap(), None);
    assert_eq!(
        refused(f.store.reopen_annual(f.cycle, "lại")),
        "annual.err.not_frozen"
    );
    f.store
        .set_annual_score(a, Criterion::Ease, Some(3))
        .unwrap();
    let mut again = approval("2026-05-30");
    again.approved_at = "2026-05-30T10:00:00".into();
    f.store.approve_annual(f.cycle, &again).unwrap();
    assert_eq!(f.store.annual_approval(f.cycle).unwrap(), Some(again));
    let log = f.store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.entity == "annual_plan" && e.field == "reopen_reason")
    );
}

// ------------------------------------------------------------------ a new year

fn person(i: usize, woman: bool) -> PersonFields {
    PersonFields {
        name: format!("Người {i}"),
        gender: if woman { Gender::Female } else { Gender::Male },
        ethnicity: Some("Ê Đê".into()),
        wealth: None,
        organisations: Vec::new(),
        trained: i == 0,
        core_farmer: false,
    }
}

#[test]
fn a_new_year_carries_the_working_group_and_medium_term_plan_over() {
    let mut f = fixture();
    let people: Vec<_> = (0..5)
        .map(|i| {
            f.store
                .create_person(f.village, &person(i, i % 2 == 0))
                .unwrap()
        })
        .collect();
    for p in &people[..4] {
        f.store.set_wg_member(f.cycle, p.id, true).unwrap();
    }
    f.store.set_wg_leader(f.cycle, Some(people[1].id)).unwrap();
    f.store.finalise_wg(f.cycle, Some("nhỏ")).unwrap();
    score_reverse(&mut f);

    let next = f.store.create_next_cycle(f.cycle).unwrap();
    assert_eq!(next.year, 2027);
    assert_eq!(next.village_id, f.village);
    assert_eq!((next.medium_term_start, next.medium_term_span), (2026, 5));
    assert!(!next.makes_medium_term_plan());
    assert_eq!(
        refused(f.store.create_next_cycle(f.cycle)),
        "err.cycle_year_taken"
    );
    assert_eq!(
        f.store.medium_term_cycle(next.id).unwrap().map(|c| c.id),
        Some(f.cycle)
    );
    assert_eq!(
        f.store.previous_cycle(next.id).unwrap().map(|c| c.id),
        Some(f.cycle)
    );
    // The medium-term plan of 2026 is the starting point of 2027.
    let p = f.store.medium_term_priorities(next.id).unwrap();
    assert_eq!(p.len(), 6);
    let id = f
        .store
        .select_for_annual(next.id, p[0].1.id, Part::One, None)
        .unwrap();
    assert_eq!(f.store.annual_item(id).unwrap().cycle_id, next.id);

    // The working group reconvenes with one call, leader included; a second adds none.
    assert_eq!(f.store.working_group(next.id).unwrap().members.len(), 0);
    assert_eq!(
        f.store.reconvene_working_group(next.id, f.cycle).unwrap(),
        4
    );
    let wg = f.store.working_group(next.id).unwrap();
    assert_eq!(wg.members.len(), 4);
    assert_eq!(wg.leader, Some(people[1].id));
    assert!(!wg.is_final(), "the new year's group is open for changes");
    assert_eq!(
        f.store.reconvene_working_group(next.id, f.cycle).unwrap(),
        0
    );
    f.store.set_wg_member(next.id, people[4].id, true).unwrap();
    f.store.set_wg_member(next.id, people[0].id, false).unwrap();
    assert_eq!(f.store.working_group(next.id).unwrap().members.len(), 4);
    assert_eq!(f.store.working_group(f.cycle).unwrap().members.len(), 4);
    f.store.finalise_wg(next.id, None).unwrap();
    assert_eq!(
        refused(f.store.reconvene_working_group(next.id, f.cycle)),
        "err.wg_final"
    );

    // A period that has ended starts a new one.
    let mut last = next;
    for _ in 0..4 {
        last = f.store.create_next_cycle(last.id).unwrap();
    }
    assert_eq!(last.year, 2031);
    assert!(last.makes_medium_term_plan());
    assert!(f.store.medium_term_priorities(last.id).unwrap().is_empty());
}

#[test]
fn reconvening_from_another_village_is_refused() {
    let mut f = fixture();
    let commune = f.store.village(f.village).unwrap().commune_id;
    let other = f
        .store
        .create_village(commune, "Thôn 3", VillageKind::Thon)
        .unwrap();
    let c = f
        .store
        .create_cycle(&NewCycle {
            village_id: other.id,
            year: 2027,
            medium_term_span: 5,
        })
        .unwrap();
    assert_eq!(
        refused(f.store.reconvene_working_group(c.id, f.cycle)),
        "annual.err.other_village"
    );
}

// ------------------------------------------------------------------ review of last year

/// 2026 with three items approved, and the 2027 cycle.
fn two_years() -> (Fixture, CycleId, Vec<AnnualItemId>) {
    let mut f = fixture();
    let items: Vec<AnnualItemId> = (0..3)
        .map(|i| {
            let part = if i == 2 { Part::Two } else { Part::One };
            f.store
                .select_for_annual(f.cycle, f.acts[i], part, None)
                .unwrap()
        })
        .collect();
    f.store
        .approve_annual(f.cycle, &approval("2026-05-28"))
        .unwrap();
    let next = f.store.create_next_cycle(f.cycle).unwrap().id;
    (f, next, items)
}

#[test]
fn review_of_last_year_round_trip_and_totals_by_source() {
    let (mut f, next, items) = two_years();
    assert!(f.store.last_year_review(f.cycle).unwrap().is_empty());
    let rows = f.store.last_year_review(next).unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.review.is_none()));
    assert_eq!(f.store.annual_counts(next).unwrap().last_year_items, 3);

    // Reviews of a frozen (approved) last-year plan are this year's record: allowed.
    let road = review(Progress::Done, 100, 50_000_000, 120);
    let well = review(Progress::UnderWay, 60, 10_000_000, 30);
    let mut idle = review(Progress::NotStarted, 0, 0, 0);
    idle.quality = None;
    idle.spending = Spending::default();
    f.store.set_review(next, items[0], &road).unwrap();
    f.store.set_review(next, items[1], &well).unwrap();
    f.store.set_review(next, items[2], &idle).unwrap();
    let rows = f.store.last_year_review(next).unwrap();
    assert_eq!(rows[0].review.as_ref(), Some(&road));
    assert_eq!(rows[1].review.as_ref(), Some(&well));
    assert_eq!(rows[2].review.as_ref(), Some(&idle));
    assert_eq!(rows[0].item.id, items[0]);
    assert_eq!(f.store.annual_counts(next).unwrap().reviews, 3);
    let facts = f.store.cycle_facts(next).unwrap().annual;
    assert_eq!((facts.reviews, facts.last_year_items), (3, 3));
    assert!(!facts.approved);
    let last_year = f.store.cycle_facts(f.cycle).unwrap().annual;
    assert_eq!((last_year.part_one, last_year.part_two), (2, 1));
    assert!(last_year.approved);

    // Replacing a review keeps one row and audit-logs the changed fields.
    let mut road2 = road.clone();
    road2.spending.set(Source::PeopleLand, 300);
    f.store.set_review(next, items[0], &road2).unwrap();
    assert_eq!(f.store.annual_counts(next).unwrap().reviews, 3);
    let log = f.store.audit_log().unwrap();
    assert!(log.iter().any(|e| e.entity == "annual_review"
        && e.field == format!("item:{}.people_land_m2", items[0].0)
        && e.new_value.as_deref() == Some("300")));

    let totals = f.store.review_totals(next).unwrap();
    let by_hand = totals_by_source(&[road2.spending, well.spending, idle.spending]);
    assert_eq!(totals, by_hand);
    assert_eq!(totals.state, 60_000_000);
    assert_eq!(totals.people_labour_days, 150);
    assert_eq!(totals.people_land_m2, 300);
    assert_eq!(totals.donor, 2_000_000);

    // Editing last year's items stays refused.
    assert_eq!(
        refused(f.store.set_annual_part(items[0], Part::Two, None)),
        "annual.err.frozen"
    );
    // Only last year's items can be reviewed; 2026 cannot review its own items.
    assert_eq!(
        refused(f.store.set_review(f.cycle, items[0], &road)),
        "annual.err.not_last_year"
    );
    let own = f
        .store
        .select_for_annual(next, f.acts[3], Part::One, None)
        .unwrap();
    assert_eq!(
        refused(f.store.set_review(next, own, &road)),
        "annual.err.not_last_year"
    );
    assert!(matches!(
        f.store.set_review(next, AnnualItemId(9_999), &road),
        Err(StoreError::NotFound)
    ));
    // A reviewed item cannot be removed even after reopening last year's plan.
    f.store.reopen_annual(f.cycle, "sửa").unwrap();
    assert_eq!(
        refused(f.store.remove_annual_item(items[0])),
        "annual.err.item_reviewed"
    );
}

#[test]
fn impossible_review_figures_are_refused_and_nothing_is_lost() {
    let (mut f, next, items) = two_years();
    let good = review(Progress::UnderWay, 50, 1, 1);
    f.store.set_review(next, items[0], &good).unwrap();
    let mut over = good.clone();
    over.percent = 101;
    assert_eq!(
        refused(f.store.set_review(next, items[0], &over)),
        "annual.err.bad_review"
    );
    let mut negative = good.clone();
    negative.spending.donor = -5;
    assert_eq!(
        refused(f.store.set_review(next, items[0], &negative)),
        "annual.err.bad_review"
    );
    assert_eq!(
        f.store.last_year_review(next).unwrap()[0].review,
        Some(good)
    );
    // The form itself refuses them first.
    let draft = ReviewDraft {
        progress: Some(Progress::UnderWay),
        percent: "120".into(),
        quality: Some(Quality::Fair),
        ..ReviewDraft::default()
    };
    assert!(draft.validate().is_err());
}

#[test]
fn year_summary_round_trip() {
    let mut f = fixture();
    assert_eq!(
        f.store.year_summary(f.cycle).unwrap(),
        YearSummary::default()
    );
    let s = YearSummary {
        advantages: "Giá cà phê tăng".into(),
        difficulties: "Hạn hán đầu mùa".into(),
        production_results: "Cà phê 2,8 tấn/ha".into(),
    };
    f.store.set_year_summary(f.cycle, &s).unwrap();
    assert_eq!(f.store.year_summary(f.cycle).unwrap(), s);
    let mut s2 = s.clone();
    s2.difficulties = "Hạn hán, sâu bệnh".into();
    f.store.set_year_summary(f.cycle, &s2).unwrap();
    assert_eq!(f.store.year_summary(f.cycle).unwrap(), s2);
    let changes: Vec<_> = f
        .store
        .audit_log()
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "annual_summary")
        .collect();
    assert_eq!(changes.len(), 4);
    assert!(matches!(
        f.store.set_year_summary(CycleId(999), &s),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn everything_survives_reopening_the_file() {
    let (mut f, next, items) = two_years();
    f.store
        .set_review(next, items[0], &review(Progress::Done, 100, 7, 8))
        .unwrap();
    let path = f.path.clone();
    drop(f.store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.annual_items(CycleId(1)).unwrap().len(), 3);
    assert!(store.is_annual_frozen(CycleId(1)).unwrap());
    assert_eq!(
        store.last_year_review(next).unwrap()[0]
            .review
            .as_ref()
            .map(|r| r.spending.state),
        Some(7)
    );
}

// ------------------------------------------------------------------ migration, strings

#[test]
fn a_version_4_database_gains_the_annual_tables_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    let before = 4;
    {
        let mut conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..before] {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(sql).unwrap();
            tx.commit().unwrap();
        }
        conn.pragma_update(None, "user_version", u32::try_from(before).unwrap())
            .unwrap();
        conn.execute_batch(
            "INSERT INTO communes (id, name) VALUES (1, 'Ea Tiêu');
             INSERT INTO villages (id, commune_id, name, kind) VALUES (1, 1, 'Buôn Kram', 'buon');
             INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
               VALUES (1, 1, 2026, 2026, 5);
             INSERT INTO activities (id, cycle_id, name, sector, category, quantity, unit, time,
               location, responsible, labour_days)
               VALUES (1, 1, 'Bê tông hoá đường', 'infrastructure', 'construction', 1, 'km',
                 '2026', 'Buôn Kram', 'Ban tự quản', 100);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).expect("migrate from v4");
    assert_eq!(
        store.schema_version().unwrap(),
        kehoach::store::SCHEMA_VERSION
    );
    assert!(store.integrity_ok().unwrap());
    assert_eq!(store.activities(CycleId(1)).unwrap().len(), 1);
    let id = store
        .select_for_annual(CycleId(1), ActivityId(1), Part::One, None)
        .unwrap();
    assert_eq!(
        store.annual_item(id).unwrap().activity.fields.name,
        "Bê tông hoá đường"
    );
    let conn = Connection::open(&path).unwrap();
    for table in [
        "annual_items",
        "annual_scores",
        "annual_reviews",
        "annual_summaries",
        "annual_approvals",
    ] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "{table}");
    }
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".bak"))
        })
        .count();
    assert_eq!(backups, 1, "a backup is written before migrating");
}

#[test]
fn every_refusal_has_strings_in_both_languages() {
    for key in ANNUAL_ERROR_KEYS {
        assert!(kehoach::i18n::has(key), "missing i18n key {key}");
    }
}
