//! F2 with a form open (issue 12, item 5): forms keep i18n keys and translate when
//! drawn, so every open form follows the language switch. Each test opens one kind of
//! form in Vietnamese, types into it, gets an error shown, presses F2, and finds the
//! title or label, the error in English and what was typed still there.

#[path = "common/app.rs"]
mod driver;

use driver::{
    demo_app, demo_app_with, fresh_cycle_app, keys, open_cycle_step, open_demo_step, press, screen,
    type_text,
};
use kehoach::domain::CycleId;
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// Checks the open form in Vietnamese (the i18n keys of titles or labels, of the error
/// shown, and the text typed), presses F2 and checks it again in English.
fn follows_f2(app: &mut App, labels: &[&str], error: &str, typed: &str) {
    let before = screen(app, 80, 24);
    assert_in(&before, labels, error, Lang::Vi);
    assert!(before.contains(typed), "typed:\n{before}");
    press(app, KeyCode::F(2));
    let after = screen(app, 80, 24);
    assert_in(&after, labels, error, Lang::En);
    assert!(
        !after.contains(&t(Lang::Vi, error)),
        "the Vietnamese error is gone:\n{after}"
    );
    assert!(after.contains(typed), "what was typed stays:\n{after}");
}

fn assert_in(text: &str, labels: &[&str], error: &str, lang: Lang) {
    for key in labels {
        let label = t(lang, key);
        assert!(text.contains(&label), "{lang:?} {key} = {label}:\n{text}");
    }
    // A long error is cut at the form's edge: its start is enough.
    let start: String = t(lang, error).chars().take(20).collect();
    let error = format!("✗ {start}");
    assert!(text.contains(&error), "{lang:?} {error}:\n{text}");
}

/// The demo with a fresh cycle for the year after its plan, opened on its annual step.
fn next_year_annual() -> App {
    let mut next = None;
    let mut app = demo_app_with(Lang::Vi, |store: &mut Store, cycle| {
        let village = store.cycle(cycle).expect("cycle").village_id;
        let latest = store.cycles(village).expect("cycles")[0].id;
        next = Some(store.create_next_cycle(latest).expect("next year").id);
    });
    let next: CycleId = next.expect("created");
    open_cycle_step(&mut app, next, 6);
    app
}

/// The demo on step `n` after `keys` opened a form whose focused field then holds `typed`,
/// submitted with Enter.
fn demo_form(n: usize, opening: &[KeyCode], typed: &str) -> App {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, n);
    keys(&mut app, opening);
    clear_field(&mut app);
    type_text(&mut app, typed);
    press(&mut app, KeyCode::Enter);
    app
}

/// Deletes what a prefilled field holds.
fn clear_field(app: &mut App) {
    for _ in 0..80 {
        press(app, KeyCode::Backspace);
    }
}

#[test]
fn the_annual_approval_follows_f2() {
    let mut app = next_year_annual();
    keys(
        &mut app,
        &[KeyCode::F(5), KeyCode::Char('1'), KeyCode::F(8)],
    );
    type_text(&mut app, "25/05/2028");
    press(&mut app, KeyCode::Enter);
    let labels = ["ann.approve_title", "ann.votes_for"];
    let error = "ann.err.votes";
    let typed = "25/05/2028";
    follows_f2(&mut app, &labels, error, typed);
}

#[test]
fn the_review_of_last_year_follows_f2() {
    let mut app = next_year_annual();
    keys(
        &mut app,
        &[KeyCode::F(4), KeyCode::Enter, KeyCode::Char('2')],
    );
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "150");
    press(&mut app, KeyCode::Enter);
    let labels = ["ann.progress", "ann.percent"];
    let error = "annual.err.percent_above_100";
    follows_f2(&mut app, &labels, error, "150");
}

#[test]
fn a_new_annual_activity_follows_f2() {
    let mut app = next_year_annual();
    keys(&mut app, &[KeyCode::F(5), KeyCode::Char('a')]);
    type_text(&mut app, "Sửa cầu treo");
    press(&mut app, KeyCode::Enter);
    let labels = ["ann.new_title", "ann.new_reason"];
    let error = "reason.required";
    follows_f2(&mut app, &labels, error, "Sửa cầu treo");
}

/// The demo's assessment (step 3 of its 2026 cycle).
fn assessment() -> App {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 3);
    app
}

#[test]
fn the_assessment_activity_form_follows_f2() {
    let mut app = assessment();
    keys(&mut app, &[KeyCode::F(6), KeyCode::Char('a')]);
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "-3");
    press(&mut app, KeyCode::Enter);
    let labels = ["assess.activity_form"];
    let error = "activity.error.name_required";
    follows_f2(&mut app, &labels, error, "-3");
}

#[test]
fn the_sub_group_form_follows_f2() {
    let mut app = assessment();
    keys(&mut app, &[KeyCode::F(4), KeyCode::Char('a')]);
    clear_field(&mut app);
    type_text(&mut app, "Nhóm thanh niên");
    let before = screen(&app, 80, 24);
    assert!(
        before.contains(&t(Lang::Vi, "assess.group_new")),
        "{before}"
    );
    press(&mut app, KeyCode::F(2));
    let after = screen(&app, 80, 24);
    for key in ["assess.group_new", "assess.group_name"] {
        assert!(after.contains(&t(Lang::En, key)), "{key}:\n{after}");
    }
    assert!(after.contains("Nhóm thanh niên"), "{after}");
}

#[test]
fn the_conference_change_follows_f2() {
    let mut app = demo_app(Lang::Vi);
    keys(
        &mut app,
        &[KeyCode::Char('g'), KeyCode::Left, KeyCode::Enter],
    );
    keys(&mut app, &[KeyCode::Char('c'), KeyCode::Char('4')]);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "333");
    press(&mut app, KeyCode::Enter);
    let labels = [
        "conference.screen.change_title",
        "conference.field.value",
        "conference.short.quantity",
    ];
    let error = "conference.err.no_reason";
    follows_f2(&mut app, &labels, error, "333");
}

#[test]
fn the_export_form_follows_f2() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 7);
    type_text(&mut app, "1234");
    press(&mut app, KeyCode::Tab);
    clear_field(&mut app);
    type_text(&mut app, "/tmp/usb");
    press(&mut app, KeyCode::Enter);
    let labels = ["exp.formats", "exp.folder", "exp.privacy", "exp.full"];
    let error = "exp.err.no_format";
    follows_f2(&mut app, &labels, error, "/tmp/usb");
}

#[test]
fn the_meeting_2_group_details_follow_f2() {
    let mut app = demo_form(5, &[KeyCode::F(4), KeyCode::Char('e')], "abc");
    let labels = ["m2.form.members", "m2.form.votes_each"];
    let error = "scoring.err.not_a_number";
    follows_f2(&mut app, &labels, error, "abc");
}

#[test]
fn a_preparation_figure_follows_f2() {
    let mut app = demo_form(1, &[KeyCode::Enter], "abc");
    let labels = ["prep.col.value", "prep.col.source"];
    let error = "number.err.not_a_number";
    follows_f2(&mut app, &labels, error, "abc");
}

#[test]
fn the_meeting_record_follows_f2() {
    let mut app = demo_form(2, &[KeyCode::F(3)], "31/02");
    let labels = ["rec.title", "rec.place", "rec.announced"];
    follows_f2(&mut app, &labels, "err.date", "31/02");
}

#[test]
fn the_working_group_range_follows_f2() {
    let mut app = fresh_cycle_app(Lang::Vi);
    keys(&mut app, &[KeyCode::Down, KeyCode::Enter, KeyCode::F(5)]);
    press(&mut app, KeyCode::Char('r'));
    clear_field(&mut app);
    type_text(&mut app, "000");
    press(&mut app, KeyCode::Enter);
    let labels = ["wg.range_title", "wg.range_min"];
    follows_f2(&mut app, &labels, "err.range", "000");
}

#[test]
fn the_scoring_scale_follows_f2() {
    let mut app = demo_form(4, &[KeyCode::Char('s')], "099");
    let labels = ["wgm.scale_title", "wgm.scale_min"];
    follows_f2(&mut app, &labels, "wgm.err.scale", "099");
}

#[test]
fn a_new_commune_form_follows_f2() {
    let mut app = demo_app(Lang::Vi);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Cư Kuin");
    press(&mut app, KeyCode::Enter);
    let labels = ["form.new_commune", "field.district"];
    let error = "err.name_empty";
    follows_f2(&mut app, &labels, error, "Cư Kuin");
}

#[test]
fn the_findings_editor_error_follows_f2() {
    let mut app = assessment();
    keys(&mut app, &[KeyCode::F(5), KeyCode::Enter, KeyCode::Tab]);
    for _ in 0..6 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::F(9));
    follows_f2(&mut app, &["assess.minutes"], "assess.err.minutes", "abc");
}

#[test]
fn a_refusal_under_meeting_2_results_follows_f2() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 5);
    // The demo's plan is approved: choosing another method is refused in place.
    keys(&mut app, &[KeyCode::F(6), KeyCode::Char('p')]);
    follows_f2(&mut app, &[], "m2.err.frozen", "");
}
