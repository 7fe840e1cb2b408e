//! The written-reason prompt: closing below a rule, finalising with failed checks and
//! reopening a closed record all need a reason, which is stored and exported. The prompt
//! holds the command the screen asked for and completes it with the reason
//! ([`Command::with_reason`]); it knows no screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::commands::Command;
use crate::domain::text::clean_name;
use crate::i18n::Lang;
use crate::tui::theme::Theme;
use crate::tui::widgets::Input;
use crate::tui::widgets::form::{Field, Form, FormEvent};

/// A one-field form asking for the written reason of one command.
#[derive(Debug, Clone)]
pub struct ReasonPrompt {
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
    pub fn new(title: &'static str, command: Command) -> Self {
        ReasonPrompt {
            command,
            form: Form::new(title, vec![Field::text("reason.label", "")]),
        }
    }

    /// Whether the facilitator has typed anything (quitting then asks first).
    pub fn has_text(&self) -> bool {
        !self.form.text(0).trim().is_empty()
    }

    /// Feeds one input to the form.
    pub fn handle(&mut self, input: &Input) -> ReasonEvent {
        match self.form.handle(input) {
            FormEvent::Editing => ReasonEvent::Editing,
            FormEvent::Cancel => ReasonEvent::Cancel,
            FormEvent::Submit => self.submit(),
        }
    }

    fn submit(&mut self) -> ReasonEvent {
        let Ok(reason) = clean_name(&self.form.text(0)) else {
            self.form.show_errors([(0, "reason.required")]);
            return ReasonEvent::Editing;
        };
        match self.command.clone().with_reason(reason) {
            Some(command) => ReasonEvent::Submit(command),
            None => {
                self.form.show_errors([(0, "reason.not_taken")]);
                ReasonEvent::Editing
            }
        }
    }

    /// Draws the prompt as a popup in `lang`.
    pub fn render(&self, lang: Lang, theme: &Theme, area: Rect, buf: &mut Buffer) {
        self.form.render(lang, theme, area, buf);
    }
}
