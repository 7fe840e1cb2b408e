//! What an approved plan holds, for the commands' refusal checks, and the annual plan's
//! approved versions. The database enforces the freeze itself (triggers of migration
//! 0008); this module answers the questions the commands ask first, so the refusal can
//! name the plan, and keeps a copy of each approved annual plan.

use rusqlite::{Connection, OptionalExtension, params};

use super::annual::{AnnualApproval, AnnualItem};
use super::{Result, Store, StoreError};
use crate::domain::activity::{Activity, ActivityId, ValidActivity};
use crate::domain::annual::{AnnualItemId, Part};
use crate::domain::scoring::MatrixRow;
use crate::domain::subgroup::{FindingId, SubGroupId};
use crate::domain::{CycleId, MeetingId, MeetingKind};

/// The message key of [`StoreError::PlanApproved`].
pub const PLAN_APPROVED_KEY: &str = "frozen.err.db_refused";

/// The message the triggers of migration 0008 raise.
const FROZEN_MESSAGE: &str = "kehoach: plan approved";

/// Whether `e` is a trigger's refusal to change an approved plan.
pub(super) fn is_frozen_refusal(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation && msg == FROZEN_MESSAGE
    )
}

/// A record that belongs to one cycle, named by its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A meeting.
    Meeting(MeetingId),
    /// A sub-group of the assessment.
    SubGroup(SubGroupId),
    /// A sub-group's findings with one tool.
    Finding(FindingId),
    /// A proposed activity.
    Activity(ActivityId),
    /// An item of an annual plan.
    AnnualItem(AnnualItemId),
}

/// One approved version of a cycle's annual plan (form 4), exactly as approved.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualVersion {
    /// Version number, 1 for the first approval.
    pub version: u32,
    /// Why the plan was reopened before this version (`None` for version 1).
    pub change_reason: Option<String>,
    /// The village meeting's approval.
    pub approval: AnnualApproval,
    /// The items with their activities as they were, in the order selected.
    pub items: Vec<AnnualItem>,
    /// The form-4 scores as they were, keyed by item id.
    pub matrix: Vec<MatrixRow>,
}

impl Store {
    /// The cycle a record belongs to.
    pub fn cycle_of(&self, owner: Owner) -> Result<CycleId> {
        let (sql, id) = match owner {
            Owner::Meeting(m) => ("SELECT cycle_id FROM meetings WHERE id = ?1", m.0),
            Owner::SubGroup(s) => ("SELECT cycle_id FROM subgroups WHERE id = ?1", s.0),
            Owner::Finding(f) => (
                "SELECT s.cycle_id FROM findings f JOIN subgroups s ON s.id = f.subgroup_id
                 WHERE f.id = ?1",
                f.0,
            ),
            Owner::Activity(a) => ("SELECT cycle_id FROM activities WHERE id = ?1", a.0),
            Owner::AnnualItem(i) => ("SELECT cycle_id FROM annual_items WHERE id = ?1", i.0),
        };
        Ok(CycleId(self.conn.query_row(sql, [id], |r| r.get(0))?))
    }

    /// Which meeting `meeting` is.
    pub fn meeting_kind(&self, meeting: MeetingId) -> Result<MeetingKind> {
        let code: String = self.conn.query_row(
            "SELECT kind FROM meetings WHERE id = ?1",
            [meeting.0],
            |r| r.get(0),
        )?;
        MeetingKind::from_code(&code)
            .ok_or_else(|| StoreError::Sqlite(format!("unknown meeting kind {code}")))
    }

    /// Whether the approved medium-term plan of the activity's cycle ranks it (while that
    /// plan stands).
    pub fn medium_term_plan_holds(&self, activity: ActivityId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM activities a
               JOIN scoring_settings s ON s.cycle_id = a.cycle_id AND s.plan_frozen = 1
               JOIN plan_versions v ON v.cycle_id = a.cycle_id
               JOIN plan_rows r ON r.version_id = v.id AND r.activity_id = a.id
             WHERE a.id = ?1)",
            [activity.0],
            |r| r.get(0),
        )?)
    }

    /// The cycles whose approved annual plan holds the activity.
    pub fn annual_plans_holding(&self, activity: ActivityId) -> Result<Vec<CycleId>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.cycle_id FROM annual_items i
             JOIN annual_approvals p ON p.cycle_id = i.cycle_id AND p.frozen = 1
             WHERE i.activity_id = ?1 ORDER BY i.cycle_id",
        )?;
        let rows = stmt.query_map([activity.0], |r| r.get(0).map(CycleId))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The numbers of the cycle's approved annual plan versions, oldest first.
    pub fn annual_versions(&self, cycle: CycleId) -> Result<Vec<u32>> {
        let mut stmt = self
            .conn
            .prepare("SELECT version FROM annual_versions WHERE cycle_id = ?1 ORDER BY version")?;
        let rows = stmt.query_map([cycle.0], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One approved version of the cycle's annual plan, read from its copies.
    pub fn annual_version(&self, cycle: CycleId, version: u32) -> Result<AnnualVersion> {
        let (id, change_reason, approval) = self.conn.query_row(
            "SELECT id, change_reason, date, votes_for, votes_against, abstain, approved_at
             FROM annual_versions WHERE cycle_id = ?1 AND version = ?2",
            params![cycle.0, version],
            |r| {
                let approval = AnnualApproval {
                    date: r.get(2)?,
                    votes_for: r.get(3)?,
                    votes_against: r.get(4)?,
                    abstain: r.get(5)?,
                    approved_at: r.get(6)?,
                };
                Ok((r.get::<_, i64>(0)?, r.get(1)?, approval))
            },
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT item_id, activity_id, activity_cycle_id, part, added_reason,
                    override_reason, activity_json, scores_json
             FROM annual_version_items WHERE version_id = ?1 ORDER BY seq",
        )?;
        let rows: Vec<CopiedItem> = stmt
            .query_map([id], |r| {
                Ok(CopiedItem {
                    item: AnnualItemId(r.get(0)?),
                    activity: r.get(1)?,
                    activity_cycle: r.get(2)?,
                    part: r.get(3)?,
                    added_reason: r.get(4)?,
                    override_reason: r.get(5)?,
                    activity_json: r.get(6)?,
                    scores_json: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = Vec::new();
        let mut matrix = Vec::new();
        for row in rows {
            let (item, scores) = row.read(cycle)?;
            items.push(item);
            matrix.push(scores);
        }
        Ok(AnnualVersion {
            version,
            change_reason,
            approval,
            items,
            matrix,
        })
    }
}

/// One row of `annual_version_items` as stored.
struct CopiedItem {
    item: AnnualItemId,
    activity: i64,
    activity_cycle: i64,
    part: String,
    added_reason: Option<String>,
    override_reason: Option<String>,
    activity_json: String,
    scores_json: String,
}

impl CopiedItem {
    fn read(self, cycle: CycleId) -> Result<(AnnualItem, MatrixRow)> {
        let fields: ValidActivity = serde_json::from_str(&self.activity_json)
            .map_err(|e| StoreError::Sqlite(format!("annual version row: {e}")))?;
        let scores: MatrixRow = serde_json::from_str(&self.scores_json)
            .map_err(|e| StoreError::Sqlite(format!("annual version row: {e}")))?;
        let item = AnnualItem {
            id: self.item,
            cycle_id: cycle,
            activity: Activity {
                id: ActivityId(self.activity),
                cycle_id: CycleId(self.activity_cycle),
                fields,
            },
            part: Part::from_code(&self.part)
                .ok_or_else(|| StoreError::Sqlite(format!("annual version part {}", self.part)))?,
            added_reason: self.added_reason,
            override_reason: self.override_reason,
        };
        Ok((item, scores))
    }
}

/// Why the cycle's annual plan was last reopened (the next version's change reason).
pub(super) fn annual_reopen_reason(conn: &Connection, cycle: CycleId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT reopen_reason FROM annual_approvals WHERE cycle_id = ?1",
            [cycle.0],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Keeps a copy of the cycle's annual plan as its next approved version (inside the
/// approval's transaction), with the reason it was reopened before. Returns the version.
pub(super) fn copy_annual_version(
    conn: &Connection,
    cycle: CycleId,
    reason: Option<String>,
    approval: &AnnualApproval,
    items: &[AnnualItem],
    matrix: &[MatrixRow],
) -> Result<u32> {
    let last: u32 = conn.query_row(
        "SELECT coalesce(max(version), 0) FROM annual_versions WHERE cycle_id = ?1",
        [cycle.0],
        |r| r.get(0),
    )?;
    let approved_at: String = conn.query_row(
        "SELECT approved_at FROM annual_approvals WHERE cycle_id = ?1",
        [cycle.0],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO annual_versions (cycle_id, version, approved_at, date, votes_for,
           votes_against, abstain, change_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            cycle.0,
            last + 1,
            approved_at,
            approval.date.trim(),
            approval.votes_for,
            approval.votes_against,
            approval.abstain,
            reason
        ],
    )?;
    let version_id = conn.last_insert_rowid();
    for (seq, item) in items.iter().enumerate() {
        let scores = matrix
            .iter()
            .find(|m| m.activity == item.id.0)
            .copied()
            .unwrap_or_else(|| MatrixRow::new(item.id.0));
        let json = |value: serde_json::Result<String>| {
            value.map_err(|e| StoreError::Sqlite(format!("annual version row: {e}")))
        };
        conn.execute(
            "INSERT INTO annual_version_items (version_id, seq, item_id, activity_id,
               activity_cycle_id, part, added_reason, override_reason, activity_json,
               scores_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                version_id,
                i64::try_from(seq)
                    .map_err(|_| StoreError::Refused("store.err.number_too_large"))?,
                item.id.0,
                item.activity.id.0,
                item.activity.cycle_id.0,
                item.part.code(),
                item.added_reason,
                item.override_reason,
                json(serde_json::to_string(&item.activity.fields))?,
                json(serde_json::to_string(&scores))?,
            ],
        )?;
    }
    Ok(last + 1)
}
