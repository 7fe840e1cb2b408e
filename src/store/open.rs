//! Opening a database file: a regular file, owner-only, locked for this process, kehoach's
//! own and whole (see `identity`), then pragmas and migration.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::guard::FileGuard;
use super::{Result, Store, StoreError, identity, locate, migrate};

/// Opens the file at `path` for exclusive use by this process.
pub fn open_file(path: &Path) -> Result<Store> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io_error(e, path))?;
    }
    create_owner_only(path)?;
    let guard = FileGuard::take(path)?;
    identity::check_header(&guard, path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| locate(e.into(), path))?;
    let kind = identity::classify(&conn, path).map_err(|e| locate(e, path))?;
    migrate::back_up_if_older(&conn, path).map_err(|e| at_open(e, &conn, path))?;
    configure(&conn).map_err(|e| at_open(e.into(), &conn, path))?;
    if let Err(e) = migrate::migrate(&mut conn, kind) {
        return Err(at_open(e, &conn, path));
    }
    Ok(Store {
        conn,
        path: Some(path.to_path_buf()),
        guard: Some(guard),
        in_command: false,
    })
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_millis(2000))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        ));
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")
}

/// A failure while setting the file up or migrating it, before any edit: "disk full" only
/// when the disk (or the file size limit) really is, otherwise that the folder cannot hold
/// the database's files (a network or shared folder often cannot hold the WAL's shared
/// memory).
fn at_open(e: StoreError, conn: &Connection, path: &Path) -> StoreError {
    match e {
        StoreError::DiskFull if full_errno(conn) || disk_is_full(path) => {
            StoreError::DiskFullAtOpen(path.to_path_buf())
        }
        StoreError::DiskFull => StoreError::OpenFailed(path.to_path_buf()),
        other => locate(other, path),
    }
}

/// Whether the operating system's error behind SQLite's last failure means "no space".
fn full_errno(conn: &Connection) -> bool {
    // SAFETY: the handle is the live connection's; sqlite3_system_errno only reads it.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    #[cfg(unix)]
    let full = [libc::ENOSPC, libc::EFBIG, libc::EDQUOT];
    #[cfg(not(unix))]
    let full = [39, 112]; // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
    full.contains(&errno)
}

/// Whether the file system holding `path` has (almost) no space left for this user.
#[cfg(unix)]
fn disk_is_full(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(c_path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `c_path` is a valid NUL-terminated string and `stats` is written by statvfs
    // before it is read (only when it returns 0).
    let stats = unsafe {
        if libc::statvfs(c_path.as_ptr(), stats.as_mut_ptr()) != 0 {
            return false;
        }
        stats.assume_init()
    };
    // The field types differ between systems (u32 on some 32-bit ones).
    #[allow(clippy::useless_conversion)]
    let free = u64::from(stats.f_bavail).saturating_mul(u64::from(stats.f_frsize));
    free < 64 * 1024
}

/// Whether the file system holding `path` is full (not known here without a system call
/// this build does not make: only SQLite's own "full" counts).
#[cfg(not(unix))]
fn disk_is_full(_path: &Path) -> bool {
    false
}

/// Creates the file with owner-only permissions if it does not exist yet; refuses a path
/// that names a folder, a device or a pipe.
fn create_owner_only(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(StoreError::NotRegular(path.to_path_buf())),
        Ok(meta) if meta.permissions().readonly() => Err(StoreError::ReadOnly(path.to_path_buf())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => super::files::create_owner_only(path)
            .map(drop)
            .map_err(|e| io_error(e, path)),
        Err(e) => Err(io_error(e, path)),
    }
}

/// The store error for a file error on the database at `path`: another user's file (after
/// one `sudo kehoach`) is named as such.
pub(super) fn io_error(e: std::io::Error, path: &Path) -> StoreError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied if owned_by_someone_else(path) => {
            StoreError::OtherOwner(path.to_path_buf())
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            StoreError::ReadOnly(path.to_path_buf())
        }
        _ => StoreError::Io(e),
    }
}

/// Whether the file at `path` belongs to a user other than the one running kehoach.
#[cfg(unix)]
fn owned_by_someone_else(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    std::fs::metadata(path).is_ok_and(|m| m.uid() != me)
}

/// Whether the file at `path` belongs to another user (not told apart on this system).
#[cfg(not(unix))]
fn owned_by_someone_else(_path: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_at_start_is_said_only_when_the_disk_is_full() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("k.db");
        let conn = Connection::open_in_memory().expect("conn");
        let got = at_open(StoreError::DiskFull, &conn, &path);
        assert!(matches!(got, StoreError::OpenFailed(_)), "{got:?}");
        let text = crate::messages::store_error(crate::i18n::Lang::En, &got);
        assert!(!text.contains("full"), "{text}");
        let full = StoreError::DiskFullAtOpen(path);
        let text = crate::messages::store_error(crate::i18n::Lang::En, &full);
        assert!(!text.contains("last change"), "{text}");
    }
}
