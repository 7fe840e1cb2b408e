//! Phase 3, "Giao kế hoạch": the commune assigns each activity of the village's approved
//! annual plan back to the village.

use serde::{Deserialize, Serialize};

use super::codes::coded;
use super::ledger::Budget;
use crate::domain::annual::AnnualItemId;

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
    pub item: AnnualItemId,
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

/// An assignment made on a village's plan, with the id of the activity its item holds (the
/// identity of the item inside the village's bundle is `assignment.item`, the annual item's
/// id in the village's database; the activity's id checks it on the way back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignedItem {
    /// The activity's id in the village's record.
    pub activity: i64,
    /// The commune's assignment (its `item` is the annual item's id in the village's record).
    pub assignment: Assignment,
}

impl Assignment {
    /// How far the budget assigned (villagers' share included) is above the cost the
    /// commune set for the work (`cost`, đồng): allowed, flagged. `None` when within it
    /// or no cost is known.
    pub fn above_cost(&self, cost: Option<u64>) -> Option<i64> {
        let cost = i64::try_from(cost?).ok()?;
        let over = self.budget.total().saturating_sub(cost);
        (over > 0).then_some(over)
    }

    /// Refuses an assignment dated before the village meeting approved the plan
    /// (`approved`: the approval's ISO date, if known).
    pub fn check_dated_after(&self, approved: Option<&str>) -> Result<(), super::AfterPlanError> {
        match approved {
            Some(day) if !day.is_empty() && self.date.as_str() < day => {
                Err(super::AfterPlanError::BeforeApproval(day.to_string()))
            }
            Some(_) | None => Ok(()),
        }
    }

    /// The fields that differ from `other` (the item aside): (field, this, other), each
    /// value as stored (codes, đồng, ISO dates).
    pub fn differences(&self, other: &Assignment) -> Vec<(&'static str, String, String)> {
        let quantity =
            |a: &Assignment| a.target_quantity.map(|q| q.to_string()).unwrap_or_default();
        let mut out = vec![
            (
                "decision",
                self.decision.code().to_string(),
                other.decision.code().to_string(),
            ),
            (
                "reason",
                self.reason.trim().to_string(),
                other.reason.trim().to_string(),
            ),
            ("target_quantity", quantity(self), quantity(other)),
            (
                "owner",
                self.owner.code().to_string(),
                other.owner.code().to_string(),
            ),
            ("date", self.date.clone(), other.date.clone()),
        ];
        for source in crate::domain::activity::FundingSource::ALL {
            let field = source_field(source);
            out.push((
                field,
                self.budget.get(source).to_string(),
                other.budget.get(source).to_string(),
            ));
        }
        out.retain(|(_, a, b)| a != b);
        out
    }

    /// Whether `other` says the same (the item aside).
    pub fn same_content(&self, other: &Assignment) -> bool {
        self.differences(other).is_empty()
    }
}

/// The bundle's name of a budget source's field.
fn source_field(source: crate::domain::activity::FundingSource) -> &'static str {
    use crate::domain::activity::FundingSource as F;
    match source {
        F::People => "budget.people",
        F::CommuneBudget => "budget.commune_budget",
        F::DistrictBudget => "budget.district_budget",
        F::Programme => "budget.programme",
        F::Other => "budget.other",
    }
}
