//! Step 1 of the annual plan: this year's review of last year's activities and the year's
//! general review.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::super::audit::record;
use super::super::{Result, Store, StoreError};
use super::{ERR_BAD_REVIEW, ERR_NOT_LAST_YEAR, ReviewRow, missing_is_not_found, read_head};
use crate::domain::CycleId;
use crate::domain::annual::{
    AnnualItemId, Progress, Quality, Review, Source, Spending, YearSummary, totals_by_source,
};

pub(crate) const REVIEW_COLUMNS: &str = "progress, percent, quality, state_vnd, donor_vnd, \
     people_money_vnd, people_labour_days, people_land_m2, people_materials_vnd, management, impact";

impl Store {
    // --- review of last year (step 1) -----------------------------------------------

    /// The items of the village's previous-year annual plan, each with this cycle's review
    /// of it (empty when there is no previous-year cycle).
    pub fn last_year_review(&self, cycle: CycleId) -> Result<Vec<ReviewRow>> {
        let Some(prev) = self.previous_cycle(cycle)? else {
            return Ok(Vec::new());
        };
        self.annual_items(prev.id)?
            .into_iter()
            .map(|item| {
                let review = read_review(&self.conn, cycle, item.id)?;
                Ok(ReviewRow { item, review })
            })
            .collect()
    }

    /// Records (or replaces) this cycle's review of an item of last year's plan; allowed
    /// also when last year's plan is approved. Refused for items of other years.
    pub fn set_review(
        &mut self,
        cycle: CycleId,
        item: AnnualItemId,
        review: &Review,
    ) -> Result<()> {
        let prev = self.previous_cycle(cycle)?.map(|c| c.id);
        check_review(review)?;
        self.edit(|tx| {
            let head = read_head(tx, item)?;
            if Some(head.cycle_id) != prev {
                return Err(StoreError::Refused(ERR_NOT_LAST_YEAR));
            }
            let old = read_review(tx, cycle, item)?;
            let s = &review.spending;
            tx.execute(
                "INSERT INTO annual_reviews (cycle_id, item_id, progress, percent, quality,
                   state_vnd, donor_vnd, people_money_vnd, people_labour_days, people_land_m2,
                   people_materials_vnd, management, impact)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (cycle_id, item_id) DO UPDATE SET progress = excluded.progress,
                   percent = excluded.percent, quality = excluded.quality,
                   state_vnd = excluded.state_vnd, donor_vnd = excluded.donor_vnd,
                   people_money_vnd = excluded.people_money_vnd,
                   people_labour_days = excluded.people_labour_days,
                   people_land_m2 = excluded.people_land_m2,
                   people_materials_vnd = excluded.people_materials_vnd,
                   management = excluded.management, impact = excluded.impact",
                params![
                    cycle.0,
                    item.0,
                    review.progress.code(),
                    review.percent,
                    review.quality.map(Quality::code),
                    s.state,
                    s.donor,
                    s.people_money,
                    s.people_labour_days,
                    s.people_land_m2,
                    s.people_materials_vnd,
                    review.management,
                    review.impact,
                ],
            )
            .map_err(missing_is_not_found)?;
            let before = old.as_ref().map(review_fields);
            for (i, (field, after)) in review_fields(review).into_iter().enumerate() {
                let b = before
                    .as_ref()
                    .and_then(|f| f.get(i))
                    .map(|(_, v)| v.clone());
                if b.as_ref() != Some(&after) {
                    let entity_field = format!("item:{}.{field}", item.0);
                    record(
                        tx,
                        "annual_review",
                        cycle.0,
                        &entity_field,
                        b.as_deref(),
                        Some(&after),
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Totals by source of this cycle's reviews of last year's activities.
    pub fn review_totals(&self, cycle: CycleId) -> Result<Spending> {
        let spending: Vec<Spending> = self
            .last_year_review(cycle)?
            .into_iter()
            .filter_map(|r| r.review.map(|r| r.spending))
            .collect();
        Ok(totals_by_source(&spending))
    }

    /// The year's general review (empty texts until written).
    pub fn year_summary(&self, cycle: CycleId) -> Result<YearSummary> {
        read_summary(&self.conn, cycle)
    }

    /// Writes the year's general review; each changed text is audit-logged.
    pub fn set_year_summary(&mut self, cycle: CycleId, s: &YearSummary) -> Result<()> {
        self.edit(|tx| {
            let old = read_summary(tx, cycle)?;
            tx.execute(
                "INSERT INTO annual_summaries (cycle_id, advantages, difficulties,
                   production_results) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (cycle_id) DO UPDATE SET advantages = excluded.advantages,
                   difficulties = excluded.difficulties,
                   production_results = excluded.production_results",
                params![cycle.0, s.advantages, s.difficulties, s.production_results],
            )
            .map_err(missing_is_not_found)?;
            let changes = [
                ("advantages", &old.advantages, &s.advantages),
                ("difficulties", &old.difficulties, &s.difficulties),
                (
                    "production_results",
                    &old.production_results,
                    &s.production_results,
                ),
            ];
            for (field, before, after) in changes.into_iter().filter(|(_, b, a)| b != a) {
                record(
                    tx,
                    "annual_summary",
                    cycle.0,
                    field,
                    Some(before),
                    Some(after),
                )?;
            }
            Ok(())
        })
    }
}

/// Refuses a review whose figures the form could not have produced.
fn check_review(review: &Review) -> Result<()> {
    let negative = Source::ALL.iter().any(|s| review.spending.get(*s) < 0);
    if review.percent > 100 || negative {
        Err(StoreError::Refused(ERR_BAD_REVIEW))
    } else {
        Ok(())
    }
}

fn read_review(conn: &Connection, cycle: CycleId, item: AnnualItemId) -> Result<Option<Review>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {REVIEW_COLUMNS} FROM annual_reviews WHERE cycle_id = ?1 AND item_id = ?2"
            ),
            params![cycle.0, item.0],
            review_row,
        )
        .optional()?)
}

pub(crate) fn review_row(r: &Row) -> rusqlite::Result<Review> {
    let progress: String = r.get(0)?;
    let quality: Option<String> = r.get(2)?;
    Ok(Review {
        progress: Progress::from_code(&progress).unwrap_or(Progress::NotStarted),
        percent: r.get(1)?,
        quality: quality.as_deref().and_then(Quality::from_code),
        spending: Spending {
            state: r.get(3)?,
            donor: r.get(4)?,
            people_money: r.get(5)?,
            people_labour_days: r.get(6)?,
            people_land_m2: r.get(7)?,
            people_materials_vnd: r.get(8)?,
        },
        management: r.get(9)?,
        impact: r.get(10)?,
    })
}

/// Each stored field of a review as audit text.
fn review_fields(r: &Review) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("progress", r.progress.code().to_string()),
        ("percent", r.percent.to_string()),
        (
            "quality",
            r.quality.map(Quality::code).unwrap_or("").to_string(),
        ),
    ];
    fields.extend(
        Source::ALL
            .iter()
            .map(|s| (s.code(), r.spending.get(*s).to_string())),
    );
    fields.push(("management", r.management.clone()));
    fields.push(("impact", r.impact.clone()));
    fields
}

fn read_summary(conn: &Connection, cycle: CycleId) -> Result<YearSummary> {
    Ok(conn
        .query_row(
            "SELECT advantages, difficulties, production_results FROM annual_summaries
             WHERE cycle_id = ?1",
            [cycle.0],
            |r| {
                Ok(YearSummary {
                    advantages: r.get(0)?,
                    difficulties: r.get(1)?,
                    production_results: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}
