//! The commune conference (migration 0010): the commune's changes to its villages'
//! activities of a year with the chair's reason and the village's answer, and the commune
//! plan's approvals as versions. Writes run inside a command's transaction
//! (`commands::conference`); the database refuses any change while the plan is approved.

use rusqlite::{OptionalExtension, Row, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::CommuneId;
use crate::domain::commune::{AnswerKind, Approval, Change, ChangeKind, Conference, VillageAnswer};

/// The commune plan is approved: nothing is changed until it is reopened.
pub const ERR_APPROVED: &str = "conference.err.db_approved";
/// An approved version or a recorded change is kept as it is.
pub const ERR_KEPT: &str = "conference.err.kept";
/// Every refusal key of this module (tests check each has a translation).
pub const ERROR_KEYS: [&str; 2] = [ERR_APPROVED, ERR_KEPT];

/// The trigger messages of migration 0010 and their i18n keys.
const REFUSALS: [(&str, &str); 3] = [
    ("kehoach: commune plan approved", ERR_APPROVED),
    ("kehoach: commune version kept", ERR_KEPT),
    ("kehoach: commune change kept", ERR_KEPT),
];

/// The i18n key of a refusal from migration 0010's triggers, if `e` is one.
pub(super) fn refusal_key(e: &rusqlite::Error) -> Option<&'static str> {
    super::trigger_refusal(e, &REFUSALS)
}

/// A change to record: the commune's year, the village's activity, what and why.
#[derive(Debug, Clone, PartialEq)]
pub struct NewChange<'a> {
    /// The commune.
    pub commune: CommuneId,
    /// The planning year.
    pub year: i32,
    /// The village's exchange code.
    pub village_code: &'a str,
    /// The activity's id in the village's record.
    pub activity: i64,
    /// The activity's name as it stands.
    pub activity_name: &'a str,
    /// What the commune does.
    pub kind: &'a ChangeKind,
    /// The chair's reason.
    pub reason: &'a str,
}

/// One approved version of the commune plan, as approved.
#[derive(Debug, Clone, PartialEq)]
pub struct CommuneVersion {
    /// Version number, 1 for the first approval.
    pub version: u32,
    /// When it was approved (UTC).
    pub approved_at: String,
    /// The changes as they stood when approved.
    pub changes: Vec<Change>,
    /// Why it was reopened, once it is.
    pub reopen_reason: Option<String>,
}

const CHANGE_COLUMNS: &str = "id, village_code, activity_id, activity_name, kind, new_value,
    reason, answer, answer_words, answered_at, recorded_at";

impl Store {
    /// Records a change; returns its id.
    pub fn add_commune_change(&mut self, new: &NewChange) -> Result<i64> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO commune_changes (commune_id, year, village_code, activity_id,
                     activity_name, kind, new_value, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new.commune.0,
                    new.year,
                    new.village_code,
                    new.activity,
                    new.activity_name,
                    new.kind.code(),
                    new.kind.stored_value(),
                    new.reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "commune_change", id, "*", None, Some(new.kind.code()))?;
            record(tx, "commune_change", id, "reason", None, Some(new.reason))?;
            Ok(id)
        })
    }

    /// Records the village's answer to a change.
    pub fn answer_commune_change(&mut self, id: i64, kind: AnswerKind, words: &str) -> Result<()> {
        self.edit(|tx| {
            let n = tx.execute(
                "UPDATE commune_changes SET answer = ?2, answer_words = ?3,
                     answered_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?1 AND withdrawn_at IS NULL",
                params![id, kind.code(), words],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            record(tx, "commune_change", id, "answer", None, Some(kind.code()))?;
            record(tx, "commune_change", id, "answer_words", None, Some(words))
        })
    }

    /// Withdraws a change (kept, marked withdrawn).
    pub fn withdraw_commune_change(&mut self, id: i64) -> Result<()> {
        self.edit(|tx| {
            let n = tx.execute(
                "UPDATE commune_changes SET withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?1 AND withdrawn_at IS NULL",
                [id],
            )?;
            if n == 0 {
                return Err(StoreError::NotFound);
            }
            record(tx, "commune_change", id, "withdrawn", None, Some("1"))
        })
    }

    /// The commune and year of a change still standing.
    pub fn commune_change_year(&self, id: i64) -> Result<(CommuneId, i32)> {
        Ok(self.conn.query_row(
            "SELECT commune_id, year FROM commune_changes WHERE id = ?1 AND withdrawn_at IS NULL",
            [id],
            |r| Ok((CommuneId(r.get(0)?), r.get(1)?)),
        )?)
    }

    /// The changes standing (not withdrawn) of a commune's year, in the order recorded.
    pub fn commune_changes(&self, commune: CommuneId, year: i32) -> Result<Vec<Change>> {
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM commune_changes
             WHERE commune_id = ?1 AND year = ?2 AND withdrawn_at IS NULL ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![commune.0, year], change)?;
        let rows = rows.collect::<rusqlite::Result<Vec<Option<Change>>>>()?;
        rows.into_iter()
            .map(|c| c.ok_or(StoreError::Refused(ERR_KEPT)))
            .collect()
    }

    /// The approved version standing (not reopened) of a commune's year, if any.
    pub fn commune_approved(&self, commune: CommuneId, year: i32) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM commune_approvals
                 WHERE commune_id = ?1 AND year = ?2 AND reopened_at IS NULL",
                params![commune.0, year],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The conference of a commune's year: its changes standing and the approval.
    pub fn commune_conference(&self, commune: CommuneId, year: i32) -> Result<Conference> {
        let approved = self
            .conn
            .query_row(
                "SELECT version, approved_at FROM commune_approvals
                 WHERE commune_id = ?1 AND year = ?2 AND reopened_at IS NULL",
                params![commune.0, year],
                |r| {
                    Ok(Approval {
                        version: r.get(0)?,
                        approved_at: r.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(Conference {
            changes: self.commune_changes(commune, year)?,
            approved,
        })
    }

    /// Approves the commune plan of the year with its changes as they stand: the next
    /// version. Returns its number.
    pub fn approve_commune_plan(&mut self, commune: CommuneId, year: i32) -> Result<u32> {
        let changes = self.commune_changes(commune, year)?;
        let json =
            serde_json::to_string(&changes).map_err(|e| StoreError::Sqlite(e.to_string()))?;
        self.edit(|tx| {
            let version: u32 = tx.query_row(
                "SELECT COALESCE(MAX(version), 0) + 1 FROM commune_approvals
                 WHERE commune_id = ?1 AND year = ?2",
                params![commune.0, year],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO commune_approvals (commune_id, year, version, changes_json)
                 VALUES (?1, ?2, ?3, ?4)",
                params![commune.0, year, version, json],
            )?;
            let id = tx.last_insert_rowid();
            record(
                tx,
                "commune_approval",
                id,
                "version",
                None,
                Some(&version.to_string()),
            )?;
            Ok(version)
        })
    }

    /// Reopens the approved commune plan of the year with a reason.
    pub fn reopen_commune_plan(
        &mut self,
        commune: CommuneId,
        year: i32,
        reason: &str,
    ) -> Result<()> {
        self.edit(|tx| {
            let id: i64 = tx.query_row(
                "SELECT id FROM commune_approvals
                 WHERE commune_id = ?1 AND year = ?2 AND reopened_at IS NULL",
                params![commune.0, year],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE commune_approvals SET reopen_reason = ?2,
                     reopened_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                params![id, reason],
            )?;
            record(tx, "commune_approval", id, "reopened", None, Some(reason))
        })
    }

    /// Every approved version of a commune's year, oldest first, read back as approved.
    pub fn commune_versions(&self, commune: CommuneId, year: i32) -> Result<Vec<CommuneVersion>> {
        let mut stmt = self.conn.prepare(
            "SELECT version, approved_at, changes_json, reopen_reason FROM commune_approvals
             WHERE commune_id = ?1 AND year = ?2 ORDER BY version",
        )?;
        let rows = stmt.query_map(params![commune.0, year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })?;
        rows.map(|row| {
            let (version, approved_at, json, reopen_reason) = row?;
            let changes = serde_json::from_str(&json).map_err(|_| StoreError::Refused(ERR_KEPT))?;
            Ok(CommuneVersion {
                version,
                approved_at,
                changes,
                reopen_reason,
            })
        })
        .collect()
    }
}

/// A stored change; `None` when its kind or value cannot be read back.
fn change(r: &Row) -> rusqlite::Result<Option<Change>> {
    let code: String = r.get(4)?;
    let value: Option<String> = r.get(5)?;
    let Some(kind) = ChangeKind::from_stored(&code, value.as_deref()) else {
        return Ok(None);
    };
    let answer: Option<String> = r.get(7)?;
    let answer = match answer.as_deref().and_then(AnswerKind::from_code) {
        Some(kind) => Some(VillageAnswer {
            kind,
            words: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            at: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Some(Change {
        id: r.get(0)?,
        village_code: r.get(1)?,
        activity: r.get(2)?,
        activity_name: r.get(3)?,
        kind,
        reason: r.get(6)?,
        answer,
        recorded_at: r.get(10)?,
    }))
}
