//! The one write path: every change a user can make is a [`Command`] value, and
//! [`execute`] runs it in ONE store transaction: the refusal checks (closed cycle, closed
//! meeting, approved plan), the domain validation, the write and its audit rows. The
//! interface, the command line and the demo build commands; none of them calls a store
//! write function. What a command freezes (the combined ranking of meeting 2) is
//! recomputed here from stored facts, never taken from a screen.
//!
//! Owns: the command vocabulary, [`Effect`] and [`CommandError`]. Must not: know the
//! terminal library or SQL (both are checked by `tests/layering.rs`).

pub mod after_plan;
pub mod annual;
pub mod assessment;
pub mod commune_assign;
pub mod conference;
mod error;
mod frozen;
pub mod import;
pub mod meeting2;
mod reason;
pub mod scoring;

use std::path::PathBuf;

pub use after_plan::AfterPlanCommand;
pub use annual::AnnualCommand;
pub use assessment::AssessmentCommand;
pub use commune_assign::CommuneAssign;
pub use conference::{ConferenceCommand, ConferenceRefusal};
pub use error::{ApprovedPlan, CommandError};
pub use import::{ImportCommand, ImportRefusal};
pub use meeting2::Meeting2Command;
pub use scoring::ScoringCommand;

use crate::domain::annual::AnnualItemId;
use crate::domain::subgroup::SubGroupId;
use crate::domain::working_group::SizeRange;
use crate::domain::{
    CommuneId, CycleId, Gender, MeetingId, NewCycle, PersonFields, PersonId, VillageId, VillageKind,
};
use crate::store::Store;

/// One user intent that changes the database; [`execute`] runs it in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Create a commune.
    CreateCommune {
        /// Name.
        name: String,
        /// District.
        district: String,
    },
    /// Rename a commune.
    RenameCommune(CommuneId, String),
    /// Create a village.
    CreateVillage {
        /// Its commune.
        commune: CommuneId,
        /// Name.
        name: String,
        /// Thôn / buôn / khối phố.
        kind: VillageKind,
    },
    /// Rename a village.
    RenameVillage(VillageId, String),
    /// Delete a village with all its cycles, people and figures (after a backup copy).
    DeleteVillage {
        /// The village.
        village: VillageId,
        /// Its name, for the message.
        name: String,
    },
    /// Create a planning cycle.
    CreateCycle(NewCycle),
    /// Fill an empty database with the demo village.
    LoadDemo,
    /// Save a meeting's record and the facilitators present.
    SaveMeetingRecord {
        /// Meeting.
        meeting: MeetingId,
        /// Details.
        details: crate::store::MeetingDetails,
        /// Facilitation-team ids present.
        facilitators: Vec<i64>,
    },
    /// Create a person and register them at a meeting.
    RegisterNew {
        /// Their village.
        village: VillageId,
        /// Meeting.
        meeting: MeetingId,
        /// Validated profile.
        fields: PersonFields,
    },
    /// Register a person already known to the village.
    RegisterKnown {
        /// Meeting.
        meeting: MeetingId,
        /// Person.
        person: PersonId,
        /// Gender stated at the meeting.
        gender: Gender,
    },
    /// Correct a registered person's profile.
    UpdateAttendee {
        /// Meeting.
        meeting: MeetingId,
        /// Person.
        person: PersonId,
        /// Validated profile.
        fields: PersonFields,
    },
    /// Remove a person from a meeting's register.
    RemoveAttendee {
        /// Meeting.
        meeting: MeetingId,
        /// Person.
        person: PersonId,
    },
    /// Close a meeting (reason when below 30% women).
    CloseMeeting {
        /// Meeting.
        meeting: MeetingId,
        /// Written reason, if a rule is not met.
        reason: Option<String>,
    },
    /// Reopen a closed meeting.
    ReopenMeeting {
        /// Meeting.
        meeting: MeetingId,
        /// Written reason.
        reason: String,
    },
    /// Elect or drop a working-group member.
    SetWgMember {
        /// Cycle.
        cycle: CycleId,
        /// Person.
        person: PersonId,
        /// Member or not.
        member: bool,
    },
    /// Choose the working-group leader.
    SetWgLeader {
        /// Cycle.
        cycle: CycleId,
        /// Leader.
        leader: Option<PersonId>,
    },
    /// Change the working group's size range.
    SetWgRange {
        /// Cycle.
        cycle: CycleId,
        /// Range.
        range: SizeRange,
    },
    /// Finalise the election (reason when checks fail).
    FinaliseWg {
        /// Cycle.
        cycle: CycleId,
        /// Written reason, if checks fail.
        reason: Option<String>,
    },
    /// Save one basic-information figure.
    SetFigure {
        /// Village.
        village: VillageId,
        /// Figure with source and date.
        figure: crate::store::Figure,
    },
    /// Add a member to the commune facilitation team.
    AddFacilitator {
        /// Commune.
        commune: CommuneId,
        /// Name.
        name: String,
        /// Role.
        role: String,
    },
    /// Add a village representative trained in planning.
    AddTrainedRep {
        /// Village.
        village: VillageId,
        /// Validated profile (trained).
        fields: PersonFields,
    },
    /// Reopen a finalised election.
    ReopenWg {
        /// Cycle.
        cycle: CycleId,
        /// Written reason.
        reason: String,
    },
    /// An edit of the situation assessment.
    Assessment(AssessmentCommand),
    /// An edit at village meeting 2 (groups, method, approval).
    Meeting2(Meeting2Command),
    /// An edit at the working-group meeting (scores, scale, merges).
    Scoring(ScoringCommand),
    /// An edit of the annual plan.
    Annual(AnnualCommand),
    /// Close a cycle: read-only from then on.
    CloseCycle(CycleId),
    /// Reopen a closed cycle.
    ReopenCycle {
        /// Cycle.
        cycle: CycleId,
        /// Written reason.
        reason: String,
    },
    /// Import one village's bundle at the commune, or a commune's at the district.
    Import(ImportCommand),
    /// An edit at the commune conference (changes, answers, the commune plan's approval).
    Conference(ConferenceCommand),
    /// An edit after the plan: assignment, groups, ledger, progress, acceptance,
    /// disclosure, evaluation.
    AfterPlan(AfterPlanCommand),
    /// The commune's assignment of one activity of a village's approved annual plan.
    CommuneAssign(CommuneAssign),
}

/// What a command did, so the caller can select what it created and say what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A commune was created or renamed.
    Commune(CommuneId),
    /// A village was created or renamed.
    Village(VillageId),
    /// A cycle was created, filled, closed or reopened.
    Cycle(CycleId),
    /// A village was deleted; the backup written first, if the store is a file.
    VillageDeleted {
        /// Where the copy made before deleting is.
        backup: Option<PathBuf>,
    },
    /// A person was created (and registered at the meeting).
    Person(PersonId),
    /// A sub-group was created.
    SubGroup(SubGroupId),
    /// A proposed activity was added.
    Activity(crate::domain::activity::ActivityId),
    /// An activity was put in the annual plan (the item's id).
    AnnualItem(AnnualItemId),
    /// A bundle was imported (the imported plan's id).
    Imported(i64),
    /// A conference change was recorded or answered (its id).
    Change(i64),
    /// A row was added after the plan (a member, ledger line, progress line, posting).
    Row(i64),
    /// The change was saved.
    Done,
}

impl Effect {
    /// The id of the record the command created or named, if any.
    pub fn created_id(&self) -> Option<i64> {
        match self {
            Effect::Commune(id) => Some(id.0),
            Effect::Village(id) => Some(id.0),
            Effect::Cycle(id) => Some(id.0),
            Effect::Person(id) => Some(id.0),
            Effect::SubGroup(id) => Some(id.0),
            Effect::AnnualItem(id) => Some(id.0),
            Effect::Imported(id) | Effect::Change(id) | Effect::Row(id) => Some(*id),
            Effect::Activity(id) => Some(id.0),
            Effect::VillageDeleted { .. } | Effect::Done => None,
        }
    }
}

/// Runs one command in one transaction: the refusal checks, the write and its audit
/// rows are committed together or not at all.
pub fn execute(store: &mut Store, command: Command) -> Result<Effect, CommandError> {
    if matches!(command, Command::DeleteVillage { .. }) {
        // The backup copy made first (VACUUM INTO) cannot run inside a transaction; the
        // deletion itself is one transaction of the store.
        return run(store, command);
    }
    store.in_transaction(|store| {
        import::refuse_edit(store, &command)?;
        frozen::refuse(store, &command)?;
        run(store, command)
    })
}

/// The write of one command.
fn run(store: &mut Store, command: Command) -> Result<Effect, CommandError> {
    use Command as C;
    Ok(match command {
        C::CreateCommune { name, district } => {
            Effect::Commune(store.create_commune(&name, &district, "Đắk Lắk")?.id)
        }
        C::RenameCommune(id, name) => {
            store.rename_commune(id, &name)?;
            Effect::Commune(id)
        }
        C::CreateVillage {
            commune,
            name,
            kind,
        } => Effect::Village(store.create_village(commune, &name, kind)?.id),
        C::RenameVillage(id, name) => {
            store.rename_village(id, &name)?;
            Effect::Village(id)
        }
        C::DeleteVillage { village, .. } => Effect::VillageDeleted {
            backup: store.delete_village(village)?,
        },
        C::CreateCycle(new) => Effect::Cycle(store.create_cycle(&new)?.id),
        C::LoadDemo => Effect::Cycle(crate::demo::populate(store)?),
        C::CloseCycle(id) => {
            store.close_cycle(id)?;
            Effect::Cycle(id)
        }
        C::ReopenCycle { cycle, reason } => {
            store.reopen_cycle(cycle, &reason)?;
            Effect::Cycle(cycle)
        }
        C::Assessment(c) => assessment::run(store, c)?,
        C::Meeting2(c) => done(meeting2::run(store, c))?,
        C::Scoring(c) => done(scoring::run(store, c))?,
        C::Annual(c) => annual::run(store, c)?,
        C::Import(c) => import::run(store, c)?,
        C::Conference(c) => conference::run(store, c)?,
        C::AfterPlan(c) => after_plan::run(store, c)?,
        C::CommuneAssign(c) => commune_assign::run(store, c)?,
        C::SaveMeetingRecord {
            meeting,
            details,
            facilitators,
        } => {
            if !crate::domain::meeting::times_in_order(&details.start_time, &details.end_time) {
                return Err(crate::store::StoreError::Refused("rec.err.times_order").into());
            }
            store.update_meeting_details(meeting, &details)?;
            store.set_meeting_facilitators(meeting, &facilitators)?;
            Effect::Done
        }
        C::RegisterNew {
            village,
            meeting,
            fields,
        } => Effect::Person(store.register_new_person(village, meeting, &fields)?),
        C::RegisterKnown {
            meeting,
            person,
            gender,
        } => done(store.add_attendee(meeting, person, gender))?,
        C::UpdateAttendee {
            meeting,
            person,
            fields,
        } => done(store.update_attendee(meeting, person, &fields))?,
        C::RemoveAttendee { meeting, person } => done(store.remove_attendee(meeting, person))?,
        C::CloseMeeting { meeting, reason } => {
            done(store.close_meeting(meeting, reason.as_deref()).map(drop))?
        }
        C::ReopenMeeting { meeting, reason } => done(store.reopen_meeting(meeting, &reason))?,
        C::SetWgMember {
            cycle,
            person,
            member,
        } => done(store.set_wg_member(cycle, person, member))?,
        C::SetWgLeader { cycle, leader } => done(store.set_wg_leader(cycle, leader))?,
        C::SetWgRange { cycle, range } => done(store.set_wg_range(cycle, range))?,
        C::FinaliseWg { cycle, reason } => done(store.finalise_wg(cycle, reason.as_deref()))?,
        C::ReopenWg { cycle, reason } => done(store.reopen_wg(cycle, &reason))?,
        C::SetFigure { village, figure } => done(store.set_figure(village, &figure))?,
        C::AddFacilitator {
            commune,
            name,
            role,
        } => done(store.add_facilitator(commune, &name, &role).map(drop))?,
        C::AddTrainedRep { village, fields } => {
            done(store.create_person(village, &fields).map(drop))?
        }
    })
}

/// A write that reports nothing but success.
fn done<E: Into<CommandError>>(result: Result<(), E>) -> Result<Effect, CommandError> {
    result.map(|()| Effect::Done).map_err(Into::into)
}
