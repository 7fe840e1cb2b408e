//! Past cycles of one village: its years newest first (plans, parts, evaluation of each
//! year's activities by the next year's review, closed or open), one year's activities
//! with their evaluation, and the comparison of two years' priorities. ← → move to the
//! next village. Everything is loaded once; only closing or reopening a cycle writes.

pub mod closing;
mod view;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Nav, Outcome, ViewCtx};
use crate::domain::history::{Compared, PastYear, compare_years};
use crate::domain::{Commune, CycleId, Village, VillageId};
use crate::i18n::{Lang, t, tf};
use crate::store::{HomeEntry, Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::{Input, list_cursor};
use closing::Target;

/// What the screen shows.
#[derive(Debug, Clone, PartialEq)]
enum View {
    /// The list of years.
    Years,
    /// One year's activities (index into the years).
    Year(usize),
    /// Two years compared.
    Compare(Comparison),
}

/// Two years compared: indices of the earlier and later year, and the lines.
#[derive(Debug, Clone, PartialEq)]
struct Comparison {
    earlier: usize,
    later: usize,
    lines: Vec<Compared>,
}

/// The history screen's state.
pub struct HistoryScreen {
    village: Village,
    commune: Option<Commune>,
    /// Every village in home order, for ← →.
    villages: Vec<VillageId>,
    years: Vec<PastYear>,
    selected: usize,
    marked: Option<usize>,
    view: View,
    /// First line shown in the year and comparison lists.
    scroll: usize,
}

impl HistoryScreen {
    /// Loads a village's years, selecting `cycle`'s year when given.
    pub fn load(
        store: &Store,
        village: VillageId,
        cycle: Option<CycleId>,
    ) -> Result<Self, StoreError> {
        let village = store.village(village)?;
        let commune = store
            .communes()?
            .into_iter()
            .find(|c| c.id == village.commune_id);
        let villages = store
            .home_entries()?
            .into_iter()
            .filter_map(|e| match e {
                HomeEntry::Village(v) => Some(v.id),
                _ => None,
            })
            .collect();
        let years = store.village_history(village.id)?;
        let selected = cycle
            .and_then(|id| years.iter().position(|y| y.cycle.id == id))
            .unwrap_or(0);
        Ok(HistoryScreen {
            village,
            commune,
            villages,
            years,
            selected,
            marked: None,
            view: View::Years,
            scroll: 0,
        })
    }

    fn on_years(&mut self, action: Action, lang: Lang) -> Outcome {
        if list_cursor::step(&mut self.selected, action, self.years.len()) {
            return Outcome::Stay;
        }
        match action {
            Action::Open if !self.years.is_empty() => {
                self.scroll = 0;
                self.view = View::Year(self.selected);
            }
            Action::Toggle if !self.years.is_empty() => {
                self.marked = match self.marked {
                    Some(m) if m == self.selected => None,
                    _ => Some(self.selected),
                };
            }
            Action::Compare => return self.compare(lang),
            Action::OpenCycle => {
                if let Some(y) = self.years.get(self.selected) {
                    return Outcome::Go(Nav::Cycle(y.cycle.id));
                }
            }
            Action::Life => {
                if let Some(y) = self.years.get(self.selected) {
                    return Outcome::Go(Nav::AfterPlan(y.cycle.id, true));
                }
            }
            Action::CloseCycle => {
                if let Some(y) = self.years.get(self.selected) {
                    let target = Target {
                        cycle: y.cycle.id,
                        closed: y.cycle.closed,
                        year: y.cycle.year,
                        village: self.village.name.clone(),
                    };
                    return target.ask();
                }
            }
            Action::PrevField => return self.other_village(-1),
            Action::NextField => return self.other_village(1),
            Action::Back => return Outcome::Back,
            _ => {}
        }
        Outcome::Stay
    }

    fn on_view(&mut self, action: Action) -> Outcome {
        let len = self.view_len();
        if !list_cursor::step(&mut self.scroll, action, len) && action == Action::Back {
            self.view = View::Years;
        }
        Outcome::Stay
    }

    fn view_len(&self) -> usize {
        match &self.view {
            View::Years => self.years.len(),
            View::Year(i) => self.years.get(*i).map_or(0, |y| y.items.len()),
            View::Compare(c) => c.lines.len(),
        }
    }

    /// Compares the marked year with the selected one (unmarked: the selected year with
    /// the one before it); the earlier year is always on the left.
    fn compare(&mut self, lang: Lang) -> Outcome {
        let other = match self.marked {
            Some(m) if m == self.selected => return Outcome::Refuse(t(lang, "hist.cmp.same_year")),
            Some(m) => m,
            None if self.selected + 1 < self.years.len() => self.selected + 1,
            None => return Outcome::Refuse(t(lang, "hist.cmp.no_earlier")),
        };
        // Years are newest first: the larger index is the earlier year.
        let (earlier, later) = (self.selected.max(other), self.selected.min(other));
        let lines = compare_years(&self.years[earlier], &self.years[later]);
        self.scroll = 0;
        self.view = View::Compare(Comparison {
            earlier,
            later,
            lines,
        });
        Outcome::Stay
    }

    fn other_village(&self, step: isize) -> Outcome {
        let Some(here) = self.villages.iter().position(|v| *v == self.village.id) else {
            return Outcome::Stay;
        };
        let n = self.villages.len() as isize;
        let next = (here as isize + step).rem_euclid(n.max(1)) as usize;
        match self.villages.get(next) {
            Some(v) if *v != self.village.id => Outcome::Go(Nav::History(*v, None)),
            _ => Outcome::Stay,
        }
    }
}

impl super::View for HistoryScreen {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Home)
    }

    fn context(&self) -> Context {
        match &self.view {
            View::Years => Context::History,
            _ => Context::HistoryView,
        }
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        let Input::Action(action) = input else {
            return Outcome::Stay;
        };
        match action {
            Action::Help => Outcome::Help,
            Action::ToggleLang => Outcome::ToggleLang,
            _ if self.view == View::Years => self.on_years(action, ctx.lang),
            _ => self.on_view(action),
        }
    }

    /// Reloads the years after closing or reopening a cycle.
    fn on_saved(
        &mut self,
        store: &Store,
        _result: &Result<super::Effect, String>,
        _lang: Lang,
    ) -> Result<(), StoreError> {
        self.years = store.village_history(self.village.id)?;
        Ok(())
    }

    /// "Xã … › Buôn … › Lịch sử".
    fn breadcrumb(&self, lang: Lang) -> String {
        let commune = self
            .commune
            .as_ref()
            .map(|c| c.short_name().to_owned())
            .unwrap_or_default();
        tf(
            lang,
            "hist.breadcrumb",
            &[commune, self.village.name.clone()],
        )
    }

    fn help_key(&self) -> String {
        "help.history".into()
    }

    /// Draws the current view and any open question.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        match &self.view {
            View::Years => view::years(self, area, buf, ctx),
            View::Year(i) => view::year(self, *i, area, buf, ctx),
            View::Compare(c) => view::comparison(self, c, area, buf, ctx),
        }
    }

    /// Where to come back to: this village with the selected year.
    fn return_nav(&self) -> Option<Nav> {
        Some(Nav::History(
            self.village.id,
            self.years.get(self.selected).map(|y| y.cycle.id),
        ))
    }
}
