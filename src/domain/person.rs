//! People known to a village: attendees, working-group members, facilitators.

use serde::{Deserialize, Serialize};

/// Database identifier of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub i64);

/// Gender as stated by the person at the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// Man (nam).
    Male,
    /// Woman (nữ).
    Female,
}

impl Gender {
    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "m",
            Gender::Female => "f",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "m" => Some(Gender::Male),
            "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Household wealth group from the village's wealth ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WealthGroup {
    /// Hộ giàu / khá.
    Rich,
    /// Hộ trung bình.
    Medium,
    /// Hộ nghèo (including near-poor).
    Poor,
}

impl WealthGroup {
    /// All groups in display order.
    pub const ALL: [WealthGroup; 3] = [WealthGroup::Rich, WealthGroup::Medium, WealthGroup::Poor];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            WealthGroup::Rich => "rich",
            WealthGroup::Medium => "medium",
            WealthGroup::Poor => "poor",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// Mass organisations that must be represented in the working group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Organisation {
    /// Hội Phụ nữ.
    WomensUnion,
    /// Hội Nông dân.
    FarmersUnion,
    /// Đoàn Thanh niên.
    YouthUnion,
    /// Mặt trận Tổ quốc.
    FatherlandFront,
    /// Hội Cựu chiến binh.
    VeteransAssociation,
}

impl Organisation {
    /// All organisations in display order.
    pub const ALL: [Organisation; 5] = [
        Organisation::WomensUnion,
        Organisation::FarmersUnion,
        Organisation::YouthUnion,
        Organisation::FatherlandFront,
        Organisation::VeteransAssociation,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Organisation::WomensUnion => "womens_union",
            Organisation::FarmersUnion => "farmers_union",
            Organisation::YouthUnion => "youth_union",
            Organisation::FatherlandFront => "fatherland_front",
            Organisation::VeteransAssociation => "veterans",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A person as known to a village (profile; meeting tallies are stored separately).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Identifier.
    pub id: PersonId,
    /// Full name with diacritics.
    pub name: String,
    /// Gender as stated.
    pub gender: Gender,
    /// Ethnic group (Kinh, Ê Đê, M'nông ...), if given.
    pub ethnicity: Option<String>,
    /// Household wealth group, if known.
    pub wealth: Option<WealthGroup>,
    /// Mass organisation memberships.
    pub organisations: Vec<Organisation>,
    /// Trained in planning (mid-April training).
    pub trained: bool,
    /// A core farmer (nông dân nòng cốt).
    pub core_farmer: bool,
}

/// A person being typed in, before validation and saving.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonDraft {
    /// Name as typed.
    pub name: String,
    /// Gender, if chosen.
    pub gender: Option<Gender>,
    /// Ethnicity as typed (empty = unknown).
    pub ethnicity: String,
    /// Wealth group, if chosen.
    pub wealth: Option<WealthGroup>,
    /// Memberships.
    pub organisations: Vec<Organisation>,
    /// Trained flag.
    pub trained: bool,
    /// Core farmer flag.
    pub core_farmer: bool,
}
