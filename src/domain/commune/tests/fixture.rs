//! Hand-made villages for the commune rules' tests: a record with the annual items,
//! their form-4 scores, the medium-term ranks and the approval, nothing else.

use super::super::{PlanSource, VillageYear};
use crate::domain::activity::{
    Activity, ActivityId, Category, Contribution, Funding, Sector, ValidActivity,
};
use crate::domain::annual::{AnnualItemId, Part};
use crate::domain::record::{
    ActivityRecord, AnnualItemRecord, ApprovalRecord, CellScore, MeetingRecord, PlanRowRecord,
    PlanVersionRecord,
};
use crate::domain::scoring::{CombinedRow, Criterion, Method};
use crate::domain::{
    Commune, CommuneId, Cycle, CycleId, MeetingKind, Tally, VillageId, VillageKind,
};

/// An activity: category, sector, cost and villagers' money in đồng.
pub(super) fn act(
    name: &str,
    category: Category,
    sector: Sector,
    cost: u64,
    money: u64,
) -> ValidActivity {
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
pub(super) struct Item {
    id: i64,
    activity: ValidActivity,
    part: Part,
    score: u8,
    ranks: Option<(u32, u32, u32)>,
}

pub(super) fn item(id: i64, activity: ValidActivity, part: Part, score: u8) -> Item {
    Item {
        id,
        activity,
        part,
        score,
        ranks: None,
    }
}

pub(super) fn ranked(mut i: Item, men: u32, women: u32, combined: u32) -> Item {
    i.ranks = Some((men, women, combined));
    i
}

pub(super) fn combined_row(id: i64, (men, women, rank): (u32, u32, u32)) -> CombinedRow {
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

pub(super) fn village(name: &str, items: Vec<Item>, approved: bool) -> VillageYear {
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
                    id: AnnualItemId(i.id + 100),
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
            carried_activities: Vec::new(),
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
                version: if approved { 2 } else { 0 },
            }),
        },
        last_year: None,
        after: Default::default(),
    };
    VillageYear {
        village: v,
        village_code: format!("T-{name}"),
        source: PlanSource::Local,
        record: Some(record),
    }
}

pub(super) fn training(cost: u64) -> ValidActivity {
    act(
        "Tập huấn",
        Category::TechnicalSupport,
        Sector::Agriculture,
        cost,
        0,
    )
}

pub(super) fn road(cost: u64, money: u64) -> ValidActivity {
    act(
        "Làm đường",
        Category::Construction,
        Sector::Infrastructure,
        cost,
        money,
    )
}
