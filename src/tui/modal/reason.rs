//! The written-reason prompt: closing below a rule, finalising with failed checks and
//! reopening a closed record all need a reason, which is stored and exported. The prompt
//! holds the command the screen asked for and completes it with the reason
//! ([`Command::with_reason`]); it knows no screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::commands::Command;
use crate::domain::text::clean_name;
use crate::i18n::{Lang, t};
use crate::tui::theme::Theme;
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

/// A one-field form asking for the written reason of one command.
#[derive(Debug, Clone)]
pub struct ReasonPrompt {
    title: &'static str,
    command: Command,
    form: Form,
}

/// What the prompt made of one input.
#[derive(Debug, Clone, PartialEq)]
// One event exists per keystroke and is consumed at once, so its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ReasonEvent {
    /// Still typing.
    Editing,
    /// Cancelled: nothing is saved.
    Cancel,
    /// The command, completed with the reason.
    Submit(Command),
}

impl ReasonPrompt {
    /// A prompt titled by the i18n key `title` for `command`.
    pub fn new(title: &'static str, command: Command, lang: Lang) -> Self {
        ReasonPrompt {
            title,
            command,
            form: form(title, lang),
        }
    }

    /// Whether the facilitator has typed anything (quitting then asks first).
    pub fn has_text(&self) -> bool {
        !self.form.text(0).trim().is_empty()
    }

    /// Feeds one input to the form.
    pub fn handle(&mut self, input: &Input, lang: Lang) -> ReasonEvent {
        match self.form.handle(input) {
            FormEvent::Editing => ReasonEvent::Editing,
            FormEvent::Cancel => ReasonEvent::Cancel,
            FormEvent::Submit => self.submit(lang),
        }
    }

    fn submit(&mut self, lang: Lang) -> ReasonEvent {
        let Ok(reason) = clean_name(&self.form.text(0)) else {
            self.form.show_errors(vec![(0, t(lang, "reason.required"))]);
            return ReasonEvent::Editing;
        };
        match self.command.clone().with_reason(reason) {
            Some(command) => ReasonEvent::Submit(command),
            None => {
                self.form
                    .show_errors(vec![(0, t(lang, "reason.not_taken"))]);
                ReasonEvent::Editing
            }
        }
    }

    /// Translates the prompt after a language switch (the reason typed is kept).
    pub fn relabel(&mut self, lang: Lang) {
        self.form.relabel(form(self.title, lang));
    }

    /// Draws the prompt as a popup.
    pub fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
        self.form.render(theme, area, buf);
    }
}

/// The prompt's form: its title and the one reason field.
fn form(title: &'static str, lang: Lang) -> Form {
    Form::new(
        t(lang, title),
        vec![Field::text(t(lang, "reason.label"), "")],
    )
}
