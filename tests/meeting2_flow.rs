//! Village meeting 2 driven through the app on an in-memory store: both groups' votes for
//! ten activities typed fast, the combined ranking on screen equal to `combine`, the
//! method lock, approval freezing the plan and reopening only with a reason.

#![allow(clippy::unwrap_used)]

mod meeting2_support;

use kehoach::domain::scoring::{Group, Method, combine, draft_ranks, rank_matrix};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use meeting2_support::*;
use ratatui::crossterm::event::KeyCode;

const MEN: [u32; 10] = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
const WOMEN: [u32; 10] = [0, 1, 2, 3, 4, 5, 6, 4, 2, 1];

/// Opens meeting 2 and enters both groups: 20 men and 10 women with 3 votes each.
fn scored_app() -> (App, kehoach::domain::CycleId) {
    let (store, cycle) = store_with_activities();
    let mut app = open_meeting2(store, Lang::Vi);
    group_details(&mut app, 20, 3, "Y Kim Niê");
    enter_values(&mut app, &MEN);
    press(&mut app, KeyCode::F(5));
    group_details(&mut app, 10, 3, "H'Blưm Êban");
    enter_values(&mut app, &WOMEN);
    (app, cycle)
}

/// The activity names of the results table, top to bottom.
fn shown_order(app: &App) -> Vec<String> {
    let shown = text(app);
    let mut order = Vec::new();
    for line in shown.lines() {
        if let Some(name) = ACTIVITIES.iter().find(|n| line.contains(*n)) {
            order.push(name.to_string());
        }
    }
    order
}

fn expected_order(store: &Store, cycle: kehoach::domain::CycleId) -> Vec<String> {
    let draft = draft_ranks(&rank_matrix(&store.matrix_rows(cycle).unwrap()));
    let combined = combine(
        &store.group_result(cycle, Group::Men).unwrap(),
        &store.group_result(cycle, Group::Women).unwrap(),
        &draft,
        store.scoring_settings(cycle).unwrap().method,
    );
    let activities = store.activities(cycle).unwrap();
    combined
        .order()
        .iter()
        .map(|k| {
            let a = activities.iter().find(|a| a.id.0 == *k).unwrap();
            a.fields.name.clone()
        })
        .collect()
}

#[test]
fn typed_votes_are_saved_and_the_combined_ranking_matches_combine() {
    let (mut app, cycle) = scored_app();
    let store = app.store();
    let men = store.group_result(cycle, Group::Men).unwrap();
    let women = store.group_result(cycle, Group::Women).unwrap();
    let activities = store.activities(cycle).unwrap();
    let keys: Vec<i64> = activities.iter().map(|a| a.id.0).collect();
    let men_points: Vec<u64> = MEN.iter().map(|&v| u64::from(v)).collect();
    let women_points: Vec<u64> = WOMEN.iter().map(|&v| u64::from(v)).collect();
    assert_eq!(men.points(&keys), men_points);
    assert_eq!(women.points(&keys), women_points);
    press(&mut app, KeyCode::F(6));
    let expected = expected_order(app.store(), cycle);
    assert_eq!(shown_order(&app), expected);
    assert_ne!(expected[0], ACTIVITIES[0], "women's votes move the ranking");
}

#[test]
fn method_changes_freely_before_scoring_and_needs_a_reason_after() {
    let (store, cycle) = store_with_activities();
    let mut app = open_meeting2(store, Lang::En);
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(
        app.store().scoring_settings(cycle).unwrap().method,
        Method::Borda
    );
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(
        app.store().scoring_settings(cycle).unwrap().method,
        Method::EqualWeight
    );
    press(&mut app, KeyCode::F(4));
    group_details(&mut app, 5, 3, "");
    enter_values(&mut app, &[2]);
    assert!(app.store().scoring_settings(cycle).unwrap().locked);
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('p'));
    assert!(text(&app).contains("write why the setting changes"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store().scoring_settings(cycle).unwrap().method,
        Method::EqualWeight,
        "an empty reason changes nothing"
    );
    type_text(&mut app, "Họp thống nhất dùng Borda");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store().scoring_settings(cycle).unwrap().method,
        Method::Borda
    );
}

#[test]
fn approval_freezes_the_plan_and_reopening_needs_a_reason() {
    let (mut app, cycle) = scored_app();
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('a'));
    // No one is registered at meeting 2: closing below 30% women asks for a reason.
    type_text(&mut app, "Điểm danh trên giấy");
    press(&mut app, KeyCode::Enter);
    assert!(app.store().is_plan_frozen(cycle).unwrap());
    let plan = app.store().latest_plan(cycle).unwrap().unwrap();
    let names: Vec<String> = plan
        .activities
        .iter()
        .map(|a| a.fields.name.clone())
        .collect();
    assert_eq!(names, expected_order(app.store(), cycle));
    assert_eq!(shown_order(&app), names);

    press(&mut app, KeyCode::F(4));
    type_text(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert!(
        text(&app).contains("đã thông qua và chốt"),
        "{}",
        text(&app)
    );

    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.store().is_plan_frozen(cycle).unwrap(),
        "no reason, no reopening"
    );
    type_text(&mut app, "Xã yêu cầu bổ sung");
    press(&mut app, KeyCode::Enter);
    assert!(!app.store().is_plan_frozen(cycle).unwrap());
}

#[test]
fn ranking_mode_refuses_a_repeated_position_and_go_to_jumps_to_a_row() {
    let (store, cycle) = store_with_activities();
    let mut app = open_meeting2(store, Lang::En);
    group_details(&mut app, 5, 3, "");
    press(&mut app, KeyCode::Char('v'));
    assert!(
        text(&app).contains("Scoring: Direct ranking"),
        "{}",
        text(&app)
    );
    enter_values(&mut app, &[1, 2]);
    type_text(&mut app, "2");
    assert!(text(&app).contains("Position 2 is already given to another activity"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('g'));
    type_text(&mut app, "10");
    press(&mut app, KeyCode::Enter);
    enter_values(&mut app, &[3]);
    let last = app.store().activities(cycle).unwrap()[9].id.0;
    let result = app.store().group_result(cycle, Group::Men).unwrap();
    assert_eq!(result.mode(), kehoach::domain::scoring::InputMode::Ranking);
    let kehoach::domain::scoring::GroupInput::Ranking { positions } = result.input else {
        panic!("ranking expected");
    };
    assert!(positions.contains(&(last, 3)), "{positions:?}");
    assert_eq!(positions.len(), 3);
}
