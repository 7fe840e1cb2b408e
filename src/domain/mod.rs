//! Plain types and the procedure's rules (Dak Lak 2134/QĐ-UBND).
//!
//! Owns: value types for places, cycles, meetings, people and every rule as a pure
//! function returning values. Must not: do I/O, read the clock (callers pass `today`),
//! or know about rendering or SQL.

pub mod activity;
pub mod after_plan;
pub mod annual;
pub mod attendance;
pub mod basic_info;
pub mod commune;
pub mod cycle;
pub mod district;
pub mod history;
pub mod meeting;
pub mod number;
pub mod person;
pub mod place;
pub mod pra;
pub mod record;
pub mod scoring;
pub mod subgroup;
pub mod text;
pub mod working_group;

pub use cycle::{Cycle, CycleFacts, CycleId, NewCycle};
pub use meeting::{ChairRole, Meeting, MeetingId, MeetingKind, Tally};
pub use person::{Gender, Organisation, Person, PersonDraft, PersonFields, PersonId, WealthGroup};
pub use place::{Commune, CommuneId, Village, VillageId, VillageKind};

/// A rule check result shown to the facilitator: which rule, whether it passed, and
/// what is missing, as a translatable message key with arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable identifier of the rule (also the i18n key of its label).
    pub rule: &'static str,
    /// Whether the rule is met.
    pub passed: bool,
    /// i18n key of the explanation ("need {n} more women").
    pub detail_key: &'static str,
    /// Arguments substituted into the explanation, in order.
    pub args: Vec<String>,
}

impl Finding {
    /// A passing finding with no detail.
    pub fn pass(rule: &'static str) -> Self {
        Self {
            rule,
            passed: true,
            detail_key: "",
            args: Vec::new(),
        }
    }

    /// A rule with nothing to check yet (no working group, no sub-group): it blocks
    /// nothing, and is shown as "—" with `why` (an i18n key), never as met.
    pub fn nothing(rule: &'static str, why: &'static str) -> Self {
        Self {
            rule,
            passed: true,
            detail_key: why,
            args: Vec::new(),
        }
    }

    /// Whether the rule had nothing to check (see [`Finding::nothing`]).
    pub fn checked_nothing(&self) -> bool {
        self.passed && !self.detail_key.is_empty()
    }

    /// A failing finding with an explanation key and its arguments.
    pub fn fail(rule: &'static str, detail_key: &'static str, args: Vec<String>) -> Self {
        Self {
            rule,
            passed: false,
            detail_key,
            args,
        }
    }
}
