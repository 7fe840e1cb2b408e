//! Every form of the after-plan screen at 80x24 (issue 15): each opens on the selected
//! activity of the demo's 2026 plan with every field in view, in Vietnamese and English.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, open_demo_step, press, screen};
use kehoach::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// The keys that open a form and the form's name.
const FORMS: [(char, &str); 7] = [
    ('g', "assign"),
    ('m', "member"),
    ('t', "receipt"),
    ('p', "progress"),
    ('n', "accept"),
    ('c', "disclose"),
    ('d', "evaluate"),
];

#[test]
fn every_form_opens_whole_at_80x24() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 8);
        for (key, name) in FORMS {
            press(&mut app, KeyCode::Char(key));
            let shown = screen(&app, 80, 24);
            assert!(shown.contains('╔'), "{name} opened: {shown}");
            assert!(
                shown.contains('╚'),
                "{name}: the form's last line in view: {shown}"
            );
            insta::assert_snapshot!(format!("after_plan_form_{name}_{lang:?}"), shown);
            press(&mut app, KeyCode::Esc);
            assert!(
                !screen(&app, 80, 24).contains('╔'),
                "Esc closes the {name} form"
            );
        }
    }
}

/// The help (F1 or `?`) gives the procedure's rule, then the screen's keys from the keymap.
#[test]
fn help_lists_the_screens_keys_below_the_rule() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 8);
    press(&mut app, KeyCode::Char('?'));
    for _ in 0..5 {
        press(&mut app, KeyCode::PageDown);
    }
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Phím trên màn hình này:"), "{shown}");
    for line in [
        "g      Giao",
        "t      Thu",
        "d      Đánh giá",
        "Esc    Quay lại",
    ] {
        assert!(shown.contains(line), "{line}: {shown}");
    }
}

/// The footer offers a record key only when the record would be taken: on the 2027 plan,
/// nothing assigned yet, only the assignment (issue 16: hints from the live state).
#[test]
fn the_footer_offers_only_the_keys_that_would_work() {
    let mut app = demo_app(Lang::Vi);
    let entries = app.store().home_entries().unwrap();
    let row = entries
        .iter()
        .position(|e| matches!(e, kehoach::store::HomeEntry::Cycle { year: 2027, .. }))
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 1..8 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let footer = screen(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("g Giao"), "{footer}");
    for absent in ["m Tổ", "t Thu", "d Đánh giá"] {
        assert!(!footer.contains(absent), "{absent} offered: {footer}");
    }
    // On the 2026 plan every work is assigned: the keys are offered.
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 8);
    let footer = screen(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("t Thu"), "{footer}");
}
