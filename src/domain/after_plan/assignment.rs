//! Phase 3, "Giao kế hoạch": the commune assigns each activity of the village's approved
//! annual plan back to the village.

use serde::{Deserialize, Serialize};

use super::codes::coded;
use super::ledger::Budget;

/// What the commune decided for one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    /// Assigned as the village asked.
    Accepted,
    /// Assigned with a change (quantity, cost, time), with the commune's reason.
    Changed,
    /// Not funded this year, with the commune's reason.
    NotFunded,
}

coded!(Decision, "after.decision.", [
    Accepted => "accepted",
    Changed => "changed",
    NotFunded => "not_funded",
]);

/// Who carries out a work, which decides who watches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkOwner {
    /// The village carries it out: a management group and a monitoring group.
    Village,
    /// The commune owns it: the Community Investment Supervision Board watches it.
    Commune,
}

coded!(WorkOwner, "after.owner.", [
    Village => "village",
    Commune => "commune",
]);

/// The commune's assignment of one annual-plan item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The annual-plan item.
    pub item: i64,
    /// Accepted, changed or not funded.
    pub decision: Decision,
    /// The commune's reason (required unless accepted).
    pub reason: String,
    /// The quantity assigned, in the activity's unit (`None`: as planned).
    pub target_quantity: Option<f64>,
    /// Who carries the work out.
    pub owner: WorkOwner,
    /// The budget assigned by source, villagers' share included (đồng).
    pub budget: Budget,
    /// The date of the assignment (ISO).
    pub date: String,
}

impl Assignment {
    /// Checks the commune's reason: required when changed or not funded.
    pub fn check(&self) -> Result<(), super::AfterPlanError> {
        if self.date.trim().is_empty() {
            return Err(super::AfterPlanError::DateRequired);
        }
        if self.decision != Decision::Accepted && self.reason.trim().is_empty() {
            return Err(super::AfterPlanError::ReasonRequired);
        }
        Ok(())
    }
}
