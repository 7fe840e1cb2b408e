//! Meeting 2: the men's and women's group results and their validation.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::numbers::{NumberError, parse_whole};
use super::{ActivityKey, to_u32};

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
