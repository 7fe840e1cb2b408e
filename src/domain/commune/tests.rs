#![allow(clippy::unwrap_used)]

use super::flags::{construction_above_service, extra_asks, women_higher};
use super::*;
use crate::domain::activity::{
    Activity, ActivityId, Category, Contribution, Funding, FundingSource, Sector, ValidActivity,
};
use crate::domain::annual::Part;
use crate::domain::record::{
    ActivityRecord, AnnualItemRecord, ApprovalRecord, CellScore, MeetingRecord, PlanRowRecord,
    PlanVersionRecord,
};
use crate::domain::scoring::{CombinedRow, Criterion, Method};
use crate::domain::{
    Commune, CommuneId, Cycle, CycleId, MeetingKind, Tally, VillageId, VillageKind,
};

/// An activity: category, sector, cost and villagers' money in đồng.
fn act(name: &str, category: Category, sector: Sector, cost: u64, money: u64) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector,
        category,
        quantity: Some(2.0),
        unit: "lớp".into(),
        time: "Quý 3".into(),
        location: "Buôn".into(),
        responsible: "Ban tự quản".into(),
        contribution: Contribution {
            land_m2: 10,
            money_vnd: money,
            labour_days: 1.5,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(cost),
        proposed_by_women: false,
        subgroup_id: None,
        tool_code: None,
    }
}

/// One annual item: the activity (id), its part, its form-4 score on every criterion,
/// and its men's, women's and combined ranks in the medium-term plan (`None`: added new).
struct Item {
    id: i64,
    activity: ValidActivity,
    part: Part,
    score: u8,
    ranks: Option<(u32, u32, u32)>,
}

fn item(id: i64, activity: ValidActivity, part: Part, score: u8) -> Item {
    Item {
        id,
        activity,
        part,
        score,
        ranks: None,
    }
}

fn ranked(mut i: Item, men: u32, women: u32, combined: u32) -> Item {
    i.ranks = Some((men, women, combined));
    i
}

fn combined_row(id: i64, (men, women, rank): (u32, u32, u32)) -> CombinedRow {
    CombinedRow {
        activity: id,
        men_points: 0,
        women_points: 0,
        men_rank: men,
        women_rank: women,
        draft_rank: rank,
        score: 0.0,
        rank,
        tied: false,
        tie_break: None,
        rank_gap: i64::from(men) - i64::from(women),
        men_top_only: false,
        women_top_only: false,
    }
}

fn village(name: &str, items: Vec<Item>, approved: bool) -> VillageYear {
    let v = crate::domain::Village {
        id: VillageId(1),
        commune_id: CommuneId(1),
        name: name.into(),
        kind: VillageKind::Buon,
    };
    let record = crate::domain::record::CycleRecord {
        commune: Commune {
            id: CommuneId(1),
            name: "Ea Tiêu".into(),
            district: "Cư Kuin".into(),
            province: "Đắk Lắk".into(),
        },
        commune_code: "XA".into(),
        village: v.clone(),
        village_code: format!("T-{name}"),
        cycle: Cycle {
            id: CycleId(1),
            village_id: VillageId(1),
            year: 2026,
            medium_term_start: 2026,
            medium_term_span: 5,
            closed: false,
        },
        cycle_reopen_reason: None,
        figures: Vec::new(),
        facilitators: Vec::new(),
        people: Vec::new(),
        meetings: vec![MeetingRecord {
            id: 9,
            kind: MeetingKind::AnnualApproval,
            date: String::new(),
            place: String::new(),
            chair: String::new(),
            chair_role: None,
            start_time: String::new(),
            end_time: String::new(),
            announced: Vec::new(),
            closed_tally: Some(Tally { men: 6, women: 4 }),
            override_reason: None,
            facilitators: Vec::new(),
            register: Vec::new(),
        }],
        working_group: None,
        assessment: Default::default(),
        activities: items
            .iter()
            .map(|i| ActivityRecord {
                activity: Activity {
                    id: ActivityId(i.id),
                    cycle_id: CycleId(1),
                    fields: i.activity.clone(),
                },
                merged_into: None,
                funding: Funding::default(),
            })
            .collect(),
        scoring: Default::default(),
        plan_versions: vec![PlanVersionRecord {
            id: 1,
            version: 1,
            approved_at: String::new(),
            method: Method::EqualWeight,
            change_reason: None,
            rows: items
                .iter()
                .filter_map(|i| Some((i, i.ranks?)))
                .map(|(i, r)| PlanRowRecord {
                    seq: r.2,
                    activity_name: i.activity.name.clone(),
                    activity: i.activity.clone(),
                    ranks: combined_row(i.id, r),
                })
                .collect(),
        }],
        carried_plan: None,
        annual: crate::domain::record::AnnualRecord {
            items: items
                .iter()
                .map(|i| AnnualItemRecord {
                    id: i.id + 100,
                    activity: ActivityId(i.id),
                    part: i.part,
                    added_reason: None,
                    override_reason: (i.part == Part::Two).then(|| "cần".to_string()),
                })
                .collect(),
            scores: items
                .iter()
                .flat_map(|i| {
                    Criterion::ALL.map(|criterion| CellScore {
                        row: i.id + 100,
                        criterion,
                        score: i.score,
                    })
                })
                .collect(),
            reviews: Vec::new(),
            summary: None,
            approval: Some(ApprovalRecord {
                frozen: approved,
                date: String::new(),
                votes_for: 1,
                votes_against: 0,
                abstain: 0,
                approved_at: String::new(),
                reopen_reason: None,
            }),
        },
        last_year: None,
    };
    VillageYear {
        village: v,
        village_code: format!("T-{name}"),
        source: PlanSource::Local,
        record: Some(record),
        annual_version: approved.then_some(2),
    }
}

fn training(cost: u64) -> ValidActivity {
    act(
        "Tập huấn",
        Category::TechnicalSupport,
        Sector::Agriculture,
        cost,
        0,
    )
}

fn road(cost: u64, money: u64) -> ValidActivity {
    act(
        "Làm đường",
        Category::Construction,
        Sector::Infrastructure,
        cost,
        money,
    )
}

#[test]
fn status_tells_no_plan_not_approved_and_approved_with_version() {
    let mut none = village("A", Vec::new(), true);
    assert_eq!(status(&none).status, PlanStatus::NoPlan, "no annual item");
    none.record = None;
    assert_eq!(status(&none).status, PlanStatus::NoPlan);
    assert_eq!(status(&none).women_share, None);
    let items = || {
        vec![
            item(1, training(10), Part::One, 3),
            item(2, road(50, 0), Part::Two, 4),
        ]
    };
    let open = status(&village("B", items(), false));
    assert_eq!(open.status, PlanStatus::NotApproved);
    assert!(!open.status.is_approved());
    let done = status(&village("C", items(), true));
    assert_eq!(done.status, PlanStatus::Approved { version: Some(2) });
    assert_eq!(done.women_share, Some(40.0), "4 women of 10");
    assert_eq!(done.part_two, 1);
}

#[test]
fn rows_keep_the_village_order_ranks_and_medium_term_ranks() {
    let v = village(
        "A",
        vec![
            ranked(item(1, training(10), Part::One, 2), 3, 1, 2),
            item(2, training(20), Part::One, 4),
            ranked(item(3, road(50, 5), Part::Two, 1), 1, 4, 1),
        ],
        true,
    );
    let rows = village_needs(&v);
    let seen: Vec<(i64, Part, Option<u32>)> = rows
        .iter()
        .map(|r| {
            (
                r.activity.estimated_cost_vnd.unwrap() as i64,
                r.part,
                r.village_rank,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (20, Part::One, Some(1)),
            (10, Part::One, Some(2)),
            (50, Part::Two, Some(1))
        ]
    );
    assert_eq!(
        (rows[1].men_rank, rows[1].women_rank, rows[1].combined_rank),
        (Some(3), Some(1), Some(2))
    );
    assert_eq!(rows[0].men_rank, None, "added new: no medium-term rank");
    assert_eq!(rows[2].funding.source, FundingSource::DistrictBudget);
    assert_eq!(rows[2].funding.budget_asked_vnd, 45, "cost 50 less 5 given");
    assert_eq!(rows[0].funding.source, FundingSource::People);
    assert_eq!(rows[2].form(), NeedForm::Investment);
    assert_eq!(rows[0].form(), NeedForm::Services);
}

#[test]
fn a_third_part_two_ask_stands_out() {
    let v = village(
        "A",
        vec![
            item(1, road(10, 0), Part::Two, 5),
            item(2, road(20, 0), Part::Two, 4),
            item(3, road(30, 0), Part::Two, 3),
            item(4, road(40, 0), Part::One, 1),
        ],
        true,
    );
    let rows = village_needs(&v);
    assert_eq!(extra_asks(&rows), [None, None, None, Some(3)]);
    assert_eq!(rows[3].flags, [Flag::ExtraBudgetAsk { ordinal: 3 }]);
    assert_eq!(rows[3].override_reason.as_deref(), Some("cần"));
    assert!(rows[..3].iter().all(|r| r.flags.is_empty()));
}

#[test]
fn a_part_two_construction_above_a_service_is_flagged() {
    let above = village(
        "A",
        vec![
            item(1, road(10, 0), Part::Two, 5),
            item(2, training(20), Part::Two, 4),
            item(3, road(30, 0), Part::One, 5),
        ],
        true,
    );
    let rows = village_needs(&above);
    assert_eq!(construction_above_service(&rows), [false, true, false]);
    assert_eq!(rows[1].flags, [Flag::ConstructionAboveService]);
    let below = village(
        "B",
        vec![
            item(1, road(10, 0), Part::Two, 3),
            item(2, training(20), Part::Two, 4),
        ],
        true,
    );
    assert_eq!(
        construction_above_service(&village_needs(&below)),
        [false, false]
    );
    let tied = village(
        "C",
        vec![
            item(1, road(10, 0), Part::Two, 4),
            item(2, training(20), Part::Two, 4),
        ],
        true,
    );
    assert_eq!(
        construction_above_service(&village_needs(&tied)),
        [false, false],
        "equal ranks: not above"
    );
}

#[test]
fn a_womens_top_three_ranked_low_by_the_combined_plan_is_flagged() {
    let v = village(
        "A",
        vec![
            ranked(item(1, training(1), Part::One, 5), 6, 2, 5),
            ranked(item(2, training(2), Part::One, 4), 6, 3, 3),
            ranked(item(3, training(3), Part::One, 3), 1, 4, 9),
        ],
        true,
    );
    let rows = village_needs(&v);
    let flags: Vec<Option<Flag>> = rows.iter().map(women_higher).collect();
    assert_eq!(
        flags,
        [
            Some(Flag::WomenRankedHigher {
                women_rank: 2,
                combined_rank: 5
            }),
            None,
            None
        ]
    );
    assert_eq!(rows[0].flags.len(), 1);
}

#[test]
fn rows_of_a_plan_not_approved_are_marked_and_not_counted() {
    let open = village("A", vec![item(1, road(10, 4), Part::Two, 5)], false);
    let done = village(
        "B",
        vec![
            item(1, road(100, 30), Part::Two, 5),
            item(2, training(7), Part::One, 4),
        ],
        true,
    );
    let rows = commune_needs(&[open, done]);
    assert_eq!(rows[0].flags, [Flag::NotApproved]);
    assert!(!rows[0].counted);
    let t = totals(&rows);
    assert_eq!(t.activities, 2);
    assert_eq!((t.cost_vnd, t.asked_vnd, t.money_vnd), (107, 70, 30));
    assert_eq!((t.land_m2, t.labour_days), (20, 3.0));
}

#[test]
fn sums_by_sector_and_source_keep_order_and_skip_uncounted() {
    let v = village(
        "A",
        vec![
            item(1, road(100, 30), Part::Two, 5),
            item(2, training(7), Part::Two, 4),
            item(3, training(5), Part::One, 4),
        ],
        true,
    );
    let rows = village_needs(&v);
    let refs: Vec<&NeedRow> = rows.iter().collect();
    let sectors: Vec<(Sector, usize)> = by_sector(&refs)
        .into_iter()
        .map(|(s, of)| (s, of.len()))
        .collect();
    assert_eq!(
        sectors,
        [(Sector::Agriculture, 2), (Sector::Infrastructure, 1)]
    );
    let sources: Vec<(FundingSource, usize, u64)> = by_source(&refs)
        .into_iter()
        .map(|(s, t)| (s, t.activities, t.asked_vnd))
        .collect();
    assert_eq!(
        sources,
        [
            (FundingSource::People, 1, 0),
            (FundingSource::CommuneBudget, 1, 7),
            (FundingSource::DistrictBudget, 1, 70)
        ]
    );
    let open = village("B", vec![item(1, road(10, 0), Part::Two, 5)], false);
    let open_rows = village_needs(&open);
    let refs: Vec<&NeedRow> = open_rows.iter().collect();
    assert!(by_source(&refs).is_empty());
}

#[test]
fn villages_sort_by_folded_name() {
    let names = ["Thôn 3", "buôn Kô", "Ấp Mới", "Buôn Đrăng"];
    let villages: Vec<VillageYear> = names.iter().map(|n| village(n, Vec::new(), true)).collect();
    let order: Vec<&str> = in_order(&villages)
        .iter()
        .map(|v| v.village.name.as_str())
        .collect();
    assert_eq!(order, ["Ấp Mới", "Buôn Đrăng", "buôn Kô", "Thôn 3"]);
}

#[test]
fn summaries_count_services_part_two_and_flags() {
    let mut imported = village(
        "B",
        vec![
            item(1, road(10, 0), Part::Two, 5),
            item(2, training(20), Part::Two, 4),
            item(3, training(30), Part::Two, 3),
            item(4, training(30), Part::One, 3),
        ],
        true,
    );
    imported.source = PlanSource::Imported(ImportedFrom {
        bundle_id: "b".into(),
        check_code: "1A2B-3C4D".into(),
        imported_at: String::new(),
        file_name: "b.json".into(),
    });
    let open = village("A", vec![item(1, road(10, 0), Part::Two, 5)], false);
    let s = summaries(&[imported, open]);
    assert_eq!(s[0].village, "A");
    assert_eq!(
        (s[0].activities, s[0].flags),
        (1, 0),
        "not approved: status only"
    );
    assert_eq!(s[0].check_code, None);
    assert_eq!(s[1].check_code.as_deref(), Some("1A2B-3C4D"));
    assert_eq!(
        (s[1].activities, s[1].services, s[1].status.part_two),
        (4, 3, 3)
    );
    assert_eq!(
        s[1].flags, 2,
        "the road above the services, and a third ask"
    );
}
