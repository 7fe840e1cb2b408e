//! The working group's five-criteria matrix (Biểu 3) and its ranking.

use std::cmp::Reverse;

use serde::{Deserialize, Serialize};

use super::{ActivityKey, Criterion, MATRIX_INCOMPLETE_KEY, Scale, competition, to_u32};

// ---------------------------------------------------------------------------------------
// Working-group matrix (Biểu 3)
// ---------------------------------------------------------------------------------------

/// One activity's row in the working group's matrix; `None` = not yet scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    /// The activity.
    pub activity: ActivityKey,
    /// Score per criterion, indexed by [`Criterion::index`].
    pub scores: [Option<u8>; 5],
}

impl MatrixRow {
    /// An unscored row.
    pub fn new(activity: ActivityKey) -> Self {
        MatrixRow {
            activity,
            scores: [None; 5],
        }
    }

    /// An unscored row with the women's-proposal criterion prefilled from the activity's
    /// "proposed by women" flag (it can be changed afterwards).
    pub fn prefilled(activity: ActivityKey, proposed_by_women: bool, scale: Scale) -> Self {
        let mut row = Self::new(activity);
        row.set(
            Criterion::WomensProposal,
            Some(scale.womens_prefill(proposed_by_women)),
        );
        row
    }

    /// The score for one criterion.
    pub fn score(&self, criterion: Criterion) -> Option<u8> {
        self.scores[criterion.index()]
    }

    /// Sets or clears the score for one criterion.
    pub fn set(&mut self, criterion: Criterion, score: Option<u8>) {
        self.scores[criterion.index()] = score;
    }

    /// Sum of the scores given so far.
    pub fn partial_total(&self) -> u32 {
        self.scores.iter().flatten().map(|&s| u32::from(s)).sum()
    }

    /// Criteria not yet scored, in column order.
    pub fn missing(&self) -> Vec<Criterion> {
        Criterion::ALL
            .into_iter()
            .filter(|c| self.score(*c).is_none())
            .collect()
    }
}

/// A matrix row after ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedRow {
    /// The activity.
    pub activity: ActivityKey,
    /// Sum of its scores (partial when some are missing).
    pub total: u32,
    /// Competition rank (1 = top); `None` when a score is missing.
    pub rank: Option<u32>,
    /// Whether another ranked row shares its rank.
    pub tied: bool,
    /// Criteria still to score (empty for ranked rows).
    pub missing: Vec<Criterion>,
}

impl RankedRow {
    /// The inline note for an incomplete row: i18n key and arguments.
    pub fn note(&self) -> Option<(&'static str, Vec<String>)> {
        (!self.missing.is_empty())
            .then(|| (MATRIX_INCOMPLETE_KEY, vec![self.missing.len().to_string()]))
    }
}

/// Ranks the matrix by total: ranked rows first (by rank, ties in input order), then the
/// incomplete rows in input order with no rank.
pub fn rank_matrix(rows: &[MatrixRow]) -> Vec<RankedRow> {
    let (complete, incomplete): (Vec<&MatrixRow>, Vec<&MatrixRow>) =
        rows.iter().partition(|r| r.missing().is_empty());
    let keys: Vec<Reverse<u32>> = complete
        .iter()
        .map(|r| Reverse(r.partial_total()))
        .collect();
    let comp = competition(&keys);
    let ranked = comp.order.iter().map(|&i| RankedRow {
        activity: complete[i].activity,
        total: complete[i].partial_total(),
        rank: Some(comp.ranks[i]),
        tied: comp.tied[i],
        missing: Vec::new(),
    });
    let unranked = incomplete.iter().map(|r| RankedRow {
        activity: r.activity,
        total: r.partial_total(),
        rank: None,
        tied: false,
        missing: r.missing(),
    });
    ranked.chain(unranked).collect()
}

/// The draft ranks to pass to [`combine`]: ranked rows keep their rank, incomplete rows
/// share the rank after the last ranked row.
pub fn draft_ranks(ranked: &[RankedRow]) -> Vec<(ActivityKey, u32)> {
    let after = to_u32(ranked.iter().filter(|r| r.rank.is_some()).count() + 1);
    ranked
        .iter()
        .map(|r| (r.activity, r.rank.unwrap_or(after)))
        .collect()
}
