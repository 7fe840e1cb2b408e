//! Meetings and their attendance registers. Each attendance row copies the gender stated
//! at the meeting; closing a meeting freezes its tally.

use rusqlite::{OptionalExtension, params};

use super::audit::record;
use super::people::person_row;
use super::{Result, Store, StoreError};
use crate::domain::{
    ChairRole, CycleId, Gender, Meeting, MeetingId, MeetingKind, Person, PersonId, Tally,
};

/// Editable details of a meeting record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingDetails {
    /// Date, YYYY-MM-DD.
    pub date: String,
    /// Place.
    pub place: String,
    /// Chair's name.
    pub chair: String,
    /// Chair's role.
    pub chair_role: Option<ChairRole>,
    /// Start time, HH:MM.
    pub start_time: String,
    /// End time, HH:MM.
    pub end_time: String,
    /// Codes of what the chair announced.
    pub announced: Vec<String>,
}

/// One line of an attendance register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    /// The person's current profile.
    pub person: Person,
    /// Gender as stated at this meeting.
    pub gender_at_meeting: Gender,
    /// Order of registration (1-based).
    pub seq: u32,
}

pub(crate) const MEETING_COLUMNS: &str =
    "id, cycle_id, kind, date, place, chair, chair_role, closed_men, closed_women, override_reason";

impl Store {
    /// The meeting of `kind` in a cycle, created empty the first time it is asked for.
    pub fn meeting(&mut self, cycle: CycleId, kind: MeetingKind) -> Result<Meeting> {
        if let Some(m) = self.find_meeting(cycle, kind)? {
            return Ok(m);
        }
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO meetings (cycle_id, kind) VALUES (?1, ?2)",
                params![cycle.0, kind.code()],
            )?;
            record(
                tx,
                "meeting",
                tx.last_insert_rowid(),
                "*",
                None,
                Some(kind.code()),
            )
        })?;
        self.find_meeting(cycle, kind)?.ok_or(StoreError::NotFound)
    }

    /// The meeting of `kind` in a cycle, if it was ever opened.
    pub fn find_meeting(&self, cycle: CycleId, kind: MeetingKind) -> Result<Option<Meeting>> {
        let sql =
            format!("SELECT {MEETING_COLUMNS} FROM meetings WHERE cycle_id = ?1 AND kind = ?2");
        Ok(self
            .conn
            .query_row(&sql, params![cycle.0, kind.code()], meeting_row)
            .optional()?)
    }

    /// Reads a meeting's editable details.
    pub fn meeting_details(&self, id: MeetingId) -> Result<MeetingDetails> {
        Ok(self.conn.query_row(
            "SELECT date, place, chair, chair_role, start_time, end_time, announced
             FROM meetings WHERE id = ?1",
            [id.0],
            |r| {
                let role: Option<String> = r.get(3)?;
                let announced: String = r.get(6)?;
                Ok(MeetingDetails {
                    date: r.get(0)?,
                    place: r.get(1)?,
                    chair: r.get(2)?,
                    chair_role: role.as_deref().and_then(ChairRole::from_code),
                    start_time: r.get(4)?,
                    end_time: r.get(5)?,
                    announced: announced
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                })
            },
        )?)
    }

    /// Saves a meeting's details, auditing each changed field.
    pub fn update_meeting_details(&mut self, id: MeetingId, d: &MeetingDetails) -> Result<()> {
        let old = self.meeting_details(id)?;
        let pairs = [
            ("date", old.date.clone(), d.date.clone()),
            ("place", old.place.clone(), d.place.clone()),
            ("chair", old.chair.clone(), d.chair.clone()),
            (
                "chair_role",
                role_code(old.chair_role),
                role_code(d.chair_role),
            ),
            ("start_time", old.start_time.clone(), d.start_time.clone()),
            ("end_time", old.end_time.clone(), d.end_time.clone()),
            ("announced", old.announced.join(","), d.announced.join(",")),
        ];
        self.edit(|tx| {
            for (field, before, after) in pairs.iter().filter(|(_, a, b)| a != b) {
                let sql = format!("UPDATE meetings SET {field} = ?1 WHERE id = ?2");
                let value: Option<&str> = if *field == "chair_role" && after.is_empty() {
                    None
                } else {
                    Some(after)
                };
                tx.execute(&sql, params![value, id.0])?;
                record(tx, "meeting", id.0, field, Some(before), Some(after))?;
            }
            Ok(())
        })
    }

    /// Registers a person at a meeting with the gender stated there.
    pub fn add_attendee(
        &mut self,
        meeting: MeetingId,
        person: PersonId,
        gender: Gender,
    ) -> Result<()> {
        self.refuse_if_closed(meeting)?;
        self.edit(|tx| {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM attendance WHERE meeting_id = ?1 AND person_id = ?2",
                    params![meeting.0, person.0],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_some() {
                return Err(StoreError::Refused("err.already_registered"));
            }
            tx.execute(
                "INSERT INTO attendance (meeting_id, person_id, gender, seq)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM attendance WHERE meeting_id = ?1))",
                params![meeting.0, person.0, gender.code()],
            )?;
            record(tx, "attendance", meeting.0, "person", None, Some(&person.0.to_string()))
        })
    }

    /// Removes a person from a meeting's register; a person then known nowhere else (no
    /// other register, group or record) is deleted in the same transaction.
    pub fn remove_attendee(&mut self, meeting: MeetingId, person: PersonId) -> Result<()> {
        self.refuse_if_closed(meeting)?;
        let in_working_group: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM meetings m JOIN working_group_members w ON w.cycle_id = m.cycle_id
             WHERE m.id = ?1 AND m.kind = 'village1' AND w.person_id = ?2",
            params![meeting.0, person.0],
            |r| r.get(0),
        )?;
        if in_working_group {
            return Err(StoreError::Refused("err.attendee_in_wg"));
        }
        self.edit(|tx| {
            tx.execute(
                "DELETE FROM attendance WHERE meeting_id = ?1 AND person_id = ?2",
                params![meeting.0, person.0],
            )?;
            record(
                tx,
                "attendance",
                meeting.0,
                "person",
                Some(&person.0.to_string()),
                None,
            )?;
            super::people::delete_if_unreferenced(tx, person).map(drop)
        })
    }

    /// The register in order of registration.
    pub fn attendees(&self, meeting: MeetingId) -> Result<Vec<Attendee>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.gender, p.ethnicity, p.wealth, p.organisations, p.trained,
                    p.core_farmer, a.gender, a.seq
             FROM attendance a JOIN people p ON p.id = a.person_id
             WHERE a.meeting_id = ?1 ORDER BY a.seq",
        )?;
        let rows = stmt.query_map([meeting.0], |r| {
            let g: String = r.get(8)?;
            Ok(Attendee {
                person: person_row(r)?,
                gender_at_meeting: Gender::from_code(&g).unwrap_or(Gender::Male),
                seq: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live tally from the register (genders as stated at the meeting).
    pub fn live_tally(&self, meeting: MeetingId) -> Result<Tally> {
        Ok(self.conn.query_row(
            "SELECT coalesce(sum(gender = 'm'), 0), coalesce(sum(gender = 'f'), 0)
             FROM attendance WHERE meeting_id = ?1",
            [meeting.0],
            |r| {
                Ok(Tally {
                    men: r.get(0)?,
                    women: r.get(1)?,
                })
            },
        )?)
    }

    /// Closes a meeting, freezing its tally; `reason` is required by the caller when a
    /// rule is not met and is stored for the exports.
    pub fn close_meeting(&mut self, meeting: MeetingId, reason: Option<&str>) -> Result<Tally> {
        self.refuse_if_closed(meeting)?;
        let tally = self.live_tally(meeting)?;
        self.edit(|tx| {
            tx.execute(
                "UPDATE meetings SET closed_men = ?1, closed_women = ?2, override_reason = ?3 WHERE id = ?4",
                params![tally.men, tally.women, reason, meeting.0],
            )?;
            let frozen = format!("{}m/{}f", tally.men, tally.women);
            record(tx, "meeting", meeting.0, "closed", None, Some(&frozen))?;
            if let Some(r) = reason {
                record(tx, "meeting", meeting.0, "override_reason", None, Some(r))?;
            }
            Ok(())
        })?;
        Ok(tally)
    }

    /// Reopens a closed meeting; the reason is audit-logged.
    pub fn reopen_meeting(&mut self, meeting: MeetingId, reason: &str) -> Result<()> {
        self.edit(|tx| {
            let frozen: Option<String> = tx.query_row(
                "SELECT closed_men || 'm/' || closed_women || 'f' FROM meetings WHERE id = ?1",
                [meeting.0],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE meetings SET closed_men = NULL, closed_women = NULL WHERE id = ?1",
                [meeting.0],
            )?;
            record(tx, "meeting", meeting.0, "closed", frozen.as_deref(), None)?;
            record(
                tx,
                "meeting",
                meeting.0,
                "reopen_reason",
                None,
                Some(reason),
            )
        })
    }

    fn refuse_if_closed(&self, meeting: MeetingId) -> Result<()> {
        let closed: bool = self.conn.query_row(
            "SELECT closed_men IS NOT NULL FROM meetings WHERE id = ?1",
            [meeting.0],
            |r| r.get(0),
        )?;
        if closed {
            Err(StoreError::Refused("err.meeting_closed"))
        } else {
            Ok(())
        }
    }
}

fn role_code(role: Option<ChairRole>) -> String {
    role.map(|r| r.code().to_string()).unwrap_or_default()
}

pub(crate) fn meeting_row(r: &rusqlite::Row) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(2)?;
    let role: Option<String> = r.get(6)?;
    let men: Option<u32> = r.get(7)?;
    let women: Option<u32> = r.get(8)?;
    Ok(Meeting {
        id: MeetingId(r.get(0)?),
        cycle_id: CycleId(r.get(1)?),
        kind: MeetingKind::from_code(&kind).unwrap_or(MeetingKind::Village1),
        date: r.get(3)?,
        place: r.get(4)?,
        chair: r.get(5)?,
        chair_role: role.as_deref().and_then(ChairRole::from_code),
        closed_tally: men.zip(women).map(|(men, women)| Tally { men, women }),
        override_reason: r.get(9)?,
    })
}

impl Store {
    /// Creates a person and registers them at the meeting, in one transaction.
    pub fn register_new_person(
        &mut self,
        village: crate::domain::VillageId,
        meeting: MeetingId,
        fields: &crate::domain::PersonFields,
    ) -> Result<PersonId> {
        self.refuse_if_closed(meeting)?;
        self.edit(|tx| {
            let id = super::people::insert_person(tx, village, fields)?;
            tx.execute(
                "INSERT INTO attendance (meeting_id, person_id, gender, seq)
                 VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) + 1 FROM attendance WHERE meeting_id = ?1))",
                params![meeting.0, id, fields.gender.code()],
            )?;
            record(tx, "attendance", meeting.0, "person", None, Some(&id.to_string()))?;
            Ok(PersonId(id))
        })
    }

    /// Corrects a registered person's profile and, while the meeting is open, the gender
    /// stated at it, in one transaction (a refused attendance change keeps the profile).
    pub fn update_attendee(
        &mut self,
        meeting: MeetingId,
        person: PersonId,
        fields: &crate::domain::PersonFields,
    ) -> Result<()> {
        self.refuse_if_closed(meeting)?;
        let old = self.person(person)?;
        self.edit(|tx| {
            super::people::write_person(tx, person, &old, fields)?;
            tx.execute(
                "UPDATE attendance SET gender = ?1 WHERE meeting_id = ?2 AND person_id = ?3",
                params![fields.gender.code(), meeting.0, person.0],
            )?;
            Ok(())
        })
    }
}

impl Store {
    /// Ids of the facilitation-team members present at a meeting.
    pub fn meeting_facilitators(&self, meeting: MeetingId) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "SELECT facilitator_id FROM meeting_facilitators WHERE meeting_id = ?1 ORDER BY facilitator_id",
        )?;
        let rows = stmt.query_map([meeting.0], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the list of facilitators present at a meeting.
    pub fn set_meeting_facilitators(&mut self, meeting: MeetingId, ids: &[i64]) -> Result<()> {
        let old = self.meeting_facilitators(meeting)?;
        if old == ids {
            return Ok(());
        }
        let show = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        self.edit(|tx| {
            tx.execute(
                "DELETE FROM meeting_facilitators WHERE meeting_id = ?1",
                [meeting.0],
            )?;
            for id in ids {
                tx.execute(
                    "INSERT INTO meeting_facilitators (meeting_id, facilitator_id) VALUES (?1, ?2)",
                    params![meeting.0, id],
                )?;
            }
            record(
                tx,
                "meeting",
                meeting.0,
                "facilitators",
                Some(&show(&old)),
                Some(&show(ids)),
            )
        })
    }
}
