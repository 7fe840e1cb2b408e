//! The catalogue's storage rows (issue 17): files lost, linked, foreign, damaged, not
//! regular, too large, replaced, another user's; names of combining marks only.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::{
    Expect, Observed, Row, TIMEOUT, Tmux, cli_on_spoiled_file, db_fingerprint, demo_db,
    export_args, fingerprint, home_form, is_root, observe_app, observe_cli, release_binary,
    run_piped, run_with_permissions, s, sh_path, tmp,
};
use kehoach::i18n::Lang;
use kehoach::store::{MIGRATIONS, Store};
use kehoach::tui::app::App;
use kehoach::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

/// The bytes of a SQLite file another program wrote: `sql` run, `user_version` set.
fn foreign_sqlite(sql: &str, version: u32) -> Vec<u8> {
    let dir = tmp();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    drop(conn);
    std::fs::read(&path).unwrap()
}

/// A kehoach file of schema version 3 from before files were marked, with data in it.
fn old_kehoach_file(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    for sql in MIGRATIONS.iter().take(3) {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 3).unwrap();
    let filler = "x".repeat(2000);
    for i in 0..200 {
        conn.execute(
            "INSERT INTO audit_log (entity, entity_id, field, new_value) \
             VALUES ('test', ?1, 'note', ?2)",
            rusqlite::params![i, filler],
        )
        .unwrap();
    }
}

/// Files in `dir` whose names end with `suffix`.
fn names_ending(dir: &Path, suffix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(suffix))
        .collect()
}

/// Case 1: the app on a file whose folder is deleted; the next save is refused and the
/// rescue copy, once accepted, holds everything saved before.
fn deleted_while_open() -> Result<Observed, String> {
    let dir = tmp();
    let folder = dir.path().join("usb");
    let db = folder.join("xa.db");
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    kehoach::demo::populate(&mut store).map_err(|e| e.to_string())?;
    let mut app = App::new(store, Lang::Vi, Theme::mono()).map_err(|e| e.to_string())?;
    let before = fingerprint(app.store());
    std::fs::remove_dir_all(&folder).unwrap();
    super::press(&mut app, KeyCode::Char('c'));
    super::type_text(&mut app, "Hòa Phú");
    super::press(&mut app, KeyCode::Enter);
    let mut o = observe_app(&app, before);
    if !o.text.contains("Ghi tất cả sang tệp mới") {
        o.problems.push("no rescue offered".into());
    }
    super::press(&mut app, KeyCode::Char('y'));
    let rescued = names_ending(dir.path(), ".db");
    let now_on = app.store().path().map(Path::to_path_buf);
    match rescued.as_slice() {
        [name] if name.starts_with("xa-cuu-") => {
            if now_on != Some(dir.path().join(name)) {
                o.problems
                    .push(format!("the app did not move to the copy: {now_on:?}"));
            }
            if fingerprint(app.store()) != before {
                o.problems.push("the rescue copy lacks saved edits".into());
            }
        }
        other => o.problems.push(format!("rescue files: {other:?}")),
    }
    if !super::screen(&app, 100, 40).contains("Đã ghi bản cứu") {
        o.problems.push("the rescue is not reported".into());
    }
    Ok(o)
}

/// Case 2: a second window through a hard link to the open file.
fn hard_link_second_window() -> Result<Observed, String> {
    let dir = tmp();
    let db = demo_db(dir.path());
    let before = db_fingerprint(&db)?;
    let link = dir.path().join("link.db");
    std::fs::hard_link(&db, &link).unwrap();
    let script = format!("exec {} --db {}", sh_path(&release_binary()), sh_path(&db));
    let first = Tmux::start(dir.path(), &script);
    first.wait_for("Kỳ kế hoạch", TIMEOUT)?;
    let out = run_piped(dir.path(), &["demo", "--db", &s(&link)]);
    first.send_keys(&["q"]);
    first.wait_for_exit(TIMEOUT)?;
    drop(first);
    Ok(observe_cli(out, before, db_fingerprint(&db)?))
}

/// Case 7 (and 6): export, edit a file by hand, export --force twice: the hand edit is
/// kept under a stamped name, and every file is owner-only.
fn force_twice() -> Result<Observed, String> {
    let dir = tmp();
    let db = demo_db(dir.path());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let mut args = export_args(&db, "Buôn Kram", "2026", &out_dir);
    args.extend(["--format".into(), "csv,json,html".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let first = run_piped(dir.path(), &refs);
    assert!(first.status.success(), "{first:?}");
    let json = out_dir.join("buon-kram-2026.json");
    let hand = b"hand-edited by the commune officer".to_vec();
    std::fs::write(&json, &hand).unwrap();
    let mut forced = refs.clone();
    forced.push("--force");
    let before = db_fingerprint(&db)?;
    let _ = run_piped(dir.path(), &forced);
    let last = run_piped(dir.path(), &forced);
    let mut o = observe_cli(last, before, db_fingerprint(&db)?);
    o.text = String::from_utf8_lossy(&o.cli.as_ref().unwrap().stdout).into();
    if !o.cli.as_ref().unwrap().status.success() {
        o.problems.push("export --force failed".into());
    }
    let kept = names_ending(&out_dir, ".bak");
    let hand_kept = kept
        .iter()
        .any(|n| std::fs::read(out_dir.join(n)).unwrap() == hand);
    if !hand_kept {
        o.problems
            .push(format!("the hand edit is lost; kept: {kept:?}"));
    }
    for entry in std::fs::read_dir(&out_dir).unwrap() {
        let path = entry.unwrap().path();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        if mode != 0o600 {
            o.problems.push(format!("{} is {mode:o}", path.display()));
        }
    }
    o.cli = None;
    Ok(o)
}

/// Cases 8 and 11: the backup before a migration hits the file-size limit: one "disk full"
/// line that says nothing was lost, no file under the backup's name, the file unchanged.
fn backup_cut_short() -> Result<Observed, String> {
    let dir = tmp();
    let db = dir.path().join("old.db");
    old_kehoach_file(&db);
    let bytes = std::fs::read(&db).unwrap();
    let out = super::demo_under_file_limit(dir.path(), &db, bytes.len() / 512 / 2);
    let mut o = observe_cli(out, (0, 0), (0, 0));
    if std::fs::read(&db).unwrap() != bytes {
        o.problems.push("the database changed".into());
    }
    let left: Vec<String> = names_ending(dir.path(), ".bak")
        .into_iter()
        .chain(names_ending(dir.path(), ".tmp"))
        .collect();
    if !left.is_empty() {
        o.problems.push(format!("files left: {left:?}"));
    }
    Ok(o)
}

/// Case 9: the database file belongs to another user (after `sudo kehoach`).
fn another_users_file() -> Result<Observed, String> {
    if !is_root() {
        return Err("not root: cannot give the file to another user; cannot be enforced".into());
    }
    let dir = tmp();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = demo_db(dir.path());
    let before = db_fingerprint(&db)?;
    let bytes = std::fs::read(&db).unwrap();
    std::os::unix::fs::chown(&db, Some(12345), Some(12345)).unwrap();
    let out = run_with_permissions(dir.path(), &["demo", "--db", &s(&db)])?;
    let mut o = observe_cli(out, before, before);
    if std::fs::read(&db).unwrap() != bytes {
        o.problems.push("the file changed".into());
    }
    std::os::unix::fs::chown(&db, Some(0), Some(0)).unwrap();
    o.after = db_fingerprint(&db)?;
    Ok(o)
}

/// The storage rows of the catalogue.
pub(super) fn rows() -> Vec<Row> {
    use Expect::{Accepted, Refused};
    vec![
        Row {
            name: "database folder deleted while the app runs (USB pulled)",
            fed: "app on usb/xa.db, folder removed, c 'Hòa Phú' Enter, then y to rescue",
            expect: Refused("đã biến mất"),
            run: deleted_while_open,
            bug: None,
        },
        Row {
            name: "second window through a hard link",
            fed: "cli: demo --db link.db while kehoach --db k.db runs in tmux",
            expect: Refused("đang được mở ở một cửa sổ kehoach khác"),
            run: hard_link_second_window,
            bug: None,
        },
        Row {
            name: "another program's SQLite file (a notes table)",
            fed: "cli: demo --db notes.db",
            expect: Refused("là cơ sở dữ liệu SQLite của chương trình khác"),
            run: || {
                cli_on_spoiled_file(
                    |_| {
                        foreign_sqlite(
                            "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');",
                            0,
                        )
                    },
                    |db| vec!["demo".into(), "--db".into(), s(db)],
                )
            },
            bug: None,
        },
        Row {
            name: "another program's SQLite file at user_version 3",
            fed: "cli: demo --db v3.db",
            expect: Refused("là cơ sở dữ liệu SQLite của chương trình khác"),
            run: || {
                cli_on_spoiled_file(
                    |_| foreign_sqlite("CREATE TABLE notes (body TEXT);", 3),
                    |db| vec!["demo".into(), "--db".into(), s(db)],
                )
            },
            bug: None,
        },
        Row {
            name: "database truncated to 99 %",
            fed: "cli: export --db hong.db (a copy cut at 99 %)",
            expect: Refused("hong.db không phải tệp dữ liệu kehoach hoặc đã bị hỏng"),
            run: || {
                let src = tmp();
                let good = std::fs::read(demo_db(src.path())).unwrap();
                cli_on_spoiled_file(
                    move |_| good[..good.len() * 99 / 100].to_vec(),
                    |db| {
                        let out = db.parent().unwrap().to_path_buf();
                        export_args(db, "Buôn Kram", "2026", &out)
                    },
                )
            },
            bug: None,
        },
        Row {
            name: "check of a device that never ends",
            fed: "cli: check /dev/zero",
            expect: Refused("không phải là một tệp thường"),
            run: || {
                let dir = tmp();
                let out = run_piped(dir.path(), &["check", "/dev/zero"]);
                Ok(observe_cli(out, (0, 0), (0, 0)))
            },
            bug: None,
        },
        Row {
            name: "database that is a device",
            fed: "cli: demo --db /dev/null",
            expect: Refused("không phải là một tệp thường"),
            run: || {
                let dir = tmp();
                let out = run_piped(dir.path(), &["demo", "--db", "/dev/null"]);
                Ok(observe_cli(out, (0, 0), (0, 0)))
            },
            bug: None,
        },
        Row {
            name: "bundle over 64 MB",
            fed: "cli: check big.json (65 MB, sparse)",
            expect: Refused("quá lớn"),
            run: || {
                let dir = tmp();
                let big = dir.path().join("big.json");
                let file = std::fs::File::create(&big).unwrap();
                file.set_len(65 * 1024 * 1024).unwrap();
                let out = run_piped(dir.path(), &["check", &s(&big)]);
                Ok(observe_cli(out, (0, 0), (0, 0)))
            },
            bug: None,
        },
        Row {
            name: "export --force twice after a hand edit (every replaced file kept, 0600)",
            fed: "cli: export; edit the .json; export --force; export --force",
            expect: Accepted,
            run: force_twice,
            bug: None,
        },
        Row {
            name: "backup before a migration cut short by the file-size limit",
            fed: "cli: sh -c 'ulimit -f HALF; kehoach demo --db old.db' (schema 3)",
            expect: Refused("chưa có gì bị mất"),
            run: backup_cut_short,
            bug: None,
        },
        Row {
            name: "database owned by another user (after sudo kehoach)",
            fed: "cli: demo --db k.db, k.db owned by uid 12345 (setpriv without DAC override)",
            expect: Refused("thuộc về người dùng khác"),
            run: another_users_file,
            bug: None,
        },
        Row {
            name: "commune name of combining marks only",
            fed: "app: home c, paste U+0301 U+0303, Enter",
            expect: Refused("Hãy nhập tên"),
            run: || Ok(home_form('c', "\u{301}\u{303}", true)),
            bug: None,
        },
    ]
}
