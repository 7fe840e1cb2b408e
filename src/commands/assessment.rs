//! The situation assessment's commands: PRA tools, sub-groups and their members, themes
//! and tools, findings, and the proposed activities.

use super::Effect;
use crate::domain::activity::{ActivityId, Funding, ValidActivity};
use crate::domain::subgroup::{FindingId, SubGroupId};
use crate::domain::{CycleId, PersonId};
use crate::store::{Store, StoreError};

/// A change to the situation assessment (step 2).
#[derive(Debug, Clone, PartialEq)]
pub enum AssessmentCommand {
    /// Select (`on`) or unselect a PRA tool for the cycle.
    SelectTool {
        /// Cycle.
        cycle: CycleId,
        /// Tool code.
        code: String,
        /// Selected or not.
        on: bool,
    },
    /// Create a sub-group.
    CreateSubGroup {
        /// Cycle.
        cycle: CycleId,
        /// Name as typed.
        name: String,
    },
    /// Put a member in a sub-group, taking them out of the one they were in.
    MoveMember {
        /// Target sub-group.
        to: SubGroupId,
        /// Their current sub-group, if any.
        from: Option<SubGroupId>,
        /// Person.
        person: PersonId,
    },
    /// Take a member out of a sub-group.
    RemoveMember {
        /// Sub-group.
        subgroup: SubGroupId,
        /// Person.
        person: PersonId,
    },
    /// Set a sub-group's leader.
    SetLeader {
        /// Sub-group.
        subgroup: SubGroupId,
        /// Leader.
        leader: Option<PersonId>,
    },
    /// Give (`on`) or take a theme or tool from a sub-group.
    Topic {
        /// Sub-group.
        subgroup: SubGroupId,
        /// Theme or tool code.
        code: String,
        /// Whether `code` is a tool (else a theme).
        tool: bool,
        /// Assigned or not.
        on: bool,
    },
    /// Record or correct a sub-group's findings with one tool.
    SaveFinding {
        /// The finding being corrected, if any.
        existing: Option<FindingId>,
        /// Sub-group.
        subgroup: SubGroupId,
        /// Tool code.
        tool: String,
        /// Findings text (several lines).
        text: String,
        /// Minutes spent.
        minutes: u32,
        /// Day of the assessment (as typed).
        day: String,
    },
    /// Add a proposed activity.
    AddActivity {
        /// Cycle.
        cycle: CycleId,
        /// Validated fields.
        activity: Box<ValidActivity>,
    },
    /// Correct a proposed activity.
    UpdateActivity {
        /// Activity.
        id: ActivityId,
        /// Validated fields.
        activity: Box<ValidActivity>,
    },
    /// Rename a sub-group.
    RenameSubGroup {
        /// Sub-group.
        id: SubGroupId,
        /// New name as typed.
        name: String,
    },
    /// Delete a sub-group that has no findings or activities yet.
    DeleteSubGroup(SubGroupId),
    /// Delete a sub-group's findings with one tool.
    DeleteFinding(FindingId),
    /// Delete a proposed activity (its scores go with it).
    DeleteActivity(ActivityId),
    /// Record who pays for an activity and what it asks from the budget.
    SetFunding {
        /// Activity.
        id: ActivityId,
        /// Source and amount asked (`None`: not given, derived on the forms).
        funding: Funding,
    },
}

/// Saves one assessment command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: AssessmentCommand) -> Result<Effect, StoreError> {
    use AssessmentCommand as C;
    let done = |r: Result<(), StoreError>| r.map(|()| Effect::Done);
    match command {
        C::SelectTool { cycle, code, on } if on => done(store.select_tool(cycle, &code)),
        C::SelectTool { cycle, code, .. } => done(store.unselect_tool(cycle, &code)),
        C::CreateSubGroup { cycle, name } => {
            Ok(Effect::SubGroup(store.create_subgroup(cycle, &name)?.id))
        }
        C::MoveMember { to, from, person } => {
            if let Some(from) = from.filter(|f| *f != to) {
                store.remove_subgroup_member(from, person)?;
            }
            done(store.add_subgroup_member(to, person))
        }
        C::RemoveMember { subgroup, person } => {
            done(store.remove_subgroup_member(subgroup, person))
        }
        C::SetLeader { subgroup, leader } => done(store.set_subgroup_leader(subgroup, leader)),
        C::Topic {
            subgroup,
            code,
            tool,
            on,
        } => done(match (tool, on) {
            (true, true) => store.assign_tool(subgroup, &code),
            (true, false) => store.unassign_tool(subgroup, &code),
            (false, true) => store.assign_theme(subgroup, &code),
            (false, false) => store.unassign_theme(subgroup, &code),
        }),
        C::SaveFinding {
            existing: Some(id),
            text,
            minutes,
            day,
            ..
        } => done(store.update_finding(id, &text, minutes, &day)),
        C::SaveFinding {
            subgroup,
            tool,
            text,
            minutes,
            day,
            ..
        } => done(
            store
                .add_finding(subgroup, &tool, &text, minutes, &day)
                .map(drop),
        ),
        C::AddActivity { cycle, activity } => {
            let id = store.add_activity(cycle, &activity)?.id;
            prefill_womens_proposal(store, cycle)?;
            Ok(Effect::Activity(id))
        }
        C::UpdateActivity { id, activity } => {
            store.update_activity(id, &activity)?;
            done(prefill_womens_proposal(store, store.activity(id)?.cycle_id))
        }
        C::RenameSubGroup { id, name } => done(store.rename_subgroup(id, &name)),
        C::DeleteSubGroup(id) => done(store.delete_subgroup(id)),
        C::DeleteFinding(id) => done(store.delete_finding(id)),
        C::DeleteActivity(id) => done(store.delete_activity(id)),
        C::SetFunding { id, funding } => done(store.set_activity_funding(id, funding)),
    }
}

/// Fills the women's-proposal score of the cycle's unscored activities from their
/// "proposed by women" flag (editable at the working-group meeting), unless the plan is
/// approved.
pub(super) fn prefill_womens_proposal(store: &mut Store, cycle: CycleId) -> Result<(), StoreError> {
    if store.is_plan_frozen(cycle)? || !store.cycle(cycle)?.makes_medium_term_plan() {
        return Ok(());
    }
    store.prefill_womens_proposal(cycle).map(drop)
}
