//! `kehoach district export --district NAME --year YYYY --format … --out DIR`: the
//! district's forms of a planning year (the communes' priority activities by sector and
//! by funding source, the summary by commune) and its bundle, written through
//! `crate::deliver`. The district is matched over the communes this file holds (imported
//! from their bundles or held village by village), case, diacritics and a leading
//! "Huyện" ignored.

use std::path::PathBuf;

use crate::deliver::{ExportRequest, ExportTarget, export};
use crate::domain::Commune;
use crate::domain::district::communes_of;
use crate::domain::place::district_short_name;
use crate::i18n::{Lang, t, tf};
use crate::store::Store;

/// The district's subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum DistrictCommand {
    /// Export the district's forms of a year (by sector, by funding source, by commune)
    /// and its bundle.
    Export(DistrictExportArgs),
}

/// Arguments of `kehoach district export`.
#[derive(Debug, clap::Args)]
pub struct DistrictExportArgs {
    /// District name (case, diacritics and a leading "Huyện" ignored).
    #[arg(long, value_name = "NAME")]
    pub district: String,
    /// The planning year.
    #[arg(long, value_name = "YYYY")]
    pub year: String,
    /// Formats, folder, --force, --private.
    #[command(flatten)]
    pub output: super::export::OutputArgs,
}

/// Runs a district subcommand; returns the written paths.
pub(super) fn run(
    store: &Store,
    lang: Lang,
    command: &DistrictCommand,
) -> Result<Vec<PathBuf>, String> {
    let DistrictCommand::Export(args) = command;
    let formats = super::export::formats(lang, &args.output.format)?;
    let year = super::export::year(lang, &args.year)?;
    let communes = find_district(store, lang, &args.district)?;
    let request = ExportRequest {
        target: ExportTarget::DistrictYear(communes[0].id, year),
        formats,
        dir: args.output.out.clone(),
        force: args.output.force,
        private: args.output.private,
    };
    export(store, &request, lang).map_err(|e| e.text(lang))
}

/// The communes of the district named `wanted` (at least one), in name order.
fn find_district(store: &Store, lang: Lang, wanted: &str) -> Result<Vec<Commune>, String> {
    let all = store
        .communes()
        .map_err(|e| super::store_error(lang, &store.located(e)))?;
    let found: Vec<Commune> = communes_of(&all, wanted).into_iter().cloned().collect();
    if found.is_empty() {
        let mut known: Vec<String> = all
            .iter()
            .map(|c| district_short_name(&c.district).to_string())
            .filter(|d| !d.is_empty())
            .collect();
        known.sort();
        known.dedup();
        let known = if known.is_empty() {
            t(lang, "district.err.none")
        } else {
            known.join(", ")
        };
        return Err(tf(
            lang,
            "district.err.unknown",
            &[wanted.trim().to_string(), known],
        ));
    }
    Ok(found)
}
