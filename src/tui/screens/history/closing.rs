//! Closing and reopening a cycle from a list (home, history): closing asks yes/no,
//! reopening asks for a written reason. The screen holding it feeds it inputs first.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::domain::CycleId;
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::{Action, Context};
use crate::tui::screens::reason::{ReasonFor, ReasonPrompt};
use crate::tui::screens::{Command, Outcome, ViewCtx};
use crate::tui::widgets::{Input, popup};

/// The cycle a close or reopen is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The cycle.
    pub cycle: CycleId,
    /// Whether it is closed now.
    pub closed: bool,
    /// Its year.
    pub year: i32,
    /// Its village's name.
    pub village: String,
}

/// The open question, if any: a yes/no to close, or the reason to reopen.
#[derive(Default)]
pub struct Closing {
    confirm: Option<Target>,
    reason: Option<ReasonPrompt>,
}

impl Closing {
    /// Asks to close `target`, or for the reason to reopen it.
    pub fn start(&mut self, target: Target, lang: Lang) {
        if target.closed {
            self.reason = Some(ReasonPrompt::new(
                ReasonFor::ReopenCycle(target.cycle),
                lang,
            ));
        } else {
            self.confirm = Some(target);
        }
    }

    /// The keymap context while a question is open.
    pub fn context(&self) -> Option<Context> {
        if self.reason.is_some() {
            Some(Context::Form)
        } else {
            self.confirm.as_ref().map(|_| Context::Confirm)
        }
    }

    /// Handles `input` while a question is open; `None` when none is.
    pub fn update(&mut self, input: &Input, lang: Lang) -> Option<Outcome> {
        if let Some(outcome) = ReasonPrompt::drive(&mut self.reason, input, lang) {
            return Some(outcome);
        }
        let cycle = self.confirm.as_ref()?.cycle;
        Some(match input {
            Input::Action(Action::Yes) => {
                self.confirm = None;
                Outcome::Save(Command::CloseCycle(cycle))
            }
            Input::Action(Action::No) => {
                self.confirm = None;
                Outcome::Stay
            }
            _ => Outcome::Stay,
        })
    }

    /// Closes the question after a successful save (a failed one keeps the reason typed).
    pub fn on_saved(&mut self, ok: bool) {
        if ok {
            self.reason = None;
            self.confirm = None;
        }
    }

    /// Draws the open question over `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, ctx: ViewCtx) {
        if let Some(prompt) = &self.reason {
            prompt.render(&ctx.theme, area, buf);
        } else if let Some(target) = &self.confirm {
            popup::confirm(
                &t(ctx.lang, "hist.confirm_close.title"),
                &tf(
                    ctx.lang,
                    "hist.confirm_close.body",
                    &[target.year.to_string(), target.village.clone()],
                ),
                &t(ctx.lang, "confirm.yes_no"),
                &ctx.theme,
                area,
                buf,
            );
        }
    }
}
