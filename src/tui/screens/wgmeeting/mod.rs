//! The working-group meeting (medium-term step 3): sub-group reports in turn, merging
//! duplicate activities, matrix scoring on the five criteria, and the ranked draft plan
//! (form 3). The women's-proposal criterion comes prefilled from each activity's
//! "proposed by women" flag (the commands fill it when an activity is added; editable).

pub(crate) mod draft;
mod reports;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};

use super::{Command, Outcome, ViewCtx};
pub use crate::commands::ScoringCommand;
use crate::domain::activity::Activity;
use crate::domain::scoring::{MatrixRow, RankedRow, Scale, rank_matrix};
use crate::domain::subgroup::SubGroup;
use crate::domain::{CycleId, Village};
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError, ToolFinding};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::step::Step;
use crate::tui::widgets::form::{Field, Form, FormEvent};
use crate::tui::widgets::score_table::{self, MatrixCursor, ScoreEvent};
use crate::tui::widgets::{Input, list_cursor, tabs};

/// The screen's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Reports,
    Matrix,
    Draft,
}

const TABS: [(&str, &str); 3] = [
    ("F3", "wgm.tab.reports"),
    ("F4", "wgm.tab.matrix"),
    ("F5", "wgm.tab.draft"),
];

/// The working-group meeting's state.
pub struct WgMeetingScreen {
    cycle: CycleId,
    village: Village,
    year: i32,
    subgroups: Vec<SubGroup>,
    findings: Vec<ToolFinding>,
    activities: Vec<Activity>,
    rows: Vec<MatrixRow>,
    ranked: Vec<RankedRow>,
    scale: Scale,
    section: Section,
    presenting: usize,
    selected: usize,
    marked: Option<usize>,
    cursor: MatrixCursor,
    scale_form: Option<Form>,
}

impl WgMeetingScreen {
    /// Loads the step (reads only).
    pub fn load(store: &Store, cycle: CycleId) -> Result<Self, StoreError> {
        let c = store.cycle(cycle)?;
        let mut screen = WgMeetingScreen {
            cycle,
            village: store.village(c.village_id)?,
            year: c.year,
            subgroups: Vec::new(),
            findings: Vec::new(),
            activities: Vec::new(),
            rows: Vec::new(),
            ranked: Vec::new(),
            scale: Scale::default(),
            section: Section::Matrix,
            presenting: 0,
            selected: 0,
            marked: None,
            cursor: MatrixCursor::default(),
            scale_form: None,
        };
        screen.reload(store)?;
        Ok(screen)
    }

    fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.subgroups = store.subgroups(self.cycle)?;
        self.findings = store.findings(self.cycle)?;
        self.activities = store.activities(self.cycle)?;
        self.rows = store.matrix_rows(self.cycle)?;
        self.ranked = rank_matrix(&self.rows);
        self.scale = store.scoring_settings(self.cycle)?.scale;
        self.cursor.clamp(self.activities.len());
        self.selected = list_cursor::clamp(self.selected, self.activities.len());
        Ok(())
    }

    fn section_input(&mut self, input: Input, lang: Lang) -> Outcome {
        match self.section {
            Section::Matrix => self.score_event(input, lang),
            Section::Reports => self.reports_input(input, lang),
            Section::Draft => self.list_input(input),
        }
    }

    fn score_event(&mut self, input: Input, lang: Lang) -> Outcome {
        match self
            .cursor
            .update(input, self.activities.len(), self.scale, lang)
        {
            ScoreEvent::None => Outcome::Stay,
            ScoreEvent::Back => Outcome::Back,
            ScoreEvent::Help => Outcome::Help,
            ScoreEvent::Say(text) => Outcome::Refuse(text),
            ScoreEvent::Set {
                row,
                criterion,
                score,
            } => match self.activities.get(row) {
                Some(a) => Outcome::Save(Command::Scoring(ScoringCommand::Score {
                    activity: a.id,
                    criterion,
                    score,
                })),
                None => Outcome::Stay,
            },
        }
    }

    fn list_input(&mut self, input: Input) -> Outcome {
        match input {
            Input::Action(Action::Back) => Outcome::Back,
            Input::Action(Action::Help) => Outcome::Help,
            Input::Action(action) => {
                list_cursor::step(&mut self.selected, action, self.activities.len());
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn reports_input(&mut self, input: Input, lang: Lang) -> Outcome {
        let groups = self.subgroups.len().max(1);
        match input {
            Input::Action(Action::NextField) => self.presenting = (self.presenting + 1) % groups,
            Input::Action(Action::PrevField) => {
                self.presenting = (self.presenting + groups - 1) % groups
            }
            Input::Action(Action::Toggle) => return self.mark_or_merge(lang),
            other => return self.list_input(other),
        }
        Outcome::Stay
    }

    fn mark_or_merge(&mut self, lang: Lang) -> Outcome {
        let Some(here) = self.activities.get(self.selected).map(|a| a.id) else {
            return Outcome::Stay;
        };
        match self
            .marked
            .and_then(|m| self.activities.get(m).map(|a| (m, a.id)))
        {
            Some((m, _)) if m == self.selected => self.marked = None,
            Some((_, duplicate)) => {
                return Outcome::Save(Command::Scoring(ScoringCommand::Merge {
                    keep: here,
                    duplicate,
                }));
            }
            None => {
                self.marked = Some(self.selected);
                return Outcome::Hint(t(lang, "wgm.marked"));
            }
        }
        Outcome::Stay
    }
}

fn scale_form(scale: Scale) -> Form {
    Form::new(
        "wgm.scale_title",
        vec![
            Field::text("wgm.scale_min", &scale.min.to_string()),
            Field::text("wgm.scale_max", &scale.max.to_string()),
            Field::text("reason.label", ""),
        ],
    )
}

/// `None` when the form is cancelled; otherwise what to do.
fn scale_form_event(form: &mut Form, input: &Input, cycle: CycleId) -> Option<Outcome> {
    match form.handle(input) {
        FormEvent::Editing => Some(Outcome::Stay),
        FormEvent::Cancel => None,
        FormEvent::Submit => {
            let parse = |i: usize| form.text(i).trim().parse::<u8>().ok();
            let scale = parse(0)
                .zip(parse(1))
                .and_then(|(a, b)| Scale::new(a, b).ok());
            let reason = Some(form.text(2).trim().to_string()).filter(|r| !r.is_empty());
            Some(match scale {
                Some(scale) => Outcome::Save(Command::Scoring(ScoringCommand::Scale {
                    cycle,
                    scale,
                    reason,
                })),
                None => {
                    form.show_errors([(0, "wgm.err.scale")]);
                    Outcome::Stay
                }
            })
        }
    }
}

impl Step for WgMeetingScreen {
    const HELP: &'static str = "help.step.wg_meeting";

    /// The cycle.
    fn cycle_id(&self) -> CycleId {
        self.cycle
    }

    /// Keymap context of the active section.
    fn context(&self) -> Context {
        match (self.scale_form.is_some(), self.section) {
            (true, _) => Context::Form,
            (false, Section::Reports) => Context::WgReports,
            (false, Section::Matrix) => Context::WgMatrix,
            (false, Section::Draft) => Context::WgDraft,
        }
    }

    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let lang = ctx.lang;
        if let Some(form) = &mut self.scale_form {
            return scale_form_event(form, &input, self.cycle).unwrap_or_else(|| {
                self.scale_form = None;
                Outcome::Stay
            });
        }
        match input {
            Input::Action(Action::Section1) => self.section = Section::Reports,
            Input::Action(Action::Section2) => self.section = Section::Matrix,
            Input::Action(Action::Section3) => self.section = Section::Draft,
            Input::Action(Action::EditScale) => self.scale_form = Some(scale_form(self.scale)),
            Input::Action(Action::ToggleView) => self.section = Section::Draft,
            other => return self.section_input(other, lang),
        }
        Outcome::Stay
    }

    /// Reloads after a save; closes the scale form when it was saved.
    fn on_saved(&mut self, store: &Store, ok: bool, _lang: Lang) -> Result<(), StoreError> {
        if ok {
            self.scale_form = None;
            self.marked = None;
        }
        self.reload(store)
    }

    /// "Buôn Kram › 2026 › Họp tổ công tác".
    fn breadcrumb(&self, lang: Lang) -> String {
        tf(
            lang,
            "wgm.breadcrumb",
            &[self.village.name.clone(), self.year.to_string()],
        )
    }

    /// Draws the tabs and the active section.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [tab_area, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let active = [Section::Reports, Section::Matrix, Section::Draft]
            .iter()
            .position(|s| *s == self.section)
            .unwrap_or(0);
        tabs::render(&TABS, active, ctx.lang, &ctx.theme, tab_area, buf);
        match self.section {
            Section::Matrix => {
                let names: Vec<(i64, String)> = self
                    .activities
                    .iter()
                    .map(|a| (a.id.0, a.fields.name.clone()))
                    .collect();
                let view = score_table::ScoreTable {
                    cursor: &self.cursor,
                    names: &names,
                    rows: &self.rows,
                    ranked: &self.ranked,
                    scale: self.scale,
                };
                score_table::render(&view, ctx.lang, &ctx.theme, body, buf)
            }
            Section::Draft => draft::render(
                &tf(
                    ctx.lang,
                    "wgm.draft_title",
                    &[self.activities.len().to_string()],
                ),
                &self.activities,
                &self.ranked,
                self.selected,
                body,
                buf,
                ctx,
            ),
            Section::Reports => reports::ReportView {
                subgroups: &self.subgroups,
                current: self.presenting,
                findings: &self.findings,
                activities: &self.activities,
                selected: self.selected,
                marked: self.marked,
            }
            .render(body, buf, ctx),
        }
        if let Some(form) = &self.scale_form {
            form.render(ctx.lang, &ctx.theme, area, buf);
        }
    }
}
