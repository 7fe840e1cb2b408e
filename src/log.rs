//! The error log beside the database, `NAME.db.log`: the raw text of database and file
//! errors that the facilitator sees only as one translated sentence. Created owner-only
//! (0600 on Unix); past [`MAX_BYTES`] it is moved to `NAME.db.log.1` (replacing the older
//! one) and started again, so it never grows without bound.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::StoreError;

/// Size past which the log is rotated.
pub const MAX_BYTES: u64 = 256 * 1024;

/// The log file of the database at `db`.
pub fn log_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".log");
    PathBuf::from(name)
}

/// Appends the details of a store error to the log of `db` (nothing for an in-memory
/// store, or for errors whose sentence already says everything). Returns whether a line
/// was written; a log that cannot be written is not an error of the edit.
pub fn store_error(db: Option<&Path>, e: &StoreError) -> bool {
    let detail = match e {
        StoreError::Sqlite(text) => format!("database: {text}"),
        StoreError::Io(io) => format!("file: {io}"),
        _ => return false,
    };
    match db {
        Some(db) => append(&log_path(db), &detail).is_ok(),
        None => false,
    }
}

/// Appends one timestamped line to `path`, rotating it first when it is too large.
pub fn append(path: &Path, line: &str) -> std::io::Result<()> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() >= MAX_BYTES) {
        let mut old = path.as_os_str().to_owned();
        old.push(".1");
        std::fs::rename(path, PathBuf::from(old))?;
    }
    let mut file = open_owner_only(path)?;
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ");
    writeln!(file, "{at} {}", line.replace('\n', " "))
}

fn open_owner_only(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_sits_beside_the_database() {
        assert_eq!(
            log_path(Path::new("/d/xa.db")),
            PathBuf::from("/d/xa.db.log")
        );
    }

    #[test]
    fn raw_database_text_is_logged_owner_only() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("x.db");
        let e = StoreError::Sqlite("no such table: foo".into());
        assert!(store_error(Some(&db), &e));
        let text = std::fs::read_to_string(log_path(&db)).expect("log");
        assert!(text.contains("no such table: foo"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(log_path(&db))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(!store_error(Some(&db), &StoreError::DiskFull));
        assert!(!store_error(None, &e));
    }

    #[test]
    fn a_full_log_is_rotated_once() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.db.log");
        std::fs::write(&path, vec![b'a'; MAX_BYTES as usize]).expect("fill");
        append(&path, "new line").expect("append");
        let rotated = dir.path().join("x.db.log.1");
        assert_eq!(std::fs::metadata(&rotated).expect("old").len(), MAX_BYTES);
        let text = std::fs::read_to_string(&path).expect("log");
        assert!(text.ends_with("new line\n") && text.len() < 100, "{text}");
    }
}
