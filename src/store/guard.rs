//! The open database file's guard: the single-writer lock and the check that the file we
//! write still has its name.
//!
//! On unix the lock is an OS lock (`flock`) on the database file itself, so a second window
//! is refused whatever name it uses (a symbolic or hard link, `./` or `../`), and there is
//! no lock file to go stale or be left owned by root. On Windows a whole-file lock on the
//! database would block SQLite's own reads, so the lock is `NAME.lock` beside the file with
//! every link resolved first.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::{Result, StoreError};

/// Holds the lock for as long as the store is open (drop it after the connection).
pub struct FileGuard {
    /// The database file, held open: its identity is compared with what the path names.
    file: File,
    path: PathBuf,
    #[cfg(not(unix))]
    _lock: File,
}

impl FileGuard {
    /// Locks the (existing) database file at `path` for this process.
    pub fn take(path: &Path) -> Result<FileGuard> {
        let file = File::open(path).map_err(|e| super::open::io_error(e, path))?;
        #[cfg(unix)]
        {
            lock(&file, path)?;
            Ok(FileGuard {
                file,
                path: path.to_path_buf(),
            })
        }
        #[cfg(not(unix))]
        {
            let real = std::fs::canonicalize(path).map_err(|e| super::open::io_error(e, path))?;
            let lock_path = real.with_file_name(format!(
                "{}.lock",
                real.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            let lock_file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::PermissionDenied => {
                        StoreError::LockUnusable(lock_path.clone())
                    }
                    _ => super::open::io_error(e, path),
                })?;
            lock(&lock_file, path)?;
            Ok(FileGuard {
                file,
                path: path.to_path_buf(),
                _lock: lock_file,
            })
        }
    }

    /// The header bytes of the database file (up to `n`), read through the held handle.
    pub fn head(&self, n: usize) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = &self.file;
        file.seek(SeekFrom::Start(0))?;
        let mut bytes = Vec::with_capacity(n);
        file.take(n as u64).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// The size of the database file in bytes.
    pub fn len(&self) -> std::io::Result<u64> {
        Ok(self.file.metadata()?.len())
    }

    /// Whether the file was deleted, or its path now names another file (the folder
    /// removed, the USB stick pulled, the file replaced): edits would go nowhere.
    pub fn is_gone(&self) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let Ok(open) = self.file.metadata() else {
                return true;
            };
            if open.nlink() == 0 {
                return true;
            }
            std::fs::metadata(&self.path).map_or(true, |now| {
                (now.dev(), now.ino()) != (open.dev(), open.ino())
            })
        }
        #[cfg(not(unix))]
        {
            std::fs::metadata(&self.path).map_or(true, |m| !m.is_file())
        }
    }
}

fn lock(file: &File, path: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(super::open::io_error(e, path)),
    }
}
