//! Preparation (phase 1): the village's basic figures (forms 1-2) and the commune's
//! facilitation team.

use rusqlite::params;

use super::audit::record;
use super::{Result, Store};
use crate::domain::{CommuneId, VillageId};

/// One basic-information figure with where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figure {
    /// Figure key (see `domain::basic_info::FIGURES`).
    pub key: String,
    /// Value as entered (validated by the caller).
    pub value: String,
    /// Source (e.g. "Thống kê xã").
    pub source: String,
    /// Date of the figure, YYYY-MM-DD or free text.
    pub as_of: String,
}

/// A member of the commune facilitation team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facilitator {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Role or office (cadastral, Women's Union ...).
    pub role: String,
}

impl Store {
    /// The village's recorded figures.
    pub fn figures(&self, village: VillageId) -> Result<Vec<Figure>> {
        let mut stmt = self.conn.prepare(
            "SELECT key, value, source, as_of FROM village_figures WHERE village_id = ?1 ORDER BY key",
        )?;
        let rows = stmt.query_map([village.0], |r| {
            Ok(Figure {
                key: r.get(0)?,
                value: r.get(1)?,
                source: r.get(2)?,
                as_of: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves one figure (insert or replace), auditing the old value.
    pub fn set_figure(&mut self, village: VillageId, f: &Figure) -> Result<()> {
        let old = self
            .figures(village)?
            .into_iter()
            .find(|o| o.key == f.key)
            .map(|o| o.value);
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO village_figures (village_id, key, value, source, as_of) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (village_id, key) DO UPDATE SET value = ?3, source = ?4, as_of = ?5",
                params![village.0, f.key, f.value, f.source, f.as_of],
            )?;
            record(tx, "village_figure", village.0, &f.key, old.as_deref(), Some(&f.value))
        })
    }

    /// The commune's facilitation team.
    pub fn facilitators(&self, commune: CommuneId) -> Result<Vec<Facilitator>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, role FROM facilitators WHERE commune_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([commune.0], |r| {
            Ok(Facilitator {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds a member to the facilitation team.
    pub fn add_facilitator(&mut self, commune: CommuneId, name: &str, role: &str) -> Result<i64> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO facilitators (commune_id, name, role) VALUES (?1, ?2, ?3)",
                params![commune.0, name, role],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "facilitator", id, "*", None, Some(name))?;
            Ok(id)
        })
    }
}
