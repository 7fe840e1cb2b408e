//! One module per screen. A screen loads its view model from the store (reads only),
//! turns inputs into an [`Outcome`], and renders from its state. Writes go back to the
//! app as [`Command`] values; the app runs them (`commands::execute`) and tells the
//! screen how it went. No screen calls a store write function (`tests/layering.rs`).

pub mod after_plan;
pub mod annual;
pub mod assessment;
pub mod attendance;
pub mod commune;
pub mod commune_assign;
pub mod conference;
pub mod cycle;
pub mod delete_village;
pub mod district;
pub mod export;
pub mod history;
pub mod home;
pub mod import;
pub mod meeting1;
pub mod meeting2;
pub mod preparation;
pub mod record;
pub mod step;
pub mod wgmeeting;
pub mod workgroup;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::PathBuf;

use crate::deliver::DeliverError;

pub use crate::commands::{Command, Effect};
use crate::domain::{CommuneId, CycleId, VillageId};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
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
    /// A commune's planning year: its villages' plans.
    Commune(CommuneId, i32),
    /// Exporting a commune's year.
    CommuneExport(CommuneId, i32),
    /// Importing villages' plan files, from a commune's year or from home.
    Import(Option<CommuneId>, i32),
    /// The commune conference on one village's activities of a commune's year.
    Conference(CommuneId, i32, VillageId),
    /// The commune's assignment of one village's approved plan of a commune's year.
    CommuneAssign(CommuneId, i32, VillageId),
    /// After a cycle's annual plan: assignment, implementation, disclosure, evaluations;
    /// `true` opens on the selected activity's life (from the history screen).
    AfterPlan(CycleId, bool),
    /// The planning year of the district of a commune: its communes' plans.
    District(CommuneId, i32),
    /// Exporting the year of a commune's district.
    DistrictExport(CommuneId, i32),
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
    /// Run these commands, each in its own transaction (one village's file each), then
    /// call the screen's `on_saved` once.
    SaveEach(Vec<Command>),
    /// Let the screen read the store again (`View::refresh`); nothing is written.
    Refresh,
    /// Write the plan's files (not a database change), then call `on_export`.
    Export(crate::deliver::ExportRequest),
    /// Open another screen.
    Go(Nav),
    /// Open another screen and say (translated) what should come first: shown with →.
    GoHint(Nav, String),
    /// Go back one screen.
    Back,
    /// Open the help overlay.
    Help,
    /// Switch language.
    ToggleLang,
    /// Leave kehoach.
    Quit,
    /// Say (translated) why the input was refused: shown with ✗, nothing changed.
    Refuse(String),
    /// Say (translated) what to do next: shown with →.
    Hint(String),
    /// Ask a question over the screen (the app's modal stack) and follow the answer.
    Ask(crate::tui::modal::Ask),
}

/// What every screen does: load is each screen's own constructor; the rest is this.
pub trait View {
    /// Where "back" leads from here (`None` at home).
    fn parent(&self) -> Option<Nav>;
    /// The keymap context in force.
    fn context(&self) -> Context;
    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome;
    /// Tells the screen how a command went, so it reloads or shows the error; a failed
    /// reload is returned, so the app shows it instead of stale data.
    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<Effect, String>,
        lang: Lang,
    ) -> Result<(), StoreError>;
    /// The breadcrumb shown in the title bar.
    fn breadcrumb(&self, lang: Lang) -> String;
    /// i18n key of the help text for what is on screen now.
    fn help_key(&self) -> String;
    /// Draws the screen body.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx);
    /// Whether `action` means something now (something to remove, something to reopen):
    /// the hint bar leaves the others out. A freeze's refusals are [`View::blocked`], which
    /// the hint bar asks first (gitui's `CommandInfo { enabled }`).
    fn live(&self, _action: Action) -> bool {
        true
    }
    /// Why `action` is refused now by a freeze (an approved plan, a closed meeting), as
    /// the i18n key of a short reason: the hint bar shows the key greyed with it. The
    /// same check as the refusal answers it.
    fn blocked(&self, _action: Action) -> Option<&'static str> {
        None
    }
    /// Takes an export's result (the export screen shows it).
    fn on_export(&mut self, _result: &Result<Vec<PathBuf>, DeliverError>) {}
    /// Where "back" from a cycle opened from here leads (the history screen), if not home.
    fn return_nav(&self) -> Option<Nav> {
        None
    }
    /// Tells the screen it was opened by going back from `from` (the cycle screen
    /// selects the step just left).
    fn came_back_from(&mut self, _from: Nav) {}
    /// Reads what the screen asked for with [`Outcome::Refresh`] (reads only).
    fn refresh(&mut self, _store: &Store, _lang: Lang) -> Result<(), StoreError> {
        Ok(())
    }
}

/// After a command: replaces `screen` with `reload(screen)` unless the command failed
/// (the app shows the error and the screen keeps what was typed).
pub(crate) fn reload_unless_failed<T>(
    screen: &mut T,
    result: &Result<Effect, String>,
    reload: impl FnOnce(&T) -> Result<T, StoreError>,
) -> Result<(), StoreError> {
    if result.is_ok() {
        *screen = reload(screen)?;
    }
    Ok(())
}

/// The screen currently shown: where it was opened and the screen itself.
pub struct Screen {
    nav: Nav,
    view: Box<dyn View>,
}

impl Screen {
    /// Loads the screen for `nav`.
    pub fn load(nav: Nav, store: &Store, lang: Lang) -> Result<Screen, StoreError> {
        let view: Box<dyn View> = match nav {
            Nav::Home => Box::new(home::HomeScreen::load(store)?),
            Nav::Cycle(id) => Box::new(cycle::CycleScreen::load(store, id)?),
            Nav::Meeting1(id) => Box::new(meeting1::Meeting1Screen::load(store, id)?),
            Nav::Preparation(id) => Box::new(preparation::PreparationScreen::load(store, id)?),
            Nav::Export(id) => Box::new(export::ExportScreen::load(store, id)?),
            Nav::Annual(id) => Box::new(annual::AnnualScreen::load(store, id)?),
            Nav::WgMeeting(id) => Box::new(wgmeeting::WgMeetingScreen::load(store, id)?),
            Nav::Assessment(id) => Box::new(assessment::AssessmentScreen::load(store, id, lang)?),
            Nav::Meeting2(id) => Box::new(meeting2::Meeting2Screen::load(store, id)?),
            Nav::History(village, cycle) => {
                Box::new(history::HistoryScreen::load(store, village, cycle)?)
            }
            Nav::Commune(commune, year) => {
                Box::new(commune::CommuneScreen::load(store, commune, year)?)
            }
            Nav::CommuneExport(commune, year) => {
                Box::new(export::ExportScreen::load_commune(store, commune, year)?)
            }
            Nav::Conference(commune, year, village) => Box::new(
                conference::ConferenceScreen::load(store, commune, year, village)?,
            ),
            Nav::CommuneAssign(commune, year, village) => Box::new(
                commune_assign::CommuneAssignScreen::load(store, commune, year, village)?,
            ),
            Nav::AfterPlan(id, life) => {
                Box::new(after_plan::AfterPlanScreen::load(store, id)?.showing_life(life))
            }
            Nav::Import(commune, year) => {
                Box::new(import::ImportScreen::load(store, commune, year)?)
            }
            Nav::District(commune, year) => {
                Box::new(district::DistrictScreen::load(store, commune, year)?)
            }
            Nav::DistrictExport(commune, year) => {
                Box::new(export::ExportScreen::load_district(store, commune, year)?)
            }
        };
        Ok(Screen { nav, view })
    }

    /// Where this screen was opened.
    pub fn nav(&self) -> Nav {
        self.nav
    }

    /// Where "back" leads from here (`None` at home).
    pub fn parent(&self) -> Option<Nav> {
        self.view.parent()
    }

    /// Where "back" from a cycle opened from here leads, if not home.
    pub fn return_nav(&self) -> Option<Nav> {
        self.view.return_nav()
    }

    /// The keymap context in force.
    pub fn context(&self) -> Context {
        self.view.context()
    }

    /// The cycle whose records this screen shows (a step screen's or the cycle screen's).
    pub fn cycle_id(&self) -> Option<CycleId> {
        match (self.nav, self.parent()) {
            (Nav::Cycle(id), _) | (_, Some(Nav::Cycle(id))) => Some(id),
            _ => None,
        }
    }

    /// Whether an unsaved edit is open (quitting asks first).
    pub fn has_open_edit(&self) -> bool {
        matches!(
            self.context(),
            Context::Form
                | Context::QuickAdd
                | Context::Record
                | Context::Export
                | Context::TextArea
        )
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        self.view.update(input, ctx)
    }

    /// Tells the screen how saving went, so it reloads or shows the error.
    /// A failed reload is returned, so the app shows it instead of stale data.
    pub fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<Effect, String>,
        lang: Lang,
    ) -> Result<(), StoreError> {
        self.view.on_saved(store, result, lang)
    }

    /// The breadcrumb shown in the title bar.
    pub fn breadcrumb(&self, lang: Lang) -> String {
        self.view.breadcrumb(lang)
    }

    /// i18n key of the help text for what is on screen now.
    pub fn help_key(&self) -> String {
        self.view.help_key()
    }

    /// Whether `action` would be taken now (see [`View::live`]).
    pub fn live(&self, action: Action) -> bool {
        self.view.live(action)
    }

    /// Why a freeze refuses `action` now, if it does (see [`View::blocked`]).
    pub fn blocked(&self, action: Action) -> Option<&'static str> {
        self.view.blocked(action)
    }

    /// Tells the screen it was opened by going back from `from`.
    pub fn came_back_from(&mut self, from: Nav) {
        self.view.came_back_from(from);
    }

    /// Lets the screen read the store again (after [`Outcome::Refresh`]).
    pub fn refresh(&mut self, store: &Store, lang: Lang) -> Result<(), StoreError> {
        self.view.refresh(store, lang)
    }

    /// Hands an export's result to the screen.
    pub fn on_export(&mut self, result: &Result<Vec<PathBuf>, DeliverError>) {
        self.view.on_export(result);
    }

    /// Draws the screen body.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        self.view.render(area, buf, ctx);
    }
}
