//! The content of the bundles kehoach wrote before the exchange bundle (schemas 1 and 2):
//! a plan snapshot of one cycle. Kept so those files still read
//! ([`crate::export::bundle::inspect`]); nothing writes it any more.

use serde::{Deserialize, Serialize};

use crate::domain::activity::Activity;
use crate::domain::annual::{Part, Review, Spending, YearSummary};
use crate::domain::scoring::{Combined, InputMode};
use crate::domain::{ChairRole, Commune, Cycle, Gender, Organisation, Tally, Village, WealthGroup};

/// Version of the snapshot layout written into the JSON bundle; raise it on any change.
/// Version 2 added the draft and official plans, the annual plan, last year's review and
/// the records of meeting 2 and the approval meeting.
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 2;

/// One cycle of one village as exported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CycleSnapshot {
    /// Layout version ([`SNAPSHOT_SCHEMA_VERSION`] when written by this build).
    pub schema_version: u32,
    /// Whether personal details were left out.
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
    /// The working group's scored matrix (form 3, draft), best first; empty when the cycle
    /// does not make a medium-term plan or nothing was scored.
    #[serde(default)]
    pub draft_plan: Vec<ScoredRow>,
    /// Score range of the matrices (min, max).
    #[serde(default = "default_scale")]
    pub scale: (u8, u8),
    /// Village meeting 2, if it was opened.
    #[serde(default)]
    pub meeting2: Option<MeetingRecord>,
    /// The official medium-term plan (latest approved version), made in this cycle or in
    /// the cycle that started the period.
    #[serde(default)]
    pub official_plan: Option<OfficialPlan>,
    /// The annual plan (form 4), if any activity was selected.
    #[serde(default)]
    pub annual_plan: Option<AnnualPlanRecord>,
    /// This cycle's review of last year's annual plan, if there was one.
    #[serde(default)]
    pub review: Option<ReviewRecord>,
}

fn default_scale() -> (u8, u8) {
    (1, 5)
}

/// One row of a scored matrix (form 3 or form 4) after ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredRow {
    /// The activity (its id for form 3; form 4 rows carry it whole in
    /// [`AnnualPlanRow::activity`]).
    pub activity: i64,
    /// Scores by criterion in column order (`domain::scoring::Criterion::ALL`).
    pub scores: [Option<u8>; 5],
    /// Sum of the scores given.
    pub total: u32,
    /// Competition rank; `None` while a score is missing.
    pub rank: Option<u32>,
    /// Whether another row shares the rank.
    pub tied: bool,
}

/// One group's details at meeting 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRecord {
    /// People in the group.
    pub members: u32,
    /// Votes each member could place (vote mode).
    pub votes_each: u32,
    /// How the result was entered.
    pub mode: InputMode,
    /// The group's recorder.
    pub recorder: String,
}

/// The official medium-term plan as approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialPlan {
    /// Year of the cycle that made it (differs from the snapshot's year when carried over).
    pub made_in_year: i32,
    /// Approved version number.
    pub version: u32,
    /// When it was approved (UTC, ISO 8601).
    pub approved_at: String,
    /// Why the plan was reopened before this version.
    pub change_reason: Option<String>,
    /// The men's group.
    pub men: GroupRecord,
    /// The women's group.
    pub women: GroupRecord,
    /// The combined ranking as approved, with men's, women's and draft ranks.
    pub combined: Combined,
    /// The activities as approved, in the ranking's order.
    pub activities: Vec<Activity>,
}

/// One activity of the annual plan with its form-4 scoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualPlanRow {
    /// The activity.
    pub activity: Activity,
    /// Part 1 (village's own means) or part 2 (asks the commune or district).
    pub part: Part,
    /// Why it was added although not in the medium-term plan.
    pub added_reason: Option<String>,
    /// Why a part-2 activity beyond two was accepted.
    pub override_reason: Option<String>,
    /// Its form-4 scores and its rank within its part (`activity` is the annual item's id).
    pub scoring: ScoredRow,
}

/// The village meeting's approval of the annual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRecord {
    /// Meeting date as typed.
    pub date: String,
    /// Votes for.
    pub votes_for: u32,
    /// Votes against.
    pub votes_against: u32,
    /// Abstentions.
    pub abstain: u32,
    /// When it was recorded (UTC, ISO 8601).
    pub approved_at: String,
}

/// The annual plan (form 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnualPlanRecord {
    /// Items by part, then form-4 rank (unranked last).
    pub rows: Vec<AnnualPlanRow>,
    /// The approval meeting's record, if it was opened.
    pub meeting: Option<MeetingRecord>,
    /// The approval vote, once approved.
    pub approval: Option<ApprovalRecord>,
}

impl AnnualPlanRecord {
    /// The rows of one part, in order.
    pub fn part(&self, part: Part) -> impl Iterator<Item = &AnnualPlanRow> {
        self.rows.iter().filter(move |r| r.part == part)
    }
}

/// One of last year's activities with this year's review of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewedRow {
    /// The activity as planned last year.
    pub activity: Activity,
    /// Its part in last year's plan.
    pub part: Part,
    /// The review, `None` while not reviewed.
    pub review: Option<Review>,
}

/// The review of last year's annual plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// The year reviewed.
    pub year: i32,
    /// Last year's activities, in the order they were selected.
    pub rows: Vec<ReviewedRow>,
    /// Spending totals by source.
    pub totals: Spending,
    /// The year's general review.
    pub summary: YearSummary,
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
