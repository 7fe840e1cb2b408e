//! The working-group meeting (medium-term step 3): matrix scoring saves each digit at
//! once and moves down, ranks update live, the draft plan (form 3) is ordered by total,
//! the women's criterion is prefilled, bad scores get a clear message, and the screens
//! at 80x24 in both languages.

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, demo_app_with, keys, open_demo_step, press, screen, type_text};
use kehoach::domain::scoring::{Criterion, rank_matrix};
use kehoach::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// The demo with its official plan reopened, so the draft can be scored again.
fn open_demo(lang: Lang) -> kehoach::tui::app::App {
    demo_app_with(lang, |store, cycle| {
        if store.is_plan_frozen(cycle).expect("frozen?") {
            store
                .reopen_plan(cycle, "chấm lại để kiểm thử")
                .expect("reopen");
        }
    })
}

fn first_cycle(app: &kehoach::tui::app::App) -> kehoach::domain::CycleId {
    let store = app.store();
    let commune = &store.communes().expect("communes")[0];
    let village = &store.villages(commune.id).expect("villages")[0];
    let cycles = store.cycles(village.id).expect("cycles");
    cycles
        .iter()
        .find(|c| c.year == kehoach::demo::DEMO_YEAR)
        .expect("demo year")
        .id
}

#[test]
fn typing_a_digit_saves_the_score_and_moves_down() {
    let mut app = open_demo(Lang::Vi);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    let activities = app.store().activities(cycle).expect("activities");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    let rows = app.store().matrix_rows(cycle).expect("rows");
    let score = |i: usize| {
        rows.iter()
            .find(|r| r.activity == activities[i].id.0)
            .and_then(|r| r.score(Criterion::Urgency))
    };
    assert_eq!(score(0), Some(1));
    assert_eq!(score(1), Some(2));
    assert!(screen(&app, 80, 24).contains("Đã lưu"));
}

#[test]
fn out_of_scale_and_letters_are_refused_without_saving() {
    let mut app = open_demo(Lang::Vi);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    let before = app.store().matrix_rows(cycle).expect("rows");
    press(&mut app, KeyCode::Char('7'));
    assert!(
        screen(&app, 80, 24).contains("Điểm"),
        "{}",
        screen(&app, 80, 24)
    );
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.store().matrix_rows(cycle).expect("rows"), before);
}

#[test]
fn clearing_a_cell_unranks_the_activity_and_the_draft_follows_totals() {
    let mut app = open_demo(Lang::En);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    press(&mut app, KeyCode::Delete);
    let ranked = rank_matrix(&app.store().matrix_rows(cycle).expect("rows"));
    let unranked = ranked.iter().filter(|r| r.rank.is_none()).count();
    assert_eq!(unranked, 1);
    let totals: Vec<u32> = ranked
        .iter()
        .filter(|r| r.rank.is_some())
        .map(|r| r.total)
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
}

#[test]
fn women_criterion_is_prefilled_from_the_activity_flag() {
    let mut app = open_demo(Lang::Vi);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    let rows = app.store().matrix_rows(cycle).expect("rows");
    for a in app.store().activities(cycle).expect("activities") {
        let row = rows.iter().find(|r| r.activity == a.id.0).expect("row");
        let expected = if a.fields.proposed_by_women { 5 } else { 1 };
        assert_eq!(
            row.score(Criterion::WomensProposal),
            Some(expected),
            "{}",
            a.fields.name
        );
    }
}

#[test]
fn jump_to_activity_by_number() {
    let mut app = open_demo(Lang::Vi);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    let activities = app.store().activities(cycle).expect("activities");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "10");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    let rows = app.store().matrix_rows(cycle).expect("rows");
    let tenth = rows
        .iter()
        .find(|r| r.activity == activities[9].id.0)
        .expect("row 10");
    assert_eq!(tenth.score(Criterion::Urgency), Some(2));
}

#[test]
fn an_approved_plan_refuses_new_scores_with_a_message() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 4);
    let cycle = first_cycle(&app);
    let before = app.store().matrix_rows(cycle).expect("rows");
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(app.store().matrix_rows(cycle).expect("rows"), before);
    assert!(
        screen(&app, 80, 24).contains("✗"),
        "{}",
        screen(&app, 80, 24)
    );
}

#[test]
fn snapshots_of_the_three_sections() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = open_demo(lang);
        open_demo_step(&mut app, 4);
        insta::assert_snapshot!(format!("wgm_matrix_{lang:?}"), screen(&app, 80, 24));
        press(&mut app, KeyCode::F(5));
        insta::assert_snapshot!(format!("wgm_draft_{lang:?}"), screen(&app, 80, 24));
        press(&mut app, KeyCode::F(3));
        insta::assert_snapshot!(format!("wgm_reports_{lang:?}"), screen(&app, 80, 24));
        keys(&mut app, &[KeyCode::F(4), KeyCode::Char('s')]);
        insta::assert_snapshot!(format!("wgm_scale_form_{lang:?}"), screen(&app, 80, 24));
    }
}
