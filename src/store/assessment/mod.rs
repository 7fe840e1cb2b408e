//! Situation assessment (medium-term step 2): the PRA tools chosen for a cycle, the
//! working group's sub-groups (members, leader, themes, tools), their findings per tool,
//! and the activities they propose, with duplicates merged while both origins are kept.
//!
//! Tool and theme codes are stored as given (the catalogue is data; the domain's
//! `subgroup::check` reports unknown codes). A person is in at most one sub-group of a
//! cycle (a UNIQUE constraint). A merged duplicate keeps its row, marked `merged_into`.

pub(crate) mod activities;

pub(in crate::store) use activities::{activity_in, write_activity};

use rusqlite::{Connection, Row, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::activity::ActivityId;
use crate::domain::subgroup::{FindingId, SubGroup, SubGroupId};
use crate::domain::{CycleId, PersonId};

/// What one sub-group recorded with one PRA tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolFinding {
    /// Database identifier.
    pub id: FindingId,
    /// The sub-group that used the tool.
    pub subgroup_id: SubGroupId,
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
    pub subgroup_id: Option<SubGroupId>,
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
        self.subgroup(SubGroupId(id))
    }

    /// Renames a sub-group.
    pub fn rename_subgroup(&mut self, id: SubGroupId, name: &str) -> Result<()> {
        let name = non_blank(name)?;
        self.edit(|tx| {
            let (_, old) = subgroup_head(tx, id)?;
            tx.execute(
                "UPDATE subgroups SET name = ?1 WHERE id = ?2",
                params![name, id.0],
            )?;
            record(tx, "subgroup", id.0, "name", Some(&old), Some(name))
        })
    }

    /// Deletes a sub-group with its members and assignments; refused while it has
    /// findings or proposed activities.
    pub fn delete_subgroup(&mut self, id: SubGroupId) -> Result<()> {
        self.edit(|tx| {
            let (_, name) = subgroup_head(tx, id)?;
            let records: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM findings WHERE subgroup_id = ?1)
                      + (SELECT count(*) FROM activities WHERE subgroup_id = ?1)",
                [id.0],
                |r| r.get(0),
            )?;
            if records > 0 {
                return Err(StoreError::Refused("store.err.subgroup_has_records"));
            }
            tx.execute("DELETE FROM subgroups WHERE id = ?1", [id.0])?;
            record(tx, "subgroup", id.0, "*", Some(&name), None)
        })
    }

    /// Sets or clears the sub-group's leader (who records and sums up); membership is not
    /// required here, `subgroup::check` warns about a leader outside the group.
    pub fn set_subgroup_leader(&mut self, id: SubGroupId, leader: Option<PersonId>) -> Result<()> {
        self.edit(|tx| {
            subgroup_head(tx, id)?;
            let old: Option<i64> = tx.query_row(
                "SELECT leader_id FROM subgroups WHERE id = ?1",
                [id.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE subgroups SET leader_id = ?1 WHERE id = ?2",
                params![leader.map(|p| p.0), id.0],
            )
            .map_err(missing_is_not_found)?;
            let show = |p: Option<i64>| p.map(|p| p.to_string());
            let new = show(leader.map(|p| p.0));
            record(
                tx,
                "subgroup",
                id.0,
                "leader",
                show(old).as_deref(),
                new.as_deref(),
            )
        })
    }

    /// Adds a person to a sub-group; refused with `store.err.already_in_subgroup` when
    /// the person is in another sub-group of the cycle (adding twice is a no-op).
    pub fn add_subgroup_member(&mut self, id: SubGroupId, person: PersonId) -> Result<()> {
        self.edit(|tx| {
            let (cycle, _) = subgroup_head(tx, id)?;
            let n = tx
                .execute(
                    "INSERT INTO subgroup_members (subgroup_id, cycle_id, person_id)
                     SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM subgroup_members
                       WHERE subgroup_id = ?1 AND person_id = ?3)",
                    params![id.0, cycle, person.0],
                )
                .map_err(|e| refuse_duplicate(e, "store.err.already_in_subgroup"))?;
            if n > 0 {
                record(
                    tx,
                    "subgroup",
                    id.0,
                    "member",
                    None,
                    Some(&person.0.to_string()),
                )?;
            }
            Ok(())
        })
    }

    /// Removes a person from a sub-group (clearing the leader if it was them).
    pub fn remove_subgroup_member(&mut self, id: SubGroupId, person: PersonId) -> Result<()> {
        self.edit(|tx| {
            let n = tx.execute(
                "DELETE FROM subgroup_members WHERE subgroup_id = ?1 AND person_id = ?2",
                params![id.0, person.0],
            )?;
            if n == 0 {
                return Ok(());
            }
            let who = person.0.to_string();
            record(tx, "subgroup", id.0, "member", Some(&who), None)?;
            let led = tx.execute(
                "UPDATE subgroups SET leader_id = NULL WHERE id = ?1 AND leader_id = ?2",
                params![id.0, person.0],
            )?;
            if led > 0 {
                record(tx, "subgroup", id.0, "leader", Some(&who), None)?;
            }
            Ok(())
        })
    }

    /// Gives a theme (catalogue code) to a sub-group.
    pub fn assign_theme(&mut self, id: SubGroupId, code: &str) -> Result<()> {
        self.set_code(CodeSet::Themes, id.0, code, true)
    }

    /// Takes a theme away from a sub-group.
    pub fn unassign_theme(&mut self, id: SubGroupId, code: &str) -> Result<()> {
        self.set_code(CodeSet::Themes, id.0, code, false)
    }

    /// Gives a PRA tool (catalogue code) to a sub-group.
    pub fn assign_tool(&mut self, id: SubGroupId, code: &str) -> Result<()> {
        self.set_code(CodeSet::Tools, id.0, code, true)
    }

    /// Takes a PRA tool away from a sub-group.
    pub fn unassign_tool(&mut self, id: SubGroupId, code: &str) -> Result<()> {
        self.set_code(CodeSet::Tools, id.0, code, false)
    }

    /// One sub-group with its members, themes and tools (each in the order added).
    pub fn subgroup(&self, id: SubGroupId) -> Result<SubGroup> {
        let (name, leader) = self.conn.query_row(
            "SELECT name, leader_id FROM subgroups WHERE id = ?1",
            [id.0],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT person_id FROM subgroup_members WHERE subgroup_id = ?1 ORDER BY rowid",
        )?;
        let members = stmt
            .query_map([id.0], |r| r.get(0).map(PersonId))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(SubGroup {
            id,
            name,
            leader: leader.map(PersonId),
            members,
            themes: codes(&self.conn, CodeSet::Themes, id.0)?,
            tools: codes(&self.conn, CodeSet::Tools, id.0)?,
        })
    }

    /// The sub-groups of a cycle, in the order created.
    pub fn subgroups(&self, cycle: CycleId) -> Result<Vec<SubGroup>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM subgroups WHERE cycle_id = ?1 ORDER BY id")?;
        let ids: Vec<SubGroupId> = stmt
            .query_map([cycle.0], |r| r.get(0).map(SubGroupId))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.subgroup(id)).collect()
    }

    // --- findings -------------------------------------------------------------------

    /// Records a sub-group's findings with one tool; refused with
    /// `store.err.finding_exists` when that pair already has findings.
    pub fn add_finding(
        &mut self,
        subgroup: SubGroupId,
        tool_code: &str,
        text: &str,
        minutes: u32,
        day: &str,
    ) -> Result<ToolFinding> {
        let id = self.edit(|tx| {
            tx.execute(
                "INSERT INTO findings (subgroup_id, tool_code, body, minutes, day)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![subgroup.0, tool_code, text, minutes, day],
            )
            .map_err(|e| refuse_duplicate(e, "store.err.finding_exists"))?;
            let id = tx.last_insert_rowid();
            record(tx, "finding", id, "*", None, Some(tool_code))?;
            record(tx, "finding", id, "text", None, Some(text))?;
            Ok(id)
        })?;
        self.finding(FindingId(id))
    }

    /// Changes the text, time spent and day of a finding.
    pub fn update_finding(
        &mut self,
        id: FindingId,
        text: &str,
        minutes: u32,
        day: &str,
    ) -> Result<()> {
        self.edit(|tx| {
            let old = tx.query_row(
                &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
                [id.0],
                finding_row,
            )?;
            tx.execute(
                "UPDATE findings SET body = ?1, minutes = ?2, day = ?3 WHERE id = ?4",
                params![text, minutes, day, id.0],
            )?;
            let changes = [
                ("text", old.text, text.to_string()),
                ("minutes", old.minutes.to_string(), minutes.to_string()),
                ("day", old.day, day.to_string()),
            ];
            for (field, before, after) in changes.iter().filter(|(_, b, a)| b != a) {
                record(tx, "finding", id.0, field, Some(before), Some(after))?;
            }
            Ok(())
        })
    }

    /// Deletes a finding.
    pub fn delete_finding(&mut self, id: FindingId) -> Result<()> {
        self.edit(|tx| {
            let old = tx.query_row(
                &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
                [id.0],
                finding_row,
            )?;
            tx.execute("DELETE FROM findings WHERE id = ?1", [id.0])?;
            record(tx, "finding", id.0, "*", Some(&old.text), None)
        })
    }

    /// One finding.
    pub fn finding(&self, id: FindingId) -> Result<ToolFinding> {
        Ok(self.conn.query_row(
            &format!("SELECT {FINDING_COLUMNS} FROM findings WHERE id = ?1"),
            [id.0],
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
    pub fn subgroup_findings(&self, subgroup: SubGroupId) -> Result<Vec<ToolFinding>> {
        self.finding_list("subgroup_id = ?1", subgroup.0)
    }

    fn finding_list(&self, filter: &str, key: i64) -> Result<Vec<ToolFinding>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {FINDING_COLUMNS} FROM findings WHERE {filter} ORDER BY subgroup_id, id"
        ))?;
        let rows = stmt.query_map([key], finding_row)?;
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

/// The sub-group's cycle and name; `NotFound` if there is none.
fn subgroup_head(tx: &Connection, id: SubGroupId) -> Result<(i64, String)> {
    Ok(tx.query_row(
        "SELECT cycle_id, name FROM subgroups WHERE id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn finding_row(r: &Row) -> rusqlite::Result<ToolFinding> {
    Ok(ToolFinding {
        id: FindingId(r.get(0)?),
        subgroup_id: SubGroupId(r.get(1)?),
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
