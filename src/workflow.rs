//! The cycle's steps in procedure order and each step's status, derived from stored facts.
//!
//! Owns: the step list, `status`, and `can_enter` with a translatable reason. Must not:
//! know which screen is open, read the database itself, or render.

use crate::domain::CycleFacts;
use crate::domain::Tally;
use crate::domain::attendance::meets_women_threshold;
use crate::domain::cycle::AssessmentProgress;

/// One step of a village planning cycle, in the order the procedure runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Phase 1: basic information, facilitation team, trained representatives.
    Preparation,
    /// Village meeting 1: attendance, working-group election.
    Meeting1,
    /// Situation assessment with the PRA tools (at most 2 days).
    Assessment,
    /// Working-group meeting: scoring into the draft plan (form 3).
    WorkingGroupMeeting,
    /// Village meeting 2: men's and women's scoring, official medium-term plan.
    Meeting2,
    /// Annual plan: review, selection into parts 1 and 2, form 4, approval.
    AnnualPlan,
    /// Exporting the plan for the commune.
    Export,
    /// Phases 3-5: the commune's assignment, implementation, disclosure, evaluations.
    AfterPlan,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 8] = [
        Step::Preparation,
        Step::Meeting1,
        Step::Assessment,
        Step::WorkingGroupMeeting,
        Step::Meeting2,
        Step::AnnualPlan,
        Step::Export,
        Step::AfterPlan,
    ];

    /// i18n key of the step's name (`step.<code>`) and help (`help.step.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Step::Preparation => "preparation",
            Step::Meeting1 => "meeting1",
            Step::Assessment => "assessment",
            Step::WorkingGroupMeeting => "wg_meeting",
            Step::Meeting2 => "meeting2",
            Step::AnnualPlan => "annual",
            Step::Export => "export",
            Step::AfterPlan => "after_plan",
        }
    }

    /// Whether the step belongs to making a medium-term plan (skipped in carry-over years).
    pub fn is_medium_term(self) -> bool {
        matches!(
            self,
            Step::Meeting1 | Step::Assessment | Step::WorkingGroupMeeting | Step::Meeting2
        )
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<Step> {
        let i = Step::ALL.iter().position(|s| *s == self)?;
        Step::ALL.get(i + 1).copied()
    }

    /// The step before this one, if any.
    pub fn prev(self) -> Option<Step> {
        let i = Step::ALL.iter().position(|s| *s == self)?;
        i.checked_sub(1).and_then(|j| Step::ALL.get(j).copied())
    }
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Nothing recorded yet.
    NotStarted,
    /// Some facts recorded, not finished.
    InProgress,
    /// Finished within the procedure's rules.
    Done,
    /// Recorded, but a rule is not met (e.g. under 30% women).
    Warning,
    /// Not made this year: the medium-term plan is carried over from an earlier cycle.
    CarriedOver,
}

impl StepStatus {
    /// i18n key of the status label.
    pub fn key(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "status.not_started",
            StepStatus::InProgress => "status.in_progress",
            StepStatus::Done => "status.done",
            StepStatus::Warning => "status.warning",
            StepStatus::CarriedOver => "status.carried_over",
        }
    }
}

pub use crate::domain::subgroup::{ASSESSMENT_LIMIT_MINUTES, assessment_elapsed};

/// Why a step cannot be opened yet, as an i18n key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocker(pub &'static str);

/// The status of `step` given the cycle's stored facts.
pub fn status(step: Step, facts: &CycleFacts) -> StepStatus {
    if step.is_medium_term() && !facts.makes_medium_term_plan {
        return StepStatus::CarriedOver;
    }
    match step {
        Step::Preparation => preparation_status(facts),
        Step::Meeting1 => meeting1_status(facts),
        Step::Assessment => assessment_status(&facts.assessment),
        Step::Meeting2 => meeting2_status(&facts.meeting2),
        Step::AnnualPlan => annual_status(&facts.annual),
        Step::WorkingGroupMeeting => scoring_status(facts),
        Step::AfterPlan => after_plan_status(&facts.after),
        Step::Export => StepStatus::NotStarted,
    }
}

/// Done once every funded activity has its year-end evaluation.
fn after_plan_status(a: &crate::domain::cycle::AfterPlanProgress) -> StepStatus {
    match (a.assigned, a.funded) {
        (0, _) => StepStatus::NotStarted,
        (_, f) if f > 0 && a.evaluated >= f => StepStatus::Done,
        _ => StepStatus::InProgress,
    }
}

/// Done once every proposed activity has all five scores.
fn scoring_status(facts: &CycleFacts) -> StepStatus {
    let activities = facts.assessment.activities;
    match (facts.activities_touched, facts.activities_scored) {
        (0, _) => StepStatus::NotStarted,
        (_, done) if activities > 0 && done >= activities => StepStatus::Done,
        _ => StepStatus::InProgress,
    }
}

/// Done once approved; a warning when approved with more than 2 part-2 activities.
fn annual_status(a: &crate::domain::cycle::AnnualProgress) -> StepStatus {
    let started = a.part_one + a.part_two + a.reviews > 0;
    match (a.approved, started) {
        (true, _) if a.part_two > crate::domain::annual::MAX_PART_TWO as u32 => StepStatus::Warning,
        (true, _) => StepStatus::Done,
        (false, true) => StepStatus::InProgress,
        (false, false) => StepStatus::NotStarted,
    }
}

fn preparation_status(facts: &CycleFacts) -> StepStatus {
    match (facts.figures, facts.facilitators) {
        (0, 0) => StepStatus::NotStarted,
        (f, t) if f > 0 && t > 0 => StepStatus::Done,
        _ => StepStatus::InProgress,
    }
}

fn meeting1_status(facts: &CycleFacts) -> StepStatus {
    let tally = Tally {
        men: facts
            .meeting1_attendees
            .saturating_sub(facts.meeting1_women),
        women: facts.meeting1_women,
    };
    let started = facts.meeting1_attendees > 0 || facts.wg_members > 0;
    let finished = facts.meeting1_closed && facts.wg_final;
    let overridden = facts.meeting1_override || facts.wg_override || !meets_women_threshold(tally);
    match (started, finished) {
        (false, _) => StepStatus::NotStarted,
        (true, false) => StepStatus::InProgress,
        (true, true) if overridden => StepStatus::Warning,
        (true, true) => StepStatus::Done,
    }
}

fn meeting2_status(m: &crate::domain::cycle::Meeting2Progress) -> StepStatus {
    let tally = Tally {
        men: m.attendees.saturating_sub(m.women),
        women: m.women,
    };
    let started = m.attendees > 0 || m.scored || m.plan_approved;
    let finished = m.closed && m.plan_approved;
    let warning = m.overridden || !meets_women_threshold(tally);
    match (started, finished) {
        (false, _) => StepStatus::NotStarted,
        (true, false) => StepStatus::InProgress,
        (true, true) if warning => StepStatus::Warning,
        (true, true) => StepStatus::Done,
    }
}

fn assessment_status(a: &AssessmentProgress) -> StepStatus {
    let started = a.tools_selected > 0 || a.subgroups > 0 || a.activities > 0;
    let finished = a.tools_selected > 0
        && a.tools_done == a.tools_selected
        && a.subgroups > 0
        && a.subgroups_reported == a.subgroups
        && a.activities > 0;
    let warning = !a.rules_met || a.minutes_used > ASSESSMENT_LIMIT_MINUTES;
    match (started, finished) {
        (false, _) => StepStatus::NotStarted,
        (true, false) => StepStatus::InProgress,
        (true, true) if warning => StepStatus::Warning,
        (true, true) => StepStatus::Done,
    }
}

/// Whether the facilitator may open `step` now; the screens that exist are listed in
/// `built`, so a step whose screen is not in this version says so instead of opening.
pub fn can_enter(step: Step, facts: &CycleFacts, built: &[Step]) -> Result<(), Blocker> {
    if !built.contains(&step) {
        return Err(Blocker("blocker.not_in_version"));
    }
    if step.is_medium_term() && !facts.makes_medium_term_plan {
        return Err(Blocker("blocker.carried_over"));
    }
    if step == Step::AfterPlan && !facts.annual.approved && facts.after.assigned == 0 {
        return Err(Blocker("blocker.annual_not_approved"));
    }
    Ok(())
}

/// What should come before `step` and is still missing, as a hint: the step opens all
/// the same (a facilitator may look ahead), but says which step to finish first.
pub fn missing_prerequisite(step: Step, facts: &CycleFacts) -> Option<Blocker> {
    if step.is_medium_term() && !facts.makes_medium_term_plan {
        return None;
    }
    let missing = match step {
        Step::Assessment => !facts.wg_final,
        Step::WorkingGroupMeeting => facts.assessment.activities == 0,
        Step::Meeting2 => scoring_status(facts) != StepStatus::Done,
        Step::AnnualPlan => facts.makes_medium_term_plan && !facts.meeting2.plan_approved,
        _ => false,
    };
    missing.then(|| Blocker(prerequisite_key(step)))
}

fn prerequisite_key(step: Step) -> &'static str {
    match step {
        Step::Assessment => "prereq.assessment",
        Step::WorkingGroupMeeting => "prereq.wg_meeting",
        Step::Meeting2 => "prereq.meeting2",
        _ => "prereq.annual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> CycleFacts {
        CycleFacts {
            makes_medium_term_plan: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_step_opened_before_its_prerequisite_names_it() {
        let mut f = facts();
        let key = |step, f: &CycleFacts| missing_prerequisite(step, f).map(|b| b.0);
        assert_eq!(key(Step::Meeting2, &f), Some("prereq.meeting2"));
        assert_eq!(key(Step::Assessment, &f), Some("prereq.assessment"));
        assert_eq!(
            key(Step::WorkingGroupMeeting, &f),
            Some("prereq.wg_meeting")
        );
        assert_eq!(key(Step::AnnualPlan, &f), Some("prereq.annual"));
        assert_eq!(key(Step::Preparation, &f), None);
        assert_eq!(key(Step::Meeting1, &f), None);
        f.wg_final = true;
        f.assessment.activities = 3;
        f.activities_touched = 3;
        f.activities_scored = 3;
        f.meeting2.plan_approved = true;
        for step in Step::ALL {
            assert_eq!(key(step, &f), None, "{step:?}");
        }
        let carried = CycleFacts::default();
        assert_eq!(key(Step::Meeting2, &carried), None);
        assert_eq!(key(Step::AnnualPlan, &carried), None);
    }

    #[test]
    fn steps_run_in_procedure_order() {
        assert_eq!(Step::Preparation.next(), Some(Step::Meeting1));
        assert_eq!(Step::Export.next(), Some(Step::AfterPlan));
        assert_eq!(Step::AfterPlan.next(), None);
        assert_eq!(Step::Preparation.prev(), None);
        assert_eq!(Step::Meeting2.prev(), Some(Step::WorkingGroupMeeting));
    }

    #[test]
    fn meeting1_status_follows_attendance_and_closing() {
        let mut f = facts();
        assert_eq!(status(Step::Meeting1, &f), StepStatus::NotStarted);
        f.meeting1_attendees = 10;
        f.meeting1_women = 2;
        assert_eq!(status(Step::Meeting1, &f), StepStatus::InProgress);
        f.meeting1_closed = true;
        assert_eq!(
            status(Step::Meeting1, &f),
            StepStatus::InProgress,
            "working group not final"
        );
        f.wg_final = true;
        assert_eq!(
            status(Step::Meeting1, &f),
            StepStatus::Warning,
            "under 30% women"
        );
        f.meeting1_women = 3;
        assert_eq!(status(Step::Meeting1, &f), StepStatus::Done);
        f.wg_override = true;
        assert_eq!(
            status(Step::Meeting1, &f),
            StepStatus::Warning,
            "finalised with failed checks"
        );
    }

    #[test]
    fn assessment_is_done_when_every_tool_and_group_reported() {
        let mut f = facts();
        assert_eq!(status(Step::Assessment, &f), StepStatus::NotStarted);
        f.assessment.tools_selected = 2;
        assert_eq!(status(Step::Assessment, &f), StepStatus::InProgress);
        f.assessment = AssessmentProgress {
            tools_selected: 2,
            tools_done: 2,
            subgroups: 3,
            subgroups_reported: 3,
            activities: 5,
            minutes_used: 600,
            rules_met: true,
        };
        assert_eq!(status(Step::Assessment, &f), StepStatus::Done);
        f.assessment.minutes_used = ASSESSMENT_LIMIT_MINUTES + 1;
        assert_eq!(
            status(Step::Assessment, &f),
            StepStatus::Warning,
            "over 2 days"
        );
        f.assessment.minutes_used = 600;
        f.assessment.rules_met = false;
        assert_eq!(status(Step::Assessment, &f), StepStatus::Warning, "rules");
    }

    #[test]
    fn scoring_is_done_when_every_activity_has_all_scores() {
        let mut f = facts();
        f.assessment.activities = 3;
        assert_eq!(
            status(Step::WorkingGroupMeeting, &f),
            StepStatus::NotStarted
        );
        f.activities_touched = 3;
        f.activities_scored = 2;
        assert_eq!(
            status(Step::WorkingGroupMeeting, &f),
            StepStatus::InProgress
        );
        f.activities_scored = 3;
        assert_eq!(status(Step::WorkingGroupMeeting, &f), StepStatus::Done);
    }

    #[test]
    fn meeting2_is_done_when_closed_and_the_plan_approved() {
        let mut f = facts();
        assert_eq!(status(Step::Meeting2, &f), StepStatus::NotStarted);
        f.meeting2.scored = true;
        assert_eq!(status(Step::Meeting2, &f), StepStatus::InProgress);
        f.meeting2 = crate::domain::cycle::Meeting2Progress {
            attendees: 80,
            women: 30,
            closed: true,
            overridden: false,
            scored: true,
            plan_approved: true,
        };
        assert_eq!(status(Step::Meeting2, &f), StepStatus::Done);
        f.meeting2.women = 10;
        assert_eq!(status(Step::Meeting2, &f), StepStatus::Warning, "under 30%");
        f.meeting2.women = 30;
        f.meeting2.plan_approved = false;
        assert_eq!(
            status(Step::Meeting2, &f),
            StepStatus::InProgress,
            "reopened"
        );
    }

    #[test]
    fn annual_plan_is_done_when_approved_and_warns_over_two_part_two() {
        let mut f = facts();
        assert_eq!(status(Step::AnnualPlan, &f), StepStatus::NotStarted);
        f.annual.part_one = 3;
        assert_eq!(status(Step::AnnualPlan, &f), StepStatus::InProgress);
        f.annual.approved = true;
        assert_eq!(status(Step::AnnualPlan, &f), StepStatus::Done);
        f.annual.part_two = 3;
        assert_eq!(status(Step::AnnualPlan, &f), StepStatus::Warning);
    }

    #[test]
    fn after_the_plan_opens_once_approved_and_is_done_when_evaluated() {
        let mut f = facts();
        let all = Step::ALL;
        assert_eq!(
            can_enter(Step::AfterPlan, &f, &all),
            Err(Blocker("blocker.annual_not_approved"))
        );
        f.annual.approved = true;
        assert_eq!(can_enter(Step::AfterPlan, &f, &all), Ok(()));
        assert_eq!(status(Step::AfterPlan, &f), StepStatus::NotStarted);
        f.after.assigned = 3;
        f.after.funded = 2;
        assert_eq!(status(Step::AfterPlan, &f), StepStatus::InProgress);
        f.after.evaluated = 2;
        assert_eq!(status(Step::AfterPlan, &f), StepStatus::Done);
        // Reopened with records kept: still open to read.
        f.annual.approved = false;
        assert_eq!(can_enter(Step::AfterPlan, &f, &all), Ok(()));
    }

    #[test]
    fn preparation_needs_figures_and_a_team() {
        let mut f = facts();
        assert_eq!(status(Step::Preparation, &f), StepStatus::NotStarted);
        f.figures = 3;
        assert_eq!(status(Step::Preparation, &f), StepStatus::InProgress);
        f.facilitators = 2;
        assert_eq!(status(Step::Preparation, &f), StepStatus::Done);
    }

    #[test]
    fn carried_over_years_skip_medium_term_steps() {
        let f = CycleFacts::default();
        assert_eq!(status(Step::Assessment, &f), StepStatus::CarriedOver);
        assert_eq!(
            can_enter(Step::Meeting1, &f, &[Step::Meeting1]),
            Err(Blocker("blocker.carried_over"))
        );
        assert_eq!(status(Step::AnnualPlan, &f), StepStatus::NotStarted);
    }

    #[test]
    fn unbuilt_steps_are_refused_with_a_reason() {
        assert_eq!(
            can_enter(Step::Export, &facts(), &[]),
            Err(Blocker("blocker.not_in_version"))
        );
        assert_eq!(
            can_enter(Step::Meeting1, &facts(), &[Step::Meeting1]),
            Ok(())
        );
    }
}
