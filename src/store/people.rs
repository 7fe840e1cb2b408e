//! People of a village: profiles used by attendance and the working group.

use rusqlite::{OptionalExtension, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::{Gender, Organisation, Person, PersonFields, PersonId, VillageId, WealthGroup};

pub(crate) const PERSON_COLUMNS: &str =
    "id, name, gender, ethnicity, wealth, organisations, trained, core_farmer";

impl Store {
    /// Adds a person to a village's register.
    pub fn create_person(&mut self, village: VillageId, p: &PersonFields) -> Result<Person> {
        let id = self.edit(|tx| insert_person(tx, village, p))?;
        self.person(PersonId(id))
    }

    /// Updates a person's profile (closed meetings keep their frozen tallies).
    pub fn update_person(&mut self, id: PersonId, p: &PersonFields) -> Result<()> {
        let old = self.person(id)?;
        self.edit(|tx| write_person(tx, id, &old, p))
    }

    /// One person.
    pub fn person(&self, id: PersonId) -> Result<Person> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.0], person_row)
            .optional()?
            .ok_or(StoreError::NotFound)
    }

    /// Everyone known to a village, by name.
    pub fn people(&self, village: VillageId) -> Result<Vec<Person>> {
        let sql =
            format!("SELECT {PERSON_COLUMNS} FROM people WHERE village_id = ?1 ORDER BY name, id");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([village.0], person_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Inserts a person inside an edit's transaction (with its audit row); returns the id.
pub(crate) fn insert_person(
    tx: &rusqlite::Connection,
    village: VillageId,
    p: &PersonFields,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO people (village_id, name, gender, ethnicity, wealth, organisations,
         trained, core_farmer) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            village.0,
            p.name,
            p.gender.code(),
            p.ethnicity,
            p.wealth.map(WealthGroup::code),
            org_codes(&p.organisations),
            p.trained,
            p.core_farmer
        ],
    )?;
    let id = tx.last_insert_rowid();
    record(tx, "person", id, "*", None, Some(&p.name))?;
    Ok(id)
}

fn audit_person_changes(
    tx: &rusqlite::Connection,
    id: PersonId,
    old: &Person,
    new: &PersonFields,
) -> Result<()> {
    let pairs = [
        ("name", old.name.clone(), new.name.clone()),
        ("gender", old.gender.code().into(), new.gender.code().into()),
        (
            "ethnicity",
            old.ethnicity.clone().unwrap_or_default(),
            new.ethnicity.clone().unwrap_or_default(),
        ),
        (
            "wealth",
            old.wealth.map(WealthGroup::code).unwrap_or_default().into(),
            new.wealth.map(WealthGroup::code).unwrap_or_default().into(),
        ),
        (
            "organisations",
            org_codes(&old.organisations),
            org_codes(&new.organisations),
        ),
        ("trained", old.trained.to_string(), new.trained.to_string()),
        (
            "core_farmer",
            old.core_farmer.to_string(),
            new.core_farmer.to_string(),
        ),
    ];
    for (field, before, after) in pairs.iter().filter(|(_, a, b)| a != b) {
        record(tx, "person", id.0, field, Some(before), Some(after))?;
    }
    Ok(())
}

/// Organisation codes joined by commas, in a stable order.
fn org_codes(orgs: &[Organisation]) -> String {
    let mut sorted = orgs.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|o| o.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads a person from a row with `PERSON_COLUMNS`.
pub(crate) fn person_row(r: &rusqlite::Row) -> rusqlite::Result<Person> {
    let gender: String = r.get(2)?;
    let wealth: Option<String> = r.get(4)?;
    let orgs: String = r.get(5)?;
    Ok(Person {
        id: PersonId(r.get(0)?),
        name: r.get(1)?,
        gender: Gender::from_code(&gender).unwrap_or(Gender::Male),
        ethnicity: r.get(3)?,
        wealth: wealth.as_deref().and_then(WealthGroup::from_code),
        organisations: orgs
            .split(',')
            .filter_map(Organisation::from_code)
            .collect(),
        trained: r.get(6)?,
        core_farmer: r.get(7)?,
    })
}

/// Writes a person's new profile and audits what changed, inside the caller's transaction.
pub(super) fn write_person(
    tx: &rusqlite::Connection,
    id: PersonId,
    old: &Person,
    p: &PersonFields,
) -> Result<()> {
    tx.execute(
        "UPDATE people SET name = ?1, gender = ?2, ethnicity = ?3, wealth = ?4,
         organisations = ?5, trained = ?6, core_farmer = ?7 WHERE id = ?8",
        params![
            p.name,
            p.gender.code(),
            p.ethnicity,
            p.wealth.map(WealthGroup::code),
            org_codes(&p.organisations),
            p.trained,
            p.core_farmer,
            id.0
        ],
    )?;
    audit_person_changes(tx, id, old, p)
}
