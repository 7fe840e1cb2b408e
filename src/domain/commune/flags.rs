//! The procedure's commune rules as flags on a village's rows: at most 2 budget asks
//! per village (a 3rd stands out and needs the commune's reason), services and
//! technical support preferred over construction, women's priorities kept beside the
//! combined ones, and rows of a plan not yet approved shown but not counted.

use super::NeedRow;
use crate::domain::activity::Category;
use crate::domain::annual::{MAX_PART_TWO, Part};

/// The women's top ranks watched (*our default*: the top 3).
pub const WOMEN_TOP: u32 = 3;

/// What a rule raises on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The village's 3rd or later part-2 ask (`ordinal` counts from 1 in part 2's
    /// order): beyond the limit of 2, it needs the commune's reason.
    ExtraBudgetAsk {
        /// Its place among the village's part-2 asks.
        ordinal: usize,
    },
    /// A part-2 construction ranked above a part-2 service or technical support of the
    /// same village (services are preferred).
    ConstructionAboveService,
    /// In the women's top [`WOMEN_TOP`] of the medium-term plan, but ranked lower by
    /// the combined plan.
    WomenRankedHigher {
        /// The women's group's rank.
        women_rank: u32,
        /// The combined rank.
        combined_rank: u32,
    },
    /// The village's annual plan is not approved: shown, not counted in totals.
    NotApproved,
}

impl Flag {
    /// i18n key of the flag's text.
    pub fn label_key(self) -> &'static str {
        match self {
            Flag::ExtraBudgetAsk { .. } => "commune.flag.extra_ask",
            Flag::ConstructionAboveService => "commune.flag.construction_first",
            Flag::WomenRankedHigher { .. } => "commune.flag.women_higher",
            Flag::NotApproved => "commune.flag.not_approved",
        }
    }

    /// The arguments of the flag's text.
    pub fn args(self) -> Vec<String> {
        match self {
            Flag::ExtraBudgetAsk { ordinal } => vec![ordinal.to_string()],
            Flag::WomenRankedHigher {
                women_rank,
                combined_rank,
            } => vec![women_rank.to_string(), combined_rank.to_string()],
            Flag::ConstructionAboveService | Flag::NotApproved => Vec::new(),
        }
    }
}

/// One village's rows (in its own order) with every rule's flags added.
pub(super) fn flag(mut rows: Vec<NeedRow>) -> Vec<NeedRow> {
    let extra = extra_asks(&rows);
    let construction = construction_above_service(&rows);
    for (i, row) in rows.iter_mut().enumerate() {
        if let Some(ordinal) = extra[i] {
            row.flags.push(Flag::ExtraBudgetAsk { ordinal });
        }
        if construction[i] {
            row.flags.push(Flag::ConstructionAboveService);
        }
        row.flags.extend(women_higher(row));
        if !row.counted && !row.leaves() {
            row.flags.push(Flag::NotApproved);
        }
    }
    rows
}

/// Per row, its place among the village's part-2 asks when beyond [`MAX_PART_TWO`].
pub(super) fn extra_asks(rows: &[NeedRow]) -> Vec<Option<usize>> {
    let mut seen = 0;
    rows.iter()
        .map(|r| {
            if r.part != Part::Two || r.leaves() {
                return None;
            }
            seen += 1;
            (seen > MAX_PART_TWO).then_some(seen)
        })
        .collect()
}

/// Per row, whether it is a part-2 construction ranked above (a smaller rank than) a
/// part-2 service of the same village; an unranked row sorts last.
pub(super) fn construction_above_service(rows: &[NeedRow]) -> Vec<bool> {
    let key = |r: &NeedRow| r.village_rank.unwrap_or(u32::MAX);
    let services: Vec<u32> = rows
        .iter()
        .filter(|r| r.part == Part::Two && r.activity.category == Category::TechnicalSupport)
        .map(key)
        .collect();
    rows.iter()
        .map(|r| {
            r.part == Part::Two
                && r.activity.category == Category::Construction
                && services.iter().any(|&s| key(r) < s)
        })
        .collect()
}

/// The women's-priority flag of a row, if the women's top ranks hold it and the
/// combined plan ranks it outside them.
pub(super) fn women_higher(row: &NeedRow) -> Option<Flag> {
    match (row.women_rank, row.combined_rank) {
        (Some(women_rank), Some(combined_rank))
            if women_rank <= WOMEN_TOP && combined_rank > WOMEN_TOP =>
        {
            Some(Flag::WomenRankedHigher {
                women_rank,
                combined_rank,
            })
        }
        _ => None,
    }
}
