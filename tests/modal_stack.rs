//! The app's modal stack (issue 12): screens ask their yes/no questions and written
//! reasons through `Outcome::Ask`; the app stacks them, routes keys to the top one,
//! relabels them on F2, keeps a refused reason typed, and asks before quitting over one.

#[path = "common/app.rs"]
mod driver;

use driver::{demo_app, keys, open_demo_step, press, screen, type_text};
use kehoach::domain::MeetingKind;
use kehoach::i18n::Lang;
use kehoach::tui::app::App;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const MEETING1: usize = 2;

fn demo_meeting1_closed(app: &App) -> bool {
    let store = app.store();
    let cycle = store
        .home_entries()
        .expect("entries")
        .into_iter()
        .find_map(|e| match e {
            kehoach::store::HomeEntry::Cycle { id, year, .. }
                if year == kehoach::demo::DEMO_YEAR =>
            {
                Some(id)
            }
            _ => None,
        })
        .expect("demo cycle");
    let meeting = store
        .find_meeting(cycle, MeetingKind::Village1)
        .expect("meeting")
        .expect("meeting 1");
    meeting.is_closed()
}

/// Meeting 1 of the demo, its closed register shown, the reopen prompt asked for.
fn reopen_prompt(lang: Lang) -> App {
    let mut app = demo_app(lang);
    open_demo_step(&mut app, MEETING1);
    assert!(demo_meeting1_closed(&app));
    press(&mut app, KeyCode::Char('m'));
    app
}

#[test]
fn the_reason_prompt_follows_the_language_and_keeps_the_text() {
    let mut app = reopen_prompt(Lang::Vi);
    assert!(screen(&app, 80, 24).contains("Mở lại cuộc họp đã kết thúc: ghi lý do"));
    type_text(&mut app, "ghi sót một người");
    press(&mut app, KeyCode::F(2));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Reopen a closed meeting: write why"),
        "{shown}"
    );
    assert!(shown.contains("ghi sót một người"), "{shown}");
}

#[test]
fn esc_on_the_reason_prompt_saves_nothing() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "thử");
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app, 80, 24).contains("ghi lý do"));
    assert!(demo_meeting1_closed(&app));
}

#[test]
fn an_empty_reason_is_refused_in_the_prompt() {
    let mut app = reopen_prompt(Lang::Vi);
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Cần ghi lý do"), "{shown}");
    assert!(demo_meeting1_closed(&app));
}

#[test]
fn a_written_reason_runs_the_command_and_closes_the_prompt() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "ghi sót một người");
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(!demo_meeting1_closed(&app), "{shown}");
    assert!(!shown.contains("ghi lý do"), "{shown}");
}

#[test]
fn help_opens_over_the_prompt_and_closes_back_to_it() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "lý do");
    press(&mut app, KeyCode::F(1));
    assert!(screen(&app, 80, 24).contains("Trợ giúp"));
    press(&mut app, KeyCode::Esc);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Mở lại cuộc họp đã kết thúc"), "{shown}");
    assert!(shown.contains("lý do"), "{shown}");
}

#[test]
fn quitting_over_a_typed_reason_asks_first() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "lý do");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    app.handle_event(Event::Key(ctrl_c));
    assert!(!app.should_quit());
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.should_quit());
    assert!(screen(&app, 80, 24).contains("lý do"));
}

#[test]
fn a_no_to_a_question_changes_nothing_and_a_yes_saves() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "ghi sót một người");
    press(&mut app, KeyCode::Enter);
    assert!(!demo_meeting1_closed(&app));
    // Reopened, the register opens on the quick-add form: Esc to the list. Closing
    // asks first (39% women in the demo: no reason needed).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('k'));
    assert!(screen(&app, 80, 24).contains("Xác nhận"));
    press(&mut app, KeyCode::Char('n'));
    assert!(!demo_meeting1_closed(&app));
    keys(&mut app, &[KeyCode::Char('k'), KeyCode::Char('y')]);
    assert!(demo_meeting1_closed(&app));
}

#[test]
fn the_question_follows_the_language() {
    let mut app = reopen_prompt(Lang::Vi);
    type_text(&mut app, "ghi sót một người");
    let close = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('k'),
        KeyCode::F(2),
    ];
    keys(&mut app, &close);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Confirm"), "{shown}");
    assert!(!shown.contains("Xác nhận"), "{shown}");
}

#[test]
fn a_refused_reason_keeps_the_prompt_with_its_text() {
    // A closed cycle is read-only: the reopening of its meeting is refused on saving.
    let mut app = driver::demo_app_with(Lang::Vi, |store, cycle| {
        store.close_cycle(cycle).expect("close the cycle");
    });
    open_demo_step(&mut app, MEETING1);
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "ghi sót một người");
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✗"), "{shown}");
    assert!(shown.contains("Mở lại cuộc họp đã kết thúc"), "{shown}");
    assert!(shown.contains("ghi sót một người"), "{shown}");
    assert!(demo_meeting1_closed(&app));
}

const ANNUAL: usize = 6;

#[test]
fn reopening_the_approved_annual_plan_asks_for_a_reason_in_the_stack() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, ANNUAL);
    press(&mut app, KeyCode::F(8));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Mở lại kế hoạch năm đã thông qua"),
        "{shown}"
    );
    press(&mut app, KeyCode::F(2));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Reopen the approved annual plan"), "{shown}");
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app, 80, 24).contains("Reopen the approved annual plan"));
}
