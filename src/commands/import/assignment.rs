//! A village takes in the commune's assignment bundle, by the plan import's rules: the
//! same bundle again changes nothing; a bundle for another plan version than the
//! village's current approved one is refused; an activity the village assigned by hand
//! with a different content is a conflict shown as a difference, taken only with a
//! reason; an assignment from an earlier bundle is replaced. Every assignment taken goes
//! through the village's own assignment rules, the whole bundle in one transaction.

use std::sync::Arc;

use super::diff::{FieldChange, PlanDiff};
use super::{ConflictKind, ImportCommand, ImportRefusal, Verdict, decide};
use crate::commands::commune_assign::{assign_local, check_on};
use crate::commands::{CommandError, Effect};
use crate::domain::CycleId;
use crate::domain::annual::AnnualItemId;
use crate::domain::record::CycleRecord;
use crate::export::assignment::{AssignmentBundle, AssignmentLine};
use crate::export::bundle::annual_identity;
use crate::store::{NewAssignmentImport, Store, StoreError};

/// What importing does with one assigned activity.
#[derive(Debug, Clone, PartialEq)]
pub enum LineFate {
    /// Not assigned yet: added.
    Add,
    /// Assigned from an earlier bundle, differently: replaced.
    Replace(Vec<FieldChange>),
    /// Already assigned the same: nothing changes.
    Same,
    /// Typed by hand differently: a person decides, with a reason.
    Conflict(Vec<FieldChange>),
}

/// What the dry run found for one sound assignment bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignmentPlanned {
    /// The bundle (shared with the file it was read from).
    pub bundle: Arc<AssignmentBundle>,
    /// Its hex SHA-256.
    pub sha256: String,
    /// The village's cycle of the bundle's year.
    pub cycle: CycleId,
    /// What happens to each line, in the bundle's order.
    pub fates: Vec<LineFate>,
    /// What importing it would do.
    pub verdict: Verdict,
}

impl AssignmentPlanned {
    /// How many lines would be added, replaced, left as they are, or need a person.
    pub fn counts(&self) -> [usize; 4] {
        let mut out = [0; 4];
        for f in &self.fates {
            let at = match f {
                LineFate::Add => 0,
                LineFate::Replace(_) => 1,
                LineFate::Same => 2,
                LineFate::Conflict(_) => 3,
            };
            out[at] += 1;
        }
        out
    }
}

/// Classifies a sound assignment bundle against the village's cycle as stored now.
pub(super) fn plan_one(
    store: &Store,
    bundle: Arc<AssignmentBundle>,
    sha256: String,
) -> Result<Result<AssignmentPlanned, ImportRefusal>, StoreError> {
    let village = store
        .village_by_code(&bundle.village_code)?
        .filter(|v| v.local && !v.imported);
    let Some(village) = village else {
        return Ok(Err(ImportRefusal::AssignmentVillage(
            bundle.village.clone(),
        )));
    };
    let cycle = store
        .cycles(village.village.id)?
        .into_iter()
        .find(|c| c.year == bundle.year);
    let Some(cycle) = cycle else {
        let why = ImportRefusal::AssignmentYear(bundle.village.clone(), bundle.year);
        return Ok(Err(why));
    };
    let record = store.cycle_record(cycle.id)?;
    if store.assignment_bundle_held(cycle.id, &bundle.bundle_id, &sha256)? {
        let fates = vec![LineFate::Same; bundle.lines.len()];
        return Ok(Ok(planned(bundle, sha256, cycle.id, fates)));
    }
    let held = annual_identity(&record);
    if held.as_ref().map(|p| &p.version_id) != Some(&bundle.plan.version_id) {
        return Ok(Err(ImportRefusal::AssignmentVersion {
            incoming: bundle.plan.version,
            held: held.map(|p| p.version),
        }));
    }
    let hand = store.hand_typed_assignments(cycle.id)?;
    let mut fates = Vec::with_capacity(bundle.lines.len());
    for line in &bundle.lines {
        match check_on(&record, &bundle.plan.version_id, &line.item) {
            Ok(()) => fates.push(fate(&record, &hand, line)),
            Err(CommandError::AfterPlan(why)) => return Ok(Err(ImportRefusal::Assignment(why))),
            Err(CommandError::Store(e)) => return Err(e),
            Err(_) => return Ok(Err(ImportRefusal::Bundle(super::BundleError::NotABundle))),
        }
    }
    Ok(Ok(planned(bundle, sha256, cycle.id, fates)))
}

fn planned(
    bundle: Arc<AssignmentBundle>,
    sha256: String,
    cycle: CycleId,
    fates: Vec<LineFate>,
) -> AssignmentPlanned {
    let verdict = verdict(&bundle, &fates);
    AssignmentPlanned {
        bundle,
        sha256,
        cycle,
        fates,
        verdict,
    }
}

/// What one line does to the village's assignment of its item.
fn fate(record: &CycleRecord, hand_typed: &[AnnualItemId], line: &AssignmentLine) -> LineFate {
    let incoming = &line.item.assignment;
    let Some(held) = record.after.assignment(incoming.item) else {
        return LineFate::Add;
    };
    let changes: Vec<FieldChange> = held
        .differences(incoming)
        .into_iter()
        .map(|(field, before, after)| FieldChange {
            activity: line.activity_name.clone(),
            field: field.to_string(),
            before,
            after,
        })
        .collect();
    match (changes.is_empty(), hand_typed.contains(&incoming.item)) {
        (true, _) => LineFate::Same,
        (false, true) => LineFate::Conflict(changes),
        (false, false) => LineFate::Replace(changes),
    }
}

/// The bundle's verdict: a conflict if any line is one, else a replacement if any line
/// replaces, else new if any line adds, else nothing changes.
fn verdict(bundle: &AssignmentBundle, fates: &[LineFate]) -> Verdict {
    let conflicts: Vec<FieldChange> = fates
        .iter()
        .filter_map(|f| match f {
            LineFate::Conflict(c) => Some(c.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let held = Some(bundle.plan.version_id.clone());
    if !conflicts.is_empty() {
        return Verdict::Conflict {
            kind: ConflictKind::HandTyped,
            held,
            diff: PlanDiff {
                changed: conflicts,
                ..PlanDiff::default()
            },
        };
    }
    if fates.iter().any(|f| matches!(f, LineFate::Replace(_))) {
        return Verdict::Replace {
            held,
            same_plan: true,
        };
    }
    if fates.contains(&LineFate::Add) {
        return Verdict::New;
    }
    Verdict::Unchanged
}

/// Takes one assignment bundle in (inside the command's transaction): classified again
/// here, then each line added or replaced through the village's assignment rules.
pub(super) fn run(
    store: &mut Store,
    command: &ImportCommand,
    bundle: Arc<AssignmentBundle>,
    sha256: String,
) -> Result<Effect, CommandError> {
    let planned = plan_one(store, bundle, sha256)?.map_err(CommandError::Import)?;
    let Some(reason) = decide(&planned.verdict, command.conflict_reason.as_deref())? else {
        return Ok(Effect::Done);
    };
    let b = &planned.bundle;
    let id = store.add_assignment_import(&NewAssignmentImport {
        cycle: planned.cycle,
        bundle_id: &b.bundle_id,
        sha256: &planned.sha256,
        schema_version: b.schema_version,
        bytes: command.file.bytes(),
        plan_version: &b.plan.version_id,
        file_name: &command.file.file_name,
        conflict_reason: reason,
    })?;
    for (line, fate) in b.lines.iter().zip(&planned.fates) {
        if *fate != LineFate::Same {
            assign_local(store, line.item.assignment.clone(), Some(id))?;
        }
    }
    Ok(Effect::Imported(id))
}
