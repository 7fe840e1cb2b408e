//! Every activity of a plan needs a quantity, a time, a place, the responsibility of each
//! party and the villagers' share (issue 16): the activities missing one are flagged where
//! they are listed (assessment F6, the working-group meeting's draft), and meeting 2 does
//! not adopt the plan while one is missing unless a reason is written, which the audit log
//! keeps with the approval, in the same command.

#![allow(clippy::unwrap_used)]

#[path = "commands_support/mod.rs"]
mod commands_support;
mod meeting2_support;

use commands_support::{Village, activity, register, score_and_vote, village};
use kehoach::commands::{AssessmentCommand, Command, Meeting2Command};
use kehoach::domain::MeetingKind;
use kehoach::i18n::{Lang, t};
use kehoach::store::Store;
use meeting2_support::{open_step, press, screen};
use ratatui::crossterm::event::KeyCode;

const REASON: &str = "Thời gian sẽ thống nhất ở kế hoạch năm";

/// The four complete activities and a fifth with no time, place or responsibility.
fn village_with_a_gap() -> Village {
    let mut v = village();
    let mut gap = activity("Sửa cầu tràn", 1.0);
    gap.time.clear();
    gap.location.clear();
    gap.responsible.clear();
    v.run(Command::Assessment(AssessmentCommand::AddActivity {
        cycle: v.cycle,
        activity: Box::new(gap),
    }));
    v.acts = v
        .store
        .activities(v.cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    v
}

fn approve(v: &mut Village, missing_reason: Option<&str>) -> Command {
    Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting: v.meeting(MeetingKind::Village2),
        reason: None,
        missing_reason: missing_reason.map(String::from),
    })
}

fn noted(store: &Store) -> Vec<String> {
    let log = store.audit_log().unwrap();
    log.into_iter()
        .filter(|e| e.field == "approve_missing_plan_fields")
        .filter_map(|e| e.new_value)
        .collect()
}

#[test]
fn meeting_2_adopts_a_plan_with_gaps_only_with_a_reason_kept_in_the_audit_log() {
    let mut v = village_with_a_gap();
    register(&mut v, MeetingKind::Village2);
    score_and_vote(&mut v);
    let command = approve(&mut v, None);
    let why = format!("{:?}", v.refused(command));
    assert!(why.contains("m2.err.missing_fields"), "{why}");
    let command = approve(&mut v, Some("  "));
    assert!(format!("{:?}", v.refused(command)).contains("m2.err.missing_fields"));
    assert!(v.store.plan_versions(v.cycle).unwrap().is_empty());
    let command = approve(&mut v, Some(REASON));
    v.run(command);
    assert_eq!(v.store.plan_versions(v.cycle).unwrap().len(), 1);
    assert_eq!(noted(&v.store), [REASON]);
}

#[test]
fn the_reason_is_not_kept_when_the_approval_itself_is_refused() {
    let mut v = village_with_a_gap();
    // No group results yet: the approval is refused, and the reason with it.
    let command = approve(&mut v, Some(REASON));
    v.refused(command);
    assert!(noted(&v.store).is_empty());
}

#[test]
fn the_activities_with_gaps_are_flagged_where_they_are_listed() {
    for lang in [Lang::Vi, Lang::En] {
        let v = village_with_a_gap();
        let mut app = open_step(v.store, lang, 3);
        press(&mut app, KeyCode::F(6));
        let listed = screen(&app);
        // The flag follows the name, on the next line when the row is full.
        let mut lines = listed.lines().skip_while(|l| !l.contains("Sửa cầu tràn"));
        let flagged = lines.next().unwrap().to_string() + lines.next().unwrap();
        assert!(flagged.contains("✗"), "{listed}");
        assert_eq!(
            listed.matches('✗').count(),
            1,
            "only the one with gaps: {listed}"
        );
        insta::assert_snapshot!(format!("f6_gaps_{lang:?}").to_lowercase(), listed);
        let v = village_with_a_gap();
        let mut app = open_step(v.store, lang, 4);
        press(&mut app, KeyCode::F(5));
        let draft = screen(&app);
        assert!(draft.contains("✗ Sửa cầu tràn"), "{draft}");
        let legend = t(lang, "plan.missing_legend").replace("{0}", "1");
        assert!(draft.contains(&legend), "{draft}");
        insta::assert_snapshot!(format!("draft_gaps_{lang:?}").to_lowercase(), draft);
    }
}

/// The four complete activities and a fifth with every plan field empty.
fn village_with_every_gap() -> Village {
    let mut v = village();
    let mut gap = activity("Sửa cầu tràn qua suối Ea Tu", 1.0);
    gap.quantity = None;
    gap.time.clear();
    gap.location.clear();
    gap.responsible.clear();
    gap.contribution = Default::default();
    v.run(Command::Assessment(AssessmentCommand::AddActivity {
        cycle: v.cycle,
        activity: Box::new(gap),
    }));
    v
}

#[test]
fn five_missing_fields_are_all_named_within_80_columns() {
    for lang in [Lang::Vi, Lang::En] {
        let v = village_with_every_gap();
        let mut app = open_step(v.store, lang, 3);
        press(&mut app, KeyCode::F(6));
        let listed = screen(&app);
        for key in [
            "quantity",
            "time",
            "location",
            "responsible",
            "contribution",
        ] {
            let short = t(lang, &format!("activity.field.{key}.short"));
            assert!(listed.contains(&short), "{short} not shown:\n{listed}");
        }
        insta::assert_snapshot!(format!("f6_every_gap_{lang:?}").to_lowercase(), listed);
    }
}

#[test]
fn approving_on_the_results_asks_for_the_reason_first() {
    let mut v = village_with_a_gap();
    register(&mut v, MeetingKind::Village2);
    score_and_vote(&mut v);
    let cycle = v.cycle;
    let mut app = open_step(v.store, Lang::Vi, 5);
    press(&mut app, KeyCode::F(6));
    press(&mut app, KeyCode::Char('a'));
    let asked = screen(&app);
    let title: String = t(Lang::Vi, "m2.reason.approve_missing")
        .chars()
        .take(30)
        .collect();
    assert!(asked.contains(&title), "{asked}");
    assert!(app.store().plan_versions(cycle).unwrap().is_empty());
    meeting2_support::type_text(&mut app, REASON);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.store().plan_versions(cycle).unwrap().len(), 1);
    assert_eq!(noted(app.store()), [REASON]);
}
