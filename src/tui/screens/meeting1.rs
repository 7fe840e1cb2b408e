//! Village meeting 1: the record, attendance with the live tally, and the working-group
//! election. F3 / F4 / F5 switch sections; the women's-share meter is always visible.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use super::attendance::AttendancePanel;
use super::record::RecordTab;
use super::step::Step;
use super::workgroup::WorkGroupTab;
use super::{Outcome, ViewCtx};
use crate::domain::{Cycle, CycleId, MeetingKind, Village};
use crate::i18n::{Lang, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::{Input, meter, tabs};

/// The three sections of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The meeting record.
    Record,
    /// Attendance register.
    Attendance,
    /// Working-group election.
    WorkGroup,
}

const SECTIONS: [(Section, &str, &str); 3] = [
    (Section::Record, "F3", "m1.record"),
    (Section::Attendance, "F4", "m1.attendance"),
    (Section::WorkGroup, "F5", "m1.workgroup"),
];

/// Village meeting 1's state: one component per section.
pub struct Meeting1Screen {
    cycle: Cycle,
    village: Village,
    section: Section,
    record: RecordTab,
    attendance: AttendancePanel,
    workgroup: WorkGroupTab,
}

impl Meeting1Screen {
    /// Loads (creating on first visit) meeting 1 of `cycle`.
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        let meeting = store
            .find_meeting(id, MeetingKind::Village1)?
            .ok_or(StoreError::NotFound)?;
        let details = store.meeting_details(meeting.id)?;
        let team = store.facilitators(village.commune_id)?;
        let present = store.meeting_facilitators(meeting.id)?;
        let record = RecordTab::new(meeting.id, &details, team, &present);
        let workgroup = WorkGroupTab::load(store, id, details.chair.clone())?;
        let attendance = AttendancePanel::load(store, meeting, village.id)?;
        Ok(Meeting1Screen {
            cycle,
            village,
            section: Section::Attendance,
            record,
            attendance,
            workgroup,
        })
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let tabs: Vec<(&str, &str)> = SECTIONS
            .iter()
            .map(|(_, key, label)| (*key, *label))
            .collect();
        let active = SECTIONS
            .iter()
            .position(|(s, _, _)| *s == self.section)
            .unwrap_or(0);
        tabs::render(&tabs, active, ctx.lang, &ctx.theme, area, buf);
    }
}

impl Step for Meeting1Screen {
    const HELP: &'static str = "help.step.meeting1";

    /// The cycle this meeting belongs to.
    fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Keymap context of the active section.
    fn context(&self) -> Context {
        match self.section {
            Section::Record => Context::Record,
            Section::Attendance => self.attendance.context(),
            Section::WorkGroup => self.workgroup.context(),
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let section = match input {
            Input::Action(Action::Section1 | Action::ShowRecord) => Some(Section::Record),
            Input::Action(Action::Section2) => Some(Section::Attendance),
            Input::Action(Action::Section3) => Some(Section::WorkGroup),
            _ => None,
        };
        if let Some(s) = section {
            self.section = s;
            return Outcome::Stay;
        }
        match self.section {
            Section::Record => self.record.update(input),
            Section::Attendance => self.attendance.update(input, ctx.lang),
            Section::WorkGroup => {
                self.workgroup
                    .update(input, self.attendance.attendees(), ctx.lang)
            }
        }
    }

    /// Reloads after a save.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        self.attendance
            .on_saved(store, ok, self.section == Section::Attendance)?;
        if let Some(meeting) = store.find_meeting(self.cycle.id, MeetingKind::Village1)? {
            self.workgroup
                .set_chair(store.meeting_details(meeting.id)?.chair);
        }
        self.workgroup.reload(store, ok)
    }

    /// "Xã … › Buôn … › 2026 › Họp thôn, buôn lần 1".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "m1.breadcrumb",
            &[self.village.name.clone(), self.cycle.year.to_string()],
        )
    }

    /// Draws section tabs, the meter and the active section.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tabs, gauge, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        self.render_tabs(tabs, buf, ctx);
        meter::render(self.attendance.tally(), ctx.lang, &ctx.theme, gauge, buf);
        match self.section {
            Section::Record => self.record.render(body, buf, ctx),
            Section::Attendance => self.attendance.render(body, buf, ctx),
            Section::WorkGroup => {
                self.workgroup
                    .render(self.attendance.attendees(), body, buf, ctx)
            }
        }
    }

    fn live(&self, action: Action) -> bool {
        match self.section {
            Section::Attendance => self.attendance.live(action),
            Section::WorkGroup => self.workgroup.live(action),
            Section::Record => true,
        }
    }

    fn blocked(&self, action: Action) -> Option<&'static str> {
        match self.section {
            Section::Attendance => self.attendance.blocked(action),
            Section::WorkGroup => self.workgroup.blocked(action),
            Section::Record => None,
        }
    }
}
