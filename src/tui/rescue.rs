//! The rescue offered when the database file loses its name while kehoach runs (the file
//! or its folder deleted, the USB stick pulled): the store refuses every edit, and this
//! writes what the connection still holds to a new file and carries on there.

use std::path::{Path, PathBuf};

use crate::store::files::stamp_now;

/// Where to try writing the rescue copy of `original`, best first, each named
/// `NAME-cuu-YYYYMMDD-HHMMSS.db`: beside it while its folder exists, else in the nearest
/// folder above it that still exists; then the home folder; then the current folder.
pub fn candidates(original: &Path) -> Vec<PathBuf> {
    let stem = original
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kehoach".into());
    let name = format!("{stem}-cuu-{}.db", stamp_now());
    let nearest = original
        .ancestors()
        .skip(1)
        .find(|d| !d.as_os_str().is_empty() && d.is_dir());
    let home = directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    let mut folders: Vec<PathBuf> = nearest.into_iter().map(Path::to_path_buf).collect();
    folders.extend(home.filter(|h| h.is_dir()));
    folders.push(PathBuf::from("."));
    folders.dedup();
    folders.into_iter().map(|d| d.join(&name)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_goes_beside_the_file_or_in_the_nearest_folder_left() {
        let dir = tempfile::tempdir().expect("dir");
        let got = candidates(&dir.path().join("xa.db"));
        assert_eq!(got[0].parent(), Some(dir.path()));
        let name = got[0]
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with("xa-cuu-") && name.ends_with(".db"),
            "{name}"
        );
        let gone = candidates(&dir.path().join("usb/removed/xa.db"));
        assert_eq!(gone[0].parent(), Some(dir.path()));
        assert_eq!(gone.last().and_then(|p| p.parent()), Some(Path::new(".")));
    }
}
