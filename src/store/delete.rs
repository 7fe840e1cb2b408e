//! Deleting a village with everything it holds, after a backup copy of the file.
//!
//! Which tables hold a village's rows, and in which order to delete them, is read from the
//! schema (`PRAGMA foreign_key_list`), so a table added by a later migration is covered
//! without editing this file: a table belongs to a village when one of its foreign keys
//! points at `villages` or at a table that does. Children are deleted before parents.
//! Closed cycles are reopened and the keep-as-approved triggers (`*_no_delete`) are
//! dropped and recreated inside the same transaction, so nothing changes if any step fails.
//! The audit log keeps its rows and gains one for the deletion.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::VillageId;
use crate::domain::text::fold;

/// The backup file already exists (it is never overwritten).
pub const ERR_BACKUP_EXISTS: &str = "del.err.backup_exists";
/// The backup path cannot be given to SQLite (not valid UTF-8).
pub const ERR_BACKUP_PATH: &str = "del.err.backup_path";
/// The error keys of this module (tests check each has a text).
pub const ERROR_KEYS: [&str; 2] = [ERR_BACKUP_EXISTS, ERR_BACKUP_PATH];

/// Tables that never hold a village's rows even if a key pointed there.
const KEPT: [&str; 1] = ["audit_log"];

/// One table to clear: its name and the `WHERE` selecting the village's rows (`?1` is the
/// village id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteStep {
    /// Table name.
    pub table: String,
    /// Condition selecting the rows of the village.
    pub condition: String,
}

/// A foreign key of a table: its columns and the parent's columns.
struct ForeignKey {
    parent: String,
    from: Vec<String>,
    to: Vec<String>,
}

impl Store {
    /// Writes a checked, consistent, owner-only copy of the whole database to `path`
    /// (`VACUUM INTO` a synced temporary file, then a rename); refuses a path that exists.
    pub fn backup_to(&self, path: &Path) -> Result<()> {
        if path.exists() {
            return Err(StoreError::Refused(ERR_BACKUP_EXISTS));
        }
        path.to_str().ok_or(StoreError::Refused(ERR_BACKUP_PATH))?;
        self.checked_backup(path)
    }

    /// Deletes a village, its cycles with all their data, its people and figures, after
    /// writing a backup next to the database file; returns the backup's path (`None` for
    /// an in-memory store).
    pub fn delete_village(&mut self, village: VillageId) -> Result<Option<PathBuf>> {
        self.check_present()?;
        let name: String = self
            .conn
            .query_row(
                "SELECT name FROM villages WHERE id = ?1",
                [village.0],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound)?;
        let backup = match self.path.clone() {
            Some(db) => {
                let path = self.backup_path(&db, &name)?;
                self.backup_to(&path)?;
                Some(path)
            }
            None => None,
        };
        let steps = delete_plan(&self.conn)?;
        self.edit(|tx| {
            tx.execute(
                "UPDATE cycles SET closed = 0 WHERE village_id = ?1 AND closed = 1",
                [village.0],
            )?;
            let guards = drop_delete_guards(tx, &steps)?;
            for step in &steps {
                tx.execute(
                    &format!(
                        "DELETE FROM {} WHERE {}",
                        quote(&step.table),
                        step.condition
                    ),
                    [village.0],
                )?;
            }
            for sql in guards {
                tx.execute_batch(&sql)?;
            }
            let note = backup.as_ref().map(|p| p.display().to_string());
            record(tx, "village", village.0, "*", Some(&name), note.as_deref())
        })?;
        Ok(backup)
    }

    /// The tables a village deletion clears, children first (tests read it).
    pub fn village_delete_plan(&self) -> Result<Vec<DeleteStep>> {
        delete_plan(&self.conn)
    }

    /// `<db file>.before-delete-<village>-<YYYYMMDD-HHMMSS>.bak` beside `db`, with a
    /// counter when two deletions fall in the same second.
    fn backup_path(&self, db: &Path, village: &str) -> Result<PathBuf> {
        let stamp: String = self.conn.query_row(
            "SELECT strftime('%Y%m%d-%H%M%S', 'now', 'localtime')",
            [],
            |r| r.get(0),
        )?;
        let file = db
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "kehoach.db".into());
        let base = format!("{file}.before-delete-{}-{stamp}", ascii_stem(village));
        let dir = db.parent().unwrap_or(Path::new(""));
        let mut path = dir.join(format!("{base}.bak"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{base}-{n}.bak"));
            n += 1;
        }
        Ok(path)
    }
}

/// A village name as lowercase ASCII words joined by `-` ("Thôn 3" → "thon-3").
fn ascii_stem(name: &str) -> String {
    let folded: String = fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let stem = folded.split_whitespace().collect::<Vec<_>>().join("-");
    if stem.is_empty() {
        "village".into()
    } else {
        stem
    }
}

/// `"name"` for use in SQL.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Every table's foreign keys, read from the schema.
fn foreign_keys(conn: &Connection) -> Result<BTreeMap<String, Vec<ForeignKey>>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = BTreeMap::new();
    for table in tables {
        let mut keys: BTreeMap<i64, ForeignKey> = BTreeMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list({}) ORDER BY id, seq",
            sql_text(&table)
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, parent, from, to) = row?;
            let key = keys.entry(id).or_insert_with(|| ForeignKey {
                parent,
                from: Vec::new(),
                to: Vec::new(),
            });
            key.from.push(from);
            key.to.push(to.unwrap_or_default());
        }
        let mut keys: Vec<ForeignKey> = keys.into_values().collect();
        for key in &mut keys {
            if key.to.iter().any(String::is_empty) {
                key.to = primary_key(conn, &key.parent)?;
            }
        }
        out.insert(table, keys);
    }
    Ok(out)
}

/// `'text'` for use in SQL.
fn sql_text(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// The primary-key columns of `table` (for keys that name only the parent table).
fn primary_key(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM pragma_table_info({}) WHERE pk > 0 ORDER BY pk",
        sql_text(table)
    ))?;
    let cols: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if cols.is_empty() {
        vec!["rowid".into()]
    } else {
        cols
    })
}

/// The tables holding a village's rows with their conditions, children before parents.
fn delete_plan(conn: &Connection) -> Result<Vec<DeleteStep>> {
    let keys = foreign_keys(conn)?;
    // The tables reached from `villages` by following foreign keys backwards.
    let mut scoped: BTreeSet<String> = BTreeSet::from(["villages".to_string()]);
    loop {
        let grown: Vec<String> = keys
            .iter()
            .filter(|(t, ks)| {
                !scoped.contains(*t)
                    && !KEPT.contains(&t.as_str())
                    && ks.iter().any(|k| scoped.contains(&k.parent))
            })
            .map(|(t, _)| t.clone())
            .collect();
        if grown.is_empty() {
            break;
        }
        scoped.extend(grown);
    }
    let mut conditions: BTreeMap<String, String> = BTreeMap::new();
    conditions.insert("villages".into(), "id = ?1".into());
    // Parents before children, so each condition can use its parents' conditions.
    let mut order: Vec<String> = vec!["villages".into()];
    while order.len() < scoped.len() {
        let ready: Vec<String> = scoped
            .iter()
            .filter(|t| !conditions.contains_key(*t))
            .filter(|t| {
                keys[*t]
                    .iter()
                    .filter(|k| k.parent != **t && scoped.contains(&k.parent))
                    .all(|k| conditions.contains_key(&k.parent))
            })
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(StoreError::Sqlite(
                "foreign keys form a cycle between a village's tables".into(),
            ));
        }
        for table in ready {
            let condition = keys[&table]
                .iter()
                .filter(|k| k.parent != table && scoped.contains(&k.parent))
                .map(|k| membership(k, &conditions[&k.parent]))
                .collect::<Vec<_>>()
                .join(" OR ");
            conditions.insert(table.clone(), condition);
            order.push(table);
        }
    }
    Ok(order
        .into_iter()
        .rev()
        .map(|table| DeleteStep {
            condition: conditions[&table].clone(),
            table,
        })
        .collect())
}

/// `(a, b) IN (SELECT x, y FROM parent WHERE <parent's condition>)`.
fn membership(key: &ForeignKey, parent_condition: &str) -> String {
    let cols = |c: &[String]| c.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ");
    format!(
        "({}) IN (SELECT {} FROM {} WHERE {})",
        cols(&key.from),
        cols(&key.to),
        quote(&key.parent),
        parent_condition
    )
}

/// Drops the `BEFORE DELETE` triggers that keep approved records (named `*_no_delete`) on
/// the tables of `steps`; returns their SQL to recreate them in the same transaction.
fn drop_delete_guards(tx: &rusqlite::Connection, steps: &[DeleteStep]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for step in steps {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE '%\\_no\\_delete' ESCAPE '\\'",
        )?;
        let guards: Vec<(String, String)> = stmt
            .query_map(params![step.table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, sql) in guards {
            tx.execute_batch(&format!("DROP TRIGGER {}", quote(&name)))?;
            out.push(sql);
        }
    }
    Ok(out)
}
