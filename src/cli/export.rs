//! `kehoach export`: finds the village and cycle, renders the chosen formats and writes
//! each file through a temporary file and a rename, so an interrupted export never
//! leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::text::fold;
use crate::domain::{Village, cycle::parse_year};
use crate::export::{Format, render};
use crate::i18n::{Lang, tf};
use crate::store::Store;

/// Arguments of `kehoach export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Village name (diacritics and case ignored) or id.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub village: String,
    /// Plan year of the cycle.
    #[arg(long, value_name = "YYYY")]
    pub year: String,
    /// Formats, comma-separated.
    #[arg(
        long,
        value_name = "xlsx,html,csv,json",
        default_value = "xlsx,html,csv,json"
    )]
    pub format: String,
    /// Folder to write into (must exist).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Leave out personal details (attendees' names, ethnicity, wealth group).
    #[arg(long)]
    pub private: bool,
}

fn formats(lang: Lang, text: &str) -> Result<Vec<Format>, String> {
    let mut out = Vec::new();
    for code in text.split(',') {
        let f = Format::from_code(code)
            .ok_or_else(|| tf(lang, "export.err.bad_format", &[code.trim().to_string()]))?;
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}

fn find_village(store: &Store, lang: Lang, wanted: &str) -> Result<Village, String> {
    let mut all = Vec::new();
    for c in store.communes().map_err(|e| super::store_error(lang, &e))? {
        all.extend(
            store
                .villages(c.id)
                .map_err(|e| super::store_error(lang, &e))?,
        );
    }
    if let Ok(id) = wanted.trim().parse::<i64>()
        && let Some(v) = all.iter().find(|v| v.id.0 == id)
    {
        return Ok(v.clone());
    }
    let key = fold(wanted.trim());
    let found: Vec<Village> = all.into_iter().filter(|v| fold(&v.name) == key).collect();
    match found.as_slice() {
        [] => Err(tf(
            lang,
            "export.err.unknown_village",
            &[wanted.to_string()],
        )),
        [one] => Ok(one.clone()),
        many => Err(tf(
            lang,
            "export.err.ambiguous_village",
            &[
                wanted.to_string(),
                many.iter()
                    .map(|v| v.id.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ],
        )),
    }
}

/// Checks the arguments, renders the files and writes them; returns the written paths.
pub(super) fn run(store: &Store, lang: Lang, args: &ExportArgs) -> Result<Vec<PathBuf>, String> {
    let formats = formats(lang, &args.format)?;
    let year = parse_year(&args.year).map_err(|_| {
        tf(
            lang,
            "export.err.bad_year",
            std::slice::from_ref(&args.year),
        )
    })?;
    let village = find_village(store, lang, &args.village)?;
    let cycle = store
        .cycles(village.id)
        .map_err(|e| super::store_error(lang, &e))?
        .into_iter()
        .find(|c| c.year == year)
        .ok_or_else(|| {
            tf(
                lang,
                "export.err.no_cycle",
                &[village.name.clone(), year.to_string()],
            )
        })?;
    let dir = &args.out;
    let shown = dir.display().to_string();
    if !dir.exists() {
        return Err(tf(lang, "export.err.out_missing", &[shown]));
    }
    if !dir.is_dir() {
        return Err(tf(lang, "export.err.out_not_dir", &[shown]));
    }
    let mut snapshot = store
        .cycle_snapshot(cycle.id)
        .map_err(|e| super::store_error(lang, &e))?;
    if args.private {
        snapshot = snapshot.without_personal_details();
    }
    let mut files = Vec::new();
    for f in formats {
        files.extend(
            render(&snapshot, f, lang)
                .map_err(|e| tf(lang, "export.err.failed", &[e.to_string()]))?,
        );
    }
    if !args.force
        && let Some((name, _)) = files.iter().find(|(name, _)| dir.join(name).exists())
    {
        return Err(tf(
            lang,
            "export.err.exists",
            &[dir.join(name).display().to_string()],
        ));
    }
    let mut written = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        write_atomically(&path, bytes).map_err(|e| {
            tf(
                lang,
                "export.err.out_unwritable",
                &[shown.clone(), e.to_string()],
            )
        })?;
        written.push(path);
    }
    Ok(written)
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
