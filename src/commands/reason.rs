//! Completing a command with the written reason the facilitator typed in the reason
//! prompt. A screen builds the command it wants with its reason slots empty (a `String`
//! slot `""`, an `Option` slot `Some("")` when that rule asks for a reason) and hands it
//! to the app's prompt; [`Command::with_reason`] fills the slots. So a new reasoned edit
//! touches this module and its screen, and the prompt knows no screen.

use super::{AnnualCommand, Command, ConferenceCommand, ImportCommand, Meeting2Command};

impl Command {
    /// The command with `reason` in each of its reason slots; `None` when the command
    /// takes no written reason (the prompt must not be offered for it).
    pub fn with_reason(self, reason: String) -> Option<Command> {
        use Command as C;
        Some(match self {
            C::CloseMeeting { meeting, reason: _ } => C::CloseMeeting {
                meeting,
                reason: Some(reason),
            },
            C::ReopenMeeting { meeting, .. } => C::ReopenMeeting { meeting, reason },
            C::FinaliseWg { cycle, .. } => C::FinaliseWg {
                cycle,
                reason: Some(reason),
            },
            C::ReopenWg { cycle, .. } => C::ReopenWg { cycle, reason },
            C::ReopenCycle { cycle, .. } => C::ReopenCycle { cycle, reason },
            C::Meeting2(m) => C::Meeting2(m.with_reason(reason)?),
            C::Conference(c) => C::Conference(c.with_reason(reason)?),
            C::Annual(a) => C::Annual(a.with_reason(reason)?),
            C::Import(import) => C::Import(ImportCommand {
                conflict_reason: Some(reason),
                ..import
            }),
            C::CreateCommune { .. }
            | C::RenameCommune(..)
            | C::CreateVillage { .. }
            | C::RenameVillage(..)
            | C::DeleteVillage { .. }
            | C::CreateCycle(_)
            | C::LoadDemo
            | C::SaveMeetingRecord { .. }
            | C::RegisterNew { .. }
            | C::RegisterKnown { .. }
            | C::UpdateAttendee { .. }
            | C::RemoveAttendee { .. }
            | C::SetWgMember { .. }
            | C::SetWgLeader { .. }
            | C::SetWgRange { .. }
            | C::SetFigure { .. }
            | C::AddFacilitator { .. }
            | C::AddTrainedRep { .. }
            | C::Assessment(_)
            | C::Scoring(_)
            | C::CloseCycle(_)
            | C::AfterPlan(_)
            | C::CommuneAssign(_) => return None,
        })
    }
}

impl Meeting2Command {
    /// The command with `reason` in its reason slots: a locked setting's change, the
    /// reopening, and the approval's slots that are `Some` (below 30% women, missing
    /// fields: one reason serves both).
    fn with_reason(self, reason: String) -> Option<Meeting2Command> {
        use Meeting2Command as C;
        let fill = |slot: Option<String>| slot.map(|_| reason.clone());
        Some(match self {
            C::Mode {
                cycle, group, mode, ..
            } => C::Mode {
                cycle,
                group,
                mode,
                reason: Some(reason),
            },
            C::Method { cycle, method, .. } => C::Method {
                cycle,
                method,
                reason: Some(reason),
            },
            C::Approve {
                cycle,
                meeting,
                reason: below,
                missing_reason,
            } => C::Approve {
                cycle,
                meeting,
                reason: fill(below),
                missing_reason: fill(missing_reason),
            },
            C::Reopen { cycle, .. } => C::Reopen { cycle, reason },
            C::GroupInfo { .. } | C::Entry { .. } => return None,
        })
    }
}

impl AnnualCommand {
    /// The command with `reason`: part 2 beyond its two activities, and the reopening;
    /// a new activity's and the approval's reasons are typed in their own forms.
    fn with_reason(self, reason: String) -> Option<AnnualCommand> {
        use AnnualCommand as C;
        Some(match self {
            C::Select {
                cycle,
                activity,
                part,
                ..
            } => C::Select {
                cycle,
                activity,
                part,
                reason: Some(reason),
            },
            C::SetPart { item, part, .. } => C::SetPart {
                item,
                part,
                reason: Some(reason),
            },
            C::Reopen { cycle, .. } => C::Reopen { cycle, reason },
            C::Reconvene { .. }
            | C::Review { .. }
            | C::Summary { .. }
            | C::AddNew { .. }
            | C::Remove { .. }
            | C::Score { .. }
            | C::Approve { .. } => return None,
        })
    }
}

impl ConferenceCommand {
    /// The reopening with `reason`; a change's reason is typed in its own form.
    fn with_reason(self, reason: String) -> Option<ConferenceCommand> {
        use ConferenceCommand as C;
        match self {
            C::Reopen { commune, year, .. } => Some(C::Reopen {
                commune,
                year,
                reason,
            }),
            C::Record { .. } | C::Answer { .. } | C::Withdraw { .. } | C::Approve { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CycleId, MeetingId};

    #[test]
    fn fills_every_slot_the_command_asks_for() {
        let approve = Command::Meeting2(Meeting2Command::Approve {
            cycle: CycleId(1),
            meeting: MeetingId(2),
            reason: None,
            missing_reason: Some(String::new()),
        });
        let filled = approve.with_reason("lý do".into());
        assert_eq!(
            filled,
            Some(Command::Meeting2(Meeting2Command::Approve {
                cycle: CycleId(1),
                meeting: MeetingId(2),
                reason: None,
                missing_reason: Some("lý do".into()),
            }))
        );
        let close = Command::CloseMeeting {
            meeting: MeetingId(3),
            reason: None,
        };
        assert_eq!(
            close.with_reason("ít phụ nữ".into()),
            Some(Command::CloseMeeting {
                meeting: MeetingId(3),
                reason: Some("ít phụ nữ".into()),
            })
        );
    }

    #[test]
    fn a_third_part_two_activity_takes_the_reason() {
        use crate::domain::activity::ActivityId;
        use crate::domain::annual::Part;
        let select = |reason| {
            Command::Annual(AnnualCommand::Select {
                cycle: CycleId(1),
                activity: ActivityId(7),
                part: Part::Two,
                reason,
            })
        };
        let filled = select(Some(String::new())).with_reason("cấp bách".into());
        assert_eq!(filled, Some(select(Some("cấp bách".into()))));
    }

    #[test]
    fn a_command_without_a_reason_is_not_completed() {
        assert_eq!(
            Command::CloseCycle(CycleId(1)).with_reason("x".into()),
            None
        );
        let withdraw = Command::Conference(ConferenceCommand::Withdraw { change: 1 });
        assert_eq!(withdraw.with_reason("x".into()), None);
    }
}
