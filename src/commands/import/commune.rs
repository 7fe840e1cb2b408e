//! Importing communes' bundles at the district, by the village import's rules: the same
//! bundle again changes nothing; a newer approved commune-plan version replaces the held
//! one (kept, readable); different content under the same version, or an older bundle,
//! is a conflict shown with its difference for a person to decide; a commune this
//! database holds at village level is never overwritten.

use std::sync::Arc;

use chrono::DateTime;

use super::diff::{FieldChange, PlanDiff, diff};
use super::place::{self, CommuneMatch};
use super::{ConflictKind, ImportCommand, ImportRefusal, Verdict, decide};
use crate::commands::{CommandError, Effect};
use crate::domain::CommuneId;
use crate::domain::commune::VillageYear;
use crate::export::bundle;
use crate::export::commune::CommuneBundle;
use crate::store::{CommuneImport, NewCommuneImport, Store, StoreError};

/// What the dry run found for one sound commune bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct CommunePlanned {
    /// The bundle (shared with the file it was read from).
    pub bundle: Arc<CommuneBundle>,
    /// Its hex SHA-256.
    pub sha256: String,
    /// How its commune is matched.
    pub commune: CommuneMatch,
    /// What importing it would do.
    pub verdict: Verdict,
}

/// What the district holds as current for the incoming bundle's commune and year.
#[derive(Debug, Clone, PartialEq)]
pub struct HeldCommune {
    /// The held bundle's id.
    pub bundle_id: String,
    /// Its hex SHA-256.
    pub sha256: String,
    /// The held bundle itself.
    pub bundle: CommuneBundle,
}

/// The commune plan's approved version a bundle carries (`None`: not approved).
pub fn version(bundle: &CommuneBundle) -> Option<u32> {
    bundle.conference.approved.as_ref().map(|a| a.version)
}

/// The stable id of a commune plan version: `<commune code>/<year>/commune/v<version>`.
pub fn version_id(bundle: &CommuneBundle, version: u32) -> String {
    format!("{}/{}/commune/v{version}", bundle.commune_code, bundle.year)
}

/// Classifies `incoming` (whose hex SHA-256 is `sha256`) against what is `held`.
pub fn classify(held: Option<&HeldCommune>, incoming: &CommuneBundle, sha256: &str) -> Verdict {
    let Some(held) = held else {
        return Verdict::New;
    };
    if held.bundle_id == incoming.bundle_id && held.sha256 == sha256 {
        return Verdict::Unchanged;
    }
    let (old, new) = (version(&held.bundle), version(incoming));
    let held_id = old.map(|v| version_id(&held.bundle, v));
    let replace = |same_plan| Verdict::Replace {
        held: held_id.clone(),
        same_plan,
    };
    let difference = commune_diff(&held.bundle, incoming);
    let conflict = |kind, diff| Verdict::Conflict {
        kind,
        held: held_id.clone(),
        diff,
    };
    match (old, new) {
        (None, Some(_)) => replace(false),
        (Some(o), Some(n)) if n > o => replace(false),
        (Some(o), Some(n)) if n == o && difference.is_empty() => replace(true),
        (Some(o), Some(n)) if n == o => conflict(ConflictKind::SameVersion, difference),
        (None, None) if newer(incoming, &held.bundle) => replace(false),
        (Some(_) | None, _) => conflict(ConflictKind::Older, difference),
    }
}

/// The difference of two bundles of one commune, village by village (activity names
/// prefixed with the village's), then the conference's changes.
pub fn commune_diff(held: &CommuneBundle, incoming: &CommuneBundle) -> PlanDiff {
    let mut out = PlanDiff::default();
    let find = |list: &'_ [VillageYear], code: &str| -> Option<VillageYear> {
        list.iter().find(|v| v.village_code == code).cloned()
    };
    for v in &incoming.villages {
        let before = find(&held.villages, &v.village_code).and_then(|h| h.record);
        match (before, &v.record) {
            (Some(b), Some(a)) => merge(&mut out, &v.village.name, diff(&b, a)),
            (None, Some(a)) => out.added.extend(names(&v.village.name, a)),
            (Some(b), None) => out.dropped.extend(names(&v.village.name, &b)),
            (None, None) => {}
        }
    }
    for h in &held.villages {
        if find(&incoming.villages, &h.village_code).is_none()
            && let Some(b) = &h.record
        {
            out.dropped.extend(names(&h.village.name, b));
        }
    }
    if held.conference.changes != incoming.conference.changes {
        out.changed.push(FieldChange {
            activity: incoming.commune.name.clone(),
            field: "conference.changes".into(),
            before: held.conference.changes.len().to_string(),
            after: incoming.conference.changes.len().to_string(),
        });
    }
    out
}

/// A village's difference, its activities named "village · activity".
fn merge(out: &mut PlanDiff, village: &str, d: PlanDiff) {
    let named = |a: String| format!("{village} · {a}");
    out.added.extend(d.added.into_iter().map(named));
    out.dropped.extend(d.dropped.into_iter().map(named));
    out.changed.extend(d.changed.into_iter().map(|mut c| {
        c.activity = named(c.activity);
        c
    }));
    out.moved.extend(d.moved.into_iter().map(|mut m| {
        m.activity = named(m.activity);
        m
    }));
}

/// The annual activities of a village's record, named "village · activity".
fn names(village: &str, record: &crate::domain::record::CycleRecord) -> Vec<String> {
    record
        .annual
        .items
        .iter()
        .filter_map(|i| record.activity(i.activity))
        .map(|a| format!("{village} · {}", a.activity.fields.name))
        .collect()
}

/// Whether `a` was made after `b` (creation times with their offsets).
fn newer(a: &CommuneBundle, b: &CommuneBundle) -> bool {
    let at = |x: &CommuneBundle| DateTime::parse_from_rfc3339(&x.created_at).ok();
    match (at(a), at(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a.created_at > b.created_at,
    }
}

/// Classifies a sound commune bundle against what the store holds now.
pub(super) fn plan_one(
    store: &Store,
    bundle: Arc<CommuneBundle>,
    sha256: String,
) -> Result<Result<CommunePlanned, ImportRefusal>, StoreError> {
    let commune = place::match_named(store, &bundle.commune_code, &bundle.commune, true)?;
    let known = match &commune {
        CommuneMatch::ByCode(c) | CommuneMatch::ByName(c) => Some(store.commune_held_by_id(c.id)?),
        CommuneMatch::New | CommuneMatch::InBatch => None,
    };
    if let Some(h) = known.as_ref().filter(|h| h.local) {
        return Ok(Err(ImportRefusal::LocalCommune(h.commune.name.clone())));
    }
    let current = match &known {
        Some(h) => store.current_commune_import(h.commune.id, bundle.year)?,
        None => None,
    };
    let verdict = match current {
        Some(p) if p.bundle_id == bundle.bundle_id && p.sha256 == sha256 => Verdict::Unchanged,
        Some(p) => classify(Some(&held(store, p)?), &bundle, &sha256),
        None => Verdict::New,
    };
    Ok(Ok(CommunePlanned {
        bundle,
        sha256,
        commune,
        verdict,
    }))
}

/// The commune bundle held as current, read back whole.
fn held(store: &Store, current: CommuneImport) -> Result<HeldCommune, StoreError> {
    let bytes = store.commune_import_bytes(current.id)?;
    let refused = || StoreError::Refused(crate::store::IMPORT_ERR_STORED);
    let bundle = match bundle::inspect(&bytes).map_err(|_| refused())? {
        bundle::Contents::Commune(b) => *b,
        bundle::Contents::Exchange(_)
        | bundle::Contents::District(_)
        | bundle::Contents::Assignment(_)
        | bundle::Contents::Legacy(_) => return Err(refused()),
    };
    Ok(HeldCommune {
        bundle_id: current.bundle_id,
        sha256: current.sha256,
        bundle,
    })
}

/// Imports one commune bundle (inside the command's transaction): classified again here,
/// then written unless it is the same bundle again.
pub(super) fn run(
    store: &mut Store,
    command: &ImportCommand,
    bundle: Arc<CommuneBundle>,
    sha256: String,
) -> Result<Effect, CommandError> {
    let planned = plan_one(store, bundle, sha256)?.map_err(CommandError::Import)?;
    let Some(reason) = decide(&planned.verdict, command.conflict_reason.as_deref())? else {
        return Ok(Effect::Done);
    };
    let b = &planned.bundle;
    let commune = commune_for(store, &planned.commune, b)?;
    let id = store.add_commune_import(&NewCommuneImport {
        commune,
        year: b.year,
        bundle_id: &b.bundle_id,
        sha256: &planned.sha256,
        schema_version: b.schema_version,
        bytes: command.file.bytes(),
        version: version(b),
        file_name: &command.file.file_name,
        conflict_reason: reason,
    })?;
    Ok(Effect::Imported(id))
}

/// The commune to file the bundle under: the one matched (marked imported the first
/// time), else one created with the bundle's code and name.
fn commune_for(
    store: &mut Store,
    found: &CommuneMatch,
    b: &CommuneBundle,
) -> Result<CommuneId, StoreError> {
    let known = match found {
        CommuneMatch::ByCode(c) | CommuneMatch::ByName(c) => Some(c.id),
        CommuneMatch::New | CommuneMatch::InBatch => {
            store.commune_by_code(&b.commune_code)?.map(|c| c.id)
        }
    };
    match known {
        Some(id) => {
            if !store.commune_held_by_id(id)?.imported {
                store.mark_commune_imported(id)?;
            }
            Ok(id)
        }
        None => {
            let c = &b.commune;
            store.create_received_commune(&c.name, &c.district, &c.province, &b.commune_code)
        }
    }
}
