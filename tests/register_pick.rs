//! Meeting 2 and the approval meeting mark people present from the village's register: a
//! few letters of the name, then one key per person; meeting 2's group sizes are taken
//! from its register (issue 16).

#![allow(clippy::unwrap_used)]

mod meeting2_support;

use kehoach::domain::scoring::Group;
use kehoach::domain::{CycleId, Gender, MeetingKind, PersonDraft};
use kehoach::i18n::Lang;
use kehoach::store::Store;
use meeting2_support::{open_meeting2, press, screen, store_with_activities, text, type_text};
use ratatui::crossterm::event::KeyCode;

const PEOPLE: [(&str, Gender); 5] = [
    ("Y Kim Niê", Gender::Male),
    ("H'Blưm Êban", Gender::Female),
    ("Nguyễn Thị Lan", Gender::Female),
    ("Y Phôn Ksor", Gender::Male),
    ("Trần Văn Kiên", Gender::Male),
];

/// The ten-activity store with five people registered at meeting 1.
fn store_with_people() -> (Store, CycleId) {
    let (mut store, cycle) = store_with_activities();
    let people = PEOPLE
        .iter()
        .map(|(name, gender)| PersonDraft {
            name: (*name).into(),
            gender: Some(*gender),
            ..PersonDraft::default()
        })
        .collect();
    meeting2_support::register_at_meeting1(&mut store, cycle, people);
    (store, cycle)
}

fn registered(store: &Store, cycle: CycleId) -> Vec<String> {
    let meeting = store
        .find_meeting(cycle, MeetingKind::Village2)
        .unwrap()
        .unwrap();
    store
        .attendees(meeting.id)
        .unwrap()
        .into_iter()
        .map(|a| a.person.name)
        .collect()
}

#[test]
fn a_few_letters_and_enter_mark_a_known_person_present() {
    let (store, cycle) = store_with_people();
    let mut app = open_meeting2(store, Lang::Vi);
    press(&mut app, KeyCode::F(3));
    // "kien" without diacritics finds Trần Văn Kiên; one Enter marks him present.
    type_text(&mut app, "kien");
    press(&mut app, KeyCode::Enter);
    assert_eq!(registered(app.store(), cycle), ["Trần Văn Kiên"]);
    // The search is cleared for the next person: Enter marks the first of the rest.
    type_text(&mut app, "blum");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        registered(app.store(), cycle),
        ["Trần Văn Kiên", "H'Blưm Êban"]
    );
    type_text(&mut app, "y ");
    press(&mut app, KeyCode::Down);
    let shown = text(&app);
    assert!(shown.contains("(2)"), "two Y … match: {shown}");
    insta::assert_snapshot!("pick_vi", screen(&app));
    press(&mut app, KeyCode::Enter);
    assert_eq!(registered(app.store(), cycle)[2], "Y Phôn Ksor");
}

#[test]
fn nobody_matching_offers_a_new_person_and_tab_opens_the_form() {
    let (store, _) = store_with_people();
    let mut app = open_meeting2(store, Lang::En);
    press(&mut app, KeyCode::F(3));
    type_text(&mut app, "zzz");
    assert!(text(&app).contains("Nobody matches"), "{}", text(&app));
    insta::assert_snapshot!("pick_none_en", screen(&app));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    let shown = text(&app);
    assert!(shown.contains("Register an attendee"), "{shown}");
}

#[test]
fn d_in_the_register_goes_back_to_marking_people_present() {
    let (store, cycle) = store_with_people();
    let mut app = open_meeting2(store, Lang::En);
    press(&mut app, KeyCode::F(3));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(text(&app).contains("d Mark present"), "{}", text(&app));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(registered(app.store(), cycle).len(), 2);
}

#[test]
fn group_sizes_are_prefilled_from_the_register() {
    let (store, cycle) = store_with_people();
    let mut app = open_meeting2(store, Lang::En);
    press(&mut app, KeyCode::F(3));
    for _ in 0..PEOPLE.len() {
        press(&mut app, KeyCode::Enter);
    }
    // Men's group: 3 men on the register.
    press(&mut app, KeyCode::F(4));
    press(&mut app, KeyCode::Char('e'));
    let shown = text(&app);
    let size = shown.lines().find(|l| l.contains("People in the group:"));
    assert!(size.is_some_and(|l| l.contains(" 3 ")), "{shown}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Enter);
    let saved = app.store().group_info(cycle, Group::Women).unwrap();
    assert_eq!(saved.members, 2);
}
