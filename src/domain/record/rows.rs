//! The row types of a [`super::CycleRecord`], one per table (or per table with its
//! dependent lists).

use serde::{Deserialize, Serialize};

use crate::domain::activity::{ActivityId, ValidActivity};
use crate::domain::annual::{AnnualItemId, Part, Review};
use crate::domain::scoring::{CombinedRow, Criterion, Group, InputMode, Method};
use crate::domain::subgroup::{FindingId, SubGroupId};
use crate::domain::{ChairRole, Gender, MeetingKind, PersonId, Tally};

/// One basic figure of forms 1-2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureRecord {
    /// Figure key (`domain::basic_info::FIGURES`).
    pub key: String,
    /// Value as recorded.
    pub value: String,
    /// Where it came from.
    pub source: String,
    /// Date of the figure, as recorded.
    pub as_of: String,
}

/// A member of the commune's facilitation team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorRecord {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Role or office.
    pub role: String,
}

/// A meeting with its record and register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    /// Identifier.
    pub id: i64,
    /// Which meeting.
    pub kind: MeetingKind,
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
    /// Codes of what the chair announced, in order.
    pub announced: Vec<String>,
    /// Attendance frozen when the meeting was closed; `None` while open.
    pub closed_tally: Option<Tally>,
    /// Reason written when closing below a rule.
    pub override_reason: Option<String>,
    /// Ids of the facilitators present.
    pub facilitators: Vec<i64>,
    /// The register, in order of registration.
    pub register: Vec<RegisterEntry>,
}

impl MeetingRecord {
    /// Attendance: the tally frozen at closing, else counted from the register.
    pub fn tally(&self) -> Tally {
        self.closed_tally.unwrap_or_else(|| {
            let women = self
                .register
                .iter()
                .filter(|r| r.gender == Gender::Female)
                .count() as u32;
            Tally {
                men: self.register.len() as u32 - women,
                women,
            }
        })
    }
}

/// One line of a meeting's register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    /// Order of registration (1-based).
    pub seq: u32,
    /// The person.
    pub person_id: PersonId,
    /// Gender as stated at the meeting.
    pub gender: Gender,
}

/// The working group: settings, members and what was frozen at finalisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingGroupRecord {
    /// Smallest size the checks allow.
    pub size_min: u32,
    /// Largest size the checks allow.
    pub size_max: u32,
    /// The leader.
    pub leader: Option<PersonId>,
    /// Reason written when finalising with failed checks.
    pub override_reason: Option<String>,
    /// Members frozen at finalisation.
    pub closed_members: Option<u32>,
    /// Women frozen at finalisation.
    pub closed_women: Option<u32>,
    /// Trained members frozen at finalisation.
    pub closed_trained: Option<u32>,
    /// Members, in order elected.
    pub members: Vec<PersonId>,
}

/// A sub-group's findings with one PRA tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRecord {
    /// Identifier.
    pub id: FindingId,
    /// The sub-group.
    pub subgroup_id: SubGroupId,
    /// The tool's catalogue code.
    pub tool_code: String,
    /// The findings as typed.
    pub body: String,
    /// Minutes spent.
    pub minutes: u32,
    /// The day, as typed.
    pub day: String,
}

/// Scoring settings of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoringSettingsRecord {
    /// Lowest score.
    pub scale_min: u8,
    /// Highest score.
    pub scale_max: u8,
    /// How the groups' results are combined.
    pub method: Method,
    /// How the men's group entered its result.
    pub men_mode: InputMode,
    /// How the women's group entered its result.
    pub women_mode: InputMode,
    /// The scale is locked (scores were given).
    pub locked: bool,
    /// The plan is frozen (approved).
    pub plan_frozen: bool,
    /// Why the plan was last reopened.
    pub reopen_reason: Option<String>,
}

/// One score of a matrix (form 3 by activity, form 4 by annual item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellScore {
    /// The activity id (form 3) or annual item id (form 4).
    pub row: i64,
    /// The criterion.
    pub criterion: Criterion,
    /// The score.
    pub score: u8,
}

/// One of meeting 2's groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRecord {
    /// Men or women.
    pub group: Group,
    /// People in the group.
    pub members: u32,
    /// Votes each member could place.
    pub votes_each: u32,
    /// The group's recorder.
    pub recorder: String,
}

/// A group's entry for one activity at meeting 2, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteEntry {
    /// The group.
    pub group: Group,
    /// The activity.
    pub activity: ActivityId,
    /// Votes (vote mode).
    pub votes: Option<u32>,
    /// Position (ranking mode).
    pub position: Option<u32>,
}

/// One approved version of the medium-term plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanVersionRecord {
    /// Identifier.
    pub id: i64,
    /// Version number, from 1.
    pub version: u32,
    /// When it was approved (UTC, as stored).
    pub approved_at: String,
    /// How the groups' results were combined.
    pub method: Method,
    /// Why the plan was reopened before this version.
    pub change_reason: Option<String>,
    /// The ranked rows, in order.
    pub rows: Vec<PlanRowRecord>,
}

/// One row of an approved plan: the activity as approved and its ranks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanRowRecord {
    /// Position in the plan (from 0).
    pub seq: u32,
    /// The activity's name when approved.
    pub activity_name: String,
    /// The activity as approved.
    pub activity: ValidActivity,
    /// Points and ranks (`activity` is the activity id).
    pub ranks: CombinedRow,
}

/// An activity selected for an annual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnualItemRecord {
    /// Identifier.
    pub id: AnnualItemId,
    /// The activity.
    pub activity: ActivityId,
    /// Part 1 or part 2.
    pub part: Part,
    /// Why it was added although not in the medium-term plan.
    pub added_reason: Option<String>,
    /// Why a part-2 activity beyond the limit was accepted.
    pub override_reason: Option<String>,
}

/// This cycle's review of one of last year's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewRecord {
    /// Last year's item.
    pub item: AnnualItemId,
    /// The review.
    pub review: Review,
}

/// The approval of the annual plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRecord {
    /// Whether the plan is approved (frozen).
    pub frozen: bool,
    /// Meeting date as typed.
    pub date: String,
    /// Votes for.
    pub votes_for: u32,
    /// Votes against.
    pub votes_against: u32,
    /// Abstentions.
    pub abstain: u32,
    /// When it was approved (UTC, as stored; empty while not approved).
    pub approved_at: String,
    /// Why it was last reopened.
    pub reopen_reason: Option<String>,
    /// The latest approved version (from 1; 0 before the first approval).
    #[serde(default)]
    pub version: u32,
}
