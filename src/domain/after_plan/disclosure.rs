//! Public disclosure of a work's finances ("Thông báo công khai tài chính"): what was
//! posted, where and when, with the amounts by source as they stood on that day.

use serde::{Deserialize, Serialize};

use super::AfterPlanError;
use super::ledger::{Budget, Receipt, received};
use crate::domain::annual::AnnualItemId;

/// One posting of the finances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosure {
    /// Identifier.
    pub id: i64,
    /// The annual-plan item it is about.
    pub item: AnnualItemId,
    /// Date posted (ISO).
    pub date: String,
    /// Where it was posted (nhà văn hoá thôn, trụ sở UBND xã ...).
    pub place: String,
    /// The amounts received by source, as posted.
    pub amounts: Budget,
    /// The amount spent, as posted (đồng).
    pub spent: i64,
    /// What else the notice said.
    pub note: String,
}

impl Disclosure {
    /// How far the amount spent, as posted, is above the đồng received by that day:
    /// allowed (an advance, a debt to a supplier), flagged. `None` when within it.
    pub fn overspent(&self) -> Option<i64> {
        let over = self.spent.saturating_sub(self.amounts.total());
        (over > 0).then_some(over)
    }
}

/// The amounts a disclosure dated `date` posts: the đồng received up to that day. Refused
/// when nothing was received yet, or when the date is before the first money arrived.
pub fn disclosed_amounts(receipts: &[&Receipt], date: &str) -> Result<Budget, AfterPlanError> {
    if date.trim().is_empty() {
        return Err(AfterPlanError::DateRequired);
    }
    let first = receipts
        .iter()
        .filter(|r| r.kind.is_vnd())
        .map(|r| r.date.as_str())
        .min()
        .ok_or(AfterPlanError::NothingReceived)?;
    if date < first {
        return Err(AfterPlanError::DisclosureBeforeMoney(first.to_string()));
    }
    Ok(received(receipts.iter().copied(), Some(date)))
}
