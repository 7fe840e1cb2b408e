//! Communes and villages.

use rusqlite::{OptionalExtension, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::{Commune, CommuneId, CycleId, Village, VillageId, VillageKind};

/// One line of the home screen's tree: a commune, a village, or a village's cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HomeEntry {
    /// A commune heading.
    Commune(Commune),
    /// A village under its commune.
    Village(Village),
    /// A cycle under its village.
    Cycle {
        /// Cycle id.
        id: CycleId,
        /// Its village.
        village_id: VillageId,
        /// Plan year.
        year: i32,
        /// Whether the cycle is closed.
        closed: bool,
    },
}

impl Store {
    /// Creates a commune and returns it.
    pub fn create_commune(
        &mut self,
        name: &str,
        district: &str,
        province: &str,
    ) -> Result<Commune> {
        let id = self.edit(|tx| {
            tx.execute(
                "INSERT INTO communes (name, district, province) VALUES (?1, ?2, ?3)",
                params![name, district, province],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "commune", id, "*", None, Some(name))?;
            Ok(id)
        })?;
        Ok(Commune {
            id: CommuneId(id),
            name: name.into(),
            district: district.into(),
            province: province.into(),
        })
    }

    /// Renames a commune.
    pub fn rename_commune(&mut self, id: CommuneId, name: &str) -> Result<()> {
        self.rename("communes", "commune", id.0, name)
    }

    /// Creates a village in a commune and returns it.
    pub fn create_village(
        &mut self,
        commune: CommuneId,
        name: &str,
        kind: VillageKind,
    ) -> Result<Village> {
        let id = self.edit(|tx| {
            tx.execute(
                "INSERT INTO villages (commune_id, name, kind) VALUES (?1, ?2, ?3)",
                params![commune.0, name, kind.code()],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "village", id, "*", None, Some(name))?;
            Ok(id)
        })?;
        Ok(Village {
            id: VillageId(id),
            commune_id: commune,
            name: name.into(),
            kind,
        })
    }

    /// Renames a village.
    pub fn rename_village(&mut self, id: VillageId, name: &str) -> Result<()> {
        self.rename("villages", "village", id.0, name)
    }

    fn rename(&mut self, table: &'static str, entity: &str, id: i64, name: &str) -> Result<()> {
        self.edit(|tx| {
            let old: Option<String> = tx
                .query_row(
                    &format!("SELECT name FROM {table} WHERE id = ?1"),
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            let old = old.ok_or(StoreError::NotFound)?;
            tx.execute(
                &format!("UPDATE {table} SET name = ?1 WHERE id = ?2"),
                params![name, id],
            )?;
            record(tx, entity, id, "name", Some(&old), Some(name))
        })
    }

    /// All communes, by name.
    pub fn communes(&self) -> Result<Vec<Commune>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, district, province FROM communes ORDER BY name, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(Commune {
                id: CommuneId(r.get(0)?),
                name: r.get(1)?,
                district: r.get(2)?,
                province: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One village.
    pub fn village(&self, id: VillageId) -> Result<Village> {
        let v = self.conn.query_row(
            "SELECT id, commune_id, name, kind FROM villages WHERE id = ?1",
            [id.0],
            village_row,
        )?;
        Ok(v)
    }

    /// The villages of a commune, by name.
    pub fn villages(&self, commune: CommuneId) -> Result<Vec<Village>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, commune_id, name, kind FROM villages WHERE commune_id = ?1 ORDER BY name, id",
        )?;
        let rows = stmt.query_map([commune.0], village_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The home screen tree: each commune, its villages, each village's cycles (newest
    /// first), read by one query however many villages there are.
    pub fn home_entries(&self) -> Result<Vec<HomeEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.name, c.district, c.province, v.id, v.name, v.kind,
                    y.id, y.year, y.closed
             FROM communes c
             LEFT JOIN villages v ON v.commune_id = c.id
             LEFT JOIN cycles y ON y.village_id = v.id
             ORDER BY c.name, c.id, v.name, v.id, y.year DESC",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        let (mut commune, mut village) = (None, None);
        while let Some(r) = rows.next()? {
            let commune_id = CommuneId(r.get(0)?);
            if commune != Some(commune_id) {
                commune = Some(commune_id);
                village = None;
                out.push(HomeEntry::Commune(Commune {
                    id: commune_id,
                    name: r.get(1)?,
                    district: r.get(2)?,
                    province: r.get(3)?,
                }));
            }
            let Some(village_id) = r.get::<_, Option<i64>>(4)?.map(VillageId) else {
                continue;
            };
            if village != Some(village_id) {
                village = Some(village_id);
                let kind: String = r.get(6)?;
                out.push(HomeEntry::Village(Village {
                    id: village_id,
                    commune_id,
                    name: r.get(5)?,
                    kind: VillageKind::from_code(&kind).unwrap_or(VillageKind::Thon),
                }));
            }
            if let Some(id) = r.get::<_, Option<i64>>(7)? {
                out.push(HomeEntry::Cycle {
                    id: CycleId(id),
                    village_id,
                    year: r.get(8)?,
                    closed: r.get(9)?,
                });
            }
        }
        Ok(out)
    }

    /// Whether the database holds no commune yet (first run).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM communes", [], |r| r.get(0))?;
        Ok(n == 0)
    }
}

fn village_row(r: &rusqlite::Row) -> rusqlite::Result<Village> {
    let kind: String = r.get(3)?;
    Ok(Village {
        id: VillageId(r.get(0)?),
        commune_id: CommuneId(r.get(1)?),
        name: r.get(2)?,
        kind: VillageKind::from_code(&kind).unwrap_or(VillageKind::Thon),
    })
}
