//! One module per screen. A screen loads its view model from the store (reads only),
//! turns inputs into an [`Outcome`], and renders from its state. Writes go back to the
//! app as [`Command`] values; the app runs them (`commands::execute`) and tells the
//! screen how it went. No screen calls a store write function (`tests/layering.rs`).

pub mod annual;
pub mod assessment;
pub mod attendance;
pub mod cycle;
pub mod delete_village;
pub mod export;
pub mod history;
pub mod home;
pub mod meeting1;
pub mod meeting2;
pub mod preparation;
pub mod reason;
pub mod record;
pub mod wgmeeting;
pub mod workgroup;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub use crate::commands::{Command, Effect};
use crate::domain::{CycleId, VillageId};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::tui::keymap::Context;
use crate::tui::theme::Theme;
use crate::tui::widgets::Input;

/// What rendering needs besides the screen's own state.
#[derive(Debug, Clone, Copy)]
pub struct ViewCtx {
    /// Interface language.
    pub lang: Lang,
    /// Styles.
    pub theme: Theme,
}

/// Where to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The home screen.
    Home,
    /// A cycle's step list.
    Cycle(CycleId),
    /// Village meeting 1 of a cycle.
    Meeting1(CycleId),
    /// Preparation of a cycle's village.
    Preparation(CycleId),
    /// The situation assessment of a cycle.
    Assessment(CycleId),
    /// Village meeting 2 of a cycle.
    Meeting2(CycleId),
    /// The working-group meeting of a cycle.
    WgMeeting(CycleId),
    /// The annual plan of a cycle.
    Annual(CycleId),
    /// Exporting a cycle's plan.
    Export(CycleId),
    /// A village's past cycles, selecting a cycle's year when given.
    History(VillageId, Option<CycleId>),
}

/// What a screen asks the app to do after an input.
#[derive(Debug, Clone, PartialEq)]
// One Outcome exists per keystroke and is consumed at once, so its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Outcome {
    /// Nothing more; redraw.
    Stay,
    /// Run this command, then call the screen's `on_saved`.
    Save(Command),
    /// Write the plan's files (not a database change), then call `on_export`.
    Export(crate::deliver::ExportRequest),
    /// Open another screen.
    Go(Nav),
    /// Go back one screen.
    Back,
    /// Open the help overlay.
    Help,
    /// Switch language.
    ToggleLang,
    /// Leave kehoach.
    Quit,
    /// Show a (translated) message in the status line.
    Say(String),
}

/// The screen currently shown.
pub enum Screen {
    /// Communes, villages and cycles.
    Home(home::HomeScreen),
    /// One cycle's steps.
    Cycle(cycle::CycleScreen),
    /// Village meeting 1.
    Meeting1(Box<meeting1::Meeting1Screen>),
    /// Preparation.
    Preparation(preparation::PreparationScreen),
    /// Situation assessment.
    Assessment(Box<assessment::AssessmentScreen>),
    /// Village meeting 2.
    Meeting2(Box<meeting2::Meeting2Screen>),
    /// Working-group meeting.
    WgMeeting(Box<wgmeeting::WgMeetingScreen>),
    /// Annual plan.
    Annual(Box<annual::AnnualScreen>),
    /// Export.
    Export(Box<export::ExportScreen>),
    /// A village's past cycles.
    History(Box<history::HistoryScreen>),
}

impl Screen {
    /// Loads the screen for `nav`.
    pub fn load(nav: Nav, store: &Store, lang: Lang) -> Result<Screen, StoreError> {
        Ok(match nav {
            Nav::Home => Screen::Home(home::HomeScreen::load(store)?),
            Nav::Cycle(id) => Screen::Cycle(cycle::CycleScreen::load(store, id)?),
            Nav::Meeting1(id) => {
                Screen::Meeting1(Box::new(meeting1::Meeting1Screen::load(store, id, lang)?))
            }
            Nav::Preparation(id) => {
                Screen::Preparation(preparation::PreparationScreen::load(store, id)?)
            }
            Nav::Export(id) => {
                Screen::Export(Box::new(export::ExportScreen::load(store, id, lang)?))
            }
            Nav::Annual(id) => {
                Screen::Annual(Box::new(annual::AnnualScreen::load(store, id, lang)?))
            }
            Nav::WgMeeting(id) => {
                Screen::WgMeeting(Box::new(wgmeeting::WgMeetingScreen::load(store, id)?))
            }
            Nav::Assessment(id) => Screen::Assessment(Box::new(
                assessment::AssessmentScreen::load(store, id, lang)?,
            )),
            Nav::Meeting2(id) => {
                Screen::Meeting2(Box::new(meeting2::Meeting2Screen::load(store, id, lang)?))
            }
            Nav::History(village, cycle) => Screen::History(Box::new(
                history::HistoryScreen::load(store, village, cycle)?,
            )),
        })
    }

    /// Where "back" leads from here (`None` at home).
    pub fn parent(&self) -> Option<Nav> {
        match self {
            Screen::Home(_) => None,
            Screen::Cycle(_) | Screen::History(_) => Some(Nav::Home),
            Screen::Meeting1(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::Preparation(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::Assessment(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::Meeting2(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::WgMeeting(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::Annual(s) => Some(Nav::Cycle(s.cycle_id())),
            Screen::Export(s) => Some(Nav::Cycle(s.cycle_id())),
        }
    }

    /// The keymap context in force.
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(s) => s.context(),
            Screen::Cycle(_) => Context::Cycle,
            Screen::Meeting1(s) => s.context(),
            Screen::Preparation(s) => s.context(),
            Screen::Assessment(s) => s.context(),
            Screen::Meeting2(s) => s.context(),
            Screen::WgMeeting(s) => s.context(),
            Screen::Annual(s) => s.context(),
            Screen::Export(s) => s.context(),
            Screen::History(s) => s.context(),
        }
    }

    /// The cycle whose records this screen shows (a step screen's or the cycle screen's).
    pub fn cycle_id(&self) -> Option<CycleId> {
        match self {
            Screen::Cycle(s) => Some(s.cycle_id()),
            other => match other.parent() {
                Some(Nav::Cycle(id)) => Some(id),
                _ => None,
            },
        }
    }

    /// Whether an unsaved edit is open (quitting asks first).
    pub fn has_open_edit(&self) -> bool {
        matches!(
            self.context(),
            Context::Form | Context::QuickAdd | Context::Record | Context::TextArea
        )
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        match self {
            Screen::Home(s) => s.update(input, ctx),
            Screen::Cycle(s) => s.update(input, ctx),
            Screen::Meeting1(s) => s.update(input, ctx),
            Screen::Preparation(s) => s.update(input, ctx),
            Screen::Assessment(s) => s.update(input, ctx),
            Screen::Meeting2(s) => s.update(input, ctx),
            Screen::WgMeeting(s) => s.update(input, ctx),
            Screen::Annual(s) => s.update(input, ctx),
            Screen::Export(s) => s.update(input, ctx.lang),
            Screen::History(s) => s.update(input, ctx),
        }
    }

    /// Tells the screen how saving went, so it reloads or shows the error.
    /// A failed reload is returned, so the app shows it instead of stale data.
    pub fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<Effect, String>,
        lang: Lang,
    ) -> Result<(), StoreError> {
        match self {
            Screen::Home(s) => s.on_saved(store, result),
            Screen::Cycle(s) => s.reload(store),
            Screen::Meeting1(s) => s.on_saved(store, result.is_ok(), lang),
            Screen::Preparation(s) => s.on_saved(store, result.is_ok()),
            Screen::Assessment(s) => s.on_saved(store, result.is_ok(), lang),
            Screen::Meeting2(s) => s.on_saved(store, result.is_ok(), lang),
            Screen::WgMeeting(s) => s.on_saved(store, result.is_ok()),
            Screen::Annual(s) => s.on_saved(store, result.is_ok(), lang),
            Screen::Export(_) => Ok(()),
            Screen::History(s) => s.on_saved(store, result),
        }
    }

    /// The breadcrumb shown in the title bar.
    pub fn breadcrumb(&self, lang: Lang) -> String {
        match self {
            Screen::Home(_) => crate::i18n::t(lang, "home.title"),
            Screen::Cycle(s) => s.breadcrumb(lang),
            Screen::Meeting1(s) => s.breadcrumb(lang),
            Screen::Preparation(s) => s.breadcrumb(lang),
            Screen::Assessment(s) => s.breadcrumb(lang),
            Screen::Meeting2(s) => s.breadcrumb(lang),
            Screen::WgMeeting(s) => s.breadcrumb(lang),
            Screen::Annual(s) => s.breadcrumb(lang),
            Screen::Export(s) => s.breadcrumb(lang),
            Screen::History(s) => s.breadcrumb(lang),
        }
    }

    /// i18n key of the help text for what is on screen now.
    pub fn help_key(&self) -> String {
        match self {
            Screen::Home(_) => "help.home".into(),
            Screen::Cycle(s) => s.help_key(),
            Screen::Meeting1(_) => "help.step.meeting1".into(),
            Screen::Preparation(_) => "help.step.preparation".into(),
            Screen::Assessment(_) => "help.step.assessment".into(),
            Screen::Meeting2(_) => "help.step.meeting2".into(),
            Screen::WgMeeting(_) => "help.step.wg_meeting".into(),
            Screen::Annual(_) => "help.step.annual".into(),
            Screen::Export(_) => "help.step.export".into(),
            Screen::History(_) => "help.history".into(),
        }
    }

    /// Translates open forms after a language switch (typed text is kept).
    pub fn relabel(&mut self, lang: Lang) {
        match self {
            Screen::Meeting1(s) => s.relabel(lang),
            Screen::Home(s) => s.relabel(lang),
            _ => {}
        }
    }

    /// Hands an export's result to the export screen.
    pub fn on_export(
        &mut self,
        result: &Result<Vec<std::path::PathBuf>, crate::deliver::DeliverError>,
        request: &crate::deliver::ExportRequest,
    ) {
        if let Screen::Export(s) = self {
            s.on_export(result, request);
        }
    }

    /// Draws the screen body.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        match self {
            Screen::Home(s) => s.render(area, buf, ctx),
            Screen::Cycle(s) => s.render(area, buf, ctx),
            Screen::Meeting1(s) => s.render(area, buf, ctx),
            Screen::Preparation(s) => s.render(area, buf, ctx),
            Screen::Assessment(s) => s.render(area, buf, ctx),
            Screen::Meeting2(s) => s.render(area, buf, ctx),
            Screen::WgMeeting(s) => s.render(area, buf, ctx),
            Screen::Annual(s) => s.render(area, buf, ctx),
            Screen::Export(s) => s.render(area, buf, ctx),
            Screen::History(s) => s.render(area, buf, ctx),
        }
    }
}
