//! The scoring, plan and annual parts of a [`CycleRecord`](crate::domain::record::CycleRecord).

use rusqlite::{OptionalExtension, Row};

use super::super::annual::review::{REVIEW_COLUMNS, review_row};
use super::super::prioritisation::plan::combined_row;
use super::super::{Result, Store, StoreError};
use crate::domain::Cycle;
use crate::domain::activity::{ActivityId, ValidActivity};
use crate::domain::annual::{AnnualItemId, Part, YearSummary};
use crate::domain::record::{
    AnnualItemRecord, AnnualRecord, ApprovalRecord, CarriedPlan, GroupRecord, LastYearPlan,
    PlanRowRecord, PlanVersionRecord, ReviewRecord, ScoringRecord, ScoringSettingsRecord,
    VoteEntry,
};
use crate::domain::scoring::{Group, InputMode, Method};

const ACTIVITIES_OF_CYCLE: &str = "SELECT id FROM activities WHERE cycle_id = ?1";
const ITEMS_OF_CYCLE: &str = "SELECT id FROM annual_items WHERE cycle_id = ?1";

impl Store {
    pub(super) fn scoring_record(&self, cycle: i64) -> Result<ScoringRecord> {
        let settings = self
            .conn
            .query_row(
                "SELECT scale_min, scale_max, method, men_mode, women_mode, locked,
                        plan_frozen, reopen_reason
                 FROM scoring_settings WHERE cycle_id = ?1",
                [cycle],
                |r| {
                    let method: String = r.get(2)?;
                    let men: String = r.get(3)?;
                    let women: String = r.get(4)?;
                    Ok(ScoringSettingsRecord {
                        scale_min: r.get(0)?,
                        scale_max: r.get(1)?,
                        method: Method::from_code(&method).unwrap_or_default(),
                        men_mode: InputMode::from_code(&men).unwrap_or_default(),
                        women_mode: InputMode::from_code(&women).unwrap_or_default(),
                        locked: r.get(5)?,
                        plan_frozen: r.get(6)?,
                        reopen_reason: r.get(7)?,
                    })
                },
            )
            .optional()?;
        Ok(ScoringRecord {
            settings,
            matrix: self.cell_scores("matrix_scores", "activity_id", ACTIVITIES_OF_CYCLE, cycle)?,
            groups: self.group_records(cycle)?,
            entries: self.rows(
                "SELECT grp, activity_id, votes, position FROM meeting2_entries
                 WHERE cycle_id = ?1 ORDER BY grp, activity_id",
                cycle,
                |r| {
                    Ok(VoteEntry {
                        group: group(r, 0)?,
                        activity: ActivityId(r.get(1)?),
                        votes: r.get(2)?,
                        position: r.get(3)?,
                    })
                },
            )?,
        })
    }

    fn group_records(&self, cycle: i64) -> Result<Vec<GroupRecord>> {
        self.rows(
            "SELECT grp, members, votes_each, recorder FROM meeting2_groups
             WHERE cycle_id = ?1 ORDER BY grp",
            cycle,
            |r| {
                Ok(GroupRecord {
                    group: group(r, 0)?,
                    members: r.get(1)?,
                    votes_each: r.get(2)?,
                    recorder: r.get(3)?,
                })
            },
        )
    }

    pub(super) fn plan_version_records(&self, cycle: i64) -> Result<Vec<PlanVersionRecord>> {
        let heads = self.rows(
            "SELECT id, version, approved_at, method, change_reason FROM plan_versions
             WHERE cycle_id = ?1 ORDER BY version",
            cycle,
            |r| {
                let method: String = r.get(3)?;
                Ok(PlanVersionRecord {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    approved_at: r.get(2)?,
                    method: Method::from_code(&method).unwrap_or_default(),
                    change_reason: r.get(4)?,
                    rows: Vec::new(),
                })
            },
        )?;
        heads
            .into_iter()
            .map(|mut v| {
                let raw = self.rows(
                    "SELECT activity_id, men_points, women_points, men_rank, women_rank,
                            draft_rank, score, rank, tied, tie_break, rank_gap, men_top_only,
                            women_top_only, activity_json, seq, activity_name
                     FROM plan_rows WHERE version_id = ?1 ORDER BY seq",
                    v.id,
                    |r| {
                        Ok((
                            combined_row(r)?,
                            r.get::<_, String>(13)?,
                            r.get(14)?,
                            r.get(15)?,
                        ))
                    },
                )?;
                v.rows = raw
                    .into_iter()
                    .map(|(ranks, json, seq, activity_name)| {
                        let activity: ValidActivity = serde_json::from_str(&json)
                            .map_err(|e| StoreError::Sqlite(format!("plan row: {e}")))?;
                        Ok(PlanRowRecord {
                            seq,
                            activity_name,
                            activity,
                            ranks,
                        })
                    })
                    .collect::<Result<_>>()?;
                Ok(v)
            })
            .collect()
    }

    /// The plan of the cycle that started the period, when that is another cycle.
    pub(super) fn carried_plan(&self, cycle: &Cycle) -> Result<Option<CarriedPlan>> {
        let Some(made_in) = self.medium_term_cycle(cycle.id)? else {
            return Ok(None);
        };
        if made_in.id == cycle.id {
            return Ok(None);
        }
        Ok(Some(CarriedPlan {
            cycle_id: made_in.id.0,
            year: made_in.year,
            groups: self.group_records(made_in.id.0)?,
            versions: self.plan_version_records(made_in.id.0)?,
        }))
    }

    pub(super) fn annual_record(&self, cycle: i64) -> Result<AnnualRecord> {
        Ok(AnnualRecord {
            items: self.item_records(cycle)?,
            carried_activities: self.activity_records(
                "cycle_id <> ?1 AND id IN (SELECT activity_id FROM annual_items WHERE cycle_id = ?1)",
                cycle,
            )?,
            scores: self.cell_scores("annual_scores", "item_id", ITEMS_OF_CYCLE, cycle)?,
            reviews: self.rows(
                &format!(
                    "SELECT {REVIEW_COLUMNS}, item_id FROM annual_reviews WHERE cycle_id = ?1
                     ORDER BY item_id"
                ),
                cycle,
                |r| {
                    Ok(ReviewRecord {
                        item: AnnualItemId(r.get(REVIEW_COLUMNS.split(',').count())?),
                        review: review_row(r)?,
                    })
                },
            )?,
            summary: self
                .conn
                .query_row(
                    "SELECT advantages, difficulties, production_results FROM annual_summaries
                     WHERE cycle_id = ?1",
                    [cycle],
                    |r| {
                        Ok(YearSummary {
                            advantages: r.get(0)?,
                            difficulties: r.get(1)?,
                            production_results: r.get(2)?,
                        })
                    },
                )
                .optional()?,
            approval: self
                .conn
                .query_row(
                    "SELECT frozen, date, votes_for, votes_against, abstain, approved_at,
                            reopen_reason,
                            (SELECT coalesce(max(version), 0) FROM annual_versions
                             WHERE cycle_id = ?1)
                     FROM annual_approvals WHERE cycle_id = ?1",
                    [cycle],
                    |r| {
                        Ok(ApprovalRecord {
                            frozen: r.get(0)?,
                            date: r.get(1)?,
                            votes_for: r.get(2)?,
                            votes_against: r.get(3)?,
                            abstain: r.get(4)?,
                            approved_at: r.get(5)?,
                            reopen_reason: r.get(6)?,
                            version: r.get(7)?,
                        })
                    },
                )
                .optional()?,
        })
    }

    fn item_records(&self, cycle: i64) -> Result<Vec<AnnualItemRecord>> {
        self.rows(
            "SELECT id, activity_id, part, added_reason, override_reason FROM annual_items
             WHERE cycle_id = ?1 ORDER BY id",
            cycle,
            |r| {
                let part: String = r.get(2)?;
                Ok(AnnualItemRecord {
                    id: AnnualItemId(r.get(0)?),
                    activity: ActivityId(r.get(1)?),
                    part: Part::from_code(&part).unwrap_or(Part::One),
                    added_reason: r.get(3)?,
                    override_reason: r.get(4)?,
                })
            },
        )
    }

    /// Last year's annual plan, when last year's cycle selected any activity.
    pub(super) fn last_year_plan(&self, cycle: &Cycle) -> Result<Option<LastYearPlan>> {
        let Some(prev) = self.previous_cycle(cycle.id)? else {
            return Ok(None);
        };
        let items = self.item_records(prev.id.0)?;
        if items.is_empty() {
            return Ok(None);
        }
        Ok(Some(LastYearPlan {
            cycle_id: prev.id.0,
            year: prev.year,
            items,
            activities: self.activity_records(
                "id IN (SELECT activity_id FROM annual_items WHERE cycle_id = ?1)",
                prev.id.0,
            )?,
            after: super::super::after_plan::read_after_plan(&self.conn, prev.id)?,
        }))
    }
}

fn group(r: &Row, idx: usize) -> rusqlite::Result<Group> {
    let code: String = r.get(idx)?;
    Ok(Group::from_code(&code).unwrap_or(Group::Men))
}
