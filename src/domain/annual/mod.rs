//! Annual plan rules (village annual plan, 20-30 May): review of last year and part 1 / part 2.
//!
//! Step 1 reviews each of last year's activities: progress, quality and money spent by
//! source (state, donor, villagers' money, labour, land, materials). Step 2 splits the
//! year's activities into part 1 (the village's own money and labour) and part 2 (at most
//! [`MAX_PART_TWO`] activities asking commune or district budget; a hard limit that only a
//! written reason overrides). Typed numbers are parsed here with clear errors.

pub mod vote;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Finding;
use super::number::{self, NumberError};
use super::scoring::{ActivityKey, MatrixRow, RankedRow, rank_matrix};

/// Database identifier of an annual plan item (an activity selected for a year's plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AnnualItemId(pub i64);

/// Which part of the annual plan (form 4) an activity belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// Part 1: carried out with the village's own money and labour.
    One,
    /// Part 2: proposed for commune or district budget support.
    Two,
}

impl Part {
    /// Both parts in form order.
    pub const ALL: [Part; 2] = [Part::One, Part::Two];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Part::One => "part1",
            Part::Two => "part2",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// i18n key of the part's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Part::One => "annual.part.one",
            Part::Two => "annual.part.two",
        }
    }
}

/// Most activities part 2 may hold (procedure: "at most 2 activities").
pub const MAX_PART_TWO: usize = 2;
/// Rule: part 2 holds at most [`MAX_PART_TWO`] activities.
pub const RULE_PART_TWO: &str = "annual.part_two";
/// Detail: part 2 holds `{0}` activities, the limit is `{1}`, `{2}` too many.
pub const PART_TWO_TOO_MANY: &str = "annual.part_two_too_many";

/// Form 4's ranking: each part is scored and ordered on its own, part 1 first, then part
/// 2 (the commune reads part 2's order as the village's budget priorities). `part_of` names
/// each row's part; a row with no known part counts as part 1.
pub fn rank_by_part(
    rows: &[MatrixRow],
    part_of: impl Fn(ActivityKey) -> Option<Part>,
) -> Vec<RankedRow> {
    Part::ALL
        .into_iter()
        .flat_map(|part| {
            let of_part: Vec<MatrixRow> = rows
                .iter()
                .filter(|r| part_of(r.activity).unwrap_or(Part::One) == part)
                .copied()
                .collect();
            rank_matrix(&of_part)
        })
        .collect()
}

/// Checks how many activities part 2 holds against the limit.
pub fn check_part_two(count: usize) -> Finding {
    if count <= MAX_PART_TWO {
        Finding::pass(RULE_PART_TWO)
    } else {
        let args = [count, MAX_PART_TWO, count - MAX_PART_TWO];
        Finding::fail(
            RULE_PART_TWO,
            PART_TWO_TOO_MANY,
            args.map(|n| n.to_string()).to_vec(),
        )
    }
}

/// Whether one more activity may join part 2 when it holds `current` (no override).
pub fn can_add_to_part_two(current: usize) -> Result<(), AnnualError> {
    if current < MAX_PART_TWO {
        Ok(())
    } else {
        Err(AnnualError::PartTwoFull { max: MAX_PART_TWO })
    }
}

/// Whether an override reason is acceptable: something besides spaces.
pub fn override_allowed(reason: &str) -> bool {
    !reason.trim().is_empty()
}

/// Like [`can_add_to_part_two`], but a full part 2 accepts the activity with a written reason.
pub fn can_add_with_override(current: usize, reason: &str) -> Result<(), AnnualError> {
    match can_add_to_part_two(current) {
        Err(_) if override_allowed(reason) => Ok(()),
        other => other,
    }
}

/// Progress of one of last year's activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Progress {
    /// Chưa thực hiện.
    NotStarted,
    /// Đang thực hiện.
    UnderWay,
    /// Đã hoàn thành.
    Done,
}

impl Progress {
    /// All states in order.
    pub const ALL: [Progress; 3] = [Progress::NotStarted, Progress::UnderWay, Progress::Done];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::UnderWay => "under_way",
            Progress::Done => "done",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Progress::NotStarted => "annual.progress.not_started",
            Progress::UnderWay => "annual.progress.under_way",
            Progress::Done => "annual.progress.done",
        }
    }
}

/// Quality of one of last year's activities as judged by the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quality {
    /// Tốt.
    Good,
    /// Trung bình.
    Fair,
    /// Kém.
    Poor,
}

impl Quality {
    /// All grades, best first.
    pub const ALL: [Quality; 3] = [Quality::Good, Quality::Fair, Quality::Poor];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Quality::Good => "good",
            Quality::Fair => "fair",
            Quality::Poor => "poor",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.code() == code)
    }

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Quality::Good => "annual.quality.good",
            Quality::Fair => "annual.quality.fair",
            Quality::Poor => "annual.quality.poor",
        }
    }
}

/// Why a typed value or an annual-plan action was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AnnualError {
    /// Part 2 already holds the most activities allowed.
    #[error(
        "part 2 already holds {max} activities, the most allowed; adding one needs a written reason"
    )]
    PartTwoFull {
        /// The limit.
        max: usize,
    },
    /// Nothing was typed or chosen where a value is required.
    #[error("this field is required")]
    Required,
    /// The text is not a number.
    #[error("not a number")]
    NotANumber,
    /// A negative number was typed.
    #[error("must not be negative")]
    Negative,
    /// A decimal was typed where a whole number is required.
    #[error("must be a whole number")]
    NotWhole,
    /// A percentage above 100.
    #[error("a percentage cannot be above 100")]
    PercentAbove100,
    /// An amount above [`MAX_AMOUNT`].
    #[error("the amount is too large (at most 10,000,000,000,000)")]
    TooLarge,
    /// The percentage contradicts the progress (not started above 0%, done below 100%).
    #[error("the percentage does not match the progress")]
    ProgressMismatch,
    /// A number typed another way than the Vietnamese one (`15,000,000`, `1.5`).
    #[error("not the Vietnamese way of writing numbers")]
    Number(NumberError),
}

impl AnnualError {
    /// Every error, for key checks.
    pub const ALL: [AnnualError; 9] = [
        AnnualError::PartTwoFull { max: MAX_PART_TWO },
        AnnualError::Required,
        AnnualError::NotANumber,
        AnnualError::Negative,
        AnnualError::NotWhole,
        AnnualError::PercentAbove100,
        AnnualError::TooLarge,
        AnnualError::ProgressMismatch,
        AnnualError::Number(NumberError::CommaGroups),
    ];

    /// i18n key of the message.
    pub fn key(self) -> &'static str {
        match self {
            AnnualError::PartTwoFull { .. } => "annual.err.part_two_full",
            AnnualError::Required => "annual.err.required",
            AnnualError::NotANumber => "annual.err.not_a_number",
            AnnualError::Negative => "annual.err.negative",
            AnnualError::NotWhole => "annual.err.not_whole",
            AnnualError::PercentAbove100 => "annual.err.percent_above_100",
            AnnualError::TooLarge => "annual.err.too_large",
            AnnualError::ProgressMismatch => "annual.err.progress_mismatch",
            AnnualError::Number(e) => e.key(),
        }
    }

    /// Arguments of the message, in order.
    pub fn args(self) -> Vec<String> {
        match self {
            AnnualError::PartTwoFull { max } => vec![max.to_string()],
            _ => Vec::new(),
        }
    }
}

/// Largest amount accepted (10^13: ten thousand billion đồng).
pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

/// Parses a percentage 0-100: "50", "50%", " 50 % ".
pub fn parse_percent(text: &str) -> Result<u8, AnnualError> {
    let trimmed = text.trim();
    let body = trimmed.strip_suffix('%').unwrap_or(trimmed);
    let value = parse_whole(body).map_err(|e| match e {
        AnnualError::TooLarge => AnnualError::PercentAbove100,
        other => other,
    })?;
    u8::try_from(value)
        .ok()
        .filter(|v| *v <= 100)
        .ok_or(AnnualError::PercentAbove100)
}

/// Parses a whole amount (đồng, days or m²) with optional dots or spaces between
/// thousands and a currency: "15.000.000", "15 000 000", "15.000.000 đ"; "15,000,000"
/// is refused with an example (a comma marks decimals).
pub fn parse_amount(text: &str) -> Result<i64, AnnualError> {
    let value = match number::parse_vnd(text) {
        Ok(None) => Err(AnnualError::Required),
        other => whole_or_error(other),
    }?;
    i64::try_from(value)
        .ok()
        .filter(|v| *v <= MAX_AMOUNT)
        .ok_or(AnnualError::TooLarge)
}

/// An amount as typed: whole đồng grouped either way ("15.000.000", "15,000,000"), or a
/// number with its multiple as people say it ("1,5 triệu", "1.5 tr", "2 tỷ", "500
/// nghìn", "500k"); blank is zero. `None` when it is not an amount.
pub fn parse_spoken_amount(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return Some(0);
    }
    if let Ok(value) = parse_amount(text) {
        return Some(value);
    }
    let folded = crate::domain::text::fold(text);
    let folded = ["dong", "vnd", "d"]
        .iter()
        .find_map(|unit| folded.strip_suffix(unit))
        .unwrap_or(&folded)
        .trim_end();
    let multiples = [
        ("trieu", 1e6),
        ("million", 1e6),
        ("tr", 1e6),
        ("ty", 1e9),
        ("ti", 1e9),
        ("billion", 1e9),
        ("nghin", 1e3),
        ("ngan", 1e3),
        ("k", 1e3),
    ];
    let (number, factor) = multiples
        .iter()
        .find_map(|(word, factor)| Some((folded.strip_suffix(word)?.trim_end(), *factor)))?;
    let value = match parse_amount(number) {
        Ok(whole) => whole as f64,
        Err(_) => decimal(number)?,
    };
    let total = (value * factor).round();
    (total.is_finite() && total >= 0.0 && total <= MAX_AMOUNT as f64).then_some(total as i64)
}

/// "1,5" or "1.5": digits, one decimal mark, digits.
fn decimal(text: &str) -> Option<f64> {
    let (whole, frac) = text.split_once(['.', ','])?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    (digits(whole) && digits(frac))
        .then(|| format!("{whole}.{frac}").parse().ok())
        .flatten()
}

/// Like [`parse_amount`], but blank text is zero (an empty form field).
pub fn parse_amount_or_zero(text: &str) -> Result<i64, AnnualError> {
    if text.trim().is_empty() {
        Ok(0)
    } else {
        parse_amount(text)
    }
}

/// A non-negative whole number by the one convention of [`super::number`].
fn parse_whole(text: &str) -> Result<u64, AnnualError> {
    whole_or_error(number::parse_whole(text))
}

/// The value read, or the annual error for why not.
fn whole_or_error(read: Result<Option<u64>, NumberError>) -> Result<u64, AnnualError> {
    match read {
        Ok(Some(value)) => Ok(value),
        Ok(None) => Err(AnnualError::Required),
        Err(NumberError::NotANumber) => Err(AnnualError::NotANumber),
        Err(NumberError::Negative) => Err(AnnualError::Negative),
        Err(NumberError::NotWhole) => Err(AnnualError::NotWhole),
        Err(other) => Err(AnnualError::Number(other)),
    }
}

/// A funding source of an activity's spending (also the review's amount fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Source {
    /// State budget (đồng).
    State,
    /// Donors and projects (đồng).
    Donor,
    /// Villagers' contribution in money (đồng).
    PeopleMoney,
    /// Villagers' contribution in labour (work days).
    PeopleLabour,
    /// Villagers' contribution in land (m²).
    PeopleLand,
    /// Villagers' contribution in materials, valued in đồng.
    PeopleMaterials,
}

impl Source {
    /// All sources in form order.
    pub const ALL: [Source; 6] = [
        Source::State,
        Source::Donor,
        Source::PeopleMoney,
        Source::PeopleLabour,
        Source::PeopleLand,
        Source::PeopleMaterials,
    ];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Source::State => "state",
            Source::Donor => "donor",
            Source::PeopleMoney => "people_money",
            Source::PeopleLabour => "people_labour_days",
            Source::PeopleLand => "people_land_m2",
            Source::PeopleMaterials => "people_materials_vnd",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Source::State => "annual.source.state",
            Source::Donor => "annual.source.donor",
            Source::PeopleMoney => "annual.source.people_money",
            Source::PeopleLabour => "annual.source.people_labour",
            Source::PeopleLand => "annual.source.people_land",
            Source::PeopleMaterials => "annual.source.people_materials",
        }
    }

    /// i18n key of the unit (đồng, days, m²).
    pub fn unit_key(self) -> &'static str {
        match self {
            Source::PeopleLabour => "annual.unit.days",
            Source::PeopleLand => "annual.unit.m2",
            _ => "annual.unit.vnd",
        }
    }
}

/// Money and contributions actually spent on an activity, by source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spending {
    /// State budget, đồng.
    pub state: i64,
    /// Donors and projects, đồng.
    pub donor: i64,
    /// Villagers' money, đồng.
    pub people_money: i64,
    /// Villagers' labour, work days.
    pub people_labour_days: i64,
    /// Villagers' land, m².
    pub people_land_m2: i64,
    /// Villagers' materials, valued in đồng.
    pub people_materials_vnd: i64,
}

impl Spending {
    /// The figure for one source.
    pub fn get(&self, source: Source) -> i64 {
        match source {
            Source::State => self.state,
            Source::Donor => self.donor,
            Source::PeopleMoney => self.people_money,
            Source::PeopleLabour => self.people_labour_days,
            Source::PeopleLand => self.people_land_m2,
            Source::PeopleMaterials => self.people_materials_vnd,
        }
    }

    /// Sets the figure for one source.
    pub fn set(&mut self, source: Source, value: i64) {
        let field = match source {
            Source::State => &mut self.state,
            Source::Donor => &mut self.donor,
            Source::PeopleMoney => &mut self.people_money,
            Source::PeopleLabour => &mut self.people_labour_days,
            Source::PeopleLand => &mut self.people_land_m2,
            Source::PeopleMaterials => &mut self.people_materials_vnd,
        };
        *field = value;
    }

    /// Source-by-source sum (saturating).
    pub fn plus(&self, other: &Spending) -> Spending {
        let mut sum = *self;
        for source in Source::ALL {
            sum.set(source, self.get(source).saturating_add(other.get(source)));
        }
        sum
    }

    /// Villagers' contribution in đồng (money and materials; labour and land are not đồng).
    pub fn people_vnd(&self) -> i64 {
        self.people_money.saturating_add(self.people_materials_vnd)
    }

    /// Everything spent in đồng: state, donors, villagers' money and materials.
    pub fn total_vnd(&self) -> i64 {
        self.state
            .saturating_add(self.donor)
            .saturating_add(self.people_vnd())
    }

    /// Villagers' share of the đồng spent, in percent (`None` when nothing was spent).
    pub fn people_share(&self) -> Option<f64> {
        people_contribution_share(self.total_vnd(), self.people_vnd())
    }
}

/// Totals of several activities' spending, source by source.
pub fn totals_by_source(items: &[Spending]) -> Spending {
    items.iter().fold(Spending::default(), |sum, s| sum.plus(s))
}

/// The villagers' part of a cost in percent; `None` when the cost is not positive or the
/// part is negative or larger than the cost.
pub fn people_contribution_share(total_cost: i64, people_part: i64) -> Option<f64> {
    if total_cost <= 0 || !(0..=total_cost).contains(&people_part) {
        return None;
    }
    Some(people_part as f64 * 100.0 / total_cost as f64)
}

/// A field of the review form, to attach an error message to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewField {
    /// The progress choice.
    Progress,
    /// The percentage done.
    Percent,
    /// The quality choice.
    Quality,
    /// One of the spending amounts.
    Amount(Source),
}

impl ReviewField {
    /// Stable code (amount fields use their source's code).
    pub fn code(self) -> &'static str {
        match self {
            ReviewField::Progress => "progress",
            ReviewField::Percent => "percent",
            ReviewField::Quality => "quality",
            ReviewField::Amount(source) => source.code(),
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "progress" => Some(ReviewField::Progress),
            "percent" => Some(ReviewField::Percent),
            "quality" => Some(ReviewField::Quality),
            other => Source::from_code(other).map(ReviewField::Amount),
        }
    }
}

/// One refused field of a review form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{field:?}: {error}")]
pub struct ReviewError {
    /// Which field.
    pub field: ReviewField,
    /// What is wrong with it.
    pub error: AnnualError,
}

/// The review of one of last year's activities as typed (before validation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDraft {
    /// Progress, if chosen.
    pub progress: Option<Progress>,
    /// Percentage done as typed (blank: 0 when not started, 100 when done).
    pub percent: String,
    /// Quality, if chosen (required unless not started).
    pub quality: Option<Quality>,
    /// Amounts as typed, in [`Source::ALL`] order (blank = 0).
    pub amounts: [String; 6],
    /// How it was managed and monitored (management and monitoring groups).
    pub management: String,
    /// Impact on villagers' lives.
    pub impact: String,
}

/// A validated review of one of last year's activities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Progress.
    pub progress: Progress,
    /// Percentage done, 0-100.
    pub percent: u8,
    /// Quality (`None` only when not started).
    pub quality: Option<Quality>,
    /// Spending by source.
    pub spending: Spending,
    /// How it was managed and monitored.
    pub management: String,
    /// Impact on villagers' lives.
    pub impact: String,
}

impl ReviewDraft {
    /// The typed amount of one source.
    pub fn amount(&self, source: Source) -> &str {
        Source::ALL
            .iter()
            .position(|s| *s == source)
            .and_then(|i| self.amounts.get(i))
            .map_or("", String::as_str)
    }

    /// Validates every field; on failure returns all refused fields so each can show its message.
    pub fn validate(&self) -> Result<Review, Vec<ReviewError>> {
        let mut errors = Vec::new();
        let percent = self.checked_percent(&mut errors);
        let spending = self.checked_spending(&mut errors);
        if self.quality.is_none() && self.progress.is_some_and(|p| p != Progress::NotStarted) {
            errors.push(ReviewError {
                field: ReviewField::Quality,
                error: AnnualError::Required,
            });
        }
        match (self.progress, percent) {
            (Some(progress), Some(percent)) if errors.is_empty() => Ok(Review {
                progress,
                percent,
                quality: self.quality,
                spending,
                management: self.management.trim().to_string(),
                impact: self.impact.trim().to_string(),
            }),
            _ => Err(errors),
        }
    }

    fn checked_percent(&self, errors: &mut Vec<ReviewError>) -> Option<u8> {
        let result = match self.progress {
            None => Err((ReviewField::Progress, AnnualError::Required)),
            Some(progress) => {
                percent_for(progress, &self.percent).map_err(|e| (ReviewField::Percent, e))
            }
        };
        result
            .map_err(|(field, error)| errors.push(ReviewError { field, error }))
            .ok()
    }

    fn checked_spending(&self, errors: &mut Vec<ReviewError>) -> Spending {
        let mut spending = Spending::default();
        for source in Source::ALL {
            match parse_amount_or_zero(self.amount(source)) {
                Ok(value) => spending.set(source, value),
                Err(error) => errors.push(ReviewError {
                    field: ReviewField::Amount(source),
                    error,
                }),
            }
        }
        spending
    }
}

/// The percentage for `progress` from the typed text, checked against the progress.
fn percent_for(progress: Progress, text: &str) -> Result<u8, AnnualError> {
    let percent = match (progress, text.trim().is_empty()) {
        (Progress::NotStarted, true) => 0,
        (Progress::Done, true) => 100,
        _ => parse_percent(text)?,
    };
    match progress {
        Progress::NotStarted if percent > 0 => Err(AnnualError::ProgressMismatch),
        Progress::Done if percent < 100 => Err(AnnualError::ProgressMismatch),
        _ => Ok(percent),
    }
}

/// The year's general review: advantages, difficulties and main production results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    /// Advantages in production and living.
    pub advantages: String,
    /// Difficulties in production and living.
    pub difficulties: String,
    /// The year's main production results.
    pub production_results: String,
}

#[cfg(test)]
mod tests;
