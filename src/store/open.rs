//! Opening a database file: permissions, the single-writer lock, pragmas, migration.

use std::fs::{File, OpenOptions};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError, locate, migrate};

/// Opens the file at `path` for exclusive use by this process.
pub fn open_file(path: &Path) -> Result<Store> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io_error(e, path))?;
    }
    create_owner_only(path)?;
    let lock = take_lock(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| locate(e.into(), path))?;
    configure(&conn).map_err(|e| locate(e, path))?;
    migrate::migrate(&mut conn, Some(path)).map_err(|e| locate(e, path))?;
    Ok(Store {
        conn,
        path: Some(path.to_path_buf()),
        _lock: Some(lock),
        in_command: false,
    })
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(2000))?;
    let _: i64 = conn.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::ReadOnly(Default::default()));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")?;
    Ok(())
}

/// Creates the file with owner-only permissions if it does not exist yet.
fn create_owner_only(path: &Path) -> Result<()> {
    if path.exists() {
        return if std::fs::metadata(path)?.permissions().readonly() {
            Err(StoreError::ReadOnly(path.to_path_buf()))
        } else {
            Ok(())
        };
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| io_error(e, path))
}

/// Takes an exclusive lock on `PATH.lock` so a second kehoach gets a clear refusal.
fn take_lock(path: &Path) -> Result<File> {
    let lock_path = path.with_file_name(format!(
        "{}.lock",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| io_error(e, path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(io_error(e, path)),
    }
}

fn io_error(e: std::io::Error, path: &Path) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly(path.to_path_buf())
        }
        _ => StoreError::Io(e),
    }
}
