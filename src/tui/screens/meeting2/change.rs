//! Meeting 2's edits as values ([`Meeting2Change`]) and [`apply_meeting2`], which saves one
//! through the store. Approving checks both groups and freezes exactly what `combine`
//! gives from the stored results.

use super::data::Data;
use crate::domain::activity::ActivityId;
use crate::domain::scoring::{ActivityKey, Group, InputMode, Method};
use crate::domain::{CycleId, MeetingId, MeetingKind};
use crate::store::{GroupInfo, Store, StoreError};
use crate::tui::screens::{Change, Outcome};

/// A meeting-2 edit the facilitator accepted, saved by [`apply_meeting2`].
#[derive(Debug, Clone, PartialEq)]
pub enum Meeting2Change {
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
    },
    /// Reopen the approved plan.
    Reopen {
        /// Cycle.
        cycle: CycleId,
        /// Written reason.
        reason: String,
    },
}

/// Wraps a meeting-2 change as an outcome.
pub fn save(change: Meeting2Change) -> Outcome {
    Outcome::Save(Change::Meeting2(change))
}

/// Saves one meeting-2 change (each store call is its own transaction). Approving checks
/// both groups' results first and freezes exactly what `combine` gives from the store.
pub fn apply_meeting2(store: &mut Store, change: Meeting2Change) -> Result<(), StoreError> {
    use Meeting2Change as C;
    match change {
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
        } => approve(store, cycle, meeting, reason.as_deref()),
        C::Reopen { cycle, reason } => store.reopen_plan(cycle, &reason),
    }
}

fn approve(
    store: &mut Store,
    cycle: CycleId,
    meeting: MeetingId,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let data = Data::load(store, cycle)?;
    let keys = data.keys();
    for group in Group::ALL {
        let g = data.group(group);
        if g.entered() == 0 {
            return Err(StoreError::Refused("m2.err.no_result_any"));
        }
        g.result
            .validate(&keys)
            .map_err(|e| StoreError::Refused(e.message_key()))?;
    }
    let open = store
        .find_meeting(cycle, MeetingKind::Village2)?
        .is_some_and(|m| m.id == meeting && !m.is_closed());
    if open {
        store.close_meeting(meeting, reason)?;
    }
    store.approve_plan(cycle, &data.combined).map(drop)
}
