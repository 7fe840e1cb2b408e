//! Delivering an export to disk, shared by `kehoach export` (and `commune export`,
//! `district export`) and the export screen: check
//! the database for damage, render the chosen formats of one cycle, refuse to overwrite
//! unless asked (and then keep the old file as `NAME.YYYYMMDD-HHMMSS.bak`, a name no later
//! export reuses), and write each file owner-only through a synced temporary file and a
//! rename so an interrupted export never leaves half a file.

use std::path::{Path, PathBuf};

use crate::domain::district::communes_of;
use crate::domain::place::district_short_name;
use crate::domain::{CommuneId, CycleId};
use crate::export::commune::{CommuneBundle, CommuneRendering};
use crate::export::district::{DistrictBundle, DistrictRendering};
use crate::export::forms::district::DistrictYear;
use crate::export::{Format, Source, Stamp, render};
use crate::i18n::{Lang, tf};
use crate::store::{Store, files};

/// What is exported: one village's cycle, or a commune's planning year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// One cycle of one village (its forms and its bundle).
    Cycle(CycleId),
    /// A commune's year: forms 1-2 summed, 5, 6, B1, B2 and the commune bundle.
    CommuneYear(CommuneId, i32),
    /// The year of the district of a commune: its communes' activities by sector and
    /// funding source, the summary by commune, and the district bundle.
    DistrictYear(CommuneId, i32),
    /// A commune's assignment of its villages' plans of a year: one bundle per village
    /// (JSON whatever the formats asked; never over a file already there).
    Assignments(CommuneId, i32),
}

/// What to export and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// What.
    pub target: ExportTarget,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Folder (must exist).
    pub dir: PathBuf,
    /// Replace existing files (each old one is kept under a date-time stamped `.bak` name).
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
pub fn export(
    store: &Store,
    request: &ExportRequest,
    lang: Lang,
) -> Result<Vec<PathBuf>, DeliverError> {
    check_folder(&request.dir, lang)?;
    let store_error = |e: crate::store::StoreError| {
        DeliverError::Failed(crate::messages::store_error(lang, &store.located(e)))
    };
    store.check_sound().map_err(store_error)?;
    let outputs = match request.target {
        ExportTarget::Cycle(cycle) => {
            let record = store.cycle_record(cycle).map_err(store_error)?;
            let source = Source::new(record, request.private, &Stamp::now());
            rendered(&request.formats, lang, |f| render(&source, f, lang))?
        }
        ExportTarget::CommuneYear(commune, year) => {
            let (commune, code) = store.commune_with_code(commune).map_err(store_error)?;
            let villages = store.commune_year(commune.id, year).map_err(store_error)?;
            let conference = store
                .commune_conference(commune.id, year)
                .map_err(store_error)?;
            let bundle = CommuneBundle::new(
                commune,
                code,
                year,
                villages,
                request.private,
                &Stamp::now(),
            )
            .with_conference(conference);
            let rendering = CommuneRendering::new(&bundle, lang);
            rendered(&request.formats, lang, |f| rendering.render(f))?
        }
        ExportTarget::DistrictYear(commune, year) => {
            district_outputs(store, (commune, year), request, lang)?
        }
        ExportTarget::Assignments(commune, year) => {
            return export_assignments(store, (commune, year), &request.dir, lang);
        }
    };
    write_outputs(&request.dir, &outputs, request.force, lang)
}

/// Writes one assignment bundle per village of a commune's year whose approved plan has
/// activities assigned (`<village>-<year>-giao-ke-hoach.json`, owner-only, never over a
/// file already there); returns the written paths.
pub fn export_assignments(
    store: &Store,
    (commune, year): (CommuneId, i32),
    dir: &Path,
    lang: Lang,
) -> Result<Vec<PathBuf>, DeliverError> {
    check_folder(dir, lang)?;
    let store_error = |e: crate::store::StoreError| {
        DeliverError::Failed(crate::messages::store_error(lang, &store.located(e)))
    };
    store.check_sound().map_err(store_error)?;
    let bundles =
        crate::commands::commune_assign::assignment_bundles(store, commune, year, &Stamp::now())
            .map_err(store_error)?;
    if bundles.is_empty() {
        return Err(DeliverError::Failed(tf(
            lang,
            "assign.err.none",
            &[year.to_string()],
        )));
    }
    let outputs: Vec<(String, Vec<u8>)> = bundles
        .iter()
        .map(|b| (b.file_name(), b.to_bytes()))
        .collect();
    write_outputs(dir, &outputs, false, lang).map_err(|e| match e {
        DeliverError::Exists(path) => {
            DeliverError::Failed(tf(lang, "assign.err.exists", &[path.display().to_string()]))
        }
        other => other,
    })
}

/// A district's year rendered in the formats asked: the district is that of `commune`,
/// its communes those this file holds (received whole or village by village). A year for
/// which none of them holds a plan is refused, naming the years that have plans.
fn district_outputs(
    store: &Store,
    (commune, year): (CommuneId, i32),
    request: &ExportRequest,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, DeliverError> {
    let store_error = |e: crate::store::StoreError| {
        DeliverError::Failed(crate::messages::store_error(lang, &store.located(e)))
    };
    let all = store.communes().map_err(store_error)?;
    let own = all
        .iter()
        .find(|c| c.id == commune)
        .ok_or_else(|| store_error(crate::store::StoreError::NotFound))?;
    let district = district_short_name(&own.district).to_string();
    let ids: Vec<CommuneId> = communes_of(&all, &own.district)
        .iter()
        .map(|c| c.id)
        .collect();
    let years = store.district_years(&ids).map_err(store_error)?;
    if !years.contains(&year) {
        let held: Vec<String> = years.iter().map(i32::to_string).collect();
        let held = match held.is_empty() {
            true => crate::i18n::t(lang, "district.err.none"),
            false => held.join(", "),
        };
        let args = [district, year.to_string(), held];
        return Err(DeliverError::Failed(tf(
            lang,
            "district.err.no_plans",
            &args,
        )));
    }
    let communes = store.district_year(&ids, year).map_err(store_error)?;
    let at = DistrictYear {
        district: &district,
        province: &own.province,
        year,
    };
    let bundle = DistrictBundle::new(&at, communes, request.private, &Stamp::now());
    let rendering = DistrictRendering::new(&bundle, lang);
    rendered(&request.formats, lang, |f| rendering.render(f))
}

/// Every format's files, in the order asked.
fn rendered(
    formats: &[Format],
    lang: Lang,
    render: impl Fn(Format) -> Result<Vec<(String, Vec<u8>)>, crate::export::ExportError>,
) -> Result<Vec<(String, Vec<u8>)>, DeliverError> {
    let mut outputs = Vec::new();
    for f in formats {
        outputs.extend(render(*f).map_err(|e| render_failed(lang, &e))?);
    }
    Ok(outputs)
}

/// The line of a format that could not be rendered.
pub(crate) fn render_failed(lang: Lang, e: &crate::export::ExportError) -> DeliverError {
    DeliverError::Failed(tf(lang, "export.err.failed", &[e.to_string()]))
}

/// Refuses a folder that does not exist or is not a folder.
pub(crate) fn check_folder(dir: &Path, lang: Lang) -> Result<(), DeliverError> {
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
    Ok(())
}

/// Writes rendered files into `dir`: refuses to replace one unless `force` (then keeps
/// the old one under a date-time stamped name), each file owner-only through a synced
/// temporary file and a rename, then syncs the folder once. Returns the written paths.
pub(crate) fn write_outputs(
    dir: &Path,
    outputs: &[(String, Vec<u8>)],
    force: bool,
    lang: Lang,
) -> Result<Vec<PathBuf>, DeliverError> {
    if let Some((name, _)) = outputs
        .iter()
        .find(|(name, _)| dir.join(name).exists())
        .filter(|_| !force)
    {
        return Err(DeliverError::Exists(dir.join(name)));
    }
    let shown = dir.display().to_string();
    let unwritable = |e: std::io::Error| {
        DeliverError::Failed(tf(
            lang,
            "export.err.out_unwritable",
            &[shown.clone(), crate::messages::io_error(lang, &e)],
        ))
    };
    let mut written = Vec::new();
    for (name, bytes) in outputs {
        let path = dir.join(name);
        files::keep_stamped_copy(&path).map_err(unwritable)?;
        files::write_atomically(&path, bytes).map_err(unwritable)?;
        written.push(path);
    }
    files::sync_folder(dir).map_err(unwritable)?;
    Ok(written)
}
