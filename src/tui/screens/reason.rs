//! The written-reason prompt: closing below a rule, finalising with failed checks and
//! reopening a closed record all need a reason, which is stored and exported.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Command;
use super::meeting2::Meeting2Command as M2;
use crate::domain::scoring::{Group, InputMode, Method};
use crate::domain::text::clean_name;
use crate::domain::{CommuneId, CycleId, MeetingId};
use crate::i18n::{Lang, t};
use crate::tui::theme::Theme;
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

/// What the reason is for, and so which change it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonFor {
    /// Closing a meeting below 30% women.
    CloseMeeting(MeetingId),
    /// Reopening a closed meeting.
    ReopenMeeting(MeetingId),
    /// Finalising a working group with failed checks.
    FinaliseWg(CycleId),
    /// Reopening a finalised working group.
    ReopenWg(CycleId),
    /// Changing a meeting-2 group's input mode once scoring has started.
    ChangeMode(CycleId, Group, InputMode),
    /// Changing the combination method once scoring has started.
    ChangeMethod(CycleId, Method),
    /// Approving the plan, closing meeting 2 below 30% women.
    ApproveBelow(CycleId, MeetingId),
    /// Approving the plan while activities lack a required field (and, when the flag is
    /// set, closing meeting 2 below 30% women: the same reason serves both).
    ApproveMissing(CycleId, MeetingId, bool),
    /// Reopening the approved medium-term plan.
    ReopenPlan(CycleId),
    /// Reopening a closed planning cycle.
    ReopenCycle(CycleId),
    /// Reopening the approved commune plan of a year.
    ReopenCommune(CommuneId, i32),
}

impl ReasonFor {
    fn title_key(self) -> &'static str {
        match self {
            ReasonFor::CloseMeeting(_) => "reason.close_below",
            ReasonFor::ReopenMeeting(_) => "reason.reopen_meeting",
            ReasonFor::FinaliseWg(_) => "reason.finalise_failed",
            ReasonFor::ReopenWg(_) => "reason.reopen_wg",
            ReasonFor::ChangeMode(..) | ReasonFor::ChangeMethod(..) => "m2.reason.locked",
            ReasonFor::ApproveBelow(..) => "m2.reason.approve_below",
            ReasonFor::ApproveMissing(.., false) => "m2.reason.approve_missing",
            ReasonFor::ApproveMissing(.., true) => "m2.reason.approve_missing_below",
            ReasonFor::ReopenPlan(_) => "m2.reason.reopen_plan",
            ReasonFor::ReopenCycle(_) => "hist.reason.reopen_cycle",
            ReasonFor::ReopenCommune(..) => "conference.reason.reopen",
        }
    }

    fn change(self, reason: String) -> Command {
        match self {
            ReasonFor::CloseMeeting(meeting) => Command::CloseMeeting {
                meeting,
                reason: Some(reason),
            },
            ReasonFor::ReopenMeeting(meeting) => Command::ReopenMeeting { meeting, reason },
            ReasonFor::FinaliseWg(cycle) => Command::FinaliseWg {
                cycle,
                reason: Some(reason),
            },
            ReasonFor::ReopenWg(cycle) => Command::ReopenWg { cycle, reason },
            ReasonFor::ApproveBelow(cycle, meeting) => Command::Meeting2(M2::Approve {
                cycle,
                meeting,
                reason: Some(reason),
                missing_reason: None,
            }),
            ReasonFor::ApproveMissing(cycle, meeting, below) => Command::Meeting2(M2::Approve {
                cycle,
                meeting,
                reason: below.then(|| reason.clone()),
                missing_reason: Some(reason),
            }),
            ReasonFor::ReopenPlan(cycle) => Command::Meeting2(M2::Reopen { cycle, reason }),
            ReasonFor::ReopenCycle(cycle) => Command::ReopenCycle { cycle, reason },
            ReasonFor::ReopenCommune(commune, year) => {
                Command::Conference(crate::commands::ConferenceCommand::Reopen {
                    commune,
                    year,
                    reason,
                })
            }
            ReasonFor::ChangeMode(cycle, group, mode) => Command::Meeting2(M2::Mode {
                cycle,
                group,
                mode,
                reason: Some(reason),
            }),
            ReasonFor::ChangeMethod(cycle, method) => Command::Meeting2(M2::Method {
                cycle,
                method,
                reason: Some(reason),
            }),
        }
    }

    /// The change for a meeting-2 setting purpose with an optional reason (needed once
    /// the settings are locked); `None` for purposes that always need a reason.
    pub fn setting_change(self, reason: Option<String>) -> Option<Command> {
        match self {
            ReasonFor::ChangeMode(cycle, group, mode) => Some(Command::Meeting2(M2::Mode {
                cycle,
                group,
                mode,
                reason,
            })),
            ReasonFor::ChangeMethod(cycle, method) => Some(Command::Meeting2(M2::Method {
                cycle,
                method,
                reason,
            })),
            _ => None,
        }
    }
}

/// A one-field form asking for a written reason.
pub struct ReasonPrompt {
    purpose: ReasonFor,
    form: Form,
}

impl ReasonPrompt {
    /// A prompt for `purpose`.
    pub fn new(purpose: ReasonFor, lang: Lang) -> Self {
        let form = Form::new(
            t(lang, purpose.title_key()),
            vec![Field::text(t(lang, "reason.label"), "")],
        );
        ReasonPrompt { purpose, form }
    }

    /// `Some(Ok(change))` on a valid reason, `Some(Err(()))` on cancel, `None` while typing.
    pub fn handle(&mut self, input: &Input, lang: Lang) -> Option<Result<Command, ()>> {
        match self.form.handle(input) {
            FormEvent::Editing => None,
            FormEvent::Cancel => Some(Err(())),
            FormEvent::Submit => match clean_name(&self.form.text(0)) {
                Ok(reason) => Some(Ok(self.purpose.change(reason))),
                Err(_) => {
                    self.form.show_errors(vec![(0, t(lang, "reason.required"))]);
                    None
                }
            },
        }
    }

    /// Feeds `input` to the prompt in `slot`, closing it on cancel; `None` when no prompt
    /// is open (the caller handles the input itself).
    pub fn drive(
        slot: &mut Option<ReasonPrompt>,
        input: &Input,
        lang: Lang,
    ) -> Option<super::Outcome> {
        let prompt = slot.as_mut()?;
        Some(match prompt.handle(input, lang) {
            Some(Ok(change)) => super::Outcome::Save(change),
            Some(Err(())) => {
                *slot = None;
                super::Outcome::Stay
            }
            None => super::Outcome::Stay,
        })
    }

    /// Draws the prompt as a popup.
    pub fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        self.form.render(theme, area, buf);
    }
}
