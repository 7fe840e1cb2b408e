//! The working-group meeting's commands: matrix scores, the scale and merging duplicates.

use crate::domain::CycleId;
use crate::domain::activity::ActivityId;
use crate::domain::scoring::{Criterion, Scale};
use crate::store::{Store, StoreError};

/// A change at the working-group meeting (step 3): scores, the scale, merges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoringCommand {
    /// Set or clear one matrix cell.
    Score {
        /// Activity.
        activity: ActivityId,
        /// Criterion.
        criterion: Criterion,
        /// Score, or `None` to clear.
        score: Option<u8>,
    },
    /// Change the cycle's scale (a reason once results are locked).
    Scale {
        /// Cycle.
        cycle: CycleId,
        /// New scale.
        scale: Scale,
        /// Reason, if given.
        reason: Option<String>,
    },
    /// Merge a duplicate activity into another, keeping both origins.
    Merge {
        /// The activity kept.
        keep: ActivityId,
        /// The duplicate.
        duplicate: ActivityId,
    },
}

/// Saves one scoring command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: ScoringCommand) -> Result<(), StoreError> {
    match command {
        ScoringCommand::Score {
            activity,
            criterion,
            score,
        } => store.set_matrix_score(activity, criterion, score),
        ScoringCommand::Scale {
            cycle,
            scale,
            reason,
        } => {
            store.set_scale(cycle, scale, reason.as_deref())?;
            super::assessment::prefill_womens_proposal(store, cycle)
        }
        ScoringCommand::Merge { keep, duplicate } => store.merge_activities(keep, duplicate),
    }
}
