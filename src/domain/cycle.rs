//! Planning cycles: one village, one year; a medium-term plan (3-5 years) and an annual plan.

use serde::{Deserialize, Serialize};

use super::VillageId;

/// Database identifier of a planning cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CycleId(pub i64);

/// Shortest and longest medium-term period the procedure allows, in years.
pub const MEDIUM_TERM_SPAN: std::ops::RangeInclusive<u8> = 3..=5;

/// A village's planning cycle for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    /// Identifier.
    pub id: CycleId,
    /// The village planning.
    pub village_id: VillageId,
    /// The plan year (the annual plan is for this year).
    pub year: i32,
    /// First year of the medium-term plan this cycle serves.
    pub medium_term_start: i32,
    /// Length of the medium-term period in years (3-5).
    pub medium_term_span: u8,
    /// Whether the cycle is closed (read-only).
    pub closed: bool,
}

impl Cycle {
    /// Whether this cycle makes a new medium-term plan (its year starts the period).
    pub fn makes_medium_term_plan(&self) -> bool {
        self.year == self.medium_term_start
    }

    /// Last year covered by the medium-term plan.
    pub fn medium_term_end(&self) -> i32 {
        self.medium_term_start + i32::from(self.medium_term_span) - 1
    }
}

/// Counts and flags about one cycle, read in one go for the cycle screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CycleFacts {
    /// Whether this cycle makes a new medium-term plan (otherwise it carries one over).
    pub makes_medium_term_plan: bool,
    /// People registered at village meeting 1.
    pub meeting1_attendees: u32,
    /// Women among them.
    pub meeting1_women: u32,
    /// Whether meeting 1 is closed.
    pub meeting1_closed: bool,
    /// Whether meeting 1 was closed with a written override reason.
    pub meeting1_override: bool,
    /// Working-group members elected.
    pub wg_members: u32,
    /// Whether the election is finalised.
    pub wg_final: bool,
    /// Whether it was finalised with failed checks (a reason was written).
    pub wg_override: bool,
    /// Basic-information figures recorded for the village.
    pub figures: u32,
    /// Members of the commune facilitation team.
    pub facilitators: u32,
    /// The situation assessment's progress.
    pub assessment: AssessmentProgress,
    /// Activities with a score on every criterion of the working-group matrix.
    pub activities_scored: u32,
    /// Activities with at least one score.
    pub activities_touched: u32,
    /// Village meeting 2's progress.
    pub meeting2: Meeting2Progress,
    /// The annual plan's progress (review of last year, selection, approval).
    pub annual: AnnualProgress,
    /// What was recorded after the annual plan (assignment, evaluations).
    pub after: AfterPlanProgress,
}

/// Counts about what happened after a cycle's annual plan, for its step status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AfterPlanProgress {
    /// Items the commune assigned (funded or not).
    pub assigned: u32,
    /// Items assigned and funded.
    pub funded: u32,
    /// Items with their year-end evaluation.
    pub evaluated: u32,
}

/// Counts about a cycle's annual plan, for its step status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnnualProgress {
    /// Activities in part 1 (the village's own money and labour).
    pub part_one: u32,
    /// Activities in part 2 (asking commune or district budget).
    pub part_two: u32,
    /// Items of last year's plan this cycle has reviewed.
    pub reviews: u32,
    /// Items of last year's annual plan (to review; 0 in a village's first year).
    pub last_year_items: u32,
    /// Whether the annual plan is approved and frozen.
    pub approved: bool,
}

/// Facts about village meeting 2, for its step status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meeting2Progress {
    /// People registered at meeting 2.
    pub attendees: u32,
    /// Women among them.
    pub women: u32,
    /// Whether meeting 2 is closed.
    pub closed: bool,
    /// Whether it was closed with a written override reason (under 30% women).
    pub overridden: bool,
    /// Whether any group result is entered (the scoring settings are locked).
    pub scored: bool,
    /// Whether the official medium-term plan is approved and frozen.
    pub plan_approved: bool,
}

/// Counts about a cycle's situation assessment, for its step status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssessmentProgress {
    /// PRA tools selected for the cycle.
    pub tools_selected: u32,
    /// Selected tools with at least one finding.
    pub tools_done: u32,
    /// Sub-groups.
    pub subgroups: u32,
    /// Sub-groups with at least one finding.
    pub subgroups_reported: u32,
    /// Proposed activities (merged duplicates not counted).
    pub activities: u32,
    /// Time taken: the longest sub-group's total minutes (sub-groups work side by side).
    pub minutes_used: u32,
    /// Whether the sub-group rules (`subgroup::check`) are all met.
    pub rules_met: bool,
}

/// What the facilitator typed to create a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCycle {
    /// Village.
    pub village_id: VillageId,
    /// Plan year.
    pub year: i32,
    /// Medium-term span in years.
    pub medium_term_span: u8,
}

/// Why a year or span cannot be used for a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleInputError {
    /// Year outside 2000-2100.
    YearOutOfRange,
    /// Span outside 3-5 years.
    SpanOutOfRange,
}

/// Parses a year typed by the facilitator (2000-2100).
pub fn parse_year(text: &str) -> Result<i32, CycleInputError> {
    match text.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Ok(y),
        _ => Err(CycleInputError::YearOutOfRange),
    }
}

/// Parses a medium-term span typed by the facilitator (3-5).
pub fn parse_span(text: &str) -> Result<u8, CycleInputError> {
    match text.trim().parse::<u8>() {
        Ok(s) if MEDIUM_TERM_SPAN.contains(&s) => Ok(s),
        _ => Err(CycleInputError::SpanOutOfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_and_span_are_bounded() {
        assert_eq!(parse_year(" 2026 "), Ok(2026));
        assert_eq!(parse_year("1999"), Err(CycleInputError::YearOutOfRange));
        assert_eq!(parse_year("20x6"), Err(CycleInputError::YearOutOfRange));
        assert_eq!(parse_span("3"), Ok(3));
        assert_eq!(parse_span("5"), Ok(5));
        assert_eq!(parse_span("6"), Err(CycleInputError::SpanOutOfRange));
        assert_eq!(parse_span("-1"), Err(CycleInputError::SpanOutOfRange));
    }

    #[test]
    fn medium_term_period() {
        let c = Cycle {
            id: CycleId(1),
            village_id: VillageId(1),
            year: 2027,
            medium_term_start: 2026,
            medium_term_span: 5,
            closed: false,
        };
        assert!(!c.makes_medium_term_plan());
        assert_eq!(c.medium_term_end(), 2030);
    }
}
