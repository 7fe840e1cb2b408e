//! `kehoach export`: checks the arguments, finds the village and cycle, and hands the
//! writing to `crate::deliver` (shared with the export screen).

use std::path::PathBuf;

use crate::deliver::{ExportRequest, ExportTarget, export};
use crate::domain::text::fold;
use crate::domain::{Village, cycle::parse_year};
use crate::export::Format;
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
    /// Formats, folder, --force, --private.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What every export asks: formats, folder, whether to replace and to leave out
/// personal details (`kehoach export`, `commune export`, `district export`).
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
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
    /// Overwrite files that already exist (each old one is kept under a stamped name).
    #[arg(long)]
    pub force: bool,
    /// Leave out personal details (names of people other than elected office holders).
    #[arg(long)]
    pub private: bool,
}

/// The year given, or the line saying it is not one.
pub(super) fn year(lang: Lang, text: &str) -> Result<i32, String> {
    parse_year(text).map_err(|_| tf(lang, "export.err.bad_year", &[text.to_string()]))
}

/// The formats named, comma-separated, each once.
pub(super) fn formats(lang: Lang, text: &str) -> Result<Vec<Format>, String> {
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
    for c in store
        .communes()
        .map_err(|e| super::store_error(lang, &store.located(e)))?
    {
        all.extend(
            store
                .villages(c.id)
                .map_err(|e| super::store_error(lang, &store.located(e)))?,
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
    let formats = formats(lang, &args.output.format)?;
    let year = year(lang, &args.year)?;
    let village = find_village(store, lang, &args.village)?;
    let cycle = store
        .cycles(village.id)
        .map_err(|e| super::store_error(lang, &store.located(e)))?
        .into_iter()
        .find(|c| c.year == year)
        .ok_or_else(|| {
            tf(
                lang,
                "export.err.no_cycle",
                &[village.name.clone(), year.to_string()],
            )
        })?;
    let request = ExportRequest {
        target: ExportTarget::Cycle(cycle.id),
        formats,
        dir: args.output.out.clone(),
        force: args.output.force,
        private: args.output.private,
    };
    export(store, &request, lang).map_err(|e| e.text(lang))
}
