//! The commune level: one commune's villages in one planning year, as the commune holds
//! them (typed in this database or imported from a village's bundle), and the
//! procedure's rules for combining their plans into forms 5 and 6.
//!
//! Owns: [`VillageYear`] (the input of every commune form) and its source. Must not: read
//! the database or know how a plan arrived beyond [`PlanSource`].

use serde::{Deserialize, Serialize};

use super::Village;
use super::record::CycleRecord;

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
#[derive(Debug, Clone, PartialEq)]
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
