//! Every form of the after-plan screen at 80x24 (issue 15): each opens on the selected
//! activity of the demo's 2026 plan with every field in view, in Vietnamese and English.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, open_demo_step, press, screen};
use kehoach::i18n::Lang;
use ratatui::crossterm::event::KeyCode;

/// The keys that open a form and a label each form must show in full (Vietnamese).
const FORMS: [(char, &str, &str); 7] = [
    ('g', "Ngày (dd/mm/yyyy)", "assign"),
    ('m', "Giới tính (người ngoài)", "member"),
    ('t', "Của ai (hộ, nhóm, tài khoản xã)", "receipt"),
    ('p', "Lý do nếu tiến độ giảm", "progress"),
    ('n', "Người ký biên bản", "accept"),
    ('c', "Nơi niêm yết", "disclose"),
    ('d', "So với năm trước", "evaluate"),
];

#[test]
fn every_form_opens_whole_at_80x24() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 8);
        for (key, last_label, name) in FORMS {
            press(&mut app, KeyCode::Char(key));
            let shown = screen(&app, 80, 24);
            assert!(shown.contains('╔'), "{name} opened: {shown}");
            if lang == Lang::Vi {
                assert!(
                    shown.contains(last_label),
                    "{name}'s last field in view: {shown}"
                );
            }
            insta::assert_snapshot!(format!("after_plan_form_{name}_{lang:?}"), shown);
            press(&mut app, KeyCode::Esc);
            assert!(
                !screen(&app, 80, 24).contains('╔'),
                "Esc closes the {name} form"
            );
        }
    }
}
