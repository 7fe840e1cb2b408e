//! The commune's imported village plans (migration 0009): each bundle kept whole with its
//! identity, the current one per village and year, the villages marked as imported, and
//! [`Store::commune_year`], the input of every commune form. Writes run inside the import
//! command's transaction (`commands::import`).

mod communes;
mod year;

pub use communes::{
    CodedCommune, CommuneImport, ERR_IMPORTED_COMMUNE, ERR_LOCAL_COMMUNE, NewCommuneImport,
};

use rusqlite::{OptionalExtension, Row, params};

use super::audit::{record, record_kept_bundle};
use super::{Result, Store, StoreError};
use crate::domain::record::CycleRecord;
use crate::domain::{Commune, CommuneId, Village, VillageId, VillageKind};

/// An imported plan's content cannot change (the database refuses).
pub const ERR_KEPT: &str = "import.err.kept";
/// A village this database edits locally is never overwritten by an import.
pub const ERR_LOCAL: &str = "import.err.local_village";
/// An imported village is never edited here.
pub const ERR_IMPORTED: &str = "import.err.imported_village";

/// A stored bundle can no longer be read (the file was changed outside kehoach).
pub const ERR_STORED: &str = "import.err.stored";
/// Every refusal key of this module (tests check each has a translation).
pub const ERROR_KEYS: [&str; 6] = [
    ERR_KEPT,
    ERR_LOCAL,
    ERR_IMPORTED,
    ERR_STORED,
    ERR_LOCAL_COMMUNE,
    ERR_IMPORTED_COMMUNE,
];

/// The trigger messages of migration 0009 and their i18n keys (0012's are in `communes`).
const REFUSALS: [(&str, &str); 3] = [
    ("kehoach: imported plan kept", ERR_KEPT),
    ("kehoach: village edited locally", ERR_LOCAL),
    ("kehoach: village imported", ERR_IMPORTED),
];

/// The i18n key of a refusal from migration 0009's triggers, if `e` is one.
pub(super) fn refusal_key(e: &rusqlite::Error) -> Option<&'static str> {
    let refusals: Vec<(&str, &'static str)> = REFUSALS
        .iter()
        .chain(communes::REFUSALS.iter())
        .copied()
        .collect();
    super::trigger_refusal(e, &refusals)
}

/// One imported bundle as the commune keeps it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPlan {
    /// Row id.
    pub id: i64,
    /// The village.
    pub village: VillageId,
    /// The cycle's year.
    pub year: i32,
    /// The bundle's id.
    pub bundle_id: String,
    /// The hex SHA-256 of its content.
    pub sha256: String,
    /// Its schema version.
    pub schema_version: u32,
    /// The bundle's plan identities, as JSON (the commands layer reads them).
    pub plans: String,
    /// The file's name as imported.
    pub file_name: String,
    /// When it was imported (UTC).
    pub imported_at: String,
    /// Whether it is the current plan of its village and year.
    pub current: bool,
    /// The written reason when a person took it over a conflict.
    pub conflict_reason: Option<String>,
}

/// What an import writes: one bundle of one village.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImport<'a> {
    /// The village (already imported, see [`Store::create_imported_village`]).
    pub village: VillageId,
    /// The cycle's year.
    pub year: i32,
    /// The bundle's id.
    pub bundle_id: &'a str,
    /// The hex SHA-256 of its content.
    pub sha256: &'a str,
    /// Its schema version.
    pub schema_version: u32,
    /// The file's bytes, as received.
    pub bytes: &'a [u8],
    /// The bundle's plan identities, as JSON.
    pub plans: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// The reason a person gave for taking a conflicting bundle.
    pub conflict_reason: Option<&'a str>,
}

/// A village found by its exchange code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedVillage {
    /// The village.
    pub village: Village,
    /// Whether its plans are imported.
    pub imported: bool,
    /// Whether this database has cycles of it (it is edited here).
    pub local: bool,
}

const PLAN_COLUMNS: &str = "id, village_id, year, bundle_id, sha256, schema_version, plans, \
     file_name, imported_at, current, conflict_reason";

impl Store {
    /// The commune with this exchange code, if any.
    pub fn commune_by_code(&self, code: &str) -> Result<Option<Commune>> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT id FROM communes WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(self.communes()?.into_iter().find(|c| Some(c.id.0) == id))
    }

    /// The village with this exchange code, whether imported and whether edited here.
    pub fn village_by_code(&self, code: &str) -> Result<Option<CodedVillage>> {
        let found = self
            .conn
            .query_row(
                "SELECT id, imported, EXISTS (SELECT 1 FROM cycles WHERE village_id = villages.id)
                 FROM villages WHERE code = ?1",
                [code],
                |r| Ok((VillageId(r.get(0)?), r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((id, imported, local)) = found else {
            return Ok(None);
        };
        Ok(Some(CodedVillage {
            village: self.village(id)?,
            imported,
            local,
        }))
    }

    /// Whether a village's plans are imported (it is not edited here).
    pub fn village_imported(&self, id: VillageId) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT imported FROM villages WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })?)
    }

    /// Creates a commune with the code a bundle gave it.
    pub fn create_imported_commune(
        &mut self,
        name: &str,
        district: &str,
        province: &str,
        code: &str,
    ) -> Result<CommuneId> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO communes (name, district, province, code) VALUES (?1, ?2, ?3, ?4)",
                params![name, district, province, code],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "commune", id, "*", None, Some(name))?;
            Ok(CommuneId(id))
        })
    }

    /// Creates a village whose plans are imported, with the code its bundle gave it.
    pub fn create_imported_village(
        &mut self,
        commune: CommuneId,
        name: &str,
        kind: VillageKind,
        code: &str,
    ) -> Result<VillageId> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO villages (commune_id, name, kind, code, imported)
                 VALUES (?1, ?2, ?3, ?4, 1)",
                params![commune.0, name, kind.code(), code],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "village", id, "imported", None, Some(name))?;
            Ok(VillageId(id))
        })
    }

    /// Keeps an imported bundle as the current plan of its village and year; the one
    /// current before stays, no longer current. Returns the new row's id.
    pub fn add_import(&mut self, new: &NewImport) -> Result<i64> {
        self.edit(|tx| {
            retire_current(tx, Kept::VillagePlans, new.village.0, new.year)?;
            tx.execute(
                "INSERT INTO imported_plans (village_id, year, bundle_id, sha256, schema_version,
                     bytes, plans, file_name, conflict_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    new.village.0,
                    new.year,
                    new.bundle_id,
                    new.sha256,
                    new.schema_version,
                    new.bytes,
                    new.plans,
                    new.file_name,
                    new.conflict_reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            record_kept_bundle(tx, "imported_plan", id, new.bundle_id, new.conflict_reason)?;
            Ok(id)
        })
    }

    /// The current imported plan of a village's year, if any.
    pub fn current_import(&self, village: VillageId, year: i32) -> Result<Option<ImportedPlan>> {
        self.current_kept(Kept::VillagePlans, PLAN_COLUMNS, village.0, year, plan_row)
    }

    /// Every imported bundle of a village, oldest first (current or not).
    pub fn imports(&self, village: VillageId) -> Result<Vec<ImportedPlan>> {
        self.all_kept(Kept::VillagePlans, PLAN_COLUMNS, village.0, plan_row)
    }

    /// The bundle bytes of an imported plan, exactly as received.
    pub fn imported_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.kept_bytes(Kept::VillagePlans, id)
    }

    /// The current row of an owner's year in a table of imported bundles.
    fn current_kept<T>(
        &self,
        kept: Kept,
        columns: &str,
        owner: i64,
        year: i32,
        row: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let (table, owner_column, _) = kept.names();
        let sql = format!(
            "SELECT {columns} FROM {table} WHERE {owner_column} = ?1 AND year = ?2 AND current = 1"
        );
        Ok(self
            .conn
            .query_row(&sql, params![owner, year], row)
            .optional()?)
    }

    /// Every row of an owner in a table of imported bundles, oldest first.
    fn all_kept<T>(
        &self,
        kept: Kept,
        columns: &str,
        owner: i64,
        row: fn(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let (table, owner_column, _) = kept.names();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {columns} FROM {table} WHERE {owner_column} = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([owner], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A kept bundle's bytes, exactly as received.
    fn kept_bytes(&self, kept: Kept, id: i64) -> Result<Vec<u8>> {
        let (table, _, _) = kept.names();
        Ok(self.conn.query_row(
            &format!("SELECT bytes FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?)
    }

    /// The village's whole cycle as an imported plan carries it.
    pub fn imported_record(&self, id: i64) -> Result<CycleRecord> {
        record_of(&self.imported_bytes(id)?)
    }
}

/// The two tables of imported bundles, each with one current row per owner and year.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kept {
    /// `imported_plans`: villages' bundles at the commune.
    VillagePlans,
    /// `commune_imports`: communes' bundles at the district.
    CommuneYears,
}

impl Kept {
    /// The table, its owner column and the audit log's name for a row.
    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Kept::VillagePlans => ("imported_plans", "village_id", "imported_plan"),
            Kept::CommuneYears => ("commune_imports", "commune_id", "commune_import"),
        }
    }
}

/// Makes the current bundle of an owner's year no longer current (audit-logged), before
/// a newer one is added; the row itself stays, readable.
pub(super) fn retire_current(
    tx: &rusqlite::Connection,
    kept: Kept,
    owner: i64,
    year: i32,
) -> Result<()> {
    let (table, owner_column, entity) = kept.names();
    let before: Option<i64> = tx
        .query_row(
            &format!(
                "SELECT id FROM {table} WHERE {owner_column} = ?1 AND year = ?2 AND current = 1"
            ),
            params![owner, year],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(old) = before {
        tx.execute(
            &format!("UPDATE {table} SET current = 0 WHERE id = ?1"),
            [old],
        )?;
        record(tx, entity, old, "current", Some("1"), Some("0"))?;
    }
    Ok(())
}

/// The record inside a stored bundle (its checksum was checked when it was imported),
/// read straight into the record: the rest of the file is skipped, not built.
fn record_of(bytes: &[u8]) -> Result<CycleRecord> {
    #[derive(serde::Deserialize)]
    struct File {
        content: Content,
    }
    #[derive(serde::Deserialize)]
    struct Content {
        record: CycleRecord,
    }
    serde_json::from_slice::<File>(bytes)
        .map(|f| f.content.record)
        .map_err(|_| StoreError::Refused(ERR_STORED))
}

fn plan_row(r: &Row) -> rusqlite::Result<ImportedPlan> {
    Ok(ImportedPlan {
        id: r.get(0)?,
        village: VillageId(r.get(1)?),
        year: r.get(2)?,
        bundle_id: r.get(3)?,
        sha256: r.get(4)?,
        schema_version: r.get(5)?,
        plans: r.get(6)?,
        file_name: r.get(7)?,
        imported_at: r.get(8)?,
        current: r.get(9)?,
        conflict_reason: r.get(10)?,
    })
}
