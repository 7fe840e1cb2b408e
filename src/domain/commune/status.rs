//! Where each village's annual plan stands in the commune's year (arrived, approved,
//! which version, the approval meeting's women's share, its part-2 count), and the
//! summary by village of appendix B2.

use super::changes::{Change, Outcome, outcome};
use super::needs::{NeedForm, village_needs_with};
use super::{Flag, PlanSource, VillageYear, in_order};
use crate::domain::MeetingKind;
use crate::domain::annual::Part;
use crate::domain::attendance::women_share;

/// Whether a village's annual plan has reached the commune and been approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    /// No plan has arrived (no record, or an annual plan with no activity).
    NoPlan,
    /// The annual plan is there, but the village meeting has not approved it.
    NotApproved,
    /// Approved by the village meeting, with its version when the holder knows it.
    Approved {
        /// The approved version's number.
        version: Option<u32>,
    },
}

impl PlanStatus {
    /// Whether the plan is approved (its rows count in the commune's totals).
    pub fn is_approved(self) -> bool {
        matches!(self, PlanStatus::Approved { .. })
    }

    /// The approved version's number, when approved and known.
    pub fn version(self) -> Option<u32> {
        match self {
            PlanStatus::Approved { version } => version,
            PlanStatus::NoPlan | PlanStatus::NotApproved => None,
        }
    }

    /// i18n key of the status's label (`{0}`: the version, when known).
    pub fn label_key(self) -> &'static str {
        match self {
            PlanStatus::NoPlan => "commune.status.no_plan",
            PlanStatus::NotApproved => "commune.status.not_approved",
            PlanStatus::Approved { version: None } => "commune.status.approved",
            PlanStatus::Approved { version: Some(_) } => "commune.status.approved_version",
        }
    }
}

/// A village's standing for the year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VillageStatus {
    /// Arrived, approved, which version.
    pub status: PlanStatus,
    /// Women's share (percent) of the approval meeting, once someone is registered.
    pub women_share: Option<f64>,
    /// Activities in part 2 (asking commune or district budget).
    pub part_two: usize,
}

/// The status of one village's annual plan.
pub fn status(v: &VillageYear) -> VillageStatus {
    let Some(r) = v.record.as_ref().filter(|r| !r.annual.items.is_empty()) else {
        return VillageStatus {
            status: PlanStatus::NoPlan,
            women_share: None,
            part_two: 0,
        };
    };
    let status = match r.annual.approval.as_ref().filter(|a| a.frozen) {
        // Bundles written before versions were numbered carry 0: not known.
        Some(a) => PlanStatus::Approved {
            version: Some(a.version).filter(|v| *v > 0),
        },
        None => PlanStatus::NotApproved,
    };
    let women_share = r
        .meeting_record(MeetingKind::AnnualApproval)
        .map(|m| m.tally())
        .filter(|t| t.total() > 0)
        .map(women_share);
    let part_two = r
        .annual
        .items
        .iter()
        .filter(|i| i.part == Part::Two)
        .count();
    VillageStatus {
        status,
        women_share,
        part_two,
    }
}

/// One line of appendix B2: a village and what its plan asks.
#[derive(Debug, Clone, PartialEq)]
pub struct VillageSummary {
    /// The village's name.
    pub village: String,
    /// The check code of the imported bundle (none for a plan typed here).
    pub check_code: Option<String>,
    /// Its standing.
    pub status: VillageStatus,
    /// Activities in its annual plan.
    pub activities: usize,
    /// Of which technical support and public services (form 5).
    pub services: usize,
    /// Flags the commune's rules raise on its rows (not counting "not approved").
    pub flags: usize,
    /// What the commune conference kept, changed and dropped, and the village's answers.
    pub outcome: Outcome,
}

/// The summary of every village, in the stable village order.
pub fn summaries(villages: &[VillageYear]) -> Vec<VillageSummary> {
    summaries_with(villages, &[])
}

/// The summary of every village with the conference's `changes` applied.
pub fn summaries_with(villages: &[VillageYear], changes: &[Change]) -> Vec<VillageSummary> {
    in_order(villages)
        .into_iter()
        .map(|v| {
            let rows = village_needs_with(v, changes);
            let flags = rows
                .iter()
                .flat_map(|r| &r.flags)
                .filter(|f| **f != Flag::NotApproved)
                .count();
            VillageSummary {
                village: v.village.name.clone(),
                check_code: match &v.source {
                    PlanSource::Local => None,
                    PlanSource::Imported(from) => Some(from.check_code.clone()),
                },
                status: status(v),
                activities: rows.len(),
                services: rows
                    .iter()
                    .filter(|r| r.form() == NeedForm::Services)
                    .count(),
                flags,
                outcome: outcome(&rows),
            }
        })
        .collect()
}
