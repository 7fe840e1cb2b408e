//! The terminal user interface: app loop, keymap, screens, widgets, theme.
//!
//! Owns: the terminal's life cycle (restored on exit, error, panic, SIGTERM and SIGHUP) and the blocking
//! event loop. Must not: name the database library or write SQL (a test checks this).

pub mod app;
pub mod keymap;
pub mod modal;
pub mod rescue;
pub mod screens;
#[cfg(unix)]
mod signals;
pub mod theme;
pub mod widgets;

use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::i18n::{Lang, t};
use crate::store::Store;
use app::App;

/// Why the interface could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// Standard input or output is not a terminal (a pipe, CI).
    #[error("{0}")]
    NoTerminal(String),
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
    /// The database failed while loading the first screen.
    #[error("{0}")]
    Store(String),
}

/// Whether standard input and output are a terminal (the interface needs both).
pub fn has_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Runs the interface until the user quits; the terminal is restored whatever happens.
pub fn run(store: Store, lang: Lang, startup_message: Option<String>) -> Result<(), TuiError> {
    if !has_terminal() {
        return Err(TuiError::NoTerminal(t(lang, "err.no_terminal")));
    }
    let mut app = App::new(store, lang, theme::Theme::from_env())
        .map_err(|e| TuiError::Store(app::error_text(lang, &e)))?;
    if let Some(text) = startup_message {
        app.say(text, app::Tone::Done);
    }
    let busy = Arc::new(Mutex::new(()));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    #[cfg(unix)]
    let watcher = signals::watch(Arc::clone(&busy));
    let result = event_loop(&mut terminal, &mut app, &busy);
    #[cfg(unix)]
    drop(watcher);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Draws and handles events until the user quits; `busy` is held while an event is handled
/// and the screen drawn, so a signal ends the process only between two events.
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    busy: &Mutex<()>,
) -> Result<(), TuiError> {
    while !app.should_quit() {
        {
            let _working = busy.lock();
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        }
        let event = event::read()?;
        let _working = busy.lock();
        app.handle_event(event);
    }
    Ok(())
}
