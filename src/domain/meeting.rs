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

/// What the chair announces at village meeting 1 (the procedure's content item 1).
pub const ANNOUNCEMENTS: [&str; 4] = ["purpose", "content", "requirements", "timeline"];

/// A date or time that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadDateTime;

/// Parses a date typed as `YYYY-MM-DD` or `DD/MM/YYYY` (or `D/M/YYYY`) into ISO form;
/// empty stays empty.
pub fn parse_date(text: &str) -> Result<String, BadDateTime> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .or_else(|_| chrono::NaiveDate::parse_from_str(text, "%d-%m-%Y"))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| BadDateTime)
}

/// Shows an ISO date as the facilitator types it, `dd/mm/yyyy` (anything else unchanged).
pub fn display_date(iso: &str) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

/// Parses a time typed as `8:30`, `08:30`, `8h30` or `8h` into `HH:MM`; empty stays empty.
pub fn parse_time(text: &str) -> Result<String, BadDateTime> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Ok(String::new());
    }
    let (h, m) = text.split_once([':', 'h']).unwrap_or((text.as_str(), "0"));
    let m = if m.is_empty() { "0" } else { m };
    match (h.parse::<u32>(), m.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok(format!("{h:02}:{m:02}")),
        _ => Err(BadDateTime),
    }
}

/// Whether a meeting's end time is not before its start (both `HH:MM`, as [`parse_time`]
/// gives them); an empty time passes, as nothing is known yet.
pub fn times_in_order(start: &str, end: &str) -> bool {
    start.is_empty() || end.is_empty() || start <= end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_end_before_the_start_is_out_of_order() {
        let (start, end) = (parse_time("11h30").unwrap_or_default(), parse_time("8h"));
        assert!(!times_in_order(&start, &end.unwrap_or_default()));
        assert!(times_in_order("08:00", "11:30"));
        assert!(times_in_order("08:00", "08:00"));
        assert!(times_in_order("", "08:00") && times_in_order("08:00", ""));
    }

    #[test]
    fn dates_in_vietnamese_and_iso_form() {
        assert_eq!(parse_date("12/05/2026"), Ok("2026-05-12".into()));
        assert_eq!(parse_date("2026-05-12"), Ok("2026-05-12".into()));
        assert_eq!(parse_date("31/02/2026"), Err(BadDateTime));
        assert_eq!(parse_date(""), Ok(String::new()));
    }

    #[test]
    fn dates_are_shown_as_typed() {
        assert_eq!(display_date("2026-05-12"), "12/05/2026");
        assert_eq!(display_date(""), "");
        assert_eq!(
            parse_date(&display_date("2026-05-12")),
            Ok("2026-05-12".into())
        );
    }

    #[test]
    fn times_with_h_or_colon() {
        assert_eq!(parse_time("8h30"), Ok("08:30".into()));
        assert_eq!(parse_time("8h"), Ok("08:00".into()));
        assert_eq!(parse_time("13:05"), Ok("13:05".into()));
        assert_eq!(parse_time("25:00"), Err(BadDateTime));
        assert_eq!(parse_time("ab"), Err(BadDateTime));
    }
}
