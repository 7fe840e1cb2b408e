//! Forward-only schema migrations keyed on `PRAGMA user_version`.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;
use super::identity::{self, Kind};

/// The migrations in order; migration `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("sql/0001_foundation.sql"),
    include_str!("sql/0002_meeting1.sql"),
    include_str!("sql/0003_assessment.sql"),
    include_str!("sql/0004_prioritisation.sql"),
    include_str!("sql/0005_annual.sql"),
    include_str!("sql/0006_history.sql"),
    include_str!("sql/0007_exchange_codes.sql"),
    include_str!("sql/0008_frozen_plans.sql"),
    include_str!("sql/0009_imports.sql"),
    include_str!("sql/0010_commune_conference.sql"),
    include_str!("sql/0011_after_plan.sql"),
    include_str!("sql/0012_district.sql"),
    include_str!("sql/0013_person_indexes.sql"),
    include_str!("sql/0014_commune_assignments.sql"),
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Reads the schema version of an open database.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Before a file of an older schema is touched: checks it (`quick_check`) and copies it to
/// a backup (`backup_before_migration`); nothing for a new or current file.
pub fn back_up_if_older(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found == 0 || found >= LATEST {
        return Ok(());
    }
    identity::quick_check(conn, path)?;
    backup_before_migration(conn, path, found).map(drop)
}

/// Brings the database to [`LATEST`] and marks it as kehoach's (a file of an older schema
/// has been backed up first by [`back_up_if_older`]).
pub fn migrate(conn: &mut Connection, kind: Kind) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::NewerSchema {
            found,
            supported: LATEST,
        });
    }
    if found == LATEST {
        return match kind {
            Kind::Marked => Ok(()),
            Kind::Empty | Kind::Unmarked => identity::mark(conn),
        };
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        identity::mark(&tx)?;
        tx.commit()?;
    }
    Ok(())
}

/// Writes a consistent, synced, owner-only copy of the database next to it:
/// `NAME.v{version}.bak` (numbered further if that name is taken). Returns the backup path.
pub fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: u32,
) -> Result<std::path::PathBuf, StoreError> {
    let target = free_backup_name(path, version);
    super::backup::vacuum_into_new(conn, &target)?;
    Ok(target)
}

fn free_backup_name(path: &Path, version: u32) -> std::path::PathBuf {
    let base = path.to_string_lossy();
    let first = std::path::PathBuf::from(format!("{base}.v{version}.bak"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| std::path::PathBuf::from(format!("{base}.v{version}.{n}.bak")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
