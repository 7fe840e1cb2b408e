//! The working group's check panel keeps every failed check in view at 80x24, however
//! many fail: the failed ones shorten to what is missing and the passed ones are counted
//! (issue 16).

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use driver::{keys, press, screen, type_text};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

/// Meeting 1 with three men elected and the chair named (so the leader hint shows too).
fn three_men_elected(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    meeting2_support::fill(&mut store);
    let mut app = App::new(store, lang, Theme::mono()).unwrap();
    keys(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ],
    );
    press(&mut app, KeyCode::F(3));
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "Y Khu Niê Trưởng Ban Tự Quản Buôn Kram");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(4));
    for name in ["Y Khu Niê", "Nguyễn Văn Hùng", "Y Bhin Mlô"] {
        type_text(&mut app, name);
        keys(
            &mut app,
            &[KeyCode::Tab, KeyCode::Char('1'), KeyCode::Enter],
        );
    }
    press(&mut app, KeyCode::F(5));
    for _ in 0..3 {
        keys(&mut app, &[KeyCode::Char(' '), KeyCode::Down]);
    }
    app
}

#[test]
fn every_failed_check_stays_in_view_at_80x24() {
    for (lang, name, leader, core, passed) in [
        (
            Lang::Vi,
            "wg_checks_fit_vi",
            "Chưa chọn tổ trưởng",
            "một nông dân",
            "điều kiện khác đã đạt",
        ),
        (
            Lang::En,
            "wg_checks_fit_en",
            "No leader chosen",
            "core",
            "other checks met",
        ),
    ] {
        let app = three_men_elected(lang);
        let shown = screen(&app, 80, 24);
        let failed = shown.matches('✗').count();
        assert!(failed >= 7, "{failed} failed checks shown:\n{shown}");
        for needle in [leader, core, passed] {
            assert!(shown.contains(needle), "{needle}:\n{shown}");
        }
        insta::assert_snapshot!(name, shown);
    }
}

#[test]
fn the_chair_saved_in_the_same_visit_is_suggested_as_leader() {
    for (lang, hint) in [
        (Lang::Vi, "Gợi ý tổ trưởng: Y Khu Niê"),
        (Lang::En, "Suggested leader: Y Khu Niê"),
    ] {
        let mut store = Store::open_in_memory().unwrap();
        meeting2_support::fill(&mut store);
        let mut app = meeting2_support::open_step(store, lang, 2);
        press(&mut app, KeyCode::F(3));
        keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
        type_text(&mut app, "Y Khu Niê");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::F(5));
        let shown = screen(&app, 80, 24);
        assert!(shown.contains(hint), "{shown}");
    }
}
