//! Importing villages' bundles at the commune, and communes' bundles at the district:
//! [`plan`] is the read-only dry run (per file what it would add, replace, leave, refuse
//! or put to a person), and [`ImportCommand`], run by `commands::execute` in one
//! transaction per bundle, checks the same again inside that transaction and writes the
//! bundle with its audit rows.
//!
//! Owns: the import rule ([`classify`], and [`commune`] for commune bundles), the plan
//! difference ([`diff`]) and how a bundle's commune and village are matched ([`place`]).
//! Must not: write SQL or print.

pub mod assignment;
mod batch;
pub mod classify;
pub mod commune;
pub mod diff;
pub mod place;

pub use assignment::{AssignmentPlanned, LineFate};
pub use commune::CommunePlanned;

pub use classify::{ConflictKind, Held, Verdict};
pub use diff::{FieldChange, PlanDiff, RankMove};
pub use place::CommuneMatch;

use std::sync::{Arc, OnceLock};

use super::{CommandError, Effect};
use crate::domain::VillageId;
use crate::export::assignment::AssignmentBundle;
use crate::export::bundle::{self, Bundle, BundleError, Contents};
use crate::export::commune::CommuneBundle;
use crate::store::{ImportedPlan, NewImport, Store, StoreError};

/// One file given to the import: its name and its bytes, read as a bundle at most once
/// (the dry run's reading is shared by the clones the import commands carry).
#[derive(Debug, Clone)]
pub struct ImportFile {
    /// The file's name (shown and kept).
    pub file_name: String,
    bytes: Arc<[u8]>,
    read: Arc<OnceLock<Result<ReadBundle, BundleError>>>,
}

/// A sound bundle read from a file, with its checked hex SHA-256.
#[derive(Debug)]
struct ReadBundle {
    bundle: Incoming,
    sha256: String,
}

/// What a sound file holds: a village's cycle or a commune's year.
#[derive(Debug, Clone)]
enum Incoming {
    /// A village's bundle (imported at the commune).
    Village(Arc<Bundle>),
    /// A commune's bundle (imported at the district).
    Commune(Arc<CommuneBundle>),
    /// The commune's assignment of a village's plan (imported at the village).
    Assignment(Arc<AssignmentBundle>),
}

impl ImportFile {
    /// A file of this name with these bytes (not read yet).
    pub fn new(file_name: impl Into<String>, bytes: Vec<u8>) -> ImportFile {
        ImportFile {
            file_name: file_name.into(),
            bytes: bytes.into(),
            read: Arc::new(OnceLock::new()),
        }
    }

    /// Its bytes, as received.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bundle and its hex SHA-256, read and checked on the first call only.
    fn bundle(&self) -> Result<(Incoming, String), BundleError> {
        let read = self.read.get_or_init(|| {
            let (contents, sha256) = bundle::inspect_checked(&self.bytes)?;
            let bundle = match contents {
                Contents::Exchange(b) => Incoming::Village(Arc::from(b)),
                Contents::Commune(b) => Incoming::Commune(Arc::from(b)),
                Contents::Assignment(b) => Incoming::Assignment(Arc::from(b)),
                Contents::District(_) => return Err(BundleError::DistrictBundle),
                Contents::Legacy(snapshot) => {
                    return Err(BundleError::OlderSchema {
                        found: snapshot.schema_version,
                    });
                }
            };
            Ok(ReadBundle { bundle, sha256 })
        });
        match read {
            Ok(r) => Ok((r.bundle.clone(), r.sha256.clone())),
            Err(e) => Err(e.clone()),
        }
    }
}

impl PartialEq for ImportFile {
    fn eq(&self, other: &Self) -> bool {
        self.file_name == other.file_name && self.bytes == other.bytes
    }
}

impl Eq for ImportFile {}

/// Import one bundle (the write of [`super::Command::Import`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportCommand {
    /// The file.
    pub file: ImportFile,
    /// The written reason of the person taking a conflicting bundle, if they take it.
    pub conflict_reason: Option<String>,
}

/// Why a bundle is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Not a sound bundle of a schema this build imports.
    Bundle(BundleError),
    /// Its village is edited in this database (it has local cycles).
    LocalVillage(String),
    /// Its commune is held in this database at village level (a commune bundle).
    LocalCommune(String),
    /// Its commune's years are imported here from commune bundles (a village bundle).
    ImportedCommune(String),
    /// It conflicts with the plan held; a person must take it with a written reason.
    Conflict,
    /// An assignment bundle for a village this database does not plan (its name).
    AssignmentVillage(String),
    /// An assignment bundle for a year the village has no cycle of (name, year).
    AssignmentYear(String, i32),
    /// An assignment bundle for another plan version than the village's current approved
    /// one.
    AssignmentVersion {
        /// The version it assigns.
        incoming: u32,
        /// The village's current approved version (`None`: not approved, or reopened).
        held: Option<u32>,
    },
    /// A line of an assignment bundle breaks the village's assignment rules.
    Assignment(crate::domain::after_plan::AfterPlanError),
}

/// What the dry run found for one sound bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The bundle (shared with the file it was read from).
    pub bundle: Arc<Bundle>,
    /// Its hex SHA-256.
    pub sha256: String,
    /// How its commune is matched.
    pub commune: CommuneMatch,
    /// Its village, when already known here.
    pub village: Option<VillageId>,
    /// Whether an earlier file of the batch adds its village (the dry run says it once).
    pub village_in_batch: bool,
    /// What importing it would do.
    pub verdict: Verdict,
}

/// The dry run's finding for one file.
#[derive(Debug, Clone, PartialEq)]
pub enum FilePlan {
    /// Refused: nothing would be written.
    Refused {
        /// The file's name.
        file_name: String,
        /// Why.
        why: ImportRefusal,
    },
    /// A sound bundle and what it would do.
    Ready {
        /// The file's name.
        file_name: String,
        /// What was found.
        planned: Box<Planned>,
    },
    /// A sound commune bundle (at the district) and what it would do.
    Commune {
        /// The file's name.
        file_name: String,
        /// What was found.
        planned: Box<CommunePlanned>,
    },
    /// A sound assignment bundle (at the village) and what it would do.
    Assignment {
        /// The file's name.
        file_name: String,
        /// What was found.
        planned: Box<AssignmentPlanned>,
    },
}

impl FilePlan {
    /// What importing a sound file would do (`None`: refused).
    pub fn verdict(&self) -> Option<&Verdict> {
        match self {
            FilePlan::Refused { .. } => None,
            FilePlan::Ready { planned, .. } => Some(&planned.verdict),
            FilePlan::Commune { planned, .. } => Some(&planned.verdict),
            FilePlan::Assignment { planned, .. } => Some(&planned.verdict),
        }
    }

    /// The exchange code of what a sound file is about: its village, or its commune.
    pub fn subject(&self) -> Option<&str> {
        match self {
            FilePlan::Refused { .. } => None,
            FilePlan::Ready { planned, .. } => Some(&planned.bundle.village_code),
            FilePlan::Commune { planned, .. } => Some(&planned.bundle.commune_code),
            FilePlan::Assignment { planned, .. } => Some(&planned.bundle.village_code),
        }
    }
}

/// The dry run: what importing each file would do, nothing written. Files are taken in
/// order, each as if the earlier ones of the batch were imported.
pub fn plan(store: &Store, files: &[ImportFile]) -> Result<Vec<FilePlan>, StoreError> {
    let mut out: Vec<FilePlan> = Vec::with_capacity(files.len());
    for f in files {
        let file_name = f.file_name.clone();
        let found = match f.bundle() {
            Ok((Incoming::Commune(b), sha256)) => {
                commune::plan_one(store, b, sha256)?.map(|mut p| {
                    batch::after_earlier_commune(&out, &mut p);
                    FilePlan::Commune {
                        file_name: file_name.clone(),
                        planned: Box::new(p),
                    }
                })
            }
            Ok((Incoming::Assignment(b), sha256)) => {
                assignment::plan_one(store, b, sha256)?.map(|p| FilePlan::Assignment {
                    file_name: file_name.clone(),
                    planned: Box::new(p),
                })
            }
            Ok(_) | Err(_) => plan_one(store, f)?.map(|mut planned| {
                batch::after_earlier(&out, &mut planned);
                FilePlan::Ready {
                    file_name: file_name.clone(),
                    planned: Box::new(planned),
                }
            }),
        };
        out.push(found.unwrap_or_else(|why| FilePlan::Refused { file_name, why }));
    }
    Ok(out)
}

/// Reads one file (once: a file read by the dry run is not parsed again by its command)
/// and classifies it against what the store holds now.
fn plan_one(
    store: &Store,
    file: &ImportFile,
) -> Result<Result<Planned, ImportRefusal>, StoreError> {
    let (bundle, sha256) = match file.bundle() {
        Ok((Incoming::Village(b), sha256)) => (b, sha256),
        Ok((Incoming::Commune(_), _)) => {
            return Ok(Err(ImportRefusal::Bundle(BundleError::CommuneBundle)));
        }
        Ok((Incoming::Assignment(_), _)) => {
            return Ok(Err(ImportRefusal::Bundle(BundleError::AssignmentBundle)));
        }
        Err(e) => return Ok(Err(ImportRefusal::Bundle(e))),
    };
    let coded = store.village_by_code(&bundle.village_code)?;
    if let Some(v) = coded.as_ref().filter(|v| v.local || !v.imported) {
        return Ok(Err(ImportRefusal::LocalVillage(v.village.name.clone())));
    }
    let commune = place::match_commune(store, &bundle)?;
    if let Some(name) = place::imported_commune(store, &commune)? {
        return Ok(Err(ImportRefusal::ImportedCommune(name)));
    }
    let village = coded.map(|v| v.village.id);
    let current = match village {
        Some(id) => store.current_import(id, bundle.year)?,
        None => None,
    };
    let verdict = match current {
        // The same file again: known from the stored identity, nothing more is read.
        Some(p) if p.bundle_id == bundle.bundle_id && p.sha256 == sha256 => Verdict::Unchanged,
        Some(p) => classify::classify(Some(&held(store, p)?), &bundle, &sha256),
        None => Verdict::New,
    };
    Ok(Ok(Planned {
        commune,
        verdict,
        village,
        village_in_batch: false,
        bundle,
        sha256,
    }))
}

/// The bundle held as current, read back whole.
fn held(store: &Store, plan: ImportedPlan) -> Result<Held, StoreError> {
    let bytes = store.imported_bytes(plan.id)?;
    let bundle =
        bundle::read(&bytes).map_err(|_| StoreError::Refused(crate::store::IMPORT_ERR_STORED))?;
    Ok(Held {
        bundle_id: plan.bundle_id,
        sha256: plan.sha256,
        bundle,
    })
}

/// Refuses a command that would edit an imported village here (its plan is the village's
/// decision; a new cycle is refused by the database too).
pub(super) fn refuse_edit(store: &Store, command: &super::Command) -> Result<(), StoreError> {
    use super::Command as C;
    let village = match command {
        C::RenameVillage(id, _)
        | C::SetFigure { village: id, .. }
        | C::AddTrainedRep { village: id, .. }
        | C::RegisterNew { village: id, .. } => *id,
        C::CreateCycle(new) => new.village_id,
        // A commune, a deletion, an import, or records of a cycle (an imported village
        // has none).
        C::CreateCommune { .. }
        | C::RenameCommune(..)
        | C::CreateVillage { .. }
        | C::DeleteVillage { .. }
        | C::LoadDemo
        | C::AddFacilitator { .. }
        | C::Import(_)
        | C::Conference(_)
        | C::SaveMeetingRecord { .. }
        | C::RegisterKnown { .. }
        | C::UpdateAttendee { .. }
        | C::RemoveAttendee { .. }
        | C::CloseMeeting { .. }
        | C::ReopenMeeting { .. }
        | C::SetWgMember { .. }
        | C::SetWgLeader { .. }
        | C::SetWgRange { .. }
        | C::FinaliseWg { .. }
        | C::ReopenWg { .. }
        | C::Assessment(_)
        | C::Meeting2(_)
        | C::Scoring(_)
        | C::Annual(_)
        | C::AfterPlan(_)
        | C::CommuneAssign(_)
        | C::CloseCycle(_)
        | C::ReopenCycle { .. } => return Ok(()),
    };
    if store.village_imported(village)? {
        return Err(StoreError::Refused(crate::store::IMPORT_ERR_IMPORTED));
    }
    Ok(())
}

/// Imports one bundle (inside the command's transaction): classified again here, then
/// written unless it is the same bundle again.
pub(super) fn run(store: &mut Store, command: ImportCommand) -> Result<Effect, CommandError> {
    match command.file.bundle() {
        Ok((Incoming::Commune(b), sha256)) => return commune::run(store, &command, b, sha256),
        Ok((Incoming::Assignment(b), sha256)) => {
            return assignment::run(store, &command, b, sha256);
        }
        Ok((Incoming::Village(_), _)) | Err(_) => {}
    }
    let planned = plan_one(store, &command.file)?.map_err(CommandError::Import)?;
    let Some(reason) = decide(&planned.verdict, command.conflict_reason.as_deref())? else {
        return Ok(Effect::Done);
    };
    let b = &planned.bundle;
    let village = match planned.village {
        Some(id) => id,
        None => {
            let commune = place::commune_for(store, &planned.commune, b)?;
            let r = &b.record;
            store.create_imported_village(
                commune,
                &r.village.name,
                r.village.kind,
                &b.village_code,
            )?
        }
    };
    let plans = serde_json::to_string(&b.plans).unwrap_or_else(|_| "[]".into());
    let id = store.add_import(&NewImport {
        village,
        year: b.year,
        bundle_id: &b.bundle_id,
        sha256: &planned.sha256,
        schema_version: b.schema_version,
        bytes: command.file.bytes(),
        plans: &plans,
        file_name: &command.file.file_name,
        conflict_reason: reason,
    })?;
    Ok(Effect::Imported(id))
}

/// What a command does with a verdict: `None` nothing (the same bundle again), else the
/// conflict reason to keep (`Some` only for a conflict taken with a written reason); a
/// conflict without one is refused.
fn decide<'a>(
    verdict: &Verdict,
    reason: Option<&'a str>,
) -> Result<Option<Option<&'a str>>, CommandError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (verdict, reason) {
        (Verdict::Unchanged, _) => Ok(None),
        (Verdict::Conflict { .. }, None) => Err(CommandError::Import(ImportRefusal::Conflict)),
        (Verdict::Conflict { .. }, Some(r)) => Ok(Some(Some(r))),
        (Verdict::New | Verdict::Replace { .. }, _) => Ok(Some(None)),
    }
}

impl ImportRefusal {
    /// The translated sentence for the file `file_name`.
    pub fn text(&self, lang: crate::i18n::Lang, file_name: &str) -> String {
        use crate::i18n::tf;
        let file = file_name.to_string();
        match self {
            ImportRefusal::Bundle(e) => {
                let mut args = vec![file];
                args.extend(e.message_args());
                tf(lang, e.message_key(), &args)
            }
            ImportRefusal::LocalVillage(village) => {
                tf(lang, "import.refuse.local", &[file, village.clone()])
            }
            ImportRefusal::LocalCommune(commune) => tf(
                lang,
                "import.refuse.local_commune",
                &[file, commune.clone()],
            ),
            ImportRefusal::ImportedCommune(commune) => tf(
                lang,
                "import.refuse.imported_commune",
                &[file, commune.clone()],
            ),
            ImportRefusal::Conflict => tf(lang, "import.refuse.conflict", &[file]),
            ImportRefusal::AssignmentVillage(village) => {
                tf(lang, "assign.refuse.village", &[file, village.clone()])
            }
            ImportRefusal::AssignmentYear(village, year) => tf(
                lang,
                "assign.refuse.year",
                &[file, village.clone(), year.to_string()],
            ),
            ImportRefusal::AssignmentVersion { incoming, held } => match held {
                Some(held) => tf(
                    lang,
                    "assign.refuse.version",
                    &[file, incoming.to_string(), held.to_string()],
                ),
                None => tf(
                    lang,
                    "assign.refuse.not_approved",
                    &[file, incoming.to_string()],
                ),
            },
            ImportRefusal::Assignment(why) => {
                let rule = tf(lang, why.key(), &why.args());
                tf(lang, "assign.refuse.rule", &[file, rule])
            }
        }
    }
}
