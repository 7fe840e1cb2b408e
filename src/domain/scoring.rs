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

use std::cmp::Reverse;

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
    /// Mức độ cấp thiết.
    Urgency,
    /// Dễ thực hiện.
    Ease,
    /// Đề xuất của phụ nữ.
    WomensProposal,
    /// Ít phụ thuộc vào bên ngoài.
    LowOutsideDependence,
    /// Phù hợp với cách làm của thôn buôn.
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
// Typed numbers
// ---------------------------------------------------------------------------------------

/// What is wrong with a typed number (shared by scores, votes and positions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberError {
    Empty,
    NotANumber,
    Negative,
    Decimal,
    TooLarge,
}

/// Shape of the text after an optional minus sign.
enum Shape {
    Whole,
    Decimal,
    Other,
}

fn shape(body: &str) -> Shape {
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let seps = body.chars().filter(|c| matches!(c, ',' | '.')).count();
    if digits == 0 || digits + seps != body.chars().count() {
        Shape::Other
    } else if seps == 0 {
        Shape::Whole
    } else if seps == 1 {
        Shape::Decimal
    } else {
        Shape::Other
    }
}

/// Parses a whole, non-negative number as typed: trims spaces; "-3" is negative, "1,5"
/// and "1.5" are decimals; anything else not all digits is not a number.
fn parse_whole(text: &str) -> Result<u64, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let minus = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('\u{2212}'));
    let body = minus.map_or(text, str::trim_start);
    match (shape(body), minus.is_some()) {
        (Shape::Other, _) => Err(NumberError::NotANumber),
        (_, true) => Err(NumberError::Negative),
        (Shape::Decimal, false) => Err(NumberError::Decimal),
        (Shape::Whole, false) => body.parse::<u64>().map_err(|_| NumberError::TooLarge),
    }
}

/// Why a typed matrix score was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ScoreError {
    /// Nothing typed.
    #[error("nothing entered")]
    Empty,
    /// Not a number.
    #[error("enter a whole number")]
    NotANumber,
    /// A negative number.
    #[error("negative numbers are not allowed")]
    Negative,
    /// A decimal such as "1,5" or "1.5".
    #[error("whole numbers only, no comma or decimal point")]
    Decimal,
    /// Outside the cycle's scale.
    #[error("score must be between {min} and {max}")]
    OutOfScale {
        /// Lowest score of the scale.
        min: u8,
        /// Highest score of the scale.
        max: u8,
    },
}

impl ScoreError {
    /// i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            ScoreError::Empty => "scoring.err.empty",
            ScoreError::NotANumber => "scoring.err.not_a_number",
            ScoreError::Negative => "scoring.err.negative",
            ScoreError::Decimal => "scoring.err.decimal",
            ScoreError::OutOfScale { .. } => "scoring.err.out_of_scale",
        }
    }

    /// Arguments `{0}`, `{1}` ... of the message.
    pub fn args(&self) -> Vec<String> {
        match self {
            ScoreError::OutOfScale { min, max } => vec![min.to_string(), max.to_string()],
            _ => Vec::new(),
        }
    }
}

/// Parses a matrix score typed by the facilitator and checks it against the scale.
pub fn parse_score(text: &str, scale: Scale) -> Result<u8, ScoreError> {
    let out_of_scale = ScoreError::OutOfScale {
        min: scale.min,
        max: scale.max,
    };
    let value = parse_whole(text).map_err(|e| match e {
        NumberError::Empty => ScoreError::Empty,
        NumberError::NotANumber => ScoreError::NotANumber,
        NumberError::Negative => ScoreError::Negative,
        NumberError::Decimal => ScoreError::Decimal,
        NumberError::TooLarge => out_of_scale,
    })?;
    u8::try_from(value)
        .ok()
        .filter(|v| scale.contains(*v))
        .ok_or(out_of_scale)
}

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

// ---------------------------------------------------------------------------------------
// Competition ranking
// ---------------------------------------------------------------------------------------

/// Result of ranking a list of keys (smaller key = better).
struct Competition {
    /// Indices from best to worst; equal keys keep input order.
    order: Vec<usize>,
    /// Competition rank per input index.
    ranks: Vec<u32>,
    /// Whether another item shares the key, per input index.
    tied: Vec<bool>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Competition ranking ("1, 2, 2, 4") of `keys`, smaller key first.
fn competition<K: Ord>(keys: &[K]) -> Competition {
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

// ---------------------------------------------------------------------------------------
// Meeting 2: group results and their validation
// ---------------------------------------------------------------------------------------

/// One of the two groups of village meeting 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Group {
    /// Nhóm nam.
    Men,
    /// Nhóm nữ.
    Women,
}

impl Group {
    /// Both groups in display order.
    pub const ALL: [Group; 2] = [Group::Men, Group::Women];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Group::Men => "men",
            Group::Women => "women",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            Group::Men => "scoring.group.men",
            Group::Women => "scoring.group.women",
        }
    }
}

/// How a group's result is entered; chosen before scoring starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum InputMode {
    /// Vote counts per activity (beans, maize seeds, stickers).
    #[default]
    Votes,
    /// A direct ranking, position 1 = top.
    Ranking,
}

impl InputMode {
    /// Both modes in display order.
    pub const ALL: [InputMode; 2] = [InputMode::Votes, InputMode::Ranking];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            InputMode::Votes => "votes",
            InputMode::Ranking => "ranking",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// i18n key of the label.
    pub fn label_key(self) -> &'static str {
        match self {
            InputMode::Votes => "scoring.mode.votes",
            InputMode::Ranking => "scoring.mode.ranking",
        }
    }
}

/// A group's entered result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupInput {
    /// Vote counts per activity; each member had `votes_each` votes to place.
    Votes {
        /// Votes each member could place.
        votes_each: u32,
        /// Votes counted per activity.
        counts: Vec<(ActivityKey, u32)>,
    },
    /// Position per activity, 1 = top.
    Ranking {
        /// Position given to each activity.
        positions: Vec<(ActivityKey, u32)>,
    },
}

/// One group's result at village meeting 2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupResult {
    /// People in the group.
    pub members: u32,
    /// What was entered.
    pub input: GroupInput,
}

impl GroupResult {
    /// A vote-count result.
    pub fn votes(members: u32, votes_each: u32, counts: Vec<(ActivityKey, u32)>) -> Self {
        GroupResult {
            members,
            input: GroupInput::Votes { votes_each, counts },
        }
    }

    /// A direct-ranking result.
    pub fn ranking(members: u32, positions: Vec<(ActivityKey, u32)>) -> Self {
        GroupResult {
            members,
            input: GroupInput::Ranking { positions },
        }
    }

    /// The input mode used.
    pub fn mode(&self) -> InputMode {
        match self.input {
            GroupInput::Votes { .. } => InputMode::Votes,
            GroupInput::Ranking { .. } => InputMode::Ranking,
        }
    }

    /// Checks the result against the draft's activities: a non-empty group, no unknown or
    /// repeated activity, votes within capacity, or a complete ranking 1..=n.
    pub fn validate(&self, activities: &[ActivityKey]) -> Result<(), VoteError> {
        if self.members == 0 {
            return Err(VoteError::EmptyGroup);
        }
        match &self.input {
            GroupInput::Votes { votes_each, counts } => {
                check_known(counts, activities)?;
                let values: Vec<u32> = counts.iter().map(|&(_, v)| v).collect();
                check_votes(&values, self.members, *votes_each)
            }
            GroupInput::Ranking { positions } => check_ranking(positions, activities),
        }
    }

    /// Points per activity of `activities` (same order): votes as counted, or Borda
    /// points n − position + 1 for a ranking (0 when unranked or out of range).
    pub fn points(&self, activities: &[ActivityKey]) -> Vec<u64> {
        match &self.input {
            GroupInput::Votes { counts, .. } => vote_points(counts, activities),
            GroupInput::Ranking { positions } => ranking_points(positions, activities),
        }
    }
}

/// Votes per activity; repeated entries are summed, a missing entry is 0.
fn vote_points(counts: &[(ActivityKey, u32)], activities: &[ActivityKey]) -> Vec<u64> {
    let votes_for = |a: &ActivityKey| {
        let mine = counts.iter().filter(|(k, _)| k == a);
        mine.map(|&(_, v)| u64::from(v)).sum()
    };
    activities.iter().map(votes_for).collect()
}

/// Borda points n − position + 1 per activity (first entry wins; 0 if unranked or out of
/// range).
fn ranking_points(positions: &[(ActivityKey, u32)], activities: &[ActivityKey]) -> Vec<u64> {
    let n = u64::try_from(activities.len()).unwrap_or(u64::MAX);
    let points_for = |a: &ActivityKey| {
        let entry = positions.iter().find(|(k, _)| k == a);
        let pos = entry.map_or(0, |&(_, p)| u64::from(p));
        if (1..=n).contains(&pos) {
            n - pos + 1
        } else {
            0
        }
    };
    activities.iter().map(points_for).collect()
}

/// Why a group's votes, positions or size were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum VoteError {
    /// Nothing typed.
    #[error("nothing entered")]
    Empty,
    /// Not a number.
    #[error("enter a whole number")]
    NotANumber,
    /// A negative number.
    #[error("negative numbers are not allowed")]
    Negative,
    /// A decimal such as "1,5".
    #[error("whole numbers only, no comma or decimal point")]
    Decimal,
    /// A number too large to be a vote count.
    #[error("number too large")]
    TooLarge,
    /// The group has no members.
    #[error("the group has no members")]
    EmptyGroup,
    /// Each member was given no votes.
    #[error("each person must have at least one vote")]
    NoVotesEach,
    /// The group's votes exceed members × votes each.
    #[error("the votes total {total}, more than {capacity} ({members} × {votes_each})")]
    OverCapacity {
        /// Votes counted in all.
        total: u64,
        /// members × votes each.
        capacity: u64,
        /// People in the group.
        members: u32,
        /// Votes each person had.
        votes_each: u32,
    },
    /// A position outside 1..=n.
    #[error("position must be between 1 and {n}")]
    PositionOutOfRange {
        /// Position given.
        position: u32,
        /// Number of activities.
        n: u32,
    },
    /// A position given to two activities.
    #[error("position {position} is given to another activity too")]
    DuplicatePosition {
        /// The repeated position.
        position: u32,
        /// The second activity given it.
        activity: ActivityKey,
    },
    /// Some activities have no position yet.
    #[error("{missing} activities not ranked yet")]
    Unranked {
        /// How many activities lack a position.
        missing: u32,
    },
    /// An activity that is not in the draft plan.
    #[error("activity {activity} is not in the draft plan")]
    UnknownActivity {
        /// The activity.
        activity: ActivityKey,
    },
    /// An activity entered twice.
    #[error("activity {activity} entered twice")]
    DuplicateActivity {
        /// The activity.
        activity: ActivityKey,
    },
}

impl VoteError {
    /// i18n key of the message.
    pub fn message_key(&self) -> &'static str {
        match self {
            VoteError::Empty => "scoring.err.empty",
            VoteError::NotANumber => "scoring.err.not_a_number",
            VoteError::Negative => "scoring.err.negative",
            VoteError::Decimal => "scoring.err.decimal",
            VoteError::TooLarge => "scoring.err.too_large",
            VoteError::EmptyGroup => "scoring.err.empty_group",
            VoteError::NoVotesEach => "scoring.err.no_votes_each",
            VoteError::OverCapacity { .. } => "scoring.err.over_capacity",
            VoteError::PositionOutOfRange { .. } => "scoring.err.position_out_of_range",
            VoteError::DuplicatePosition { .. } => "scoring.err.duplicate_position",
            VoteError::Unranked { .. } => "scoring.err.unranked",
            VoteError::UnknownActivity { .. } => "scoring.err.unknown_activity",
            VoteError::DuplicateActivity { .. } => "scoring.err.duplicate_activity",
        }
    }

    /// Arguments `{0}`, `{1}` ... of the message.
    pub fn args(&self) -> Vec<String> {
        match *self {
            VoteError::OverCapacity {
                total,
                capacity,
                members,
                votes_each,
            } => vec![
                total.to_string(),
                capacity.to_string(),
                members.to_string(),
                votes_each.to_string(),
            ],
            VoteError::PositionOutOfRange { n, .. } => vec![n.to_string()],
            VoteError::DuplicatePosition { position, .. } => vec![position.to_string()],
            VoteError::Unranked { missing } => vec![missing.to_string()],
            VoteError::UnknownActivity { activity } | VoteError::DuplicateActivity { activity } => {
                vec![activity.to_string()]
            }
            _ => Vec::new(),
        }
    }
}

fn number_to_vote_error(e: NumberError) -> VoteError {
    match e {
        NumberError::Empty => VoteError::Empty,
        NumberError::NotANumber => VoteError::NotANumber,
        NumberError::Negative => VoteError::Negative,
        NumberError::Decimal => VoteError::Decimal,
        NumberError::TooLarge => VoteError::TooLarge,
    }
}

/// Parses a typed vote count (whole, not negative).
pub fn parse_votes(text: &str) -> Result<u32, VoteError> {
    let value = parse_whole(text).map_err(number_to_vote_error)?;
    u32::try_from(value).map_err(|_| VoteError::TooLarge)
}

/// Parses a typed position in a ranking of `n` activities (1..=n).
pub fn parse_position(text: &str, n: u32) -> Result<u32, VoteError> {
    let value = parse_whole(text).map_err(number_to_vote_error)?;
    let position = u32::try_from(value).unwrap_or(u32::MAX);
    if (1..=n).contains(&position) {
        Ok(position)
    } else {
        Err(VoteError::PositionOutOfRange { position, n })
    }
}

/// Checks a group's vote counts: a non-empty group, at least one vote each, and a total
/// not above members × votes each.
pub fn check_votes(counts: &[u32], members: u32, votes_each: u32) -> Result<(), VoteError> {
    if members == 0 {
        return Err(VoteError::EmptyGroup);
    }
    if votes_each == 0 {
        return Err(VoteError::NoVotesEach);
    }
    let total: u64 = counts.iter().map(|&v| u64::from(v)).sum();
    let capacity = u64::from(members) * u64::from(votes_each);
    if total > capacity {
        return Err(VoteError::OverCapacity {
            total,
            capacity,
            members,
            votes_each,
        });
    }
    Ok(())
}

/// Refuses entries for activities outside `activities` or entered twice.
fn check_known<T>(
    entries: &[(ActivityKey, T)],
    activities: &[ActivityKey],
) -> Result<(), VoteError> {
    for (i, (activity, _)) in entries.iter().enumerate() {
        let activity = *activity;
        if !activities.contains(&activity) {
            return Err(VoteError::UnknownActivity { activity });
        }
        if entries[..i].iter().any(|(k, _)| *k == activity) {
            return Err(VoteError::DuplicateActivity { activity });
        }
    }
    Ok(())
}

/// Checks a direct ranking of `activities`: every activity once, each position 1..=n
/// used once (duplicates refused), none missing.
pub fn check_ranking(
    ranking: &[(ActivityKey, u32)],
    activities: &[ActivityKey],
) -> Result<(), VoteError> {
    check_known(ranking, activities)?;
    let n = to_u32(activities.len());
    for (i, &(activity, position)) in ranking.iter().enumerate() {
        if !(1..=n).contains(&position) {
            return Err(VoteError::PositionOutOfRange { position, n });
        }
        if ranking[..i].iter().any(|&(_, p)| p == position) {
            return Err(VoteError::DuplicatePosition { position, activity });
        }
    }
    match n.saturating_sub(to_u32(ranking.len())) {
        0 => Ok(()),
        missing => Err(VoteError::Unranked { missing }),
    }
}

// ---------------------------------------------------------------------------------------
// Combination
// ---------------------------------------------------------------------------------------

/// How the men's and women's results are combined; fixed before scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Method {
    /// Each group's votes as shares of its own total, the two shares added (default).
    #[default]
    EqualWeight,
    /// Sum of the two groups' positions, lower is better.
    Borda,
    /// Plain sum of the two groups' votes.
    VoteSum,
}

impl Method {
    /// All methods in display order.
    pub const ALL: [Method; 3] = [Method::EqualWeight, Method::Borda, Method::VoteSum];

    /// Stable code used in storage.
    pub fn code(self) -> &'static str {
        match self {
            Method::EqualWeight => "equal_weight",
            Method::Borda => "borda",
            Method::VoteSum => "vote_sum",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// i18n key of the short name.
    pub fn label_key(self) -> &'static str {
        match self {
            Method::EqualWeight => "scoring.method.equal_weight",
            Method::Borda => "scoring.method.borda",
            Method::VoteSum => "scoring.method.vote_sum",
        }
    }

    /// i18n key of the one-line statement of the method shown with the results.
    pub fn statement_key(self) -> &'static str {
        match self {
            Method::EqualWeight => "scoring.method.equal_weight.statement",
            Method::Borda => "scoring.method.borda.statement",
            Method::VoteSum => "scoring.method.vote_sum.statement",
        }
    }

    /// Whether a larger combined score is better (false for Borda's sum of positions).
    pub fn higher_is_better(self) -> bool {
        !matches!(self, Method::Borda)
    }
}

/// What separated an activity from others with the same combined score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TieBreak {
    /// The women's rank decided.
    WomensRank,
    /// Women's rank was equal too; the draft rank decided.
    DraftRank,
}

impl TieBreak {
    /// i18n key of the explanation.
    pub fn note_key(self) -> &'static str {
        match self {
            TieBreak::WomensRank => "scoring.tiebreak.womens_rank",
            TieBreak::DraftRank => "scoring.tiebreak.draft_rank",
        }
    }
}

/// One activity in the combined result, with everything needed to defend its rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CombinedRow {
    /// The activity.
    pub activity: ActivityKey,
    /// Men's votes, or Borda points for a ranking.
    pub men_points: u64,
    /// Women's votes, or Borda points for a ranking.
    pub women_points: u64,
    /// Men's competition rank.
    pub men_rank: u32,
    /// Women's competition rank.
    pub women_rank: u32,
    /// The working group's draft rank.
    pub draft_rank: u32,
    /// Combined score for display: sum of shares (0-2), sum of positions, or sum of votes.
    pub score: f64,
    /// Combined competition rank (1 = top).
    pub rank: u32,
    /// Whether a tie is left after all tie-breaks (another row has the same rank).
    pub tied: bool,
    /// Which tie-break placed it, when its score equalled another's and it is not tied.
    pub tie_break: Option<TieBreak>,
    /// Men's rank minus women's rank (positive: women put it higher).
    pub rank_gap: i64,
    /// In the men's top 5 but not the women's.
    pub men_top_only: bool,
    /// In the women's top 5 but not the men's.
    pub women_top_only: bool,
}

impl CombinedRow {
    /// The top-5 mismatch flags as i18n keys with their arguments (empty when none).
    pub fn flag_notes(&self) -> Vec<(&'static str, Vec<String>)> {
        let flags = [
            (self.men_top_only, "scoring.flag.men_top_only"),
            (self.women_top_only, "scoring.flag.women_top_only"),
        ];
        flags
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, k)| (k, vec![TOP_N.to_string()]))
            .collect()
    }

    /// i18n key of the note explaining a tie or a tie-break, if any.
    pub fn note_key(&self) -> Option<&'static str> {
        if self.tied {
            Some("scoring.tiebreak.tied")
        } else {
            self.tie_break.map(TieBreak::note_key)
        }
    }
}

/// The combined ranking of meeting 2: the village's official medium-term plan order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Combined {
    /// The method used.
    pub method: Method,
    /// Rows by combined rank; rows of equal rank in draft order.
    pub rows: Vec<CombinedRow>,
}

impl Combined {
    /// Whether any tie is left unresolved.
    pub fn has_ties(&self) -> bool {
        self.rows.iter().any(|r| r.tied)
    }

    /// The activities in combined order.
    pub fn order(&self) -> Vec<ActivityKey> {
        self.rows.iter().map(|r| r.activity).collect()
    }
}

/// One group's points, total and ranks over the draft's activities.
struct GroupView {
    points: Vec<u64>,
    total: u64,
    ranks: Vec<u32>,
    in_top: Vec<bool>,
}

impl GroupView {
    fn new(result: &GroupResult, activities: &[ActivityKey]) -> Self {
        let points = result.points(activities);
        let total = points.iter().fold(0u64, |a, &p| a.saturating_add(p));
        let keys: Vec<Reverse<u64>> = points.iter().map(|&p| Reverse(p)).collect();
        let ranks = competition(&keys).ranks;
        let in_top = points
            .iter()
            .zip(&ranks)
            .map(|(&p, &r)| p > 0 && r <= TOP_N)
            .collect();
        GroupView {
            points,
            total,
            ranks,
            in_top,
        }
    }

    /// This group's share of activity `i` as (numerator, denominator); 0 when no votes.
    fn share(&self, i: usize) -> (i128, i128) {
        match self.total {
            0 => (0, 1),
            total => (i128::from(self.points[i]), i128::from(total)),
        }
    }

    /// This group's share of activity `i` as a float, for display.
    fn share_f64(&self, i: usize) -> f64 {
        let (num, den) = self.share(i);
        num as f64 / den as f64
    }
}

/// The exact method score of activity `i`; larger is better. EqualWeight compares the
/// numerators of the two shares over their common denominator (cross-multiplication).
fn exact_score(m: &GroupView, w: &GroupView, i: usize, method: Method) -> i128 {
    match method {
        Method::EqualWeight => {
            let ((mn, md), (wn, wd)) = (m.share(i), w.share(i));
            mn.saturating_mul(wd).saturating_add(wn.saturating_mul(md))
        }
        Method::Borda => -(i128::from(m.ranks[i]) + i128::from(w.ranks[i])),
        Method::VoteSum => i128::from(m.points[i]) + i128::from(w.points[i]),
    }
}

/// The method score of activity `i` for display.
fn display_score(m: &GroupView, w: &GroupView, i: usize, method: Method) -> f64 {
    match method {
        Method::EqualWeight => m.share_f64(i) + w.share_f64(i),
        Method::Borda => f64::from(m.ranks[i]) + f64::from(w.ranks[i]),
        Method::VoteSum => m.points[i] as f64 + w.points[i] as f64,
    }
}

/// Full ordering key: method score (better first), women's rank, draft rank.
type OrderKey = (Reverse<i128>, u32, u32);

/// Which tie-break placed activity `i`, if its score equalled another's and no tie is left.
fn tie_break(keys: &[OrderKey], i: usize) -> Option<TieBreak> {
    let rivals: Vec<&OrderKey> = keys
        .iter()
        .enumerate()
        .filter(|&(j, k)| j != i && k.0 == keys[i].0)
        .map(|(_, k)| k)
        .collect();
    if rivals.is_empty() || rivals.iter().any(|k| **k == keys[i]) {
        None
    } else if rivals.iter().any(|k| k.1 == keys[i].1) {
        Some(TieBreak::DraftRank)
    } else {
        Some(TieBreak::WomensRank)
    }
}

/// The draft's activities (first occurrence of each) with their draft ranks.
fn unique_draft(draft_rank: &[(ActivityKey, u32)]) -> Vec<(ActivityKey, u32)> {
    let mut out: Vec<(ActivityKey, u32)> = Vec::with_capacity(draft_rank.len());
    for &(a, r) in draft_rank {
        if !out.iter().any(|&(k, _)| k == a) {
            out.push((a, r));
        }
    }
    out
}

/// Everything computed for one combination, from which each row is read.
struct Combination {
    method: Method,
    draft: Vec<(ActivityKey, u32)>,
    men: GroupView,
    women: GroupView,
    keys: Vec<OrderKey>,
    comp: Competition,
}

impl Combination {
    fn new(
        men: &GroupResult,
        women: &GroupResult,
        draft: &[(ActivityKey, u32)],
        method: Method,
    ) -> Self {
        let draft = unique_draft(draft);
        let activities: Vec<ActivityKey> = draft.iter().map(|&(a, _)| a).collect();
        let (m, w) = (
            GroupView::new(men, &activities),
            GroupView::new(women, &activities),
        );
        let key = |i: usize| {
            (
                Reverse(exact_score(&m, &w, i, method)),
                w.ranks[i],
                draft[i].1,
            )
        };
        let keys: Vec<OrderKey> = (0..draft.len()).map(key).collect();
        let comp = competition(&keys);
        Combination {
            method,
            draft,
            men: m,
            women: w,
            keys,
            comp,
        }
    }

    fn row(&self, i: usize) -> CombinedRow {
        let (m, w) = (&self.men, &self.women);
        CombinedRow {
            activity: self.draft[i].0,
            men_points: m.points[i],
            women_points: w.points[i],
            men_rank: m.ranks[i],
            women_rank: w.ranks[i],
            draft_rank: self.draft[i].1,
            score: display_score(m, w, i, self.method),
            rank: self.comp.ranks[i],
            tied: self.comp.tied[i],
            tie_break: tie_break(&self.keys, i),
            rank_gap: i64::from(m.ranks[i]) - i64::from(w.ranks[i]),
            men_top_only: m.in_top[i] && !w.in_top[i],
            women_top_only: w.in_top[i] && !m.in_top[i],
        }
    }
}

/// Combines the men's and women's results over the draft's activities with `method`;
/// ties in the method score go to the women's rank, then to the draft rank.
pub fn combine(
    men: &GroupResult,
    women: &GroupResult,
    draft_rank: &[(ActivityKey, u32)],
    method: Method,
) -> Combined {
    let c = Combination::new(men, women, draft_rank, method);
    let rows = c.comp.order.iter().map(|&i| c.row(i)).collect();
    Combined { method, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(n: i64) -> Vec<(ActivityKey, u32)> {
        (1..=n)
            .map(|a| (a, to_u32(usize::try_from(a).unwrap_or(0))))
            .collect()
    }

    fn ranks(c: &Combined) -> Vec<(ActivityKey, u32)> {
        c.rows.iter().map(|r| (r.activity, r.rank)).collect()
    }

    fn row(c: &Combined, a: ActivityKey) -> &CombinedRow {
        c.rows
            .iter()
            .find(|r| r.activity == a)
            .expect("activity present")
    }

    fn full_row(a: ActivityKey, s: [u8; 5]) -> MatrixRow {
        MatrixRow {
            activity: a,
            scores: s.map(Some),
        }
    }

    // --- codes -------------------------------------------------------------------

    #[test]
    fn codes_round_trip() {
        for c in Criterion::ALL {
            assert_eq!(Criterion::from_code(c.code()), Some(c));
            assert_eq!(Criterion::ALL[c.index()], c);
        }
        for m in Method::ALL {
            assert_eq!(Method::from_code(m.code()), Some(m));
        }
        for g in Group::ALL {
            assert_eq!(Group::from_code(g.code()), Some(g));
        }
        for m in InputMode::ALL {
            assert_eq!(InputMode::from_code(m.code()), Some(m));
        }
        assert_eq!(Criterion::from_code("nope"), None);
        assert_eq!(Method::default(), Method::EqualWeight);
        assert!(!Method::Borda.higher_is_better());
    }

    // --- scale and scores ----------------------------------------------------------

    #[test]
    fn scale_rules() {
        assert_eq!(Scale::default(), Scale { min: 1, max: 5 });
        assert_eq!(Scale::new(0, 3), Ok(Scale { min: 0, max: 3 }));
        assert_eq!(Scale::new(1, 10), Ok(Scale { min: 1, max: 10 }));
        assert_eq!(
            Scale::new(3, 3),
            Err(ScaleError::NotIncreasing { min: 3, max: 3 })
        );
        assert_eq!(
            Scale::new(5, 1),
            Err(ScaleError::NotIncreasing { min: 5, max: 1 })
        );
        assert_eq!(Scale::new(1, 11), Err(ScaleError::TooHigh { max: 11 }));
        assert_eq!(
            ScaleError::TooHigh { max: 11 }.args(),
            vec!["10".to_string()]
        );
    }

    #[test]
    fn scores_in_scale_are_accepted() {
        let s = Scale::default();
        assert_eq!(parse_score("3", s), Ok(3));
        assert_eq!(parse_score(" 5 ", s), Ok(5));
        assert_eq!(parse_score("1", s), Ok(1));
        assert_eq!(parse_score("0", Scale { min: 0, max: 3 }), Ok(0));
    }

    #[test]
    fn bad_scores_are_refused_clearly() {
        let s = Scale::default();
        let out = ScoreError::OutOfScale { min: 1, max: 5 };
        assert_eq!(parse_score("", s), Err(ScoreError::Empty));
        assert_eq!(parse_score("   ", s), Err(ScoreError::Empty));
        assert_eq!(parse_score("abc", s), Err(ScoreError::NotANumber));
        assert_eq!(parse_score("1 5", s), Err(ScoreError::NotANumber));
        assert_eq!(parse_score("--1", s), Err(ScoreError::NotANumber));
        assert_eq!(parse_score("1,2,3", s), Err(ScoreError::NotANumber));
        assert_eq!(parse_score("-1", s), Err(ScoreError::Negative));
        assert_eq!(parse_score("\u{2212}2", s), Err(ScoreError::Negative));
        assert_eq!(parse_score("-1,5", s), Err(ScoreError::Negative));
        assert_eq!(parse_score("1,5", s), Err(ScoreError::Decimal));
        assert_eq!(parse_score("1.5", s), Err(ScoreError::Decimal));
        assert_eq!(parse_score("6", s), Err(out));
        assert_eq!(parse_score("0", s), Err(out));
        assert_eq!(parse_score("300", s), Err(out));
        assert_eq!(parse_score("99999999999999999999999", s), Err(out));
        assert_eq!(out.message_key(), "scoring.err.out_of_scale");
        assert_eq!(out.args(), vec!["1".to_string(), "5".to_string()]);
    }

    // --- matrix ----------------------------------------------------------------------

    #[test]
    fn matrix_uses_competition_ranking_and_lists_incomplete_last() {
        let mut partial = MatrixRow::new(5);
        partial.set(Criterion::Urgency, Some(5));
        let rows = [
            full_row(1, [2, 2, 2, 2, 2]), // 10
            partial,                      // 5 so far, incomplete
            full_row(2, [3, 3, 3, 3, 3]), // 15
            full_row(3, [4, 4, 4, 4, 4]), // 20
            full_row(4, [5, 5, 1, 2, 2]), // 15
        ];
        let ranked = rank_matrix(&rows);
        let got: Vec<(ActivityKey, Option<u32>, u32, bool)> = ranked
            .iter()
            .map(|r| (r.activity, r.rank, r.total, r.tied))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, Some(1), 20, false),
                (2, Some(2), 15, true),
                (4, Some(2), 15, true),
                (1, Some(4), 10, false),
                (5, None, 5, false),
            ]
        );
        assert_eq!(ranked[4].missing.len(), 4);
        assert_eq!(
            ranked[4].note(),
            Some((MATRIX_INCOMPLETE_KEY, vec!["4".to_string()]))
        );
        assert_eq!(ranked[0].note(), None);
        assert_eq!(
            draft_ranks(&ranked),
            vec![(3, 1), (2, 2), (4, 2), (1, 4), (5, 5)]
        );
    }

    #[test]
    fn womens_proposal_is_prefilled() {
        let s = Scale::new(1, 3).expect("valid scale");
        let yes = MatrixRow::prefilled(1, true, s);
        let no = MatrixRow::prefilled(2, false, s);
        assert_eq!(yes.score(Criterion::WomensProposal), Some(3));
        assert_eq!(no.score(Criterion::WomensProposal), Some(1));
        assert_eq!(yes.missing().len(), 4);
        assert_eq!(rank_matrix(&[yes])[0].rank, None);
    }

    #[test]
    fn empty_matrix_ranks_nothing() {
        assert!(rank_matrix(&[]).is_empty());
    }

    // --- votes and rankings: validation --------------------------------------------------

    #[test]
    fn vote_parsing() {
        assert_eq!(parse_votes("12"), Ok(12));
        assert_eq!(parse_votes(" 0 "), Ok(0));
        assert_eq!(parse_votes(""), Err(VoteError::Empty));
        assert_eq!(parse_votes("x"), Err(VoteError::NotANumber));
        assert_eq!(parse_votes("-3"), Err(VoteError::Negative));
        assert_eq!(parse_votes("2,5"), Err(VoteError::Decimal));
        assert_eq!(parse_votes("5000000000"), Err(VoteError::TooLarge));
    }

    #[test]
    fn position_parsing() {
        assert_eq!(parse_position("3", 10), Ok(3));
        assert_eq!(
            parse_position("0", 10),
            Err(VoteError::PositionOutOfRange { position: 0, n: 10 })
        );
        assert_eq!(
            parse_position("11", 10),
            Err(VoteError::PositionOutOfRange {
                position: 11,
                n: 10
            })
        );
        assert_eq!(parse_position("-1", 10), Err(VoteError::Negative));
    }

    #[test]
    fn vote_capacity() {
        assert_eq!(check_votes(&[10, 10, 4], 8, 3), Ok(()));
        assert_eq!(
            check_votes(&[10, 10, 5], 8, 3),
            Err(VoteError::OverCapacity {
                total: 25,
                capacity: 24,
                members: 8,
                votes_each: 3
            })
        );
        assert_eq!(check_votes(&[], 0, 3), Err(VoteError::EmptyGroup));
        assert_eq!(check_votes(&[1], 5, 0), Err(VoteError::NoVotesEach));
        let e = VoteError::OverCapacity {
            total: 25,
            capacity: 24,
            members: 8,
            votes_each: 3,
        };
        assert_eq!(e.args(), vec!["25", "24", "8", "3"]);
    }

    #[test]
    fn ranking_checks() {
        let acts = [1, 2, 3];
        assert_eq!(check_ranking(&[(1, 2), (2, 1), (3, 3)], &acts), Ok(()));
        assert_eq!(
            check_ranking(&[(1, 1), (2, 1), (3, 3)], &acts),
            Err(VoteError::DuplicatePosition {
                position: 1,
                activity: 2
            })
        );
        assert_eq!(
            check_ranking(&[(1, 0)], &acts),
            Err(VoteError::PositionOutOfRange { position: 0, n: 3 })
        );
        assert_eq!(
            check_ranking(&[(1, 4)], &acts),
            Err(VoteError::PositionOutOfRange { position: 4, n: 3 })
        );
        assert_eq!(
            check_ranking(&[(1, 1)], &acts),
            Err(VoteError::Unranked { missing: 2 })
        );
        assert_eq!(
            check_ranking(&[(9, 1)], &acts),
            Err(VoteError::UnknownActivity { activity: 9 })
        );
        assert_eq!(
            check_ranking(&[(1, 1), (1, 2)], &acts),
            Err(VoteError::DuplicateActivity { activity: 1 })
        );
    }

    #[test]
    fn group_validation() {
        let acts = [1, 2];
        assert_eq!(
            GroupResult::votes(4, 2, vec![(1, 5), (2, 3)]).validate(&acts),
            Ok(())
        );
        assert_eq!(
            GroupResult::votes(4, 2, vec![(1, 5), (2, 4)]).validate(&acts),
            Err(VoteError::OverCapacity {
                total: 9,
                capacity: 8,
                members: 4,
                votes_each: 2
            })
        );
        assert_eq!(
            GroupResult::votes(4, 2, vec![(7, 1)]).validate(&acts),
            Err(VoteError::UnknownActivity { activity: 7 })
        );
        assert_eq!(
            GroupResult::ranking(0, vec![(1, 1), (2, 2)]).validate(&acts),
            Err(VoteError::EmptyGroup)
        );
        assert_eq!(
            GroupResult::ranking(3, vec![(1, 2), (2, 1)]).validate(&acts),
            Ok(())
        );
        assert_eq!(GroupResult::ranking(3, vec![]).mode(), InputMode::Ranking);
    }

    // --- combination -------------------------------------------------------------------

    /// 60 men with 3 votes each, 8 women with 3 votes each.
    fn very_different_sizes() -> (GroupResult, GroupResult) {
        let men = GroupResult::votes(60, 3, vec![(1, 100), (2, 50), (3, 30), (4, 0)]);
        let women = GroupResult::votes(8, 3, vec![(1, 0), (2, 4), (3, 20)]);
        (men, women)
    }

    #[test]
    fn equal_weight_keeps_a_small_womens_group_from_being_swamped() {
        let (men, women) = very_different_sizes();
        assert_eq!(men.validate(&[1, 2, 3, 4]), Ok(()));
        assert_eq!(women.validate(&[1, 2, 3, 4]), Ok(()));
        let c = combine(&men, &women, &draft(4), Method::EqualWeight);
        // shares: 1 = 100/180 + 0 = .556; 2 = 50/180 + 4/24 = .444;
        //         3 = 30/180 + 20/24 = 1.0; 4 = 0 (no one voted for it)
        assert_eq!(ranks(&c), vec![(3, 1), (1, 2), (2, 3), (4, 4)]);
        let top = row(&c, 3);
        assert!((top.score - 1.0).abs() < 1e-12);
        assert_eq!((top.men_rank, top.women_rank, top.rank_gap), (3, 1, 2));
        assert!(row(&c, 1).men_top_only && !row(&c, 1).women_top_only);
        assert_eq!(row(&c, 1).women_rank, 3);
        assert_eq!(row(&c, 4).women_rank, 3);
        assert!(!row(&c, 4).men_top_only && !row(&c, 4).women_top_only);
        assert_eq!(row(&c, 4).score, 0.0);
        assert!(c.rows.iter().all(|r| !r.tied && r.tie_break.is_none()));
        assert_eq!(
            row(&c, 1).flag_notes(),
            vec![("scoring.flag.men_top_only", vec!["5".to_string()])]
        );
    }

    #[test]
    fn vote_sum_lets_the_larger_group_decide() {
        let (men, women) = very_different_sizes();
        let c = combine(&men, &women, &draft(4), Method::VoteSum);
        // 1 = 100, 2 = 54, 3 = 50, 4 = 0
        assert_eq!(ranks(&c), vec![(1, 1), (2, 2), (3, 3), (4, 4)]);
        assert_eq!(row(&c, 2).score, 54.0);
    }

    #[test]
    fn borda_from_votes_with_tie_broken_by_womens_rank() {
        let (men, women) = very_different_sizes();
        let c = combine(&men, &women, &draft(4), Method::Borda);
        // men ranks 1,2,3,4; women ranks 3,2,1,3 (1 and 4 share 0 votes)
        // sums: 1 = 4, 2 = 4, 3 = 4, 4 = 7; women's rank orders the three 4s: 3, 2, 1
        assert_eq!(ranks(&c), vec![(3, 1), (2, 2), (1, 3), (4, 4)]);
        for a in [1, 2, 3] {
            assert_eq!(row(&c, a).score, 4.0);
            assert_eq!(row(&c, a).tie_break, Some(TieBreak::WomensRank));
            assert_eq!(row(&c, a).note_key(), Some("scoring.tiebreak.womens_rank"));
        }
        assert_eq!(row(&c, 4).tie_break, None);
        assert_eq!(row(&c, 4).score, 7.0);
    }

    #[test]
    fn borda_gives_tied_votes_the_same_position() {
        let men = GroupResult::votes(10, 1, vec![(1, 5), (2, 5), (3, 2)]);
        let women = GroupResult::votes(9, 1, vec![(1, 1), (2, 4), (3, 4)]);
        let c = combine(&men, &women, &draft(3), Method::Borda);
        // men ranks 1,1,3; women ranks 3,1,1; sums 4,2,4
        assert_eq!(
            (
                row(&c, 1).men_rank,
                row(&c, 2).men_rank,
                row(&c, 3).men_rank
            ),
            (1, 1, 3)
        );
        assert_eq!(ranks(&c), vec![(2, 1), (3, 2), (1, 3)]);
        assert_eq!(row(&c, 2).score, 2.0);
    }

    #[test]
    fn combined_ranking_can_differ_from_both_groups() {
        let men = GroupResult::votes(10, 2, vec![(1, 11), (2, 0), (3, 9)]);
        let women = GroupResult::votes(20, 2, vec![(1, 0), (2, 22), (3, 18)]);
        let c = combine(&men, &women, &draft(3), Method::EqualWeight);
        // men: 1,3,2; women: 2,3,1; shares: 1 = .55, 2 = .55, 3 = .45 + .45 = .9
        assert_eq!(c.order(), vec![3, 2, 1]);
        assert_eq!(ranks(&c), vec![(3, 1), (2, 2), (1, 3)]);
        let by_men: Vec<ActivityKey> = {
            let mut v = c.rows.clone();
            v.sort_by_key(|r| r.men_rank);
            v.iter().map(|r| r.activity).collect()
        };
        let by_women: Vec<ActivityKey> = {
            let mut v = c.rows.clone();
            v.sort_by_key(|r| r.women_rank);
            v.iter().map(|r| r.activity).collect()
        };
        assert_eq!(by_men, vec![1, 3, 2]);
        assert_eq!(by_women, vec![2, 3, 1]);
        assert_ne!(c.order(), by_men);
        assert_ne!(c.order(), by_women);
        assert_eq!(row(&c, 2).tie_break, Some(TieBreak::WomensRank));
        assert_eq!((row(&c, 1).rank_gap, row(&c, 2).rank_gap), (-2, 2));
        assert!((row(&c, 3).score - 0.9).abs() < 1e-12);
    }

    #[test]
    fn a_tie_left_after_all_tie_breaks_is_shown() {
        let men = GroupResult::votes(5, 2, vec![(1, 5), (2, 5), (3, 0)]);
        let women = GroupResult::votes(4, 2, vec![(1, 3), (2, 3), (3, 1)]);
        // 1 and 2 equal on everything, including the draft rank
        let c = combine(&men, &women, &[(1, 2), (2, 2), (3, 1)], Method::EqualWeight);
        assert_eq!(ranks(&c), vec![(1, 1), (2, 1), (3, 3)]);
        assert!(row(&c, 1).tied && row(&c, 2).tied && !row(&c, 3).tied);
        assert_eq!(row(&c, 1).note_key(), Some("scoring.tiebreak.tied"));
        assert_eq!(row(&c, 1).tie_break, None);
        assert!(c.has_ties());
    }

    #[test]
    fn draft_rank_breaks_what_the_womens_rank_cannot() {
        let men = GroupResult::votes(5, 2, vec![(1, 5), (2, 5), (3, 0)]);
        let women = GroupResult::votes(4, 2, vec![(1, 3), (2, 3), (3, 1)]);
        let c = combine(&men, &women, &[(1, 3), (2, 2), (3, 1)], Method::EqualWeight);
        assert_eq!(ranks(&c), vec![(2, 1), (1, 2), (3, 3)]);
        assert_eq!(row(&c, 1).tie_break, Some(TieBreak::DraftRank));
        assert_eq!(row(&c, 2).tie_break, Some(TieBreak::DraftRank));
        assert!(!c.has_ties());
    }

    #[test]
    fn equal_weight_detects_ties_exactly() {
        // a = 1/10 + 2/10 and b = 3/10 + 0/10: equal, although 0.1 + 0.2 != 0.3 in f64
        let men = GroupResult::votes(10, 1, vec![(1, 1), (2, 3), (3, 6)]);
        let women = GroupResult::votes(10, 1, vec![(1, 2), (2, 0), (3, 8)]);
        let c = combine(&men, &women, &draft(3), Method::EqualWeight);
        assert_eq!(ranks(&c), vec![(3, 1), (1, 2), (2, 3)]);
        assert_eq!(row(&c, 1).tie_break, Some(TieBreak::WomensRank));
        assert_eq!(row(&c, 2).tie_break, Some(TieBreak::WomensRank));
    }

    #[test]
    fn a_group_with_no_votes_contributes_nothing() {
        let men = GroupResult::votes(10, 1, vec![(1, 2), (2, 5), (3, 3)]);
        let women = GroupResult::votes(6, 2, vec![(1, 0), (2, 0)]);
        let d = [(1, 1), (2, 2), (3, 3), (4, 5), (5, 4)];
        let c = combine(&men, &women, &d, Method::EqualWeight);
        // women all rank 1 (no votes); 4 and 5 got no votes at all: draft rank decides
        assert_eq!(ranks(&c), vec![(2, 1), (3, 2), (1, 3), (5, 4), (4, 5)]);
        assert_eq!(row(&c, 4).tie_break, Some(TieBreak::DraftRank));
        assert!(
            c.rows
                .iter()
                .all(|r| r.women_rank == 1 && !r.women_top_only)
        );
        assert!(row(&c, 2).men_top_only && !row(&c, 4).men_top_only);
        assert!((row(&c, 2).score - 0.5).abs() < 1e-12);
    }

    #[test]
    fn rankings_work_with_every_method() {
        let men = GroupResult::ranking(12, vec![(1, 1), (2, 2), (3, 3), (4, 4)]);
        let women = GroupResult::ranking(9, vec![(4, 1), (3, 2), (1, 3), (2, 4)]);
        // Borda points: men 4,3,2,1; women 2,1,3,4; sums 6,4,5,5 -> 1, then 4/3 by women
        for method in Method::ALL {
            let c = combine(&men, &women, &draft(4), method);
            assert_eq!(
                ranks(&c),
                vec![(1, 1), (4, 2), (3, 3), (2, 4)],
                "{method:?}"
            );
            assert_eq!(
                row(&c, 4).tie_break,
                Some(TieBreak::WomensRank),
                "{method:?}"
            );
            assert_eq!((row(&c, 1).men_points, row(&c, 1).women_points), (4, 2));
        }
        let score = |m| row(&combine(&men, &women, &draft(4), m), 1).score;
        assert_eq!(score(Method::VoteSum), 6.0);
        assert_eq!(score(Method::Borda), 4.0);
        assert!((score(Method::EqualWeight) - 0.6).abs() < 1e-12);
    }

    #[test]
    fn votes_and_ranking_can_be_mixed() {
        let men = GroupResult::votes(30, 2, vec![(1, 10), (2, 30), (3, 20)]);
        let women = GroupResult::ranking(10, vec![(1, 1), (2, 3), (3, 2)]);
        let c = combine(&men, &women, &draft(3), Method::EqualWeight);
        // men shares 10/60, 30/60, 20/60; women points 3,1,2 of 6: all sum to 2/3
        assert_eq!(ranks(&c), vec![(1, 1), (3, 2), (2, 3)]);
        assert!(
            c.rows
                .iter()
                .all(|r| r.tie_break == Some(TieBreak::WomensRank))
        );
    }

    #[test]
    fn equal_weight_ignores_a_group_multiplied_by_a_constant() {
        let (men, women) = very_different_sizes();
        let scaled = GroupResult::votes(60, 21, vec![(1, 700), (2, 350), (3, 210), (4, 0)]);
        let a = combine(&men, &women, &draft(4), Method::EqualWeight);
        let b = combine(&scaled, &women, &draft(4), Method::EqualWeight);
        assert_eq!(ranks(&a), ranks(&b));
    }

    #[test]
    fn only_draft_activities_are_combined() {
        let men = GroupResult::votes(5, 2, vec![(1, 1), (9, 5), (1, 2)]);
        let women = GroupResult::ranking(5, vec![(2, 1), (1, 2), (2, 5)]);
        let c = combine(&men, &women, &[(1, 1), (2, 2), (1, 7)], Method::VoteSum);
        assert_eq!(c.order(), vec![1, 2]);
        assert_eq!(row(&c, 1).men_points, 3);
        assert_eq!(row(&c, 2).women_points, 2);
        assert_eq!(row(&c, 1).draft_rank, 1);
        assert!(combine(&men, &women, &[], Method::Borda).rows.is_empty());
    }

    // --- i18n ----------------------------------------------------------------------

    #[derive(serde::Deserialize)]
    struct Entry {
        vi: String,
        en: String,
    }

    fn all_keys_with_arg_counts() -> Vec<(&'static str, usize)> {
        let mut keys: Vec<(&'static str, usize)> = Vec::new();
        for c in Criterion::ALL {
            keys.extend([(c.label_key(), 0), (c.short_key(), 0)]);
        }
        for m in Method::ALL {
            keys.extend([(m.label_key(), 0), (m.statement_key(), 0)]);
        }
        keys.extend(Group::ALL.map(|g| (g.label_key(), 0)));
        keys.extend(InputMode::ALL.map(|m| (m.label_key(), 0)));
        keys.extend([TieBreak::WomensRank, TieBreak::DraftRank].map(|t| (t.note_key(), 0)));
        keys.extend([
            ("scoring.tiebreak.tied", 0),
            (RANKING_NOTE_KEY, 0),
            (MATRIX_INCOMPLETE_KEY, 1),
        ]);
        keys.extend([
            ("scoring.flag.men_top_only", 1),
            ("scoring.flag.women_top_only", 1),
        ]);
        let scale_errors = [
            ScaleError::NotIncreasing { min: 1, max: 1 },
            ScaleError::TooHigh { max: 11 },
        ];
        keys.extend(
            scale_errors
                .iter()
                .map(|e| (e.message_key(), e.args().len())),
        );
        let score_errors = [
            ScoreError::Empty,
            ScoreError::NotANumber,
            ScoreError::Negative,
            ScoreError::Decimal,
            ScoreError::OutOfScale { min: 1, max: 5 },
        ];
        keys.extend(
            score_errors
                .iter()
                .map(|e| (e.message_key(), e.args().len())),
        );
        let vote_errors = [
            VoteError::Empty,
            VoteError::NotANumber,
            VoteError::Negative,
            VoteError::Decimal,
            VoteError::TooLarge,
            VoteError::EmptyGroup,
            VoteError::NoVotesEach,
            VoteError::OverCapacity {
                total: 1,
                capacity: 1,
                members: 1,
                votes_each: 1,
            },
            VoteError::PositionOutOfRange { position: 0, n: 1 },
            VoteError::DuplicatePosition {
                position: 1,
                activity: 1,
            },
            VoteError::Unranked { missing: 1 },
            VoteError::UnknownActivity { activity: 1 },
            VoteError::DuplicateActivity { activity: 1 },
        ];
        keys.extend(
            vote_errors
                .iter()
                .map(|e| (e.message_key(), e.args().len())),
        );
        keys
    }

    fn placeholders(text: &str) -> Vec<usize> {
        (0..10)
            .filter(|i| text.contains(&format!("{{{i}}}")))
            .collect()
    }

    #[test]
    fn every_referenced_key_has_both_languages_and_matching_arguments() {
        let table: std::collections::HashMap<String, Entry> =
            toml::from_str(include_str!("../../assets/i18n/scoring.toml")).expect("parses");
        let keys = all_keys_with_arg_counts();
        for (key, n_args) in &keys {
            let e = table
                .get(*key)
                .unwrap_or_else(|| panic!("missing key {key}"));
            assert!(!e.vi.trim().is_empty() && !e.en.trim().is_empty(), "{key}");
            let expected: Vec<usize> = (0..*n_args).collect();
            assert_eq!(placeholders(&e.vi), expected, "{key} (vi)");
            assert_eq!(placeholders(&e.en), expected, "{key} (en)");
        }
        for key in table.keys() {
            assert!(keys.iter().any(|(k, _)| k == key), "unused key {key}");
        }
    }
}
