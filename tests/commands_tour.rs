//! Every remaining command variant once, on a fresh in-memory store, each checked by
//! reading back what it wrote (the refusals are in `commands.rs`).

#![allow(clippy::unwrap_used)]

mod commands_support;

use commands_support::{Village, approve_both, person, register, village};
use kehoach::commands::{
    AnnualCommand, AssessmentCommand as A, Command, CommandError, Effect, Meeting2Command,
    ScoringCommand,
};
use kehoach::domain::annual::{AnnualItemId, Progress, Quality, Review, Spending, YearSummary};
use kehoach::domain::scoring::{Group, InputMode, Method, Scale};
use kehoach::domain::subgroup::SubGroupId;
use kehoach::domain::working_group::SizeRange;
use kehoach::domain::{Gender, MeetingKind, NewCycle};
use kehoach::store::{Figure, StoreError};

fn assess(v: &mut Village, command: A) -> Effect {
    v.run(Command::Assessment(command))
}

/// Gives (`on`) or takes a theme and a tool from the sub-group.
fn topics(v: &mut Village, subgroup: SubGroupId, on: bool) {
    for (code, tool) in [("agriculture", false), ("resource_map", true)] {
        let code = code.to_string();
        assess(
            v,
            A::Topic {
                subgroup,
                code,
                tool,
                on,
            },
        );
    }
}

#[test]
fn preparation_commands_save_figures_the_team_and_trained_representatives() {
    let mut v = village();
    let figure = Figure {
        key: "population".into(),
        value: "612".into(),
        source: "Thống kê xã".into(),
        as_of: "2026-03-31".into(),
    };
    v.run(Command::SetFigure {
        village: v.village,
        figure: figure.clone(),
    });
    assert!(v.store.figures(v.village).unwrap().contains(&figure));
    let mut rep = person("H'Nhi Niê", Gender::Female);
    rep.trained = true;
    v.run(Command::AddTrainedRep {
        village: v.village,
        fields: rep,
    });
    let people = v.store.people(v.village).unwrap();
    assert!(people.iter().any(|p| p.name == "H'Nhi Niê" && p.trained));
}

#[test]
fn meeting_and_working_group_commands_keep_the_register_and_the_election() {
    let mut v = village();
    register(&mut v, MeetingKind::Village1);
    let meeting = v.meeting(MeetingKind::Village1);
    let first = v.store.attendees(meeting).unwrap()[0].person.id;
    v.run(Command::UpdateAttendee {
        meeting,
        person: first,
        fields: person("H'Hen Niê Kđăm", Gender::Female),
    });
    let attendees = v.store.attendees(meeting).unwrap();
    assert_eq!(attendees[0].person.name, "H'Hen Niê Kđăm");
    let last = attendees[4].person.id;
    v.run(Command::RemoveAttendee {
        meeting,
        person: last,
    });
    assert_eq!(v.store.attendees(meeting).unwrap().len(), 4);
    v.run(Command::CloseMeeting {
        meeting,
        reason: None,
    });
    assert!(
        v.store
            .find_meeting(v.cycle, MeetingKind::Village1)
            .unwrap()
            .unwrap()
            .is_closed()
    );
    v.run(Command::ReopenMeeting {
        meeting,
        reason: "Thêm người đến muộn".into(),
    });
    assert!(
        !v.store
            .find_meeting(v.cycle, MeetingKind::Village1)
            .unwrap()
            .unwrap()
            .is_closed()
    );

    let cycle = v.cycle;
    for a in v.store.attendees(meeting).unwrap() {
        v.run(Command::SetWgMember {
            cycle,
            person: a.person.id,
            member: true,
        });
    }
    v.run(Command::SetWgMember {
        cycle,
        person: first,
        member: false,
    });
    let leader = attendees[1].person.id;
    v.run(Command::SetWgLeader {
        cycle,
        leader: Some(leader),
    });
    v.run(Command::SetWgRange {
        cycle,
        range: SizeRange { min: 3, max: 5 },
    });
    let wg = v.store.working_group(cycle).unwrap();
    assert_eq!(wg.members.len(), 3);
    assert_eq!(wg.leader, Some(leader));
    assert_eq!(wg.range, SizeRange { min: 3, max: 5 });
    v.run(Command::FinaliseWg {
        cycle,
        reason: Some("Ít người dự".into()),
    });
    assert!(v.store.working_group(cycle).unwrap().is_final());
    v.run(Command::ReopenWg {
        cycle,
        reason: "Bầu thêm".into(),
    });
    assert!(!v.store.working_group(cycle).unwrap().is_final());
}

#[test]
fn assessment_commands_build_and_undo_sub_groups_and_findings() {
    let mut v = village();
    register(&mut v, MeetingKind::Village1);
    let cycle = v.cycle;
    for on in [true, false, true] {
        let code = "resource_map".into();
        assess(&mut v, A::SelectTool { cycle, code, on });
    }
    assert_eq!(v.store.selected_tools(cycle).unwrap(), vec!["resource_map"]);
    let Effect::SubGroup(group) = assess(
        &mut v,
        A::CreateSubGroup {
            cycle,
            name: "Nhóm 1".into(),
        },
    ) else {
        panic!("a sub-group")
    };
    let p = v.store.people(v.village).unwrap()[0].id;
    assess(
        &mut v,
        A::MoveMember {
            to: group,
            from: None,
            person: p,
        },
    );
    assess(
        &mut v,
        A::SetLeader {
            subgroup: group,
            leader: Some(p),
        },
    );
    topics(&mut v, group, true);
    assess(
        &mut v,
        A::RenameSubGroup {
            id: group,
            name: "Nhóm trồng trọt".into(),
        },
    );
    let g = v.store.subgroup(group).unwrap();
    assert_eq!(
        (g.name.as_str(), g.leader, g.themes.len(), g.tools.len()),
        ("Nhóm trồng trọt", Some(p), 1, 1)
    );
    let finding = |existing, text: &str| A::SaveFinding {
        existing,
        subgroup: group,
        tool: "resource_map".into(),
        text: text.into(),
        minutes: 90,
        day: "1".into(),
    };
    assess(&mut v, finding(None, "Thiếu nước tưới"));
    let id = v.store.subgroup_findings(group).unwrap()[0].id;
    assess(&mut v, finding(Some(id), "Thiếu nước tưới mùa khô"));
    assert_eq!(v.store.finding(id).unwrap().text, "Thiếu nước tưới mùa khô");
    assess(&mut v, A::DeleteFinding(id));
    assert!(v.store.subgroup_findings(group).unwrap().is_empty());
    topics(&mut v, group, false);
    assess(
        &mut v,
        A::RemoveMember {
            subgroup: group,
            person: p,
        },
    );
    let g = v.store.subgroup(group).unwrap();
    assert!(g.members.is_empty() && g.themes.is_empty() && g.tools.is_empty());
    assess(&mut v, A::DeleteSubGroup(group));
    assert!(v.store.subgroups(cycle).unwrap().is_empty());
}

#[test]
fn scoring_and_meeting2_settings_commands() {
    let mut v = village();
    let cycle = v.cycle;
    let scale = Scale::new(1, 10).unwrap();
    v.run(Command::Scoring(ScoringCommand::Scale {
        cycle,
        scale,
        reason: None,
    }));
    v.run(Command::Meeting2(Meeting2Command::Mode {
        cycle,
        group: Group::Women,
        mode: InputMode::Ranking,
        reason: None,
    }));
    v.run(Command::Meeting2(Meeting2Command::Method {
        cycle,
        method: Method::Borda,
        reason: None,
    }));
    let settings = v.store.scoring_settings(cycle).unwrap();
    assert_eq!(settings.scale, scale);
    assert_eq!(settings.women_mode, InputMode::Ranking);
    assert_eq!(settings.method, Method::Borda);
}

#[test]
fn a_new_year_reconvenes_reviews_and_summarises() {
    let mut v = village();
    approve_both(&mut v);
    let Effect::Cycle(next) = v.run(Command::CreateCycle(NewCycle {
        village_id: v.village,
        year: 2027,
        medium_term_span: 5,
    })) else {
        panic!("a cycle")
    };
    v.run(Command::Annual(AnnualCommand::Reconvene {
        cycle: next,
        from: v.cycle,
    }));
    let before = v.store.working_group(v.cycle).unwrap().members;
    assert_eq!(v.store.working_group(next).unwrap().members, before);
    let item = v.items()[0];
    let review = Review {
        progress: Progress::Done,
        percent: 100,
        quality: Some(Quality::Good),
        spending: Spending {
            state: 10_000_000,
            donor: 0,
            people_money: 2_000_000,
            people_labour_days: 30,
            people_land_m2: 0,
            people_materials_vnd: 0,
        },
        management: "Tổ giám sát theo dõi".into(),
        impact: "Nhiều hộ áp dụng".into(),
    };
    v.run(Command::Annual(AnnualCommand::Review {
        cycle: next,
        item,
        review: review.clone(),
    }));
    let rows = v.store.last_year_review(next).unwrap();
    assert_eq!(rows[0].review.as_ref(), Some(&review));
    let summary = YearSummary {
        advantages: "Giá cà phê tăng".into(),
        difficulties: "Hạn hán".into(),
        production_results: "2,6 tấn/ha".into(),
    };
    v.run(Command::Annual(AnnualCommand::Summary {
        cycle: next,
        summary: summary.clone(),
    }));
    assert_eq!(v.store.year_summary(next).unwrap(), summary);
    // Reviewing last year changes nothing of last year's approved plan.
    assert_eq!(v.store.annual_versions(v.cycle).unwrap(), vec![1]);
    let e = v.refused(Command::Annual(AnnualCommand::Remove { item }));
    assert!(matches!(e, CommandError::Approved(_)), "{e:?}");
    let unknown = v.refused(Command::Annual(AnnualCommand::Remove {
        item: AnnualItemId(9999),
    }));
    assert!(
        matches!(unknown, CommandError::Store(StoreError::NotFound)),
        "{unknown:?}"
    );
}
