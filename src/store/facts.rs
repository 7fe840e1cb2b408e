//! Stored facts about a cycle, from which the workflow derives each step's status.

use super::{Result, Store, StoreError};
use crate::domain::cycle::{AfterPlanProgress, AssessmentProgress, Meeting2Progress};
use crate::domain::pra::Catalogue;
use crate::domain::subgroup::check;
use crate::domain::working_group::failed;
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
        let scored = self.matrix_rows(id)?;
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
            assessment: self.assessment_progress(id)?,
            activities_scored: scored.iter().filter(|r| r.missing().is_empty()).count() as u32,
            activities_touched: scored.iter().filter(|r| r.partial_total() > 0).count() as u32,
            meeting2: self.meeting2_progress(id)?,
            annual: self.annual_counts(id)?,
            after: self.after_plan_progress(id)?,
        })
    }

    /// How far the records after the annual plan go.
    fn after_plan_progress(&self, id: CycleId) -> Result<AfterPlanProgress> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM assignments WHERE cycle_id = ?1),
                    (SELECT count(*) FROM assignments
                     WHERE cycle_id = ?1 AND decision <> 'not_funded'),
                    (SELECT count(*) FROM evaluations
                     WHERE cycle_id = ?1 AND round = 'year_end')",
            [id.0],
            |r| {
                Ok(AfterPlanProgress {
                    assigned: r.get(0)?,
                    funded: r.get(1)?,
                    evaluated: r.get(2)?,
                })
            },
        )?)
    }

    /// Meeting 2's attendance, closing and plan approval.
    fn meeting2_progress(&self, id: CycleId) -> Result<Meeting2Progress> {
        let (attendees, women, closed, overridden) = self.conn.query_row(
            "SELECT count(a.person_id),
                    coalesce(sum(a.gender = 'f'), 0),
                    coalesce(max(m.closed_men IS NOT NULL), 0),
                    coalesce(max(m.override_reason IS NOT NULL), 0)
             FROM meetings m LEFT JOIN attendance a ON a.meeting_id = m.id
             WHERE m.cycle_id = ?1 AND m.kind = 'village2'",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let settings = self.scoring_settings(id)?;
        Ok(Meeting2Progress {
            attendees,
            women,
            closed,
            overridden,
            scored: settings.locked,
            plan_approved: settings.plan_frozen,
        })
    }

    /// The assessment counts and whether the sub-group rules are met.
    fn assessment_progress(&self, id: CycleId) -> Result<AssessmentProgress> {
        let f = self.assessment_facts(id)?;
        let catalogue = Catalogue::shared().ok_or(StoreError::Refused("assess.err.catalogue"))?;
        let members = self.working_group(id)?.members;
        let selected = self.selected_tools(id)?;
        let findings = check(&self.subgroups(id)?, &members, catalogue, &selected);
        Ok(AssessmentProgress {
            tools_selected: f.tools_selected,
            tools_done: f.tools_done,
            subgroups: f.subgroups,
            subgroups_reported: f.subgroups_reported,
            activities: f.activities,
            minutes_used: crate::domain::subgroup::assessment_elapsed(
                self.findings(id)?
                    .iter()
                    .map(|f| (f.subgroup_id, f.minutes)),
            ),
            rules_met: !failed(&findings),
        })
    }
}
