//! The commune's two evaluations of the year ("Đánh giá 6 tháng" in June, "Đánh giá cả
//! năm" in December), per activity: progress and quality, difficulties, completion
//! against the assigned target, comparison with the plan and with last year.

use serde::{Deserialize, Serialize};

use super::codes::coded;
use crate::domain::annual::{AnnualItemId, Progress, Quality};

/// Which evaluation round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Round {
    /// Đánh giá 6 tháng (June).
    SixMonths,
    /// Đánh giá cả năm (December).
    YearEnd,
}

coded!(Round, "after.round.", [
    SixMonths => "six_months",
    YearEnd => "year_end",
]);

/// One activity's evaluation in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The annual-plan item.
    pub item: AnnualItemId,
    /// The round.
    pub round: Round,
    /// Date (ISO).
    pub date: String,
    /// Progress.
    pub progress: Progress,
    /// Percent of the assigned target completed, 0-100.
    pub completion: u8,
    /// Quality (`None` when not started).
    pub quality: Option<Quality>,
    /// Difficulties met.
    pub difficulties: String,
    /// Compared with the plan.
    pub against_plan: String,
    /// Compared with last year.
    pub against_last_year: String,
}
