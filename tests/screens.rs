//! The screens as the facilitator sees them: insta snapshots of the home and cycle screens
//! at 80x24 in Vietnamese and English (monochrome theme, so snapshots hold text only), the
//! help overlay, a form with a validation error, the too-small message, and a render at
//! every size from 1x1 to 100x40 without panic. The app is driven only through
//! `handle_event` with key events, as the terminal would.

#![allow(clippy::unwrap_used)]

use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use kehoach::workflow::Step;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

fn empty_app(lang: Lang) -> App {
    let store = Store::open_in_memory().expect("in-memory store");
    App::new(store, lang, Theme::mono()).expect("app")
}

fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().expect("in-memory store");
    kehoach::demo::populate(&mut store).expect("demo");
    App::new(store, lang, Theme::mono()).expect("app")
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, codes: &[KeyCode]) {
    for code in codes {
        press(app, *code);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Home of the demo: Xã Ea Tiêu / Buôn Kram / Kỳ kế hoạch 2026 / Thôn 3.
/// Down, Down selects the 2026 cycle; Enter opens it.
fn open_demo_cycle(app: &mut App) {
    keys(app, &[KeyCode::Down, KeyCode::Down, KeyCode::Enter]);
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    format!("{}", draw(app, width, height).backend())
}

/// The text of the 80x24 screen, one string (for `contains` checks).
fn text(app: &App) -> String {
    let terminal = draw(app, 80, 24);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------- snapshots

#[test]
fn home_empty_vi() {
    let app = empty_app(Lang::Vi);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn home_demo_vi() {
    let app = demo_app(Lang::Vi);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn home_demo_en() {
    let app = demo_app(Lang::En);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn cycle_demo_vi() {
    let mut app = demo_app(Lang::Vi);
    open_demo_cycle(&mut app);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn cycle_demo_en() {
    let mut app = demo_app(Lang::En);
    open_demo_cycle(&mut app);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn cycle_help_overlay_vi() {
    let mut app = demo_app(Lang::Vi);
    open_demo_cycle(&mut app);
    press(&mut app, KeyCode::Down); // meeting 1
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn new_cycle_form_with_year_error_vi() {
    let mut app = demo_app(Lang::Vi);
    press(&mut app, KeyCode::Down); // Buôn Kram
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "20x6");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn too_small_79x24_vi() {
    let app = demo_app(Lang::Vi);
    insta::assert_snapshot!(screen(&app, 79, 24));
}

#[test]
fn too_small_20x5_vi() {
    let app = demo_app(Lang::Vi);
    insta::assert_snapshot!(screen(&app, 20, 5));
}

// ---------------------------------------------------------------- behaviour behind the snapshots

#[test]
fn the_cycle_screen_lists_every_step_and_esc_goes_home() {
    let mut app = demo_app(Lang::En);
    open_demo_cycle(&mut app);
    let cycle = text(&app);
    for step in [
        "Preparation",
        "meeting 1",
        "ssessment",
        "meeting 2",
        "nnual plan",
        "xport",
    ] {
        assert!(
            cycle.to_lowercase().contains(&step.to_lowercase()),
            "{step}\n{cycle}"
        );
    }
    assert!(cycle.contains("Buôn Kram"), "{cycle}");
    press(&mut app, KeyCode::Esc);
    let home = text(&app);
    assert!(home.contains("Thôn 3"), "{home}");
    assert!(!app.should_quit());
}

#[test]
fn the_year_error_keeps_the_form_open_and_saves_nothing() {
    let mut app = demo_app(Lang::Vi);
    let cycles_before = {
        let store = app.store();
        let commune = store.communes().expect("communes")[0].id;
        store
            .cycles(store.villages(commune).expect("villages")[0].id)
            .expect("cycles")
            .len()
    };
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "20x6");
    press(&mut app, KeyCode::Enter);
    assert!(text(&app).contains("Năm phải là số từ 2000 đến 2100"));
    let store = app.store();
    let village = store.communes().expect("communes")[0].id;
    let kram = &store.villages(village).expect("villages")[0];
    assert_eq!(store.cycles(kram.id).expect("cycles").len(), cycles_before);
    // q types into the form instead of quitting.
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
}

#[test]
fn a_commune_typed_with_vietnamese_letters_is_saved() {
    let mut app = empty_app(Lang::Vi);
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Hòa Phú");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Buôn Đôn");
    press(&mut app, KeyCode::Enter);
    let communes = app.store().communes().expect("communes");
    assert_eq!(communes.len(), 1);
    assert_eq!(communes[0].name, "Hòa Phú");
    assert_eq!(communes[0].district, "Buôn Đôn");
    let shown = text(&app);
    assert!(shown.contains("Xã Hòa Phú"), "{shown}");
    assert!(shown.contains("Đã lưu"), "{shown}");
}

#[test]
fn a_commune_typed_with_its_word_xa_shows_the_word_once() {
    let mut app = empty_app(Lang::Vi);
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Xã Ea Tiêu");
    press(&mut app, KeyCode::Enter);
    // The name is kept as typed; only the labels leave out the second "Xã".
    assert_eq!(
        app.store().communes().expect("communes")[0].name,
        "Xã Ea Tiêu"
    );
    let home = text(&app);
    assert!(home.contains("Xã Ea Tiêu"), "{home}");
    assert!(!home.contains("Xã Xã"), "{home}");
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Buôn Kram");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "2027");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let cycle = text(&app);
    assert!(cycle.contains("Xã Ea Tiêu › Buôn Kram › 2027"), "{cycle}");
    assert!(!cycle.contains("Xã Xã"), "{cycle}");
    press(&mut app, KeyCode::Char('l'));
    let english = text(&app);
    assert!(english.contains("Ea Tiêu commune › Buôn Kram"), "{english}");
    assert!(!english.contains("Xã"), "{english}");
}

#[test]
fn a_village_and_a_cycle_are_created_with_keys() {
    let mut app = empty_app(Lang::En);
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "Ea Tu");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "Buôn Kô Sier");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "2027");
    press(&mut app, KeyCode::Enter);
    let store = app.store();
    let commune = store.communes().expect("communes")[0].id;
    let villages = store.villages(commune).expect("villages");
    assert_eq!(villages.len(), 1);
    assert_eq!(villages[0].name, "Buôn Kô Sier");
    let cycles = store.cycles(villages[0].id).expect("cycles");
    assert_eq!(cycles.len(), 1);
    assert_eq!((cycles[0].year, cycles[0].medium_term_span), (2027, 5));
    // The saved cycle is selected: Enter opens it.
    press(&mut app, KeyCode::Enter);
    assert!(text(&app).contains("2027"));
}

#[test]
fn step_names_never_run_into_their_status() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo_app(lang);
        open_demo_cycle(&mut app);
        let shown = text(&app);
        for step in Step::ALL {
            let name = t(lang, &format!("step.{}", step.code()));
            let row = shown
                .lines()
                .find(|l| l.contains(&name))
                .unwrap_or_else(|| panic!("step {name:?} not shown:\n{shown}"));
            let after = row.split(&name).nth(1).unwrap_or_default();
            assert!(
                after.starts_with(' '),
                "no space between {name:?} and its status: {row}"
            );
        }
    }
}

#[test]
fn key_releases_are_ignored() {
    let mut app = empty_app(Lang::Vi);
    let mut release = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_event(Event::Key(release));
    press(&mut app, KeyCode::Char('q'));
    assert!(
        app.should_quit(),
        "q quits from home: the release opened no form"
    );
}

#[test]
fn the_language_key_switches_to_english() {
    let mut app = demo_app(Lang::Vi);
    assert!(text(&app).contains("[VI]"));
    press(&mut app, KeyCode::Char('l'));
    let shown = text(&app);
    assert!(shown.contains("[EN]"), "{shown}");
}

// ---------------------------------------------------------------- every size

/// Renders `app` into a plain buffer of every size from 1x1 to 100x40.
fn render_every_size(app: &App, what: &str) {
    for height in 1..=40u16 {
        for width in 1..=100u16 {
            let area = Rect::new(0, 0, width, height);
            let mut buf = Buffer::empty(area);
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                app.render(area, &mut buf);
            }));
            assert!(result.is_ok(), "{what} panicked at {width}x{height}");
        }
    }
}

#[test]
fn every_size_from_1x1_to_100x40_renders_without_panic() {
    let mut app = demo_app(Lang::Vi);
    render_every_size(&app, "home");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "20x6");
    press(&mut app, KeyCode::Enter);
    render_every_size(&app, "home with a form and an error");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    render_every_size(&app, "cycle");
    press(&mut app, KeyCode::Char('?'));
    render_every_size(&app, "cycle with help");

    let mut en = demo_app(Lang::En);
    render_every_size(&en, "home (en)");
    open_demo_cycle(&mut en);
    render_every_size(&en, "cycle (en)");
    render_every_size(&empty_app(Lang::Vi), "empty home");
}

#[test]
fn the_terminal_backend_draws_small_sizes_too() {
    // Through Terminal + TestBackend as well, on the sizes most likely to break layouts.
    let mut app = demo_app(Lang::Vi);
    open_demo_cycle(&mut app);
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (80, 1),
        (1, 24),
        (80, 23),
        (79, 24),
        (80, 24),
    ] {
        let shown = screen(&app, w, h);
        assert!(!shown.is_empty());
    }
}

#[test]
fn new_village_on_an_empty_database_asks_for_a_commune_instead_of_panicking() {
    let mut app = empty_app(Lang::Vi);
    press(&mut app, KeyCode::Char('t'));
    assert!(text(&app).contains("Chưa có xã"), "{}", text(&app));
}

/// The status line's mark says what happened, without colour: a refused key shows ✗
/// with the reason, a save shows ✓ (issue 16: refusals used to start with ✓).
#[test]
fn a_refusal_is_marked_with_a_cross_and_a_save_with_a_tick() {
    let mut app = empty_app(Lang::Vi);
    press(&mut app, KeyCode::Char('t'));
    let refused = format!("✗ {}", t(Lang::Vi, "home.need_commune"));
    let shown = text(&app);
    assert!(shown.contains(&refused), "{shown}");
    assert!(!shown.contains("✓"), "{shown}");

    let mut app = demo_app(Lang::Vi);
    keys(&mut app, &[KeyCode::Char('r')]);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Enter);
    let shown = text(&app);
    assert!(
        shown.contains(&format!("✓ {}", t(Lang::Vi, "msg.saved"))),
        "{shown}"
    );
}

/// The help overlay scrolls: its last words come into view with PgDn at 80x24, and the
/// view stops at the end (issue 16: the home help was cut off at the bottom).
#[test]
fn a_long_help_scrolls_to_its_last_line() {
    let mut app = demo_app(Lang::Vi);
    press(&mut app, KeyCode::F(1));
    // The overlay shows help.home, then its continuation, which ends the text.
    let help = t(Lang::Vi, "help.home.more");
    let words: Vec<&str> = help.split_whitespace().collect();
    let last_words = words[words.len() - 1].to_string();
    let first = text(&app);
    assert!(
        !first.contains(&last_words),
        "{last_words:?} cut off:\n{first}"
    );
    for _ in 0..5 {
        press(&mut app, KeyCode::PageDown);
    }
    let shown = text(&app);
    assert!(shown.contains(&last_words), "{last_words:?} in\n{shown}");
    press(&mut app, KeyCode::Esc);
    assert!(!text(&app).contains(&last_words));
}

/// Issue 16: leaving a step put the cycle's list back on step 1.
#[test]
fn leaving_a_step_returns_to_it_in_the_cycles_list() {
    let mut app = demo_app(Lang::Vi);
    open_demo_cycle(&mut app);
    let cycle = text(&app).lines().next().unwrap().to_string();
    // The sixth step, the annual plan, opens in the demo's annual-only year.
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let crumb = text(&app).lines().next().unwrap().to_string();
    assert_ne!(crumb, cycle, "the step opened");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        text(&app).lines().next().unwrap(),
        cycle,
        "back on the cycle"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        text(&app).lines().next().unwrap(),
        crumb,
        "the same step again"
    );
}

/// Issue 16: keys acted on the hidden screen while the window was below 80x24.
#[test]
fn keys_wait_while_the_window_is_too_small() {
    let mut app = demo_app(Lang::Vi);
    open_demo_cycle(&mut app);
    let crumb = text(&app).lines().next().unwrap().to_string();
    draw(&app, 70, 20);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit());
    assert_eq!(
        text(&app).lines().next().unwrap(),
        crumb,
        "still on the cycle"
    );
    draw(&app, 70, 20);
    app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        KeyModifiers::CONTROL,
    )));
    assert!(app.should_quit(), "Ctrl-C still quits");
}
