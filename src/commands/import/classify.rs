//! The pure rule of the import (as ODK Central and DHIS2 do it): given the bundle the
//! commune holds as current for a village's year and an incoming bundle, whether the
//! incoming one changes nothing, is new, replaces the held one, or conflicts with it.

use chrono::DateTime;

use super::diff::{PlanDiff, diff};
use crate::export::bundle::{Bundle, PlanIdentity, PlanKind};

/// What the commune holds as current for the incoming bundle's village and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    /// The held bundle's id.
    pub bundle_id: String,
    /// Its hex SHA-256.
    pub sha256: String,
    /// The held bundle itself.
    pub bundle: Bundle,
}

/// Why an incoming bundle conflicts with the held one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// The same plan version with a different plan content.
    SameVersion,
    /// It replaces a version the commune no longer holds as current.
    Stale,
    /// It is older than the held one.
    Older,
    /// An assignment bundle differs from an assignment the village typed by hand.
    HandTyped,
}

/// What an incoming bundle would do.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The same bundle again: nothing is written.
    Unchanged,
    /// Nothing held for the village's year: it is added.
    New,
    /// It becomes current; the held one is kept, readable.
    Replace {
        /// The held plan version it replaces (`None`: a draft).
        held: Option<String>,
        /// The same plan version with the same plan content (a re-export).
        same_plan: bool,
    },
    /// A person decides, with a written reason.
    Conflict {
        /// Why.
        kind: ConflictKind,
        /// The held plan version (`None`: a draft).
        held: Option<String>,
        /// What the incoming plan changes.
        diff: PlanDiff,
    },
}

/// The plan a bundle stands for: its annual plan, else its medium-term plan, else none (a
/// draft).
pub fn head(bundle: &Bundle) -> Option<&PlanIdentity> {
    let last = |kind: PlanKind| bundle.plans.iter().rfind(|p| p.kind == kind);
    last(PlanKind::Annual).or_else(|| last(PlanKind::MediumTerm))
}

/// Classifies `incoming` (whose hex SHA-256 is `sha256`) against what is `held`.
pub fn classify(held: Option<&Held>, incoming: &Bundle, sha256: &str) -> Verdict {
    let Some(held) = held else {
        return Verdict::New;
    };
    if held.bundle_id == incoming.bundle_id && held.sha256 == sha256 {
        return Verdict::Unchanged;
    }
    let (old, new) = (head(&held.bundle), head(incoming));
    let held_id = old.map(|p| p.version_id.clone());
    let replace = |same_plan| Verdict::Replace {
        held: held_id.clone(),
        same_plan,
    };
    let conflict = |kind| Verdict::Conflict {
        kind,
        held: held_id.clone(),
        diff: diff(&held.bundle.record, &incoming.record),
    };
    match (old, new) {
        (None, Some(_)) => replace(false),
        (Some(_), None) => conflict(ConflictKind::Older),
        (None, None) if newer(incoming, &held.bundle) => replace(false),
        (None, None) => conflict(ConflictKind::Older),
        (Some(o), Some(n)) if o.version_id == n.version_id => {
            if diff(&held.bundle.record, &incoming.record).is_empty() {
                replace(true)
            } else {
                conflict(ConflictKind::SameVersion)
            }
        }
        (Some(o), Some(n)) if n.replaces.as_deref() == Some(o.version_id.as_str()) => {
            replace(false)
        }
        (Some(o), Some(n)) if builds_on(incoming, o, n) => replace(false),
        (Some(o), Some(n)) if is_older(o, n) => conflict(ConflictKind::Older),
        (Some(_), Some(_)) => conflict(ConflictKind::Stale),
    }
}

/// An annual plan approved on top of the medium-term version the commune holds.
fn builds_on(incoming: &Bundle, old: &PlanIdentity, new: &PlanIdentity) -> bool {
    old.kind == PlanKind::MediumTerm
        && new.kind == PlanKind::Annual
        && incoming
            .plans
            .iter()
            .any(|p| p.version_id == old.version_id)
}

/// Whether `new` comes before `old`: a lower version of the same plan, or a medium-term
/// plan after an annual one of the same year.
fn is_older(old: &PlanIdentity, new: &PlanIdentity) -> bool {
    let same_plan = old.kind == new.kind && old.made_in_year == new.made_in_year;
    (same_plan && new.version < old.version)
        || (old.kind == PlanKind::Annual && new.kind == PlanKind::MediumTerm)
}

/// Whether `a` was made after `b` (creation times with their offsets).
fn newer(a: &Bundle, b: &Bundle) -> bool {
    let at = |x: &Bundle| DateTime::parse_from_rfc3339(&x.created_at).ok();
    match (at(a), at(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a.created_at > b.created_at,
    }
}
