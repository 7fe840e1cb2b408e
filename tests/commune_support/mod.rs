//! Three villages of one commune taken through their 2026 plans by commands only, in
//! one store: the fixture of the commune forms' tests. Every value the forms should
//! show is worked out by hand in the comments of the village tables.

#![allow(clippy::unwrap_used, dead_code)]

use kehoach::commands::{
    AnnualCommand, AssessmentCommand, Command, Effect, Meeting2Command, ScoringCommand,
};
use kehoach::domain::activity::Category::{self, Construction, TechnicalSupport};
use kehoach::domain::activity::Sector::{self, *};
use kehoach::domain::activity::{Funding, FundingSource};
use kehoach::domain::annual::Part::{self, One, Two};
use kehoach::domain::commune::{PlanSource, VillageYear};
use kehoach::domain::scoring::{Criterion, Group, InputMode};
use kehoach::domain::{Commune, CommuneId, MeetingKind, NewCycle, VillageKind};
use kehoach::store::{Figure, GroupInfo, Store};

use crate::commands_support::{Village, activity, approval, register, village};

/// One activity of a test village: name, category, sector, cost and villagers' money
/// (million đồng), men's and women's votes at meeting 2, part and form-4 score.
pub type Act = (&'static str, Category, Sector, u64, u64, u32, u32, Part, u8);

pub const M: u64 = 1_000_000;

/// Buôn Kram: three part-2 asks, the third approved with the village's reason.
/// Men rank a1..a5 as 1..5; women (4, 9, 5, 1, 11) rank a5, a2, a3, a1, a4; combined
/// (men + women, both groups cast 30 votes) 14, 17, 11, 5, 13 → a2 1, a1 2, a5 3, a3 4,
/// a4 5. Form 4: part 1 a4 (1), a5 (2); part 2 a1 (1), a2 (2), a3 (3).
#[rustfmt::skip]
pub const KRAM: [Act; 5] = [
    ("Đường bê tông vào buôn", Construction, Infrastructure, 300, 20, 10, 4, Two, 5),
    ("Tập huấn chăm sóc cà phê", TechnicalSupport, Agriculture, 15, 2, 8, 9, Two, 4),
    ("Lớp nước sạch, vệ sinh", TechnicalSupport, WaterSanitation, 10, 1, 6, 5, Two, 3),
    ("Sửa mương thủy lợi", Construction, Irrigation, 40, 10, 4, 1, One, 5),
    ("Tổ vay vốn phụ nữ", TechnicalSupport, Economy, 5, 5, 2, 11, One, 4),
];

/// Thôn 1: men rank b1..b4 as 1..4; women (3, 6, 12, 9) rank b3, b4, b2, b1; combined
/// 15, 16, 17, 12 → b3 1, b2 2, b1 3, b4 4. Form 4: part 1 b3 (1), b4 (2); part 2 b1
/// (1), b2 (2). b2's funding is given: a programme, 60 million.
#[rustfmt::skip]
pub const THON1: [Act; 4] = [
    ("Tập huấn chăn nuôi bò", TechnicalSupport, Livestock, 12, 2, 12, 3, Two, 5),
    ("Cống thoát nước", Construction, Infrastructure, 80, 10, 10, 6, Two, 4),
    ("Mua giống ngô", Construction, Agriculture, 20, 20, 5, 12, One, 5),
    ("Lớp xoá mù chữ", TechnicalSupport, Education, 6, 0, 3, 9, One, 3),
];

/// Thôn 2, annual plan not approved: men c1 1, c2 2; women c2 1, c1 2; combined
/// 32, 28 → c1 1, c2 2.
#[rustfmt::skip]
pub const THON2: [Act; 2] = [
    ("Kênh mương nội đồng", Construction, Irrigation, 150, 15, 20, 12, Two, 4),
    ("Tập huấn phòng bệnh", TechnicalSupport, Health, 8, 1, 10, 18, One, 4),
];

pub const REASON: &str = "Nước sinh hoạt thiếu nghiêm trọng, buôn xin thêm một hoạt động";

/// Points the fixture at a new village of the same commune with its 2026 cycle.
pub fn new_village(v: &mut Village, name: &str) {
    let commune = v.store.village(v.village).unwrap().commune_id;
    village_in(v, commune, name);
}

/// Points the fixture at a new village of `commune` with its 2026 cycle.
pub fn village_in(v: &mut Village, commune: CommuneId, name: &str) {
    let Effect::Village(id) = v.run(Command::CreateVillage {
        commune,
        name: name.into(),
        kind: VillageKind::Thon,
    }) else {
        panic!("a village")
    };
    let Effect::Cycle(cycle) = v.run(Command::CreateCycle(NewCycle {
        village_id: id,
        year: 2026,
        medium_term_span: 5,
    })) else {
        panic!("a cycle")
    };
    (v.village, v.cycle, v.acts) = (id, cycle, Vec::new());
}

/// Proposes the activities (with the funding given for one, by index), approves the
/// medium-term plan with the groups' votes, then selects and scores form 4, approving it
/// when `approve`.
pub fn plan(v: &mut Village, acts: &[Act], funding: Option<(usize, Funding)>, approve: bool) {
    for &(name, category, sector, cost, money, ..) in acts {
        let mut a = activity(name, 2.0);
        (a.category, a.sector) = (category, sector);
        a.estimated_cost_vnd = Some(cost * M);
        a.contribution.money_vnd = money * M;
        v.run(Command::Assessment(AssessmentCommand::AddActivity {
            cycle: v.cycle,
            activity: Box::new(a),
        }));
    }
    v.acts = v
        .store
        .activities(v.cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    if let Some((i, funding)) = funding {
        let id = v.acts[i];
        v.run(Command::Assessment(AssessmentCommand::SetFunding {
            id,
            funding,
        }));
    }
    vote(v, acts);
    let mut part_two = 0;
    for (&id, act) in v.acts.clone().iter().zip(acts) {
        part_two += usize::from(act.7 == Part::Two);
        let Effect::AnnualItem(item) = v.run(Command::Annual(AnnualCommand::Select {
            cycle: v.cycle,
            activity: id,
            part: act.7,
            reason: (part_two > 2).then(|| REASON.to_string()),
        })) else {
            panic!("an item")
        };
        for criterion in Criterion::ALL {
            v.run(Command::Annual(AnnualCommand::Score {
                item,
                criterion,
                score: Some(act.8),
            }));
        }
    }
    if approve {
        register(v, MeetingKind::AnnualApproval);
        v.run(Command::Annual(AnnualCommand::Approve {
            cycle: v.cycle,
            approval: approval("28/05/2026"),
            reason: None,
        }));
    }
}

/// Scores the matrix and enters both groups' votes, then approves the medium-term plan.
pub fn vote(v: &mut Village, acts: &[Act]) {
    for &a in &v.acts.clone() {
        for criterion in Criterion::ALL {
            v.run(Command::Scoring(ScoringCommand::Score {
                activity: a,
                criterion,
                score: Some(3),
            }));
        }
    }
    for group in Group::ALL {
        let info = GroupInfo {
            members: 10,
            votes_each: 3,
            recorder: "Y Sơn".into(),
        };
        v.run(Command::Meeting2(Meeting2Command::GroupInfo {
            cycle: v.cycle,
            group,
            info,
        }));
        for (&a, act) in v.acts.clone().iter().zip(acts) {
            let votes = if group == Group::Men { act.5 } else { act.6 };
            v.run(Command::Meeting2(Meeting2Command::Entry {
                cycle: v.cycle,
                group,
                mode: InputMode::Votes,
                activity: a.0,
                value: Some(votes),
            }));
        }
    }
    register(v, MeetingKind::Village2);
    let meeting = v.meeting(MeetingKind::Village2);
    v.run(Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting,
        reason: None,
        missing_reason: None,
    }));
}

/// The three villages, made in the order Thôn 2, Buôn Kram, Thôn 1 (the forms sort them).
pub fn three_villages() -> (Store, Commune, Vec<VillageYear>) {
    let mut v = village();
    for a in v.acts.clone() {
        v.run(Command::Assessment(AssessmentCommand::DeleteActivity(a)));
    }
    let kram = (v.village, v.cycle);
    plan(&mut v, &KRAM, None, true);
    new_village(&mut v, "Thôn 2");
    plan(&mut v, &THON2, None, false);
    new_village(&mut v, "Thôn 1");
    let programme = Funding {
        source: Some(FundingSource::Programme),
        budget_asked_vnd: Some(60 * M),
    };
    plan(&mut v, &THON1, Some((1, programme)), true);
    let commune_id = v.store.village(kram.0).unwrap().commune_id;
    let commune = commune_of(&v.store, commune_id);
    let years = village_years(&v.store, commune_id);
    (v.store, commune, years)
}

pub fn commune_of(store: &Store, id: CommuneId) -> Commune {
    store
        .communes()
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap()
}

/// Every village of the commune with its 2026 cycle, as the commune holds them.
pub fn village_years(store: &Store, commune: CommuneId) -> Vec<VillageYear> {
    store
        .villages(commune)
        .unwrap()
        .into_iter()
        .map(|village| {
            let cycle = store
                .cycles(village.id)
                .unwrap()
                .into_iter()
                .find(|c| c.year == 2026);
            let record = cycle.as_ref().map(|c| store.cycle_record(c.id).unwrap());
            VillageYear {
                village,
                village_code: record
                    .as_ref()
                    .map(|r| r.village_code.clone())
                    .unwrap_or_default(),
                source: PlanSource::Local,
                record,
            }
        })
        .collect()
}

/// Sets a figure of forms 1-2 for the village the fixture points at.
pub fn figure(v: &mut Village, key: &str, value: &str) {
    let figure = Figure {
        key: key.into(),
        value: value.into(),
        source: "Thống kê xã".into(),
        as_of: "2026-03-31".into(),
    };
    v.run(Command::SetFigure {
        village: v.village,
        figure,
    });
}
