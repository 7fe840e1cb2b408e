//! Property: after both plans are approved, no sequence of commands (edits of activities,
//! scores, votes, selection, parts, registers, approving again, reopening without a
//! reason) changes the exported bytes of the approved version or its stored copies.

#![allow(clippy::unwrap_used)]

mod commands_support;

use commands_support::{Village, activity, approval, approve_both, person, village};
use kehoach::commands::{
    AnnualCommand, AssessmentCommand, Command, Meeting2Command, ScoringCommand, execute,
};
use kehoach::domain::annual::Part;
use kehoach::domain::scoring::{Criterion, Group, InputMode, Method};
use kehoach::domain::{Gender, MeetingKind};
use kehoach::export::csv::to_csv;
use kehoach::export::forms;
use kehoach::i18n::Lang;
use kehoach::store::GroupInfo;
use proptest::prelude::*;

/// One random edit: which kind, and two numbers to pick targets and values from.
fn command(v: &Village, kind: u8, a: usize, b: u8) -> Command {
    let act = v.acts[a % v.acts.len()];
    let items = v.items();
    let item = items[a % items.len()];
    let criterion = Criterion::ALL[usize::from(b) % 5];
    let group = Group::ALL[usize::from(b) % 2];
    let part = if b.is_multiple_of(2) {
        Part::One
    } else {
        Part::Two
    };
    let m2 = v.meeting(MeetingKind::Village2);
    let annual = v.meeting(MeetingKind::AnnualApproval);
    let meeting = if b.is_multiple_of(2) { m2 } else { annual };
    match kind % 16 {
        0 => Command::Assessment(AssessmentCommand::UpdateActivity {
            id: act,
            activity: Box::new(activity("Sửa", f64::from(b) + 1.0)),
        }),
        1 => Command::Assessment(AssessmentCommand::DeleteActivity(act)),
        2 => Command::Assessment(AssessmentCommand::AddActivity {
            cycle: v.cycle,
            activity: Box::new(activity("Thêm", 2.0)),
        }),
        3 => Command::Scoring(ScoringCommand::Score {
            activity: act,
            criterion,
            score: Some(b % 5 + 1),
        }),
        4 => Command::Scoring(ScoringCommand::Merge {
            keep: act,
            duplicate: v.acts[(a + 1) % v.acts.len()],
        }),
        5 => Command::Meeting2(Meeting2Command::Entry {
            cycle: v.cycle,
            group,
            mode: InputMode::Votes,
            activity: act.0,
            value: Some(u32::from(b)),
        }),
        6 => Command::Meeting2(Meeting2Command::GroupInfo {
            cycle: v.cycle,
            group,
            info: GroupInfo {
                members: u32::from(b),
                votes_each: 2,
                recorder: "Y".into(),
            },
        }),
        7 => Command::Meeting2(Meeting2Command::Method {
            cycle: v.cycle,
            method: Method::ALL[usize::from(b) % Method::ALL.len()],
            reason: Some("thử".into()),
        }),
        8 => Command::Annual(AnnualCommand::SetPart {
            item,
            part,
            reason: Some("x".into()),
        }),
        9 => Command::Annual(AnnualCommand::Score {
            item,
            criterion,
            score: Some(b % 5 + 1),
        }),
        10 => Command::Annual(AnnualCommand::Remove { item }),
        11 => Command::Annual(AnnualCommand::Select {
            cycle: v.cycle,
            activity: act,
            part,
            reason: Some("x".into()),
        }),
        12 => Command::RegisterNew {
            village: v.village,
            meeting,
            fields: person("Y Khuê", Gender::Male),
        },
        13 => Command::ReopenMeeting {
            meeting,
            reason: "sửa".into(),
        },
        14 => Command::Annual(AnnualCommand::Approve {
            cycle: v.cycle,
            approval: approval("01/06/2026"),
            reason: None,
        }),
        _ => Command::Annual(AnnualCommand::Reopen {
            cycle: v.cycle,
            reason: " ".into(),
        }),
    }
}

fn exported(v: &Village) -> Vec<(String, Vec<u8>)> {
    let record = v.store.cycle_record(v.cycle).unwrap();
    let offset = chrono::FixedOffset::east_opt(7 * 3600).unwrap();
    to_csv(&forms::all(&record, Lang::Vi, offset), "plan", Lang::Vi)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn no_command_sequence_changes_an_approved_version(
        steps in proptest::collection::vec((any::<u8>(), 0usize..8, any::<u8>()), 1..25)
    ) {
        let mut v = village();
        approve_both(&mut v);
        let before = exported(&v);
        let annual = v.store.annual_version(v.cycle, 1).unwrap();
        let plan = v.store.plan_version(v.cycle, 1).unwrap();
        for (kind, a, b) in steps {
            let c = command(&v, kind, a, b);
            prop_assert!(execute(&mut v.store, c.clone()).is_err(), "{:?} went through", c);
        }
        prop_assert_eq!(exported(&v), before);
        prop_assert_eq!(v.store.annual_version(v.cycle, 1).unwrap(), annual);
        prop_assert_eq!(v.store.plan_version(v.cycle, 1).unwrap(), plan);
        prop_assert_eq!(v.store.annual_versions(v.cycle).unwrap(), vec![1]);
    }
}
