//! Village meeting 1 as the facilitator sees it: insta snapshots at 80x24 in Vietnamese and
//! English (monochrome theme, so snapshots hold text only) of the attendance section (empty
//! meeting, the demo's closed meeting, the quick-add form with its errors, the diacritic
//! suggestion list, the close prompt below 30% women), the working-group section (demo with
//! every check passed, a three-member group failing its checks) and the meeting record.
//! The app is driven only through `handle_event` with key events, as the terminal would.

#![allow(clippy::unwrap_used)]

use kehoach::domain::{Gender, NewCycle, PersonFields, VillageKind};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

// ---------------------------------------------------------------- driving the app

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

/// A store with one commune, one village and one 2026 cycle, nothing else.
fn fresh_store() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Kram", VillageKind::Buon)
        .expect("village");
    store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .expect("cycle");
    store
}

/// Home lists commune, village, cycle: Down Down Enter opens the cycle; Down Enter opens
/// village meeting 1 (attendance section, quick-add form focused on an open meeting).
fn open_meeting1(store: Store, lang: Lang) -> App {
    let mut app = App::new(store, lang, Theme::mono()).expect("app");
    keys(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ],
    );
    app
}

fn fresh_meeting(lang: Lang) -> App {
    open_meeting1(fresh_store(), lang)
}

/// The demo's home lists commune, Buôn Kram, its 2027 cycle, its 2026 cycle, Thôn 3: one
/// more Down leads to the 2026 cycle's (closed) meeting 1.
fn demo_meeting(lang: Lang) -> App {
    let mut store = Store::open_in_memory().expect("in-memory store");
    kehoach::demo::populate(&mut store).expect("demo");
    let mut app = App::new(store, lang, Theme::mono()).expect("app");
    keys(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
        ],
    );
    app
}

/// Types a name, Tab, picks the gender with its digit, Enter.
fn register(app: &mut App, name: &str, gender: Gender) {
    type_text(app, name);
    press(app, KeyCode::Tab);
    let digit = match gender {
        Gender::Male => '1',
        Gender::Female => '2',
    };
    press(app, KeyCode::Char(digit));
    press(app, KeyCode::Enter);
}

fn person(name: &str, gender: Gender) -> PersonFields {
    PersonFields {
        name: name.into(),
        gender,
        ethnicity: None,
        wealth: None,
        organisations: Vec::new(),
        trained: false,
        core_farmer: false,
    }
}

// ---------------------------------------------------------------- reading the screen

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

/// The 80x24 screen as insta stores it (quoted rows).
fn screen(app: &App) -> String {
    format!("{}", draw(app).backend())
}

/// The 80x24 screen as plain text, one line per row (for `contains` checks).
fn text(app: &App) -> String {
    let terminal = draw(app);
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

/// Every row of the screen is exactly 80 columns wide (no wide glyph broke the grid) and
/// every box drawn with ┌ is closed with ┐ on the same row.
fn assert_grid_intact(app: &App) {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    for y in 0..buffer.area.height {
        let row: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let width = unicode_width::UnicodeWidthStr::width(row.as_str());
        assert_eq!(width, 80, "row {y} is {width} columns: {row:?}");
        assert_eq!(
            row.matches('┌').count(),
            row.matches('┐').count(),
            "row {y} opens a box it does not close: {row:?}"
        );
    }
}

fn snapshot(name: &str, app: &App) {
    assert_grid_intact(app);
    insta::assert_snapshot!(name, screen(app));
}

// ---------------------------------------------------------------- attendance, empty meeting

#[test]
fn attendance_empty_meeting() {
    for (lang, name) in [
        (Lang::Vi, "attendance_empty_vi"),
        (Lang::En, "attendance_empty_en"),
    ] {
        let app = fresh_meeting(lang);
        let shown = text(&app);
        let (title, total, verdict) = match lang {
            Lang::Vi => ("Ghi danh người dự họp", "Tổng 0", "CHƯA ĐẠT: cần thêm 1 nữ"),
            Lang::En => (
                "Register an attendee",
                "Total 0",
                "NOT MET: need 1 more women",
            ),
        };
        assert!(shown.contains(title), "{shown}");
        assert!(shown.contains(total), "{shown}");
        assert!(shown.contains(verdict), "{shown}");
        snapshot(name, &app);
    }
}

// ---------------------------------------------------------------- attendance, demo (closed)

#[test]
fn attendance_demo_closed() {
    for (lang, name) in [
        (Lang::Vi, "attendance_demo_vi"),
        (Lang::En, "attendance_demo_en"),
    ] {
        let app = demo_meeting(lang);
        let shown = text(&app);
        let (total, closed) = match lang {
            Lang::Vi => ("Tổng 90", "đã kết thúc"),
            Lang::En => ("Total 90", "closed"),
        };
        assert!(shown.contains(total), "{shown}");
        assert!(shown.contains(closed), "{shown}");
        assert!(shown.contains("✓"), "the demo meets 30%: {shown}");
        // A closed meeting shows no quick-add form.
        assert!(!shown.contains("Ghi danh người dự họp"), "{shown}");
        snapshot(name, &app);
    }
}

// ---------------------------------------------------------------- the form's errors

#[test]
fn quick_add_validation_errors() {
    for (lang, name) in [
        (Lang::Vi, "quick_add_errors_vi"),
        (Lang::En, "quick_add_errors_en"),
    ] {
        let mut app = fresh_meeting(lang);
        press(&mut app, KeyCode::Enter);
        let shown = text(&app);
        let (name_err, gender_err) = match lang {
            Lang::Vi => ("✗ Hãy nhập tên", "✗ Chọn giới: 1 Nam, 2 Nữ"),
            Lang::En => ("✗ Please type a name", "✗ Choose a gender: 1 man, 2 woman"),
        };
        assert!(shown.contains(name_err), "{shown}");
        assert!(shown.contains(gender_err), "{shown}");
        snapshot(name, &app);
    }
}

// ---------------------------------------------------------------- diacritic suggestions

#[test]
fn diacritic_suggestion_list() {
    for (lang, name) in [(Lang::Vi, "suggestions_vi"), (Lang::En, "suggestions_en")] {
        let mut store = fresh_store();
        let village = store.communes().unwrap()[0].id;
        let village = store.villages(village).unwrap()[0].id;
        for (n, g) in [
            ("Nguyễn Thị Hường", Gender::Female),
            ("Nguyễn Thị Lan", Gender::Female),
            ("Nguyễn Văn Hùng", Gender::Male),
            ("H'Nhi Êban", Gender::Female),
            ("Y Bhin Niê", Gender::Male),
        ] {
            store.create_person(village, &person(n, g)).unwrap();
        }
        let mut app = open_meeting1(store, lang);
        type_text(&mut app, "nguyen thi");
        press(&mut app, KeyCode::Down);
        let shown = text(&app);
        assert!(shown.contains("Nguyễn Thị Hường"), "{shown}");
        assert!(shown.contains("Nguyễn Thị Lan"), "{shown}");
        assert!(!shown.contains("Nguyễn Văn Hùng"), "{shown}");
        assert!(!shown.contains("Êban"), "{shown}");
        assert!(
            shown.contains("▶ Nguyễn Thị Hường"),
            "first picked: {shown}"
        );
        snapshot(name, &app);
    }
}

// ---------------------------------------------------------------- working group

#[test]
fn working_group_demo_all_checks_pass() {
    for (lang, name) in [
        (Lang::Vi, "workgroup_demo_vi"),
        (Lang::En, "workgroup_demo_en"),
    ] {
        let mut app = demo_meeting(lang);
        press(&mut app, KeyCode::F(5));
        let shown = text(&app);
        assert!(!shown.contains('✗'), "every check passes: {shown}");
        assert!(shown.matches('✓').count() >= 8, "eight checks: {shown}");
        let summary = match lang {
            Lang::Vi => "20 thành viên",
            Lang::En => "20 members",
        };
        assert!(shown.contains(summary), "{shown}");
        snapshot(name, &app);
    }
}

#[test]
fn working_group_failing_checks() {
    for (lang, name) in [
        (Lang::Vi, "workgroup_failing_vi"),
        (Lang::En, "workgroup_failing_en"),
    ] {
        let mut app = fresh_meeting(lang);
        for (n, g) in [
            ("Y Khu Niê", Gender::Male),
            ("H'Nhi Êban", Gender::Female),
            ("Nguyễn Văn Hùng", Gender::Male),
            ("Trần Thị Lan", Gender::Female),
            ("Y Bhin Mlô", Gender::Male),
        ] {
            register(&mut app, n, g);
        }
        press(&mut app, KeyCode::F(5));
        // Elect the first three: Y Khu Niê, H'Nhi Êban, Nguyễn Văn Hùng.
        keys(
            &mut app,
            &[
                KeyCode::Char(' '),
                KeyCode::Down,
                KeyCode::Char(' '),
                KeyCode::Down,
                KeyCode::Char(' '),
            ],
        );
        assert_eq!(
            app.store()
                .working_group(app.store().cycles(village_of(&app)).unwrap()[0].id)
                .unwrap()
                .members
                .len(),
            3
        );
        let shown = text(&app);
        let need = match lang {
            Lang::Vi => "Cần thêm 12 thành viên",
            Lang::En => "Need 12 more members",
        };
        assert!(shown.contains(need), "{shown}");
        assert!(shown.contains('✗'), "{shown}");
        snapshot(name, &app);
    }
}

fn village_of(app: &App) -> kehoach::domain::VillageId {
    let commune = app.store().communes().unwrap()[0].id;
    app.store().villages(commune).unwrap()[0].id
}

// ---------------------------------------------------------------- record

#[test]
fn record_demo() {
    for (lang, name) in [(Lang::Vi, "record_demo_vi"), (Lang::En, "record_demo_en")] {
        let mut app = demo_meeting(lang);
        press(&mut app, KeyCode::F(3));
        let shown = text(&app);
        assert!(shown.contains("12/05/2026"), "{shown}");
        assert!(shown.contains("Nhà văn hoá Buôn Kram"), "{shown}");
        assert!(shown.contains("07:30"), "{shown}");
        snapshot(name, &app);
    }
}

// ---------------------------------------------------------------- close below 30%

#[test]
fn close_prompt_below_thirty_percent() {
    for (lang, name) in [(Lang::Vi, "close_prompt_vi"), (Lang::En, "close_prompt_en")] {
        let mut app = fresh_meeting(lang);
        for (n, g) in [
            ("Y Khu Niê", Gender::Male),
            ("Y Bhin Mlô", Gender::Male),
            ("Nguyễn Văn Hùng", Gender::Male),
            ("H'Nhi Êban", Gender::Female),
        ] {
            register(&mut app, n, g);
        }
        press(&mut app, KeyCode::Esc); // to the register
        press(&mut app, KeyCode::Char('k'));
        let shown = text(&app);
        let title = match lang {
            Lang::Vi => "Dưới 30% nữ: ghi lý do kết thúc họp",
            Lang::En => "Under 30% women: write why the meeting closes",
        };
        assert!(shown.contains(title), "{shown}");
        snapshot(name, &app);
    }
}

/// Issue 16: suggestions stopped at six with no sign that more people match.
#[test]
fn suggestions_say_how_many_more_people_match() {
    let mut store = fresh_store();
    let village = store.communes().unwrap()[0].id;
    let village = store.villages(village).unwrap()[0].id;
    for i in 1..=9 {
        store
            .create_person(village, &person(&format!("Y Nguyên {i}"), Gender::Male))
            .unwrap();
    }
    let mut app = open_meeting1(store, Lang::Vi);
    type_text(&mut app, "nguyen");
    let shown = format!("{}", draw(&app).backend());
    assert!(shown.contains("… và 3 người nữa"), "{shown}");
    type_text(&mut app, " 9");
    let narrowed = format!("{}", draw(&app).backend());
    assert!(narrowed.contains("Y Nguyên 9"), "{narrowed}");
    assert!(!narrowed.contains("người nữa"), "{narrowed}");
}

/// Issue 16: the facilitators-present field could not be filled with no commune team,
/// and said nothing; now the record says where the team is added.
#[test]
fn the_record_says_where_to_add_facilitators_when_there_are_none() {
    let mut app = fresh_meeting(Lang::Vi);
    press(&mut app, KeyCode::F(3));
    let shown = format!("{}", draw(&app).backend());
    assert!(
        shown.contains("Tổ thúc đẩy xã chưa có ai: thêm ở bước Chuẩn bị"),
        "{shown}"
    );
}
