//! After the plan (issue 15) at the library level: every rule of the assignment, the
//! groups, the ledger, the progress log, the disclosure and the evaluations, through the
//! commands; the database's own refusals; the record, the bundle and next year's review.

#![allow(clippy::unwrap_used)]

mod commands_support;

use commands_support::{Village, approve_both, village, village_on_file};
use kehoach::commands::{AfterPlanCommand as A, AnnualCommand, Command, CommandError, Effect};
use kehoach::domain::activity::FundingSource;
use kehoach::domain::after_plan::{
    Acceptance, AcceptanceResult, AfterPlanError, Assignment, Budget, ContributionKind, Decision,
    Evaluation, GroupKind, GroupMember, ProgressEntry, Receipt, Round, WorkOwner, review_prefill,
};
use kehoach::domain::annual::{AnnualItemId, Progress, Quality};
use kehoach::domain::{Gender, NewCycle, PersonId};
use kehoach::export::bundle::{self, Bundle, Stamp};
use kehoach::store::StoreError;

fn assignment(item: AnnualItemId, decision: Decision, reason: &str) -> Assignment {
    Assignment {
        item,
        decision,
        reason: reason.into(),
        target_quantity: None,
        owner: WorkOwner::Village,
        budget: Budget {
            people: 2_000_000,
            commune_budget: 10_000_000,
            ..Budget::default()
        },
        date: "2027-01-25".into(),
    }
}

fn member(
    item: AnnualItemId,
    kind: GroupKind,
    person: Option<PersonId>,
    name: &str,
) -> GroupMember {
    GroupMember {
        id: 0,
        item,
        kind,
        person,
        name: name.into(),
        gender: Gender::Female,
        role: "thành viên".into(),
    }
}

fn receipt(item: AnnualItemId, date: &str, source: FundingSource, amount: i64) -> Receipt {
    Receipt {
        id: 0,
        item,
        date: date.into(),
        source,
        kind: ContributionKind::Money,
        amount,
        from: "Tài khoản xã".into(),
        note: String::new(),
    }
}

fn progress(item: AnnualItemId, date: &str, percent: u8, reason: &str) -> ProgressEntry {
    ProgressEntry {
        id: 0,
        item,
        date: date.into(),
        percent,
        note: String::new(),
        problem: String::new(),
        reason: reason.into(),
    }
}

fn evaluation(item: AnnualItemId, round: Round, completion: u8) -> Evaluation {
    Evaluation {
        item,
        round,
        date: if round == Round::SixMonths {
            "2027-06-25"
        } else {
            "2027-12-15"
        }
        .into(),
        progress: if completion == 100 {
            Progress::Done
        } else {
            Progress::UnderWay
        },
        completion,
        quality: Some(Quality::Good),
        difficulties: "Mùa mưa đến sớm".into(),
        against_plan: "Đúng kế hoạch".into(),
        against_last_year: "Hơn năm trước".into(),
    }
}

fn after(v: &mut Village, c: A) -> Effect {
    v.run(Command::AfterPlan(c))
}

fn refused(v: &mut Village, c: A) -> AfterPlanError {
    match v.refused(Command::AfterPlan(c)) {
        CommandError::AfterPlan(why) => why,
        other => panic!("not an after-plan refusal: {other:?}"),
    }
}

/// A village with its approved annual plan; the first item assigned.
fn assigned() -> (Village, Vec<AnnualItemId>) {
    let mut v = village();
    approve_both(&mut v);
    let items = v.items();
    after(
        &mut v,
        A::Assign(assignment(items[0], Decision::Accepted, "")),
    );
    (v, items)
}

#[test]
fn nothing_is_assigned_before_the_village_meeting_approves_the_plan() {
    let mut v = village();
    commands_support::approve_medium_term(&mut v);
    commands_support::select_and_score(&mut v);
    let item = v.items()[0];
    let why = refused(&mut v, A::Assign(assignment(item, Decision::Accepted, "")));
    assert_eq!(why, AfterPlanError::PlanNotApproved);
    assert!(v.store.after_plan(v.cycle).unwrap().is_empty());
}

#[test]
fn a_reopened_plan_takes_no_after_plan_record_until_approved_again() {
    let (mut v, items) = assigned();
    v.run(Command::Annual(AnnualCommand::Reopen {
        cycle: v.cycle,
        reason: "Sửa số lượng".into(),
    }));
    let why = refused(
        &mut v,
        A::AddReceipt(receipt(items[0], "2027-02-01", FundingSource::People, 10)),
    );
    assert_eq!(why, AfterPlanError::PlanNotApproved);
}

#[test]
fn the_assignment_needs_the_communes_reason_unless_accepted() {
    let (mut v, items) = assigned();
    let why = refused(
        &mut v,
        A::Assign(assignment(items[1], Decision::Changed, " ")),
    );
    assert_eq!(why, AfterPlanError::ReasonRequired);
    after(
        &mut v,
        A::Assign(assignment(
            items[2],
            Decision::NotFunded,
            "Ngân sách huyện năm 2027 đã hết",
        )),
    );
    let stored = v.store.after_plan(v.cycle).unwrap();
    assert_eq!(stored.assignments.len(), 2);
    assert_eq!(
        stored.assignment(items[0]).unwrap(),
        &assignment(items[0], Decision::Accepted, "")
    );
    // A not-funded item is neither carried out nor evaluated.
    let why = refused(
        &mut v,
        A::Evaluate(evaluation(items[2], Round::SixMonths, 10)),
    );
    assert_eq!(why, AfterPlanError::NotAssigned);
    let why = refused(
        &mut v,
        A::Evaluate(evaluation(items[1], Round::SixMonths, 10)),
    );
    assert_eq!(why, AfterPlanError::NotAssigned, "an item never assigned");
}

#[test]
fn nobody_sits_in_both_groups_of_one_work_and_the_database_agrees() {
    let mut v = village_on_file();
    approve_both(&mut v);
    let item = v.items()[0];
    after(&mut v, A::Assign(assignment(item, Decision::Accepted, "")));
    let people = v.store.people(v.village).unwrap();
    let (a, b) = (people[0].id, people[1].id);
    let Effect::Row(first) = after(
        &mut v,
        A::AddMember(member(item, GroupKind::Management, Some(a), "A")),
    ) else {
        panic!("a row id")
    };
    after(
        &mut v,
        A::AddMember(member(item, GroupKind::Monitoring, Some(b), "B")),
    );
    let why = refused(
        &mut v,
        A::AddMember(member(item, GroupKind::Monitoring, Some(a), "A")),
    );
    assert_eq!(why, AfterPlanError::InBothGroups(a));
    // Hand-written SQL is refused by the trigger too.
    let conn = rusqlite::Connection::open(v.path.as_ref().unwrap()).unwrap();
    let raw = conn.execute(
        "INSERT INTO work_group_members (item_id, cycle_id, kind, person_id, name, gender)
         VALUES (?1, ?2, 'monitoring', ?3, 'A', 'f')",
        rusqlite::params![item.0, v.cycle.0, a.0],
    );
    assert!(
        raw.unwrap_err()
            .to_string()
            .contains("member of both groups")
    );
    // Removing the manager lets them watch instead.
    after(&mut v, A::RemoveMember { item, id: first });
    after(
        &mut v,
        A::AddMember(member(item, GroupKind::Monitoring, Some(a), "A")),
    );
    let stored = v.store.after_plan(v.cycle).unwrap();
    assert_eq!(stored.group(item, GroupKind::Monitoring).len(), 2);
    assert!(stored.group(item, GroupKind::Management).is_empty());
}

#[test]
fn a_progress_that_goes_down_asks_why() {
    let (mut v, items) = assigned();
    let item = items[0];
    after(&mut v, A::AddProgress(progress(item, "2027-03-01", 40, "")));
    let why = refused(&mut v, A::AddProgress(progress(item, "2027-04-01", 30, "")));
    assert_eq!(why, AfterPlanError::ProgressDown { last: 40 });
    after(
        &mut v,
        A::AddProgress(progress(
            item,
            "2027-04-01",
            30,
            "Lũ cuốn trôi một đoạn kênh",
        )),
    );
    let why = refused(&mut v, A::AddProgress(progress(item, "", 50, "")));
    assert_eq!(why, AfterPlanError::DateRequired);
    let log = v.store.after_plan(v.cycle).unwrap();
    let percents: Vec<u8> = log.progress_of(item).iter().map(|p| p.percent).collect();
    assert_eq!(percents, [40, 30]);
}

#[test]
fn money_over_the_budget_is_kept_and_a_posting_keeps_the_amounts_of_its_day() {
    let mut v = village_on_file();
    approve_both(&mut v);
    let item = v.items()[0];
    after(&mut v, A::Assign(assignment(item, Decision::Accepted, "")));
    let disclose = |date: &str| A::Disclose {
        item,
        date: date.into(),
        place: "Nhà văn hoá buôn".into(),
        spent: 9_000_000,
        note: String::new(),
    };
    assert_eq!(
        refused(&mut v, disclose("2027-03-01")),
        AfterPlanError::NothingReceived
    );
    after(
        &mut v,
        A::AddReceipt(receipt(
            item,
            "2027-03-10",
            FundingSource::CommuneBudget,
            12_000_000,
        )),
    );
    assert_eq!(
        refused(
            &mut v,
            A::AddReceipt(receipt(item, "2027-03-11", FundingSource::People, 0))
        ),
        AfterPlanError::AmountZero
    );
    assert_eq!(
        refused(&mut v, disclose("2027-03-01")),
        AfterPlanError::DisclosureBeforeMoney("2027-03-10".into())
    );
    after(&mut v, disclose("2027-03-15"));
    // Money that arrives later does not change what was posted.
    after(
        &mut v,
        A::AddReceipt(receipt(
            item,
            "2027-04-02",
            FundingSource::People,
            2_500_000,
        )),
    );
    let stored = v.store.after_plan(v.cycle).unwrap();
    let posted = &stored.disclosures[0];
    assert_eq!(
        posted.amounts.commune_budget, 12_000_000,
        "over the 10 million assigned: kept"
    );
    assert_eq!(posted.amounts.people, 0);
    let got = kehoach::domain::after_plan::received(stored.receipts_of(item), None);
    let over =
        kehoach::domain::after_plan::over_budget(&stored.assignment(item).unwrap().budget, &got);
    assert_eq!(
        over,
        vec![
            (FundingSource::People, 500_000),
            (FundingSource::CommuneBudget, 2_000_000)
        ]
    );
    let conn = rusqlite::Connection::open(v.path.as_ref().unwrap()).unwrap();
    let raw = conn.execute("UPDATE disclosures SET people_vnd = 1", []);
    assert!(raw.unwrap_err().to_string().contains("disclosure kept"));
}

#[test]
fn a_closed_cycle_refuses_after_plan_records() {
    let (mut v, items) = assigned();
    v.run(Command::CloseCycle(v.cycle));
    let err = v.refused(Command::AfterPlan(A::Accept(Acceptance {
        item: items[0],
        date: "2027-11-30".into(),
        result: AcceptanceResult::Passed,
        signed_by: "Y Sơn Êban".into(),
        note: String::new(),
    })));
    assert!(
        matches!(err.store_error(), Some(StoreError::CycleClosed)),
        "{err:?}"
    );
}

/// The whole life of one item recorded, the record and its bundle carry it, and next
/// year's review starts from it.
#[test]
fn the_record_the_bundle_and_next_years_review_carry_it_all() {
    let (mut v, items) = assigned();
    let item = items[0];
    let person = v.store.people(v.village).unwrap()[0].id;
    after(
        &mut v,
        A::AddMember(member(
            item,
            GroupKind::Management,
            Some(person),
            "H'Hen Niê",
        )),
    );
    after(
        &mut v,
        A::AddMember(member(
            item,
            GroupKind::Monitoring,
            None,
            "Cán bộ địa chính xã",
        )),
    );
    after(
        &mut v,
        A::AddReceipt(receipt(
            item,
            "2027-02-10",
            FundingSource::CommuneBudget,
            10_000_000,
        )),
    );
    after(&mut v, A::AddProgress(progress(item, "2027-05-01", 60, "")));
    after(&mut v, A::Evaluate(evaluation(item, Round::SixMonths, 60)));
    after(&mut v, A::Evaluate(evaluation(item, Round::YearEnd, 100)));
    after(
        &mut v,
        A::Accept(Acceptance {
            item,
            date: "2027-11-30".into(),
            result: AcceptanceResult::Passed,
            signed_by: "Y Sơn Êban".into(),
            note: String::new(),
        }),
    );
    let record = v.store.cycle_record(v.cycle).unwrap();
    assert_eq!(record.after.evaluations.len(), 2);
    let b = Bundle::new(record.clone(), false, &Stamp::now());
    let back = bundle::read(&b.to_bytes()).unwrap();
    assert_eq!(
        back.record, record,
        "the bundle carries the after-plan records losslessly"
    );
    assert_eq!(back.schema_version, 4);
    let life = kehoach::domain::after_plan::activity_life(&record, item);
    assert!(life.iter().all(|s| s.reached), "{life:?}");
    // Next year.
    let Effect::Cycle(next) = v.run(Command::CreateCycle(NewCycle {
        village_id: v.village,
        year: 2027,
        medium_term_span: 5,
    })) else {
        panic!("a cycle")
    };
    let next = v.store.cycle_record(next).unwrap();
    let last = next.last_year.as_ref().unwrap();
    assert_eq!(last.after, record.after);
    let draft = review_prefill(&last.after, item, |k| k.code().to_string()).unwrap();
    assert_eq!(draft.progress, Some(Progress::Done));
    assert_eq!(
        draft.amount(kehoach::domain::annual::Source::State),
        "10000000"
    );
    assert!(draft.management.contains("H'Hen Niê"));
}

#[test]
fn every_after_plan_message_and_label_has_both_languages() {
    use kehoach::domain::after_plan::{Stage, WorkOwner as W};
    use kehoach::i18n::{Lang, t};
    let mut keys: Vec<&str> = AfterPlanError::samples()
        .iter()
        .map(AfterPlanError::key)
        .collect();
    keys.extend(kehoach::store::AFTER_PLAN_ERROR_KEYS);
    keys.extend(Decision::ALL.iter().map(|d| d.label_key()));
    keys.extend(W::ALL.iter().map(|o| o.label_key()));
    keys.extend(GroupKind::ALL.iter().map(|k| k.label_key()));
    keys.extend(ContributionKind::ALL.iter().map(|k| k.label_key()));
    keys.extend(AcceptanceResult::ALL.iter().map(|r| r.label_key()));
    keys.extend(Round::ALL.iter().map(|r| r.label_key()));
    keys.extend(Stage::ALL.iter().map(|s| s.label_key()));
    for key in keys {
        for lang in [Lang::Vi, Lang::En] {
            let text = t(lang, key);
            assert!(
                !text.is_empty() && text != key,
                "{key} has no {lang:?} text"
            );
        }
    }
}

/// A year that carries the medium-term plan over selects activities an earlier cycle
/// proposed: its record names them, so its form 4 (and the commune's forms) list them.
#[test]
fn a_carry_over_years_record_names_every_activity_its_plan_selected() {
    let mut store = kehoach::store::Store::open_in_memory().unwrap();
    let first = kehoach::demo::populate(&mut store).unwrap();
    let next = kehoach::demo::second_year(&store, first).unwrap();
    let record = store.cycle_record(next).unwrap();
    assert!(!record.annual.items.is_empty());
    for item in &record.annual.items {
        assert!(record.activity(item.activity).is_some(), "{item:?}");
    }
    let forms = kehoach::export::forms::all(
        &record,
        kehoach::i18n::Lang::Vi,
        chrono::FixedOffset::east_opt(7 * 3600).unwrap(),
    );
    let form4 = forms.iter().find(|f| f.file.contains("bieu-4")).unwrap();
    let rows: usize = form4
        .tables
        .iter()
        .flat_map(|t| &t.groups)
        .map(|g| g.rows.len())
        .sum();
    assert_eq!(rows, record.annual.items.len(), "form 4 lists every item");
}

#[test]
fn an_assignment_before_the_plans_approval_is_refused() {
    let (mut v, items) = assigned();
    let mut early = assignment(items[1], Decision::Accepted, "");
    early.date = "2026-05-20".into();
    assert_eq!(
        refused(&mut v, A::Assign(early)),
        AfterPlanError::BeforeApproval("2026-05-25".into())
    );
}

#[test]
fn a_receipt_before_the_assignment_is_refused_and_overspending_is_flagged() {
    let (mut v, items) = assigned();
    let item = items[0];
    let early = receipt(item, "2027-01-20", FundingSource::CommuneBudget, 5_000_000);
    assert_eq!(
        refused(&mut v, A::AddReceipt(early)),
        AfterPlanError::ReceiptBeforeAssignment("2027-01-25".into()),
        "the message names the assignment's day"
    );
    let same_day = receipt(item, "2027-01-25", FundingSource::CommuneBudget, 5_000_000);
    after(&mut v, A::AddReceipt(same_day));
    let posting = A::Disclose {
        item,
        date: "2027-02-01".into(),
        place: "Nhà văn hoá buôn".into(),
        spent: 7_000_000,
        note: String::new(),
    };
    after(&mut v, posting);
    let stored = v.store.after_plan(v.cycle).unwrap();
    assert_eq!(stored.receipts.len(), 1, "the refused line left nothing");
    assert_eq!(
        stored.disclosures[0].overspent(),
        Some(2_000_000),
        "spent above the money received: kept, flagged"
    );
}
