//! A village taken through the whole medium-term and annual plan by commands only: the
//! fixture of the command tests.

#![allow(clippy::unwrap_used, dead_code)]

use std::path::PathBuf;

use kehoach::commands::{
    AnnualCommand, AssessmentCommand, Command, CommandError, Effect, Meeting2Command,
    ScoringCommand, execute,
};
use kehoach::domain::activity::{ActivityId, Category, Contribution, Sector, ValidActivity};
use kehoach::domain::annual::{AnnualItemId, Part};
use kehoach::domain::scoring::{Criterion, Group, InputMode};
use kehoach::domain::{
    CycleId, Gender, MeetingId, MeetingKind, NewCycle, PersonFields, VillageId, VillageKind,
};
use kehoach::store::{AnnualApproval, GroupInfo, Store};
use tempfile::TempDir;

/// A store with one village and its 2026 cycle.
pub struct Village {
    /// Keeps the file's folder alive (file-backed fixtures only).
    pub dir: Option<TempDir>,
    /// The database file, if any.
    pub path: Option<PathBuf>,
    /// The store.
    pub store: Store,
    /// The village.
    pub village: VillageId,
    /// Its 2026 cycle (starts the medium-term period).
    pub cycle: CycleId,
    /// Four proposed activities, in the order proposed.
    pub acts: Vec<ActivityId>,
}

impl Village {
    /// Runs a command that must succeed.
    pub fn run(&mut self, command: Command) -> Effect {
        match execute(&mut self.store, command.clone()) {
            Ok(effect) => effect,
            Err(e) => panic!("{command:?} failed: {e:?}"),
        }
    }

    /// Runs a command that must be refused, returning why.
    pub fn refused(&mut self, command: Command) -> CommandError {
        match execute(&mut self.store, command.clone()) {
            Ok(effect) => panic!("{command:?} was not refused: {effect:?}"),
            Err(e) => e,
        }
    }

    /// A meeting of the 2026 cycle.
    pub fn meeting(&self, kind: MeetingKind) -> MeetingId {
        self.store
            .find_meeting(self.cycle, kind)
            .unwrap()
            .expect("created with the cycle")
            .id
    }

    /// The annual plan's item ids, in the order selected.
    pub fn items(&self) -> Vec<AnnualItemId> {
        let items = self.store.annual_items(self.cycle).unwrap();
        items.iter().map(|i| i.id).collect()
    }
}

/// An activity with every field the annual plan needs; `quantity` of "lớp".
pub fn activity(name: &str, quantity: f64) -> ValidActivity {
    ValidActivity {
        name: name.into(),
        sector: Sector::Infrastructure,
        category: Category::TechnicalSupport,
        quantity: Some(quantity),
        unit: "lớp".into(),
        time: "Quý 3/2026".into(),
        location: "Nhà văn hoá buôn".into(),
        responsible: "Ban tự quản buôn".into(),
        contribution: Contribution {
            land_m2: 0,
            money_vnd: 2_000_000,
            labour_days: 10.0,
            materials: String::new(),
        },
        estimated_cost_vnd: Some(15_000_000),
        proposed_by_women: false,
        subgroup_id: None,
        tool_code: None,
    }
}

/// A person's validated fields.
pub fn person(name: &str, gender: Gender) -> PersonFields {
    PersonFields {
        name: name.into(),
        gender,
        ethnicity: Some("Ê Đê".into()),
        wealth: None,
        organisations: Vec::new(),
        trained: false,
        core_farmer: false,
    }
}

/// A fresh in-memory village with its cycle and four proposed activities.
pub fn village() -> Village {
    with_store(Store::open_in_memory().unwrap(), None, None)
}

/// The same on a file (for raw SQL through a second connection).
pub fn village_on_file() -> Village {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    let store = Store::open(&path).unwrap();
    with_store(store, Some(path), Some(dir))
}

fn with_store(store: Store, path: Option<PathBuf>, dir: Option<TempDir>) -> Village {
    let mut v = Village {
        dir,
        path,
        store,
        village: VillageId(0),
        cycle: CycleId(0),
        acts: Vec::new(),
    };
    let Effect::Commune(commune) = v.run(Command::CreateCommune {
        name: "Ea Tiêu".into(),
        district: "Cư Kuin".into(),
    }) else {
        panic!("a commune")
    };
    let Effect::Village(village) = v.run(Command::CreateVillage {
        commune,
        name: "Buôn Kram".into(),
        kind: VillageKind::Buon,
    }) else {
        panic!("a village")
    };
    v.village = village;
    let Effect::Cycle(cycle) = v.run(Command::CreateCycle(NewCycle {
        village_id: village,
        year: 2026,
        medium_term_span: 5,
    })) else {
        panic!("a cycle")
    };
    v.cycle = cycle;
    let names = [
        "Tập huấn trồng cà phê",
        "Làm đường",
        "Giếng nước",
        "Lớp chăn nuôi",
    ];
    for (i, name) in names.iter().enumerate() {
        v.run(Command::Assessment(AssessmentCommand::AddActivity {
            cycle,
            activity: Box::new(activity(name, 3.0 + i as f64)),
        }));
    }
    v.acts = v
        .store
        .activities(cycle)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    v
}

/// Registers three women and two men at a meeting.
pub fn register(v: &mut Village, kind: MeetingKind) {
    let meeting = v.meeting(kind);
    let people = [
        ("H'Hen Niê", Gender::Female),
        ("H'Ly Mlô", Gender::Female),
        ("H'Mai Ayun", Gender::Female),
        ("Y Sơn Êban", Gender::Male),
        ("Y Tlang Kbuôr", Gender::Male),
    ];
    for (name, gender) in people {
        let known = v.store.people(v.village).unwrap();
        match known.iter().find(|p| p.name == name) {
            Some(p) => v.run(Command::RegisterKnown {
                meeting,
                person: p.id,
                gender,
            }),
            None => v.run(Command::RegisterNew {
                village: v.village,
                meeting,
                fields: person(name, gender),
            }),
        };
    }
}

/// Scores the matrix (activity i gets 5 - i on every criterion) and enters both groups'
/// votes, favouring the first activity.
pub fn score_and_vote(v: &mut Village) {
    for (i, &a) in v.acts.clone().iter().enumerate() {
        for criterion in Criterion::ALL {
            v.run(Command::Scoring(ScoringCommand::Score {
                activity: a,
                criterion,
                score: Some(5 - u8::try_from(i).unwrap()),
            }));
        }
    }
    for group in Group::ALL {
        v.run(Command::Meeting2(Meeting2Command::GroupInfo {
            cycle: v.cycle,
            group,
            info: GroupInfo {
                members: 10,
                votes_each: 3,
                recorder: "Y Sơn".into(),
            },
        }));
        for (i, &a) in v.acts.clone().iter().enumerate() {
            v.run(Command::Meeting2(Meeting2Command::Entry {
                cycle: v.cycle,
                group,
                mode: InputMode::Votes,
                activity: a.0,
                value: Some(8 - 2 * u32::try_from(i).unwrap()),
            }));
        }
    }
}

/// Approves the medium-term plan at meeting 2 (closing its register).
pub fn approve_medium_term(v: &mut Village) {
    register(v, MeetingKind::Village2);
    score_and_vote(v);
    let meeting = v.meeting(MeetingKind::Village2);
    v.run(Command::Meeting2(Meeting2Command::Approve {
        cycle: v.cycle,
        meeting,
        reason: None,
        missing_reason: None,
    }));
}

/// The approval meeting's record: four of the five registered for, one against.
pub fn approval(date: &str) -> AnnualApproval {
    AnnualApproval {
        date: date.into(),
        votes_for: 4,
        votes_against: 1,
        abstain: 0,
        approved_at: String::new(),
    }
}

/// Selects the first three activities (two in part 1, one in part 2) and scores them.
pub fn select_and_score(v: &mut Village) {
    let parts = [Part::One, Part::One, Part::Two];
    for (&a, part) in v.acts.clone().iter().zip(parts) {
        v.run(Command::Annual(AnnualCommand::Select {
            cycle: v.cycle,
            activity: a,
            part,
            reason: None,
        }));
    }
    for (i, item) in v.items().into_iter().enumerate() {
        for criterion in Criterion::ALL {
            v.run(Command::Annual(AnnualCommand::Score {
                item,
                criterion,
                score: Some(3 + u8::try_from(i % 2).unwrap()),
            }));
        }
    }
}

/// Approves both plans: the medium-term plan, then the annual plan (form 4).
pub fn approve_both(v: &mut Village) {
    approve_medium_term(v);
    select_and_score(v);
    register(v, MeetingKind::AnnualApproval);
    v.run(Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: approval("25/05/2026"),
        reason: None,
    }));
}
