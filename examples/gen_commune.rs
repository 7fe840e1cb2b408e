//! Writes a large commune database for the benchmark (issue 8, item 4), through the public
//! store API only: 15 villages x 10 yearly cycles (2017-2026), a register of 140 people per
//! village, ~100 attendees at one meeting per cycle (village meeting 1 in the three years
//! that start a medium-term plan, the annual-approval meeting in the others), a 10-member
//! working group elected in each past plan year, and 40 proposed activities per cycle.
//! The newest cycle (2026) starts a medium-term plan and its meeting 1 is still open.
//!
//! ```text
//! cargo run --release --example gen_commune -- target/bench/commune.db
//! ```
//!
//! Every store call is its own durable transaction, so the file is first written on a
//! RAM disk (`/dev/shm` when there is one) and then copied to its destination.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kehoach::domain::activity::{Category, Contribution, Sector, ValidActivity};
use kehoach::domain::{
    Gender, MeetingKind, NewCycle, Organisation, PersonFields, PersonId, VillageKind, WealthGroup,
};
use kehoach::store::{Store, StoreError};

/// Villages in the commune.
pub const VILLAGES: usize = 15;
/// Yearly cycles per village.
pub const YEARS: i32 = 10;
/// First plan year.
pub const FIRST_YEAR: i32 = 2017;
/// People in each village's register.
pub const PEOPLE_PER_VILLAGE: usize = 140;
/// Attendees at village meeting 1 (varies by ±10 around this).
pub const ATTENDEES: usize = 100;
/// Proposed activities per cycle.
pub const ACTIVITIES: usize = 40;
/// Working-group members elected in each past cycle.
pub const WG_MEMBERS: usize = 10;

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Villages.
    pub villages: usize,
    /// Cycles.
    pub cycles: usize,
    /// People registered.
    pub people: usize,
    /// Attendance rows.
    pub attendance: usize,
    /// Working-group memberships.
    pub wg_members: usize,
    /// Activities.
    pub activities: usize,
    /// Store calls (each one transaction).
    pub transactions: usize,
    /// Time spent writing.
    pub elapsed: Duration,
    /// Size of the finished file in bytes.
    pub bytes: u64,
}

const FAMILY: [&str; 12] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Y", "H'", "Niê", "Ksor", "Êban", "Mlô", "Byă", "Hoàng",
];
const MIDDLE: [&str; 6] = ["Thị", "Văn", "Đức", "Ngọc", "Hữu", "Minh"];
const GIVEN: [&str; 14] = [
    "Hường", "Đào", "Bích", "Nhung", "Ngọc", "Hồng", "Xuân", "Điểu", "Blăk", "Duyên", "Thắng",
    "Khoa", "Hùng", "Ưng",
];
const ETHNIC: [&str; 4] = ["Ê Đê", "Kinh", "M'nông", "Gia Rai"];
const ACTIVITY: [&str; 8] = [
    "Tập huấn kỹ thuật trồng cà phê",
    "Làm đường bê tông liên thôn",
    "Hỗ trợ giống bò sinh sản",
    "Kiên cố hóa kênh mương nội đồng",
    "Xây bể nước sạch",
    "Lớp xóa mù chữ cho phụ nữ",
    "Trồng rừng phòng hộ",
    "Tổ tiết kiệm và vay vốn",
];

/// A tiny deterministic generator, so every run writes the same database.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }

    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.next() % options.len()]
    }
}

fn person(rng: &mut Rng, i: usize) -> PersonFields {
    let gender = if rng.next() % 100 < 46 {
        Gender::Female
    } else {
        Gender::Male
    };
    let name = format!(
        "{} {} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN),
        i + 1
    );
    let organisations = match (gender, rng.next() % 3) {
        (Gender::Female, 0) => vec![Organisation::WomensUnion],
        (_, 1) => vec![Organisation::FarmersUnion],
        _ => Vec::new(),
    };
    PersonFields {
        name,
        gender,
        ethnicity: Some(rng.pick(&ETHNIC).to_string()),
        wealth: Some(WealthGroup::ALL[rng.next() % 3]),
        organisations,
        trained: rng.next().is_multiple_of(4),
        core_farmer: rng.next().is_multiple_of(5),
    }
}

fn activity(rng: &mut Rng, i: usize, year: i32) -> ValidActivity {
    let with_plan = !i.is_multiple_of(3);
    ValidActivity {
        name: format!("{} ({})", rng.pick(&ACTIVITY), i + 1),
        sector: Sector::ALL[rng.next() % Sector::ALL.len()],
        category: Category::ALL[rng.next() % Category::ALL.len()],
        quantity: with_plan.then_some((rng.next() % 50 + 1) as f64),
        unit: if with_plan {
            "lớp".into()
        } else {
            String::new()
        },
        time: if with_plan {
            format!("Quý {}/{year}", rng.next() % 4 + 1)
        } else {
            String::new()
        },
        location: if with_plan {
            "Nhà văn hóa buôn".into()
        } else {
            String::new()
        },
        responsible: if with_plan {
            "Trưởng buôn".into()
        } else {
            String::new()
        },
        contribution: Contribution {
            land_m2: 0,
            money_vnd: (rng.next() % 20) as u64 * 100_000,
            labour_days: (rng.next() % 10) as f64 * 0.5,
            materials: "cát, đá".into(),
        },
        estimated_cost_vnd: Some((rng.next() % 500 + 10) as u64 * 1_000_000),
        proposed_by_women: rng.next().is_multiple_of(3),
        subgroup_id: None,
        tool_code: None,
    }
}

/// Writes the whole commune into a new database at `path` (which must not exist).
pub fn generate_at(path: &Path) -> Result<Stats, StoreError> {
    let start = Instant::now();
    let mut store = Store::open(path)?;
    let mut rng = Rng(0x2134_dac1_a4ee_5eed);
    let mut s = Stats::default();
    let commune = store.create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")?;
    s.transactions += 1;
    for v in 0..VILLAGES {
        let (name, kind) = if v % 2 == 0 {
            (
                format!(
                    "Buôn {}",
                    ["Kram", "Ea Bông", "Jù", "Hra", "Kô Êmông"][v % 5]
                ),
                VillageKind::Buon,
            )
        } else {
            (format!("Thôn {}", v + 1), VillageKind::Thon)
        };
        let village = store.create_village(commune.id, &format!("{name} {}", v + 1), kind)?;
        s.villages += 1;
        s.transactions += 1;
        let mut people: Vec<(PersonId, Gender)> = Vec::with_capacity(PEOPLE_PER_VILLAGE);
        for i in 0..PEOPLE_PER_VILLAGE {
            let p = store.create_person(village.id, &person(&mut rng, i))?;
            people.push((p.id, p.gender));
        }
        s.people += people.len();
        s.transactions += people.len();
        for y in 0..YEARS {
            let year = FIRST_YEAR + y;
            // Medium-term periods 2017-2020, 2021-2025 and 2026-2030: meeting 1 and the
            // working-group election happen in 2017, 2021 and 2026; the other years hold
            // the annual-approval meeting.
            let cycle = store.create_cycle(&NewCycle {
                village_id: village.id,
                year,
                medium_term_span: if year == FIRST_YEAR { 4 } else { 5 },
            })?;
            s.cycles += 1;
            s.transactions += 1;
            let plan_year = cycle.makes_medium_term_plan();
            let kind = if plan_year {
                MeetingKind::Village1
            } else {
                MeetingKind::AnnualApproval
            };
            let meeting = store.meeting(cycle.id, kind)?;
            s.transactions += 1;
            let count = ATTENDEES - 10 + rng.next() % 21;
            let offset = rng.next() % PEOPLE_PER_VILLAGE;
            let attendees: Vec<_> = (0..count)
                .map(|k| people[(offset + k) % PEOPLE_PER_VILLAGE])
                .collect();
            for (id, gender) in &attendees {
                store.add_attendee(meeting.id, *id, *gender)?;
            }
            s.attendance += attendees.len();
            s.transactions += attendees.len();
            for i in 0..ACTIVITIES {
                store.add_activity(cycle.id, &activity(&mut rng, i, year))?;
            }
            s.activities += ACTIVITIES;
            s.transactions += ACTIVITIES;
            // The newest cycle is the one being worked on: its meeting stays open.
            if y + 1 == YEARS {
                continue;
            }
            store.close_meeting(meeting.id, Some("benchmark data"))?;
            s.transactions += 1;
            if plan_year {
                // Half women, as the procedure asks.
                let (women, men): (Vec<_>, Vec<_>) =
                    attendees.iter().partition(|(_, g)| *g == Gender::Female);
                let members: Vec<PersonId> = women
                    .iter()
                    .take(WG_MEMBERS / 2)
                    .chain(men.iter().take(WG_MEMBERS / 2))
                    .map(|(id, _)| *id)
                    .collect();
                for id in &members {
                    store.set_wg_member(cycle.id, *id, true)?;
                }
                store.set_wg_leader(cycle.id, members.first().copied())?;
                store.finalise_wg(cycle.id, Some("benchmark data"))?;
                s.wg_members += members.len();
                s.transactions += members.len() + 2;
            }
        }
    }
    assert!(
        store.integrity_ok()?,
        "generated database fails integrity_check"
    );
    drop(store);
    s.elapsed = start.elapsed();
    s.bytes = std::fs::metadata(path)?.len();
    Ok(s)
}

/// A scratch folder on a RAM disk if there is one (fsync is free there), else the system
/// temporary folder.
fn scratch_dir() -> PathBuf {
    let shm = Path::new("/dev/shm");
    let base = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    base.join(format!("kehoach-gen-{}", std::process::id()))
}

/// Writes the commune to `dest`, replacing any file there.
pub fn generate(dest: &Path) -> Result<Stats, StoreError> {
    let dir = scratch_dir();
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join("commune.db");
    let result = generate_at(&tmp).and_then(|stats| {
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        for suffix in ["", "-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", dest.display()));
        }
        std::fs::copy(&tmp, dest)?;
        Ok(stats)
    });
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Prints what was written.
pub fn describe(s: &Stats) -> String {
    format!(
        "{} villages, {} cycles, {} people, {} attendance rows, {} working-group members, \
         {} activities; {} transactions in {:.1} s; {:.1} MB",
        s.villages,
        s.cycles,
        s.people,
        s.attendance,
        s.wg_members,
        s.activities,
        s.transactions,
        s.elapsed.as_secs_f64(),
        s.bytes as f64 / 1e6
    )
}

#[allow(dead_code)]
fn main() {
    let dest = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/bench/commune.db"));
    match generate(&dest) {
        Ok(stats) => println!("{}: {}", dest.display(), describe(&stats)),
        Err(e) => {
            eprintln!("gen_commune: {e}");
            std::process::exit(1);
        }
    }
}
