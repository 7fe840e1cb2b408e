//! A database error during a save reaches the facilitator as one translated sentence,
//! while its raw SQLite text goes to the log file beside the database.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{keys, screen, type_text};
use kehoach::commands::{Command, execute};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_database_error_is_one_sentence_on_screen_and_the_raw_text_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    {
        let mut store = Store::open(&path).unwrap();
        let create = Command::CreateCommune {
            name: "Ea Tiêu".into(),
            district: "Cư Kuin".into(),
        };
        execute(&mut store, create).unwrap();
    }
    // An error SQLite raises that kehoach has no name for.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER odd BEFORE UPDATE ON communes
         BEGIN SELECT RAISE(ABORT, 'strange low-level failure'); END;",
    )
    .unwrap();
    drop(conn);
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, Theme::mono()).unwrap();
    keys(&mut app, &[KeyCode::Char('r'), KeyCode::Backspace]);
    type_text(&mut app, "u");
    keys(&mut app, &[KeyCode::Enter]);
    let shown = screen(&app, 80, 24);
    let sentence = t(Lang::Vi, "err.db_internal");
    let start: String = sentence.chars().take(30).collect();
    assert!(shown.contains(&format!("✗ {start}")), "{shown}");
    assert!(!shown.contains("strange"), "{shown}");
    let log = std::fs::read_to_string(dir.path().join("xa.db.log")).unwrap();
    assert!(log.contains("strange low-level failure"), "{log}");
    let entries = app.store().home_entries().unwrap();
    assert!(
        matches!(&entries[..], [kehoach::store::HomeEntry::Commune(c)] if c.name == "Ea Tiêu"),
        "nothing was saved: {entries:?}"
    );
}
