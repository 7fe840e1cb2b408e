//! The refusal checks every command passes before it writes: a closed cycle is read-only,
//! and whatever an approved plan holds (an activity's fields, its scores, meeting 2's
//! results, the annual selection, parts and form-4 scores, an approval meeting's register)
//! stays as approved until the plan is reopened with a reason. The database refuses the
//! same writes (migration 0007); checking here first lets the message name the plan.

use super::annual::AnnualCommand as A;
use super::assessment::AssessmentCommand as S;
use super::meeting2::Meeting2Command as M2;
use super::scoring::ScoringCommand as Sc;
use super::{ApprovedPlan, Command, CommandError};
use crate::domain::activity::ActivityId;
use crate::domain::annual::AnnualItemId;
use crate::domain::subgroup::SubGroupId;
use crate::domain::{CycleId, MeetingId, MeetingKind};
use crate::store::{Owner, Store, StoreError};

/// What a command changes, as far as closed cycles and approved plans are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touch {
    /// Records of a cycle that no plan holds (closed-cycle check only).
    Cycle(CycleId),
    /// A record of a cycle, named by its id (closed-cycle check only).
    Record(Owner),
    /// An activity's fields, or whether it exists.
    Activity(ActivityId),
    /// A new proposed activity of a cycle (changes the medium-term plan's candidates).
    NewActivity(CycleId),
    /// An activity's working-group scores.
    MatrixScore(ActivityId),
    /// The medium-term plan's inputs: the scale, meeting 2's groups, results and method.
    MediumTerm(CycleId),
    /// The annual plan's selection and approval.
    Annual(CycleId),
    /// One item of an annual plan (its part, score or presence).
    AnnualItem(AnnualItemId),
    /// A meeting's record and register.
    Register(MeetingId),
}

/// Refuses `command` if it would change a closed cycle or an approved plan.
pub(super) fn refuse(store: &Store, command: &Command) -> Result<(), CommandError> {
    for touch in touches(command) {
        refuse_closed(store, touch)?;
        refuse_approved(store, touch)?;
    }
    Ok(())
}

fn touches(command: &Command) -> Vec<Touch> {
    use Command as C;
    match command {
        C::CreateCommune { .. }
        | C::RenameCommune(..)
        | C::CreateVillage { .. }
        | C::RenameVillage(..)
        | C::DeleteVillage { .. }
        | C::CreateCycle(_)
        | C::LoadDemo
        | C::CloseCycle(_)
        | C::ReopenCycle { .. }
        | C::SetFigure { .. }
        | C::AddFacilitator { .. }
        | C::AddTrainedRep { .. }
        | C::Import(_)
        | C::Conference(_)
        | C::CommuneAssign(_) => Vec::new(),
        C::SaveMeetingRecord { meeting, .. }
        | C::RegisterNew { meeting, .. }
        | C::RegisterKnown { meeting, .. }
        | C::UpdateAttendee { meeting, .. }
        | C::RemoveAttendee { meeting, .. }
        | C::CloseMeeting { meeting, .. }
        | C::ReopenMeeting { meeting, .. } => vec![Touch::Register(*meeting)],
        C::SetWgMember { cycle, .. }
        | C::SetWgLeader { cycle, .. }
        | C::SetWgRange { cycle, .. }
        | C::FinaliseWg { cycle, .. }
        | C::ReopenWg { cycle, .. } => vec![Touch::Cycle(*cycle)],
        C::Assessment(c) => assessment(c),
        C::Meeting2(c) => vec![meeting2(c)],
        C::Scoring(c) => scoring(c),
        C::Annual(c) => vec![annual(c)],
        C::AfterPlan(c) => vec![Touch::Record(Owner::AnnualItem(c.item()))],
    }
}

fn assessment(command: &S) -> Vec<Touch> {
    let subgroup = |id: SubGroupId| Touch::Record(Owner::SubGroup(id));
    vec![match command {
        S::SelectTool { cycle, .. } | S::CreateSubGroup { cycle, .. } => Touch::Cycle(*cycle),
        S::MoveMember { to, .. } => subgroup(*to),
        S::RemoveMember { subgroup: id, .. }
        | S::SetLeader { subgroup: id, .. }
        | S::Topic { subgroup: id, .. }
        | S::RenameSubGroup { id, .. }
        | S::DeleteSubGroup(id) => subgroup(*id),
        S::SaveFinding {
            existing: Some(id), ..
        }
        | S::DeleteFinding(id) => Touch::Record(Owner::Finding(*id)),
        S::SaveFinding { subgroup: id, .. } => subgroup(*id),
        S::AddActivity { cycle, .. } => Touch::NewActivity(*cycle),
        S::UpdateActivity { id, .. } | S::SetFunding { id, .. } | S::DeleteActivity(id) => {
            Touch::Activity(*id)
        }
    }]
}

fn meeting2(command: &M2) -> Touch {
    match command {
        M2::GroupInfo { cycle, .. }
        | M2::Mode { cycle, .. }
        | M2::Entry { cycle, .. }
        | M2::Method { cycle, .. }
        | M2::Approve { cycle, .. } => Touch::MediumTerm(*cycle),
        M2::Reopen { cycle, .. } => Touch::Cycle(*cycle),
    }
}

fn scoring(command: &Sc) -> Vec<Touch> {
    match command {
        Sc::Score { activity, .. } => vec![Touch::MatrixScore(*activity)],
        Sc::Scale { cycle, .. } => vec![Touch::MediumTerm(*cycle)],
        Sc::Merge { keep, duplicate } => vec![Touch::Activity(*keep), Touch::Activity(*duplicate)],
    }
}

fn annual(command: &A) -> Touch {
    match command {
        A::Reconvene { cycle, .. }
        | A::Review { cycle, .. }
        | A::Summary { cycle, .. }
        | A::Reopen { cycle, .. } => Touch::Cycle(*cycle),
        A::Select { cycle, .. } | A::AddNew { cycle, .. } | A::Approve { cycle, .. } => {
            Touch::Annual(*cycle)
        }
        A::SetPart { item, .. } | A::Remove { item } | A::Score { item, .. } => {
            Touch::AnnualItem(*item)
        }
    }
}

/// The cycle whose records `touch` changes.
fn cycle_of(store: &Store, touch: Touch) -> Result<CycleId, StoreError> {
    match touch {
        Touch::Cycle(c) | Touch::NewActivity(c) | Touch::MediumTerm(c) | Touch::Annual(c) => Ok(c),
        Touch::Record(owner) => store.cycle_of(owner),
        Touch::Activity(a) | Touch::MatrixScore(a) => store.cycle_of(Owner::Activity(a)),
        Touch::AnnualItem(i) => store.cycle_of(Owner::AnnualItem(i)),
        Touch::Register(m) => store.cycle_of(Owner::Meeting(m)),
    }
}

fn refuse_closed(store: &Store, touch: Touch) -> Result<(), CommandError> {
    if store.cycle(cycle_of(store, touch)?)?.closed {
        return Err(StoreError::CycleClosed.into());
    }
    Ok(())
}

fn refuse_approved(store: &Store, touch: Touch) -> Result<(), CommandError> {
    match touch {
        Touch::Cycle(_) | Touch::Record(_) => Ok(()),
        Touch::Activity(a) => {
            for cycle in store.annual_plans_holding(a)? {
                annual_plan(store, cycle)?;
            }
            if store.medium_term_plan_holds(a)? {
                medium_term(store, store.cycle_of(Owner::Activity(a))?)?;
            }
            Ok(())
        }
        Touch::NewActivity(c) | Touch::MediumTerm(c) => medium_term(store, c),
        Touch::MatrixScore(a) => medium_term(store, store.cycle_of(Owner::Activity(a))?),
        Touch::Annual(c) => annual_plan(store, c),
        Touch::AnnualItem(i) => annual_plan(store, store.cycle_of(Owner::AnnualItem(i))?),
        Touch::Register(m) => {
            let cycle = store.cycle_of(Owner::Meeting(m))?;
            match store.meeting_kind(m)? {
                MeetingKind::Village2 => medium_term(store, cycle),
                MeetingKind::AnnualApproval => annual_plan(store, cycle),
                MeetingKind::Village1 | MeetingKind::WorkingGroup => Ok(()),
            }
        }
    }
}

/// Refuses while the cycle's official medium-term plan is approved.
fn medium_term(store: &Store, cycle: CycleId) -> Result<(), CommandError> {
    if !store.is_plan_frozen(cycle)? {
        return Ok(());
    }
    let year = store.cycle(cycle)?.medium_term_start;
    let version = store.plan_versions(cycle)?.last().copied().unwrap_or(1);
    Err(CommandError::Approved(ApprovedPlan::MediumTerm {
        year,
        version,
    }))
}

/// Refuses while the cycle's annual plan is approved.
fn annual_plan(store: &Store, cycle: CycleId) -> Result<(), CommandError> {
    if !store.is_annual_frozen(cycle)? {
        return Ok(());
    }
    let year = store.cycle(cycle)?.year;
    let version = store.annual_versions(cycle)?.last().copied().unwrap_or(1);
    Err(CommandError::Approved(ApprovedPlan::Annual {
        year,
        version,
    }))
}
