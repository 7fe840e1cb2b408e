//! The files of `kehoach import`: those named, and the .json files of the folders named
//! (other files skipped and named), each read as `kehoach check` reads a bundle.

use std::path::{Path, PathBuf};

use crate::commands::import::ImportFile;
use crate::i18n::{Lang, tf};

/// The files to import, with what was skipped or could not be read.
pub(super) struct Gathered {
    pub files: Vec<ImportFile>,
    /// Whether each file came from a folder (a non-bundle there is skipped, not refused).
    pub in_folder: Vec<bool>,
    /// Refused because unreadable (one line each).
    pub unreadable: Vec<String>,
}

/// The files named, folders opened (their .json files, in name order).
pub(super) fn gather(lang: Lang, paths: &[PathBuf]) -> Result<Gathered, String> {
    let mut out = Gathered {
        files: Vec::new(),
        in_folder: Vec::new(),
        unreadable: Vec::new(),
    };
    for path in paths {
        if path.is_dir() {
            let before = out.files.len() + out.unreadable.len();
            for file in folder_files(lang, path)? {
                add(lang, &mut out, &file, true);
            }
            if out.files.len() + out.unreadable.len() == before {
                println!(
                    "{}",
                    tf(lang, "import.err.no_files", &[path.display().to_string()])
                );
            }
        } else {
            add(lang, &mut out, path, false);
        }
    }
    Ok(out)
}

/// A folder's .json files in name order; other files are named as skipped.
fn folder_files(lang: Lang, folder: &Path) -> Result<Vec<PathBuf>, String> {
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
    for p in other {
        println!("{}", tf(lang, "import.skip.not_json", &[base_name(&p)]));
    }
    Ok(json)
}

fn add(lang: Lang, out: &mut Gathered, path: &Path, in_folder: bool) {
    match crate::cli::check::read_file(lang, path) {
        Ok(bytes) => {
            out.files.push(ImportFile {
                file_name: base_name(path),
                bytes,
            });
            out.in_folder.push(in_folder);
        }
        Err(line) => out.unreadable.push(line),
    }
}

fn base_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}
