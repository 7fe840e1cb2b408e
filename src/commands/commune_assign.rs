//! The commune assigns a village's approved annual plan back to it (phase 3, "Giao kế
//! hoạch"): one activity at a time, on the plan version the commune holds now. An
//! imported village's plan is read-only here, so its assignments are kept beside it
//! (`commune_assignments`); a village edited on this laptop is assigned in its own cycle
//! by the village's command (`AfterPlanCommand::Assign`), the same rules either way. The
//! village takes an imported village's assignments in by the assignment bundle.

use super::after_plan::{self, AfterPlanCommand};
use super::{Command, CommandError, Effect, frozen};
use crate::domain::activity::ActivityId;
use crate::domain::after_plan::{AfterPlanError, AssignedItem};
use crate::domain::commune::{PlanSource, VillageYear};
use crate::domain::record::CycleRecord;
use crate::domain::{CommuneId, VillageId};
use crate::export::assignment::AssignmentBundle;
use crate::export::bundle::{Stamp, annual_identity};
use crate::store::{AssignedPlan, Store, StoreError};

/// The commune's assignment of one activity of a village's approved annual plan.
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneAssign {
    /// The village.
    pub village: VillageId,
    /// The planning year.
    pub year: i32,
    /// The annual plan version it was typed on (refused if no longer the current one).
    pub plan_version: String,
    /// The item (its id in the village's record), its activity's id and the assignment.
    pub item: AssignedItem,
}

fn refused(why: AfterPlanError) -> CommandError {
    CommandError::AfterPlan(why)
}

/// Checks an assignment against the village's plan: approved, the version it names still
/// current, the item in the plan holding that activity, a reason when changed or not
/// funded, dated on or after the approval.
pub(super) fn check_on(
    record: &CycleRecord,
    version: &str,
    item: &AssignedItem,
) -> Result<(), CommandError> {
    let plan = annual_identity(record).ok_or(refused(AfterPlanError::PlanNotApproved))?;
    if plan.version_id != version {
        return Err(refused(AfterPlanError::PlanNotCurrent(
            plan.version.to_string(),
        )));
    }
    let a = &item.assignment;
    let known = record
        .annual
        .items
        .iter()
        .any(|i| i.id == a.item && i.activity == ActivityId(item.activity));
    if !known {
        return Err(refused(AfterPlanError::UnknownItem));
    }
    a.check().map_err(refused)?;
    let approved = record
        .annual
        .approval
        .as_ref()
        .and_then(|a| crate::domain::meeting::parse_date(&a.date).ok());
    a.check_dated_after(approved.as_deref()).map_err(refused)
}

/// Runs the commune's assignment (inside the command's transaction).
pub(super) fn run(store: &mut Store, c: CommuneAssign) -> Result<Effect, CommandError> {
    if store.village_imported(c.village)? {
        let current = store
            .current_import(c.village, c.year)?
            .ok_or(refused(AfterPlanError::PlanNotApproved))?;
        let record = store.imported_record(current.id)?;
        check_on(&record, &c.plan_version, &c.item)?;
        let plan = AssignedPlan {
            village: c.village,
            year: c.year,
            version: &c.plan_version,
        };
        store.set_commune_assignment(plan, &c.item)?;
        return Ok(Effect::Done);
    }
    let cycle = store
        .cycles(c.village)?
        .into_iter()
        .find(|cy| cy.year == c.year)
        .ok_or(refused(AfterPlanError::PlanNotApproved))?;
    let record = store.cycle_record(cycle.id)?;
    check_on(&record, &c.plan_version, &c.item)?;
    assign_local(store, c.item.assignment, None)
}

/// A village edited here: its own assignment, by the rules of its assignment command
/// (with the refusal checks `execute` runs before every command); `import` is the
/// assignment bundle it comes from (`None`: typed at the commune or by hand).
pub(super) fn assign_local(
    store: &mut Store,
    a: crate::domain::after_plan::Assignment,
    import: Option<i64>,
) -> Result<Effect, CommandError> {
    frozen::refuse(
        store,
        &Command::AfterPlan(AfterPlanCommand::Assign(a.clone())),
    )?;
    after_plan::assign(store, &a, import)?;
    Ok(Effect::Done)
}

/// The commune's assignments on a village's current approved plan, in the plan's item
/// order: kept beside an imported plan, or the village's own when it is edited here.
pub fn assigned_items(
    store: &Store,
    village: &VillageYear,
) -> Result<Vec<AssignedItem>, StoreError> {
    let Some(record) = &village.record else {
        return Ok(Vec::new());
    };
    let Some(plan) = annual_identity(record) else {
        return Ok(Vec::new());
    };
    let held: Vec<AssignedItem> = match village.source {
        PlanSource::Imported(_) => store.commune_assignments(AssignedPlan {
            village: village.village.id,
            year: record.cycle.year,
            version: &plan.version_id,
        })?,
        PlanSource::Local => record
            .after
            .assignments
            .iter()
            .filter_map(|a| {
                let item = record.annual.items.iter().find(|i| i.id == a.item)?;
                Some(AssignedItem {
                    activity: item.activity.0,
                    assignment: a.clone(),
                })
            })
            .collect(),
    };
    let order = |a: &AssignedItem| {
        record
            .annual
            .items
            .iter()
            .position(|i| i.id == a.assignment.item)
    };
    let mut held = held;
    held.sort_by_key(order);
    Ok(held)
}

/// One assignment bundle per village of the commune's year whose approved plan has at
/// least one activity assigned, by village name.
pub fn assignment_bundles(
    store: &Store,
    commune: CommuneId,
    year: i32,
    stamp: &Stamp,
) -> Result<Vec<AssignmentBundle>, StoreError> {
    let (commune, code) = store.commune_with_code(commune)?;
    let mut out = Vec::new();
    for village in store.commune_year(commune.id, year)? {
        let items = assigned_items(store, &village)?;
        let Some(record) = village.record.as_ref().filter(|_| !items.is_empty()) else {
            continue;
        };
        let stamp = Stamp {
            bundle_id: uuid::Uuid::new_v4(),
            created_at: stamp.created_at,
        };
        out.extend(AssignmentBundle::new(
            (commune.clone(), code.clone()),
            record,
            items,
            &stamp,
        ));
    }
    Ok(out)
}
