//! Facilitator-facing text for errors from the lower layers (the store and the file
//! system), shared by the interface, the command line and export deliveries. Common
//! operating-system errors get their own translated reason, so a Vietnamese line does not
//! end in English OS text.

use std::io::{Error, ErrorKind};

use crate::i18n::{Lang, t, tf};
use crate::store::StoreError;

/// The line shown for a store error.
pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match e {
        StoreError::Io(io) if io_reason_key(io).is_some() => {
            tf(lang, "err.db_file", &[io_error(lang, io)])
        }
        _ => tf(lang, e.message_key(), &e.message_args()),
    }
}

/// A file error's reason in `lang`: a translated reason for the common kinds, the
/// system's own text otherwise.
pub fn io_error(lang: Lang, e: &Error) -> String {
    io_reason_key(e).map_or_else(|| e.to_string(), |key| t(lang, key))
}

/// The i18n key explaining a file error of a common kind; `None` for rarer kinds.
pub fn io_reason_key(e: &Error) -> Option<&'static str> {
    Some(match e.kind() {
        ErrorKind::PermissionDenied => "io.permission_denied",
        ErrorKind::NotFound => "io.not_found",
        ErrorKind::AlreadyExists => "io.already_exists",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "io.storage_full"
        }
        ErrorKind::ReadOnlyFilesystem => "io.read_only",
        ErrorKind::NotADirectory => "io.not_a_directory",
        ErrorKind::IsADirectory => "io.is_a_directory",
        ErrorKind::InvalidFilename => "io.invalid_name",
        ErrorKind::ResourceBusy => "io.busy",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [ErrorKind; 11] = [
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::AlreadyExists,
        ErrorKind::StorageFull,
        ErrorKind::QuotaExceeded,
        ErrorKind::FileTooLarge,
        ErrorKind::ReadOnlyFilesystem,
        ErrorKind::NotADirectory,
        ErrorKind::IsADirectory,
        ErrorKind::InvalidFilename,
        ErrorKind::ResourceBusy,
    ];

    #[test]
    fn common_kinds_are_translated_in_both_languages() {
        for kind in KINDS {
            let key = io_reason_key(&Error::from(kind)).expect("a key");
            assert!(crate::i18n::has(key), "{key} is in the string files");
            let vi = io_error(Lang::Vi, &Error::from(kind));
            let en = io_error(Lang::En, &Error::from(kind));
            assert_ne!(vi, en, "{key}");
        }
    }

    #[test]
    fn permission_denied_reads_in_vietnamese_without_os_text() {
        let e = StoreError::Io(Error::from_raw_os_error(13));
        let line = store_error(Lang::Vi, &e);
        assert!(line.contains("không có quyền"), "{line}");
        assert!(!line.contains("Permission denied"), "{line}");
        assert!(!line.contains("os error"), "{line}");
    }

    #[test]
    fn rare_kinds_keep_the_system_text() {
        let e = Error::other("strange thing");
        assert_eq!(io_reason_key(&e), None);
        assert_eq!(io_error(Lang::Vi, &e), "strange thing");
        let line = store_error(Lang::Vi, &StoreError::Io(e));
        assert!(line.contains("strange thing"), "{line}");
    }

    #[test]
    fn a_database_error_is_one_sentence_without_the_raw_text() {
        let e = StoreError::Sqlite("no such table: activities".into());
        for lang in [Lang::Vi, Lang::En] {
            let line = store_error(lang, &e);
            assert!(!line.contains("no such table"), "{line}");
            assert!(line.contains(".log"), "{line}");
        }
    }

    #[test]
    fn other_store_errors_use_their_own_message() {
        let line = store_error(Lang::En, &StoreError::DiskFull);
        assert_eq!(line, t(Lang::En, "err.disk_full"));
    }
}
