//! The official medium-term plan: approving the combined ranking into a frozen version,
//! reopening it with a reason, and reading every approved version back exactly.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::super::assessment::{activity_in, get_u64, to_i64};
use super::super::audit::record;
use super::super::{Result, Store, StoreError};
use super::{ensure_settings, read_settings, refuse_frozen};
use crate::domain::CycleId;
use crate::domain::activity::{Activity, ActivityId, ValidActivity};
use crate::domain::scoring::{Combined, CombinedRow, Method, TieBreak};

/// One approved version of the official medium-term plan, exactly as approved.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanVersion {
    /// Version number, 1 for the first approval.
    pub version: u32,
    /// When it was approved (UTC, ISO 8601).
    pub approved_at: String,
    /// Why the plan was reopened before this version (`None` for version 1).
    pub change_reason: Option<String>,
    /// The combined ranking as approved.
    pub combined: Combined,
    /// The activities as they were at approval, in the ranking's order.
    pub activities: Vec<Activity>,
}

impl Store {
    // --- the official plan ----------------------------------------------------------

    /// Approves the combined ranking as the official medium-term plan: stores it with a
    /// copy of each activity as a new version and freezes the plan. Returns the version.
    pub fn approve_plan(&mut self, cycle: CycleId, combined: &Combined) -> Result<u32> {
        if combined.rows.is_empty() {
            return Err(StoreError::Refused("store.err.plan_empty"));
        }
        self.edit(|tx| {
            let settings = read_settings(tx, cycle)?;
            refuse_frozen(&settings)?;
            let reason: Option<String> = tx
                .query_row(
                    "SELECT reopen_reason FROM scoring_settings WHERE cycle_id = ?1",
                    [cycle.0],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            let last: u32 = tx.query_row(
                "SELECT coalesce(max(version), 0) FROM plan_versions WHERE cycle_id = ?1",
                [cycle.0],
                |r| r.get(0),
            )?;
            let version = last + 1;
            tx.execute(
                "INSERT INTO plan_versions (cycle_id, version, method, change_reason)
                 VALUES (?1, ?2, ?3, ?4)",
                params![cycle.0, version, combined.method.code(), reason],
            )?;
            let version_id = tx.last_insert_rowid();
            for (seq, row) in combined.rows.iter().enumerate() {
                write_plan_row(tx, cycle, version_id, seq, row)?;
            }
            ensure_settings(tx, cycle)?;
            tx.execute(
                "UPDATE scoring_settings SET plan_frozen = 1, reopen_reason = NULL
                 WHERE cycle_id = ?1",
                [cycle.0],
            )?;
            let old = (last > 0).then(|| last.to_string());
            record(
                tx,
                "plan",
                cycle.0,
                "version",
                old.as_deref(),
                Some(&version.to_string()),
            )?;
            record(tx, "plan", cycle.0, "frozen", Some("0"), Some("1"))?;
            Ok(version)
        })
    }

    /// Reopens an approved plan for changes; `reason` is required, audit-logged and kept
    /// with the next approved version. Earlier versions stay as they were.
    pub fn reopen_plan(&mut self, cycle: CycleId, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused("store.err.reason_required"));
        }
        self.edit(|tx| {
            if !read_settings(tx, cycle)?.plan_frozen {
                return Err(StoreError::Refused("store.err.plan_not_frozen"));
            }
            tx.execute(
                "UPDATE scoring_settings SET plan_frozen = 0, reopen_reason = ?1
                 WHERE cycle_id = ?2",
                params![reason, cycle.0],
            )?;
            record(tx, "plan", cycle.0, "frozen", Some("1"), Some("0"))?;
            record(tx, "plan", cycle.0, "reopen_reason", None, Some(reason))
        })
    }

    /// Whether the cycle's official plan is approved and frozen.
    pub fn is_plan_frozen(&self, cycle: CycleId) -> Result<bool> {
        Ok(read_settings(&self.conn, cycle)?.plan_frozen)
    }

    /// The numbers of the cycle's approved plan versions, oldest first.
    pub fn plan_versions(&self, cycle: CycleId) -> Result<Vec<u32>> {
        let mut stmt = self
            .conn
            .prepare("SELECT version FROM plan_versions WHERE cycle_id = ?1 ORDER BY version")?;
        let rows = stmt.query_map([cycle.0], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest approved version of the cycle's plan, if any.
    pub fn latest_plan(&self, cycle: CycleId) -> Result<Option<PlanVersion>> {
        match self.plan_versions(cycle)?.last() {
            Some(&v) => self.plan_version(cycle, v).map(Some),
            None => Ok(None),
        }
    }

    /// One approved version of the cycle's plan.
    pub fn plan_version(&self, cycle: CycleId, version: u32) -> Result<PlanVersion> {
        let (id, approved_at, method, change_reason) = self.conn.query_row(
            "SELECT id, approved_at, method, change_reason FROM plan_versions
             WHERE cycle_id = ?1 AND version = ?2",
            params![cycle.0, version],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT activity_id, men_points, women_points, men_rank, women_rank, draft_rank,
                    score, rank, tied, tie_break, rank_gap, men_top_only, women_top_only,
                    activity_json
             FROM plan_rows WHERE version_id = ?1 ORDER BY seq",
        )?;
        let rows: Vec<(CombinedRow, String)> = stmt
            .query_map([id], |r| Ok((combined_row(r)?, r.get(13)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let activities = rows
            .iter()
            .map(|(row, json)| {
                let fields: ValidActivity = serde_json::from_str(json)
                    .map_err(|e| StoreError::Sqlite(format!("plan row: {e}")))?;
                Ok(Activity {
                    id: ActivityId(row.activity),
                    cycle_id: cycle,
                    fields,
                })
            })
            .collect::<Result<_>>()?;
        Ok(PlanVersion {
            version,
            approved_at,
            change_reason,
            combined: Combined {
                method: Method::from_code(&method).unwrap_or_default(),
                rows: rows.into_iter().map(|(row, _)| row).collect(),
            },
            activities,
        })
    }
}

fn write_plan_row(
    tx: &Connection,
    cycle: CycleId,
    version_id: i64,
    seq: usize,
    row: &CombinedRow,
) -> Result<()> {
    let activity = match activity_in(tx, ActivityId(row.activity))? {
        (_, Some(_)) => return Err(StoreError::Refused("store.err.activity_merged")),
        (a, None) if a.cycle_id != cycle => {
            return Err(StoreError::Refused("store.err.other_cycle"));
        }
        (a, None) => a,
    };
    let json = serde_json::to_string(&activity.fields)
        .map_err(|e| StoreError::Sqlite(format!("plan row: {e}")))?;
    let tie_break = row.tie_break.map(|t| match t {
        TieBreak::WomensRank => "womens_rank",
        TieBreak::DraftRank => "draft_rank",
    });
    tx.execute(
        "INSERT INTO plan_rows (version_id, seq, activity_id, activity_name, activity_json,
           men_points, women_points, men_rank, women_rank, draft_rank, score, rank, tied,
           tie_break, rank_gap, men_top_only, women_top_only)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            version_id,
            i64::try_from(seq).map_err(|_| StoreError::Refused("store.err.number_too_large"))?,
            row.activity,
            activity.fields.name,
            json,
            to_i64(row.men_points)?,
            to_i64(row.women_points)?,
            row.men_rank,
            row.women_rank,
            row.draft_rank,
            row.score,
            row.rank,
            row.tied,
            tie_break,
            row.rank_gap,
            row.men_top_only,
            row.women_top_only,
        ],
    )?;
    Ok(())
}

pub(crate) fn combined_row(r: &Row) -> rusqlite::Result<CombinedRow> {
    let tie_break: Option<String> = r.get(9)?;
    Ok(CombinedRow {
        activity: r.get(0)?,
        men_points: get_u64(r, 1)?,
        women_points: get_u64(r, 2)?,
        men_rank: r.get(3)?,
        women_rank: r.get(4)?,
        draft_rank: r.get(5)?,
        score: r.get(6)?,
        rank: r.get(7)?,
        tied: r.get(8)?,
        tie_break: match tie_break.as_deref() {
            Some("womens_rank") => Some(TieBreak::WomensRank),
            Some("draft_rank") => Some(TieBreak::DraftRank),
            _ => None,
        },
        rank_gap: r.get(10)?,
        men_top_only: r.get(11)?,
        women_top_only: r.get(12)?,
    })
}
