//! The demo's annual plans: two consecutive years of Buôn Kram. The 2026 plan takes the
//! medium-term priorities in order (six activities in part 1, the two costliest
//! constructions in part 2), scores them (form 4) and is approved by a village meeting.
//! The commune conference then lowers the dam's cost (`commune.rs`), and what happened
//! after the 2026 plan is recorded on the cost the commune set (`after_plan.rs`). The 2027 cycle is
//! created from 2026, reconvenes the working group, reviews the 2026 plan starting from
//! those records (progress and quality from the year's evaluation, money by source from
//! the ledger, who managed and watched each work) and adds the impact and the year's
//! summary, then selects, scores and approves its own plan.

use super::{Result, created, hold_again, meeting, next_cycle, run};
use crate::commands::{AnnualCommand, AssessmentCommand, Command};
use crate::domain::activity::{Activity, ActivityId, Category, Funding, FundingSource};
use crate::domain::after_plan::{AfterPlanRecord, GroupKind, review_prefill};
use crate::domain::annual::{AnnualItemId, Part, Progress, Review, Spending, YearSummary};
use crate::domain::scoring::Criterion;
use crate::domain::{CycleId, MeetingKind};
use crate::i18n::{Lang, t};
use crate::store::{AnnualApproval, Store};

/// Activities in part 1 of each year's plan.
const PART_ONE: usize = 6;

/// Writes the 2026 annual plan and the whole 2027 cycle; returns the 2027 cycle.
pub fn write(store: &mut Store, cycle: CycleId) -> Result<CycleId> {
    let priorities = plannable(store, cycle)?;
    let (two, one) = split(&priorities, &[]);
    select_and_score(store, cycle, &one, &two)?;
    approve(store, cycle, "2026-06-05", 72)?;
    super::commune::write(store, cycle)?;
    super::after_plan::write(store, cycle)?;

    let next = next_cycle(store, cycle)?;
    let reconvene = AnnualCommand::Reconvene {
        cycle: next,
        from: cycle,
    };
    run(store, Command::Annual(reconvene))?;
    let finalise = Command::FinaliseWg {
        cycle: next,
        reason: None,
    };
    run(store, finalise)?;
    let done = write_review(store, next)?;
    let priorities = plannable(store, next)?;
    let (two, one) = split(&priorities, &done);
    select_and_score(store, next, &one, &two)?;
    approve(store, next, "2027-05-27", 68)?;
    Ok(next)
}

/// The medium-term activities in priority order that have every plan field filled in.
fn plannable(store: &Store, cycle: CycleId) -> Result<Vec<Activity>> {
    Ok(store
        .medium_term_priorities(cycle)?
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| a.fields.missing_plan_fields().is_empty())
        .collect())
}

/// Part 2: the two costliest constructions not yet done; part 1: the next six in order.
fn split(priorities: &[Activity], done: &[ActivityId]) -> (Vec<ActivityId>, Vec<ActivityId>) {
    let open: Vec<&Activity> = priorities
        .iter()
        .filter(|a| !done.contains(&a.id))
        .collect();
    let mut costly: Vec<&Activity> = open
        .iter()
        .copied()
        .filter(|a| a.fields.category == Category::Construction)
        .collect();
    costly.sort_by_key(|a| std::cmp::Reverse(a.fields.estimated_cost_vnd.unwrap_or(0)));
    let two: Vec<ActivityId> = costly.iter().take(2).map(|a| a.id).collect();
    let one = open
        .iter()
        .map(|a| a.id)
        .filter(|id| !two.contains(id))
        .take(PART_ONE)
        .collect();
    (two, one)
}

/// Selects the activities and scores every criterion within the cycle's scale, so that
/// form 4 ranks them in the order picked (part 2 first), each total one below the last.
fn select_and_score(
    store: &mut Store,
    cycle: CycleId,
    one: &[ActivityId],
    two: &[ActivityId],
) -> Result<()> {
    let scale = store.scoring_settings(cycle)?.scale;
    let picks = two
        .iter()
        .map(|a| (*a, Part::Two))
        .chain(one.iter().map(|a| (*a, Part::One)));
    for (i, (activity, part)) in picks.enumerate() {
        let select = AnnualCommand::Select {
            cycle,
            activity,
            part,
            reason: None,
        };
        let item = AnnualItemId(created(store, Command::Annual(select))?);
        for (c, criterion) in Criterion::ALL.into_iter().enumerate() {
            let n = Criterion::ALL.len();
            let lower = i / n + usize::from(c + i % n >= n);
            let score = scale.max.saturating_sub(u8::try_from(lower).unwrap_or(0));
            let score = AnnualCommand::Score {
                item,
                criterion,
                score: Some(score.max(scale.min)),
            };
            run(store, Command::Annual(score))?;
        }
    }
    Ok(())
}

/// Before meeting 2, the working group writes down what the two costliest constructions
/// (the ones the first annual plan puts in part 2) will ask from the budget; form 3 and
/// the official plan carry it, and an approved plan could no longer take it.
pub fn ask_budget(store: &mut Store, cycle: CycleId) -> Result<()> {
    let complete: Vec<Activity> = store
        .activities(cycle)?
        .into_iter()
        .filter(|a| a.fields.missing_plan_fields().is_empty())
        .collect();
    for activity in split(&complete, &[]).0 {
        fund_from_budget(store, activity)?;
    }
    Ok(())
}

/// A part-2 activity's funding as the village asks it: construction from the district
/// budget, technical support from the commune's, the estimated cost less what villagers
/// give in money, rounded down to a million đồng.
fn fund_from_budget(store: &mut Store, activity: ActivityId) -> Result<()> {
    let fields = store.activity(activity)?.fields;
    let source = match fields.category {
        Category::Construction => FundingSource::DistrictBudget,
        Category::TechnicalSupport => FundingSource::CommuneBudget,
    };
    let asked = fields
        .estimated_cost_vnd
        .unwrap_or(0)
        .saturating_sub(fields.contribution.money_vnd);
    let funding = Funding {
        source: Some(source),
        budget_asked_vnd: Some(asked / 1_000_000 * 1_000_000),
    };
    let command = AssessmentCommand::SetFunding {
        id: activity,
        funding,
    };
    run(store, Command::Assessment(command)).map(drop)
}

/// The approval meeting (meeting 1's participants, women above 30%) and the vote.
fn approve(store: &mut Store, cycle: CycleId, date: &str, attendees: usize) -> Result<()> {
    let approval_meeting = meeting(store, cycle, MeetingKind::AnnualApproval)?;
    let first = first_cycle(store, cycle)?;
    let meeting1 = meeting(store, first, MeetingKind::Village1)?;
    let time = (date, "14:00", "16:30");
    hold_again(store, approval_meeting, meeting1, time, attendees)?;
    let votes = u32::try_from(attendees).unwrap_or(0);
    let approve = AnnualCommand::Approve {
        cycle,
        approval: AnnualApproval {
            date: date.into(),
            votes_for: votes.saturating_sub(4),
            votes_against: 1,
            abstain: 3,
            approved_at: format!("{date}T16:15:00"),
        },
        reason: None,
    };
    run(store, Command::Annual(approve)).map(drop)
}

/// What the village says an activity changed in villagers' lives.
fn impact(progress: Progress) -> &'static str {
    match progress {
        Progress::Done => {
            "Hộ tham gia áp dụng được kỹ thuật, năng suất tăng; người nghèo được ưu tiên."
        }
        Progress::UnderWay => "Đã có kết quả bước đầu; cần hoàn thành trong mùa khô tới.",
        Progress::NotStarted => "Chưa có tác động.",
    }
}

/// The cycle that held village meeting 1 (the one that made the medium-term plan).
fn first_cycle(store: &Store, cycle: CycleId) -> Result<CycleId> {
    Ok(store.medium_term_cycle(cycle)?.map_or(cycle, |c| c.id))
}

/// Reviews every item of last year's plan, starting from what was recorded after it
/// (the year's evaluation, the ledger, the groups) and adding the impact; returns the
/// activities finished.
fn write_review(store: &mut Store, cycle: CycleId) -> Result<Vec<ActivityId>> {
    let last = match store.previous_cycle(cycle)? {
        Some(prev) => store.after_plan(prev.id)?,
        None => AfterPlanRecord::default(),
    };
    let label = |kind: GroupKind| t(Lang::Vi, kind.label_key());
    let mut done = Vec::new();
    for row in store.last_year_review(cycle)? {
        let item = row.item.id;
        let prefilled = review_prefill(&last, item, label).and_then(|d| d.validate().ok());
        let review = match prefilled {
            Some(review) => Review {
                impact: impact(review.progress).into(),
                ..review
            },
            None => Review {
                progress: Progress::NotStarted,
                percent: 0,
                quality: None,
                spending: Spending::default(),
                management: "Chưa triển khai do chưa bố trí được vốn.".into(),
                impact: impact(Progress::NotStarted).into(),
            },
        };
        if review.progress == Progress::Done {
            done.push(row.item.activity.id);
        }
        run(
            store,
            Command::Annual(AnnualCommand::Review {
                cycle,
                item,
                review,
            }),
        )?;
    }
    let summary = YearSummary {
        advantages: "Giá cà phê và hồ tiêu tăng; người dân tích cực góp công làm đường; \
                         Hội Phụ nữ duy trì tổ tiết kiệm."
            .into(),
        difficulties: "Hạn hán đầu mùa khô làm thiếu nước tưới; vốn nhà nước về chậm; \
                           một số hộ nghèo chưa có đất sản xuất."
            .into(),
        production_results: "Cà phê bình quân 2,6 tấn nhân/ha; lúa nước 5,2 tấn/ha; \
                                 đàn bò 410 con, heo 620 con; 6 hộ thoát nghèo."
            .into(),
    };
    run(
        store,
        Command::Annual(AnnualCommand::Summary { cycle, summary }),
    )?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use crate::domain::annual::Part;
    use crate::store::Store;

    #[test]
    fn demo_holds_two_consecutive_years() {
        let mut store = Store::open_in_memory().expect("store");
        let first = super::super::populate(&mut store).expect("demo");
        let cycle = store.cycle(first).expect("cycle");
        let next = store
            .cycles(cycle.village_id)
            .expect("cycles")
            .into_iter()
            .find(|c| c.year == cycle.year + 1)
            .expect("2027 cycle");
        assert_eq!(next.medium_term_start, cycle.year);
        for (c, part_one) in [(first, 6), (next.id, 6)] {
            let items = store.annual_items(c).expect("items");
            let two = items.iter().filter(|i| i.part == Part::Two).count();
            assert_eq!(two, 2, "{c:?}");
            assert_eq!(items.len() - two, part_one, "{c:?}");
            assert!(store.annual_approval(c).expect("approval").is_some());
            let rows = store.annual_matrix_rows(c).expect("matrix");
            assert!(rows.iter().all(|r| r.missing().is_empty()));
        }
        let review = store.last_year_review(next.id).expect("review");
        assert_eq!(review.len(), 8);
        assert!(review.iter().all(|r| r.review.is_some()));
        let totals = store.review_totals(next.id).expect("totals");
        assert!(
            totals.state > 0 && totals.people_labour_days > 0,
            "{totals:?}"
        );
        assert!(
            !store
                .year_summary(next.id)
                .expect("summary")
                .advantages
                .is_empty()
        );
        let wg = store.working_group(next.id).expect("wg");
        assert_eq!(wg.members.len(), 20);
        assert!(wg.is_final());
    }
}
