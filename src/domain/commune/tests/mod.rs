#![allow(clippy::unwrap_used)]

mod fixture;

use super::flags::{construction_above_service, extra_asks, women_higher};
use super::*;
use crate::domain::activity::{FundingSource, Sector};
use crate::domain::annual::Part;
use fixture::{item, ranked, road, training, village};

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

#[test]
fn a_plan_carried_from_an_earlier_cycle_gives_the_activity_as_approved() {
    let mut v = village(
        "A",
        vec![
            ranked(item(1, road(90, 10), Part::Two, 5), 1, 2, 1),
            item(2, training(5), Part::One, 4),
        ],
        true,
    );
    if let Some(r) = v.record.as_mut() {
        r.activities.clear();
    }
    let rows = village_needs(&v);
    assert_eq!(rows.len(), 1, "only the plan's activity can be found");
    assert_eq!(rows[0].activity.estimated_cost_vnd, Some(90));
    assert_eq!(rows[0].funding.budget_asked_vnd, 80);
    assert_eq!(rows[0].combined_rank, Some(1));
}
