//! The files to import: those named, and the .json files of the folders named (other
//! files skipped and named), each read under the bundle size cap as `kehoach check` reads
//! a bundle.

use std::path::{Path, PathBuf};

use crate::commands::import::ImportFile;
use crate::i18n::{Lang, tf};
use crate::store::files::{BundleReadError, read_bundle_file};

/// The files to import, with what was skipped or could not be read.
pub struct Gathered {
    /// The files read.
    pub files: Vec<ImportFile>,
    /// Whether each file came from a folder (a non-bundle there is skipped, not refused).
    pub in_folder: Vec<bool>,
    /// Refused because unreadable (one line each).
    pub unreadable: Vec<String>,
    /// What was skipped and why (one translated line each).
    pub skipped: Vec<String>,
}

/// The files named, folders opened (their .json files, in name order).
pub fn gather(lang: Lang, paths: &[PathBuf]) -> Result<Gathered, String> {
    let mut out = Gathered {
        files: Vec::new(),
        in_folder: Vec::new(),
        unreadable: Vec::new(),
        skipped: Vec::new(),
    };
    for path in paths {
        if path.is_dir() {
            let before = out.files.len() + out.unreadable.len();
            for file in folder_files(lang, path, &mut out.skipped)? {
                add(lang, &mut out, &file, true);
            }
            if out.files.len() + out.unreadable.len() == before {
                let folder = path.display().to_string();
                out.skipped.push(tf(lang, "import.err.no_files", &[folder]));
            }
        } else {
            add(lang, &mut out, path, false);
        }
    }
    Ok(out)
}

/// A folder's .json files in name order; other files are named as skipped.
fn folder_files(
    lang: Lang,
    folder: &Path,
    skipped: &mut Vec<String>,
) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(folder).map_err(|e| {
        tf(
            lang,
            "check.err.read",
            &[
                folder.display().to_string(),
                crate::messages::io_error(lang, &e),
            ],
        )
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let (json, other): (Vec<PathBuf>, Vec<PathBuf>) = paths.into_iter().partition(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    skipped.extend(
        other
            .iter()
            .map(|p| tf(lang, "import.skip.not_json", &[base_name(p)])),
    );
    Ok(json)
}

fn add(lang: Lang, out: &mut Gathered, path: &Path, in_folder: bool) {
    match read_file(lang, path) {
        Ok(bytes) => {
            out.files.push(ImportFile::new(base_name(path), bytes));
            out.in_folder.push(in_folder);
        }
        Err(line) => out.unreadable.push(line),
    }
}

/// The file's own name (without its folder).
pub fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads a bundle file (a regular file under the size cap), or one translated line
/// saying why not. `kehoach check` and the import read their files with this.
pub fn read_file(lang: Lang, path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display().to_string();
    read_bundle_file(path).map_err(|e| match e {
        BundleReadError::NotRegular => {
            tf(lang, "check.err.not_regular", std::slice::from_ref(&shown))
        }
        BundleReadError::TooLarge(n) => tf(
            lang,
            "check.err.too_large",
            &[shown.clone(), crate::domain::activity::format_vnd(n)],
        ),
        BundleReadError::Io(e) => tf(
            lang,
            "check.err.read",
            &[shown.clone(), crate::messages::io_error(lang, &e)],
        ),
    })
}
