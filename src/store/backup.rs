//! Copies of the whole database: backups before a migration or a deletion, and the rescue
//! copy when the open file has lost its name. Each is written by `VACUUM INTO` to an
//! owner-only temporary file, synced, and only then renamed to its final name, which is
//! never one that exists already.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{Result, Store, StoreError, files, identity};

/// Writes a consistent copy of what `conn` holds to the new file `target`.
pub(super) fn vacuum_into_new(conn: &Connection, target: &Path) -> Result<()> {
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(StoreError::Io(std::io::ErrorKind::AlreadyExists.into()));
    }
    let mut failure = None;
    let written = files::write_via_temp(target, false, |tmp, file| {
        drop(file);
        let Some(text) = tmp.to_str() else {
            return Err(std::io::ErrorKind::InvalidFilename.into());
        };
        conn.execute("VACUUM INTO ?1", [text])
            .map(drop)
            .map_err(|e| {
                failure = Some(StoreError::from(e));
                std::io::Error::other("VACUUM INTO failed")
            })
    });
    match (written, failure) {
        (Ok(()), _) => files::sync_folder_of(target).map_err(StoreError::Io),
        (Err(_), Some(e)) => Err(e),
        (Err(e), None) => Err(StoreError::Io(e)),
    }
}

impl Store {
    /// Writes a checked, consistent copy of the database to the new file `path` (a backup).
    pub(super) fn checked_backup(&self, path: &Path) -> Result<()> {
        identity::quick_check(&self.conn, self.path.as_deref().unwrap_or(Path::new("")))?;
        vacuum_into_new(&self.conn, path)
    }

    /// Runs SQLite's quick check of the file; `NotADatabase` (with the file's name) when it
    /// finds damage. Exports call this first.
    pub fn check_sound(&self) -> Result<()> {
        identity::quick_check(&self.conn, self.path.as_deref().unwrap_or(Path::new("")))
    }

    /// Whether the open file was deleted or its name now points elsewhere (then every edit
    /// is refused with `FileGone`, and [`Store::rescue_to`] can still save what is open).
    pub fn is_gone(&self) -> bool {
        self.guard.as_ref().is_some_and(|g| g.is_gone())
    }

    /// Refuses to write when the file lost its name: the edit would be lost with it.
    pub(super) fn check_present(&self) -> Result<()> {
        match self.path.as_ref().filter(|_| self.is_gone()) {
            Some(path) => Err(StoreError::FileGone(path.clone())),
            None => Ok(()),
        }
    }

    /// Writes everything the connection still holds to the new file `target` (the rescue
    /// after the database file was deleted or its stick pulled).
    pub fn rescue_to(&self, target: &Path) -> Result<PathBuf> {
        vacuum_into_new(&self.conn, target)?;
        Ok(target.to_path_buf())
    }
}
