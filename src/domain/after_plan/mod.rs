//! After the plan: phases 3-5 of the procedure for one village's approved annual plan.
//! The commune assigns each activity back to the village (accepted, changed with a
//! reason, or not funded, with the budget by source); the village forms a management
//! group and a monitoring group for each work it carries out (or, for a work the commune
//! owns, the Community Investment Supervision Board of the Law on Grassroots Democracy);
//! it keeps a ledger of what it received, a dated progress log and the acceptance; it
//! posts the finances publicly; and the commune evaluates twice a year (6 months, whole
//! year). Pure types and rules: the store keeps the rows, the commands apply the rules.

mod assignment;
mod codes;
mod disclosure;
mod evaluation;
mod groups;
mod ledger;
mod life;
mod prefill;
mod progress;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use assignment::{AssignedItem, Assignment, Decision, WorkOwner};
pub use disclosure::{Disclosure, disclosed_amounts};
pub use evaluation::{Evaluation, Round};
pub use groups::{
    GroupKind, GroupMember, GroupStanding, MIN_BOARD, check_new_member, group_standing,
};
pub use ledger::{Budget, ContributionKind, Receipt, over_budget, received};
pub use life::{LifeStage, Stage, activity_life};
pub use prefill::review_prefill;
pub use progress::{Acceptance, AcceptanceResult, ProgressEntry, needs_reason};

use crate::domain::PersonId;
use crate::domain::annual::AnnualItemId;

/// Why an after-plan edit is refused; each names what to do in its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterPlanError {
    /// The annual plan is not approved (or was reopened): nothing can be assigned yet.
    PlanNotApproved,
    /// The item is not in this cycle's annual plan.
    UnknownItem,
    /// A changed or unfunded assignment needs the commune's reason.
    ReasonRequired,
    /// The item has no assignment (or was not funded): it cannot be implemented or evaluated.
    NotAssigned,
    /// The person is already in the other group of the same activity.
    InBothGroups(PersonId),
    /// The person is already a member of this group.
    AlreadyMember,
    /// A member needs a name.
    NameRequired,
    /// A progress percent lower than the last entry needs a reason.
    ProgressDown {
        /// The last percent recorded.
        last: u8,
    },
    /// A percent above 100.
    PercentAbove100,
    /// A receipt's amount must be above zero.
    AmountZero,
    /// The disclosure is dated before any money for it arrived (first receipt's ISO date).
    DisclosureBeforeMoney(String),
    /// Nothing was received yet, so there is nothing to disclose.
    NothingReceived,
    /// A date is required.
    DateRequired,
    /// A posting needs the place it was posted.
    PlaceRequired,
    /// The assignment is dated before the village meeting approved the plan (its ISO date).
    BeforeApproval(String),
    /// A ledger line dated before the commune assigned the work (the assignment's ISO date).
    ReceiptBeforeAssignment(String),
    /// The row to change does not exist.
    NotFound,
    /// The plan version the assignment was typed on is no longer the village's current
    /// plan here (the version held now, or empty when none is approved).
    PlanNotCurrent(String),
}

impl AfterPlanError {
    /// The i18n key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            AfterPlanError::PlanNotApproved => "after.err.plan_not_approved",
            AfterPlanError::UnknownItem => "after.err.unknown_item",
            AfterPlanError::ReasonRequired => "after.err.reason_required",
            AfterPlanError::NotAssigned => "after.err.not_assigned",
            AfterPlanError::InBothGroups(_) => "after.err.in_both_groups",
            AfterPlanError::AlreadyMember => "after.err.already_member",
            AfterPlanError::NameRequired => "after.err.name_required",
            AfterPlanError::ProgressDown { .. } => "after.err.progress_down",
            AfterPlanError::PercentAbove100 => "after.err.percent_above_100",
            AfterPlanError::AmountZero => "after.err.amount_zero",
            AfterPlanError::DisclosureBeforeMoney(_) => "after.err.disclosure_before_money",
            AfterPlanError::NothingReceived => "after.err.nothing_received",
            AfterPlanError::DateRequired => "after.err.date_required",
            AfterPlanError::PlaceRequired => "after.err.place_required",
            AfterPlanError::BeforeApproval(_) => "after.err.before_approval",
            AfterPlanError::ReceiptBeforeAssignment(_) => "after.err.receipt_before_assignment",
            AfterPlanError::NotFound => "after.err.not_found",
            AfterPlanError::PlanNotCurrent(_) => "after.err.plan_not_current",
        }
    }

    /// The arguments of the message, in order.
    pub fn args(&self) -> Vec<String> {
        match self {
            AfterPlanError::ProgressDown { last } => vec![last.to_string()],
            AfterPlanError::DisclosureBeforeMoney(first)
            | AfterPlanError::BeforeApproval(first)
            | AfterPlanError::ReceiptBeforeAssignment(first) => {
                vec![crate::domain::meeting::display_date(first)]
            }
            AfterPlanError::PlanNotCurrent(held) => vec![held.clone()],
            _ => Vec::new(),
        }
    }

    /// One of each error, for the message-key check.
    pub fn samples() -> Vec<AfterPlanError> {
        vec![
            AfterPlanError::PlanNotApproved,
            AfterPlanError::UnknownItem,
            AfterPlanError::ReasonRequired,
            AfterPlanError::NotAssigned,
            AfterPlanError::InBothGroups(PersonId(0)),
            AfterPlanError::AlreadyMember,
            AfterPlanError::NameRequired,
            AfterPlanError::ProgressDown { last: 0 },
            AfterPlanError::PercentAbove100,
            AfterPlanError::AmountZero,
            AfterPlanError::DisclosureBeforeMoney(String::new()),
            AfterPlanError::NothingReceived,
            AfterPlanError::DateRequired,
            AfterPlanError::PlaceRequired,
            AfterPlanError::BeforeApproval(String::new()),
            AfterPlanError::ReceiptBeforeAssignment(String::new()),
            AfterPlanError::NotFound,
            AfterPlanError::PlanNotCurrent(String::new()),
        ]
    }
}

/// Everything after the plan for one cycle's annual plan, row by row, as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AfterPlanRecord {
    /// The commune's assignment of each item.
    pub assignments: Vec<Assignment>,
    /// Members of the management and monitoring groups and the supervision board.
    pub members: Vec<GroupMember>,
    /// Contributions and outside funds received, by date.
    pub receipts: Vec<Receipt>,
    /// The dated progress log.
    pub progress: Vec<ProgressEntry>,
    /// Each work's acceptance.
    pub acceptances: Vec<Acceptance>,
    /// Every public posting of the finances.
    pub disclosures: Vec<Disclosure>,
    /// The commune's evaluations (6 months, whole year).
    pub evaluations: Vec<Evaluation>,
}

impl AfterPlanRecord {
    /// Whether nothing was recorded after the plan.
    pub fn is_empty(&self) -> bool {
        self == &AfterPlanRecord::default()
    }

    /// The assignment of an item.
    pub fn assignment(&self, item: AnnualItemId) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.item == item)
    }

    /// The members of one group of an item.
    pub fn group(&self, item: AnnualItemId, kind: GroupKind) -> Vec<&GroupMember> {
        self.members
            .iter()
            .filter(|m| m.item == item && m.kind == kind)
            .collect()
    }

    /// The receipts of an item, oldest first.
    pub fn receipts_of(&self, item: AnnualItemId) -> Vec<&Receipt> {
        let mut rows: Vec<&Receipt> = self.receipts.iter().filter(|r| r.item == item).collect();
        rows.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
        rows
    }

    /// The progress entries of an item, oldest first.
    pub fn progress_of(&self, item: AnnualItemId) -> Vec<&ProgressEntry> {
        let mut rows: Vec<&ProgressEntry> =
            self.progress.iter().filter(|p| p.item == item).collect();
        rows.sort_by(|a, b| (&a.date, a.id).cmp(&(&b.date, b.id)));
        rows
    }

    /// The latest progress entry of an item.
    pub fn last_progress(&self, item: AnnualItemId) -> Option<&ProgressEntry> {
        self.progress_of(item).last().copied()
    }

    /// The acceptance of an item.
    pub fn acceptance(&self, item: AnnualItemId) -> Option<&Acceptance> {
        self.acceptances.iter().find(|a| a.item == item)
    }

    /// The evaluation of an item in one round.
    pub fn evaluation(&self, item: AnnualItemId, round: Round) -> Option<&Evaluation> {
        self.evaluations
            .iter()
            .find(|e| e.item == item && e.round == round)
    }

    /// The latest evaluation of an item (the whole year before the 6 months).
    pub fn latest_evaluation(&self, item: AnnualItemId) -> Option<&Evaluation> {
        self.evaluation(item, Round::YearEnd)
            .or_else(|| self.evaluation(item, Round::SixMonths))
    }

    /// Whether an item can be implemented and evaluated: assigned and funded.
    pub fn is_assigned(&self, item: AnnualItemId) -> bool {
        self.assignment(item)
            .is_some_and(|a| a.decision != Decision::NotFunded)
    }
}
