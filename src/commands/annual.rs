//! The annual plan's commands (step 1 review, step 2 selection and form 4, step 3 the
//! village meeting's approval, which closes the meeting's register in the same
//! transaction).

use super::Effect;
use crate::domain::activity::ActivityId;
use crate::domain::annual::vote::{VoteCheck, check_vote};
use crate::domain::annual::{AnnualItemId, Part, Review, YearSummary};
use crate::domain::scoring::Criterion;
use crate::domain::{CycleId, MeetingKind};
use crate::store::{AnnualApproval, Store, StoreError};

/// A change to the annual plan.
#[derive(Debug, Clone, PartialEq)]
pub enum AnnualCommand {
    /// Carry last cycle's working group over.
    Reconvene { cycle: CycleId, from: CycleId },
    /// Review one item of last year's plan.
    Review {
        cycle: CycleId,
        item: AnnualItemId,
        review: Review,
    },
    /// The year's general summary.
    Summary {
        cycle: CycleId,
        summary: YearSummary,
    },
    /// Select a medium-term activity into a part.
    Select {
        cycle: CycleId,
        activity: ActivityId,
        part: Part,
        reason: Option<String>,
    },
    /// Add an activity that is not in the medium-term plan (a reason is required).
    AddNew {
        cycle: CycleId,
        activity: crate::domain::activity::ValidActivity,
        part: Part,
        reason: String,
    },
    /// Move an item to the other part.
    SetPart {
        item: AnnualItemId,
        part: Part,
        reason: Option<String>,
    },
    /// Drop an item from this year's plan.
    Remove { item: AnnualItemId },
    /// Score an item on a criterion (form 4).
    Score {
        item: AnnualItemId,
        criterion: Criterion,
        score: Option<u8>,
    },
    /// Approve the plan at the village meeting, closing its register (with the reason
    /// written when fewer than 30% of those present were women).
    Approve {
        cycle: CycleId,
        approval: AnnualApproval,
        reason: Option<String>,
    },
    /// Reopen an approved plan.
    Reopen { cycle: CycleId, reason: String },
}

/// Saves one annual-plan command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: AnnualCommand) -> Result<Effect, StoreError> {
    use AnnualCommand as C;
    let done = |r: Result<(), StoreError>| r.map(|()| Effect::Done);
    match command {
        C::Reconvene { cycle, from } => done(store.reconvene_working_group(cycle, from).map(drop)),
        C::Review {
            cycle,
            item,
            review,
        } => done(store.set_review(cycle, item, &review)),
        C::Summary { cycle, summary } => done(store.set_year_summary(cycle, &summary)),
        C::Select {
            cycle,
            activity,
            part,
            reason,
        } => Ok(Effect::AnnualItem(store.select_for_annual(
            cycle,
            activity,
            part,
            reason.as_deref(),
        )?)),
        C::AddNew {
            cycle,
            activity,
            part,
            reason,
        } => Ok(Effect::AnnualItem(store.add_new_annual_activity(
            cycle, &activity, part, &reason, None,
        )?)),
        C::SetPart { item, part, reason } => {
            done(store.set_annual_part(item, part, reason.as_deref()))
        }
        C::Remove { item } => done(store.remove_annual_item(item)),
        C::Score {
            item,
            criterion,
            score,
        } => done(store.set_annual_score(item, criterion, score)),
        C::Approve {
            cycle,
            approval,
            reason,
        } => done(approve(store, cycle, &approval, reason.as_deref())),
        C::Reopen { cycle, reason } => done(store.reopen_annual(cycle, &reason)),
    }
}

/// Votes outnumbering the people registered present at the approval meeting.
pub const ERR_VOTES_EXCEED: &str = "vote.err.exceed";
/// Half or fewer of those present voted for, and no reason was written.
pub const ERR_NO_MAJORITY: &str = "vote.err.no_majority";

/// Approves the plan and closes the approval meeting's register if it is still open, in
/// one transaction (a refused approval leaves the register open). The vote is checked
/// against the register: never more votes than people present, and more than half of
/// them for, or a written reason (kept as the meeting's override reason).
fn approve(
    store: &mut Store,
    cycle: CycleId,
    approval: &AnnualApproval,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    let meeting = store.find_meeting(cycle, MeetingKind::AnnualApproval)?;
    let present = match &meeting {
        Some(m) => store.live_tally(m.id)?.total(),
        None => 0,
    };
    let written = reason.is_some_and(|r| !r.trim().is_empty());
    match check_vote(
        present,
        approval.votes_for,
        approval.votes_against,
        approval.abstain,
    ) {
        VoteCheck::TooMany => return Err(StoreError::Refused(ERR_VOTES_EXCEED)),
        VoteCheck::NoMajority if !written => return Err(StoreError::Refused(ERR_NO_MAJORITY)),
        VoteCheck::NoMajority | VoteCheck::Majority => {}
    }
    match meeting {
        Some(m) if !m.is_closed() => drop(store.close_meeting(m.id, reason)?),
        _ => {}
    }
    store.approve_annual(cycle, approval)
}
