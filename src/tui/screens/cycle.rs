//! A cycle: the procedure's steps in order, each with its status, opened with Enter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::{Nav, Outcome, ViewCtx};
use crate::domain::{Commune, Cycle, CycleFacts, CycleId, Village};
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::{Input, list_cursor};
use crate::workflow::{Step, StepStatus, can_enter, missing_prerequisite, status};

/// The steps whose screens exist in this version.
pub const BUILT_STEPS: &[Step] = &Step::ALL;

/// The cycle screen's state.
pub struct CycleScreen {
    cycle: Cycle,
    village: Village,
    commune: Option<Commune>,
    facts: CycleFacts,
    selected: usize,
}

impl CycleScreen {
    /// Loads a cycle with its village and facts.
    pub fn load(store: &Store, id: CycleId) -> Result<Self, StoreError> {
        let cycle = store.cycle(id)?;
        let village = store.village(cycle.village_id)?;
        let commune = store
            .communes()?
            .into_iter()
            .find(|c| c.id == village.commune_id);
        let facts = store.cycle_facts(id)?;
        Ok(CycleScreen {
            cycle,
            village,
            commune,
            facts,
            selected: 0,
        })
    }

    /// The cycle shown.
    pub fn cycle_id(&self) -> CycleId {
        self.cycle.id
    }

    /// Re-reads the facts after a save.
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.facts = store.cycle_facts(self.cycle.id)?;
        Ok(())
    }

    fn step(&self) -> Step {
        Step::ALL
            .get(self.selected)
            .copied()
            .unwrap_or(Step::Preparation)
    }

    fn open(&self, lang: Lang) -> Outcome {
        match (self.nav(), missing_prerequisite(self.step(), &self.facts)) {
            (Ok(nav), Some(first)) => Outcome::GoHint(nav, t(lang, first.0)),
            (Ok(nav), None) => Outcome::Go(nav),
            (Err(blocker), _) => Outcome::Refuse(t(lang, blocker.0)),
        }
    }

    /// The screen of the selected step, or why it cannot open.
    fn nav(&self) -> Result<Nav, crate::workflow::Blocker> {
        can_enter(self.step(), &self.facts, BUILT_STEPS)?;
        Ok(match self.step() {
            Step::Preparation => Nav::Preparation(self.cycle.id),
            Step::Meeting1 => Nav::Meeting1(self.cycle.id),
            Step::Assessment => Nav::Assessment(self.cycle.id),
            Step::WorkingGroupMeeting => Nav::WgMeeting(self.cycle.id),
            Step::AnnualPlan => Nav::Annual(self.cycle.id),
            Step::Export => Nav::Export(self.cycle.id),
            Step::Meeting2 => Nav::Meeting2(self.cycle.id),
            Step::AfterPlan => Nav::AfterPlan(self.cycle.id, false),
        })
    }

    /// The step a step screen's `nav` shows, if it is one.
    fn step_of(nav: Nav) -> Option<Step> {
        Some(match nav {
            Nav::Preparation(_) => Step::Preparation,
            Nav::Meeting1(_) => Step::Meeting1,
            Nav::Assessment(_) => Step::Assessment,
            Nav::WgMeeting(_) => Step::WorkingGroupMeeting,
            Nav::Meeting2(_) => Step::Meeting2,
            Nav::Annual(_) => Step::AnnualPlan,
            Nav::Export(_) => Step::Export,
            Nav::AfterPlan(..) => Step::AfterPlan,
            Nav::Home
            | Nav::Cycle(_)
            | Nav::History(..)
            | Nav::Commune(..)
            | Nav::CommuneExport(..)
            | Nav::Import(..)
            | Nav::Conference(..)
            | Nav::CommuneAssign(..)
            | Nav::District(..)
            | Nav::DistrictExport(..) => return None,
        })
    }

    /// "→ what comes first" for the selected step, a line below the steps.
    fn render_prerequisite(&self, list: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let Some(first) = missing_prerequisite(self.step(), &self.facts) else {
            return;
        };
        let inner = Block::bordered().inner(list);
        let below_steps = inner.height as usize > Step::ALL.len() + 1;
        if !below_steps {
            return;
        }
        let line = Rect {
            x: inner.x + 1,
            y: inner.y + Step::ALL.len() as u16 + 1,
            width: inner.width.saturating_sub(1),
            height: 1,
        };
        let text = format!("→ {}", t(ctx.lang, first.0));
        Paragraph::new(Line::styled(text, ctx.theme.muted)).render(line, buf);
    }

    fn period_line(&self, lang: Lang) -> String {
        let key = if self.cycle.makes_medium_term_plan() {
            "cycle.period_new"
        } else {
            "cycle.period_carried"
        };
        let args = [
            self.cycle.medium_term_start.to_string(),
            self.cycle.medium_term_end().to_string(),
            self.cycle.year.to_string(),
        ];
        tf(lang, key, &args)
    }
}

fn step_item<'a>(index: usize, step: Step, st: StepStatus, ctx: ViewCtx) -> ListItem<'a> {
    let (mark, style) = match st {
        StepStatus::Done => ("✓", ctx.theme.ok),
        StepStatus::Warning => ("!", ctx.theme.warn),
        StepStatus::InProgress => ("…", ctx.theme.focus),
        StepStatus::CarriedOver => ("↷", ctx.theme.muted),
        StepStatus::NotStarted => ("·", ctx.theme.muted),
    };
    let name = t(ctx.lang, &format!("step.{}", step.code()));
    let label = unicode_pad(&format!("{}. {name}", index + 1), 50);
    ListItem::new(Line::from(vec![
        Span::raw(label),
        Span::styled(format!("{mark} {}", t(ctx.lang, st.key())), style),
    ]))
}

/// Pads `text` with spaces to `width` display columns (unicode-width, not bytes).
pub fn unicode_pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

impl super::View for CycleScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Home)
    }

    fn context(&self) -> Context {
        Context::Cycle
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        if list_cursor::step(&mut self.selected, action, Step::ALL.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Open => return self.open(ctx.lang),
            Action::Back => return Outcome::Back,
            Action::Help => return Outcome::Help,
            Action::ToggleLang => return Outcome::ToggleLang,
            _ => {}
        }
        Outcome::Stay
    }

    fn on_saved(
        &mut self,
        store: &Store,
        _result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        self.reload(store)
    }

    /// "Xã … › Thôn … › 2026".
    fn breadcrumb(&self, lang: Lang) -> String {
        let commune = self
            .commune
            .as_ref()
            .map(|c| c.short_name().to_owned())
            .unwrap_or_default();
        tf(
            lang,
            "cycle.breadcrumb",
            &[
                commune,
                self.village.name.clone(),
                self.cycle.year.to_string(),
            ],
        )
    }

    /// Help for the selected step.
    fn help_key(&self) -> String {
        format!("help.step.{}", self.step().code())
    }

    /// Draws the period line and the step list.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        let [head, list] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
        let mut lines = vec![Line::raw(self.period_line(ctx.lang))];
        if self.cycle.closed {
            lines.push(Line::styled(
                t(ctx.lang, "hist.cycle_banner"),
                ctx.theme.warn,
            ));
        }
        Paragraph::new(lines).render(head, buf);
        let items: Vec<ListItem> = Step::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| step_item(i, *s, status(*s, &self.facts), ctx))
            .collect();
        let block =
            Block::bordered().title(Line::styled(t(ctx.lang, "cycle.steps"), ctx.theme.title));
        let list_widget = List::new(items)
            .block(block)
            .highlight_style(ctx.theme.selected)
            .highlight_symbol("▶ ");
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(list_widget, list, buf, &mut state);
        self.render_prerequisite(list, buf, ctx);
    }

    fn came_back_from(&mut self, from: Nav) {
        if let Some(i) = Self::step_of(from).and_then(|s| Step::ALL.iter().position(|x| *x == s)) {
            self.selected = i;
        }
    }
}
