//! The export snapshot of one cycle, built from the store's read functions only.

use super::{Result, Store};
use crate::domain::{CycleId, MeetingKind};
use crate::export::snapshot::{
    AttendanceCounts, AttendeeRow, Composition, CycleSnapshot, FacilitatorRow, FigureRow,
    MeetingRecord, MemberRow, SNAPSHOT_SCHEMA_VERSION, WorkingGroupRecord,
};

impl Store {
    /// Everything the exports need about one cycle, read in one go (nothing is written).
    pub fn cycle_snapshot(&self, cycle: CycleId) -> Result<CycleSnapshot> {
        let cycle = self.cycle(cycle)?;
        let village = self.village(cycle.village_id)?;
        let commune = self
            .communes()?
            .into_iter()
            .find(|c| c.id == village.commune_id)
            .ok_or(super::StoreError::NotFound)?;
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
        let facilitators = team
            .iter()
            .map(|f| FacilitatorRow {
                name: f.name.clone(),
                role: f.role.clone(),
            })
            .collect();
        let mut attendees = Vec::new();
        let meeting1 = match self.find_meeting(cycle.id, MeetingKind::Village1)? {
            None => None,
            Some(m) => {
                let details = self.meeting_details(m.id)?;
                let present = self.meeting_facilitators(m.id)?;
                let tally = match m.closed_tally {
                    Some(t) => t,
                    None => self.live_tally(m.id)?,
                };
                attendees = self
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
                    .collect();
                Some(MeetingRecord {
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
                })
            }
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
            cycle,
        })
    }
}
