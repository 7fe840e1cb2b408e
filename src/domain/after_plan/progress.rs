//! The dated progress log of a work and its acceptance.

use serde::{Deserialize, Serialize};

use super::AfterPlanError;
use super::codes::coded;
use crate::domain::annual::AnnualItemId;

/// One dated line of the progress log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    /// Identifier.
    pub id: i64,
    /// The annual-plan item.
    pub item: AnnualItemId,
    /// Date (ISO).
    pub date: String,
    /// Percent done, 0-100.
    pub percent: u8,
    /// What was done.
    pub note: String,
    /// A problem raised to the commune, if any.
    pub problem: String,
    /// Why the percent went down, when it did.
    pub reason: String,
}

/// Checks a new percent against the last one: above 100 is refused, lower than the last
/// needs a reason.
pub fn needs_reason(last: Option<u8>, percent: u8, reason: &str) -> Result<(), AfterPlanError> {
    if percent > 100 {
        return Err(AfterPlanError::PercentAbove100);
    }
    match last {
        Some(last) if percent < last && reason.trim().is_empty() => {
            Err(AfterPlanError::ProgressDown { last })
        }
        Some(_) | None => Ok(()),
    }
}

/// The result of a work's acceptance ("nghiệm thu").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AcceptanceResult {
    /// Accepted.
    Passed,
    /// Accepted once the listed fixes are made.
    WithFixes,
    /// Not accepted.
    Failed,
}

coded!(AcceptanceResult, "after.acceptance.", [
    Passed => "passed",
    WithFixes => "with_fixes",
    Failed => "failed",
]);

/// A work's acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    /// The annual-plan item.
    pub item: AnnualItemId,
    /// Date (ISO).
    pub date: String,
    /// Result.
    pub result: AcceptanceResult,
    /// Who signed the acceptance record.
    pub signed_by: String,
    /// A note (the fixes asked for ...).
    pub note: String,
}
