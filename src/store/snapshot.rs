//! The export snapshot of one cycle, built from the store's read functions only.

use super::Facilitator;
use super::{Result, Store};
use crate::domain::annual::{Part, rank_by_part};
use crate::domain::scoring::{Group, MatrixRow, RankedRow, rank_matrix};
use crate::domain::{Cycle, CycleId, MeetingKind};
use crate::export::snapshot::{
    AnnualPlanRecord, AnnualPlanRow, ApprovalRecord, AttendanceCounts, AttendeeRow, Composition,
    CycleSnapshot, FacilitatorRow, FigureRow, GroupRecord, MeetingRecord, MemberRow, OfficialPlan,
    ReviewRecord, ReviewedRow, SNAPSHOT_SCHEMA_VERSION, ScoredRow, WorkingGroupRecord,
};

impl Store {
    /// Everything the exports need about one cycle, read in one go (nothing is written).
    pub fn cycle_snapshot(&self, cycle: CycleId) -> Result<CycleSnapshot> {
        let (cycle, village, commune) = self.cycle_place(cycle)?;
        let figures = self
            .figures(village.id)?
            .into_iter()
            .map(|f| FigureRow {
                key: f.key,
                value: f.value,
                source: f.source,
                as_of: f.as_of,
            })
            .collect();
        let team = self.facilitators(commune.id)?;
        let settings = self.scoring_settings(cycle.id)?;
        let facilitators = team
            .iter()
            .map(|f| FacilitatorRow {
                name: f.name.clone(),
                role: f.role.clone(),
            })
            .collect();
        let meeting1 = self.meeting_record(cycle.id, MeetingKind::Village1, &team)?;
        let attendees = match self.find_meeting(cycle.id, MeetingKind::Village1)? {
            Some(m) => self
                .attendees(m.id)?
                .into_iter()
                .map(|a| AttendeeRow {
                    seq: a.seq,
                    name: Some(a.person.name),
                    gender: a.gender_at_meeting,
                    ethnicity: a.person.ethnicity,
                    wealth: a.person.wealth,
                    organisations: a.person.organisations,
                    trained: a.person.trained,
                })
                .collect(),
            None => Vec::new(),
        };
        let wg = self.working_group(cycle.id)?;
        let working_group = WorkingGroupRecord {
            members: wg
                .members
                .iter()
                .map(|p| MemberRow {
                    name: p.name.clone(),
                    gender: p.gender,
                    ethnicity: p.ethnicity.clone(),
                    wealth: p.wealth,
                    organisations: p.organisations.clone(),
                    trained: p.trained,
                    core_farmer: p.core_farmer,
                    leader: wg.leader == Some(p.id),
                })
                .collect(),
            size_range: (wg.range.min as u32, wg.range.max as u32),
            frozen: wg.frozen.map(|(members, women, trained)| Composition {
                members,
                women,
                trained,
            }),
            override_reason: wg.override_reason,
        };
        Ok(CycleSnapshot {
            schema_version: SNAPSHOT_SCHEMA_VERSION,
            private: false,
            attendance_counts: AttendanceCounts::of(&attendees),
            commune,
            village,
            figures,
            facilitators,
            meeting1,
            attendees,
            working_group,
            activities: self.activities(cycle.id)?,
            draft_plan: self.draft_plan(&cycle)?,
            scale: (settings.scale.min, settings.scale.max),
            meeting2: self.meeting_record(cycle.id, MeetingKind::Village2, &team)?,
            official_plan: self.official_plan(cycle.id)?,
            annual_plan: self.annual_plan_record(cycle.id, &team)?,
            review: self.review_record(&cycle)?,
            cycle,
        })
    }

    /// The record of one meeting of the cycle, if it was opened.
    fn meeting_record(
        &self,
        cycle: CycleId,
        kind: MeetingKind,
        team: &[Facilitator],
    ) -> Result<Option<MeetingRecord>> {
        let Some(m) = self.find_meeting(cycle, kind)? else {
            return Ok(None);
        };
        let details = self.meeting_details(m.id)?;
        let present = self.meeting_facilitators(m.id)?;
        let tally = match m.closed_tally {
            Some(t) => t,
            None => self.live_tally(m.id)?,
        };
        Ok(Some(MeetingRecord {
            date: details.date,
            place: details.place,
            chair: details.chair,
            chair_role: details.chair_role,
            start_time: details.start_time,
            end_time: details.end_time,
            announced: details.announced,
            facilitators_present: team
                .iter()
                .filter(|f| present.contains(&f.id))
                .map(|f| f.name.clone())
                .collect(),
            tally,
            closed: m.closed_tally.is_some(),
            override_reason: m.override_reason,
        }))
    }

    /// Form 3: the working group's matrix ranked, when this cycle makes the plan.
    fn draft_plan(&self, cycle: &Cycle) -> Result<Vec<ScoredRow>> {
        if !cycle.makes_medium_term_plan() {
            return Ok(Vec::new());
        }
        let rows = self.matrix_rows(cycle.id)?;
        Ok(scored_rows(&rows))
    }

    /// The latest approved medium-term plan of the period this cycle serves.
    fn official_plan(&self, cycle: CycleId) -> Result<Option<OfficialPlan>> {
        let Some(made_in) = self.medium_term_cycle(cycle)? else {
            return Ok(None);
        };
        let Some(plan) = self.latest_plan(made_in.id)? else {
            return Ok(None);
        };
        let settings = self.scoring_settings(made_in.id)?;
        let group = |g: Group| -> Result<GroupRecord> {
            let info = self.group_info(made_in.id, g)?;
            Ok(GroupRecord {
                members: info.members,
                votes_each: info.votes_each,
                mode: settings.mode(g),
                recorder: info.recorder,
            })
        };
        Ok(Some(OfficialPlan {
            made_in_year: made_in.year,
            version: plan.version,
            approved_at: plan.approved_at,
            change_reason: plan.change_reason,
            men: group(Group::Men)?,
            women: group(Group::Women)?,
            combined: plan.combined,
            activities: plan.activities,
        }))
    }

    /// Form 4 with its approval, when any activity was selected.
    fn annual_plan_record(
        &self,
        cycle: CycleId,
        team: &[Facilitator],
    ) -> Result<Option<AnnualPlanRecord>> {
        let items = self.annual_items(cycle)?;
        if items.is_empty() {
            return Ok(None);
        }
        let matrix = self.annual_matrix_rows(cycle)?;
        let ranked = rank_by_part(&matrix, |key| {
            items.iter().find(|i| i.id == key).map(|i| i.part)
        });
        let scored = scored_from(&matrix, ranked);
        let mut rows: Vec<(usize, AnnualPlanRow)> = scored
            .into_iter()
            .enumerate()
            .filter_map(|(order, scoring)| {
                let item = items.iter().find(|i| i.id == scoring.activity)?;
                Some((
                    order,
                    AnnualPlanRow {
                        activity: item.activity.clone(),
                        part: item.part,
                        added_reason: item.added_reason.clone(),
                        override_reason: item.override_reason.clone(),
                        scoring,
                    },
                ))
            })
            .collect();
        rows.sort_by_key(|(order, r)| (r.part == Part::Two, *order));
        let approval = self.annual_approval(cycle)?.map(|a| ApprovalRecord {
            date: a.date,
            votes_for: a.votes_for,
            votes_against: a.votes_against,
            abstain: a.abstain,
            approved_at: a.approved_at,
        });
        Ok(Some(AnnualPlanRecord {
            rows: rows.into_iter().map(|(_, r)| r).collect(),
            meeting: self.meeting_record(cycle, MeetingKind::AnnualApproval, team)?,
            approval,
        }))
    }

    /// This cycle's review of last year's plan, when there was a plan last year.
    fn review_record(&self, cycle: &Cycle) -> Result<Option<ReviewRecord>> {
        let rows = self.last_year_review(cycle.id)?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(ReviewRecord {
            year: cycle.year - 1,
            rows: rows
                .into_iter()
                .map(|r| ReviewedRow {
                    activity: r.item.activity,
                    part: r.item.part,
                    review: r.review,
                })
                .collect(),
            totals: self.review_totals(cycle.id)?,
            summary: self.year_summary(cycle.id)?,
        }))
    }
}

/// A matrix ranked into export rows, best first, unranked last.
fn scored_rows(rows: &[MatrixRow]) -> Vec<ScoredRow> {
    scored_from(rows, rank_matrix(rows))
}

/// Export rows of `ranked`, in its order, with each row's scores from `rows`.
fn scored_from(rows: &[MatrixRow], ranked: Vec<RankedRow>) -> Vec<ScoredRow> {
    ranked
        .into_iter()
        .map(|r| ScoredRow {
            activity: r.activity,
            scores: rows
                .iter()
                .find(|m| m.activity == r.activity)
                .map(|m| m.scores)
                .unwrap_or([None; 5]),
            total: r.total,
            rank: r.rank,
            tied: r.tied,
        })
        .collect()
}
