//! Why a command did not run: a refusal of the commands layer (an approved plan), or the
//! store's error (its own refusals, a closed cycle, a disk or database failure).

use crate::i18n::{Lang, tf};
use crate::store::StoreError;

/// The approved plan a refused command would have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovedPlan {
    /// The official medium-term plan of the period starting in `year`, as `version`.
    MediumTerm {
        /// First year of the period.
        year: i32,
        /// The approved version standing.
        version: u32,
    },
    /// The annual plan (form 4) of `year`, as `version`.
    Annual {
        /// The plan's year.
        year: i32,
        /// The approved version standing.
        version: u32,
    },
}

/// Why a command was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The change touches something an approved plan holds.
    #[error("the approved plan {0:?} holds this; reopen it with a reason to change it")]
    Approved(ApprovedPlan),
    /// An import refused a bundle.
    #[error("import refused: {0:?}")]
    Import(super::ImportRefusal),
    /// The commune conference refused a change.
    #[error("conference refused: {0:?}")]
    Conference(super::ConferenceRefusal),
    /// An after-plan rule refused the edit.
    #[error("after-plan edit refused: {0:?}")]
    AfterPlan(crate::domain::after_plan::AfterPlanError),
    /// The store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CommandError {
    /// The facilitator-facing sentence (a store error's own message for store errors).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CommandError::Approved(ApprovedPlan::MediumTerm { year, version }) => tf(
                lang,
                "frozen.err.medium_term",
                &[year.to_string(), version.to_string()],
            ),
            CommandError::Approved(ApprovedPlan::Annual { year, version }) => tf(
                lang,
                "frozen.err.annual",
                &[year.to_string(), version.to_string()],
            ),
            CommandError::Import(why) => why.text(lang, ""),
            CommandError::Conference(why) => why.text(lang),
            CommandError::AfterPlan(why) => tf(lang, why.key(), &why.args()),
            CommandError::Store(e) => crate::messages::store_error(lang, e),
        }
    }

    /// The store error inside, if the store refused or failed.
    pub fn store_error(&self) -> Option<&StoreError> {
        match self {
            CommandError::Store(e) => Some(e),
            CommandError::Approved(_)
            | CommandError::Import(_)
            | CommandError::Conference(_)
            | CommandError::AfterPlan(_) => None,
        }
    }
}
