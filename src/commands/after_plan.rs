//! After the plan (issue 15): the commune's assignment of an approved annual plan's items,
//! the groups that manage and watch each work, the ledger, the progress log, the
//! acceptance, the public postings of the finances and the commune's evaluations. Each
//! command checks the procedure's rules (`domain::after_plan`) against what is stored,
//! inside the command's transaction: nothing is written when a rule refuses.

use super::{CommandError, Effect};
use crate::domain::after_plan::{
    Acceptance, AfterPlanError, AfterPlanRecord, Assignment, Disclosure, Evaluation, GroupMember,
    ProgressEntry, Receipt, check_new_member, disclosed_amounts, needs_reason,
};
use crate::domain::annual::AnnualItemId;
use crate::store::{Owner, Store};

/// An edit after the plan; every variant names the annual-plan item it is about.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterPlanCommand {
    /// Record (or replace) the commune's assignment of an item.
    Assign(Assignment),
    /// Add a member to a group of a work (the id is given by the store).
    AddMember(GroupMember),
    /// Remove a member from a group.
    RemoveMember {
        /// The item.
        item: AnnualItemId,
        /// The member's id.
        id: i64,
    },
    /// Add a line to a work's ledger (the id is given by the store).
    AddReceipt(Receipt),
    /// Remove a ledger line typed by mistake.
    RemoveReceipt {
        /// The item.
        item: AnnualItemId,
        /// The line's id.
        id: i64,
    },
    /// Add a dated line to the progress log (the id is given by the store).
    AddProgress(ProgressEntry),
    /// Record (or replace) a work's acceptance.
    Accept(Acceptance),
    /// Record a public posting of the finances; the amounts are the ledger's on that day.
    Disclose {
        /// The item.
        item: AnnualItemId,
        /// Date posted (ISO).
        date: String,
        /// Where it was posted.
        place: String,
        /// The amount spent, as posted (đồng).
        spent: i64,
        /// What else the notice said.
        note: String,
    },
    /// Record (or replace) an item's evaluation in one round.
    Evaluate(Evaluation),
}

impl AfterPlanCommand {
    /// The annual-plan item the command is about.
    pub fn item(&self) -> AnnualItemId {
        match self {
            AfterPlanCommand::Assign(a) => a.item,
            AfterPlanCommand::AddMember(m) => m.item,
            AfterPlanCommand::RemoveMember { item, .. }
            | AfterPlanCommand::RemoveReceipt { item, .. }
            | AfterPlanCommand::Disclose { item, .. } => *item,
            AfterPlanCommand::AddReceipt(r) => r.item,
            AfterPlanCommand::AddProgress(p) => p.item,
            AfterPlanCommand::Accept(a) => a.item,
            AfterPlanCommand::Evaluate(e) => e.item,
        }
    }
}

fn refused(why: AfterPlanError) -> CommandError {
    CommandError::AfterPlan(why)
}

/// The records after the item's plan, once the plan is approved and stands.
fn approved_plan_record(
    store: &Store,
    item: AnnualItemId,
) -> Result<AfterPlanRecord, CommandError> {
    let cycle = store
        .cycle_of(Owner::AnnualItem(item))
        .map_err(|_| refused(AfterPlanError::UnknownItem))?;
    if !store.is_annual_frozen(cycle)? {
        return Err(refused(AfterPlanError::PlanNotApproved));
    }
    Ok(store.after_plan(cycle)?)
}

/// Refuses work on an item that was not assigned, or not funded.
fn assigned(after: &AfterPlanRecord, item: AnnualItemId) -> Result<(), CommandError> {
    if after.is_assigned(item) {
        Ok(())
    } else {
        Err(refused(AfterPlanError::NotAssigned))
    }
}

/// Refuses an assignment dated before the village meeting approved the plan.
fn refuse_before_approval(
    store: &Store,
    item: AnnualItemId,
    date: &str,
) -> Result<(), CommandError> {
    let cycle = store.cycle_of(Owner::AnnualItem(item))?;
    let approved = store
        .annual_approval(cycle)?
        .and_then(|a| crate::domain::meeting::parse_date(&a.date).ok());
    match approved {
        Some(day) if !day.is_empty() && date < day.as_str() => {
            Err(refused(AfterPlanError::BeforeApproval(day)))
        }
        Some(_) | None => Ok(()),
    }
}

fn dated(date: &str) -> Result<(), CommandError> {
    if date.trim().is_empty() {
        return Err(refused(AfterPlanError::DateRequired));
    }
    Ok(())
}

/// Records an item's assignment, typed by hand or taken from the assignment bundle
/// `import`: the plan approved and standing, the commune's reason when changed or not
/// funded, dated on or after the approval.
pub(super) fn assign(
    store: &mut Store,
    a: &Assignment,
    import: Option<i64>,
) -> Result<(), CommandError> {
    approved_plan_record(store, a.item)?;
    a.check().map_err(refused)?;
    refuse_before_approval(store, a.item, &a.date)?;
    Ok(store.set_assignment_from(a, import)?)
}

/// Runs one after-plan command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: AfterPlanCommand) -> Result<Effect, CommandError> {
    use AfterPlanCommand as C;
    let item = command.item();
    let after = approved_plan_record(store, item)?;
    match command {
        C::Assign(a) => assign(store, &a, None).map(|()| Effect::Done),
        C::AddMember(m) => {
            assigned(&after, item)?;
            check_new_member(&after.members, item, m.kind, m.person, &m.name).map_err(refused)?;
            Ok(Effect::Row(store.add_group_member(&m)?))
        }
        C::RemoveMember { item, id } => {
            store.remove_group_member(item, id)?;
            Ok(Effect::Done)
        }
        C::AddReceipt(r) => {
            assigned(&after, item)?;
            dated(&r.date)?;
            if r.amount <= 0 {
                return Err(refused(AfterPlanError::AmountZero));
            }
            if let Some(a) = after.assignment(item) {
                r.check_dated_after(&a.date).map_err(refused)?;
            }
            Ok(Effect::Row(store.add_receipt(&r)?))
        }
        C::RemoveReceipt { item, id } => {
            store.remove_receipt(item, id)?;
            Ok(Effect::Done)
        }
        C::AddProgress(p) => {
            assigned(&after, item)?;
            dated(&p.date)?;
            let last = after.last_progress(item).map(|e| e.percent);
            needs_reason(last, p.percent, &p.reason).map_err(refused)?;
            Ok(Effect::Row(store.add_progress(&p)?))
        }
        C::Accept(a) => {
            assigned(&after, item)?;
            dated(&a.date)?;
            store.set_acceptance(&a)?;
            Ok(Effect::Done)
        }
        C::Disclose {
            item,
            date,
            place,
            spent,
            note,
        } => {
            assigned(&after, item)?;
            if place.trim().is_empty() {
                return Err(refused(AfterPlanError::PlaceRequired));
            }
            let amounts = disclosed_amounts(&after.receipts_of(item), &date).map_err(refused)?;
            let posting = Disclosure {
                id: 0,
                item,
                date,
                place,
                amounts,
                spent: spent.max(0),
                note,
            };
            Ok(Effect::Row(store.add_disclosure(&posting)?))
        }
        C::Evaluate(e) => {
            assigned(&after, item)?;
            dated(&e.date)?;
            if e.completion > 100 {
                return Err(refused(AfterPlanError::PercentAbove100));
            }
            store.set_evaluation(&e)?;
            Ok(Effect::Done)
        }
    }
}
