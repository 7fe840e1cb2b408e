//! File safety shared by the store, exports and `kehoach check`: files created owner-only,
//! written through a synced temporary file and a rename (never half a file under the final
//! name), a replaced file kept under a date-time stamped name that nothing later reuses, and
//! bundles read only when they are regular files of a sane size.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The largest bundle [`read_bundle_file`] reads (real bundles are about 100 kB).
pub const MAX_BUNDLE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a bundle was not read.
#[derive(Debug)]
pub enum BundleReadError {
    /// The path names a device, a folder, a pipe or another non-regular file.
    NotRegular,
    /// The file is larger than [`MAX_BUNDLE_BYTES`] (its size in bytes).
    TooLarge(u64),
    /// The file could not be read.
    Io(io::Error),
}

/// Reads a bundle file whole, refusing what is not a regular file or is over the cap.
pub fn read_bundle_file(path: &Path) -> Result<Vec<u8>, BundleReadError> {
    let ahead = std::fs::metadata(path).map_err(BundleReadError::Io)?;
    if !ahead.is_file() {
        return Err(BundleReadError::NotRegular);
    }
    let file = File::open(path).map_err(BundleReadError::Io)?;
    let opened = file.metadata().map_err(BundleReadError::Io)?;
    if !opened.is_file() {
        return Err(BundleReadError::NotRegular);
    }
    if opened.len() > MAX_BUNDLE_BYTES {
        return Err(BundleReadError::TooLarge(opened.len()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(BundleReadError::Io)?;
    match u64::try_from(bytes.len()) {
        Ok(n) if n <= MAX_BUNDLE_BYTES => Ok(bytes),
        Ok(n) => Err(BundleReadError::TooLarge(n)),
        Err(_) => Err(BundleReadError::TooLarge(u64::MAX)),
    }
}

/// Creates `path` for writing, owner-only (mode 0600 on unix); fails if it exists.
pub fn create_owner_only(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// A fresh temporary name beside `path` (`.NAME.PID.N.tmp`), unique within this process.
pub fn temp_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder_of(path).join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// The folder holding `path` (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Flushes the list of names of the folder holding `path` to disk, so its renames survive a
/// power cut (unix; other systems have no such call and need none).
pub fn sync_folder_of(path: &Path) -> io::Result<()> {
    sync_folder(folder_of(path))
}

/// Flushes a folder's list of names to disk (see [`sync_folder_of`]).
pub fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Syncs the finished temporary file `tmp` and renames it to `target`; with `replace` false
/// an existing `target` is refused (`AlreadyExists`) and kept. The caller syncs the folder
/// ([`sync_folder`]) once its files are all in place.
pub fn publish(tmp: &Path, target: &Path, replace: bool) -> io::Result<()> {
    OpenOptions::new().write(true).open(tmp)?.sync_all()?;
    if !replace && std::fs::symlink_metadata(target).is_ok() {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    std::fs::rename(tmp, target)
}

/// Runs `write` on a new owner-only temporary file beside `target`, then publishes it
/// (folder not synced); on failure the temporary file is removed and nothing appears under
/// `target`.
pub fn write_via_temp(
    target: &Path,
    replace: bool,
    write: impl FnOnce(&Path, File) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = temp_beside(target);
    let result = create_owner_only(&tmp)
        .and_then(|file| write(&tmp, file))
        .and_then(|()| publish(&tmp, target, replace));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to `path` owner-only through a synced temporary file and a rename (the
/// folder not synced: see [`sync_folder`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, true, |_, mut file| file.write_all(bytes))
}

/// `NAME.YYYYMMDD-HHMMSS.bak` beside `path` for the local time now, with `-2`, `-3` … when
/// that name is taken: a name no earlier or later copy has.
pub fn stamped_name(path: &Path, stamp: &str) -> PathBuf {
    let base = path.as_os_str().to_string_lossy().into_owned();
    let first = PathBuf::from(format!("{base}.{stamp}.bak"));
    std::iter::once(first.clone())
        .chain((2..).map(|n| PathBuf::from(format!("{base}.{stamp}-{n}.bak"))))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or(first)
}

/// The local date and time as `YYYYMMDD-HHMMSS`, for the names of kept copies.
pub fn stamp_now() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S").to_string()
}

/// Keeps the current content of `path` (if any) as an owner-only copy under a stamped name
/// that is never overwritten (the folder not synced); returns the copy's path.
pub fn keep_stamped_copy(path: &Path) -> io::Result<Option<PathBuf>> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(None);
    };
    if !meta.is_file() {
        return Err(io::Error::from(io::ErrorKind::InvalidInput));
    }
    let bytes = std::fs::read(path)?;
    let target = stamped_name(path, &stamp_now());
    write_via_temp(&target, false, |_, mut file| file.write_all(&bytes))?;
    Ok(Some(target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn stamped_copies_never_reuse_a_name() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"one").expect("write");
        let first = keep_stamped_copy(&path).expect("copy").expect("some");
        std::fs::write(&path, b"two").expect("write");
        let second = keep_stamped_copy(&path).expect("copy").expect("some");
        assert_ne!(first, second);
        assert_eq!(std::fs::read(&first).expect("read"), b"one");
        assert_eq!(std::fs::read(&second).expect("read"), b"two");
        #[cfg(unix)]
        assert_eq!(mode(&second), 0o600);
        assert!(
            keep_stamped_copy(&dir.path().join("none"))
                .expect("ok")
                .is_none()
        );
    }

    #[test]
    fn atomic_writes_are_owner_only_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("b.json");
        write_atomically(&path, b"{}").expect("write");
        write_atomically(&path, b"[]").expect("again");
        assert_eq!(std::fs::read(&path).expect("read"), b"[]");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn publishing_without_replace_keeps_an_existing_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("c.bak");
        std::fs::write(&path, b"old").expect("write");
        let err = write_via_temp(&path, false, |_, mut f| f.write_all(b"new")).expect_err("kept");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_not_read_as_bundles() {
        for path in ["/dev/zero", "/dev/null", "/"] {
            let got = read_bundle_file(Path::new(path));
            assert!(matches!(got, Err(BundleReadError::NotRegular)), "{path}");
        }
    }

    #[test]
    fn a_bundle_over_the_cap_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("big.json");
        let file = File::create(&path).expect("create");
        file.set_len(MAX_BUNDLE_BYTES + 1).expect("sparse");
        let got = read_bundle_file(&path);
        assert!(matches!(got, Err(BundleReadError::TooLarge(n)) if n == MAX_BUNDLE_BYTES + 1));
        std::fs::write(&path, b"{}").expect("write");
        assert_eq!(read_bundle_file(&path).expect("small"), b"{}");
    }
}
