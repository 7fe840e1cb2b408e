#![allow(clippy::unwrap_used)]

use super::*;
use crate::domain::activity::FundingSource;
use crate::domain::annual::{AnnualItemId, Progress, Quality, Source};
use crate::domain::{Gender, PersonId};

fn member(id: i64, kind: GroupKind, person: Option<i64>, gender: Gender) -> GroupMember {
    GroupMember {
        id,
        item: AnnualItemId(1),
        kind,
        person: person.map(PersonId),
        name: format!("Người {id}"),
        gender,
        role: String::new(),
    }
}

fn receipt(date: &str, source: FundingSource, kind: ContributionKind, amount: i64) -> Receipt {
    Receipt {
        id: 0,
        item: AnnualItemId(1),
        date: date.into(),
        source,
        kind,
        amount,
        from: String::new(),
        note: String::new(),
    }
}

#[test]
fn nobody_is_in_both_the_management_and_the_monitoring_group() {
    let existing = [member(1, GroupKind::Management, Some(7), Gender::Male)];
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(1),
            GroupKind::Monitoring,
            Some(PersonId(7)),
            "A"
        ),
        Err(AfterPlanError::InBothGroups(PersonId(7)))
    );
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(1),
            GroupKind::Management,
            Some(PersonId(7)),
            "A"
        ),
        Err(AfterPlanError::AlreadyMember)
    );
    // Another work, the board, or an outsider: allowed.
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(2),
            GroupKind::Monitoring,
            Some(PersonId(7)),
            "A"
        ),
        Ok(())
    );
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(1),
            GroupKind::Board,
            Some(PersonId(7)),
            "A"
        ),
        Ok(())
    );
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(1),
            GroupKind::Monitoring,
            None,
            "Cán bộ xã"
        ),
        Ok(())
    );
    assert_eq!(
        check_new_member(
            &existing,
            AnnualItemId(1),
            GroupKind::Monitoring,
            None,
            "  "
        ),
        Err(AfterPlanError::NameRequired)
    );
}

#[test]
fn a_board_needs_five_members_with_residents_and_every_group_women() {
    let board: Vec<GroupMember> = (1..=4)
        .map(|i| member(i, GroupKind::Board, None, Gender::Female))
        .collect();
    let refs: Vec<&GroupMember> = board.iter().collect();
    let standing = group_standing(GroupKind::Board, &refs);
    assert_eq!(standing.short, 1);
    assert!(standing.no_resident);
    assert!(!standing.is_complete());
    let mut full = board.clone();
    full.push(member(5, GroupKind::Board, Some(3), Gender::Male));
    let refs: Vec<&GroupMember> = full.iter().collect();
    let standing = group_standing(GroupKind::Board, &refs);
    assert!(standing.is_complete(), "{standing:?}");
    assert_eq!(standing.women_share(), Some(80.0));
    let men = [member(1, GroupKind::Management, Some(1), Gender::Male)];
    let standing = group_standing(GroupKind::Management, &men.iter().collect::<Vec<_>>());
    assert!(standing.no_women);
    assert_eq!(standing.short, 0, "five members are the board's rule only");
}

#[test]
fn a_lower_percent_needs_a_reason_and_no_percent_passes_100() {
    assert_eq!(needs_reason(None, 30, ""), Ok(()));
    assert_eq!(needs_reason(Some(30), 60, ""), Ok(()));
    assert_eq!(needs_reason(Some(60), 60, ""), Ok(()));
    assert_eq!(
        needs_reason(Some(60), 40, " "),
        Err(AfterPlanError::ProgressDown { last: 60 })
    );
    assert_eq!(needs_reason(Some(60), 40, "mưa lũ cuốn trôi"), Ok(()));
    assert_eq!(
        needs_reason(None, 101, ""),
        Err(AfterPlanError::PercentAbove100)
    );
}

#[test]
fn a_change_or_no_funding_needs_the_communes_reason() {
    let mut a = Assignment {
        item: AnnualItemId(1),
        decision: Decision::Changed,
        reason: String::new(),
        target_quantity: Some(2.0),
        owner: WorkOwner::Village,
        budget: Budget::default(),
        date: "2027-01-20".into(),
    };
    assert_eq!(a.check(), Err(AfterPlanError::ReasonRequired));
    a.decision = Decision::Accepted;
    assert_eq!(a.check(), Ok(()));
    a.date.clear();
    assert_eq!(a.check(), Err(AfterPlanError::DateRequired));
}

#[test]
fn a_budget_above_the_cost_the_commune_set_is_flagged_not_refused() {
    let mut a = Assignment {
        item: AnnualItemId(1),
        decision: Decision::Accepted,
        reason: String::new(),
        target_quantity: None,
        owner: WorkOwner::Village,
        budget: Budget {
            people: 65,
            district_budget: 700,
            ..Budget::default()
        },
        date: "2027-01-20".into(),
    };
    assert_eq!(a.check(), Ok(()), "allowed");
    assert_eq!(a.above_cost(Some(700)), Some(65));
    assert_eq!(a.above_cost(None), None, "no cost known: nothing to flag");
    a.budget.people = 0;
    assert_eq!(a.above_cost(Some(700)), None, "the whole cost is within it");
}

#[test]
fn a_receipt_before_the_assignment_is_refused_naming_its_date() {
    let r = receipt(
        "2027-01-10",
        FundingSource::People,
        ContributionKind::Money,
        5,
    );
    assert_eq!(
        r.check_dated_after("2027-01-20"),
        Err(AfterPlanError::ReceiptBeforeAssignment("2027-01-20".into()))
    );
    assert_eq!(r.check_dated_after("2027-01-10"), Ok(()), "the same day");
    assert_eq!(
        AfterPlanError::ReceiptBeforeAssignment("2027-01-20".into()).args(),
        vec!["20/01/2027".to_string()]
    );
}

#[test]
fn spending_above_the_money_received_is_flagged_by_the_amount() {
    let mut posting = Disclosure {
        id: 0,
        item: AnnualItemId(1),
        date: "2027-03-10".into(),
        place: "Nhà văn hoá".into(),
        amounts: Budget {
            people: 30,
            commune_budget: 100,
            ..Budget::default()
        },
        spent: 130,
        note: String::new(),
    };
    assert_eq!(posting.overspent(), None, "all of it spent");
    posting.spent = 150;
    assert_eq!(posting.overspent(), Some(20));
}

#[test]
fn money_over_the_assigned_budget_is_flagged_by_source() {
    let assigned = Budget {
        people: 10,
        commune_budget: 100,
        ..Budget::default()
    };
    let got = received(
        &[
            receipt(
                "2027-02-01",
                FundingSource::CommuneBudget,
                ContributionKind::Money,
                120,
            ),
            receipt(
                "2027-02-01",
                FundingSource::People,
                ContributionKind::Labour,
                50,
            ),
            receipt(
                "2027-02-02",
                FundingSource::People,
                ContributionKind::Materials,
                5,
            ),
        ],
        None,
    );
    assert_eq!(got.people, 5, "labour days are not đồng");
    assert_eq!(
        over_budget(&assigned, &got),
        vec![(FundingSource::CommuneBudget, 20)]
    );
}

#[test]
fn a_posting_shows_the_money_of_its_day_and_never_comes_before_it() {
    let rows = [
        receipt(
            "2027-03-01",
            FundingSource::CommuneBudget,
            ContributionKind::Money,
            100,
        ),
        receipt(
            "2027-04-01",
            FundingSource::People,
            ContributionKind::Money,
            30,
        ),
    ];
    let refs: Vec<&Receipt> = rows.iter().collect();
    assert_eq!(
        disclosed_amounts(&refs, "2027-02-15"),
        Err(AfterPlanError::DisclosureBeforeMoney("2027-03-01".into()))
    );
    let posted = disclosed_amounts(&refs, "2027-03-10").unwrap();
    assert_eq!((posted.commune_budget, posted.people), (100, 0));
    assert_eq!(disclosed_amounts(&refs, "2027-04-01").unwrap().total(), 130);
    assert_eq!(
        disclosed_amounts(&[], "2027-04-01"),
        Err(AfterPlanError::NothingReceived)
    );
}

#[test]
fn the_review_starts_from_the_latest_evaluation_and_the_ledger() {
    let mut after = AfterPlanRecord::default();
    assert_eq!(
        review_prefill(&after, AnnualItemId(1), |_| String::new()),
        None
    );
    after.receipts = vec![
        receipt(
            "2027-02-01",
            FundingSource::DistrictBudget,
            ContributionKind::Money,
            500,
        ),
        receipt(
            "2027-02-01",
            FundingSource::Other,
            ContributionKind::Money,
            70,
        ),
        receipt(
            "2027-02-03",
            FundingSource::People,
            ContributionKind::Labour,
            40,
        ),
        receipt(
            "2027-02-03",
            FundingSource::People,
            ContributionKind::Money,
            60,
        ),
    ];
    after.members = vec![
        member(1, GroupKind::Management, Some(1), Gender::Female),
        member(2, GroupKind::Monitoring, Some(2), Gender::Male),
    ];
    let six = Evaluation {
        item: AnnualItemId(1),
        round: Round::SixMonths,
        date: "2027-06-20".into(),
        progress: Progress::UnderWay,
        completion: 50,
        quality: Some(Quality::Fair),
        difficulties: String::new(),
        against_plan: String::new(),
        against_last_year: String::new(),
    };
    after.evaluations = vec![six.clone()];
    let label = |k: GroupKind| k.code().to_string();
    let draft = review_prefill(&after, AnnualItemId(1), label).unwrap();
    assert_eq!(draft.progress, Some(Progress::UnderWay));
    assert_eq!(draft.percent, "50");
    assert_eq!(draft.amount(Source::State), "500");
    assert_eq!(draft.amount(Source::Donor), "70");
    assert_eq!(draft.amount(Source::PeopleMoney), "60");
    assert_eq!(draft.amount(Source::PeopleLabour), "40");
    assert_eq!(draft.amount(Source::PeopleLand), "");
    assert_eq!(draft.management, "management: Người 1; monitoring: Người 2");
    // The year-end round, once recorded, is the latest.
    after.evaluations.push(Evaluation {
        round: Round::YearEnd,
        progress: Progress::Done,
        completion: 100,
        quality: Some(Quality::Good),
        ..six
    });
    let draft = review_prefill(&after, AnnualItemId(1), label).unwrap();
    assert_eq!(
        (draft.progress, draft.percent.as_str()),
        (Some(Progress::Done), "100")
    );
    assert_eq!(draft.quality, Some(Quality::Good));
    assert!(
        draft.validate().is_ok(),
        "the prefilled review is a valid review"
    );
}

#[test]
fn codes_read_back() {
    for d in Decision::ALL {
        assert_eq!(Decision::from_code(d.code()), Some(*d));
    }
    for k in GroupKind::ALL {
        assert_eq!(GroupKind::from_code(k.code()), Some(*k));
    }
    for r in Round::ALL {
        assert_eq!(Round::from_code(r.code()), Some(*r));
    }
    for k in ContributionKind::ALL {
        assert_eq!(ContributionKind::from_code(k.code()), Some(*k));
    }
    assert_eq!(AcceptanceResult::from_code("nope"), None);
}
