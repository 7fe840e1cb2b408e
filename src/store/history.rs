//! Past cycles: closing a cycle (read-only from then on, enforced by the schema's triggers,
//! migration 0006), reopening it with a written reason, and each village's years with
//! their plans, the next year's evaluation of their activities and their priority order,
//! for the history screen.

use std::collections::HashMap;

use rusqlite::params;

use super::annual::AnnualItem;
use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::annual::rank_by_part;
use crate::domain::annual::{AnnualItemId, Review};
use crate::domain::history::{MediumTerm, PastItem, PastYear, RankSource, Ranked, YearRanking};
use crate::domain::scoring::{draft_ranks, rank_matrix};
use crate::domain::{Cycle, CycleId, MeetingKind, VillageId};

/// Refused: the cycle is closed (the message of [`StoreError::CycleClosed`]).
pub const ERR_CYCLE_CLOSED: &str = "hist.err.cycle_closed";
/// Refused: closing a cycle that is already closed.
pub const ERR_ALREADY_CLOSED: &str = "hist.err.already_closed";
/// Refused: reopening a cycle that is not closed.
pub const ERR_NOT_CLOSED: &str = "hist.err.not_closed";
/// Refused: reopening needs a reason.
pub const ERR_REASON_REQUIRED: &str = "hist.err.reason_required";

/// Every message key of this module (for the i18n key test).
pub const ERROR_KEYS: [&str; 4] = [
    ERR_CYCLE_CLOSED,
    ERR_ALREADY_CLOSED,
    ERR_NOT_CLOSED,
    ERR_REASON_REQUIRED,
];

/// The message the triggers of migration 0006 raise.
const CLOSED_MESSAGE: &str = "kehoach: cycle closed";

/// Whether `e` is a trigger's refusal to write to a closed cycle.
pub(super) fn is_closed_refusal(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation && msg == CLOSED_MESSAGE
    )
}

impl Store {
    /// Closes a cycle: every later write to its records is refused with
    /// [`StoreError::CycleClosed`] until it is reopened. The records every step reads (its
    /// meetings; the women's criterion prefilled) are made sure of first, so every step of
    /// the closed cycle can still be opened and read.
    pub fn close_cycle(&mut self, cycle: CycleId) -> Result<()> {
        let c = self.cycle(cycle)?;
        if c.closed {
            return Err(StoreError::Refused(ERR_ALREADY_CLOSED));
        }
        self.prepare_for_reading(&c)?;
        self.edit(|tx| {
            let n = tx.execute(
                "UPDATE cycles SET closed = 1 WHERE id = ?1 AND closed = 0",
                [cycle.0],
            )?;
            if n == 0 {
                return Err(StoreError::Refused(ERR_ALREADY_CLOSED));
            }
            record(tx, "cycle", cycle.0, "closed", Some("0"), Some("1"))
        })
    }

    /// Reopens a closed cycle for changes; `reason` is required, kept with the cycle and
    /// audit-logged.
    pub fn reopen_cycle(&mut self, cycle: CycleId, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused(ERR_REASON_REQUIRED));
        }
        self.edit(|tx| {
            let n = tx.execute(
                "UPDATE cycles SET closed = 0, reopen_reason = ?1 WHERE id = ?2 AND closed = 1",
                params![reason, cycle.0],
            )?;
            if n == 0 {
                let exists: bool = tx.query_row(
                    "SELECT count(*) > 0 FROM cycles WHERE id = ?1",
                    [cycle.0],
                    |r| r.get(0),
                )?;
                return Err(if exists {
                    StoreError::Refused(ERR_NOT_CLOSED)
                } else {
                    StoreError::NotFound
                });
            }
            record(tx, "cycle", cycle.0, "closed", Some("1"), Some("0"))?;
            record(tx, "cycle", cycle.0, "reopen_reason", None, Some(reason))
        })
    }

    /// Why the cycle was last reopened, if it ever was.
    pub fn cycle_reopen_reason(&self, cycle: CycleId) -> Result<Option<String>> {
        Ok(self.conn.query_row(
            "SELECT reopen_reason FROM cycles WHERE id = ?1",
            [cycle.0],
            |r| r.get(0),
        )?)
    }

    /// What the step screens create on their first visit, so they open on a closed cycle.
    fn prepare_for_reading(&mut self, c: &Cycle) -> Result<()> {
        self.meeting(c.id, MeetingKind::AnnualApproval)?;
        if c.makes_medium_term_plan() {
            self.meeting(c.id, MeetingKind::Village1)?;
            self.meeting(c.id, MeetingKind::Village2)?;
            if !self.is_plan_frozen(c.id)? {
                self.prefill_womens_proposal(c.id)?;
            }
        }
        Ok(())
    }

    /// Every cycle of a village, newest year first, each with its plans, the following
    /// year's evaluation of its annual plan and its priority order.
    pub fn village_history(&self, village: VillageId) -> Result<Vec<PastYear>> {
        let cycles = self.cycles(village)?;
        cycles.iter().map(|c| self.past_year(c, &cycles)).collect()
    }

    fn past_year(&self, c: &Cycle, all: &[Cycle]) -> Result<PastYear> {
        let next = all.iter().find(|n| n.year == c.year + 1);
        let reviews: HashMap<AnnualItemId, Review> = match next {
            Some(n) => self
                .last_year_review(n.id)?
                .into_iter()
                .filter_map(|r| r.review.map(|v| (r.item.id, v)))
                .collect(),
            None => HashMap::new(),
        };
        let items = self.annual_items(c.id)?;
        let after = self.after_plan(c.id)?;
        let matrix = self.annual_matrix_rows(c.id)?;
        let ranked = rank_matrix(&matrix);
        let by_part = rank_by_part(&matrix, |key| {
            items.iter().find(|i| i.id.0 == key).map(|i| i.part)
        });
        let rank_of: HashMap<i64, u32> = by_part
            .iter()
            .filter_map(|r| r.rank.map(|k| (r.activity, k)))
            .collect();
        let past_items = items
            .iter()
            .map(|i| PastItem {
                key: i.activity.id.0,
                name: i.activity.fields.name.clone(),
                part: i.part,
                rank: rank_of.get(&i.id.0).copied(),
                evaluated: after.latest_evaluation(i.id).map(|e| e.progress),
                review: reviews.get(&i.id).cloned(),
            })
            .collect();
        Ok(PastYear {
            cycle: c.clone(),
            medium_term: self.medium_term_state(c)?,
            annual_approved: self.is_annual_frozen(c.id)?,
            items: past_items,
            reviewed_in: next.map(|n| n.year),
            ranking: self.year_ranking(c, &items, &draft_ranks(&ranked))?,
            reopen_reason: self.cycle_reopen_reason(c.id)?,
        })
    }

    fn medium_term_state(&self, c: &Cycle) -> Result<MediumTerm> {
        if !c.makes_medium_term_plan() {
            return Ok(MediumTerm::CarriedOver(c.medium_term_start));
        }
        Ok(match self.plan_versions(c.id)?.last() {
            Some(&v) if self.is_plan_frozen(c.id)? => MediumTerm::Approved(v),
            _ => MediumTerm::NotApproved,
        })
    }

    /// The year's priorities: the annual plan's form-4 ranks when it has activities, else
    /// the latest approved medium-term plan's combined ranks, else nothing.
    fn year_ranking(
        &self,
        c: &Cycle,
        items: &[AnnualItem],
        ranks: &[(i64, u32)],
    ) -> Result<YearRanking> {
        if !items.is_empty() {
            let entries = ranks
                .iter()
                .filter_map(|(item, rank)| {
                    let i = items.iter().find(|i| i.id.0 == *item)?;
                    Some(Ranked {
                        key: Some(i.activity.id.0),
                        name: i.activity.fields.name.clone(),
                        rank: *rank,
                    })
                })
                .collect();
            return Ok(YearRanking {
                source: RankSource::AnnualPlan,
                entries,
            });
        }
        let mt = if c.makes_medium_term_plan() {
            Some(c.id)
        } else {
            self.medium_term_cycle(c.id)?.map(|m| m.id)
        };
        let plan = match mt {
            Some(id) => self.latest_plan(id)?,
            None => None,
        };
        Ok(match plan {
            Some(p) => YearRanking {
                source: RankSource::MediumTermPlan { version: p.version },
                entries: p
                    .combined
                    .rows
                    .iter()
                    .zip(&p.activities)
                    .map(|(row, a)| Ranked {
                        key: Some(a.id.0),
                        name: a.fields.name.clone(),
                        rank: row.rank,
                    })
                    .collect(),
            },
            None => YearRanking {
                source: RankSource::Nothing,
                entries: Vec::new(),
            },
        })
    }
}
