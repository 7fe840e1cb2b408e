//! The SQLite store: the only module that knows SQL.
//!
//! Owns: opening the file (WAL, synchronous=FULL, foreign keys), the single-writer lock,
//! migrations, and one function per edit, each committed in its own transaction with an
//! audit-log row. Functions take and return domain types. Must not: hand rusqlite types
//! to callers or know about screens.

mod after_plan;
mod annual;
mod assessment;
mod assignments;
mod audit;
mod backup;
mod conference;
mod cycles;
mod delete;
mod facts;
pub mod files;
mod frozen;
mod guard;
mod history;
mod identity;
mod imports;
mod meetings;
mod migrate;
mod open;
mod people;
mod places;
mod preparation;
mod prioritisation;
mod record;
mod working_group;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use after_plan::ERROR_KEYS as AFTER_PLAN_ERROR_KEYS;
pub use annual::{AnnualApproval, AnnualItem, ERROR_KEYS as ANNUAL_ERROR_KEYS, ReviewRow};
pub use assessment::{ActivityOrigin, AssessmentFacts, ToolFinding};
pub use assignments::{AssignedPlan, NewAssignmentImport};
pub use audit::AuditEntry;
pub use conference::{
    CommuneVersion, ERR_APPROVED as CONFERENCE_ERR_APPROVED, ERROR_KEYS as CONFERENCE_ERROR_KEYS,
    NewChange,
};
pub use delete::{DeleteStep, ERROR_KEYS as DELETE_ERROR_KEYS};
pub use frozen::{AnnualVersion, Owner, PLAN_APPROVED_KEY};
pub use history::ERROR_KEYS as HISTORY_ERROR_KEYS;
pub use identity::APPLICATION_ID;
pub use imports::{
    CodedCommune, CodedVillage, CommuneImport, ERR_IMPORTED as IMPORT_ERR_IMPORTED,
    ERR_STORED as IMPORT_ERR_STORED, ERROR_KEYS as IMPORT_ERROR_KEYS, ImportedPlan,
    NewCommuneImport, NewImport,
};
pub use meetings::{Attendee, MeetingDetails};
pub use migrate::{LATEST as SCHEMA_VERSION, MIGRATIONS};
pub use places::HomeEntry;
pub use preparation::{Facilitator, Figure};
pub use prioritisation::{GroupInfo, PlanVersion, ScoringSettings};
pub use working_group::WorkingGroup;

/// Everything that can go wrong with the database, each with a clear message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another kehoach process has the file open.
    #[error("the database {0} is already open in another kehoach window")]
    Locked(PathBuf),
    /// The file exists but is not a SQLite database (or is corrupt).
    #[error("{0} is not a kehoach database or is damaged")]
    NotADatabase(PathBuf),
    /// The file is another program's SQLite database: kehoach leaves it unchanged.
    #[error("{0} is another program's SQLite database")]
    Foreign(PathBuf),
    /// The path names a folder, a device or a pipe, not a regular file.
    #[error("{0} is not a regular file")]
    NotRegular(PathBuf),
    /// The open file was deleted or its name now points elsewhere: nothing more is saved.
    #[error("the database {0} is gone (deleted, moved or its disk removed)")]
    FileGone(PathBuf),
    /// The file belongs to another user (often after one `sudo kehoach`).
    #[error("{0} belongs to another user")]
    OtherOwner(PathBuf),
    /// The lock file beside the database cannot be opened (Windows).
    #[error("the lock file {0} cannot be opened")]
    LockUnusable(PathBuf),
    /// The disk is full while the file is being opened (nothing was being saved).
    #[error("the disk holding {0} is full")]
    DiskFullAtOpen(PathBuf),
    /// The file could not be set up for writing (its folder cannot hold the WAL's files).
    #[error("{0} cannot be set up for writing here")]
    OpenFailed(PathBuf),
    /// The file or its folder cannot be written.
    #[error("{0} cannot be written (read-only file or folder)")]
    ReadOnly(PathBuf),
    /// The file was written by a newer kehoach.
    #[error("the database has schema version {found}; this kehoach reads up to {supported}")]
    NewerSchema {
        /// Version in the file.
        found: u32,
        /// Newest version this build knows.
        supported: u32,
    },
    /// The disk is full or the file size limit was reached.
    #[error("the disk is full: the last change was not saved")]
    DiskFull,
    /// A record asked for does not exist.
    #[error("record not found")]
    NotFound,
    /// The change breaks a rule of the data (duplicate year, frozen record ...).
    #[error("{0}")]
    Refused(&'static str),
    /// The cycle is closed: its records are read-only until reopened with a reason.
    #[error("the planning cycle is closed (read-only); reopen it with a reason to edit")]
    CycleClosed,
    /// The database refused a change to something an approved plan holds (migration 0008).
    #[error("the plan is approved (frozen); reopen it with a reason to edit")]
    PlanApproved,
    /// A file-system error.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// Any other database error.
    #[error("database error: {0}")]
    Sqlite(String),
}

/// The i18n key of a refusal raised by a trigger (`RAISE(ABORT, message)`), if `e` is
/// one of `refusals` (message, key).
pub(crate) fn trigger_refusal(
    e: &rusqlite::Error,
    refusals: &[(&str, &'static str)],
) -> Option<&'static str> {
    let rusqlite::Error::SqliteFailure(failure, Some(message)) = e else {
        return None;
    };
    let refused = failure.code == rusqlite::ErrorCode::ConstraintViolation;
    let (_, key) = refusals.iter().find(|(m, _)| refused && m == message)?;
    Some(*key)
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let extended = match &e {
            rusqlite::Error::SqliteFailure(f, _) => f.extended_code,
            _ => 0,
        };
        if matches!(
            extended,
            rusqlite::ffi::SQLITE_IOERR_WRITE | rusqlite::ffi::SQLITE_IOERR_SHMSIZE
        ) {
            return StoreError::DiskFull;
        }
        if history::is_closed_refusal(&e) {
            return StoreError::CycleClosed;
        }
        if frozen::is_frozen_refusal(&e) {
            return StoreError::PlanApproved;
        }
        if let Some(key) = imports::refusal_key(&e) {
            return StoreError::Refused(key);
        }
        if let Some(key) = conference::refusal_key(&e) {
            return StoreError::Refused(key);
        }
        if let Some(key) = after_plan::refusal_key(&e) {
            return StoreError::Refused(key);
        }
        if let Some(key) = assignments::refusal_key(&e) {
            return StoreError::Refused(key);
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(PathBuf::new()),
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::NotADatabase(PathBuf::new())
            }
            _ if matches!(e, rusqlite::Error::QueryReturnedNoRows) => StoreError::NotFound,
            _ => StoreError::Sqlite(e.to_string()),
        }
    }
}

impl StoreError {
    /// The i18n key of the facilitator-facing message.
    pub fn message_key(&self) -> &'static str {
        match self {
            StoreError::Locked(_) => "err.db_locked",
            StoreError::NotADatabase(_) => "err.db_not_database",
            StoreError::ReadOnly(_) => "err.db_read_only",
            StoreError::NewerSchema { .. } => "err.db_newer",
            StoreError::DiskFull => "err.disk_full",
            StoreError::NotFound => "err.not_found",
            StoreError::Refused(key) => key,
            StoreError::CycleClosed => history::ERR_CYCLE_CLOSED,
            StoreError::PlanApproved => frozen::PLAN_APPROVED_KEY,
            StoreError::Foreign(_) => "err.db_foreign",
            StoreError::NotRegular(_) => "err.db_not_regular",
            StoreError::FileGone(_) => "err.db_gone",
            StoreError::OtherOwner(_) => "err.db_other_owner",
            StoreError::LockUnusable(_) => "err.db_lock_unusable",
            StoreError::DiskFullAtOpen(_) => "err.disk_full_open",
            StoreError::OpenFailed(_) => "err.db_open_failed",
            StoreError::Io(_) => "err.db_other",
            StoreError::Sqlite(_) => "err.db_internal",
        }
    }

    /// Arguments for the message (a path, versions or a file error's text); a database
    /// error's raw text is not one of them (it goes to the log, see `crate::log`).
    pub fn message_args(&self) -> Vec<String> {
        match self {
            StoreError::Locked(p)
            | StoreError::NotADatabase(p)
            | StoreError::ReadOnly(p)
            | StoreError::Foreign(p)
            | StoreError::NotRegular(p)
            | StoreError::FileGone(p)
            | StoreError::OtherOwner(p)
            | StoreError::LockUnusable(p)
            | StoreError::DiskFullAtOpen(p)
            | StoreError::OpenFailed(p) => vec![p.display().to_string()],
            StoreError::NewerSchema { found, supported } => {
                vec![found.to_string(), supported.to_string()]
            }
            StoreError::Io(e) => vec![e.to_string()],
            StoreError::Refused(annual::ERR_PART_TWO_FULL) => {
                vec![crate::domain::annual::MAX_PART_TWO.to_string()]
            }
            _ => Vec::new(),
        }
    }
}

/// Result of a store call.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open kehoach database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The lock and the file's identity; dropped after `conn` (field order), since closing
    /// another handle on the file first would release SQLite's own locks.
    guard: Option<guard::FileGuard>,
    /// Whether a command's transaction is open ([`Store::in_transaction`]).
    in_command: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrating it to the latest schema.
    pub fn open(path: &Path) -> Result<Self> {
        open::open_file(path)
    }

    /// Opens a fresh in-memory database (tests and benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrate::migrate(&mut conn, identity::Kind::Empty)?;
        Ok(Store {
            conn,
            path: None,
            guard: None,
            in_command: false,
        })
    }

    /// The file this store writes, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        migrate::version(&self.conn)
    }

    /// Fills in this store's file path in errors that name a file (read functions return
    /// them without one).
    pub fn located(&self, e: StoreError) -> StoreError {
        locate(e, self.path.as_deref().unwrap_or(Path::new("")))
    }

    /// Runs SQLite's own integrity check; `Ok(true)` when the file is sound.
    pub fn integrity_ok(&self) -> Result<bool> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(verdict == "ok")
    }

    /// Runs `edit` in one immediate transaction and commits it (one fsync); inside
    /// [`Store::in_transaction`] it runs in that transaction instead.
    fn edit<T>(&mut self, edit: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.check_present()?;
        let path = self.path.clone().unwrap_or_default();
        if self.in_command {
            return edit(&self.conn).map_err(|e| locate(e, &path));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| locate(e.into(), &path))?;
        let value = edit(&tx).map_err(|e| locate(e, &path))?;
        tx.commit().map_err(|e| locate(e.into(), &path))?;
        Ok(value)
    }

    /// Runs `body` (any number of reads and edits) as ONE immediate transaction: it is
    /// committed when `body` returns `Ok`, rolled back when it returns an error. The
    /// commands layer runs every command through this. Nested calls join the outer one.
    pub fn in_transaction<T, E: From<StoreError>>(
        &mut self,
        body: impl FnOnce(&mut Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if self.in_command {
            return body(self);
        }
        let path = self.path.clone().unwrap_or_default();
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| locate(e.into(), &path))?;
        self.in_command = true;
        let result = body(self);
        self.in_command = false;
        let end = match &result {
            Ok(_) => self.conn.execute_batch("COMMIT"),
            Err(_) => self.conn.execute_batch("ROLLBACK"),
        };
        if let Err(e) = end {
            if !self.conn.is_autocommit() {
                // The commit failed: undo the whole command; its error is the one to report.
                self.conn.execute_batch("ROLLBACK").ok();
            }
            if result.is_ok() {
                return Err(locate(e.into(), &path).into());
            }
        }
        result
    }
}

/// Fills in the file path of errors that name it.
fn locate(e: StoreError, path: &Path) -> StoreError {
    match e {
        StoreError::ReadOnly(_) => StoreError::ReadOnly(path.to_path_buf()),
        StoreError::NotADatabase(_) => StoreError::NotADatabase(path.to_path_buf()),
        other => other,
    }
}
