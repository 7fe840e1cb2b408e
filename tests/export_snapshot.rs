//! The export snapshot (schema 2) of the demo's two years: it carries form 3, the official
//! plan with men's, women's and combined ranks, form 4 and last year's review exactly as
//! the store holds them, and its JSON bundle round-trips without loss.

#![allow(clippy::unwrap_used)]

use kehoach::domain::CycleId;
use kehoach::domain::annual::Part;
use kehoach::domain::scoring::{Group, rank_matrix};
use kehoach::export::json::{read_json, to_json};
use kehoach::export::snapshot::SNAPSHOT_SCHEMA_VERSION;
use kehoach::export::{CycleSnapshot, ExportError};
use kehoach::store::Store;

/// The demo store with its 2026 (medium-term) and 2027 (annual) cycles.
fn demo() -> (Store, CycleId, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).expect("the demo has a second year");
    (store, first, next)
}

#[test]
fn form_3_is_the_working_groups_matrix_ranked() {
    let (store, first, _) = demo();
    let snap = store.cycle_snapshot(first).unwrap();
    let matrix = store.matrix_rows(first).unwrap();
    let ranked = rank_matrix(&matrix);
    assert!(!snap.draft_plan.is_empty());
    assert_eq!(snap.draft_plan.len(), ranked.len());
    for (row, want) in snap.draft_plan.iter().zip(&ranked) {
        assert_eq!(row.activity, want.activity);
        assert_eq!(row.rank, want.rank);
        assert_eq!(row.total, want.total);
        let cells = matrix.iter().find(|m| m.activity == row.activity).unwrap();
        assert_eq!(row.scores, cells.scores);
        assert!(
            snap.activities.iter().any(|a| a.id.0 == row.activity),
            "form 3 row {} names an activity of the snapshot",
            row.activity
        );
    }
    let settings = store.scoring_settings(first).unwrap();
    assert_eq!(snap.scale, (settings.scale.min, settings.scale.max));
}

#[test]
fn the_official_plan_keeps_both_groups_ranks() {
    let (store, first, _) = demo();
    let snap = store.cycle_snapshot(first).unwrap();
    let plan = snap.official_plan.expect("the demo approves its plan");
    let stored = store.latest_plan(first).unwrap().unwrap();
    assert_eq!(plan.made_in_year, kehoach::demo::DEMO_YEAR);
    assert_eq!(plan.version, stored.version);
    assert_eq!(plan.combined, stored.combined);
    assert_eq!(plan.activities, stored.activities);
    assert_eq!(
        plan.men.members,
        store.group_info(first, Group::Men).unwrap().members
    );
    assert_eq!(
        plan.women.members,
        store.group_info(first, Group::Women).unwrap().members
    );
    assert!(
        plan.combined
            .rows
            .iter()
            .any(|r| r.men_rank != r.women_rank),
        "the demo shows men and women disagreeing somewhere"
    );
    assert!(snap.meeting2.is_some(), "meeting 2's record is carried");
}

#[test]
fn the_next_year_carries_the_plan_over_with_form_4_and_the_review() {
    let (store, first, next) = demo();
    let snap = store.cycle_snapshot(next).unwrap();
    assert!(
        snap.draft_plan.is_empty(),
        "form 3 belongs to the year that made it"
    );
    let plan = snap.official_plan.as_ref().expect("carried over");
    assert_eq!(plan.made_in_year, kehoach::demo::DEMO_YEAR);

    let annual = snap
        .annual_plan
        .as_ref()
        .expect("the demo selects activities");
    let items = store.annual_items(next).unwrap();
    assert_eq!(annual.rows.len(), items.len());
    let parts: Vec<Part> = annual.rows.iter().map(|r| r.part).collect();
    let first_two = parts
        .iter()
        .position(|p| *p == Part::Two)
        .unwrap_or(parts.len());
    assert!(
        parts[first_two..].iter().all(|p| *p == Part::Two),
        "part 1 rows come before part 2 rows: {parts:?}"
    );
    assert!(annual.part(Part::Two).count() <= 2);
    for row in &annual.rows {
        let item = items.iter().find(|i| i.id == row.scoring.activity).unwrap();
        assert_eq!(item.activity, row.activity);
        assert_eq!(item.part, row.part);
    }
    assert!(
        annual.approval.is_some(),
        "the demo approves its annual plan"
    );

    let review = snap.review.as_ref().expect("2027 reviews 2026");
    assert_eq!(review.year, kehoach::demo::DEMO_YEAR);
    let stored = store.last_year_review(next).unwrap();
    assert_eq!(review.rows.len(), stored.len());
    for (row, want) in review.rows.iter().zip(&stored) {
        assert_eq!(row.activity, want.item.activity);
        assert_eq!(row.review, want.review);
    }
    assert_eq!(review.totals, store.review_totals(next).unwrap());
    assert_eq!(review.summary, store.year_summary(next).unwrap());

    let first_snap = store.cycle_snapshot(first).unwrap();
    assert!(
        first_snap.review.is_none(),
        "2026 has no earlier year to review"
    );
}

#[test]
fn both_years_round_trip_through_json_without_loss() {
    let (store, first, next) = demo();
    for cycle in [first, next] {
        for snap in [
            store.cycle_snapshot(cycle).unwrap(),
            store
                .cycle_snapshot(cycle)
                .unwrap()
                .without_personal_details(),
        ] {
            let back = read_json(&to_json(&snap)).unwrap();
            assert_eq!(back, snap);
        }
    }
}

#[test]
fn combined_scores_with_long_fractions_keep_their_checksum() {
    let (store, first, _) = demo();
    let mut snap = store.cycle_snapshot(first).unwrap();
    let plan = snap.official_plan.as_mut().unwrap();
    for (i, row) in plan.combined.rows.iter_mut().enumerate() {
        row.score = 1.0 / 3.0 + (i as f64) / 7.0 + 1e-13;
    }
    let back = read_json(&to_json(&snap)).unwrap();
    assert_eq!(back, snap);
}

/// A bundle as version 1 wrote it: no plan fields, checksum over that content.
fn version_one_bundle(snap: &CycleSnapshot) -> Vec<u8> {
    let mut content = serde_json::to_value(snap).unwrap();
    let map = content.as_object_mut().unwrap();
    for key in [
        "draft_plan",
        "scale",
        "meeting2",
        "official_plan",
        "annual_plan",
        "review",
    ] {
        map.remove(key);
    }
    map.insert("schema_version".into(), 1.into());
    let canonical = serde_json::to_vec(&content).unwrap();
    let sha: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&canonical)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    serde_json::to_vec(&serde_json::json!({
        "schema_version": 1,
        "sha256": sha,
        "content": content,
    }))
    .unwrap()
}

#[test]
fn a_version_one_bundle_still_reads() {
    let (store, first, _) = demo();
    let snap = store.cycle_snapshot(first).unwrap();
    let old = read_json(&version_one_bundle(&snap)).unwrap();
    assert_eq!(old.schema_version, 1);
    assert_eq!(old.village, snap.village);
    assert_eq!(old.activities, snap.activities);
    assert!(old.draft_plan.is_empty());
    assert!(old.official_plan.is_none());
    assert!(old.annual_plan.is_none());
    assert_eq!(old.scale, (1, 5));
}

#[test]
fn a_bundle_from_a_newer_kehoach_is_refused_by_name() {
    let (store, first, _) = demo();
    let snap = store.cycle_snapshot(first).unwrap();
    let mut bundle: serde_json::Value = serde_json::from_slice(&to_json(&snap)).unwrap();
    bundle["schema_version"] = (SNAPSHOT_SCHEMA_VERSION + 1).into();
    let bytes = serde_json::to_vec(&bundle).unwrap();
    match read_json(&bytes) {
        Err(ExportError::NewerSchema { found, supported }) => {
            assert_eq!(found, SNAPSHOT_SCHEMA_VERSION + 1);
            assert_eq!(supported, SNAPSHOT_SCHEMA_VERSION);
        }
        other => panic!("expected a newer-schema refusal, got {other:?}"),
    }
}
