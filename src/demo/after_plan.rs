//! After the demo's 2026 plan (phases 3-5): the commune assigns every item at the commune
//! (`Command::CommuneAssign`, as the commune year screen does; one changed with its
//! reason, one not funded), each work gets its management and monitoring group
//! (the costliest construction, owned by the commune, its supervision board), the ledger
//! fills with the villagers' money, labour, land and materials and the budget received
//! through the commune account, the progress log runs (one fall, with its reason), the
//! finished works are accepted, the finances posted, and the commune evaluates at six
//! months and for the whole year. The 2027 review then starts from these records.
//!
//! The demo's dates are compressed so that both evaluations come before the 2027 planning
//! in May: assigned in June 2026, the 6-month evaluation in December 2026, the year's in
//! May 2027.

use super::{Result, meeting, run};
use crate::commands::{AfterPlanCommand as A, Command, CommuneAssign};
use crate::domain::activity::{Category, FundingSource};
use crate::domain::after_plan::{
    Acceptance, AcceptanceResult, AssignedItem, Assignment, Budget, ContributionKind, Decision,
    Evaluation, GroupKind, GroupMember, ProgressEntry, Receipt, Round, WorkOwner,
};
use crate::domain::annual::{AnnualItemId, Part, Progress, Quality};
use crate::domain::commune::commune_cost;
use crate::domain::{CycleId, Gender, MeetingKind, Person, VillageId};
use crate::store::{AnnualItem, Store, StoreError};

/// How an item of the demo's 2026 plan ends: not funded, under way at 60 %, or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Not funded by the commune: not started.
    NotFunded,
    /// Under way, 60 % at the year's evaluation.
    UnderWay,
    /// Done and accepted.
    Done,
}

/// The outcome of the `i`-th item (selection order) of a plan.
pub(super) fn outcome(i: usize, part: Part) -> Outcome {
    match (part, i % 4) {
        (_, 3) => Outcome::NotFunded,
        (Part::Two, _) | (_, 1) => Outcome::UnderWay,
        _ => Outcome::Done,
    }
}

fn after(store: &mut Store, command: A) -> Result<()> {
    run(store, Command::AfterPlan(command)).map(drop)
}

/// Writes everything after the 2026 plan of `cycle`, on the costs the commune conference
/// set (the dam's 700 million, not the 900 the village asked).
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    let people = register(store, cycle)?;
    let record = store.cycle_record(cycle)?;
    let plan = crate::export::bundle::annual_identity(&record).ok_or(StoreError::NotFound)?;
    let at = (record.village.id, record.cycle.year, plan.version_id);
    let changes = store
        .commune_conference(record.commune.id, record.cycle.year)?
        .changes;
    for (i, mut item) in store.annual_items(cycle)?.into_iter().enumerate() {
        let set = commune_cost(&changes, &record.village_code, item.activity.id.0);
        if set.is_some() {
            item.activity.fields.estimated_cost_vnd = set;
        }
        let end = outcome(i, item.part);
        assign(store, &at, &item, (i, end))?;
        if end == Outcome::NotFunded {
            continue;
        }
        groups(store, &item, i, &people)?;
        ledger(store, &item, &budget(&item, end), end)?;
        progress(store, item.id, i, end)?;
        finish(store, &item, end)?;
    }
    Ok(())
}

/// The people of meeting 1's register.
fn register(store: &Store, cycle: CycleId) -> Result<Vec<Person>> {
    let meeting1 = meeting(store, cycle, MeetingKind::Village1)?;
    Ok(store
        .attendees(meeting1)?
        .into_iter()
        .map(|a| a.person)
        .collect())
}

/// The estimated cost in đồng.
fn cost(item: &AnnualItem) -> i64 {
    i64::try_from(item.activity.fields.estimated_cost_vnd.unwrap_or(0)).unwrap_or(0)
}

/// The budget the commune assigns, the whole cost and no more: a part-2 work 70 % from
/// the district, 10 % from a programme, the rest the villagers'; a part-1 activity 30 %
/// from a programme, the rest the villagers'.
fn budget(item: &AnnualItem, end: Outcome) -> Budget {
    let cost = cost(item);
    let (district_budget, other) = match item.part {
        _ if end == Outcome::NotFunded => return Budget::default(),
        Part::Two => (cost * 70 / 100, cost / 10),
        Part::One => (0, cost * 30 / 100),
    };
    Budget {
        people: cost - district_budget - other,
        district_budget,
        other,
        ..Budget::default()
    }
}

/// The commune-owned work: the first part-2 construction.
fn owner(item: &AnnualItem, i: usize) -> WorkOwner {
    let construction = item.activity.fields.category == Category::Construction;
    if i == 0 && item.part == Part::Two && construction {
        WorkOwner::Commune
    } else {
        WorkOwner::Village
    }
}

/// The commune's assignment of the `i`-th item, on the plan `at` (village, year, version).
fn assign(
    store: &mut Store,
    at: &(VillageId, i32, String),
    item: &AnnualItem,
    (i, end): (usize, Outcome),
) -> Result<()> {
    let (decision, reason) = match (end, i) {
        (Outcome::NotFunded, _) => (
            Decision::NotFunded,
            "Hộ dân chưa góp đủ vốn đối ứng, xã chưa bố trí được vốn hỗ trợ: lùi sang năm 2027",
        ),
        (_, 1) => (
            Decision::Changed,
            "Ngân sách huyện năm 2026 chỉ bố trí được 70% kinh phí: làm trước đoạn kênh chính",
        ),
        _ => (Decision::Accepted, ""),
    };
    let budget = budget(item, end);
    let quantity = item.activity.fields.quantity;
    let assignment = Assignment {
        item: item.id,
        decision,
        reason: reason.into(),
        target_quantity: (decision == Decision::Changed)
            .then(|| quantity.map(|q| (q * 0.7).round()).filter(|q| *q >= 1.0))
            .flatten()
            .filter(|q| Some(*q) != quantity),
        owner: owner(item, i),
        budget,
        date: "2026-06-25".into(),
    };
    let command = CommuneAssign {
        village: at.0,
        year: at.1,
        plan_version: at.2.clone(),
        item: AssignedItem {
            activity: item.activity.id.0,
            assignment,
        },
    };
    run(store, Command::CommuneAssign(command)).map(drop)
}

/// Picks `count` people of one gender from the register, from `skip` on.
fn pick(people: &[Person], gender: Gender, skip: usize, count: usize) -> Vec<&Person> {
    people
        .iter()
        .filter(|p| p.gender == gender)
        .skip(skip)
        .take(count)
        .collect()
}

fn groups(store: &mut Store, item: &AnnualItem, i: usize, people: &[Person]) -> Result<()> {
    let manage = [
        pick(people, Gender::Male, 3 * i, 2),
        pick(people, Gender::Female, 3 * i, 1),
    ];
    let watch = [
        pick(people, Gender::Male, 3 * i + 2, 1),
        pick(people, Gender::Female, 3 * i + 1, 2),
    ];
    let (second, second_kind) = if owner(item, i) == WorkOwner::Commune {
        (
            [
                pick(people, Gender::Female, 25, 2),
                pick(people, Gender::Male, 30, 1),
            ]
            .concat(),
            GroupKind::Board,
        )
    } else {
        (watch.concat(), GroupKind::Monitoring)
    };
    for (kind, members) in [
        (GroupKind::Management, manage.concat()),
        (second_kind, second),
    ] {
        for (n, person) in members.into_iter().enumerate() {
            let member = GroupMember {
                id: 0,
                item: item.id,
                kind,
                person: Some(person.id),
                name: person.name.clone(),
                gender: person.gender,
                role: if n == 0 {
                    "Tổ trưởng"
                } else {
                    "Thành viên"
                }
                .into(),
            };
            after(store, A::AddMember(member))?;
        }
    }
    if owner(item, i) == WorkOwner::Commune {
        for (name, gender, role) in [
            ("Nguyễn Văn Bình", Gender::Male, "Cán bộ địa chính xã"),
            (
                "Trần Thị Ngọc",
                Gender::Female,
                "Ủy ban MTTQ xã, Trưởng ban",
            ),
        ] {
            let member = GroupMember {
                id: 0,
                item: item.id,
                kind: GroupKind::Board,
                person: None,
                name: name.into(),
                gender,
                role: role.into(),
            };
            after(store, A::AddMember(member))?;
        }
    }
    Ok(())
}

/// What a work received of its budget, at the share of it carried out: the villagers'
/// share partly in materials.
fn ledger(store: &mut Store, item: &AnnualItem, budget: &Budget, end: Outcome) -> Result<()> {
    let share = if end == Outcome::Done { 100 } else { 60 };
    let part = |amount: i64| amount * share / 100;
    let materials = |percent: i64| (cost(item) * percent / 100).min(budget.people);
    let days = item.activity.fields.contribution.labour_days.round() as i64;
    let lines = match item.part {
        Part::Two => vec![
            (
                "2026-07-15",
                FundingSource::DistrictBudget,
                ContributionKind::Money,
                part(budget.district_budget),
                "Ngân sách huyện qua tài khoản xã",
            ),
            (
                "2026-07-20",
                FundingSource::Other,
                ContributionKind::Money,
                part(budget.other),
                "Dự án hỗ trợ giảm nghèo qua tài khoản xã",
            ),
            (
                "2026-07-01",
                FundingSource::People,
                ContributionKind::Money,
                part(budget.people - materials(5)),
                "Các hộ trong buôn",
            ),
            (
                "2026-08-20",
                FundingSource::People,
                ContributionKind::Labour,
                days * share / 100,
                "Các tổ đoàn kết",
            ),
            (
                "2026-07-05",
                FundingSource::People,
                ContributionKind::Land,
                200,
                "Hộ Y Khu Niê hiến đất",
            ),
            (
                "2026-08-05",
                FundingSource::People,
                ContributionKind::Materials,
                part(materials(5)),
                "Cát, đá do các hộ góp",
            ),
        ],
        Part::One => vec![
            (
                "2026-07-20",
                FundingSource::Other,
                ContributionKind::Money,
                part(budget.other),
                "Dự án hỗ trợ giảm nghèo qua tài khoản xã",
            ),
            (
                "2026-07-01",
                FundingSource::People,
                ContributionKind::Money,
                part(budget.people - materials(10)),
                "Các hộ tham gia",
            ),
            (
                "2026-08-20",
                FundingSource::People,
                ContributionKind::Labour,
                days * share / 100,
                "Các hộ tham gia",
            ),
            (
                "2026-08-05",
                FundingSource::People,
                ContributionKind::Materials,
                part(materials(10)),
                "Giống, vật tư do các hộ góp",
            ),
        ],
    };
    for (date, source, kind, amount, from) in lines {
        if amount <= 0 {
            continue;
        }
        let receipt = Receipt {
            id: 0,
            item: item.id,
            date: date.into(),
            source,
            kind,
            amount,
            from: from.into(),
            note: String::new(),
        };
        after(store, A::AddReceipt(receipt))?;
    }
    Ok(())
}

fn progress(store: &mut Store, item: AnnualItemId, i: usize, end: Outcome) -> Result<()> {
    let log: &[(&str, u8, &str, &str)] = match (end, i) {
        (Outcome::Done, _) => &[
            ("2026-09-30", 40, "", ""),
            ("2026-11-30", 80, "", ""),
            ("2027-03-15", 100, "", ""),
        ],
        (_, 1) => &[
            ("2026-09-30", 30, "", ""),
            ("2026-11-30", 50, "", ""),
            (
                "2027-01-10",
                45,
                "Mưa lớn cuối năm làm sạt một đoạn kênh, phải làm lại",
                "Đề nghị xã hỗ trợ thêm xi măng để gia cố bờ kênh",
            ),
            ("2027-04-10", 60, "", ""),
        ],
        _ => &[("2026-09-30", 30, "", ""), ("2027-04-10", 60, "", "")],
    };
    for (date, percent, reason, problem) in log {
        let entry = ProgressEntry {
            id: 0,
            item,
            date: (*date).into(),
            percent: *percent,
            note: format!("Kiểm tra tại hiện trường: đạt {percent}%"),
            problem: (*problem).into(),
            reason: (*reason).into(),
        };
        after(store, A::AddProgress(entry))?;
    }
    Ok(())
}

/// The finances posted, the acceptance of a finished work, both evaluations.
fn finish(store: &mut Store, item: &AnnualItem, end: Outcome) -> Result<()> {
    let spent = cost(item) * if end == Outcome::Done { 95 } else { 45 } / 100;
    let place = match item.part {
        Part::Two => "Nhà văn hoá Buôn Kram và trụ sở UBND xã Ea Tiêu",
        Part::One => "Nhà văn hoá Buôn Kram",
    };
    let disclose = A::Disclose {
        item: item.id,
        date: "2026-08-25".into(),
        place: place.into(),
        spent,
        note: "Niêm yết 30 ngày; đọc tại buổi sinh hoạt buôn".into(),
    };
    after(store, disclose)?;
    if end == Outcome::Done {
        let acceptance = Acceptance {
            item: item.id,
            date: "2027-03-25".into(),
            result: AcceptanceResult::Passed,
            signed_by: "Trưởng buôn, đại diện UBND xã, tổ trưởng tổ giám sát".into(),
            note: String::new(),
        };
        after(store, A::Accept(acceptance))?;
    }
    let done = end == Outcome::Done;
    let six = Evaluation {
        item: item.id,
        round: Round::SixMonths,
        date: "2026-12-18".into(),
        progress: Progress::UnderWay,
        completion: if done { 80 } else { 50 },
        quality: Some(if done { Quality::Good } else { Quality::Fair }),
        difficulties: "Vốn nhà nước về chậm; mùa mưa kéo dài".into(),
        against_plan: if done {
            "Đúng tiến độ"
        } else {
            "Chậm khoảng 2 tháng"
        }
        .into(),
        against_last_year: "Người dân góp công nhiều hơn năm trước".into(),
    };
    after(store, A::Evaluate(six.clone()))?;
    let year = Evaluation {
        round: Round::YearEnd,
        date: "2027-05-08".into(),
        progress: if done {
            Progress::Done
        } else {
            Progress::UnderWay
        },
        completion: if done { 100 } else { 60 },
        difficulties: if done {
            "Không có khó khăn lớn".into()
        } else {
            "Sạt một đoạn kênh do mưa lớn; thiếu xi măng".into()
        },
        against_plan: if done {
            "Hoàn thành kế hoạch được giao"
        } else {
            "Đạt 60% kế hoạch được giao"
        }
        .into(),
        ..six
    };
    after(store, A::Evaluate(year))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::domain::after_plan::{Decision, GroupKind, MIN_BOARD, group_standing};
    use crate::domain::commune::commune_cost;
    use crate::i18n::{Lang, t};
    use crate::store::Store;

    #[test]
    fn the_2026_plan_is_assigned_carried_out_posted_and_evaluated() {
        let mut store = Store::open_in_memory().unwrap();
        let first = crate::demo::populate(&mut store).unwrap();
        let after = store.after_plan(first).unwrap();
        let items = store.annual_items(first).unwrap();
        assert_eq!(after.assignments.len(), items.len(), "every item assigned");
        let count = |d| after.assignments.iter().filter(|a| a.decision == d).count();
        assert_eq!(
            (count(Decision::Changed), count(Decision::NotFunded)),
            (1, 2)
        );
        for item in &items {
            if !after.is_assigned(item.id) {
                assert!(after.group(item.id, GroupKind::Management).is_empty());
                continue;
            }
            let manage = after.group(item.id, GroupKind::Management);
            assert!(group_standing(GroupKind::Management, &manage).is_complete());
            let watch = after.group(item.id, GroupKind::Monitoring);
            let board = after.group(item.id, GroupKind::Board);
            let standing = if board.is_empty() {
                group_standing(GroupKind::Monitoring, &watch)
            } else {
                assert!(board.len() >= MIN_BOARD);
                group_standing(GroupKind::Board, &board)
            };
            assert!(standing.is_complete(), "{standing:?}");
            assert!(after.disclosures.iter().any(|d| d.item == item.id));
            assert!(after.latest_evaluation(item.id).is_some());
        }
        assert!(
            after.progress.iter().any(|p| !p.reason.is_empty()),
            "one fall, explained"
        );
        // Assigned on the costs the commune conference set (the dam's 700 million).
        let record = store.cycle_record(first).unwrap();
        let conference = store
            .commune_conference(record.commune.id, record.cycle.year)
            .unwrap();
        for item in &items {
            let id = item.activity.id.0;
            let set = commune_cost(&conference.changes, &record.village_code, id);
            let cost = set.or(item.activity.fields.estimated_cost_vnd);
            let a = after.assignment(item.id).unwrap();
            assert_eq!(a.above_cost(cost), None, "{}", item.activity.fields.name);
        }
        // The 2027 review starts from these records.
        let next = crate::demo::second_year(&store, first).unwrap();
        for row in store.last_year_review(next).unwrap() {
            let review = row.review.expect("every item reviewed");
            let label = |k: GroupKind| t(Lang::Vi, k.label_key());
            match crate::domain::after_plan::review_prefill(&after, row.item.id, label) {
                Some(draft) => {
                    let prefilled = draft.validate().unwrap();
                    assert_eq!(review.spending, prefilled.spending);
                    assert_eq!(review.progress, prefilled.progress);
                    assert_eq!(review.management, prefilled.management);
                }
                None => assert!(!after.is_assigned(row.item.id)),
            }
        }
    }
}
