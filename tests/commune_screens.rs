//! The commune's screens at 80x24, driven by keys as the terminal would (issue 14, items
//! 1-2): `g` on home opens the commune's year with each village's plan standing (✓ ◐ ✗,
//! in words too); `i` imports villages' files from a folder: the dry run first, nothing
//! written, then Enter imports, one transaction per file; the same folder again changes
//! nothing. The commune conference (item 4): Enter on a village opens its activities, `c`
//! records a change (refused without a reason), `a` the village's answer, `p` approves
//! the commune plan (frozen, changes refused), `o` reopens it with a reason.

#![allow(clippy::unwrap_used)]

use kehoach::domain::MeetingKind;
use kehoach::domain::commune::{AnswerKind, ChangeKind};
use kehoach::export::{Format, Source, Stamp, render};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .unwrap();
    format!("{}", terminal.backend())
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    store
}

#[test]
fn the_commune_year_shows_where_each_villages_plan_stands() {
    let mut app = App::new(demo_store(), Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('g'));
    let newest = screen(&app);
    assert!(newest.contains("Kế hoạch xã 2027"), "{newest}");
    press(&mut app, KeyCode::Left);
    let shown = screen(&app);
    assert!(shown.contains("Kế hoạch xã 2026"), "{shown}");
    assert!(
        shown.contains("2 thôn, buôn: 1 đã thông qua · 1 chưa thông qua · 0 chưa nhận"),
        "{shown}"
    );
    let kram = shown.lines().find(|l| l.contains("Buôn Kram")).unwrap();
    assert!(kram.contains("✓ Đã thông qua (bản 1)"), "{kram}");
    assert!(kram.contains("nhập ở máy"), "{kram}");
    assert!(kram.contains(" 2 "), "two part-2 activities: {kram}");
    let thon3 = shown.lines().find(|l| l.contains("Thôn 3")).unwrap();
    assert!(thon3.contains("◐ Chưa thông qua"), "{thon3}");
    insta::assert_snapshot!("commune_year_2026_vi", shown);
    press(&mut app, KeyCode::Left);
    let past = screen(&app);
    let thon3 = past.lines().find(|l| l.contains("Thôn 3")).unwrap();
    assert!(thon3.contains("✓ Đã thông qua (bản 1)"), "2025: {thon3}");
    press(&mut app, KeyCode::Left);
    let empty_year = screen(&app);
    assert!(
        empty_year.contains("0 đã thông qua · 0 chưa thông qua · 2 chưa nhận"),
        "{empty_year}"
    );
    assert!(empty_year.contains("✗ Chưa nhận kế hoạch"), "{empty_year}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app).contains("Trang chính") || screen(&app).contains("Xã Ea Tiêu"));
}

/// Both demo villages' 2026 bundles written into a folder, as a USB stick would hold them,
/// beside a file that is not a bundle.
fn usb_stick() -> tempfile::TempDir {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let commune = store.communes().unwrap()[0].id;
    for village in store.villages(commune).unwrap() {
        let cycle = store
            .cycles(village.id)
            .unwrap()
            .into_iter()
            .find(|c| c.year == 2026)
            .unwrap();
        let record = store.cycle_record(cycle.id).unwrap();
        let source = Source::new(record, false, &Stamp::now());
        for (name, bytes) in render(&source, Format::Json, Lang::Vi).unwrap() {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
    }
    std::fs::write(dir.path().join("ghi-chu.txt"), "không phải kế hoạch").unwrap();
    dir
}

#[test]
fn importing_a_usb_stick_shows_the_dry_run_then_imports_each_file_once() {
    let stick = usb_stick();
    let mut app = App::new(Store::open_in_memory().unwrap(), Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('i'));
    ctrl(&mut app, 'u');
    type_text(&mut app, &stick.path().display().to_string());
    press(&mut app, KeyCode::Enter);
    let dry = screen(&app);
    assert!(dry.contains("2 tệp"), "{dry}");
    let marked = |shown: &str, mark: &str| {
        shown
            .lines()
            .filter(|l| l.contains(&format!("{mark} ")) && l.contains(".json:"))
            .count()
    };
    assert_eq!(marked(&dry, "✓"), 2, "{dry}");
    assert!(
        dry.contains("ghi-chu.txt"),
        "the skipped file is named: {dry}"
    );
    assert!(
        app.store().communes().unwrap().is_empty(),
        "the dry run writes nothing"
    );

    press(&mut app, KeyCode::Enter);
    let done = screen(&app);
    assert!(done.contains("✓ Đã lưu 2 mục"), "{done}");
    assert_eq!(marked(&done, "="), 2, "both files now held: {done}");
    let commune = app.store().communes().unwrap()[0].id;
    let year = app.store().commune_year(commune, 2026).unwrap();
    assert_eq!(year.len(), 2);
    assert!(year.iter().all(|v| v.record.is_some()));
    let kram = year.iter().find(|v| v.village.name == "Buôn Kram").unwrap();
    let record = kram.record.as_ref().unwrap();
    assert!(record.meeting_record(MeetingKind::AnnualApproval).is_some());

    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Không có tệp ✓ nào để nhập"));
    assert_eq!(
        app.store().commune_year(commune, 2026).unwrap(),
        year,
        "nothing changed"
    );
}

#[test]
fn a_change_and_the_villages_answer_are_recorded_by_keys_then_the_plan_is_frozen() {
    let mut app = App::new(demo_store(), Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Left);
    let year = screen(&app);
    assert!(year.contains("Kế hoạch xã 2026"), "{year}");
    assert!(year.contains("◐ Kế hoạch xã chưa thông qua"), "{year}");
    press(&mut app, KeyCode::Enter);
    let list = screen(&app);
    assert!(
        list.contains("Buôn Kram · kế hoạch năm 2026 tại hội nghị xã"),
        "{list}"
    );
    assert!(list.contains("Giữ nguyên"), "{list}");
    // c: a new quantity, first without a reason (refused on the form), then with one.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    let refused = screen(&app);
    assert!(refused.contains("✗ Ghi lý do"), "{refused}");
    // The refused field has the focus.
    type_text(&mut app, "Ngân sách chỉ đủ 3");
    press(&mut app, KeyCode::Enter);
    let changed = screen(&app);
    insta::assert_snapshot!("conference_change_vi", changed);
    assert!(changed.contains("Đổi số lượng"), "{changed}");
    assert!(changed.contains("Xã đổi số lượng thành 3"), "{changed}");
    // a: the village defends, in its representative's words.
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Cần đủ 5 lớp");
    press(&mut app, KeyCode::Enter);
    let commune = app.store().communes().unwrap()[0].id;
    let changes = app.store().commune_changes(commune, 2026).unwrap();
    assert_eq!(
        changes.len(),
        2,
        "the demo's change to the dam, and this one"
    );
    let change = changes
        .iter()
        .find(|c| c.kind == ChangeKind::Quantity(3.0))
        .unwrap();
    assert_eq!(change.reason, "Ngân sách chỉ đủ 3");
    let answer = change.answer.as_ref().unwrap();
    assert_eq!(
        (answer.kind, answer.words.as_str()),
        (AnswerKind::Defended, "Cần đủ 5 lớp")
    );
    // p approves: frozen, and a change is refused until `o` reopens with a reason.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('p'));
    let frozen = screen(&app);
    assert!(
        frozen.contains("✓ Kế hoạch xã đã thông qua (bản 1), đã khoá"),
        "{frozen}"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    let refused = screen(&app);
    assert!(
        refused.contains("đã được hội nghị thông qua (bản 1)"),
        "{refused}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "Huyện báo thêm vốn");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("◐ Kế hoạch xã chưa thông qua"));
    let versions = app.store().commune_versions(commune, 2026).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(
        versions[0].reopen_reason.as_deref(),
        Some("Huyện báo thêm vốn")
    );
}

/// The decision pane shows a change whole at 80x24: the chair's reason and the village's
/// answer (the demo's dam: the answer used to fall below the pane).
#[test]
fn a_change_shows_its_reason_and_the_villages_answer() {
    let mut app = App::new(demo_store(), Lang::Vi, Theme::mono()).unwrap();
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Enter);
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    let shown = screen(&app);
    assert!(shown.contains("Xã đổi kinh phí thành 700 triệu"), "{shown}");
    assert!(shown.contains("Trưởng buôn đồng ý"), "{shown}");
}
