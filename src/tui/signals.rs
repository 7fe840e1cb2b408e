//! SIGTERM and SIGHUP (the terminal window closed, the session ended, `kill`): the terminal
//! is restored and the process ends cleanly, never in the middle of a save.
//!
//! A watcher thread waits for either signal, then takes the same lock the event loop holds
//! while it handles an event and draws, so a save in progress finishes (each save is one
//! committed transaction) before the terminal is put back and the process exits with
//! 128 + the signal's number, as shells expect.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::DisableBracketedPaste;
use ratatui::crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

/// The running watcher; dropping it stops the thread.
pub struct Watcher {
    handle: Handle,
    thread: Option<JoinHandle<()>>,
}

/// Starts watching for SIGTERM and SIGHUP; `busy` is held by the event loop while it works.
pub fn watch(busy: Arc<Mutex<()>>) -> std::io::Result<Watcher> {
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let handle = signals.handle();
    let thread = std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _quiet = busy.lock();
            let _ = execute!(std::io::stdout(), DisableBracketedPaste, Show);
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(Watcher {
        handle,
        thread: Some(thread),
    })
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.handle.close();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
