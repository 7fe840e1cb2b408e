//! The village annual plan (20-30 May): step 1 reviews last year's plan, step 2 selects
//! this year's activities into part 1 and part 2 and scores them (form 4), step 3 records
//! the village meeting's approval, which freezes the selection and its scores.
//!
//! Rules kept here: part 2 holds at most [`MAX_PART_TWO`] activities unless a written
//! reason overrides the limit; an activity is selected once per year; a new activity (not
//! in the medium-term plan) needs a reason; approval needs every plan field filled in;
//! while approved, selection and scores are refused until reopened with a reason. Reviews
//! stay editable (they are this year's record, also used for the commune's evaluations).
//!
//! New activities are stored as activities of the annual cycle; selected medium-term
//! activities are referenced, so an item shows the activity's current fields.

mod approval;
pub(crate) mod review;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::assessment::{activity_in, missing_is_not_found};
use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::activity::{Activity, ActivityId, ValidActivity};
use crate::domain::annual::{
    AnnualItemId, MAX_PART_TWO, Part, Review, can_add_with_override, override_allowed,
};
use crate::domain::cycle::AnnualProgress;
use crate::domain::scoring::{Criterion, MatrixRow, draft_ranks, rank_matrix};
use crate::domain::{Cycle, CycleId};

/// Refused: the annual plan is approved and frozen.
pub const ERR_FROZEN: &str = "annual.err.frozen";
/// Refused: part 2 is full and no reason was written.
pub const ERR_PART_TWO_FULL: &str = "annual.err.part_two_full";
/// Refused: the activity is already in this year's plan.
pub const ERR_ALREADY_SELECTED: &str = "annual.err.already_selected";
/// Refused: a new activity needs a reason.
pub const ERR_NEW_REASON: &str = "annual.err.new_reason_required";
/// Refused: the activity is not one of the medium-term plan's (or this year's).
pub const ERR_NOT_IN_PLAN: &str = "annual.err.not_in_plan";
/// Refused: the item is not in the previous year's annual plan of this village.
pub const ERR_NOT_LAST_YEAR: &str = "annual.err.not_last_year";
/// Refused: approval needs at least one activity.
pub const ERR_EMPTY: &str = "annual.err.empty";
/// Refused: an activity lacks quantity, time, place, responsibility or contribution.
pub const ERR_MISSING_FIELDS: &str = "annual.err.missing_fields";
/// Refused: the approval date is blank.
pub const ERR_DATE_REQUIRED: &str = "annual.err.date_required";
/// Refused: reopening a plan that is not approved.
pub const ERR_NOT_FROZEN: &str = "annual.err.not_frozen";
/// Refused: reopening needs a reason.
pub const ERR_REASON_REQUIRED: &str = "annual.err.reason_required";
/// Refused: the item was reviewed by the following year, so it cannot be removed.
pub const ERR_ITEM_REVIEWED: &str = "annual.err.item_reviewed";
/// Refused: the two cycles belong to different villages.
pub const ERR_OTHER_VILLAGE: &str = "annual.err.other_village";
/// Refused: a review figure is out of range (percent above 100 or a negative amount).
pub const ERR_BAD_REVIEW: &str = "annual.err.bad_review";

/// Every refusal key of this module (for the i18n key test).
pub const ERROR_KEYS: [&str; 15] = [
    ERR_FROZEN,
    ERR_PART_TWO_FULL,
    ERR_ALREADY_SELECTED,
    ERR_NEW_REASON,
    ERR_NOT_IN_PLAN,
    ERR_NOT_LAST_YEAR,
    ERR_EMPTY,
    ERR_MISSING_FIELDS,
    ERR_DATE_REQUIRED,
    ERR_NOT_FROZEN,
    ERR_REASON_REQUIRED,
    ERR_ITEM_REVIEWED,
    ERR_OTHER_VILLAGE,
    ERR_BAD_REVIEW,
    "store.err.score_outside_scale",
];

/// One activity of a cycle's annual plan.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnualItem {
    /// Database identifier of the item (the key of [`Store::annual_matrix_rows`]).
    pub id: AnnualItemId,
    /// The cycle whose annual plan holds it.
    pub cycle_id: CycleId,
    /// The activity with its current fields.
    pub activity: Activity,
    /// Part 1 (village's own means) or part 2 (asks commune or district budget).
    pub part: Part,
    /// Why a new activity, not in the medium-term plan, was added.
    pub added_reason: Option<String>,
    /// Why a part-2 activity beyond the limit of two was accepted.
    pub override_reason: Option<String>,
}

impl AnnualItem {
    /// Whether the activity was added new (not from the medium-term plan).
    pub fn is_new(&self) -> bool {
        self.added_reason.is_some()
    }
}

/// One item of last year's annual plan with this year's review of it, if done.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    /// The item of last year's plan.
    pub item: AnnualItem,
    /// This cycle's review of it.
    pub review: Option<Review>,
}

/// The village meeting's approval of the annual plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnnualApproval {
    /// Date of the meeting, as typed.
    pub date: String,
    /// Votes for.
    pub votes_for: u32,
    /// Votes against.
    pub votes_against: u32,
    /// Abstentions.
    pub abstain: u32,
    /// When the approval was recorded (UTC, ISO 8601); filled in by the store when blank.
    pub approved_at: String,
}

const ITEM_COLUMNS: &str = "id, cycle_id, activity_id, part, added_reason, override_reason";

/// An item row before its activity is read.
struct ItemHead {
    id: AnnualItemId,
    cycle_id: CycleId,
    activity: ActivityId,
    part: Part,
    added_reason: Option<String>,
    override_reason: Option<String>,
}

impl Store {
    // --- the medium-term plan as the starting point ---------------------------------

    /// The cycle that made the medium-term plan this cycle serves (same village, year ==
    /// `medium_term_start`), if it exists.
    pub fn medium_term_cycle(&self, cycle: CycleId) -> Result<Option<Cycle>> {
        let c = self.cycle(cycle)?;
        Ok(self
            .cycles(c.village_id)?
            .into_iter()
            .find(|m| m.year == c.medium_term_start))
    }

    /// The cycle of the same village one year earlier, if it exists.
    pub fn previous_cycle(&self, cycle: CycleId) -> Result<Option<Cycle>> {
        let c = self.cycle(cycle)?;
        Ok(self
            .cycles(c.village_id)?
            .into_iter()
            .find(|p| p.year == c.year - 1))
    }

    /// The medium-term activities in official priority order (combined rank of the latest
    /// approved plan; if none is approved yet, the draft rank from the working group's
    /// matrix), for the cycle's medium-term period. Activities show their current fields
    /// (the approved copy if the activity was since deleted). Empty when the cycle that
    /// starts the period does not exist.
    pub fn medium_term_priorities(&self, cycle: CycleId) -> Result<Vec<(u32, Activity)>> {
        let Some(mt) = self.medium_term_cycle(cycle)? else {
            return Ok(Vec::new());
        };
        if let Some(plan) = self.latest_plan(mt.id)? {
            let mut rows: Vec<(u32, usize, Activity)> = plan
                .combined
                .rows
                .iter()
                .zip(plan.activities)
                .enumerate()
                .map(|(seq, (row, approved))| {
                    let current = self.activity(approved.id).unwrap_or(approved);
                    (row.rank, seq, current)
                })
                .collect();
            rows.sort_by_key(|(rank, seq, _)| (*rank, *seq));
            return Ok(rows.into_iter().map(|(rank, _, a)| (rank, a)).collect());
        }
        let new_ids = new_activity_ids(&self.conn, mt.id)?;
        let rows: Vec<MatrixRow> = self
            .matrix_rows(mt.id)?
            .into_iter()
            .filter(|r| !new_ids.contains(&r.activity))
            .collect();
        draft_ranks(&rank_matrix(&rows))
            .into_iter()
            .map(|(key, rank)| Ok((rank, self.activity(ActivityId(key))?)))
            .collect()
    }

    // --- selection (step 2) ---------------------------------------------------------

    /// The cycle's annual plan, in the order selected.
    pub fn annual_items(&self, cycle: CycleId) -> Result<Vec<AnnualItem>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ITEM_COLUMNS} FROM annual_items WHERE cycle_id = ?1 ORDER BY id"
        ))?;
        let heads: Vec<ItemHead> = stmt
            .query_map([cycle.0], item_head)?
            .collect::<rusqlite::Result<_>>()?;
        heads
            .into_iter()
            .map(|h| with_activity(&self.conn, h))
            .collect()
    }

    /// One item of an annual plan.
    pub fn annual_item(&self, item: AnnualItemId) -> Result<AnnualItem> {
        with_activity(&self.conn, read_head(&self.conn, item)?)
    }

    /// Selects a medium-term activity (or one of this year's) into the annual plan.
    /// Refused: a third part-2 activity without a reason (`annual.err.part_two_full`), the
    /// same activity twice, an activity outside the plan, and while approved.
    pub fn select_for_annual(
        &mut self,
        cycle: CycleId,
        activity: ActivityId,
        part: Part,
        override_reason: Option<&str>,
    ) -> Result<AnnualItemId> {
        let mt = self.medium_term_cycle(cycle)?.map(|c| c.id);
        self.edit(|tx| {
            refuse_if_annual_frozen(tx, cycle)?;
            let (a, merged) = activity_in(tx, activity)?;
            if merged.is_some() {
                return Err(StoreError::Refused("store.err.activity_merged"));
            }
            if a.cycle_id != cycle && Some(a.cycle_id) != mt {
                return Err(StoreError::Refused(ERR_NOT_IN_PLAN));
            }
            insert_item(tx, cycle, activity, part, None, override_reason)
        })
    }

    /// Adds a new activity (not in the medium-term plan) to the annual plan; `reason`
    /// (why it is truly needed) is required. The activity is stored under this cycle.
    pub fn add_new_annual_activity(
        &mut self,
        cycle: CycleId,
        a: &ValidActivity,
        part: Part,
        reason: &str,
        override_reason: Option<&str>,
    ) -> Result<AnnualItemId> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::Refused(ERR_NEW_REASON));
        }
        let mut fields = a.clone();
        fields.subgroup_id = None;
        self.edit(|tx| {
            refuse_if_annual_frozen(tx, cycle)?;
            refuse_part_two(tx, cycle, part, None, override_reason)?;
            tx.execute(
                "INSERT INTO activities (cycle_id, name, sector, category) VALUES (?1, '', '', ?2)",
                params![cycle.0, fields.category.code()],
            )
            .map_err(missing_is_not_found)?;
            let id = tx.last_insert_rowid();
            super::assessment::write_activity(tx, id, &fields)?;
            record(tx, "activity", id, "*", None, Some(&fields.name))?;
            insert_item(
                tx,
                cycle,
                ActivityId(id),
                part,
                Some(reason),
                override_reason,
            )
        })
    }

    /// Moves an item to part 1 or part 2 (the part-2 limit applies as when selecting).
    pub fn set_annual_part(
        &mut self,
        item: AnnualItemId,
        part: Part,
        override_reason: Option<&str>,
    ) -> Result<()> {
        self.edit(|tx| {
            let head = read_head(tx, item)?;
            refuse_if_annual_frozen(tx, head.cycle_id)?;
            if head.part == part {
                return Ok(());
            }
            let kept = refuse_part_two(tx, head.cycle_id, part, Some(item), override_reason)?;
            tx.execute(
                "UPDATE annual_items SET part = ?1, override_reason = ?2 WHERE id = ?3",
                params![part.code(), kept, item.0],
            )?;
            record(
                tx,
                "annual_item",
                item.0,
                "part",
                Some(head.part.code()),
                Some(part.code()),
            )?;
            if head.override_reason.as_deref() != kept {
                record(
                    tx,
                    "annual_item",
                    item.0,
                    "override_reason",
                    head.override_reason.as_deref(),
                    kept,
                )?;
            }
            Ok(())
        })
    }

    /// Removes an item with its scores (a new activity is deleted with it). Refused while
    /// approved and once the following year has reviewed it.
    pub fn remove_annual_item(&mut self, item: AnnualItemId) -> Result<()> {
        self.edit(|tx| {
            let head = read_head(tx, item)?;
            refuse_if_annual_frozen(tx, head.cycle_id)?;
            let reviewed: bool = tx.query_row(
                "SELECT count(*) > 0 FROM annual_reviews WHERE item_id = ?1",
                [item.0],
                |r| r.get(0),
            )?;
            if reviewed {
                return Err(StoreError::Refused(ERR_ITEM_REVIEWED));
            }
            let name: String = tx.query_row(
                "SELECT name FROM activities WHERE id = ?1",
                [head.activity.0],
                |r| r.get(0),
            )?;
            tx.execute("DELETE FROM annual_items WHERE id = ?1", [item.0])?;
            record(tx, "annual_item", item.0, "*", Some(&name), None)?;
            if head.added_reason.is_some() {
                tx.execute("DELETE FROM activities WHERE id = ?1", [head.activity.0])?;
                record(tx, "activity", head.activity.0, "*", Some(&name), None)?;
            }
            Ok(())
        })
    }

    /// Sets (or clears) one form-4 criterion score of an item, within the cycle's scale.
    pub fn set_annual_score(
        &mut self,
        item: AnnualItemId,
        criterion: Criterion,
        score: Option<u8>,
    ) -> Result<()> {
        let cycle = read_head(&self.conn, item)?.cycle_id;
        let scale = self.scoring_settings(cycle)?.scale;
        if score.is_some_and(|s| !scale.contains(s)) {
            return Err(StoreError::Refused("store.err.score_outside_scale"));
        }
        self.edit(|tx| {
            refuse_if_annual_frozen(tx, cycle)?;
            let old: Option<u8> = tx
                .query_row(
                    "SELECT score FROM annual_scores WHERE item_id = ?1 AND criterion = ?2",
                    params![item.0, criterion.code()],
                    |r| r.get(0),
                )
                .optional()?;
            if old == score {
                return Ok(());
            }
            match score {
                Some(s) => tx.execute(
                    "INSERT INTO annual_scores (item_id, criterion, score) VALUES (?1, ?2, ?3)
                     ON CONFLICT (item_id, criterion) DO UPDATE SET score = excluded.score",
                    params![item.0, criterion.code(), s],
                )?,
                None => tx.execute(
                    "DELETE FROM annual_scores WHERE item_id = ?1 AND criterion = ?2",
                    params![item.0, criterion.code()],
                )?,
            };
            let show = |s: Option<u8>| s.map(|s| s.to_string());
            record(
                tx,
                "annual_item",
                item.0,
                &format!("score.{}", criterion.code()),
                show(old).as_deref(),
                show(score).as_deref(),
            )
        })
    }

    /// The form-4 matrix: one row per item, in the order selected, keyed by item id.
    pub fn annual_matrix_rows(&self, cycle: CycleId) -> Result<Vec<MatrixRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, s.criterion, s.score FROM annual_items i
             LEFT JOIN annual_scores s ON s.item_id = i.id
             WHERE i.cycle_id = ?1 ORDER BY i.id",
        )?;
        super::prioritisation::matrix_from_cells(&mut stmt, cycle)
    }

    // --- facts ----------------------------------------------------------------------

    /// Counts for the workflow: items in part 1, items in part 2, last year's items
    /// reviewed by this cycle, last year's items, and whether approved.
    pub fn annual_counts(&self, cycle: CycleId) -> Result<AnnualProgress> {
        let (part_one, part_two, reviews) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM annual_items WHERE cycle_id = ?1 AND part = 'part1'),
                    (SELECT count(*) FROM annual_items WHERE cycle_id = ?1 AND part = 'part2'),
                    (SELECT count(*) FROM annual_reviews WHERE cycle_id = ?1)",
            [cycle.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let last_year_items = match self.previous_cycle(cycle)? {
            Some(prev) => self.conn.query_row(
                "SELECT count(*) FROM annual_items WHERE cycle_id = ?1",
                [prev.id.0],
                |r| r.get(0),
            )?,
            None => 0,
        };
        Ok(AnnualProgress {
            part_one,
            part_two,
            reviews,
            last_year_items,
            approved: annual_frozen(&self.conn, cycle)?,
        })
    }
}

fn annual_frozen(conn: &Connection, cycle: CycleId) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT frozen FROM annual_approvals WHERE cycle_id = ?1",
            [cycle.0],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

fn refuse_if_annual_frozen(conn: &Connection, cycle: CycleId) -> Result<()> {
    if annual_frozen(conn, cycle)? {
        Err(StoreError::Refused(ERR_FROZEN))
    } else {
        Ok(())
    }
}

/// Checks the part-2 limit for putting an item (`moving`, or a new one) into `part`;
/// returns the override reason to keep (only when it was needed).
fn refuse_part_two<'a>(
    tx: &Connection,
    cycle: CycleId,
    part: Part,
    moving: Option<AnnualItemId>,
    override_reason: Option<&'a str>,
) -> Result<Option<&'a str>> {
    if part != Part::Two {
        return Ok(None);
    }
    let current: u32 = tx.query_row(
        "SELECT count(*) FROM annual_items WHERE cycle_id = ?1 AND part = 'part2'
           AND id IS NOT ?2",
        params![cycle.0, moving.map(|i| i.0)],
        |r| r.get(0),
    )?;
    let current = current as usize;
    let reason = override_reason.map(str::trim).unwrap_or("");
    can_add_with_override(current, reason).map_err(|_| StoreError::Refused(ERR_PART_TWO_FULL))?;
    Ok((current >= MAX_PART_TWO && override_allowed(reason)).then_some(reason))
}

fn insert_item(
    tx: &Connection,
    cycle: CycleId,
    activity: ActivityId,
    part: Part,
    added_reason: Option<&str>,
    override_reason: Option<&str>,
) -> Result<AnnualItemId> {
    let taken: bool = tx.query_row(
        "SELECT count(*) > 0 FROM annual_items WHERE cycle_id = ?1 AND activity_id = ?2",
        params![cycle.0, activity.0],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::Refused(ERR_ALREADY_SELECTED));
    }
    let kept = refuse_part_two(tx, cycle, part, None, override_reason)?;
    tx.execute(
        "INSERT INTO annual_items (cycle_id, activity_id, part, added_reason, override_reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![cycle.0, activity.0, part.code(), added_reason, kept],
    )
    .map_err(missing_is_not_found)?;
    let id = tx.last_insert_rowid();
    record(
        tx,
        "annual_item",
        id,
        "*",
        None,
        Some(&format!("activity:{} {}", activity.0, part.code())),
    )?;
    if let Some(r) = added_reason {
        record(tx, "annual_item", id, "added_reason", None, Some(r))?;
    }
    if let Some(r) = kept {
        record(tx, "annual_item", id, "override_reason", None, Some(r))?;
    }
    Ok(AnnualItemId(id))
}

/// Activities of a cycle that were added new to an annual plan (not medium-term ones).
fn new_activity_ids(conn: &Connection, cycle: CycleId) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT a.id FROM activities a JOIN annual_items i ON i.activity_id = a.id
         WHERE a.cycle_id = ?1 AND i.added_reason IS NOT NULL",
    )?;
    let rows = stmt.query_map([cycle.0], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn item_head(r: &Row) -> rusqlite::Result<ItemHead> {
    let part: String = r.get(3)?;
    Ok(ItemHead {
        id: AnnualItemId(r.get(0)?),
        cycle_id: CycleId(r.get(1)?),
        activity: ActivityId(r.get(2)?),
        part: Part::from_code(&part).unwrap_or(Part::One),
        added_reason: r.get(4)?,
        override_reason: r.get(5)?,
    })
}

fn read_head(conn: &Connection, item: AnnualItemId) -> Result<ItemHead> {
    Ok(conn.query_row(
        &format!("SELECT {ITEM_COLUMNS} FROM annual_items WHERE id = ?1"),
        [item.0],
        item_head,
    )?)
}

fn with_activity(conn: &Connection, h: ItemHead) -> Result<AnnualItem> {
    let (activity, _) = activity_in(conn, h.activity)?;
    Ok(AnnualItem {
        id: h.id,
        cycle_id: h.cycle_id,
        activity,
        part: h.part,
        added_reason: h.added_reason,
        override_reason: h.override_reason,
    })
}
