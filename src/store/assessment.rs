//! Situation assessment (medium-term step 2): the PRA tools chosen for a cycle, the
//! working group's sub-groups (members, leader, themes, tools), their findings per tool,
//! and the activities they propose, with duplicates merged while both origins are kept.
//!
//! Tool and theme codes are stored as given (the catalogue is data; the domain's
//! `subgroup::check` reports unknown codes). A person is in at most one sub-group of a
//! cycle (a UNIQUE constraint). A merged duplicate keeps its row, marked `merged_into`.

use rusqlite::{Connection, Row, Transaction, params};

use super::audit::record;
use super::prioritisation::refuse_if_frozen;
use super::{Result, Store, StoreError};
use crate::domain::activity::{
    Activity, ActivityId, Category, Contribution, Sector, ValidActivity,
};
use crate::domain::subgroup::SubGroup;
use crate::domain::{CycleId, PersonId};

/// What one sub-group recorded with one PRA tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFinding {
    /// Database identifier.
    pub id: i64,
    /// The sub-group that used the tool.
    pub subgroup_id: i64,
    /// The tool's catalogue code.
    pub tool_code: String,
    /// Findings as typed (several lines: advantages, difficulties, causes, potentials).
    pub text: String,
    /// Time spent with the tool, in minutes.
    pub minutes: u32,
    /// The day it was recorded, as typed ("Ngày 1", "12/5").
    pub day: String,
}

/// Where an activity came from: the activity itself or a duplicate merged into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityOrigin {
    /// The activity row carrying this origin.
    pub activity: ActivityId,
    /// Proposing sub-group, if any.
    pub subgroup_id: Option<i64>,
    /// PRA tool it came from, if any.
    pub tool_code: Option<String>,
    /// Whether that row is marked proposed by women (a kept row is marked when a
    /// duplicate merged into it was).
    pub proposed_by_women: bool,
}

/// Counts about a cycle's assessment for the progress view and the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AssessmentFacts {
    /// PRA tools selected for the cycle.
    pub tools_selected: u32,
    /// Selected tools with at least one finding.
    pub tools_done: u32,
    /// Sub-groups formed.
    pub subgroups: u32,
    /// Sub-groups with at least one finding.
    pub subgroups_reported: u32,
    /// Findings recorded.
    pub findings: u32,
    /// Proposed activities, not counting duplicates merged into others.
    pub activities: u32,
    /// Minutes spent, summed over all findings.
    pub minutes_used: u32,
}

const ACTIVITY_COLUMNS: &str = "id, cycle_id, name, sector, category, quantity, unit, time, \
     location, responsible, land_m2, money_vnd, labour_days, materials, estimated_cost_vnd, \
     proposed_by_women, subgroup_id, tool_code";

const FINDING_COLUMNS: &str = "id, subgroup_id, tool_code, body, minutes, day";

impl Store {
    // --- tools of the cycle -------------------------------------------------------

    /// Marks a PRA tool as chosen by the working group for this cycle.
    pub fn select_tool(&mut self, cycle: CycleId, code: &str) -> Result<()> {
        self.set_code(CodeSet::CycleTools, cycle.0, code, true)
    }

    /// Removes a PRA tool from the cycle's selection (its findings are kept).
    pub fn unselect_tool(&mut self, cycle: CycleId, code: &str) -> Result<()> {
        self.set_code(CodeSet::CycleTools, cycle.0, code, false)
    }

    /// Codes of the tools selected for the cycle, in the order chosen.
    pub fn selected_tools(&self, cycle: CycleId) -> Result<Vec<String>> {
        codes(&self.conn, CodeSet::CycleTools, cycle.0)
    }

    // --- sub-groups -----------------------------------------------------------------

    /// Creates an empty sub-group in the cycle.
    pub fn create_subgroup(&mut self, cycle: CycleId, name: &str) -> Result<SubGroup> {
        let name = non_blank(name)?;
        let id = self.edit(|tx| {
            tx.execute(
                "INSERT INTO subgroups (cycle_id, name) VALUES (?1, ?2)",
                params![cycle.0, name],
            )
            .map_err(missing_is_not_found)?;
            let id = tx.last_insert_rowid();
            record(tx, "subgroup", id, "*", None, Some(name))?;
            Ok(id)
        })?;
        self.subgroup(id)
    }

    /// Renames a sub-group.
    pub fn rename_subgroup(&mut self, id: i64, name: &str) -> Result<()> {
        let name = non_blank(name)?;
        self.edit(|tx| {
            let (_, old) = subgroup_head(tx, id)?;
            tx.execute(
                "UPDATE subgroups SET name = ?1 WHERE id = ?2",
                params![name, id],
            )?;
            record(tx, "subgroup", id, "name", Some(&old), Some(name))
        })
    }

    /// Deletes a sub-group with its members and assignments; refused while it has
    /// findings or proposed activities.
    pub fn delete_subgroup(&mut self, id: i64) -> Result<()> {
        self.edit(|tx| {
            let (_, name) = subgroup_head(tx, id)?;
            let records: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM findings WHERE subgroup_id = ?1)
                      + (SELECT count(*) FROM activities WHERE subgroup_id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if records > 0 {
                return Err(StoreError::Refused("store.err.subgroup_has_records"));
            }
            tx.execute("DELETE FROM subgroups WHERE id = ?1", [id])?;
            record(tx, "subgroup", id, "*", Some(&name), None)
        })
    }

    /// Sets or clears the sub-group's leader (who records and sums up); membership is not
    /// required here, `subgroup::check` warns about a leader outside the group.
    pub fn set_subgroup_leader(&mut self, id: i64, leader: Option<PersonId>) -> Result<()> {
        self.edit(|tx| {
            subgroup_head(tx, id)?;
            let old: Option<i64> =
                tx.query_row("SELECT leader_id FROM subgroups WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "UPDATE subgroups SET leader_id = ?1 WHERE id = ?2",
                params![leader.map(|p| p.0), id],
            )
            .map_err(missing_is_not_found)?;
            let show = |p: Option<i64>| p.map(|p| p.to_string());
            let new = show(leader.map(|p| p.0));
            record(
                tx,
                "subgroup",
                id,
                "leader",
                show(old).as_deref(),
                new.as_deref(),
            )
        })
    }

    /// Adds a person to a sub-group; refused with `store.err.already_in_subgroup` when
    /// the person is in another sub-group of the cycle (adding twice is a no-op).
    pub fn add_subgroup_member(&mut self, id: i64, person: PersonId) -> Result<()> {
        self.edit(|tx| {
            let (cycle, _) = subgroup_head(tx, id)?;
            let n = tx
                .execute(
                    "INSERT INTO subgroup_members (subgroup_id, cycle_id, person_id)
                     SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM subgroup_members
                       WHERE subgroup_id = ?1 AND person_id = ?3)",
                    params![id, cycle, person.0],
                )
                .map_err(|e| refuse_duplicate(e, "store.err.already_in_subgroup"))?;
            if n > 0 {
                record(
                    tx,
                    "subgroup",
                    id,
                    "member",
                    None,
                    Some(&person.0.to_string()),
                )?;
            }
            Ok(())
        })
    }

    /// Removes a person from a sub-group (clearing the leader if it was them).
    pub fn remove_subgroup_member(&mut self, id: i64, person: PersonId) -> Result<()> {
        self.edit(|tx| {
            let n = tx.execute(
                "DELETE FROM subgroup_members WHERE subgroup_id = ?1 AND person_id = ?2",
                params![id, person.0],
            )?;
            if n == 0 {
                return Ok(());
            }
            let who = person.0.to_string();
            record(tx, "subgroup", id, "member", Some(&who), None)?;
            let led = tx.execute(
                "UPDATE subgroups SET leader_id = NULL WHERE id = ?1 AND leader_id = ?2",
                params![id, person.0],
            )?;
            if led > 0 {
                record(tx, "subgroup", id, "leader", Some(&who), None)?;
            }
            Ok(())
        })
    }

    /// Gives a theme (catalogue code) to a sub-group.
    pub fn assign_theme(&mut self, id: i64, code: &str) -> Result<()> {
        self.set_code(CodeSet::Themes, id, code, true)
    }

    /// Takes a theme away from a sub-group.
    pub fn unassign_theme(&mut self, id: i64, code: &str) -> Result<()> {
        self.set_code(CodeSet::Themes, id, code, false)
    }

    /// Gives a PRA tool (catalogue code) to a sub-group.
    pub fn assign_tool(&mut self, id: i64, code: &str) -> Result<()> {
        self.set_code(CodeSet::Tools, id, code, true)
    }

    /// Takes a PRA tool away from a sub-group.
    pub fn unassign_tool(&mut self, id: i64, code: &str) -> Result<()> {
        self.set_code(CodeSet::Tools, id, code, false)
    }

    /// One sub-group with its members, themes and tools (each in the order added).
    pub fn subgroup(&self, id: i64) -> Result<SubGroup> {
        let (name, leader) = self.conn.query_row(
            "SELECT name, leader_id FROM subgroups WHERE id = ?1",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT person_id FROM subgroup_members WHERE subgroup_id = ?1 ORDER BY rowid",
        )?;
        let members = stmt
            .query_map([id], |r| r.get(0).map(PersonId))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SubGroup {
            id,
            name,
            leader: leader.map(PersonId),
            members,
            themes: codes(&self.conn, CodeSet::Themes, id)?,
            tools: codes(&self.conn, CodeSet::Tools, id)?,
        })
    }

    /// The sub-groups of a cycle, in the order created.
    pub fn subgroups(&self, cycle: CycleId) -> Result<Vec<SubGroup>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM subgroups WHERE cycle_id = ?1 ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([cycle.0], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.subgroup(id)).collect()
    }

    // --- findings -------------------------------------------------------------------

    /// Records a sub-group's findings with one tool; refused with
    /// `store.err.finding_exists` when that pair already has findings.
    pub fn add_finding(
        &mut self,
        subgroup: i64,
        tool_code: &str,
        text: &str,
        minutes: u32,
        day: &str,
    ) -> Result<ToolFinding> {
        let id = self.edit(|tx| {
            tx.execute(
                "INSERT INTO findings (subgroup_id, tool_code, body, minutes, day)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![subgroup, tool_code, text, minutes, day],
            )
            .map_err(|e| refuse_duplicate(e, "store.err.finding_exists"))?;
            let id = tx.last_insert_rowid();
            record(tx, "finding", id, "*", None, Some(tool_code))?;
            record(tx, "finding", id, "text", None, Some(text))?;
            Ok(id)
        })?;
        self.finding(id)
    }

    /// Changes the text, time spent and day of a finding.
    pub fn update_finding(&mut self, id: i64, text: &str, minutes: u32, day: &str) -> Result<()> {
        self.edit(|tx| {
            let old = tx.query_row(
                &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
                [id],
                finding_row,
            )?;
            tx.execute(
                "UPDATE findings SET body = ?1, minutes = ?2, day = ?3 WHERE id = ?4",
                params![text, minutes, day, id],
            )?;
            let changes = [
                ("text", old.text, text.to_string()),
                ("minutes", old.minutes.to_string(), minutes.to_string()),
                ("day", old.day, day.to_string()),
            ];
            for (field, before, after) in changes.iter().filter(|(_, b, a)| b != a) {
                record(tx, "finding", id, field, Some(before), Some(after))?;
            }
            Ok(())
        })
    }

    /// Deletes a finding.
    pub fn delete_finding(&mut self, id: i64) -> Result<()> {
        self.edit(|tx| {
            let old = tx.query_row(
                &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
                [id],
                finding_row,
            )?;
            tx.execute("DELETE FROM findings WHERE id = ?1", [id])?;
            record(tx, "finding", id, "*", Some(&old.text), None)
        })
    }

    /// One finding.
    pub fn finding(&self, id: i64) -> Result<ToolFinding> {
        Ok(self.conn.query_row(
            &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
            [id],
            finding_row,
        )?)
    }

    /// All findings of a cycle, by sub-group then in the order recorded.
    pub fn findings(&self, cycle: CycleId) -> Result<Vec<ToolFinding>> {
        self.finding_list(
            "subgroup_id IN (SELECT id FROM subgroups WHERE cycle_id = ?1)",
            cycle.0,
        )
    }

    /// The findings of one sub-group, in the order recorded.
    pub fn subgroup_findings(&self, subgroup: i64) -> Result<Vec<ToolFinding>> {
        self.finding_list("subgroup_id = ?1", subgroup)
    }

    fn finding_list(&self, filter: &str, key: i64) -> Result<Vec<ToolFinding>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {filter} ORDER BY subgroup_id, id"
        ))?;
        let rows = stmt.query_map([key], finding_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

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
    pub fn subgroup_activities(&self, subgroup: i64) -> Result<Vec<Activity>> {
        self.activity_list("subgroup_id = ?1", subgroup)
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

    // --- facts ----------------------------------------------------------------------

    /// Counts of the cycle's assessment: tools, sub-groups, findings, activities, time.
    pub fn assessment_facts(&self, cycle: CycleId) -> Result<AssessmentFacts> {
        Ok(self.conn.query_row(
            "WITH g AS (SELECT id FROM subgroups WHERE cycle_id = ?1),
                  f AS (SELECT * FROM findings WHERE subgroup_id IN (SELECT id FROM g))
             SELECT (SELECT count(*) FROM cycle_tools WHERE cycle_id = ?1),
                    (SELECT count(*) FROM cycle_tools t WHERE t.cycle_id = ?1
                       AND EXISTS (SELECT 1 FROM f WHERE f.tool_code = t.tool_code)),
                    (SELECT count(*) FROM g),
                    (SELECT count(DISTINCT subgroup_id) FROM f),
                    (SELECT count(*) FROM f),
                    (SELECT count(*) FROM activities WHERE cycle_id = ?1 AND merged_into IS NULL),
                    (SELECT coalesce(sum(minutes), 0) FROM f)",
            [cycle.0],
            |r| {
                Ok(AssessmentFacts {
                    tools_selected: r.get(0)?,
                    tools_done: r.get(1)?,
                    subgroups: r.get(2)?,
                    subgroups_reported: r.get(3)?,
                    findings: r.get(4)?,
                    activities: r.get(5)?,
                    minutes_used: r.get(6)?,
                })
            },
        )?)
    }

    /// Adds (`on`) or removes a code of a set, audit-logged when it changed anything.
    fn set_code(&mut self, set: CodeSet, owner: i64, code: &str, on: bool) -> Result<()> {
        let code = non_blank(code)?;
        let (table, owner_column, column) = set.columns();
        self.edit(|tx| {
            let sql = if on {
                format!("INSERT OR IGNORE INTO {table} ({owner_column}, {column}) VALUES (?1, ?2)")
            } else {
                format!("DELETE FROM {table} WHERE {owner_column} = ?1 AND {column} = ?2")
            };
            let n = tx
                .execute(&sql, params![owner, code])
                .map_err(missing_is_not_found)?;
            if n > 0 {
                let (old, new) = if on {
                    (None, Some(code))
                } else {
                    (Some(code), None)
                };
                record(tx, set.entity(), owner, set.field(), old, new)?;
            }
            Ok(())
        })
    }
}

/// The sets of catalogue codes kept per cycle or per sub-group.
#[derive(Clone, Copy)]
enum CodeSet {
    /// Tools selected for a cycle.
    CycleTools,
    /// Themes assigned to a sub-group.
    Themes,
    /// Tools assigned to a sub-group.
    Tools,
}

impl CodeSet {
    /// Table, owner column and code column.
    fn columns(self) -> (&'static str, &'static str, &'static str) {
        match self {
            CodeSet::CycleTools => ("cycle_tools", "cycle_id", "tool_code"),
            CodeSet::Themes => ("subgroup_themes", "subgroup_id", "theme_code"),
            CodeSet::Tools => ("subgroup_tools", "subgroup_id", "tool_code"),
        }
    }

    /// Audit entity of the owner.
    fn entity(self) -> &'static str {
        match self {
            CodeSet::CycleTools => "cycle",
            CodeSet::Themes | CodeSet::Tools => "subgroup",
        }
    }

    /// Audit field.
    fn field(self) -> &'static str {
        match self {
            CodeSet::Themes => "theme",
            CodeSet::CycleTools | CodeSet::Tools => "tool",
        }
    }
}

/// The activity `id` and what it is merged into; `NotFound` if there is none.
pub(super) fn activity_in(
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

/// The sub-group's cycle and name; `NotFound` if there is none.
fn subgroup_head(tx: &Transaction, id: i64) -> Result<(i64, String)> {
    Ok(tx.query_row(
        "SELECT cycle_id, name FROM subgroups WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Refuses an origin sub-group that does not exist or belongs to another cycle.
fn check_origin(tx: &Transaction, cycle: CycleId, subgroup: Option<i64>) -> Result<()> {
    let Some(id) = subgroup else {
        return Ok(());
    };
    match subgroup_head(tx, id)? {
        (c, _) if c == cycle.0 => Ok(()),
        _ => Err(StoreError::Refused("store.err.other_cycle")),
    }
}

pub(super) fn write_activity(tx: &Transaction, id: i64, a: &ValidActivity) -> Result<()> {
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
            a.subgroup_id,
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
        ("subgroup_id", a.subgroup_id.map(|v| v.to_string())),
        ("tool_code", a.tool_code.clone()),
    ]
}

fn activity_row(r: &Row) -> rusqlite::Result<Activity> {
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
            subgroup_id: r.get(16)?,
            tool_code: r.get(17)?,
        },
    })
}

fn finding_row(r: &Row) -> rusqlite::Result<ToolFinding> {
    Ok(ToolFinding {
        id: r.get(0)?,
        subgroup_id: r.get(1)?,
        tool_code: r.get(2)?,
        text: r.get(3)?,
        minutes: r.get(4)?,
        day: r.get(5)?,
    })
}

/// The codes of one owner in a set, in the order added.
fn codes(conn: &Connection, set: CodeSet, owner: i64) -> Result<Vec<String>> {
    let (table, owner_column, column) = set.columns();
    let mut stmt = conn.prepare(&format!(
        "SELECT {column} FROM {table} WHERE {owner_column} = ?1 ORDER BY rowid"
    ))?;
    let rows = stmt.query_map([owner], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A count or amount as SQLite's integer; refused when it does not fit.
pub(super) fn to_i64(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| StoreError::Refused("store.err.number_too_large"))
}

/// Reads a non-negative integer column as `u64`.
pub(super) fn get_u64(r: &Row, idx: usize) -> rusqlite::Result<u64> {
    let v: i64 = r.get(idx)?;
    u64::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, v))
}

/// The trimmed text, refused with `err.name_empty` when blank.
fn non_blank(text: &str) -> Result<&str> {
    match text.trim() {
        "" => Err(StoreError::Refused("err.name_empty")),
        t => Ok(t),
    }
}

/// Extended result code of a failed statement, if it is a SQLite failure.
fn extended_code(e: &rusqlite::Error) -> Option<i32> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.extended_code),
        _ => None,
    }
}

/// A foreign-key failure (a referenced cycle, sub-group or person is missing) as `NotFound`.
pub(super) fn missing_is_not_found(e: rusqlite::Error) -> StoreError {
    if extended_code(&e) == Some(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY) {
        StoreError::NotFound
    } else {
        e.into()
    }
}

/// A UNIQUE or primary-key failure as a refusal with `key`; foreign keys as `NotFound`.
fn refuse_duplicate(e: rusqlite::Error, key: &'static str) -> StoreError {
    match extended_code(&e) {
        Some(rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
        | Some(rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => StoreError::Refused(key),
        _ => missing_is_not_found(e),
    }
}
