//! The district's imported commune bundles (migration 0012): each bundle kept whole with
//! its identity, the current one per commune and year, the communes marked as imported,
//! and [`Store::district_year`], the input of every district form. Writes run inside the
//! import command's transaction (`commands::import`).

use rusqlite::{OptionalExtension, Row, params};

use super::super::audit::{record, record_kept_bundle};
use super::super::{Result, Store, StoreError};
use super::{ERR_STORED, Kept, retire_current};
use crate::domain::commune::{Conference, ImportedFrom, PlanSource, VillageYear};
use crate::domain::district::CommuneYear;
use crate::domain::{Commune, CommuneId};

/// A commune held here at village level is never overwritten by a commune bundle.
pub const ERR_LOCAL_COMMUNE: &str = "import.err.local_commune";
/// An imported commune is never edited here (no village, change or approval added).
pub const ERR_IMPORTED_COMMUNE: &str = "import.err.imported_commune";

/// The trigger messages of migration 0012 and their i18n keys.
pub(super) const REFUSALS: [(&str, &str); 2] = [
    ("kehoach: commune held locally", ERR_LOCAL_COMMUNE),
    ("kehoach: commune imported", ERR_IMPORTED_COMMUNE),
];

/// A commune found by its exchange code or id, and how this database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodedCommune {
    /// The commune.
    pub commune: Commune,
    /// Whether its years are imported from commune bundles.
    pub imported: bool,
    /// Whether this database holds it at village level (villages, conference changes or
    /// approvals).
    pub local: bool,
}

/// One imported commune bundle as the district keeps it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneImport {
    /// Row id.
    pub id: i64,
    /// The commune.
    pub commune: CommuneId,
    /// The planning year.
    pub year: i32,
    /// The bundle's id.
    pub bundle_id: String,
    /// The hex SHA-256 of its content.
    pub sha256: String,
    /// Its schema version.
    pub schema_version: u32,
    /// The commune plan's approved version it carries (`None`: not approved).
    pub version: Option<u32>,
    /// The file's name as imported.
    pub file_name: String,
    /// When it was imported (UTC).
    pub imported_at: String,
    /// Whether it is the current one of its commune and year.
    pub current: bool,
    /// The written reason when a person took it over a conflict.
    pub conflict_reason: Option<String>,
}

/// What a commune import writes: one bundle of one commune's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommuneImport<'a> {
    /// The commune (imported, see [`Store::create_received_commune`]).
    pub commune: CommuneId,
    /// The planning year.
    pub year: i32,
    /// The bundle's id.
    pub bundle_id: &'a str,
    /// The hex SHA-256 of its content.
    pub sha256: &'a str,
    /// Its schema version.
    pub schema_version: u32,
    /// The file's bytes, as received.
    pub bytes: &'a [u8],
    /// The commune plan's approved version it carries.
    pub version: Option<u32>,
    /// The file's name.
    pub file_name: &'a str,
    /// The reason a person gave for taking a conflicting bundle.
    pub conflict_reason: Option<&'a str>,
}

const HELD: &str = "SELECT id, imported,
        EXISTS (SELECT 1 FROM villages WHERE commune_id = communes.id)
        OR EXISTS (SELECT 1 FROM commune_changes WHERE commune_id = communes.id)
        OR EXISTS (SELECT 1 FROM commune_approvals WHERE commune_id = communes.id)
    FROM communes WHERE ";

const COLUMNS: &str = "id, commune_id, year, bundle_id, sha256, schema_version, version, \
     file_name, imported_at, current, conflict_reason";

impl Store {
    /// The commune with this exchange code and how it is held here, if any.
    pub fn commune_held_by_code(&self, code: &str) -> Result<Option<CodedCommune>> {
        self.commune_held(&format!("{HELD} code = ?1"), code)
    }

    /// How the commune `id` is held here.
    pub fn commune_held_by_id(&self, id: CommuneId) -> Result<CodedCommune> {
        self.commune_held(&format!("{HELD} id = ?1"), id.0)?
            .ok_or(StoreError::NotFound)
    }

    fn commune_held(&self, sql: &str, key: impl rusqlite::ToSql) -> Result<Option<CodedCommune>> {
        let found = self
            .conn
            .query_row(sql, [key], |r| {
                Ok((CommuneId(r.get(0)?), r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((id, imported, local)) = found else {
            return Ok(None);
        };
        let commune = self
            .communes()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(StoreError::NotFound)?;
        Ok(Some(CodedCommune {
            commune,
            imported,
            local,
        }))
    }

    /// Creates a commune whose years are imported, with the code its bundle gave it.
    pub fn create_received_commune(
        &mut self,
        name: &str,
        district: &str,
        province: &str,
        code: &str,
    ) -> Result<CommuneId> {
        self.edit(|tx| {
            tx.execute(
                "INSERT INTO communes (name, district, province, code, imported)
                 VALUES (?1, ?2, ?3, ?4, 1)",
                params![name, district, province, code],
            )?;
            let id = tx.last_insert_rowid();
            record(tx, "commune", id, "imported", None, Some(name))?;
            Ok(CommuneId(id))
        })
    }

    /// Marks a commune known here by name (with nothing held at village level) as
    /// imported; the database refuses it for a commune held here.
    pub fn mark_commune_imported(&mut self, id: CommuneId) -> Result<()> {
        self.edit(|tx| {
            tx.execute(
                "UPDATE communes SET imported = 1 WHERE id = ?1 AND imported = 0",
                [id.0],
            )?;
            record(tx, "commune", id.0, "imported", Some("0"), Some("1"))
        })
    }

    /// Keeps an imported commune bundle as the current one of its commune and year; the
    /// one current before stays, no longer current. Returns the new row's id.
    pub fn add_commune_import(&mut self, new: &NewCommuneImport) -> Result<i64> {
        self.edit(|tx| {
            retire_current(tx, Kept::CommuneYears, new.commune.0, new.year)?;
            tx.execute(
                "INSERT INTO commune_imports (commune_id, year, bundle_id, sha256,
                     schema_version, bytes, version, file_name, conflict_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    new.commune.0,
                    new.year,
                    new.bundle_id,
                    new.sha256,
                    new.schema_version,
                    new.bytes,
                    new.version,
                    new.file_name,
                    new.conflict_reason
                ],
            )?;
            let id = tx.last_insert_rowid();
            record_kept_bundle(tx, "commune_import", id, new.bundle_id, new.conflict_reason)?;
            Ok(id)
        })
    }

    /// The current imported bundle of a commune's year, if any.
    pub fn current_commune_import(
        &self,
        commune: CommuneId,
        year: i32,
    ) -> Result<Option<CommuneImport>> {
        self.current_kept(Kept::CommuneYears, COLUMNS, commune.0, year, import_row)
    }

    /// Every imported bundle of a commune, oldest first (current or not).
    pub fn commune_imports(&self, commune: CommuneId) -> Result<Vec<CommuneImport>> {
        self.all_kept(Kept::CommuneYears, COLUMNS, commune.0, import_row)
    }

    /// The bytes of an imported commune bundle, exactly as received.
    pub fn commune_import_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.kept_bytes(Kept::CommuneYears, id)
    }

    /// Each of `communes` with its year as the district holds it: an imported commune
    /// from its current bundle (nothing when none arrived), a commune held here from its
    /// villages and conference. In the order given.
    pub fn district_year(&self, communes: &[CommuneId], year: i32) -> Result<Vec<CommuneYear>> {
        communes
            .iter()
            .map(|id| self.commune_year_held(*id, year))
            .collect()
    }

    /// The years for which any of `communes` holds a village's plan (typed or imported)
    /// or a commune bundle, in order.
    pub fn district_years(&self, communes: &[CommuneId]) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.year FROM cycles c JOIN villages v ON v.id = c.village_id
               WHERE v.commune_id = ?1
             UNION SELECT p.year FROM imported_plans p JOIN villages v ON v.id = p.village_id
               WHERE v.commune_id = ?1
             UNION SELECT year FROM commune_imports WHERE commune_id = ?1",
        )?;
        let mut years = std::collections::BTreeSet::new();
        for id in communes {
            let rows = stmt.query_map([id.0], |r| r.get::<_, i32>(0))?;
            for year in rows {
                years.insert(year?);
            }
        }
        Ok(years.into_iter().collect())
    }

    fn commune_year_held(&self, id: CommuneId, year: i32) -> Result<CommuneYear> {
        let (commune, commune_code) = self.commune_with_code(id)?;
        let held = self.commune_held_by_id(id)?;
        if !held.imported {
            return Ok(CommuneYear {
                villages: self.commune_year(id, year)?,
                conference: self.commune_conference(id, year)?,
                commune,
                commune_code,
                source: PlanSource::Local,
            });
        }
        let Some(current) = self.current_commune_import(id, year)? else {
            return Ok(CommuneYear {
                commune,
                commune_code,
                source: PlanSource::Local,
                villages: Vec::new(),
                conference: Conference::default(),
            });
        };
        let (villages, conference) = content_of(&self.commune_import_bytes(current.id)?)?;
        Ok(CommuneYear {
            commune,
            commune_code,
            source: PlanSource::Imported(ImportedFrom {
                check_code: crate::export::bundle::check_code(&current.sha256),
                bundle_id: current.bundle_id,
                imported_at: current.imported_at,
                file_name: current.file_name,
            }),
            villages,
            conference,
        })
    }
}

/// The villages and conference inside a stored commune bundle (its checksum was checked
/// when it was imported).
fn content_of(bytes: &[u8]) -> Result<(Vec<VillageYear>, Conference)> {
    #[derive(serde::Deserialize)]
    struct File {
        content: Content,
    }
    #[derive(serde::Deserialize)]
    struct Content {
        villages: Vec<VillageYear>,
        #[serde(default)]
        conference: Conference,
    }
    serde_json::from_slice::<File>(bytes)
        .map(|f| (f.content.villages, f.content.conference))
        .map_err(|_| StoreError::Refused(ERR_STORED))
}

fn import_row(r: &Row) -> rusqlite::Result<CommuneImport> {
    Ok(CommuneImport {
        id: r.get(0)?,
        commune: CommuneId(r.get(1)?),
        year: r.get(2)?,
        bundle_id: r.get(3)?,
        sha256: r.get(4)?,
        schema_version: r.get(5)?,
        version: r.get(6)?,
        file_name: r.get(7)?,
        imported_at: r.get(8)?,
        current: r.get(9)?,
        conflict_reason: r.get(10)?,
    })
}
