//! Driving the App in-process for screen tests: build it on a fresh or demo store, press
//! keys, type text, and draw to a TestBackend. Include with
//! `#[path = "common/app.rs"] mod driver;`.

#![allow(dead_code)]

use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// An app on an empty in-memory store, monochrome.
pub fn empty_app(lang: Lang) -> App {
    App::new(Store::open_in_memory().expect("store"), lang, Theme::mono()).expect("app")
}

/// An app on the demo village, monochrome.
pub fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().expect("store");
    kehoach::demo::populate(&mut store).expect("demo");
    App::new(store, lang, Theme::mono()).expect("app")
}

/// An app on the demo village after `prepare` has changed its store.
pub fn demo_app_with(
    lang: Lang,
    prepare: impl FnOnce(&mut Store, kehoach::domain::CycleId),
) -> App {
    let mut store = Store::open_in_memory().expect("store");
    let cycle = kehoach::demo::populate(&mut store).expect("demo");
    prepare(&mut store, cycle);
    App::new(store, lang, Theme::mono()).expect("app")
}

/// An app on an empty store where a commune "Ea Tu", a village "Buôn Kô Sier" and its
/// 2027 cycle were made with keys; the cycle's screen is open.
pub fn fresh_cycle_app(lang: Lang) -> App {
    let mut app = empty_app(lang);
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Ea Tu");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Buôn Kô Sier");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "2027");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    app
}

/// Presses one key.
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Presses keys in order.
pub fn keys(app: &mut App, codes: &[KeyCode]) {
    for code in codes {
        press(app, *code);
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Opens step `n` (1-based) of the demo's medium-term cycle (`demo::DEMO_YEAR`) from the
/// home screen, wherever the home list shows it.
pub fn open_demo_step(app: &mut App, n: usize) {
    let entries = app.store().home_entries().expect("home entries");
    let row = entries
        .iter()
        .position(|e| matches!(e, kehoach::store::HomeEntry::Cycle { year, .. } if *year == kehoach::demo::DEMO_YEAR))
        .expect("demo cycle listed");
    open_row_step(app, row, n);
}

/// From home, opens step `n` (1-based) of the cycle `id`, wherever the home list shows it.
pub fn open_cycle_step(app: &mut App, id: kehoach::domain::CycleId, n: usize) {
    let entries = app.store().home_entries().expect("home entries");
    let row = entries
        .iter()
        .position(|e| matches!(e, kehoach::store::HomeEntry::Cycle { id: c, .. } if *c == id))
        .expect("cycle listed");
    open_row_step(app, row, n);
}

/// Opens the cycle on home row `row`, then its step `n` (1-based).
fn open_row_step(app: &mut App, row: usize, n: usize) {
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    for _ in 1..n {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
}

/// Draws the app at `width` x `height` and returns the screen as text.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
