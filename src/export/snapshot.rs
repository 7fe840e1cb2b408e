//! A plan snapshot: everything one cycle of one village has recorded, as plain data the
//! export formats read. The store builds it (`Store::cycle_snapshot`); exports never read
//! the database.

use serde::{Deserialize, Serialize};

use crate::domain::activity::Activity;
use crate::domain::{ChairRole, Commune, Cycle, Gender, Organisation, Tally, Village, WealthGroup};

/// Version of the snapshot layout written into the JSON bundle; raise it on any change.
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 1;

/// One cycle of one village as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleSnapshot {
    /// Layout version ([`SNAPSHOT_SCHEMA_VERSION`] when written by this build).
    pub schema_version: u32,
    /// Whether personal details were left out ([`CycleSnapshot::without_personal_details`]).
    pub private: bool,
    /// The commune.
    pub commune: Commune,
    /// The village.
    pub village: Village,
    /// The cycle.
    pub cycle: Cycle,
    /// Basic figures of forms 1-2, with source and date.
    pub figures: Vec<FigureRow>,
    /// The commune's facilitation team.
    pub facilitators: Vec<FacilitatorRow>,
    /// Village meeting 1, if it was opened.
    pub meeting1: Option<MeetingRecord>,
    /// The register of meeting 1, in order of registration.
    pub attendees: Vec<AttendeeRow>,
    /// Counts over the register (kept when personal details are left out).
    pub attendance_counts: AttendanceCounts,
    /// The working group elected at meeting 1.
    pub working_group: WorkingGroupRecord,
    /// Proposed activities (duplicates merged into others not counted), in order proposed.
    pub activities: Vec<Activity>,
}

/// One basic-information figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRow {
    /// Figure key (`domain::basic_info::FIGURES`, label `figure.<key>`).
    pub key: String,
    /// Value as recorded.
    pub value: String,
    /// Where it came from.
    pub source: String,
    /// Date of the figure.
    pub as_of: String,
}

/// A member of the facilitation team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorRow {
    /// Name.
    pub name: String,
    /// Role or office.
    pub role: String,
}

/// The record of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    /// Date, YYYY-MM-DD (empty if not set).
    pub date: String,
    /// Place.
    pub place: String,
    /// Chair's name.
    pub chair: String,
    /// Chair's role.
    pub chair_role: Option<ChairRole>,
    /// Start time, HH:MM.
    pub start_time: String,
    /// End time, HH:MM.
    pub end_time: String,
    /// Codes of what the chair announced (`domain::meeting::ANNOUNCEMENTS`).
    pub announced: Vec<String>,
    /// Facilitation-team members present (names).
    pub facilitators_present: Vec<String>,
    /// Attendance by gender: frozen at closing, or live while the meeting is open.
    pub tally: Tally,
    /// Whether `tally` is the tally frozen at closing.
    pub closed: bool,
    /// Reason written when closing below a rule.
    pub override_reason: Option<String>,
}

/// One line of the attendance register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    /// Order of registration (1-based).
    pub seq: u32,
    /// Name; `None` when personal details are left out.
    pub name: Option<String>,
    /// Gender as stated at the meeting.
    pub gender: Gender,
    /// Ethnicity; `None` when unknown or left out.
    pub ethnicity: Option<String>,
    /// Wealth group; `None` when unknown or left out.
    pub wealth: Option<WealthGroup>,
    /// Mass-organisation memberships.
    pub organisations: Vec<Organisation>,
    /// Trained in planning.
    pub trained: bool,
}

/// Counts over the register that survive the privacy option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceCounts {
    /// People registered.
    pub registered: u32,
    /// Men and women as stated at the meeting.
    pub by_gender: Tally,
    /// People per ethnicity (unknown not counted), by name.
    pub by_ethnicity: Vec<(String, u32)>,
    /// People per wealth group: rich, medium, poor, unknown.
    pub by_wealth: [u32; 4],
    /// People trained in planning.
    pub trained: u32,
}

impl AttendanceCounts {
    /// Counts a register.
    pub fn of(rows: &[AttendeeRow]) -> Self {
        let mut counts = AttendanceCounts {
            registered: rows.len() as u32,
            ..Default::default()
        };
        let mut ethnicities = std::collections::BTreeMap::<String, u32>::new();
        for r in rows {
            match r.gender {
                Gender::Male => counts.by_gender.men += 1,
                Gender::Female => counts.by_gender.women += 1,
            }
            if let Some(e) = &r.ethnicity {
                *ethnicities.entry(e.clone()).or_default() += 1;
            }
            let w = match r.wealth {
                Some(WealthGroup::Rich) => 0,
                Some(WealthGroup::Medium) => 1,
                Some(WealthGroup::Poor) => 2,
                None => 3,
            };
            counts.by_wealth[w] += 1;
            counts.trained += u32::from(r.trained);
        }
        counts.by_ethnicity = ethnicities.into_iter().collect();
        counts
    }
}

/// A working-group member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    /// Name (an elected office: kept under the privacy option).
    pub name: String,
    /// Gender.
    pub gender: Gender,
    /// Ethnicity; `None` when unknown or left out.
    pub ethnicity: Option<String>,
    /// Wealth group; `None` when unknown or left out.
    pub wealth: Option<WealthGroup>,
    /// Mass-organisation memberships.
    pub organisations: Vec<Organisation>,
    /// Trained in planning.
    pub trained: bool,
    /// A core farmer.
    pub core_farmer: bool,
    /// The group's leader.
    pub leader: bool,
}

/// Composition frozen when the election was finalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composition {
    /// Members.
    pub members: u32,
    /// Women among them.
    pub women: u32,
    /// Trained among them.
    pub trained: u32,
}

/// The working group as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupRecord {
    /// Members, by name.
    pub members: Vec<MemberRow>,
    /// Size range the checks used (min, max).
    pub size_range: (u32, u32),
    /// Composition frozen at finalisation; `None` while the election is open.
    pub frozen: Option<Composition>,
    /// Reason written when finalising with failed checks.
    pub override_reason: Option<String>,
}

impl WorkingGroupRecord {
    /// The leader's name, if one was chosen.
    pub fn leader(&self) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.leader)
            .map(|m| m.name.as_str())
    }
}

impl CycleSnapshot {
    /// The same snapshot without attendees' names, ethnicity and wealth group (nor the
    /// ethnicity and wealth of working-group members); every count is kept.
    pub fn without_personal_details(&self) -> CycleSnapshot {
        let mut s = self.clone();
        s.private = true;
        for a in &mut s.attendees {
            a.name = None;
            a.ethnicity = None;
            a.wealth = None;
        }
        for m in &mut s.working_group.members {
            m.ethnicity = None;
            m.wealth = None;
        }
        s
    }

    /// Women's share of meeting 1 in percent (0 when nobody came or no meeting).
    pub fn meeting1_women_percent(&self) -> f64 {
        self.meeting1
            .as_ref()
            .map(|m| crate::domain::attendance::women_share(m.tally))
            .unwrap_or(0.0)
    }
}
