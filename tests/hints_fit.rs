//! The hint bar offers only the keys that would be taken now (issue 16): a closed
//! meeting's register no longer offers a, x, k, d, and offers m to reopen; an open one
//! the other way round.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, open_demo_step, press, screen, type_text};
use kehoach::i18n::{Lang, t};
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn footer(app: &App) -> String {
    screen(app, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

fn offers(app: &App, key: &str, label: &str, lang: Lang) -> bool {
    footer(app).contains(&format!("{key} {}", t(lang, label)))
}

#[test]
fn a_closed_register_offers_reopening_only() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 2);
        // A closed meeting's attendance opens on its register.
        press(&mut app, KeyCode::F(4));
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "m", "key.reopen_meeting", lang), "{shown}");
        for (key, label) in [
            ("a", "key.add"),
            ("x", "key.remove"),
            ("k", "key.close_meeting"),
            ("d", "key.pick"),
        ] {
            assert!(!offers(&app, key, label, lang), "{key}: {shown}");
        }
        insta::assert_snapshot!(format!("closed_register_{lang:?}").to_lowercase(), shown);
    }
}

#[test]
fn an_open_register_offers_closing_and_not_reopening() {
    let mut app = driver::fresh_cycle_app(Lang::Vi);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(4));
    // The open meeting's attendance opens on the new-attendee form: one person, then
    // Esc to the register.
    type_text(&mut app, "Y Khu Niê");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    let shown = screen(&app, 80, 24);
    assert!(offers(&app, "k", "key.close_meeting", Lang::Vi), "{shown}");
    assert!(offers(&app, "a", "key.add", Lang::Vi), "{shown}");
    assert!(
        !offers(&app, "m", "key.reopen_meeting", Lang::Vi),
        "{shown}"
    );
}

#[test]
fn a_finalised_working_group_offers_reopening_only() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 2);
        press(&mut app, KeyCode::F(5));
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "m", "key.reopen_meeting", lang), "{shown}");
        for (key, label) in [
            ("Space", "key.toggle_member"),
            ("t", "key.leader"),
            ("f", "key.finalise"),
            ("r", "key.range"),
        ] {
            assert!(!offers(&app, key, label, lang), "{key}: {shown}");
        }
        insta::assert_snapshot!(format!("final_wg_{lang:?}").to_lowercase(), shown);
    }
}

#[test]
fn an_open_working_group_offers_election_keys_and_not_reopening() {
    let mut app = driver::fresh_cycle_app(Lang::Vi);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(5));
    let shown = screen(&app, 80, 24);
    assert!(offers(&app, "f", "key.finalise", Lang::Vi), "{shown}");
    assert!(
        !offers(&app, "m", "key.reopen_meeting", Lang::Vi),
        "{shown}"
    );
}

#[test]
fn approved_results_offer_reopening_and_not_approval_or_the_method() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 5);
        press(&mut app, KeyCode::F(6));
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "m", "m2.key.reopen", lang), "{shown}");
        assert!(!offers(&app, "a", "m2.key.approve", lang), "{shown}");
        assert!(!offers(&app, "p", "m2.key.method", lang), "{shown}");
        insta::assert_snapshot!(format!("approved_results_{lang:?}").to_lowercase(), shown);
    }
}

#[test]
fn results_without_votes_say_what_is_missing_instead_of_offering_approval() {
    let mut app = driver::fresh_cycle_app(Lang::Vi);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(6));
    let shown = screen(&app, 80, 24);
    assert!(!offers(&app, "a", "m2.key.approve", Lang::Vi), "{shown}");
    assert!(!offers(&app, "m", "m2.key.reopen", Lang::Vi), "{shown}");
    assert!(offers(&app, "p", "m2.key.method", Lang::Vi), "{shown}");
    let why = t(Lang::Vi, "m2.err.no_activities");
    assert!(shown.contains(&format!("→ {why}")), "{shown}");
}

#[test]
fn the_approval_meeting_offers_f8_and_an_approved_plans_register_stays_closed() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 6);
        press(&mut app, KeyCode::F(7));
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "F8", "key.approve_annual", lang), "{shown}");
        for (key, label) in [
            ("m", "key.reopen_meeting"),
            ("a", "key.add"),
            ("x", "key.remove"),
            ("k", "key.close_meeting"),
            ("d", "key.pick"),
        ] {
            assert!(!offers(&app, key, label, lang), "{key}: {shown}");
        }
        insta::assert_snapshot!(format!("approved_annual_{lang:?}").to_lowercase(), shown);
    }
}

#[test]
fn meeting_registers_do_not_offer_f8() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 2);
    press(&mut app, KeyCode::F(4));
    assert!(
        !offers(&app, "F8", "key.approve_annual", Lang::Vi),
        "{}",
        screen(&app, 80, 24)
    );
}

#[test]
fn the_tool_list_offers_selecting_and_not_adding_or_deleting() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 3);
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "Space", "assess.key.toggle", lang), "{shown}");
        for (key, label) in [
            ("a", "key.add"),
            ("x", "key.remove"),
            ("Tab", "assess.key.pane"),
        ] {
            assert!(!offers(&app, key, label, lang), "{key}: {shown}");
        }
        // Sub-groups: adding and deleting work there.
        press(&mut app, KeyCode::F(4));
        assert!(
            offers(&app, "a", "key.add", lang),
            "{}",
            screen(&app, 80, 24)
        );
        assert!(
            offers(&app, "x", "key.remove", lang),
            "{}",
            screen(&app, 80, 24)
        );
    }
}

#[test]
fn the_annual_sections_offer_only_the_keys_they_take() {
    let lang = Lang::Vi;
    let mut app = demo_app(lang);
    open_demo_step(&mut app, 6);
    // F4, the review of last year: Enter reviews, a writes the summary; no panes.
    press(&mut app, KeyCode::F(4));
    let shown = screen(&app, 80, 24);
    assert!(offers(&app, "Enter", "key.review", lang), "{shown}");
    assert!(!offers(&app, "Tab", "key.pane", lang), "{shown}");
    assert!(!offers(&app, "x", "key.remove", lang), "{shown}");
    // F5, the selection: Tab switches lists; Enter reviews nothing here.
    press(&mut app, KeyCode::F(5));
    let shown = screen(&app, 80, 24);
    assert!(offers(&app, "Tab", "key.pane", lang), "{shown}");
    assert!(!offers(&app, "Enter", "key.review", lang), "{shown}");
    // F6, form 4: the ranked table, not the scale (form 4's is fixed).
    press(&mut app, KeyCode::F(6));
    let shown = screen(&app, 80, 24);
    assert!(offers(&app, "b", "key.ranked", lang), "{shown}");
    assert!(!offers(&app, "s", "key.scale", lang), "{shown}");
}

#[test]
fn an_approved_plans_register_does_not_say_m_reopens_and_m_says_how() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 6);
        press(&mut app, KeyCode::F(7));
        let shown = screen(&app, 80, 24);
        assert!(
            shown.contains(t(lang, "att.register_locked").trim()),
            "{shown}"
        );
        assert!(
            !shown.contains(t(lang, "att.register_closed").trim()),
            "{shown}"
        );
        press(&mut app, KeyCode::Char('m'));
        let said = screen(&app, 80, 24).replace('\n', " ");
        let start: String = t(lang, "ann.err.register_locked")
            .chars()
            .take(30)
            .collect();
        assert!(said.contains(&start), "{said}");
    }
}

#[test]
fn the_export_screen_says_enter_writes_the_files() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_step(&mut app, 7);
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "Enter", "exp.key.write", lang), "{shown}");
        assert!(!offers(&app, "Enter", "key.save", lang), "{shown}");
    }
}

/// The annual plan's selection keys (F5) the freeze refuses once the plan is approved.
const SELECTION_KEYS: [(&str, &str); 4] = [
    ("1", "ann.key.part1"),
    ("2", "ann.key.part2"),
    ("a", "key.add"),
    ("x", "key.remove"),
];

/// The demo's step `n` open on the section of function key F`f`.
fn demo_section(lang: Lang, n: usize, f: u8) -> App {
    let mut app = demo_app(lang);
    open_demo_step(&mut app, n);
    press(&mut app, KeyCode::F(f));
    app
}

#[test]
fn an_approved_annual_plans_selection_offers_no_key_the_freeze_refuses() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_section(lang, 6, 5);
        for pane in ["priorities", "plan"] {
            let shown = screen(&app, 80, 24);
            assert!(offers(&app, "Tab", "key.pane", lang), "{pane}: {shown}");
            for (key, label) in SELECTION_KEYS {
                assert!(!offers(&app, key, label, lang), "{pane} {key}: {shown}");
            }
            press(&mut app, KeyCode::Tab);
        }
    }
}

#[test]
fn a_reopened_annual_plans_selection_offers_the_parts() {
    let lang = Lang::Vi;
    let mut app = driver::demo_app_with(lang, |store, cycle| {
        store.reopen_annual(cycle, "Sửa phần 2").unwrap();
    });
    open_demo_step(&mut app, 6);
    press(&mut app, KeyCode::F(5));
    let shown = screen(&app, 80, 24);
    for (key, label) in SELECTION_KEYS {
        assert!(offers(&app, key, label, lang), "{key}: {shown}");
    }
}

#[test]
fn the_review_of_last_year_says_a_writes_the_years_summary() {
    for lang in [Lang::Vi, Lang::En] {
        let app = demo_section(lang, 6, 4);
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "a", "key.summary", lang), "{shown}");
        assert!(!offers(&app, "a", "key.add", lang), "{shown}");
    }
}

#[test]
fn the_sub_group_list_says_enter_goes_to_the_members() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_section(lang, 3, 4);
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "Enter", "assess.key.members", lang), "{shown}");
        assert!(!offers(&app, "Enter", "key.edit", lang), "{shown}");
        // Enter does go to the members: Space then adds or takes off the one selected.
        press(&mut app, KeyCode::Enter);
        let shown = screen(&app, 80, 24);
        assert!(offers(&app, "Space", "assess.key.toggle", lang), "{shown}");
        assert!(
            !offers(&app, "Enter", "assess.key.members", lang),
            "{shown}"
        );
    }
}

/// Issue 12: a key a freeze refuses is shown greyed, in brackets, with the short reason
/// the same check gives; a key that means nothing now is left out.
#[test]
fn keys_a_freeze_refuses_are_shown_bracketed_with_the_reason() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 6);
    press(&mut app, KeyCode::F(5));
    let footer_f5 = footer(&app);
    assert!(
        footer_f5.contains("[1 2 a x] Kế hoạch năm đã thông qua"),
        "{footer_f5}"
    );
    let mut app = demo_app(Lang::En);
    open_demo_step(&mut app, 2);
    press(&mut app, KeyCode::F(4));
    let register = footer(&app);
    assert!(
        register.contains("[a Enter x k d] Meeting closed"),
        "{register}"
    );
    // Reopened, nothing is blocked: no bracket, no reason.
    let mut app = driver::fresh_cycle_app(Lang::Vi);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(5));
    assert!(!footer(&app).contains('['), "{}", footer(&app));
}

/// On an approved plan's F5 the blocked keys are refused at once, naming the freeze: no
/// reason asked for part 2, no new-activity form to type in vain.
#[test]
fn an_approved_plans_blocked_keys_are_refused_at_once() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 6);
    press(&mut app, KeyCode::F(5));
    for key in [KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Char('a')] {
        press(&mut app, key);
        let shown = screen(&app, 80, 24);
        assert!(shown.contains("✗"), "{key:?}: {shown}");
        assert!(shown.contains("thông qua"), "{key:?}: {shown}");
        assert!(!shown.contains("Lý do"), "{key:?}: {shown}");
    }
}
