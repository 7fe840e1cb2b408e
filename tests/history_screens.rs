//! Past cycles in the TUI (issue 7, part 2): the history screen of the demo's Thôn 3
//! (2026 open, 2025 closed), one year's activities with their evaluation, the comparison
//! of 2025 and 2026, a closed cycle opened read-only (every step opens, every edit is
//! refused with the clear message and changes nothing), and closing and reopening from
//! the home screen. Snapshots at 80x24 in both languages (monochrome theme, so they hold
//! text only); the app is driven through key events only.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, keys, press, screen, type_text};
use kehoach::domain::CycleId;
use kehoach::i18n::{Lang, t};
use kehoach::store::{HomeEntry, Store};
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// The home line of the first entry matching `pick`.
fn home_row(store: &Store, pick: impl Fn(&HomeEntry) -> bool) -> usize {
    store
        .home_entries()
        .unwrap()
        .iter()
        .position(pick)
        .expect("listed on home")
}

fn thon_3_row(store: &Store) -> usize {
    home_row(
        store,
        |e| matches!(e, HomeEntry::Village(v) if v.name == "Thôn 3"),
    )
}

/// The home line of `village`'s cycle of `year`.
fn cycle_row(store: &Store, village: &str, year: i32) -> (usize, CycleId) {
    let entries = store.home_entries().unwrap();
    let start = entries
        .iter()
        .position(|e| matches!(e, HomeEntry::Village(v) if v.name == village))
        .expect("village listed");
    entries
        .iter()
        .enumerate()
        .skip(start)
        .find_map(|(i, e)| match e {
            HomeEntry::Cycle { id, year: y, .. } if *y == year => Some((i, *id)),
            _ => None,
        })
        .expect("cycle listed")
}

fn down(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Down);
    }
}

/// From home, the history of Thôn 3 (its newest year, 2026, selected).
fn thon_3_history(lang: Lang) -> App {
    let mut app = demo_app(lang);
    let row = thon_3_row(app.store());
    down(&mut app, row);
    press(&mut app, KeyCode::Char('h'));
    app
}

/// Audit rows: any saved change adds at least one.
fn audit_len(app: &App) -> usize {
    app.store().audit_log().unwrap().len()
}

#[test]
fn history_of_a_village_vi() {
    let mut app = thon_3_history(Lang::Vi);
    insta::assert_snapshot!("history_years_vi", screen(&app, 80, 24));
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!("history_closed_year_vi", screen(&app, 80, 24));
}

#[test]
fn history_of_a_village_en() {
    let app = thon_3_history(Lang::En);
    insta::assert_snapshot!("history_years_en", screen(&app, 80, 24));
}

#[test]
fn a_past_years_activities_with_their_evaluation() {
    for (lang, name) in [
        (Lang::Vi, "history_year_2025_vi"),
        (Lang::En, "history_year_2025_en"),
    ] {
        let mut app = thon_3_history(lang);
        keys(&mut app, &[KeyCode::Down, KeyCode::Enter]);
        let shown = screen(&app, 80, 24);
        insta::assert_snapshot!(name, shown);
        // Every evaluation mark appears: done, under way, not started, not reviewed.
        for mark in ["✓ 100%", "◐ 60%", "○ 0%", "? "] {
            assert!(shown.contains(mark), "{mark} missing:\n{shown}");
        }
        press(&mut app, KeyCode::Esc);
        assert!(screen(&app, 80, 24).contains(&t(lang, "hist.col.period")));
    }
}

#[test]
fn comparing_two_years() {
    for (lang, name) in [
        (Lang::Vi, "history_compare_vi"),
        (Lang::En, "history_compare_en"),
    ] {
        // Nothing marked: c compares the selected year (2026) with the year before.
        let mut app = thon_3_history(lang);
        press(&mut app, KeyCode::Char('c'));
        let shown = screen(&app, 80, 24);
        insta::assert_snapshot!(name, shown);
        for key in ["rose", "fell", "appeared", "done", "dropped"] {
            let word: String = t(lang, &format!("hist.mv.{key}"))
                .split(' ')
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
                .replace("{0}", "");
            assert!(
                shown.contains(word.trim()),
                "{key} ({word}) missing:\n{shown}"
            );
        }
    }
    // Marking 2025 with Space, then c on 2026, gives the same comparison (earlier left).
    let mut app = thon_3_history(Lang::Vi);
    let unmarked = {
        press(&mut app, KeyCode::Char('c'));
        let s = screen(&app, 80, 24);
        press(&mut app, KeyCode::Esc);
        s
    };
    keys(&mut app, &[KeyCode::Down, KeyCode::Char(' '), KeyCode::Up]);
    assert!(screen(&app, 80, 24).contains("◆ Đã chọn năm 2025"));
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(screen(&app, 80, 24), unmarked);
    // The same year twice is refused with a message.
    keys(&mut app, &[KeyCode::Esc, KeyCode::Down, KeyCode::Char('c')]);
    assert!(screen(&app, 80, 24).contains(&t(Lang::Vi, "hist.cmp.same_year")));
}

#[test]
fn the_oldest_year_alone_has_nothing_to_compare_with() {
    let mut app = thon_3_history(Lang::Vi);
    keys(&mut app, &[KeyCode::Down, KeyCode::Char('c')]);
    assert!(screen(&app, 80, 24).contains(&t(Lang::Vi, "hist.cmp.no_earlier")));
}

#[test]
fn left_and_right_move_between_villages_and_esc_goes_home() {
    let mut app = thon_3_history(Lang::Vi);
    press(&mut app, KeyCode::Right);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("◀ Buôn Kram ▶"), "{shown}");
    assert!(shown.contains("2027") && shown.contains("2026"), "{shown}");
    press(&mut app, KeyCode::Left);
    assert!(screen(&app, 80, 24).contains("◀ Thôn 3 ▶"));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains(&t(Lang::Vi, "home.list_title")));
}

#[test]
fn history_from_a_cycle_line_selects_that_year_and_g_opens_it_read_only() {
    let mut app = demo_app(Lang::Vi);
    let (row, _) = cycle_row(app.store(), "Thôn 3", 2025);
    down(&mut app, row);
    press(&mut app, KeyCode::Char('h'));
    assert!(screen(&app, 80, 24).contains("Kế hoạch năm 2025: 5 hoạt động phần 1"));
    press(&mut app, KeyCode::Char('g'));
    let shown = screen(&app, 80, 24);
    insta::assert_snapshot!("history_closed_cycle_vi", shown);
    assert!(shown.contains("[CHỈ XEM]"), "{shown}");
    // Esc from that cycle returns to the history, on the same year; Esc again goes home.
    press(&mut app, KeyCode::Esc);
    let back = screen(&app, 80, 24);
    assert!(
        back.contains("Kế hoạch năm 2025: 5 hoạt động phần 1"),
        "{back}"
    );
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("Trang chính"));
    // A cycle opened from home goes back home.
    down(&mut app, row);
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("[CHỈ XEM]"));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("Trang chính"));
}

#[test]
fn home_marks_a_closed_cycle_and_shows_the_cycle_keys() {
    let mut app = demo_app(Lang::Vi);
    let (row, _) = cycle_row(app.store(), "Thôn 3", 2025);
    down(&mut app, row);
    let shown = screen(&app, 80, 24);
    insta::assert_snapshot!("home_closed_cycle_vi", shown);
    assert!(
        shown.contains("Kỳ kế hoạch 2025 ■ đã đóng · chỉ xem"),
        "{shown}"
    );
    assert!(
        shown.contains("h Lịch sử") && shown.contains("o Đóng/mở kỳ"),
        "{shown}"
    );
}

/// Every step of the closed 2025 cycle opens without an error and shows the marker.
#[test]
fn every_step_of_a_closed_cycle_opens_read_only() {
    let mut app = demo_app(Lang::En);
    let (row, _) = cycle_row(app.store(), "Thôn 3", 2025);
    let before = audit_len(&app);
    for step in 1..=7 {
        down(&mut app, row);
        press(&mut app, KeyCode::Enter);
        down(&mut app, step - 1);
        press(&mut app, KeyCode::Enter);
        let shown = screen(&app, 80, 24);
        assert!(shown.contains("[READ-ONLY]"), "step {step}:\n{shown}");
        let status = shown.lines().nth(22).unwrap_or_default();
        assert!(
            !status.starts_with('✗'),
            "step {step} shows an error:\n{shown}"
        );
        for _ in 0..3 {
            press(&mut app, KeyCode::Esc);
        }
        press(&mut app, KeyCode::PageUp);
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(audit_len(&app), before, "reading wrote nothing");
}

/// Opens step `n` of Thôn 3's closed 2025 cycle.
fn closed_step(lang: Lang, n: usize) -> App {
    let mut app = demo_app(lang);
    let (row, _) = cycle_row(app.store(), "Thôn 3", 2025);
    down(&mut app, row);
    press(&mut app, KeyCode::Enter);
    down(&mut app, n - 1);
    press(&mut app, KeyCode::Enter);
    app
}

fn assert_refused(app: &App, before: usize, what: &str) {
    let shown = screen(app, 80, 24);
    let message = t(Lang::Vi, "hist.err.cycle_closed");
    assert!(shown.contains(&message), "{what}: no message:\n{shown}");
    assert_eq!(audit_len(app), before, "{what}: something was saved");
}

#[test]
fn edits_in_a_closed_cycle_show_the_message_and_change_nothing() {
    // Step 6: select an activity into part 1, score, approve: each refused.
    let mut app = closed_step(Lang::Vi, 6);
    let before = audit_len(&app);
    keys(&mut app, &[KeyCode::F(5), KeyCode::Char('2')]);
    assert_refused(&app, before, "annual selection");
    keys(&mut app, &[KeyCode::Tab, KeyCode::Char('x')]);
    assert_refused(&app, before, "annual removal");
    // Step 1: a basic-information figure (village data) opened from the closed cycle.
    let mut app = closed_step(Lang::Vi, 1);
    keys(&mut app, &[KeyCode::Enter]);
    type_text(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert_refused(&app, before, "figure");
    // Step 2: registering a person at meeting 1.
    let mut app = closed_step(Lang::Vi, 2);
    type_text(&mut app, "Y Bhin Niê");
    keys(
        &mut app,
        &[KeyCode::Tab, KeyCode::Char('1'), KeyCode::Enter],
    );
    assert_refused(&app, before, "attendance");
    // Step 4: a score in the working group's matrix.
    let mut app = closed_step(Lang::Vi, 4);
    keys(&mut app, &[KeyCode::F(4), KeyCode::Char('3')]);
    assert_refused(&app, before, "matrix score");
}

#[test]
fn closing_and_reopening_from_home() {
    let mut app = demo_app(Lang::Vi);
    let (row, cycle) = cycle_row(app.store(), "Buôn Kram", 2027);
    down(&mut app, row);
    press(&mut app, KeyCode::Char('o'));
    insta::assert_snapshot!("home_confirm_close_vi", screen(&app, 80, 24));
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.store().cycle(cycle).unwrap().closed, "n keeps it open");
    keys(&mut app, &[KeyCode::Char('o'), KeyCode::Char('y')]);
    assert!(app.store().cycle(cycle).unwrap().closed);
    assert!(screen(&app, 80, 24).contains("Kỳ kế hoạch 2027 ■ đã đóng · chỉ xem"));
    // The cycle screen says so too.
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(&t(Lang::Vi, "hist.cycle_banner")), "{shown}");
    press(&mut app, KeyCode::Esc);
    // Reopening asks for a reason; an empty one is refused.
    down(&mut app, row);
    press(&mut app, KeyCode::Char('o'));
    insta::assert_snapshot!("home_reopen_reason_vi", screen(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.store().cycle(cycle).unwrap().closed,
        "no reason, still closed"
    );
    type_text(&mut app, "Xã yêu cầu bổ sung hoạt động");
    press(&mut app, KeyCode::Enter);
    assert!(!app.store().cycle(cycle).unwrap().closed);
    assert_eq!(
        app.store().cycle_reopen_reason(cycle).unwrap().as_deref(),
        Some("Xã yêu cầu bổ sung hoạt động")
    );
    let log = app.store().audit_log().unwrap();
    assert!(log.iter().any(|e| e.entity == "cycle"
        && e.field == "reopen_reason"
        && e.new_value.as_deref() == Some("Xã yêu cầu bổ sung hoạt động")));
}

#[test]
fn close_on_a_village_line_asks_for_a_cycle() {
    let mut app = demo_app(Lang::Vi);
    let row = thon_3_row(app.store());
    down(&mut app, row);
    press(&mut app, KeyCode::Char('o'));
    assert!(screen(&app, 80, 24).contains(&t(Lang::Vi, "hist.need_cycle")));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Char('h'));
    assert!(screen(&app, 80, 24).contains(&t(Lang::Vi, "hist.need_village")));
}

#[test]
fn history_in_a_tiny_window_and_rendering_changes_nothing() {
    let mut app = thon_3_history(Lang::Vi);
    press(&mut app, KeyCode::Char('c'));
    let first = screen(&app, 80, 24);
    let before = audit_len(&app);
    let tiny = screen(&app, 20, 5);
    assert!(tiny.contains("20x5") || tiny.contains("20"), "{tiny}");
    for (w, h) in [(80, 24), (120, 40), (20, 5), (1, 1)] {
        let _ = screen(&app, w, h);
    }
    assert_eq!(screen(&app, 80, 24), first, "drawing changed the screen");
    assert_eq!(audit_len(&app), before);
}

#[test]
fn help_names_the_new_keys() {
    let mut app = demo_app(Lang::Vi);
    press(&mut app, KeyCode::Char('?'));
    let shown = screen(&app, 80, 24);
    insta::assert_snapshot!("home_help_vi", shown);
    assert!(
        shown.contains("h lịch sử") && shown.contains("o đóng kỳ"),
        "{shown}"
    );
    let mut app = thon_3_history(Lang::En);
    press(&mut app, KeyCode::Char('?'));
    let shown = screen(&app, 80, 24);
    insta::assert_snapshot!("history_help_en", shown);
    assert!(shown.contains("Space marks a year"), "{shown}");
    let mut app = thon_3_history(Lang::Vi);
    press(&mut app, KeyCode::Char('?'));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("ở năm sau)."),
        "the whole help fits:\n{shown}"
    );
}
