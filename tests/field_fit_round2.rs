//! What a scripted full cycle still met (issue 16, second round): meeting 2 asks before it
//! adopts the plan, a meeting's end time cannot come before its start, a group's size
//! message matches the register, the working-group check names the size range set, and
//! the sub-groups are given only the tools selected for the assessment.

#![allow(clippy::unwrap_used)]

#[path = "commands_support/mod.rs"]
mod commands_support;
#[path = "common/app.rs"]
mod driver;
mod meeting2_support;

use commands_support::{register, score_and_vote, village};
use driver::{demo_app, demo_app_with, fresh_cycle_app, open_demo_step, press, screen, type_text};
use kehoach::commands::{Command, execute};
use kehoach::domain::pra::Catalogue;
use kehoach::domain::working_group::SizeRange;
use kehoach::domain::{CycleId, MeetingKind};
use kehoach::i18n::{Lang, t, tf};
use kehoach::store::MeetingDetails;
use meeting2_support::open_step;
use ratatui::crossterm::event::KeyCode;

/// The screen's rows joined by spaces (a message may wrap).
fn flat(app: &kehoach::tui::app::App) -> String {
    screen(app, 80, 24).replace('\n', " ")
}

/// The first `n` characters of a translation (a popup wraps the rest).
fn head(lang: Lang, key: &str, n: usize) -> String {
    t(lang, key).chars().take(n).collect()
}

#[test]
fn meeting_2_asks_before_it_adopts_the_plan() {
    let mut v = village();
    register(&mut v, MeetingKind::Village2);
    score_and_vote(&mut v);
    let cycle = v.cycle;
    let mut app = open_step(v.store, Lang::Vi, 5);
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('a'));
    let asked = flat(&app);
    assert!(
        asked.contains(&head(Lang::Vi, "m2.confirm_approve", 30)),
        "{asked}"
    );
    assert!(app.store().plan_versions(cycle).unwrap().is_empty());
    // No: nothing adopted, the meeting still open.
    press(&mut app, KeyCode::Char('n'));
    assert!(app.store().plan_versions(cycle).unwrap().is_empty());
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store().plan_versions(cycle).unwrap().len(), 1);
    let meeting = app.store().find_meeting(cycle, MeetingKind::Village2);
    assert!(meeting.unwrap().unwrap().is_closed());
}

/// Meeting 1's record form, opened from a fresh cycle, with the focus on its date.
fn record_form(lang: Lang) -> kehoach::tui::app::App {
    let mut app = fresh_cycle_app(lang);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(3));
    app
}

fn meeting1_times(app: &kehoach::tui::app::App) -> (String, String) {
    let cycle = app.store().home_entries().unwrap();
    let id = cycle
        .iter()
        .find_map(|e| match e {
            kehoach::store::HomeEntry::Cycle { id, .. } => Some(*id),
            _ => None,
        })
        .unwrap();
    let m = app
        .store()
        .find_meeting(id, MeetingKind::Village1)
        .unwrap()
        .unwrap();
    let d = app.store().meeting_details(m.id).unwrap();
    (d.start_time, d.end_time)
}

#[test]
fn an_end_time_before_the_start_is_refused_and_the_form_kept() {
    for lang in [Lang::Vi, Lang::En] {
        let mut app = record_form(lang);
        type_text(&mut app, "12/05/2027");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "Nhà văn hoá");
        for _ in 0..3 {
            press(&mut app, KeyCode::Tab);
        }
        type_text(&mut app, "11h30");
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "8h");
        press(&mut app, KeyCode::Enter);
        let shown = flat(&app);
        let said = tf(
            lang,
            "rec.err.end_before_start",
            &["11:30".into(), "08:00".into()],
        );
        let start: String = said.chars().take(25).collect();
        assert!(shown.contains(&start), "{shown}");
        assert!(shown.contains("Nhà văn hoá"), "{shown}");
        assert_eq!(meeting1_times(&app), (String::new(), String::new()));
        // The end corrected: saved.
        press(&mut app, KeyCode::Backspace);
        press(&mut app, KeyCode::Backspace);
        type_text(&mut app, "13h");
        press(&mut app, KeyCode::Enter);
        assert_eq!(meeting1_times(&app), ("11:30".into(), "13:00".into()));
    }
}

#[test]
fn the_command_refuses_an_end_before_the_start_too() {
    let mut v = village();
    let meeting = v.meeting(MeetingKind::Village1);
    let details = MeetingDetails {
        start_time: "11:30".into(),
        end_time: "08:00".into(),
        ..MeetingDetails::default()
    };
    let command = Command::SaveMeetingRecord {
        meeting,
        details,
        facilitators: Vec::new(),
    };
    let refused = execute(&mut v.store, command).unwrap_err();
    assert_eq!(refused.text(Lang::Vi), t(Lang::Vi, "rec.err.times_order"));
}

#[test]
fn a_groups_unset_size_is_told_against_the_register() {
    let v = village();
    let app = open_step(v.store, Lang::Vi, 5);
    assert!(flat(&app).contains(&head(Lang::Vi, "m2.group.nobody", 40)));
    let mut v = village();
    register(&mut v, MeetingKind::Village2);
    let mut app = open_step(v.store, Lang::Vi, 5);
    // Two men are on the register: the men's group says so and what to do.
    let said = tf(Lang::Vi, "m2.group.size_unset", &["2".into()]);
    let start: String = said.chars().take(60).collect();
    let shown = flat(&app);
    assert!(shown.contains(&start), "{shown}");
    assert!(
        !shown.contains(&t(Lang::Vi, "scoring.err.empty_group")),
        "{shown}"
    );
    // Typing a vote says the same, not "nobody in the group".
    press(&mut app, KeyCode::Char('3'));
    let shown = flat(&app);
    assert!(
        !shown.contains(&t(Lang::Vi, "scoring.err.empty_group")),
        "{shown}"
    );
    press(&mut app, KeyCode::F(5));
    let said = tf(Lang::Vi, "m2.group.size_unset", &["3".into()]);
    let start: String = said.chars().take(60).collect();
    assert!(flat(&app).contains(&start), "{}", flat(&app));
}

#[test]
fn the_working_group_check_names_the_size_range_set() {
    let mut app = demo_app_with(Lang::Vi, |store, cycle: CycleId| {
        store.reopen_wg(cycle, "sửa quy mô").unwrap();
        store
            .set_wg_range(cycle, SizeRange::new(18, 22).unwrap())
            .unwrap();
    });
    open_demo_step(&mut app, 2);
    press(&mut app, KeyCode::F(5));
    let shown = flat(&app);
    let label = tf(Lang::Vi, "wg.size_range", &["18".into(), "22".into()]);
    let start: String = label.chars().take(30).collect();
    assert!(shown.contains(&start), "{shown}");
    assert!(shown.contains("18-22"), "{shown}");
    assert!(!shown.contains("khoảng 20"), "{shown}");
}

#[test]
fn the_sub_groups_topics_list_only_the_tools_selected() {
    let mut app = demo_app(Lang::Vi);
    open_demo_step(&mut app, 3);
    let cycle = app.store().home_entries().unwrap();
    let id = cycle
        .iter()
        .find_map(|e| match e {
            kehoach::store::HomeEntry::Cycle { id, year, .. }
                if *year == kehoach::demo::DEMO_YEAR =>
            {
                Some(*id)
            }
            _ => None,
        })
        .unwrap();
    let selected = app.store().selected_tools(id).unwrap();
    let catalogue = Catalogue::builtin().unwrap();
    let unselected: Vec<String> = catalogue
        .tools()
        .iter()
        .filter(|tool| !selected.contains(&tool.code))
        .map(|tool| tool.name_vi.chars().take(20).collect())
        .collect();
    assert!(!unselected.is_empty());
    press(&mut app, KeyCode::F(4));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let mut seen = String::new();
    for _ in 0..30 {
        seen.push_str(&screen(&app, 80, 24));
        press(&mut app, KeyCode::Down);
    }
    for name in &unselected {
        assert!(
            !seen.contains(&format!("Công cụ: {name}")),
            "{name}: {seen}"
        );
    }
}
