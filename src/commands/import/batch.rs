//! The dry run of a batch: a file is judged as if the earlier files of the same batch had
//! been imported (two versions of one village on one USB stick, two villages of a commune
//! not yet known).

use super::classify::{Held, Verdict, classify};
use super::commune::{self, CommunePlanned, HeldCommune};
use super::{CommuneMatch, FilePlan, Planned};

/// Adjusts `planned` for the files of the batch before it.
pub(super) fn after_earlier(earlier: &[FilePlan], planned: &mut Planned) {
    let ready: Vec<&Planned> = earlier
        .iter()
        .filter_map(|f| match f {
            FilePlan::Ready { planned, .. } => Some(planned.as_ref()),
            FilePlan::Refused { .. } | FilePlan::Commune { .. } | FilePlan::Assignment { .. } => {
                None
            }
        })
        .filter(|q| matches!(q.verdict, Verdict::New | Verdict::Replace { .. }))
        .collect();
    let b = &planned.bundle;
    let same_village = |q: &&&Planned| q.bundle.village_code == b.village_code;
    if planned.village.is_none() && ready.iter().any(|q| same_village(&q)) {
        planned.village_in_batch = true;
    }
    if planned.commune == CommuneMatch::New
        && ready
            .iter()
            .any(|q| q.commune == CommuneMatch::New && q.bundle.commune_code == b.commune_code)
    {
        planned.commune = CommuneMatch::InBatch;
    }
    let last = ready
        .iter()
        .rev()
        .find(|q| same_village(q) && q.bundle.year == b.year);
    if let Some(q) = last {
        let held = Held {
            bundle_id: q.bundle.bundle_id.clone(),
            sha256: q.sha256.clone(),
            bundle: (*q.bundle).clone(),
        };
        planned.verdict = classify(Some(&held), &planned.bundle, &planned.sha256);
    }
}

/// Adjusts a commune bundle's finding for the files of the batch before it (two versions
/// of one commune on one USB stick).
pub(super) fn after_earlier_commune(earlier: &[FilePlan], planned: &mut CommunePlanned) {
    let ready: Vec<&CommunePlanned> = earlier
        .iter()
        .filter_map(|f| match f {
            FilePlan::Commune { planned, .. } => Some(planned.as_ref()),
            FilePlan::Refused { .. } | FilePlan::Ready { .. } | FilePlan::Assignment { .. } => None,
        })
        .filter(|q| matches!(q.verdict, Verdict::New | Verdict::Replace { .. }))
        .collect();
    let b = &planned.bundle;
    let same = |q: &&&CommunePlanned| q.bundle.commune_code == b.commune_code;
    if planned.commune == CommuneMatch::New && ready.iter().any(|q| same(&q)) {
        planned.commune = CommuneMatch::InBatch;
    }
    if let Some(q) = ready
        .iter()
        .rev()
        .find(|q| same(q) && q.bundle.year == b.year)
    {
        let held = HeldCommune {
            bundle_id: q.bundle.bundle_id.clone(),
            sha256: q.sha256.clone(),
            bundle: (*q.bundle).clone(),
        };
        planned.verdict = commune::classify(Some(&held), &planned.bundle, &planned.sha256);
    }
}
