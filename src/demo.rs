//! The demo village: a realistic Dak Lak planning cycle written through the same commands
//! as the interface (`crate::commands`), so the demo always shows every step built so far
//! and obeys every rule an edit obeys.

use crate::commands::{Command, CommandError, Effect, execute};
use crate::domain::{
    ChairRole, CommuneId, CycleId, Gender, MeetingId, MeetingKind, NewCycle, Organisation,
    PersonFields, PersonId, VillageId, VillageKind, WealthGroup,
};
use crate::store::{Figure, MeetingDetails, Store, StoreError};

/// Result of writing the demo.
pub type Result<T> = std::result::Result<T, CommandError>;

/// Runs one command of the demo.
fn run(store: &mut Store, command: Command) -> Result<Effect> {
    execute(store, command)
}

/// Runs a command that creates a record and returns the record's id.
fn created(store: &mut Store, command: Command) -> Result<i64> {
    run(store, command)?
        .created_id()
        .ok_or(CommandError::Store(StoreError::NotFound))
}

/// Creates the village's cycle for the year after `from` (the medium-term plan carries
/// over while its period lasts).
fn next_cycle(store: &mut Store, from: CycleId) -> Result<CycleId> {
    let c = store.cycle(from)?;
    let new = NewCycle {
        village_id: c.village_id,
        year: c.year + 1,
        medium_term_span: c.medium_term_span,
    };
    Ok(CycleId(created(store, Command::CreateCycle(new))?))
}

/// Saves a later meeting's record (held where meeting 1 was, chaired by the same person,
/// with the same facilitators present) and registers the first `attendees` of meeting 1's
/// participants; returns them.
fn hold_again(
    store: &mut Store,
    meeting: MeetingId,
    meeting1: MeetingId,
    (date, start, end): (&str, &str, &str),
    attendees: usize,
) -> Result<Vec<crate::store::Attendee>> {
    let details = MeetingDetails {
        date: date.into(),
        place: "Nhà văn hoá Buôn Kram".into(),
        chair: attendee(LEADER).name,
        chair_role: Some(ChairRole::BoardHead),
        start_time: start.into(),
        end_time: end.into(),
        announced: crate::domain::meeting::ANNOUNCEMENTS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    let facilitators = store.meeting_facilitators(meeting1)?;
    let record = Command::SaveMeetingRecord {
        meeting,
        details,
        facilitators,
    };
    run(store, record)?;
    let again: Vec<_> = store
        .attendees(meeting1)?
        .into_iter()
        .take(attendees)
        .collect();
    for a in &again {
        let register = Command::RegisterKnown {
            meeting,
            person: a.person.id,
            gender: a.gender_at_meeting,
        };
        run(store, register)?;
    }
    Ok(again)
}

/// A meeting the cycle was created with.
fn meeting(store: &Store, cycle: CycleId, kind: MeetingKind) -> Result<MeetingId> {
    Ok(store
        .find_meeting(cycle, kind)?
        .ok_or(StoreError::NotFound)?
        .id)
}

mod after_plan;
mod annual;
mod assessment;
mod commune;
mod history;
mod meeting2;
mod scoring;

/// Year of the demo cycle (fixed so screens and exports are reproducible).
pub const DEMO_YEAR: i32 = 2026;

/// Name of the demo village.
pub const DEMO_VILLAGE: &str = "Buôn Kram";

const CLANS: [&str; 10] = [
    "Niê",
    "Êban",
    "Mlô",
    "Ksor",
    "Byă",
    "Adrơng",
    "Hđök",
    "Knul",
    "Ktla",
    "Buôn Yă",
];
const MEN: [&str; 14] = [
    "Khu", "Bhin", "Thuôn", "Jơ", "Kim", "Wơn", "Blih", "Suăn", "Duy", "Mai", "Dhuê", "Ngăn",
    "Huê", "Tlang",
];
const WOMEN: [&str; 12] = [
    "Nhi", "Blưm", "Hen", "Yam", "Ngơn", "Bliêng", "Mai", "Loan", "Thoa", "Rin", "Hương", "Djuê",
];
const KINH_MEN: [&str; 6] = [
    "Nguyễn Văn Hùng",
    "Trần Văn Lợi",
    "Lê Văn Tám",
    "Phạm Đức Thắng",
    "Đỗ Văn Hải",
    "Vũ Văn Nam",
];
const KINH_WOMEN: [&str; 4] = [
    "Nguyễn Thị Hường",
    "Trần Thị Lan",
    "Lê Thị Hoa",
    "Phạm Thị Thu",
];

/// Writes the demo commune, villages and cycle with a complete village meeting 1;
/// returns the demo cycle.
pub fn populate(store: &mut Store) -> Result<CycleId> {
    let commune = CommuneId(created(
        store,
        Command::CreateCommune {
            name: "Ea Tiêu".into(),
            district: "Cư Kuin".into(),
        },
    )?);
    let village = VillageId(created(
        store,
        new_village(commune, DEMO_VILLAGE, VillageKind::Buon),
    )?);
    let thon_3 = VillageId(created(
        store,
        new_village(commune, "Thôn 3", VillageKind::Thon),
    )?);
    let cycle = CycleId(created(
        store,
        Command::CreateCycle(NewCycle {
            village_id: village,
            year: DEMO_YEAR,
            medium_term_span: 5,
        }),
    )?);
    write_preparation(store, commune, village)?;
    write_meeting1(store, cycle, village)?;
    assessment::write(store, cycle)?;
    scoring::write(store, cycle)?;
    annual::ask_budget(store, cycle)?;
    meeting2::write(store, cycle)?;
    annual::write(store, cycle)?;
    history::write(store, thon_3)?;
    Ok(cycle)
}

fn new_village(commune: CommuneId, name: &str, kind: VillageKind) -> Command {
    Command::CreateVillage {
        commune,
        name: name.into(),
        kind,
    }
}

/// The demo's annual-only cycle (year [`DEMO_YEAR`] + 1) of the village whose medium-term
/// cycle is `first` (what [`populate`] returns).
pub fn second_year(store: &Store, first: CycleId) -> Result<CycleId> {
    let village = store.cycle(first)?.village_id;
    store
        .cycles(village)?
        .into_iter()
        .find(|c| c.year == DEMO_YEAR + 1)
        .map(|c| c.id)
        .ok_or(CommandError::Store(StoreError::NotFound))
}

fn write_preparation(store: &mut Store, commune: CommuneId, village: VillageId) -> Result<()> {
    let figures = [
        ("population", "612"),
        ("women", "309"),
        ("households", "138"),
        ("poor_households", "41"),
        ("near_poor_households", "22"),
        ("minority_households", "121"),
        ("ethnic_groups", "Ê Đê, Kinh"),
        ("agricultural_land_ha", "214.5"),
        ("paddy_ha", "18"),
        ("perennial_crops_ha", "160"),
        ("roads_km", "6.2"),
        ("paved_roads_km", "1.8"),
        ("irrigation_works", "1"),
        ("clean_water_households", "64"),
        ("electricity_households", "131"),
    ];
    for (key, value) in figures {
        let f = Figure {
            key: key.into(),
            value: value.into(),
            source: "Thống kê xã Ea Tiêu".into(),
            as_of: "2026-03-31".into(),
        };
        run(store, Command::SetFigure { village, figure: f })?;
    }
    for (name, role) in [
        ("Lê Thị Minh", "Phó Chủ tịch UBND xã"),
        ("H'Yam Êban", "Chủ tịch Hội Phụ nữ xã"),
        ("Nguyễn Văn Bình", "Cán bộ địa chính"),
        ("Y Phi Ksor", "Cán bộ thống kê"),
    ] {
        run(
            store,
            Command::AddFacilitator {
                commune,
                name: name.into(),
                role: role.into(),
            },
        )?;
    }
    Ok(())
}

/// The i-th demo attendee: Ê Đê and Kinh names, every fourth-ish a woman until 34 women.
fn attendee(i: usize) -> PersonFields {
    let woman = i % 8 < 3;
    let kinh = i % 9 == 4;
    let name = match (woman, kinh) {
        (true, true) => KINH_WOMEN[i % KINH_WOMEN.len()].to_string(),
        (false, true) => KINH_MEN[i % KINH_MEN.len()].to_string(),
        (true, false) => format!(
            "H'{} {}",
            WOMEN[i % WOMEN.len()],
            CLANS[(i / 3) % CLANS.len()]
        ),
        (false, false) => format!("Y {} {}", MEN[i % MEN.len()], CLANS[(i / 5) % CLANS.len()]),
    };
    let organisations = match i % 7 {
        0 => vec![Organisation::FarmersUnion],
        1 if woman => vec![Organisation::WomensUnion],
        2 => vec![Organisation::YouthUnion],
        3 => vec![Organisation::FatherlandFront],
        5 => vec![Organisation::VeteransAssociation],
        _ if woman => vec![Organisation::WomensUnion],
        _ => Vec::new(),
    };
    PersonFields {
        name,
        gender: if woman { Gender::Female } else { Gender::Male },
        ethnicity: Some(if kinh { "Kinh" } else { "Ê Đê" }.into()),
        wealth: Some(WealthGroup::ALL[i % 3]),
        organisations,
        trained: i.is_multiple_of(23),
        core_farmer: i.is_multiple_of(6),
    }
}

fn write_meeting1(store: &mut Store, cycle: CycleId, village: VillageId) -> Result<()> {
    let meeting = meeting(store, cycle, MeetingKind::Village1)?;
    let team: Vec<i64> = store
        .facilitators(store.village(village)?.commune_id)?
        .iter()
        .take(3)
        .map(|f| f.id)
        .collect();
    let details = MeetingDetails {
        date: "2026-05-12".into(),
        place: "Nhà văn hoá Buôn Kram".into(),
        chair: attendee(LEADER).name,
        chair_role: Some(ChairRole::BoardHead),
        start_time: "07:30".into(),
        end_time: "11:00".into(),
        announced: crate::domain::meeting::ANNOUNCEMENTS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    run(
        store,
        Command::SaveMeetingRecord {
            meeting,
            details,
            facilitators: team,
        },
    )?;
    let mut ids = Vec::new();
    for i in 0..90 {
        let fields = attendee(i);
        let register = Command::RegisterNew {
            village,
            meeting,
            fields,
        };
        ids.push(PersonId(created(store, register)?));
    }
    run(
        store,
        Command::CloseMeeting {
            meeting,
            reason: None,
        },
    )?;
    for i in working_group_picks() {
        let person = ids[i];
        let elect = Command::SetWgMember {
            cycle,
            person,
            member: true,
        };
        run(store, elect)?;
    }
    let leader = Some(ids[LEADER]);
    run(store, Command::SetWgLeader { cycle, leader })?;
    run(
        store,
        Command::FinaliseWg {
            cycle,
            reason: None,
        },
    )
    .map(drop)
}

/// The board head, who chairs meeting 1 and leads the working group.
const LEADER: usize = 28;

/// Twenty attendees covering every check: women, trained, unions, wealth, Kinh, core farmers.
fn working_group_picks() -> [usize; 20] {
    [
        0, 1, 2, 3, 4, 5, 8, 9, 10, 12, 13, 16, 17, 23, 24, 28, 46, 49, 69, 14,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::attendance::meets_women_threshold;
    use crate::domain::working_group::{check, failed};

    #[test]
    fn demo_meeting1_meets_every_rule() {
        let mut store = Store::open_in_memory().expect("store");
        let cycle = populate(&mut store).expect("demo");
        let meeting = store
            .find_meeting(cycle, MeetingKind::Village1)
            .expect("read")
            .expect("meeting");
        let tally = meeting.closed_tally.expect("closed");
        assert_eq!(tally.total(), 90);
        assert!(meets_women_threshold(tally), "{tally:?}");
        let wg = store.working_group(cycle).expect("wg");
        let attendees = store.attendees(meeting.id).expect("attendees");
        let ethnicities: Vec<String> = attendees
            .iter()
            .filter_map(|a| a.person.ethnicity.clone())
            .collect();
        let findings = check(&wg.members, wg.leader, &ethnicities, wg.range);
        assert!(!failed(&findings), "{findings:#?}");
        assert_eq!(wg.members.len(), 20);
        assert!(wg.is_final());
    }

    #[test]
    fn demo_assessment_is_complete_and_meets_the_subgroup_rules() {
        use crate::domain::pra::Catalogue;
        use crate::workflow::{Step, StepStatus, status};
        let mut store = Store::open_in_memory().expect("store");
        let cycle = populate(&mut store).expect("demo");
        let wg = store.working_group(cycle).expect("wg");
        let groups = store.subgroups(cycle).expect("subgroups");
        let catalogue = Catalogue::builtin().expect("catalogue");
        let selected = store.selected_tools(cycle).expect("tools");
        let findings = crate::domain::subgroup::check(&groups, &wg.members, &catalogue, &selected);
        assert!(!failed(&findings), "{findings:#?}");
        assert!((3..=4).contains(&groups.len()));
        let facts = store.cycle_facts(cycle).expect("facts");
        let a = facts.assessment;
        assert!((6..=8).contains(&a.tools_selected), "{a:?}");
        assert_eq!(a.tools_done, a.tools_selected);
        assert_eq!(a.subgroups_reported, a.subgroups);
        assert!((15..=25).contains(&a.activities), "{a:?}");
        assert_eq!(status(Step::Assessment, &facts), StepStatus::Done);
    }
}
