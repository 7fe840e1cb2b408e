//! Village meeting 2 (medium-term step 4): attendance again with the 30% check, the men's
//! and the women's group each scoring the draft's activities (vote counts or a direct
//! ranking), and the combined ranking approved as the official medium-term plan.
//! F3 attendance, F4 men, F5 women, F6 results; the women's-share meter is always shown.
//!
//! Owns: the screen's state and the [`Meeting2Command`] values it asks the app to run
//! (approving recomputes the ranking in `crate::commands::meeting2`). Must not: save from
//! rendering or compute a ranking other than `domain::scoring::combine`.

pub mod data;
pub mod group;
pub mod results;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use super::attendance::AttendancePanel;
use super::record::RecordTab;
use super::{Outcome, ViewCtx};
use crate::commands::Command;
pub use crate::commands::Meeting2Command;
use crate::domain::attendance::meets_women_threshold;
use crate::domain::scoring::{Group, InputMode, Method};
use crate::domain::{Cycle, CycleId, Meeting, MeetingKind, Village};
use crate::i18n::{Label, Lang, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::modal::{Confirm, ask_reason};
use crate::tui::screens::step::Step;
use crate::tui::widgets::{Input, meter, tabs};

/// Wraps a meeting-2 command as an outcome.
pub fn save(command: Meeting2Command) -> Outcome {
    Outcome::Save(super::Command::Meeting2(command))
}
use data::Data;
use group::GroupTab;
use results::{ResultsTab, approval_blocker};

/// The sections of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Attendance register.
    Attendance,
    /// The men's group.
    Men,
    /// The women's group.
    Women,
    /// Combined results and approval.
    Results,
    /// The meeting record (date, place, chair, times, facilitators present).
    Record,
}

const SECTIONS: [(Section, &str, &str); 5] = [
    (Section::Attendance, "F3", "m2.attendance"),
    (Section::Men, "F4", "scoring.group.men"),
    (Section::Women, "F5", "scoring.group.women"),
    (Section::Results, "F6", "m2.results"),
    (Section::Record, "F7", "m1.record"),
];

/// Village meeting 2's state.
pub struct Meeting2Screen {
    cycle: Cycle,
    village: Village,
    meeting: Meeting,
    section: Section,
    attendance: AttendancePanel,
    men: GroupTab,
    women: GroupTab,
    results: ResultsTab,
    record: RecordTab,
    data: Data,
}

impl Meeting2Screen {
    /// Loads (creating on first visit) meeting 2 of `cycle`; opens on the men's group.
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        let meeting = store
            .find_meeting(id, MeetingKind::Village2)?
            .ok_or(StoreError::NotFound)?;
        let attendance = AttendancePanel::load(store, meeting.clone(), village.id)?;
        let data = Data::load(store, id)?;
        let record = RecordTab::load(store, meeting.id, village.commune_id)?;
        Ok(Meeting2Screen {
            cycle,
            village,
            meeting,
            section: Section::Men,
            attendance,
            men: GroupTab::new(Group::Men),
            women: GroupTab::new(Group::Women),
            results: ResultsTab::default(),
            record,
            data,
        })
    }

    /// The view model (tests read the combined ranking shown).
    pub fn data(&self) -> &Data {
        &self.data
    }

    fn group_tab(&mut self) -> (&mut GroupTab, Group) {
        match self.section {
            Section::Women => (&mut self.women, Group::Women),
            _ => (&mut self.men, Group::Men),
        }
    }

    fn update_group(&mut self, input: Input) -> Outcome {
        let toggling = input == Input::Action(Action::Toggle);
        let data = &self.data;
        let (tab, group) = match self.section {
            Section::Women => (&mut self.women, Group::Women),
            _ => (&mut self.men, Group::Men),
        };
        if !toggling || tab.context() == Context::Form {
            return tab.update(input, data);
        }
        let mode = match data.group(group).mode() {
            InputMode::Votes => InputMode::Ranking,
            InputMode::Ranking => InputMode::Votes,
        };
        let cycle = self.cycle.id;
        let change = |reason| Meeting2Command::Mode {
            cycle,
            group,
            mode,
            reason,
        };
        self.change_setting(change)
    }

    fn update_results(&mut self, input: Input) -> Outcome {
        let cycle = self.cycle.id;
        match input {
            Input::Action(Action::ChooseMethod) => {
                let i = Method::ALL
                    .iter()
                    .position(|m| *m == self.data.settings.method);
                let next = Method::ALL[i.map_or(0, |i| (i + 1) % Method::ALL.len())];
                let change = |reason| Meeting2Command::Method {
                    cycle,
                    method: next,
                    reason,
                };
                self.change_setting(change)
            }
            Input::Action(Action::Finalise) => self.approve(),
            Input::Action(Action::Reopen) if self.data.settings.plan_frozen => {
                let reopen = Meeting2Command::Reopen {
                    cycle,
                    reason: String::new(),
                };
                ask_reason("m2.reason.reopen_plan", Command::Meeting2(reopen))
            }
            Input::Action(Action::Reopen) => {
                self.results.set_error(Label::key("m2.err.not_approved"));
                Outcome::Stay
            }
            other => self.results.update(&other, self.data.combined.rows.len()),
        }
    }

    /// A method or mode change (`change` given its reason): refused while frozen, a
    /// reason once locked, else saved.
    fn change_setting(&mut self, change: impl Fn(Option<String>) -> Meeting2Command) -> Outcome {
        let settings = self.data.settings;
        if settings.plan_frozen {
            let message = Label::key("m2.err.frozen");
            match self.section {
                Section::Results => self.results.set_error(message),
                _ => self.group_tab().0.set_error(message),
            }
            return Outcome::Stay;
        }
        if settings.locked {
            return ask_reason("m2.reason.locked", Command::Meeting2(change(None)));
        }
        save(change(None))
    }

    fn approve(&mut self) -> Outcome {
        if let Some(message) = approval_blocker(&self.data) {
            self.results.set_error(message);
            return Outcome::Stay;
        }
        let below = !self.meeting.is_closed() && !meets_women_threshold(self.attendance.tally());
        let missing = self.data.missing_fields > 0;
        // An empty reason slot is one the prompt fills: one reason serves both rules.
        let slot = |asked: bool| asked.then(String::new);
        let approve = Command::Meeting2(Meeting2Command::Approve {
            cycle: self.cycle.id,
            meeting: self.meeting.id,
            reason: slot(below),
            missing_reason: slot(missing),
        });
        match (missing, below) {
            (true, false) => ask_reason("m2.reason.approve_missing", approve),
            (true, true) => ask_reason("m2.reason.approve_missing_below", approve),
            (false, true) => ask_reason("m2.reason.approve_below", approve),
            // Closing meeting 1 and finalising the working group ask first: so does this.
            (false, false) => {
                Confirm::new("m2.confirm_approve", Vec::new(), Outcome::Save(approve)).ask()
            }
        }
    }
}

impl Step for Meeting2Screen {
    const HELP: &'static str = "help.step.meeting2";

    /// The cycle this meeting belongs to.
    fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Keymap context of the active section.
    fn context(&self) -> Context {
        match self.section {
            Section::Attendance => self.attendance.context(),
            Section::Men => self.men.context(),
            Section::Women => self.women.context(),
            Section::Results => Context::Results,
            Section::Record => Context::Record,
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let section = match input {
            Input::Action(Action::Section1) => Some(Section::Attendance),
            Input::Action(Action::Section2) => Some(Section::Men),
            Input::Action(Action::Section3) => Some(Section::Women),
            Input::Action(Action::Section4) => Some(Section::Results),
            Input::Action(Action::Section5 | Action::ShowRecord) => Some(Section::Record),
            _ => None,
        };
        if let Some(s) = section {
            self.section = s;
            return Outcome::Stay;
        }
        let lang = ctx.lang;
        match self.section {
            Section::Attendance => self.attendance.update(input, lang),
            Section::Men | Section::Women => self.update_group(input),
            Section::Results => self.update_results(input),
            Section::Record => self.record.update(input),
        }
    }

    /// Reloads after a save.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        self.meeting = store
            .find_meeting(self.cycle.id, MeetingKind::Village2)?
            .ok_or(StoreError::NotFound)?;
        self.data = Data::load(store, self.cycle.id)?;
        let rows = self.data.rows.len();
        match self.section {
            Section::Attendance => self.attendance.on_saved(store, ok, true)?,
            Section::Men => self.men.on_saved(ok, rows),
            Section::Women => self.women.on_saved(ok, rows),
            Section::Results => self.results.on_saved(ok),
            Section::Record => {}
        }
        if self.section != Section::Attendance {
            self.attendance.reload(store)?;
        }
        Ok(())
    }

    /// "Buôn … › 2026 › Họp dân lần 2".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "m2.breadcrumb",
            &[self.village.name.clone(), self.cycle.year.to_string()],
        )
    }

    /// Draws section tabs, the meter and the active section.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tabs_area, gauge, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let labels: Vec<(&str, &str)> = SECTIONS.iter().map(|(_, k, l)| (*k, *l)).collect();
        let active = SECTIONS.iter().position(|(s, _, _)| *s == self.section);
        tabs::render(
            &labels,
            active.unwrap_or(0),
            ctx.lang,
            &ctx.theme,
            tabs_area,
            buf,
        );
        meter::render(self.attendance.tally(), ctx.lang, &ctx.theme, gauge, buf);
        match self.section {
            Section::Attendance => self.attendance.render(body, buf, ctx),
            Section::Men => self.men.render(&self.data, body, buf, ctx),
            Section::Women => self.women.render(&self.data, body, buf, ctx),
            Section::Results => self.results.render(&self.data, body, buf, ctx),
            Section::Record => self.record.render(body, buf, ctx),
        }
    }

    fn live(&self, action: Action) -> bool {
        match self.section {
            Section::Attendance => self.attendance.live(action),
            Section::Results => results::live(&self.data, action),
            _ => true,
        }
    }

    fn blocked(&self, action: Action) -> Option<&'static str> {
        match self.section {
            Section::Attendance => self.attendance.blocked(action),
            Section::Results => results::blocked(&self.data, action),
            _ => None,
        }
    }
}
