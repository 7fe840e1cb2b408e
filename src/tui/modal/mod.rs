//! The app's modal stack: help, the questions the app asks itself (quit with an edit
//! open, write a rescue copy) and the questions screens ask through [`Ask`] (a yes/no
//! before an act that only a written reason undoes, and the written reason itself). A
//! screen never keeps a popup of its own: it returns `Outcome::Ask` and the app stacks
//! the question over it, routes keys to the top of the stack and follows the answer.

pub mod reason;

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::commands::Command;
use crate::i18n::{Lang, t, tf};
use crate::tui::keymap::{Action, Context, resolve};
use crate::tui::screens::Outcome;
use crate::tui::theme::Theme;
use crate::tui::widgets::{Input, popup, wrap};
pub use reason::{ReasonEvent, ReasonPrompt};

/// A question a screen puts to the facilitator; the app shows it over the screen.
#[derive(Debug, Clone, PartialEq)]
// At most a few exist at once (one per open question), so their size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Ask {
    /// Yes or no before an act.
    Confirm(Confirm),
    /// The written reason `command` needs: `title` is the prompt's i18n key, and the
    /// command's reason slots are filled from what is typed ([`Command::with_reason`]).
    Reason {
        /// i18n key of the prompt's title.
        title: &'static str,
        /// The command to complete and run.
        command: Command,
    },
}

/// A yes/no question and what a yes leads to (a no changes nothing). The question is
/// kept as an i18n key with its arguments, so it follows a language switch.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// i18n key of the popup's title.
    pub title: &'static str,
    /// i18n key of the question.
    pub question: &'static str,
    /// The question's arguments (names, dates, amounts).
    pub args: Vec<String>,
    /// What the app follows on yes.
    pub yes: Box<Outcome>,
}

impl Confirm {
    /// The question `question` (an i18n key with `args`) under the usual title.
    pub fn new(question: &'static str, args: Vec<String>, yes: Outcome) -> Self {
        Confirm {
            title: "confirm.title",
            question,
            args,
            yes: Box::new(yes),
        }
    }

    /// The question as an outcome for the app.
    pub fn ask(self) -> Outcome {
        Outcome::Ask(Ask::Confirm(self))
    }
}

/// Asks for the written reason of `command` under the prompt title `title` (an i18n key).
pub fn ask_reason(title: &'static str, command: Command) -> Outcome {
    Outcome::Ask(Ask::Reason { title, command })
}

/// A popup over the screen.
#[derive(Debug, Clone)]
// At most a few exist at once (the stack), so their size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Modal {
    /// Help text (i18n key) and how many rows it is scrolled down.
    Help(String, u16),
    /// "Quit with an unsaved edit open?"
    ConfirmQuit,
    /// "The database file is gone: write what is open to a new file?" (the places to try,
    /// best first).
    Rescue(Vec<PathBuf>),
    /// A screen's yes/no question.
    Confirm(Confirm),
    /// A screen's written-reason prompt.
    Reason(ReasonPrompt),
}

/// What the app does after a key on the top modal.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Nothing more; redraw.
    Stay,
    /// Take the modal off the stack.
    Close,
    /// Leave kehoach.
    Quit,
    /// Ask before quitting: a reason is being typed.
    AskQuit,
    /// Open the help over the modal.
    Help,
    /// Switch language.
    ToggleLang,
    /// Write the rescue copy to the first of these places that takes it.
    Rescue(Vec<PathBuf>),
    /// Take the modal off and follow this outcome.
    Follow(Outcome),
    /// Run the completed command; on failure the prompt comes back with its text.
    Save(Command),
}

impl Modal {
    /// The modal for a screen's question.
    pub fn asked(ask: Ask) -> Modal {
        match ask {
            Ask::Confirm(confirm) => Modal::Confirm(confirm),
            Ask::Reason { title, command } => Modal::Reason(ReasonPrompt::new(title, command)),
        }
    }

    /// The keymap context of this modal (the hint bar shows its keys).
    pub fn context(&self) -> Context {
        match self {
            Modal::Help(..) => Context::Help,
            Modal::ConfirmQuit | Modal::Rescue(_) | Modal::Confirm(_) => Context::Confirm,
            Modal::Reason(_) => Context::Form,
        }
    }

    /// Whether typed text would be lost by quitting.
    pub fn has_open_edit(&self) -> bool {
        matches!(self, Modal::Reason(prompt) if prompt.has_text())
    }

    /// Handles one key.
    pub fn key(&mut self, key: &KeyEvent) -> Reply {
        let action = resolve(self.context(), key);
        if action == Some(Action::ToggleLang) {
            return Reply::ToggleLang;
        }
        match self {
            Modal::Help(_, scroll) => help_key(scroll, action),
            Modal::ConfirmQuit => yes_no(action, || Reply::Quit),
            Modal::Rescue(places) => yes_no(action, || Reply::Rescue(places.clone())),
            Modal::Confirm(confirm) => yes_no(action, || Reply::Follow((*confirm.yes).clone())),
            Modal::Reason(prompt) => match action {
                Some(Action::Help) => Reply::Help,
                Some(Action::Quit) => Reply::AskQuit,
                Some(action) => reason_reply(prompt.handle(&Input::Action(action))),
                None => reason_reply(prompt.handle(&Input::Key(*key))),
            },
        }
    }

    /// Takes pasted text (only a reason prompt has a field to paste into).
    pub fn paste(&mut self, text: String) -> Reply {
        match self {
            Modal::Reason(prompt) => reason_reply(prompt.handle(&Input::Paste(text))),
            _ => Reply::Stay,
        }
    }
}

fn help_key(scroll: &mut u16, action: Option<Action>) -> Reply {
    match action {
        Some(Action::Back) => return Reply::Close,
        Some(Action::Up) => *scroll = scroll.saturating_sub(1),
        Some(Action::Down) => *scroll = scroll.saturating_add(1),
        Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
        Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
        _ => {}
    }
    Reply::Stay
}

/// `yes()` on yes (built only then), closing on no.
fn yes_no(action: Option<Action>, yes: impl FnOnce() -> Reply) -> Reply {
    match action {
        Some(Action::Yes) => yes(),
        Some(Action::No) => Reply::Close,
        _ => Reply::Stay,
    }
}

fn reason_reply(event: ReasonEvent) -> Reply {
    match event {
        ReasonEvent::Editing => Reply::Stay,
        ReasonEvent::Cancel => Reply::Close,
        ReasonEvent::Submit(command) => Reply::Save(command),
    }
}

/// What drawing a modal needs from the app.
pub struct Surroundings<'a> {
    /// Interface language.
    pub lang: Lang,
    /// Styles.
    pub theme: &'a Theme,
    /// The keymap context of the screen under the help (its keys are listed).
    pub screen_context: Context,
    /// The database file (the rescue question names it).
    pub db_path: Option<&'a Path>,
}

impl Modal {
    /// Draws the modal over `area`.
    pub fn render(&self, around: &Surroundings, area: Rect, buf: &mut Buffer) {
        let (lang, theme) = (around.lang, around.theme);
        let ask = |title: &str, question: &str, buf: &mut Buffer| {
            popup::confirm(
                title,
                question,
                &t(lang, "confirm.yes_no"),
                theme,
                area,
                buf,
            );
        };
        match self {
            Modal::Help(key, scroll) => render_help(around, key, *scroll, area, buf),
            Modal::ConfirmQuit => ask(
                &t(lang, "confirm.title"),
                &t(lang, "confirm.quit_with_edit"),
                buf,
            ),
            Modal::Rescue(places) => {
                let original = around.db_path.map(|p| p.display().to_string());
                let first = places.first().map(|p| p.display().to_string());
                let args = [original.unwrap_or_default(), first.unwrap_or_default()];
                ask(
                    &t(lang, "rescue.title"),
                    &tf(lang, "rescue.offer", &args),
                    buf,
                );
            }
            Modal::Confirm(confirm) => ask(
                &t(lang, confirm.title),
                &tf(lang, confirm.question, &confirm.args),
                buf,
            ),
            Modal::Reason(prompt) => prompt.render(lang, theme, area, buf),
        }
    }
}

fn render_help(around: &Surroundings, key: &str, scroll: u16, area: Rect, buf: &mut Buffer) {
    let rect = popup::centered(area, 76, area.height);
    let inner = popup::frame(&t(around.lang, "help.title"), around.theme, rect, buf);
    let text = help_text(around.lang, key) + &keys_text(around.lang, around.screen_context);
    // Scrolled no further than the last row shown at the bottom.
    let rows: usize = text
        .lines()
        .map(|l| wrap::wrapped_rows(l, usize::from(inner.width)))
        .sum();
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let top = scroll.min(rows.saturating_sub(inner.height));
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((top, 0))
        .render(inner, buf);
}

/// A help text, continued by `<key>.more` when a later feature added keys to a screen.
fn help_text(lang: Lang, key: &str) -> String {
    let more = format!("{key}.more");
    if crate::i18n::has(&more) {
        format!("{}\n\n{}", t(lang, key), t(lang, &more))
    } else {
        t(lang, key)
    }
}

/// The screen's keys, from the keymap, below the procedure's rule in the help.
fn keys_text(lang: Lang, context: Context) -> String {
    let lines: Vec<String> = crate::tui::keymap::hints(context)
        .map(|b| {
            format!(
                "  {:<6} {}",
                crate::tui::keymap::key_name(b.key),
                t(lang, b.label)
            )
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("\n\n{}\n{}", t(lang, "help.keys_here"), lines.join("\n"))
}
