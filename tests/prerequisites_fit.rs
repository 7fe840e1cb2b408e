//! A step opened before what comes first says which (issue 16): on the cycle's list, under
//! the steps, and on the status line with → once it opens. It still opens: the
//! facilitator may look ahead.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{keys, press, screen};
use kehoach::i18n::{Lang, t};
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn fresh_cycle(lang: Lang) -> App {
    driver::fresh_cycle_app(lang)
}

#[test]
fn meeting_2_before_the_scoring_says_so_and_still_opens() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = fresh_cycle(lang);
        keys(&mut app, &[KeyCode::Down; 4]);
        let list = screen(&app, 80, 24);
        let hint = format!("→ {}", t(lang, "prereq.meeting2"));
        assert!(list.contains(&hint), "{list}");
        insta::assert_snapshot!(format!("meeting2_first_{lang:?}").to_lowercase(), list);
        press(&mut app, KeyCode::Enter);
        let opened = screen(&app, 80, 24);
        assert!(opened.contains(&t(lang, "step.meeting2")) || opened.contains("F3"));
        assert!(opened.contains(&hint), "the status line says it: {opened}");
        // The next key clears the hint; the step stays open.
        press(&mut app, KeyCode::Esc);
        assert!(screen(&app, 80, 24).contains(&hint), "back on the list");
    }
}

#[test]
fn each_step_names_its_own_prerequisite_and_the_first_has_none() {
    let mut app = fresh_cycle(Lang::Vi);
    let expected = [
        None,
        None,
        Some("prereq.assessment"),
        Some("prereq.wg_meeting"),
        Some("prereq.meeting2"),
        Some("prereq.annual"),
        None,
    ];
    for (i, key) in expected.iter().enumerate() {
        let shown = screen(&app, 80, 24);
        let hints = shown.lines().filter(|l| l.contains("→")).count();
        match key {
            Some(key) => assert!(shown.contains(&t(Lang::Vi, key)), "step {}: {shown}", i + 1),
            None => assert_eq!(hints, 0, "step {}: {shown}", i + 1),
        }
        press(&mut app, KeyCode::Down);
    }
    // Preparation opens with no hint.
    keys(&mut app, &[KeyCode::Up; 7]);
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app, 80, 24).contains("→ "));
}
