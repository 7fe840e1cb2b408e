//! The shape every step of a cycle shares (preparation, meeting 1, the assessment, the
//! working-group meeting, meeting 2, the annual plan): opened from the cycle's step list,
//! which "back" returns to, with the step's own help. A step implements [`Step`]; the
//! [`View`] the app drives comes with it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Effect, Nav, Outcome, View, ViewCtx};
use crate::domain::CycleId;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::Input;

/// One step of a cycle: what it shows and how it takes input.
pub trait Step {
    /// i18n key of the step's help.
    const HELP: &'static str;
    /// The cycle the step belongs to (its step list is the parent).
    fn cycle_id(&self) -> CycleId;
    /// The keymap context in force.
    fn context(&self) -> Context;
    /// Handles one input.
    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome;
    /// Reloads after a command (`ok` when it was saved); a failed reload is returned.
    fn on_saved(&mut self, store: &Store, ok: bool, lang: Lang) -> Result<(), StoreError>;
    /// The breadcrumb shown in the title bar.
    fn breadcrumb(&self, lang: Lang) -> String;
    /// Draws the step.
    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx);
    /// Whether `action` means something now (see [`View::live`]).
    fn live(&self, _action: Action) -> bool {
        true
    }
    /// Why `action` is refused now by a freeze (i18n key of a short reason), if it is.
    fn blocked(&self, _action: Action) -> Option<&'static str> {
        None
    }
}

impl<T: Step> View for T {
    fn parent(&self) -> Option<Nav> {
        Some(Nav::Cycle(self.cycle_id()))
    }

    fn context(&self) -> Context {
        Step::context(self)
    }

    fn update(&mut self, input: Input, ctx: ViewCtx) -> Outcome {
        Step::update(self, input, ctx)
    }

    fn on_saved(
        &mut self,
        store: &Store,
        result: &Result<Effect, String>,
        lang: Lang,
    ) -> Result<(), StoreError> {
        Step::on_saved(self, store, result.is_ok(), lang)
    }

    fn breadcrumb(&self, lang: Lang) -> String {
        Step::breadcrumb(self, lang)
    }

    fn help_key(&self) -> String {
        T::HELP.into()
    }

    fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        Step::render(self, area, buf, ctx);
    }

    fn live(&self, action: Action) -> bool {
        Step::live(self, action)
    }

    fn blocked(&self, action: Action) -> Option<&'static str> {
        Step::blocked(self, action)
    }
}
