//! The situation assessment (medium-term step 2): choosing PRA tools, splitting the working
//! group into sub-groups, recording findings and proposed activities, and the progress
//! against the 2-day limit. F3-F7 switch sections; a progress line is always visible.
//!
//! Owns: the screen's view model ([`Data`], read from the store), its sections' state, the
//! [`AssessmentChange`] values it asks the app to save and [`apply_assessment`], which
//! saves one of them. Must not: save from rendering or hold data the store does not have.

pub mod activities;
pub mod findings;
pub mod progress;
pub mod subgroups;
pub mod tools;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Change, Outcome, ViewCtx};
use crate::domain::activity::{Activity, ActivityId, ValidActivity};
use crate::domain::pra::Catalogue;
use crate::domain::subgroup::SubGroup;
use crate::domain::{Cycle, CycleId, Person, PersonId, Village};
use crate::i18n::{Lang, t, tf};
use crate::store::{AssessmentFacts, Store, StoreError, ToolFinding};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::Input;

/// The procedure's limit for the assessment: 2 days of 8 working hours, in minutes.
pub const LIMIT_MINUTES: u32 = crate::workflow::ASSESSMENT_LIMIT_MINUTES;

/// An assessment edit the facilitator accepted, saved by [`apply_assessment`].
#[derive(Debug, Clone, PartialEq)]
pub enum AssessmentChange {
    /// Select (`on`) or unselect a PRA tool for the cycle.
    SelectTool {
        /// Cycle.
        cycle: CycleId,
        /// Tool code.
        code: String,
        /// Selected or not.
        on: bool,
    },
    /// Create a sub-group.
    CreateSubGroup {
        /// Cycle.
        cycle: CycleId,
        /// Name as typed.
        name: String,
    },
    /// Put a member in a sub-group, taking them out of the one they were in.
    MoveMember {
        /// Target sub-group.
        to: i64,
        /// Their current sub-group, if any.
        from: Option<i64>,
        /// Person.
        person: PersonId,
    },
    /// Take a member out of a sub-group.
    RemoveMember {
        /// Sub-group.
        subgroup: i64,
        /// Person.
        person: PersonId,
    },
    /// Set a sub-group's leader.
    SetLeader {
        /// Sub-group.
        subgroup: i64,
        /// Leader.
        leader: Option<PersonId>,
    },
    /// Give (`on`) or take a theme or tool from a sub-group.
    Topic {
        /// Sub-group.
        subgroup: i64,
        /// Theme or tool code.
        code: String,
        /// Whether `code` is a tool (else a theme).
        tool: bool,
        /// Assigned or not.
        on: bool,
    },
    /// Record or correct a sub-group's findings with one tool.
    SaveFinding {
        /// The finding being corrected, if any.
        existing: Option<i64>,
        /// Sub-group.
        subgroup: i64,
        /// Tool code.
        tool: String,
        /// Findings text (several lines).
        text: String,
        /// Minutes spent.
        minutes: u32,
        /// Day of the assessment (as typed).
        day: String,
    },
    /// Add a proposed activity.
    AddActivity {
        /// Cycle.
        cycle: CycleId,
        /// Validated fields.
        activity: Box<ValidActivity>,
    },
    /// Correct a proposed activity.
    UpdateActivity {
        /// Activity.
        id: ActivityId,
        /// Validated fields.
        activity: Box<ValidActivity>,
    },
    /// Rename a sub-group.
    RenameSubGroup {
        /// Sub-group.
        id: i64,
        /// New name as typed.
        name: String,
    },
    /// Delete a sub-group that has no findings or activities yet.
    DeleteSubGroup(i64),
    /// Delete a sub-group's findings with one tool.
    DeleteFinding(i64),
    /// Delete a proposed activity (its scores go with it).
    DeleteActivity(ActivityId),
}

/// A deletion waiting for the facilitator's yes: the question (i18n key and arguments)
/// and the change to save.
#[derive(Debug, Clone)]
pub struct PendingRemoval {
    /// i18n key of the question.
    pub key: &'static str,
    /// Its arguments (the item's name).
    pub args: Vec<String>,
    /// What a yes saves.
    pub change: AssessmentChange,
}

/// Saves one assessment change (each store call is its own transaction).
pub fn apply_assessment(store: &mut Store, change: AssessmentChange) -> Result<(), StoreError> {
    use AssessmentChange as C;
    match change {
        C::SelectTool { cycle, code, on } if on => store.select_tool(cycle, &code),
        C::SelectTool { cycle, code, .. } => store.unselect_tool(cycle, &code),
        C::CreateSubGroup { cycle, name } => store.create_subgroup(cycle, &name).map(drop),
        C::MoveMember { to, from, person } => {
            if let Some(from) = from.filter(|f| *f != to) {
                store.remove_subgroup_member(from, person)?;
            }
            store.add_subgroup_member(to, person)
        }
        C::RemoveMember { subgroup, person } => store.remove_subgroup_member(subgroup, person),
        C::SetLeader { subgroup, leader } => store.set_subgroup_leader(subgroup, leader),
        C::Topic {
            subgroup,
            code,
            tool,
            on,
        } => match (tool, on) {
            (true, true) => store.assign_tool(subgroup, &code),
            (true, false) => store.unassign_tool(subgroup, &code),
            (false, true) => store.assign_theme(subgroup, &code),
            (false, false) => store.unassign_theme(subgroup, &code),
        },
        C::SaveFinding {
            existing: Some(id),
            text,
            minutes,
            day,
            ..
        } => store.update_finding(id, &text, minutes, &day),
        C::SaveFinding {
            subgroup,
            tool,
            text,
            minutes,
            day,
            ..
        } => store
            .add_finding(subgroup, &tool, &text, minutes, &day)
            .map(drop),
        C::AddActivity { cycle, activity } => store.add_activity(cycle, &activity).map(drop),
        C::UpdateActivity { id, activity } => store.update_activity(id, &activity),
        C::RenameSubGroup { id, name } => store.rename_subgroup(id, &name),
        C::DeleteSubGroup(id) => store.delete_subgroup(id),
        C::DeleteFinding(id) => store.delete_finding(id),
        C::DeleteActivity(id) => store.delete_activity(id),
    }
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
        match (self.catalogue.tool(code), lang) {
            (Some(tool), Lang::Vi) => tool.name_vi.clone(),
            (Some(tool), Lang::En) => tool.name_en.clone(),
            (None, _) => code.to_string(),
        }
    }

    /// Time taken so far: the longest sub-group's total minutes.
    pub fn elapsed(&self) -> u32 {
        crate::domain::subgroup::assessment_elapsed(
            self.findings.iter().map(|f| (f.subgroup_id, f.minutes)),
        )
    }

    /// The finding of `subgroup` with `tool`, if recorded.
    pub fn finding(&self, subgroup: i64, tool: &str) -> Option<&ToolFinding> {
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
    confirm: Option<PendingRemoval>,
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
            confirm: None,
        })
    }

    /// The cycle assessed.
    pub fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Opens `section` (tests and the demo tour use it).
    pub fn show(&mut self, section: Section) {
        self.section = section;
    }

    /// Keymap context of the active section.
    pub fn context(&self) -> Context {
        if self.confirm.is_some() {
            return Context::Confirm;
        }
        match self.section {
            Section::Tools | Section::Progress => Context::Assess,
            Section::SubGroups => self.subgroups.context(),
            Section::Findings => self.findings.context(),
            Section::Activities => self.activities.context(),
        }
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        if let Some(pending) = self.confirm.take() {
            return match input {
                Input::Action(Action::Yes) => save(pending.change),
                Input::Action(Action::No) => Outcome::Stay,
                _ => {
                    self.confirm = Some(pending);
                    Outcome::Stay
                }
            };
        }
        if input == Input::Action(Action::Remove) && self.context() == Context::Assess {
            self.confirm = self.removal(ctx.lang);
            return Outcome::Stay;
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
            Section::Findings => self.findings.update(input, data, ctx.lang),
            Section::Activities => self.activities.update(input, data, ctx.lang),
            Section::Progress => progress::update(input),
        }
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

    /// Reloads after a save; editors close only when it worked.
    pub fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) {
        if let Ok(data) = Data::load(store, self.cycle.id) {
            self.data = data;
        }
        if ok {
            self.subgroups.saved();
            self.findings.saved();
            self.activities.saved();
        }
    }

    /// "Buôn … › 2026 › Đánh giá thực trạng".
    pub fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "assess.breadcrumb",
            &[self.village.name.clone(), self.cycle.year.to_string()],
        )
    }

    /// Draws the section tabs, the progress line and the active section.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
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
        if let Some(pending) = &self.confirm {
            crate::tui::widgets::popup::confirm(
                &t(ctx.lang, "confirm.title"),
                &tf(ctx.lang, pending.key, &pending.args),
                &t(ctx.lang, "confirm.yes_no"),
                &ctx.theme,
                area,
                buf,
            );
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
fn save(change: AssessmentChange) -> Outcome {
    Outcome::Save(Change::Assessment(change))
}

/// Moves `index` by `action` in a list of `len` items (Up/Down/PageUp/PageDown).
fn step_index(index: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => index.saturating_sub(1),
        Action::Down => (index + 1).min(last),
        Action::PageUp => index.saturating_sub(10),
        Action::PageDown => (index + 10).min(last),
        _ => index.min(last),
    }
}
