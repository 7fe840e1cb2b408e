//! The ledger of what a work received: the villagers' contributions (money, labour days,
//! materials, land) by household or group, and outside funds received through the
//! commune account; compared with the budget assigned.

use serde::{Deserialize, Serialize};

use super::codes::coded;
use crate::domain::activity::FundingSource;
use crate::domain::annual::AnnualItemId;

/// Amounts in đồng by funding source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// The villagers' share (money and materials valued in đồng).
    pub people: i64,
    /// The commune budget.
    pub commune_budget: i64,
    /// The district budget.
    pub district_budget: i64,
    /// A national or provincial programme.
    pub programme: i64,
    /// A donor or another source.
    pub other: i64,
}

impl Budget {
    /// The amount of one source.
    pub fn get(&self, source: FundingSource) -> i64 {
        match source {
            FundingSource::People => self.people,
            FundingSource::CommuneBudget => self.commune_budget,
            FundingSource::DistrictBudget => self.district_budget,
            FundingSource::Programme => self.programme,
            FundingSource::Other => self.other,
        }
    }

    /// Adds to the amount of one source (saturating).
    pub fn add(&mut self, source: FundingSource, amount: i64) {
        let field = match source {
            FundingSource::People => &mut self.people,
            FundingSource::CommuneBudget => &mut self.commune_budget,
            FundingSource::DistrictBudget => &mut self.district_budget,
            FundingSource::Programme => &mut self.programme,
            FundingSource::Other => &mut self.other,
        };
        *field = field.saturating_add(amount);
    }

    /// The sum over every source.
    pub fn total(&self) -> i64 {
        FundingSource::ALL
            .iter()
            .fold(0i64, |sum, s| sum.saturating_add(self.get(*s)))
    }

    /// The sum over the outside sources (everything but the villagers).
    pub fn outside(&self) -> i64 {
        self.total().saturating_sub(self.people)
    }
}

/// What a receipt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContributionKind {
    /// Money, đồng.
    Money,
    /// Labour, work days.
    Labour,
    /// Materials, valued in đồng.
    Materials,
    /// Land, m².
    Land,
}

coded!(ContributionKind, "after.kind.", [
    Money => "money",
    Labour => "labour",
    Materials => "materials",
    Land => "land",
]);

impl ContributionKind {
    /// Whether the amount is in đồng (labour is in days, land in m²).
    pub fn is_vnd(self) -> bool {
        matches!(self, ContributionKind::Money | ContributionKind::Materials)
    }

    /// i18n key of the unit.
    pub fn unit_key(self) -> &'static str {
        match self {
            ContributionKind::Labour => "annual.unit.days",
            ContributionKind::Land => "annual.unit.m2",
            ContributionKind::Money | ContributionKind::Materials => "annual.unit.vnd",
        }
    }
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// Identifier.
    pub id: i64,
    /// The annual-plan item.
    pub item: AnnualItemId,
    /// When it was received (ISO).
    pub date: String,
    /// Where it came from.
    pub source: FundingSource,
    /// Money, labour, materials or land.
    pub kind: ContributionKind,
    /// Amount: đồng, work days or m².
    pub amount: i64,
    /// Who gave it: a household, a group, the commune account.
    pub from: String,
    /// A note.
    pub note: String,
}

impl Receipt {
    /// Refuses a receipt dated before the commune assigned the work (`assigned`: the
    /// assignment's ISO date): a typing mistake, the message names the assignment's day.
    pub fn check_dated_after(&self, assigned: &str) -> Result<(), super::AfterPlanError> {
        if !assigned.is_empty() && self.date.as_str() < assigned {
            return Err(super::AfterPlanError::ReceiptBeforeAssignment(
                assigned.to_string(),
            ));
        }
        Ok(())
    }
}

/// What the receipts up to and including `until` (ISO date; `None`: all) bring, in đồng
/// by source (labour and land are not đồng and are not counted).
pub fn received<'a>(
    receipts: impl IntoIterator<Item = &'a Receipt>,
    until: Option<&str>,
) -> Budget {
    let mut sum = Budget::default();
    for r in receipts {
        if r.kind.is_vnd() && until.is_none_or(|d| r.date.as_str() <= d) {
            sum.add(r.source, r.amount);
        }
    }
    sum
}

/// The sources whose đồng received exceed the budget assigned (allowed, flagged), with
/// the amount over.
pub fn over_budget(assigned: &Budget, got: &Budget) -> Vec<(FundingSource, i64)> {
    FundingSource::ALL
        .iter()
        .filter_map(|s| {
            let over = got.get(*s).saturating_sub(assigned.get(*s));
            (over > 0).then_some((*s, over))
        })
        .collect()
}
