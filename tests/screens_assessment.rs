//! The situation assessment as the facilitator sees it: insta snapshots at 80x24 in
//! Vietnamese and English (monochrome theme) of each section on the demo village (tool
//! catalogue, sub-groups with their checks, findings, activities, progress), the activity
//! form with inline errors, and the findings editor; plus flows driven by keys only.

#![allow(clippy::unwrap_used)]

use kehoach::domain::{NewCycle, VillageKind};
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

/// Home → the cycle `rows` rows below the commune → step 3, the assessment.
fn open_assessment(store: Store, lang: Lang, rows: usize) -> App {
    let mut app = App::new(store, lang, Theme::mono()).expect("app");
    for _ in 0..rows {
        press(&mut app, KeyCode::Down);
    }
    keys(
        &mut app,
        &[KeyCode::Enter, KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    app
}

fn demo(lang: Lang) -> App {
    let mut store = Store::open_in_memory().expect("store");
    kehoach::demo::populate(&mut store).expect("demo");
    // Commune, Buôn Kram, its 2027 cycle, its 2026 cycle (the one with the assessment).
    open_assessment(store, lang, 3)
}

fn fresh(lang: Lang) -> App {
    let mut store = Store::open_in_memory().expect("store");
    let (village, cycle) = empty_cycle(&mut store);
    let meeting = store
        .meeting(cycle.id, kehoach::domain::MeetingKind::Village1)
        .unwrap();
    for (name, gender) in [
        ("H'Nhi Niê", kehoach::domain::Gender::Female),
        ("Y Khu Mlô", kehoach::domain::Gender::Male),
    ] {
        let fields = kehoach::domain::PersonFields {
            name: name.into(),
            gender,
            ethnicity: Some("Ê Đê".into()),
            wealth: None,
            organisations: Vec::new(),
            trained: false,
            core_farmer: false,
        };
        let id = store
            .register_new_person(village.id, meeting.id, &fields)
            .unwrap();
        store.set_wg_member(cycle.id, id, true).unwrap();
    }
    open_assessment(store, lang, 2)
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

fn screen(app: &App) -> String {
    format!("{}", draw(app).backend())
}

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

const SECTIONS: [(KeyCode, &str); 5] = [
    (KeyCode::F(3), "tools"),
    (KeyCode::F(4), "subgroups"),
    (KeyCode::F(5), "findings"),
    (KeyCode::F(6), "activities"),
    (KeyCode::F(7), "progress"),
];

#[test]
fn every_section_of_the_demo_in_both_languages() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = demo(lang);
        for (key, name) in SECTIONS {
            press(&mut app, key);
            let snap = format!("demo_{name}_{}", lang.code());
            insta::assert_snapshot!(snap, screen(&app));
        }
    }
}

#[test]
fn subgroup_topics_pane_shows_the_women_group_assignment() {
    let mut app = demo(Lang::Vi);
    keys(
        &mut app,
        &[KeyCode::F(4), KeyCode::Down, KeyCode::Down, KeyCode::Down],
    );
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    for _ in 0..21 {
        press(&mut app, KeyCode::Down);
    }
    let shown = text(&app);
    assert!(shown.contains("Nhóm phụ nữ"), "{shown}");
    assert!(
        shown.contains("☑ Công cụ: Các vấn đề của phụ nữ"),
        "{shown}"
    );
    insta::assert_snapshot!("demo_subgroup_topics_vi", screen(&app));
}

#[test]
fn activity_form_shows_inline_errors() {
    let mut app = demo(Lang::Vi);
    keys(&mut app, &[KeyCode::F(6), KeyCode::Char('a')]);
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab, KeyCode::Tab]);
    type_text(&mut app, "-3");
    press(&mut app, KeyCode::Enter);
    let shown = text(&app);
    assert!(shown.contains("Cần nhập tên hoạt động"), "{shown}");
    assert!(shown.contains("Cần chọn lĩnh vực"), "{shown}");
    insta::assert_snapshot!("activity_form_errors_vi", screen(&app));
}

#[test]
fn a_fresh_assessment_is_built_with_keys_only() {
    let mut app = fresh(Lang::Vi);
    // Select the first two tools.
    keys(
        &mut app,
        &[KeyCode::Char(' '), KeyCode::Down, KeyCode::Char(' ')],
    );
    // A sub-group with both members, the woman as leader, the transect walk assigned.
    keys(
        &mut app,
        &[KeyCode::F(4), KeyCode::Char('a'), KeyCode::Enter],
    );
    keys(
        &mut app,
        &[KeyCode::Tab, KeyCode::Char(' '), KeyCode::Char('t')],
    );
    keys(&mut app, &[KeyCode::Down, KeyCode::Char(' ')]);
    press(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char(' '));
    // A finding with two lines and diacritics, saved with F9.
    keys(&mut app, &[KeyCode::F(5), KeyCode::Enter]);
    type_text(&mut app, "Đất đỏ bazan màu mỡ");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Thiếu nước tưới mùa khô");
    keys(&mut app, &[KeyCode::Tab]);
    type_text(&mut app, "90");
    press(&mut app, KeyCode::F(9));
    let store = app.store();
    let cycle = kehoach::domain::CycleId(1);
    let groups = store.subgroups(cycle).unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members.len(), 2);
    assert!(groups[0].leader.is_some());
    assert_eq!(groups[0].tools, vec!["transect_walk".to_string()]);
    let findings = store.findings(cycle).unwrap();
    assert_eq!(
        findings[0].text,
        "Đất đỏ bazan màu mỡ\nThiếu nước tưới mùa khô"
    );
    assert_eq!(findings[0].minutes, 90);
    insta::assert_snapshot!("fresh_finding_saved_vi", screen(&app));
}

#[test]
fn an_activity_is_proposed_through_the_form() {
    let mut app = fresh(Lang::En);
    keys(&mut app, &[KeyCode::F(6), KeyCode::Char('a')]);
    type_text(&mut app, "Bê tông hóa đường");
    keys(&mut app, &[KeyCode::Tab, KeyCode::Char('4'), KeyCode::Tab]);
    keys(&mut app, &[KeyCode::Char('2'), KeyCode::Tab]);
    type_text(&mut app, "1,2");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "km");
    press(&mut app, KeyCode::Enter);
    let all = app.store().activities(kehoach::domain::CycleId(1)).unwrap();
    assert_eq!(all.len(), 1, "{}", text(&app));
    assert_eq!(all[0].fields.quantity, Some(1.2));
    assert!(text(&app).contains("Bê tông hóa đường · 1,2 km"));
}

#[test]
fn a_check_with_nothing_to_check_shows_a_dash_not_a_tick() {
    for (lang, rule, why, name) in [
        (
            Lang::Vi,
            "— Mọi thành viên tổ công tác đều thuộc một nhóm",
            "chưa có tổ công tác",
            "subgroups_nothing_vi",
        ),
        (
            Lang::En,
            "— Every working-group member is in a sub-group",
            "no working group",
            "subgroups_nothing_en",
        ),
    ] {
        let mut store = Store::open_in_memory().expect("store");
        empty_cycle(&mut store);
        let mut app = open_assessment(store, lang, 2);
        press(&mut app, KeyCode::F(4));
        let shown = text(&app);
        let joined = shown.replace('\n', " ");
        assert!(shown.contains(rule), "{shown}");
        assert!(joined.contains(why) || shown.contains(why), "{shown}");
        assert!(!shown.contains("✓ Đạt: Mọi thành viên"), "{shown}");
        assert!(!shown.contains("✓ Met: Every working-group"), "{shown}");
        insta::assert_snapshot!(name, screen(&app));
    }
}

/// A commune, a village and its 2026 cycle: nobody registered, no working group.
fn empty_cycle(store: &mut Store) -> (kehoach::domain::Village, kehoach::domain::Cycle) {
    let commune = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    let village = store
        .create_village(commune.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    let cycle = store
        .create_cycle(&NewCycle {
            village_id: village.id,
            year: 2026,
            medium_term_span: 5,
        })
        .unwrap();
    (village, cycle)
}
