//! `kehoach commune export --commune NAME_OR_ID --year YYYY --format … --out DIR`: the
//! commune's forms of a planning year (1-2 summed, 5, 6, B1, B2) and its bundle, written
//! through `crate::deliver` as the commune screen writes them; `kehoach commune assign
//! export --commune … --year … --out DIR`: one assignment bundle per village.

use std::path::PathBuf;

use crate::deliver::{ExportRequest, ExportTarget, export, export_assignments};
use crate::domain::place::{commune_key, commune_keys};
use crate::domain::{Commune, CommuneId};
use crate::i18n::{Lang, tf};
use crate::store::Store;

/// The commune's subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CommuneCommand {
    /// Export the commune's forms of a year (1-2 summed, 5, 6, B1, B2) and its bundle.
    Export(CommuneExportArgs),
    /// The commune's assignment of the villages' plans ("Giao kế hoạch").
    #[command(subcommand)]
    Assign(AssignCommand),
}

/// `kehoach commune assign …`.
#[derive(Debug, clap::Subcommand)]
pub enum AssignCommand {
    /// Write one assignment bundle per village (<village>-<year>-giao-ke-hoach.json).
    Export(AssignExportArgs),
}

/// Arguments of `kehoach commune assign export`.
#[derive(Debug, clap::Args)]
pub struct AssignExportArgs {
    /// Commune name (case, diacritics and a leading "Xã" ignored) or id.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub commune: String,
    /// The planning year.
    #[arg(long, value_name = "YYYY")]
    pub year: String,
    /// Folder to write to (must exist; a file already there is never replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Arguments of `kehoach commune export`.
#[derive(Debug, clap::Args)]
pub struct CommuneExportArgs {
    /// Commune name (case, diacritics and a leading "Xã" ignored) or id.
    #[arg(long, value_name = "NAME_OR_ID")]
    pub commune: String,
    /// The planning year.
    #[arg(long, value_name = "YYYY")]
    pub year: String,
    /// Formats, folder, --force, --private.
    #[command(flatten)]
    pub output: super::export::OutputArgs,
}

/// Runs a commune subcommand; returns the written paths.
pub(super) fn run(
    store: &Store,
    lang: Lang,
    command: &CommuneCommand,
) -> Result<Vec<PathBuf>, String> {
    let args = match command {
        CommuneCommand::Export(args) => args,
        CommuneCommand::Assign(AssignCommand::Export(args)) => {
            let year = super::export::year(lang, &args.year)?;
            let commune = find_commune(store, lang, &args.commune)?;
            return export_assignments(store, (commune, year), &args.out, lang)
                .map_err(|e| e.text(lang));
        }
    };
    let formats = super::export::formats(lang, &args.output.format)?;
    let year = super::export::year(lang, &args.year)?;
    let commune = find_commune(store, lang, &args.commune)?;
    let request = ExportRequest {
        target: ExportTarget::CommuneYear(commune, year),
        formats,
        dir: args.output.out.clone(),
        force: args.output.force,
        private: args.output.private,
    };
    export(store, &request, lang).map_err(|e| e.text(lang))
}

/// The commune by id, or by name as [`commune_keys`] reads what was typed.
fn find_commune(store: &Store, lang: Lang, wanted: &str) -> Result<CommuneId, String> {
    let all = store
        .communes()
        .map_err(|e| super::store_error(lang, &store.located(e)))?;
    if let Ok(id) = wanted.trim().parse::<i64>()
        && let Some(c) = all.iter().find(|c| c.id.0 == id)
    {
        return Ok(c.id);
    }
    let found: Vec<&Commune> = commune_keys(wanted)
        .into_iter()
        .map(|key| all.iter().filter(|c| commune_key(&c.name) == key).collect())
        .find(|found: &Vec<&Commune>| !found.is_empty())
        .unwrap_or_default();
    match found.as_slice() {
        [] => Err(tf(lang, "commune.err.unknown", &[wanted.to_string()])),
        [one] => Ok(one.id),
        many => Err(tf(
            lang,
            "commune.err.ambiguous",
            &[
                wanted.to_string(),
                many.iter()
                    .map(|c| c.id.0.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ],
        )),
    }
}
