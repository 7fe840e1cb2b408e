//! Ethnicity is picked, not typed each time: in the ethnicity field ↑↓ offer the
//! register's groups, the last used first, then the province's common ones (issue 16).

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use driver::{press, screen, type_text};
use kehoach::domain::{CycleId, MeetingKind};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn meeting1(lang: Lang) -> (App, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = meeting2_support::fill(&mut store);
    (meeting2_support::open_step(store, lang, 2), cycle)
}

/// Name, Tab, gender digit, Tab: the ethnicity field has the focus.
fn to_ethnicity(app: &mut App, name: &str, gender: char) {
    type_text(app, name);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char(gender));
    press(app, KeyCode::Tab);
}

fn ethnicities(app: &App, cycle: CycleId) -> Vec<Option<String>> {
    let meeting = app
        .store()
        .find_meeting(cycle, MeetingKind::Village1)
        .unwrap()
        .unwrap();
    let attendees = app.store().attendees(meeting.id).unwrap();
    attendees.into_iter().map(|a| a.person.ethnicity).collect()
}

/// The form's "Dân tộc:" row as shown.
fn ethnicity_row(app: &App, label: &str) -> String {
    let shown = screen(app, 80, 24);
    let row = shown
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_default();
    row.to_string()
}

#[test]
fn the_last_used_group_comes_first_and_down_puts_it_in_the_field() {
    let (mut app, cycle) = meeting1(Lang::Vi);
    // Nobody yet: the province's common groups, Kinh first.
    to_ethnicity(&mut app, "Y Khu Niê", '1');
    press(&mut app, KeyCode::Down);
    assert!(ethnicity_row(&app, "Dân tộc:").contains("Kinh"));
    // Typing another one instead.
    for _ in 0.."Kinh".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "M'nông");
    press(&mut app, KeyCode::Enter);
    // The next person: ↓ offers M'nông first, then Kinh; ↑ goes back.
    to_ethnicity(&mut app, "H'Nhi Êban", '2');
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("↑↓ chọn: M'nông · Kinh · Ê Đê"), "{shown}");
    press(&mut app, KeyCode::Down);
    insta::assert_snapshot!("ethnic_pick_vi", screen(&app, 80, 24));
    assert!(ethnicity_row(&app, "Dân tộc:").contains("M'nông"));
    press(&mut app, KeyCode::Down);
    assert!(ethnicity_row(&app, "Dân tộc:").contains("Kinh"));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        ethnicities(&app, cycle),
        vec![Some("M'nông".to_string()), Some("M'nông".to_string())]
    );
}

#[test]
fn the_pick_list_shows_in_english_too() {
    let (mut app, _) = meeting1(Lang::En);
    to_ethnicity(&mut app, "Y Khu Niê", '1');
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert!(ethnicity_row(&app, "Ethnicity:").contains("Ê Đê"));
    insta::assert_snapshot!("ethnic_pick_en", screen(&app, 80, 24));
}

#[test]
fn up_on_an_empty_field_starts_from_the_last_used_group_too() {
    let (mut app, _) = meeting1(Lang::Vi);
    to_ethnicity(&mut app, "Y Khu Niê", '1');
    type_text(&mut app, "M'nông");
    press(&mut app, KeyCode::Enter);
    to_ethnicity(&mut app, "H'Nhi Êban", '2');
    // ↑ first, not ↓: the last one used still comes first, not the end of the list.
    press(&mut app, KeyCode::Up);
    assert!(ethnicity_row(&app, "Dân tộc:").contains("M'nông"));
    // Then ↑ goes round to the end of the list.
    press(&mut app, KeyCode::Up);
    assert!(!ethnicity_row(&app, "Dân tộc:").contains("M'nông"));
}
