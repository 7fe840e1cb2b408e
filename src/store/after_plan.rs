//! After the plan (migration 0011): the commune's assignment of each annual-plan item, the
//! groups that manage and watch a work, the ledger, the progress log, the acceptance, the
//! public postings of the finances and the commune's evaluations. Writes run inside a
//! command's transaction (`commands::after_plan`, which applies the rules first); each
//! write leaves an audit row with the row before and after, as JSON.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::audit::record;
use super::{Result, Store, StoreError};
use crate::domain::activity::FundingSource;
use crate::domain::after_plan::{
    Acceptance, AcceptanceResult, AfterPlanRecord, Assignment, Budget, ContributionKind, Decision,
    Disclosure, Evaluation, GroupKind, GroupMember, ProgressEntry, Receipt, Round, WorkOwner,
};
use crate::domain::annual::{AnnualItemId, Progress, Quality};
use crate::domain::{CycleId, Gender, PersonId};

/// A member is already in the other group of the same work.
pub const ERR_BOTH_GROUPS: &str = "after.err.db_both_groups";
/// A public posting is kept as posted.
pub const ERR_DISCLOSURE_KEPT: &str = "after.err.db_disclosure_kept";
/// Every refusal key of this module (tests check each has a translation).
pub const ERROR_KEYS: [&str; 4] = [
    ERR_BOTH_GROUPS,
    ERR_DISCLOSURE_KEPT,
    super::assignments::ERR_LOCAL_VILLAGE,
    super::assignments::ERR_KEPT,
];

/// The trigger messages of migration 0011 and their i18n keys.
const REFUSALS: [(&str, &str); 2] = [
    ("kehoach: member of both groups", ERR_BOTH_GROUPS),
    ("kehoach: disclosure kept", ERR_DISCLOSURE_KEPT),
];

/// The i18n key of a refusal from migration 0011's triggers, if `e` is one.
pub(super) fn refusal_key(e: &rusqlite::Error) -> Option<&'static str> {
    super::trigger_refusal(e, &REFUSALS)
}

pub(super) const BUDGET_COLUMNS: &str =
    "people_vnd, commune_vnd, district_vnd, programme_vnd, other_vnd";

pub(super) fn budget_at(row: &Row, at: usize) -> rusqlite::Result<Budget> {
    Ok(Budget {
        people: row.get(at)?,
        commune_budget: row.get(at + 1)?,
        district_budget: row.get(at + 2)?,
        programme: row.get(at + 3)?,
        other: row.get(at + 4)?,
    })
}

/// A stored code that the schema's CHECK allows but this build cannot read.
fn bad_code(column: usize) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(column, "code".into(), rusqlite::types::Type::Text)
}

pub(super) fn code<T>(
    row: &Row,
    at: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(at)?;
    parse(&text).ok_or_else(|| bad_code(at))
}

fn gender(code: &str) -> Option<Gender> {
    match code {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

fn gender_code(g: Gender) -> &'static str {
    match g {
        Gender::Male => "m",
        Gender::Female => "f",
    }
}

pub(super) fn assignment_row(row: &Row) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        item: AnnualItemId(row.get(0)?),
        decision: code(row, 1, Decision::from_code)?,
        reason: row.get(2)?,
        target_quantity: row.get(3)?,
        owner: code(row, 4, WorkOwner::from_code)?,
        date: row.get(5)?,
        budget: budget_at(row, 6)?,
    })
}

fn member_row(row: &Row) -> rusqlite::Result<GroupMember> {
    Ok(GroupMember {
        id: row.get(0)?,
        item: AnnualItemId(row.get(1)?),
        kind: code(row, 2, GroupKind::from_code)?,
        person: row.get::<_, Option<i64>>(3)?.map(PersonId),
        name: row.get(4)?,
        gender: code(row, 5, gender)?,
        role: row.get(6)?,
    })
}

fn receipt_row(row: &Row) -> rusqlite::Result<Receipt> {
    Ok(Receipt {
        id: row.get(0)?,
        item: AnnualItemId(row.get(1)?),
        date: row.get(2)?,
        source: code(row, 3, FundingSource::from_code)?,
        kind: code(row, 4, ContributionKind::from_code)?,
        amount: row.get(5)?,
        from: row.get(6)?,
        note: row.get(7)?,
    })
}

fn progress_row(row: &Row) -> rusqlite::Result<ProgressEntry> {
    Ok(ProgressEntry {
        id: row.get(0)?,
        item: AnnualItemId(row.get(1)?),
        date: row.get(2)?,
        percent: row.get(3)?,
        note: row.get(4)?,
        problem: row.get(5)?,
        reason: row.get(6)?,
    })
}

fn acceptance_row(row: &Row) -> rusqlite::Result<Acceptance> {
    Ok(Acceptance {
        item: AnnualItemId(row.get(0)?),
        date: row.get(1)?,
        result: code(row, 2, AcceptanceResult::from_code)?,
        signed_by: row.get(3)?,
        note: row.get(4)?,
    })
}

fn disclosure_row(row: &Row) -> rusqlite::Result<Disclosure> {
    Ok(Disclosure {
        id: row.get(0)?,
        item: AnnualItemId(row.get(1)?),
        date: row.get(2)?,
        place: row.get(3)?,
        spent: row.get(4)?,
        note: row.get(5)?,
        amounts: budget_at(row, 6)?,
    })
}

fn evaluation_row(row: &Row) -> rusqlite::Result<Evaluation> {
    let quality: Option<String> = row.get(6)?;
    Ok(Evaluation {
        item: AnnualItemId(row.get(0)?),
        round: code(row, 1, Round::from_code)?,
        date: row.get(2)?,
        progress: code(row, 3, Progress::from_code)?,
        completion: row.get(4)?,
        difficulties: row.get(5)?,
        quality: match quality {
            Some(q) => Some(Quality::from_code(&q).ok_or_else(|| bad_code(6))?),
            None => None,
        },
        against_plan: row.get(7)?,
        against_last_year: row.get(8)?,
    })
}

/// Every row of one table for a cycle, in id order.
fn rows_of<T>(
    conn: &Connection,
    sql: &str,
    cycle: CycleId,
    read: fn(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([cycle.0], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reads everything recorded after a cycle's annual plan.
pub(super) fn read_after_plan(conn: &Connection, cycle: CycleId) -> Result<AfterPlanRecord> {
    Ok(AfterPlanRecord {
        assignments: rows_of(
            conn,
            &format!(
                "SELECT item_id, decision, reason, target_quantity, owner, date, {BUDGET_COLUMNS}
                 FROM assignments WHERE cycle_id = ?1 ORDER BY item_id"
            ),
            cycle,
            assignment_row,
        )?,
        members: rows_of(
            conn,
            &format!(
                "SELECT {MEMBER_COLUMNS} FROM work_group_members WHERE cycle_id = ?1 ORDER BY id"
            ),
            cycle,
            member_row,
        )?,
        receipts: rows_of(
            conn,
            &format!(
                "SELECT {RECEIPT_COLUMNS} FROM receipts WHERE cycle_id = ?1 ORDER BY date, id"
            ),
            cycle,
            receipt_row,
        )?,
        progress: rows_of(
            conn,
            "SELECT id, item_id, date, percent, note, problem, reason FROM progress_entries
             WHERE cycle_id = ?1 ORDER BY date, id",
            cycle,
            progress_row,
        )?,
        acceptances: rows_of(
            conn,
            "SELECT item_id, date, result, signed_by, note FROM acceptances
             WHERE cycle_id = ?1 ORDER BY item_id",
            cycle,
            acceptance_row,
        )?,
        disclosures: rows_of(
            conn,
            &format!(
                "SELECT id, item_id, date, place, spent_vnd, note, {BUDGET_COLUMNS}
                 FROM disclosures WHERE cycle_id = ?1 ORDER BY date, id"
            ),
            cycle,
            disclosure_row,
        )?,
        evaluations: rows_of(
            conn,
            "SELECT item_id, round, date, progress, completion, difficulties, quality,
               against_plan, against_last_year
             FROM evaluations WHERE cycle_id = ?1 ORDER BY item_id, round",
            cycle,
            evaluation_row,
        )?,
    })
}

/// The cycle an annual-plan item belongs to.
fn item_cycle(conn: &Connection, item: AnnualItemId) -> Result<CycleId> {
    conn.query_row(
        "SELECT cycle_id FROM annual_items WHERE id = ?1",
        [item.0],
        |r| r.get(0).map(CycleId),
    )
    .optional()?
    .ok_or(StoreError::NotFound)
}

/// An audit row for a whole after-plan row, before and after, as JSON.
pub(super) fn audit_row<T: serde::Serialize>(
    tx: &Connection,
    table: &str,
    id: i64,
    old: Option<&T>,
    new: Option<&T>,
) -> Result<()> {
    let json = |v: &T| serde_json::to_string(v).unwrap_or_default();
    record(
        tx,
        table,
        id,
        "row",
        old.map(json).as_deref(),
        new.map(json).as_deref(),
    )
}

/// Deletes one row of `item` from `table` (read first with `columns` and `read`, for the
/// audit row).
fn remove_row<T: serde::Serialize>(
    tx: &Connection,
    (table, columns): (&str, &str),
    read: fn(&Row) -> rusqlite::Result<T>,
    item: AnnualItemId,
    id: i64,
) -> Result<()> {
    let old = tx
        .query_row(
            &format!("SELECT {columns} FROM {table} WHERE id = ?1 AND item_id = ?2"),
            [id, item.0],
            read,
        )
        .optional()?
        .ok_or(StoreError::NotFound)?;
    tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    audit_row(tx, table, id, Some(&old), None)
}

const MEMBER_COLUMNS: &str = "id, item_id, kind, person_id, name, gender, role";
const RECEIPT_COLUMNS: &str = "id, item_id, date, source, kind, amount, giver, note";

pub(super) fn budget_params(b: &Budget) -> [i64; 5] {
    [
        b.people,
        b.commune_budget,
        b.district_budget,
        b.programme,
        b.other,
    ]
}

impl Store {
    /// Everything recorded after a cycle's annual plan (empty when nothing was).
    pub fn after_plan(&self, cycle: CycleId) -> Result<AfterPlanRecord> {
        read_after_plan(&self.conn, cycle)
    }

    /// Records (or replaces) the commune's assignment of an item, typed by hand.
    pub fn set_assignment(&mut self, a: &Assignment) -> Result<()> {
        self.set_assignment_from(a, None)
    }

    /// Records (or replaces) an item's assignment, from the assignment bundle `import`
    /// (`None`: typed by hand).
    pub fn set_assignment_from(&mut self, a: &Assignment, import: Option<i64>) -> Result<()> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, a.item)?;
            let old = read_after_plan(tx, cycle)?.assignment(a.item).cloned();
            let [people, commune, district, programme, other] = budget_params(&a.budget);
            tx.execute(
                "INSERT INTO assignments (item_id, cycle_id, decision, reason, target_quantity,
                   owner, date, people_vnd, commune_vnd, district_vnd, programme_vnd, other_vnd,
                   import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (item_id) DO UPDATE SET decision = excluded.decision,
                   reason = excluded.reason, target_quantity = excluded.target_quantity,
                   owner = excluded.owner, date = excluded.date,
                   people_vnd = excluded.people_vnd, commune_vnd = excluded.commune_vnd,
                   district_vnd = excluded.district_vnd,
                   programme_vnd = excluded.programme_vnd, other_vnd = excluded.other_vnd,
                   import_id = excluded.import_id",
                params![
                    a.item.0,
                    cycle.0,
                    a.decision.code(),
                    a.reason.trim(),
                    a.target_quantity,
                    a.owner.code(),
                    a.date,
                    people,
                    commune,
                    district,
                    programme,
                    other,
                    import
                ],
            )?;
            audit_row(tx, "assignments", a.item.0, old.as_ref(), Some(a))
        })
    }

    /// Adds a member to a group of an item; returns the member's id.
    pub fn add_group_member(&mut self, m: &GroupMember) -> Result<i64> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, m.item)?;
            tx.execute(
                "INSERT INTO work_group_members (item_id, cycle_id, kind, person_id, name,
                   gender, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    m.item.0,
                    cycle.0,
                    m.kind.code(),
                    m.person.map(|p| p.0),
                    m.name.trim(),
                    gender_code(m.gender),
                    m.role.trim()
                ],
            )?;
            let id = tx.last_insert_rowid();
            let saved = GroupMember { id, ..m.clone() };
            audit_row(tx, "work_group_members", id, None, Some(&saved))?;
            Ok(id)
        })
    }

    /// Removes a member of a group of `item`.
    pub fn remove_group_member(&mut self, item: AnnualItemId, id: i64) -> Result<()> {
        let table = ("work_group_members", MEMBER_COLUMNS);
        self.edit(|tx| remove_row(tx, table, member_row, item, id))
    }

    /// Adds a line to the ledger; returns its id.
    pub fn add_receipt(&mut self, r: &Receipt) -> Result<i64> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, r.item)?;
            tx.execute(
                "INSERT INTO receipts (item_id, cycle_id, date, source, kind, amount, giver, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.item.0,
                    cycle.0,
                    r.date,
                    r.source.code(),
                    r.kind.code(),
                    r.amount,
                    r.from.trim(),
                    r.note.trim()
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit_row(tx, "receipts", id, None, Some(&Receipt { id, ..r.clone() }))?;
            Ok(id)
        })
    }

    /// Removes a line of `item`'s ledger typed by mistake.
    pub fn remove_receipt(&mut self, item: AnnualItemId, id: i64) -> Result<()> {
        let table = ("receipts", RECEIPT_COLUMNS);
        self.edit(|tx| remove_row(tx, table, receipt_row, item, id))
    }

    /// Adds a dated line to the progress log; returns its id.
    pub fn add_progress(&mut self, p: &ProgressEntry) -> Result<i64> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, p.item)?;
            tx.execute(
                "INSERT INTO progress_entries (item_id, cycle_id, date, percent, note, problem,
                   reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    p.item.0,
                    cycle.0,
                    p.date,
                    p.percent,
                    p.note.trim(),
                    p.problem.trim(),
                    p.reason.trim()
                ],
            )?;
            let id = tx.last_insert_rowid();
            let saved = ProgressEntry { id, ..p.clone() };
            audit_row(tx, "progress_entries", id, None, Some(&saved))?;
            Ok(id)
        })
    }

    /// Records (or replaces) a work's acceptance.
    pub fn set_acceptance(&mut self, a: &Acceptance) -> Result<()> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, a.item)?;
            let old = read_after_plan(tx, cycle)?.acceptance(a.item).cloned();
            tx.execute(
                "INSERT INTO acceptances (item_id, cycle_id, date, result, signed_by, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (item_id) DO UPDATE SET date = excluded.date,
                   result = excluded.result, signed_by = excluded.signed_by,
                   note = excluded.note",
                params![
                    a.item.0,
                    cycle.0,
                    a.date,
                    a.result.code(),
                    a.signed_by.trim(),
                    a.note.trim()
                ],
            )?;
            audit_row(tx, "acceptances", a.item.0, old.as_ref(), Some(a))
        })
    }

    /// Records a public posting of the finances, kept as posted; returns its id.
    pub fn add_disclosure(&mut self, d: &Disclosure) -> Result<i64> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, d.item)?;
            let [people, commune, district, programme, other] = budget_params(&d.amounts);
            tx.execute(
                &format!(
                    "INSERT INTO disclosures (item_id, cycle_id, date, place, spent_vnd, note,
                       {BUDGET_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                ),
                params![
                    d.item.0,
                    cycle.0,
                    d.date,
                    d.place.trim(),
                    d.spent,
                    d.note.trim(),
                    people,
                    commune,
                    district,
                    programme,
                    other
                ],
            )?;
            let id = tx.last_insert_rowid();
            let saved = Disclosure { id, ..d.clone() };
            audit_row(tx, "disclosures", id, None, Some(&saved))?;
            Ok(id)
        })
    }

    /// Records (or replaces) an item's evaluation in one round.
    pub fn set_evaluation(&mut self, e: &Evaluation) -> Result<()> {
        self.edit(|tx| {
            let cycle = item_cycle(tx, e.item)?;
            let old = read_after_plan(tx, cycle)?
                .evaluation(e.item, e.round)
                .cloned();
            tx.execute(
                "INSERT INTO evaluations (item_id, cycle_id, round, date, progress, completion,
                   quality, difficulties, against_plan, against_last_year)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (item_id, round) DO UPDATE SET date = excluded.date,
                   progress = excluded.progress, completion = excluded.completion,
                   quality = excluded.quality, difficulties = excluded.difficulties,
                   against_plan = excluded.against_plan,
                   against_last_year = excluded.against_last_year",
                params![
                    e.item.0,
                    cycle.0,
                    e.round.code(),
                    e.date,
                    e.progress.code(),
                    e.completion,
                    e.quality.map(Quality::code),
                    e.difficulties.trim(),
                    e.against_plan.trim(),
                    e.against_last_year.trim()
                ],
            )?;
            let table = format!("evaluations.{}", e.round.code());
            audit_row(tx, &table, e.item.0, old.as_ref(), Some(e))
        })
    }
}
