//! Closing and reopening a cycle from a list (home, history): closing asks yes/no,
//! reopening asks for a written reason, both through the app's modal stack.

use crate::domain::CycleId;
use crate::tui::modal::{Confirm, ask_reason};
use crate::tui::screens::{Command, Outcome};

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

impl Target {
    /// Asks to close the cycle, or for the reason to reopen it.
    pub fn ask(self) -> Outcome {
        let cycle = self.cycle;
        if self.closed {
            let reopen = Command::ReopenCycle {
                cycle,
                reason: String::new(),
            };
            return ask_reason("hist.reason.reopen_cycle", reopen);
        }
        Confirm {
            title: "hist.confirm_close.title",
            question: "hist.confirm_close.body",
            args: vec![self.year.to_string(), self.village],
            yes: Box::new(Outcome::Save(Command::CloseCycle(cycle))),
        }
        .ask()
    }
}
