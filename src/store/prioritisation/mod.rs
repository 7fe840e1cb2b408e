//! Prioritisation (medium-term steps 3 and 4): a cycle's scoring settings, the working
//! group's five-criteria matrix, the men's and women's results of village meeting 2, and
//! the approved official medium-term plan.
//!
//! Rules kept here: scale, input modes and method lock once a group result is entered
//! (changing them then needs a reason, audit-logged); approving stores the combined
//! ranking as a new, never-changed version and freezes the plan; while frozen, scores,
//! results and settings are refused until the plan is reopened with a reason.

pub(crate) mod plan;

pub use plan::PlanVersion;

use rusqlite::{Connection, OptionalExtension, params};

use super::assessment::{activity_in, missing_is_not_found};
use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::CycleId;
use crate::domain::activity::ActivityId;
use crate::domain::scoring::{Criterion, Group, GroupResult, InputMode, MatrixRow, Method, Scale};

/// A cycle's scoring settings (the defaults until first changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScoringSettings {
    /// Score range of the working group's matrix.
    pub scale: Scale,
    /// How the men's and women's results are combined.
    pub method: Method,
    /// How the men's group result is entered.
    pub men_mode: InputMode,
    /// How the women's group result is entered.
    pub women_mode: InputMode,
    /// Set when the first group result is entered: changes then need a reason.
    pub locked: bool,
    /// Set when the official plan is approved; cleared by reopening it.
    pub plan_frozen: bool,
}

impl ScoringSettings {
    /// The input mode of `group`.
    pub fn mode(&self, group: Group) -> InputMode {
        match group {
            Group::Men => self.men_mode,
            Group::Women => self.women_mode,
        }
    }
}

/// A meeting-2 group's details other than its votes or positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// People in the group.
    pub members: u32,
    /// Votes each member may place (vote mode).
    pub votes_each: u32,
    /// Name of the recorder the group chose.
    pub recorder: String,
}

impl Default for GroupInfo {
    fn default() -> Self {
        GroupInfo {
            members: 0,
            votes_each: 3,
            recorder: String::new(),
        }
    }
}

impl Store {
    // --- settings -------------------------------------------------------------------

    /// The cycle's scoring settings.
    pub fn scoring_settings(&self, cycle: CycleId) -> Result<ScoringSettings> {
        read_settings(&self.conn, cycle)
    }

    /// Sets the matrix scale; refused if stored scores fall outside it, and once locked
    /// unless `reason` is given.
    pub fn set_scale(&mut self, cycle: CycleId, scale: Scale, reason: Option<&str>) -> Result<()> {
        self.edit(|tx| {
            let old = read_settings(tx, cycle)?.scale;
            if old == scale {
                return Ok(());
            }
            if Scale::new(scale.min, scale.max).is_err() {
                return Err(StoreError::Refused("store.err.bad_scale"));
            }
            let outside: i64 = tx.query_row(
                "SELECT count(*) FROM matrix_scores s JOIN activities a ON a.id = s.activity_id
                 WHERE a.cycle_id = ?1 AND (s.score < ?2 OR s.score > ?3)",
                params![cycle.0, scale.min, scale.max],
                |r| r.get(0),
            )?;
            if outside > 0 {
                return Err(StoreError::Refused("store.err.scores_outside_scale"));
            }
            let show = |s: Scale| format!("{}-{}", s.min, s.max);
            change_setting(tx, cycle, "scale", &show(old), &show(scale), reason)?;
            tx.execute(
                "UPDATE scoring_settings SET scale_min = ?1, scale_max = ?2 WHERE cycle_id = ?3",
                params![scale.min, scale.max, cycle.0],
            )?;
            Ok(())
        })
    }

    /// Sets the combination method; once locked only with a `reason`.
    pub fn set_method(
        &mut self,
        cycle: CycleId,
        method: Method,
        reason: Option<&str>,
    ) -> Result<()> {
        self.edit(|tx| {
            let old = read_settings(tx, cycle)?.method;
            if old == method {
                return Ok(());
            }
            change_setting(tx, cycle, "method", old.code(), method.code(), reason)?;
            tx.execute(
                "UPDATE scoring_settings SET method = ?1 WHERE cycle_id = ?2",
                params![method.code(), cycle.0],
            )?;
            Ok(())
        })
    }

    /// Sets how a group's result is entered; once locked only with a `reason`.
    pub fn set_input_mode(
        &mut self,
        cycle: CycleId,
        group: Group,
        mode: InputMode,
        reason: Option<&str>,
    ) -> Result<()> {
        self.edit(|tx| {
            let old = read_settings(tx, cycle)?.mode(group);
            if old == mode {
                return Ok(());
            }
            let field = format!("{}.mode", group.code());
            change_setting(tx, cycle, &field, old.code(), mode.code(), reason)?;
            tx.execute(
                &format!(
                    "UPDATE scoring_settings SET {}_mode = ?1 WHERE cycle_id = ?2",
                    group.code()
                ),
                params![mode.code(), cycle.0],
            )?;
            Ok(())
        })
    }

    // --- working-group matrix -------------------------------------------------------

    /// Sets (or clears, with `None`) one criterion score of an activity; the score must
    /// lie within the cycle's scale.
    pub fn set_matrix_score(
        &mut self,
        activity: ActivityId,
        criterion: Criterion,
        score: Option<u8>,
    ) -> Result<()> {
        self.edit(|tx| {
            let cycle = live_activity_cycle(tx, activity)?;
            let settings = read_settings(tx, cycle)?;
            refuse_frozen(&settings)?;
            if score.is_some_and(|s| !settings.scale.contains(s)) {
                return Err(StoreError::Refused("store.err.score_outside_scale"));
            }
            write_score(tx, activity, criterion, score)
        })
    }

    /// Fills the women's-proposal score of every unscored activity of the cycle from
    /// its "proposed by women" flag (top or bottom of the scale); returns how many.
    pub fn prefill_womens_proposal(&mut self, cycle: CycleId) -> Result<usize> {
        self.edit(|tx| {
            let settings = read_settings(tx, cycle)?;
            refuse_frozen(&settings)?;
            let mut stmt = tx.prepare(
                "SELECT id, proposed_by_women FROM activities a
                 WHERE cycle_id = ?1 AND merged_into IS NULL AND NOT EXISTS (
                   SELECT 1 FROM matrix_scores s WHERE s.activity_id = a.id AND s.criterion = ?2)
                 ORDER BY id",
            )?;
            let todo: Vec<(i64, bool)> = stmt
                .query_map(params![cycle.0, Criterion::WomensProposal.code()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for &(id, women) in &todo {
                let score = settings.scale.womens_prefill(women);
                write_score(tx, ActivityId(id), Criterion::WomensProposal, Some(score))?;
            }
            Ok(todo.len())
        })
    }

    /// The matrix of the cycle: one row per activity (merged duplicates left out), in
    /// the order proposed, keyed by `ActivityId.0`.
    pub fn matrix_rows(&self, cycle: CycleId) -> Result<Vec<MatrixRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, s.criterion, s.score FROM activities a
             LEFT JOIN matrix_scores s ON s.activity_id = a.id
             WHERE a.cycle_id = ?1 AND a.merged_into IS NULL ORDER BY a.id",
        )?;
        matrix_from_cells(&mut stmt, cycle)
    }

    // --- meeting 2 ------------------------------------------------------------------

    /// A group's size, votes each and recorder (defaults until first set).
    pub fn group_info(&self, cycle: CycleId, group: Group) -> Result<GroupInfo> {
        read_group(&self.conn, cycle, group)
    }

    /// Sets a group's size, votes each and recorder; each change is audit-logged.
    pub fn set_group_info(&mut self, cycle: CycleId, group: Group, info: &GroupInfo) -> Result<()> {
        self.edit(|tx| {
            refuse_frozen(&read_settings(tx, cycle)?)?;
            let old = read_group(tx, cycle, group)?;
            ensure_group(tx, cycle, group)?;
            tx.execute(
                "UPDATE meeting2_groups SET members = ?1, votes_each = ?2, recorder = ?3
                 WHERE cycle_id = ?4 AND grp = ?5",
                params![
                    info.members,
                    info.votes_each,
                    info.recorder,
                    cycle.0,
                    group.code()
                ],
            )?;
            let changes = [
                ("members", old.members.to_string(), info.members.to_string()),
                (
                    "votes_each",
                    old.votes_each.to_string(),
                    info.votes_each.to_string(),
                ),
                ("recorder", old.recorder, info.recorder.clone()),
            ];
            for (field, before, after) in changes.iter().filter(|(_, b, a)| b != a) {
                let field = format!("{}.{field}", group.code());
                record(tx, "scoring", cycle.0, &field, Some(before), Some(after))?;
            }
            Ok(())
        })
    }

    /// Sets (or clears) the votes a group placed on an activity; the first result
    /// entered locks the scoring settings.
    pub fn set_votes(
        &mut self,
        cycle: CycleId,
        group: Group,
        activity: ActivityId,
        votes: Option<u32>,
    ) -> Result<()> {
        self.edit(|tx| write_entry(tx, cycle, group, activity, "votes", votes))
    }

    /// Sets (or clears) the position (1 = top) a group gave an activity; the first result
    /// entered locks the scoring settings.
    pub fn set_position(
        &mut self,
        cycle: CycleId,
        group: Group,
        activity: ActivityId,
        position: Option<u32>,
    ) -> Result<()> {
        if position == Some(0) {
            return Err(StoreError::Refused("store.err.position_zero"));
        }
        self.edit(|tx| write_entry(tx, cycle, group, activity, "position", position))
    }

    /// A group's result in its input mode, over the cycle's activities (merged duplicates
    /// left out), in the order proposed.
    pub fn group_result(&self, cycle: CycleId, group: Group) -> Result<GroupResult> {
        let info = self.group_info(cycle, group)?;
        let mode = self.scoring_settings(cycle)?.mode(group);
        let column = match mode {
            InputMode::Votes => "votes",
            InputMode::Ranking => "position",
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT e.activity_id, e.{column} FROM meeting2_entries e
             JOIN activities a ON a.id = e.activity_id
             WHERE e.cycle_id = ?1 AND e.grp = ?2 AND a.merged_into IS NULL
               AND e.{column} IS NOT NULL
             ORDER BY e.activity_id"
        ))?;
        let entries: Vec<(i64, u32)> = stmt
            .query_map(params![cycle.0, group.code()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match mode {
            InputMode::Votes => GroupResult::votes(info.members, info.votes_each, entries),
            InputMode::Ranking => GroupResult::ranking(info.members, entries),
        })
    }
}

/// Refuses with `store.err.plan_frozen` while the cycle's plan is approved and frozen.
pub(super) fn refuse_if_frozen(conn: &Connection, cycle: CycleId) -> Result<()> {
    refuse_frozen(&read_settings(conn, cycle)?)
}

fn refuse_frozen(settings: &ScoringSettings) -> Result<()> {
    if settings.plan_frozen {
        Err(StoreError::Refused("store.err.plan_frozen"))
    } else {
        Ok(())
    }
}

fn read_settings(conn: &Connection, cycle: CycleId) -> Result<ScoringSettings> {
    let row = conn
        .query_row(
            "SELECT scale_min, scale_max, method, men_mode, women_mode, locked, plan_frozen
             FROM scoring_settings WHERE cycle_id = ?1",
            [cycle.0],
            |r| {
                Ok(ScoringSettings {
                    scale: Scale {
                        min: r.get(0)?,
                        max: r.get(1)?,
                    },
                    method: Method::from_code(&r.get::<_, String>(2)?).unwrap_or_default(),
                    men_mode: InputMode::from_code(&r.get::<_, String>(3)?).unwrap_or_default(),
                    women_mode: InputMode::from_code(&r.get::<_, String>(4)?).unwrap_or_default(),
                    locked: r.get(5)?,
                    plan_frozen: r.get(6)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

fn ensure_settings(tx: &Connection, cycle: CycleId) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO scoring_settings (cycle_id) VALUES (?1)",
        [cycle.0],
    )
    .map_err(missing_is_not_found)?;
    Ok(())
}

/// Checks the lock and frozen rules for a settings change and audit-logs it (with the
/// reason when the settings are locked); leaves the settings row in place for the update.
fn change_setting(
    tx: &Connection,
    cycle: CycleId,
    field: &str,
    old: &str,
    new: &str,
    reason: Option<&str>,
) -> Result<()> {
    let settings = read_settings(tx, cycle)?;
    refuse_frozen(&settings)?;
    if settings.locked {
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .ok_or(StoreError::Refused("store.err.scoring_locked"))?;
        record(tx, "scoring", cycle.0, "lock_reason", None, Some(reason))?;
    }
    ensure_settings(tx, cycle)?;
    record(tx, "scoring", cycle.0, field, Some(old), Some(new))
}

/// The cycle of an activity that is not merged away.
fn live_activity_cycle(conn: &Connection, activity: ActivityId) -> Result<CycleId> {
    match activity_in(conn, activity)? {
        (_, Some(_)) => Err(StoreError::Refused("store.err.activity_merged")),
        (a, None) => Ok(a.cycle_id),
    }
}

fn write_score(
    tx: &Connection,
    activity: ActivityId,
    criterion: Criterion,
    score: Option<u8>,
) -> Result<()> {
    let old: Option<u8> = tx
        .query_row(
            "SELECT score FROM matrix_scores WHERE activity_id = ?1 AND criterion = ?2",
            params![activity.0, criterion.code()],
            |r| r.get(0),
        )
        .optional()?;
    if old == score {
        return Ok(());
    }
    match score {
        Some(s) => tx.execute(
            "INSERT INTO matrix_scores (activity_id, criterion, score) VALUES (?1, ?2, ?3)
             ON CONFLICT (activity_id, criterion) DO UPDATE SET score = excluded.score",
            params![activity.0, criterion.code(), s],
        )?,
        None => tx.execute(
            "DELETE FROM matrix_scores WHERE activity_id = ?1 AND criterion = ?2",
            params![activity.0, criterion.code()],
        )?,
    };
    let show = |s: Option<u8>| s.map(|s| s.to_string());
    let field = format!("score.{}", criterion.code());
    record(
        tx,
        "matrix",
        activity.0,
        &field,
        show(old).as_deref(),
        show(score).as_deref(),
    )
}

fn read_group(conn: &Connection, cycle: CycleId, group: Group) -> Result<GroupInfo> {
    let row = conn
        .query_row(
            "SELECT members, votes_each, recorder FROM meeting2_groups
             WHERE cycle_id = ?1 AND grp = ?2",
            params![cycle.0, group.code()],
            |r| {
                Ok(GroupInfo {
                    members: r.get(0)?,
                    votes_each: r.get(1)?,
                    recorder: r.get(2)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

fn ensure_group(tx: &Connection, cycle: CycleId, group: Group) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO meeting2_groups (cycle_id, grp) VALUES (?1, ?2)",
        params![cycle.0, group.code()],
    )
    .map_err(missing_is_not_found)?;
    Ok(())
}

/// Writes a vote count or position (`column`) of a group for an activity, locking the
/// settings when a value is entered.
fn write_entry(
    tx: &Connection,
    cycle: CycleId,
    group: Group,
    activity: ActivityId,
    column: &'static str,
    value: Option<u32>,
) -> Result<()> {
    if live_activity_cycle(tx, activity)? != cycle {
        return Err(StoreError::Refused("store.err.other_cycle"));
    }
    let settings = read_settings(tx, cycle)?;
    refuse_frozen(&settings)?;
    ensure_group(tx, cycle, group)?;
    let old: Option<u32> = tx
        .query_row(
            &format!(
                "SELECT {column} FROM meeting2_entries
                 WHERE cycle_id = ?1 AND grp = ?2 AND activity_id = ?3"
            ),
            params![cycle.0, group.code(), activity.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if old == value {
        return Ok(());
    }
    tx.execute(
        &format!(
            "INSERT INTO meeting2_entries (cycle_id, grp, activity_id, {column})
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (cycle_id, grp, activity_id) DO UPDATE SET {column} = excluded.{column}"
        ),
        params![cycle.0, group.code(), activity.0, value],
    )?;
    let show = |v: Option<u32>| v.map(|v| v.to_string());
    let field = format!("{}.{column}", group.code());
    record(
        tx,
        "meeting2",
        activity.0,
        &field,
        show(old).as_deref(),
        show(value).as_deref(),
    )?;
    if value.is_some() && !settings.locked {
        ensure_settings(tx, cycle)?;
        tx.execute(
            "UPDATE scoring_settings SET locked = 1 WHERE cycle_id = ?1",
            [cycle.0],
        )?;
        record(tx, "scoring", cycle.0, "locked", Some("0"), Some("1"))?;
    }
    Ok(())
}

/// Builds matrix rows from a query of `(key, criterion code, score)` cells ordered by key
/// (one row per key, LEFT JOIN so unscored keys still get a row).
pub(super) fn matrix_from_cells(
    stmt: &mut rusqlite::Statement,
    cycle: CycleId,
) -> Result<Vec<MatrixRow>> {
    let cells = stmt.query_map([cycle.0], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, Option<u8>>(2)?,
        ))
    })?;
    let mut rows: Vec<MatrixRow> = Vec::new();
    for cell in cells {
        let (id, criterion, score) = cell?;
        if rows.last().is_none_or(|r| r.activity != id) {
            rows.push(MatrixRow::new(id));
        }
        let criterion = criterion.as_deref().and_then(Criterion::from_code);
        if let (Some(row), Some(c)) = (rows.last_mut(), criterion) {
            row.set(c, score);
        }
    }
    Ok(rows)
}
