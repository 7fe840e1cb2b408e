//! `kehoach commune export --commune NAME_OR_ID --year YYYY --format … --out DIR`: the
//! commune's forms of a planning year (1-2 summed, 5, 6, B1, B2) and its bundle, written
//! through `crate::deliver` as the commune screen writes them.

use std::path::PathBuf;

use crate::deliver::{ExportRequest, ExportTarget, export};
use crate::domain::place::commune_key;
use crate::domain::{Commune, CommuneId};
use crate::i18n::{Lang, tf};
use crate::store::Store;

/// The commune's subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CommuneCommand {
    /// Export the commune's forms of a year (1-2 summed, 5, 6, B1, B2) and its bundle.
    Export(CommuneExportArgs),
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
    let CommuneCommand::Export(args) = command;
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

/// The commune by id, or by name as [`commune_key`] matches names.
fn find_commune(store: &Store, lang: Lang, wanted: &str) -> Result<CommuneId, String> {
    let all = store
        .communes()
        .map_err(|e| super::store_error(lang, &store.located(e)))?;
    if let Ok(id) = wanted.trim().parse::<i64>()
        && let Some(c) = all.iter().find(|c| c.id.0 == id)
    {
        return Ok(c.id);
    }
    let key = commune_key(wanted);
    let found: Vec<&Commune> = all.iter().filter(|c| commune_key(&c.name) == key).collect();
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
