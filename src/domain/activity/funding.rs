//! Who pays for an activity, and what part 2 of form 4 asks from the commune or district
//! budget: the facts the commune needs for its forms 5 and 6.
//!
//! Both are optional on a stored activity ([`Funding`]); when not given, [`effective`]
//! derives them: a part-1 activity is paid by the villagers, a part-2 activity by the
//! commune budget when it is technical support and by the district budget when it is
//! construction; the amount asked is the estimated cost less the villagers' money.

use serde::{Deserialize, Serialize};

use super::{Category, ValidActivity};
use crate::domain::annual::Part;

/// Where the money for an activity comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FundingSource {
    /// The villagers themselves (money, labour, materials).
    People,
    /// The commune budget.
    CommuneBudget,
    /// The district budget.
    DistrictBudget,
    /// A national or provincial programme.
    Programme,
    /// Another source (donor, enterprise ...).
    Other,
}

impl FundingSource {
    /// Every source in display order.
    pub const ALL: [FundingSource; 5] = [
        FundingSource::People,
        FundingSource::CommuneBudget,
        FundingSource::DistrictBudget,
        FundingSource::Programme,
        FundingSource::Other,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            FundingSource::People => "people",
            FundingSource::CommuneBudget => "commune_budget",
            FundingSource::DistrictBudget => "district_budget",
            FundingSource::Programme => "programme",
            FundingSource::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// i18n key of the label (`funding.<code>`).
    pub fn label_key(self) -> String {
        format!("funding.{}", self.code())
    }
}

/// The funding recorded for an activity; `None` fields were not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    /// The source, if given.
    pub source: Option<FundingSource>,
    /// Amount asked from the commune or district budget in VND, if given.
    pub budget_asked_vnd: Option<u64>,
}

/// Funding with every value filled in (given or derived).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EffectiveFunding {
    /// The source.
    pub source: FundingSource,
    /// Amount asked from the budget in VND (0 for activities the villagers pay).
    pub budget_asked_vnd: u64,
}

/// The funding of `activity` in `part` (`None` outside an annual plan): what was given,
/// the rest derived as the module describes.
pub fn effective(
    activity: &ValidActivity,
    funding: Funding,
    part: Option<Part>,
) -> EffectiveFunding {
    let source = funding.source.unwrap_or(match (part, activity.category) {
        (Some(Part::Two), Category::TechnicalSupport) => FundingSource::CommuneBudget,
        (Some(Part::Two), Category::Construction) => FundingSource::DistrictBudget,
        (Some(Part::One) | None, _) => FundingSource::People,
    });
    let derived = match source {
        FundingSource::People => 0,
        _ => activity
            .estimated_cost_vnd
            .unwrap_or(0)
            .saturating_sub(activity.contribution.money_vnd),
    };
    EffectiveFunding {
        source,
        budget_asked_vnd: funding.budget_asked_vnd.unwrap_or(derived),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::{Contribution, Sector};

    fn road(cost: Option<u64>, money: u64) -> ValidActivity {
        ValidActivity {
            name: "Đường".into(),
            sector: Sector::Infrastructure,
            category: Category::Construction,
            quantity: Some(1.0),
            unit: "km".into(),
            time: String::new(),
            location: String::new(),
            responsible: String::new(),
            contribution: Contribution {
                money_vnd: money,
                ..Default::default()
            },
            estimated_cost_vnd: cost,
            proposed_by_women: false,
            subgroup_id: None,
            tool_code: None,
        }
    }

    #[test]
    fn missing_funding_is_derived_from_part_and_category() {
        let a = road(Some(100), 30);
        let none = Funding::default();
        let part2 = effective(&a, none, Some(Part::Two));
        assert_eq!(part2.source, FundingSource::DistrictBudget);
        assert_eq!(part2.budget_asked_vnd, 70);
        let part1 = effective(&a, none, Some(Part::One));
        assert_eq!(
            (part1.source, part1.budget_asked_vnd),
            (FundingSource::People, 0)
        );
        let mut training = road(None, 0);
        training.category = Category::TechnicalSupport;
        let t = effective(&training, none, Some(Part::Two));
        assert_eq!(
            (t.source, t.budget_asked_vnd),
            (FundingSource::CommuneBudget, 0)
        );
        assert_eq!(
            effective(&road(Some(10), 50), none, Some(Part::Two)).budget_asked_vnd,
            0
        );
    }

    #[test]
    fn given_funding_wins_and_codes_round_trip() {
        let given = Funding {
            source: Some(FundingSource::Programme),
            budget_asked_vnd: Some(5),
        };
        let e = effective(&road(Some(100), 0), given, Some(Part::One));
        assert_eq!(
            (e.source, e.budget_asked_vnd),
            (FundingSource::Programme, 5)
        );
        for s in FundingSource::ALL {
            assert_eq!(FundingSource::from_code(s.code()), Some(s));
        }
    }
}
