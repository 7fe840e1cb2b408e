//! The whole record of one cycle ([`CycleRecord`]), read table by table (nothing is
//! written). The exchange bundle carries it and the forms are made from it.

mod funding;
mod plans;

use rusqlite::{OptionalExtension, Row};

use super::assessment::activities::{ACTIVITY_COLUMNS, activity_row};
use super::meetings::{MEETING_COLUMNS, meeting_row};
use super::people::{PERSON_COLUMNS, person_row};
use super::{Result, Store, StoreError};
use crate::domain::activity::{ActivityId, Funding, FundingSource};
use crate::domain::record::{
    ActivityRecord, AssessmentRecord, CellScore, CycleRecord, FacilitatorRecord, FigureRecord,
    FindingRecord, MeetingRecord, RegisterEntry, WorkingGroupRecord,
};
use crate::domain::scoring::Criterion;
use crate::domain::{Commune, CommuneId, Cycle, CycleId, Gender, PersonId, Village};

impl Store {
    /// Everything one cycle owns, exactly as stored, read in one go.
    pub fn cycle_record(&self, cycle: CycleId) -> Result<CycleRecord> {
        let (cycle, village, commune) = self.cycle_place(cycle)?;
        let id = cycle.id.0;
        Ok(CycleRecord {
            commune_code: self.code("communes", commune.id.0)?,
            village_code: self.code("villages", village.id.0)?,
            cycle_reopen_reason: self.cycle_reopen_reason(cycle.id)?,
            figures: self.figure_records(village.id.0)?,
            facilitators: self.facilitator_records(commune.id.0)?,
            people: self.rows(
                &format!("SELECT {PERSON_COLUMNS} FROM people WHERE id IN ({PEOPLE_OF_CYCLE}) ORDER BY id"),
                id,
                person_row,
            )?,
            meetings: self.meeting_records(id)?,
            working_group: self.working_group_record(id)?,
            assessment: self.assessment_record(&cycle)?,
            activities: self.activity_records("cycle_id = ?1", id)?,
            scoring: self.scoring_record(id)?,
            plan_versions: self.plan_version_records(id)?,
            carried_plan: self.carried_plan(&cycle)?,
            annual: self.annual_record(id)?,
            last_year: self.last_year_plan(&cycle)?,
            after: super::after_plan::read_after_plan(&self.conn, cycle.id)?,
            commune,
            village,
            cycle,
        })
    }

    /// A cycle with its village and commune.
    pub(super) fn cycle_place(&self, cycle: CycleId) -> Result<(Cycle, Village, Commune)> {
        let cycle = self.cycle(cycle)?;
        let village = self.village(cycle.village_id)?;
        let commune = self
            .communes()?
            .into_iter()
            .find(|c| c.id == village.commune_id)
            .ok_or(super::StoreError::NotFound)?;
        Ok((cycle, village, commune))
    }

    /// The rows `sql` selects for one key (`?1`), each read by `read`.
    fn rows<T>(
        &self,
        sql: &str,
        key: i64,
        read: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([key], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A commune with its stable exchange code.
    pub fn commune_with_code(&self, id: CommuneId) -> Result<(Commune, String)> {
        let commune = self
            .communes()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(StoreError::NotFound)?;
        let code = self.code("communes", id.0)?;
        Ok((commune, code))
    }

    /// The stable exchange code of a commune or village.
    fn code(&self, table: &str, id: i64) -> Result<String> {
        let code: Option<String> = self.conn.query_row(
            &format!("SELECT code FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        Ok(code.unwrap_or_default())
    }

    fn figure_records(&self, village: i64) -> Result<Vec<FigureRecord>> {
        self.rows(
            "SELECT key, value, source, as_of FROM village_figures WHERE village_id = ?1
             ORDER BY key",
            village,
            |r| {
                Ok(FigureRecord {
                    key: r.get(0)?,
                    value: r.get(1)?,
                    source: r.get(2)?,
                    as_of: r.get(3)?,
                })
            },
        )
    }

    fn facilitator_records(&self, commune: i64) -> Result<Vec<FacilitatorRecord>> {
        self.rows(
            "SELECT id, name, role FROM facilitators WHERE commune_id = ?1 ORDER BY id",
            commune,
            |r| {
                Ok(FacilitatorRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                })
            },
        )
    }

    fn meeting_records(&self, cycle: i64) -> Result<Vec<MeetingRecord>> {
        let meetings = self.rows(
            &format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE cycle_id = ?1 ORDER BY id"),
            cycle,
            meeting_row,
        )?;
        meetings
            .into_iter()
            .map(|m| {
                let details = self.meeting_details(m.id)?;
                Ok(MeetingRecord {
                    id: m.id.0,
                    kind: m.kind,
                    date: m.date,
                    place: m.place,
                    chair: m.chair,
                    chair_role: m.chair_role,
                    start_time: details.start_time,
                    end_time: details.end_time,
                    announced: details.announced,
                    closed_tally: m.closed_tally,
                    override_reason: m.override_reason,
                    facilitators: self.rows(
                        "SELECT facilitator_id FROM meeting_facilitators WHERE meeting_id = ?1
                         ORDER BY facilitator_id",
                        m.id.0,
                        |r| r.get(0),
                    )?,
                    register: self.rows(
                        "SELECT seq, person_id, gender FROM attendance WHERE meeting_id = ?1
                         ORDER BY seq, person_id",
                        m.id.0,
                        register_entry,
                    )?,
                })
            })
            .collect()
    }

    fn working_group_record(&self, cycle: i64) -> Result<Option<WorkingGroupRecord>> {
        let head = self
            .conn
            .query_row(
                "SELECT size_min, size_max, leader_id, override_reason, closed_members,
                        closed_women, closed_trained
                 FROM working_groups WHERE cycle_id = ?1",
                [cycle],
                |r| {
                    Ok(WorkingGroupRecord {
                        size_min: r.get(0)?,
                        size_max: r.get(1)?,
                        leader: r.get::<_, Option<i64>>(2)?.map(PersonId),
                        override_reason: r.get(3)?,
                        closed_members: r.get(4)?,
                        closed_women: r.get(5)?,
                        closed_trained: r.get(6)?,
                        members: Vec::new(),
                    })
                },
            )
            .optional()?;
        let Some(mut group) = head else {
            return Ok(None);
        };
        group.members = self.rows(
            "SELECT person_id FROM working_group_members WHERE cycle_id = ?1 ORDER BY rowid",
            cycle,
            |r| Ok(PersonId(r.get(0)?)),
        )?;
        Ok(Some(group))
    }

    fn assessment_record(&self, cycle: &Cycle) -> Result<AssessmentRecord> {
        Ok(AssessmentRecord {
            tools: self.selected_tools(cycle.id)?,
            subgroups: self.subgroups(cycle.id)?,
            findings: self
                .findings(cycle.id)?
                .into_iter()
                .map(|f| FindingRecord {
                    id: f.id,
                    subgroup_id: f.subgroup_id,
                    tool_code: f.tool_code,
                    body: f.text,
                    minutes: f.minutes,
                    day: f.day,
                })
                .collect(),
        })
    }

    /// Activities matching `filter` (on `?1`), merged duplicates included, by id.
    fn activity_records(&self, filter: &str, key: i64) -> Result<Vec<ActivityRecord>> {
        let extra = ACTIVITY_COLUMNS.split(',').count();
        self.rows(
            &format!(
                "SELECT {ACTIVITY_COLUMNS}, merged_into, funding_source, budget_asked_vnd
                 FROM activities WHERE {filter} ORDER BY id"
            ),
            key,
            |r| {
                let source: Option<String> = r.get(extra + 1)?;
                let asked: Option<i64> = r.get(extra + 2)?;
                Ok(ActivityRecord {
                    activity: activity_row(r)?,
                    merged_into: r.get::<_, Option<i64>>(extra)?.map(ActivityId),
                    funding: Funding {
                        source: source.as_deref().and_then(FundingSource::from_code),
                        budget_asked_vnd: asked.and_then(|v| u64::try_from(v).ok()),
                    },
                })
            },
        )
    }

    /// Scores of a matrix table (`matrix_scores` by activity, `annual_scores` by item)
    /// for the rows `owner` selects.
    fn cell_scores(&self, table: &str, row: &str, owner: &str, key: i64) -> Result<Vec<CellScore>> {
        self.rows(
            &format!(
                "SELECT {row}, criterion, score FROM {table} WHERE {row} IN ({owner})
                 ORDER BY {row}, criterion"
            ),
            key,
            |r| {
                let criterion: String = r.get(1)?;
                Ok(CellScore {
                    row: r.get(0)?,
                    criterion: Criterion::from_code(&criterion).unwrap_or(Criterion::Urgency),
                    score: r.get(2)?,
                })
            },
        )
    }
}

/// Ids of the people a cycle names: registers, working group, sub-groups and leaders.
const PEOPLE_OF_CYCLE: &str = "
    SELECT person_id FROM attendance WHERE meeting_id IN
        (SELECT id FROM meetings WHERE cycle_id = ?1)
    UNION SELECT person_id FROM working_group_members WHERE cycle_id = ?1
    UNION SELECT leader_id FROM working_groups WHERE cycle_id = ?1
    UNION SELECT person_id FROM subgroup_members WHERE cycle_id = ?1
    UNION SELECT leader_id FROM subgroups WHERE cycle_id = ?1";

fn register_entry(r: &Row) -> rusqlite::Result<RegisterEntry> {
    let gender: String = r.get(2)?;
    Ok(RegisterEntry {
        seq: r.get(0)?,
        person_id: PersonId(r.get(1)?),
        gender: Gender::from_code(&gender).unwrap_or(Gender::Male),
    })
}
