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

#[test]
fn a_save_whose_screen_cannot_be_read_again_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    {
        let mut store = Store::open(&path).unwrap();
        let commune = execute(
            &mut store,
            Command::CreateCommune {
                name: "Ea Tiêu".into(),
                district: "Cư Kuin".into(),
            },
        )
        .unwrap();
        let village = execute(
            &mut store,
            Command::CreateVillage {
                commune: kehoach::domain::CommuneId(commune.created_id().unwrap()),
                name: "Buôn Kram".into(),
                kind: kehoach::domain::VillageKind::Buon,
            },
        )
        .unwrap();
        let new = kehoach::domain::NewCycle {
            village_id: kehoach::domain::VillageId(village.created_id().unwrap()),
            year: 2026,
            medium_term_span: 5,
        };
        execute(&mut store, Command::CreateCycle(new)).unwrap();
    }
    let mut app = App::new(Store::open(&path).unwrap(), Lang::Vi, Theme::mono()).unwrap();
    // Home: commune, village, cycle; open the cycle, then step 1 (preparation).
    keys(
        &mut app,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Enter, KeyCode::Enter],
    );
    assert!(screen(&app, 80, 24).contains("Chuẩn bị"));
    // Another program removes a table the screen reads but the save does not write.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("DROP TABLE facilitators").unwrap();
    drop(conn);
    keys(&mut app, &[KeyCode::Enter]);
    type_text(&mut app, "612");
    keys(&mut app, &[KeyCode::Enter]);
    let shown = screen(&app, 80, 24);
    let said = t(Lang::Vi, "cmd.reload_failed");
    let start: String = said.chars().take(30).collect();
    assert!(shown.contains(&format!("✗ {start}")), "{shown}");
    let figures = app.store().figures(kehoach::domain::VillageId(1)).unwrap();
    assert!(
        figures.iter().any(|f| f.value == "612"),
        "the save itself went through"
    );
}
