//! Village meeting 2 and the annual approval meeting have the same record as meeting 1
//! (date, place, chair and role, times, facilitators present), typed on their screens,
//! saved through `commands::execute` and printed on their record forms (issue 16).

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use chrono::FixedOffset;
use driver::{demo_app_with, press, screen, type_text};
use kehoach::domain::{ChairRole, CycleId, MeetingKind};
use kehoach::export::forms::{self, Value};
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// Fills the open record form: date, place, chair (board head), start and end.
fn fill_record(app: &mut App, date: &str, place: &str, chair: &str) {
    type_text(app, date);
    press(app, KeyCode::Tab);
    type_text(app, place);
    press(app, KeyCode::Tab);
    type_text(app, chair);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Right);
    press(app, KeyCode::Tab);
    type_text(app, "14:00");
    press(app, KeyCode::Tab);
    type_text(app, "16:30");
    press(app, KeyCode::Enter);
}

fn meeting(store: &Store, cycle: CycleId, kind: MeetingKind) -> kehoach::domain::MeetingId {
    store.find_meeting(cycle, kind).unwrap().unwrap().id
}

/// The text of a header line of the record form printed for `file`.
fn printed(store: &Store, cycle: CycleId, file: &str, key: &str) -> String {
    let offset = FixedOffset::east_opt(7 * 3600).unwrap();
    let all = forms::all(&store.cycle_record(cycle).unwrap(), Lang::Vi, offset);
    let form = all.iter().find(|f| f.file == file).unwrap();
    let label = t(Lang::Vi, key);
    match &form
        .header_lines
        .iter()
        .find(|(l, _)| *l == label)
        .unwrap()
        .1
    {
        Value::Text(s) => s.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn meeting_2_has_its_record_on_f7_and_prints_it() {
    let (store, cycle) = meeting2_support::store_with_activities();
    let mut app = meeting2_support::open_meeting2(store, Lang::Vi);
    press(&mut app, KeyCode::F(7));
    fill_record(&mut app, "02/06/2026", "Nhà văn hoá Buôn Kram", "Y Kim Niê");
    let id = meeting(app.store(), cycle, MeetingKind::Village2);
    let saved = app.store().meeting_details(id).unwrap();
    assert_eq!(saved.date, "2026-06-02");
    assert_eq!(saved.place, "Nhà văn hoá Buôn Kram");
    assert_eq!(saved.chair_role, Some(ChairRole::BoardHead));
    assert_eq!(
        (saved.start_time.as_str(), saved.end_time.as_str()),
        ("14:00", "16:30")
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("F7 Biên bản"), "{shown}");
    // No facilitators yet: the note says where to add them, not a key that goes elsewhere
    // (Esc in the annual step's record goes to its register).
    assert!(shown.contains("bước Chuẩn bị, mục F4"), "{shown}");
    assert!(!shown.contains("Esc về các bước"), "{shown}");
    insta::assert_snapshot!("m2_record_vi", shown);
    assert_eq!(
        printed(app.store(), cycle, "hop-dan-2", "rec.place"),
        "Nhà văn hoá Buôn Kram"
    );
    assert!(printed(app.store(), cycle, "hop-dan-2", "rec.chair").starts_with("Y Kim Niê ("));
}

#[test]
fn b_in_a_register_shows_the_meetings_record() {
    let app = demo_app_with(Lang::En, |_, _| {});
    let mut app = app;
    driver::open_demo_step(&mut app, 5);
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Char('b'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Meeting record"), "{shown}");
    assert!(
        shown.contains("02/06/2026"),
        "the demo's meeting 2 record: {shown}"
    );
}

/// The demo with a new cycle for the year after its latest, opened on the annual step.
fn next_year_app(lang: Lang) -> (App, CycleId) {
    let mut next = None;
    let mut app = demo_app_with(lang, |store: &mut Store, cycle| {
        let village = store.cycle(cycle).unwrap().village_id;
        let latest = store.cycles(village).unwrap()[0].id;
        next = Some(store.create_next_cycle(latest).unwrap().id);
    });
    let next = next.unwrap();
    let entries = app.store().home_entries().unwrap();
    let row = entries
        .iter()
        .position(|e| matches!(e, kehoach::store::HomeEntry::Cycle { id, .. } if *id == next))
        .unwrap();
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    for _ in 1..6 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    (app, next)
}

#[test]
fn the_approval_meeting_opens_on_its_record_then_its_register() {
    let (mut app, cycle) = next_year_app(Lang::En);
    press(&mut app, KeyCode::F(7));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Meeting record"), "{shown}");
    insta::assert_snapshot!("approval_record_en", shown);
    fill_record(&mut app, "28/05/2028", "Nhà văn hoá Buôn Kram", "Y Kim Niê");
    let id = meeting(app.store(), cycle, MeetingKind::AnnualApproval);
    let saved = app.store().meeting_details(id).unwrap();
    assert_eq!(saved.date, "2028-05-28");
    assert_eq!(saved.chair, "Y Kim Niê");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Register") || shown.contains("register"),
        "{shown}"
    );
    // The approval form takes the record's date.
    press(&mut app, KeyCode::F(8));
    assert!(screen(&app, 80, 24).contains("28/05/2028"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        printed(app.store(), cycle, "hop-thong-qua", "rec.place"),
        "Nhà văn hoá Buôn Kram"
    );
}

#[test]
fn the_demo_fills_every_meetings_record_with_the_facilitators_present() {
    let mut store = Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    for (cycle, file) in [(first, "hop-dan-2"), (next, "hop-thong-qua")] {
        assert!(!printed(&store, cycle, file, "rec.place").is_empty());
        assert!(
            !printed(&store, cycle, file, "rec.facilitators").is_empty(),
            "{file}"
        );
    }
}
