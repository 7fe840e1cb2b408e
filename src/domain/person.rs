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

/// A validated person, ready to save (name cleaned, gender chosen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    /// Clean name.
    pub name: String,
    /// Gender as stated.
    pub gender: Gender,
    /// Ethnicity, if given.
    pub ethnicity: Option<String>,
    /// Wealth group, if given.
    pub wealth: Option<WealthGroup>,
    /// Memberships.
    pub organisations: Vec<Organisation>,
    /// Trained in planning.
    pub trained: bool,
    /// Core farmer.
    pub core_farmer: bool,
}

/// Why a typed person was refused, per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonError {
    /// The name is unusable.
    Name(super::text::NameError),
    /// No gender chosen.
    GenderMissing,
    /// The ethnicity is unusable (too long, control characters).
    Ethnicity(super::text::NameError),
}

impl PersonDraft {
    /// Validates the draft into fields to save, or every error at once.
    pub fn validate(&self) -> Result<PersonFields, Vec<PersonError>> {
        let name = super::text::clean_name(&self.name).map_err(PersonError::Name);
        let gender = self.gender.ok_or(PersonError::GenderMissing);
        let ethnicity = match self.ethnicity.trim() {
            "" => Ok(None),
            text => super::text::clean_name(text)
                .map(Some)
                .map_err(PersonError::Ethnicity),
        };
        match (name, gender, ethnicity) {
            (Ok(name), Ok(gender), Ok(ethnicity)) => Ok(PersonFields {
                name,
                gender,
                ethnicity,
                wealth: self.wealth,
                organisations: self.organisations.clone(),
                trained: self.trained,
                core_farmer: self.core_farmer,
            }),
            (n, g, e) => Err([n.err(), g.err(), e.err()].into_iter().flatten().collect()),
        }
    }
}

impl PersonFields {
    /// The fields of a saved person (for editing).
    pub fn of(p: &Person) -> Self {
        PersonFields {
            name: p.name.clone(),
            gender: p.gender,
            ethnicity: p.ethnicity.clone(),
            wealth: p.wealth,
            organisations: p.organisations.clone(),
            trained: p.trained,
            core_farmer: p.core_farmer,
        }
    }
}

/// Ethnic groups of Dak Lak's villages offered before anyone is registered (the province
/// has more; any other is typed).
pub const COMMON_ETHNICITIES: [&str; 10] = [
    "Kinh", "Ê Đê", "M'nông", "Tày", "Nùng", "Gia Rai", "Dao", "Mường", "Thái", "Mông",
];

/// The ethnic groups to offer in a pick list: those given as `used` (most recent first),
/// then [`COMMON_ETHNICITIES`]; each group once, however it was typed ("Êđê" = "Ê Đê").
pub fn ethnicity_choices<'a>(used: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    used.into_iter()
        .chain(COMMON_ETHNICITIES)
        .map(str::trim)
        .filter(|name| {
            let key = super::working_group::ethnicity_key(name);
            !key.is_empty() && seen.insert(key)
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethnic_groups_are_offered_last_used_first_each_once() {
        let offered = ethnicity_choices(["M'nông", "Êđê", "M'nông", "Ê Đê", " "]);
        assert_eq!(&offered[..4], ["M'nông", "Êđê", "Kinh", "Tày"]);
        assert_eq!(offered.len(), COMMON_ETHNICITIES.len());
        assert_eq!(ethnicity_choices([]), COMMON_ETHNICITIES);
    }
    use crate::domain::text::NameError;

    #[test]
    fn a_person_needs_a_name_and_a_gender() {
        let draft = PersonDraft::default();
        assert_eq!(
            draft.validate(),
            Err(vec![
                PersonError::Name(NameError::Empty),
                PersonError::GenderMissing
            ])
        );
        let ok = PersonDraft {
            name: " H'Nhi  Êban ".into(),
            gender: Some(Gender::Female),
            ..Default::default()
        };
        let fields = ok.validate().expect("valid");
        assert_eq!(fields.name, "H'Nhi Êban");
        assert_eq!(fields.ethnicity, None);
    }

    #[test]
    fn long_names_and_control_characters_are_refused() {
        let long = PersonDraft {
            name: "a".repeat(500),
            gender: Some(Gender::Male),
            ..Default::default()
        };
        assert_eq!(
            long.validate(),
            Err(vec![PersonError::Name(NameError::TooLong)])
        );
        let ctrl = PersonDraft {
            name: "Lan".into(),
            gender: Some(Gender::Male),
            ethnicity: "Kinh\u{1b}".into(),
            ..Default::default()
        };
        assert_eq!(
            ctrl.validate(),
            Err(vec![PersonError::Ethnicity(NameError::ControlCharacters)])
        );
    }
}
