//! Sums of the commune's rows, exact (whole đồng, m², half labour days): by sector and
//! by funding source. Only counted rows (approved plans) are summed.

use super::NeedRow;
use crate::domain::activity::{FundingSource, Sector};

/// Sums over counted rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Rows counted.
    pub activities: usize,
    /// Estimated cost, in đồng (rows without one count 0).
    pub cost_vnd: u64,
    /// Asked from the budget (or the other source named), in đồng.
    pub asked_vnd: u64,
    /// Villagers' money, in đồng.
    pub money_vnd: u64,
    /// Villagers' land, in m².
    pub land_m2: u64,
    /// Villagers' labour, in days.
    pub labour_days: f64,
}

/// The sums of the counted rows among `rows`.
pub fn totals<'a, T: AsRef<NeedRow> + 'a>(rows: impl IntoIterator<Item = &'a T>) -> Totals {
    rows.into_iter()
        .map(AsRef::as_ref)
        .filter(|r| r.counted)
        .fold(Totals::default(), |t, r| {
            let a = &r.activity;
            Totals {
                activities: t.activities + 1,
                cost_vnd: t.cost_vnd + a.estimated_cost_vnd.unwrap_or(0),
                asked_vnd: t.asked_vnd + r.funding.budget_asked_vnd,
                money_vnd: t.money_vnd + a.contribution.money_vnd,
                land_m2: t.land_m2 + a.contribution.land_m2,
                labour_days: t.labour_days + a.contribution.labour_days,
            }
        })
}

/// The rows grouped by sector, in [`Sector::ALL`] order (empty sectors left out), each
/// group keeping the rows' order.
pub fn by_sector<'a, T: AsRef<NeedRow>>(rows: &[&'a T]) -> Vec<(Sector, Vec<&'a T>)> {
    Sector::ALL
        .into_iter()
        .map(|s| {
            let of: Vec<&T> = rows
                .iter()
                .copied()
                .filter(|r| r.as_ref().activity.sector == s)
                .collect();
            (s, of)
        })
        .filter(|(_, of)| !of.is_empty())
        .collect()
}

/// The counted rows' sums by funding source, in [`FundingSource::ALL`] order (sources
/// with no counted row left out).
pub fn by_source<T: AsRef<NeedRow>>(rows: &[&T]) -> Vec<(FundingSource, Totals)> {
    FundingSource::ALL
        .into_iter()
        .map(|s| {
            let of = rows
                .iter()
                .copied()
                .filter(|r| r.as_ref().funding.source == s);
            (s, totals(of))
        })
        .filter(|(_, t)| t.activities > 0)
        .collect()
}
