//! The working group elected at village meeting 1: members, leader, finalisation.

use rusqlite::{OptionalExtension, params};

use super::audit::record;
use super::people::person_row;
use super::{Result, Store, StoreError};
use crate::domain::working_group::SizeRange;
use crate::domain::{CycleId, Person, PersonId};

/// The working group of a cycle as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingGroup {
    /// Members (current profiles), by name.
    pub members: Vec<Person>,
    /// The leader, if chosen.
    pub leader: Option<PersonId>,
    /// Size range the checks use.
    pub range: SizeRange,
    /// Composition frozen at finalisation: members, women, trained. `None` while open.
    pub frozen: Option<(u32, u32, u32)>,
    /// Reason written when finalising with failed checks.
    pub override_reason: Option<String>,
}

impl WorkingGroup {
    /// Whether the election is finalised.
    pub fn is_final(&self) -> bool {
        self.frozen.is_some()
    }
}

impl Store {
    fn ensure_working_group(tx: &rusqlite::Connection, cycle: CycleId) -> Result<()> {
        tx.execute(
            "INSERT OR IGNORE INTO working_groups (cycle_id) VALUES (?1)",
            [cycle.0],
        )?;
        Ok(())
    }

    /// Loads the working group of a cycle (empty if none elected yet).
    pub fn working_group(&self, cycle: CycleId) -> Result<WorkingGroup> {
        let row = self
            .conn
            .query_row(
                "SELECT size_min, size_max, leader_id, closed_members, closed_women, closed_trained,
                        override_reason FROM working_groups WHERE cycle_id = ?1",
                [cycle.0],
                |r| {
                    let frozen = match (r.get::<_, Option<u32>>(3)?, r.get(4)?, r.get(5)?) {
                        (Some(m), Some(w), Some(t)) => Some((m, w, t)),
                        _ => None,
                    };
                    Ok((
                        SizeRange { min: r.get::<_, u32>(0)? as usize, max: r.get::<_, u32>(1)? as usize },
                        r.get::<_, Option<i64>>(2)?.map(PersonId),
                        frozen,
                        r.get::<_, Option<String>>(6)?,
                    ))
                },
            )
            .optional()?;
        let (range, leader, frozen, override_reason) =
            row.unwrap_or((SizeRange::default(), None, None, None));
        Ok(WorkingGroup {
            members: self.wg_members(cycle)?,
            leader,
            range,
            frozen,
            override_reason,
        })
    }

    fn wg_members(&self, cycle: CycleId) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.gender, p.ethnicity, p.wealth, p.organisations, p.trained,
                    p.core_farmer
             FROM working_group_members w JOIN people p ON p.id = w.person_id
             WHERE w.cycle_id = ?1 ORDER BY p.name, p.id",
        )?;
        let rows = stmt.query_map([cycle.0], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or removes a member (refused once finalised).
    pub fn set_wg_member(&mut self, cycle: CycleId, person: PersonId, member: bool) -> Result<()> {
        self.refuse_if_final(cycle)?;
        self.edit(|tx| {
            Self::ensure_working_group(tx, cycle)?;
            let changed = if member {
                tx.execute(
                    "INSERT OR IGNORE INTO working_group_members (cycle_id, person_id) VALUES (?1, ?2)",
                    params![cycle.0, person.0],
                )?
            } else {
                tx.execute(
                    "UPDATE working_groups SET leader_id = NULL WHERE cycle_id = ?1 AND leader_id = ?2",
                    params![cycle.0, person.0],
                )?;
                tx.execute(
                    "DELETE FROM working_group_members WHERE cycle_id = ?1 AND person_id = ?2",
                    params![cycle.0, person.0],
                )?
            };
            if changed > 0 {
                let (old, new) = if member { (None, Some("member")) } else { (Some("member"), None) };
                record(tx, "working_group", cycle.0, &format!("person:{}", person.0), old, new)?;
            }
            Ok(())
        })
    }

    /// Sets (or clears) the leader; the leader must be a member.
    pub fn set_wg_leader(&mut self, cycle: CycleId, leader: Option<PersonId>) -> Result<()> {
        self.refuse_if_final(cycle)?;
        let wg = self.working_group(cycle)?;
        if leader.is_some_and(|l| !wg.members.iter().any(|m| m.id == l)) {
            return Err(StoreError::Refused("err.leader_not_member"));
        }
        self.edit(|tx| {
            Self::ensure_working_group(tx, cycle)?;
            tx.execute(
                "UPDATE working_groups SET leader_id = ?1 WHERE cycle_id = ?2",
                params![leader.map(|p| p.0), cycle.0],
            )?;
            let show = |p: Option<PersonId>| p.map(|p| p.0.to_string());
            record(
                tx,
                "working_group",
                cycle.0,
                "leader",
                show(wg.leader).as_deref(),
                show(leader).as_deref(),
            )
        })
    }

    /// Sets the size range the checks use.
    pub fn set_wg_range(&mut self, cycle: CycleId, range: SizeRange) -> Result<()> {
        self.edit(|tx| {
            Self::ensure_working_group(tx, cycle)?;
            tx.execute(
                "UPDATE working_groups SET size_min = ?1, size_max = ?2 WHERE cycle_id = ?3",
                params![range.min as u32, range.max as u32, cycle.0],
            )?;
            record(
                tx,
                "working_group",
                cycle.0,
                "range",
                None,
                Some(&format!("{}-{}", range.min, range.max)),
            )
        })
    }

    /// Finalises the election, freezing its composition; `reason` when checks failed.
    pub fn finalise_wg(&mut self, cycle: CycleId, reason: Option<&str>) -> Result<()> {
        self.refuse_if_final(cycle)?;
        let wg = self.working_group(cycle)?;
        let count = |f: &dyn Fn(&Person) -> bool| wg.members.iter().filter(|p| f(p)).count() as u32;
        let women = count(&|p| p.gender == crate::domain::Gender::Female);
        let trained = count(&|p| p.trained);
        let members = wg.members.len() as u32;
        self.edit(|tx| {
            Self::ensure_working_group(tx, cycle)?;
            tx.execute(
                "UPDATE working_groups SET closed_members = ?1, closed_women = ?2,
                 closed_trained = ?3, override_reason = ?4 WHERE cycle_id = ?5",
                params![members, women, trained, reason, cycle.0],
            )?;
            let frozen = format!("{members} members, {women} women, {trained} trained");
            record(
                tx,
                "working_group",
                cycle.0,
                "finalised",
                None,
                Some(&frozen),
            )?;
            if let Some(r) = reason {
                record(
                    tx,
                    "working_group",
                    cycle.0,
                    "override_reason",
                    None,
                    Some(r),
                )?;
            }
            Ok(())
        })
    }

    /// Reopens a finalised election; the reason is audit-logged.
    pub fn reopen_wg(&mut self, cycle: CycleId, reason: &str) -> Result<()> {
        self.edit(|tx| {
            tx.execute(
                "UPDATE working_groups SET closed_members = NULL, closed_women = NULL,
                 closed_trained = NULL WHERE cycle_id = ?1",
                [cycle.0],
            )?;
            record(
                tx,
                "working_group",
                cycle.0,
                "finalised",
                Some("final"),
                None,
            )?;
            record(
                tx,
                "working_group",
                cycle.0,
                "reopen_reason",
                None,
                Some(reason),
            )
        })
    }

    fn refuse_if_final(&self, cycle: CycleId) -> Result<()> {
        if self.working_group(cycle)?.is_final() {
            Err(StoreError::Refused("err.wg_final"))
        } else {
            Ok(())
        }
    }
}
