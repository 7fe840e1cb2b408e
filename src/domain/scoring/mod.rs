//! Prioritisation arithmetic: the working group's five-criteria matrix (Biểu 3) and the
//! combination of the men's and women's results at village meeting 2.
//!
//! Owns: the criteria, the score scale, parsing and checking typed scores, votes and
//! positions, matrix ranking, the three combination methods and their tie-breaking.
//! Pure: no I/O, no clock, no rendering, no SQL. Every message shown to users is an i18n
//! key in `assets/i18n/scoring.toml` plus positional arguments.
//!
//! Decisions:
//! - Ranks are competition ranks ("1, 2, 2, 4"): tied items share a rank, the next skips.
//! - Matrix: a row missing any criterion score gets no rank and is listed after all ranked
//!   rows, in input order; its partial total is still given so it can be shown live.
//! - Meeting 2 works on the draft's activities (`draft_rank`, in that order). In `combine`,
//!   an activity with no vote entry has 0 votes, duplicate entries are summed, entries for
//!   activities outside the draft are ignored (`GroupResult::validate` refuses them).
//! - A ranking of n activities is turned into Borda points n − position + 1 (unranked or
//!   out of range: 0); every method then works on points: EqualWeight adds each group's
//!   share of its own points total, VoteSum adds points, Borda adds the two group ranks
//!   derived from points. With two complete rankings all three give the same order.
//! - A group's rank is the competition rank of its points (more is better), so activities
//!   no one in the group voted for share that group's last rank.
//! - Combined order: method score, then the women's rank, then the draft rank; a tie left
//!   after that shares one combined rank and is flagged.
//! - A ranking must use each position 1..=n exactly once; duplicates are refused.
//! - "Top 5" means a group rank of at most 5 with at least one vote (or point).

mod combine;
mod groups;
mod matrix;
mod numbers;

pub use combine::*;
pub use groups::*;
pub use matrix::*;
pub use numbers::*;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Database id of an activity (the plan's activity row).
pub type ActivityKey = i64;

/// How many of a group's best-ranked activities form its "top" for the mismatch flags.
pub const TOP_N: u32 = 5;

/// Highest value allowed as the top of a scoring scale.
pub const SCALE_CEILING: u8 = 10;

/// i18n key of the note explaining how a direct ranking is turned into points.
pub const RANKING_NOTE_KEY: &str = "scoring.method.ranking_note";

/// i18n key of the note on a matrix row that is not fully scored (argument: count missing).
pub const MATRIX_INCOMPLETE_KEY: &str = "scoring.matrix.incomplete";

// ---------------------------------------------------------------------------------------
// Criteria and scale
// ---------------------------------------------------------------------------------------

/// The procedure's five priority criteria for working-group scoring, in form order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Criterion {
    /// Mức cấp thiết.
    Urgency,
    /// Dễ thực hiện.
    Ease,
    /// Đề xuất của phụ nữ.
    WomensProposal,
    /// Ít phụ thuộc vào bên ngoài.
    LowOutsideDependence,
    /// Phù hợp với cách làm của thôn, buôn.
    FitsVillageWays,
}

impl Criterion {
    /// All criteria in column order (`MatrixRow::scores` is indexed the same way).
    pub const ALL: [Criterion; 5] = [
        Criterion::Urgency,
        Criterion::Ease,
        Criterion::WomensProposal,
        Criterion::LowOutsideDependence,
        Criterion::FitsVillageWays,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Criterion::Urgency => "urgency",
            Criterion::Ease => "ease",
            Criterion::WomensProposal => "womens_proposal",
            Criterion::LowOutsideDependence => "low_outside_dependence",
            Criterion::FitsVillageWays => "fits_village_ways",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Column index into `MatrixRow::scores`.
    pub fn index(self) -> usize {
        self as usize
    }

    /// i18n key of the full label.
    pub fn label_key(self) -> &'static str {
        match self {
            Criterion::Urgency => "scoring.criterion.urgency",
            Criterion::Ease => "scoring.criterion.ease",
            Criterion::WomensProposal => "scoring.criterion.womens_proposal",
            Criterion::LowOutsideDependence => "scoring.criterion.low_outside_dependence",
            Criterion::FitsVillageWays => "scoring.criterion.fits_village_ways",
        }
    }

    /// i18n key of the short column header (fits an 80-column table).
    pub fn short_key(self) -> &'static str {
        match self {
            Criterion::Urgency => "scoring.criterion.urgency.short",
            Criterion::Ease => "scoring.criterion.ease.short",
            Criterion::WomensProposal => "scoring.criterion.womens_proposal.short",
            Criterion::LowOutsideDependence => "scoring.criterion.low_outside_dependence.short",
            Criterion::FitsVillageWays => "scoring.criterion.fits_village_ways.short",
        }
    }
}

/// The inclusive score range of a cycle's matrix (default 1-5), chosen per cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Scale {
    /// Lowest score.
    pub min: u8,
    /// Highest score.
    pub max: u8,
}

impl Default for Scale {
    fn default() -> Self {
        Scale { min: 1, max: 5 }
    }
}

impl Scale {
    /// A checked scale: `min < max <= SCALE_CEILING` (min ≥ 0 holds by type).
    pub fn new(min: u8, max: u8) -> Result<Self, ScaleError> {
        if min >= max {
            Err(ScaleError::NotIncreasing { min, max })
        } else if max > SCALE_CEILING {
            Err(ScaleError::TooHigh { max })
        } else {
            Ok(Scale { min, max })
        }
    }

    /// Whether `score` lies within the scale.
    pub fn contains(self, score: u8) -> bool {
        (self.min..=self.max).contains(&score)
    }

    /// Prefill of the women's-proposal criterion: the top score if women proposed the
    /// activity, the bottom score otherwise.
    pub fn womens_prefill(self, proposed_by_women: bool) -> u8 {
        if proposed_by_women {
            self.max
        } else {
            self.min
        }
    }
}

/// Why a scale was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScaleError {
    /// The lowest score is not below the highest.
    #[error("the lowest score ({min}) must be below the highest ({max})")]
    NotIncreasing {
        /// Lowest score given.
        min: u8,
        /// Highest score given.
        max: u8,
    },
    /// The highest score is above [`SCALE_CEILING`].
    #[error("the highest score may be at most {SCALE_CEILING}, not {max}")]
    TooHigh {
        /// Highest score given.
        max: u8,
    },
}

impl ScaleError {
    /// i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            ScaleError::NotIncreasing { .. } => "scoring.err.scale_not_increasing",
            ScaleError::TooHigh { .. } => "scoring.err.scale_too_high",
        }
    }

    /// Arguments `{0}`, `{1}` ... of the message.
    pub fn args(&self) -> Vec<String> {
        match self {
            ScaleError::NotIncreasing { min, max } => vec![min.to_string(), max.to_string()],
            ScaleError::TooHigh { .. } => vec![SCALE_CEILING.to_string()],
        }
    }
}

// ---------------------------------------------------------------------------------------
// Competition ranking
// ---------------------------------------------------------------------------------------

/// Result of ranking a list of keys (smaller key = better).
pub(super) struct Competition {
    /// Indices from best to worst; equal keys keep input order.
    order: Vec<usize>,
    /// Competition rank per input index.
    ranks: Vec<u32>,
    /// Whether another item shares the key, per input index.
    tied: Vec<bool>,
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Competition ranking ("1, 2, 2, 4") of `keys`, smaller key first.
pub(super) fn competition<K: Ord>(keys: &[K]) -> Competition {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let mut ranks = vec![0; keys.len()];
    let mut tied = vec![false; keys.len()];
    for (pos, &i) in order.iter().enumerate() {
        ranks[i] = to_u32(pos + 1);
        if let Some(&prev) = pos.checked_sub(1).and_then(|p| order.get(p))
            && keys[prev] == keys[i]
        {
            ranks[i] = ranks[prev];
            tied[i] = true;
            tied[prev] = true;
        }
    }
    Competition { order, ranks, tied }
}

#[cfg(test)]
mod tests;
