//! Delivering an export to disk, shared by `kehoach export` and the export screen: check
//! the database for damage, render the chosen formats of one cycle, refuse to overwrite
//! unless asked (and then keep the old file as `NAME.YYYYMMDD-HHMMSS.bak`, a name no later
//! export reuses), and write each file owner-only through a synced temporary file and a
//! rename so an interrupted export never leaves half a file.

use std::path::{Path, PathBuf};

use crate::domain::{CommuneId, CycleId};
use crate::export::commune::{CommuneBundle, CommuneRendering};
use crate::export::district::{DistrictBundle, DistrictRendering};
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
    };
    write_outputs(&request.dir, &outputs, request.force, lang)
}

/// What a district export takes: the district's communes (already found), its name as
/// they write it, the province and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictRequest {
    /// The district's communes.
    pub communes: Vec<CommuneId>,
    /// The district's name, as its communes write it.
    pub district: String,
    /// The province.
    pub province: String,
    /// The planning year.
    pub year: i32,
    /// Formats to write.
    pub formats: Vec<Format>,
    /// Folder (must exist).
    pub dir: PathBuf,
    /// Replace existing files (each old one kept under a stamped `.bak` name).
    pub force: bool,
    /// Leave out personal details.
    pub private: bool,
}

/// Renders and writes a district's year (its forms and bundle); returns the written
/// paths.
pub fn export_district(
    store: &Store,
    request: &DistrictRequest,
    lang: Lang,
) -> Result<Vec<PathBuf>, DeliverError> {
    let out = request;
    check_folder(&out.dir, lang)?;
    let store_error = |e: crate::store::StoreError| {
        DeliverError::Failed(crate::messages::store_error(lang, &store.located(e)))
    };
    store.check_sound().map_err(store_error)?;
    let communes = store
        .district_year(&request.communes, request.year)
        .map_err(store_error)?;
    let at = crate::export::forms::district::DistrictYear {
        district: &request.district,
        province: &request.province,
        year: request.year,
    };
    let bundle = DistrictBundle::new(&at, communes, out.private, &Stamp::now());
    let rendering = DistrictRendering::new(&bundle, lang);
    let outputs = rendered(&out.formats, lang, |f| rendering.render(f))?;
    write_outputs(&out.dir, &outputs, out.force, lang)
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
