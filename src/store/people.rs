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

/// Deletes `person` when no row of any table refers to them any more (a register, a
/// working group or its leader, a sub-group, an after-plan group: every foreign key to
/// `people`, read from the schema so a later table is covered too), so a name removed
/// from its only register does not come back in suggestions. Returns whether it did.
pub(super) fn delete_if_unreferenced(tx: &rusqlite::Connection, person: PersonId) -> Result<bool> {
    if referenced(tx, person)? {
        return Ok(false);
    }
    let name: Option<String> = tx
        .query_row("SELECT name FROM people WHERE id = ?1", [person.0], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(name) = name else {
        return Ok(false);
    };
    tx.execute("DELETE FROM people WHERE id = ?1", [person.0])?;
    record(tx, "people", person.0, "name", Some(&name), None)?;
    Ok(true)
}

/// Whether any column with a foreign key to `people` holds `person`.
fn referenced(tx: &rusqlite::Connection, person: PersonId) -> Result<bool> {
    let mut stmt = tx.prepare_cached(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'people'",
    )?;
    let columns = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (table, column) in columns {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM \"{}\" WHERE \"{}\" = ?1)",
            table.replace('"', "\"\""),
            column.replace('"', "\"\"")
        );
        if tx
            .prepare_cached(&sql)?
            .query_row([person.0], |r| r.get::<_, bool>(0))?
        {
            return Ok(true);
        }
    }
    Ok(false)
}
