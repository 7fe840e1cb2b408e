//! Storage safety (issue 17) at the store: the file lost while open, links to one file,
//! other programs' SQLite files, damage, non-regular paths, owner-only copies, the lock.
//! The command-line and interface refusals are rows of the bad-input catalogue
//! (tests/bad_inputs/storage.rs).

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use kehoach::domain::VillageKind;
use kehoach::store::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, StoreError};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A database with one commune and village at `dir/k.db`.
fn small_db(dir: &Path) -> PathBuf {
    let path = dir.join("k.db");
    let mut store = Store::open(&path).unwrap();
    let c = store
        .create_commune("Ea Tiêu", "Cư Kuin", "Đắk Lắk")
        .unwrap();
    store
        .create_village(c.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    path
}

fn application_id(path: &Path) -> i32 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap()
}

/// A file as kehoach before the mark wrote it: migrations up to `version`, no mark.
fn unmarked_kehoach_file(path: &Path, version: u32) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in MIGRATIONS.iter().take(version as usize) {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", version).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---- case 1: the file deleted or replaced while open

#[test]
fn an_edit_after_the_file_was_deleted_is_refused_and_the_rescue_keeps_everything() {
    let dir = tmp();
    let path = small_db(dir.path());
    let mut store = Store::open(&path).unwrap();
    let commune = store.communes().unwrap()[0].id;
    store.rename_commune(commune, "Ea Tiêu mới").unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert!(store.is_gone());
    let refused = store.rename_commune(commune, "Mất");
    assert!(
        matches!(&refused, Err(StoreError::FileGone(p)) if p == &path),
        "{refused:?}"
    );
    let text = kehoach::messages::store_error(kehoach::i18n::Lang::Vi, &refused.unwrap_err());
    assert!(
        text.contains("đã biến mất") && text.contains("CHƯA được lưu"),
        "{text}"
    );

    let rescue = dir.path().join("cuu.db");
    store.rescue_to(&rescue).unwrap();
    drop(store);
    let back = Store::open(&rescue).unwrap();
    assert!(back.integrity_ok().unwrap());
    let names: Vec<String> = back
        .communes()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names,
        ["Ea Tiêu mới"],
        "every saved edit is in the rescue copy"
    );
    #[cfg(unix)]
    assert_eq!(mode(&rescue), 0o600);
    assert!(!path.exists(), "nothing was written under the lost name");
}

#[test]
fn an_edit_after_the_path_was_given_to_another_file_is_refused_and_that_file_kept() {
    let dir = tmp();
    let path = small_db(dir.path());
    let mut store = Store::open(&path).unwrap();
    let other = dir.path().join("other.db");
    std::fs::copy(&path, &other).unwrap();
    std::fs::rename(&other, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let commune = store.communes().unwrap()[0].id;
    let refused = store.rename_commune(commune, "Mất");
    assert!(
        matches!(refused, Err(StoreError::FileGone(_))),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the new file is untouched"
    );
}

// ---- case 2: one file under two names

#[cfg(unix)]
#[test]
fn a_second_store_through_a_hard_or_symbolic_link_is_refused() {
    let dir = tmp();
    let path = small_db(dir.path());
    let _first = Store::open(&path).unwrap();
    let hard = dir.path().join("hard.db");
    std::fs::hard_link(&path, &hard).unwrap();
    let soft = dir.path().join("soft.db");
    std::os::unix::fs::symlink(&path, &soft).unwrap();
    for link in [&hard, &soft] {
        let got = Store::open(link);
        assert!(
            matches!(got, Err(StoreError::Locked(_))),
            "{}",
            link.display()
        );
    }
    assert!(
        !dir.path().join("k.db.lock").exists(),
        "the lock is on the file itself"
    );
}

// ---- case 3: whose file

#[test]
fn new_files_are_marked_as_kehoach_s() {
    let dir = tmp();
    let path = small_db(dir.path());
    assert_eq!(application_id(&path), APPLICATION_ID);
    let memory = Store::open_in_memory().unwrap();
    assert_eq!(memory.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn kehoach_s_own_older_files_are_marked_when_opened() {
    for version in [1, 3, SCHEMA_VERSION] {
        let dir = tmp();
        let path = dir.path().join("old.db");
        unmarked_kehoach_file(&path, version);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        drop(store);
        assert_eq!(application_id(&path), APPLICATION_ID, "version {version}");
    }
}

#[test]
fn another_program_s_sqlite_file_is_refused_unchanged() {
    for (sql, version) in [
        ("CREATE TABLE notes (body TEXT);", 0),
        ("CREATE TABLE notes (body TEXT);", 3),
    ] {
        let dir = tmp();
        let path = dir.path().join("notes.db");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        let got = Store::open(&path);
        assert!(matches!(got, Err(StoreError::Foreign(_))), "v{version}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "v{version}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no backup, journal or lock left: {names:?}");
    }
}

// ---- case 4: damage

#[test]
fn a_truncated_file_is_refused_at_open_unchanged() {
    let dir = tmp();
    let path = small_db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.truncate(bytes.len() * 99 / 100);
    std::fs::write(&path, &bytes).unwrap();
    let got = Store::open(&path);
    assert!(
        matches!(got, Err(StoreError::NotADatabase(_))),
        "{:?}",
        got.err()
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn damage_inside_a_table_is_found_before_a_backup() {
    let dir = tmp();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let path = src.join("demo.db");
    {
        let mut store = Store::open(&path).unwrap();
        kehoach::demo::populate(&mut store).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    for b in &mut bytes[8192..12288] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    // The start-up check reads only the header and the size: this damage opens.
    let store = Store::open(&path).unwrap();
    assert!(matches!(
        store.check_sound(),
        Err(StoreError::NotADatabase(_))
    ));
    let backup = dir.path().join("b.bak");
    assert!(store.backup_to(&backup).is_err());
    assert!(!backup.exists(), "no backup of a damaged file");
}

// ---- case 5: not a regular file

#[cfg(unix)]
#[test]
fn a_device_or_a_folder_is_not_opened_as_a_database() {
    let dir = tmp();
    for path in [Path::new("/dev/null"), dir.path()] {
        let got = Store::open(path);
        assert!(
            matches!(got, Err(StoreError::NotRegular(_))),
            "{}",
            path.display()
        );
    }
}

// ---- cases 6 and 8: owner-only backups, written whole or not at all

#[cfg(unix)]
#[test]
fn backups_before_a_migration_and_a_deletion_are_owner_only() {
    let dir = tmp();
    let path = dir.path().join("old.db");
    unmarked_kehoach_file(&path, 3);
    let mut store = Store::open(&path).unwrap();
    let migration_backup = dir.path().join("old.db.v3.bak");
    assert_eq!(mode(&migration_backup), 0o600);
    let c = store.create_commune("Ea Tiêu", "", "Đắk Lắk").unwrap();
    let v = store
        .create_village(c.id, "Buôn Kram", VillageKind::Buon)
        .unwrap();
    let backup = store.delete_village(v.id).unwrap().unwrap();
    assert_eq!(mode(&backup), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

// ---- case 9: a lock file left by another user

#[cfg(unix)]
#[test]
fn a_stale_lock_file_of_another_user_does_not_lock_anyone_out() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tmp();
    let path = small_db(dir.path());
    let stale = dir.path().join("k.db.lock");
    std::fs::write(&stale, b"").unwrap();
    std::fs::set_permissions(&stale, std::fs::Permissions::from_mode(0o000)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.communes().unwrap().len(), 1);
}
