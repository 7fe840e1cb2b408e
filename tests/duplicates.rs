//! A typed name that a known person has asks whether it is the same person (then the known
//! one is registered) or another of the same name; a person removed from the only register
//! that knew them is forgotten, so they are not suggested again (issue 16).

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use driver::{press, screen, type_text};
use kehoach::commands::{Command, execute};
use kehoach::domain::{CycleId, Gender, MeetingKind, PersonDraft, VillageId};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use kehoach::tui::app::App;
use ratatui::crossterm::event::KeyCode;

/// A 2026 cycle whose village knows Nguyễn Thị Hường (registered at no meeting yet),
/// meeting 1 open on its empty register.
fn known_huong(lang: Lang) -> (App, VillageId, CycleId) {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = meeting2_support::fill(&mut store);
    let village = store.cycle(cycle).unwrap().village_id;
    let draft = PersonDraft {
        name: "Nguyễn Thị Hường".into(),
        gender: Some(Gender::Female),
        ethnicity: "Kinh".into(),
        ..PersonDraft::default()
    };
    store
        .create_person(village, &draft.validate().unwrap())
        .unwrap();
    (meeting2_support::open_step(store, lang, 2), village, cycle)
}

fn registered(app: &App, cycle: CycleId, kind: MeetingKind) -> Vec<String> {
    let meeting = app.store().find_meeting(cycle, kind).unwrap().unwrap();
    let attendees = app.store().attendees(meeting.id).unwrap();
    attendees.into_iter().map(|a| a.person.name).collect()
}

/// Types the name in full, woman, Enter.
fn type_woman(app: &mut App, name: &str) {
    type_text(app, name);
    press(app, KeyCode::Tab);
    press(app, KeyCode::Char('2'));
    press(app, KeyCode::Enter);
}

#[test]
fn a_known_full_name_asks_and_the_same_person_is_registered() {
    for (lang, asked, name) in [
        (Lang::Vi, "Có phải cùng một người?", "same_person_vi"),
        (Lang::En, "Is it the same person?", "same_person_en"),
    ] {
        let (mut app, village, cycle) = known_huong(lang);
        type_woman(&mut app, "Nguyễn Thị Hường");
        let shown = screen(&app, 80, 24);
        assert!(shown.contains(asked), "{shown}");
        assert!(shown.contains("Kinh"), "her details: {shown}");
        insta::assert_snapshot!(name, shown);
        assert!(registered(&app, cycle, MeetingKind::Village1).is_empty());
        press(&mut app, KeyCode::Char('y'));
        assert_eq!(
            registered(&app, cycle, MeetingKind::Village1),
            vec!["Nguyễn Thị Hường"]
        );
        let people = app.store().people(village).unwrap();
        assert_eq!(people.len(), 1, "the known person, not a copy");
    }
}

#[test]
fn another_person_of_the_same_name_is_added_and_esc_goes_back_to_edit() {
    let (mut app, village, cycle) = known_huong(Lang::Vi);
    type_woman(&mut app, "nguyễn thị hường");
    press(&mut app, KeyCode::Esc);
    assert!(registered(&app, cycle, MeetingKind::Village1).is_empty());
    assert!(
        screen(&app, 80, 24).contains("nguyễn thị hường"),
        "typing kept"
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(registered(&app, cycle, MeetingKind::Village1).len(), 1);
    assert_eq!(app.store().people(village).unwrap().len(), 2);
}

#[test]
fn a_person_removed_from_their_only_register_is_not_suggested_again() {
    let (mut app, village, cycle) = known_huong(Lang::Vi);
    type_text(&mut app, "Y Khu Niê");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store().people(village).unwrap().len(), 2);
    // To the register, remove him (x, yes).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('y'));
    assert!(registered(&app, cycle, MeetingKind::Village1).is_empty());
    let people = app.store().people(village).unwrap();
    assert_eq!(people.len(), 1, "{people:?}");
    // Typing his name again suggests nobody.
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "y khu");
    let shown = screen(&app, 80, 24);
    assert!(!shown.contains("Người đã có trong danh sách"), "{shown}");
    // The known person who was never registered is still known.
    assert_eq!(people[0].name, "Nguyễn Thị Hường");
}

#[test]
fn a_person_in_another_register_is_kept_when_removed_from_one() {
    let mut store = Store::open_in_memory().unwrap();
    let cycle = meeting2_support::fill(&mut store);
    let village = store.cycle(cycle).unwrap().village_id;
    let draft = PersonDraft {
        name: "H'Nhi Êban".into(),
        gender: Some(Gender::Female),
        ..PersonDraft::default()
    };
    meeting2_support::register_at_meeting1(&mut store, cycle, vec![draft]);
    let person = store.people(village).unwrap()[0].id;
    let meeting = |store: &Store, kind| store.find_meeting(cycle, kind).unwrap().unwrap().id;
    let m2 = meeting(&store, MeetingKind::Village2);
    let command = Command::RegisterKnown {
        meeting: m2,
        person,
        gender: Gender::Female,
    };
    execute(&mut store, command).unwrap();
    let m1 = meeting(&store, MeetingKind::Village1);
    execute(
        &mut store,
        Command::RemoveAttendee {
            meeting: m1,
            person,
        },
    )
    .unwrap();
    assert_eq!(
        store.people(village).unwrap().len(),
        1,
        "kept for meeting 2"
    );
    execute(
        &mut store,
        Command::RemoveAttendee {
            meeting: m2,
            person,
        },
    )
    .unwrap();
    assert!(
        store.people(village).unwrap().is_empty(),
        "now known nowhere"
    );
    let log = store.audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.entity == "people" && e.entity_id == person.0 && e.new_value.is_none()),
        "the deletion is logged"
    );
}
