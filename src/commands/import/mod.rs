//! Importing villages' bundles at the commune: [`plan`] is the read-only dry run (per file
//! what it would add, replace, leave, refuse or put to a person), and
//! [`ImportCommand`], run by `commands::execute` in one transaction per bundle, checks
//! the same again inside that transaction and writes the bundle with its audit rows.
//!
//! Owns: the import rule ([`classify`]), the plan difference ([`diff`]) and how a bundle's
//! commune and village are matched ([`place`]). Must not: write SQL or print.

mod batch;
pub mod classify;
pub mod diff;
pub mod place;

pub use classify::{ConflictKind, Held, Verdict};
pub use diff::{FieldChange, PlanDiff, RankMove};
pub use place::CommuneMatch;

use std::sync::{Arc, OnceLock};

use super::{CommandError, Effect};
use crate::domain::VillageId;
use crate::export::bundle::{self, Bundle, BundleError};
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
    bundle: Arc<Bundle>,
    sha256: String,
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
    fn bundle(&self) -> Result<(Arc<Bundle>, String), BundleError> {
        let read = self.read.get_or_init(|| {
            bundle::read_checked(&self.bytes).map(|(bundle, sha256)| ReadBundle {
                bundle: Arc::new(bundle),
                sha256,
            })
        });
        match read {
            Ok(r) => Ok((Arc::clone(&r.bundle), r.sha256.clone())),
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
    /// It conflicts with the plan held; a person must take it with a written reason.
    Conflict,
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
}

/// The dry run: what importing each file would do, nothing written. Files are taken in
/// order, each as if the earlier ones of the batch were imported.
pub fn plan(store: &Store, files: &[ImportFile]) -> Result<Vec<FilePlan>, StoreError> {
    let mut out: Vec<FilePlan> = Vec::with_capacity(files.len());
    for f in files {
        let file_name = f.file_name.clone();
        out.push(match plan_one(store, f)? {
            Ok(mut planned) => {
                batch::after_earlier(&out, &mut planned);
                FilePlan::Ready {
                    file_name,
                    planned: Box::new(planned),
                }
            }
            Err(why) => FilePlan::Refused { file_name, why },
        });
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
        Ok(b) => b,
        Err(e) => return Ok(Err(ImportRefusal::Bundle(e))),
    };
    let coded = store.village_by_code(&bundle.village_code)?;
    if let Some(v) = coded.as_ref().filter(|v| v.local || !v.imported) {
        return Ok(Err(ImportRefusal::LocalVillage(v.village.name.clone())));
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
        commune: place::match_commune(store, &bundle)?,
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
    let planned = plan_one(store, &command.file)?.map_err(CommandError::Import)?;
    let reason = command
        .conflict_reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let reason = match (&planned.verdict, reason) {
        (Verdict::Unchanged, _) => return Ok(Effect::Done),
        (Verdict::Conflict { .. }, None) => {
            return Err(CommandError::Import(ImportRefusal::Conflict));
        }
        (Verdict::Conflict { .. }, Some(r)) => Some(r),
        (Verdict::New | Verdict::Replace { .. }, _) => None,
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
            ImportRefusal::Conflict => tf(lang, "import.refuse.conflict", &[file]),
        }
    }
}
