//! Correcting the assessment record from the keyboard: rename a sub-group (`r`), delete a
//! sub-group, a finding or a proposed activity (`x`, then a yes). Each deletion asks first,
//! a "no" changes nothing, and the store's refusals (a sub-group with records, an activity
//! of an approved plan) reach the facilitator as a clear line.

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, demo_app_with, keys, open_demo_step, press, screen, type_text};
use kehoach::domain::CycleId;
use kehoach::i18n::Lang;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// The assessment step is step 3 of the cycle screen.
const ASSESSMENT: usize = 3;

fn demo_cycle(app: &App) -> CycleId {
    let store = app.store();
    let commune = &store.communes().expect("communes")[0];
    let village = &store.villages(commune.id).expect("villages")[0];
    store
        .cycles(village.id)
        .expect("cycles")
        .into_iter()
        .find(|c| c.year == kehoach::demo::DEMO_YEAR)
        .expect("demo year")
        .id
}

/// The demo with its plan reopened, so activities may change.
fn reopened_demo() -> App {
    demo_app_with(Lang::Vi, |store, cycle| {
        if store.is_plan_frozen(cycle).expect("frozen?") {
            store.reopen_plan(cycle, "sửa đánh giá").expect("reopen");
        }
    })
}

#[test]
fn a_sub_group_is_renamed_with_r() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let first = app.store().subgroups(cycle).expect("groups")[0].clone();
    keys(&mut app, &[KeyCode::F(4), KeyCode::Char('r')]);
    assert!(screen(&app, 80, 24).contains("Đổi tên nhóm"));
    for _ in 0..first.name.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Nhóm Trồng trọt");
    press(&mut app, KeyCode::Enter);
    let renamed = app.store().subgroups(cycle).expect("groups")[0].clone();
    assert_eq!(renamed.id, first.id);
    assert_eq!(renamed.name, "Nhóm Trồng trọt");
    assert!(screen(&app, 80, 24).contains("Nhóm Trồng trọt"));
}

#[test]
fn a_sub_group_with_findings_is_not_deleted_and_says_why() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let before = app.store().subgroups(cycle).expect("groups");
    keys(&mut app, &[KeyCode::F(4), KeyCode::Char('x')]);
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("Xác nhận"), "{asked}");
    assert!(asked.contains(&before[0].name), "{asked}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store().subgroups(cycle).expect("groups"), before);
    let told = screen(&app, 80, 24);
    assert!(!told.contains("Xác nhận"), "{told}");
    assert!(told.contains("Nhóm đã có kết quả đánh giá"), "{told}");
}

#[test]
fn an_empty_sub_group_is_deleted_after_yes_and_kept_after_no() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let before = app.store().subgroups(cycle).expect("groups").len();
    keys(&mut app, &[KeyCode::F(4), KeyCode::Char('a')]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.store().subgroups(cycle).expect("groups").len(),
        before + 1
    );
    for _ in 0..before {
        press(&mut app, KeyCode::Down);
    }
    keys(&mut app, &[KeyCode::Char('x'), KeyCode::Char('n')]);
    assert_eq!(
        app.store().subgroups(cycle).expect("groups").len(),
        before + 1
    );
    keys(&mut app, &[KeyCode::Char('x'), KeyCode::Char('y')]);
    assert_eq!(app.store().subgroups(cycle).expect("groups").len(), before);
}

#[test]
fn a_finding_is_deleted_after_yes() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let before = app.store().findings(cycle).expect("findings");
    assert!(!before.is_empty(), "the demo records findings");
    keys(&mut app, &[KeyCode::F(5), KeyCode::Char('x')]);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.store().findings(cycle).expect("findings"), before);
    keys(&mut app, &[KeyCode::Char('x'), KeyCode::Char('y')]);
    let after = app.store().findings(cycle).expect("findings");
    assert_eq!(after.len() + 1, before.len());
}

#[test]
fn an_activity_of_an_approved_plan_is_kept_with_a_clear_line() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let before = app.store().activities(cycle).expect("activities");
    keys(&mut app, &[KeyCode::F(6), KeyCode::Char('x')]);
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("Xác nhận"), "{asked}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store().activities(cycle).expect("activities"), before);
    let told = screen(&app, 80, 24);
    assert!(!told.contains("Xác nhận"), "{told}");
    assert!(
        told.contains("Kế hoạch trung hạn 2026 đã được thông qua (bản 1)"),
        "{told}"
    );
    assert!(
        told.contains("bản cũ vẫn được") && told.contains("giữ."),
        "a long message wraps instead of being cut at 80 columns:\n{told}"
    );
}

#[test]
fn an_activity_is_deleted_after_yes_once_the_plan_is_reopened() {
    let mut app = reopened_demo();
    open_demo_step(&mut app, ASSESSMENT);
    let cycle = demo_cycle(&app);
    let before = app.store().activities(cycle).expect("activities");
    keys(
        &mut app,
        &[KeyCode::F(6), KeyCode::Delete, KeyCode::Char('y')],
    );
    let after = app.store().activities(cycle).expect("activities");
    assert_eq!(after.len() + 1, before.len());
}

#[test]
fn the_question_follows_the_language() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ASSESSMENT);
    keys(
        &mut app,
        &[KeyCode::F(6), KeyCode::Char('x'), KeyCode::F(2)],
    );
    let text = screen(&app, 80, 24);
    assert!(text.contains("Its scores are deleted"), "{text}");
}
