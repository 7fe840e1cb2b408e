//! The demo's village meeting 2: 80 of meeting 1's participants (30 women), a men's and a
//! women's group placing 3 votes each, combined with the default method and approved as
//! the official medium-term plan. The men favour the draft's order (infrastructure); the
//! women favour the activities women proposed, so the two rankings differ visibly.

use super::{Result, hold_again, meeting, run};
use crate::commands::{Command, Meeting2Command};
use crate::domain::scoring::{Group, InputMode, draft_ranks, rank_matrix};
use crate::domain::{CycleId, Gender, MeetingKind};
use crate::store::{GroupInfo, Store};

/// Meeting 1 participants who come again.
const ATTENDEES: usize = 80;

/// Votes each person places.
const VOTES_EACH: u32 = 3;

/// Writes meeting 2: attendance, both groups' votes, closing and approval.
pub fn write(store: &mut Store, cycle: CycleId) -> Result<()> {
    let meeting2 = meeting(store, cycle, MeetingKind::Village2)?;
    let meeting1 = meeting(store, cycle, MeetingKind::Village1)?;
    let time = ("2026-06-02", "07:30", "10:30");
    let (mut men, mut women) = (0, 0);
    for a in hold_again(store, meeting2, meeting1, time, ATTENDEES)? {
        match a.gender_at_meeting {
            Gender::Female => women += 1,
            _ => men += 1,
        }
    }
    write_groups(store, cycle, men, women)?;
    let approve = Meeting2Command::Approve {
        cycle,
        meeting: meeting2,
        reason: None,
        missing_reason: None,
    };
    run(store, Command::Meeting2(approve)).map(drop)
}

/// Both groups' details and votes: the men's votes follow the draft order, the women's
/// put the activities women proposed first.
fn write_groups(store: &mut Store, cycle: CycleId, men: u32, women: u32) -> Result<()> {
    let draft = draft_ranks(&rank_matrix(&store.matrix_rows(cycle)?));
    let activities = store.activities(cycle)?;
    let by_women = |key: i64| {
        activities
            .iter()
            .any(|a| a.id.0 == key && a.fields.proposed_by_women)
    };
    let mut women_order: Vec<i64> = draft.iter().map(|&(k, _)| k).collect();
    women_order.sort_by_key(|k| !by_women(*k));
    for (group, members, recorder) in [
        (Group::Men, men, "Y Kim Niê"),
        (Group::Women, women, "H'Blưm Êban"),
    ] {
        let info = GroupInfo {
            members,
            votes_each: VOTES_EACH,
            recorder: recorder.into(),
        };
        run(
            store,
            Command::Meeting2(Meeting2Command::GroupInfo { cycle, group, info }),
        )?;
    }
    for (k, &(key, _)) in draft.iter().enumerate() {
        let votes = 20u32.saturating_sub(2 * u32::try_from(k).unwrap_or(u32::MAX));
        run(store, votes_for(cycle, Group::Men, key, votes))?;
    }
    for (j, &key) in women_order.iter().enumerate() {
        let votes = 12u32.saturating_sub(u32::try_from(j).unwrap_or(u32::MAX));
        run(store, votes_for(cycle, Group::Women, key, votes))?;
    }
    Ok(())
}

fn votes_for(cycle: CycleId, group: Group, activity: i64, votes: u32) -> Command {
    Command::Meeting2(Meeting2Command::Entry {
        cycle,
        group,
        mode: InputMode::Votes,
        activity,
        value: Some(votes),
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::scoring::Group;
    use crate::store::Store;

    #[test]
    fn demo_plan_is_approved_and_men_and_women_rank_differently() {
        let mut store = Store::open_in_memory().expect("store");
        let cycle = crate::demo::populate(&mut store).expect("demo");
        let facts = store.cycle_facts(cycle).expect("facts").meeting2;
        assert!(facts.closed && facts.plan_approved, "{facts:?}");
        assert!(facts.women * 10 >= facts.attendees * 3, "{facts:?}");
        let plan = store.latest_plan(cycle).expect("plan").expect("approved");
        let rows = &plan.combined.rows;
        assert!(rows.iter().any(|r| r.rank_gap.abs() >= 3), "{rows:?}");
        assert!(rows.iter().any(|r| r.men_top_only) && rows.iter().any(|r| r.women_top_only));
        let men = store.group_info(cycle, Group::Men).expect("men");
        assert_eq!((men.members, men.votes_each), (50, 3));
    }
}
