//! Whose file this is and whether it is whole, decided before kehoach writes a byte.
//!
//! kehoach marks its files with `PRAGMA application_id`. A file without the mark is taken
//! as kehoach's only when it is empty or holds exactly what kehoach's migrations up to its
//! `user_version` create (files of kehoach before the mark); every other SQLite file is
//! another program's and is refused unchanged. Damage is looked for cheaply at start (the
//! header, and the page count against the file's size) and thoroughly with
//! `PRAGMA quick_check` before every export, backup and migration.

use std::path::Path;

use rusqlite::Connection;

use super::guard::FileGuard;
use super::migrate::{LATEST, MIGRATIONS};
use super::{Result, StoreError};

/// kehoach's mark in the SQLite header ("KHOA").
pub const APPLICATION_ID: i32 = 0x4B48_4F41;

/// Size of the SQLite file header.
const HEADER: usize = 100;

/// What an opened file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Marked as kehoach's.
    Marked,
    /// Empty: kehoach may create its tables.
    Empty,
    /// kehoach's, written before files were marked: the mark is set now.
    Unmarked,
}

/// Checks the header and the size of a non-empty file: `NotADatabase` when the file does
/// not start like SQLite or is shorter than its header says (truncated).
pub fn check_header(guard: &FileGuard, path: &Path) -> Result<()> {
    let len = guard.len()?;
    if len == 0 {
        return Ok(());
    }
    let damaged = || StoreError::NotADatabase(path.to_path_buf());
    let head = guard.head(HEADER)?;
    if head.len() < HEADER || !head.starts_with(b"SQLite format 3\0") {
        return Err(damaged());
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(damaged()),
    };
    let pages = u64::from(be_u32(&head, 28));
    let pages_valid = head[24..28] == head[92..96] && pages > 0;
    if pages_valid && !has_wal(path) && len < pages * page_size {
        return Err(damaged());
    }
    Ok(())
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Whether a non-empty write-ahead log lies beside the file (its pages count too).
fn has_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(std::path::PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// Decides whose file an open connection shows; `Foreign` for another program's.
pub fn classify(conn: &Connection, path: &Path) -> Result<Kind> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app == APPLICATION_ID {
        return Ok(Kind::Marked);
    }
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables = table_names(conn)?;
    let foreign = || StoreError::Foreign(path.to_path_buf());
    if app != 0 {
        return Err(foreign());
    }
    if version == 0 {
        return if tables.is_empty() {
            Ok(Kind::Empty)
        } else {
            Err(foreign())
        };
    }
    if version > LATEST {
        return Err(foreign());
    }
    let mut expected = tables_created(version);
    expected.sort();
    if tables == expected {
        Ok(Kind::Unmarked)
    } else {
        Err(foreign())
    }
}

/// The database's own tables, sorted (SQLite's internal ones left out).
fn table_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(names)
}

/// The tables kehoach's migrations up to `version` leave (created and not dropped).
fn tables_created(version: u32) -> Vec<String> {
    let sql: String = MIGRATIONS
        .iter()
        .take(version as usize)
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let created = names_after(&sql, "CREATE TABLE ");
    let dropped = names_after(&sql, "DROP TABLE ");
    created
        .into_iter()
        .filter(|name| !dropped.contains(name))
        .collect()
}

/// The identifiers that follow `keyword` (and an optional `IF [NOT] EXISTS`) in `sql`.
fn names_after(sql: &str, keyword: &str) -> Vec<String> {
    let upper = sql.to_ascii_uppercase();
    let mut names = Vec::new();
    let mut from = 0;
    while let Some(at) = upper[from..].find(keyword) {
        from += at + keyword.len();
        let tail = upper[from..].trim_start();
        let tail = ["IF NOT EXISTS ", "IF EXISTS "]
            .iter()
            .find_map(|p| tail.strip_prefix(p))
            .unwrap_or(tail)
            .trim_start();
        let skipped = upper.len() - tail.len();
        let name: String = sql[skipped..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// Sets kehoach's mark (inside the caller's transaction or on its own).
pub fn mark(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// SQLite's quick check of the whole file; `NotADatabase` when it finds damage.
pub fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| super::locate(e.into(), path))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::NotADatabase(path.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_foundation_tables_are_read_from_the_migrations() {
        let one = tables_created(1);
        for t in ["communes", "villages", "cycles", "people", "audit_log"] {
            assert!(one.iter().any(|n| n == t), "{t} in {one:?}");
        }
        assert!(tables_created(LATEST).len() > one.len());
        assert_eq!(
            names_after(
                "create table if not exists x_1 (a); DROP TABLE y;",
                "CREATE TABLE "
            ),
            vec!["x_1"]
        );
    }

    #[test]
    fn a_file_of_every_earlier_kehoach_version_is_recognised() {
        for version in 1..=LATEST {
            let conn = Connection::open_in_memory().expect("conn");
            for sql in MIGRATIONS.iter().take(version as usize) {
                conn.execute_batch(sql).expect("migration");
            }
            conn.pragma_update(None, "user_version", version)
                .expect("version");
            let kind = classify(&conn, Path::new("x.db")).expect("kehoach's");
            assert_eq!(kind, Kind::Unmarked, "version {version}");
        }
    }

    #[test]
    fn other_programs_files_are_foreign() {
        let cases: [(&str, u32); 3] = [
            ("CREATE TABLE notes (body TEXT);", 0),
            ("CREATE TABLE notes (body TEXT);", 3),
            ("CREATE TABLE communes (id INTEGER);", 1),
        ];
        for (sql, version) in cases {
            let conn = Connection::open_in_memory().expect("conn");
            conn.execute_batch(sql).expect("sql");
            conn.pragma_update(None, "user_version", version)
                .expect("version");
            let got = classify(&conn, Path::new("x.db"));
            assert!(
                matches!(got, Err(StoreError::Foreign(_))),
                "{sql} v{version}"
            );
        }
        let conn = Connection::open_in_memory().expect("conn");
        conn.pragma_update(None, "application_id", 7).expect("id");
        assert!(matches!(
            classify(&conn, Path::new("x.db")),
            Err(StoreError::Foreign(_))
        ));
    }
}
