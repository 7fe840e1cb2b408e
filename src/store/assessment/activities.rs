//! Proposed activities of the situation assessment: adding, correcting, merging
//! duplicates and deleting them, with the audit of every field.

use rusqlite::{Connection, Row, params};

use super::super::audit::record;
use super::super::prioritisation::refuse_if_frozen;
use super::super::{Result, Store, StoreError};
use super::{ActivityOrigin, get_u64, missing_is_not_found, subgroup_head, to_i64};
use crate::domain::CycleId;
use crate::domain::activity::{
    Activity, ActivityId, Category, Contribution, Sector, ValidActivity,
};
use crate::domain::subgroup::SubGroupId;

pub(crate) const ACTIVITY_COLUMNS: &str = "id, cycle_id, name, sector, category, quantity, unit, time, \
     location, responsible, land_m2, money_vnd, labour_days, materials, estimated_cost_vnd, \
     proposed_by_women, subgroup_id, tool_code";

impl Store {
    // --- proposed activities --------------------------------------------------------

    /// Stores a proposed activity of the cycle; its sub-group must belong to the cycle.
    pub fn add_activity(&mut self, cycle: CycleId, a: &ValidActivity) -> Result<Activity> {
        let id = self.edit(|tx| {
            check_origin(tx, cycle, a.subgroup_id)?;
            tx.execute(
                "INSERT INTO activities (cycle_id, name, sector, category) VALUES (?1, '', '', ?2)",
                params![cycle.0, a.category.code()],
            )
            .map_err(missing_is_not_found)?;
            let id = tx.last_insert_rowid();
            write_activity(tx, id, a)?;
            record(tx, "activity", id, "*", None, Some(&a.name))?;
            Ok(id)
        })?;
        self.activity(ActivityId(id))
    }

    /// Replaces an activity's fields; each changed field is audit-logged.
    pub fn update_activity(&mut self, id: ActivityId, a: &ValidActivity) -> Result<()> {
        self.edit(|tx| {
            let (old, _) = activity_in(tx, id)?;
            check_origin(tx, old.cycle_id, a.subgroup_id)?;
            write_activity(tx, id.0, a)?;
            let before = audit_fields(&old.fields);
            for ((field, b), (_, after)) in before.iter().zip(audit_fields(a)) {
                if *b != after {
                    record(tx, "activity", id.0, field, b.as_deref(), after.as_deref())?;
                }
            }
            Ok(())
        })
    }

    /// Deletes an activity with its scores and votes; duplicates merged into it come
    /// back as separate activities. Refused while the cycle's plan is frozen.
    pub fn delete_activity(&mut self, id: ActivityId) -> Result<()> {
        self.edit(|tx| {
            let (old, _) = activity_in(tx, id)?;
            refuse_if_frozen(tx, old.cycle_id)?;
            for merged in merged_ids(tx, id)? {
                tx.execute(
                    "UPDATE activities SET merged_into = NULL WHERE id = ?1",
                    [merged],
                )?;
                record(
                    tx,
                    "activity",
                    merged,
                    "merged_into",
                    Some(&id.0.to_string()),
                    None,
                )?;
            }
            tx.execute("DELETE FROM activities WHERE id = ?1", [id.0])?;
            record(tx, "activity", id.0, "*", Some(&old.fields.name), None)
        })
    }

    /// One activity (also when merged into another).
    pub fn activity(&self, id: ActivityId) -> Result<Activity> {
        activity_in(&self.conn, id).map(|(a, _)| a)
    }

    /// The cycle's activities, not counting duplicates merged into others, in the order
    /// proposed.
    pub fn activities(&self, cycle: CycleId) -> Result<Vec<Activity>> {
        self.activity_list("cycle_id = ?1 AND merged_into IS NULL", cycle.0)
    }

    /// The activities a sub-group proposed, including those since merged into another.
    pub fn subgroup_activities(&self, subgroup: SubGroupId) -> Result<Vec<Activity>> {
        self.activity_list("subgroup_id = ?1", subgroup.0)
    }

    /// The duplicates merged into an activity.
    pub fn merged_activities(&self, into: ActivityId) -> Result<Vec<Activity>> {
        self.activity_list("merged_into = ?1", into.0)
    }

    /// The activity an activity was merged into, if any.
    pub fn merged_into(&self, id: ActivityId) -> Result<Option<ActivityId>> {
        activity_in(&self.conn, id).map(|(_, m)| m)
    }

    /// Every origin of an activity: its own first, then those of duplicates merged in.
    pub fn activity_origins(&self, id: ActivityId) -> Result<Vec<ActivityOrigin>> {
        let own = self.activity(id)?;
        let merged = self.merged_activities(id)?;
        Ok(std::iter::once(own)
            .chain(merged)
            .map(|a| ActivityOrigin {
                activity: a.id,
                subgroup_id: a.fields.subgroup_id,
                tool_code: a.fields.tool_code,
                proposed_by_women: a.fields.proposed_by_women,
            })
            .collect())
    }

    /// Merges `duplicate` into `keep`: the duplicate keeps its row and origin but leaves
    /// the lists; duplicates already merged into it follow; `keep` becomes "proposed by
    /// women" if the duplicate was. Refused across cycles, for already merged activities
    /// and while the plan is frozen.
    pub fn merge_activities(&mut self, keep: ActivityId, duplicate: ActivityId) -> Result<()> {
        if keep == duplicate {
            return Err(StoreError::Refused("store.err.merge_self"));
        }
        self.edit(|tx| {
            let (k, k_merged) = activity_in(tx, keep)?;
            let (d, d_merged) = activity_in(tx, duplicate)?;
            if k.cycle_id != d.cycle_id {
                return Err(StoreError::Refused("store.err.other_cycle"));
            }
            if k_merged.is_some() || d_merged.is_some() {
                return Err(StoreError::Refused("store.err.activity_merged"));
            }
            refuse_if_frozen(tx, k.cycle_id)?;
            let target = keep.0.to_string();
            for id in merged_ids(tx, duplicate)?.into_iter().chain([duplicate.0]) {
                let old: Option<i64> = tx.query_row(
                    "SELECT merged_into FROM activities WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE activities SET merged_into = ?1 WHERE id = ?2",
                    params![keep.0, id],
                )?;
                let old = old.map(|o| o.to_string());
                record(
                    tx,
                    "activity",
                    id,
                    "merged_into",
                    old.as_deref(),
                    Some(&target),
                )?;
            }
            if d.fields.proposed_by_women && !k.fields.proposed_by_women {
                tx.execute(
                    "UPDATE activities SET proposed_by_women = 1 WHERE id = ?1",
                    [keep.0],
                )?;
                record(
                    tx,
                    "activity",
                    keep.0,
                    "proposed_by_women",
                    Some("0"),
                    Some("1"),
                )?;
            }
            Ok(())
        })
    }

    /// Undoes a merge: the activity is listed again on its own (the kept activity's
    /// "proposed by women" flag is left as it is).
    pub fn unmerge_activity(&mut self, id: ActivityId) -> Result<()> {
        self.edit(|tx| {
            let (a, merged) = activity_in(tx, id)?;
            let into = merged.ok_or(StoreError::Refused("store.err.not_merged"))?;
            refuse_if_frozen(tx, a.cycle_id)?;
            tx.execute(
                "UPDATE activities SET merged_into = NULL WHERE id = ?1",
                [id.0],
            )?;
            record(
                tx,
                "activity",
                id.0,
                "merged_into",
                Some(&into.0.to_string()),
                None,
            )
        })
    }

    fn activity_list(&self, filter: &str, key: i64) -> Result<Vec<Activity>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ACTIVITY_COLUMNS} FROM activities WHERE {filter} ORDER BY id"
        ))?;
        let rows = stmt.query_map([key], activity_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The activity `id` and what it is merged into; `NotFound` if there is none.
pub(in crate::store) fn activity_in(
    conn: &Connection,
    id: ActivityId,
) -> Result<(Activity, Option<ActivityId>)> {
    Ok(conn.query_row(
        &format!("SELECT {ACTIVITY_COLUMNS}, merged_into FROM activities WHERE id = ?1"),
        [id.0],
        |r| {
            Ok((
                activity_row(r)?,
                r.get::<_, Option<i64>>(18)?.map(ActivityId),
            ))
        },
    )?)
}

fn merged_ids(conn: &Connection, into: ActivityId) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM activities WHERE merged_into = ?1 ORDER BY id")?;
    let rows = stmt.query_map([into.0], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Refuses an origin sub-group that does not exist or belongs to another cycle.
fn check_origin(tx: &Connection, cycle: CycleId, subgroup: Option<SubGroupId>) -> Result<()> {
    let Some(id) = subgroup else {
        return Ok(());
    };
    match subgroup_head(tx, id)? {
        (c, _) if c == cycle.0 => Ok(()),
        _ => Err(StoreError::Refused("store.err.other_cycle")),
    }
}

pub(in crate::store) fn write_activity(tx: &Connection, id: i64, a: &ValidActivity) -> Result<()> {
    let c = &a.contribution;
    tx.execute(
        "UPDATE activities SET name = ?1, sector = ?2, category = ?3, quantity = ?4,
           unit = ?5, time = ?6, location = ?7, responsible = ?8, land_m2 = ?9,
           money_vnd = ?10, labour_days = ?11, materials = ?12, estimated_cost_vnd = ?13,
           proposed_by_women = ?14, subgroup_id = ?15, tool_code = ?16
         WHERE id = ?17",
        params![
            a.name,
            a.sector.code(),
            a.category.code(),
            a.quantity,
            a.unit,
            a.time,
            a.location,
            a.responsible,
            to_i64(c.land_m2)?,
            to_i64(c.money_vnd)?,
            c.labour_days,
            c.materials,
            a.estimated_cost_vnd.map(to_i64).transpose()?,
            a.proposed_by_women,
            a.subgroup_id.map(|g| g.0),
            a.tool_code,
            id,
        ],
    )?;
    Ok(())
}

/// Each stored field of an activity as audit text, in column order.
fn audit_fields(a: &ValidActivity) -> [(&'static str, Option<String>); 16] {
    let c = &a.contribution;
    let text = |s: &str| Some(s.to_string());
    [
        ("name", text(&a.name)),
        ("sector", text(a.sector.code())),
        ("category", text(a.category.code())),
        ("quantity", a.quantity.map(|q| q.to_string())),
        ("unit", text(&a.unit)),
        ("time", text(&a.time)),
        ("location", text(&a.location)),
        ("responsible", text(&a.responsible)),
        ("land_m2", Some(c.land_m2.to_string())),
        ("money_vnd", Some(c.money_vnd.to_string())),
        ("labour_days", Some(c.labour_days.to_string())),
        ("materials", text(&c.materials)),
        (
            "estimated_cost_vnd",
            a.estimated_cost_vnd.map(|v| v.to_string()),
        ),
        (
            "proposed_by_women",
            Some(u8::from(a.proposed_by_women).to_string()),
        ),
        ("subgroup_id", a.subgroup_id.map(|v| v.0.to_string())),
        ("tool_code", a.tool_code.clone()),
    ]
}

pub(crate) fn activity_row(r: &Row) -> rusqlite::Result<Activity> {
    let sector: String = r.get(3)?;
    let category: String = r.get(4)?;
    Ok(Activity {
        id: ActivityId(r.get(0)?),
        cycle_id: CycleId(r.get(1)?),
        fields: ValidActivity {
            name: r.get(2)?,
            sector: Sector::from_code(&sector).unwrap_or(Sector::Other),
            category: Category::from_code(&category).unwrap_or(Category::TechnicalSupport),
            quantity: r.get(5)?,
            unit: r.get(6)?,
            time: r.get(7)?,
            location: r.get(8)?,
            responsible: r.get(9)?,
            contribution: Contribution {
                land_m2: get_u64(r, 10)?,
                money_vnd: get_u64(r, 11)?,
                labour_days: r.get(12)?,
                materials: r.get(13)?,
            },
            estimated_cost_vnd: r
                .get::<_, Option<i64>>(14)?
                .map(|v| {
                    u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(14, v))
                })
                .transpose()?,
            proposed_by_women: r.get(15)?,
            subgroup_id: r.get::<_, Option<i64>>(16)?.map(SubGroupId),
            tool_code: r.get(17)?,
        },
    })
}
