//! Step 3 of the annual plan (the village meeting's approval, which freezes it, and
//! reopening), and the start of a new year (reconvening the working group, the next cycle).

use rusqlite::{OptionalExtension, params};

use super::super::audit::record;
use super::super::frozen::{annual_reopen_reason, copy_annual_version};
use super::super::{Result, Store, StoreError};
use super::{
    AnnualApproval, ERR_DATE_REQUIRED, ERR_EMPTY, ERR_MISSING_FIELDS, ERR_NOT_FROZEN,
    ERR_OTHER_VILLAGE, ERR_REASON_REQUIRED, annual_frozen, missing_is_not_found,
    refuse_if_annual_frozen,
};
use crate::domain::{Cycle, CycleId, NewCycle};

impl Store {
    // --- approval (step 3) ----------------------------------------------------------

    /// Records the village meeting's approval, freezes the annual plan and keeps a copy of
    /// it as its next approved version ([`Store::annual_version`]). Refused when
    /// already approved, when the plan is empty, when an activity lacks a plan field, and
    /// without a date.
    pub fn approve_annual(&mut self, cycle: CycleId, a: &AnnualApproval) -> Result<()> {
        let items = self.annual_items(cycle)?;
        if items.is_empty() {
            return Err(StoreError::Refused(ERR_EMPTY));
        }
        if items
            .iter()
            .any(|i| !i.activity.fields.missing_plan_fields().is_empty())
        {
            return Err(StoreError::Refused(ERR_MISSING_FIELDS));
        }
        let date = a.date.trim();
        if date.is_empty() {
            return Err(StoreError::Refused(ERR_DATE_REQUIRED));
        }
        let matrix = self.annual_matrix_rows(cycle)?;
        self.edit(|tx| {
            refuse_if_annual_frozen(tx, cycle)?;
            let reason = annual_reopen_reason(tx, cycle)?;
            tx.execute(
                "INSERT INTO annual_approvals (cycle_id, frozen, date, votes_for, votes_against,
                   abstain, approved_at, reopen_reason)
                 VALUES (?1, 1, ?2, ?3, ?4, ?5,
                   coalesce(nullif(?6, ''), strftime('%Y-%m-%dT%H:%M:%f', 'now')), NULL)
                 ON CONFLICT (cycle_id) DO UPDATE SET frozen = 1, date = excluded.date,
                   votes_for = excluded.votes_for, votes_against = excluded.votes_against,
                   abstain = excluded.abstain, approved_at = excluded.approved_at,
                   reopen_reason = NULL",
                params![
                    cycle.0,
                    date,
                    a.votes_for,
                    a.votes_against,
                    a.abstain,
                    a.approved_at.trim()
                ],
            )
            .map_err(missing_is_not_found)?;
            let votes = format!(
                "{date}: {} for, {} against, {} abstain",
                a.votes_for, a.votes_against, a.abstain
            );
            record(tx, "annual_plan", cycle.0, "approval", None, Some(&votes))?;
            let version = copy_annual_version(tx, cycle, reason, a, &items, &matrix)?;
            record(
                tx,
                "annual_plan",
                cycle.0,
                "version",
                None,
                Some(&version.to_string()),
            )?;
            record(tx, "annual_plan", cycle.0, "frozen", Some("0"), Some("1"))
        })
    }

    /// The approval of the cycle's annual plan while it stands (`None` if not approved or
    /// reopened since).
    pub fn annual_approval(&self, cycle: CycleId) -> Result<Option<AnnualApproval>> {
        Ok(self
            .conn
            .query_row(
                "SELECT date, votes_for, votes_against, abstain, approved_at
                 FROM annual_approvals WHERE cycle_id = ?1 AND frozen = 1",
                [cycle.0],
                |r| {
                    Ok(AnnualApproval {
                        date: r.get(0)?,
                        votes_for: r.get(1)?,
                        votes_against: r.get(2)?,
                        abstain: r.get(3)?,
                        approved_at: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Whether the cycle's annual plan is approved and frozen.
    pub fn is_annual_frozen(&self, cycle: CycleId) -> Result<bool> {
        annual_frozen(&self.conn, cycle)
    }

    /// Reopens an approved annual plan for changes; `reason` is required and audit-logged.
    pub fn reopen_annual(&mut self, cycle: CycleId, reason: &str) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused(ERR_REASON_REQUIRED));
        }
        self.edit(|tx| {
            if !annual_frozen(tx, cycle)? {
                return Err(StoreError::Refused(ERR_NOT_FROZEN));
            }
            tx.execute(
                "UPDATE annual_approvals SET frozen = 0, reopen_reason = ?1 WHERE cycle_id = ?2",
                params![reason, cycle.0],
            )?;
            record(tx, "annual_plan", cycle.0, "frozen", Some("1"), Some("0"))?;
            record(
                tx,
                "annual_plan",
                cycle.0,
                "reopen_reason",
                None,
                Some(reason),
            )
        })
    }

    // --- a new year -----------------------------------------------------------------

    /// Copies the working group's members and leader (and size range) from another cycle
    /// of the same village; members already there stay. Refused once this cycle's group is
    /// finalised. Returns how many members were added.
    pub fn reconvene_working_group(&mut self, cycle: CycleId, from: CycleId) -> Result<usize> {
        if self.cycle(cycle)?.village_id != self.cycle(from)?.village_id {
            return Err(StoreError::Refused(ERR_OTHER_VILLAGE));
        }
        if self.working_group(cycle)?.is_final() {
            return Err(StoreError::Refused("err.wg_final"));
        }
        let source = self.working_group(from)?;
        self.edit(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO working_groups (cycle_id, size_min, size_max)
                 VALUES (?1, ?2, ?3)",
                params![cycle.0, source.range.min as u32, source.range.max as u32],
            )?;
            let mut added = 0;
            for m in &source.members {
                let n = tx.execute(
                    "INSERT OR IGNORE INTO working_group_members (cycle_id, person_id)
                     VALUES (?1, ?2)",
                    params![cycle.0, m.id.0],
                )?;
                if n > 0 {
                    added += 1;
                    let field = format!("person:{}", m.id.0);
                    record(tx, "working_group", cycle.0, &field, None, Some("member"))?;
                }
            }
            if let Some(leader) = source.leader {
                let old: Option<i64> = tx.query_row(
                    "SELECT leader_id FROM working_groups WHERE cycle_id = ?1",
                    [cycle.0],
                    |r| r.get(0),
                )?;
                if old != Some(leader.0) {
                    tx.execute(
                        "UPDATE working_groups SET leader_id = ?1 WHERE cycle_id = ?2",
                        params![leader.0, cycle.0],
                    )?;
                    let show = |p: Option<i64>| p.map(|p| p.to_string());
                    record(
                        tx,
                        "working_group",
                        cycle.0,
                        "leader",
                        show(old).as_deref(),
                        show(Some(leader.0)).as_deref(),
                    )?;
                }
            }
            let note = format!("from cycle {}", from.0);
            record(
                tx,
                "working_group",
                cycle.0,
                "reconvened",
                None,
                Some(&note),
            )?;
            Ok(added)
        })
    }

    /// Creates the village's cycle for the following year. The medium-term plan carries
    /// over while its period lasts (else the new cycle starts a new period of the same
    /// length); refused with `err.cycle_year_taken` if that year exists.
    pub fn create_next_cycle(&mut self, from: CycleId) -> Result<Cycle> {
        let c = self.cycle(from)?;
        self.create_cycle(&NewCycle {
            village_id: c.village_id,
            year: c.year + 1,
            medium_term_span: c.medium_term_span,
        })
    }
}
