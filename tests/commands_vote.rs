//! The approval vote checked by the command itself (issue 16): never more votes than the
//! people registered present at the approval meeting, and more than half of them for, or
//! a written reason, which the meeting keeps.

#![allow(clippy::unwrap_used)]

#[path = "commands_support/mod.rs"]
mod commands_support;

use commands_support::{
    Village, approval, approve_medium_term, register, select_and_score, village,
};
use kehoach::commands::annual::{ERR_NO_MAJORITY, ERR_VOTES_EXCEED};
use kehoach::commands::{AnnualCommand, Command};
use kehoach::domain::{Meeting, MeetingKind};
use kehoach::store::StoreError;

/// A village with both plans ready and five people registered at the approval meeting.
fn ready() -> Village {
    let mut v = village();
    approve_medium_term(&mut v);
    select_and_score(&mut v);
    register(&mut v, MeetingKind::AnnualApproval);
    v
}

/// Approving `v`'s annual plan with these votes.
fn approve(v: &Village, votes_for: u32, against: u32, reason: Option<&str>) -> Command {
    let mut a = approval("25/05/2026");
    a.votes_for = votes_for;
    a.votes_against = against;
    Command::Annual(AnnualCommand::Approve {
        cycle: v.cycle,
        approval: a,
        reason: reason.map(str::to_string),
    })
}

fn approval_meeting(v: &Village) -> Meeting {
    v.store
        .find_meeting(v.cycle, MeetingKind::AnnualApproval)
        .unwrap()
        .unwrap()
}

fn refused_with(v: &mut Village, command: Command, key: &str) {
    let err = v.refused(command);
    assert!(
        matches!(err.store_error(), Some(StoreError::Refused(k)) if *k == key),
        "{err:?}"
    );
    assert!(v.store.annual_approval(v.cycle).unwrap().is_none());
    assert!(!approval_meeting(v).is_closed(), "the register stays open");
}

#[test]
fn votes_beyond_those_present_are_refused_and_nothing_changes() {
    let mut v = ready();
    let command = approve(&v, 4, 2, Some("đủ"));
    refused_with(&mut v, command, ERR_VOTES_EXCEED);
}

#[test]
fn half_or_fewer_for_needs_a_reason_which_the_meeting_keeps() {
    let mut v = ready();
    let command = approve(&v, 2, 3, None);
    refused_with(&mut v, command, ERR_NO_MAJORITY);
    let command = approve(&v, 2, 3, Some("  "));
    refused_with(&mut v, command, ERR_NO_MAJORITY);

    v.run(approve(&v, 2, 3, Some("Ba người về trông nhà vì mưa lũ")));
    assert!(v.store.annual_approval(v.cycle).unwrap().is_some());
    assert_eq!(
        approval_meeting(&v).override_reason.as_deref(),
        Some("Ba người về trông nhà vì mưa lũ")
    );
}

#[test]
fn more_than_half_for_adopts_the_plan_without_a_reason() {
    let mut v = ready();
    v.run(approve(&v, 3, 2, None));
    assert!(v.store.annual_approval(v.cycle).unwrap().is_some());
    assert_eq!(approval_meeting(&v).override_reason, None);
}
