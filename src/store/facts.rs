//! Stored facts about a cycle, from which the workflow derives each step's status.

use super::{Result, Store};
use crate::domain::{CycleFacts, CycleId};

impl Store {
    /// Reads the facts the workflow needs about a cycle.
    pub fn cycle_facts(&self, id: CycleId) -> Result<CycleFacts> {
        let cycle = self.cycle(id)?;
        let (attendees, women, closed) = self.conn.query_row(
            "SELECT count(a.person_id),
                    coalesce(sum(a.gender = 'f'), 0),
                    coalesce(max(m.closed_men IS NOT NULL), 0)
             FROM meetings m LEFT JOIN attendance a ON a.meeting_id = m.id
             WHERE m.cycle_id = ?1 AND m.kind = 'village1'",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            },
        )?;
        Ok(CycleFacts {
            makes_medium_term_plan: cycle.makes_medium_term_plan(),
            meeting1_attendees: attendees,
            meeting1_women: women,
            meeting1_closed: closed,
        })
    }
}
