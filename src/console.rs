//! The console window on Windows. A kehoach started by a double-click in Explorer gets a
//! console window of its own, which closes the moment kehoach exits: a refusal (the file
//! is open in another window, a read-only folder) would flash by unread. So after a
//! failure in a window of its own, kehoach asks for Enter before it exits. In a shell
//! (cmd, PowerShell, Windows Terminal's tab), on Linux, or with a pipe it never waits.

use std::io::{BufRead, IsTerminal, Write};

use crate::i18n::{Lang, t};

/// Whether a failed run waits for Enter: only when kehoach is the one process on its
/// console (nobody started it from a shell) and reads its keys from that console.
pub fn must_wait(processes_on_console: u32, stdin_is_console: bool) -> bool {
    processes_on_console == 1 && stdin_is_console
}

/// After a failure in a console window of its own, waits for Enter so the message stays.
pub fn hold_window_after_failure(lang: Lang) {
    if must_wait(processes_on_console(), std::io::stdin().is_terminal()) {
        eprint!("{} ", t(lang, "console.press_enter"));
        let _ = std::io::stderr().flush();
        let _ = std::io::stdin().lock().read_line(&mut String::new());
    }
}

/// How many processes share this console (0 when there is none).
#[cfg(windows)]
fn processes_on_console() -> u32 {
    let mut ids = [0u32; 4];
    // SAFETY: `ids` has room for the number of ids passed; Windows writes at most that
    // many and returns the total count.
    unsafe {
        windows_sys::Win32::System::Console::GetConsoleProcessList(
            ids.as_mut_ptr(),
            ids.len() as u32,
        )
    }
}

/// How many processes share this console: never one outside Windows.
#[cfg(not(windows))]
fn processes_on_console() -> u32 {
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_only_alone_on_a_console() {
        assert!(
            must_wait(1, true),
            "double-clicked: the window is kehoach's own"
        );
        assert!(
            !must_wait(2, true),
            "started from cmd or PowerShell: the shell stays"
        );
        assert!(!must_wait(0, true), "no console at all");
        assert!(
            !must_wait(1, false),
            "keys come from a pipe: nobody can press Enter"
        );
    }

    #[cfg(not(windows))]
    #[test]
    fn never_waits_outside_windows() {
        assert_eq!(processes_on_console(), 0);
    }

    #[test]
    fn the_prompt_is_translated() {
        assert_ne!(
            t(Lang::Vi, "console.press_enter"),
            t(Lang::En, "console.press_enter")
        );
        assert!(t(Lang::Vi, "console.press_enter").contains("Enter"));
    }
}
