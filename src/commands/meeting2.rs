//! Village meeting 2's commands: the groups' details and results, the method, and the
//! approval, which closes the meeting and freezes exactly what `combine` gives from the
//! stored results, in one transaction.

use crate::domain::activity::ActivityId;
use crate::domain::scoring::{
    ActivityKey, Combined, Group, GroupInput, InputMode, Method, combine, draft_ranks, rank_matrix,
};
use crate::domain::{CycleId, MeetingId, MeetingKind};
use crate::store::{GroupInfo, Store, StoreError};

/// A change at village meeting 2.
#[derive(Debug, Clone, PartialEq)]
pub enum Meeting2Command {
    /// A group's size, votes each and recorder.
    GroupInfo {
        /// Cycle.
        cycle: CycleId,
        /// Group.
        group: Group,
        /// The details.
        info: GroupInfo,
    },
    /// How a group's result is entered (a reason once locked).
    Mode {
        /// Cycle.
        cycle: CycleId,
        /// Group.
        group: Group,
        /// New mode.
        mode: InputMode,
        /// Written reason, required once locked.
        reason: Option<String>,
    },
    /// A group's votes or position for one activity (`None` clears it).
    Entry {
        /// Cycle.
        cycle: CycleId,
        /// Group.
        group: Group,
        /// The group's input mode (votes or position).
        mode: InputMode,
        /// Activity.
        activity: ActivityKey,
        /// Value.
        value: Option<u32>,
    },
    /// The combination method (a reason once locked).
    Method {
        /// Cycle.
        cycle: CycleId,
        /// New method.
        method: Method,
        /// Written reason, required once locked.
        reason: Option<String>,
    },
    /// Close meeting 2 (if open) and approve the combined ranking, freezing the plan.
    Approve {
        /// Cycle.
        cycle: CycleId,
        /// Meeting 2.
        meeting: MeetingId,
        /// Reason for closing below 30% women.
        reason: Option<String>,
        /// Reason for approving while activities lack a field the plan requires (kept in
        /// the audit log); refused without one when any does.
        missing_reason: Option<String>,
    },
    /// Reopen the approved plan.
    Reopen {
        /// Cycle.
        cycle: CycleId,
        /// Written reason.
        reason: String,
    },
}

/// Saves one meeting-2 command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: Meeting2Command) -> Result<(), StoreError> {
    use Meeting2Command as C;
    match command {
        C::GroupInfo { cycle, group, info } => store.set_group_info(cycle, group, &info),
        C::Mode {
            cycle,
            group,
            mode,
            reason,
        } => store.set_input_mode(cycle, group, mode, reason.as_deref()),
        C::Entry {
            cycle,
            group,
            mode,
            activity,
            value,
        } => match mode {
            InputMode::Votes => store.set_votes(cycle, group, ActivityId(activity), value),
            InputMode::Ranking => store.set_position(cycle, group, ActivityId(activity), value),
        },
        C::Method {
            cycle,
            method,
            reason,
        } => store.set_method(cycle, method, reason.as_deref()),
        C::Approve {
            cycle,
            meeting,
            reason,
            missing_reason,
        } => {
            refuse_missing_fields(store, cycle, missing_reason.as_deref())?;
            approve(store, cycle, meeting, reason.as_deref())
        }
        C::Reopen { cycle, reason } => store.reopen_plan(cycle, &reason),
    }
}

/// Refuses approving while an activity lacks a field the plan requires (quantity, time,
/// place, responsibility, villagers' contribution), unless a reason is written; the
/// reason goes into the audit log with the approval.
fn refuse_missing_fields(
    store: &mut Store,
    cycle: CycleId,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let missing = store
        .activities(cycle)?
        .iter()
        .any(|a| !a.fields.missing_plan_fields().is_empty());
    match (missing, reason.map(str::trim).filter(|r| !r.is_empty())) {
        (false, _) => Ok(()),
        (true, None) => Err(StoreError::Refused(ERR_MISSING_FIELDS)),
        (true, Some(reason)) => store.note_reason(cycle, "approve_missing_plan_fields", reason),
    }
}

/// Error: an activity lacks a required field and no reason was written.
pub const ERR_MISSING_FIELDS: &str = "m2.err.missing_fields";

/// Checks both groups' results, closes meeting 2 if it is still open, and approves the
/// combined ranking recomputed from the stored results.
fn approve(
    store: &mut Store,
    cycle: CycleId,
    meeting: MeetingId,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let combined = current_combined(store, cycle)?;
    let open = store
        .find_meeting(cycle, MeetingKind::Village2)?
        .is_some_and(|m| m.id == meeting && !m.is_closed());
    if open {
        store.close_meeting(meeting, reason)?;
    }
    store.approve_plan(cycle, &combined).map(drop)
}

/// The combined ranking the stored results give now, refused unless both groups have a
/// complete, valid result (what approving freezes).
pub fn current_combined(store: &Store, cycle: CycleId) -> Result<Combined, StoreError> {
    let draft = draft_ranks(&rank_matrix(&store.matrix_rows(cycle)?));
    let keys: Vec<ActivityKey> = draft.iter().map(|&(key, _)| key).collect();
    let men = store.group_result(cycle, Group::Men)?;
    let women = store.group_result(cycle, Group::Women)?;
    for result in [&men, &women] {
        let entered = match &result.input {
            GroupInput::Votes { counts, .. } => counts.len(),
            GroupInput::Ranking { positions } => positions.len(),
        };
        if entered == 0 {
            return Err(StoreError::Refused("m2.err.no_result_any"));
        }
        result
            .validate(&keys)
            .map_err(|e| StoreError::Refused(e.message_key()))?;
    }
    let method = store.scoring_settings(cycle)?.method;
    Ok(combine(&men, &women, &draft, method))
}
