//! Forward-only schema migrations keyed on `PRAGMA user_version`.

use std::path::Path;

use rusqlite::Connection;

use super::StoreError;

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
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

/// Reads the schema version of an open database.
pub fn version(conn: &Connection) -> Result<u32, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database to [`LATEST`], first copying a non-empty file to a backup.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<(), StoreError> {
    let found = version(conn)?;
    if found > LATEST {
        return Err(StoreError::NewerSchema {
            found,
            supported: LATEST,
        });
    }
    if found == LATEST {
        return Ok(());
    }
    if let (Some(path), true) = (path, found > 0) {
        backup_before_migration(conn, path, found)?;
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Writes a consistent copy of the database next to it: `NAME.v{version}.bak`
/// (numbered further if that name is taken). Returns the backup path.
pub fn backup_before_migration(
    conn: &Connection,
    path: &Path,
    version: u32,
) -> Result<std::path::PathBuf, StoreError> {
    let target = free_backup_name(path, version);
    let text = target.to_string_lossy().to_string();
    conn.execute("VACUUM INTO ?1", [&text])?;
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
