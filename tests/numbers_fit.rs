//! One way to type numbers everywhere (issue 16): a dot groups thousands, a comma marks
//! decimals, and what reads two ways is refused with an example. Driven through the
//! preparation step's basic figures and the activity form, at 80x24, with snapshots.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, keys, open_demo_step, press, screen, type_text};
use kehoach::domain::basic_info::FIGURES;
use kehoach::i18n::{Lang, t};
use kehoach::tui::app::App;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Opens the form of figure `key` in the demo's preparation step and clears its value.
fn edit_figure(app: &mut App, key: &str) {
    open_demo_step(app, 1);
    let row = FIGURES.iter().position(|d| d.key == key).unwrap();
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    app.handle_event(Event::Key(ctrl_u));
}

fn stored(app: &App, key: &str) -> String {
    let village = kehoach::domain::VillageId(1);
    let figures = app.store().figures(village).unwrap();
    figures
        .into_iter()
        .find(|f| f.key == key)
        .map(|f| f.value)
        .unwrap_or_default()
}

#[test]
fn a_measure_typed_1_250_is_refused_with_an_example() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        edit_figure(&mut app, "paddy_ha");
        type_text(&mut app, "1.250");
        press(&mut app, KeyCode::Enter);
        let shown = screen(&app, 80, 24);
        let said = t(lang, "number.err.ambiguous");
        let start: String = said.chars().take(30).collect();
        assert!(shown.contains(&start), "{shown}");
        assert_eq!(stored(&app, "paddy_ha"), "18", "nothing saved");
        insta::assert_snapshot!(format!("ambiguous_measure_{lang:?}").to_lowercase(), shown);
        // The same figure with a decimal comma is saved and shown back with it.
        keys(&mut app, &[KeyCode::Backspace; 5]);
        type_text(&mut app, "1,25");
        press(&mut app, KeyCode::Enter);
        assert_eq!(stored(&app, "paddy_ha"), "1.25");
        assert!(screen(&app, 80, 24).contains("1,25"));
    }
}

#[test]
fn a_count_reads_the_dot_as_thousands_and_refuses_english_commas() {
    let mut app = demo_app(Lang::Vi);
    edit_figure(&mut app, "population");
    type_text(&mut app, "1,250");
    press(&mut app, KeyCode::Enter);
    let said = t(Lang::Vi, "number.err.comma_groups");
    let start: String = said.chars().take(30).collect();
    assert!(screen(&app, 80, 24).contains(&start));
    assert_eq!(stored(&app, "population"), "612");
    keys(&mut app, &[KeyCode::Backspace; 5]);
    type_text(&mut app, "1.250");
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, "population"), "1250");
}

#[test]
fn a_stored_measure_opens_with_a_decimal_comma_and_saves_again_unchanged() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 1);
    let row = FIGURES
        .iter()
        .position(|d| d.key == "agricultural_land_ha")
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("214,5"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored(&app, "agricultural_land_ha"), "214.5");
}
