//! The district's screens at 80x24, driven by keys (issue 14, item 6): the import screen
//! takes a commune's file (the dry run names the commune, district, villages and
//! commune-plan version; Enter imports it, once); `u` on home opens the district's year
//! with each commune's standing (✓ ◐ ✗, in words too) and the check code of its file;
//! the demo's Ea Tiêu 2026 stands in its district's listing.

#![allow(clippy::unwrap_used)]

use kehoach::export::Stamp;
use kehoach::export::commune::CommuneBundle;
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    format!("{}", terminal.backend())
}

/// A stick holding the demo commune's 2026 file.
fn stick() -> (tempfile::TempDir, String) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = kehoach::demo::populate(&mut store).unwrap();
    let commune = store.cycle_record(cycle).unwrap().commune.id;
    let (c, code) = store.commune_with_code(commune).unwrap();
    let villages = store.commune_year(commune, 2026).unwrap();
    let conference = store.commune_conference(commune, 2026).unwrap();
    let b = CommuneBundle::new(c, code, 2026, villages, false, &Stamp::now())
        .with_conference(conference);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("xa-ea-tieu-2026.json"), b.to_bytes()).unwrap();
    (dir, b.check_code())
}

#[test]
fn a_communes_file_is_imported_and_the_district_year_lists_it() {
    let (dir, check) = stick();
    let mut app = App::new(Store::open_in_memory().unwrap(), Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('i'));
    app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    for c in dir.path().display().to_string().chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    let dry = screen(&app);
    assert!(dry.contains("✓ xa-ea-tieu-2026.json: xã Ea Tiêu"), "{dry}");
    assert!(
        app.store().communes().unwrap().is_empty(),
        "the dry run writes nothing"
    );
    press(&mut app, KeyCode::Enter);
    let done = screen(&app);
    assert!(done.contains("= xa-ea-tieu-2026.json"), "held now: {done}");
    assert_eq!(app.store().communes().unwrap().len(), 1);

    // Esc leaves the review for the chooser, Esc again goes home.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('u'));
    // The commune has no cycle here: the district opens at this year; go to 2026.
    for _ in 0..50 {
        let now = screen(&app);
        let key = match now.split("Cư Kuin › ").nth(1).and_then(|r| r.get(..4)) {
            Some(y) if y < "2026" => KeyCode::Right,
            Some(y) if y > "2026" => KeyCode::Left,
            _ => break,
        };
        press(&mut app, key);
    }
    let shown = screen(&app);
    assert!(shown.contains("Kế hoạch huyện Cư Kuin năm 2026"), "{shown}");
    assert!(shown.contains("◐ chưa thông qua"), "{shown}");
    assert!(shown.contains(&check), "{shown}");
    // The check code changes with every demo (its times): shown, then masked.
    insta::assert_snapshot!("district_year_2026_vi", shown.replace(&check, "XXXX-XXXX"));
    // A commune received whole is not opened here.
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("nhận cả xã từ tệp của xã"));
}

#[test]
fn the_demo_commune_stands_in_its_districts_listing() {
    let mut store = Store::open_in_memory().unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    let mut app = App::new(store, Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('u'));
    assert!(screen(&app).contains("Kế hoạch huyện Cư Kuin năm 2027"));
    press(&mut app, KeyCode::Left);
    let shown = screen(&app);
    assert!(shown.contains("Kế hoạch huyện Cư Kuin năm 2026"), "{shown}");
    let line = shown.lines().find(|l| l.contains("Ea Tiêu")).unwrap();
    assert!(
        line.contains("◐ chưa thông qua") && line.contains("nhập ở máy"),
        "{line}"
    );
    assert!(
        line.contains("1/2"),
        "Buôn Kram approved, Thôn 3 not: {line}"
    );
    // e exports the district's forms into the folder typed.
    let dir = tempfile::tempdir().unwrap();
    press(&mut app, KeyCode::Char('e'));
    assert!(screen(&app).contains("Xuất biểu của huyện"));
    press(&mut app, KeyCode::Tab);
    for _ in 0..300 {
        press(&mut app, KeyCode::Backspace);
    }
    for c in dir.path().display().to_string().chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    for name in [
        "huyen-cu-kuin-2026.xlsx",
        "huyen-cu-kuin-2026-theo-linh-vuc.csv",
    ] {
        assert!(dir.path().join(name).is_file(), "{name}: {}", screen(&app));
    }
    // Back on the district's year, Enter opens the commune held here: its year.
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Kế hoạch huyện Cư Kuin năm 2026"));
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Kế hoạch xã 2026"));
}
