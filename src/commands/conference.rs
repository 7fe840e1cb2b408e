//! The commune conference's commands (issue 14, item 4): record a change to a village's
//! activity with the chair's reason, record the village's answer, withdraw a change,
//! approve the commune plan (a version, frozen) and reopen it with a reason. A change of
//! an imported village's plan is allowed: it is the commune's decision about the
//! village's ask; the village's own record is never edited.

use super::{CommandError, Effect};
use crate::domain::CommuneId;
use crate::domain::commune::{AnswerKind, ChangeKind, NeedRow, village_needs};
use crate::i18n::{Lang, t, tf};
use crate::store::{NewChange, Store};

/// An edit at the commune conference.
#[derive(Debug, Clone, PartialEq)]
pub enum ConferenceCommand {
    /// Record the commune's change to one village's activity.
    Record {
        /// The commune.
        commune: CommuneId,
        /// The planning year.
        year: i32,
        /// The village's exchange code.
        village_code: String,
        /// The activity's id in the village's record.
        activity: i64,
        /// What the commune does.
        kind: ChangeKind,
        /// The chair's reason.
        reason: String,
    },
    /// Record the village's answer to a change.
    Answer {
        /// The change.
        change: i64,
        /// Accepted or defended.
        answer: AnswerKind,
        /// The representative's words (required when defending).
        words: String,
    },
    /// Withdraw a change.
    Withdraw {
        /// The change.
        change: i64,
    },
    /// Approve the commune plan of the year (frozen as a new version).
    Approve {
        /// The commune.
        commune: CommuneId,
        /// The planning year.
        year: i32,
    },
    /// Reopen the approved commune plan with a reason.
    Reopen {
        /// The commune.
        commune: CommuneId,
        /// The planning year.
        year: i32,
        /// Why.
        reason: String,
    },
}

/// Why a conference command is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConferenceRefusal {
    /// The chair's (or the reopening's) reason is missing.
    NoReason,
    /// A village defends its plan without the representative's words.
    NoWords,
    /// The commune plan of `year` is approved as `version`.
    Approved {
        /// The year.
        year: i32,
        /// The version standing.
        version: u32,
    },
    /// The plan of `year` is not approved, so there is nothing to reopen.
    NotApproved(i32),
    /// The village's plan of the year holds no such activity (or the merge target).
    UnknownActivity,
}

impl ConferenceRefusal {
    /// The translated sentence.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ConferenceRefusal::NoReason => t(lang, "conference.err.no_reason"),
            ConferenceRefusal::NoWords => t(lang, "conference.err.no_words"),
            ConferenceRefusal::Approved { year, version } => tf(
                lang,
                "conference.err.approved",
                &[year.to_string(), version.to_string()],
            ),
            ConferenceRefusal::NotApproved(year) => {
                tf(lang, "conference.err.not_approved", &[year.to_string()])
            }
            ConferenceRefusal::UnknownActivity => t(lang, "conference.err.unknown"),
        }
    }
}

/// Runs one conference command (inside the command's transaction).
pub(super) fn run(store: &mut Store, command: ConferenceCommand) -> Result<Effect, CommandError> {
    use ConferenceCommand as C;
    match command {
        C::Record {
            commune,
            year,
            village_code,
            activity,
            kind,
            reason,
        } => {
            let reason = required(&reason, ConferenceRefusal::NoReason)?;
            refuse_approved(store, commune, year)?;
            let name = activity_name(store, commune, year, &village_code, activity)?;
            if let ChangeKind::Merge {
                village_code: other,
                activity: target,
                ..
            } = &kind
            {
                if *other == village_code {
                    return Err(refused(ConferenceRefusal::UnknownActivity));
                }
                activity_name(store, commune, year, other, *target)?;
            }
            let id = store.add_commune_change(&NewChange {
                commune,
                year,
                village_code: &village_code,
                activity,
                activity_name: &name,
                kind: &kind,
                reason,
            })?;
            Ok(Effect::Change(id))
        }
        C::Answer {
            change,
            answer,
            words,
        } => {
            let (commune, year) = store.commune_change_year(change)?;
            refuse_approved(store, commune, year)?;
            let words = words.trim();
            if answer == AnswerKind::Defended && words.is_empty() {
                return Err(refused(ConferenceRefusal::NoWords));
            }
            store.answer_commune_change(change, answer, words)?;
            Ok(Effect::Change(change))
        }
        C::Withdraw { change } => {
            let (commune, year) = store.commune_change_year(change)?;
            refuse_approved(store, commune, year)?;
            store.withdraw_commune_change(change)?;
            Ok(Effect::Done)
        }
        C::Approve { commune, year } => {
            refuse_approved(store, commune, year)?;
            store.approve_commune_plan(commune, year)?;
            Ok(Effect::Done)
        }
        C::Reopen {
            commune,
            year,
            reason,
        } => {
            let reason = required(&reason, ConferenceRefusal::NoReason)?;
            if store.commune_approved(commune, year)?.is_none() {
                return Err(refused(ConferenceRefusal::NotApproved(year)));
            }
            store.reopen_commune_plan(commune, year, reason)?;
            Ok(Effect::Done)
        }
    }
}

fn refused(why: ConferenceRefusal) -> CommandError {
    CommandError::Conference(why)
}

/// The trimmed text, or the refusal when it is empty.
fn required(text: &str, why: ConferenceRefusal) -> Result<&str, CommandError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(refused(why));
    }
    Ok(text)
}

/// Refuses while the commune plan of the year is approved.
fn refuse_approved(store: &Store, commune: CommuneId, year: i32) -> Result<(), CommandError> {
    match store.commune_approved(commune, year)? {
        Some(version) => Err(refused(ConferenceRefusal::Approved { year, version })),
        None => Ok(()),
    }
}

/// The name of a village's activity in its plan of the year as the commune holds it.
fn activity_name(
    store: &Store,
    commune: CommuneId,
    year: i32,
    village_code: &str,
    activity: i64,
) -> Result<String, CommandError> {
    let villages = store.commune_year(commune, year)?;
    villages
        .iter()
        .filter(|v| v.village_code == village_code)
        .flat_map(village_needs)
        .find(|r: &NeedRow| r.activity_id == activity)
        .map(|r| r.activity.name)
        .ok_or_else(|| refused(ConferenceRefusal::UnknownActivity))
}
