//! The SQLite store through its public API, on real files: round trips, migrations from
//! every earlier schema version, the audit log, the single-writer lock, refusals with a
//! clear error, file permissions and pragmas.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kehoach::domain::{CommuneId, NewCycle, VillageId, VillageKind};
use kehoach::store::{HomeEntry, MIGRATIONS, SCHEMA_VERSION, Store, StoreError};
use rusqlite::Connection;
use tempfile::TempDir;

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temporary directory")
}

fn db_in(dir: &TempDir) -> PathBuf {
    dir.path().join("k.db")
}

fn new_cycle(village: VillageId, year: i32, span: u8) -> NewCycle {
    NewCycle {
        village_id: village,
        year,
        medium_term_span: span,
    }
}

/// A commune, two villages and a cycle written to `path`; returns nothing, the file holds it.
fn write_sample(path: &Path) -> (CommuneId, VillageId) {
    let mut store = Store::open(path).expect("open new file");
    let commune = store
        .create_commune("Hòa Phú", "Buôn Ma Thuột", "Đắk Lắk")
        .expect("create commune");
    let village = store
        .create_village(commune.id, "Buôn Kô Sier", VillageKind::Buon)
        .expect("create village");
    store
        .create_village(commune.id, "Thôn 3", VillageKind::Thon)
        .expect("create second village");
    store
        .create_cycle(&new_cycle(village.id, 2026, 5))
        .expect("create cycle");
    (commune.id, village.id)
}

// ---------------------------------------------------------------- round trips

#[test]
fn commune_village_and_cycle_survive_reopening_the_file() {
    let dir = tmp();
    let path = db_in(&dir);
    let (commune_id, village_id) = write_sample(&path);

    let store = Store::open(&path).expect("reopen");
    let communes = store.communes().expect("communes");
    assert_eq!(communes.len(), 1);
    assert_eq!(communes[0].id, commune_id);
    assert_eq!(communes[0].name, "Hòa Phú");
    assert_eq!(communes[0].district, "Buôn Ma Thuột");
    assert_eq!(communes[0].province, "Đắk Lắk");

    let villages = store.villages(commune_id).expect("villages");
    let names: Vec<&str> = villages.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Buôn Kô Sier", "Thôn 3"]);
    assert_eq!(villages[0].kind, VillageKind::Buon);
    assert_eq!(villages[1].kind, VillageKind::Thon);
    assert_eq!(
        store.village(village_id).expect("village").name,
        "Buôn Kô Sier"
    );

    let cycles = store.cycles(village_id).expect("cycles");
    assert_eq!(cycles.len(), 1);
    let cycle = &cycles[0];
    assert_eq!(
        (cycle.year, cycle.medium_term_start, cycle.medium_term_span),
        (2026, 2026, 5)
    );
    assert!(!cycle.closed);
    assert_eq!(store.cycle(cycle.id).expect("cycle by id"), *cycle);
    assert!(!store.is_empty().expect("is_empty"));
}

#[test]
fn home_entries_list_communes_villages_and_cycles_in_order() {
    let dir = tmp();
    let path = db_in(&dir);
    write_sample(&path);
    let store = Store::open(&path).expect("reopen");
    let entries = store.home_entries().expect("home entries");
    let shape: Vec<String> = entries
        .iter()
        .map(|e| match e {
            HomeEntry::Commune(c) => format!("commune {}", c.name),
            HomeEntry::Village(v) => format!("village {}", v.name),
            HomeEntry::Cycle { year, .. } => format!("cycle {year}"),
        })
        .collect();
    assert_eq!(
        shape,
        [
            "commune Hòa Phú",
            "village Buôn Kô Sier",
            "cycle 2026",
            "village Thôn 3"
        ]
    );
}

#[test]
fn renames_survive_reopening_the_file() {
    let dir = tmp();
    let path = db_in(&dir);
    let (commune_id, village_id) = write_sample(&path);
    {
        let mut store = Store::open(&path).expect("open");
        store
            .rename_commune(commune_id, "Ea Tu")
            .expect("rename commune");
        store
            .rename_village(village_id, "Buôn Ê Nao")
            .expect("rename village");
    }
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.communes().expect("communes")[0].name, "Ea Tu");
    assert_eq!(
        store.village(village_id).expect("village").name,
        "Buôn Ê Nao"
    );
    // The cycle still hangs off the renamed village.
    assert_eq!(store.cycles(village_id).expect("cycles").len(), 1);
}

#[test]
fn renaming_a_missing_record_is_not_found() {
    let mut store = Store::open_in_memory().expect("in memory");
    assert!(matches!(
        store.rename_commune(CommuneId(42), "x"),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.rename_village(VillageId(42), "x"),
        Err(StoreError::NotFound)
    ));
    assert!(store.audit_log().expect("audit").is_empty());
}

#[test]
fn a_new_store_is_empty_and_at_the_latest_version() {
    let dir = tmp();
    let store = Store::open(&db_in(&dir)).expect("open");
    assert!(store.is_empty().expect("is_empty"));
    assert!(store.home_entries().expect("entries").is_empty());
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert!(store.integrity_ok().expect("integrity"));
    assert_eq!(store.path(), Some(db_in(&dir).as_path()));
    let memory = Store::open_in_memory().expect("in memory");
    assert_eq!(memory.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(memory.path(), None);
}

#[test]
fn the_demo_fills_an_empty_store() {
    let dir = tmp();
    let path = db_in(&dir);
    let cycle_id = {
        let mut store = Store::open(&path).expect("open");
        kehoach::demo::populate(&mut store).expect("demo")
    };
    let store = Store::open(&path).expect("reopen");
    let cycle = store.cycle(cycle_id).expect("demo cycle");
    assert_eq!(cycle.year, kehoach::demo::DEMO_YEAR);
    let village = store.village(cycle.village_id).expect("demo village");
    assert_eq!(village.name, kehoach::demo::DEMO_VILLAGE);
    assert!(store.integrity_ok().expect("integrity"));
}

// ---------------------------------------------------------------- migrations

#[test]
fn migrations_are_numbered_one_per_version() {
    assert_eq!(usize::try_from(SCHEMA_VERSION).unwrap(), MIGRATIONS.len());
    const { assert!(SCHEMA_VERSION >= 1) };
}

#[test]
fn an_empty_existing_file_is_migrated() {
    let dir = tmp();
    let path = db_in(&dir);
    std::fs::write(&path, b"").expect("empty file");
    let store = Store::open(&path).expect("open empty file");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert!(store.is_empty().expect("is_empty"));
    // Version 0 has nothing to lose: no backup.
    assert!(!backup_path(&path, 0).exists());
}

fn backup_path(path: &Path, version: u32) -> PathBuf {
    PathBuf::from(format!("{}.v{version}.bak", path.display()))
}

/// Builds a file at schema version `v` by applying the first `v` migrations by hand, and
/// puts a commune in it when that table exists. Returns whether a row was written.
fn file_at_version(path: &Path, v: u32) -> bool {
    let mut conn = Connection::open(path).expect("raw open");
    for sql in &MIGRATIONS[..usize::try_from(v).unwrap()] {
        let tx = conn.transaction().expect("tx");
        tx.execute_batch(sql).expect("apply migration by hand");
        tx.commit().expect("commit");
    }
    conn.pragma_update(None, "user_version", v)
        .expect("set user_version");
    let has_communes: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'communes'",
            [],
            |r| r.get(0),
        )
        .expect("look for communes table");
    if has_communes {
        conn.execute(
            "INSERT INTO communes (name, district, province) VALUES ('Ea Kao', 'Buôn Ma Thuột', 'Đắk Lắk')",
            [],
        )
        .expect("insert a commune");
    }
    has_communes
}

#[test]
fn every_earlier_schema_version_migrates_to_the_latest_keeping_data() {
    for v in 0..SCHEMA_VERSION {
        let dir = tmp();
        let path = db_in(&dir);
        let wrote_row = file_at_version(&path, v);

        let store = Store::open(&path).unwrap_or_else(|e| panic!("open version {v}: {e}"));
        assert_eq!(
            store.schema_version().expect("version"),
            SCHEMA_VERSION,
            "from version {v}"
        );
        assert!(store.integrity_ok().expect("integrity"), "from version {v}");
        if wrote_row {
            let names: Vec<String> = store
                .communes()
                .expect("communes")
                .into_iter()
                .map(|c| c.name)
                .collect();
            assert_eq!(names, ["Ea Kao"], "data kept from version {v}");
        }
        let backup = backup_path(&path, v);
        if v > 0 {
            assert!(backup.exists(), "backup {} missing", backup.display());
            let old = Connection::open(&backup).expect("open backup");
            let old_version: u32 = old
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .expect("backup version");
            assert_eq!(old_version, v, "the backup keeps the old schema");
        } else {
            assert!(!backup.exists(), "no backup of an empty version-0 file");
        }
        if wrote_row {
            let conn = Connection::open(&path).expect("raw open");
            let missing: i64 = conn
                .query_row(
                    "SELECT count(*) FROM communes WHERE code IS NULL",
                    [],
                    |r| r.get(0),
                )
                .expect("count codes");
            assert_eq!(
                missing, 0,
                "existing communes get an exchange code from version {v}"
            );
        }
        // The migrated store works: a write goes through.
        drop(store);
        let mut store = Store::open(&path).expect("reopen");
        store
            .create_commune("Cư Êbur", "", "Đắk Lắk")
            .expect("write after migration");
    }
}

#[test]
fn opening_a_current_file_makes_no_backup() {
    let dir = tmp();
    let path = db_in(&dir);
    write_sample(&path);
    drop(Store::open(&path).expect("reopen"));
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .expect("read dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert!(backups.is_empty(), "unexpected backups: {backups:?}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tmp();
    let path = db_in(&dir);
    write_sample(&path);
    {
        let conn = Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("bump version");
    }
    match Store::open(&path) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    // Nothing was changed: still the newer version.
    let conn = Connection::open(&path).expect("raw open");
    let v: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, SCHEMA_VERSION + 1);
}

// ---------------------------------------------------------------- audit log

#[test]
fn every_change_writes_an_audit_row() {
    let mut store = Store::open_in_memory().expect("in memory");
    let commune = store
        .create_commune("Hòa Phú", "Buôn Đôn", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Đrăng", VillageKind::Buon)
        .expect("village");
    let cycle = store
        .create_cycle(&new_cycle(village.id, 2026, 5))
        .expect("cycle");
    store.rename_commune(commune.id, "Ea Nuôl").expect("rename");
    store
        .rename_village(village.id, "Buôn Trí")
        .expect("rename village");

    let log = store.audit_log().expect("audit log");
    type Row<'a> = (&'a str, i64, &'a str, Option<&'a str>, Option<&'a str>);
    let rows: Vec<Row> = log
        .iter()
        .map(|e| {
            (
                e.entity.as_str(),
                e.entity_id,
                e.field.as_str(),
                e.old_value.as_deref(),
                e.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("commune", commune.id.0, "*", None, Some("Hòa Phú")),
            ("village", village.id.0, "*", None, Some("Buôn Đrăng")),
            ("cycle", cycle.id.0, "*", None, Some("2026")),
            ("meeting", 1, "*", None, Some("village1")),
            ("meeting", 2, "*", None, Some("village2")),
            ("meeting", 3, "*", None, Some("annual_approval")),
            (
                "commune",
                commune.id.0,
                "name",
                Some("Hòa Phú"),
                Some("Ea Nuôl")
            ),
            (
                "village",
                village.id.0,
                "name",
                Some("Buôn Đrăng"),
                Some("Buôn Trí")
            ),
        ]
    );
    for e in &log {
        // ISO 8601 time, e.g. 2026-03-01T08:15:02.123
        assert!(
            e.at.len() >= 19 && e.at.as_bytes()[4] == b'-' && e.at.as_bytes()[10] == b'T',
            "time {:?}",
            e.at
        );
    }
}

#[test]
fn refused_changes_leave_no_audit_row() {
    let mut store = Store::open_in_memory().expect("in memory");
    let commune = store
        .create_commune("Ea Tu", "", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Ky", VillageKind::Buon)
        .expect("village");
    store
        .create_cycle(&new_cycle(village.id, 2026, 5))
        .expect("cycle");
    let before = store.audit_log().expect("audit").len();
    assert!(store.create_cycle(&new_cycle(village.id, 2026, 3)).is_err());
    assert!(
        store
            .create_village(CommuneId(9999), "Nowhere", VillageKind::Thon)
            .is_err()
    );
    assert_eq!(store.audit_log().expect("audit").len(), before);
}

#[test]
fn the_audit_log_is_append_only() {
    let dir = tmp();
    let path = db_in(&dir);
    write_sample(&path);
    let conn = Connection::open(&path).expect("raw open");
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .expect("count")
    };
    let before = count(&conn);
    assert!(before >= 4);
    let update = conn.execute("UPDATE audit_log SET new_value = 'forged'", []);
    assert!(update.is_err(), "UPDATE on audit_log must fail");
    assert!(
        update.unwrap_err().to_string().contains("append-only"),
        "the refusal names the rule"
    );
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    assert!(
        conn.execute("DELETE FROM audit_log WHERE id = 1", [])
            .is_err()
    );
    assert_eq!(count(&conn), before);
    let forged: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE new_value = 'forged'",
            [],
            |r| r.get(0),
        )
        .expect("count forged");
    assert_eq!(forged, 0);
}

// ---------------------------------------------------------------- cycles

#[test]
fn a_second_cycle_for_the_same_year_is_refused() {
    let mut store = Store::open_in_memory().expect("in memory");
    let commune = store
        .create_commune("Ea Tu", "", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Ky", VillageKind::Buon)
        .expect("village");
    let other = store
        .create_village(commune.id, "Thôn 1", VillageKind::Thon)
        .expect("other village");
    store
        .create_cycle(&new_cycle(village.id, 2026, 5))
        .expect("first cycle");
    match store.create_cycle(&new_cycle(village.id, 2026, 4)) {
        Err(e @ StoreError::Refused(_)) => assert_eq!(e.message_key(), "err.cycle_year_taken"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(store.cycles(village.id).expect("cycles").len(), 1);
    // Another village may plan the same year.
    store
        .create_cycle(&new_cycle(other.id, 2026, 5))
        .expect("same year, other village");
}

#[test]
fn the_medium_term_period_is_carried_over_while_it_lasts() {
    let mut store = Store::open_in_memory().expect("in memory");
    let commune = store
        .create_commune("Ea Tu", "", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Ky", VillageKind::Buon)
        .expect("village");
    let other = store
        .create_village(commune.id, "Thôn 1", VillageKind::Thon)
        .expect("other village");

    let first = store
        .create_cycle(&new_cycle(village.id, 2026, 3))
        .expect("2026");
    assert_eq!((first.medium_term_start, first.medium_term_span), (2026, 3));
    assert!(first.makes_medium_term_plan());
    assert_eq!(first.medium_term_end(), 2028);

    // 2027 and 2028 carry the 2026-2028 plan whatever span is typed.
    for year in [2027, 2028] {
        let c = store
            .create_cycle(&new_cycle(village.id, year, 5))
            .expect("carried year");
        assert_eq!(
            (c.medium_term_start, c.medium_term_span),
            (2026, 3),
            "{year}"
        );
        assert!(!c.makes_medium_term_plan(), "{year}");
    }
    // 2029 is past the period: a new medium-term plan starts with the typed span.
    let fresh = store
        .create_cycle(&new_cycle(village.id, 2029, 4))
        .expect("2029");
    assert_eq!((fresh.medium_term_start, fresh.medium_term_span), (2029, 4));
    assert!(fresh.makes_medium_term_plan());
    // A year jumped over still finds the period that covers it.
    let later = store
        .create_cycle(&new_cycle(village.id, 2031, 5))
        .expect("2031");
    assert_eq!((later.medium_term_start, later.medium_term_span), (2029, 4));

    // Another village's period is not carried.
    let elsewhere = store
        .create_cycle(&new_cycle(other.id, 2027, 5))
        .expect("other village 2027");
    assert_eq!(
        (elsewhere.medium_term_start, elsewhere.medium_term_span),
        (2027, 5)
    );
    // The cycles come back newest first.
    let years: Vec<i32> = store
        .cycles(village.id)
        .expect("cycles")
        .iter()
        .map(|c| c.year)
        .collect();
    assert_eq!(years, [2031, 2029, 2028, 2027, 2026]);
}

#[test]
fn a_span_outside_three_to_five_years_is_refused_by_the_schema() {
    let mut store = Store::open_in_memory().expect("in memory");
    let commune = store
        .create_commune("Ea Tu", "", "Đắk Lắk")
        .expect("commune");
    let village = store
        .create_village(commune.id, "Buôn Ky", VillageKind::Buon)
        .expect("village");
    assert!(store.create_cycle(&new_cycle(village.id, 2026, 6)).is_err());
    assert!(store.create_cycle(&new_cycle(village.id, 2026, 2)).is_err());
    assert!(store.cycles(village.id).expect("cycles").is_empty());
}

// ---------------------------------------------------------------- opening files

#[test]
fn a_second_open_of_the_same_file_is_locked() {
    let dir = tmp();
    let path = db_in(&dir);
    let first = Store::open(&path).expect("first open");
    match Store::open(&path) {
        Err(StoreError::Locked(p)) => assert_eq!(p, path),
        Err(other) => panic!("expected Locked, got {other:?}"),
        Ok(_) => panic!("two writers on one file"),
    }
    drop(first);
    Store::open(&path).expect("open again once the first is closed");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tmp();
    let path = db_in(&dir);
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    std::fs::write(&path, &garbage).expect("write garbage");
    match Store::open(&path) {
        Err(StoreError::NotADatabase(p)) => assert_eq!(p, path),
        Err(other) => panic!("expected NotADatabase, got {other:?}"),
        Ok(_) => panic!("garbage opened as a database"),
    }
    // The file is left as it was.
    assert_eq!(std::fs::read(&path).expect("read back"), garbage);

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "Biên bản họp thôn\n").expect("write text");
    assert!(matches!(
        Store::open(&text),
        Err(StoreError::NotADatabase(_))
    ));
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// Whether this process can write where permissions say it may not (root can).
#[cfg(unix)]
fn permissions_ignored(read_only_dir: &Path) -> bool {
    let probe = read_only_dir.join(".probe");
    let ignored = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    ignored
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused() {
    let dir = tmp();
    let path = db_in(&dir);
    write_sample(&path);
    set_mode(&path, 0o444);
    match Store::open(&path) {
        Err(StoreError::ReadOnly(p)) => assert_eq!(p, path),
        Err(other) => panic!("expected ReadOnly, got {other:?}"),
        Ok(_) => panic!("a read-only file was opened for writing"),
    }
    set_mode(&path, 0o600);
}

#[cfg(unix)]
#[test]
fn a_new_file_in_a_read_only_folder_is_refused() {
    let dir = tmp();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).expect("mkdir");
    set_mode(&folder, 0o555);
    let path = folder.join("k.db");
    let result = Store::open(&path);
    let ignored = permissions_ignored(&folder);
    set_mode(&folder, 0o755);
    if ignored {
        // Running as root: permissions do not apply, so the open must simply work.
        let store = result.expect("root may write anywhere");
        assert!(store.is_empty().expect("is_empty"));
    } else {
        match result {
            Err(StoreError::ReadOnly(p)) => assert_eq!(p, path),
            Err(other) => panic!("expected ReadOnly, got {other:?}"),
            Ok(_) => panic!("wrote into a read-only folder"),
        }
        assert!(!path.exists(), "no half-made file is left behind");
    }
}

#[cfg(unix)]
#[test]
fn a_new_database_file_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let path = db_in(&dir);
    let mut store = Store::open(&path).expect("open");
    store.create_commune("Ea Tu", "", "Đắk Lắk").expect("write");
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600, "database file");
    // SQLite gives the WAL the database file's permissions.
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    assert!(wal.exists(), "WAL file while open");
    assert_eq!(mode(&wal), 0o600, "WAL file");
}

#[test]
fn the_file_is_in_wal_mode_and_foreign_keys_are_enforced() {
    let dir = tmp();
    let path = db_in(&dir);
    {
        let mut store = Store::open(&path).expect("open");
        // Foreign keys are on in the store's connection: a village needs a real commune.
        assert!(
            store
                .create_village(CommuneId(777), "Buôn Ma", VillageKind::Buon)
                .is_err()
        );
        let c = store
            .create_commune("Ea Tu", "", "Đắk Lắk")
            .expect("commune");
        store
            .create_village(c.id, "Buôn Ma", VillageKind::Buon)
            .expect("village in a real commune");
    }
    // WAL is stored in the file: a fresh connection sees it.
    let conn = Connection::open(&path).expect("raw open");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal_mode");
    assert_eq!(mode.to_lowercase(), "wal");
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM villages WHERE commune_id NOT IN (SELECT id FROM communes)",
            [],
            |r| r.get(0),
        )
        .expect("orphans");
    assert_eq!(orphans, 0);
    let fk_problems: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("foreign_key_check");
    assert_eq!(fk_problems, 0);
}

#[cfg(not(unix))]
#[test]
fn the_lock_file_sits_next_to_the_database() {
    let dir = tmp();
    let path = db_in(&dir);
    let _store = Store::open(&path).expect("open");
    assert!(dir.path().join("k.db.lock").exists());
}

#[cfg(unix)]
#[test]
fn the_lock_is_on_the_database_file_itself() {
    let dir = tmp();
    let path = db_in(&dir);
    let _store = Store::open(&path).expect("open");
    assert!(!dir.path().join("k.db.lock").exists());
    assert!(matches!(Store::open(&path), Err(StoreError::Locked(_))));
}

#[test]
fn a_missing_folder_is_created() {
    let dir = tmp();
    let path = dir.path().join("a").join("b").join("k.db");
    let mut store = Store::open(&path).expect("open in new folders");
    store.create_commune("Ea Tu", "", "Đắk Lắk").expect("write");
    assert!(path.exists());
}

#[test]
fn every_error_has_a_translated_message() {
    let errors = [
        StoreError::Locked(PathBuf::from("k.db")),
        StoreError::NotADatabase(PathBuf::from("k.db")),
        StoreError::ReadOnly(PathBuf::from("k.db")),
        StoreError::NewerSchema {
            found: 9,
            supported: 1,
        },
        StoreError::DiskFull,
        StoreError::NotFound,
        StoreError::Refused("err.cycle_year_taken"),
        StoreError::Sqlite("boom".into()),
        StoreError::Foreign(PathBuf::from("k.db")),
        StoreError::NotRegular(PathBuf::from("k.db")),
        StoreError::FileGone(PathBuf::from("k.db")),
        StoreError::OtherOwner(PathBuf::from("k.db")),
        StoreError::LockUnusable(PathBuf::from("k.db.lock")),
        StoreError::DiskFullAtOpen(PathBuf::from("k.db")),
        StoreError::OpenFailed(PathBuf::from("k.db")),
    ];
    for e in &errors {
        assert!(
            kehoach::i18n::has(e.message_key()),
            "{e:?}: no string {}",
            e.message_key()
        );
        for lang in [kehoach::i18n::Lang::Vi, kehoach::i18n::Lang::En] {
            let text = kehoach::i18n::tf(lang, e.message_key(), &e.message_args());
            assert!(!text.contains("{0}") && !text.contains('\n'), "{text}");
        }
    }
}

#[test]
fn the_home_tree_read_by_one_query_equals_communes_villages_and_cycles_read_one_by_one() {
    let mut store = Store::open_in_memory().expect("store");
    // Names out of id order, a commune without villages, villages without cycles.
    let b = store
        .create_commune("Ea Bar", "Buôn Đôn", "Đắk Lắk")
        .unwrap();
    let a = store
        .create_commune("Cư Pơng", "Krông Búk", "Đắk Lắk")
        .unwrap();
    store
        .create_commune("Xã Trống", "Krông Búk", "Đắk Lắk")
        .unwrap();
    for (commune, names) in [(b.id, ["Thôn 9", "Buôn Ja"]), (a.id, ["Buôn Kô", "Thôn 1"])] {
        for (i, name) in names.into_iter().enumerate() {
            let v = store
                .create_village(commune, name, VillageKind::Thon)
                .unwrap();
            for year in 2024..2024 + i as i32 * 2 {
                store.create_cycle(&new_cycle(v.id, year, 5)).unwrap();
            }
        }
    }
    let mut expected = Vec::new();
    for c in store.communes().unwrap() {
        let villages = store.villages(c.id).unwrap();
        expected.push(HomeEntry::Commune(c));
        for v in villages {
            let cycles = store.cycles(v.id).unwrap();
            expected.push(HomeEntry::Village(v));
            expected.extend(cycles.into_iter().map(|y| HomeEntry::Cycle {
                id: y.id,
                village_id: y.village_id,
                year: y.year,
                closed: y.closed,
            }));
        }
    }
    assert_eq!(expected.len(), 3 + 4 + 4);
    assert_eq!(store.home_entries().unwrap(), expected);
}
