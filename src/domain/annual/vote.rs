//! The approval meeting's vote on the annual plan. Votes cannot outnumber the people
//! registered present, and the plan is adopted by more than half of those present (MPI
//! Circular 01/2017 asks the same of a village's decisions); adopting it with fewer needs
//! a written reason.

/// What a vote count means for adopting the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteCheck {
    /// More than half of those present voted for.
    Majority,
    /// Half or fewer voted for: adopting it needs a reason.
    NoMajority,
    /// More votes than people present: the count is wrong.
    TooMany,
}

/// Checks `votes_for`, `votes_against` and `abstain` against the `present` registered at
/// the approval meeting; with nobody registered, the count cannot be checked (`Majority`).
pub fn check_vote(present: u32, votes_for: u32, votes_against: u32, abstain: u32) -> VoteCheck {
    let cast = u64::from(votes_for) + u64::from(votes_against) + u64::from(abstain);
    if present == 0 {
        VoteCheck::Majority
    } else if cast > u64::from(present) {
        VoteCheck::TooMany
    } else if u64::from(votes_for) * 2 > u64::from(present) {
        VoteCheck::Majority
    } else {
        VoteCheck::NoMajority
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_votes_than_people_present_is_refused() {
        assert_eq!(check_vote(20, 18, 3, 0), VoteCheck::TooMany);
        assert_eq!(check_vote(20, 17, 3, 0), VoteCheck::Majority);
        assert_eq!(check_vote(20, 0, 0, 21), VoteCheck::TooMany);
    }

    #[test]
    fn more_than_half_of_those_present_adopts_the_plan() {
        assert_eq!(check_vote(20, 11, 0, 0), VoteCheck::Majority);
        assert_eq!(check_vote(20, 10, 2, 8), VoteCheck::NoMajority);
        assert_eq!(check_vote(21, 10, 11, 0), VoteCheck::NoMajority);
        assert_eq!(check_vote(72, 68, 2, 2), VoteCheck::Majority);
    }

    #[test]
    fn an_empty_register_cannot_be_checked() {
        assert_eq!(check_vote(0, 5, 0, 0), VoteCheck::Majority);
        assert_eq!(
            check_vote(u32::MAX, u32::MAX, u32::MAX, 0),
            VoteCheck::TooMany
        );
    }
}
