//! One module per screen. A screen loads its view model from the store (reads only),
//! turns inputs into an [`Outcome`], and renders from its state. Writes go back to the
//! app as [`Change`] values; the app saves them and tells the screen how it went.

pub mod cycle;
pub mod home;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::{CommuneId, CycleId, NewCycle, VillageId, VillageKind};
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

/// An edit the facilitator accepted, to be saved by the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Create a commune.
    CreateCommune {
        /// Name.
        name: String,
        /// District.
        district: String,
    },
    /// Rename a commune.
    RenameCommune(CommuneId, String),
    /// Create a village.
    CreateVillage {
        /// Its commune.
        commune: CommuneId,
        /// Name.
        name: String,
        /// Thôn / buôn / khối phố.
        kind: VillageKind,
    },
    /// Rename a village.
    RenameVillage(VillageId, String),
    /// Create a planning cycle.
    CreateCycle(NewCycle),
    /// Fill an empty database with the demo village.
    LoadDemo,
}

/// What a saved change created, so the screen can select it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// A commune.
    Commune(CommuneId),
    /// A village.
    Village(VillageId),
    /// A cycle.
    Cycle(CycleId),
    /// Something else.
    Other,
}

/// Where to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The home screen.
    Home,
    /// A cycle's step list.
    Cycle(CycleId),
}

/// What a screen asks the app to do after an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing more; redraw.
    Stay,
    /// Save this change, then call the screen's `on_saved`.
    Save(Change),
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
}

impl Screen {
    /// Loads the screen for `nav`.
    pub fn load(nav: Nav, store: &Store) -> Result<Screen, StoreError> {
        Ok(match nav {
            Nav::Home => Screen::Home(home::HomeScreen::load(store)?),
            Nav::Cycle(id) => Screen::Cycle(cycle::CycleScreen::load(store, id)?),
        })
    }

    /// Where "back" leads from here (`None` at home).
    pub fn parent(&self) -> Option<Nav> {
        match self {
            Screen::Home(_) => None,
            Screen::Cycle(_) => Some(Nav::Home),
        }
    }

    /// The keymap context in force.
    pub fn context(&self) -> Context {
        match self {
            Screen::Home(s) => s.context(),
            Screen::Cycle(_) => Context::Cycle,
        }
    }

    /// Whether an unsaved edit is open (quitting asks first).
    pub fn has_open_edit(&self) -> bool {
        self.context() == Context::Form
    }

    /// Handles one input.
    pub fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        match self {
            Screen::Home(s) => s.update(input, ctx),
            Screen::Cycle(s) => s.update(input, ctx),
        }
    }

    /// Tells the screen how saving went, so it reloads or shows the error.
    pub fn on_saved(&mut self, store: &Store, result: &Result<Saved, String>) {
        match self {
            Screen::Home(s) => s.on_saved(store, result),
            Screen::Cycle(s) => s.reload(store),
        }
    }

    /// The breadcrumb shown in the title bar.
    pub fn breadcrumb(&self, lang: Lang) -> String {
        match self {
            Screen::Home(_) => crate::i18n::t(lang, "home.title"),
            Screen::Cycle(s) => s.breadcrumb(lang),
        }
    }

    /// i18n key of the help text for what is on screen now.
    pub fn help_key(&self) -> String {
        match self {
            Screen::Home(_) => "help.home".into(),
            Screen::Cycle(s) => s.help_key(),
        }
    }

    /// Draws the screen body.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        match self {
            Screen::Home(s) => s.render(area, buf, ctx),
            Screen::Cycle(s) => s.render(area, buf, ctx),
        }
    }
}
