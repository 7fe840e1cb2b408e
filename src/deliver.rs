//! Delivering an export to disk, shared by `kehoach export` and the export screen: render
//! the chosen formats of one cycle, refuse to overwrite unless asked (and then keep the
//! old file as `NAME.bak`), and write each file through a temporary file and a rename so
//! an interrupted export never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::CycleId;
use crate::export::{Format, Source, Stamp, render};
use crate::i18n::{Lang, tf};
use crate::store::Store;

/// What to export and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The cycle.
    pub cycle: CycleId,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Folder (must exist).
    pub dir: PathBuf,
    /// Replace existing files (the old ones are kept as `.bak`).
    pub force: bool,
    /// Leave out personal details.
    pub private: bool,
}

/// Why an export did not happen, as a translated line; `Exists` lets a caller ask first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliverError {
    /// A target file exists and `force` was not given.
    Exists(PathBuf),
    /// Anything else, already translated.
    Failed(String),
}

impl DeliverError {
    /// The facilitator-facing line.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            DeliverError::Exists(p) => tf(lang, "export.err.exists", &[p.display().to_string()]),
            DeliverError::Failed(text) => text.clone(),
        }
    }
}

/// Renders and writes the request; returns the written paths.
pub fn export_cycle(
    store: &Store,
    request: &ExportRequest,
    lang: Lang,
) -> Result<Vec<PathBuf>, DeliverError> {
    let dir = &request.dir;
    let shown = dir.display().to_string();
    if !dir.exists() {
        return Err(DeliverError::Failed(tf(
            lang,
            "export.err.out_missing",
            &[shown],
        )));
    }
    if !dir.is_dir() {
        return Err(DeliverError::Failed(tf(
            lang,
            "export.err.out_not_dir",
            &[shown],
        )));
    }
    let store_error =
        |e: crate::store::StoreError| DeliverError::Failed(crate::messages::store_error(lang, &e));
    let read = |e| store_error(store.located(e));
    let snapshot = store.cycle_snapshot(request.cycle).map_err(read)?;
    let record = store.cycle_record(request.cycle).map_err(read)?;
    let source = Source::new(snapshot, record, request.private, &Stamp::now());
    let mut files = Vec::new();
    for f in &request.formats {
        let rendered = render(&source, *f, lang)
            .map_err(|e| DeliverError::Failed(tf(lang, "export.err.failed", &[e.to_string()])))?;
        files.extend(rendered);
    }
    if let Some((name, _)) = files
        .iter()
        .find(|(name, _)| dir.join(name).exists())
        .filter(|_| !request.force)
    {
        return Err(DeliverError::Exists(dir.join(name)));
    }
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        let unwritable = |e: std::io::Error| {
            DeliverError::Failed(tf(
                lang,
                "export.err.out_unwritable",
                &[shown.clone(), crate::messages::io_error(lang, &e)],
            ))
        };
        keep_backup(&path).map_err(unwritable)?;
        write_atomically(&path, bytes).map_err(unwritable)?;
        written.push(path);
    }
    Ok(written)
}

/// Copies an existing file to `NAME.bak` before it is replaced.
fn keep_backup(path: &Path) -> std::io::Result<()> {
    if path.exists() {
        let mut backup = path.as_os_str().to_owned();
        backup.push(".bak");
        std::fs::copy(path, PathBuf::from(backup))?;
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it
/// over `path`; on failure the temporary file is removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
