//! The append-only audit log: one row per changed field.

use rusqlite::{Connection, params};

use super::{Result, Store};

/// One audit-log row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When (UTC, ISO 8601).
    pub at: String,
    /// Table / aggregate name.
    pub entity: String,
    /// Row id.
    pub entity_id: i64,
    /// Field changed (`*` for a created or removed row).
    pub field: String,
    /// Value before, if any.
    pub old_value: Option<String>,
    /// Value after, if any.
    pub new_value: Option<String>,
}

/// Records one change inside the edit's transaction.
pub fn record(
    tx: &Connection,
    entity: &str,
    entity_id: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (entity, entity_id, field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![entity, entity_id, field, old, new],
    )?;
    Ok(())
}

/// Records a bundle kept whole on import: its id, and the reason a person gave for taking
/// it over a conflict, if any.
pub fn record_kept_bundle(
    tx: &Connection,
    entity: &str,
    id: i64,
    bundle_id: &str,
    conflict_reason: Option<&str>,
) -> Result<()> {
    record(tx, entity, id, "*", None, Some(bundle_id))?;
    match conflict_reason {
        Some(reason) => record(tx, entity, id, "conflict_reason", None, Some(reason)),
        None => Ok(()),
    }
}

impl Store {
    /// Records a written reason for going on despite a rule (nothing else changes): one
    /// audit row on the cycle, `field` saying what it was for.
    pub fn note_reason(
        &mut self,
        cycle: crate::domain::CycleId,
        field: &str,
        reason: &str,
    ) -> Result<()> {
        self.edit(|tx| record(tx, "cycles", cycle.0, field, None, Some(reason)))
    }

    /// The whole audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, entity, entity_id, field, old_value, new_value FROM audit_log ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                entity: r.get(1)?,
                entity_id: r.get(2)?,
                field: r.get(3)?,
                old_value: r.get(4)?,
                new_value: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
