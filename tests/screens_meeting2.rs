//! Village meeting 2 as the facilitator sees it: insta snapshots at 80x24 (monochrome, vi
//! and en) of a group's entry rows, the demo's results with differing men's and women's
//! ranks, and the over-capacity error shown while typing.

#![allow(clippy::unwrap_used)]

mod meeting2_support;

use kehoach::i18n::Lang;
use kehoach::store::Store;
use meeting2_support::*;
use ratatui::crossterm::event::KeyCode;

#[test]
fn group_entry() {
    for (lang, name) in [
        (Lang::Vi, "m2_group_entry_vi"),
        (Lang::En, "m2_group_entry_en"),
    ] {
        let (store, _) = store_with_activities();
        let mut app = open_meeting2(store, lang);
        group_details(&mut app, 12, 3, "Y Kim Niê");
        enter_values(&mut app, &[7, 0, 5, 3]);
        type_text(&mut app, "4");
        let shown = text(&app);
        assert!(shown.contains("Y Kim Niê"), "{shown}");
        assert!(shown.contains("15/36"), "{shown}");
        insta::assert_snapshot!(name, screen(&app));
    }
}

#[test]
fn empty_group_is_refused_inline() {
    let (store, _) = store_with_activities();
    let mut app = open_meeting2(store, Lang::En);
    type_text(&mut app, "3");
    let shown = text(&app);
    // Nobody is on meeting 2's register: it says so and what to do.
    assert!(
        shown.contains("Nobody of this group is on the register"),
        "{shown}"
    );
}

#[test]
fn over_capacity_error() {
    for (lang, name, message) in [
        (
            Lang::Vi,
            "m2_over_capacity_vi",
            "vượt quá 6 (2 người × 3 phiếu",
        ),
        (
            Lang::En,
            "m2_over_capacity_en",
            "more than 6 (2 people × 3 votes",
        ),
    ] {
        let (store, _) = store_with_activities();
        let mut app = open_meeting2(store, lang);
        press(&mut app, KeyCode::F(5));
        group_details(&mut app, 2, 3, "H'Blưm Êban");
        enter_values(&mut app, &[5]);
        type_text(&mut app, "4");
        press(&mut app, KeyCode::Enter);
        let shown = text(&app);
        assert!(shown.contains(message), "{shown}");
        assert!(shown.contains("5/6"), "not saved: {shown}");
        insta::assert_snapshot!(name, screen(&app));
    }
}

#[test]
fn results_with_differing_ranks() {
    for (lang, name) in [(Lang::Vi, "m2_results_vi"), (Lang::En, "m2_results_en")] {
        let mut store = Store::open_in_memory().unwrap();
        kehoach::demo::populate(&mut store).unwrap();
        let mut app = open_meeting2(store, lang);
        press(&mut app, KeyCode::F(6));
        let shown = text(&app);
        let approved = match lang {
            Lang::Vi => "đã thông qua (bản 1)",
            Lang::En => "approved (version 1)",
        };
        assert!(shown.contains(approved), "{shown}");
        insta::assert_snapshot!(name, screen(&app));
    }
}

#[test]
fn forty_activities_scroll_and_go_to_reaches_the_last() {
    let (mut store, cycle) = store_with_activities();
    add_more(&mut store, cycle, 30);
    let mut app = open_meeting2(store, Lang::Vi);
    group_details(&mut app, 60, 3, "");
    assert!(!text(&app).contains("Hoạt động thêm 30"));
    press(&mut app, KeyCode::Char('g'));
    type_text(&mut app, "40");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "7");
    let shown = text(&app);
    assert!(shown.contains(" 40 Hoạt động thêm 30"), "{shown}");
    assert!(shown.contains("7▏"), "{shown}");
    press(&mut app, KeyCode::Char('g'));
    type_text(&mut app, "41");
    press(&mut app, KeyCode::Enter);
    assert!(text(&app).contains("Hãy nhập số từ 1 đến 40"));
}
