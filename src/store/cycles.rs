//! Planning cycles.

use rusqlite::{OptionalExtension, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::{Cycle, CycleId, MeetingKind, NewCycle, VillageId};

impl Store {
    /// Creates a cycle with the meetings its steps hold (so opening a step never writes).
    /// If the previous year's cycle of the village has a medium-term plan whose period
    /// covers this year, the new cycle carries it over; otherwise the new cycle starts a
    /// medium-term period of `medium_term_span` years.
    pub fn create_cycle(&mut self, new: &NewCycle) -> Result<Cycle> {
        let carried = self.covering_cycle(new.village_id, new.year)?;
        let (start, span) = carried
            .map(|c| (c.medium_term_start, c.medium_term_span))
            .unwrap_or((new.year, new.medium_term_span));
        let id = self.edit(|tx| {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM cycles WHERE village_id = ?1 AND year = ?2",
                    params![new.village_id.0, new.year],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(StoreError::Refused("err.cycle_year_taken"));
            }
            tx.execute(
                "INSERT INTO cycles (village_id, year, medium_term_start, medium_term_span)
                 VALUES (?1, ?2, ?3, ?4)",
                params![new.village_id.0, new.year, start, span],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "cycle", id, "*", None, Some(&new.year.to_string()))?;
            for kind in meeting_kinds(new.year == start) {
                tx.execute(
                    "INSERT INTO meetings (cycle_id, kind) VALUES (?1, ?2)",
                    params![id, kind.code()],
                )?;
                let meeting = tx.last_insert_rowid();
                record(tx, "meeting", meeting, "*", None, Some(kind.code()))?;
            }
            Ok(id)
        })?;
        self.cycle(CycleId(id))
    }

    /// The latest earlier cycle of the village whose medium-term period covers `year`.
    fn covering_cycle(&self, village: VillageId, year: i32) -> Result<Option<Cycle>> {
        Ok(self
            .cycles(village)?
            .into_iter()
            .filter(|c| c.year < year && c.medium_term_end() >= year)
            .max_by_key(|c| c.year))
    }

    /// One cycle.
    pub fn cycle(&self, id: CycleId) -> Result<Cycle> {
        Ok(self.conn.query_row(
            "SELECT id, village_id, year, medium_term_start, medium_term_span, closed
             FROM cycles WHERE id = ?1",
            [id.0],
            cycle_row,
        )?)
    }

    /// The cycles of a village, newest year first.
    pub fn cycles(&self, village: VillageId) -> Result<Vec<Cycle>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, village_id, year, medium_term_start, medium_term_span, closed
             FROM cycles WHERE village_id = ?1 ORDER BY year DESC",
        )?;
        let rows = stmt.query_map([village.0], cycle_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The meetings a cycle holds: both village meetings when it makes the medium-term plan,
/// and the annual plan's approval meeting.
fn meeting_kinds(makes_medium_term_plan: bool) -> Vec<MeetingKind> {
    if makes_medium_term_plan {
        vec![
            MeetingKind::Village1,
            MeetingKind::Village2,
            MeetingKind::AnnualApproval,
        ]
    } else {
        vec![MeetingKind::AnnualApproval]
    }
}

fn cycle_row(r: &rusqlite::Row) -> rusqlite::Result<Cycle> {
    Ok(Cycle {
        id: CycleId(r.get(0)?),
        village_id: VillageId(r.get(1)?),
        year: r.get(2)?,
        medium_term_start: r.get(3)?,
        medium_term_span: r.get(4)?,
        closed: r.get(5)?,
    })
}
