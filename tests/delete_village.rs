//! Deleting a village: the store removes exactly the village's rows from every table (closed
//! cycles and approved plans included) after a backup copy, and the home screen asks for the
//! village's typed name first.

#![allow(clippy::unwrap_used)]

#[path = "common/app.rs"]
mod driver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use driver::{demo_app, press, screen, type_text};
use kehoach::domain::VillageId;
use kehoach::i18n::Lang;
use kehoach::store::{DELETE_ERROR_KEYS, HomeEntry, Store, StoreError};
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use rusqlite::Connection;

/// Every row of every table but the audit log, as text, sorted per table.
type Dump = BTreeMap<String, Vec<String>>;

fn tables(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn dump(path: &Path) -> Dump {
    let conn = Connection::open(path).unwrap();
    let mut out = Dump::new();
    for table in tables(&conn) {
        if table == "audit_log" {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let values: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(values.join("|"))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out.insert(table, rows);
    }
    out
}

/// The schema (tables, indexes, triggers) as sorted (name, sql) pairs.
fn schema(path: &Path) -> Vec<(String, Option<String>)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// `PRAGMA foreign_key_check` rows and `PRAGMA integrity_check`'s verdict.
fn checks(path: &Path) -> (Vec<String>, String) {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let broken = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {:?} -> {}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let verdict = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    (broken, verdict)
}

fn village(store: &Store, name: &str) -> VillageId {
    store
        .home_entries()
        .unwrap()
        .into_iter()
        .find_map(|e| match e {
            HomeEntry::Village(v) if v.name == name => Some(v.id),
            _ => None,
        })
        .unwrap_or_else(|| panic!("village {name} listed"))
}

/// A copy of the demo database at `dir/<name>`, written with `backup_to`.
fn demo_copy(demo: &Path, dir: &Path, name: &str) -> PathBuf {
    let target = dir.join(name);
    Store::open(demo).unwrap().backup_to(&target).unwrap();
    target
}

/// Deletes `name` from the file at `path`; returns the backup path.
fn delete(path: &Path, name: &str) -> PathBuf {
    let mut store = Store::open(path).unwrap();
    let id = village(&store, name);
    let audit_before = store.audit_log().unwrap();
    let backup = store
        .delete_village(id)
        .unwrap()
        .expect("a file store writes a backup");
    let audit = store.audit_log().unwrap();
    assert_eq!(audit.len(), audit_before.len() + 1, "one audit row added");
    assert_eq!(
        &audit[..audit_before.len()],
        &audit_before[..],
        "audit rows kept"
    );
    let last = audit.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.entity_id, last.field.as_str()),
        ("village", id.0, "*")
    );
    assert_eq!(last.old_value.as_deref(), Some(name));
    assert_eq!(
        last.new_value.as_deref(),
        Some(backup.display().to_string().as_str())
    );
    assert!(matches!(store.village(id), Err(StoreError::NotFound)));
    backup
}

fn count(dump: &Dump, table: &str) -> usize {
    dump.get(table).map_or(0, Vec::len)
}

#[test]
fn deleting_each_village_removes_exactly_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.db");
    {
        let mut store = Store::open(&demo).unwrap();
        kehoach::demo::populate(&mut store).unwrap();
        let thon_3 = village(&store, "Thôn 3");
        assert!(
            store.cycles(thon_3).unwrap().iter().any(|c| c.closed),
            "the demo's Thôn 3 has a closed cycle"
        );
    }
    let before = dump(&demo);
    assert!(count(&before, "plan_versions") > 0, "approved plans exist");
    let a = demo_copy(&demo, dir.path(), "a.db");
    let b = demo_copy(&demo, dir.path(), "b.db");
    assert_eq!(dump(&a), before, "backup_to copies every row");

    // a: Thôn 3 goes; b: Buôn Kram goes.
    let backup = delete(&a, "Thôn 3");
    delete(&b, "Buôn Kram");
    let a_after = dump(&a);
    let b_after = dump(&b);
    for path in [&a, &b] {
        assert_eq!(checks(path), (Vec::new(), "ok".to_string()));
        assert_eq!(schema(path), schema(&demo), "triggers and tables unchanged");
    }

    // The backup sits beside the file, opens, and still holds Thôn 3 as it was.
    let file = backup.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(backup.parent(), Some(dir.path()));
    let stamp = file
        .strip_prefix("a.db.before-delete-thon-3-")
        .and_then(|s| s.strip_suffix(".bak"))
        .unwrap_or_else(|| panic!("backup name {file}"));
    assert!(
        stamp.len() == 15 && stamp.chars().nth(8) == Some('-'),
        "YYYYMMDD-HHMMSS: {stamp}"
    );
    {
        let store = Store::open(&backup).unwrap();
        village(&store, "Thôn 3");
    }
    assert_eq!(dump(&backup), before, "the backup holds everything");

    // Then Buôn Kram goes from a too: only the commune's own rows remain.
    delete(&a, "Buôn Kram");
    let last = dump(&a);
    assert_eq!(checks(&a), (Vec::new(), "ok".to_string()));
    let left: Vec<&String> = last
        .iter()
        .filter(|(_, rows)| !rows.is_empty())
        .map(|(t, _)| t)
        .collect();
    // The commune's own rows stay: the commune, its facilitators, and the record of its
    // conference's decisions (the demo's change to Buôn Kram's dam, named as it stood).
    assert_eq!(
        left,
        ["commune_changes", "communes", "facilitators"],
        "rows left: {last:#?}"
    );
    assert_eq!(last["communes"], before["communes"]);
    assert_eq!(last["facilitators"], before["facilitators"]);

    // Each deletion removed its own village's rows and nothing of the other one:
    // before = common + Thôn 3 + Buôn Kram, a = common + Buôn Kram, b = common + Thôn 3.
    for (table, rows) in &before {
        let mut two: Vec<&String> = a_after[table].iter().chain(&b_after[table]).collect();
        let mut expected: Vec<&String> = rows.iter().chain(&last[table]).collect();
        two.sort();
        expected.sort();
        assert_eq!(two, expected, "table {table}");
        for row in &a_after[table] {
            assert!(rows.contains(row), "{table}: a row changed: {row}");
        }
    }
    // Both villages had rows in the tables that matter most, closed-cycle plans included.
    for table in [
        "villages",
        "cycles",
        "meetings",
        "plan_versions",
        "plan_rows",
    ] {
        assert!(
            count(&a_after, table) < count(&before, table),
            "{table} of Thôn 3"
        );
    }
    for table in [
        "villages",
        "cycles",
        "people",
        "meetings",
        "attendance",
        "activities",
    ] {
        assert!(
            count(&b_after, table) < count(&before, table),
            "{table} of Buôn Kram"
        );
    }
}

#[test]
fn the_plan_covers_every_table_holding_village_data() {
    let store = Store::open_in_memory().unwrap();
    let plan = store.village_delete_plan().unwrap();
    let planned: Vec<&str> = plan.iter().map(|s| s.table.as_str()).collect();
    assert_eq!(planned.last(), Some(&"villages"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.db");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let owner_columns = [
        "village_id",
        "cycle_id",
        "person_id",
        "meeting_id",
        "subgroup_id",
        "activity_id",
        "item_id",
        "version_id",
        "leader_id",
    ];
    for table in tables(&conn) {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut stmt = conn
            .prepare(&format!(
                "SELECT \"table\" FROM pragma_foreign_key_list('{table}')"
            ))
            .unwrap();
        let parents: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let holds = table == "villages"
            || columns.iter().any(|c| owner_columns.contains(&c.as_str()))
            || parents.iter().any(|p| planned.contains(&p.as_str()));
        if table == "audit_log" {
            assert!(!planned.contains(&"audit_log"), "the audit log is kept");
            continue;
        }
        if table == "commune_changes" {
            // The commune conference's decisions are the commune's record: a village's
            // activity is named by its code, id and name as it stood, never by a key.
            assert!(
                !planned.contains(&"commune_changes"),
                "the commune's record is kept"
            );
            continue;
        }
        assert_eq!(
            planned.contains(&table.as_str()),
            holds,
            "{table}: holds village data {holds}, planned {planned:?}"
        );
        // Children are deleted before their parents.
        let at = planned.iter().position(|t| *t == table);
        for parent in parents.iter().filter(|p| **p != table) {
            if let (Some(child), Some(parent_at)) = (at, planned.iter().position(|t| t == parent)) {
                assert!(child < parent_at, "{table} before {parent}");
            }
        }
    }
}

#[test]
fn an_in_memory_store_deletes_without_a_backup() {
    let mut store = Store::open_in_memory().unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    let id = village(&store, "Thôn 3");
    assert_eq!(store.delete_village(id).unwrap(), None);
    assert!(store.integrity_ok().unwrap());
    assert!(matches!(
        store.delete_village(id),
        Err(StoreError::NotFound)
    ));
    village(&store, "Buôn Kram");
}

#[test]
fn backup_to_refuses_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("taken.bak");
    std::fs::write(&target, b"keep me").unwrap();
    let store = Store::open_in_memory().unwrap();
    assert!(matches!(
        store.backup_to(&target),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    for key in DELETE_ERROR_KEYS {
        assert!(kehoach::i18n::has(key), "{key} has a text");
    }
}

/// Moves the home selection to the village `name`.
fn select_village(app: &mut App, name: &str) {
    let row = app
        .store()
        .home_entries()
        .unwrap()
        .iter()
        .position(|e| matches!(e, HomeEntry::Village(v) if v.name == name))
        .unwrap();
    for _ in 0..row {
        press(app, KeyCode::Down);
    }
}

fn has_village(app: &App, name: &str) -> bool {
    app.store()
        .home_entries()
        .unwrap()
        .iter()
        .any(|e| matches!(e, HomeEntry::Village(v) if v.name == name))
}

#[test]
fn the_prompt_deletes_only_on_the_exact_name() {
    let mut app = demo_app(Lang::Vi);
    select_village(&mut app, "Thôn 3");
    press(&mut app, KeyCode::Delete);
    insta::assert_snapshot!("delete_village_prompt_vi", screen(&app, 80, 24));

    // A wrong or partial name deletes nothing and says so.
    type_text(&mut app, "Thôn");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 80, 24);
    assert!(text.contains("không khớp"), "{text}");
    assert!(has_village(&app, "Thôn 3"));

    // Esc cancels.
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app, 80, 24).contains("Gõ đúng tên"));
    assert!(has_village(&app, "Thôn 3"));

    // The name typed loosely (no diacritics, any case) but whole deletes.
    press(&mut app, KeyCode::Char('x'));
    type_text(&mut app, "THON 3");
    press(&mut app, KeyCode::Enter);
    assert!(!has_village(&app, "Thôn 3"));
    assert!(has_village(&app, "Buôn Kram"));
    assert!(screen(&app, 80, 24).contains("Đã xoá Thôn 3"));
}

#[test]
fn f2_translates_the_open_prompt_and_keeps_the_typing() {
    let mut app = demo_app(Lang::Vi);
    select_village(&mut app, "Thôn 3");
    press(&mut app, KeyCode::Delete);
    type_text(&mut app, "thon");
    press(&mut app, KeyCode::F(2));
    let text = screen(&app, 80, 24);
    assert!(text.contains("Village name:"), "{text}");
    assert!(!text.contains("Tên thôn, buôn"), "{text}");
    assert!(text.contains("thon"), "{text}");
    type_text(&mut app, " 3");
    press(&mut app, KeyCode::Enter);
    assert!(!has_village(&app, "Thôn 3"));
}

#[test]
fn delete_on_a_commune_or_cycle_line_asks_for_a_village() {
    let mut app = demo_app(Lang::En);
    press(&mut app, KeyCode::Delete);
    assert!(screen(&app, 80, 24).contains("Select a village line"));
    select_village(&mut app, "Buôn Kram");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('x'));
    assert!(screen(&app, 80, 24).contains("Select a village line"));
    assert!(has_village(&app, "Buôn Kram"));
}

#[test]
fn the_status_line_names_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kehoach.db");
    let mut store = Store::open(&path).unwrap();
    kehoach::demo::populate(&mut store).unwrap();
    let mut app = App::new(store, Lang::En, Theme::mono()).unwrap();
    select_village(&mut app, "Buôn Kram");
    press(&mut app, KeyCode::Delete);
    type_text(&mut app, "buon kram");
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 200, 24);
    assert!(text.contains("Deleted Buôn Kram"), "{text}");
    assert!(
        text.contains("kehoach.db.before-delete-buon-kram-"),
        "{text}"
    );
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .expect("backup written");
    assert!(Store::open(&backup.path()).is_ok());
}
