//! Communes and villages (thôn, buôn, khối phố).

use serde::{Deserialize, Serialize};

/// Database identifier of a commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CommuneId(pub i64);

/// Database identifier of a village.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VillageId(pub i64);

/// A commune (xã) with its district and province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    /// Identifier.
    pub id: CommuneId,
    /// Commune name, e.g. "Ea Tu".
    pub name: String,
    /// District (huyện) name.
    pub district: String,
    /// Province (tỉnh) name.
    pub province: String,
}

/// The kind of planning unit; the procedure says "thôn, buôn" for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VillageKind {
    /// Thôn: a Kinh or mixed village.
    Thon,
    /// Buôn: an Ê Đê / M'nông village.
    Buon,
    /// Khối phố: an urban block.
    KhoiPho,
}

impl VillageKind {
    /// All kinds in display order.
    pub const ALL: [VillageKind; 3] = [VillageKind::Thon, VillageKind::Buon, VillageKind::KhoiPho];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            VillageKind::Thon => "thon",
            VillageKind::Buon => "buon",
            VillageKind::KhoiPho => "khoi_pho",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A village: the planning unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Village {
    /// Identifier.
    pub id: VillageId,
    /// The commune it belongs to.
    pub commune_id: CommuneId,
    /// Village name, e.g. "Buôn Kô Sier".
    pub name: String,
    /// Thôn, buôn or khối phố.
    pub kind: VillageKind,
}
