//! Village meetings: kind, date, chair, and the attendance tally as it stood at closing.

use serde::{Deserialize, Serialize};

use super::CycleId;

/// Database identifier of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MeetingId(pub i64);

/// Which meeting of the cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingKind {
    /// Village meeting 1: elects the working group.
    Village1,
    /// Working-group meeting: scores the draft plan.
    WorkingGroup,
    /// Village meeting 2: men's and women's scoring.
    Village2,
    /// Village meeting approving the annual plan.
    AnnualApproval,
}

impl MeetingKind {
    /// All kinds in procedure order.
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Village1,
        MeetingKind::WorkingGroup,
        MeetingKind::Village2,
        MeetingKind::AnnualApproval,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            MeetingKind::Village1 => "village1",
            MeetingKind::WorkingGroup => "working_group",
            MeetingKind::Village2 => "village2",
            MeetingKind::AnnualApproval => "annual_approval",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Who chaired the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChairRole {
    /// Head of the village self-management board (trưởng ban).
    BoardHead,
    /// Deputy head, when the head is absent (phó ban).
    BoardDeputy,
    /// Working-group leader (working-group meeting).
    WorkingGroupLeader,
}

impl ChairRole {
    /// All roles.
    pub const ALL: [ChairRole; 3] = [
        ChairRole::BoardHead,
        ChairRole::BoardDeputy,
        ChairRole::WorkingGroupLeader,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            ChairRole::BoardHead => "board_head",
            ChairRole::BoardDeputy => "board_deputy",
            ChairRole::WorkingGroupLeader => "wg_leader",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Attendance counted by gender. Stored as it was when the meeting closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Men present.
    pub men: u32,
    /// Women present.
    pub women: u32,
}

impl Tally {
    /// Everyone present.
    pub fn total(&self) -> u32 {
        self.men + self.women
    }
}

/// A meeting record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Identifier.
    pub id: MeetingId,
    /// Cycle it belongs to.
    pub cycle_id: CycleId,
    /// Which meeting.
    pub kind: MeetingKind,
    /// Date as ISO text (YYYY-MM-DD), empty if not set.
    pub date: String,
    /// Place.
    pub place: String,
    /// Chair's name.
    pub chair: String,
    /// Chair's role.
    pub chair_role: Option<ChairRole>,
    /// Tally frozen at closing; `None` while the meeting is open.
    pub closed_tally: Option<Tally>,
    /// Reason written when closing below a rule (e.g. under 30% women).
    pub override_reason: Option<String>,
}

impl Meeting {
    /// Whether the meeting has been closed.
    pub fn is_closed(&self) -> bool {
        self.closed_tally.is_some()
    }
}
