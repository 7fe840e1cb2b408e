//! The commune level: one commune's villages in one planning year, as the commune holds
//! them (typed in this database or imported from a village's bundle), and the
//! procedure's rules for combining their plans into forms 5 and 6.
//!
//! Owns: [`VillageYear`] (the input of every commune form) and its source, each
//! village's [`status`], its annual activities as commune rows ([`village_needs`],
//! [`commune_needs`]) with the rules' [`Flag`]s, and their exact [`totals`]. Must not:
//! read the database, render, or know how a plan arrived beyond [`PlanSource`].

mod changes;
mod flags;
mod needs;
mod status;
mod totals;

use serde::{Deserialize, Serialize};

use super::Village;
use super::record::CycleRecord;

pub use changes::{
    AnswerKind, Approval, Before, Change, ChangeKind, Conference, Decision, Outcome, VillageAnswer,
    commune_cost, of_village, outcome,
};
pub use flags::{Flag, WOMEN_TOP};
pub use needs::{
    NeedForm, NeedRow, commune_needs, commune_needs_with, village_needs, village_needs_with,
};
pub use status::{PlanStatus, VillageStatus, VillageSummary, status, summaries, summaries_with};
pub use totals::{Totals, by_sector, by_source, totals};

/// Where the commune's copy of a village's plan comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanSource {
    /// Typed in this database.
    Local,
    /// Imported from a village's bundle.
    Imported(ImportedFrom),
}

/// The bundle an imported plan came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedFrom {
    /// The bundle's id.
    pub bundle_id: String,
    /// Its check code ("1A2B-3C4D"), to compare with the signed paper copy.
    pub check_code: String,
    /// When it was imported (UTC, as stored).
    pub imported_at: String,
    /// The file's name as it was imported.
    pub file_name: String,
}

/// One village of a commune in one planning year, as the commune holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VillageYear {
    /// The village.
    pub village: Village,
    /// Its stable exchange code.
    pub village_code: String,
    /// Where its plan comes from.
    pub source: PlanSource,
    /// The village's cycle of that year, whole; `None` when no plan has arrived.
    pub record: Option<CycleRecord>,
}

/// The villages in a stable order: by name with Vietnamese diacritics and case folded,
/// then by name as written, then by code.
pub fn in_order(villages: &[VillageYear]) -> Vec<&VillageYear> {
    let mut sorted: Vec<&VillageYear> = villages.iter().collect();
    sorted.sort_by_cached_key(|v| {
        let name = &v.village.name;
        (
            super::text::fold(name),
            name.clone(),
            v.village_code.clone(),
        )
    });
    sorted
}

#[cfg(test)]
mod tests;
