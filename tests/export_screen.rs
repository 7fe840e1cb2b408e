//! The export screen (step 7): writes the chosen formats into a folder, lists the files
//! written, asks before overwriting and keeps each old file under a date-time stamped
//! `.bak` name, and says clearly when the folder does not exist.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, keys, open_demo_step, press, screen, type_text};
use kehoach::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// Replaces the folder field (focused after one Tab) with `dir`.
fn set_folder(app: &mut kehoach::tui::app::App, dir: &str) {
    press(app, KeyCode::Tab);
    for _ in 0..300 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, dir);
}

#[test]
fn exporting_writes_every_format_and_overwrite_keeps_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 7);
    set_folder(&mut app, &dir.path().display().to_string());
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("buon-kram-2026.xlsx"), "{shown}");
    for name in [
        "buon-kram-2026.xlsx",
        "buon-kram-2026.html",
        "buon-kram-2026.json",
    ] {
        assert!(dir.path().join(name).is_file(), "{name} missing");
    }
    press(&mut app, KeyCode::Enter);
    assert!(
        screen(&app, 80, 24).contains(".bak"),
        "asks before overwriting"
    );
    assert!(kept(dir.path(), "buon-kram-2026.xlsx").is_empty());
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(kept(dir.path(), "buon-kram-2026.xlsx").len(), 1);
    // A second overwrite keeps the first copy too: every replaced file has its own
    // date-time stamped name (issue 17, case 7).
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('y'));
    let copies = kept(dir.path(), "buon-kram-2026.xlsx");
    assert_eq!(copies.len(), 2, "{copies:?}");
    #[cfg(unix)]
    for copy in copies {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", copy.display());
    }
}

/// The kept copies of `name` in `dir`: `NAME.YYYYMMDD-HHMMSS[-N].bak`.
fn kept(dir: &std::path::Path, name: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let file = p.file_name().unwrap().to_string_lossy().into_owned();
            file.starts_with(&format!("{name}.")) && file.ends_with(".bak")
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_missing_folder_gets_a_clear_message_and_no_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("khong-co");
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 7);
    set_folder(&mut app, &missing.display().to_string());
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✗"), "{shown}");
    assert!(!missing.exists());
}

#[test]
fn no_format_chosen_is_refused() {
    let mut app = demo_app(Lang::En);
    open_demo_step(&mut app, 7);
    keys(
        &mut app,
        &[
            KeyCode::Char('1'),
            KeyCode::Char('2'),
            KeyCode::Char('3'),
            KeyCode::Char('4'),
            KeyCode::Enter,
        ],
    );
    assert!(screen(&app, 80, 24).contains("Choose at least one format"));
}
