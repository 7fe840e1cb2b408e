//! The situation assessment (medium-term step 2): choosing PRA tools, splitting the working
//! group into sub-groups, recording findings and proposed activities, and the progress
//! against the 2-day limit. F3-F7 switch sections; a progress line is always visible.
//!
//! Owns: the screen's view model ([`Data`], read from the store), its sections' state, the
//! [`AssessmentCommand`] values it asks the app to run (`crate::commands`). Must not: save
//! from rendering or hold data the store does not have.

pub mod activities;
pub mod findings;
pub mod progress;
pub mod subgroups;
pub mod tools;

use crate::tui::modal::Confirm;
use crate::tui::screens::step::Step;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Command, Outcome, ViewCtx};
pub use crate::commands::AssessmentCommand;
use crate::domain::activity::Activity;
use crate::domain::pra::Catalogue;
use crate::domain::subgroup::{SubGroup, SubGroupId};
use crate::domain::{Cycle, CycleId, Person, PersonId, Village};
use crate::i18n::{Label, Lang, t, tf};
use crate::store::{AssessmentFacts, Store, StoreError, ToolFinding};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::{Input, list_cursor};

/// The procedure's limit for the assessment: 2 days of 8 working hours, in minutes.
pub const LIMIT_MINUTES: u32 = crate::workflow::ASSESSMENT_LIMIT_MINUTES;

/// A deletion waiting for the facilitator's yes: the question (i18n key and arguments)
/// and the change to save.
#[derive(Debug, Clone)]
pub struct PendingRemoval {
    /// i18n key of the question.
    pub key: &'static str,
    /// Its arguments (the item's name).
    pub args: Vec<String>,
    /// What a yes saves.
    pub change: AssessmentCommand,
}

/// What the sections show, read from the store in one go.
pub struct Data {
    /// Cycle.
    pub cycle: CycleId,
    /// The PRA toolkit.
    pub catalogue: Catalogue,
    /// Codes of the tools selected for the cycle.
    pub selected: Vec<String>,
    /// Working-group members.
    pub members: Vec<Person>,
    /// Sub-groups.
    pub subgroups: Vec<SubGroup>,
    /// Findings of all sub-groups.
    pub findings: Vec<ToolFinding>,
    /// Proposed activities.
    pub activities: Vec<Activity>,
    /// Counts for the progress line.
    pub facts: AssessmentFacts,
}

impl Data {
    /// Reads everything the screen shows about `cycle`.
    pub fn load(store: &Store, cycle: CycleId) -> Result<Self, StoreError> {
        let catalogue = Catalogue::shared()
            .cloned()
            .ok_or(StoreError::Refused("assess.err.catalogue"))?;
        Ok(Data {
            cycle,
            catalogue,
            selected: store.selected_tools(cycle)?,
            members: store.working_group(cycle)?.members,
            subgroups: store.subgroups(cycle)?,
            findings: store.findings(cycle)?,
            activities: store.activities(cycle)?,
            facts: store.assessment_facts(cycle)?,
        })
    }

    /// The sub-group `person` is in, if any.
    pub fn group_of(&self, person: PersonId) -> Option<&SubGroup> {
        self.subgroups.iter().find(|g| g.has_member(person))
    }

    /// A person's name (empty when unknown).
    pub fn name(&self, person: PersonId) -> String {
        self.members
            .iter()
            .find(|p| p.id == person)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    }

    /// The tool's name in `lang` (the code when unknown).
    pub fn tool_name(&self, code: &str, lang: Lang) -> String {
        self.tool_label(code).tr(lang)
    }

    /// The tool's name in both languages (its code when the catalogue lacks it).
    pub fn tool_label(&self, code: &str) -> Label {
        match self.catalogue.tool(code) {
            Some(tool) => Label::Both {
                vi: tool.name_vi.clone(),
                en: tool.name_en.clone(),
            },
            None => Label::text(code),
        }
    }

    /// Time taken so far: the longest sub-group's total minutes.
    pub fn elapsed(&self) -> u32 {
        crate::domain::subgroup::assessment_elapsed(
            self.findings.iter().map(|f| (f.subgroup_id, f.minutes)),
        )
    }

    /// The finding of `subgroup` with `tool`, if recorded.
    pub fn finding(&self, subgroup: SubGroupId, tool: &str) -> Option<&ToolFinding> {
        self.findings
            .iter()
            .find(|f| f.subgroup_id == subgroup && f.tool_code == tool)
    }
}

/// The sections of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The PRA tool catalogue and selection.
    Tools,
    /// Sub-groups, members, leaders, topics.
    SubGroups,
    /// Findings per sub-group and tool.
    Findings,
    /// Proposed activities.
    Activities,
    /// Progress against the 2-day limit.
    Progress,
}

const SECTIONS: [(Section, &str, &str); 5] = [
    (Section::Tools, "F3", "assess.tab.tools"),
    (Section::SubGroups, "F4", "assess.tab.subgroups"),
    (Section::Findings, "F5", "assess.tab.findings"),
    (Section::Activities, "F6", "assess.tab.activities"),
    (Section::Progress, "F7", "assess.tab.progress"),
];

/// The assessment screen's state.
pub struct AssessmentScreen {
    cycle: Cycle,
    village: Village,
    data: Data,
    section: Section,
    tools: tools::ToolsTab,
    subgroups: subgroups::SubGroupsTab,
    findings: findings::FindingsTab,
    activities: activities::ActivitiesTab,
}

impl AssessmentScreen {
    /// Loads the assessment of `id`, opening on the tool catalogue.
    pub fn load(store: &Store, id: CycleId, _lang: Lang) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        Ok(AssessmentScreen {
            cycle,
            village,
            data: Data::load(store, id)?,
            section: Section::Tools,
            tools: tools::ToolsTab::default(),
            subgroups: subgroups::SubGroupsTab::default(),
            findings: findings::FindingsTab::default(),
            activities: activities::ActivitiesTab::default(),
        })
    }

    /// Opens `section` (tests and the demo tour use it).
    pub fn show(&mut self, section: Section) {
        self.section = section;
    }

    /// Whether a section's list has the keys (no form or editor open).
    fn on_list(&self) -> bool {
        matches!(self.context(), Context::Assess | Context::AssessGroups)
    }

    /// The deletion `x` asks about in the active section, if something is selected.
    fn removal(&self, lang: Lang) -> Option<PendingRemoval> {
        let data = &self.data;
        match self.section {
            Section::SubGroups => self.subgroups.removal(data),
            Section::Findings => self.findings.removal(data, lang),
            Section::Activities => self.activities.removal(data),
            Section::Tools | Section::Progress => None,
        }
    }

    fn render_tabs(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let spans: Vec<Span> = SECTIONS
            .iter()
            .flat_map(|(s, key, label)| {
                let style = if *s == self.section {
                    ctx.theme.selected
                } else {
                    ctx.theme.muted
                };
                [
                    Span::styled(format!("{key} {}", t(ctx.lang, label)), style),
                    Span::raw(" "),
                ]
            })
            .collect();
        Line::from(spans).render(area, buf);
    }
}

/// Wraps an assessment change for the app.
fn save(change: AssessmentCommand) -> Outcome {
    Outcome::Save(Command::Assessment(change))
}

/// `index` moved by a movement `action` in a list of `len` items; any other action only
/// keeps it inside the list.
fn step_index(mut index: usize, len: usize, action: Action) -> usize {
    if !list_cursor::step(&mut index, action, len) {
        index = list_cursor::clamp(index, len);
    }
    index
}

impl Step for AssessmentScreen {
    const HELP: &'static str = "help.step.assessment";

    /// The cycle assessed.
    fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Keymap context of the active section.
    fn context(&self) -> Context {
        match self.section {
            Section::Tools | Section::Progress => Context::Assess,
            Section::SubGroups => self.subgroups.context(),
            Section::Findings => self.findings.context(),
            Section::Activities => self.activities.context(),
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if input == Input::Action(Action::Remove) && self.on_list() {
            return self.removal(ctx.lang).map_or(Outcome::Stay, |pending| {
                Confirm::new(pending.key, pending.args, save(pending.change)).ask()
            });
        }
        let section = match input {
            Input::Action(Action::Section1) => Some(Section::Tools),
            Input::Action(Action::Section2) => Some(Section::SubGroups),
            Input::Action(Action::Section3) => Some(Section::Findings),
            Input::Action(Action::Section4) => Some(Section::Activities),
            Input::Action(Action::Section5) => Some(Section::Progress),
            _ => None,
        };
        if let Some(s) = section {
            self.section = s;
            return Outcome::Stay;
        }
        let data = &self.data;
        match self.section {
            Section::Tools => self.tools.update(input, data),
            Section::SubGroups => self.subgroups.update(input, data, ctx.lang),
            Section::Findings => self.findings.update(input, data),
            Section::Activities => self.activities.update(input, data),
            Section::Progress => progress::update(input),
        }
    }

    /// Reloads after a save; editors close only when it worked.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        if ok {
            self.subgroups.saved();
            self.findings.saved();
            self.activities.saved();
        }
        self.data = Data::load(store, self.cycle.id)?;
        Ok(())
    }

    /// "Buôn … › 2026 › Đánh giá thực trạng".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "assess.breadcrumb",
            &[self.village.name.clone(), self.cycle.year.to_string()],
        )
    }

    /// Draws the section tabs, the progress line and the active section.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tabs, line, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        self.render_tabs(tabs, buf, ctx);
        progress::render_line(&self.data, ctx, line, buf);
        let data = &self.data;
        match self.section {
            Section::Tools => self.tools.render(data, body, buf, ctx),
            Section::SubGroups => self.subgroups.render(data, body, buf, ctx),
            Section::Findings => self.findings.render(data, body, buf, ctx),
            Section::Activities => self.activities.render(data, area, body, buf, ctx),
            Section::Progress => progress::render(data, body, buf, ctx),
        }
    }

    /// Whether `action` would be taken in the section's list now: `x` only when there is
    /// something to delete, `a` where something can be added, Space where it selects or
    /// assigns, Tab where there are panes (the tool list and the progress have neither).
    fn live(&self, action: Action) -> bool {
        if !self.on_list() {
            return true;
        }
        let section = self.section;
        match action {
            Action::Remove => self.removal(Lang::Vi).is_some(),
            Action::Add => !matches!(section, Section::Tools | Section::Progress),
            Action::Toggle => match section {
                Section::Tools => true,
                Section::SubGroups => !self.subgroups.on_groups(),
                _ => false,
            },
            Action::NextField | Action::PrevField => section == Section::SubGroups,
            Action::Open => match section {
                Section::SubGroups => self.subgroups.on_groups(),
                _ => section != Section::Progress,
            },
            _ => true,
        }
    }
}
