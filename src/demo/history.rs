//! The demo's past years, in Thôn 3: its medium-term plan 2025-2029 made and approved in
//! 2025 with a small approved annual plan, a 2026 cycle that carries the plan over,
//! reviews the 2025 activities (done, under way, not started, one not reviewed yet) and
//! is choosing its own plan; the 2025 cycle is closed (read-only). Comparing 2025 with
//! 2026 shows activities that rose, fell, appeared, were dropped and were done.

use super::{Result, created, meeting, next_cycle, run};
use crate::commands::{AnnualCommand, AssessmentCommand, Command, Meeting2Command, ScoringCommand};
use crate::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use crate::domain::annual::{AnnualItemId, Part, Progress, Quality, Review, Spending};
use crate::domain::scoring::{Criterion, Group, InputMode};
use crate::domain::{CycleId, MeetingKind, NewCycle, VillageId};
use crate::store::{AnnualApproval, GroupInfo, Store};

/// The year Thôn 3 made its medium-term plan (the closed year).
pub const PAST_YEAR: i32 = 2025;

/// One activity: name, sector, category, quantity, unit, cost (million đồng), proposed by
/// women, men's votes, women's votes.
type Row = (
    &'static str,
    Sector,
    Category,
    f64,
    &'static str,
    u64,
    bool,
    u32,
    u32,
);

/// The medium-term plan's activities, in the order proposed.
const ACTIVITIES: [Row; 7] = [
    (
        "Nạo vét mương thủy lợi Đội 2",
        Sector::Irrigation,
        Category::Construction,
        600.0,
        "m",
        180,
        false,
        16,
        5,
    ),
    (
        "Tập huấn tưới tiết kiệm cho cà phê",
        Sector::Agriculture,
        Category::TechnicalSupport,
        2.0,
        "lớp",
        12,
        false,
        10,
        9,
    ),
    (
        "Hỗ trợ giống heo đen cho hộ nghèo",
        Sector::Livestock,
        Category::Construction,
        30.0,
        "con",
        90,
        true,
        8,
        10,
    ),
    (
        "Lắp đèn đường liên thôn",
        Sector::Infrastructure,
        Category::Construction,
        40.0,
        "bóng",
        60,
        false,
        14,
        2,
    ),
    (
        "Lớp xoá mù chữ cho phụ nữ",
        Sector::Education,
        Category::TechnicalSupport,
        1.0,
        "lớp",
        15,
        true,
        4,
        12,
    ),
    (
        "Thành lập tổ tiết kiệm và vay vốn",
        Sector::Economy,
        Category::TechnicalSupport,
        1.0,
        "tổ",
        5,
        true,
        6,
        14,
    ),
    (
        "Làm nhà vệ sinh hợp vệ sinh",
        Sector::WaterSanitation,
        Category::Construction,
        20.0,
        "công trình",
        100,
        false,
        12,
        7,
    ),
];

/// 2025's annual plan: activity index and part, in form-4 rank order.
const PLAN_2025: [(usize, Part); 6] = [
    (0, Part::Two),
    (1, Part::One),
    (4, Part::One),
    (5, Part::One),
    (3, Part::One),
    (6, Part::One),
];

/// 2026's review of 2025's plan, by activity index (index 6 is not reviewed yet).
const REVIEWS: [(usize, Progress, u8); 5] = [
    (0, Progress::UnderWay, 60),
    (1, Progress::Done, 100),
    (4, Progress::Done, 100),
    (5, Progress::NotStarted, 0),
    (3, Progress::UnderWay, 30),
];

/// 2026's plan from the medium-term list, in form-4 rank order (the new activity last).
const PLAN_2026: [(usize, Part); 4] = [
    (5, Part::One),
    (0, Part::Two),
    (2, Part::One),
    (3, Part::One),
];

/// Writes Thôn 3's two years and closes 2025.
pub fn write(store: &mut Store, village: VillageId) -> Result<()> {
    let new = NewCycle {
        village_id: village,
        year: PAST_YEAR,
        medium_term_span: 5,
    };
    let past = CycleId(created(store, Command::CreateCycle(new))?);
    let mut ids = Vec::new();
    for row in ACTIVITIES {
        let add = AssessmentCommand::AddActivity {
            cycle: past,
            activity: Box::new(activity(row)),
        };
        ids.push(ActivityId(created(store, Command::Assessment(add))?));
    }
    medium_term_plan(store, past, &ids)?;
    let plan: Vec<(ActivityId, Part)> = PLAN_2025.iter().map(|&(i, p)| (ids[i], p)).collect();
    let items = select(store, past, &plan)?;
    approve(store, past, "2025-05-28")?;

    let next = next_cycle(store, past)?;
    for (i, progress, percent) in REVIEWS {
        if let Some(pos) = PLAN_2025.iter().position(|(a, _)| *a == i) {
            let review = AnnualCommand::Review {
                cycle: next,
                item: items[pos],
                review: review(progress, percent),
            };
            run(store, Command::Annual(review))?;
        }
    }
    let plan: Vec<(ActivityId, Part)> = PLAN_2026.iter().map(|&(i, p)| (ids[i], p)).collect();
    let mut items = select(store, next, &plan)?;
    let hall = ValidActivity {
        subgroup_id: None,
        ..activity((
            "Sửa mái nhà văn hoá thôn",
            Sector::CultureSociety,
            Category::Construction,
            1.0,
            "công trình",
            45,
            false,
            0,
            0,
        ))
    };
    let reason = "Mái nhà văn hoá bị tốc sau bão tháng 10/2025";
    let add = AnnualCommand::AddNew {
        cycle: next,
        activity: hall,
        part: Part::One,
        reason: reason.into(),
    };
    items.push(AnnualItemId(created(store, Command::Annual(add))?));
    score(store, &items)?;
    run(store, Command::CloseCycle(past)).map(drop)
}

fn activity(row: Row) -> ValidActivity {
    let (name, sector, category, quantity, unit, million, women, _, _) = row;
    ValidActivity {
        name: name.into(),
        sector,
        category,
        quantity: Some(quantity),
        unit: unit.into(),
        time: "Quý 3".into(),
        location: "Thôn 3".into(),
        responsible: "Ban tự quản thôn".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: million * 50_000,
            labour_days: 20.0,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(million * 1_000_000),
        proposed_by_women: women,
        subgroup_id: None,
        tool_code: None,
    }
}

/// Scores the matrix, records both groups' votes at meeting 2 and approves the plan.
fn medium_term_plan(store: &mut Store, cycle: CycleId, ids: &[ActivityId]) -> Result<()> {
    for (i, id) in ids.iter().enumerate() {
        for criterion in [
            Criterion::Urgency,
            Criterion::Ease,
            Criterion::LowOutsideDependence,
            Criterion::FitsVillageWays,
        ] {
            let s = u8::try_from((i * 2 + criterion.index()) % 5 + 1).unwrap_or(3);
            let score = ScoringCommand::Score {
                activity: *id,
                criterion,
                score: Some(s),
            };
            run(store, Command::Scoring(score))?;
        }
    }
    for (group, members, recorder) in [
        (Group::Men, 24, "Y Blih Mlô"),
        (Group::Women, 20, "H'Rin Knul"),
    ] {
        let info = GroupInfo {
            members,
            votes_each: 3,
            recorder: recorder.into(),
        };
        let details = Meeting2Command::GroupInfo { cycle, group, info };
        run(store, Command::Meeting2(details))?;
    }
    for (row, id) in ACTIVITIES.iter().zip(ids) {
        for (group, votes) in [(Group::Men, row.7), (Group::Women, row.8)] {
            let entry = Meeting2Command::Entry {
                cycle,
                group,
                mode: InputMode::Votes,
                activity: id.0,
                value: Some(votes),
            };
            run(store, Command::Meeting2(entry))?;
        }
    }
    let meeting = meeting(store, cycle, MeetingKind::Village2)?;
    let approve = Meeting2Command::Approve {
        cycle,
        meeting,
        reason: Some(NO_REGISTER.into()),
        missing_reason: None,
    };
    run(store, Command::Meeting2(approve)).map(drop)
}

/// Selects the activities in order and scores them so that form 4 ranks them in that
/// order; returns the item ids.
fn select(
    store: &mut Store,
    cycle: CycleId,
    plan: &[(ActivityId, Part)],
) -> Result<Vec<AnnualItemId>> {
    let mut items = Vec::new();
    for &(activity, part) in plan {
        let select = AnnualCommand::Select {
            cycle,
            activity,
            part,
            reason: None,
        };
        items.push(AnnualItemId(created(store, Command::Annual(select))?));
    }
    score(store, &items)?;
    Ok(items)
}

/// The k-th item (0-based) gets 5 on the first 5 - k criteria and 4 on the rest, so the
/// totals fall by one per item (up to six items).
fn score(store: &mut Store, items: &[AnnualItemId]) -> Result<()> {
    for (k, item) in items.iter().enumerate() {
        for (c, criterion) in Criterion::ALL.into_iter().enumerate() {
            let s = if c + k < 5 { 5 } else { 4 };
            let score = AnnualCommand::Score {
                item: *item,
                criterion,
                score: Some(s),
            };
            run(store, Command::Annual(score))?;
        }
    }
    Ok(())
}

fn approve(store: &mut Store, cycle: CycleId, date: &str) -> Result<()> {
    let approve = AnnualCommand::Approve {
        cycle,
        approval: AnnualApproval {
            date: date.into(),
            votes_for: 41,
            votes_against: 2,
            abstain: 3,
            approved_at: format!("{date}T16:00:00"),
        },
        reason: Some(NO_REGISTER.into()),
    };
    run(store, Command::Annual(approve)).map(drop)
}

/// Why the past year's meetings have no register: they were kept on paper.
const NO_REGISTER: &str = "Danh sách dự họp năm 2025 lưu trên giấy, chưa nhập vào máy";

fn review(progress: Progress, percent: u8) -> Review {
    let quality = match progress {
        Progress::NotStarted => None,
        Progress::UnderWay => Some(Quality::Fair),
        Progress::Done => Some(Quality::Good),
    };
    Review {
        progress,
        percent,
        quality,
        spending: Spending {
            state: 0,
            donor: 0,
            people_money: i64::from(percent) * 100_000,
            people_labour_days: i64::from(percent) / 5,
            people_land_m2: 0,
            people_materials_vnd: 0,
        },
        management: "Ban tự quản thôn theo dõi; tổ giám sát báo cáo xã.".into(),
        impact: match progress {
            Progress::Done => "Hộ tham gia làm theo được, phụ nữ tham gia đông.",
            Progress::UnderWay => "Đã có kết quả bước đầu.",
            Progress::NotStarted => "Chưa triển khai do chưa có vốn đối ứng.",
        }
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::history::{Movement, compare_years};
    use crate::store::Store;

    #[test]
    fn thon_3_has_a_closed_year_and_a_comparison_with_every_kind_of_change() {
        let mut store = Store::open_in_memory().expect("store");
        crate::demo::populate(&mut store).expect("demo");
        let village = store
            .home_entries()
            .expect("entries")
            .into_iter()
            .find_map(|e| match e {
                crate::store::HomeEntry::Village(v) if v.name == "Thôn 3" => Some(v.id),
                _ => None,
            })
            .expect("Thôn 3");
        let years = store.village_history(village).expect("history");
        let [later, earlier] = years.as_slice() else {
            panic!("two years: {years:#?}");
        };
        assert_eq!((earlier.cycle.year, later.cycle.year), (2025, 2026));
        assert!(earlier.cycle.closed && !later.cycle.closed);
        assert!(earlier.annual_approved);
        let lines = compare_years(earlier, later);
        let has = |f: fn(Movement) -> bool| lines.iter().any(|l| f(l.movement));
        assert!(has(|m| matches!(m, Movement::Rose(_))), "{lines:#?}");
        assert!(has(|m| matches!(m, Movement::Fell(_))), "{lines:#?}");
        assert!(has(|m| m == Movement::Appeared), "{lines:#?}");
        assert!(has(|m| m == Movement::Done), "{lines:#?}");
        assert!(has(|m| m == Movement::Dropped), "{lines:#?}");
    }
}
