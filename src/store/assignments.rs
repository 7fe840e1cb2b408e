//! The commune's assignment bundle (migration 0014). At the commune: the assignments made
//! on imported village plans, keyed by the plan version and the item's id inside the
//! village's bundle. At the village: the assignment bundles taken in, kept whole, and which
//! of the cycle's assignments came from one. Writes run inside a command's transaction
//! (`commands::commune_assign`, `commands::import`).

use rusqlite::{OptionalExtension, params};

use super::after_plan::{BUDGET_COLUMNS, assignment_row, audit_row, budget_params};
use super::audit::record_kept_bundle;
use super::{Result, Store};
use crate::domain::after_plan::AssignedItem;
use crate::domain::annual::AnnualItemId;
use crate::domain::{CommuneId, CycleId, VillageId};

/// Only an imported village's plan is assigned at the commune (the database refuses).
pub const ERR_LOCAL_VILLAGE: &str = "assign.err.db_local_village";
/// An assignment bundle taken in is kept as received (the database refuses a change).
pub const ERR_KEPT: &str = "assign.err.db_kept";

/// The trigger messages of migration 0014 and their i18n keys.
const REFUSALS: [(&str, &str); 2] = [
    ("kehoach: assignment of a local village", ERR_LOCAL_VILLAGE),
    ("kehoach: assignment bundle kept", ERR_KEPT),
];

/// The i18n key of a refusal from migration 0014's triggers, if `e` is one.
pub(super) fn refusal_key(e: &rusqlite::Error) -> Option<&'static str> {
    super::trigger_refusal(e, &REFUSALS)
}

/// The plan an assignment at the commune is made on: a village's year and the annual
/// plan's version id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssignedPlan<'a> {
    /// The imported village.
    pub village: VillageId,
    /// The planning year.
    pub year: i32,
    /// The annual plan's version id ("<village code>/<year>/annual/v<n>").
    pub version: &'a str,
}

/// An assignment bundle a village takes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAssignmentImport<'a> {
    /// The village's cycle of the bundle's year.
    pub cycle: CycleId,
    /// The bundle's id.
    pub bundle_id: &'a str,
    /// The hex SHA-256 of its content.
    pub sha256: &'a str,
    /// Its schema version.
    pub schema_version: u32,
    /// The file's bytes, as received.
    pub bytes: &'a [u8],
    /// The annual plan version it assigns.
    pub plan_version: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// The reason a person gave for taking it over hand-typed assignments.
    pub conflict_reason: Option<&'a str>,
}

const COLUMNS: &str = "item_key, decision, reason, target_quantity, owner, date";

impl Store {
    /// The commune's assignments on one imported plan version, by item.
    pub fn commune_assignments(&self, plan: AssignedPlan) -> Result<Vec<AssignedItem>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, {BUDGET_COLUMNS}, activity_key FROM commune_assignments
             WHERE village_id = ?1 AND year = ?2 AND plan_version = ?3 ORDER BY item_key"
        ))?;
        let rows = stmt.query_map(params![plan.village.0, plan.year, plan.version], |r| {
            Ok(AssignedItem {
                assignment: assignment_row(r)?,
                activity: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every assignment the commune made in a year, with its village and plan version
    /// (one query for the commune's listing).
    pub fn commune_assignments_of_year(
        &self,
        commune: CommuneId,
        year: i32,
    ) -> Result<Vec<(VillageId, String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.village_id, a.plan_version, a.item_key FROM commune_assignments a
             JOIN villages v ON v.id = a.village_id
             WHERE v.commune_id = ?1 AND a.year = ?2 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(params![commune.0, year], |r| {
            Ok((VillageId(r.get(0)?), r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) the commune's assignment of one item of an imported plan.
    pub fn set_commune_assignment(
        &mut self,
        plan: AssignedPlan,
        item: &AssignedItem,
    ) -> Result<()> {
        let a = &item.assignment;
        let old = self
            .commune_assignments(plan)?
            .into_iter()
            .find(|o| o.assignment.item == a.item);
        self.edit(|tx| {
            let [people, commune, district, programme, other] = budget_params(&a.budget);
            tx.execute(
                "INSERT INTO commune_assignments (village_id, year, plan_version, item_key,
                   activity_key, decision, reason, target_quantity, owner, date, people_vnd,
                   commune_vnd, district_vnd, programme_vnd, other_vnd)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT (village_id, year, plan_version, item_key) DO UPDATE SET
                   activity_key = excluded.activity_key, decision = excluded.decision,
                   reason = excluded.reason, target_quantity = excluded.target_quantity,
                   owner = excluded.owner, date = excluded.date,
                   people_vnd = excluded.people_vnd, commune_vnd = excluded.commune_vnd,
                   district_vnd = excluded.district_vnd,
                   programme_vnd = excluded.programme_vnd, other_vnd = excluded.other_vnd",
                params![
                    plan.village.0,
                    plan.year,
                    plan.version,
                    a.item.0,
                    item.activity,
                    a.decision.code(),
                    a.reason.trim(),
                    a.target_quantity,
                    a.owner.code(),
                    a.date,
                    people,
                    commune,
                    district,
                    programme,
                    other
                ],
            )?;
            let id: i64 = tx.query_row(
                "SELECT id FROM commune_assignments WHERE village_id = ?1 AND year = ?2
                   AND plan_version = ?3 AND item_key = ?4",
                params![plan.village.0, plan.year, plan.version, a.item.0],
                |r| r.get(0),
            )?;
            audit_row(tx, "commune_assignments", id, old.as_ref(), Some(item))
        })
    }

    /// Keeps an assignment bundle a village takes in; returns its row id.
    pub fn add_assignment_import(&mut self, new: &NewAssignmentImport) -> Result<i64> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO assignment_imports (cycle_id, bundle_id, sha256, schema_version,
                   bytes, plan_version, file_name, conflict_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new.cycle.0,
                    new.bundle_id,
                    new.sha256,
                    new.schema_version,
                    new.bytes,
                    new.plan_version,
                    new.file_name,
                    new.conflict_reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            record_kept_bundle(
                tx,
                "assignment_import",
                id,
                new.bundle_id,
                new.conflict_reason,
            )?;
            Ok(id)
        })
    }

    /// Whether a cycle already took in this very bundle (same id and checksum).
    pub fn assignment_bundle_held(
        &self,
        cycle: CycleId,
        bundle_id: &str,
        sha256: &str,
    ) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM assignment_imports
                 WHERE cycle_id = ?1 AND bundle_id = ?2 AND sha256 = ?3",
                params![cycle.0, bundle_id, sha256],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The items of a cycle whose assignment was typed by hand (not from a bundle).
    pub fn hand_typed_assignments(&self, cycle: CycleId) -> Result<Vec<AnnualItemId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id FROM assignments WHERE cycle_id = ?1 AND import_id IS NULL
             ORDER BY item_id",
        )?;
        let rows = stmt.query_map([cycle.0], |r| r.get(0).map(AnnualItemId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
