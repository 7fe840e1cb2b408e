//! The commands layer on a fresh store: each command writes what it says in one
//! transaction, and everything an approved plan holds is refused, by the command (with a
//! message naming the plan) and by the database itself (raw SQL), until the plan is
//! reopened with a reason; every approved version reads back exactly as approved.

#![allow(clippy::unwrap_used)]

mod commands_support;

use commands_support::{
    activity, approval, approve_both, approve_medium_term, register, select_and_score, village,
    village_on_file,
};
use kehoach::commands::{
    AnnualCommand, ApprovedPlan, AssessmentCommand, Command, CommandError, Effect, Meeting2Command,
    ScoringCommand,
};
use kehoach::domain::MeetingKind;
use kehoach::domain::annual::Part;
use kehoach::domain::scoring::{Criterion, Group, InputMode, Method};
use kehoach::domain::subgroup::SubGroupId;
use kehoach::i18n::Lang;
use kehoach::store::{GroupInfo, StoreError};

const ANNUAL: ApprovedPlan = ApprovedPlan::Annual {
    year: 2026,
    version: 1,
};
const MEDIUM_TERM: ApprovedPlan = ApprovedPlan::MediumTerm {
    year: 2026,
    version: 1,
};

fn approved(e: CommandError) -> ApprovedPlan {
    match e {
        CommandError::Approved(plan) => plan,
        other => panic!("expected an approved-plan refusal, got {other:?}"),
    }
}

#[test]
fn the_reproduction_is_refused_by_the_command_with_a_message_naming_the_plan() {
    let mut v = village();
    approve_both(&mut v);
    let mut changed = activity("Tập huấn trồng cà phê", 4.0);
    changed.unit = "lớp".into();
    let e = v.refused(Command::Assessment(AssessmentCommand::UpdateActivity {
        id: v.acts[0],
        activity: Box::new(changed),
    }));
    let vi = e.text(Lang::Vi);
    assert!(vi.contains("Kế hoạch năm 2026 (Biểu 4)"), "{vi}");
    assert!(vi.contains("mở lại"), "{vi}");
    assert_eq!(approved(e), ANNUAL);
    let stored = v.store.activity(v.acts[0]).unwrap();
    assert_eq!(stored.fields.quantity, Some(3.0));
    let form4 = v.store.annual_items(v.cycle).unwrap();
    assert_eq!(form4[0].activity.fields.quantity, Some(3.0));
}

#[test]
fn the_reproduction_is_refused_by_the_database_through_raw_sql() {
    let mut v = village_on_file();
    approve_both(&mut v);
    let conn = rusqlite::Connection::open(v.path.as_ref().unwrap()).unwrap();
    let id = v.acts[0].0;
    let err = conn
        .execute("UPDATE activities SET quantity = 4 WHERE id = ?1", [id])
        .expect_err("the database refuses");
    assert!(err.to_string().contains("kehoach: plan approved"), "{err}");
    for sql in [
        "DELETE FROM annual_items WHERE cycle_id = ?1",
        "UPDATE annual_items SET part = 'part2' WHERE cycle_id = ?1",
        "UPDATE annual_scores SET score = 1 WHERE item_id IN
           (SELECT id FROM annual_items WHERE cycle_id = ?1)",
        "UPDATE matrix_scores SET score = 1 WHERE activity_id IN
           (SELECT id FROM activities WHERE cycle_id = ?1)",
        "UPDATE meeting2_entries SET votes = 0 WHERE cycle_id = ?1",
        "UPDATE meeting2_groups SET members = 1 WHERE cycle_id = ?1",
        "UPDATE scoring_settings SET method = 'borda' WHERE cycle_id = ?1",
        "UPDATE annual_approvals SET votes_for = 1 WHERE cycle_id = ?1",
        "DELETE FROM attendance WHERE meeting_id IN (SELECT id FROM meetings WHERE cycle_id = ?1
           AND kind IN ('village2', 'annual_approval'))",
        "UPDATE meetings SET closed_men = NULL WHERE cycle_id = ?1 AND kind = 'annual_approval'",
    ] {
        let err = conn.execute(sql, [v.cycle.0]).expect_err(sql);
        assert!(
            err.to_string().contains("kehoach: plan approved"),
            "{sql}: {err}"
        );
    }
    // The store names the database's refusal in one translated sentence.
    drop(conn);
    let quantity: f64 = {
        let conn = rusqlite::Connection::open(v.path.as_ref().unwrap()).unwrap();
        conn.query_row("SELECT quantity FROM activities WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_eq!(quantity, 3.0);
}

#[test]
fn the_database_refusal_reads_as_one_sentence() {
    let line = kehoach::messages::store_error(Lang::Vi, &StoreError::PlanApproved);
    assert!(line.contains("đã được thông qua và khoá"), "{line}");
    assert!(!line.contains("kehoach:"), "{line}");
}

#[test]
fn everything_an_approved_annual_plan_holds_is_refused() {
    let mut v = village();
    approve_both(&mut v);
    let items = v.items();
    let meeting = v.meeting(MeetingKind::AnnualApproval);
    let people = v.store.attendees(meeting).unwrap();
    let refusals = [
        Command::Annual(AnnualCommand::Select {
            cycle: v.cycle,
            activity: v.acts[3],
            part: Part::One,
            reason: None,
        }),
        Command::Annual(AnnualCommand::AddNew {
            cycle: v.cycle,
            activity: activity("Mới", 1.0),
            part: Part::One,
            reason: "dân đề nghị".into(),
        }),
        Command::Annual(AnnualCommand::SetPart {
            item: items[0],
            part: Part::Two,
            reason: Some("x".into()),
        }),
        Command::Annual(AnnualCommand::Remove { item: items[1] }),
        Command::Annual(AnnualCommand::Score {
            item: items[0],
            criterion: Criterion::Urgency,
            score: Some(1),
        }),
        Command::Annual(AnnualCommand::Approve {
            cycle: v.cycle,
            approval: approval("26/05/2026"),
            reason: None,
        }),
        Command::Assessment(AssessmentCommand::DeleteActivity(v.acts[2])),
        Command::RemoveAttendee {
            meeting,
            person: people[0].person.id,
        },
        Command::ReopenMeeting {
            meeting,
            reason: "sửa danh sách".into(),
        },
    ];
    for command in refusals {
        let e = v.refused(command.clone());
        assert_eq!(approved(e), ANNUAL, "{command:?}");
    }
    assert_eq!(v.items(), items);
    assert_eq!(v.store.attendees(meeting).unwrap(), people);
}

#[test]
fn everything_an_approved_medium_term_plan_holds_is_refused() {
    let mut v = village();
    approve_medium_term(&mut v);
    let meeting = v.meeting(MeetingKind::Village2);
    let refusals = [
        Command::Assessment(AssessmentCommand::UpdateActivity {
            id: v.acts[3],
            activity: Box::new(activity("Lớp chăn nuôi", 9.0)),
        }),
        Command::Assessment(AssessmentCommand::AddActivity {
            cycle: v.cycle,
            activity: Box::new(activity("Mới", 1.0)),
        }),
        Command::Scoring(ScoringCommand::Score {
            activity: v.acts[0],
            criterion: Criterion::Ease,
            score: Some(1),
        }),
        Command::Scoring(ScoringCommand::Merge {
            keep: v.acts[0],
            duplicate: v.acts[1],
        }),
        Command::Meeting2(Meeting2Command::Entry {
            cycle: v.cycle,
            group: Group::Women,
            mode: InputMode::Votes,
            activity: v.acts[0].0,
            value: Some(1),
        }),
        Command::Meeting2(Meeting2Command::GroupInfo {
            cycle: v.cycle,
            group: Group::Men,
            info: GroupInfo {
                members: 3,
                votes_each: 1,
                recorder: String::new(),
            },
        }),
        Command::Meeting2(Meeting2Command::Method {
            cycle: v.cycle,
            method: Method::Borda,
            reason: Some("thử".into()),
        }),
        Command::ReopenMeeting {
            meeting,
            reason: "thêm người".into(),
        },
    ];
    for command in refusals {
        let e = v.refused(command.clone());
        assert_eq!(approved(e), MEDIUM_TERM, "{command:?}");
        let vi = e_text(&mut v, command);
        assert!(vi.contains("Họp thôn, buôn lần 2"), "{vi}");
    }
}

fn e_text(v: &mut commands_support::Village, command: Command) -> String {
    v.refused(command).text(Lang::Vi)
}

#[test]
fn reopen_edit_approve_makes_version_two_and_version_one_stays_as_approved() {
    let mut v = village();
    approve_both(&mut v);
    let v1 = v.store.annual_version(v.cycle, 1).unwrap();
    assert_eq!(v1.items.len(), 3);
    assert_eq!(v1.approval.votes_for, 4);
    let reopen = Command::Annual(AnnualCommand::Reopen {
        cycle: v.cycle,
        reason: "  ".into(),
    });
    assert!(matches!(
        v.refused(reopen),
        CommandError::Store(StoreError::Refused(_))
    ));
    v.run(Command::Annual(AnnualCommand::Reopen {
        cycle: v.cycle,
        reason: "Dân đề nghị thêm một lớp".into(),
    }));
    // The activity is also held by the medium-term plan: reopen that too.
    assert_eq!(
        approved(
            v.refused(Command::Assessment(AssessmentCommand::UpdateActivity {
                id: v.acts[0],
                activity: Box::new(activity("Tập huấn trồng cà phê", 4.0)),
            }))
        ),
        MEDIUM_TERM
    );
    v.run(Command::Meeting2(Meeting2Command::Reopen {
        cycle: v.cycle,
        reason: "Sửa số lớp".into(),
    }));
    v.run(Command::Assessment(AssessmentCommand::UpdateActivity {
        id: v.acts[0],
        activity: Box::new(activity("Tập huấn trồng cà phê", 4.0)),
    }));
    let meeting = v.meeting(MeetingKind::Village2);
    v.run(Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting,
        reason: None,
        missing_reason: None,
    }));
    v.run(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: approval("30/05/2026"),
        reason: None,
    }));
    assert_eq!(v.store.annual_versions(v.cycle).unwrap(), vec![1, 2]);
    assert_eq!(v.store.plan_versions(v.cycle).unwrap(), vec![1, 2]);
    let again = v.store.annual_version(v.cycle, 1).unwrap();
    assert_eq!(again, v1);
    assert_eq!(again.items[0].activity.fields.quantity, Some(3.0));
    let v2 = v.store.annual_version(v.cycle, 2).unwrap();
    assert_eq!(v2.items[0].activity.fields.quantity, Some(4.0));
    assert_eq!(
        v2.change_reason.as_deref(),
        Some("Dân đề nghị thêm một lớp")
    );
    assert_eq!(v2.approval.date, "30/05/2026");
    let plan1 = v.store.plan_version(v.cycle, 1).unwrap();
    assert_eq!(plan1.activities[0].fields.quantity, Some(3.0));
    assert_eq!(v.store.plan_version(v.cycle, 2).unwrap().version, 2);
}

#[test]
fn the_annual_approval_is_one_transaction_with_closing_its_register() {
    let mut v = village();
    approve_medium_term(&mut v);
    select_and_score(&mut v);
    register(&mut v, MeetingKind::AnnualApproval);
    let meeting = v.meeting(MeetingKind::AnnualApproval);
    // No date: the approval is refused after the register was closed in the same
    // transaction, so the register stays open.
    let e = v.refused(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: approval("  "),
        reason: None,
    }));
    assert!(
        matches!(e, CommandError::Store(StoreError::Refused(_))),
        "{e:?}"
    );
    let m = v
        .store
        .find_meeting(v.cycle, MeetingKind::AnnualApproval)
        .unwrap();
    assert!(!m.unwrap().is_closed());
    assert!(!v.store.is_annual_frozen(v.cycle).unwrap());
    v.run(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: approval("25/05/2026"),
        reason: None,
    }));
    let m = v
        .store
        .find_meeting(v.cycle, MeetingKind::AnnualApproval)
        .unwrap();
    assert!(m.unwrap().is_closed());
    assert!(v.store.is_annual_frozen(v.cycle).unwrap());
    assert_eq!(
        v.store.meeting_kind(meeting).unwrap(),
        MeetingKind::AnnualApproval
    );
}

#[test]
fn the_meeting2_approval_freezes_the_ranking_recomputed_from_the_store() {
    let mut v = village();
    approve_medium_term(&mut v);
    let plan = v.store.latest_plan(v.cycle).unwrap().unwrap();
    let recomputed = kehoach::commands::meeting2::current_combined(&v.store, v.cycle).unwrap();
    assert_eq!(plan.combined, recomputed);
    assert_eq!(plan.combined.rows[0].activity, v.acts[0].0);
    let m = v
        .store
        .find_meeting(v.cycle, MeetingKind::Village2)
        .unwrap();
    assert!(m.unwrap().is_closed());
}

#[test]
fn meeting2_approval_without_results_leaves_the_meeting_open() {
    let mut v = village();
    register(&mut v, MeetingKind::Village2);
    let meeting = v.meeting(MeetingKind::Village2);
    let e = v.refused(Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting,
        reason: None,
        missing_reason: None,
    }));
    assert!(matches!(
        e,
        CommandError::Store(StoreError::Refused("m2.err.no_result_any"))
    ));
    let m = v
        .store
        .find_meeting(v.cycle, MeetingKind::Village2)
        .unwrap();
    assert!(!m.unwrap().is_closed());
}

#[test]
fn saving_a_meeting_record_with_facilitators_is_one_transaction() {
    let mut v = village();
    let meeting = v.meeting(MeetingKind::Village1);
    let mut details = v.store.meeting_details(meeting).unwrap();
    details.place = "Nhà rông".into();
    let e = v.refused(Command::SaveMeetingRecord {
        meeting,
        details: details.clone(),
        facilitators: vec![9999],
    });
    assert!(matches!(e, CommandError::Store(_)), "{e:?}");
    assert_eq!(v.store.meeting_details(meeting).unwrap().place, "");
    let commune = v.store.village(v.village).unwrap().commune_id;
    v.run(Command::AddFacilitator {
        commune,
        name: "Nguyễn Văn An".into(),
        role: "Cán bộ xã".into(),
    });
    let team = v.store.facilitators(commune).unwrap();
    v.run(Command::SaveMeetingRecord {
        meeting,
        details,
        facilitators: vec![team[0].id],
    });
    assert_eq!(v.store.meeting_details(meeting).unwrap().place, "Nhà rông");
    assert_eq!(
        v.store.meeting_facilitators(meeting).unwrap(),
        vec![team[0].id]
    );
}

#[test]
fn moving_a_sub_group_member_is_one_command() {
    let mut v = village();
    register(&mut v, MeetingKind::Village1);
    let people = v.store.people(v.village).unwrap();
    for name in ["Nhóm 1", "Nhóm 2"] {
        v.run(Command::Assessment(AssessmentCommand::CreateSubGroup {
            cycle: v.cycle,
            name: name.into(),
        }));
    }
    let groups = v.store.subgroups(v.cycle).unwrap();
    let (a, b) = (groups[0].id, groups[1].id);
    let p = people[0].id;
    v.run(Command::Assessment(AssessmentCommand::MoveMember {
        to: a,
        from: None,
        person: p,
    }));
    v.run(Command::Assessment(AssessmentCommand::MoveMember {
        to: b,
        from: Some(a),
        person: p,
    }));
    let groups = v.store.subgroups(v.cycle).unwrap();
    assert!(!groups[0].members.contains(&p));
    assert!(groups[1].members.contains(&p));
    // A move to a sub-group that does not exist changes nothing.
    let e = v.refused(Command::Assessment(AssessmentCommand::MoveMember {
        to: SubGroupId(9999),
        from: Some(b),
        person: p,
    }));
    assert!(
        matches!(e, CommandError::Store(StoreError::NotFound)),
        "{e:?}"
    );
    assert!(v.store.subgroups(v.cycle).unwrap()[1].members.contains(&p));
}

#[test]
fn a_closed_cycle_refuses_every_edit_until_reopened() {
    let mut v = village();
    v.run(Command::CloseCycle(v.cycle));
    let edits = [
        Command::Assessment(AssessmentCommand::SelectTool {
            cycle: v.cycle,
            code: "timeline".into(),
            on: true,
        }),
        Command::Assessment(AssessmentCommand::DeleteActivity(v.acts[0])),
        Command::Scoring(ScoringCommand::Score {
            activity: v.acts[0],
            criterion: Criterion::Urgency,
            score: Some(2),
        }),
        Command::SetWgRange {
            cycle: v.cycle,
            range: kehoach::domain::working_group::SizeRange { min: 5, max: 7 },
        },
    ];
    for command in edits {
        let e = v.refused(command.clone());
        assert!(
            matches!(e, CommandError::Store(StoreError::CycleClosed)),
            "{command:?}: {e:?}"
        );
    }
    v.run(Command::ReopenCycle {
        cycle: v.cycle,
        reason: "Nhập thiếu".into(),
    });
    v.run(Command::Assessment(AssessmentCommand::DeleteActivity(
        v.acts[0],
    )));
    assert_eq!(v.store.activities(v.cycle).unwrap().len(), 3);
}

#[test]
fn a_new_cycle_holds_its_meetings_so_opening_a_step_never_writes() {
    let v = village();
    for kind in [
        MeetingKind::Village1,
        MeetingKind::Village2,
        MeetingKind::AnnualApproval,
    ] {
        assert!(
            v.store.find_meeting(v.cycle, kind).unwrap().is_some(),
            "{kind:?}"
        );
    }
    // Adding an activity prefilled its women's-proposal score (the step no longer does).
    let rows = v.store.matrix_rows(v.cycle).unwrap();
    assert!(
        rows.iter()
            .all(|r| r.score(Criterion::WomensProposal).is_some())
    );
}

#[test]
fn places_and_cycles_report_what_they_created() {
    let mut v = village();
    let commune = v.store.village(v.village).unwrap().commune_id;
    assert_eq!(
        v.run(Command::RenameCommune(commune, "Xã Ea Tiêu".into())),
        Effect::Commune(commune)
    );
    assert_eq!(
        v.run(Command::RenameVillage(v.village, "Buôn Kram A".into())),
        Effect::Village(v.village)
    );
    assert_eq!(v.store.village(v.village).unwrap().name, "Buôn Kram A");
    let e = v.refused(Command::CreateCycle(kehoach::domain::NewCycle {
        village_id: v.village,
        year: 2026,
        medium_term_span: 5,
    }));
    assert!(matches!(
        e,
        CommandError::Store(StoreError::Refused("err.cycle_year_taken"))
    ));
    let effect = v.run(Command::DeleteVillage {
        village: v.village,
        name: "Buôn Kram A".into(),
    });
    assert_eq!(effect, Effect::VillageDeleted { backup: None });
    assert!(
        v.store
            .home_entries()
            .unwrap()
            .iter()
            .all(|e| !matches!(e, kehoach::store::HomeEntry::Village(_)))
    );
}

#[test]
fn the_demo_loads_through_its_command() {
    let mut store = kehoach::store::Store::open_in_memory().unwrap();
    let effect = kehoach::commands::execute(&mut store, Command::LoadDemo).unwrap();
    assert!(matches!(effect, Effect::Cycle(_)));
    assert!(!store.is_empty().unwrap());
}

#[test]
fn upgrading_a_version_6_file_gives_its_open_cycles_their_meetings_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        for sql in &kehoach::store::MIGRATIONS[..6] {
            let tx = conn.transaction().unwrap();
            tx.execute_batch(sql).unwrap();
            tx.commit().unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        conn.execute_batch(
            "INSERT INTO communes (id, name) VALUES (1, 'Ea Tiêu');
             INSERT INTO villages (id, commune_id, name, kind) VALUES (1, 1, 'Buôn Kram', 'buon');
             INSERT INTO cycles (id, village_id, year, medium_term_start, medium_term_span)
               VALUES (1, 1, 2026, 2026, 5), (2, 1, 2027, 2026, 5);
             INSERT INTO activities (id, cycle_id, name, sector, category, proposed_by_women)
               VALUES (7, 1, 'Giếng nước sạch', 'water_sanitation', 'construction', 1);",
        )
        .unwrap();
    }
    let store = kehoach::store::Store::open(&path).unwrap();
    let first = kehoach::domain::CycleId(1);
    for kind in [
        MeetingKind::Village1,
        MeetingKind::Village2,
        MeetingKind::AnnualApproval,
    ] {
        assert!(
            store.find_meeting(first, kind).unwrap().is_some(),
            "{kind:?}"
        );
    }
    let second = kehoach::domain::CycleId(2);
    assert!(
        store
            .find_meeting(second, MeetingKind::Village1)
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_meeting(second, MeetingKind::AnnualApproval)
            .unwrap()
            .is_some()
    );
    let rows = store.matrix_rows(first).unwrap();
    assert_eq!(rows[0].score(Criterion::WomensProposal), Some(5));
    assert!(dir.path().join("old.db.v6.bak").exists());
}
