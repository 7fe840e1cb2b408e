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
        let meeting1_override: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM meetings
             WHERE cycle_id = ?1 AND kind = 'village1' AND override_reason IS NOT NULL",
            [id.0],
            |r| r.get(0),
        )?;
        let (wg_members, wg_final, wg_override) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM working_group_members WHERE cycle_id = ?1),
                    coalesce((SELECT closed_members IS NOT NULL FROM working_groups WHERE cycle_id = ?1), 0),
                    coalesce((SELECT override_reason IS NOT NULL FROM working_groups WHERE cycle_id = ?1), 0)",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (figures, facilitators) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM village_figures WHERE village_id = ?1 AND value <> ''),
                    (SELECT count(*) FROM facilitators f JOIN villages v ON v.commune_id = f.commune_id
                     WHERE v.id = ?1)",
            [cycle.village_id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(CycleFacts {
            makes_medium_term_plan: cycle.makes_medium_term_plan(),
            meeting1_attendees: attendees,
            meeting1_women: women,
            meeting1_closed: closed,
            meeting1_override,
            wg_members,
            wg_final,
            wg_override,
            figures,
            facilitators,
        })
    }
}
